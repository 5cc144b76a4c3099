"""Typed rows checked against a `pandera.polars` model: the rows that pass, and a reason for each that fails.

Every check of the model is first evaluated in one Polars query (`_every_row_passes`): each
check function of the model, as pandera's check backend calls it, hands back the expression
it selects, and all of them, with pandera's rules for nulls, run as one `select` over the
frame. A frame of a few thousand lines, as a 15-minute GDELT export is, costs that query's
fixed cost once rather than once per check. Only a frame with a failing row goes through
`model.validate`, which collects each check on its own to name the failures; a model with a
check that is no expression (an element-wise one) is judged check by check.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass

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


@functools.lru_cache(maxsize=64)
def _shape_fits(model: type[pa.DataFrameModel], frame_schema: tuple[tuple[str, pl.DataType], ...]) -> bool:
    """Whether a frame of these columns holds every column of `model` with its type: the same for
    every batch of a file, so judged once per shape."""
    columns = dict(frame_schema)
    for name, column in _schema(model).columns.items():
        if name not in columns:
            return False
        if column.dtype is not None and not column.dtype.check(polars_engine.Engine.dtype(columns[name])):
            return False
    return True


def _every_row_passes(frame: pl.DataFrame, model: type[pa.DataFrameModel]) -> bool:
    """Whether `model.validate` would pass `frame` whole: its columns present with their types,
    no null where the model allows none, every column and frame check true on every row.
    One query for all checks; False sends the frame to pandera itself."""
    if not _shape_fits(model, tuple(frame.schema.items())):
        return False
    verdicts = _verdict_expressions(model, frame.schema)
    if verdicts is None:
        return _every_row_passes_check_by_check(frame, _schema(model))
    if not verdicts:
        return True
    return all(frame.select(verdicts).row(0))


@dataclass(frozen=True)
class _ModelChecks:
    """What the one-query pass asks of a model: the columns that allow no null, and each check (with
    the column it checks, None for a check of the whole frame) and the function its backend calls."""

    not_nullable: tuple[str, ...]
    checks: tuple[tuple[str | None, pa.Check, Callable[[PolarsData], object]], ...]


@functools.cache
def _model_checks(model: type[pa.DataFrameModel]) -> _ModelChecks:
    schema = _schema(model)
    placed = [(name, check) for name, column in schema.columns.items() for check in column.checks]
    placed += [(None, check) for check in schema.checks]
    return _ModelChecks(
        not_nullable=tuple(name for name, column in schema.columns.items() if not column.nullable),
        checks=tuple((name, check, check.get_backend(_ANY_LAZY_FRAME)(check).check_fn) for name, check in placed),
    )


_ANY_LAZY_FRAME = pl.LazyFrame()


def _verdict_expressions(model: type[pa.DataFrameModel], frame_schema: pl.Schema) -> list[pl.Expr] | None:
    """Every check of `model` as one expression each, true when the check holds on every row; None when
    a check is not an expression over the frame's columns (an element-wise check, one that collects).

    The check functions are called afresh for each frame: a check may read the clock."""
    model_checks = _model_checks(model)
    verdicts: list[pl.Expr | None] = [pl.col(name).is_not_null().all() for name in model_checks.not_nullable]
    verdicts += [
        _expression_verdict(check, function, frame_schema, column) for column, check, function in model_checks.checks
    ]
    if any(verdict is None for verdict in verdicts):
        return None
    return [verdict.alias(f"verdict_{index}") for index, verdict in enumerate(verdicts)]  # type: ignore[union-attr]


class _SelectCapture:
    """Stands in for the frame a check function selects from: hands back what it selects instead of
    a query, so that every check becomes one expression of a single query."""

    def __init__(self, frame_schema: pl.Schema) -> None:
        self._frame_schema = frame_schema

    def collect_schema(self) -> pl.Schema:
        return self._frame_schema

    def select(self, *exprs: object, **named: object) -> _Selected:
        return _Selected(exprs, named)


class _Selected:
    def __init__(self, exprs: tuple, named: dict) -> None:
        self.exprs = exprs
        self.named = named

    def expressions(self) -> list[pl.Expr] | None:
        """The selected columns as expressions, or None for anything but column names and expressions."""
        flat: list[object] = []
        for item in self.exprs:
            flat += item if isinstance(item, list | tuple) else [item]
        flat += [expr.alias(alias) if isinstance(expr, pl.Expr) else None for alias, expr in self.named.items()]
        if not all(isinstance(item, pl.Expr | str) for item in flat):
            return None
        return [pl.col(item) if isinstance(item, str) else item for item in flat]


def _expression_verdict(
    check: pa.Check, function: Callable[[PolarsData], object], frame_schema: pl.Schema, column: str | None
) -> pl.Expr | None:
    """One check as an aggregate expression, nulls judged as pandera judges them; None when it is not
    an expression (see `_verdict_expressions`)."""
    if check.element_wise:
        return None
    try:
        output = function(PolarsData(_SelectCapture(frame_schema), column or "*"))  # type: ignore[arg-type]
    except AttributeError:
        return None
    if isinstance(output, bool):
        return pl.lit(output)
    expressions = output.expressions() if isinstance(output, _Selected) else None
    if not expressions:
        return None
    # pandera folds a check of several columns with `&`, nulls included.
    verdict = functools.reduce(operator.and_, expressions)
    verdict = (verdict | verdict.is_null()) if check.ignore_na else verdict.fill_null(False)
    return verdict.all()


def _every_row_passes_check_by_check(frame: pl.DataFrame, schema: pa.DataFrameSchema) -> bool:
    """`_every_row_passes` for a model with a check that is not an expression: each check a query of
    its own through pandera's check backend, the verdicts collected together."""
    data = frame.lazy()
    verdicts: list[pl.LazyFrame] = []
    for name, column in schema.columns.items():
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
