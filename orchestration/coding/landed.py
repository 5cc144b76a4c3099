"""Landed article records into analysed clean articles: each record split, each article
cleaned and analysed on its own (its sentences, mentions, reports and tone).

Source: rows of `raw.articles` and the compiled gazetteer. Grain: one clean row and one
analysis per article; an article that fails a step is left out with the reason, in
`failures`, and `rejects_frame` turns those into the rows of the quarantine.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from orchestration.coding.analysis import ArticleAnalysis, analyse_all
from orchestration.coding.clean import clean_documents
from orchestration.coding.frames import REJECTS_SCHEMA
from orchestration.coding.gazetteer import Gazetteer
from orchestration.coding.isolation import isolated, raised
from orchestration.coding.metadata import article_id as make_article_id
from orchestration.coding.split import DOCUMENT_SCHEMA, split_record


@dataclass(frozen=True, slots=True)
class LandedRecord:
    """Where an article came from, for the quarantine: its file, its line there, and how it starts."""

    source_file: str
    line_number: int
    excerpt: str


@dataclass(frozen=True)
class AnalysedArticles:
    """The clean articles of some landed records, each with its analysis."""

    rows: list[dict]
    """Clean articles, in the columns of `clean.CLEAN_SCHEMA`."""
    analyses: list[ArticleAnalysis]
    analysis_of: dict[str, int]
    """Article id → its analysis in `analyses` (copies of one text and date share one)."""
    failures: dict[str, str]
    """Article id (or `file:line` of a record that did not split) → why it was left out."""
    records: dict[str, LandedRecord]

    def analysis(self, article_id: str) -> ArticleAnalysis:
        return self.analyses[self.analysis_of[article_id]]


def analyse_landed(raw_articles: pl.DataFrame, gazetteer: Gazetteer, watch_list: list[str]) -> AnalysedArticles:
    """Every article of the records in `raw_articles` split, cleaned and analysed."""
    failures: dict[str, str] = {}
    records: dict[str, LandedRecord] = {}
    documents = _documents(raw_articles, records, failures)
    cleaned, culprits = isolated(
        lambda rows: clean_documents(pl.DataFrame(rows, schema=DOCUMENT_SCHEMA), gazetteer), documents
    )
    for position, error in culprits.items():
        failures[_document_id(documents[position])] = raised("cleaning", error)
    rows = cleaned.to_dicts() if cleaned.height else []
    analyses, analysis_of = analyse_all(rows, gazetteer, frozenset(watch_list), failures)
    return AnalysedArticles(rows, analyses, analysis_of, failures, records)


def _documents(raw_articles: pl.DataFrame, records: dict[str, LandedRecord], failures: dict[str, str]) -> list[dict]:
    """The documents of every record, each record split alone so that one that raises is left out."""
    documents: list[dict] = []
    for record in raw_articles.iter_rows(named=True):
        key = f"{record['source_file']}:{record['line_number']}"
        excerpt = " ".join((record["title"] or record["content"] or "")[:300].split())
        try:
            found = split_record(record)
        except Exception as error:
            records[key] = LandedRecord(record["source_file"], record["line_number"], excerpt)
            failures[key] = raised("splitting", error)
            continue
        for document in found:
            records[_document_id(document)] = LandedRecord(record["source_file"], record["line_number"], excerpt)
        documents.extend(found)
    return documents


def _document_id(document: dict) -> str:
    return make_article_id(document["source_file"], document["article_index_in_file"])


def rejects_frame(failures: dict[str, str], records: dict[str, LandedRecord]) -> pl.DataFrame:
    """One row per article left out, with its file, line and reason, in the order of the files."""
    rows = [
        (records[key].source_file, records[key].line_number, reason, records[key].excerpt)
        for key, reason in sorted(
            failures.items(), key=lambda item: (records[item[0]].source_file, records[item[0]].line_number)
        )
    ]
    return pl.DataFrame(rows, schema=REJECTS_SCHEMA, orient="row")
