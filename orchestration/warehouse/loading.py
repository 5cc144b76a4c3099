"""Load landed files into DuckDB so that every run is safe to repeat.

Each file is one unit of work, written in one transaction: its previous rows and
quarantined lines are deleted, its new ones inserted, the manifest and the load log
updated. A crash leaves the file either fully loaded or as it was before.

- `audit.file_manifest`: one row per landed file currently in the warehouse.
- `audit.file_loads`: one row per file and load, with `rows_read = rows_loaded + rows_quarantined`.
- `audit.quarantine`: one row per rejected line (or per rejected file, with no line number).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from orchestration.sources.landed import REJECTS_SCHEMA, ReadResult, UnreadableFileError

AUDIT_DDL = """
create schema if not exists raw;
create schema if not exists audit;
create table if not exists audit.file_manifest (
    source_system varchar not null,
    source_file varchar not null,
    content_hash varchar not null,
    n_bytes bigint not null,
    status varchar not null,
    rows_loaded bigint not null,
    rows_quarantined bigint not null,
    loaded_at timestamp not null,
    primary key (source_system, source_file)
);
create table if not exists audit.file_loads (
    load_id varchar not null,
    source_system varchar not null,
    source_file varchar not null,
    content_hash varchar not null,
    n_bytes bigint not null,
    rows_read bigint not null,
    rows_loaded bigint not null,
    rows_quarantined bigint not null,
    status varchar not null,
    detail varchar,
    loaded_at timestamp not null
);
create table if not exists audit.quarantine (
    load_id varchar not null,
    source_system varchar not null,
    source_file varchar not null,
    line_number bigint,
    reason varchar not null,
    raw_line varchar,
    quarantined_at timestamp not null
);
"""


@dataclass(frozen=True)
class LandedFile:
    """A file in the landing folder, named relative to its source's folder."""

    path: Path
    source_file: str
    content_hash: str
    n_bytes: int

    @classmethod
    def at(cls, path: Path, source_dir: Path) -> LandedFile:
        data = path.read_bytes()
        return cls(
            path=path,
            source_file=path.relative_to(source_dir).as_posix(),
            content_hash=hashlib.sha256(data).hexdigest(),
            n_bytes=len(data),
        )


@dataclass(frozen=True)
class LoadOutcome:
    source_file: str
    status: str
    rows_read: int
    rows_loaded: int
    rows_quarantined: int
    detail: str | None = None


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect(str(path))
    connection.execute(AUDIT_DDL)
    return connection


def landed_files(source_dir: Path, patterns: tuple[str, ...]) -> list[LandedFile]:
    """Files matching `patterns` below `source_dir`, in name order (GDELT names sort by time)."""
    if not source_dir.is_dir():
        return []
    paths = {path for pattern in patterns for path in source_dir.rglob(pattern) if path.is_file()}
    return [LandedFile.at(path, source_dir) for path in sorted(paths)]


def is_unchanged(connection: duckdb.DuckDBPyConnection, source_system: str, landed: LandedFile) -> bool:
    """The manifest already holds this file with these bytes (loaded, or rejected for a reason that stands)."""
    current = connection.execute(
        "select content_hash from audit.file_manifest where source_system = ? and source_file = ?",
        [source_system, landed.source_file],
    ).fetchone()
    return bool(current and current[0] == landed.content_hash)


def loaded_twin(connection: duckdb.DuckDBPyConnection, source_system: str, landed: LandedFile) -> str | None:
    """Another loaded file with the same bytes, whose rows this file would only double."""
    twin = connection.execute(
        """
        select min(source_file)
        from audit.file_manifest
        where source_system = ? and content_hash = ? and source_file <> ? and status = 'loaded'
        """,
        [source_system, landed.content_hash, landed.source_file],
    ).fetchone()
    return twin[0] if twin else None


def replace_file_rows(
    connection: duckdb.DuckDBPyConnection,
    *,
    table: str,
    source_system: str,
    landed: LandedFile,
    result: ReadResult,
    load_id: str,
) -> LoadOutcome:
    """Replace one file's rows, quarantined lines and manifest entry in one transaction."""
    now = _now()
    rows = result.rows.select(
        pl.lit(landed.source_file).alias("source_file"),
        pl.all(),
        pl.lit(now).alias("loaded_at"),
    )
    rejects = _quarantine_frame(result.rejects, load_id, source_system, landed.source_file, now)
    outcome = LoadOutcome(landed.source_file, "loaded", result.rows_read, rows.height, rejects.height)
    _write(connection, table, source_system, landed, rows, rejects, outcome, load_id, now)
    return outcome


def record_rejected_file(
    connection: duckdb.DuckDBPyConnection,
    *,
    table: str,
    source_system: str,
    landed: LandedFile,
    status: str,
    reason: str,
    load_id: str,
) -> LoadOutcome:
    """A file that is not loaded at all (unreadable, or a copy of another): one quarantine row says why.

    Rows an earlier version of the same file loaded are removed: the warehouse holds what
    the landing folder holds now.
    """
    now = _now()
    rejects = _quarantine_frame(
        pl.DataFrame({"line_number": [None], "reason": [reason], "raw_line": [None]}, schema=REJECTS_SCHEMA),
        load_id,
        source_system,
        landed.source_file,
        now,
    )
    outcome = LoadOutcome(landed.source_file, status, 0, 0, 0, reason)
    _write(connection, table, source_system, landed, None, rejects, outcome, load_id, now)
    return outcome


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _write(
    connection: duckdb.DuckDBPyConnection,
    table: str,
    source_system: str,
    landed: LandedFile,
    rows: pl.DataFrame | None,
    rejects: pl.DataFrame,
    outcome: LoadOutcome,
    load_id: str,
    now: dt.datetime,
) -> None:
    connection.begin()
    try:
        if rows is not None:
            connection.register("incoming_rows", rows.to_arrow())
            connection.execute(f"create table if not exists {table} as select * from incoming_rows where false")
        if table_exists(connection, table):
            connection.execute(f"delete from {table} where source_file = ?", [landed.source_file])
        if rows is not None:
            connection.execute(f"insert into {table} by name select * from incoming_rows")
            connection.unregister("incoming_rows")
        connection.execute(
            "delete from audit.quarantine where source_system = ? and source_file = ?",
            [source_system, landed.source_file],
        )
        if rejects.height:
            connection.register("incoming_rejects", rejects.to_arrow())
            connection.execute("insert into audit.quarantine by name select * from incoming_rejects")
            connection.unregister("incoming_rejects")
        connection.execute(
            "insert or replace into audit.file_manifest values (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                source_system,
                landed.source_file,
                landed.content_hash,
                landed.n_bytes,
                outcome.status,
                outcome.rows_loaded,
                outcome.rows_quarantined,
                now,
            ],
        )
        connection.execute(
            "insert into audit.file_loads values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                load_id,
                source_system,
                landed.source_file,
                landed.content_hash,
                landed.n_bytes,
                outcome.rows_read,
                outcome.rows_loaded,
                outcome.rows_quarantined,
                outcome.status,
                outcome.detail,
                now,
            ],
        )
        connection.commit()
    except BaseException:
        connection.rollback()
        raise


def table_exists(connection: duckdb.DuckDBPyConnection, table: str) -> bool:
    schema, name = table.split(".")
    found = connection.execute(
        "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?", [schema, name]
    ).fetchone()
    return bool(found and found[0])


def _quarantine_frame(rejects: pl.DataFrame, load_id: str, source_system: str, source_file: str, now: dt.datetime) -> pl.DataFrame:
    return rejects.select(
        pl.lit(load_id).alias("load_id"),
        pl.lit(source_system).alias("source_system"),
        pl.lit(source_file).alias("source_file"),
        pl.col("line_number"),
        pl.col("reason"),
        pl.col("raw_line"),
        pl.lit(now).alias("quarantined_at"),
    )


def load_source(
    connection: duckdb.DuckDBPyConnection,
    *,
    table: str,
    source_system: str,
    files: list[LandedFile],
    reader: Callable[[Path], ReadResult],
    load_id: str,
) -> list[LoadOutcome]:
    """Bring the warehouse up to date with `files`: new and changed files are (re)loaded,
    unchanged ones skipped, copies of loaded files and unreadable files quarantined whole.
    One bad file never stops the others."""
    outcomes = []
    for landed in files:
        if is_unchanged(connection, source_system, landed):
            outcomes.append(LoadOutcome(landed.source_file, "unchanged", 0, 0, 0))
            continue
        twin = loaded_twin(connection, source_system, landed)
        if twin is not None:
            outcomes.append(
                record_rejected_file(
                    connection, table=table, source_system=source_system, landed=landed,
                    status="duplicate", reason=f"same bytes as {twin}", load_id=load_id,
                )
            )
            continue
        try:
            result = reader(landed.path)
        except UnreadableFileError as error:
            outcomes.append(
                record_rejected_file(
                    connection, table=table, source_system=source_system, landed=landed,
                    status="rejected", reason=str(error), load_id=load_id,
                )
            )
            continue
        outcomes.append(
            replace_file_rows(
                connection, table=table, source_system=source_system, landed=landed, result=result, load_id=load_id
            )
        )
    return outcomes


def replace_tables(
    connection: duckdb.DuckDBPyConnection,
    frames: dict[str, pl.DataFrame],
    *,
    quarantine: tuple[str, str, pl.DataFrame] | None = None,
) -> None:
    """Replace derived tables whole, in one transaction: readers see all the old tables or all the new.

    `quarantine` is (source_system, load_id, rejects with source_file, line_number, reason,
    raw_line): that source's quarantine rows are replaced in the same transaction.
    """
    now = _now()
    connection.begin()
    try:
        for table, frame in frames.items():
            connection.register("replacement_rows", frame.to_arrow())
            connection.execute(f"create or replace table {table} as select * from replacement_rows")
            connection.unregister("replacement_rows")
        if quarantine is not None:
            source_system, load_id, rejects = quarantine
            connection.execute("delete from audit.quarantine where source_system = ?", [source_system])
            if rejects.height:
                rows = rejects.select(
                    pl.lit(load_id).alias("load_id"),
                    pl.lit(source_system).alias("source_system"),
                    "source_file",
                    "line_number",
                    "reason",
                    "raw_line",
                    pl.lit(now).alias("quarantined_at"),
                )
                connection.register("replacement_rejects", rows.to_arrow())
                connection.execute("insert into audit.quarantine by name select * from replacement_rejects")
                connection.unregister("replacement_rejects")
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
