"""GDELT 2.0 events, English and translingual, on the real 100-line samples."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from orchestration.ingest.gdelt_events import COLUMNS, SOURCE_SYSTEM, TRANSLINGUAL_SOURCE_SYSTEM, read_gdelt_events
from orchestration.ingest.header_rows import HEADER_ROW_REASON
from orchestration.landing.sources import landing_source
from tests.unit.ingest.fixture_files import GDELT, zipped

ENGLISH = GDELT / "events.csv"
TRANSLINGUAL = GDELT / "eventsT.csv"


def test_english_sample_values() -> None:
    first = read_gdelt_events(ENGLISH).rows.row(0, named=True)

    assert first["global_event_id"] == 410412347
    assert first["sql_date"] == dt.date(2014, 2, 18)
    assert (first["event_code"], first["event_base_code"], first["event_root_code"]) == ("043", "043", "04")
    assert first["actor1_code"] is None and first["actor2_code"] == "GOV"
    assert first["avg_tone"] == pytest.approx(-4.4776119402985)
    assert first["action_geo_fullname"] == "Waterkloof, Free State, South Africa"
    assert first["action_geo_feature_id"] == "-1299321"


def test_translingual_sample_values() -> None:
    rows = read_gdelt_events(TRANSLINGUAL).rows

    assert rows["global_event_id"][0] == 410411698
    assert rows.filter(pl.col("actor1_country_code") == "USA").height == 30
    assert rows["actor1_country_code"].null_count() == 52


def test_translingual_files_are_told_apart_by_name() -> None:
    events = landing_source("gdelt_events")
    today = dt.date(2026, 1, 1)

    def source_system(name: str) -> str:
        return events.claim(name, today).source_system

    assert source_system("20150218224500.translation.export.CSV.zip") == TRANSLINGUAL_SOURCE_SYSTEM
    assert source_system("20150218224500.export.CSV.zip") == SOURCE_SYSTEM
    translingual = source_system("20150218224500.translation.export.CSV")
    assert translingual == TRANSLINGUAL_SOURCE_SYSTEM == "gdelt_v2_translingual"
    assert source_system("20150218224500.export.CSV") == SOURCE_SYSTEM == "gdelt_v2"


def test_zipped_translingual_export_reads_like_the_plain_one(tmp_path: Path) -> None:
    archive = tmp_path / "20150218224500.translation.export.CSV.zip"
    archive.write_bytes(zipped(TRANSLINGUAL.read_bytes(), "20150218224500.translation.export.CSV"))

    assert read_gdelt_events(archive).rows.equals(read_gdelt_events(TRANSLINGUAL).rows)


def test_a_header_row_is_rejected_as_such(tmp_path: Path) -> None:
    header = "\t".join(name.replace("_", "").upper() for name in COLUMNS)
    assert header.startswith("GLOBALEVENTID\tSQLDATE\tMONTHYEAR")
    path = tmp_path / "20150218230000.export.CSV"
    path.write_bytes(header.encode() + b"\n" + ENGLISH.read_bytes())

    result = read_gdelt_events(path)

    assert (result.rows_read, result.rows.height) == (101, 100)
    assert result.rejects.rows() == [(1, HEADER_ROW_REASON, header)]
    assert result.rows["line_number"].to_list() == list(range(2, 102))
