"""Every raw row carries the source system the landing registry gave its file, and a warehouse
built before rows carried it has the table created again and its files loaded again."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from orchestration.ingest import gdelt_events
from orchestration.landing.inventory import take_inventory
from orchestration.landing.sources import landing_source
from orchestration.loading.loader import load_landed
from orchestration.loading.warehouse import connect

RAW_EVENTS = Path(__file__).resolve().parents[3] / "raw" / "gdelt" / "events"
ENGLISH = "20200318104500.export.CSV"
TRANSLINGUAL = "20200318103000.translation.export.CSV"
GDELT_EVENTS = landing_source("gdelt_events")


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    root = tmp_path / "landing"
    events = root.joinpath(*GDELT_EVENTS.folder)
    events.mkdir(parents=True)
    for name in (ENGLISH, TRANSLINGUAL):
        shutil.copy(RAW_EVENTS / name, events / name)
    return root


def _load(connection: duckdb.DuckDBPyConnection, landing: Path, load_id: str) -> list[str]:
    files = take_inventory(landing).files_of(GDELT_EVENTS)
    return [outcome.status for outcome in load_landed(connection, GDELT_EVENTS, files, load_id)]


def _rows_by_system(connection: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], int]:
    rows = connection.execute(
        "select source_system, source_file, count(*) from raw.gdelt_events group by all"
    ).fetchall()
    return {(system, source_file): count for system, source_file, count in rows}


def _manifest(connection: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], int]:
    rows = connection.execute("select source_system, source_file, rows_loaded from audit.file_manifest").fetchall()
    return {(system, source_file): count for system, source_file, count in rows}


def test_each_row_carries_the_source_system_of_its_file(landing: Path, tmp_path: Path) -> None:
    with connect(tmp_path / "warehouse.duckdb") as connection:
        assert _load(connection, landing, "load-1") == ["loaded", "loaded"]

        rows = _rows_by_system(connection)
        assert rows == _manifest(connection)
        assert set(rows) == {
            (gdelt_events.SOURCE_SYSTEM, ENGLISH),
            (gdelt_events.TRANSLINGUAL_SOURCE_SYSTEM, TRANSLINGUAL),
        }


def test_a_table_built_before_rows_carried_their_source_system_loads_again(landing: Path, tmp_path: Path) -> None:
    """A warehouse of an earlier version: its raw table inside DuckDB, without `source_system`."""
    warehouse = tmp_path / "warehouse.duckdb"
    with connect(warehouse) as connection:
        _load(connection, landing, "load-1")
        loaded = _manifest(connection)
        connection.execute("create table old_rows as select * exclude (source_system) from raw.gdelt_events")
        connection.execute("drop view raw.gdelt_events")
        connection.execute("create table raw.gdelt_events as select * from old_rows")

    with connect(warehouse) as connection:
        columns = [row[0] for row in connection.execute("describe raw.gdelt_events").fetchall()]
        assert columns[:2] == ["source_system", "source_file"]
        assert connection.execute("select count(*) from raw.gdelt_events").fetchone()[0] == 0
        assert _manifest(connection) == {}

        assert _load(connection, landing, "load-2") == ["loaded", "loaded"]
        assert _rows_by_system(connection) == _manifest(connection) == loaded
