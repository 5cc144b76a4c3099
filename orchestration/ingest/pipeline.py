"""One read pipeline for every delimited landed file, with a header or without: a batch of string
fields is typed, given its derived columns, validated, rid of keys repeated earlier in the file,
and each line it rejects named (a header row for what it is); and a layout reads a whole file so.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pandera.polars as pa
import polars as pl

from orchestration.ingest.batches import DEFAULT_BATCH_BYTES, iter_landed_chunks
from orchestration.ingest.files import open_landed
from orchestration.ingest.header_rows import label_header_rows
from orchestration.ingest.landed import ReadResult, UnreadableFileError, collect_batches, empty_reasons
from orchestration.ingest.parses import Parse, type_fields
from orchestration.ingest.repeated_ids import FirstOccurrences
from orchestration.ingest.validation import validate_rows


class SplitText(Protocol):
    """A batch of a file split into string fields (`line_number` and one column each), with the
    lines that did not split already rejected, and the text of every line for later reasons."""

    @property
    def fields(self) -> pl.DataFrame: ...

    @property
    def rejects(self) -> pl.DataFrame: ...

    @property
    def rows_read(self) -> int: ...

    def with_raw_lines(self, reasons: pl.DataFrame) -> pl.DataFrame:
        """`reasons` (line_number, reason) in the rejects schema, with each line's text."""
        ...


@dataclass(frozen=True, kw_only=True)
class RowLayout(ABC):
    """How the string fields of one kind of landed file become checked rows.

    - `parses`: how string columns are typed;
    - `derived`: columns computed from typed ones before validation (never failing);
    - `model`: the `pandera.polars` model every kept row satisfies;
    - `unique_key`: a column whose value stands once per file (`unique_key_label` names
      it in reasons).
    """

    parses: Mapping[str, Parse]
    model: type[pa.DataFrameModel]
    derived: Mapping[str, pl.Expr] = field(default_factory=dict)
    unique_key: str | None = None
    unique_key_label: str = ""

    @abstractmethod
    def batches(self, chunks: Iterable[bytes]) -> Iterator[ReadResult]:
        """One result per batch of a file given as line-aligned `chunks`."""

    @abstractmethod
    def empty_fields(self) -> pl.DataFrame:
        """The string fields of a file without a line."""

    @abstractmethod
    def kept_columns(self, rows: pl.DataFrame) -> pl.DataFrame:
        """Checked rows with the columns a row keeps, in order."""

    def count_notes(self, _rows: pl.DataFrame, _fields: pl.DataFrame) -> dict[str, int]:
        """How many kept `rows` earned each note worth recording in the load log; none unless a layout says."""
        return {}

    def first_occurrences(self) -> FirstOccurrences | None:
        """A fresh record of where each key of one file first stood, when the layout has a unique key."""
        return FirstOccurrences(self.unique_key, self.unique_key_label) if self.unique_key else None

    def typed_rows(self, fields: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        """String fields typed and given the derived columns; and reasons (line_number, reason) for lines that do not type."""
        typed, reasons = type_fields(fields, self.parses)
        return (typed.with_columns(**self.derived) if self.derived else typed), reasons

    def empty_rows(self) -> pl.DataFrame:
        """The rows a file of this layout gives, with none in them: the table's shape."""
        return self.kept_columns(self.typed_rows(self.empty_fields())[0])

    def read_bytes(self, data: bytes) -> ReadResult:
        """A whole file held in memory, as one result."""
        if not data.strip():
            raise UnreadableFileError("file is empty")
        return collect_batches(self.batches([data]))

    def iter_file_batches(self, path: Path, batch_bytes: int = DEFAULT_BATCH_BYTES) -> Iterator[ReadResult]:
        """A (plain or zipped) file of any size, in batches of about `batch_bytes` of text.

        Line numbers run on across batches and a key repeated in a later batch is still
        rejected; each batch balances (`rows + rejects = rows_read`) on its own. Memory
        stays bounded by the batch size, whatever the file's.
        """
        with open_landed(path) as stream:
            yield from self.batches(iter_landed_chunks(stream, batch_bytes))

    def read_file(self, path: Path) -> ReadResult:
        """A whole (plain or zipped) file, as one result."""
        return collect_batches(self.iter_file_batches(path))


def checked_batch(
    split: SplitText,
    fields: pl.DataFrame,
    layout: RowLayout,
    seen: FirstOccurrences | None,
    first_column_names: Collection[str],
    separator: str,
) -> ReadResult:
    """The result of one batch: `fields` (the batch's string fields as the layout types them)
    typed, derived, validated and rid of keys `seen` earlier in the file.

    A header row in the data (files pasted together, a header repeated in other letters
    or quoting) fails typing; a rejected line whose first field is one of
    `first_column_names` is given the reason that says it is one.
    """
    typed, type_reasons = layout.typed_rows(fields)
    valid, check_reasons = validate_rows(typed, layout.model)
    kept, repeat_reasons = seen.split(valid) if seen is not None else (valid, empty_reasons())
    reasons = pl.concat([type_reasons, check_reasons, repeat_reasons])
    rejects = pl.concat([split.rejects, split.with_raw_lines(reasons)])
    rejects = label_header_rows(rejects, first_column_names, separator).sort("line_number")
    return ReadResult(
        rows=layout.kept_columns(kept),
        rejects=rejects,
        rows_read=split.rows_read,
        notes=layout.count_notes(kept, fields),
    )
