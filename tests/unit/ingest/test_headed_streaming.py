"""Header-driven files (ACLED, POLECAT) read as a stream of whole records, in bounded batches,
with every rejected record given its reason."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import polars as pl
import pytest

from orchestration.ingest import acled
from orchestration.ingest.acled import DERIVED_KEY_NOTE, iter_acled_batches, read_acled
from orchestration.ingest.batches import iter_landed_chunks
from orchestration.ingest.files import open_landed
from orchestration.ingest.landed import UnreadableFileError, collect_batches
from orchestration.ingest.polecat import iter_polecat_batches
from orchestration.ingest.records import record_blocks
from tests.unit.ingest.fixture_files import ACLED

FULL_UPPER = ACLED / "acled_full_upper_iso_dates.csv"
DASHBOARD = ACLED / "irregular" / "acled_dashboard_no_ids.csv"
DAMAGED = ACLED / "irregular" / "acled_missing_id_and_cut_off.csv"


def test_record_blocks_never_cut_a_quoted_field_across_lines() -> None:
    data = b'a,"one\ntwo",b\nc,"three",d\ne,"four\nfive\nsix",f\ng,h,i\n'
    chunks = [data[:8], data[8:20], data[20:33], data[33:]]

    blocks = list(record_blocks(chunks, first_line_number=2))

    assert b"".join(block for block, _ in blocks) == data
    for block, _ in blocks:
        assert block.count(b'"') % 2 == 0
    assert [first for _, first in blocks] == sorted(first for _, first in blocks)
    assert blocks[0][1] == 2


def test_a_quote_never_closed_loses_its_own_line_only() -> None:
    lines = [b"id,note\n", b'1,"fine"\n', b'2,"a stray quote\n'] + [f"{n},plain\n".encode() for n in range(3, 40)]
    data = b"".join(lines)

    blocks = list(record_blocks([data[len(lines[0]) :]], first_line_number=2, max_record_bytes=64))

    assert (b'2,"a stray quote\n', 3) in blocks
    assert b"".join(block for block, _ in blocks) == data[len(lines[0]) :]


def test_small_batches_read_what_one_whole_read_does() -> None:
    whole = read_acled(FULL_UPPER)
    with open_landed(FULL_UPPER) as stream:
        batches = list(acled.LAYOUT.batches(iter_landed_chunks(stream, 256)))

    assert len(batches) > 1
    streamed = collect_batches(batches)
    assert streamed.rows.equals(whole.rows)
    assert streamed.rows_read == whole.rows_read == 5
    assert streamed.rows["line_number"].to_list() == [2, 3, 5, 6, 7]


def test_an_event_repeated_in_a_later_batch_is_still_rejected(tmp_path: Path) -> None:
    header = "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country\n"
    rows = [f"SYR{n},2020-05-09,Battles,Armed clash,A,B,Syria\n" for n in range(1, 200)]
    path = tmp_path / "export.csv"
    path.write_text(header + "".join(rows) + rows[0])

    batches = list(iter_acled_batches(path, batch_bytes=1024))
    result = collect_batches(batches)

    assert len(batches) > 3
    assert (result.rows_read, result.rows.height) == (200, 199)
    assert result.rejects.select("line_number", "reason").rows() == [
        (201, "event_id_cnty SYR1 already stands on line 2")
    ]


def test_a_dashboard_export_without_ids_loads_under_derived_keys() -> None:
    result = read_acled(DASHBOARD)
    rows = result.rows

    assert (result.rows_read, rows.height) == (4, 3)
    assert rows["event_id_cnty"].null_count() == 3
    assert all(key.startswith("derived-") for key in rows["event_key"])
    assert rows["event_key"].n_unique() == 3
    assert rows["country"].to_list() == ["Syria"] * 3
    assert result.notes == {DERIVED_KEY_NOTE: 3}
    (repeat,) = result.rejects.select("line_number", "reason").rows()
    assert (
        repeat[0] == 5
        and repeat[1].startswith("event_id_cnty derived-")
        and repeat[1].endswith("already stands on line 4")
    )
    assert read_acled(DASHBOARD).rows["event_key"].to_list() == rows["event_key"].to_list()


def test_a_damaged_export_loads_its_good_rows_and_says_why_of_each_bad_one() -> None:
    result = read_acled(DAMAGED)
    reasons = dict(result.rejects.select("line_number", "reason").iter_rows())

    assert (result.rows_read, result.rows.height) == (4, 2)
    assert result.rows["event_id_cnty"].to_list() == ["IRQ930001", None]
    assert result.rows["event_key"][0] == "IRQ930001" and result.rows["event_key"][1].startswith("derived-")
    assert result.notes == {DERIVED_KEY_NOTE: 1}
    assert reasons == {
        4: "event_date failed not_nullable (value null)",
        5: "a quoted field is never closed (the record runs on to line 5)",
    }
    assert all(reason.strip() for reason in result.rejects["reason"])


def test_polecat_files_stream_the_same_way(tmp_path: Path) -> None:
    header = "Event ID\tStory Date\tEvent Type\tActor Country\tRecipient Country\n"
    rows = "".join(f"e{n}\t2023-01-0{1 + n % 7}\tCONSULT\tSYR\tIRQ\n" for n in range(500))
    path = tmp_path / "polecat.txt"
    path.write_text(header + rows)

    batches = list(iter_polecat_batches(path, batch_bytes=2048))

    assert len(batches) > 3
    assert sum(batch.rows.height for batch in batches) == 500


def _zip(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_that_holds_more_than_the_limit_is_refused(tmp_path: Path) -> None:
    content = FULL_UPPER.read_bytes()
    path = tmp_path / "export.csv.zip"
    path.write_bytes(_zip("export.csv", content))

    with (
        pytest.raises(UnreadableFileError, match=r"holds .* bytes unzipped, more than the 1,000"),
        open_landed(path, max_unzipped_bytes=1000) as stream,
    ):
        stream.read()
    with open_landed(path, max_unzipped_bytes=len(content)) as stream:
        assert stream.read() == content


def test_a_zip_that_holds_more_than_it_declares_is_read_no_further_and_refused(tmp_path: Path) -> None:
    content = b"line\n" * 10_000
    archive = bytearray(_zip("export.csv", content))
    # Rewrite the declared size (local header and central directory) to a small one.
    declared = len(content).to_bytes(4, "little")
    small = (100).to_bytes(4, "little")
    archive = archive.replace(declared, small)
    path = tmp_path / "lying.csv.zip"
    path.write_bytes(bytes(archive))

    with (
        pytest.raises(UnreadableFileError, match="not a readable zip file: Bad CRC-32"),
        open_landed(path, max_unzipped_bytes=1000) as stream,
    ):
        list(iter_landed_chunks(stream, 4096))


def test_acled_batches_flow_lazily() -> None:
    batches = iter_acled_batches(FULL_UPPER)
    first = next(iter(batches))
    assert isinstance(first.rows, pl.DataFrame) and first.rows.height > 0


def test_an_export_of_a_header_alone_holds_no_event(tmp_path: Path) -> None:
    path = tmp_path / "quiet_week.csv"
    path.write_text("event_id_cnty,event_date,event_type,actor1,country\n")

    result = read_acled(path)

    assert (result.rows_read, result.rows.height, result.rejects.height) == (0, 0, 0)
    assert result.rows.columns == read_acled(FULL_UPPER).rows.columns
