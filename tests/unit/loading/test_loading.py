"""Loading is repeatable: unchanged files are skipped, changed files replace their own rows,
copies and unreadable files are quarantined whole, and every line is accounted for."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from pathlib import Path

import duckdb
import pytest

from orchestration.ingest.gdelt_events import iter_gdelt_event_batches
from orchestration.landing.inventory import LandedFile
from orchestration.loading.loader import load_source
from orchestration.loading.warehouse import connect

RAW_EVENTS = Path(__file__).resolve().parents[3] / "raw" / "gdelt" / "events"
PATTERNS = ("*.export.CSV", "*.export.csv", "*.zip")


def landed_files(folder: Path, patterns: tuple[str, ...]) -> list[LandedFile]:
    return [
        LandedFile.at(path, folder) for path in sorted({path for pattern in patterns for path in folder.glob(pattern)})
    ]


def _load(
    connection: duckdb.DuckDBPyConnection,
    folder: Path,
    load_id: str,
    read_batches=iter_gdelt_event_batches,
    patterns: tuple[str, ...] = PATTERNS,
):
    return load_source(
        connection,
        table="raw.gdelt_events",
        source_system="gdelt_v2",
        files=landed_files(folder, patterns),
        read_batches=read_batches,
        load_id=load_id,
    )


def _count(connection: duckdb.DuckDBPyConnection, sql: str) -> int:
    return connection.execute(sql).fetchone()[0]


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    folder = tmp_path / "events"
    folder.mkdir()
    for name in ("20250322180000.export.csv", "20250511180000.export.csv"):
        shutil.copy(RAW_EVENTS / name, folder / name)
    return folder


def test_second_load_of_the_same_files_changes_nothing(landing: Path, connection) -> None:
    first = _load(connection, landing, "load-1")
    second = _load(connection, landing, "load-2")

    assert [outcome.status for outcome in first] == ["loaded", "loaded"]
    assert [outcome.rows_loaded for outcome in first] == [1087, 786]
    assert [outcome.status for outcome in second] == ["unchanged", "unchanged"]
    assert _count(connection, "select count(*) from raw.gdelt_events") == 1087 + 786
    assert _count(connection, "select count(*) from audit.file_loads") == 2


def test_a_changed_file_replaces_only_its_own_rows(landing: Path, connection) -> None:
    _load(connection, landing, "load-1")
    changed = landing / "20250511180000.export.csv"
    lines = changed.read_text(encoding="utf-8").splitlines(keepends=True)
    changed.write_text("".join(lines[:100]) + "not a GDELT line\n", encoding="utf-8")

    outcomes = {outcome.source_file: outcome for outcome in _load(connection, landing, "load-2")}

    assert outcomes["20250511180000.export.csv"].status == "loaded"
    assert (outcomes["20250511180000.export.csv"].rows_read, outcomes["20250511180000.export.csv"].rows_loaded) == (
        101,
        100,
    )
    assert outcomes["20250322180000.export.csv"].status == "unchanged"
    assert (
        _count(connection, "select count(*) from raw.gdelt_events where source_file = '20250511180000.export.csv'")
        == 100
    )
    assert _count(connection, "select count(*) from raw.gdelt_events") == 1087 + 100
    assert connection.execute(
        "select line_number, reason from audit.quarantine where source_file = '20250511180000.export.csv'"
    ).fetchall() == [(101, "expected 61 fields, found 1")]


def test_the_same_bytes_under_another_name_are_recorded_as_a_duplicate(landing: Path, connection) -> None:
    _load(connection, landing, "load-1")
    shutil.copy(landing / "20250322180000.export.csv", landing / "20250322181500.export.csv")

    outcomes = {outcome.source_file: outcome for outcome in _load(connection, landing, "load-2")}

    assert outcomes["20250322181500.export.csv"].status == "duplicate"
    assert _count(connection, "select count(*) from raw.gdelt_events") == 1087 + 786
    assert connection.execute(
        "select line_number, reason from audit.quarantine where source_file = '20250322181500.export.csv'"
    ).fetchall() == [(None, "same bytes as 20250322180000.export.csv")]
    assert [o.status for o in _load(connection, landing, "load-3")] == ["unchanged"] * 3


def test_a_file_of_a_loaded_file_s_size_but_other_bytes_loads_and_is_hashed_only_then(
    landing: Path, connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    _load(connection, landing, "load-1")
    original = (landing / "20250322180000.export.csv").read_bytes()
    same_size = original.replace(b"\t20250322180000\t", b"\t20250322181500\t")
    assert len(same_size) == len(original) and same_size != original
    (landing / "20250322181500.export.csv").write_bytes(same_size)
    other_size = b"".join(original.splitlines(keepends=True)[:10])
    (landing / "20250322183000.export.csv").write_bytes(other_size)
    hashed_on_the_loading_thread: list[str] = []
    content_hash = LandedFile.content_hash.func

    def recorded_hash(landed: LandedFile) -> str:
        if threading.current_thread() is threading.main_thread():
            hashed_on_the_loading_thread.append(landed.source_file)
        return content_hash(landed)

    monkeypatch.setattr(LandedFile, "content_hash", functools.cached_property(recorded_hash))
    monkeypatch.setattr(LandedFile.content_hash, "attrname", "content_hash")

    outcomes = {outcome.source_file: outcome.status for outcome in _load(connection, landing, "load-2")}

    assert outcomes["20250322181500.export.csv"] == "loaded"
    assert outcomes["20250322183000.export.csv"] == "loaded"
    assert hashed_on_the_loading_thread == ["20250322181500.export.csv"]  # its size is a loaded file's
    assert _count(connection, "select count(distinct source_file) from raw.gdelt_events") == 4


def test_an_unreadable_file_is_quarantined_and_the_others_load(landing: Path, connection) -> None:
    (landing / "20250322183000.export.CSV.zip").write_bytes(b"PK\x03\x04 truncated")

    outcomes = {outcome.source_file: outcome for outcome in _load(connection, landing, "load-1")}

    assert outcomes["20250322183000.export.CSV.zip"].status == "rejected"
    assert outcomes["20250322180000.export.csv"].status == "loaded"
    assert _count(connection, "select count(*) from raw.gdelt_events") == 1087 + 786
    reason = connection.execute(
        "select reason from audit.quarantine where source_file = '20250322183000.export.CSV.zip'"
    ).fetchone()[0]
    assert reason.startswith("not a readable zip file")


def test_every_load_balances(landing: Path, connection) -> None:
    lines = (landing / "20250511180000.export.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (landing / "20250511180000.export.csv").write_text(
        "".join(lines[:10]) + "\n" + "x\ty\n" + "".join(lines[10:20]), encoding="utf-8"
    )

    _load(connection, landing, "load-1")

    unbalanced = connection.execute(
        "select source_file from audit.file_loads where rows_read <> rows_loaded + rows_quarantined"
    ).fetchall()
    assert unbalanced == []
    assert connection.execute(
        "select rows_read, rows_loaded, rows_quarantined from audit.file_loads where source_file = '20250511180000.export.csv'"
    ).fetchone() == (22, 20, 2)


def test_a_load_gives_duckdb_its_settings_back_even_when_it_fails(landing: Path, connection) -> None:
    def settings() -> tuple:
        return connection.execute(
            "select current_setting('threads'), current_setting('memory_limit'), current_setting('preserve_insertion_order')"
        ).fetchone()

    before = settings()
    _load(connection, landing, "load-1")
    assert settings() == before

    def exhausting_reader(path: Path):
        raise MemoryError(f"no memory left to read {path.name}")
        yield

    (landing / "20250322180000.export.csv").write_bytes(b"changed bytes")
    with pytest.raises(MemoryError, match="no memory left"):
        _load(connection, landing, "load-2", exhausting_reader)
    assert settings() == before
    assert _count(connection, "select count(*) from raw.gdelt_events") == 1087 + 786


def test_a_file_its_reader_fails_on_is_quarantined_with_the_error_and_the_others_load(
    landing: Path, connection
) -> None:
    _load(connection, landing, "load-1")

    def failing_reader(path: Path):
        if path.name.startswith("20250322"):
            raise KeyError(f"no field for {path.name}")
        yield from iter_gdelt_event_batches(path)

    changed = landing / "20250322180000.export.csv"
    changed.write_bytes(changed.read_bytes() + changed.read_bytes()[:200])
    (landing / "20250511181500.export.csv").write_bytes((landing / "20250511180000.export.csv").read_bytes()[:3000])
    outcomes = {outcome.source_file: outcome for outcome in _load(connection, landing, "load-2", failing_reader)}

    assert outcomes["20250322180000.export.csv"].status == "rejected"
    assert outcomes["20250511181500.export.csv"].status == "loaded"
    assert connection.execute(
        "select reason from audit.quarantine where source_file = '20250322180000.export.csv'"
    ).fetchall() == [("the reader failed: KeyError: 'no field for 20250322180000.export.csv'",)]
    # The rejected file's earlier rows are gone: the warehouse holds what the landing folder holds.
    assert (
        _count(connection, "select count(*) from raw.gdelt_events where source_file = '20250322180000.export.csv'") == 0
    )
    assert (
        _count(connection, "select count(*) from raw.gdelt_events where source_file = '20250511181500.export.csv'") > 0
    )


def test_a_file_the_system_cannot_read_is_tried_again_at_the_next_load(landing: Path, connection) -> None:
    attempts: list[str] = []

    def flaky_reader(path: Path):
        attempts.append(path.name)
        if len(attempts) == 1:
            raise PermissionError(13, "Permission denied", str(path))
        yield from iter_gdelt_event_batches(path)

    def load(load_id: str):
        return _load(connection, landing, load_id, flaky_reader, patterns=("20250511180000.export.csv",))

    assert [outcome.status for outcome in load("load-1")] == ["unreadable"]
    assert [outcome.status for outcome in load("load-2")] == ["loaded"]
    assert _count(connection, "select count(*) from raw.gdelt_events") == 786
    assert _count(connection, "select count(*) from audit.quarantine") == 0


def test_a_file_the_manifest_knows_by_size_and_time_is_not_read_again(landing: Path, connection, monkeypatch) -> None:
    from orchestration.landing import inventory

    _load(connection, landing, "load-1")
    hashed: list[str] = []
    real_blake3 = inventory.blake3.blake3

    def counting_blake3(*arguments):
        hashed.append("file")
        return real_blake3(*arguments)

    monkeypatch.setattr(inventory.blake3, "blake3", counting_blake3)

    assert [outcome.status for outcome in _load(connection, landing, "load-2")] == ["unchanged", "unchanged"]
    assert hashed == []

    touched = landing / "20250511180000.export.csv"
    later = touched.stat().st_mtime_ns + 1_000_000_000
    os.utime(touched, ns=(later, later))
    assert [outcome.status for outcome in _load(connection, landing, "load-3")] == ["unchanged", "unchanged"]
    assert hashed == ["file"]
    assert [outcome.status for outcome in _load(connection, landing, "load-4")] == ["unchanged", "unchanged"]
    assert hashed == ["file"]
    assert _count(connection, "select count(*) from audit.file_loads") == 2


def test_a_warehouse_another_process_holds_is_waited_for_then_named(tmp_path: Path) -> None:
    import subprocess
    import sys

    from orchestration.loading.warehouse import WarehouseLockedError

    path = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys, time; c = duckdb.connect({str(path)!r}); print('open', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(WarehouseLockedError, match=f"stayed locked for 1 s: held by .*, process {holder.pid}"):
            connect(path, wait_seconds=1.0)
    finally:
        holder.kill()
        holder.wait()
    connect(path, wait_seconds=1.0).close()


def test_two_new_files_of_the_same_bytes_read_side_by_side_load_once(landing: Path, connection) -> None:
    shutil.copy(landing / "20250322180000.export.csv", landing / "20250322181500.export.csv")

    outcomes = {outcome.source_file: outcome.status for outcome in _load(connection, landing, "load-1")}

    assert outcomes == {
        "20250322180000.export.csv": "loaded",
        "20250322181500.export.csv": "duplicate",
        "20250511180000.export.csv": "loaded",
    }
    assert _count(connection, "select count(*) from raw.gdelt_events") == 1087 + 786


def test_a_copy_whose_original_changes_in_the_same_load_loads_as_a_file_of_its_own(landing: Path, connection) -> None:
    _load(connection, landing, "load-1")
    original = landing / "20250322180000.export.csv"
    shutil.copy(original, landing / "20250322181500.export.csv")
    lines = original.read_text(encoding="utf-8").splitlines(keepends=True)
    original.write_text("".join(lines[:100]), encoding="utf-8")

    outcomes = {outcome.source_file: outcome.status for outcome in _load(connection, landing, "load-2")}

    assert outcomes == {
        "20250322180000.export.csv": "loaded",
        "20250322181500.export.csv": "loaded",
        "20250511180000.export.csv": "unchanged",
    }
    assert _count(connection, "select count(*) from raw.gdelt_events") == 100 + 1087 + 786
