"""Lines of a landed file split into string fields: one row per line, a reason for each line that does not split.

Empty fields become nulls and every column stays a string (typing is `parses.py`'s).
`split_lines` serves header-driven files too; `split_chunk` reads a piece of a
header-less file, letting Polars' CSV parser split a clean piece and falling back to a
line-by-line split only for a piece that holds a bad line.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from orchestration.ingest.batches import count_lines
from orchestration.ingest.landed import REJECTS_SCHEMA, attach_raw_lines, empty_rejects

UTF8_BOM = b"\xef\xbb\xbf"


def split_lines(data: bytes, first_line_number: int = 1) -> pl.DataFrame:
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
    return (
        pl.DataFrame(
            {"raw_line": lines, "decode_error": errors},
            schema={"raw_line": pl.String, "decode_error": pl.String},
        )
        .with_row_index("line_number", offset=first_line_number)
        .with_columns(
            pl.col("line_number").cast(pl.Int64),
            pl.col("raw_line").str.strip_suffix("\r"),
        )
    )


def split_fields(
    lines: pl.DataFrame, names: list[str], separator: str = "\t", min_fields: int | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Split each line into `names`; lines with another field count are rejected.

    Empty fields become nulls. Every column stays a string: typing is the caller's.
    With `min_fields`, lines of `min_fields` up to `len(names)` fields are all kept (the
    missing trailing fields null) and a `field_count` column says how many each had.
    """
    expected = len(names)
    fewest = expected if min_fields is None else min_fields
    counted = lines.with_columns(pl.col("raw_line").str.split(separator).alias("_fields")).with_columns(
        pl.col("_fields").list.len().alias("_n_fields")
    )
    if fewest == expected:
        expectation = f"{expected}"
    else:
        expectation = f"{fewest} or {expected}" if expected - fewest == 1 else f"{fewest} to {expected}"
    reason = (
        pl.when(pl.col("decode_error").is_not_null())
        .then(pl.col("decode_error"))
        .when(pl.col("raw_line").str.strip_chars() == "")
        .then(pl.lit("blank line"))
        .when(~pl.col("_n_fields").is_between(fewest, expected))
        .then(pl.format(f"expected {expectation} fields, found {{}}", pl.col("_n_fields")))
    )
    counted = counted.with_columns(reason.alias("reason"))
    rejects = counted.filter(pl.col("reason").is_not_null()).select(REJECTS_SCHEMA.keys())
    fields = counted.filter(pl.col("reason").is_null()).select(
        "line_number",
        *[
            pl.col("_fields").list.get(position, null_on_oob=True).replace("", None).alias(name)
            for position, name in enumerate(names)
        ],
        *([pl.col("_n_fields").cast(pl.Int8).alias("field_count")] if min_fields is not None else []),
    )
    return fields, rejects


@dataclass(frozen=True)
class SplitChunk:
    """A piece of a header-less file split into string fields.

    `lines` is kept only when the piece took the line-by-line path; on the fast path a
    rejected line's text is rebuilt from its fields, which reproduces it byte for byte
    (no quoting, and the fast path only takes pieces without carriage returns).
    """

    fields: pl.DataFrame
    rejects: pl.DataFrame
    rows_read: int
    names: list[str]
    separator: str
    lines: pl.DataFrame | None = None

    def with_raw_lines(self, reasons: pl.DataFrame) -> pl.DataFrame:
        """`reasons` (line_number, reason) of lines that were split, with their text."""
        if reasons.height == 0:
            return empty_rejects()
        if self.lines is not None:
            return attach_raw_lines(reasons, self.lines)
        rebuilt = self.fields.filter(pl.col("line_number").is_in(reasons["line_number"].implode())).select(
            "line_number",
            pl.concat_str([pl.col(name).fill_null("") for name in self.names], separator=self.separator).alias(
                "raw_line"
            ),
        )
        return attach_raw_lines(reasons, rebuilt)


def split_chunk(
    chunk: bytes,
    names: list[str],
    first_line_number: int,
    *,
    separator: str = "\t",
    min_fields: int | None = None,
) -> SplitChunk:
    """Split a line-aligned piece of a header-less file into string fields.

    Fast path: Polars' CSV parser, when the piece is provably clean. Polars refuses a
    line with too many fields but fills a short one with nulls without a word, so its
    result is trusted only when it has one row per line and either no null in the last
    column or exactly `lines × (fields − 1)` separators in the piece; either way every
    line then has exactly the expected fields. Anything else (a bad line, bytes that
    are not UTF-8, carriage returns, a byte-order mark, a variable field count) takes
    the line-by-line path, which names each bad line.
    """
    rows_read = count_lines(chunk)
    if min_fields is None and b"\r" not in chunk and not chunk.startswith(UTF8_BOM):
        try:
            fields = pl.read_csv(
                chunk,
                has_header=False,
                separator=separator,
                quote_char=None,
                schema=dict.fromkeys(names, pl.String),
                raise_if_empty=False,
            )
        except pl.exceptions.PolarsError:
            fields = None
        # A short line leaves its last field null; when no last field is null (GDELT's
        # SOURCEURL never is) that alone proves every line whole, sparing the count.
        if (
            fields is not None
            and fields.height == rows_read
            and (fields[names[-1]].null_count() == 0 or chunk.count(separator.encode()) == rows_read * (len(names) - 1))
        ):
            numbered = fields.with_row_index("line_number", offset=first_line_number).with_columns(
                pl.col("line_number").cast(pl.Int64)
            )
            return SplitChunk(numbered, empty_rejects(), rows_read, names, separator)
    lines = split_lines(chunk, first_line_number)
    fields, rejects = split_fields(lines, names, separator, min_fields)
    return SplitChunk(fields, rejects, lines.height, names, separator, lines.select("line_number", "raw_line"))
