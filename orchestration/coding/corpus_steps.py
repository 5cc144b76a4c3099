"""The steps of the article pipeline that see many articles at once, shared by coding a whole
corpus (`pipeline.py`) and coding the articles that arrive into a coded one (`increments.py`):
near-duplicates linked to their canonical article, each article's mentions merged into its
reports, reports resolved into contacts, and the frames of the result with the articles
whose rows fail their checks.
"""

from __future__ import annotations

from dataclasses import replace

import polars as pl

from orchestration.coding.clean import CLEAN_SCHEMA
from orchestration.coding.dedupe import DedupeInput, canonical_articles
from orchestration.coding.frame_checks import failing_articles
from orchestration.coding.frame_rows import contact_frame, report_frame, stamped
from orchestration.coding.frames import (
    ACTOR_MENTIONS_SCHEMA,
    ARTICLE_TONE_SCHEMA,
    ARTICLES_SCHEMA,
    REJECTS_SCHEMA,
    REPORT_INPUTS_SCHEMA,
    SENTENCE_TONE_SCHEMA,
    SENTENCES_SCHEMA,
    ArticleFrames,
)
from orchestration.coding.gazetteer import Gazetteer
from orchestration.coding.isolation import isolated, raised
from orchestration.coding.landed import AnalysedArticles
from orchestration.coding.resolve import (
    ArticleInfo,
    Contact,
    ResolvedReport,
    merge_article_reports,
    resolve_contacts,
    stored_report,
)
from orchestration.coding.sentences import Sentence


def dedupe_input(row: dict, sentences: list[Sentence]) -> DedupeInput:
    """What deduplication reads of a clean article (a row in the columns of `clean.CLEAN_SCHEMA` or more)."""
    return DedupeInput(
        row["article_id"],
        row["published_date"],
        row["source_file"],
        row["article_index_in_file"],
        row["text"],
        sentences,
    )


def canonical_of(inputs: list[DedupeInput], failures: dict[str, str]) -> dict[str, str]:
    """Article id → its canonical article id; an article deduplication raises on goes to `failures`."""
    canonical, culprits = isolated(canonical_articles, inputs)
    for position, error in culprits.items():
        failures[inputs[position].article_id] = raised("deduplication", error)
    return canonical


def article_info(row: dict, canonical: dict[str, str]) -> ArticleInfo:
    article = row["article_id"]
    return ArticleInfo(article, canonical[article], row["source_file"], row["outlet"], row["published_date"])


def merged_reports(
    rows: list[dict], canonical: dict[str, str], analysed: AnalysedArticles, failures: dict[str, str]
) -> dict[str, list[ResolvedReport]]:
    """Each article's mentions of a contact merged into one report per contact."""
    merged: dict[str, list[ResolvedReport]] = {}
    for row in rows:
        article = row["article_id"]
        if article in failures:
            continue
        reports = [replace(report, article_id=article) for report in analysed.analysis(article).reports]
        try:
            merged[article] = merge_article_reports(reports, article_info(row, canonical))
        except Exception as error:
            failures[article] = raised("merging reports", error)
    return merged


def resolved_contacts(
    reports_of_article: dict[str, list[ResolvedReport]], outlets: dict[str, str | None]
) -> tuple[list[Contact], dict[str, str]]:
    """The contacts of the reports, and the articles whose reports resolution raises on (left out)."""
    articles = list(reports_of_article)
    contacts, culprits = isolated(
        lambda chosen: resolve_contacts(
            [report for article in chosen for report in reports_of_article[article]], outlets
        ),
        articles,
    )
    return contacts, {articles[position]: raised("resolving contacts", error) for position, error in culprits.items()}


def articles_frame(rows: list[dict], canonical: dict[str, str]) -> pl.DataFrame:
    """`articles` rows of clean articles, each with its canonical article."""
    return (
        pl.DataFrame([{name: row[name] for name in CLEAN_SCHEMA} for row in rows], schema=CLEAN_SCHEMA)
        .with_columns(
            pl.col("article_id").replace_strict(canonical, return_dtype=pl.String).alias("canonical_article_id"),
            pl.col("text").str.len_chars().cast(pl.Int32).alias("n_chars"),
        )
        .with_columns((pl.col("canonical_article_id") != pl.col("article_id")).alias("is_duplicate"))
        .select(ARTICLES_SCHEMA.keys())
        .cast(ARTICLES_SCHEMA)
    )


def coded_frames(
    articles: pl.DataFrame,
    analysed: AnalysedArticles,
    analysed_rows: list[dict],
    contacts: list[Contact],
    texts: dict[str, str],
    gazetteer: Gazetteer,
) -> ArticleFrames:
    """The frames of `articles`, of the sentences, mentions and tone of `analysed_rows`, and of `contacts`
    with their reports (quoted from `texts`, article id → clean text). The stored form of a report
    (`report_inputs`) is written for the reports of articles analysed now: it never changes after."""
    copies = pl.DataFrame(
        [(row["article_id"], analysed.analysis_of[row["article_id"]]) for row in analysed_rows],
        schema={"article_id": pl.String, "analysis": pl.Int64},
        orient="row",
    )
    analyses = analysed.analyses
    resolved = [report for contact in contacts for report in contact.members]
    return ArticleFrames(
        articles=articles,
        sentences=stamped(copies, analyses, lambda analysis: analysis.sentence_rows, SENTENCES_SCHEMA),
        actor_mentions=stamped(copies, analyses, lambda analysis: analysis.mention_rows, ACTOR_MENTIONS_SCHEMA),
        contact_reports=report_frame(resolved, texts, gazetteer),
        contacts=contact_frame(contacts),
        article_tone=stamped(copies, analyses, lambda analysis: [analysis.tone_row], ARTICLE_TONE_SCHEMA),
        sentence_tone=stamped(copies, analyses, lambda analysis: analysis.sentence_tone_rows, SENTENCE_TONE_SCHEMA),
        report_inputs=pl.DataFrame(
            [
                (report.report_id, report.article.article_id, stored_report(report))
                for report in resolved
                if report.article.article_id in analysed.analysis_of
            ],
            schema=REPORT_INPUTS_SCHEMA,
            orient="row",
        ),
        rejects=pl.DataFrame(schema=REJECTS_SCHEMA),
    )


def failing_rows(frames: ArticleFrames, contacts: list[Contact]) -> dict[str, str]:
    """Article id → the first check one of its rows fails (a contact's row is each of its articles')."""
    articles_of_contact = {
        contact.contact_id: {member.article.article_id for member in contact.members} for contact in contacts
    }
    return failing_articles(frames, articles_of_contact)
