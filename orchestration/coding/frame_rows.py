"""The rows of the coder's frames: analyses stamped with the articles that have them,
resolved reports as `contact_reports` rows and contacts as `contacts` rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import repeat

import polars as pl

from orchestration.coding.analysis import ArticleAnalysis
from orchestration.coding.contacts import MULTI_PARTY_KINDS
from orchestration.coding.frames import (
    CONTACT_REPORTS_SCHEMA,
    CONTACTS_SCHEMA,
)
from orchestration.coding.gazetteer import Gazetteer
from orchestration.coding.resolve import Contact, ResolvedReport


def stamped(
    copies: pl.DataFrame,
    analysed: list[ArticleAnalysis],
    rows_of: Callable[[ArticleAnalysis], Sequence[tuple]],
    schema: dict,
) -> pl.DataFrame:
    """Rows of every analysis, repeated for each article that has it, with its article id."""
    columns = {"analysis": pl.Int64, **{name: dtype for name, dtype in schema.items() if name != "article_id"}}
    used = set(copies["analysis"].to_list())
    numbers: list[int] = []
    rows: list[tuple] = []
    for number, analysis in enumerate(analysed):
        if number in used:
            analysis_rows = rows_of(analysis)
            numbers.extend(repeat(number, len(analysis_rows)))
            rows.extend(analysis_rows)
    # Built from columns: a frame from lists per column is cheaper than from row tuples.
    values = list(zip(*rows, strict=True)) if rows else [()] * (len(columns) - 1)
    per_analysis = pl.DataFrame(
        [
            pl.Series(name, column, dtype=dtype)
            for (name, dtype), column in zip(columns.items(), [numbers, *values], strict=True)
        ]
    )
    return copies.join(per_analysis, on="analysis", how="inner", maintain_order="left").select(schema.keys())


def report_frame(resolved: list[ResolvedReport], texts: dict[str, str], gazetteer: Gazetteer) -> pl.DataFrame:
    """One `contact_reports` row per resolved report, with its quote cut from the article text."""
    rows = []
    for item in resolved:
        report = item.report
        kind = gazetteer.contact_kinds[report.kind]
        participants = sorted(item.participants)
        actor = report.actor
        counterpart_country = report.counterpart_country
        if report.kind in MULTI_PARTY_KINDS:
            counterpart_country = next(
                (country for country in participants if country != actor.country), counterpart_country
            )
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
    return pl.DataFrame(rows, schema=CONTACT_REPORTS_SCHEMA).sort(
        "source_file", "article_id", "sentence_number", "char_start", "report_id"
    )


def contact_frame(contacts: list[Contact]) -> pl.DataFrame:
    """One `contacts` row per real contact."""
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
