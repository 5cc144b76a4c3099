"""Finding dating phrases in a sentence ("on Tuesday", "late December 2024", "last month")
with precompiled patterns. Grain: one `DateExpression` per phrase; "since ..." and
"until ..." are marked as bounding something else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_NUMBERS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}

# Month and weekday names must be capitalised: "may" and "march" are also verbs.
_MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_MONTH_UPPER = _MONTH + r"|(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\b"
_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"
)
_YEAR = r"(?:19|20)\d{2}"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_PART = r"(?i:early|mid|late|the\s+(?:beginning|start|end|middle)\s+of|the\s+(?:first|second)\s+half\s+of)"

_EXPRESSION = re.compile(
    r"(?P<iso>\b(?P<iso_y>" + _YEAR + r")-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})\b)"
    r"|(?P<mdy>\b(?:(?P<mdy_wd>"
    + _WEEKDAY
    + r"),?\s+)?(?P<mdy_m>"
    + _MONTH_UPPER
    + r")\s+(?P<mdy_d>"
    + _DAY
    + r")\b(?:,?\s+(?P<mdy_y>"
    + _YEAR
    + r")\b)?)"
    r"|(?P<dmy>\b(?:(?P<dmy_wd>"
    + _WEEKDAY
    + r"),?\s+)?(?P<dmy_d>"
    + _DAY
    + r")\s+(?:of\s+)?(?P<dmy_m>"
    + _MONTH_UPPER
    + r")(?:,?\s+(?P<dmy_y>"
    + _YEAR
    + r"))?\b)"
    r"|(?P<pm>\b(?P<pm_part>" + _PART + r")[\s-]*(?P<pm_m>" + _MONTH + r")(?:,?\s+(?P<pm_y>" + _YEAR + r"))?\b)"
    r"|(?P<py>\b(?P<py_part>" + _PART + r")[\s-]*(?P<py_y>" + _YEAR + r")\b)"
    r"|(?P<my>\b(?P<my_m>" + _MONTH + r"),?\s+(?P<my_y>" + _YEAR + r")\b)"
    r"|(?P<mly>\b(?:(?i:in|during)\s+)?(?P<mly_m>" + _MONTH + r")\s+(?P<mly_rel>(?i:last|this|next))\s+(?i:year)\b)"
    r"|(?P<m>\b(?P<m_prep>(?i:in|during|since|until|till|by|from|of|last|this|next))\s+(?P<m_m>"
    + _MONTH
    + r")(?!,?\s*\d))"
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
        common = {"start": start, "end": end, "text": match.group(), "bounds_something_else": bounded}
        if match.group("iso"):
            month, day = int(match.group("iso_m")), int(match.group("iso_d"))
            if 1 <= month <= 12 and 1 <= day <= 31:
                found.append(
                    DateExpression(**common, form="full", year=int(match.group("iso_y")), month=month, day=day)
                )
        elif match.group("mdy"):
            year = _int(match.group("mdy_y"))
            found.append(
                DateExpression(
                    **common,
                    form="full" if year else "month_day",
                    year=year,
                    month=_month(match.group("mdy_m")),
                    day=int(re.match(r"\d+", match.group("mdy_d")).group()),
                    weekday=_weekday(match.group("mdy_wd")),
                )
            )
        elif match.group("dmy"):
            year = _int(match.group("dmy_y"))
            found.append(
                DateExpression(
                    **common,
                    form="full" if year else "month_day",
                    year=year,
                    month=_month(match.group("dmy_m")),
                    day=int(re.match(r"\d+", match.group("dmy_d")).group()),
                    weekday=_weekday(match.group("dmy_wd")),
                )
            )
        elif match.group("pm"):
            found.append(
                DateExpression(
                    **common,
                    form="month_part",
                    year=_int(match.group("pm_y")),
                    month=_month(match.group("pm_m")),
                    part=_part_name(match.group("pm_part")),
                )
            )
        elif match.group("py"):
            found.append(
                DateExpression(
                    **common, form="year_part", year=int(match.group("py_y")), part=_part_name(match.group("py_part"))
                )
            )
        elif match.group("my"):
            found.append(
                DateExpression(
                    **common, form="month_year", year=int(match.group("my_y")), month=_month(match.group("my_m"))
                )
            )
        elif match.group("m"):
            preposition = match.group("m_prep").lower()
            relative = preposition if preposition in ("last", "next", "this") else None
            found.append(
                DateExpression(
                    **{**common, "bounds_something_else": preposition in _BOUNDING_WORDS},
                    form="month",
                    month=_month(match.group("m_m")),
                    relative=relative,
                )
            )
        elif match.group("mly"):
            offset = {"last": -1, "this": 0, "next": 1}[match.group("mly_rel").lower()]
            found.append(
                DateExpression(
                    **common, form="month_of_relative_year", month=_month(match.group("mly_m")), amount=offset
                )
            )
        elif match.group("y"):
            preposition = match.group("y_prep").lower()
            found.append(
                DateExpression(
                    **{**common, "bounds_something_else": preposition in _BOUNDING_WORDS},
                    form="year",
                    year=int(match.group("y_y")),
                )
            )
        elif match.group("wd"):
            relative = " ".join((match.group("wd_rel") or "").lower().split()) or None
            found.append(
                DateExpression(**common, form="weekday", weekday=_weekday(match.group("wd_d")), relative=relative)
            )
        elif group == "rel" or match.group("rel"):
            phrase = " ".join(match.group("rel_text").lower().split())
            amount_match = re.match(
                r"(a few|several|a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(day|week|month|year)s?\s+ago",
                phrase,
            )
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
        ("recent days", "recent_days"),
        ("latest days", "recent_days"),
        ("past few days", "recent_days"),
        ("last few days", "recent_days"),
        ("recent weeks", "recent_weeks"),
        ("latest weeks", "recent_weeks"),
        ("past few weeks", "recent_weeks"),
        ("last few weeks", "recent_weeks"),
        ("recent months", "recent_months"),
        ("latest months", "recent_months"),
        ("past few months", "recent_months"),
        ("last few months", "recent_months"),
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
