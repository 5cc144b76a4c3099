"""Load landed files into DuckDB so that every run is safe to repeat: the load of one source, file by file.

Each file is one unit of work (see `loading.replace_by_file`): new and changed files are
(re)loaded, unchanged ones skipped, copies of loaded files quarantined whole. One bad
file never stops the others.
"""

from __future__ import annotations

import duckdb

from orchestration import progress
from orchestration.landing.inventory import AcceptedFile, LandedFile
from orchestration.landing.sources import BatchReader, LandingSource
from orchestration.loading.manifest import LoadOutcome, is_unchanged, loaded_twin
from orchestration.loading.read_ahead import read_ahead
from orchestration.loading.replace_by_file import load_file, record_rejected_file
from orchestration.loading.warehouse import loading_settings


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
    with (
        loading_settings(connection),
        progress.work(f"Loading {source_system}", sum(f.n_bytes for f in files), "bytes") as shown,
    ):
        for landed in files:
            outcomes.append(
                _bring_up_to_date(
                    connection, table, source_system, landed, read_batches, load_id, sharing_table_with, shown
                )
            )
            shown.advance(landed.n_bytes)
    return outcomes


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
            connection,
            table=table,
            source_system=source_system,
            landed=landed,
            status="duplicate",
            reason=f"same bytes as {twin}",
            load_id=load_id,
            sharing_table_with=sharing_table_with,
        )
    # The next batch is read while DuckDB inserts the current one.
    return load_file(
        connection,
        table=table,
        source_system=source_system,
        landed=landed,
        batches=read_ahead(iter(read_batches(landed.path))),
        load_id=load_id,
        sharing_table_with=sharing_table_with,
        shown=shown,
    )
