"""GDELT 2.0 event exports (`YYYYMMDDHHMMSS.export.CSV[.zip]`).

Source: the GDELT Project's 15-minute event files, 61 tab-separated columns, no header,
no quoting. Grain: one row per event record as GDELT wrote it; GDELT counts reports,
so the same real event can stand in several records (deduplication happens in dbt).

Every code column stays a string: CAMEO event codes carry meaningful leading zeros
("010" is a root-01 code, "10" is not a CAMEO code at all).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandera.polars as pa
import polars as pl

from orchestration.sources.landed import (
    REJECTS_SCHEMA,
    Parse,
    ReadResult,
    landed_bytes,
    split_fields,
    split_lines,
    type_columns,
    validate,
)

SOURCE_SYSTEM = "gdelt_v2"

_ACTOR_FIELDS = [
    "code", "name", "country_code", "known_group_code", "ethnic_code",
    "religion1_code", "religion2_code", "type1_code", "type2_code", "type3_code",
]
_GEO_FIELDS = ["type", "fullname", "country_code", "adm1_code", "adm2_code", "lat", "long", "feature_id"]

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
assert len(COLUMNS) == 61


def _integer(name: str, dtype: pl.DataType = pl.Int64) -> Parse:
    return Parse(pl.col(name).cast(dtype, strict=False), "a whole number")


def _decimal(name: str) -> Parse:
    return Parse(pl.col(name).cast(pl.Float64, strict=False), "a decimal number")


PARSES: dict[str, Parse] = {
    "global_event_id": _integer("global_event_id"),
    "sql_date": Parse(pl.col("sql_date").str.to_date("%Y%m%d", strict=False), "a YYYYMMDD date"),
    "month_year": _integer("month_year", pl.Int32),
    "year": _integer("year", pl.Int16),
    "fraction_date": _decimal("fraction_date"),
    "is_root_event": _integer("is_root_event", pl.Int8),
    "quad_class": _integer("quad_class", pl.Int8),
    "goldstein_scale": _decimal("goldstein_scale"),
    "num_mentions": _integer("num_mentions", pl.Int32),
    "num_sources": _integer("num_sources", pl.Int32),
    "num_articles": _integer("num_articles", pl.Int32),
    "avg_tone": _decimal("avg_tone"),
    **{
        name: parse
        for prefix in ("actor1_geo", "actor2_geo", "action_geo")
        for name, parse in {
            f"{prefix}_type": _integer(f"{prefix}_type", pl.Int8),
            f"{prefix}_lat": _decimal(f"{prefix}_lat"),
            f"{prefix}_long": _decimal(f"{prefix}_long"),
        }.items()
    },
    "date_added": Parse(pl.col("date_added").str.to_datetime("%Y%m%d%H%M%S", strict=False), "a YYYYMMDDHHMMSS timestamp"),
}

_CAMEO_COUNTRY = r"^[A-Z]{3}$"
_FIPS_COUNTRY = r"^[A-Z]{2}$"
FIRST_GDELT_DATE = dt.date(1979, 1, 1)


class GdeltEventModel(pa.DataFrameModel):
    """A typed GDELT 2.0 event record (the codebook's ranges and code shapes)."""

    line_number: int = pa.Field(ge=1)
    global_event_id: int = pa.Field(ge=1)
    sql_date: dt.date = pa.Field(ge=FIRST_GDELT_DATE)
    actor1_country_code: str = pa.Field(nullable=True, str_matches=_CAMEO_COUNTRY)
    actor2_country_code: str = pa.Field(nullable=True, str_matches=_CAMEO_COUNTRY)
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
    actor1_geo_country_code: str = pa.Field(nullable=True, str_matches=_FIPS_COUNTRY)
    actor2_geo_country_code: str = pa.Field(nullable=True, str_matches=_FIPS_COUNTRY)
    action_geo_country_code: str = pa.Field(nullable=True, str_matches=_FIPS_COUNTRY)
    date_added: dt.datetime

    class Config:
        strict = False

    @pa.dataframe_check(error="event date (SQLDATE) is after the date GDELT added it")
    def event_not_after_it_was_added(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("sql_date") <= pl.col("date_added").dt.date())

    @pa.dataframe_check(error="event code does not start with its root code")
    def code_within_root(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("event_code").str.starts_with(pl.col("event_root_code")))


def parse_gdelt_events(data: bytes) -> ReadResult:
    """Bytes of one export in, typed and validated records plus rejected lines out."""
    lines = split_lines(data)
    fields, field_rejects = split_fields(lines, COLUMNS)
    typed, type_rejects = type_columns(fields, PARSES, lines)
    unique, duplicate_rejects = _first_of_each_event(typed, lines)
    valid, check_rejects = validate(unique, GdeltEventModel, lines)
    rejects = pl.concat([field_rejects, type_rejects, duplicate_rejects, check_rejects]).sort("line_number")
    return ReadResult(rows=valid.sort("line_number"), rejects=rejects, rows_read=lines.height)


def read_gdelt_events(path: Path) -> ReadResult:
    return parse_gdelt_events(landed_bytes(path))


def _first_of_each_event(typed: pl.DataFrame, lines: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A GlobalEventID stands once per file; a repeated line is rejected, naming the first."""
    first_line = pl.col("line_number").min().over("global_event_id")
    marked = typed.with_columns(first_line.alias("_first_line"))
    repeated = marked.filter(pl.col("line_number") != pl.col("_first_line"))
    rejects = repeated.select(
        "line_number",
        pl.format("GlobalEventID {} already stands on line {}", pl.col("global_event_id"), pl.col("_first_line")).alias("reason"),
    ).join(lines.select("line_number", "raw_line"), on="line_number")
    kept = marked.filter(pl.col("line_number") == pl.col("_first_line")).drop("_first_line")
    return kept, rejects.select(REJECTS_SCHEMA.keys())
