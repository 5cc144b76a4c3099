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
from collections.abc import Iterator
from pathlib import Path

import pandera.polars as pa
import polars as pl

from orchestration.ingest import gdelt_events as gdelt_v2_events
from orchestration.ingest.gdelt_events import FIRST_GDELT_DATE
from orchestration.ingest.landed import latest_plausible_time
from orchestration.ingest.landed import (
    DEFAULT_BATCH_BYTES,
    HeaderlessLayout,
    Parse,
    ReadResult,
    collect_batches,
    date_as,
    iter_headerless_batches,
    read_headerless_bytes,
)

SOURCE_SYSTEM = "gdelt_v1"

_V1_NAME = re.compile(r"^(\d{8}\.export|\d{6}|\d{4})\.csv(\.zip)?$|^(\d{6}|\d{4})\.zip$", re.IGNORECASE)

_ACTOR_FIELDS = [
    "code", "name", "country_code", "known_group_code", "ethnic_code",
    "religion1_code", "religion2_code", "type1_code", "type2_code", "type3_code",
]
_GEO_FIELDS = ["type", "fullname", "country_code", "adm1_code", "lat", "long", "feature_id"]

COLUMNS: list[str] = [
    "global_event_id", "sql_date", "month_year", "year", "fraction_date",
    *[f"actor1_{field}" for field in _ACTOR_FIELDS],
    *[f"actor2_{field}" for field in _ACTOR_FIELDS],
    "is_root_event", "event_code", "event_base_code", "event_root_code", "quad_class",
    "goldstein_scale", "num_mentions", "num_sources", "num_articles", "avg_tone",
    *[f"actor1_geo_{field}" for field in _GEO_FIELDS],
    *[f"actor2_geo_{field}" for field in _GEO_FIELDS],
    *[f"action_geo_{field}" for field in _GEO_FIELDS],
    "date_added", "source_url",
]
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

    @pa.check("date_added", error="DATEADDED lies in the future")
    def added_by_now(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col(data.key) <= latest_plausible_time().date())

    @pa.dataframe_check(error="event date (SQLDATE) is more than a day after the date GDELT added it")
    def event_not_after_it_was_added(cls, data: pa.PolarsData) -> pl.LazyFrame:
        # Real 1.0 exports (2013-04-01's among them) date some events the day after
        # DATEADDED, as an article's local date can run ahead of GDELT's processing day.
        return data.lazyframe.select(pl.col("sql_date") <= pl.col("date_added") + dt.timedelta(days=1))


LAYOUT = HeaderlessLayout(
    columns=COLUMNS,
    first_column_names=frozenset({"GLOBALEVENTID", "global_event_id"}),
    parses=PARSES,
    model=GdeltV1EventModel,
    output=["line_number", *COLUMNS, "field_count"],
    unique_key="global_event_id",
    unique_key_label="GlobalEventID",
    min_fields=COLUMNS_BEFORE_SOURCE_URL,
)


def parse_gdelt_v1_events(data: bytes) -> ReadResult:
    """Bytes of one 1.0 event file in, typed and validated records plus rejected lines out."""
    return read_headerless_bytes(data, LAYOUT)


def iter_gdelt_v1_event_batches(path: Path, batch_bytes: int = DEFAULT_BATCH_BYTES) -> Iterator[ReadResult]:
    """A 1.0 event file of any size (the yearly backfiles run to gigabytes), in batches."""
    return iter_headerless_batches(path, LAYOUT, batch_bytes)


def read_gdelt_v1_events(path: Path) -> ReadResult:
    """A whole 1.0 event file (plain or zipped) as one result."""
    return collect_batches(iter_gdelt_v1_event_batches(path))


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
