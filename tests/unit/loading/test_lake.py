"""The lake: each landed file is one Parquet file that DuckDB's raw view reads; a crash at any
point of a load leaves the next opening of the warehouse with the old rows or the new, whole;
files the manifest does not hold as loaded leave the lake."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from orchestration.loading import commits, lake
from orchestration.loading.warehouse import connect
from tests.unit.conftest import audit_and_load

MAY_EXPORT = "20250511180000.export.csv"
MAY_ROWS = 786
MARCH_ROWS = 1087


class _Killed(BaseException):
    """Stands for the process dying: nothing after it runs, no handler for `Exception` catches it."""


def _count(connection: duckdb.DuckDBPyConnection, sql: str) -> int:
    return connection.execute(sql).fetchone()[0]


def _parquet_files(warehouse: Path) -> list[str]:
    lake_folder = warehouse.parent / f"{warehouse.stem}_lake"
    return sorted(str(path.relative_to(lake_folder)) for path in lake_folder.rglob("*") if path.is_file())


def test_each_landed_file_is_one_parquet_file_that_the_raw_view_reads(landing: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    with connect(warehouse) as connection:
        audit_and_load(connection, landing, "load-1")
        files = _parquet_files(warehouse)
        assert len(files) == 3
        assert [name.split("/")[:2] for name in files] == [
            ["articles", "articles"],
            ["gdelt_events", "gdelt_v2"],
            ["gdelt_events", "gdelt_v2"],
        ]
        may = lake.lake_file(lake.lake_root(connection), "raw.gdelt_events", "gdelt_v2", MAY_EXPORT)
        assert pq.read_metadata(may).num_rows == MAY_ROWS
        assert pq.read_metadata(may).row_group(0).column(0).compression == "ZSTD"
        assert _count(connection, f"select count(*) from raw.gdelt_events where source_file = '{MAY_EXPORT}'") == (
            MAY_ROWS
        )
        assert _count(connection, "select count(*) from raw.gdelt_events") == MARCH_ROWS + MAY_ROWS


def test_a_file_that_leaves_the_landing_folder_leaves_the_lake(landing: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    with connect(warehouse) as connection:
        audit_and_load(connection, landing, "load-1")
        shutil.rmtree(landing / "gdelt")
        audit_and_load(connection, landing, "load-2")
        assert [name.split("/")[0] for name in _parquet_files(warehouse)] == ["articles"]
        assert _count(connection, "select count(*) from raw.gdelt_events") == 0
        assert _count(connection, "select count(*) from raw.articles") == 1


def _change_may_export(landing: Path) -> None:
    path = landing / MAY_EXPORT
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:100]), encoding="utf-8")


@pytest.mark.parametrize(
    ("dies_in", "may_rows_after_reopening"),
    [
        ("record_loads", MAY_ROWS),  # before the manifest committed: the old version stands
        ("publish", 100),  # after the commit, before the rename: the new version is put in place
    ],
)
def test_a_load_killed_part_way_leaves_the_old_rows_or_the_new_whole(
    landing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dies_in: str, may_rows_after_reopening: int
) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    with connect(warehouse) as connection:
        audit_and_load(connection, landing, "load-1")
    _change_may_export(landing / "gdelt" / "events")

    def die(*_args, **_kwargs):
        raise _Killed

    target = commits if dies_in == "record_loads" else lake
    monkeypatch.setattr(target, dies_in, die)
    with connect(warehouse) as connection, pytest.raises(_Killed):
        audit_and_load(connection, landing, "load-2")
    monkeypatch.undo()
    assert any(name.endswith(lake.PENDING_SUFFIX) for name in _parquet_files(warehouse)) == (dies_in == "publish")

    with connect(warehouse) as connection:
        assert not any(name.endswith(lake.PENDING_SUFFIX) for name in _parquet_files(warehouse))
        may = f"select count(*) from raw.gdelt_events where source_file = '{MAY_EXPORT}'"
        assert _count(connection, may) == may_rows_after_reopening
        manifest_rows = "select rows_loaded from audit.file_manifest where source_file = ?"
        assert connection.execute(manifest_rows, [MAY_EXPORT]).fetchone()[0] == may_rows_after_reopening
        audit_and_load(connection, landing, "load-3")
        assert _count(connection, may) == 100
        assert _count(connection, "select count(*) from raw.gdelt_events") == MARCH_ROWS + 100


def test_a_parquet_file_no_loaded_file_holds_is_deleted_when_the_warehouse_opens(landing: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    with connect(warehouse) as connection:
        audit_and_load(connection, landing, "load-1")
        root = lake.lake_root(connection)
    stray = lake.lake_file(root, "raw.gdelt_events", "gdelt_v2", "never-landed.export.csv")
    shutil.copy(lake.lake_file(root, "raw.gdelt_events", "gdelt_v2", MAY_EXPORT), stray)

    with connect(warehouse) as connection:
        assert not stray.exists()
        assert _count(connection, "select count(*) from raw.gdelt_events") == MARCH_ROWS + MAY_ROWS


def test_file_keys_stay_apart_when_names_are_made_safe() -> None:
    assert lake.file_key("a/b c.csv") != lake.file_key("a/b_c.csv")
    assert lake.file_key("gdelt/events/2025.export.csv").startswith("gdelt__events__2025.export.csv-")


def test_a_pending_file_of_a_load_that_never_committed_is_deleted_when_the_warehouse_opens(
    landing: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    with connect(warehouse) as connection:
        audit_and_load(connection, landing, "load-1")
        root = lake.lake_root(connection)
    may = lake.lake_file(root, "raw.gdelt_events", "gdelt_v2", MAY_EXPORT)
    march = next(path for path in may.parent.glob("*.parquet") if path != may)
    killed_before_its_commit = lake.pending_file(may, "load-2")
    shutil.copy(march, killed_before_its_commit)

    with connect(warehouse) as connection:
        assert not killed_before_its_commit.exists()
        assert pq.read_metadata(may).num_rows == MAY_ROWS
        assert _count(connection, "select count(*) from raw.gdelt_events") == MARCH_ROWS + MAY_ROWS


def test_a_warehouse_copied_without_its_lake_loads_its_files_again(landing: Path, tmp_path: Path) -> None:
    with connect(tmp_path / "warehouse.duckdb") as connection:
        audit_and_load(connection, landing, "load-1")
    copy = tmp_path / "copy" / "warehouse.duckdb"
    copy.parent.mkdir()
    shutil.copy(tmp_path / "warehouse.duckdb", copy)

    with connect(copy) as connection:
        assert _count(connection, "select count(*) from audit.file_manifest where status = 'loaded'") == 0
        assert _count(connection, "select count(*) from raw.gdelt_events") == 0
        outcomes = audit_and_load(connection, landing, "load-2")["loaded"]
        assert [outcome.status for outcome in outcomes] == ["loaded"] * 3
        assert _count(connection, "select count(*) from raw.gdelt_events") == MARCH_ROWS + MAY_ROWS
