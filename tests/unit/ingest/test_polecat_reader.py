"""POLECAT weekly files, on files written for these tests from the POLECAT/PLOVER documentation."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from orchestration.ingest.landed import UnreadableFileError
from orchestration.ingest.polecat import parse_polecat, read_polecat
from tests.unit.ingest.fixture_files import POLECAT

WEEKLY_TSV = POLECAT / "polecat_weekly_2023_01_02.txt"
TRIMMED_CSV = POLECAT / "polecat_trimmed_lower.csv"


def test_a_weekly_tab_separated_file_with_title_case_headers() -> None:
    rows = read_polecat(WEEKLY_TSV).rows

    assert rows["event_id"].to_list() == [f"fixture-evt-000{n}" for n in range(1, 5)]
    assert rows["story_date"].to_list() == [dt.date(2023, 1, day) for day in range(2, 6)]
    assert rows["publication_date"].to_list() == [dt.date(2023, 1, day) for day in range(2, 6)]
    assert rows["event_type"].to_list() == ["CONSULT", "ASSAULT", "ACCUSE", "AID"]
    assert rows["event_mode"].to_list() == ["visit", "firearms", None, "economic"]
    assert rows["event_intensity"].to_list() == [1.0, -8.5, -3.0, 2.5]
    assert rows["quad_code"][1] == "MATERIAL CONFLICT"
    assert rows["contexts"].to_list() == [["diplomatic", "economic"], ["military"], ["human_rights", "terrorism"], []]
    dyads = rows.select("actor_country", "recipient_country").rows()
    assert dyads == [("SYR", "IRQ"), ("TUR", "SYR"), ("ISR", "SYR"), ("JOR", "SYR")]
    assert rows["actor_cow"].to_list() == ["652", "640", "666", "663"]
    assert rows["place_name"].to_list() == ["Baghdad", "Tal Rifaat", None, "Amman"]
    assert rows["geonames_id"][0] == "98182"
    assert rows["latitude"][0] == pytest.approx(33.3406)
    assert rows.schema["actor_cow"] == pl.String and rows.schema["contexts"] == pl.List(pl.String)


def test_a_trimmed_comma_separated_file_with_lower_case_headers() -> None:
    result = read_polecat(TRIMMED_CSV)
    reasons = dict(result.rejects.select("line_number", "reason").iter_rows())

    assert (result.rows_read, result.rows.height) == (6, 1)
    kept = result.rows.row(0, named=True)
    assert (kept["event_id"], kept["actor_name"]) == ("fixture-evt-1001", "Hezbollah, Lebanon")
    assert kept["contexts"] == ["military", "terrorism"]
    assert kept["publication_date"] is None and kept["latitude"] is None
    assert "event_type failed isin" in reasons[3] and "(value PERSUADE)" in reasons[3]
    assert reasons[4] == "story_date: '2024-13-01' is not a date like 2023-01-02 (a time may follow)"
    assert reasons[5] == "story_date failed greater_than_or_equal_to(2010-01-01) (value 2009-12-31)"
    assert reasons[6] == "Event ID fixture-evt-1001 already stands on line 2"
    assert reasons[7] == "actor_country failed str_matches('^[A-Z]{3}$') (value Iraq)"


def test_required_columns() -> None:
    without_recipient_country = "Event ID\tStory Date\tEvent Type\tActor Country\nx\t2023-01-02\tAGREE\tSYR\n"

    with pytest.raises(UnreadableFileError, match="recipient_country"):
        parse_polecat(without_recipient_country.encode())
