"""Header-driven CSV and TSV files (ACLED's, POLECAT's), read as a stream of batches.

The first line names the columns; header names match known columns without regard to
case, spaces, underscores or punctuation. The separator is whichever of the layout's
separators the header line holds most of. Fields may be quoted (`"`, doubled inside),
so a note may hold the separator, quotes or a line break: such a record spans lines, is
numbered by its first and counts once in `rows_read`.

A file of any size is read in batches of whole records, so memory stays bounded by the
batch. A record may span lines up to `MAX_RECORD_BYTES`: a quote left open for longer
never closes, so the line that opened it is rejected on its own and reading resumes on
the next line (an open quote at the end of the file makes the rest one rejected record).
A record with another field count than the header's, bytes that are not UTF-8, a blank
line, a repeated header line or broken quoting is rejected with its reason. A header
that lacks a required column makes the whole file unreadable.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandera.polars as pa
import polars as pl

from orchestration.ingest.landed import (
    DEFAULT_BATCH_BYTES,
    HEADER_ROW_REASON,
    REJECTS_SCHEMA,
    FirstOccurrences,
    Parse,
    ReadResult,
    UnreadableFileError,
    attach_raw_lines,
    collect_batches,
    empty_reasons,
    empty_rejects,
    iter_landed_chunks,
    label_header_rows,
    normalised_name,
    open_landed,
    split_lines,
    type_fields,
    validate_rows,
)

MAX_RECORD_BYTES = 2**20
"""The longest a record spanning lines may be (ACLED's longest notes run to a few kilobytes)."""

_UTF8_BOM = b"\xef\xbb\xbf"
_QUOTE = b'"'
# A quoted field, quotes inside it doubled; it may span lines.
_QUOTED_FIELD = r'(?s)"(?:[^"]|"")*"'


@dataclass(frozen=True)
class HeadedLayout:
    """One kind of header-driven file: its known columns, which are required, typing, checks.

    - `columns`: every known column, in output order, with the other names a header
      may give it (case, spaces and punctuation never matter);
    - `required`: columns a header must hold; any other known column may be absent,
      and is then null in every row;
    - `parses`, `derived`, `model`: typing, columns computed from typed ones before
      validation, and the pandera model every kept row satisfies;
    - `unique_key`: a column whose value stands once per file (`unique_key_label` names
      it in reasons);
    - `notes`: for a column, the note a loaded row with a null value there earns (a key
      derived because the file lacked one), counted in `ReadResult.notes`.
    """

    columns: Mapping[str, Collection[str]]
    required: Collection[str]
    parses: Mapping[str, Parse]
    model: type[pa.DataFrameModel]
    derived: Mapping[str, pl.Expr] = field(default_factory=dict)
    unique_key: str | None = None
    unique_key_label: str = ""
    separators: str = ",\t"
    notes: Mapping[str, str] = field(default_factory=dict)

    @property
    def output(self) -> list[str]:
        return ["line_number", *self.columns, *self.derived]

    def empty_rows(self) -> pl.DataFrame:
        """The rows a file of this layout gives, with none in them: the table's shape."""
        fields = pl.DataFrame(schema={"line_number": pl.Int64, **dict.fromkeys(self.columns, pl.String)})
        typed, _ = type_fields(fields, self.parses)
        typed = typed.with_columns(**self.derived) if self.derived else typed
        return typed.select(self.output)


@dataclass(frozen=True)
class Header:
    """A file's header line: its names, its separator and where each known column stands."""

    line: str
    names: list[str]
    separator: str
    positions: dict[str, int]
    unknown_columns: list[str]


def read_header(line: bytes, aliases: Mapping[str, Collection[str]], required: Collection[str], separators: str) -> Header:
    """The header line of a file; `UnreadableFileError` when it is not text or lacks a required column."""
    try:
        text = line.removeprefix(_UTF8_BOM).decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as error:
        raise UnreadableFileError(f"header line: undecodable bytes (not UTF-8) at byte {error.start}") from error
    separator = max(separators, key=text.count)
    names = next(csv.reader([text], delimiter=separator), [])
    positions, unknown = _match_header(names, aliases)
    missing = [column for column in required if column not in positions]
    if missing:
        raise UnreadableFileError(f"header lacks required column(s) {', '.join(missing)}: {text[:300]!r}")
    return Header(text, names, separator, positions, unknown)


def _match_header(header: list[str], aliases: Mapping[str, Collection[str]]) -> tuple[dict[str, int], list[str]]:
    """Known column → its position in the header; and the header names no column claims."""
    by_name = {normalised_name(alias): column for column, names in aliases.items() for alias in [column, *names]}
    positions: dict[str, int] = {}
    unknown = []
    for position, name in enumerate(header):
        column = by_name.get(normalised_name(name))
        if column is None or column in positions:
            unknown.append(name)
        else:
            positions[column] = position
    return positions, unknown


# Records -------------------------------------------------------------------------------


def record_blocks(chunks: Iterable[bytes], first_line_number: int, max_record_bytes: int = MAX_RECORD_BYTES) -> Iterator[tuple[bytes, int]]:
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
    return HeadedText(fields=named, rejects=rejects.sort("line_number"), records=records.select("line_number", "raw_line"))


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


# Typed batches -------------------------------------------------------------------------


def headed_batches(chunks: Iterable[bytes], layout: HeadedLayout, max_record_bytes: int = MAX_RECORD_BYTES) -> Iterator[ReadResult]:
    """One result per block of whole records of a file given as line-aligned `chunks`: split, trim,
    type, derive, validate, drop keys repeated anywhere earlier in the file."""
    chunks = iter(chunks)
    first = next(chunks, b"")
    line_end = first.find(b"\n")
    header_line, rest = (first, b"") if line_end < 0 else (first[: line_end + 1], first[line_end + 1 :])
    header = read_header(header_line, layout.columns, layout.required, layout.separators)
    seen = FirstOccurrences(layout.unique_key, layout.unique_key_label) if layout.unique_key else None
    remaining = _prepend(rest, chunks)
    any_block = False
    for block, first_line_number in record_blocks(remaining, 2, max_record_bytes):
        any_block = True
        yield _read_block(split_records(block, first_line_number, header), header, layout, seen)
    if not any_block:
        # A header and no record: an export of a period without events.
        yield ReadResult(rows=layout.empty_rows(), rejects=empty_rejects(), rows_read=0)


def _prepend(first: bytes, chunks: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from chunks


def _read_block(text: HeadedText, header: Header, layout: HeadedLayout, seen: FirstOccurrences | None) -> ReadResult:
    # Spreadsheet exports pad fields: values are trimmed, and an empty one is null.
    present = [column for column in layout.columns if column in text.fields.columns]
    fields = text.fields.select(
        "line_number",
        *[pl.col(column).str.strip_chars().replace("", None) for column in present],
        *[pl.lit(None, dtype=pl.String).alias(column) for column in layout.columns if column not in present],
    )
    typed, type_reasons = type_fields(fields, layout.parses)
    if layout.derived:
        typed = typed.with_columns(**layout.derived)
    valid, check_reasons = validate_rows(typed, layout.model)
    kept, repeat_reasons = seen.split(valid) if seen is not None else (valid, empty_reasons())
    rejects = pl.concat([text.rejects, text.with_raw_lines(pl.concat([type_reasons, check_reasons, repeat_reasons]))])
    # A header repeated in other letters or quoting fails typing; its first field says what it is.
    rejects = label_header_rows(rejects, [header.names[0]], header.separator).sort("line_number")
    notes = _count_notes(kept, fields, layout.notes)
    return ReadResult(rows=kept.select(layout.output), rejects=rejects, rows_read=text.rows_read, notes=notes)


def _count_notes(kept: pl.DataFrame, fields: pl.DataFrame, notes: Mapping[str, str]) -> dict[str, int]:
    """For each noted column, how many kept rows had it null in the file."""
    counts = {}
    for column, note in notes.items():
        noted = fields.filter(pl.col(column).is_null())["line_number"]
        counts[note] = kept.filter(pl.col("line_number").is_in(noted.implode())).height
    return {note: count for note, count in counts.items() if count}


def iter_headed_batches(path: Path, layout: HeadedLayout, batch_bytes: int = DEFAULT_BATCH_BYTES) -> Iterator[ReadResult]:
    """A (plain or zipped) header-driven file of any size, in batches of about `batch_bytes` of text."""
    with open_landed(path) as stream:
        yield from headed_batches(iter_landed_chunks(stream, batch_bytes), layout)


def read_headed_bytes(data: bytes, layout: HeadedLayout) -> ReadResult:
    """A whole header-driven file held in memory, as one result."""
    if not data.strip():
        raise UnreadableFileError("file is empty")
    return collect_batches(headed_batches([data], layout))
