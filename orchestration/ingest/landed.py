"""What every reader of a landed file shares: bytes, lines, fields and rejected lines.

A reader never drops a line. Each physical line of a file is either a row of the typed
frame or a row of the rejects frame with the reason, so `rows_read = rows + rejects`.
A file with a header row counts its data lines only; line numbers stay physical (the
header is line 1).

Header-less delimited files (GDELT's) are read here: `iter_headerless_batches` reads a
file of any size in line-aligned batches, letting Polars' CSV parser split a clean batch
and falling back to a line-by-line split only for a batch that holds a bad line.
Header-driven files (ACLED's, POLECAT's) are read by `headed.py` from the same pieces.
"""

from __future__ import annotations

import datetime as dt
import os
import queue
import re
import threading
import zipfile
import zlib
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TypeVar

import pandera.polars as pa
import polars as pl

REJECTS_SCHEMA = {"line_number": pl.Int64, "reason": pl.String, "raw_line": pl.String}
REASONS_SCHEMA = {"line_number": pl.Int64, "reason": pl.String}

DEFAULT_BATCH_BYTES = 64 * 2**20
"""About 170,000 GDELT event lines, some 300 MB once split into fields. Validation costs
about 0.1 s a batch whatever its size (pandera runs one Polars query per check), so
batches are made as big as a 2 GiB budget allows with one batch read ahead."""

HEADER_ROW_REASON = "header row where none belongs"

_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error)
_UTF8_BOM = b"\xef\xbb\xbf"


CLOCK_SLACK = dt.timedelta(days=1)
"""How far past this machine's clock a landed time stamp (UTC) may lie before it is out of range:
the day has begun earlier somewhere else."""


def latest_plausible_time() -> dt.datetime:
    """The latest time stamp a landed record can honestly carry (UTC, with `CLOCK_SLACK`)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None) + CLOCK_SLACK


def latest_plausible_day() -> dt.date:
    return latest_plausible_time().date()


class UnreadableFileError(ValueError):
    """The file as a whole cannot be read (not a zip, empty, …): quarantine the file."""


@dataclass(frozen=True)
class ReadResult:
    """What a reader made of (a batch of) one file: typed rows, rejected lines with their reasons,
    the lines (or records) read, and `notes`: how many loaded rows earned each note worth
    recording in the load log (a key the file lacked, derived)."""

    rows: pl.DataFrame
    rejects: pl.DataFrame
    rows_read: int
    notes: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.rows.height + self.rejects.height != self.rows_read:
            raise AssertionError(
                f"reader lost lines: {self.rows_read} read, {self.rows.height} rows + {self.rejects.height} rejects"
            )
        if self.rejects.height and self.rejects.select(
            (pl.col("reason").is_null() | (pl.col("reason").str.strip_chars() == "")).any()
        ).item():
            raise AssertionError("reader rejected a line without saying why")


def collect_batches(batches: Iterable[ReadResult]) -> ReadResult:
    """The batches of one file as one result (for files that fit in memory)."""
    results = list(batches)
    if not results:
        raise UnreadableFileError("file is empty")
    notes: Counter[str] = Counter()
    for result in results:
        notes.update(result.notes)
    return ReadResult(
        rows=pl.concat([result.rows for result in results]),
        rejects=pl.concat([result.rejects for result in results]),
        rows_read=sum(result.rows_read for result in results),
        notes=dict(notes),
    )


def empty_rejects() -> pl.DataFrame:
    return pl.DataFrame(schema=REJECTS_SCHEMA)


def empty_reasons() -> pl.DataFrame:
    return pl.DataFrame(schema=REASONS_SCHEMA)


# Bytes --------------------------------------------------------------------------------


def _single_member(archive: zipfile.ZipFile) -> str:
    members = [name for name in archive.namelist() if not name.endswith("/")]
    if len(members) != 1:
        raise UnreadableFileError(f"zip holds {len(members)} files, expected exactly one")
    return members[0]


MAX_UNZIPPED_BYTES = 8 * 2**30
"""The most a zipped file may hold unzipped (8 GiB: GDELT 1.0's largest yearly backfile holds
under 2). A member that declares more is refused: a small zip can expand to terabytes. One
that holds more than it declares never gets further than its declared size: `zipfile`
stops there, and the checksum then fails."""


def open_regular_file(path: Path) -> BinaryIO:
    """`path` opened for reading, refusing a symbolic link put in its place since it was listed."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    return os.fdopen(descriptor, "rb")


@contextmanager
def open_landed(path: Path, max_unzipped_bytes: int = MAX_UNZIPPED_BYTES) -> Iterator[BinaryIO]:
    """The file's content as a stream; a `.zip` streams its single member, decompressing as it
    goes, up to `max_unzipped_bytes`."""
    with open_regular_file(path) as stream:
        if path.suffix.lower() != ".zip":
            yield stream
            return
        try:
            archive = zipfile.ZipFile(stream)
        except _ZIP_ERRORS as error:
            raise UnreadableFileError(f"not a readable zip file: {error}") from error
        with archive:
            name = _single_member(archive)
            declared = archive.getinfo(name).file_size
            if declared > max_unzipped_bytes:
                raise UnreadableFileError(_too_large(name, declared, max_unzipped_bytes))
            try:
                member = archive.open(name)
            except _ZIP_ERRORS as error:
                raise UnreadableFileError(f"not a readable zip file: {error}") from error
            with member:
                yield member


def _too_large(name: str, n_bytes: int, limit: int) -> str:
    return f"zip member {name} holds {n_bytes:,} bytes unzipped, more than the {limit:,} a landed file may hold"


def iter_landed_chunks(stream: BinaryIO, chunk_bytes: int = DEFAULT_BATCH_BYTES) -> Iterator[bytes]:
    """Consecutive pieces of a stream of about `chunk_bytes`, each ending with a whole line.

    Raises `UnreadableFileError` when the stream holds nothing but white space, before
    yielding anything, and when a zip member turns out corrupt part-way (a bad CRC is
    only found at its end: a caller that streams batches must undo what it wrote).
    """
    held: list[bytes] = []
    seen_content = False
    for chunk in _line_aligned(stream, chunk_bytes):
        if seen_content:
            yield chunk
            continue
        held.append(chunk)
        if chunk.strip():
            seen_content = True
            yield from held
            held.clear()
    if not seen_content:
        raise UnreadableFileError("file is empty")


FIRST_CHUNK_SHARE = 8
"""The first chunks are smaller (an eighth, a quarter, a half of `chunk_bytes`), so that
whoever consumes the batches (a loader) starts work sooner instead of idling while the
first full batch is read."""


def _line_aligned(stream: BinaryIO, chunk_bytes: int) -> Iterator[bytes]:
    size = max(chunk_bytes // FIRST_CHUNK_SHARE, 1)
    while True:
        try:
            block = stream.read(size)
            if block and not block.endswith(b"\n"):
                block += stream.readline()
        except _ZIP_ERRORS as error:
            raise UnreadableFileError(f"not a readable zip file: {error}") from error
        if not block:
            return
        yield block
        size = min(size * 2, chunk_bytes)


def count_lines(chunk: bytes) -> int:
    """Physical lines in a piece of a file; a last line without its line end counts too."""
    return chunk.count(b"\n") + (0 if chunk.endswith(b"\n") else 1)


# Lines and fields ---------------------------------------------------------------------


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
    return pl.DataFrame(
        {"raw_line": lines, "decode_error": errors},
        schema={"raw_line": pl.String, "decode_error": pl.String},
    ).with_row_index("line_number", offset=first_line_number).with_columns(
        pl.col("line_number").cast(pl.Int64),
        pl.col("raw_line").str.strip_suffix("\r"),
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
    if min_fields is None and b"\r" not in chunk and not chunk.startswith(_UTF8_BOM):
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


def attach_raw_lines(reasons: pl.DataFrame, raw_lines: pl.DataFrame) -> pl.DataFrame:
    """Reasons (line_number, reason) with each line's text, in the rejects schema."""
    if reasons.height == 0:
        return empty_rejects()
    return reasons.join(raw_lines.select("line_number", "raw_line"), on="line_number", how="left").select(
        REJECTS_SCHEMA.keys()
    )


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


# Typing and validation ----------------------------------------------------------------


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


def whole_number(name: str, dtype: pl.DataType = pl.Int64()) -> Parse:
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


def type_columns(
    fields: pl.DataFrame, parses: dict[str, Parse], raw_lines: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`type_fields`, with each rejected line's text from `raw_lines`."""
    good, reasons = type_fields(fields, parses)
    return good, attach_raw_lines(reasons, raw_lines)


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


def validate(
    frame: pl.DataFrame, model: type[pa.DataFrameModel], raw_lines: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Validate with a `pandera.polars` model; failing rows are rejected with every failed check."""
    valid, reasons = validate_rows(frame, model)
    return valid, attach_raw_lines(reasons, raw_lines)


class FirstOccurrences:
    """Where each key of one file first stood, across the batches of that file.

    A repeated key is rejected, naming the line of its first occurrence. The keys seen
    are kept as sorted segments with disjoint ranges, so a file whose keys rise (GDELT
    numbers its events in order) only ever compares a batch with itself.
    """

    def __init__(self, key: str, label: str) -> None:
        self._key = key
        self._label = label
        self._segments: list[pl.DataFrame] = []

    def split(self, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        """`frame` without the lines whose key stood earlier in the file, and their reasons."""
        if frame.height == 0:
            return frame, empty_reasons()
        keys = frame.select(pl.col(self._key).alias("_key"), "line_number")
        if keys.select((pl.col("_key") > pl.col("_key").shift(1)).all()).item():
            firsts = keys.with_columns(pl.col("_key").set_sorted())
            repeats = keys.clear()
        else:
            marked = keys.with_columns(pl.col("line_number").min().over("_key").alias("_first_line"))
            firsts = marked.filter(pl.col("line_number") == pl.col("_first_line")).select("_key", "line_number")
            repeats = marked.filter(pl.col("line_number") != pl.col("_first_line")).select("_key", "line_number")
        earlier = self._earlier_lines(firsts)
        if earlier.height:
            seen_before = pl.col("_key").is_in(earlier["_key"].implode())
            repeats = pl.concat([repeats, firsts.filter(seen_before)])
            firsts = firsts.filter(~seen_before)
        self._remember(firsts)
        if repeats.height == 0:
            return frame, empty_reasons()
        first_lines = pl.concat([earlier, firsts.rename({"line_number": "_first_line"})])
        reasons = (
            repeats.join(first_lines, on="_key")
            .select(
                "line_number",
                pl.format(f"{self._label} {{}} already stands on line {{}}", pl.col("_key"), pl.col("_first_line"))
                .alias("reason"),
            )
            .sort("line_number")
        )
        return frame.filter(~pl.col("line_number").is_in(reasons["line_number"].implode())), reasons

    def _overlapping(self, low: object, high: object) -> list[int]:
        return [
            position
            for position, segment in enumerate(self._segments)
            if not (segment["_key"][-1] < low or segment["_key"][0] > high)
        ]

    def _earlier_lines(self, firsts: pl.DataFrame) -> pl.DataFrame:
        low, high = firsts["_key"].min(), firsts["_key"].max()
        found = [pl.DataFrame(schema={"_key": firsts.schema["_key"], "_first_line": pl.Int64})]
        for position in self._overlapping(low, high):
            segment = self._segments[position]
            start = segment["_key"].search_sorted(low, side="left")
            end = segment["_key"].search_sorted(high, side="right")
            window = segment.slice(start, end - start).rename({"line_number": "_first_line"})
            found.append(firsts.select("_key").join(window, on="_key"))
        return pl.concat(found)

    def _remember(self, firsts: pl.DataFrame) -> None:
        if firsts.height == 0:
            return
        new = firsts.select("_key", "line_number").sort("_key")
        overlapping = self._overlapping(new["_key"][0], new["_key"][-1])
        if overlapping:
            merged = pl.concat([self._segments[position] for position in overlapping] + [new]).sort("_key")
            self._segments = [segment for position, segment in enumerate(self._segments) if position not in overlapping]
            new = merged
        self._segments.append(new)


# Header-less delimited files (GDELT) --------------------------------------------------


@dataclass(frozen=True)
class HeaderlessLayout:
    """One kind of header-less delimited file: its columns, how to type and check them.

    - `first_column_names`: what a header row would call the first column (the
      codebook's name and ours); a rejected line starting so is a header row;
    - `derived`: columns computed from typed ones before validation (never failing);
    - `output`: the columns a row keeps, in order (all when None);
    - `unique_key`: a column whose value stands once per file (`unique_key_label` names
      it in reasons);
    - `min_fields`: when older lines may lack trailing fields (GDELT 1.0).
    """

    columns: list[str]
    first_column_names: frozenset[str]
    parses: Mapping[str, Parse]
    model: type[pa.DataFrameModel]
    derived: Mapping[str, pl.Expr] = field(default_factory=dict)
    output: list[str] | None = None
    unique_key: str | None = None
    unique_key_label: str = ""
    min_fields: int | None = None
    separator: str = "\t"

    def empty_rows(self) -> pl.DataFrame:
        """The rows a file of this layout gives, with none in them: the table's shape."""
        counted = {"field_count": pl.Int8} if self.min_fields is not None else {}
        fields = pl.DataFrame(schema={"line_number": pl.Int64, **dict.fromkeys(self.columns, pl.String), **counted})
        typed, _ = type_fields(fields, self.parses)
        typed = typed.with_columns(**self.derived) if self.derived else typed
        return typed.select(self.output) if self.output is not None else typed


def iter_headerless_batches(
    path: Path, layout: HeaderlessLayout, batch_bytes: int = DEFAULT_BATCH_BYTES
) -> Iterator[ReadResult]:
    """Read a (plain or zipped) header-less file in line-aligned batches of about `batch_bytes`.

    Line numbers run on across batches; a key repeated in a later batch is still
    rejected. Memory stays bounded by the batch size, whatever the file's.
    """
    with open_landed(path) as stream:
        yield from headerless_batches(iter_landed_chunks(stream, batch_bytes), layout)


def read_headerless_bytes(data: bytes, layout: HeaderlessLayout) -> ReadResult:
    """Read a whole header-less file held in memory."""
    if not data.strip():
        raise UnreadableFileError("file is empty")
    return collect_batches(headerless_batches([data], layout))


def headerless_batches(chunks: Iterable[bytes], layout: HeaderlessLayout) -> Iterator[ReadResult]:
    """One result per line-aligned chunk: split, type, derive, validate, drop repeated keys."""
    seen = FirstOccurrences(layout.unique_key, layout.unique_key_label) if layout.unique_key else None
    first_line_number = 1
    for chunk in chunks:
        result = _read_headerless_chunk(chunk, first_line_number, layout, seen)
        first_line_number += result.rows_read
        yield result


def _read_headerless_chunk(
    chunk: bytes, first_line_number: int, layout: HeaderlessLayout, seen: FirstOccurrences | None
) -> ReadResult:
    split = split_chunk(
        chunk, layout.columns, first_line_number, separator=layout.separator, min_fields=layout.min_fields
    )
    typed, type_reasons = type_fields(split.fields, layout.parses)
    if layout.derived:
        typed = typed.with_columns(**layout.derived)
    valid, check_reasons = validate_rows(typed, layout.model)
    kept, repeat_reasons = seen.split(valid) if seen is not None else (valid, empty_reasons())
    reasons = pl.concat([type_reasons, check_reasons, repeat_reasons])
    rejects = pl.concat([split.rejects, split.with_raw_lines(reasons)])
    rejects = label_header_rows(rejects, layout.first_column_names, layout.separator).sort("line_number")
    rows = kept.select(layout.output) if layout.output is not None else kept
    return ReadResult(rows=rows, rejects=rejects, rows_read=split.rows_read)


# Streaming ----------------------------------------------------------------------------


_Item = TypeVar("_Item")
_END = object()


def read_ahead(items: Iterator[_Item], depth: int = 1) -> Iterator[_Item]:
    """`items`, each produced in a background thread while the caller works on an earlier one.

    Reading the next batch (Polars, releasing the GIL) then overlaps with what the caller
    does with the current one (a DuckDB insert, also releasing it). At most `depth`
    items are made ahead of the one the caller holds, which bounds memory to
    `depth + 1` batches. An error in the producer is raised in the caller; leaving the
    loop early stops the producer.
    """
    handoff: queue.SimpleQueue[object] = queue.SimpleQueue()
    ahead = threading.Semaphore(depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            while _wait_for(ahead, stop):
                try:
                    item = next(items)
                except StopIteration:
                    handoff.put(_END)
                    return
                handoff.put(item)
        except BaseException as error:  # handed to the consumer, which raises it
            handoff.put(error)

    producer = threading.Thread(target=produce, name="read-ahead", daemon=True)
    producer.start()
    try:
        while True:
            item = handoff.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            ahead.release()
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        producer.join()
        # Closing the source now releases what it holds open (the landed file) at once.
        close = getattr(items, "close", None)
        if close is not None:
            close()


def _wait_for(ahead: threading.Semaphore, stop: threading.Event) -> bool:
    """Take a place ahead of the consumer; False once the consumer has left."""
    while not stop.is_set():
        if ahead.acquire(timeout=0.1):
            return not stop.is_set()
    return False
