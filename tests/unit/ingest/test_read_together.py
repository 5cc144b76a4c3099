"""Small header-less files read as one batch give each file what reading it alone gives: its rows and
rejected lines numbered within it, and a key rejected only when it repeats within its own file."""

from __future__ import annotations

from pathlib import Path

import pytest
from polars.testing import assert_frame_equal

from orchestration.ingest import gdelt_events, gdelt_events_v1, gdelt_mentions
from orchestration.ingest.headerless import HeaderlessLayout
from orchestration.ingest.landed import collect_batches

RAW_GDELT = Path(__file__).resolve().parents[3] / "raw" / "gdelt"
EXPORT = RAW_GDELT / "events" / "20250322180000.export.csv"


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def _read_alone_and_together(layout: HeaderlessLayout, texts: list[bytes]) -> list:
    alone = [collect_batches(layout.batches([text])) for text in texts]
    together = layout.read_files(texts)
    assert len(together) == len(texts)
    for by_itself, in_group in zip(alone, together, strict=True):
        assert in_group.rows_read == by_itself.rows_read
        assert_frame_equal(in_group.rows, by_itself.rows)
        assert_frame_equal(in_group.rejects, by_itself.rejects)
    return together


def test_files_with_bad_lines_read_together_keep_their_own_line_numbers_and_reasons() -> None:
    lines = _lines(EXPORT)
    first_id = lines[3].split(b"\t", 1)[0].decode()
    texts = [
        b"".join(lines[:30]),
        b"".join([*lines[:10], lines[3], b"not\tan\tevent\n", *lines[10:20]]),
        b"".join([b"GlobalEventID\tSQLDATE\n", *lines[20:25]]),
        b"".join(lines[25:27]).replace(b"\n", b"\r\n"),
    ]
    first, repeating, headed, crlf = _read_alone_and_together(gdelt_events.LAYOUT, texts)

    assert (first.rows.height, first.rejects.height) == (30, 0)
    assert repeating.rows_read == 22
    assert repeating.rejects["line_number"].to_list() == [11, 12]
    assert repeating.rejects["reason"][0] == f"GlobalEventID {first_id} already stands on line 4"
    assert repeating.rows["line_number"].to_list() == [*range(1, 11), *range(13, 23)]
    assert headed.rejects["line_number"].to_list() == [1]
    assert "header row" in headed.rejects["reason"][0]
    assert crlf.rows["line_number"].to_list() == [1, 2]


def test_a_byte_order_mark_opening_a_file_is_no_part_of_its_first_line() -> None:
    lines = _lines(EXPORT)
    marked = b"\xef\xbb\xbf" + b"".join(lines[:5])
    middle = b"".join([*lines[5:7], b"\xef\xbb\xbf" + lines[7]])
    first, _, last = _read_alone_and_together(gdelt_events.LAYOUT, [marked, b"".join(lines[10:15]), middle])
    assert (first.rows.height, first.rejects.height) == (5, 0)
    assert first.rows["global_event_id"][0] == int(lines[0].split(b"\t", 1)[0])
    assert last.rejects["line_number"].to_list() == [3]  # a mark inside a file is no opening mark


def test_a_key_in_two_files_read_together_is_rejected_in_neither() -> None:
    text = b"".join(_lines(EXPORT)[:40])
    results = _read_alone_and_together(gdelt_events.LAYOUT, [text, text, text])
    assert [(result.rows.height, result.rejects.height) for result in results] == [(40, 0)] * 3


@pytest.mark.parametrize(
    ("layout", "folder"),
    [(gdelt_events.LAYOUT, "events"), (gdelt_mentions.LAYOUT, "mentions"), (gdelt_events_v1.LAYOUT, "v1_events")],
)
def test_every_bundled_file_of_a_gdelt_kind_reads_together_as_alone(layout: HeaderlessLayout, folder: str) -> None:
    texts = [path.read_bytes() for path in sorted((RAW_GDELT / folder).iterdir()) if path.suffix.lower() == ".csv"]
    texts = [text for text in texts if text.endswith(b"\n")]
    results = _read_alone_and_together(layout, texts)
    assert len(results) >= 4
    assert sum(result.rows.height for result in results) > 0
