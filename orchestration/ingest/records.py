"""The records of a header-driven CSV or TSV file, grouped from its lines and split into string fields.

Fields may be quoted (`"`, doubled inside), so a note may hold the separator, quotes or
a line break: such a record spans lines, is numbered by its first and counts once in
`rows_read`. A record may span lines up to `MAX_RECORD_BYTES`: a quote left open for
longer never closes, so the line that opened it is rejected on its own and reading
resumes on the next line (an open quote at the end of the file makes the rest one
rejected record). A record with another field count than the header's, bytes that are
not UTF-8, a blank line, a repeated header line or broken quoting is rejected with its
reason.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import polars as pl

from orchestration.ingest.fields import split_lines
from orchestration.ingest.header import Header
from orchestration.ingest.header_rows import HEADER_ROW_REASON
from orchestration.ingest.landed import REJECTS_SCHEMA, attach_raw_lines, empty_rejects

MAX_RECORD_BYTES = 2**20
"""The longest a record spanning lines may be (ACLED's longest notes run to a few kilobytes)."""

_QUOTE = b'"'
# A quoted field, quotes inside it doubled; it may span lines.
_QUOTED_FIELD = r'(?s)"(?:[^"]|"")*"'


def record_blocks(
    chunks: Iterable[bytes], first_line_number: int, max_record_bytes: int = MAX_RECORD_BYTES
) -> Iterator[tuple[bytes, int]]:
    """Line-aligned `chunks` regrouped into blocks of whole records, each with its first line's number.

    A block ends where the quotes before it balance. A record still open after
    `max_record_bytes` never closes: its first line becomes a block of its own (to be
    rejected) and grouping starts again on the next line.
    """
    pending = b""
    line_number = first_line_number
    for chunk in chunks:
        data = pending + chunk if pending else chunk
        while True:
            cut = _last_balanced_end(data)
            if cut:
                yield data[:cut], line_number
                line_number += data.count(b"\n", 0, cut)
                data = data[cut:]
            if len(data) <= max_record_bytes:
                break
            opening = data.find(b"\n") + 1 or len(data)
            yield data[:opening], line_number
            line_number += 1
            data = data[opening:]
        pending = data
    if pending:
        yield pending, line_number


def _last_balanced_end(data: bytes) -> int:
    """The offset just after the last line end before which the quotes balance; 0 if there is none."""
    odd = data.count(_QUOTE) % 2
    end = len(data)
    if not data.endswith(b"\n"):
        start = data.rfind(b"\n") + 1
        odd ^= data.count(_QUOTE, start) % 2
        end = start
    while end > 0:
        if not odd:
            return end
        start = data.rfind(b"\n", 0, end - 1) + 1
        odd ^= data.count(_QUOTE, start, end) % 2
        end = start
    return 0


@dataclass(frozen=True)
class HeadedText:
    """The records of a block, split into string fields.

    - `fields`: `line_number` (the record's first line) and one string column per known
      column the header holds, named as the caller knows it; empty fields are null;
    - `rejects`: records rejected while splitting, with their reason and text;
    - `records`: every record's text (`line_number`, `raw_line`), for later reasons.
    """

    fields: pl.DataFrame
    rejects: pl.DataFrame
    records: pl.DataFrame

    @property
    def rows_read(self) -> int:
        return self.records.height

    def with_raw_lines(self, reasons: pl.DataFrame) -> pl.DataFrame:
        return attach_raw_lines(reasons, self.records)


def split_records(block: bytes, first_line_number: int, header: Header) -> HeadedText:
    """A block of whole records split into the header's known columns, bad records rejected."""
    records = _records(split_lines(block, first_line_number), header.separator)
    n_fields = len(header.names)
    checked = records.with_columns(
        pl.when(pl.col("decode_error").is_not_null())
        .then(pl.col("decode_error"))
        .when(pl.col("raw_line").str.strip_chars() == "")
        .then(pl.lit("blank line"))
        .when(pl.col("raw_line") == header.line)
        .then(pl.lit(HEADER_ROW_REASON))
        .when(pl.col("raw_line").str.count_matches('"', literal=True) % 2 == 1)
        .then(pl.format("a quoted field is never closed (the record runs on to line {})", pl.col("last_line_number")))
        .when(pl.col("_n_fields") != n_fields)
        .then(pl.format(f"expected {n_fields} fields as in the header, found {{}}", pl.col("_n_fields")))
        .alias("reason")
    )
    well_formed = checked.filter(pl.col("reason").is_null()).select("line_number", "raw_line")
    fields, malformed = _parse_records(well_formed, header.separator, n_fields)
    rejects = pl.concat([checked.filter(pl.col("reason").is_not_null()).select(REJECTS_SCHEMA.keys()), malformed])
    named = fields.select(
        "line_number", *[pl.col(f"field_{position}").alias(column) for column, position in header.positions.items()]
    )
    return HeadedText(
        fields=named, rejects=rejects.sort("line_number"), records=records.select("line_number", "raw_line")
    )


def _records(lines: pl.DataFrame, separator: str) -> pl.DataFrame:
    """Lines grouped into records: a line that leaves a quote open continues on the next.

    Columns: `line_number` (first line), `last_line_number`, `raw_line` (the record's
    text, lines joined by line ends), `decode_error` (of any of its lines), `_n_fields`
    (counted outside quoted fields).
    """
    odd_quotes = (pl.col("raw_line").str.count_matches('"', literal=True) % 2).cast(pl.Int64)
    grouped = lines.with_columns(
        # A line starts a record when the quotes before it are balanced.
        ((odd_quotes.cum_sum() - odd_quotes) % 2 == 0).cum_sum().alias("_record")
    )
    if grouped["_record"].n_unique() == grouped.height:
        records = grouped.with_columns(pl.col("line_number").alias("last_line_number"))
    else:
        records = grouped.group_by("_record", maintain_order=True).agg(
            pl.col("line_number").first(),
            pl.col("line_number").last().alias("last_line_number"),
            pl.col("raw_line").str.join("\n"),
            pl.col("decode_error").drop_nulls().first(),
        )
    return records.select(
        "line_number",
        "last_line_number",
        "raw_line",
        "decode_error",
        (pl.col("raw_line").str.replace_all(_QUOTED_FIELD, "").str.count_matches(separator, literal=True) + 1).alias(
            "_n_fields"
        ),
    )


def _parse_records(records: pl.DataFrame, separator: str, n_fields: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Well-formed records into `field_0` … string columns, by Polars; by `csv` when Polars refuses."""
    schema = {f"field_{position}": pl.String for position in range(n_fields)}
    if records.height == 0:
        return pl.DataFrame(schema={"line_number": pl.Int64, **schema}), empty_rejects()
    text = "\n".join(records["raw_line"].to_list()).encode("utf-8")
    try:
        parsed = pl.read_csv(text, has_header=False, separator=separator, quote_char='"', schema=schema)
    except pl.exceptions.PolarsError:
        parsed = None
    if parsed is not None and parsed.height == records.height:
        return records.select("line_number").hstack(parsed), empty_rejects()
    kept: list[tuple[int, list[str | None]]] = []
    rejected: list[tuple[int, str, str]] = []
    for line_number, raw_line in records.iter_rows():
        try:
            values = next(csv.reader([raw_line], delimiter=separator, strict=True))
        except csv.Error as problem:
            rejected.append((line_number, f"not a well-formed record: {problem}", raw_line))
            continue
        if len(values) != n_fields:
            reason = f"expected {n_fields} fields as in the header, found {len(values)}"
            rejected.append((line_number, reason, raw_line))
            continue
        kept.append((line_number, [value or None for value in values]))
    fields = pl.DataFrame(
        [(line_number, *values) for line_number, values in kept],
        schema={"line_number": pl.Int64, **schema},
        orient="row",
    )
    return fields, pl.DataFrame(rejected, schema=REJECTS_SCHEMA, orient="row")
