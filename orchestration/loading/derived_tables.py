"""Tables derived from what landed (the coded articles, the GDELT completeness audit), replaced whole."""

from __future__ import annotations

import duckdb
import polars as pl

from orchestration.loading.quarantine import insert_quarantine, quarantine_rows
from orchestration.loading.warehouse import relation, utc_now


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
    now = utc_now()
    connection.begin()
    try:
        for table, frame in frames.items():
            replacement_rows = relation(connection, frame)
            connection.execute(f"create or replace table {table} as select * from replacement_rows")
            del replacement_rows
        if quarantine is not None:
            source_system, load_id, rejects = quarantine
            connection.execute("delete from audit.quarantine where source_system = ?", [source_system])
            if rejects.height:
                insert_quarantine(connection, quarantine_rows(rejects, load_id, source_system, now))
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
