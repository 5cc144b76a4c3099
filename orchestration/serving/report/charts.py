"""Bar charts of one country pair, drawn from mart rows: Polars frames in, PNG bytes out.

Each `*_png` function (and its `*_figure` twin, which returns the matplotlib figure)
returns None when the frame holds no row of the pair, and raises
`MissingColumnsError` when the frame lacks a column it needs. A pair is unordered; rows
stored as (b, a) are turned to (a, b), their directions swapped with them.

- `contacts_by_month_png`, from `marts.dyad_contacts_monthly`: contacts per month, one
  panel per kind, a → b above the axis and b → a below it.
- `interactions_by_quad_class_png`, from `marts.dyad_interactions_daily` (or `_monthly`):
  records per month by CAMEO QuadClass, both directions together.

The tone chart is in `orchestration.serving.report.tone`.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from orchestration.ingest import gdelt_events
from orchestration.serving.report.figures import (
    Pair,
    legend_beside,
    new_figure,
    pair_rows,
    png,
    require,
    time_column,
    title_and_caption,
)
from orchestration.serving.report.time_axis import activity_periods, date_axis, finish_broken_axis, panel_widths

CHARTED_EVENT_SOURCE = gdelt_events.SOURCE_SYSTEM
"""The event source the QuadClass chart draws (the marts keep every source apart)."""

QUAD_CLASSES = {
    1: ("Verbal cooperation", "#74c476"),
    2: ("Material cooperation", "#238b45"),
    3: ("Verbal conflict", "#fc9272"),
    4: ("Material conflict", "#cb181d"),
}
A_TO_B_COLOUR = "#3182bd"
B_TO_A_COLOUR = "#e6550d"
UNDIRECTED_COLOUR = "#bdbdbd"
_MONTH_BAR_DAYS = 24
_AXIS_PADDING_DAYS = 10
_MIN_AXIS_DAYS = 183
_MIN_PANEL_DAYS = 120

CONTACT_COLUMNS = ("country_a", "country_b", "month", "kind", "n_contacts", "n_a_to_b", "n_b_to_a")


def _month_start(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.Date).dt.truncate("1mo")


def _month_limits(months: list[dt.date]) -> tuple[dt.date, dt.date]:
    """An x range from the first bar's month to the end of the last bar's, with a margin, at
    least half a year wide so that one month alone is a bar and not the whole axis."""
    first, end = min(months), max(months) + dt.timedelta(days=31)
    padding = dt.timedelta(days=max(_AXIS_PADDING_DAYS, (_MIN_AXIS_DAYS - (end - first).days) // 2))
    return first - padding, end + padding


def contacts_by_month_png(contacts: pl.DataFrame, pair: Pair) -> bytes | None:
    figure = contacts_by_month_figure(contacts, pair)
    return None if figure is None else png(figure)


def contacts_by_month_figure(contacts: pl.DataFrame, pair: Pair) -> Figure | None:
    """Contacts per month, one panel per kind: a → b up, b → a down, contacts of no
    direction (counted in `n_contacts` but in neither direction) grey on top."""
    require(contacts, CONTACT_COLUMNS, "contacts by month")
    rows = pair_rows(contacts, pair, swapped_columns=("n_a_to_b", "n_b_to_a"))
    if rows.is_empty():
        return None
    monthly = (
        rows.group_by(_month_start("month").alias("month"), pl.col("kind").fill_null("unspecified"))
        .agg(
            pl.col("n_contacts").fill_null(0).sum().alias("total"),
            pl.col("n_a_to_b").fill_null(0).sum().alias("a_to_b"),
            pl.col("n_b_to_a").fill_null(0).sum().alias("b_to_a"),
        )
        .with_columns(undirected=(pl.col("total") - pl.col("a_to_b") - pl.col("b_to_a")).clip(lower_bound=0))
        .sort("kind", "month")
    )
    kinds = monthly.get_column("kind").unique(maintain_order=True).to_list()
    limits = _month_limits(monthly.get_column("month").to_list())
    figure, rows_of_axes = new_figure(len(kinds), height_per_row=1.4, titled_panels=True)
    legend: dict[str, object] = {}
    for (axes,), kind in zip(rows_of_axes, kinds, strict=True):
        of_kind = monthly.filter(pl.col("kind") == kind)
        months = of_kind.get_column("month").to_list()
        a_to_b = of_kind.get_column("a_to_b").to_list()
        b_to_a = of_kind.get_column("b_to_a").to_list()
        undirected = of_kind.get_column("undirected").to_list()
        drawn = [
            (f"{pair.a} → {pair.b}", axes.bar(months, a_to_b, width=_MONTH_BAR_DAYS, color=A_TO_B_COLOUR, align="edge"))
        ]
        drawn.append(
            (
                f"{pair.b} → {pair.a}",
                axes.bar(
                    months, [-value for value in b_to_a], width=_MONTH_BAR_DAYS, color=B_TO_A_COLOUR, align="edge"
                ),
            )
        )
        if any(undirected):
            drawn.append(
                (
                    "no direction",
                    axes.bar(
                        months, undirected, bottom=a_to_b, width=_MONTH_BAR_DAYS, color=UNDIRECTED_COLOUR, align="edge"
                    ),
                )
            )
        # A legend entry only for what this chart shows somewhere.
        for label, bars in drawn:
            if any(patch.get_height() != 0 for patch in bars):
                legend.setdefault(label, bars)
        axes.axhline(0, color="black", linewidth=0.6)
        axes.set_ylabel("contacts", fontsize="small")
        axes.set_title(str(kind).replace("_", " "), loc="left", fontsize="medium")
        axes.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
        # Counts below the axis are b → a contacts, not negative numbers.
        axes.yaxis.set_major_formatter(lambda value, _: f"{abs(value):g}")
        axes.set_xlim(*limits)
        date_axis(axes)
        if axes is not rows_of_axes[-1][0]:
            axes.tick_params(axis="x", labelbottom=False)
    order = [f"{pair.a} → {pair.b}", f"{pair.b} → {pair.a}", "no direction"]
    shown = [label for label in order if label in legend]
    legend_beside(figure, [legend[label] for label in shown], shown)
    title_and_caption(figure, f"{pair.label}: occurred contacts per month, by kind and direction")
    return figure


def interactions_by_quad_class_png(
    interactions: pl.DataFrame, pair: Pair, source_system: str = CHARTED_EVENT_SOURCE
) -> bytes | None:
    figure = interactions_by_quad_class_figure(interactions, pair, source_system)
    return None if figure is None else png(figure)


def interactions_by_quad_class_figure(
    interactions: pl.DataFrame, pair: Pair, source_system: str = CHARTED_EVENT_SOURCE
) -> Figure | None:
    """Records per month of one source, stacked by QuadClass, both directions of the pair together.

    One source only: GDELT 2.0, its translingual feed, GDELT 1.0, ACLED and POLECAT count
    differently and partly the same events, so their records never add up.
    """
    first, second = (
        ("actor1_country", "actor2_country") if "actor1_country" in interactions.columns else ("country_a", "country_b")
    )
    require(interactions, (first, second, "quad_class", "n_records"), "interactions by QuadClass")
    time = time_column(interactions, "interactions by QuadClass")
    if "source_system" in interactions.columns:
        interactions = interactions.filter(pl.col("source_system") == source_system)
    rows = pair_rows(interactions, pair, first=first, second=second)
    if rows.is_empty():
        return None
    monthly = (
        rows.group_by(_month_start(time).alias("month"), pl.col("quad_class").cast(pl.Int64))
        .agg(pl.col("n_records").fill_null(0).sum())
        .pivot(on="quad_class", index="month", values="n_records")
        .sort("month")
        .fill_null(0)
    )
    months: list[dt.date] = monthly.get_column("month").to_list()
    # A bar covers its month: periods reach a month past their last bar.
    periods = activity_periods(months, reach_days=31, last_day=max(months) + dt.timedelta(days=30))
    # A month's bar among a few months around it, not one bar filling its panel.
    min_days = _MIN_PANEL_DAYS if len(periods) > 1 else _MIN_AXIS_DAYS
    widths = panel_widths(periods, min_days)
    figure, (panels,) = new_figure(1, height_per_row=2.4, width_ratios=widths)
    handles, labels = [], []
    for axes in panels:
        bottom = [0] * len(months)
        for quad_class, (label, colour) in QUAD_CLASSES.items():
            if str(quad_class) not in monthly.columns:
                continue
            values = monthly.get_column(str(quad_class)).to_list()
            bars = axes.bar(months, values, bottom=bottom, width=_MONTH_BAR_DAYS, color=colour, align="edge")
            if axes is panels[0]:
                handles.append(bars)
                labels.append(f"{quad_class} {label}")
            bottom = [low + value for low, value in zip(bottom, values, strict=True)]
    panels[0].set_ylabel(f"{source_system} event records", fontsize="small")
    panels[0].yaxis.set_major_locator(MaxNLocator(integer=True))
    finish_broken_axis(panels, periods, widths, min_days)
    # Stacked from the bottom up, listed from the top down, as the eye reads the bars.
    legend_beside(figure, handles[::-1], labels[::-1])
    title_and_caption(figure, f"{pair.label}: {source_system} event records per month, by QuadClass (both directions)")
    return figure
