"""ACLED event exports (`*.csv`, plain or zipped), as ACLED's export tool, API and dashboards write them.

Source: the Armed Conflict Location & Event Data Project. A comma-separated file with
a header row naming the codebook's 31 columns (`event_id_cnty` … `timestamp`, see
`COLUMNS`), or some of them; fields are quoted when they hold commas, quotes or line
breaks (notes often do). Header names are matched without regard to case, spaces or
underscores (`EVENT_DATE`, `event_date` and `Event Date` are one column), and the
names ACLED's dashboards give some columns (`Associated Actor 1`, `Admin 1`, `Event ID`)
are known too. Grain: one row per ACLED event; `event_key` is unique.

Required columns, the least that places an event on a day, in a country, with a type
and an actor: `event_date`, `event_type`, `actor1`, `country`. Any other codebook column
may be missing from a file and is then null. Columns ACLED has added or dropped over
the years (`data_id`, `iso3`, `event_id_no_cnty`, `population_best`, …) are not read.

`event_key` is ACLED's `event_id_cnty`. Dashboard exports leave that column out, and a
damaged row can lack it: such an event is keyed `derived-` and a hash of the fields that
identify it (`KEY_FIELDS`: date, place, types, actors, fatalities and notes), and the
load log counts how many were. Two rows equal on every one of those fields are one event.

Dates come in the shapes ACLED's tools write: `2020-05-09` (API), `9-May-20` (spreadsheet
exports), `21 March 2020` and `21 Mar 2020` (curated files, dashboards). `iso` is the
ISO 3166-1 numeric country code, written by ACLED as a number (4) and kept as the
standard's three-digit string ("004"). `timestamp` (seconds since 1970, when ACLED last
changed the event) becomes a UTC time stamp. Interaction codes (`inter1`, `inter2`,
`interaction`) stay strings.

ACLED's terms forbid redistributing its rows: only files ACLED users download land here.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pandera.polars as pa
import polars as pl

from orchestration.ingest.clock import not_in_the_future
from orchestration.ingest.headed import HeadedLayout
from orchestration.ingest.parses import Parse, decimal_number, whole_number
from orchestration.ingest.validation import LandedRowModel

SOURCE_SYSTEM = "acled"
FILE_SUFFIXES = (".csv", ".csv.zip")

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

REQUIRED_COLUMNS = ("event_date", "event_type", "actor1", "country")

DASHBOARD_NAMES: dict[str, tuple[str, ...]] = {
    "event_id_cnty": ("Event ID", "Event ID Country"),
    "event_date": ("Date",),
    "sub_event_type": ("Subevent Type",),
    "assoc_actor_1": ("Associated Actor 1",),
    "assoc_actor_2": ("Associated Actor 2",),
    "inter1": ("Interaction Code 1",),
    "inter2": ("Interaction Code 2",),
    "iso": ("ISO Code", "ISO Numeric"),
    "country": ("Country Name",),
    "latitude": ("Lat",),
    "longitude": ("Lon", "Long", "Lng"),
    "notes": ("Note",),
    "timestamp": ("Last Updated",),
}
"""Other names a header may give a codebook column (case, spaces and underscores never matter)."""

KEY_FIELDS = (
    "event_date",
    "country",
    "iso",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "fatalities",
    "notes",
)
"""What identifies an event that came without `event_id_cnty`."""

DERIVED_KEY_NOTE = "events without event_id_cnty, keyed by a hash of " + ", ".join(KEY_FIELDS)

EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)

DATE_FORMATS = ("%Y-%m-%d", "%d-%b-%y", "%d %B %Y", "%d %b %Y")
"""`2020-05-09`, `9-May-20`, `21 March 2020`, `21 Mar 2020`."""

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


def _derived_key(values: pl.Series) -> pl.Series:
    return pl.Series(
        [f"derived-{hashlib.sha256(value.encode()).hexdigest()[:20]}" for value in values.to_list()], dtype=pl.String
    )


EVENT_KEY = pl.coalesce(
    pl.col("event_id_cnty"),
    pl.concat_str([pl.col(name).cast(pl.String).fill_null("") for name in KEY_FIELDS], separator="\x1f").map_batches(
        _derived_key, return_dtype=pl.String
    ),
)


class AcledEventModel(LandedRowModel):
    """A typed ACLED event (the codebook's values and ranges)."""

    event_id_cnty: str = pa.Field(str_matches=r"^[A-Z]{3}\d+$", nullable=True)
    event_key: str
    event_date: dt.date = pa.Field(ge=FIRST_ACLED_DATE)
    year: pl.Int16 = pa.Field(nullable=True)
    time_precision: pl.Int8 = pa.Field(isin=[1, 2, 3], nullable=True)
    event_type: str = pa.Field(isin=list(EVENT_TYPES))
    sub_event_type: str = pa.Field(nullable=True)
    actor1: str
    actor2: str = pa.Field(nullable=True)
    iso: str = pa.Field(str_matches=r"^\d{3}$", nullable=True)
    country: str
    latitude: float = pa.Field(ge=-90.0, le=90.0, nullable=True)
    longitude: float = pa.Field(ge=-180.0, le=180.0, nullable=True)
    geo_precision: pl.Int8 = pa.Field(isin=[1, 2, 3], nullable=True)
    fatalities: pl.Int32 = pa.Field(ge=0, nullable=True)
    timestamp: dt.datetime = pa.Field(nullable=True)

    happened_by_now = not_in_the_future("event_date")
    changed_by_now = not_in_the_future("timestamp", by_day=True)

    @pa.dataframe_check(error="year is not the year of event_date")
    def year_of_the_date(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("year").is_null() | (pl.col("year") == pl.col("event_date").dt.year()))


LAYOUT = HeadedLayout(
    columns={column: DASHBOARD_NAMES.get(column, ()) for column in COLUMNS},
    required=REQUIRED_COLUMNS,
    parses=PARSES,
    model=AcledEventModel,
    derived={"event_key": EVENT_KEY},
    unique_key="event_key",
    unique_key_label="event_id_cnty",
    separators=",",
    notes={"event_id_cnty": DERIVED_KEY_NOTE},
)

parse_acled = LAYOUT.read_bytes
iter_acled_batches = LAYOUT.iter_file_batches
read_acled = LAYOUT.read_file
