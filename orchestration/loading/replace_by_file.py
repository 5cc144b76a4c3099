"""Replace by file: one landed file's rows, quarantined lines and manifest entry replaced together.

The rows go to the file's Parquet file in the lake (`loading.lake`), written under a
pending name; then, in one DuckDB transaction, its previous quarantined lines are deleted,
its new ones inserted and the manifest and the load log updated (see `loading.manifest`);
then the pending file is renamed over the previous one. The transaction is the file's own,
or that of a group of consecutive files (`loading.commits`). A crash leaves the file either
fully loaded or as it was before, once the next opening of the warehouse has settled the
lake against the manifest. Every row is stamped with the source system the landing
registry gave its file.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from orchestration import progress
from orchestration.ingest.landed import REJECTS_SCHEMA, ReadResult, UnreadableFileError
from orchestration.landing.inventory import LandedFile
from orchestration.loading import lake
from orchestration.loading.commits import CommitGroup, NewLakeFile, StagedFile
from orchestration.loading.manifest import LOADED_STATUS, UNREADABLE_STATUS, LoadOutcome, LoadRecord
from orchestration.loading.quarantine import quarantine_rows
from orchestration.loading.tables import declared_shapes, raw_rows
from orchestration.loading.warehouse import utc_now

ARROW_COMPAT = pl.CompatLevel.newest()
"""Polars' own Arrow types (string views), handed to the Parquet writer without a copy; in the
Parquet file a string view is text like any other."""


@dataclass
class WrittenFile:
    """One landed file's rows in a pending Parquet file, and what its reading counted: the first
    half of a load, which touches no database and so can run beside other files' loads."""

    landed: LandedFile
    table: str
    source_system: str
    load_id: str
    pending: Path
    final: Path
    tally: _StreamTally
    read_at: dt.datetime
    failure: BaseException | None = None
    """The reader's error, when the file could not be read through."""


def write_file(
    root: Path,
    *,
    table: str,
    source_system: str,
    landed: LandedFile,
    batches: Iterable[ReadResult],
    load_id: str,
    shown: progress.Work | None = None,
) -> WrittenFile:
    """Read a landed file and write its rows to a pending Parquet file of the lake under `root`.

    The batches are written as they are read; memory stays bounded by the batch, whatever
    the file's size. An error of the reader is kept in the result (the file is then
    rejected when committed) and its pending file deleted; an error in writing the lake or
    running out of memory is the warehouse's, and is raised. `shown` is told the rows read
    so far after each batch."""
    read_at = utc_now()
    final = lake.lake_file(root, table, source_system, landed.source_file)
    pending = lake.pending_file(final, load_id)
    written = WrittenFile(landed, table, source_system, load_id, pending, final, _StreamTally(shown=shown), read_at)
    schema = declared_shapes()[table].to_arrow(compat_level=ARROW_COMPAT).schema
    try:
        lake.write_parquet(
            pending, schema, _arrow_tables(batches, written.tally, schema, source_system, landed.source_file, read_at)
        )
    except BaseException as error:
        pending.unlink(missing_ok=True)
        _close(batches)
        if written.tally.failure is not error or isinstance(error, MemoryError) or not isinstance(error, Exception):
            raise
        written.failure = error
    return written


def commit_file(
    connection: duckdb.DuckDBPyConnection,
    written: WrittenFile,
    sharing_table_with: tuple[str, ...] = (),
    group: CommitGroup | None = None,
) -> LoadOutcome:
    """The second half of a load: the file's quarantined lines and manifest entry replaced in one
    transaction, then its pending Parquet file renamed into place. A file its reader failed on is
    recorded as rejected (or `unreadable`, for an `OSError` of the reader) instead.
    `sharing_table_with` names the other source systems loading into the file's table: an entry
    one of them holds for this file (from before the file was told apart) is replaced.
    With `group`, the file joins the group's transaction (`loading.commits`) instead of one of its own."""
    landed, table, source_system, tally = written.landed, written.table, written.source_system, written.tally
    if written.failure is not None:
        status, reason = _rejection(written.failure)
        return record_rejected_file(
            connection,
            table=table,
            source_system=source_system,
            landed=landed,
            status=status,
            reason=reason,
            load_id=written.load_id,
            sharing_table_with=sharing_table_with,
            group=group,
        )
    outcome = LoadOutcome(
        landed.source_file,
        LOADED_STATUS,
        tally.rows_read,
        tally.rows_loaded,
        sum(frame.height for frame in tally.rejects),
        "; ".join(f"{count} {note}" for note, count in sorted(tally.notes.items())) or None,
    )
    quarantined = None
    if tally.rejects:
        rejects = pl.concat(tally.rejects).with_columns(pl.lit(landed.source_file).alias("source_file"))
        quarantined = quarantine_rows(rejects, written.load_id, source_system, written.read_at)
    new_lake_file = NewLakeFile(table, written.pending, written.final)
    staged = StagedFile(
        LoadRecord(source_system, landed, outcome, written.load_id, written.read_at),
        quarantined,
        new_lake_file,
        replaced=tuple(lake.files_of(new_lake_file.root, table, sharing_table_with, landed.source_file)),
    )
    _commit(connection, staged, sharing_table_with, group)
    return outcome


def discard(written: WrittenFile) -> None:
    """A written file not to be committed (its bytes turned out to be another file's)."""
    written.pending.unlink(missing_ok=True)


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
    """Replace one file's rows, quarantined lines and manifest entry: `write_file`, then `commit_file`.

    A file found unreadable part-way (a zip whose checksum fails at its end) is recorded as
    rejected, like a file found unreadable at once, and nothing of its rows stays. So is a
    file on which the reader raises anything else: the reason names the error, and one file
    never stops the load of the others. A file the system could not read (an `OSError` of
    the reader: permissions, a disk error) is recorded as `unreadable` and tried again at the
    next load; an error in writing the lake, of DuckDB's own or running out of memory is the
    warehouse's, not the file's, and is raised with nothing recorded.
    """
    written = write_file(
        lake.lake_root(connection),
        table=table,
        source_system=source_system,
        landed=landed,
        batches=batches,
        load_id=load_id,
        shown=shown,
    )
    return commit_file(connection, written, sharing_table_with)


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
    group: CommitGroup | None = None,
) -> LoadOutcome:
    """A file that is not loaded at all (unreadable, a copy of another, refused): one quarantine row says why.

    Rows an earlier version of the same file loaded into `table` are removed: the warehouse
    holds what the landing folder holds now. Without `read_content` (a refused file, which
    may be a link to anywhere) the file is not opened and the manifest holds no hash.
    With `group`, the file joins the group's transaction instead of one of its own.
    """
    now = utc_now()
    rejects = pl.DataFrame(
        {"line_number": [None], "reason": [reason], "raw_line": [None]}, schema=REJECTS_SCHEMA
    ).with_columns(pl.lit(landed.source_file).alias("source_file"))
    outcome = LoadOutcome(landed.source_file, status, 0, 0, 0, reason)
    replaced = ()
    if table is not None:
        replaced = tuple(
            lake.files_of(lake.lake_root(connection), table, (source_system, *sharing_table_with), landed.source_file)
        )
    staged = StagedFile(
        LoadRecord(source_system, landed, outcome, load_id, now, read_content=read_content),
        quarantine_rows(rejects, load_id, source_system, now),
        replaced=replaced,
    )
    _commit(connection, staged, sharing_table_with, group)
    return outcome


def _commit(
    connection: duckdb.DuckDBPyConnection,
    staged: StagedFile,
    sharing_table_with: tuple[str, ...],
    group: CommitGroup | None,
) -> None:
    """`staged` into `group`, or committed alone."""
    if group is not None:
        group.stage(staged)
        return
    with CommitGroup(connection, staged.record.source_system, sharing_table_with) as alone:
        alone.stage(staged)


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


@dataclass
class _StreamTally:
    """What the batches of one file held, counted as DuckDB reads them."""

    rows_read: int = 0
    rows_loaded: int = 0
    rejects: list[pl.DataFrame] = field(default_factory=list)
    notes: Counter[str] = field(default_factory=Counter)
    failure: BaseException | None = None
    shown: progress.Work | None = None


def _in_shape(rows: pl.DataFrame, schema: pa.Schema) -> pa.Table:
    """Rows as an Arrow table of `schema`. A reader's rows mostly come in the declared order and
    types already; reordering and casting them anyway would cost a small file as much as a large one."""
    if rows.columns != schema.names:
        rows = rows.select(schema.names)
    table = rows.to_arrow(compat_level=ARROW_COMPAT)
    return table if table.schema.equals(schema) else table.cast(schema)


def _arrow_tables(
    batches: Iterable[ReadResult],
    tally: _StreamTally,
    schema: pa.Schema,
    source_system: str,
    source_file: str,
    now: dt.datetime,
) -> Iterator[pa.Table]:
    """The batches' rows in the table's shape, counting rows and keeping rejected lines in
    `tally` as they pass; an error of the reader is kept in `tally` to tell it from the writer's."""
    try:
        for result in batches:
            tally.rows_read += result.rows_read
            tally.rows_loaded += result.rows.height
            tally.notes.update(result.notes)
            if result.rejects.height:
                tally.rejects.append(result.rejects)
            if tally.shown is not None:
                tally.shown.advance(0, note=f"{source_file}: {tally.rows_read:,} lines")
            yield _in_shape(raw_rows(result.rows, source_system, source_file, now), schema)
    except BaseException as error:
        tally.failure = error
        raise
