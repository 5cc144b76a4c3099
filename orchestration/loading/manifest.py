"""What the warehouse holds of each landed file, and the log of every load.

- `audit.file_manifest`: one row per landed file currently in the warehouse, keyed by
  (`source_system`, `source_file`), with its size, modification time, hash and status.
- `audit.file_loads`: one row per file and load, with `rows_read = rows_loaded + rows_quarantined`.

The manifest decides which files a load can skip (`is_unchanged`) and which are copies
of a loaded file (`loaded_twin`); `record_load` writes both tables inside the caller's
transaction, beside the file's rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

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


def is_unchanged(connection: duckdb.DuckDBPyConnection, source_system: str, landed: LandedFile) -> bool:
    """The manifest already holds this file with these bytes (loaded, or rejected for a reason that stands).

    The same size and modification time are taken as the same bytes, without reading the
    file; otherwise the hash decides, and a file touched but not changed has its new time
    recorded so that the next run need not read it either. A retired file that lands
    again is new; a copy whose loaded twin is gone is loaded in its place.
    """
    current = connection.execute(
        "select content_hash, n_bytes, modified_ns, status from audit.file_manifest where source_system = ? and source_file = ?",
        [source_system, landed.source_file],
    ).fetchone()
    if current is None or current[3] not in STANDING_STATUSES:
        return False
    content_hash, n_bytes, modified_ns, status = current
    if status == "duplicate" and loaded_twin(connection, source_system, landed) is None:
        return False
    if (n_bytes, modified_ns) == (landed.n_bytes, landed.modified_ns):
        return True
    if n_bytes != landed.n_bytes or content_hash != landed.content_hash:
        return False
    connection.execute(
        "update audit.file_manifest set modified_ns = ? where source_system = ? and source_file = ?",
        [landed.modified_ns, source_system, landed.source_file],
    )
    return True


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


def record_load(
    connection: duckdb.DuckDBPyConnection,
    source_system: str,
    landed: LandedFile,
    outcome: LoadOutcome,
    load_id: str,
    now: dt.datetime,
    sharing_table_with: tuple[str, ...] = (),
    *,
    read_content: bool = True,
) -> None:
    """The file's manifest entry and its line in the load log.

    An entry another system of `sharing_table_with` holds for the same file is replaced;
    without `read_content` the file is not opened and no hash is recorded.
    """
    content_hash = landed.content_hash if read_content else None
    if sharing_table_with:
        connection.execute(
            "delete from audit.file_manifest where list_contains(?, source_system) and source_file = ?",
            [list(sharing_table_with), landed.source_file],
        )
    connection.execute(
        """
        insert or replace into audit.file_manifest
            (source_system, source_file, content_hash, n_bytes, status, rows_loaded, rows_quarantined, loaded_at,
             modified_ns, detail)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
            source_system,
            landed.source_file,
            content_hash,
            landed.n_bytes,
            outcome.status,
            outcome.rows_loaded,
            outcome.rows_quarantined,
            now,
            landed.modified_ns,
            outcome.detail,
        ],
    )
    connection.execute(
        """
        insert into audit.file_loads
            (load_id, source_system, source_file, content_hash, n_bytes, rows_read, rows_loaded, rows_quarantined,
             status, detail, loaded_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
            load_id,
            source_system,
            landed.source_file,
            content_hash,
            landed.n_bytes,
            outcome.rows_read,
            outcome.rows_loaded,
            outcome.rows_quarantined,
            outcome.status,
            outcome.detail,
            now,
        ],
    )
