"""The Parquet export: one Parquet file per mart, `<folder>/<schema>/<name>.parquet`, for tools
that read files rather than databases.

Each file is written under a temporary dot-name and renamed into place, and each schema's
folder mirrors the schema: a file whose table is gone is removed.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Sequence
from pathlib import Path

import duckdb

from orchestration.serving.marts import (
    MartObject,
    column_types,
    mart_objects,
    mart_schemas,
    quote_identifier,
    quote_literal,
)

_HUGE_INTEGER = re.compile(r"\bU?HUGEINT\b")


def export_parquet(warehouse_or_snapshot: Path, folder: Path, schemas: Sequence[str] | None = None) -> list[Path]:
    """One Parquet file per table and view of `schemas` (default: the dbt project's mart
    schemas): `<folder>/<schema>/<name>.parquet`.

    Each schema's folder mirrors the schema: a Parquet file there whose table is gone is
    removed, so tools reading the folder never see a mart that no longer exists.
    """
    schemas = mart_schemas() if schemas is None else schemas
    written: list[Path] = []
    with duckdb.connect(str(warehouse_or_snapshot), read_only=True) as connection:
        objects = mart_objects(connection, schemas)
        for item in objects:
            target = folder / item.schema / f"{item.name}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            # A dot-name: readers globbing `*.parquet` never pick up a file being written.
            partial = target.with_name(f".{target.name}.tmp-{uuid.uuid4().hex}")
            try:
                rows = f"select {_parquet_columns(connection, item)} from {item.qualified}"
                connection.execute(f"copy ({rows}) to {quote_literal(str(partial))} (format parquet, compression zstd)")
                os.replace(partial, target)
            finally:
                partial.unlink(missing_ok=True)
            written.append(target)
    for schema in schemas:
        for stale in sorted(set((folder / schema).glob("*.parquet")) - set(written)):
            stale.unlink()
    return written


def _parquet_columns(connection: duckdb.DuckDBPyConnection, item: MartObject) -> str:
    """The select list that writes `item` exactly: Parquet has no 128-bit integer and DuckDB
    would write HUGEINT (what `sum` of BIGINTs returns) as a lossy DOUBLE, so it is written as
    DECIMAL(38,0), and a value too large for that fails the export instead of losing digits."""
    return ", ".join(
        f"{quote_identifier(name)}::{_HUGE_INTEGER.sub('DECIMAL(38,0)', data_type)} as {quote_identifier(name)}"
        if _HUGE_INTEGER.search(data_type)
        else quote_identifier(name)
        for name, data_type in column_types(connection, item)
    )
