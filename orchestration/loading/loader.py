"""Load landed files into DuckDB so that every run is safe to repeat: the load of one source, file by file.

Each file is one unit of work (see `loading.replace_by_file`): new and changed files are
(re)loaded, unchanged ones skipped, copies of loaded files quarantined whole. One bad
file never stops the others.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import duckdb

from orchestration import progress
from orchestration.landing.inventory import AcceptedFile, LandedFile
from orchestration.landing.sources import BatchReader, LandingSource
from orchestration.loading import lake
from orchestration.loading.commits import CommitGroup
from orchestration.loading.manifest import LoadOutcome, SourceManifest
from orchestration.loading.read_ahead import read_ahead
from orchestration.loading.replace_by_file import WrittenFile, commit_file, discard, record_rejected_file, write_file
from orchestration.loading.warehouse import loading_settings

UNCHANGED = "unchanged"
LOAD_WORKERS = 2
"""Files read and written at once: the cores of the machines the warehouse is built for."""
IN_FLIGHT_BYTES = 256 * 2**20
"""Landed bytes in hand at once: with a reader batch of 64 MiB of text, a load's memory stays
within its 2 GiB budget whichever files come together."""
READ_AHEAD_FROM_BYTES = 16 * 2**20
"""Files above this size are read a batch ahead; a smaller one is one batch, with nothing to read ahead."""
FILES_PER_COMMIT = 96
"""Files whose manifest records are committed in one transaction: a day of 15-minute GDELT
exports, whose commits one by one cost more than reading them."""
SECONDS_PER_COMMIT = 5.0
"""A group open this long is committed with the next file it takes: large files commit about one
by one, so an interrupted load loses little of its work."""


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
    `sharing_table_with`: the other source systems whose files load into `table`.

    Files are read and written to the lake by `LOAD_WORKERS` threads at once (Polars,
    pyarrow and the hash release the GIL), with at most `IN_FLIGHT_BYTES` of files in hand
    unless one file alone is larger; their manifest records are committed on this connection
    in the order of `files`, consecutive files in one transaction (`loading.commits`). Which
    files are unchanged or copies is decided from the manifest read once (`SourceManifest`),
    kept in step with the files staged: a file whose bytes are those of a file loaded
    before it is a duplicate, as in a load of one file after the other."""
    outcomes = []
    root = lake.lake_root(connection)
    in_hand: deque[tuple[LandedFile, Future[WrittenFile] | str | None]] = deque()
    manifest = SourceManifest(connection, source_system)
    with (
        loading_settings(connection),
        progress.work(f"Loading {source_system}", sum(f.n_bytes for f in files), "bytes") as shown,
        ThreadPoolExecutor(max_workers=LOAD_WORKERS, thread_name_prefix=f"load-{source_system}") as workers,
        CommitGroup(
            connection,
            source_system,
            sharing_table_with,
            files_per_commit=FILES_PER_COMMIT,
            seconds_per_commit=SECONDS_PER_COMMIT,
            manifest=manifest,
        ) as commits,
    ):

        def finish_oldest() -> None:
            landed, writing = in_hand.popleft()
            outcomes.append(
                _finish(
                    connection, table, landed, writing, read_batches, load_id, sharing_table_with, manifest, commits
                )
            )
            shown.advance(landed.n_bytes)

        for landed in files:
            while in_hand and (
                len(in_hand) > LOAD_WORKERS
                or sum(held.n_bytes for held, _ in in_hand) + landed.n_bytes > IN_FLIGHT_BYTES
            ):
                finish_oldest()
            if manifest.is_unchanged(landed):
                in_hand.append((landed, UNCHANGED))
                continue
            if manifest.loaded_twin(landed) is not None:
                in_hand.append((landed, None))
                continue
            in_hand.append(
                (landed, workers.submit(_write, root, table, source_system, landed, read_batches, load_id, shown))
            )
        while in_hand:
            finish_oldest()
    return outcomes


def _write(
    root: Path,
    table: str,
    source_system: str,
    landed: LandedFile,
    read_batches: BatchReader,
    load_id: str,
    shown: progress.Work | None = None,
) -> WrittenFile:
    """`write_file` of one file: a large one read a batch ahead, its rows so far shown as they are read."""
    batches = read_batches(landed.path)
    large = landed.n_bytes > READ_AHEAD_FROM_BYTES
    if large:
        batches = read_ahead(iter(batches))
    return write_file(
        root,
        table=table,
        source_system=source_system,
        landed=landed,
        batches=batches,
        load_id=load_id,
        shown=shown if large else None,
    )


def _finish(
    connection: duckdb.DuckDBPyConnection,
    table: str,
    landed: LandedFile,
    writing: Future[WrittenFile] | str | None,
    read_batches: BatchReader,
    load_id: str,
    sharing_table_with: tuple[str, ...],
    manifest: SourceManifest,
    commits: CommitGroup,
) -> LoadOutcome:
    """A file's outcome, in turn: unchanged; a duplicate of a file loaded before it (in an earlier
    load, or earlier in this one: `manifest` has learnt each file this load staged); or its written
    rows staged in `commits`. A file set aside whose twin has since changed is read now."""
    if writing == UNCHANGED:
        return LoadOutcome(landed.source_file, "unchanged", 0, 0, 0)
    twin = manifest.loaded_twin(landed)
    if twin is not None:
        if isinstance(writing, Future):
            discard(writing.result())
        return record_rejected_file(
            connection,
            table=table,
            source_system=manifest.source_system,
            landed=landed,
            status="duplicate",
            reason=f"same bytes as {twin}",
            load_id=load_id,
            sharing_table_with=sharing_table_with,
            group=commits,
        )
    if isinstance(writing, Future):
        written = writing.result()
    else:
        written = _write(lake.lake_root(connection), table, manifest.source_system, landed, read_batches, load_id)
    return commit_file(connection, written, sharing_table_with, group=commits)
