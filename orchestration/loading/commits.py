"""The commits of consecutive landed files as one DuckDB transaction: the second half of replace
by file (`loading.replace_by_file`), for many files at once.

A load of many small files (GDELT lands 96 exports a day) would otherwise pay, for each file,
a transaction and a statement for each audit table it writes. A group stages each file's
records (manifest entry, load-log line, quarantined lines) with the change it makes to the
lake, and writes them in one transaction, one statement per audit table; only once that has
committed are the group's pending Parquet files renamed into place and the lake files they
replace removed. A crash before the commit leaves none of the group's files loaded, after it
all of them, once the next opening of the warehouse has settled the lake (`lake.settle`: a
pending file whose load committed is put in place, any other deleted). An error while
writing rolls the whole group back and deletes its pending files.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import duckdb
import polars as pl

from orchestration.loading import lake
from orchestration.loading.manifest import LoadRecord, SourceManifest, record_loads
from orchestration.loading.quarantine import insert_quarantine
from orchestration.loading.tables import refresh_raw_view


@dataclass(frozen=True)
class NewLakeFile:
    """A loaded file's rows, written under a pending name until its load commits."""

    table: str
    pending: Path
    final: Path

    @property
    def root(self) -> Path:
        """The lake it belongs to: `<lake>/<table>/<source system>/<file>`."""
        return self.final.parents[2]


@dataclass(frozen=True)
class StagedFile:
    """One file's part of a group: what it records, and what it changes in the lake once committed.

    - `quarantined`: its rejected lines in the shape of `audit.quarantine`, if any;
    - `new_lake_file`: for a loaded file, its new Parquet file, put in place once committed;
    - `replaced`: lake files of the landed file its rows no longer live in, removed once committed.
    """

    record: LoadRecord
    quarantined: pl.DataFrame | None = None
    new_lake_file: NewLakeFile | None = None
    replaced: tuple[Path, ...] = ()


class CommitGroup:
    """Files of one source system staged one after the other and committed together: when the
    group holds `files_per_commit` files or has been open `seconds_per_commit`, and when it is
    left (`with`). Leaving it on an error commits what it holds (those files were read through
    and are whole); leaving it on anything else (the process stopped) drops it.

    The quarantined lines a group clears are those of its files under `source_system` and the
    systems of `sharing_table_with`; an entry one of those holds for a file is replaced.
    `manifest`, when given, learns each record as it is staged, so that the load's later
    decisions see the files before it as loaded, as if each had committed alone."""

    def __init__(
        self,
        connection: duckdb.DuckDBPyConnection,
        source_system: str,
        sharing_table_with: tuple[str, ...] = (),
        *,
        files_per_commit: int = 1,
        seconds_per_commit: float = float("inf"),
        manifest: SourceManifest | None = None,
    ) -> None:
        self._connection = connection
        self._source_system = source_system
        self._sharing_table_with = sharing_table_with
        self._files_per_commit = files_per_commit
        self._seconds_per_commit = seconds_per_commit
        self._manifest = manifest
        self._staged: list[StagedFile] = []
        self._opened_at = 0.0

    def __enter__(self) -> CommitGroup:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, _error: BaseException | None, _traceback: TracebackType | None
    ) -> None:
        if kind is None or issubclass(kind, Exception):
            self.commit()
        else:
            self._drop()

    def stage(self, staged: StagedFile) -> None:
        """Add a file; the group commits when it is full or has been open long enough."""
        if staged.record.source_system != self._source_system:
            raise ValueError(f"a group of {self._source_system} files was given a {staged.record.source_system} file")
        if any(held.record.landed.source_file == staged.record.landed.source_file for held in self._staged):
            self.commit()
        if not self._staged:
            self._opened_at = time.monotonic()
        self._staged.append(staged)
        if self._manifest is not None:
            self._manifest.recorded(staged.record)
        if (
            len(self._staged) >= self._files_per_commit
            or time.monotonic() - self._opened_at >= self._seconds_per_commit
        ):
            self.commit()

    def commit(self) -> None:
        """Every staged file recorded in one transaction, then its lake changes made."""
        staged, self._staged = self._staged, []
        if not staged:
            return
        connection = self._connection
        connection.begin()
        try:
            connection.execute(
                "delete from audit.quarantine where list_contains(?, source_system) and list_contains(?, source_file)",
                [
                    [self._source_system, *self._sharing_table_with],
                    [held.record.landed.source_file for held in staged],
                ],
            )
            quarantined = [held.quarantined for held in staged if held.quarantined is not None]
            if quarantined:
                insert_quarantine(connection, pl.concat(quarantined))
            record_loads(connection, [held.record for held in staged], self._sharing_table_with)
            connection.commit()
        except BaseException:
            connection.rollback()
            _delete_pending(staged)
            raise
        self._put_in_place(staged)

    def _put_in_place(self, staged: list[StagedFile]) -> None:
        tables = {(held.new_lake_file.root, held.new_lake_file.table) for held in staged if held.new_lake_file}
        empty_before = [(root, table) for root, table in tables if not lake.holds_files(root, table)]
        for held in staged:
            if held.new_lake_file is not None:
                lake.publish(held.new_lake_file.pending, held.new_lake_file.final)
            lake.remove(held.replaced)
        # A view over a folder without any file cannot read: it is made anew once the folder has one.
        for _root, table in empty_before:
            refresh_raw_view(self._connection, table)

    def _drop(self) -> None:
        staged, self._staged = self._staged, []
        _delete_pending(staged)


def _delete_pending(staged: list[StagedFile]) -> None:
    for held in staged:
        if held.new_lake_file is not None:
            held.new_lake_file.pending.unlink(missing_ok=True)
