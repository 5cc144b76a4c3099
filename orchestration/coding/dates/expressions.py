"""What the dating phrases of a sentence say ("on Tuesday", "late December 2024", "last month"):
the form and fields of each, read from the named groups of its match (`phrases.py` finds them).
Grain: one `DateExpression` per phrase; "since ..." and "until ..." are marked as bounding
something else. Arabic phrases are read by `arabic.py`.
"""

from __future__ import annotations

import re

from orchestration.coding.dates.arabic import find_arabic_date_expressions
from orchestration.coding.dates.expression import DateExpression
from orchestration.coding.dates.phrases import dating_phrases
from orchestration.coding.tokens import has_arabic

__all__ = ["DateExpression", "find_date_expressions"]


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

_BOUNDING_WORDS = frozenset({"since", "until", "till", "by"})


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


def find_date_expressions(text: str) -> list[DateExpression]:
    """Every dating phrase in `text`, left to right."""
    found: list[DateExpression] = []
    for match in dating_phrases(text):
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
        elif match.group("mdy") or match.group("dmy"):
            # Month first ("May 12") or day first ("12 May"): the same parts under their own group names.
            order = "mdy" if match.group("mdy") else "dmy"
            year = _int(match.group(f"{order}_y"))
            found.append(
                DateExpression(
                    **common,
                    form="full" if year else "month_day",
                    year=year,
                    month=_month(match.group(f"{order}_m")),
                    day=int(re.match(r"\d+", match.group(f"{order}_d")).group()),
                    weekday=_weekday(match.group(f"{order}_wd")),
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
    if has_arabic(text):
        found = sorted([*found, *find_arabic_date_expressions(text)], key=lambda expression: expression.start)
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
