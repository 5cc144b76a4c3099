"""What every reader of a landed file shares: bytes, lines, fields and rejected lines.

A reader never drops a line. Each physical line of a file is either a row of the typed
frame or a row of the rejects frame with the reason, so `rows_read = rows + rejects`.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandera.polars as pa
import polars as pl

REJECTS_SCHEMA = {"line_number": pl.Int64, "reason": pl.String, "raw_line": pl.String}


class UnreadableFileError(ValueError):
    """The file as a whole cannot be read (not a zip, empty, …): quarantine the file."""


@dataclass(frozen=True)
class ReadResult:
    rows: pl.DataFrame
    rejects: pl.DataFrame
    rows_read: int

    def __post_init__(self) -> None:
        if self.rows.height + self.rejects.height != self.rows_read:
            raise AssertionError(
                f"reader lost lines: {self.rows_read} read, {self.rows.height} rows + {self.rejects.height} rejects"
            )


def landed_bytes(path: Path) -> bytes:
    """The file's content; a `.zip` (as GDELT ships) gives its single member's content."""
    data = path.read_bytes()
    if path.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = [name for name in archive.namelist() if not name.endswith("/")]
                if len(members) != 1:
                    raise UnreadableFileError(f"zip holds {len(members)} files, expected exactly one")
                data = archive.read(members[0])
        except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as error:
            raise UnreadableFileError(f"not a readable zip file: {error}") from error
    if not data.strip():
        raise UnreadableFileError("file is empty")
    return data


def split_lines(data: bytes) -> pl.DataFrame:
    """One row per physical line: `line_number` (1-based), `raw_line`, `decode_error`.

    The fast path decodes the whole file at once; only a file with bad bytes pays for a
    line-by-line decode, which keeps the good lines and names the bad ones.
    """
    if data.endswith(b"\n"):
        data = data[:-1]
    try:
        lines = data.decode("utf-8").split("\n")
        errors: list[str | None] = [None] * len(lines)
    except UnicodeDecodeError:
        lines, errors = [], []
        for raw in data.split(b"\n"):
            try:
                lines.append(raw.decode("utf-8"))
                errors.append(None)
            except UnicodeDecodeError as error:
                lines.append(raw.decode("utf-8", errors="backslashreplace"))
                errors.append(f"undecodable bytes (not UTF-8) at byte {error.start} of the line")
    return pl.DataFrame(
        {"raw_line": lines, "decode_error": errors},
        schema={"raw_line": pl.String, "decode_error": pl.String},
    ).with_row_index("line_number", offset=1).with_columns(
        pl.col("line_number").cast(pl.Int64),
        pl.col("raw_line").str.strip_suffix("\r"),
    )


def split_fields(lines: pl.DataFrame, names: list[str], separator: str = "\t") -> tuple[pl.DataFrame, pl.DataFrame]:
    """Split each line into `names`; lines with another field count are rejected.

    Empty fields become nulls. Every column stays a string: typing is the caller's.
    """
    expected = len(names)
    counted = lines.with_columns(pl.col("raw_line").str.split(separator).alias("_fields")).with_columns(
        pl.col("_fields").list.len().alias("_n_fields")
    )
    reason = (
        pl.when(pl.col("decode_error").is_not_null())
        .then(pl.col("decode_error"))
        .when(pl.col("raw_line").str.strip_chars() == "")
        .then(pl.lit("blank line"))
        .when(pl.col("_n_fields") != expected)
        .then(pl.format(f"expected {expected} fields, found {{}}", pl.col("_n_fields")))
    )
    counted = counted.with_columns(reason.alias("reason"))
    rejects = counted.filter(pl.col("reason").is_not_null()).select(REJECTS_SCHEMA.keys())
    fields = counted.filter(pl.col("reason").is_null()).select(
        "line_number",
        *[
            pl.col("_fields").list.get(position).replace("", None).alias(name)
            for position, name in enumerate(names)
        ],
    )
    return fields, rejects


@dataclass(frozen=True)
class Parse:
    """How to type one string column: the expression (null when it does not parse) and
    the words a rejected line's reason uses for the expected form."""

    expr: pl.Expr
    expected: str


def type_columns(
    fields: pl.DataFrame, parses: dict[str, Parse], raw_lines: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Type the string columns named in `parses`.

    A value that is present but does not parse rejects its line, naming column and value.
    """
    converted = fields.with_columns(**{f"_typed_{name}": parse.expr for name, parse in parses.items()})
    problems = [
        pl.when(pl.col(name).is_not_null() & pl.col(f"_typed_{name}").is_null()).then(
            pl.format(f"{name}: '{{}}' is not {parse.expected}", pl.col(name))
        )
        for name, parse in parses.items()
    ]
    converted = converted.with_columns(
        pl.concat_str(problems, separator="; ", ignore_nulls=True).replace("", None).alias("reason")
    )
    good = (
        converted.filter(pl.col("reason").is_null())
        .with_columns(**{name: pl.col(f"_typed_{name}") for name in parses})
        .select(fields.columns)
    )
    rejects = (
        converted.filter(pl.col("reason").is_not_null())
        .select("line_number", "reason")
        .join(raw_lines.select("line_number", "raw_line"), on="line_number")
    )
    return good, rejects.select(REJECTS_SCHEMA.keys())


def validate(
    frame: pl.DataFrame, model: type[pa.DataFrameModel], raw_lines: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Validate with a `pandera.polars` model; failing rows are rejected with every failed check."""
    try:
        return model.validate(frame, lazy=True), pl.DataFrame(schema=REJECTS_SCHEMA)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        row_level = cases.filter(pl.col("index").is_not_null())
        if row_level.height < cases.height:
            raise
        reasons = (
            row_level.with_columns(
                pl.format("{} failed {} (value {})", pl.col("column"), pl.col("check"), pl.col("failure_case")).alias("reason")
            )
            .group_by("index")
            .agg(pl.col("reason").str.join("; "))
        )
        indexed = frame.with_row_index("_position")
        failed = indexed.join(reasons, left_on="_position", right_on=pl.col("index").cast(pl.UInt32), how="inner")
        rejects = failed.select("line_number", "reason").join(raw_lines.select("line_number", "raw_line"), on="line_number")
        kept = indexed.join(reasons, left_on="_position", right_on=pl.col("index").cast(pl.UInt32), how="anti").drop("_position")
        return model.validate(kept), rejects.select(REJECTS_SCHEMA.keys())
