"""The read-only DuckDB snapshot: the marts of one finished build, in a file of their own.

The warehouse file is the builder's: while a build runs it holds DuckDB's write lock, and
between two dbt models it holds half a build. Readers (dashboards, notebooks, BI tools) open
the snapshot instead, a separate file holding the mart schemas of one finished build:

- `publish_snapshot` copies every table and view of the listed schemas into a new file
  beside the snapshot (views become tables, so the snapshot needs nothing else), closes it,
  and renames it over the snapshot. After an increment only the marts the build changed are
  copied: the new file starts as a copy of the previous snapshot. The rename is atomic on POSIX: a reader opens either
  the previous file or the new one, whole. A reader that has the previous file open keeps
  reading it and never holds a lock the next publish needs; its next connection sees the
  new build.
- The snapshot records its own provenance: `meta.snapshot` (one row: when, from which
  warehouse and build) and `meta.snapshot_tables` (one row per published table, with its
  row count and the build that made it, so a reader can check that it sees a complete build).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration.serving.marts import (
    MartObject,
    PublishedTable,
    mart_objects,
    mart_schemas,
    quote_identifier,
    quote_literal,
)

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
    n_rows bigint not null,
    built_by varchar not null
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
    refresh: Collection[str] | None = None,
) -> SnapshotReport:
    """Copy `schemas` (default: the dbt project's mart schemas) of `warehouse` into a new file
    and rename it over `snapshot`.

    `refresh` names the tables (`schema.table`) the build changed: the others are taken from the
    previous snapshot as they are (its file is copied first, then the changed tables replaced),
    and keep the build that made them in `meta.snapshot_tables.built_by`. Without `refresh`, or
    without a previous snapshot that records its tables, every table is copied from `warehouse`.

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
        built_by = _built_by(snapshot, schemas) if refresh is not None else {}
        kept = {name: build for name, build in built_by.items() if name not in set(refresh or ())}
        if kept:
            shutil.copyfile(snapshot, building)
        tables = _write_snapshot_file(
            warehouse, building, schemas, storage_version, Provenance(build_id, published_at, source_modified_at), kept
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


@dataclass(frozen=True)
class Provenance:
    build_id: str
    published_at: dt.datetime
    source_modified_at: dt.datetime


def last_published_at(snapshot: Path) -> dt.datetime | None:
    """When the snapshot at `snapshot` was published (UTC), or None when there is none to read."""
    try:
        with duckdb.connect(str(snapshot), read_only=True) as previous:
            return previous.execute(f"select published_at from {META_SCHEMA}.snapshot").fetchone()[0]
    except (duckdb.Error, TypeError):
        return None


def recorded_builds(connection: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], str]:
    """(schema, table) → the build that made it, as the snapshot open in `connection` records it;
    nothing when it records none (another source, or a snapshot older than the record)."""
    try:
        rows = connection.execute(
            f"select schema_name, table_name, built_by from {META_SCHEMA}.snapshot_tables"
        ).fetchall()
    except duckdb.Error:
        return {}
    return {(schema, table): build for schema, table, build in rows}


def _built_by(snapshot: Path, schemas: Sequence[str]) -> dict[str, str]:
    """`schema.table` → the build that made it, for the tables of the previous snapshot of the same
    schemas; nothing when there is none, or it does not say."""
    try:
        with duckdb.connect(str(snapshot), read_only=True) as previous:
            if previous.execute(f"select schemas from {META_SCHEMA}.snapshot").fetchone()[0] != list(schemas):
                return {}
            return {f"{schema}.{table}": build for (schema, table), build in recorded_builds(previous).items()}
    except (duckdb.Error, TypeError):
        return {}


def _write_snapshot_file(
    warehouse: Path,
    target: Path,
    schemas: Sequence[str],
    storage_version: str,
    provenance: Provenance,
    kept: Mapping[str, str],
) -> tuple[PublishedTable, ...]:
    """Write `target`: a new file, or the previous snapshot's copy whose `kept` tables stay as they are."""
    # The warehouse is the connection's own database, not an attached one: dbt's views may
    # name their catalog, which is the warehouse file's stem only when it is opened this way.
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        objects = mart_objects(connection, schemas)
        connection.execute(
            f"attach {quote_literal(str(target))} as {_TARGET_ALIAS} "
            f"(read_write, storage_version {quote_literal(storage_version)})"
        )
        try:
            _clear_all_but(connection, schemas, {_name(item) for item in objects} & set(kept))
            tables, built_by = [], []
            for item in objects:
                if _name(item) not in kept:
                    connection.execute(
                        f"create table {_TARGET_ALIAS}.{item.qualified} as select * from {item.qualified}"
                    )
                n_rows = connection.execute(f"select count(*) from {_TARGET_ALIAS}.{item.qualified}").fetchone()[0]
                tables.append(PublishedTable(item.schema, item.name, item.kind, n_rows))
                built_by.append(kept.get(_name(item), provenance.build_id))
            connection.execute(META_DDL)
            connection.execute(
                f"insert into {_TARGET_ALIAS}.{META_SCHEMA}.snapshot values (?, ?, ?, ?, ?)",
                [
                    provenance.published_at,
                    provenance.build_id,
                    str(warehouse),
                    provenance.source_modified_at,
                    list(schemas),
                ],
            )
            connection.executemany(
                f"insert into {_TARGET_ALIAS}.{META_SCHEMA}.snapshot_tables values (?, ?, ?, ?, ?)",
                [
                    [table.schema, table.name, table.source_kind, table.n_rows, build]
                    for table, build in zip(tables, built_by, strict=True)
                ],
            )
            # Everything into the file itself: the rename must not leave a WAL behind.
            connection.execute(f"checkpoint {_TARGET_ALIAS}")
        finally:
            connection.execute(f"detach {_TARGET_ALIAS}")
    return tuple(tables)


def _name(item: MartObject) -> str:
    return f"{item.schema}.{item.name}"


def _clear_all_but(connection: duckdb.DuckDBPyConnection, schemas: Sequence[str], kept: set[str]) -> None:
    """Empty the attached target of everything but the `kept` tables, its record of itself included."""
    present = connection.execute(
        "select schema_name, table_name from duckdb_tables() where database_name = ?", [_TARGET_ALIAS]
    ).fetchall()
    for schema, table in present:
        if f"{schema}.{table}" not in kept:
            connection.execute(f"drop table {_TARGET_ALIAS}.{quote_identifier(schema)}.{quote_identifier(table)}")
    connection.execute(f"drop schema if exists {_TARGET_ALIAS}.{META_SCHEMA} cascade")
    for schema in schemas:
        connection.execute(f"create schema if not exists {_TARGET_ALIAS}.{quote_identifier(schema)}")


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
