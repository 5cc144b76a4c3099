"""What the report draws from: the marts it reads, by name, and what they can give (the charts
each pair can have, the contacts timeline, the countries' names), settled once for every pair.

Each chart names the marts it draws from (`CHART_KINDS`); the timeline reads
`marts.fct_contacts`, `marts.fct_contact_reports` and `marts.dim_article`. A mart that is
absent, empty or lacks a column becomes a note on the page instead of a chart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from orchestration.serving.marts import quote_identifier
from orchestration.serving.report.charts import contacts_by_month_png, interactions_by_quad_class_png
from orchestration.serving.report.figures import MissingColumnsError, Pair
from orchestration.serving.report.timeline import (
    ARTICLE_COLUMNS,
    contact_pairs,
    missing_contact_columns,
    reports_with_articles,
)
from orchestration.serving.report.tone import tone_over_time_png

MART_SCHEMA = "marts"
CONTACTS_MART = "fct_contacts"
REPORTS_MART = "fct_contact_reports"
ARTICLES_MART = "dim_article"
COUNTRIES_MART = "dim_country"
_PAIR_COLUMNS = (("country_a", "country_b"), ("actor1_country", "actor2_country"))
_COLUMNS_READ = {ARTICLES_MART: ("article_id", *ARTICLE_COLUMNS), COUNTRIES_MART: ("iso3", "country_name")}
"""Marts read in part: the article text, for one, is not needed."""


@dataclass(frozen=True)
class ChartKind:
    """A chart drawn for every pair, from the first of its `marts` that exists."""

    key: str
    title: str
    short: str
    marts: tuple[str, ...]
    draw: Callable[[pl.DataFrame, Pair], bytes | None]


CHART_KINDS = (
    ChartKind(
        "contacts",
        "Occurred contacts per month, by kind and direction",
        "contacts per month",
        ("dyad_contacts_monthly",),
        contacts_by_month_png,
    ),
    ChartKind(
        "tone",
        "Average tone of the coverage, daily and over 7 and 30 days",
        "tone",
        ("dyad_tone_daily", "dyad_tone_monthly"),
        tone_over_time_png,
    ),
    ChartKind(
        "quad_class",
        "GDELT event records per month, by QuadClass",
        "QuadClass",
        ("dyad_interactions_daily", "dyad_interactions_monthly"),
        interactions_by_quad_class_png,
    ),
)


def mart_names() -> list[str]:
    charted = {mart for kind in CHART_KINDS for mart in kind.marts}
    return sorted(charted | {CONTACTS_MART, REPORTS_MART, ARTICLES_MART, COUNTRIES_MART})


def read_marts(database: Path, names: Sequence[str], schema: str = MART_SCHEMA) -> dict[str, pl.DataFrame]:
    """The marts among `names` that exist in `database`, by name: whole, or for the marts of
    `_COLUMNS_READ` the columns of those they have."""
    with duckdb.connect(str(database), read_only=True) as connection:
        columns: dict[str, list[str]] = {}
        for table, column in connection.execute(
            "select table_name, column_name from information_schema.columns"
            " where table_catalog = current_database() and table_schema = ? order by ordinal_position",
            [schema],
        ).fetchall():
            columns.setdefault(table, []).append(column)
        marts = {}
        for name in names:
            if name not in columns:
                continue
            wanted = [column for column in _COLUMNS_READ.get(name, columns[name]) if column in columns[name]]
            selected = ", ".join(quote_identifier(column) for column in wanted) or "*"
            marts[name] = connection.sql(
                f"select {selected} from {quote_identifier(schema)}.{quote_identifier(name)}"
            ).pl()
        return marts


def pairs_in_marts(marts: Mapping[str, pl.DataFrame]) -> set[Pair]:
    """Every pair of two different countries found together in a row of `marts`."""
    found: set[Pair] = set()
    frames = [frame for name, frame in marts.items() if name != CONTACTS_MART]
    if CONTACTS_MART in marts and not missing_contact_columns(marts[CONTACTS_MART]):
        frames.append(contact_pairs(marts[CONTACTS_MART]))
    for frame in frames:
        for first, second in _PAIR_COLUMNS:
            if first in frame.columns and second in frame.columns:
                together = frame.select(first, second).unique().filter(pl.col(first) != pl.col(second)).drop_nulls()
                found.update(Pair(a, b) for a, b in together.iter_rows())
                break
    return found


def _qualified(names: Sequence[str]) -> str:
    return " or ".join(f"{MART_SCHEMA}.{name}" for name in names)


def _mart_of(kind: ChartKind, marts: Mapping[str, pl.DataFrame]) -> tuple[str | None, str | None]:
    """The mart `kind` draws from, or why it cannot draw for any pair."""
    mart = next((name for name in kind.marts if name in marts), None)
    if mart is None:
        return None, f"{_qualified(kind.marts)} is not in the warehouse yet"
    try:
        # Drawn without rows, a chart only checks the columns it needs.
        kind.draw(marts[mart].clear(), Pair("AAA", "ZZZ"))
    except MissingColumnsError as error:
        return None, f"{MART_SCHEMA}.{mart} lacks what it needs: {error}"
    if marts[mart].is_empty():
        return None, f"{MART_SCHEMA}.{mart} is empty"
    return mart, None


def _timeline_source(marts: Mapping[str, pl.DataFrame]) -> tuple[pl.DataFrame | None, pl.DataFrame | None, list[str]]:
    """The contacts and their reports (with their articles) the timelines draw from, and notes on what is missing."""
    contacts = marts.get(CONTACTS_MART)
    if contacts is None:
        return None, None, [f"{MART_SCHEMA}.{CONTACTS_MART} is not in the warehouse yet: no contacts timeline."]
    missing = missing_contact_columns(contacts)
    if missing:
        return (
            None,
            None,
            [f"{MART_SCHEMA}.{CONTACTS_MART} lacks column(s) {', '.join(missing)}: no contacts timeline."],
        )
    reports = marts.get(REPORTS_MART)
    if reports is None:
        return (
            contacts,
            None,
            [f"{MART_SCHEMA}.{REPORTS_MART} is not in the warehouse yet: timelines without sentences."],
        )
    return contacts, reports_with_articles(reports, marts.get(ARTICLES_MART)), []


def country_names(marts: Mapping[str, pl.DataFrame]) -> dict[str, str]:
    countries = marts.get(COUNTRIES_MART)
    if countries is None or {"iso3", "country_name"} - set(countries.columns):
        return {}
    return dict(countries.select("iso3", "country_name").drop_nulls().iter_rows())


@dataclass(frozen=True)
class ReportSources:
    """What the report can draw from, settled once for every pair."""

    charts: tuple[tuple[ChartKind, str], ...]
    """Each chart kind that can be drawn, with the mart it draws from."""
    contacts: pl.DataFrame | None
    reports: pl.DataFrame | None
    linked: pl.DataFrame | None
    """`contact_pairs(contacts)`."""
    notes: tuple[str, ...]
    """Why a chart, or the timeline, cannot be drawn for any pair."""


def report_sources(marts: Mapping[str, pl.DataFrame]) -> ReportSources:
    charts, notes = [], []
    for kind in CHART_KINDS:
        mart, problem = _mart_of(kind, marts)
        if mart is None:
            notes.append(f"No “{kind.title}” charts: {problem}.")
        else:
            charts.append((kind, mart))
    contacts, reports, timeline_notes = _timeline_source(marts)
    linked = contact_pairs(contacts) if contacts is not None else None
    return ReportSources(tuple(charts), contacts, reports, linked, (*notes, *timeline_notes))
