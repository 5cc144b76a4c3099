"""GDELT 1.0 event files: the daily exports (`YYYYMMDD.export.CSV[.zip]`, from 2013-04-01)
and the historical backfiles (`YYYY.csv[.zip]` for 1979–2005, `YYYYMM.csv[.zip]` up to
2013-03).

Source: the GDELT Project's 1.0 event files, tab-separated, no header, no quoting.
Older lines have 57 columns; from 2013-04-01 GDELT appended SOURCEURL, giving 58, and a
file may hold both. Both are read into one schema: `source_url` is null for a 57-column
line and `field_count` keeps which layout the line had. Unlike 2.0, 1.0 geographies have
no ADM2 code, DATEADDED is a day (YYYYMMDD), and GlobalEventIDs start at 0.

Grain: one row per event record as GDELT wrote it (deduplication happens in dbt).
Every code column stays a string (CAMEO codes keep their leading zeros).

GDELT 1.0 daily names (`YYYYMMDD.export.CSV`) differ from 2.0's (`YYYYMMDDHHMMSS.export.CSV`)
only by their length: 1.0 files land in a folder of their own (`<landing>/gdelt/v1_events/`).
"""

from __future__ import annotations

import datetime as dt
import re

import pandera.polars as pa
import polars as pl

from orchestration.ingest import gdelt_events as gdelt_v2_events
from orchestration.ingest.clock import not_in_the_future
from orchestration.ingest.gdelt_events import FIRST_GDELT_DATE
from orchestration.ingest.parses import Parse, date_as

SOURCE_SYSTEM = "gdelt_v1"

_V1_NAME = re.compile(r"^(\d{8}\.export|\d{6}|\d{4})\.csv(\.zip)?$|^(\d{6}|\d{4})\.zip$", re.IGNORECASE)

COLUMNS: list[str] = gdelt_v2_events.event_columns(
    [field for field in gdelt_v2_events.GEO_FIELDS if field != "adm2_code"]
)
assert len(COLUMNS) == 58
COLUMNS_BEFORE_SOURCE_URL = 57

# GDELT 1.0 types every field as 2.0 does, but DATEADDED is a day (YYYYMMDD), not a 15-minute time stamp.
PARSES: dict[str, Parse] = {
    **gdelt_v2_events.PARSES,
    "date_added": date_as("date_added", "%Y%m%d", "a YYYYMMDD date"),
}


class GdeltV1EventModel(gdelt_v2_events.GdeltEventFields):
    """A typed GDELT 1.0 event record: event ids from 0, DATEADDED a day, 57 or 58 fields."""

    global_event_id: int = pa.Field(ge=0)
    date_added: dt.date = pa.Field(ge=FIRST_GDELT_DATE)
    field_count: pl.Int8 = pa.Field(isin=[COLUMNS_BEFORE_SOURCE_URL, len(COLUMNS)])

    added_by_now = not_in_the_future("date_added", "DATEADDED")

    @pa.dataframe_check(error="event date (SQLDATE) is more than a day after the date GDELT added it")
    def event_not_after_it_was_added(cls, data: pa.PolarsData) -> pl.LazyFrame:
        # Real 1.0 exports (2013-04-01's among them) date some events the day after
        # DATEADDED, as an article's local date can run ahead of GDELT's processing day.
        return data.lazyframe.select(pl.col("sql_date") <= pl.col("date_added") + dt.timedelta(days=1))


LAYOUT = gdelt_v2_events.event_layout(
    COLUMNS,
    PARSES,
    GdeltV1EventModel,
    output=["line_number", *COLUMNS, "field_count"],
    min_fields=COLUMNS_BEFORE_SOURCE_URL,
)

parse_gdelt_v1_events = LAYOUT.read_bytes
iter_gdelt_v1_event_batches = LAYOUT.iter_file_batches
read_gdelt_v1_events = LAYOUT.read_file


def first_day_of_file(name: str) -> dt.date:
    """The first day a 1.0 event file covers, read from its name: `YYYYMMDD.export.CSV`, `YYYYMM.csv`
    or `YYYY.csv` (each optionally zipped, and `YYYYMM.zip`, `YYYY.zip`). Raises `ValueError` saying
    why for any other name."""
    match = _V1_NAME.match(name)
    if match is None:
        raise ValueError(
            "not a GDELT 1.0 event file name (YYYYMMDD.export.CSV, YYYYMM.csv or YYYY.csv, optionally .zip)"
        )
    stamp = next(group for group in match.groups() if group).split(".")[0]
    form = {8: "%Y%m%d", 6: "%Y%m", 4: "%Y"}[len(stamp)]
    try:
        return dt.datetime.strptime(stamp, form).date()
    except ValueError as error:
        raise ValueError(f"{stamp} in the name is not a calendar date") from error
