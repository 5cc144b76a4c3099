"""Header names as a reader compares them, and header rows among rejected lines named for what they are."""

from __future__ import annotations

import re
from collections.abc import Collection

import polars as pl

HEADER_ROW_REASON = "header row where none belongs"


def normalised_name(name: str) -> str:
    """A column name as header matching compares it: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def label_header_rows(rejects: pl.DataFrame, first_column_names: Collection[str], separator: str) -> pl.DataFrame:
    """Rejected lines whose first field is the first column's name get the reason that says so.

    No record can hold its own column's name where a typed value belongs, so such a line
    is a header row (a file with a header, or files pasted together); it was rejected
    anyway, this gives it the reason a reader of the quarantine understands.
    """
    if rejects.height == 0:
        return rejects
    names = sorted({normalised_name(name) for name in first_column_names})
    first_field = (
        pl.col("raw_line")
        .str.splitn(separator, 2)
        .struct.field("field_0")
        .str.to_lowercase()
        .str.replace_all(r"[^a-z0-9]", "")
    )
    return rejects.with_columns(
        pl.when(first_field.is_in(names)).then(pl.lit(HEADER_ROW_REASON)).otherwise(pl.col("reason")).alias("reason")
    )
