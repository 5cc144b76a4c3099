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

from orchestration.coding.dates.expressions import DateExpression, find_date_expressions
from orchestration.coding.dates.publication import date_from_url, parse_date_string
from orchestration.coding.dates.resolution import resolve
from orchestration.coding.dates.windows import EMPTY, PRECISIONS, DateWindow, gap_days, intersect, precision_of

__all__ = [
    "EMPTY",
    "PRECISIONS",
    "DateExpression",
    "DateWindow",
    "date_from_url",
    "find_date_expressions",
    "gap_days",
    "intersect",
    "parse_date_string",
    "precision_of",
    "resolve",
]
