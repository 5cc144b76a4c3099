"""The GDELT 2.0 events reader on real exports, and on the bad lines GDELT files really carry."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import polars as pl
import pytest

from orchestration.ingest.gdelt_events import COLUMNS, parse_gdelt_events, read_gdelt_events
from orchestration.ingest.landed import UnreadableFileError

RAW_EVENTS = Path(__file__).resolve().parents[3] / "raw" / "gdelt" / "events"
MAY_2025 = RAW_EVENTS / "20250511180000.export.csv"


def _raw_lines(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def test_reads_every_line_of_a_real_export() -> None:
    result = read_gdelt_events(MAY_2025)

    assert result.rows_read == 786
    assert result.rows.height == 786
    assert result.rejects.height == 0
    assert result.rows["line_number"].to_list() == list(range(1, 787))


def test_types_dates_and_numbers_and_keeps_codes_as_strings() -> None:
    rows = read_gdelt_events(MAY_2025).rows
    schema = rows.schema

    assert schema["sql_date"] == pl.Date
    assert schema["date_added"] == pl.Datetime("us")
    assert schema["goldstein_scale"] == pl.Float64
    assert schema["num_mentions"] == pl.Int32
    for code_column in (
        "event_code",
        "event_base_code",
        "event_root_code",
        "actor1_country_code",
        "action_geo_country_code",
    ):
        assert schema[code_column] == pl.String

    assert set(rows["date_added"].to_list()) == {dt.datetime(2025, 5, 11, 18, 0)}
    zero_led = rows.filter(pl.col("event_root_code") == "04")
    assert zero_led.height > 0
    assert all(code.startswith("04") and len(code) >= 3 for code in zero_led["event_code"].to_list())


def test_first_record_matches_the_file_field_by_field() -> None:
    fields = _raw_lines(MAY_2025)[0]
    record = read_gdelt_events(MAY_2025).rows.row(0, named=True)

    assert record["global_event_id"] == int(fields[0])
    assert record["sql_date"] == dt.datetime.strptime(fields[1], "%Y%m%d").date()
    assert record["event_code"] == fields[26]
    assert record["event_root_code"] == fields[28]
    assert record["quad_class"] == int(fields[29])
    assert record["num_mentions"] == int(fields[31])
    assert record["source_url"] == fields[60]
    assert record["actor1_country_code"] == (fields[7] or None)


def test_syria_israel_visit_codes_survive_with_their_leading_zero() -> None:
    expected = {
        (fields[7], fields[17], fields[26])
        for fields in _raw_lines(MAY_2025)
        if fields[26] in ("042", "043") and {fields[7], fields[17]} == {"SYR", "ISR"}
    }
    rows = read_gdelt_events(MAY_2025).rows.filter(
        pl.col("event_code").is_in(["042", "043"])
        & pl.col("actor1_country_code").is_in(["SYR", "ISR"])
        & pl.col("actor2_country_code").is_in(["SYR", "ISR"])
        & (pl.col("actor1_country_code") != pl.col("actor2_country_code"))
    )
    assert expected
    assert set(rows.select("actor1_country_code", "actor2_country_code", "event_code").iter_rows()) == expected


def _line(**overrides: str) -> str:
    """A valid record built from the real first line of the May 2025 export, with fields replaced."""
    fields = _raw_lines(MAY_2025)[0]
    for name, value in overrides.items():
        fields[COLUMNS.index(name)] = value
    return "\t".join(fields)


def test_bad_lines_are_quarantined_with_their_reason_and_the_rest_loaded() -> None:
    good = _line()
    other = _line(global_event_id="999000001")
    lines = [
        good,
        "\t".join(good.split("\t")[:57]),
        _line(global_event_id="999000002", sql_date="2025-05-04"),
        _line(global_event_id="999000003", event_code="42", event_base_code="042", event_root_code="04"),
        good,
        "",
        _line(global_event_id="999000004", quad_class="7"),
        _line(global_event_id="999000005", sql_date="20260101"),
        other,
    ]
    data = (
        "\n".join(lines).encode("utf-8")
        + b"\n"
        + _line(global_event_id="999000006", actor1_name="B\xe4D").encode("latin-1")
        + b"\n"
    )

    result = parse_gdelt_events(data)
    reasons = dict(result.rejects.select("line_number", "reason").iter_rows())

    assert result.rows_read == 10
    assert result.rows["line_number"].to_list() == [1, 9]
    assert sorted(reasons) == [2, 3, 4, 5, 6, 7, 8, 10]
    assert reasons[2] == "expected 61 fields, found 57"
    assert reasons[3] == "sql_date: '2025-05-04' is not a YYYYMMDD date"
    assert "event_code failed str_matches" in reasons[4]
    assert reasons[5].startswith("GlobalEventID") and reasons[5].endswith("already stands on line 1")
    assert reasons[6] == "blank line"
    assert "quad_class failed isin" in reasons[7]
    assert "event date (SQLDATE) is after the date GDELT added it" in reasons[8]
    assert reasons[10].startswith("undecodable bytes (not UTF-8)")
    assert result.rejects.filter(pl.col("line_number") == 2)["raw_line"].item() == lines[1]


def test_reads_zipped_exports_like_plain_ones(tmp_path: Path) -> None:
    archive = tmp_path / "20250511180000.export.CSV.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(MAY_2025, "20250511180000.export.CSV")

    assert read_gdelt_events(archive).rows.equals(read_gdelt_events(MAY_2025).rows)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("20250511181500.export.CSV.zip", MAY_2025.read_bytes()[:5000], "not a readable zip file"),
        ("20250511183000.export.CSV", b"", "file is empty"),
    ],
)
def test_unreadable_files_raise_a_clear_error(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError, match=message):
        read_gdelt_events(path)


def test_truncated_zip_is_unreadable(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(MAY_2025, "20250511180000.export.CSV")
    path = tmp_path / "20250511180000.export.CSV.zip"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(UnreadableFileError, match="not a readable zip file"):
        read_gdelt_events(path)


def test_a_line_of_well_formed_fields_rejected_after_typing_keeps_its_text_byte_for_byte() -> None:
    lines = [
        _line(),
        _line(global_event_id="999000001", quad_class="7", avg_tone="-2.50", goldstein_scale="+1.0"),
        _line(global_event_id="999000003"),
    ]

    result = parse_gdelt_events(("\n".join(lines) + "\n").encode("utf-8"))

    assert result.rows["line_number"].to_list() == [1, 3]
    [(line_number, reason, raw_line)] = result.rejects.select("line_number", "reason", "raw_line").iter_rows()
    assert line_number == 2 and "quad_class failed isin" in reason
    assert raw_line == lines[1]


def test_a_field_that_is_no_number_of_its_type_is_named_with_its_text() -> None:
    lines = [
        _line(),
        _line(global_event_id="999000002", num_sources="5.0"),
        _line(global_event_id="999000004", quad_class="300"),
    ]

    result = parse_gdelt_events(("\n".join(lines) + "\n").encode("utf-8"))
    rejects = result.rejects.select("line_number", "reason", "raw_line").rows()

    assert result.rows["line_number"].to_list() == [1]
    assert rejects == [
        (2, "num_sources: '5.0' is not a whole number", lines[1]),
        (3, "quad_class: '300' is not a whole number", lines[2]),
    ]


def test_a_number_written_after_a_space_is_rejected() -> None:
    lines = [
        _line(),
        _line(global_event_id="999000001", num_mentions=" 5"),
        _line(global_event_id="999000002", avg_tone=" "),
    ]

    result = parse_gdelt_events(("\n".join(lines) + "\n").encode("utf-8"))
    reasons = dict(result.rejects.select("line_number", "reason").iter_rows())

    assert result.rows["line_number"].to_list() == [1]
    assert reasons == {2: "num_mentions: ' 5' is not a whole number", 3: "avg_tone: ' ' is not a decimal number"}
