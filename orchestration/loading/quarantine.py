"""`audit.quarantine`: one row per rejected line (or per rejected file, with no line number).

A reader's rejects (`line_number`, `reason`, `raw_line`) become quarantine rows stamped
with the load, the source system and the file; every writer inserts them through here.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from orchestration.loading.warehouse import relation


def quarantine_rows(rejects: pl.DataFrame, load_id: str, source_system: str, now: dt.datetime) -> pl.DataFrame:
    """`rejects` (with their `source_file`) in the shape of `audit.quarantine`."""
    return rejects.select(
        pl.lit(load_id).alias("load_id"),
        pl.lit(source_system).alias("source_system"),
        pl.col("source_file"),
        pl.col("line_number"),
        pl.col("reason"),
        pl.col("raw_line"),
        pl.lit(now).alias("quarantined_at"),
    )


def insert_quarantine(connection: duckdb.DuckDBPyConnection, rows: pl.DataFrame) -> None:
    """Rows of `quarantine_rows` added to `audit.quarantine` (inside the caller's transaction)."""
    incoming_rejects = relation(connection, rows)
    connection.execute("insert into audit.quarantine by name select * from incoming_rejects")
    del incoming_rejects
