"""The read-only DuckDB snapshot: the marts of one finished build, in a file of their own.

The warehouse file is the builder's: while a build runs it holds DuckDB's write lock, and
between two dbt models it holds half a build. Readers (dashboards, notebooks, BI tools) open
the snapshot instead, a separate file holding the mart schemas of one finished build:

- `publish_snapshot` copies every table and view of the listed schemas into a new file
  beside the snapshot (views become tables, so the snapshot needs nothing else), closes it,
  and renames it over the snapshot. The rename is atomic on POSIX: a reader opens either
  the previous file or the new one, whole. A reader that has the previous file open keeps
  reading it and never holds a lock the next publish needs; its next connection sees the
  new build.
- The snapshot records its own provenance: `meta.snapshot` (one row: when, from which
  warehouse and build) and `meta.snapshot_tables` (one row per published table, with its
  row count, so a reader can check that it sees a complete build).
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration.serving.marts import PublishedTable, mart_objects, mart_schemas, quote_identifier, quote_literal

META_SCHEMA = "meta"
SNAPSHOT_STORAGE_VERSION = "v1.0.0"
"""The DuckDB file format the snapshot is written in: the one every DuckDB since 1.0 reads.
BI tools bring their own DuckDB (duckdb-engine's, the Metabase driver's), often older than
dyadwatch's, and cannot open a file in a newer format."""
_TARGET_ALIAS = "dyadwatch_snapshot_build"

META_DDL = f"""
create schema {_TARGET_ALIAS}.{META_SCHEMA};
create table {_TARGET_ALIAS}.{META_SCHEMA}.snapshot (
    published_at timestamp not null,
    build_id varchar not null,
    source_warehouse varchar not null,
    source_modified_at timestamp not null,
    schemas varchar[] not null
);
create table {_TARGET_ALIAS}.{META_SCHEMA}.snapshot_tables (
    schema_name varchar not null,
    table_name varchar not null,
    source_kind varchar not null,
    n_rows bigint not null
);
"""


@dataclass(frozen=True)
class SnapshotReport:
    """What one publish wrote: the snapshot path, its provenance and one entry per table."""

    snapshot: Path
    source: Path
    build_id: str
    published_at: dt.datetime
    tables: tuple[PublishedTable, ...]
    n_bytes: int


def publish_snapshot(
    warehouse: Path,
    snapshot: Path,
    schemas: Sequence[str] | None = None,
    *,
    build_id: str | None = None,
    storage_version: str = SNAPSHOT_STORAGE_VERSION,
) -> SnapshotReport:
    """Copy `schemas` (default: the dbt project's mart schemas) of `warehouse` into a new file
    and rename it over `snapshot`.

    `build_id` names the build the snapshot comes from (a Dagster run id); a random one
    when not given. The warehouse is opened read-only, so no build may be writing it: run
    this after the build, in the process or job step that ran it. A mart using a type the
    `storage_version` cannot hold fails the publish, and the previous snapshot stays.
    """
    schemas = mart_schemas() if schemas is None else schemas
    if META_SCHEMA in schemas:
        raise ValueError(f"schema {META_SCHEMA!r} is the snapshot's own record and cannot be published")
    if not warehouse.exists():
        raise FileNotFoundError(f"no warehouse at {warehouse}")
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    build_id = build_id or uuid.uuid4().hex
    published_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    source_modified_at = dt.datetime.fromtimestamp(warehouse.stat().st_mtime, dt.UTC).replace(tzinfo=None)
    building = snapshot.with_name(f"{snapshot.name}.tmp-{uuid.uuid4().hex}")
    try:
        tables = _write_snapshot_file(
            warehouse, building, schemas, storage_version, build_id, published_at, source_modified_at
        )
        _fsync(building)
        # A WAL beside the snapshot could only come from someone writing to it; DuckDB would
        # replay it onto the new file at the next open.
        snapshot.with_name(snapshot.name + ".wal").unlink(missing_ok=True)
        os.replace(building, snapshot)
        # The rename itself made durable: a crash cannot bring the previous snapshot back.
        _fsync(snapshot.parent)
    finally:
        building.unlink(missing_ok=True)
        building.with_name(building.name + ".wal").unlink(missing_ok=True)
    return SnapshotReport(
        snapshot=snapshot,
        source=warehouse,
        build_id=build_id,
        published_at=published_at,
        tables=tables,
        n_bytes=snapshot.stat().st_size,
    )


def _write_snapshot_file(
    warehouse: Path,
    target: Path,
    schemas: Sequence[str],
    storage_version: str,
    build_id: str,
    published_at: dt.datetime,
    source_modified_at: dt.datetime,
) -> tuple[PublishedTable, ...]:
    # The warehouse is the connection's own database, not an attached one: dbt's views may
    # name their catalog, which is the warehouse file's stem only when it is opened this way.
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        objects = mart_objects(connection, schemas)
        connection.execute(
            f"attach {quote_literal(str(target))} as {_TARGET_ALIAS} "
            f"(read_write, storage_version {quote_literal(storage_version)})"
        )
        try:
            for schema in schemas:
                connection.execute(f"create schema {_TARGET_ALIAS}.{quote_identifier(schema)}")
            tables = []
            for item in objects:
                connection.execute(f"create table {_TARGET_ALIAS}.{item.qualified} as select * from {item.qualified}")
                n_rows = connection.execute(f"select count(*) from {_TARGET_ALIAS}.{item.qualified}").fetchone()[0]
                tables.append(PublishedTable(item.schema, item.name, item.kind, n_rows))
            connection.execute(META_DDL)
            connection.execute(
                f"insert into {_TARGET_ALIAS}.{META_SCHEMA}.snapshot values (?, ?, ?, ?, ?)",
                [published_at, build_id, str(warehouse), source_modified_at, list(schemas)],
            )
            connection.executemany(
                f"insert into {_TARGET_ALIAS}.{META_SCHEMA}.snapshot_tables values (?, ?, ?, ?)",
                [[table.schema, table.name, table.source_kind, table.n_rows] for table in tables],
            )
            # Everything into the file itself: the rename must not leave a WAL behind.
            connection.execute(f"checkpoint {_TARGET_ALIAS}")
        finally:
            connection.execute(f"detach {_TARGET_ALIAS}")
    return tuple(tables)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
