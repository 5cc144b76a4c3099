"""Load landed files into DuckDB so that every run is safe to repeat: the load of one source, file by file.

Each file is one unit of work (see `loading.replace_by_file`): new and changed files are
(re)loaded, unchanged ones skipped, copies of loaded files quarantined whole. One bad
file never stops the others.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

from orchestration import progress
from orchestration.landing.inventory import AcceptedFile, LandedFile
from orchestration.landing.sources import BatchReader, LandingSource, ReadTogether
from orchestration.loading import lake, small_files
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
            read_together=source.read_together,
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
    read_together: ReadTogether | None = None,
) -> list[LoadOutcome]:
    """Bring the warehouse up to date with `files`: new and changed files are (re)loaded,
    unchanged ones skipped, copies of loaded files and unreadable files quarantined whole.
    One bad file never stops the others.
    `sharing_table_with`: the other source systems whose files load into `table`.

    Files are read and written to the lake by `LOAD_WORKERS` threads at once (Polars,
    pyarrow and the hash release the GIL), with at most `IN_FLIGHT_BYTES` of files in hand
    unless one file alone is larger. With `read_together` (`LandingSource.read_together`),
    consecutive small files go to a worker as one group, read as one batch
    (`loading.small_files`). Their manifest records are committed on this connection
    in the order of `files`, consecutive files in one transaction (`loading.commits`). Which
    files are unchanged or copies is decided from the manifest read once (`SourceManifest`),
    kept in step with the files staged: a file whose bytes are those of a file loaded
    before it is a duplicate, as in a load of one file after the other."""
    outcomes = []
    root = lake.lake_root(connection)
    in_hand: deque[tuple[list[LandedFile], Future[list[WrittenFile]] | str | None]] = deque()
    group: list[LandedFile] = []
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
            landed_files, writing = in_hand.popleft()
            written = writing.result() if isinstance(writing, Future) else [writing] * len(landed_files)
            for landed, file_writing in zip(landed_files, written, strict=True):
                outcomes.append(
                    _finish(
                        connection,
                        table,
                        landed,
                        file_writing,
                        read_batches,
                        load_id,
                        sharing_table_with,
                        manifest,
                        commits,
                    )
                )
                shown.advance(landed.n_bytes)

        def take(landed_files: list[LandedFile], writing: Callable[[], Future[list[WrittenFile]]] | str | None) -> None:
            incoming = sum(landed.n_bytes for landed in landed_files)
            while in_hand and (
                len(in_hand) > LOAD_WORKERS
                or sum(held.n_bytes for held_files, _ in in_hand for held in held_files) + incoming > IN_FLIGHT_BYTES
            ):
                finish_oldest()
            in_hand.append((landed_files, writing() if callable(writing) else writing))

        def submit_group() -> None:
            if group:
                files_of_group = group.copy()
                group.clear()
                take(
                    files_of_group,
                    lambda: workers.submit(
                        _write_files,
                        root,
                        table,
                        source_system,
                        files_of_group,
                        read_batches,
                        read_together,
                        load_id,
                        shown,
                    ),
                )

        for landed in files:
            unchanged = manifest.is_unchanged(landed)
            if unchanged or manifest.loaded_twin(landed) is not None:
                submit_group()
                take([landed], UNCHANGED if unchanged else None)
                continue
            if read_together is None or landed.n_bytes > small_files.SMALL_FILE_BYTES:
                submit_group()
                group.append(landed)
                submit_group()
                continue
            group.append(landed)
            if len(group) == small_files.FILES_READ_TOGETHER:
                submit_group()
        submit_group()
        while in_hand:
            finish_oldest()
    return outcomes


def _write_files(
    root: Path,
    table: str,
    source_system: str,
    landed_files: list[LandedFile],
    read_batches: BatchReader,
    read_together: ReadTogether | None,
    load_id: str,
    shown: progress.Work,
) -> list[WrittenFile]:
    """`_write` of one file; or of consecutive small files, read together where the source can, each
    hashed here rather than on the thread that commits."""
    if len(landed_files) == 1 or read_together is None:
        return [_write(root, table, source_system, landed, read_batches, load_id, shown) for landed in landed_files]
    for landed in landed_files:
        with suppress(OSError):
            _ = landed.content_hash
    return small_files.write_together(
        root,
        table=table,
        source_system=source_system,
        files=landed_files,
        read_together=read_together,
        read_alone=lambda landed: _write(root, table, source_system, landed, read_batches, load_id),
        load_id=load_id,
    )


def _write(
    root: Path,
    table: str,
    source_system: str,
    landed: LandedFile,
    read_batches: BatchReader,
    load_id: str,
    shown: progress.Work | None = None,
) -> WrittenFile:
    """`write_file` of one file: a large one read a batch ahead, its rows so far shown as they are read.
    The file's hash, which its manifest entry keeps, is taken here beside the reading rather than on
    the thread that commits, which would otherwise read every new file whole before any worker starts."""
    batches = read_batches(landed.path)
    large = landed.n_bytes > READ_AHEAD_FROM_BYTES
    if large:
        batches = read_ahead(iter(batches))
    with _hashed_meanwhile(landed):
        return write_file(
            root,
            table=table,
            source_system=source_system,
            landed=landed,
            batches=batches,
            load_id=load_id,
            shown=shown if large else None,
        )


@contextmanager
def _hashed_meanwhile(landed: LandedFile) -> Iterator[None]:
    """The file's content hash computed on a thread of its own while the block runs. A failure is
    left for whoever asks for the hash next, which then raises it."""

    def hash_file() -> None:
        with suppress(OSError):
            _ = landed.content_hash

    hashing = threading.Thread(target=hash_file, name=f"hash-{landed.source_file}", daemon=True)
    hashing.start()
    try:
        yield
    finally:
        hashing.join()


def _finish(
    connection: duckdb.DuckDBPyConnection,
    table: str,
    landed: LandedFile,
    writing: WrittenFile | str | None,
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
        if isinstance(writing, WrittenFile):
            discard(writing)
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
    if isinstance(writing, WrittenFile):
        written = writing
    else:
        written = _write(lake.lake_root(connection), table, manifest.source_system, landed, read_batches, load_id)
    return commit_file(connection, written, sharing_table_with, group=commits)
