"""The article pipeline in one call: landed article records in, the frames of `ArticleFrames` out.

Source: rows of `raw.articles` (one per article record: a page file or a JSON line) and
the compiled gazetteer. Steps: split records into articles, clean them, find their
sentences, link near-duplicates to a canonical article, match the gazetteer, code
contacts, merge each article's mentions of a contact, resolve reports of one real contact
across articles, score tone. Pure: no file or network I/O.

One article never stops the corpus. An article on which a step raises, or whose rows
fail a check of their frame's pandera model, is left out with the reason (the exception,
or the failed check) in `rejects`, and everything is coded without it. A step that works
on the whole corpus at once (cleaning, deduplication, resolution) and raises is run
again on halves of it until the articles it raises on alone are found.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import polars as pl

from orchestration.coding.analysis import ArticleAnalysis, analyse_all
from orchestration.coding.clean import CLEAN_SCHEMA, clean_documents
from orchestration.coding.dedupe import DedupeInput, canonical_articles
from orchestration.coding.frame_checks import failing_articles
from orchestration.coding.frame_rows import contact_frame, report_frame, stamped
from orchestration.coding.frames import (
    ACTOR_MENTIONS_SCHEMA,
    ARTICLE_TONE_SCHEMA,
    ARTICLES_SCHEMA,
    REJECTS_SCHEMA,
    SENTENCE_TONE_SCHEMA,
    SENTENCES_SCHEMA,
    ArticleFrames,
)
from orchestration.coding.gazetteer import Gazetteer
from orchestration.coding.isolation import isolated, raised
from orchestration.coding.metadata import article_id as make_article_id
from orchestration.coding.resolve import ArticleInfo, ResolvedReport, merge_article_reports, resolve_contacts
from orchestration.coding.split import DOCUMENT_SCHEMA, split_record


@dataclass(frozen=True, slots=True)
class _Record:
    """Where an article came from, for the quarantine: its file, its line there, and how it starts."""

    source_file: str
    line_number: int
    excerpt: str


def process_articles(raw_articles: pl.DataFrame, gazetteer: Gazetteer, watch_list: list[str]) -> ArticleFrames:
    """Articles, sentences, actor mentions, contact reports, contacts and tone of the landed
    article records in `raw_articles`. `watch_list` (ISO3) picks the country pairs whose
    sentences get a tone row. Articles left out are in `rejects`, each with its reason."""
    failures: dict[str, str] = {}
    records: dict[str, _Record] = {}
    documents = _documents(raw_articles, records, failures)
    cleaned, culprits = isolated(
        lambda rows: clean_documents(pl.DataFrame(rows, schema=DOCUMENT_SCHEMA), gazetteer), documents
    )
    for position, error in culprits.items():
        failures[_document_id(documents[position])] = raised("cleaning", error)
    rows = cleaned.to_dicts() if cleaned.height else []
    analysed, analysis_of = analyse_all(rows, gazetteer, frozenset(watch_list), failures)
    while True:
        rows = [row for row in rows if row["article_id"] not in failures]
        canonical = _canonical(rows, analysed, analysis_of, failures)
        merged = _merged(rows, canonical, analysed, analysis_of, failures)
        frames, new_failures = _frames(rows, canonical, analysed, analysis_of, merged, failures, gazetteer)
        if not new_failures:
            return replace(frames, rejects=_rejects(failures, records))
        failures.update(new_failures)


def _documents(raw_articles: pl.DataFrame, records: dict[str, _Record], failures: dict[str, str]) -> list[dict]:
    """The documents of every record, each record split alone so that one that raises is left out."""
    documents: list[dict] = []
    for record in raw_articles.iter_rows(named=True):
        key = f"{record['source_file']}:{record['line_number']}"
        excerpt = " ".join((record["title"] or record["content"] or "")[:300].split())
        try:
            found = split_record(record)
        except Exception as error:
            records[key] = _Record(record["source_file"], record["line_number"], excerpt)
            failures[key] = raised("splitting", error)
            continue
        for document in found:
            records[_document_id(document)] = _Record(record["source_file"], record["line_number"], excerpt)
        documents.extend(found)
    return documents


def _document_id(document: dict) -> str:
    return make_article_id(document["source_file"], document["article_index_in_file"])


def _canonical(
    rows: list[dict], analysed: list[ArticleAnalysis], analysis_of: dict[str, int], failures: dict[str, str]
) -> dict[str, str]:
    inputs = [
        DedupeInput(
            row["article_id"],
            row["published_date"],
            row["source_file"],
            row["article_index_in_file"],
            row["text"],
            analysed[analysis_of[row["article_id"]]].sentences,
        )
        for row in rows
    ]
    canonical, culprits = isolated(canonical_articles, inputs)
    for position, error in culprits.items():
        failures[inputs[position].article_id] = raised("deduplication", error)
    return canonical


def _merged(
    rows: list[dict],
    canonical: dict[str, str],
    analysed: list[ArticleAnalysis],
    analysis_of: dict[str, int],
    failures: dict[str, str],
) -> dict[str, list[ResolvedReport]]:
    """Each article's mentions of a contact merged into one report per contact."""
    merged: dict[str, list[ResolvedReport]] = {}
    for row in rows:
        article = row["article_id"]
        if article in failures:
            continue
        info = ArticleInfo(article, canonical[article], row["source_file"], row["outlet"], row["published_date"])
        reports = [replace(report, article_id=article) for report in analysed[analysis_of[article]].reports]
        try:
            merged[article] = merge_article_reports(reports, info)
        except Exception as error:
            failures[article] = raised("merging reports", error)
    return merged


def _frames(
    rows: list[dict],
    canonical: dict[str, str],
    analysed: list[ArticleAnalysis],
    analysis_of: dict[str, int],
    merged: dict[str, list[ResolvedReport]],
    failures: dict[str, str],
    gazetteer: Gazetteer,
) -> tuple[ArticleFrames, dict[str, str]]:
    """The frames of the articles not failed so far, and the articles whose rows fail their frame's checks."""
    kept = [row for row in rows if row["article_id"] not in failures]
    groups = [merged[row["article_id"]] for row in kept]
    outlets = {row["article_id"]: row["outlet"] for row in kept}
    contacts, culprits = isolated(
        lambda chosen: resolve_contacts([report for group in chosen for report in group], outlets), groups
    )
    new_failures = {
        kept[position]["article_id"]: raised("resolving contacts", error) for position, error in culprits.items()
    }
    copies = pl.DataFrame(
        [(row["article_id"], analysis_of[row["article_id"]]) for row in kept],
        schema={"article_id": pl.String, "analysis": pl.Int64},
        orient="row",
    )
    articles_frame = (
        pl.DataFrame(kept, schema=CLEAN_SCHEMA)
        .with_columns(
            pl.col("article_id").replace_strict(canonical, return_dtype=pl.String).alias("canonical_article_id"),
            pl.col("text").str.len_chars().cast(pl.Int32).alias("n_chars"),
        )
        .with_columns((pl.col("canonical_article_id") != pl.col("article_id")).alias("is_duplicate"))
        .select(ARTICLES_SCHEMA.keys())
        .cast(ARTICLES_SCHEMA)
    )
    resolved = [report for contact in contacts for report in contact.members]
    frames = ArticleFrames(
        articles=articles_frame,
        sentences=stamped(copies, analysed, lambda analysis: analysis.sentence_rows, SENTENCES_SCHEMA),
        actor_mentions=stamped(copies, analysed, lambda analysis: analysis.mention_rows, ACTOR_MENTIONS_SCHEMA),
        contact_reports=report_frame(resolved, {row["article_id"]: row["text"] for row in kept}, gazetteer),
        contacts=contact_frame(contacts),
        article_tone=stamped(copies, analysed, lambda analysis: [analysis.tone_row], ARTICLE_TONE_SCHEMA),
        sentence_tone=stamped(copies, analysed, lambda analysis: analysis.sentence_tone_rows, SENTENCE_TONE_SCHEMA),
        rejects=pl.DataFrame(schema=REJECTS_SCHEMA),
    )
    articles_of_contact = {
        contact.contact_id: {member.article.article_id for member in contact.members} for contact in contacts
    }
    new_failures.update(failing_articles(frames, articles_of_contact))
    return frames, new_failures


def _rejects(failures: dict[str, str], records: dict[str, _Record]) -> pl.DataFrame:
    rows = [
        (records[key].source_file, records[key].line_number, reason, records[key].excerpt)
        for key, reason in sorted(
            failures.items(), key=lambda item: (records[item[0]].source_file, records[item[0]].line_number)
        )
    ]
    return pl.DataFrame(rows, schema=REJECTS_SCHEMA, orient="row")
