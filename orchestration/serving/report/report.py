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
of pairs no longer reported are removed, and a chart whose rows did not change since it was
drawn is not drawn again (`report.redraw`).

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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from orchestration import settings
from orchestration.serving.marts import add_output_options, serving_source
from orchestration.serving.report.figures import Pair
from orchestration.serving.report.page import Chart, PairSection, Timeline, render_page
from orchestration.serving.report.redraw import DrawnCharts, chart_digest
from orchestration.serving.report.sources import (
    MART_SCHEMA,
    ReportSources,
    country_names,
    mart_names,
    pairs_in_marts,
    read_marts,
    report_sources,
)
from orchestration.serving.report.timeline import pair_timeline, timeline_html

PAGE_NAME = "index.html"
CHARTS_FOLDER = "charts"


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


def watched_pairs(watch_list: Sequence[str], focus_pairs: Sequence[tuple[str, str]] = ()) -> list[Pair]:
    """Every pair of two different watched countries, in page order: the focus pairs as given,
    then by the watch list's order (its first country with each later one, then the second …)."""
    watched = list(dict.fromkeys(code.upper() for code in watch_list))
    focus = [Pair(a, b) for a, b in focus_pairs if a.upper() != b.upper()]
    others = [Pair(a, b) for a, b in itertools.combinations(watched, 2)]
    return list(dict.fromkeys([*focus, *others]))


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(f".{path.name}.tmp-{uuid.uuid4().hex}")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _pair_blocks(
    pair: Pair,
    marts: Mapping[str, pl.DataFrame],
    sources: ReportSources,
    drawn: DrawnCharts,
    log: list[str],
) -> tuple[list[Chart | Timeline], list[Path], list[str]]:
    """The pair's charts (written into `drawn.folder` unless drawn there already from the same rows)
    and timeline in page order, their files, and the charts its marts hold no row for; a chart not
    drawn is logged in `log`."""
    charts: dict[str, Chart] = {}
    images, nothing = [], []
    for kind, mart in sources.charts:
        path = drawn.folder / f"{pair.slug}_{kind.key}.png"
        digest = chart_digest(kind.key, mart, marts[mart], pair)
        if not drawn.is_current(path, digest):
            image = kind.draw(marts[mart], pair)
            if image is None:
                nothing.append(f"{kind.short} ({MART_SCHEMA}.{mart})")
                log.append(f"{pair.label}: {kind.title}: no rows for {pair.label} in {MART_SCHEMA}.{mart}")
                continue
            _write_atomically(path, image)
        drawn.record(path, digest)
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
    drawn = DrawnCharts.of(charts_dir)
    sources = report_sources(marts)
    skipped = list(sources.notes)
    present = pairs_in_marts(marts)
    names = country_names(marts)
    sections, images, empty = [], [], []
    for pair in pairs:
        blocks, pair_images, nothing = (
            _pair_blocks(pair, marts, sources, drawn, skipped) if pair in present else ([], [], [])
        )
        images += pair_images
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
    drawn.save()
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
    parser = argparse.ArgumentParser(
        prog="python -m orchestration.serving.report.report", description=__doc__.splitlines()[0]
    )
    add_output_options(parser, "default: DYADWATCH_REPORTS_DIR, else <warehouse>_reports/ beside the warehouse")
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
