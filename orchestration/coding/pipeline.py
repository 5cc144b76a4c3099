"""The article pipeline in one call: landed article records in, the frames of `ArticleFrames` out.

Source: rows of `raw.articles` (one per article record: a page file or a JSON line) and
the compiled gazetteer. Steps: split records into articles, clean them, find their
sentences, link near-duplicates to a canonical article, match the gazetteer, code
contacts, merge each article's mentions of a contact, resolve reports of one real contact
across articles, score tone. Pure: no file or network I/O. `increments.py` codes the
articles that arrive into a corpus coded by this, with the same result.

One article never stops the corpus. An article on which a step raises, or whose rows
fail a check of their frame's pandera model, is left out with the reason (the exception,
or the failed check) in `rejects`, and everything is coded without it. A step that works
on the whole corpus at once (cleaning, deduplication, resolution) and raises is run
again on halves of it until the articles it raises on alone are found.
"""

from __future__ import annotations

from dataclasses import replace

import polars as pl

from orchestration.coding.collection import without_cycle_collection
from orchestration.coding.corpus_steps import (
    articles_frame,
    canonical_of,
    coded_frames,
    dedupe_input,
    failing_rows,
    merged_reports,
    resolved_contacts,
)
from orchestration.coding.frames import ArticleFrames
from orchestration.coding.gazetteer import Gazetteer
from orchestration.coding.landed import analyse_landed, rejects_frame


@without_cycle_collection
def process_articles(raw_articles: pl.DataFrame, gazetteer: Gazetteer, watch_list: list[str]) -> ArticleFrames:
    """Articles, sentences, actor mentions, contact reports, contacts and tone of the landed
    article records in `raw_articles`. `watch_list` (ISO3) picks the country pairs whose
    sentences get a tone row. Articles left out are in `rejects`, each with its reason."""
    analysed = analyse_landed(raw_articles, gazetteer, watch_list)
    failures = analysed.failures
    while True:
        rows = [row for row in analysed.rows if row["article_id"] not in failures]
        canonical = canonical_of(
            [dedupe_input(row, analysed.analysis(row["article_id"]).sentences) for row in rows], failures
        )
        merged = merged_reports(rows, canonical, analysed, failures)
        kept = [row for row in rows if row["article_id"] not in failures]
        contacts, new_failures = resolved_contacts(
            {row["article_id"]: merged[row["article_id"]] for row in kept},
            {row["article_id"]: row["outlet"] for row in kept},
        )
        frames = coded_frames(
            articles_frame(kept, canonical),
            analysed,
            kept,
            contacts,
            {row["article_id"]: row["text"] for row in kept},
            gazetteer,
        )
        new_failures.update(failing_rows(frames, contacts))
        if not new_failures:
            return replace(frames, rejects=rejects_frame(failures, analysed.records))
        failures.update(new_failures)
