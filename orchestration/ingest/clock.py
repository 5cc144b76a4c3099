"""How late a landed record's date or time stamp may honestly lie, and the model check that holds it there."""

from __future__ import annotations

import datetime as dt

import pandera.polars as pa
import polars as pl

CLOCK_SLACK = dt.timedelta(days=1)
"""How far past this machine's clock a landed time stamp (UTC) may lie before it is out of range:
the day has begun earlier somewhere else."""


def latest_plausible_time() -> dt.datetime:
    """The latest time stamp a landed record can honestly carry (UTC, with `CLOCK_SLACK`)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None) + CLOCK_SLACK


def latest_plausible_day() -> dt.date:
    return latest_plausible_time().date()


def not_in_the_future(column: str, called: str | None = None, *, by_day: bool = False) -> classmethod:
    """A check for a `pandera.polars` model: `column` lies no later than the latest plausible time,
    failing as "`called` (the codebook's name, else the column's) lies in the future".

    A date column, and with `by_day` a time stamp's day, is held to the latest plausible
    day. The clock is read when a frame is validated, not when the model is defined.
    """

    def lies_by_now(_cls: type, data: pa.PolarsData) -> pl.LazyFrame:
        value = pl.col(data.key)
        if by_day or data.lazyframe.collect_schema()[data.key] == pl.Date:
            return data.lazyframe.select(value.cast(pl.Date) <= latest_plausible_day())
        return data.lazyframe.select(value <= latest_plausible_time())

    return pa.check(column, error=f"{called or column} lies in the future")(lies_by_now)
