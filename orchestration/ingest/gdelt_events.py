"""GDELT 2.0 event exports, English (`YYYYMMDDHHMMSS.export.CSV[.zip]`) and translingual
(`YYYYMMDDHHMMSS.translation.export.CSV[.zip]`).

Source: the GDELT Project's 15-minute event files, 61 tab-separated columns, no header,
no quoting; the translingual feed (events coded from machine-translated non-English
news) has the same 61 columns. Grain: one row per event record as GDELT wrote it; GDELT
counts reports, so the same real event can stand in several records (deduplication
happens in dbt).

Every code column stays a string: CAMEO event codes carry meaningful leading zeros
("010" is a root-01 code, "10" is not a CAMEO code at all).

Both feeds read the same way; the caller keeps them apart by `source_system`
(`orchestration.landing.sources` tells them by file name).
"""

from __future__ import annotations

import datetime as dt

import pandera.polars as pa
import polars as pl

from orchestration.ingest.clock import not_in_the_future
from orchestration.ingest.headerless import HeaderlessLayout
from orchestration.ingest.parses import Parse, date_as, decimal_number, timestamp_as, whole_number
from orchestration.ingest.validation import LandedRowModel
from orchestration.landing import gdelt_names

SOURCE_SYSTEM = "gdelt_v2"
TRANSLINGUAL_SOURCE_SYSTEM = "gdelt_v2_translingual"

_ACTOR_FIELDS = [
    "code",
    "name",
    "country_code",
    "known_group_code",
    "ethnic_code",
    "religion1_code",
    "religion2_code",
    "type1_code",
    "type2_code",
    "type3_code",
]
GEO_FIELDS = ["type", "fullname", "country_code", "adm1_code", "adm2_code", "lat", "long", "feature_id"]
"""The fields of each of an event's three geographies (GDELT 1.0 has no `adm2_code`)."""


def event_columns(geo_fields: list[str]) -> list[str]:
    """The codebook's event columns in file order, GDELT 1.0's and 2.0's alike but for the geography fields."""
    return [
        "global_event_id",
        "sql_date",
        "month_year",
        "year",
        "fraction_date",
        *[f"actor1_{field}" for field in _ACTOR_FIELDS],
        *[f"actor2_{field}" for field in _ACTOR_FIELDS],
        "is_root_event",
        "event_code",
        "event_base_code",
        "event_root_code",
        "quad_class",
        "goldstein_scale",
        "num_mentions",
        "num_sources",
        "num_articles",
        "avg_tone",
        *[f"actor1_geo_{field}" for field in geo_fields],
        *[f"actor2_geo_{field}" for field in geo_fields],
        *[f"action_geo_{field}" for field in geo_fields],
        "date_added",
        "source_url",
    ]


COLUMNS: list[str] = event_columns(GEO_FIELDS)
assert len(COLUMNS) == 61

GLOBAL_EVENT_ID_NAMES = frozenset({"GLOBALEVENTID", "global_event_id"})
"""What a header row calls GlobalEventID, the first column of event and mentions files (the codebook's name and ours)."""


PARSES: dict[str, Parse] = {
    "global_event_id": whole_number("global_event_id"),
    "sql_date": date_as("sql_date", "%Y%m%d", "a YYYYMMDD date"),
    "month_year": whole_number("month_year", pl.Int32()),
    "year": whole_number("year", pl.Int16()),
    "fraction_date": decimal_number("fraction_date"),
    "is_root_event": whole_number("is_root_event", pl.Int8()),
    "quad_class": whole_number("quad_class", pl.Int8()),
    "goldstein_scale": decimal_number("goldstein_scale"),
    "num_mentions": whole_number("num_mentions", pl.Int32()),
    "num_sources": whole_number("num_sources", pl.Int32()),
    "num_articles": whole_number("num_articles", pl.Int32()),
    "avg_tone": decimal_number("avg_tone"),
    **{
        name: parse
        for prefix in ("actor1_geo", "actor2_geo", "action_geo")
        for name, parse in {
            f"{prefix}_type": whole_number(f"{prefix}_type", pl.Int8()),
            f"{prefix}_lat": decimal_number(f"{prefix}_lat"),
            f"{prefix}_long": decimal_number(f"{prefix}_long"),
        }.items()
    },
    "date_added": timestamp_as("date_added", "%Y%m%d%H%M%S", "a YYYYMMDDHHMMSS timestamp"),
}

CAMEO_COUNTRY = r"^[A-Z]{3}$"
FIPS_COUNTRY = r"^[A-Z]{2}$"
FIRST_GDELT_DATE = dt.date(1979, 1, 1)
FIRST_GDELT_V2_FILE = dt.datetime.combine(gdelt_names.FIRST_DAY, dt.time())


class GdeltEventFields(LandedRowModel):
    """What GDELT 1.0 and 2.0 event records share: the codebook's ranges and code shapes."""

    sql_date: dt.date = pa.Field(ge=FIRST_GDELT_DATE)
    actor1_country_code: str = pa.Field(nullable=True, str_matches=CAMEO_COUNTRY)
    actor2_country_code: str = pa.Field(nullable=True, str_matches=CAMEO_COUNTRY)
    is_root_event: pl.Int8 = pa.Field(isin=[0, 1])
    event_code: str = pa.Field(str_matches=r"^\d{3,4}$")
    event_base_code: str = pa.Field(str_matches=r"^\d{3}$")
    event_root_code: str = pa.Field(str_matches=r"^\d{2}$")
    quad_class: pl.Int8 = pa.Field(isin=[1, 2, 3, 4])
    goldstein_scale: float = pa.Field(ge=-10.0, le=10.0, nullable=True)
    num_mentions: pl.Int32 = pa.Field(ge=0)
    num_sources: pl.Int32 = pa.Field(ge=0)
    num_articles: pl.Int32 = pa.Field(ge=0)
    avg_tone: float = pa.Field(ge=-100.0, le=100.0, nullable=True)
    actor1_geo_country_code: str = pa.Field(nullable=True, str_matches=FIPS_COUNTRY)
    actor2_geo_country_code: str = pa.Field(nullable=True, str_matches=FIPS_COUNTRY)
    action_geo_country_code: str = pa.Field(nullable=True, str_matches=FIPS_COUNTRY)

    @pa.dataframe_check(error="event code does not start with its root code")
    def code_within_root(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("event_code").str.starts_with(pl.col("event_root_code")))


class GdeltEventModel(GdeltEventFields):
    """A typed GDELT 2.0 event record: DATEADDED is the 15-minute slot of the export."""

    global_event_id: int = pa.Field(ge=1)
    date_added: dt.datetime = pa.Field(ge=FIRST_GDELT_V2_FILE)

    added_by_now = not_in_the_future("date_added", "DATEADDED")

    @pa.dataframe_check(error="event date (SQLDATE) is after the date GDELT added it")
    def event_not_after_it_was_added(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("sql_date") <= pl.col("date_added").dt.date())


def event_layout(
    columns: list[str],
    parses: dict[str, Parse],
    model: type[GdeltEventFields],
    output: list[str],
    min_fields: int | None = None,
) -> HeaderlessLayout:
    """How GDELT 1.0 and 2.0 event files are read: GlobalEventID first, once per file."""
    return HeaderlessLayout(
        columns=columns,
        first_column_names=GLOBAL_EVENT_ID_NAMES,
        parses=parses,
        model=model,
        output=output,
        unique_key="global_event_id",
        unique_key_label="GlobalEventID",
        min_fields=min_fields,
    )


LAYOUT = event_layout(COLUMNS, PARSES, GdeltEventModel, output=["line_number", *COLUMNS])

parse_gdelt_events = LAYOUT.read_bytes
iter_gdelt_event_batches = LAYOUT.iter_file_batches
read_gdelt_events = LAYOUT.read_file
