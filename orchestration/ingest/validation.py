"""Typed rows checked against a `pandera.polars` model: the rows that pass, and a reason for each that fails.

Every check of the model is first evaluated in one Polars query (`_every_row_passes`): the
model's own check functions, through pandera's check backend, with pandera's rules for
nulls. Only a frame with a failing row goes through `model.validate`, which collects each
check on its own to name the failures: a frame of a few thousand lines, as a 15-minute
GDELT export is, would otherwise spend most of its load in pandera's per-check queries.
"""

from __future__ import annotations

import functools

# pandera registers the Polars versions of its built-in checks (ge, isin, str_matches, …) on
# its first validation; the one-query pass may come first.
import pandera.backends.polars.builtin_checks  # noqa: F401
import pandera.polars as pa
import polars as pl
from pandera.api.polars.types import PolarsData
from pandera.engines import polars_engine

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
    if _every_row_passes(frame, model):
        return frame, empty_reasons()
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


@functools.cache
def _schema(model: type[pa.DataFrameModel]) -> pa.DataFrameSchema:
    return model.to_schema()


def _every_row_passes(frame: pl.DataFrame, model: type[pa.DataFrameModel]) -> bool:
    """Whether `model.validate` would pass `frame` whole: its columns present with their types,
    no null where the model allows none, every column and frame check true on every row.
    One query for all checks; False sends the frame to pandera itself."""
    schema = _schema(model)
    data = frame.lazy()
    verdicts: list[pl.LazyFrame] = []
    for name, column in schema.columns.items():
        if name not in frame.schema:
            return False
        if column.dtype is not None and not column.dtype.check(polars_engine.Engine.dtype(frame.schema[name])):
            return False
        if not column.nullable:
            verdicts.append(data.select(pl.col(name).is_not_null().all()))
        verdicts += [_check_verdict(check, data, name) for check in column.checks]
    verdicts += [_check_verdict(check, data, None) for check in schema.checks]
    if not verdicts:
        return True
    named = [verdict.select(pl.all().alias(f"verdict_{index}")) for index, verdict in enumerate(verdicts)]
    return all(pl.concat(named, how="horizontal").collect().row(0))


def _check_verdict(check: pa.Check, data: pl.LazyFrame, column: str | None) -> pl.LazyFrame:
    """One row, one column: whether `check` holds on every row, nulls judged as pandera judges them."""
    output = check.get_backend(data)(check).apply(PolarsData(data, column or "*"))
    if isinstance(output, bool):
        return pl.LazyFrame({"verdict": [output]})
    verdict = pl.col("check_output")
    verdict = (verdict | verdict.is_null()) if check.ignore_na else verdict.fill_null(False)
    return output.select(verdict.all())
