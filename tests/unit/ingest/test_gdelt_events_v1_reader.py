"""GDELT 1.0 events on the real 100-line sample, whose lines mix the 57- and 58-column layouts."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from orchestration.ingest.gdelt_events_v1 import (
    COLUMNS,
    first_day_of_file,
    parse_gdelt_v1_events,
    read_gdelt_v1_events,
)
from tests.unit.ingest.fixture_files import GDELT, raw_fields

SAMPLE = GDELT / "events1.csv"


def test_both_layouts_are_read_into_one_schema() -> None:
    raw = raw_fields(SAMPLE)
    result = read_gdelt_v1_events(SAMPLE)
    rows = result.rows

    assert (result.rows_read, rows.height, result.rejects.height) == (100, 100, 0)
    assert rows.columns == ["line_number", *COLUMNS, "field_count"]
    assert sum(len(fields) == 57 for fields in raw) == 40
    assert sum(len(fields) == 58 for fields in raw) == 60
    assert rows.group_by("field_count").len().sort("field_count").rows() == [(57, 40), (58, 60)]
    assert rows["field_count"].to_list() == [len(fields) for fields in raw]


def test_source_url_is_null_exactly_for_57_column_lines() -> None:
    raw = raw_fields(SAMPLE)
    rows = read_gdelt_v1_events(SAMPLE).rows

    assert rows["source_url"].to_list() == [fields[57] if len(fields) == 58 else None for fields in raw]
    assert rows.filter(pl.col("field_count") == 57)["source_url"].null_count() == 40
    assert rows.filter(pl.col("field_count") == 58)["source_url"].null_count() == 0


def test_fields_match_the_raw_text() -> None:
    raw = raw_fields(SAMPLE)
    rows = read_gdelt_v1_events(SAMPLE).rows

    assert rows["global_event_id"].to_list() == [int(fields[0]) for fields in raw]
    assert rows["event_code"].to_list() == [fields[26] for fields in raw]
    assert rows["date_added"].to_list() == [dt.datetime.strptime(fields[56], "%Y%m%d").date() for fields in raw]
    assert rows["action_geo_country_code"].to_list() == [fields[51] or None for fields in raw]
    first = rows.row(0, named=True)
    assert (first["global_event_id"], first["sql_date"], first["event_code"]) == (0, dt.date(1979, 1, 1), "040")
    assert first["actor1_code"] is None
    assert (first["actor2_code"], first["actor2_name"], first["date_added"]) == ("AFR", "AFRICA", dt.date(2013, 2, 3))
    last = rows.row(99, named=True)
    assert last["source_url"].startswith("http://timesofindia.indiatimes.com/city/mumbai/")
    assert last["action_geo_fullname"] == "Aurangabad, Maharashtra, India"


def test_other_column_counts_are_rejected() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    short = "\t".join(lines[0].split("\t")[:56])
    long = lines[45] + "\textra"
    result = parse_gdelt_v1_events("\n".join([lines[0], short, long, lines[45]]).encode())

    assert result.rows["line_number"].to_list() == [1, 4]
    assert result.rejects.select("line_number", "reason").rows() == [
        (2, "expected 57 or 58 fields, found 56"),
        (3, "expected 57 or 58 fields, found 59"),
    ]


def test_v1_file_names_give_the_first_day_they_cover() -> None:
    assert [first_day_of_file(name) for name in ["20130401.export.CSV.zip", "1979.zip", "200601.zip", "2005.csv"]] == [
        dt.date(2013, 4, 1),
        dt.date(1979, 1, 1),
        dt.date(2006, 1, 1),
        dt.date(2005, 1, 1),
    ]
    for name in ["20250511180000.export.CSV", "20150218230000.gkg.csv.zip", "notes.csv"]:
        with pytest.raises(ValueError, match=r"not a GDELT 1\.0 event file name"):
            first_day_of_file(name)
    with pytest.raises(ValueError, match=r"20131341 in the name is not a calendar date"):
        first_day_of_file("20131341.export.CSV")
