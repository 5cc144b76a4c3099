"""The warehouse file opened for writing, and the settings and hand-overs every writer shares.

DuckDB lets one process open a file for writing; `connect` waits for another writer to
let go, then declares every table (see `loading.tables`). Frames reach DuckDB as Arrow
relations, and a load runs under `LOADING_SETTINGS`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from orchestration.loading.tables import declare_tables

LOG = logging.getLogger(__name__)

LOADING_SETTINGS = {
    # DuckDB caches up to 80 % of RAM by default; a load's budget is 2 GiB in all, two
    # reader batches of some 300 MB each and Python's own 300 MB included.
    "memory_limit": "'512MB'",
    # Rows carry their line numbers, so DuckDB need not keep the insertion order.
    "preserve_insertion_order": "false",
    # A file's batches reach DuckDB as one Arrow stream, which it inserts on two threads
    # (twice as fast as one, for the same CPU) while the reader parses the next batch.
    "threads": "2",
}

LOCK_RETRY_FIRST_SECONDS = 0.5
LOCK_RETRY_MAX_SECONDS = 15.0


class WarehouseLockedError(RuntimeError):
    """Another process kept the warehouse file open for longer than the wait allowed."""


def connect(path: Path, *, wait_seconds: float = 0.0) -> duckdb.DuckDBPyConnection:
    """The warehouse, every declared table in it (created empty when missing).

    DuckDB lets one process open a file for writing, and none while another has it open
    read-only. When another process holds it, this waits up to `wait_seconds`, backing off
    from half a second to fifteen, and logs which process holds it; then it gives up with
    `WarehouseLockedError`, naming that process.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    pause = LOCK_RETRY_FIRST_SECONDS
    while True:
        try:
            connection = duckdb.connect(str(path))
            break
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WarehouseLockedError(
                    f"{path} stayed locked for {wait_seconds:.0f} s: {_lock_holder(error)}. Close that process "
                    "(readers open the snapshot instead) and run again."
                ) from error
            LOG.warning("%s is locked (%s): waiting, at most %.0f s more", path, _lock_holder(error), remaining)
            time.sleep(min(pause, remaining))
            pause = min(pause * 2, LOCK_RETRY_MAX_SECONDS)
    declare_tables(connection)
    return connection


def _lock_holder(error: duckdb.IOException) -> str:
    held = re.search(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)", str(error))
    return f"held by {held['program']}, process {held['pid']}" if held else str(error).splitlines()[0]


@contextmanager
def loading_settings(connection: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """`LOADING_SETTINGS` for the duration of a load, DuckDB's defaults again after it."""
    for name, value in LOADING_SETTINGS.items():
        connection.execute(f"set {name} = {value}")
    try:
        yield
    finally:
        for name in LOADING_SETTINGS:
            connection.execute(f"reset {name}")


def table_exists(connection: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether `table` is a table or a view (a raw table is a view over the lake) of the warehouse."""
    schema, name = table.split(".")
    found = connection.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, name]
    ).fetchone()
    return bool(found and found[0])


def relation(connection: duckdb.DuckDBPyConnection, frame: pl.DataFrame) -> duckdb.DuckDBPyRelation:
    """A frame as a DuckDB relation that SQL on `connection` names by its Python variable.

    Not `connection.register`: inside a transaction a registered Arrow table outlives
    `unregister` (its memory is not given back), which a file of many batches cannot
    afford. Arrow string views are handed over without a copy out of Polars.
    """
    return connection.from_arrow(frame.to_arrow(compat_level=pl.CompatLevel.newest()))


def utc_now() -> dt.datetime:
    """The time a load or retirement is stamped with: UTC, naive, as the audit tables hold it."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
