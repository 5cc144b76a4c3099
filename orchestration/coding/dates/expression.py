"""One dating phrase of a text and the fields read from it, before resolution."""

from __future__ import annotations

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
