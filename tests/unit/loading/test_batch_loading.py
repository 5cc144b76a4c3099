"""Loading batch by batch keeps the loader's contract: the same rows and audit records as
one whole batch, and a file found unreadable part-way leaves nothing of itself."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import blake3
import duckdb
import pytest

from orchestration.ingest.gdelt_events import SOURCE_SYSTEM, iter_gdelt_event_batches
from orchestration.landing.inventory import LandedFile
from orchestration.loading.loader import load_source
from orchestration.loading.read_ahead import read_ahead
from orchestration.loading.replace_by_file import load_file
from orchestration.loading.warehouse import connect

RAW_EVENTS = Path(__file__).resolve().parents[3] / "raw" / "gdelt" / "events"
EXPORT = "20250322180000.export.csv"


def _table(connection: duckdb.DuckDBPyConnection) -> list[tuple]:
    return connection.execute("select * exclude (loaded_at) from raw.gdelt_events order by line_number").fetchall()


def test_a_file_is_hashed_in_blocks_to_its_whole_blake3(monkeypatch: pytest.MonkeyPatch) -> None:
    from orchestration.landing import inventory

    path = RAW_EVENTS / EXPORT
    monkeypatch.setattr(inventory, "HASH_BLOCK_BYTES", 4096)
    landed = LandedFile.at(path, RAW_EVENTS)
    assert landed.content_hash == blake3.blake3(path.read_bytes()).hexdigest()
    assert landed.n_bytes == path.stat().st_size == 438_848


def test_batches_load_what_a_whole_file_load_does(tmp_path: Path, connection) -> None:
    landed = LandedFile.at(RAW_EVENTS / EXPORT, RAW_EVENTS)
    whole = connect(tmp_path / "whole.duckdb")
    load_source(
        whole,
        table="raw.gdelt_events",
        source_system=SOURCE_SYSTEM,
        files=[landed],
        read_batches=iter_gdelt_event_batches,
        load_id="whole",
    )

    outcome = load_file(
        connection,
        table="raw.gdelt_events",
        source_system=SOURCE_SYSTEM,
        landed=landed,
        batches=read_ahead(iter_gdelt_event_batches(landed.path, 16 * 1024)),
        load_id="batches",
    )

    counts = (outcome.rows_read, outcome.rows_loaded, outcome.rows_quarantined)
    assert (outcome.status, counts) == ("loaded", (1087, 1087, 0))
    assert _table(connection) == _table(whole)
    loads = connection.execute("select rows_read, rows_loaded, status from audit.file_loads").fetchall()
    assert loads == [(1087, 1087, "loaded")]
    assert connection.execute("select status, rows_loaded from audit.file_manifest").fetchall() == [("loaded", 1087)]
    whole.close()


def test_a_file_found_unreadable_part_way_leaves_no_rows(tmp_path: Path, connection) -> None:
    landing = tmp_path / "landing"
    landing.mkdir()
    shutil.copy(RAW_EVENTS / "20250511180000.export.csv", landing / "20250511180000.export.csv")
    good = LandedFile.at(landing / "20250511180000.export.csv", landing)
    load_file(
        connection,
        table="raw.gdelt_events",
        source_system=SOURCE_SYSTEM,
        landed=good,
        batches=iter_gdelt_event_batches(good.path),
        load_id="good",
    )
    archive = landing / f"{EXPORT}.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as zipped:
        zipped.write(RAW_EVENTS / EXPORT, EXPORT)
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    archive.write_bytes(bytes(data))
    corrupt = LandedFile.at(archive, landing)
    batches_inserted = []

    def counted(batches):
        for batch in batches:
            batches_inserted.append(batch.rows_read)
            yield batch

    outcome = load_file(
        connection,
        table="raw.gdelt_events",
        source_system=SOURCE_SYSTEM,
        landed=corrupt,
        batches=counted(read_ahead(iter_gdelt_event_batches(archive, 16 * 1024))),
        load_id="corrupt",
    )

    assert len(batches_inserted) > 3
    assert outcome.status == "rejected"
    assert outcome.detail.startswith("not a readable zip file: Bad CRC-32")
    assert connection.execute("select source_file, count(*) from raw.gdelt_events group by all").fetchall() == [
        ("20250511180000.export.csv", 786)
    ]
    assert connection.execute("select source_file, line_number, reason from audit.quarantine").fetchall() == [
        (f"{EXPORT}.zip", None, outcome.detail)
    ]
