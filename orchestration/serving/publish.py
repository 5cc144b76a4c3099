"""Publish the marts for readers: a read-only DuckDB snapshot, and Parquet files.

The warehouse file is the builder's: while a build runs it holds DuckDB's write lock, and
between two dbt models it holds half a build. Readers (dashboards, notebooks, BI tools) open
the snapshot instead, a separate file holding the listed schemas of one finished build:

- `publish_snapshot` copies every table and view of the listed schemas into a new file
  beside the snapshot (views become tables, so the snapshot needs nothing else), closes it,
  and renames it over the snapshot. The rename is atomic on POSIX: a reader opens either
  the previous file or the new one, whole. A reader that has the previous file open keeps
  reading it and never holds a lock the next publish needs; its next connection sees the
  new build.
- The snapshot records its own provenance: `meta.snapshot` (one row: when, from which
  warehouse and build) and `meta.snapshot_tables` (one row per published table, with its
  row count, so a reader can check that it sees a complete build).
- `export_parquet` writes one Parquet file per mart, `<folder>/<schema>/<name>.parquet`,
  each written under a temporary name and renamed into place.

`python -m orchestration.serving.publish snapshot` publishes the snapshot;
`python -m orchestration.serving.publish export [FOLDER]` writes the Parquet files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration import settings

DEFAULT_SCHEMAS = ("marts",)
META_SCHEMA = "meta"
SNAPSHOT_STORAGE_VERSION = "v1.0.0"
"""The DuckDB file format the snapshot is written in: the one every DuckDB since 1.0 reads.
BI tools bring their own DuckDB (duckdb-engine's, the Metabase driver's), often older than
dyadwatch's, and cannot open a file in a newer format."""
_TARGET_ALIAS = "dyadwatch_snapshot_build"
_HUGE_INTEGER = re.compile(r"\bU?HUGEINT\b")

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
class MartObject:
    """A table or view of a published schema; `kind` is 'table' or 'view' in the source."""

    schema: str
    name: str
    kind: str

    @property
    def qualified(self) -> str:
        return f"{quote_identifier(self.schema)}.{quote_identifier(self.name)}"


@dataclass(frozen=True)
class PublishedTable:
    schema: str
    name: str
    source_kind: str
    n_rows: int


@dataclass(frozen=True)
class SnapshotReport:
    """What one publish wrote: the snapshot path, its provenance and one entry per table."""

    snapshot: Path
    source: Path
    build_id: str
    published_at: dt.datetime
    tables: tuple[PublishedTable, ...]
    n_bytes: int


class MissingSchemaError(LookupError):
    """A schema asked for is not in the source database: publishing would drop it from the readers' view."""


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def mart_objects(connection: duckdb.DuckDBPyConnection, schemas: Sequence[str]) -> list[MartObject]:
    """Every table and view of `schemas` in the connection's own database, in schema then name order."""
    present = {
        row[0]
        for row in connection.execute(
            "select schema_name from information_schema.schemata where catalog_name = current_database()"
        ).fetchall()
    }
    missing = [schema for schema in schemas if schema not in present]
    if missing:
        database = connection.execute("select current_database()").fetchone()[0]
        raise MissingSchemaError(f"no schema {', '.join(missing)} in {database}")
    rows = connection.execute(
        """
        select table_schema, table_name, case table_type when 'VIEW' then 'view' else 'table' end
        from information_schema.tables
        where table_catalog = current_database() and list_contains(?, table_schema)
        order by table_schema, table_name
        """,
        [list(schemas)],
    ).fetchall()
    order = {schema: position for position, schema in enumerate(schemas)}
    return sorted((MartObject(*row) for row in rows), key=lambda item: (order[item.schema], item.name))


def publish_snapshot(
    warehouse: Path,
    snapshot: Path,
    schemas: Sequence[str] = DEFAULT_SCHEMAS,
    *,
    build_id: str | None = None,
    storage_version: str = SNAPSHOT_STORAGE_VERSION,
) -> SnapshotReport:
    """Copy `schemas` of `warehouse` into a new file and rename it over `snapshot`.

    `build_id` names the build the snapshot comes from (a Dagster run id); a random one
    when not given. The warehouse is opened read-only, so no build may be writing it: run
    this after the build, in the process or job step that ran it. A mart using a type the
    `storage_version` cannot hold fails the publish, and the previous snapshot stays.
    """
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
            f"attach {_quote_literal(str(target))} as {_TARGET_ALIAS} "
            f"(read_write, storage_version {_quote_literal(storage_version)})"
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


def serving_source(snapshot: Path, warehouse: Path) -> Path:
    """The database readers should be served from: the snapshot, the last build that finished,
    when there is one; the warehouse otherwise."""
    if snapshot.exists():
        return snapshot
    if warehouse.exists():
        return warehouse
    raise FileNotFoundError(f"neither a snapshot at {snapshot} nor a warehouse at {warehouse}: run `make run` first")


def export_parquet(
    warehouse_or_snapshot: Path, folder: Path, schemas: Sequence[str] = DEFAULT_SCHEMAS
) -> list[Path]:
    """One Parquet file per table and view of `schemas`: `<folder>/<schema>/<name>.parquet`.

    Each schema's folder mirrors the schema: a Parquet file there whose table is gone is
    removed, so tools reading the folder never see a mart that no longer exists.
    """
    written: list[Path] = []
    with duckdb.connect(str(warehouse_or_snapshot), read_only=True) as connection:
        objects = mart_objects(connection, schemas)
        for item in objects:
            target = folder / item.schema / f"{item.name}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            # A dot-name: readers globbing `*.parquet` never pick up a file being written.
            partial = target.with_name(f".{target.name}.tmp-{uuid.uuid4().hex}")
            try:
                rows = f"select {_parquet_columns(connection, item)} from {item.qualified}"
                connection.execute(f"copy ({rows}) to {_quote_literal(str(partial))} (format parquet, compression zstd)")
                os.replace(partial, target)
            finally:
                partial.unlink(missing_ok=True)
            written.append(target)
    for schema in schemas:
        for stale in sorted(set((folder / schema).glob("*.parquet")) - set(written)):
            stale.unlink()
    return written


def _parquet_columns(connection: duckdb.DuckDBPyConnection, item: MartObject) -> str:
    """The select list that writes `item` exactly: Parquet has no 128-bit integer and DuckDB
    would write HUGEINT (what `sum` of BIGINTs returns) as a lossy DOUBLE, so it is written as
    DECIMAL(38,0), and a value too large for that fails the export instead of losing digits."""
    columns = connection.execute(
        """
        select column_name, data_type from duckdb_columns()
        where database_name = current_database() and schema_name = ? and table_name = ?
        order by column_index
        """,
        [item.schema, item.name],
    ).fetchall()
    return ", ".join(
        f"{quote_identifier(name)}::{_HUGE_INTEGER.sub('DECIMAL(38,0)', data_type)} as {quote_identifier(name)}"
        if _HUGE_INTEGER.search(data_type)
        else quote_identifier(name)
        for name, data_type in columns
    )


def read_snapshot_meta(snapshot: Path) -> dict[str, object]:
    """The snapshot's `meta.snapshot` row, as a dict."""
    with duckdb.connect(str(snapshot), read_only=True) as connection:
        cursor = connection.execute(f"select * from {META_SCHEMA}.snapshot")
        names = [column[0] for column in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))


def _describe(report: SnapshotReport) -> str:
    width = max((len(f"{table.schema}.{table.name}") for table in report.tables), default=10)
    lines = [f"Snapshot {report.snapshot} ({report.n_bytes:,} bytes) from {report.source}, build {report.build_id}", ""]
    lines += [
        f"  {f'{table.schema}.{table.name}':<{width}}  {table.source_kind:<5}  {table.n_rows:>10,} rows"
        for table in report.tables
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orchestration.serving.publish", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    snapshot_command = commands.add_parser("snapshot", help="publish the marts of the warehouse as the read-only snapshot")
    snapshot_command.add_argument("--build-id", default=None, help="the build the snapshot comes from (default: random)")
    export_command = commands.add_parser("export", help="write one Parquet file per mart")
    export_command.add_argument("folder", nargs="?", type=Path, default=None, help="default: DYADWATCH_EXPORT_DIR, else <warehouse>_export/ beside the warehouse")
    export_command.add_argument(
        "--source", type=Path, default=None, help="a DuckDB file (default: the snapshot if there is one, else the warehouse)"
    )
    arguments = parser.parse_args(argv)
    try:
        if arguments.command == "snapshot":
            report = publish_snapshot(
                settings.warehouse_path(), settings.snapshot_path(), build_id=arguments.build_id
            )
            print(_describe(report))
            return 0
        source = arguments.source or serving_source(settings.snapshot_path(), settings.warehouse_path())
        folder = (arguments.folder or settings.export_dir()).resolve()
        paths = export_parquet(source, folder)
    except (FileNotFoundError, MissingSchemaError, duckdb.IOException) as error:
        # A lock error here means a build is writing the warehouse: the snapshot is what to read meanwhile.
        print(error, file=sys.stderr)
        return 1
    print(f"Exported {len(paths)} Parquet files from {source} to {folder}:")
    width = max((len(str(path.relative_to(folder))) for path in paths), default=10)
    for path in paths:
        print(f"  {str(path.relative_to(folder)):<{width}}  {path.stat().st_size:>12,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
