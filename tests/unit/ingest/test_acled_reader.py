"""ACLED exports, on files written for these tests from ACLED's codebook (no real ACLED rows)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from orchestration.ingest.acled import COLUMNS, REQUIRED_COLUMNS, parse_acled, read_acled
from orchestration.ingest.header_rows import HEADER_ROW_REASON
from orchestration.ingest.landed import UnreadableFileError
from tests.unit.ingest.fixture_files import ACLED

FULL_UPPER = ACLED / "acled_full_upper_iso_dates.csv"
LOWER_DAY_MONTH_YEAR = ACLED / "acled_lower_day_month_year.csv"
TRIMMED = ACLED / "acled_trimmed_long_dates.csv"


def test_a_full_export_with_upper_case_headers() -> None:
    rows = read_acled(FULL_UPPER).rows

    assert len(COLUMNS) == 31
    assert rows["event_key"].to_list() == rows["event_id_cnty"].to_list()
    assert rows["event_id_cnty"].to_list() == ["SYR900001", "IRQ900002", "SYR900003", "TUR900004", "IRQ900005"]
    assert rows["event_date"].to_list() == [dt.date(2020, 5, day) for day in range(9, 14)]
    assert rows["fatalities"].to_list() == [2, 1, 0, 0, 3]
    assert rows["iso"].to_list() == ["760", "368", "760", "792", "368"]
    assert rows["timestamp"][0] == dt.datetime(2020, 5, 14, 23, 46, 40)
    assert rows["latitude"][0] == pytest.approx(35.6138)
    assert rows["inter1"].to_list() == ["1", "3", "6", "1", "2"]
    assert rows["actor2"][2] is None
    assert rows.schema["fatalities"] == pl.Int32 and rows.schema["event_date"] == pl.Date


def test_quoted_notes_keep_their_commas_quotes_and_line_breaks() -> None:
    rows = read_acled(FULL_UPPER).rows

    assert rows["notes"][0] == (
        "On 9 May 2020, regime forces and rebels clashed near Kafr Nabl, west of the highway; "
        'both sides called it a "probe". 2 fatalities.'
    )
    assert rows["notes"][1] == (
        "On 10 May 2020, an IED went off by a market in Mosul.\nA second device was found and defused. 1 fatality."
    )
    # The note with a line break spans lines 3 and 4, so the next record starts on line 5.
    assert rows["line_number"].to_list() == [2, 3, 5, 6, 7]


def test_lower_case_headers_and_day_month_year_dates_with_bad_dates_rejected() -> None:
    result = read_acled(LOWER_DAY_MONTH_YEAR)
    reasons = dict(result.rejects.select("line_number", "reason").iter_rows())

    assert (result.rows_read, result.rows.height) == (5, 3)
    assert result.rows["event_date"].to_list() == [dt.date(2020, 5, 9), dt.date(2020, 5, 10), dt.date(2020, 5, 13)]
    assert reasons == {
        4: "event_date: '31-Feb-20' is not a date like 2020-05-09, 9-May-20 or 21 March 2020",
        5: "event_date failed greater_than_or_equal_to(1997-01-01) (value 1996-05-09)",
    }
    assert result.rejects.filter(pl.col("line_number") == 4)["raw_line"].item().startswith("SYR910003,31-Feb-20,")


def test_a_trimmed_export_with_written_out_dates() -> None:
    result = read_acled(TRIMMED)
    rows = result.rows

    assert (result.rows_read, rows.height, result.rejects.height) == (3, 3, 0)
    assert rows.columns == ["line_number", *COLUMNS, "event_key"]
    assert rows["event_date"].to_list() == [dt.date(2020, 3, 21), dt.date(2020, 4, 2), dt.date(2020, 4, 15)]
    assert rows["actor2"].to_list() == ["Opposition Rebels (Syria)", "Police Forces of Iraq (2020-)", None]
    assert rows["notes"][2] is None
    for absent in ("year", "iso", "latitude", "timestamp", "inter1", "tags"):
        assert rows[absent].null_count() == 3
    assert rows.schema["year"] == pl.Int16 and rows.schema["timestamp"] == pl.Datetime("us")


def test_the_three_date_forms_give_the_same_day() -> None:
    header = "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country\n"
    days = ["2020-05-09", "9-May-20", "09 May 2020"]
    lines = [f"SYR99000{n},{day},Battles,Armed clash,A,B,Syria\n" for n, day in enumerate(days, 1)]
    result = parse_acled((header + "".join(lines)).encode())

    assert result.rows["event_date"].to_list() == [dt.date(2020, 5, 9)] * 3


def test_a_header_without_a_required_column_makes_the_file_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "acled_no_date.csv"
    path.write_text(
        "event_id_cnty,event_type,sub_event_type,actor1,actor2,country\nSYR1,Battles,Armed clash,A,B,Syria\n"
    )

    with pytest.raises(UnreadableFileError, match="header lacks required column\\(s\\) event_date"):
        read_acled(path)
    assert set(REQUIRED_COLUMNS) == {"event_date", "event_type", "actor1", "country"}


def test_an_export_without_optional_columns_loads_what_it_has(tmp_path: Path) -> None:
    path = tmp_path / "acled_no_actor2.csv"
    path.write_text("event_id_cnty,event_date,event_type,actor1,country\nSYR1,2020-05-09,Battles,A,Syria\n")

    result = read_acled(path)

    assert (result.rows_read, result.rows.height) == (1, 1)
    assert result.rows.select("event_key", "actor2", "sub_event_type").row(0) == ("SYR1", None, None)


def test_record_level_problems_are_rejected_with_their_reason() -> None:
    header = "event_id_cnty,event_date,year,event_type,sub_event_type,actor1,actor2,country,fatalities,notes"
    lines = [
        header,
        "SYR1,2020-05-09,2020,Battles,Armed clash,A,B,Syria,1,fine",
        "SYR2,2020-05-10,2020,Battles,Armed clash,A,B,Syria,1",
        "SYR1,2020-05-11,2020,Battles,Armed clash,A,B,Syria,0,repeats the first id",
        header,
        "SYR3,2020-05-12,2019,Battles,Armed clash,A,B,Syria,0,wrong year",
        "SYR4,2020-05-13,2020,Skirmish,Armed clash,A,B,Syria,-1,unknown type and negative deaths",
        'SYR5,2020-05-14,2020,Battles,Armed clash,A,B,Syria,0,"an ""unclosed quote',
    ]
    result = parse_acled(("\n".join(lines) + "\n").encode())
    reasons = dict(result.rejects.select("line_number", "reason").iter_rows())

    assert (result.rows_read, result.rows.height) == (7, 1)
    assert reasons[3] == "expected 10 fields as in the header, found 9"
    assert reasons[4] == "event_id_cnty SYR1 already stands on line 2"
    assert reasons[5] == HEADER_ROW_REASON
    assert reasons[6] == "year is not the year of event_date"
    assert "event_type failed isin" in reasons[7] and "fatalities failed greater_than_or_equal_to(0)" in reasons[7]
    assert reasons[8] == "a quoted field is never closed (the record runs on to line 8)"


def test_a_header_repeated_in_other_letters_is_rejected_as_a_header() -> None:
    lines = LOWER_DAY_MONTH_YEAR.read_text(encoding="utf-8").splitlines()
    data = "\n".join([*lines, lines[0].upper()]) + "\n"

    result = parse_acled(data.encode())

    assert result.rejects.filter(pl.col("line_number") == 7).select("reason", "raw_line").rows() == [
        (HEADER_ROW_REASON, lines[0].upper())
    ]
