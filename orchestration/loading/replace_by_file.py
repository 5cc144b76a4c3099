"""Replace by file: one landed file's rows, quarantined lines and manifest entry written in one transaction.

Its previous rows and quarantined lines are deleted, its new ones inserted, the manifest
and the load log updated (see `loading.manifest`). A crash leaves the file either fully
loaded or as it was before. Every row is stamped with the source system the landing
registry gave its file.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import duckdb
import polars as pl
import pyarrow as pa

from orchestration import progress
from orchestration.ingest.landed import REJECTS_SCHEMA, ReadResult, UnreadableFileError
from orchestration.landing.inventory import LandedFile
from orchestration.loading.manifest import UNREADABLE_STATUS, LoadOutcome, record_load
from orchestration.loading.quarantine import insert_quarantine, quarantine_rows
from orchestration.loading.tables import raw_rows
from orchestration.loading.warehouse import utc_now


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
    now = utc_now()
    tally = _StreamTally(shown=shown)
    connection.begin()
    try:
        _clear_file(connection, table, (source_system, *sharing_table_with), landed.source_file)
        incoming_rows = _arrow_stream(batches, tally, source_system, landed.source_file, now)
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
            rejects = pl.concat(tally.rejects).with_columns(pl.lit(landed.source_file).alias("source_file"))
            insert_quarantine(connection, quarantine_rows(rejects, load_id, source_system, now))
        outcome = LoadOutcome(
            landed.source_file,
            "loaded",
            tally.rows_read,
            tally.rows_loaded,
            sum(frame.height for frame in tally.rejects),
            "; ".join(f"{count} {note}" for note, count in sorted(tally.notes.items())) or None,
        )
        record_load(connection, source_system, landed, outcome, load_id, now, sharing_table_with)
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
            connection,
            table=table,
            source_system=source_system,
            landed=landed,
            status=status,
            reason=reason,
            load_id=load_id,
            sharing_table_with=sharing_table_with,
        )
    except BaseException:
        connection.rollback()
        _close(batches)
        raise


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
    now = utc_now()
    rejects = pl.DataFrame(
        {"line_number": [None], "reason": [reason], "raw_line": [None]}, schema=REJECTS_SCHEMA
    ).with_columns(pl.lit(landed.source_file).alias("source_file"))
    outcome = LoadOutcome(landed.source_file, status, 0, 0, 0, reason)
    connection.begin()
    try:
        _clear_file(connection, table, (source_system, *sharing_table_with), landed.source_file)
        insert_quarantine(connection, quarantine_rows(rejects, load_id, source_system, now))
        record_load(
            connection, source_system, landed, outcome, load_id, now, sharing_table_with, read_content=read_content
        )
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    return outcome


def _rejection(error: Exception) -> tuple[str, str]:
    """(status, reason) of a file its reader raised on."""
    if isinstance(error, UnreadableFileError):
        return "rejected", str(error)
    if isinstance(error, OSError):
        return UNREADABLE_STATUS, f"could not be read, tried again at the next load: {type(error).__name__}: {error}"
    return "rejected", f"the reader failed: {type(error).__name__}: {error}"[:2000]


def _close(batches: Iterable[ReadResult]) -> None:
    """Stop a reader left part-way (its read-ahead thread, its open file) now, not when collected."""
    close = getattr(batches, "close", None)
    if close is not None:
        close()


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
    batches: Iterable[ReadResult], tally: _StreamTally, source_system: str, source_file: str, now: dt.datetime
) -> pa.RecordBatchReader | None:
    """The batches' rows as one Arrow stream in the table's shape (None when there are none),
    counting rows and keeping rejected lines in `tally` as they pass."""
    results = iter(batches)
    first = next(results, None)
    if first is None:
        return None
    first_table = _arrow_rows(first, tally, source_system, source_file, now)
    schema = first_table.schema

    def record_batches() -> Iterator[pa.RecordBatch]:
        try:
            yield from first_table.to_batches()
            for result in results:
                yield from _arrow_rows(result, tally, source_system, source_file, now).cast(schema).to_batches()
        except BaseException as error:
            tally.failure = error
            raise

    return pa.RecordBatchReader.from_batches(schema, record_batches())


def _arrow_rows(
    result: ReadResult, tally: _StreamTally, source_system: str, source_file: str, now: dt.datetime
) -> pa.Table:
    tally.rows_read += result.rows_read
    tally.rows_loaded += result.rows.height
    tally.notes.update(result.notes)
    if result.rejects.height:
        tally.rejects.append(result.rejects)
    if tally.shown is not None:
        tally.shown.advance(0, note=f"{source_file}: {tally.rows_read:,} lines")
    # Arrow string views pass from Polars to DuckDB without a copy.
    return raw_rows(result.rows, source_system, source_file, now).to_arrow(compat_level=pl.CompatLevel.newest())
