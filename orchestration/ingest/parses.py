"""Typing string fields: how each column parses, and the reason a line is rejected when a value does not."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from orchestration.ingest.landed import empty_reasons


@dataclass(frozen=True)
class Parse:
    """How to type one string column: the expression (null when it does not parse) and
    the words a rejected line's reason uses for the expected form.

    `source` names the string column the expression reads when it differs from the
    output column (a value derived from a field, such as GKG's tone from V2Tone).
    """

    expr: pl.Expr
    expected: str
    source: str | None = None


def whole_number(name: str, dtype: pl.DataType | type[pl.DataType] = pl.Int64) -> Parse:
    return Parse(pl.col(name).cast(dtype, strict=False), "a whole number")


def decimal_number(name: str) -> Parse:
    return Parse(pl.col(name).cast(pl.Float64, strict=False), "a decimal number")


def date_as(name: str, format: str, expected: str) -> Parse:
    return Parse(pl.col(name).str.to_date(format, strict=False), expected)


def timestamp_as(name: str, format: str, expected: str) -> Parse:
    return Parse(pl.col(name).str.to_datetime(format, strict=False), expected)


def type_fields(fields: pl.DataFrame, parses: Mapping[str, Parse]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Type the string columns named in `parses`; returns typed rows and reasons (line_number, reason).

    A value that is present but does not parse rejects its line, naming column and value.
    Parsing nulls a value it cannot read and keeps every null, so a column's null count
    rising is the whole test of a clean batch; reasons are only built when it rises.
    """
    # Lazy, so that parses sharing a sub-expression (the split of one field) compute it once.
    typed = fields.lazy().with_columns(**{name: parse.expr for name, parse in parses.items()}).collect()
    failing = [
        name for name, parse in parses.items() if typed[name].null_count() > fields[parse.source or name].null_count()
    ]
    if not failing:
        return typed, empty_reasons()
    groups: dict[tuple[str, str], list[str]] = {}
    for name in failing:
        parse = parses[name]
        groups.setdefault((parse.source or name, parse.expected), []).append(name)
    sources = sorted({source for source, _ in groups})
    probe = fields.select("line_number", *sources).hstack(
        typed.select([pl.col(name).alias(f"_typed_{name}") for name in failing])
    )
    problems = [
        pl.when(
            pl.col(source).is_not_null() & pl.any_horizontal([pl.col(f"_typed_{name}").is_null() for name in names])
        ).then(pl.format(f"{source}: '{{}}' is not {expected}", pl.col(source)))
        for (source, expected), names in groups.items()
    ]
    reasons = probe.select(
        "line_number", pl.concat_str(problems, separator="; ", ignore_nulls=True).replace("", None).alias("reason")
    )
    failed = reasons["reason"].is_not_null()
    return typed.filter(~failed), reasons.filter(failed)
