"""Typed rows checked against a `pandera.polars` model: the rows that pass, and a reason for each that fails."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from orchestration.ingest.landed import REASONS_SCHEMA, empty_reasons


class LandedRowModel(pa.DataFrameModel):
    """What every reader's model checks: a row keeps the physical line it came from, and any column
    the model does not name."""

    line_number: int = pa.Field(ge=1)

    class Config:
        strict = False


def validate_rows(frame: pl.DataFrame, model: type[pa.DataFrameModel]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Validate with a `pandera.polars` model, every check over the whole frame at once;
    failing rows come back as reasons (line_number, reason) naming every failed check."""
    try:
        return model.validate(frame, lazy=True), empty_reasons()
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        row_level = cases.filter(pl.col("index").is_not_null())
        if row_level.height < cases.height:
            raise
        by_position = (
            row_level.with_columns(
                # A check on the whole row names itself; the row it failed on is in the raw line.
                pl.when(pl.col("schema_context") == "DataFrameSchema")
                .then(pl.col("check"))
                .otherwise(
                    pl.format(
                        "{} failed {} (value {})",
                        pl.col("column").fill_null("a column"),
                        pl.col("check").fill_null("a check"),
                        pl.col("failure_case").cast(pl.String).fill_null("null"),
                    )
                )
                .alias("reason"),
                pl.col("index").cast(pl.UInt32).alias("_position"),
            )
            .group_by("_position", maintain_order=True)
            .agg(pl.col("reason").str.join("; "))
        )
        indexed = frame.with_row_index("_position")
        failed = pl.col("_position").is_in(by_position["_position"].implode())
        reasons = (
            indexed.filter(failed)
            .select("_position", "line_number")
            .join(by_position, on="_position")
            .sort("line_number")
            .select(REASONS_SCHEMA.keys())
        )
        kept = indexed.filter(~failed).drop("_position")
        return model.validate(kept), reasons
