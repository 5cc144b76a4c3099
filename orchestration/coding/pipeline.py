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

import bisect
import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from itertools import combinations
from typing import TypeVar

import polars as pl

from orchestration import progress
from orchestration.coding.clean import CLEAN_SCHEMA, clean_documents
from orchestration.coding.clean import article_id as make_article_id
from orchestration.coding.contacts import MULTI_PARTY_KINDS, ContactReport, code_article
from orchestration.coding.dedupe import DedupeInput, canonical_articles
from orchestration.coding.frames import (
    ACTOR_MENTIONS_SCHEMA,
    ARTICLE_TONE_SCHEMA,
    ARTICLES_SCHEMA,
    CONTACT_REPORTS_SCHEMA,
    CONTACTS_SCHEMA,
    REJECTS_SCHEMA,
    SENTENCE_TONE_SCHEMA,
    SENTENCES_SCHEMA,
    ArticleFrames,
    failing_articles,
)
from orchestration.coding.gazetteer import Gazetteer, find_mentions
from orchestration.coding.resolve import ArticleInfo, Contact, ResolvedReport, merge_article_reports, resolve_contacts
from orchestration.coding.sentences import Sentence, split_sentences
from orchestration.coding.split import DOCUMENT_SCHEMA, split_record
from orchestration.coding.tokens import tokenize
from orchestration.coding.tone import SentenceTone, VaderScorer

TONE_LANGUAGES = frozenset({"en"})
_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


@functools.cache
def _scorer() -> VaderScorer:
    return VaderScorer()


def _sentence_of(starts: list[int], offset: int) -> int:
    """1-based number of the sentence that holds character `offset`."""
    return max(1, bisect.bisect_right(starts, offset))


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
    cleaned, culprits = isolated(lambda rows: clean_documents(pl.DataFrame(rows, schema=DOCUMENT_SCHEMA), gazetteer), documents)
    for position, error in culprits.items():
        failures[_document_id(documents[position])] = _raised("cleaning", error)
    rows = cleaned.to_dicts() if cleaned.height else []
    analysed, analysis_of = _analyse_all(rows, gazetteer, frozenset(watch_list), failures)
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
            failures[key] = _raised("splitting", error)
            continue
        for document in found:
            records[_document_id(document)] = _Record(record["source_file"], record["line_number"], excerpt)
        documents.extend(found)
    return documents


def _document_id(document: dict) -> str:
    return make_article_id(document["source_file"], document["article_index_in_file"])


def _raised(step: str, error: BaseException) -> str:
    return f"{step} raised {type(error).__name__}: {error}"[:1000]


def isolated(run: Callable[[list[_Item]], _Result], items: list[_Item]) -> tuple[_Result, dict[int, BaseException]]:
    """`run(items)`, and when it raises, `run` of the items without those it raises on alone (by position).

    The culprits are found by halving: a half that raises is halved again. A failure that
    no single item causes is not the items' and is raised.
    """
    try:
        return run(items), {}
    except Exception:
        culprits: dict[int, BaseException] = {}
        _find_culprits(run, list(enumerate(items)), culprits)
        if not culprits:
            raise
    return run([item for position, item in enumerate(items) if position not in culprits]), culprits


def _find_culprits(run: Callable[[list[_Item]], object], indexed: list[tuple[int, _Item]], culprits: dict[int, BaseException]) -> None:
    if len(indexed) == 1:
        try:
            run([indexed[0][1]])
        except Exception as error:
            culprits[indexed[0][0]] = error
        return
    middle = len(indexed) // 2
    for half in (indexed[:middle], indexed[middle:]):
        try:
            run([item for _, item in half])
        except Exception:
            _find_culprits(run, half, culprits)


def _analyse_all(
    rows: list[dict], gazetteer: Gazetteer, watched: frozenset[str], failures: dict[str, str]
) -> tuple[list[_Analysis], dict[str, int]]:
    """The analysis of every distinct (text, publication date), and each article's analysis.

    Copies with the same text and date (syndication, reposts) are analysed once.
    """
    scorer = _scorer()
    analysed: list[_Analysis] = []
    number_of: dict[tuple[str, dt.date | None], int] = {}
    analysis_of: dict[str, int] = {}
    with progress.work("Coding articles", len(rows), "articles") as shown:
        for row in rows:
            shown.advance()
            key = (row["text"], row["published_date"])
            if key not in number_of:
                try:
                    analysis = _analyse(row["text"], row["published_date"], row["language"], gazetteer, scorer, watched)
                except Exception as error:
                    failures[row["article_id"]] = _raised("coding", error)
                    continue
                number_of[key] = len(analysed)
                analysed.append(analysis)
            analysis_of[row["article_id"]] = number_of[key]
    return analysed, analysis_of


def _canonical(rows: list[dict], analysed: list[_Analysis], analysis_of: dict[str, int], failures: dict[str, str]) -> dict[str, str]:
    inputs = [
        DedupeInput(
            row["article_id"], row["published_date"], row["source_file"], row["article_index_in_file"], row["text"],
            analysed[analysis_of[row["article_id"]]].sentences,
        )
        for row in rows
    ]
    canonical, culprits = isolated(canonical_articles, inputs)
    for position, error in culprits.items():
        failures[inputs[position].article_id] = _raised("deduplication", error)
    return canonical


def _merged(
    rows: list[dict], canonical: dict[str, str], analysed: list[_Analysis], analysis_of: dict[str, int], failures: dict[str, str]
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
            failures[article] = _raised("merging reports", error)
    return merged


def _frames(
    rows: list[dict],
    canonical: dict[str, str],
    analysed: list[_Analysis],
    analysis_of: dict[str, int],
    merged: dict[str, list[ResolvedReport]],
    failures: dict[str, str],
    gazetteer: Gazetteer,
) -> tuple[ArticleFrames, dict[str, str]]:
    """The frames of the articles not failed so far, and the articles whose rows fail their frame's checks."""
    kept = [row for row in rows if row["article_id"] not in failures]
    groups = [merged[row["article_id"]] for row in kept]
    outlets = {row["article_id"]: row["outlet"] for row in kept}
    contacts, culprits = isolated(lambda chosen: resolve_contacts([report for group in chosen for report in group], outlets), groups)
    new_failures = {kept[position]["article_id"]: _raised("resolving contacts", error) for position, error in culprits.items()}
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
        sentences=_stamped(copies, analysed, lambda analysis: analysis.sentence_rows, SENTENCES_SCHEMA),
        actor_mentions=_stamped(copies, analysed, lambda analysis: analysis.mention_rows, ACTOR_MENTIONS_SCHEMA),
        contact_reports=_report_frame(resolved, {row["article_id"]: row["text"] for row in kept}, gazetteer),
        contacts=_contact_frame(contacts),
        article_tone=_stamped(copies, analysed, lambda analysis: [analysis.tone_row], ARTICLE_TONE_SCHEMA),
        sentence_tone=_stamped(copies, analysed, lambda analysis: analysis.sentence_tone_rows, SENTENCE_TONE_SCHEMA),
        rejects=pl.DataFrame(schema=REJECTS_SCHEMA),
    )
    articles_of_contact = {contact.contact_id: {member.article.article_id for member in contact.members} for contact in contacts}
    new_failures.update(failing_articles(frames, articles_of_contact))
    return frames, new_failures


def _rejects(failures: dict[str, str], records: dict[str, _Record]) -> pl.DataFrame:
    rows = [
        (records[key].source_file, records[key].line_number, reason, records[key].excerpt)
        for key, reason in sorted(failures.items(), key=lambda item: (records[item[0]].source_file, records[item[0]].line_number))
    ]
    return pl.DataFrame(rows, schema=REJECTS_SCHEMA, orient="row")


def _stamped(copies: pl.DataFrame, analysed: list[_Analysis], rows_of: Callable[[_Analysis], Iterable[tuple]], schema: dict) -> pl.DataFrame:
    """Rows of every analysis, repeated for each article that has it, with its article id."""
    columns = {"analysis": pl.Int64, **{name: dtype for name, dtype in schema.items() if name != "article_id"}}
    used = set(copies["analysis"].to_list())
    rows = [(number, *row) for number, analysis in enumerate(analysed) if number in used for row in rows_of(analysis)]
    per_analysis = pl.DataFrame(rows, schema=columns, orient="row")
    return copies.join(per_analysis, on="analysis", how="inner", maintain_order="left").select(schema.keys())


@dataclass(frozen=True, slots=True)
class _Analysis:
    """What one article text yields, before it is stamped with an article id."""

    sentences: list[Sentence]
    reports: list[ContactReport]
    sentence_rows: list[tuple]
    mention_rows: list[tuple]
    sentence_tone_rows: list[tuple]
    tone_row: tuple


def _analyse(text: str, published: dt.date | None, language: str, gazetteer: Gazetteer, scorer: VaderScorer, watched: frozenset[str]) -> _Analysis:
    sentences = split_sentences(text)
    tokens = tokenize(text)
    mentions = find_mentions(text, tokens, gazetteer, published)
    reports = code_article("", text, tokens, sentences, mentions, published, gazetteer)
    starts = [sentence.char_start for sentence in sentences]
    sentence_rows = [
        (sentence.sentence_number, sentence.paragraph_number, sentence.char_start, sentence.char_end, sentence.text, sentence.is_repeated_paragraph)
        for sentence in sentences
    ]
    mention_rows: list[tuple] = []
    countries_by_sentence: dict[int, set[str]] = {}
    for mention in mentions:
        number = _sentence_of(starts, mention.start)
        countries_by_sentence.setdefault(number, set()).update(mention.countries)
        kind = "place" if mention.kind == "place" else ("demonym" if mention.is_demonym else mention.kind)
        for country in mention.countries or (None,):
            mention_rows.append((number, mention.start, mention.end, mention.text, mention.actor_id, kind, country, mention.role, mention.role_level, mention.city))
    sentence_tone_rows: list[tuple] = []
    if language not in TONE_LANGUAGES:
        return _Analysis(sentences, reports, sentence_rows, mention_rows, sentence_tone_rows, (None, None, None, None, len(text.split())))
    tones: list[SentenceTone] = []
    for sentence in sentences:
        if sentence.is_repeated_paragraph:
            continue
        tone = scorer.tone(sentence.text)
        tones.append(tone)
        named = sorted(countries_by_sentence.get(sentence.sentence_number, set()) & watched)
        for country_a, country_b in combinations(named, 2):
            sentence_tone_rows.append((sentence.sentence_number, country_a, country_b, tone.vader_compound, tone.gdelt_tone))
    article_tone = scorer.article_tone(tones)
    tone_row = (article_tone.vader_compound, article_tone.gdelt_tone, article_tone.positive_pct, article_tone.negative_pct, article_tone.n_words)
    return _Analysis(sentences, reports, sentence_rows, mention_rows, sentence_tone_rows, tone_row)


def _report_frame(resolved: list[ResolvedReport], texts: dict[str, str], gazetteer: Gazetteer) -> pl.DataFrame:
    rows = []
    for item in resolved:
        report = item.report
        kind = gazetteer.contact_kinds[report.kind]
        participants = sorted(item.participants)
        actor = report.actor
        counterpart_country = report.counterpart_country
        if report.kind in MULTI_PARTY_KINDS:
            counterpart_country = next((country for country in participants if country != actor.country), counterpart_country)
        counterpart_name = report.counterpart.name if report.counterpart else report.event_name
        rows.append(
            {
                "report_id": item.report_id,
                "contact_id": item.contact_id,
                "article_id": item.article.article_id,
                "canonical_article_id": item.article.canonical_article_id,
                "source_file": item.article.source_file,
                "outlet": item.article.outlet,
                "sentence_number": report.sentence_number,
                "n_mentions": len(item.sentence_numbers),
                "char_start": report.char_start,
                "char_end": report.char_end,
                "sentence": report.sentence,
                "quote": texts[item.article.article_id][report.char_start : report.char_end],
                "kind": report.kind,
                "status": item.status,
                "actor_id": actor.actor_id,
                "actor_name": actor.name,
                "actor_country": actor.country,
                "counterpart_name": counterpart_name,
                "counterpart_country": counterpart_country,
                "participant_countries": participants,
                "location_city": item.location_city,
                "location_country": item.location_country,
                "date_from": item.window.date_from,
                "date_to": item.window.date_to,
                "date_precision": item.window.precision,
                "cameo_code": kind.cameo_code,
                "plover_type": kind.plover_type,
                "plover_mode": kind.plover_mode,
                "confidence": report.confidence,
            }
        )
    return pl.DataFrame(rows, schema=CONTACT_REPORTS_SCHEMA).sort("source_file", "article_id", "sentence_number", "char_start", "report_id")


def _contact_frame(contacts: list[Contact]) -> pl.DataFrame:
    rows = [
        {
            "contact_id": contact.contact_id,
            "kind": contact.kind,
            "status": contact.status,
            "actor_country": contact.actor_country,
            "counterpart_country": contact.counterpart_country,
            "participant_countries": list(contact.participant_countries),
            "location_city": contact.location_city,
            "location_country": contact.location_country,
            "date_from": contact.window.date_from,
            "date_to": contact.window.date_to,
            "date_precision": contact.window.precision,
            "n_reports": contact.n_reports,
            "n_outlets": contact.n_outlets,
            "date_conflict": contact.date_conflict,
            "first_reported": contact.first_reported,
        }
        for contact in contacts
    ]
    return pl.DataFrame(rows, schema=CONTACTS_SCHEMA).sort("date_from", "contact_id", nulls_last=True)
