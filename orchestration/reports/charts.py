"""Charts of one country pair, drawn from mart rows: Polars frames in, PNG bytes out.

Pure functions of their inputs: no database, no files, no global pyplot state (each chart
is its own matplotlib `Figure` on the Agg canvas), so they run anywhere, in any thread.

A pair is unordered (`Pair("USA", "ISR")` is `ISR–USA`); rows stored as (b, a) are turned
to (a, b), their directions swapped with them. Each function returns None when the frame
holds no row of the pair, and raises `MissingColumnsError` when the frame lacks a column
it needs.

- `contacts_by_month_png`, from `marts.dyad_contacts_monthly`: contacts per month, one
  panel per kind, a → b above the axis and b → a below it.
- `tone_over_time_png`, from `marts.dyad_tone_daily` (or `_monthly`): mean tone per source
  (`source` or `tone_source`) with its 7- and 30-day rolling means (`rolling_7d` or
  `rolling_mean_7d`, and the same for 30 days) where the mart has them.
- `interactions_by_quad_class_png`, from `marts.dyad_interactions_daily` (or `_monthly`):
  records per month by CAMEO QuadClass, both directions together.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHARTED_EVENT_SOURCE = "gdelt_v2"
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
_DPI = 100
_MONTH_BAR_DAYS = 24


class MissingColumnsError(ValueError):
    """The frame is not the mart the chart expects."""


@dataclass(frozen=True, order=True)
class Pair:
    """Two countries (ISO3), in alphabetical order whatever order they were given in."""

    a: str
    b: str

    def __post_init__(self) -> None:
        first, second = sorted((self.a.upper(), self.b.upper()))
        object.__setattr__(self, "a", first)
        object.__setattr__(self, "b", second)

    @property
    def label(self) -> str:
        return f"{self.a}–{self.b}"

    @property
    def slug(self) -> str:
        return f"{self.a}-{self.b}"


def _require(frame: pl.DataFrame, columns: Iterable[str], chart: str) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise MissingColumnsError(f"{chart} needs column(s) {', '.join(missing)}; the frame has {', '.join(frame.columns)}")


def _time_column(frame: pl.DataFrame, chart: str) -> str:
    for column in ("day", "month"):
        if column in frame.columns:
            return column
    raise MissingColumnsError(f"{chart} needs a `day` or `month` column; the frame has {', '.join(frame.columns)}")


def pair_rows(
    frame: pl.DataFrame,
    pair: Pair,
    *,
    first: str = "country_a",
    second: str = "country_b",
    swapped_columns: tuple[str, str] | None = None,
) -> pl.DataFrame:
    """The rows of `pair`, turned so that `first` is `pair.a`; on turned rows the two
    `swapped_columns` (a → b and b → a counts) trade values."""
    forward = frame.filter((pl.col(first) == pair.a) & (pl.col(second) == pair.b))
    backward = frame.filter((pl.col(first) == pair.b) & (pl.col(second) == pair.a))
    if pair.a == pair.b or backward.is_empty():
        return forward
    renames = {first: second, second: first}
    if swapped_columns is not None:
        renames |= {swapped_columns[0]: swapped_columns[1], swapped_columns[1]: swapped_columns[0]}
    turned = backward.rename(renames).select(forward.columns)
    return pl.concat([forward, turned])


def _month_start(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.Date).dt.truncate("1mo")


def _new_figure(n_rows: int = 1, height_per_row: float = 2.6) -> tuple[Figure, list[Axes]]:
    figure = Figure(figsize=(9, max(3.2, height_per_row * n_rows + 0.8)), dpi=_DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots(n_rows, 1, sharex=True, squeeze=False)[:, 0]
    return figure, list(axes)


def _date_axis(axes: Axes) -> None:
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # No timestamp in the file: the same rows give the same bytes.
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


CONTACT_COLUMNS = ("country_a", "country_b", "month", "kind", "n_contacts", "n_a_to_b", "n_b_to_a")


def contacts_by_month_png(contacts: pl.DataFrame, pair: Pair) -> bytes | None:
    """Contacts per month, one panel per kind: a → b up, b → a down, contacts of no
    direction (counted in `n_contacts` but in neither direction) grey on top."""
    _require(contacts, CONTACT_COLUMNS, "contacts by month")
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
    figure, axes_list = _new_figure(len(kinds))
    for axes, kind in zip(axes_list, kinds, strict=True):
        of_kind = monthly.filter(pl.col("kind") == kind)
        months = of_kind.get_column("month").to_list()
        a_to_b = of_kind.get_column("a_to_b").to_list()
        b_to_a = of_kind.get_column("b_to_a").to_list()
        undirected = of_kind.get_column("undirected").to_list()
        axes.bar(months, a_to_b, width=_MONTH_BAR_DAYS, color=A_TO_B_COLOUR, label=f"{pair.a} → {pair.b}")
        axes.bar(months, [-value for value in b_to_a], width=_MONTH_BAR_DAYS, color=B_TO_A_COLOUR, label=f"{pair.b} → {pair.a}")
        if any(undirected):
            axes.bar(
                months, undirected, bottom=a_to_b, width=_MONTH_BAR_DAYS, color=UNDIRECTED_COLOUR, label="no direction"
            )
        axes.axhline(0, color="black", linewidth=0.6)
        axes.set_ylabel("contacts")
        axes.set_title(str(kind), loc="left", fontsize="medium")
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        # Counts below the axis are b → a contacts, not negative numbers.
        axes.yaxis.set_major_formatter(lambda value, _: f"{abs(value):g}")
        _date_axis(axes)
    # One legend for all panels; a panel without contacts of no direction has no grey entry.
    legend_entries = {
        label: handle for axes in axes_list for handle, label in zip(*axes.get_legend_handles_labels(), strict=True)
    }
    figure.legend(list(legend_entries.values()), list(legend_entries), loc="outside right upper", fontsize="small", frameon=False)
    figure.suptitle(f"{pair.label}: contacts per month by kind and direction")
    return _png(figure)


TONE_COLUMNS = ("country_a", "country_b", "mean_tone")
TONE_SOURCE_COLUMNS = ("source", "tone_source")
ROLLING_MEANS = (
    (("rolling_7d", "rolling_mean_7d"), 1.0, "--", "7-day rolling mean"),
    (("rolling_30d", "rolling_mean_30d"), 2.2, "-", "30-day rolling mean"),
)
"""Each rolling mean under either of its names, with its line width, line style and legend."""


def _first_present(frame: pl.DataFrame, names: Iterable[str]) -> str | None:
    return next((name for name in names if name in frame.columns), None)


_MAX_LINE_GAP_DAYS = {"day": 30, "month": 62}
"""Past this many days without a value a rolling-mean line is broken: its window held nothing."""


def _broken_at_gaps(
    times: list[dt.date], values: list[float], *, max_gap_days: int
) -> tuple[list[dt.date], list[float]]:
    """The points, with a NaN between two that are further apart than `max_gap_days`, where matplotlib lifts the pen."""
    broken_times, broken_values = times[:1], values[:1]
    for previous, time, value in zip(times, times[1:], values[1:], strict=False):
        if (time - previous).days > max_gap_days:
            broken_times.append(previous + (time - previous) / 2)
            broken_values.append(float("nan"))
        broken_times.append(time)
        broken_values.append(value)
    return broken_times, broken_values


def tone_over_time_png(tone: pl.DataFrame, pair: Pair) -> bytes | None:
    """Mean tone per day (or month) and source as points, its rolling means as lines."""
    _require(tone, TONE_COLUMNS, "tone over time")
    time_column = _time_column(tone, "tone over time")
    source_column = _first_present(tone, TONE_SOURCE_COLUMNS)
    if source_column is None:
        raise MissingColumnsError(
            f"tone over time needs a `source` or `tone_source` column; the frame has {', '.join(tone.columns)}"
        )
    rows = pair_rows(tone, pair)
    if rows.filter(pl.col("mean_tone").is_not_null()).is_empty():
        return None
    rows = rows.with_columns(pl.col(source_column).fill_null("unspecified").alias("source"))
    rolling = [
        (column, width, style, name)
        for names, width, style, name in ROLLING_MEANS
        if (column := _first_present(rows, names)) is not None
    ]
    figure, (axes,) = _new_figure(1, height_per_row=3.4)
    for position, source in enumerate(sorted(rows.get_column("source").unique().to_list())):
        of_source = rows.filter(pl.col("source") == source).sort(time_column)
        colour = f"C{position}"
        points = of_source.select(time_column, "mean_tone").drop_nulls()
        axes.scatter(
            points.get_column(time_column).cast(pl.Date).to_list(),
            points.get_column("mean_tone").to_list(),
            s=12,
            color=colour,
            alpha=0.45,
            label=f"{source}: mean tone",
        )
        for column, width, style, name in rolling:
            values = of_source.select(time_column, column).drop_nulls()
            if not values.is_empty():
                axes.plot(
                    *_broken_at_gaps(
                        values.get_column(time_column).cast(pl.Date).to_list(),
                        values.get_column(column).to_list(),
                        max_gap_days=_MAX_LINE_GAP_DAYS[time_column],
                    ),
                    color=colour,
                    linewidth=width,
                    linestyle=style,
                    # A run of one day between gaps would otherwise draw nothing.
                    marker="o",
                    markersize=width + 1,
                    label=f"{source}: {name}",
                )
    axes.axhline(0, color="black", linewidth=0.6)
    axes.set_ylabel("tone")
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    _date_axis(axes)
    figure.suptitle(f"{pair.label}: tone over time")
    return _png(figure)


def interactions_by_quad_class_png(
    interactions: pl.DataFrame, pair: Pair, source_system: str = CHARTED_EVENT_SOURCE
) -> bytes | None:
    """Records per month of one source, stacked by QuadClass, both directions of the pair together.

    One source only: GDELT 2.0, its translingual feed, GDELT 1.0, ACLED and POLECAT count
    differently and partly the same events, so their records never add up.
    """
    first, second = (
        ("actor1_country", "actor2_country") if "actor1_country" in interactions.columns else ("country_a", "country_b")
    )
    _require(interactions, (first, second, "quad_class", "n_records"), "interactions by QuadClass")
    time_column = _time_column(interactions, "interactions by QuadClass")
    if "source_system" in interactions.columns:
        interactions = interactions.filter(pl.col("source_system") == source_system)
    rows = pair_rows(interactions, pair, first=first, second=second)
    if rows.is_empty():
        return None
    monthly = (
        rows.group_by(_month_start(time_column).alias("month"), pl.col("quad_class").cast(pl.Int64))
        .agg(pl.col("n_records").fill_null(0).sum())
        .pivot(on="quad_class", index="month", values="n_records")
        .sort("month")
        .fill_null(0)
    )
    months: list[dt.date] = monthly.get_column("month").to_list()
    figure, (axes,) = _new_figure(1, height_per_row=3.4)
    bottom = [0] * len(months)
    for quad_class, (label, colour) in QUAD_CLASSES.items():
        if str(quad_class) not in monthly.columns:
            continue
        values = monthly.get_column(str(quad_class)).to_list()
        axes.bar(months, values, bottom=bottom, width=_MONTH_BAR_DAYS, color=colour, label=f"{quad_class} {label}")
        bottom = [low + value for low, value in zip(bottom, values, strict=True)]
    axes.set_ylabel(f"{source_system} event records")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    _date_axis(axes)
    figure.suptitle(f"{pair.label}: interactions per month by QuadClass")
    return _png(figure)
