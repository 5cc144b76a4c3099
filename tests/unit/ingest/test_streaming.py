"""Large files are read in line-aligned batches: line numbers and repeated keys span batches,
the fast and the line-by-line split agree, and a zip found corrupt part-way is unreadable."""

from __future__ import annotations

import zipfile
from pathlib import Path

import polars as pl
import pytest

from orchestration.ingest.gdelt_events import iter_gdelt_event_batches, parse_gdelt_events, read_gdelt_events
from orchestration.ingest.gdelt_gkg import iter_gdelt_gkg_batches, read_gdelt_gkg
from orchestration.ingest.landed import UnreadableFileError, collect_batches
from orchestration.ingest.repeated_ids import FirstOccurrences
from tests.unit.ingest.fixture_files import GDELT

EVENTS = GDELT / "events.csv"
SMALL_BATCH = 4096


def test_batches_number_lines_on_and_add_up_to_the_whole_file() -> None:
    batches = list(iter_gdelt_event_batches(EVENTS, SMALL_BATCH))
    whole = read_gdelt_events(EVENTS)

    assert len(batches) > 5
    assert [batch.rows_read for batch in batches] == [batch.rows.height for batch in batches]
    assert sum(batch.rows_read for batch in batches) == 100
    assert collect_batches(batches).rows.equals(whole.rows)
    starts = [batch.rows["line_number"][0] for batch in batches]
    assert starts == sorted(starts) and starts[0] == 1


def test_a_key_repeated_in_a_later_batch_is_rejected(tmp_path: Path) -> None:
    lines = EVENTS.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "20150218230000.export.CSV"
    path.write_text("\n".join([*lines, lines[3], lines[0]]) + "\n", encoding="utf-8")

    result = collect_batches(iter_gdelt_event_batches(path, SMALL_BATCH))

    assert result.rows.height == 100
    assert result.rejects.select("line_number", "reason").rows() == [
        (101, f"GlobalEventID {lines[3].split(chr(9))[0]} already stands on line 4"),
        (102, f"GlobalEventID {lines[0].split(chr(9))[0]} already stands on line 1"),
    ]


def test_keys_in_any_order_are_tracked_across_batches() -> None:
    seen = FirstOccurrences("key", "Key")
    first_batch = pl.DataFrame({"line_number": [1, 2, 3], "key": [50, 10, 30]})
    second_batch = pl.DataFrame({"line_number": [4, 5, 6, 7], "key": [20, 30, 20, 60]})

    kept_first, first_reasons = seen.split(first_batch)
    kept_second, second_reasons = seen.split(second_batch)

    assert kept_first.equals(first_batch) and first_reasons.height == 0
    assert kept_second["line_number"].to_list() == [4, 7]
    assert second_reasons.rows() == [(5, "Key 30 already stands on line 3"), (6, "Key 20 already stands on line 4")]


def test_the_fast_and_the_line_by_line_split_give_the_same_rows() -> None:
    clean = EVENTS.read_bytes()
    with_a_blank_line = clean.replace(b"\n", b"\n\n", 1)

    fast = parse_gdelt_events(clean)
    line_by_line = parse_gdelt_events(with_a_blank_line)

    assert line_by_line.rejects.select("line_number", "reason").rows() == [(2, "blank line")]
    line = pl.col("line_number")
    renumbered = line_by_line.rows.with_columns(pl.when(line > 2).then(line - 1).otherwise(line).alias("line_number"))
    assert renumbered.equals(fast.rows)


def test_windows_line_ends_read_like_unix_ones() -> None:
    assert parse_gdelt_events(EVENTS.read_bytes().replace(b"\n", b"\r\n")).rows.equals(read_gdelt_events(EVENTS).rows)


def test_a_file_without_a_last_line_end_loses_nothing() -> None:
    assert parse_gdelt_events(EVENTS.read_bytes().rstrip(b"\n")).rows.equals(read_gdelt_events(EVENTS).rows)


def test_a_zip_corrupt_part_way_is_unreadable_even_when_streamed(tmp_path: Path) -> None:
    path = tmp_path / "20150218230000.gkg.csv.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.write(GDELT / "gkg.csv", "20150218230000.gkg.csv")
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle] = ord("x") if data[middle] != ord("x") else ord("y")
    path.write_bytes(bytes(data))

    with pytest.raises(UnreadableFileError, match="not a readable zip file: Bad CRC-32"):
        list(iter_gdelt_gkg_batches(path, 64 * 1024))
    with pytest.raises(UnreadableFileError, match="not a readable zip file: Bad CRC-32"):
        read_gdelt_gkg(path)
