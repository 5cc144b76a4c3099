"""ACLED event exports (`*.csv`, plain or zipped), as ACLED's export tool and API write them.

Source: the Armed Conflict Location & Event Data Project. A comma-separated file with
a header row naming the codebook's 31 columns (`event_id_cnty` … `timestamp`, see
`COLUMNS`); fields are quoted when they hold commas, quotes or line breaks (notes
often do). Header names are matched without regard to case, so `EVENT_DATE` and
`event_date` are the same column, and a file may carry only some of the columns.
Grain: one row per ACLED event (`event_id_cnty` is unique).

Required columns, the least that places an event on a day, a place and a pair of
actors: `event_id_cnty`, `event_date`, `event_type`, `sub_event_type`, `actor1`,
`actor2`, `country`. Any other codebook column may be missing from a file and is
then null. Columns ACLED has added or dropped over the years (`data_id`, `iso3`,
`event_id_no_cnty`, `population_best`, …) are not read.

Dates come in three shapes, depending on the tool that wrote the file: `2020-05-09`
(API), `9-May-20` (spreadsheet exports) and `21 March 2020` (ACLED's curated files).
`iso` is the ISO 3166-1 numeric country code, written by ACLED as a number (4) and
kept as the standard's three-digit string ("004"). `timestamp` (seconds since 1970,
when ACLED last changed the event) becomes a UTC time stamp. Interaction codes
(`inter1`, `inter2`, `interaction`) stay strings.

ACLED's terms forbid redistributing its rows: only files ACLED users download land here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pandera.polars as pa
import polars as pl

from orchestration.sources.landed import (
    HeadedLayout,
    Parse,
    ReadResult,
    decimal_number,
    read_headed_bytes,
    read_headed_file,
    whole_number,
)

SOURCE_SYSTEM = "acled"
FILE_PATTERNS = ("*.csv", "*.CSV", "*.csv.zip", "*.CSV.zip")

COLUMNS: list[str] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
assert len(COLUMNS) == 31

REQUIRED_COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country")

EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)

DATE_FORMATS = ("%Y-%m-%d", "%d-%b-%y", "%d %B %Y")
"""`2020-05-09`, `9-May-20`, `21 March 2020`."""

FIRST_ACLED_DATE = dt.date(1997, 1, 1)


def _event_date() -> Parse:
    return Parse(
        pl.coalesce([pl.col("event_date").str.to_date(form, strict=False) for form in DATE_FORMATS]),
        "a date like 2020-05-09, 9-May-20 or 21 March 2020",
    )


PARSES: dict[str, Parse] = {
    "event_date": _event_date(),
    "year": whole_number("year", pl.Int16()),
    "time_precision": whole_number("time_precision", pl.Int8()),
    "iso": Parse(
        pl.when(pl.col("iso").str.contains(r"^\d{1,3}$")).then(pl.col("iso").str.zfill(3)),
        "an ISO 3166-1 numeric country code",
    ),
    "latitude": decimal_number("latitude"),
    "longitude": decimal_number("longitude"),
    "geo_precision": whole_number("geo_precision", pl.Int8()),
    "fatalities": whole_number("fatalities", pl.Int32()),
    "timestamp": Parse(
        pl.from_epoch(pl.col("timestamp").cast(pl.Int64, strict=False), time_unit="s").cast(pl.Datetime("us")),
        "a time stamp in seconds since 1970",
    ),
}


def _today_or_later() -> dt.date:
    """The last day an ACLED date may name: today where the day has begun first."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).date()


class AcledEventModel(pa.DataFrameModel):
    """A typed ACLED event (the codebook's values and ranges)."""

    line_number: int = pa.Field(ge=1)
    event_id_cnty: str = pa.Field(str_matches=r"^[A-Z]{3}\d+$")
    event_date: dt.date = pa.Field(ge=FIRST_ACLED_DATE)
    year: pl.Int16 = pa.Field(nullable=True)
    time_precision: pl.Int8 = pa.Field(isin=[1, 2, 3], nullable=True)
    event_type: str = pa.Field(isin=list(EVENT_TYPES))
    sub_event_type: str
    actor1: str
    actor2: str = pa.Field(nullable=True)
    iso: str = pa.Field(str_matches=r"^\d{3}$", nullable=True)
    country: str
    latitude: float = pa.Field(ge=-90.0, le=90.0, nullable=True)
    longitude: float = pa.Field(ge=-180.0, le=180.0, nullable=True)
    geo_precision: pl.Int8 = pa.Field(isin=[1, 2, 3], nullable=True)
    fatalities: pl.Int32 = pa.Field(ge=0, nullable=True)
    timestamp: dt.datetime = pa.Field(nullable=True)

    class Config:
        strict = False

    @pa.check("event_date", error="event_date lies in the future")
    def happened_by_now(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col(data.key) <= _today_or_later())

    @pa.check("timestamp", error="timestamp lies in the future")
    def changed_by_now(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col(data.key).is_null() | (pl.col(data.key).dt.date() <= _today_or_later()))

    @pa.dataframe_check(error="year is not the year of event_date")
    def year_of_the_date(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("year").is_null() | (pl.col("year") == pl.col("event_date").dt.year()))


LAYOUT = HeadedLayout(
    columns={column: () for column in COLUMNS},
    required=REQUIRED_COLUMNS,
    parses=PARSES,
    model=AcledEventModel,
    unique_key="event_id_cnty",
    unique_key_label="event_id_cnty",
    separators=",",
)


def parse_acled(data: bytes) -> ReadResult:
    """Bytes of one ACLED export in, typed and validated events plus rejected records out."""
    return read_headed_bytes(data, LAYOUT)


def read_acled(path: Path) -> ReadResult:
    """A whole ACLED export, plain or zipped, as one result."""
    return read_headed_file(path, LAYOUT)


def iter_acled_batches(path: Path) -> Iterator[ReadResult]:
    """An ACLED export as one batch: its header governs every line and a quoted field may span
    lines, so it is read whole (these files are megabytes, not gigabytes)."""
    yield read_acled(path)
