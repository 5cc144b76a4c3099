"""The tone chart of one country pair: daily mean tone per source as dots, and its 7- and
30-day means over calendar days as lines (Polars frame in, PNG bytes out).

The rolling means are computed here from the daily means and their weights, over calendar
days: the mean on a day is the weighted mean of the readings of that day and the 6 (29)
days before, drawn on every day whose window holds a reading and left as a gap where it
holds none. A line never runs past the last day of the mart, where the record ends. The
time axis is broken into the periods that hold readings (`time_axis.activity_periods`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Sequence

import polars as pl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from orchestration.serving.report.figures import (
    MissingColumnsError,
    Pair,
    legend_beside,
    new_figure,
    pair_rows,
    png,
    require,
    time_column,
    title_and_caption,
)
from orchestration.serving.report.time_axis import activity_periods, finish_broken_axis, panel_widths

TONE_COLUMNS = ("country_a", "country_b", "mean_tone")
TONE_SOURCE_COLUMNS = ("tone_source", "source")
WEIGHT_COLUMNS = ("total_weight", "n_items")
"""The weight of a day's mean in a rolling mean, the first present; without one every day weighs the same."""
ROLLING_WINDOWS = ((7, 1.0, "7-day mean"), (30, 3.5, "30-day mean"))
"""Each window in days, with its line width and legend."""
MONTHLY_LINE = "monthly means, month to month"
MONTHLY_LINE_WIDTH = 1.2
TONE_SCALE = 10.0
"""GDELT's tone is a percentage difference, in practice within about ±10."""

SOURCE_STYLES = {
    "gdelt_v2_events": ("GDELT 2.0 events", "#1f77b4"),
    "gdelt_v2_translingual_events": ("GDELT 2.0 events, transl.", "#6baed6"),
    "gdelt_v1_events": ("GDELT 1.0 events", "#17becf"),
    "gdelt_v2_mentions": ("GDELT 2.0 mentions", "#9467bd"),
    "gdelt_v2_mentions_translingual": ("GDELT 2.0 mentions, transl.", "#c5b0d5"),
    "gdelt_v2_gkg": ("GDELT GKG documents", "#ff7f0e"),
    "gdelt_v2_gkg_translingual": ("GDELT GKG docs, transl.", "#e7ba52"),
    "articles": ("coded articles", "#d62728"),
}
_OTHER_SOURCE_COLOURS = ("#2ca02c", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22")


def _caption(is_daily: bool) -> tuple[str, ...]:
    period, lines = (
        ("day", "Lines: means over the last 7 and 30 calendar days; a gap is a window without any reading.")
        if is_daily
        else ("month", "Dots: monthly means; a line joins two consecutive months.")
    )
    return (
        "Average tone: per article (or GDELT event record), % positive minus % negative words, on GDELT's scale",
        f"(about −10 very negative … +10 very positive), averaged per {period} over the pair's coverage in each source;",
        f"GDELT event records weighted by their mentions. {lines}",
    )


def _first_present(frame: pl.DataFrame, names: Sequence[str]) -> str | None:
    return next((name for name in names if name in frame.columns), None)


def daily_readings(tone: pl.DataFrame, pair: Pair) -> pl.DataFrame:
    """The pair's rows as `source`, `time`, `mean_tone`, `weight`, without rows lacking a tone."""
    require(tone, TONE_COLUMNS, "tone over time")
    time = time_column(tone, "tone over time")
    source = _first_present(tone, TONE_SOURCE_COLUMNS)
    if source is None:
        raise MissingColumnsError(
            f"tone over time needs a `tone_source` or `source` column; the frame has {', '.join(tone.columns)}"
        )
    weight = _first_present(tone, WEIGHT_COLUMNS)
    return (
        pair_rows(tone, pair)
        .select(
            pl.col(source).fill_null("unspecified").alias("source"),
            pl.col(time).cast(pl.Date).alias("time"),
            pl.col("mean_tone").cast(pl.Float64),
            (pl.col(weight).cast(pl.Float64) if weight else pl.lit(1.0)).fill_null(1.0).alias("weight"),
        )
        .filter(pl.col("mean_tone").is_not_null(), pl.col("time").is_not_null(), pl.col("weight") > 0)
        .sort("source", "time")
    )


def calendar_rolling_means(readings: pl.DataFrame, last_day: dt.date) -> pl.DataFrame:
    """Per source and calendar day up to `last_day`, the weighted mean tone of each window of
    `ROLLING_WINDOWS` ending that day (`mean_7d`, `mean_30d`); only days some window reaches
    are rows, and a window without a reading is null."""
    longest = max(days for days, _, _ in ROLLING_WINDOWS)
    # Each reading counts on its own day and the (window − 1) days after it.
    spread = (
        readings.with_columns(offset=pl.int_ranges(0, longest))
        .explode("offset")
        .with_columns(day=pl.col("time") + pl.duration(days=pl.col("offset")))
        .filter(pl.col("day") <= last_day)
    )
    means = []
    for days, _, _ in ROLLING_WINDOWS:
        in_window = pl.col("offset") < days
        weights = pl.col("weight").filter(in_window).sum()
        weighted = (pl.col("mean_tone") * pl.col("weight")).filter(in_window).sum()
        means.append(pl.when(weights > 0).then(weighted / weights).alias(f"mean_{days}d"))
    return spread.group_by("source", "day").agg(means).sort("source", "day")


def _with_gaps(days: list[dt.date], values: list[float | None], max_step_days: int) -> tuple[list, list]:
    """The points, with a NaN wherever the next day is more than `max_step_days` on or the
    value is missing, where matplotlib lifts the pen."""
    xs: list = []
    ys: list = []
    for position, (day, value) in enumerate(zip(days, values, strict=True)):
        if position and (day - days[position - 1]).days > max_step_days:
            xs.append(days[position - 1] + dt.timedelta(days=1))
            ys.append(math.nan)
        xs.append(day)
        ys.append(math.nan if value is None else value)
    return xs, ys


def _has_segment(values: list[float]) -> bool:
    """Whether a line through `values` draws anything: two neighbours that are both numbers."""
    return any(not math.isnan(left) and not math.isnan(right) for left, right in itertools.pairwise(values))


def _source_colours(sources: Sequence[str]) -> dict[str, str]:
    others = iter(_OTHER_SOURCE_COLOURS * (1 + len(sources)))
    return {source: SOURCE_STYLES[source][1] if source in SOURCE_STYLES else next(others) for source in sources}


def _source_label(source: str) -> str:
    return SOURCE_STYLES[source][0] if source in SOURCE_STYLES else source


def _tone_scale(axes: Axes, largest: float) -> None:
    """GDELT's ±10 on the y-axis, widened in round steps when a reading lies beyond it."""
    step = 5 if largest <= 20 else 10
    limit = max(TONE_SCALE, step * math.ceil(largest / step))
    axes.set_ylim(-limit, limit)
    axes.set_yticks(range(-int(limit), int(limit) + 1, step))
    axes.yaxis.set_major_formatter(lambda value, _: f"{value:+g}" if value else "0")
    axes.set_ylabel("average tone (GDELT scale)", fontsize="small")
    for value, words in ((limit, "very positive"), (-limit, "very negative")):
        axes.annotate(
            words,
            (0, value),
            xycoords=("axes fraction", "data"),
            xytext=(4, -11 if value > 0 else 4),
            textcoords="offset points",
            fontsize="x-small",
            color="#777777",
            style="italic",
        )


def tone_over_time_png(tone: pl.DataFrame, pair: Pair) -> bytes | None:
    figure = tone_over_time_figure(tone, pair)
    return None if figure is None else png(figure)


def _ordered_sources(readings: pl.DataFrame) -> list[str]:
    """The sources, in `SOURCE_STYLES` order (GDELT events first), unknown ones last by name."""
    known = list(SOURCE_STYLES)
    return sorted(
        readings.get_column("source").unique().to_list(),
        key=lambda source: (known.index(source) if source in known else len(known), source),
    )


def _lines(readings: pl.DataFrame, rolling: pl.DataFrame | None) -> list[tuple[tuple[list, list], float, str]]:
    """One source's lines, each as its points, width and legend: the rolling means of a daily
    mart, or the monthly means of a monthly one."""
    if rolling is None:
        days, values = readings.get_column("time").to_list(), readings.get_column("mean_tone").to_list()
        return [(_with_gaps(days, values, 31), MONTHLY_LINE_WIDTH, MONTHLY_LINE)]
    days = rolling.get_column("day").to_list()
    return [
        (_with_gaps(days, rolling.get_column(f"mean_{window}d").to_list(), 1), width, style)
        for window, width, style in ROLLING_WINDOWS
    ]


def _legend(figure: Figure, colours: dict[str, str], drawn_styles: set[str]) -> None:
    """A colour per source, then the key to the marks, only those drawn."""
    handles = [Line2D([], [], color=colour, linewidth=2.4) for colour in colours.values()]
    labels = [_source_label(source) for source in colours]
    dot = {"marker": "o", "linestyle": "none", "markersize": 4}
    key = {"daily mean": dot, "monthly mean": dot, MONTHLY_LINE: {"linewidth": MONTHLY_LINE_WIDTH}}
    key |= {style: {"linewidth": width} for _, width, style in ROLLING_WINDOWS}
    for style, look in key.items():
        if style in drawn_styles:
            handles.append(Line2D([], [], color="#555555", **look))
            labels.append(style)
    legend_beside(figure, handles, labels)


def tone_over_time_figure(tone: pl.DataFrame, pair: Pair) -> Figure | None:
    """Daily mean tone per source as dots, its calendar-day 7- and 30-day means as lines; from
    a monthly mart, monthly means as dots joined month to month."""
    readings = daily_readings(tone, pair)
    if readings.is_empty():
        return None
    time = time_column(tone, "tone over time")
    is_daily = time == "day"
    last_day = tone.get_column(time).cast(pl.Date).max()
    reach_days = max(days for days, _, _ in ROLLING_WINDOWS) if is_daily else 31
    periods = activity_periods(readings.get_column("time").to_list(), reach_days=reach_days, last_day=last_day)
    widths = panel_widths(periods)
    caption = _caption(is_daily)
    figure, (panels,) = new_figure(1, height_per_row=2.8, width_ratios=widths, caption_lines=len(caption))
    colours = _source_colours(_ordered_sources(readings))
    rolling = calendar_rolling_means(readings, last_day) if is_daily else None
    drawn_styles = {"daily mean" if is_daily else "monthly mean"}
    for source, colour in colours.items():
        of_source = readings.filter(pl.col("source") == source)
        lines = _lines(of_source, None if rolling is None else rolling.filter(pl.col("source") == source))
        days, values = of_source.get_column("time").to_list(), of_source.get_column("mean_tone").to_list()
        for axes in panels:
            axes.scatter(days, values, s=22, color=colour, edgecolors="white", linewidths=0.6, zorder=4)
            for (xs, ys), width, _ in lines:
                # The wide 30-day line sits under the thin 7-day one, which shows through where they agree.
                wide = width > 2
                axes.plot(xs, ys, color=colour, linewidth=width, alpha=0.45 if wide else 1.0, zorder=2 if wide else 3)
        drawn_styles.update(style for (_, ys), _, style in lines if _has_segment(ys))
    for axes in panels:
        axes.axhline(0, color="black", linewidth=0.6)
        axes.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    _tone_scale(panels[0], readings.get_column("mean_tone").abs().max())
    finish_broken_axis(panels, periods, widths)
    _legend(figure, colours, drawn_styles)
    title_and_caption(figure, f"{pair.label}: average tone of the coverage, by source", caption)
    return figure
