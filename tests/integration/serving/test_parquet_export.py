"""`make export`: one Parquet file per mart, with the mart's exact rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from orchestration.serving.parquet_export import export_parquet
from orchestration.serving.snapshot import publish_snapshot
from tests.integration.serving.small_warehouse import PUBLISHED_OBJECTS


def _rows(connection: duckdb.DuckDBPyConnection, relation: str) -> list[tuple]:
    return connection.execute(f"select * from {relation} order by all").fetchall()


def test_every_mart_round_trips_through_parquet(small_warehouse: Path, tmp_path: Path) -> None:
    folder = tmp_path / "export"

    paths = export_parquet(small_warehouse, folder)

    assert paths == [folder / "marts" / f"{name}.parquet" for name in PUBLISHED_OBJECTS]
    assert sorted(path.name for path in (folder / "marts").iterdir()) == sorted(path.name for path in paths)
    assert sorted(path.name for path in folder.iterdir()) == ["marts"], "staging is not exported"
    with duckdb.connect(str(small_warehouse), read_only=True) as connection:
        connection.execute("set TimeZone = 'UTC'")
        for name, path in zip(PUBLISHED_OBJECTS, paths, strict=True):
            expected = _rows(connection, f"marts.{name}")
            exported = _rows(connection, f"read_parquet('{path}')")
            assert exported == expected, name
            assert pl.read_parquet(path).height == len(expected), name
            assert [
                column for column, *_ in connection.execute(f"describe select * from read_parquet('{path}')").fetchall()
            ] == [column for column, *_ in connection.execute(f"describe marts.{name}").fetchall()], name


def test_a_snapshot_exports_like_its_warehouse_and_dropped_marts_leave_the_folder(
    small_warehouse: Path, tmp_path: Path
) -> None:
    snapshot = publish_snapshot(small_warehouse, tmp_path / "snapshot.duckdb").snapshot
    folder = tmp_path / "export"
    export_parquet(snapshot, folder)
    with duckdb.connect(str(small_warehouse)) as connection:
        connection.execute("drop view marts.v_contacts_by_kind")
    snapshot = publish_snapshot(small_warehouse, tmp_path / "snapshot.duckdb").snapshot

    paths = export_parquet(snapshot, folder)

    assert sorted(path.name for path in (folder / "marts").iterdir()) == [
        f"{name}.parquet" for name in PUBLISHED_OBJECTS if name != "v_contacts_by_kind"
    ]
    with duckdb.connect(str(snapshot), read_only=True) as connection:
        for path in paths:
            n_rows = connection.execute(f"select count(*) from marts.{path.stem}").fetchone()[0]
            assert connection.execute(f"select count(*) from read_parquet('{path}')").fetchone()[0] == n_rows
