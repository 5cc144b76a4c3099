"""Resolving a dating phrase against the publication date into a window, on the side of
the date the report points to (see the rules in the package's docstring).
"""

from __future__ import annotations

import datetime as dt

from orchestration.coding.dates.expressions import DateExpression
from orchestration.coding.dates.windows import DateWindow, month_end, shift_month


def _month_part(year: int, month: int, part: str | None) -> tuple[dt.date, dt.date, str]:
    end = month_end(year, month)
    if part == "early":
        return dt.date(year, month, 1), dt.date(year, month, 10), "month_part"
    if part == "mid":
        return dt.date(year, month, 11), dt.date(year, month, 20), "month_part"
    if part == "late":
        return dt.date(year, month, 21), end, "month_part"
    if part == "first_half":
        return dt.date(year, month, 1), dt.date(year, month, 15), "month_part"
    if part == "second_half":
        return dt.date(year, month, 16), end, "month_part"
    return dt.date(year, month, 1), end, "month"


def _year_part(year: int, part: str | None) -> tuple[dt.date, dt.date, str]:
    spans = {
        "early": ((1, 1), (4, 30)),
        "mid": ((5, 1), (8, 31)),
        "late": ((9, 1), (12, 31)),
        "first_half": ((1, 1), (6, 30)),
        "second_half": ((7, 1), (12, 31)),
    }
    if part in spans:
        (m1, d1), (m2, d2) = spans[part]
        return dt.date(year, m1, d1), dt.date(year, m2, d2), "year_part"
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


def _pick_year(reference: dt.date, direction: str, window_for_year) -> tuple[dt.date, dt.date, str] | None:
    """The year that puts a year-less window on the side of `reference` the report points to."""
    candidates = [window_for_year(year) for year in (reference.year - 1, reference.year, reference.year + 1)]
    candidates = [candidate for candidate in candidates if candidate is not None]
    if direction == "future":
        ahead = [candidate for candidate in candidates if candidate[1] >= reference]
        return min(ahead, key=lambda candidate: candidate[0]) if ahead else None
    if direction == "past":
        behind = [candidate for candidate in candidates if candidate[0] <= reference]
        return max(behind, key=lambda candidate: candidate[0]) if behind else None
    return min(candidates, key=lambda candidate: abs((candidate[0] - reference).days))


def safe_day(year: int, month: int, day: int) -> tuple[dt.date, dt.date, str] | None:
    """That day as a one-day span, or None when the calendar has no such day."""
    try:
        day_value = dt.date(year, month, day)
    except ValueError:
        return None
    return day_value, day_value, "day"


def resolve(expression: DateExpression, reference: dt.date | None, direction: str = "any") -> DateWindow:
    """The window `expression` allows, read from `reference` (the publication date).

    `direction` is "past" for what has happened, "future" for what is planned, "any" when
    the text does not say; it picks the year of a year-less date and the side of a weekday.
    """
    form = expression.form
    span: tuple[dt.date, dt.date, str] | None = None
    if form == "full":
        span = safe_day(expression.year, expression.month, expression.day)
    elif form == "month_year":
        span = _month_part(expression.year, expression.month, None)
    elif form == "month_part" and expression.year:
        span = _month_part(expression.year, expression.month, expression.part)
    elif form == "year":
        span = _year_part(expression.year, None)
    elif form == "year_part":
        span = _year_part(expression.year, expression.part)
    elif reference is None:
        return DateWindow(None, None, "none", month_hint=expression.month)
    elif form == "month_of_relative_year":
        span = _month_part(reference.year + expression.amount, expression.month, None)
    elif form == "month_day":
        span = _pick_year(reference, direction, lambda year: safe_day(year, expression.month, expression.day))
    elif form in ("month_part", "month"):
        if expression.relative == "last":
            direction = "past"
        elif expression.relative == "next":
            direction = "future"
        span = _pick_year(reference, direction, lambda year: _month_part(year, expression.month, expression.part))
    elif form == "weekday":
        span = _weekday_span(expression, reference, direction)
    elif form == "relative":
        span = _relative_span(expression, reference, direction)
    if span is None:
        return DateWindow(None, None, "none", month_hint=expression.month)
    date_from, date_to, precision = span
    if reference is not None and direction == "past" and date_from <= reference < date_to:
        date_to = reference
    if reference is not None and direction == "future" and date_from < reference <= date_to:
        date_from = reference
    return DateWindow(date_from, date_to, precision, month_hint=expression.month)


def _weekday_span(expression: DateExpression, reference: dt.date, direction: str) -> tuple[dt.date, dt.date, str]:
    relative = expression.relative or ""
    if relative == "next" or (direction == "future" and relative != "last"):
        offset = (expression.weekday - reference.weekday()) % 7
        if relative == "next" and offset == 0:
            offset = 7
        day = reference + dt.timedelta(days=offset)
    else:
        offset = (reference.weekday() - expression.weekday) % 7
        if relative == "last" and offset == 0:
            offset = 7
        day = reference - dt.timedelta(days=offset)
    return day, day, "day"


def _relative_span(
    expression: DateExpression, reference: dt.date, direction: str
) -> tuple[dt.date, dt.date, str] | None:
    key = expression.relative
    day = dt.timedelta(days=1)
    monday = reference - dt.timedelta(days=reference.weekday())
    if key in ("today", "tonight", "earlier_today"):
        return reference, reference, "day"
    if key == "yesterday":
        return reference - day, reference - day, "day"
    if key == "tomorrow":
        return reference + day, reference + day, "day"
    if key == "this_week":
        return (monday, reference, "week") if direction != "future" else (reference, monday + 6 * day, "week")
    if key == "earlier_this_week":
        return monday, max(monday, reference - day), "week"
    if key == "later_this_week":
        return reference, monday + 6 * day, "week"
    if key in ("last_week", "last_weekend"):
        start = monday - 7 * day
        return (start, start + 6 * day, "week") if key == "last_week" else (start + 5 * day, start + 6 * day, "week")
    if key in ("this_weekend",):
        return monday + 5 * day, monday + 6 * day, "week"
    if key in ("next_week", "next_weekend"):
        return monday + 7 * day, monday + 13 * day, "week"
    if key == "this_month":
        first = reference.replace(day=1)
        return (
            (first, reference, "month")
            if direction != "future"
            else (reference, month_end(reference.year, reference.month), "month")
        )
    if key == "earlier_this_month":
        first = reference.replace(day=1)
        return first, max(first, reference - day), "month"
    if key == "later_this_month":
        return reference, month_end(reference.year, reference.month), "month"
    if key == "last_month":
        year, month = shift_month(reference.year, reference.month, -1)
        return dt.date(year, month, 1), month_end(year, month), "month"
    if key == "next_month":
        year, month = shift_month(reference.year, reference.month, 1)
        return dt.date(year, month, 1), month_end(year, month), "month"
    if key == "this_year":
        return (
            (dt.date(reference.year, 1, 1), reference, "year")
            if direction != "future"
            else (reference, dt.date(reference.year, 12, 31), "year")
        )
    if key == "earlier_this_year":
        return dt.date(reference.year, 1, 1), max(dt.date(reference.year, 1, 1), reference - day), "year"
    if key == "later_this_year":
        return reference, dt.date(reference.year, 12, 31), "year"
    if key == "last_year":
        return dt.date(reference.year - 1, 1, 1), dt.date(reference.year - 1, 12, 31), "year"
    if key == "late_last_year":
        return dt.date(reference.year - 1, 9, 1), dt.date(reference.year - 1, 12, 31), "year_part"
    if key == "next_year":
        return dt.date(reference.year + 1, 1, 1), dt.date(reference.year + 1, 12, 31), "year"
    if key == "recent_days":
        return reference - 7 * day, reference, "range"
    if key == "recent_weeks":
        return reference - 28 * day, reference, "range"
    if key == "recent_months":
        year, month = shift_month(reference.year, reference.month, -5)
        return dt.date(year, month, 1), reference, "range"
    if key == "recently":
        return reference - 30 * day, reference, "range"
    amount = expression.amount
    if key == "days_ago":
        if amount is None:
            return reference - 6 * day, reference - 2 * day, "range"
        return reference - amount * day, reference - amount * day, "day"
    if key == "weeks_ago":
        weeks = amount or 2
        middle = reference - 7 * weeks * day
        return middle - 3 * day, middle + 3 * day, "week"
    if key == "months_ago":
        year, month = shift_month(reference.year, reference.month, -(amount or 2))
        return dt.date(year, month, 1), month_end(year, month), "month"
    if key == "years_ago":
        year = reference.year - (amount or 2)
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    return None
