"""The lake: the raw layer as Parquet files, one per landed file, beside the warehouse.

Layout: `<lake>/<table name>/<source system>/<file key>.parquet`, the columns of the raw
table (`loading.tables`), zstd-compressed. `<lake>` is `settings.lake_dir` of the warehouse
file the connection has open. The file key is the landed file's name made safe for a path, with a digest of
the name that keeps two names apart once made safe.

The manifest in DuckDB stays the record of what is loaded; the lake follows it. A load
writes its Parquet file under a pending name holding its load id, commits the manifest,
then renames the file into place (an atomic replace on POSIX), so a reader globbing
`*.parquet` sees either the old file or the new one, whole. A crash between the commit and
the rename, or between a commit that removes a file and its unlinking, is settled when the
warehouse is next opened (`settle`).

DuckDB reads each raw table as a view over its folder (`raw_view_sql`), typed as the
table is declared; a table with no file yet is an empty view of the same columns.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from orchestration import settings
from orchestration.loading.manifest import LOADED_STATUS

PARQUET_SUFFIX = ".parquet"
PENDING_SUFFIX = ".pending"
ROW_GROUP_ROWS = 262_144
"""Rows per row group: large enough for scans to read long runs of a column, small enough
that one group of the widest table (GKG) stays well inside a load's memory."""
COMPRESSION = "zstd"
_LINEAGE_COLUMNS = frozenset({"source_system", "source_file"})

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_UNSAFE_IN_LOAD_ID = re.compile(r"[^A-Za-z0-9_-]+")
_NAME_DIGEST_CHARS = 12
_SAFE_NAME_CHARS = 120


def lake_root(connection: duckdb.DuckDBPyConnection) -> Path:
    """The lake of the warehouse file `connection` has open."""
    ((path,),) = connection.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchall()
    if not path:
        raise RuntimeError("an in-memory warehouse has no lake")
    return settings.lake_dir(Path(path).resolve())


def table_folder(root: Path, table: str) -> Path:
    """The folder of a raw table (`raw.gdelt_events` → `<lake>/gdelt_events`)."""
    return root / table.split(".")[-1]


def file_key(source_file: str) -> str:
    """A landed file's name as a file name of the lake: readable, and distinct for distinct names."""
    digest = hashlib.blake2b(source_file.encode("utf-8"), digest_size=_NAME_DIGEST_CHARS // 2).hexdigest()
    safe = _UNSAFE.sub("_", source_file.replace("/", "__"))[:_SAFE_NAME_CHARS]
    return f"{safe}-{digest}"


def lake_file(root: Path, table: str, source_system: str, source_file: str) -> Path:
    """Where the rows a landed file loaded into `table` live."""
    return table_folder(root, table) / source_system / f"{file_key(source_file)}{PARQUET_SUFFIX}"


def pending_file(final: Path, load_id: str) -> Path:
    """The name a load writes its Parquet file under until the manifest has committed it."""
    return final.with_name(f"{final.name}.{_load_tag(load_id)}{PENDING_SUFFIX}")


def _load_tag(load_id: str) -> str:
    return _UNSAFE_IN_LOAD_ID.sub("_", load_id)


def write_parquet(path: Path, schema: pa.Schema, tables: Iterable[pa.Table]) -> None:
    """`tables` (all of `schema`) into one Parquet file at `path`, written as they come."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with pq.ParquetWriter(path, schema, compression=COMPRESSION, write_statistics=statistics_columns(schema)) as writer:
        for table in tables:
            writer.write_table(table, row_group_size=ROW_GROUP_ROWS)


def statistics_columns(schema: pa.Schema) -> list[str]:
    """The columns whose minimum and maximum a Parquet file keeps: those that are not text, and the
    file's lineage. Readers skip row groups by a date or a number; the extremes of URLs and names
    skip nothing and cost a quarter of the write."""
    return [
        column.name
        for column in schema
        if column.name in _LINEAGE_COLUMNS
        or not (
            pa.types.is_string(column.type)
            or pa.types.is_large_string(column.type)
            or pa.types.is_string_view(column.type)
        )
    ]


def publish(pending: Path, final: Path) -> None:
    """The pending file in place of the final one, at once."""
    os.replace(pending, final)


def remove(paths: Iterable[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def files_of(root: Path, table: str, source_systems: Iterable[str], source_file: str) -> list[Path]:
    """Every lake file a landed file may have under any of `source_systems`."""
    return [lake_file(root, table, system, source_file) for system in source_systems]


def _lake_files(root: Path, suffix: str) -> Iterator[Path]:
    if root.is_dir():
        yield from root.glob(f"*/*/*{suffix}")


def settle(connection: duckdb.DuckDBPyConnection, root: Path, table_of_system: dict[str, str]) -> list[str]:
    """Make the lake hold what the manifest says is loaded, after a crash (or a copy of the
    warehouse file without its lake) left it otherwise.

    A pending file whose load committed (its load log entry is the file's last, and loaded)
    is renamed into place; any other pending file is deleted; so is a Parquet file whose
    landed file the manifest does not hold as loaded in that table. A file the manifest holds
    as loaded whose Parquet file is missing loses its manifest entry, so that it loads again.
    Returns what was done, one line per file, for the log."""
    expected = {
        lake_file(root, table_of_system[system], system, source_file): (system, source_file)
        for system, source_file in connection.execute(
            "select source_system, source_file from audit.file_manifest where status = ?", [LOADED_STATUS]
        ).fetchall()
        if system in table_of_system
    }
    last_loads = {
        (system, source_file): (load_id, status)
        for system, source_file, load_id, status in connection.execute(
            """
            select source_system, source_file, arg_max(load_id, loaded_at), arg_max(status, loaded_at)
            from audit.file_loads group by all
            """
        ).fetchall()
    }
    done = []
    for pending in sorted(_lake_files(root, PENDING_SUFFIX)):
        final_name, load_tag = pending.name.removesuffix(PENDING_SUFFIX).rsplit(".", 1)
        final = pending.with_name(final_name)
        last_load_id, last_status = last_loads.get(expected.get(final, ("", "")), (None, None))
        if last_status == LOADED_STATUS and last_load_id is not None and _load_tag(last_load_id) == load_tag:
            publish(pending, final)
            done.append(f"{final}: its load had committed, put in place")
        else:
            pending.unlink()
            done.append(f"{pending}: its load had not committed, deleted")
    for parquet in sorted(_lake_files(root, PARQUET_SUFFIX)):
        if parquet not in expected:
            parquet.unlink()
            done.append(f"{parquet}: no loaded file of the manifest holds it, deleted")
    lost = [held for final, held in expected.items() if not final.exists()]
    if lost:
        connection.execute(
            "delete from audit.file_manifest where list_contains(?, source_system || '/' || source_file)",
            [[f"{system}/{source_file}" for system, source_file in lost]],
        )
        done += [
            f"{system} {source_file}: its rows are not in the lake, it loads again" for system, source_file in lost
        ]
    return done


def holds_files(root: Path, table: str) -> bool:
    """Whether a raw table's lake folder holds any Parquet file: stops at the first, so a folder of
    years of files costs no more than one of a day."""
    try:
        with os.scandir(table_folder(root, table)) as systems:
            for system in systems:
                if system.is_dir(follow_symlinks=False):
                    with os.scandir(system.path) as files:
                        if any(entry.name.endswith(PARQUET_SUFFIX) for entry in files):
                            return True
    except FileNotFoundError:
        pass
    return False


def raw_view_sql(view: str, root: Path, columns: list[tuple[str, str]]) -> str:
    """The view that reads a raw table's lake folder as the table is declared (`columns`: name, DuckDB type)."""
    if not holds_files(root, view):
        nulls = ", ".join(f'cast(null as {kind}) as "{name}"' for name, kind in columns)
        return f"create or replace view {view} as select {nulls} where false"
    typed = ", ".join(f'cast("{name}" as {kind}) as "{name}"' for name, kind in columns)
    pattern = str(table_folder(root, view) / "*" / f"*{PARQUET_SUFFIX}").replace("'", "''")
    return (
        f"create or replace view {view} as select {typed} "
        f"from read_parquet('{pattern}', union_by_name = true, hive_partitioning = false)"
    )
