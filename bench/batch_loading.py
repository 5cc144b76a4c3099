"""Loading a file batch by batch, as `orchestration.warehouse.loading` does it whole.

`loading.replace_file_rows` takes one `ReadResult` per file; a 10-million-line GDELT
file does not fit that in 2 GiB. `load_file_in_batches` keeps the loader's contract
(one transaction per file: the file's old rows and quarantined lines deleted, its new
ones inserted, `audit.file_manifest` and `audit.file_loads` written; a failure leaves the
file as it was) while taking the rows as a stream of batches, each handed to DuckDB as
an Arrow relation and inserted on its own. `landed_file` hashes a file without holding it in
memory, where `LandedFile.at` reads it whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path

import duckdb
import polars as pl

from orchestration.sources.landed import ReadResult, UnreadableFileError
from orchestration.warehouse.loading import LandedFile, LoadOutcome, record_rejected_file, table_exists

HASH_BLOCK_BYTES = 8 * 2**20


def landed_file(path: Path, source_dir: Path) -> LandedFile:
    """`LandedFile.at`, hashing the file in blocks instead of reading it whole."""
    digest = hashlib.sha256()
    n_bytes = 0
    with path.open("rb") as stream:
        while block := stream.read(HASH_BLOCK_BYTES):
            digest.update(block)
            n_bytes += len(block)
    return LandedFile(
        path=path, source_file=path.relative_to(source_dir).as_posix(), content_hash=digest.hexdigest(), n_bytes=n_bytes
    )


def load_file_in_batches(
    connection: duckdb.DuckDBPyConnection,
    *,
    table: str,
    source_system: str,
    landed: LandedFile,
    batches: Iterable[ReadResult],
    load_id: str,
) -> LoadOutcome:
    """Replace one file's rows, quarantined lines and manifest entry in one transaction, batch by batch.

    A file found unreadable part-way (a zip whose checksum fails at its end) is rolled
    back and recorded as rejected, like a file found unreadable at once.
    """
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows_read = rows_loaded = rows_quarantined = 0
    connection.begin()
    try:
        if table_exists(connection, table):
            connection.execute(f"delete from {table} where source_file = ?", [landed.source_file])
        connection.execute(
            "delete from audit.quarantine where source_system = ? and source_file = ?",
            [source_system, landed.source_file],
        )
        for batch in batches:
            rows = batch.rows.select(
                pl.lit(landed.source_file).alias("source_file"), pl.all(), pl.lit(now).alias("loaded_at")
            )
            incoming_rows = _relation(connection, rows)
            connection.execute(f"create table if not exists {table} as select * from incoming_rows where false")
            connection.execute(f"insert into {table} by name select * from incoming_rows")
            del incoming_rows
            if batch.rejects.height:
                quarantined = _quarantine_frame(batch.rejects, load_id, source_system, landed, now)
                incoming_rejects = _relation(connection, quarantined)
                connection.execute("insert into audit.quarantine by name select * from incoming_rejects")
                del incoming_rejects
            rows_read += batch.rows_read
            rows_loaded += batch.rows.height
            rows_quarantined += batch.rejects.height
        outcome = LoadOutcome(landed.source_file, "loaded", rows_read, rows_loaded, rows_quarantined)
        connection.execute(
            "insert or replace into audit.file_manifest values (?, ?, ?, ?, ?, ?, ?, ?)",
            [source_system, landed.source_file, landed.content_hash, landed.n_bytes,
             "loaded", rows_loaded, rows_quarantined, now],
        )
        connection.execute(
            "insert into audit.file_loads values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [load_id, source_system, landed.source_file, landed.content_hash, landed.n_bytes,
             rows_read, rows_loaded, rows_quarantined, "loaded", None, now],
        )
        connection.commit()
        return outcome
    except UnreadableFileError as error:
        connection.rollback()
        return record_rejected_file(
            connection, table=table, source_system=source_system, landed=landed,
            status="rejected", reason=str(error), load_id=load_id,
        )
    except BaseException:
        connection.rollback()
        raise


def _relation(connection: duckdb.DuckDBPyConnection, frame: pl.DataFrame) -> duckdb.DuckDBPyRelation:
    """A frame as a DuckDB relation that SQL on `connection` names by its Python variable.

    Not `connection.register`: a registered Arrow table outlives `unregister` (its memory is
    never given back), which a file of many batches cannot afford. Arrow string views are
    handed over without a copy out of Polars.
    """
    return connection.from_arrow(frame.to_arrow(compat_level=pl.CompatLevel.newest()))


def _quarantine_frame(
    rejects: pl.DataFrame, load_id: str, source_system: str, landed: LandedFile, now: dt.datetime
) -> pl.DataFrame:
    return rejects.select(
        pl.lit(load_id).alias("load_id"),
        pl.lit(source_system).alias("source_system"),
        pl.lit(landed.source_file).alias("source_file"),
        pl.col("line_number"),
        pl.col("reason"),
        pl.col("raw_line"),
        pl.lit(now).alias("quarantined_at"),
    )
