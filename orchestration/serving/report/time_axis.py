"""Time axes of the report's charts: dated ticks that always name the year, and an axis
broken into the periods that hold data.

Coverage is often a few bursts years apart; drawn on one axis they would be specks. A
broken axis shows each period (at most `MAX_PERIODS`) side by side, each with its own
dated ticks, the panels' widths following their lengths, with a break mark between them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, date2num, num2date
from matplotlib.ticker import FixedLocator

MAX_PERIODS = 4
MIN_EMPTY_DAYS_BETWEEN_PERIODS = 90
_YEARS_ONLY_FROM_DAYS = 3 * 366
_MONTHS_FROM_DAYS = 75
_BREAK_CLEARANCE = 0.2
_TICKS_ACROSS_THE_FIGURE = 7


def date_axis(axes: Axes, max_ticks: int = 7) -> None:
    """Dated ticks, at most about `max_ticks` (a narrow panel may show a single one), each
    naming its year: a month alone ("Dec") is ambiguous on a page of many years."""
    axes.xaxis.set_major_locator(AutoDateLocator(minticks=1 if max_ticks <= 4 else 2, maxticks=max(3, max_ticks)))

    def label(value: float, _position: int) -> str:
        first, last = axes.get_xlim()
        shown_days = abs(last - first)
        pattern = (
            "%Y"
            if shown_days >= _YEARS_ONLY_FROM_DAYS
            else "%b\n%Y"
            if shown_days >= _MONTHS_FROM_DAYS
            else "%d %b\n%Y"
        )
        return num2date(value).strftime(pattern)

    axes.xaxis.set_major_formatter(label)
    axes.tick_params(axis="x", labelsize="small")


def _clear_of_the_break(axes: Axes) -> None:
    """Keep the ticks off the last stretch of a panel, where their labels would run into the
    next panel's first one."""
    first, last = axes.get_xlim()
    ticks = axes.xaxis.get_major_locator()()
    kept = [tick for tick in ticks if first <= tick <= last - _BREAK_CLEARANCE * (last - first)]
    axes.xaxis.set_major_locator(FixedLocator(kept or [first + (last - first) / 2]))


def activity_periods(
    days: Sequence[dt.date], *, reach_days: int, last_day: dt.date, max_periods: int = MAX_PERIODS
) -> list[tuple[dt.date, dt.date]]:
    """Spans of the time axis worth drawing: each reading reaches `reach_days` past its day
    (not past `last_day`); stretches of more than `MIN_EMPTY_DAYS_BETWEEN_PERIODS` empty days
    split the axis, the longest ones first, into at most `max_periods` spans."""
    ordered = sorted(set(days))
    if not ordered:
        return []
    reach = dt.timedelta(days=max(reach_days - 1, 0))
    gaps = [
        (((later - earlier) - reach).days, position)
        for position, (earlier, later) in enumerate(itertools.pairwise(ordered), start=1)
    ]
    splits = sorted(
        position
        for empty_days, position in sorted(gaps, reverse=True)[: max_periods - 1]
        if empty_days > MIN_EMPTY_DAYS_BETWEEN_PERIODS
    )
    periods = []
    for start, end in zip([0, *splits], [*splits, len(ordered)], strict=True):
        first, last = ordered[start], ordered[end - 1]
        periods.append((first, max(first, min(last + reach, last_day))))
    return periods


def padded(period: tuple[dt.date, dt.date], min_days: int = 0) -> tuple[dt.date, dt.date]:
    """The period widened about its middle to `min_days` and given a margin each side, so that a
    reading on its first or last day is not on the frame."""
    first, last = period
    shortfall = max(0, min_days - (last - first).days)
    first, last = first - dt.timedelta(days=shortfall // 2), last + dt.timedelta(days=shortfall - shortfall // 2)
    padding = dt.timedelta(days=max(3, (last - first).days // 25))
    return first - padding, last + padding


def panel_widths(periods: Sequence[tuple[dt.date, dt.date]], min_days: int = 0) -> list[float]:
    """The panels' relative widths: growing with their lengths but less than in proportion,
    so that a burst of a month beside two years of readings stays legible."""
    widths = [math.sqrt((last - first).days + 1) for first, last in (padded(period, min_days) for period in periods)]
    floor = sum(widths) * 0.7 / len(widths) if len(widths) > 1 else 0
    return [max(width, floor) for width in widths]


def finish_broken_axis(
    panels: Sequence[Axes], periods: Sequence[tuple[dt.date, dt.date]], widths: Sequence[float], min_days: int = 0
) -> None:
    """Each panel shows its period with dated ticks; inner spines are hidden and each break is
    marked with two slashes; only the first panel labels the shared y-axis."""
    for position, (axes, period, width) in enumerate(zip(panels, periods, widths, strict=True)):
        axes.set_xlim(*padded(period, min_days))
        max_ticks = round(_TICKS_ACROSS_THE_FIGURE * width / sum(widths))
        date_axis(axes, max_ticks=max_ticks)
        if len(panels) > 1 and max_ticks <= 2:
            # Too narrow for a tick scale: the period's first day names where it starts.
            axes.xaxis.set_major_locator(FixedLocator([date2num(period[0])]))
        elif position < len(panels) - 1:
            _clear_of_the_break(axes)
    marks = {"marker": [(-1, -2), (1, 2)], "markersize": 8, "linestyle": "none", "color": "#444444", "clip_on": False}
    for left, right in itertools.pairwise(panels):
        left.spines["right"].set_visible(False)
        right.spines["left"].set_visible(False)
        right.tick_params(axis="y", left=False, labelleft=False)
        left.plot([1, 1], [0, 1], transform=left.transAxes, **marks)
        right.plot([0, 0], [0, 1], transform=right.transAxes, **marks)
