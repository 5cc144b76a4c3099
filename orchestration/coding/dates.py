"""Dates in news text, as windows resolved against the publication date.

Grain: a `DateExpression` is one phrase that dates something ("on Tuesday", "late
December 2024", "last month"); a `DateWindow` is the span of days it allows, with its
precision. Resolution needs the publication date for anything relative or without a
year; an undated article leaves those windows empty (a month named without a year is
kept as `month_hint`, so that reports can still be told apart by month).

Rules, for a publication date P:

- an exact date is that day; a date without a year is the nearest such day on the side
  of P the report points to (before P for what happened, after P for what is planned);
- a weekday is the most recent such day up to P ("on Tuesday" in an article of Friday
  2025-04-04 is 2025-04-01), or the next one from P for what is planned;
- early / mid / late month are days 1-10, 11-20 and 21-end; early / mid / late year are
  January-April, May-August, September-December;
- "this week" runs from Monday to P, "earlier this week" to the day before P, "last week"
  is the previous Monday-Sunday; "last month" is the whole previous month, "this month"
  the 1st to P; "in recent months" the six months up to P, "recent days" the week;
- "since ..." and "until ..." bound something else and never date an event.

Dates are parsed here with precompiled patterns: `dateparser` is only a fallback for
publication-date strings in unusual formats (never relative ones).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

PRECISIONS = ("day", "week", "month_part", "month", "year_part", "year", "range", "none")


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


@dataclass(frozen=True, slots=True)
class DateExpression:
    """One dating phrase and the fields read from it (resolved later)."""

    start: int
    end: int
    text: str
    form: str  # full | month_day | month_part | month_year | month | month_of_relative_year | year_part | year | weekday | relative
    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: str | None = None
    weekday: int | None = None
    relative: str | None = None
    amount: int | None = None
    bounds_something_else: bool = False


_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

# Month and weekday names must be capitalised: "may" and "march" are also verbs.
_MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_MONTH_UPPER = _MONTH + r"|(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\b"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"
_YEAR = r"(?:19|20)\d{2}"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_PART = r"(?i:early|mid|late|the\s+(?:beginning|start|end|middle)\s+of|the\s+(?:first|second)\s+half\s+of)"

_EXPRESSION = re.compile(
    r"(?P<iso>\b(?P<iso_y>" + _YEAR + r")-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})\b)"
    r"|(?P<mdy>\b(?:(?P<mdy_wd>" + _WEEKDAY + r"),?\s+)?(?P<mdy_m>" + _MONTH_UPPER + r")\s+(?P<mdy_d>" + _DAY + r")\b(?:,?\s+(?P<mdy_y>" + _YEAR + r")\b)?)"
    r"|(?P<dmy>\b(?:(?P<dmy_wd>" + _WEEKDAY + r"),?\s+)?(?P<dmy_d>" + _DAY + r")\s+(?:of\s+)?(?P<dmy_m>" + _MONTH_UPPER + r")(?:,?\s+(?P<dmy_y>" + _YEAR + r"))?\b)"
    r"|(?P<pm>\b(?P<pm_part>" + _PART + r")[\s-]*(?P<pm_m>" + _MONTH + r")(?:,?\s+(?P<pm_y>" + _YEAR + r"))?\b)"
    r"|(?P<py>\b(?P<py_part>" + _PART + r")[\s-]*(?P<py_y>" + _YEAR + r")\b)"
    r"|(?P<my>\b(?P<my_m>" + _MONTH + r"),?\s+(?P<my_y>" + _YEAR + r")\b)"
    r"|(?P<mly>\b(?:(?i:in|during)\s+)?(?P<mly_m>" + _MONTH + r")\s+(?P<mly_rel>(?i:last|this|next))\s+(?i:year)\b)"
    r"|(?P<m>\b(?P<m_prep>(?i:in|during|since|until|till|by|from|of|last|this|next))\s+(?P<m_m>" + _MONTH + r")(?!,?\s*\d))"
    r"|(?P<y>\b(?P<y_prep>(?i:in|during|since|until|till|by|of|from))\s+(?P<y_y>" + _YEAR + r")\b(?!-))"
    r"|(?P<wd>\b(?P<wd_rel>(?i:on|last|this|next|this\s+past)\s+)?(?P<wd_d>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    r"|(?P<rel>\b(?i:(?P<rel_text>today|tonight|yesterday|tomorrow|earlier\s+today"
    r"|(?:earlier|later)\s+(?:this|in\s+the)\s+(?:week|month|year)"
    r"|(?:last|this|next|past|previous|coming)\s+(?:week|weekend|month|year)"
    r"|the\s+(?:previous|following|past)\s+(?:week|month|year)"
    r"|(?:in\s+)?(?:the\s+)?(?:recent|latest|past\s+few|last\s+few)\s+(?:days|weeks|months)"
    r"|(?:a\s+few|several|a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:days?|weeks?|months?|years?)\s+ago"
    r"|recently|(?:the\s+)?end\s+of\s+last\s+year|recent(?=\s+(?:visit|visits|trip|trips|talks|meeting|meetings|call|calls|phone|telephone|contacts?)\b)))\b)"
)

_BOUNDING_WORDS = frozenset({"since", "until", "till", "by"})

# The word every dating phrase contains: a month, a weekday, a number or a relative word.
# Phrases are matched only at the few words before such an anchor: scanning whole
# sentences with `_EXPRESSION` costs ten times more.
_ANCHOR = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\b"
    r"|\d+|(?i:\b(?:today|tonight|yesterday|tomorrow|weekend|week|weeks|month|months|year|years|days|day|recent|recently|latest)\b)"
)
_WORD_START = re.compile(r"\b\w")
_WORDS_BEFORE_ANCHOR = 5


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _month(value: str) -> int:
    return _MONTHS[value.rstrip(".").lower()]


def _part_name(value: str) -> str:
    lowered = " ".join(value.lower().split())
    if lowered in ("early", "the beginning of", "the start of"):
        return "early"
    if lowered in ("mid", "the middle of"):
        return "mid"
    if lowered in ("late", "the end of"):
        return "late"
    return "first_half" if "first" in lowered else "second_half"


def _weekday(value: str | None) -> int | None:
    if not value:
        return None
    lowered = value.rstrip(".").lower()
    for name, number in _WEEKDAYS.items():
        if name.startswith(lowered):
            return number
    return None


def _phrases(text: str):
    """The matches of `_EXPRESSION` in `text`, tried only where an anchor word is near."""
    covered_until = -1
    for anchor in _ANCHOR.finditer(text):
        if anchor.start() < covered_until:
            continue
        starts = [word.start() for word in _WORD_START.finditer(text, max(0, anchor.start() - 50), anchor.start())]
        best = None
        for start in [*starts[-_WORDS_BEFORE_ANCHOR:], anchor.start()]:
            if start < covered_until:
                continue
            match = _EXPRESSION.match(text, start)
            # The longest phrase through the anchor: "Thursday, Dec. 26, 2024" over "On Thursday".
            if match and match.end() > anchor.start() and (best is None or match.end() > best.end()):
                best = match
        if best is not None:
            covered_until = best.end()
            yield best


def find_date_expressions(text: str) -> list[DateExpression]:
    """Every dating phrase in `text`, left to right."""
    found: list[DateExpression] = []
    for match in _phrases(text):
        start, end = match.span()
        preceding = text[max(0, start - 7) : start].lower().split()
        bounded = bool(preceding) and preceding[-1] in _BOUNDING_WORDS
        group = match.lastgroup
        common = dict(start=start, end=end, text=match.group(), bounds_something_else=bounded)
        if match.group("iso"):
            month, day = int(match.group("iso_m")), int(match.group("iso_d"))
            if 1 <= month <= 12 and 1 <= day <= 31:
                found.append(DateExpression(**common, form="full", year=int(match.group("iso_y")), month=month, day=day))
        elif match.group("mdy"):
            year = _int(match.group("mdy_y"))
            found.append(
                DateExpression(
                    **common, form="full" if year else "month_day", year=year, month=_month(match.group("mdy_m")),
                    day=int(re.match(r"\d+", match.group("mdy_d")).group()), weekday=_weekday(match.group("mdy_wd")),
                )
            )
        elif match.group("dmy"):
            year = _int(match.group("dmy_y"))
            found.append(
                DateExpression(
                    **common, form="full" if year else "month_day", year=year, month=_month(match.group("dmy_m")),
                    day=int(re.match(r"\d+", match.group("dmy_d")).group()), weekday=_weekday(match.group("dmy_wd")),
                )
            )
        elif match.group("pm"):
            found.append(
                DateExpression(
                    **common, form="month_part", year=_int(match.group("pm_y")), month=_month(match.group("pm_m")),
                    part=_part_name(match.group("pm_part")),
                )
            )
        elif match.group("py"):
            found.append(DateExpression(**common, form="year_part", year=int(match.group("py_y")), part=_part_name(match.group("py_part"))))
        elif match.group("my"):
            found.append(DateExpression(**common, form="month_year", year=int(match.group("my_y")), month=_month(match.group("my_m"))))
        elif match.group("m"):
            preposition = match.group("m_prep").lower()
            relative = preposition if preposition in ("last", "next", "this") else None
            found.append(
                DateExpression(
                    **{**common, "bounds_something_else": preposition in _BOUNDING_WORDS},
                    form="month", month=_month(match.group("m_m")), relative=relative,
                )
            )
        elif match.group("mly"):
            offset = {"last": -1, "this": 0, "next": 1}[match.group("mly_rel").lower()]
            found.append(DateExpression(**common, form="month_of_relative_year", month=_month(match.group("mly_m")), amount=offset))
        elif match.group("y"):
            preposition = match.group("y_prep").lower()
            found.append(
                DateExpression(**{**common, "bounds_something_else": preposition in _BOUNDING_WORDS}, form="year", year=int(match.group("y_y")))
            )
        elif match.group("wd"):
            relative = " ".join((match.group("wd_rel") or "").lower().split()) or None
            found.append(DateExpression(**common, form="weekday", weekday=_weekday(match.group("wd_d")), relative=relative))
        elif group == "rel" or match.group("rel"):
            phrase = " ".join(match.group("rel_text").lower().split())
            amount_match = re.match(r"(a few|several|a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(day|week|month|year)s?\s+ago", phrase)
            if amount_match:
                word, unit = amount_match.groups()
                amount = None if word in ("a few", "several") else (int(word) if word.isdigit() else _NUMBERS[word])
                found.append(DateExpression(**common, form="relative", relative=f"{unit}s_ago", amount=amount))
            else:
                found.append(DateExpression(**common, form="relative", relative=_relative_key(phrase)))
    return found


def _relative_key(phrase: str) -> str:
    phrase = phrase.removeprefix("in ").removeprefix("the ")
    for prefix, key in (
        ("recent days", "recent_days"), ("latest days", "recent_days"), ("past few days", "recent_days"), ("last few days", "recent_days"),
        ("recent weeks", "recent_weeks"), ("latest weeks", "recent_weeks"), ("past few weeks", "recent_weeks"), ("last few weeks", "recent_weeks"),
        ("recent months", "recent_months"), ("latest months", "recent_months"), ("past few months", "recent_months"), ("last few months", "recent_months"),
    ):
        if phrase.startswith(prefix):
            return key
    if phrase in ("recently", "recent"):
        return "recently"
    if phrase == "end of last year":
        return "late_last_year"
    words = phrase.split()
    if words[0] in ("earlier", "later") and len(words) >= 3:
        return f"{words[0]}_this_{words[-1]}"
    if len(words) == 2 and words[0] in ("past", "previous"):
        return f"last_{words[1]}"
    if len(words) == 2 and words[0] in ("coming", "following"):
        return f"next_{words[1]}"
    return "_".join(words)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_part(year: int, month: int, part: str | None) -> tuple[dt.date, dt.date, str]:
    end = _month_end(year, month)
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
        "early": ((1, 1), (4, 30)), "mid": ((5, 1), (8, 31)), "late": ((9, 1), (12, 31)),
        "first_half": ((1, 1), (6, 30)), "second_half": ((7, 1), (12, 31)),
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


def _safe_day(year: int, month: int, day: int) -> tuple[dt.date, dt.date, str] | None:
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
        span = _safe_day(expression.year, expression.month, expression.day)
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
        span = _pick_year(reference, direction, lambda year: _safe_day(year, expression.month, expression.day))
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


def _relative_span(expression: DateExpression, reference: dt.date, direction: str) -> tuple[dt.date, dt.date, str] | None:
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
        return (first, reference, "month") if direction != "future" else (reference, _month_end(reference.year, reference.month), "month")
    if key == "earlier_this_month":
        first = reference.replace(day=1)
        return first, max(first, reference - day), "month"
    if key == "later_this_month":
        return reference, _month_end(reference.year, reference.month), "month"
    if key == "last_month":
        year, month = _shift_month(reference.year, reference.month, -1)
        return dt.date(year, month, 1), _month_end(year, month), "month"
    if key == "next_month":
        year, month = _shift_month(reference.year, reference.month, 1)
        return dt.date(year, month, 1), _month_end(year, month), "month"
    if key == "this_year":
        return (dt.date(reference.year, 1, 1), reference, "year") if direction != "future" else (reference, dt.date(reference.year, 12, 31), "year")
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
        year, month = _shift_month(reference.year, reference.month, -5)
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
        year, month = _shift_month(reference.year, reference.month, -(amount or 2))
        return dt.date(year, month, 1), _month_end(year, month), "month"
    if key == "years_ago":
        year = reference.year - (amount or 2)
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    return None


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
    """The precision of a window: the finest stated one it still deserves by its width."""
    days = (date_to - date_from).days + 1
    if days == 1:
        return "day"
    if days <= 7:
        return "week"
    if days <= 11 and date_from.month == date_to.month:
        return "month_part"
    if date_from.day == 1 and date_to == _month_end(date_to.year, date_to.month) and date_from.month == date_to.month:
        return "month"
    if days <= 31:
        return "range" if "range" in stated else "month"
    if date_from.year == date_to.year and days <= 124:
        return "year_part"
    if date_from == dt.date(date_from.year, 1, 1) and date_to == dt.date(date_from.year, 12, 31):
        return "year"
    return "range"


_URL_DAY = re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:/|-|$)")
_URL_EIGHT_DIGITS = re.compile(r"(?<!\d)(\d{8})(?!\d)")


def date_from_url(url: str | None) -> dt.date | None:
    """A publication date written into a page address: /2025/04/17/, 20250213, 31122024."""
    if not url:
        return None
    match = _URL_DAY.search(url)
    if match:
        try:
            return dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        except ValueError:
            pass
    for digits in _URL_EIGHT_DIGITS.findall(url):
        for year, month, day in ((digits[:4], digits[4:6], digits[6:]), (digits[4:], digits[2:4], digits[:2])):
            if year.startswith(("19", "20")):
                try:
                    return dt.date(int(year), int(month), int(day))
                except ValueError:
                    continue
    return None


def parse_date_string(value: str | None) -> dt.date | None:
    """A calendar date in a metadata string ("2025-04-04", "Sat. Feb 22nd, 2025", "08 Mar 2025").

    Only a full date with a year counts; relative phrases ("8 hours ago") give None.
    """
    if not value:
        return None
    for expression in find_date_expressions(value):
        if expression.form == "full":
            span = _safe_day(expression.year, expression.month, expression.day)
            if span:
                return span[0]
    return _parse_with_dateparser(value)


def _parse_with_dateparser(value: str) -> dt.date | None:
    if not any(character.isdigit() for character in value) or len(value) > 80:
        return None
    import dateparser

    parsed = dateparser.parse(
        value,
        settings={"PARSERS": ["timestamp", "custom-formats", "absolute-time"], "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date() if parsed else None
