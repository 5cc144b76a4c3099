"""The publication date of an article: from its URL ("/2025/04/01/", "20250401") or its
date string; `dateparser` only as a fallback for unusual formats, never relative ones.
"""

from __future__ import annotations

import datetime as dt
import re

from orchestration.coding.dates.expressions import find_date_expressions
from orchestration.coding.dates.resolution import safe_day

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
            span = safe_day(expression.year, expression.month, expression.day)
            if span:
                return span[0]
    return _parse_with_dateparser(value)


def _parse_with_dateparser(value: str) -> dt.date | None:
    if not any(character.isdigit() for character in value) or len(value) > 80:
        return None
    import dateparser

    parsed = dateparser.parse(
        value,
        settings={
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
            "STRICT_PARSING": True,
            "REQUIRE_PARTS": ["day", "month", "year"],
        },
    )
    return parsed.date() if parsed else None
