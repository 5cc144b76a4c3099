"""What the warehouse holds of each landed file, and the log of every load.

- `audit.file_manifest`: one row per landed file currently in the warehouse, keyed by
  (`source_system`, `source_file`), with its size, modification time, hash and status.
- `audit.file_loads`: one row per file and load, with `rows_read = rows_loaded + rows_quarantined`.

The manifest decides which files a load can skip and which are copies of a loaded file
(`SourceManifest`, read once per load); `record_loads` writes both tables for a group of
files inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import duckdb
import polars as pl

from orchestration.landing.inventory import LandedFile

LOADED_STATUS = "loaded"
"""A file whose rows are in the lake."""
STANDING_STATUSES = (LOADED_STATUS, "rejected", "duplicate")
"""Manifest statuses of a file the landing folder holds; `retired` is one it no longer holds."""
UNREADABLE_STATUS = "unreadable"
"""A file that could not be opened or read through (permissions, a disk error): tried again at each load."""


@dataclass(frozen=True)
class LoadOutcome:
    source_file: str
    status: str
    rows_read: int
    rows_loaded: int
    rows_quarantined: int
    detail: str | None = None


class SourceManifest:
    """The manifest entries of one source system, read in one query when a load starts and kept in
    step with what the load records: which files the load can skip and which are copies of a
    loaded file are then answered without a query per file. One load writes the manifest at a
    time (the warehouse has one writer), so the entries stay those of the database."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, source_system: str) -> None:
        self._connection = connection
        self.source_system = source_system
        self._entries: dict[str, tuple[str | None, int, int | None, str]] = {}
        self._loaded_by_hash: dict[str, set[str]] = {}
        self._loaded_sizes: Counter[int] = Counter()
        for source_file, content_hash, n_bytes, modified_ns, status in connection.execute(
            """
            select source_file, content_hash, n_bytes, modified_ns, status
            from audit.file_manifest where source_system = ?
            """,
            [source_system],
        ).fetchall():
            self._remember(source_file, content_hash, n_bytes, modified_ns, status)

    def is_unchanged(self, landed: LandedFile) -> bool:
        """The manifest already holds this file with these bytes (loaded, or rejected for a reason that stands).

        The same size and modification time are taken as the same bytes, without reading the
        file; otherwise the hash decides, and a file touched but not changed has its new time
        recorded so that the next run need not read it either. A retired file that lands
        again is new; a copy whose loaded twin is gone is loaded in its place.
        """
        current = self._entries.get(landed.source_file)
        if current is None or current[3] not in STANDING_STATUSES:
            return False
        content_hash, n_bytes, modified_ns, status = current
        if status == "duplicate" and self.loaded_twin(landed) is None:
            return False
        if (n_bytes, modified_ns) == (landed.n_bytes, landed.modified_ns):
            return True
        if n_bytes != landed.n_bytes or content_hash != landed.content_hash:
            return False
        self._connection.execute(
            "update audit.file_manifest set modified_ns = ? where source_system = ? and source_file = ?",
            [landed.modified_ns, self.source_system, landed.source_file],
        )
        self._remember(landed.source_file, content_hash, n_bytes, landed.modified_ns, status)
        return True

    def loaded_twin(self, landed: LandedFile) -> str | None:
        """Another loaded file with the same bytes, whose rows this file would only double. A file of
        a size no loaded file has is told apart without reading it."""
        if not self._loaded_sizes[landed.n_bytes]:
            return None
        twins = self._loaded_by_hash.get(landed.content_hash, set()) - {landed.source_file}
        return min(twins) if twins else None

    def recorded(self, record: LoadRecord) -> None:
        """`record` as the manifest holds it once written."""
        landed = record.landed
        self._remember(
            landed.source_file, record.content_hash, landed.n_bytes, landed.modified_ns, record.outcome.status
        )

    def _remember(
        self, source_file: str, content_hash: str | None, n_bytes: int, modified_ns: int | None, status: str
    ) -> None:
        former = self._entries.get(source_file)
        if former is not None and source_file in self._loaded_by_hash.get(former[0], set()):
            self._loaded_by_hash[former[0]].discard(source_file)
            self._loaded_sizes[former[1]] -= 1
        self._entries[source_file] = (content_hash, n_bytes, modified_ns, status)
        if status == LOADED_STATUS and content_hash is not None:
            self._loaded_by_hash.setdefault(content_hash, set()).add(source_file)
            self._loaded_sizes[n_bytes] += 1


@dataclass(frozen=True)
class LoadRecord:
    """What a load records of one file: its manifest entry and its line in the load log.

    `read_content` False: the file was not opened (a refused file, which may be a link to
    anywhere) and no hash is recorded."""

    source_system: str
    landed: LandedFile
    outcome: LoadOutcome
    load_id: str
    at: dt.datetime
    read_content: bool = True

    @property
    def content_hash(self) -> str | None:
        return self.landed.content_hash if self.read_content else None


_MANIFEST_SCHEMA = {
    "source_system": pl.String,
    "source_file": pl.String,
    "content_hash": pl.String,
    "n_bytes": pl.Int64,
    "status": pl.String,
    "rows_loaded": pl.Int64,
    "rows_quarantined": pl.Int64,
    "loaded_at": pl.Datetime("us"),
    "modified_ns": pl.Int64,
    "detail": pl.String,
}
_LOAD_LOG_SCHEMA = {
    "load_id": pl.String,
    "source_system": pl.String,
    "source_file": pl.String,
    "content_hash": pl.String,
    "n_bytes": pl.Int64,
    "rows_read": pl.Int64,
    "rows_loaded": pl.Int64,
    "rows_quarantined": pl.Int64,
    "status": pl.String,
    "detail": pl.String,
    "loaded_at": pl.Datetime("us"),
}


def record_loads(
    connection: duckdb.DuckDBPyConnection, records: list[LoadRecord], sharing_table_with: tuple[str, ...] = ()
) -> None:
    """The files' manifest entries and their lines in the load log, each table written by one
    statement (inside the caller's transaction); `records` name distinct files.

    An entry another system of `sharing_table_with` holds for one of the files is replaced.
    """
    if not records:
        return
    if sharing_table_with:
        connection.execute(
            "delete from audit.file_manifest where list_contains(?, source_system) and list_contains(?, source_file)",
            [list(sharing_table_with), [record.landed.source_file for record in records]],
        )
    entries = pl.DataFrame(
        [
            (
                record.source_system,
                record.landed.source_file,
                record.content_hash,
                record.landed.n_bytes,
                record.outcome.status,
                record.outcome.rows_loaded,
                record.outcome.rows_quarantined,
                record.at,
                record.landed.modified_ns,
                record.outcome.detail,
            )
            for record in records
        ],
        schema=_MANIFEST_SCHEMA,
        orient="row",
    )
    lines = pl.DataFrame(
        [
            (
                record.load_id,
                record.source_system,
                record.landed.source_file,
                record.content_hash,
                record.landed.n_bytes,
                record.outcome.rows_read,
                record.outcome.rows_loaded,
                record.outcome.rows_quarantined,
                record.outcome.status,
                record.outcome.detail,
                record.at,
            )
            for record in records
        ],
        schema=_LOAD_LOG_SCHEMA,
        orient="row",
    )
    manifest_entries = connection.from_arrow(entries.to_arrow())
    connection.execute("insert or replace into audit.file_manifest by name select * from manifest_entries")
    load_log_lines = connection.from_arrow(lines.to_arrow())
    connection.execute("insert into audit.file_loads by name select * from load_log_lines")
    del manifest_entries, load_log_lines
