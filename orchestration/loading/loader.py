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
import logging
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from orchestration import progress
from orchestration.landing.inventory import AcceptedFile, LandedFile
from orchestration.landing.sources import BatchReader, LandingSource
from orchestration.ingest.landed import REJECTS_SCHEMA, ReadResult, UnreadableFileError
from orchestration.loading.read_ahead import read_ahead
from orchestration.loading.tables import declare_tables, raw_rows

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

STANDING_STATUSES = ("loaded", "rejected", "duplicate")
"""Manifest statuses of a file the landing folder holds; `retired` is one it no longer holds."""


@dataclass(frozen=True)
class LoadOutcome:
    source_file: str
    status: str
    rows_read: int
    rows_loaded: int
    rows_quarantined: int
    detail: str | None = None


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


def load_file(
    connection: duckdb.DuckDBPyConnection,
    *,
    table: str,
    source_system: str,
    landed: LandedFile,
    batches: Iterable[ReadResult],
    load_id: str,
    sharing_table_with: tuple[str, ...] = (),
    shown: progress.Work | None = None,
) -> LoadOutcome:
    """Replace one file's rows, quarantined lines and manifest entry in one transaction.

    The batches reach DuckDB as one Arrow stream and one insert, which DuckDB spreads over
    its threads while the next batch is read; memory stays bounded by the batch, whatever
    the file's size. A file found unreadable part-way (a zip whose checksum fails at its
    end) is rolled back and recorded as rejected, like a file found unreadable at once.
    So is a file on which the reader raises anything else: the reason names the error,
    and one file never stops the load of the others. A file the system could not read
    (an `OSError`: permissions, a disk error) is recorded as `unreadable` and tried again
    at the next load; an error of DuckDB's own or running out of memory is the warehouse's,
    not the file's, and is raised with nothing recorded.
    `sharing_table_with` names the other source systems loading into `table`: an entry
    one of them holds for this file (from before the file was told apart) is replaced.
    `shown` is told the rows read so far after each batch.
    """
    now = _now()
    tally = _StreamTally(shown=shown)
    connection.begin()
    try:
        _clear_file(connection, table, (source_system, *sharing_table_with), landed.source_file)
        incoming_rows = _arrow_stream(batches, tally, landed.source_file, now)
        if incoming_rows is not None:
            columns = ", ".join(f'"{name}"' for name in incoming_rows.schema.names)
            try:
                connection.execute(f"insert into {table} ({columns}) select {columns} from incoming_rows")
            except duckdb.Error:
                # DuckDB wraps an error raised while it reads the stream; the reader's own error says why.
                if tally.failure is not None:
                    raise tally.failure from None
                raise
            del incoming_rows
        if tally.rejects:
            quarantined = _quarantine_frame(pl.concat(tally.rejects), load_id, source_system, landed.source_file, now)
            incoming_rejects = _relation(connection, quarantined)
            connection.execute("insert into audit.quarantine by name select * from incoming_rejects")
            del incoming_rejects
        outcome = LoadOutcome(
            landed.source_file,
            "loaded",
            tally.rows_read,
            tally.rows_loaded,
            sum(frame.height for frame in tally.rejects),
            "; ".join(f"{count} {note}" for note, count in sorted(tally.notes.items())) or None,
        )
        _record(connection, source_system, landed, outcome, load_id, now, sharing_table_with)
        connection.commit()
        return outcome
    except (duckdb.Error, MemoryError):
        connection.rollback()
        _close(batches)
        raise
    except Exception as error:
        connection.rollback()
        _close(batches)
        status, reason = _rejection(error)
        return record_rejected_file(
            connection, table=table, source_system=source_system, landed=landed,
            status=status, reason=reason, load_id=load_id, sharing_table_with=sharing_table_with,
        )
    except BaseException:
        connection.rollback()
        _close(batches)
        raise


def _rejection(error: Exception) -> tuple[str, str]:
    """(status, reason) of a file its reader raised on."""
    if isinstance(error, UnreadableFileError):
        return "rejected", str(error)
    if isinstance(error, OSError):
        return "unreadable", f"could not be read, tried again at the next load: {type(error).__name__}: {error}"
    return "rejected", f"the reader failed: {type(error).__name__}: {error}"[:2000]


def _close(batches: Iterable[ReadResult]) -> None:
    """Stop a reader left part-way (its read-ahead thread, its open file) now, not when collected."""
    close = getattr(batches, "close", None)
    if close is not None:
        close()


@dataclass
class _StreamTally:
    """What the batches of one file held, counted as DuckDB reads them."""

    rows_read: int = 0
    rows_loaded: int = 0
    rejects: list[pl.DataFrame] = field(default_factory=list)
    notes: Counter[str] = field(default_factory=Counter)
    failure: BaseException | None = None
    shown: progress.Work | None = None


def _arrow_stream(
    batches: Iterable[ReadResult], tally: _StreamTally, source_file: str, now: dt.datetime
) -> pa.RecordBatchReader | None:
    """The batches' rows as one Arrow stream in the table's shape (None when there are none),
    counting rows and keeping rejected lines in `tally` as they pass."""
    results = iter(batches)
    first = next(results, None)
    if first is None:
        return None
    first_table = _arrow_rows(first, tally, source_file, now)
    schema = first_table.schema

    def record_batches() -> Iterator[pa.RecordBatch]:
        try:
            yield from first_table.to_batches()
            for result in results:
                yield from _arrow_rows(result, tally, source_file, now).cast(schema).to_batches()
        except BaseException as error:
            tally.failure = error
            raise

    return pa.RecordBatchReader.from_batches(schema, record_batches())


def _arrow_rows(result: ReadResult, tally: _StreamTally, source_file: str, now: dt.datetime) -> pa.Table:
    tally.rows_read += result.rows_read
    tally.rows_loaded += result.rows.height
    tally.notes.update(result.notes)
    if result.rejects.height:
        tally.rejects.append(result.rejects)
    if tally.shown is not None:
        tally.shown.advance(0, note=f"{source_file}: {tally.rows_read:,} lines")
    # Arrow string views pass from Polars to DuckDB without a copy.
    return raw_rows(result.rows, source_file, now).to_arrow(compat_level=pl.CompatLevel.newest())


def record_rejected_file(
    connection: duckdb.DuckDBPyConnection,
    *,
    table: str | None,
    source_system: str,
    landed: LandedFile,
    status: str,
    reason: str,
    load_id: str,
    sharing_table_with: tuple[str, ...] = (),
    read_content: bool = True,
) -> LoadOutcome:
    """A file that is not loaded at all (unreadable, a copy of another, refused): one quarantine row says why.

    Rows an earlier version of the same file loaded into `table` are removed: the warehouse
    holds what the landing folder holds now. Without `read_content` (a refused file, which
    may be a link to anywhere) the file is not opened and the manifest holds no hash.
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
    connection.begin()
    try:
        _clear_file(connection, table, (source_system, *sharing_table_with), landed.source_file)
        incoming_rejects = _relation(connection, rejects)
        connection.execute("insert into audit.quarantine by name select * from incoming_rejects")
        del incoming_rejects
        _record(connection, source_system, landed, outcome, load_id, now, sharing_table_with, read_content=read_content)
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    return outcome


def _clear_file(
    connection: duckdb.DuckDBPyConnection, table: str | None, source_systems: tuple[str, ...], source_file: str
) -> None:
    """A file's rows and quarantined lines from an earlier load, gone (inside the caller's transaction)."""
    if table is not None:
        connection.execute(f"delete from {table} where source_file = ?", [source_file])
    connection.execute(
        "delete from audit.quarantine where list_contains(?, source_system) and source_file = ?",
        [list(source_systems), source_file],
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _relation(connection: duckdb.DuckDBPyConnection, frame: pl.DataFrame) -> duckdb.DuckDBPyRelation:
    """A frame as a DuckDB relation that SQL on `connection` names by its Python variable.

    Not `connection.register`: inside a transaction a registered Arrow table outlives
    `unregister` (its memory is not given back), which a file of many batches cannot
    afford. Arrow string views are handed over without a copy out of Polars.
    """
    return connection.from_arrow(frame.to_arrow(compat_level=pl.CompatLevel.newest()))


def _record(
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
    """The file's manifest entry and its line in the load log."""
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


def load_landed(
    connection: duckdb.DuckDBPyConnection, source: LandingSource, files: list[AcceptedFile], load_id: str
) -> list[LoadOutcome]:
    """`load_source` for each source system of `source`, with its accepted files."""
    outcomes = []
    for source_system in source.source_systems:
        outcomes += load_source(
            connection,
            table=source.table,
            source_system=source_system,
            files=[file.landed for file in files if file.source_system == source_system],
            read_batches=source.read_batches,
            load_id=load_id,
            sharing_table_with=tuple(other for other in source.source_systems if other != source_system),
        )
    return outcomes


def load_source(
    connection: duckdb.DuckDBPyConnection,
    *,
    table: str,
    source_system: str,
    files: list[LandedFile],
    read_batches: BatchReader,
    load_id: str,
    sharing_table_with: tuple[str, ...] = (),
) -> list[LoadOutcome]:
    """Bring the warehouse up to date with `files`: new and changed files are (re)loaded,
    unchanged ones skipped, copies of loaded files and unreadable files quarantined whole.
    One bad file never stops the others.
    `sharing_table_with`: the other source systems whose files load into `table`."""
    outcomes = []
    with loading_settings(connection), progress.work(f"Loading {source_system}", sum(f.n_bytes for f in files), "bytes") as shown:
        for landed in files:
            outcomes.append(
                _bring_up_to_date(connection, table, source_system, landed, read_batches, load_id, sharing_table_with, shown)
            )
            shown.advance(landed.n_bytes)
    return outcomes


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


def _bring_up_to_date(
    connection: duckdb.DuckDBPyConnection,
    table: str,
    source_system: str,
    landed: LandedFile,
    read_batches: BatchReader,
    load_id: str,
    sharing_table_with: tuple[str, ...],
    shown: progress.Work,
) -> LoadOutcome:
    if is_unchanged(connection, source_system, landed):
        return LoadOutcome(landed.source_file, "unchanged", 0, 0, 0)
    twin = loaded_twin(connection, source_system, landed)
    if twin is not None:
        return record_rejected_file(
            connection, table=table, source_system=source_system, landed=landed,
            status="duplicate", reason=f"same bytes as {twin}", load_id=load_id, sharing_table_with=sharing_table_with,
        )
    # The next batch is read while DuckDB inserts the current one.
    return load_file(
        connection, table=table, source_system=source_system, landed=landed,
        batches=read_ahead(iter(read_batches(landed.path))), load_id=load_id, sharing_table_with=sharing_table_with,
        shown=shown,
    )


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
            replacement_rows = _relation(connection, frame)
            connection.execute(f"create or replace table {table} as select * from replacement_rows")
            del replacement_rows
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
                replacement_rejects = _relation(connection, rows)
                connection.execute("insert into audit.quarantine by name select * from replacement_rejects")
                del replacement_rejects
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
