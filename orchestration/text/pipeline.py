"""The article pipeline in one call: landed files in, the frames of `ArticleFrames` out.

Source: rows of `raw.articles` (one per landed file: `source_file`, `content_hash`,
`n_bytes`, `file_format`, `text`) and the compiled gazetteer. Steps: split files into
articles, clean them, find their sentences, link near-duplicates to a canonical article,
match the gazetteer, code contacts, merge each article's mentions of a contact, resolve
reports of one real contact across articles, score tone. Pure: no file or network I/O.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from dataclasses import dataclass, replace
from itertools import combinations

import polars as pl

from orchestration.text.clean import clean_documents
from orchestration.text.contacts import MULTI_PARTY_KINDS, ContactReport, code_article
from orchestration.text.dedupe import DedupeInput, canonical_articles
from orchestration.text.frames import (
    ACTOR_MENTIONS_SCHEMA,
    ARTICLE_TONE_SCHEMA,
    ARTICLES_SCHEMA,
    CONTACT_REPORTS_SCHEMA,
    CONTACTS_SCHEMA,
    REJECTS_SCHEMA,
    SENTENCE_TONE_SCHEMA,
    SENTENCES_SCHEMA,
    ArticleFrames,
    ContactModel,
    ContactReportModel,
)
from orchestration.text.gazetteer import Gazetteer, find_mentions
from orchestration.text.resolve import ArticleInfo, ResolvedReport, merge_article_reports, resolve_contacts
from orchestration.text.sentences import Sentence, split_sentences
from orchestration.text.split import split_files
from orchestration.text.tokens import tokenize
from orchestration.text.tone import SentenceTone, VaderScorer

TONE_LANGUAGES = frozenset({"en"})


@functools.cache
def _scorer() -> VaderScorer:
    return VaderScorer()


def _sentence_of(starts: list[int], offset: int) -> int:
    """1-based number of the sentence that holds character `offset`."""
    return max(1, bisect.bisect_right(starts, offset))


def process_articles(raw_articles: pl.DataFrame, gazetteer: Gazetteer, watch_list: list[str]) -> ArticleFrames:
    """Articles, sentences, actor mentions, contact reports, contacts and tone of the landed
    article files in `raw_articles`. `watch_list` (ISO3) picks the country pairs whose
    sentences get a tone row."""
    documents, rejects = split_files(raw_articles)
    articles = clean_documents(documents, gazetteer)
    rows = articles.to_dicts()
    analysed, analysis_of = _analyse_all(rows, gazetteer, frozenset(watch_list))
    canonical = canonical_articles(
        [
            DedupeInput(row["article_id"], row["published_date"], row["source_file"], row["article_index_in_file"], row["text"], analysed[analysis_of[row["article_id"]]].sentences)
            for row in rows
        ]
    )
    resolved: list[ResolvedReport] = []
    for row in rows:
        info = ArticleInfo(row["article_id"], canonical[row["article_id"]], row["source_file"], row["outlet"], row["published_date"])
        reports = [replace(report, article_id=row["article_id"]) for report in analysed[analysis_of[row["article_id"]]].reports]
        resolved.extend(merge_article_reports(reports, info))
    contacts = resolve_contacts(resolved, {row["article_id"]: row["outlet"] for row in rows})

    copies = pl.DataFrame(list(analysis_of.items()), schema={"article_id": pl.String, "analysis": pl.Int64}, orient="row")
    articles_frame = articles.with_columns(
        pl.col("article_id").replace_strict(canonical, return_dtype=pl.String).alias("canonical_article_id"),
        pl.col("text").str.len_chars().cast(pl.Int32).alias("n_chars"),
    ).with_columns((pl.col("canonical_article_id") != pl.col("article_id")).alias("is_duplicate"))
    return ArticleFrames(
        articles=articles_frame.select(ARTICLES_SCHEMA.keys()).cast(ARTICLES_SCHEMA) if articles_frame.height else pl.DataFrame(schema=ARTICLES_SCHEMA),
        sentences=_stamped(copies, analysed, lambda analysis: analysis.sentence_rows, SENTENCES_SCHEMA),
        actor_mentions=_stamped(copies, analysed, lambda analysis: analysis.mention_rows, ACTOR_MENTIONS_SCHEMA),
        contact_reports=ContactReportModel.validate(_report_frame(resolved, {row["article_id"]: row["text"] for row in rows}, gazetteer), lazy=True),
        contacts=ContactModel.validate(_contact_frame(contacts), lazy=True),
        article_tone=_stamped(copies, analysed, lambda analysis: [analysis.tone_row], ARTICLE_TONE_SCHEMA),
        sentence_tone=_stamped(copies, analysed, lambda analysis: analysis.sentence_tone_rows, SENTENCE_TONE_SCHEMA),
        rejects=rejects.select(REJECTS_SCHEMA.keys()).cast(REJECTS_SCHEMA),
    )


def _analyse_all(rows: list[dict], gazetteer: Gazetteer, watched: frozenset[str]) -> tuple[list[_Analysis], dict[str, int]]:
    """The analysis of every distinct (text, publication date), and each article's analysis.

    Copies with the same text and date (syndication, reposts) are analysed once.
    """
    scorer = _scorer()
    analysed: list[_Analysis] = []
    number_of: dict[tuple[str, dt.date | None], int] = {}
    analysis_of: dict[str, int] = {}
    for row in rows:
        key = (row["text"], row["published_date"])
        if key not in number_of:
            number_of[key] = len(analysed)
            analysed.append(_analyse(row["text"], row["published_date"], row["language"], gazetteer, scorer, watched))
        analysis_of[row["article_id"]] = number_of[key]
    return analysed, analysis_of


def _stamped(copies: pl.DataFrame, analysed: list[_Analysis], rows_of, schema: dict) -> pl.DataFrame:
    """Rows of every analysis, repeated for each article that has it, with its article id."""
    columns = {"analysis": pl.Int64, **{name: dtype for name, dtype in schema.items() if name != "article_id"}}
    rows = [(number, *row) for number, analysis in enumerate(analysed) for row in rows_of(analysis)]
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
    return pl.DataFrame(rows, schema=CONTACT_REPORTS_SCHEMA)


def _contact_frame(contacts) -> pl.DataFrame:
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

