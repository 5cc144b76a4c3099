"""The chart report: for every pair of watched countries, the charts and contacts timeline it
has data for, as PNG files and one static HTML page, the focus pairs first.

The report reads the marts it draws from a DuckDB file (the snapshot, normally) and writes
into one folder:

    <folder>/index.html
    <folder>/charts/<A>-<B>_<chart>.png

Pairs come in page order: the focus pairs (`DYADWATCH_REPORT_FOCUS_PAIRS`, by default the
first two countries of the watch list), then every other pair of two watched countries in
the watch list's order. A pair shows only the charts its marts hold rows for, and its
contacts timeline (`marts.fct_contacts` with the sentences of `marts.fct_contact_reports`);
pairs without any are named on one line. A chart whose mart is absent, empty or lacks a
column is named once at the top of the page with the reason.

Each file is written under a temporary name and renamed into place, the page last; charts
of pairs no longer reported are removed.

`python -m orchestration.serving.report.report [FOLDER]` writes it (default: beside the warehouse,
`<warehouse>_reports/`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import sys
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from orchestration import settings
from orchestration.serving.report.charts import contacts_by_month_png, interactions_by_quad_class_png
from orchestration.serving.report.figures import MissingColumnsError, Pair
from orchestration.serving.report.page import Chart, PairSection, Timeline, render_page
from orchestration.serving.report.timeline import (
    ARTICLE_COLUMNS,
    contact_pairs,
    missing_contact_columns,
    pair_timeline,
    reports_with_articles,
    timeline_html,
)
from orchestration.serving.report.tone import tone_over_time_png
from orchestration.serving.publish import quote_identifier, serving_source

MART_SCHEMA = "marts"
PAGE_NAME = "index.html"
CHARTS_FOLDER = "charts"
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


@dataclass(frozen=True)
class ReportResult:
    page: Path
    images: tuple[Path, ...]
    pairs: tuple[Pair, ...]
    """The pairs shown, in page order."""
    empty_pairs: tuple[Pair, ...]
    """The pairs considered that have nothing to show."""
    skipped: tuple[str, ...]
    """One line per chart not drawn: `<pair>: <chart>: <reason>`, or the page's note on a chart no pair can have."""


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


def watched_pairs(watch_list: Sequence[str], focus_pairs: Sequence[tuple[str, str]] = ()) -> list[Pair]:
    """Every pair of two different watched countries, in page order: the focus pairs as given,
    then by the watch list's order (its first country with each later one, then the second …)."""
    watched = list(dict.fromkeys(code.upper() for code in watch_list))
    focus = [Pair(a, b) for a, b in focus_pairs if a.upper() != b.upper()]
    others = [Pair(a, b) for a, b in itertools.combinations(watched, 2)]
    return list(dict.fromkeys([*focus, *others]))


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


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(f".{path.name}.tmp-{uuid.uuid4().hex}")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


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


def _country_names(marts: Mapping[str, pl.DataFrame]) -> dict[str, str]:
    countries = marts.get(COUNTRIES_MART)
    if countries is None or {"iso3", "country_name"} - set(countries.columns):
        return {}
    return {iso3: name for iso3, name in countries.select("iso3", "country_name").drop_nulls().iter_rows()}


@dataclass(frozen=True)
class _Sources:
    """What the report can draw from, settled once for every pair."""

    charts: tuple[tuple[ChartKind, str], ...]
    """Each chart kind that can be drawn, with the mart it draws from."""
    contacts: pl.DataFrame | None
    reports: pl.DataFrame | None
    linked: pl.DataFrame | None
    """`contact_pairs(contacts)`."""
    notes: tuple[str, ...]
    """Why a chart, or the timeline, cannot be drawn for any pair."""


def _sources(marts: Mapping[str, pl.DataFrame]) -> _Sources:
    charts, notes = [], []
    for kind in CHART_KINDS:
        mart, problem = _mart_of(kind, marts)
        if mart is None:
            notes.append(f"No “{kind.title}” charts: {problem}.")
        else:
            charts.append((kind, mart))
    contacts, reports, timeline_notes = _timeline_source(marts)
    linked = contact_pairs(contacts) if contacts is not None else None
    return _Sources(tuple(charts), contacts, reports, linked, (*notes, *timeline_notes))


def _pair_blocks(
    pair: Pair, marts: Mapping[str, pl.DataFrame], sources: _Sources, charts_dir: Path, log: list[str]
) -> tuple[list[Chart | Timeline], list[Path], list[str]]:
    """The pair's charts (written into `charts_dir`) and timeline in page order, their files, and
    the charts its marts hold no row for; a chart not drawn is logged in `log`."""
    charts: dict[str, Chart] = {}
    images, nothing = [], []
    for kind, mart in sources.charts:
        image = kind.draw(marts[mart], pair)
        if image is None:
            nothing.append(f"{kind.short} ({MART_SCHEMA}.{mart})")
            log.append(f"{pair.label}: {kind.title}: no rows for {pair.label} in {MART_SCHEMA}.{mart}")
            continue
        path = charts_dir / f"{pair.slug}_{kind.key}.png"
        _write_atomically(path, image)
        images.append(path)
        charts[kind.key] = Chart(kind.title, f"{CHARTS_FOLDER}/{path.name}", kind.short)
    timeline = (
        pair_timeline(sources.contacts, sources.reports, pair, sources.linked) if sources.contacts is not None else []
    )
    table = Timeline(len(timeline), timeline_html(timeline, pair)) if timeline else None
    # The timeline sits right under the contacts chart: the months' bars, then the contacts behind them.
    ordered = (charts.get("contacts"), table, *(chart for key, chart in charts.items() if key != "contacts"))
    return [block for block in ordered if block is not None], images, nothing


def build_report(
    marts: Mapping[str, pl.DataFrame],
    pairs: Sequence[Pair],
    folder: Path,
    *,
    source: str,
    focus: Sequence[Pair] = (),
    title: str = "dyadwatch: watched pairs",
    generated_at: dt.datetime | None = None,
) -> ReportResult:
    """Draw what `marts` (mart name → rows) hold of each of `pairs`, in that order, into
    `folder`, then the page; the pairs of `focus` are shown open."""
    charts_dir = folder / CHARTS_FOLDER
    charts_dir.mkdir(parents=True, exist_ok=True)
    sources = _sources(marts)
    skipped = list(sources.notes)
    present = pairs_in_marts(marts)
    names = _country_names(marts)
    sections, images, empty = [], [], []
    for pair in pairs:
        blocks, drawn, nothing = (
            _pair_blocks(pair, marts, sources, charts_dir, skipped) if pair in present else ([], [], [])
        )
        images += drawn
        if not blocks:
            empty.append(pair)
            continue
        name = f"{names.get(pair.a, pair.a)} – {names.get(pair.b, pair.b)}"
        sections.append(PairSection(pair, name, tuple(blocks), focus=pair in focus, nothing_to_draw=tuple(nothing)))
    notes = [*sources.notes, *(f"No data yet for the focus pair {pair.label}." for pair in focus if pair in empty)]
    page = folder / PAGE_NAME
    html = render_page(
        title,
        sections,
        generated_at=generated_at or dt.datetime.now(dt.UTC).replace(tzinfo=None),
        source=source,
        notes=notes,
        empty_pairs=empty,
    )
    _write_atomically(page, html.encode("utf-8"))
    for stale in set(charts_dir.glob("*.png")) - set(images):
        stale.unlink()
    return ReportResult(
        page=page,
        images=tuple(images),
        pairs=tuple(section.pair for section in sections),
        empty_pairs=tuple(empty),
        skipped=tuple(skipped),
    )


def write_report(
    database: Path, folder: Path, watch_list: Sequence[str], focus_pairs: Sequence[tuple[str, str]] = ()
) -> ReportResult:
    """The report of `watch_list`'s pairs, `focus_pairs` first, from the marts in the DuckDB file `database`."""
    marts = read_marts(database, mart_names())
    focus = [Pair(a, b) for a, b in focus_pairs if a.upper() != b.upper()]
    return build_report(marts, watched_pairs(watch_list, focus_pairs), folder, source=str(database), focus=focus)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orchestration.serving.report.report", description=__doc__.splitlines()[0])
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=None,
        help="default: DYADWATCH_REPORTS_DIR, else <warehouse>_reports/ beside the warehouse",
    )
    parser.add_argument(
        "--source",
        type=Path,
        default=None,
        help="a DuckDB file (default: the snapshot if there is one, else the warehouse)",
    )
    arguments = parser.parse_args(argv)
    try:
        source = arguments.source or serving_source(settings.snapshot_path(), settings.warehouse_path())
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    folder = (arguments.folder or settings.reports_dir()).resolve()
    result = write_report(source, folder, settings.watch_list(), settings.report_focus_pairs())
    print(
        f"{len(result.images)} charts of {len(result.pairs)} pairs ({len(result.empty_pairs)} pairs without data): {result.page}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
