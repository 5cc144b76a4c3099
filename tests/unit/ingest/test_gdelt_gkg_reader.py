"""GDELT GKG 2.1, English and translingual, on the real 100-line samples."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from orchestration.ingest.gdelt_gkg import TONE_MEASURES, parse_gdelt_gkg, read_gdelt_gkg
from tests.unit.ingest.fixture_files import GDELT, raw_fields

ENGLISH = GDELT / "gkg.csv"
TRANSLINGUAL = GDELT / "gkgT.csv"
GKG_1_0 = GDELT / "gkg1.csv"

V2_TONE, V2_LOCATIONS, V1_THEMES = 15, 10, 7


def test_v2_tone_of_a_real_record_is_split_into_its_seven_measures() -> None:
    raw_tone = raw_fields(ENGLISH)[0][V2_TONE]
    assert raw_tone == (
        "-5.3475935828877,2.13903743315508,7.48663101604278,9.62566844919786,21.2566844919786,0.53475935828877,693"
    )
    record = read_gdelt_gkg(ENGLISH).rows.row(0, named=True)

    assert record["gkg_record_id"] == "20150218230000-0"
    assert record["tone"] == pytest.approx(-5.3475935828877)
    assert record["positive_score"] == pytest.approx(2.13903743315508)
    assert record["negative_score"] == pytest.approx(7.48663101604278)
    assert record["polarity"] == pytest.approx(9.62566844919786)
    assert record["activity_reference_density"] == pytest.approx(21.2566844919786)
    assert record["self_group_reference_density"] == pytest.approx(0.53475935828877)
    assert record["word_count"] == 693


@pytest.mark.parametrize("sample", [ENGLISH, TRANSLINGUAL], ids=["english", "translingual"])
def test_every_tone_measure_matches_the_raw_field(sample: Path) -> None:
    rows = read_gdelt_gkg(sample).rows
    for fields, record in zip(raw_fields(sample), rows.iter_rows(named=True), strict=True):
        parts = fields[V2_TONE].split(",")
        assert [record[name] for name in TONE_MEASURES] == [float(part) for part in parts[:6]] + [int(parts[6])]


def test_countries_and_themes_come_from_v2_locations_and_v1_themes() -> None:
    rows = read_gdelt_gkg(TRANSLINGUAL).rows
    raw = raw_fields(TRANSLINGUAL)

    for fields, record in zip(raw, rows.iter_rows(named=True), strict=True):
        blocks = [block.split("#") for block in fields[V2_LOCATIONS].split(";") if block]
        assert record["location_country_codes"] == list(dict.fromkeys(block[3][:2] for block in blocks))
        assert record["themes"] == list(dict.fromkeys(theme for theme in fields[V1_THEMES].split(";") if theme))
    # Line 2 names Iran, Israel and Washington DC, though its country fields all say IS.
    assert "1#Iran#IS#IR##32#53#IR#84" in raw[1][V2_LOCATIONS]
    assert rows["location_country_codes"][1].to_list() == ["IR", "IS", "US"]
    assert rows["location_country_codes"][0].to_list() == []
    assert rows["themes"][0].to_list()[:2] == ["NEGOTIATIONS", "CEASEFIRE"]
    assert rows["v21_translation_info"][0] == "srclc:ces;eng:Moses 2.1.1 / MosesCore Europarl cs-en / GT-CES 1.0"


def test_a_malformed_v2_tone_rejects_its_line_once() -> None:
    fields = ENGLISH.read_text(encoding="utf-8").splitlines()[2].split("\t")
    fields[V2_TONE] = "0,0,0,29.7"
    result = parse_gdelt_gkg("\t".join(fields).encode())

    assert result.rows.height == 0
    assert result.rejects.select("line_number", "reason").rows() == [
        (1, "v2_tone: '0,0,0,29.7' is not seven comma-separated numbers (V2Tone)")
    ]


def test_a_repeated_record_id_is_rejected() -> None:
    lines = ENGLISH.read_text(encoding="utf-8").splitlines()[:2]
    result = parse_gdelt_gkg(("\n".join([*lines, lines[0]]) + "\n").encode())

    assert result.rows["line_number"].to_list() == [1, 2]
    assert result.rejects.select("line_number", "reason").rows() == [
        (3, "GKGRECORDID 20150218230000-0 already stands on line 1")
    ]


def test_gkg_1_0_lines_are_rejected_for_their_column_count() -> None:
    result = read_gdelt_gkg(GKG_1_0)

    assert (result.rows_read, result.rows.height, result.rejects.height) == (95, 0, 95)
    assert set(result.rejects["reason"]) == {"expected 27 fields, found 11"}
    assert result.rejects.filter(pl.col("line_number") == 1)["raw_line"].item() == GKG_1_0.read_text().splitlines()[0]
