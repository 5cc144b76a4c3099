"""Date windows: the span of days a dating phrase allows, with its precision, and how two
windows meet (their intersection, the gap between them, the precision a span deserves).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

PRECISIONS = ("day", "week", "month_part", "month", "year_part", "year", "range", "publication", "none")


@dataclass(frozen=True, slots=True)
class DateWindow:
    """The days an expression allows; `precision` says how it was stated."""

    date_from: dt.date | None
    date_to: dt.date | None
    precision: str
    month_hint: int | None = None

    @property
    def is_empty(self) -> bool:
        return self.date_from is None

    @property
    def days(self) -> int | None:
        return None if self.date_from is None else (self.date_to - self.date_from).days + 1


EMPTY = DateWindow(None, None, "none")


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def intersect(first: DateWindow, second: DateWindow) -> DateWindow | None:
    """The days both windows allow; an empty window allows any day; None when disjoint."""
    if first.is_empty:
        return second
    if second.is_empty:
        return first
    date_from, date_to = max(first.date_from, second.date_from), min(first.date_to, second.date_to)
    if date_from > date_to:
        return None
    return DateWindow(date_from, date_to, precision_of(date_from, date_to, first.precision, second.precision))


def gap_days(first: DateWindow, second: DateWindow) -> int:
    """Days between two disjoint windows (0 when they overlap or one is empty)."""
    if first.is_empty or second.is_empty:
        return 0
    if first.date_to < second.date_from:
        return (second.date_from - first.date_to).days
    if second.date_to < first.date_from:
        return (first.date_from - second.date_to).days
    return 0


def precision_of(date_from: dt.date, date_to: dt.date, *stated: str) -> str:
    """The precision of a window: the finest stated one it still deserves by its width; a window
    only publication dates gave stays marked as inferred."""
    if stated and all(precision == "publication" for precision in stated):
        return "publication"
    days = (date_to - date_from).days + 1
    if days == 1:
        return "day"
    if days <= 7:
        return "week"
    if days <= 11 and date_from.month == date_to.month:
        return "month_part"
    if date_from.day == 1 and date_to == month_end(date_to.year, date_to.month) and date_from.month == date_to.month:
        return "month"
    if days <= 31:
        return "range" if "range" in stated else "month"
    if date_from.year == date_to.year and days <= 124:
        return "year_part"
    if date_from == dt.date(date_from.year, 1, 1) and date_to == dt.date(date_from.year, 12, 31):
        return "year"
    return "range"
