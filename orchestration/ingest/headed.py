"""Header-driven CSV and TSV files (ACLED's, POLECAT's), read as a stream of batches of whole records.

The first line names the columns (`header.py`); the records below it may span lines
(`records.py`). A file of any size is read in batches of whole records, so memory stays
bounded by the batch. Any known column a header lacks, unless required, is null in
every row; spreadsheet exports pad fields, so values are trimmed and an empty one is null.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import polars as pl

from orchestration.ingest.header import Header, read_header
from orchestration.ingest.landed import ReadResult, empty_rejects
from orchestration.ingest.pipeline import RowLayout, checked_batch
from orchestration.ingest.records import MAX_RECORD_BYTES, HeadedText, record_blocks, split_records
from orchestration.ingest.repeated_ids import FirstOccurrences


@dataclass(frozen=True, kw_only=True)
class HeadedLayout(RowLayout):
    """One kind of header-driven file: its known columns, which are required, and how its rows are
    typed and checked (`RowLayout`).

    - `columns`: every known column, in output order, with the other names a header
      may give it (case, spaces and punctuation never matter);
    - `required`: columns a header must hold; any other known column may be absent,
      and is then null in every row;
    - `separators`: the separators a header line may use;
    - `notes`: for a column, the note a loaded row with a null value there earns (a key
      derived because the file lacked one), counted in `ReadResult.notes`.
    """

    columns: Mapping[str, Collection[str]]
    required: Collection[str]
    separators: str = ",\t"
    notes: Mapping[str, str] = field(default_factory=dict)

    @property
    def output(self) -> list[str]:
        return ["line_number", *self.columns, *self.derived]

    def batches(self, chunks: Iterable[bytes]) -> Iterator[ReadResult]:
        """One result per block of whole records below the header line of a file given as line-aligned `chunks`."""
        chunks = iter(chunks)
        first = next(chunks, b"")
        line_end = first.find(b"\n")
        header_line, rest = (first, b"") if line_end < 0 else (first[: line_end + 1], first[line_end + 1 :])
        header = read_header(header_line, self.columns, self.required, self.separators)
        seen = self.first_occurrences()
        any_block = False
        for block, first_line_number in record_blocks(_prepend(rest, chunks), 2, MAX_RECORD_BYTES):
            any_block = True
            yield self._read_block(split_records(block, first_line_number, header), header, seen)
        if not any_block:
            # A header and no record: an export of a period without events.
            yield ReadResult(rows=self.empty_rows(), rejects=empty_rejects(), rows_read=0)

    def _read_block(self, text: HeadedText, header: Header, seen: FirstOccurrences | None) -> ReadResult:
        # A function of its own, so that the block's string fields are freed before the result is handed on.
        return checked_batch(text, self._known_fields(text), self, seen, [header.names[0]], header.separator)

    def _known_fields(self, text: HeadedText) -> pl.DataFrame:
        """Every known column, trimmed (an empty value null), null throughout where the header lacks it."""
        present = [column for column in self.columns if column in text.fields.columns]
        return text.fields.select(
            "line_number",
            *[pl.col(column).str.strip_chars().replace("", None) for column in present],
            *[pl.lit(None, dtype=pl.String).alias(column) for column in self.columns if column not in present],
        )

    def empty_fields(self) -> pl.DataFrame:
        return pl.DataFrame(schema={"line_number": pl.Int64, **dict.fromkeys(self.columns, pl.String)})

    def kept_columns(self, rows: pl.DataFrame) -> pl.DataFrame:
        return rows.select(self.output)

    def count_notes(self, rows: pl.DataFrame, fields: pl.DataFrame) -> dict[str, int]:
        """For each noted column, how many kept rows had it null in the file."""
        counts = {}
        for column, note in self.notes.items():
            noted = fields.filter(pl.col(column).is_null())["line_number"]
            counts[note] = rows.filter(pl.col("line_number").is_in(noted.implode())).height
        return {note: count for note, count in counts.items() if count}


def _prepend(first: bytes, chunks: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from chunks
