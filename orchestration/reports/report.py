"""The chart report: per watched pair, its charts as PNG files and one static HTML page.

A watched pair is two different countries of the watch list that appear together in at
least one mart. The report reads the marts it draws from a DuckDB file (the snapshot,
normally) and writes into one folder:

    <folder>/index.html
    <folder>/charts/<A>-<B>_<chart>.png

Each file is written under a temporary name and renamed into place, the page last; charts
of pairs no longer reported are removed. A chart whose mart is absent, lacks a column, or
holds no row of the pair is listed on the page with the reason, not drawn.

`python -m orchestration.reports.report [FOLDER]` writes it (default: beside the warehouse, `warehouse/dyadwatch_reports/`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from orchestration import settings
from orchestration.reports.charts import (
    MissingColumnsError,
    Pair,
    contacts_by_month_png,
    interactions_by_quad_class_png,
    tone_over_time_png,
)
from orchestration.reports.page import ChartEntry, PairSection, render_page
from orchestration.warehouse.publish import quote_identifier, serving_source

MART_SCHEMA = "marts"
PAGE_NAME = "index.html"
CHARTS_FOLDER = "charts"
_PAIR_COLUMNS = (("country_a", "country_b"), ("actor1_country", "actor2_country"))


@dataclass(frozen=True)
class ChartKind:
    """A chart drawn for every pair, from the first of its `marts` that exists."""

    key: str
    title: str
    marts: tuple[str, ...]
    draw: Callable[[pl.DataFrame, Pair], bytes | None]


CHART_KINDS = (
    ChartKind("contacts", "Contacts per month by kind and direction", ("dyad_contacts_monthly",), contacts_by_month_png),
    ChartKind("tone", "Tone over time with its rolling means", ("dyad_tone_daily", "dyad_tone_monthly"), tone_over_time_png),
    ChartKind(
        "quad_class",
        "Interactions per month by QuadClass",
        ("dyad_interactions_daily", "dyad_interactions_monthly"),
        interactions_by_quad_class_png,
    ),
)


@dataclass(frozen=True)
class ReportResult:
    page: Path
    images: tuple[Path, ...]
    pairs: tuple[Pair, ...]
    skipped: tuple[str, ...]
    """One line per chart not drawn: `<pair>: <chart>: <reason>`."""


def mart_names() -> list[str]:
    return sorted({mart for kind in CHART_KINDS for mart in kind.marts})


def read_marts(database: Path, names: Sequence[str], schema: str = MART_SCHEMA) -> dict[str, pl.DataFrame]:
    """The marts among `names` that exist in `database`, whole, by name."""
    with duckdb.connect(str(database), read_only=True) as connection:
        present = {
            row[0]
            for row in connection.execute(
                "select table_name from information_schema.tables where table_catalog = current_database() and table_schema = ?",
                [schema],
            ).fetchall()
        }
        return {
            name: connection.sql(f"select * from {quote_identifier(schema)}.{quote_identifier(name)}").pl()
            for name in names
            if name in present
        }


def watched_pairs(marts: Mapping[str, pl.DataFrame], watch_list: Sequence[str]) -> list[Pair]:
    """Pairs of two different watched countries found together in any of `marts`, in name order."""
    watched = sorted({code.upper() for code in watch_list})
    pairs: set[Pair] = set()
    for frame in marts.values():
        for first, second in _PAIR_COLUMNS:
            if first in frame.columns and second in frame.columns:
                found = (
                    frame.select(pl.col(first).alias("first"), pl.col(second).alias("second"))
                    .filter(pl.col("first").is_in(watched), pl.col("second").is_in(watched), pl.col("first") != pl.col("second"))
                    .unique()
                )
                pairs.update(Pair(a, b) for a, b in found.iter_rows())
                break
    return sorted(pairs)


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(f".{path.name}.tmp-{uuid.uuid4().hex}")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _chart(kind: ChartKind, marts: Mapping[str, pl.DataFrame], pair: Pair, charts_dir: Path) -> tuple[ChartEntry, Path | None]:
    mart = next((name for name in kind.marts if name in marts), None)
    if mart is None:
        names = " or ".join(f"{MART_SCHEMA}.{name}" for name in kind.marts)
        return ChartEntry(kind.title, skipped_because=f"{names} is not in the warehouse yet"), None
    frame = marts[mart]
    if frame.is_empty():
        return ChartEntry(kind.title, skipped_because=f"{MART_SCHEMA}.{mart} is empty"), None
    try:
        png = kind.draw(frame, pair)
    except MissingColumnsError as error:
        return ChartEntry(kind.title, skipped_because=f"{MART_SCHEMA}.{mart}: {error}"), None
    if png is None:
        return ChartEntry(kind.title, skipped_because=f"no rows for {pair.label} in {MART_SCHEMA}.{mart}"), None
    path = charts_dir / f"{pair.slug}_{kind.key}.png"
    _write_atomically(path, png)
    return ChartEntry(kind.title, image=f"{CHARTS_FOLDER}/{path.name}"), path


def build_report(
    marts: Mapping[str, pl.DataFrame],
    pairs: Sequence[Pair],
    folder: Path,
    *,
    source: str,
    title: str = "dyadwatch: watched pairs",
    generated_at: dt.datetime | None = None,
) -> ReportResult:
    """Draw every chart of every pair from `marts` (mart name → rows) into `folder`, then the page."""
    charts_dir = folder / CHARTS_FOLDER
    charts_dir.mkdir(parents=True, exist_ok=True)
    sections, images, skipped = [], [], []
    for pair in pairs:
        entries = []
        for kind in CHART_KINDS:
            entry, path = _chart(kind, marts, pair, charts_dir)
            entries.append(entry)
            if path is not None:
                images.append(path)
            else:
                skipped.append(f"{pair.label}: {kind.title}: {entry.skipped_because}")
        sections.append(PairSection(pair, tuple(entries)))
    absent = [
        f"{' or '.join(f'{MART_SCHEMA}.{name}' for name in kind.marts)} is not in the warehouse yet: no “{kind.title}” charts."
        for kind in CHART_KINDS
        if not any(name in marts for name in kind.marts)
    ]
    page = folder / PAGE_NAME
    html = render_page(
        title,
        sections,
        generated_at=generated_at or dt.datetime.now(dt.UTC).replace(tzinfo=None),
        source=source,
        notes=absent,
    )
    _write_atomically(page, html.encode("utf-8"))
    for stale in set(charts_dir.glob("*.png")) - set(images):
        stale.unlink()
    return ReportResult(page=page, images=tuple(images), pairs=tuple(pairs), skipped=tuple(skipped))


def write_report(database: Path, folder: Path, watch_list: Sequence[str]) -> ReportResult:
    """The report of `watch_list`'s pairs, from the marts in the DuckDB file `database`."""
    marts = read_marts(database, mart_names())
    return build_report(marts, watched_pairs(marts, watch_list), folder, source=str(database))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orchestration.reports.report", description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=None, help="default: DYADWATCH_REPORTS_DIR, else <warehouse>_reports/ beside the warehouse")
    parser.add_argument(
        "--source", type=Path, default=None, help="a DuckDB file (default: the snapshot if there is one, else the warehouse)"
    )
    arguments = parser.parse_args(argv)
    try:
        source = arguments.source or serving_source(settings.snapshot_path(), settings.warehouse_path())
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    folder = (arguments.folder or settings.reports_dir()).resolve()
    result = write_report(source, folder, settings.watch_list())
    print(f"{len(result.images)} charts of {len(result.pairs)} watched pairs, {len(result.skipped)} not drawn: {result.page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
