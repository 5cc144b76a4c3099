"""Header-less delimited files (GDELT's), read in line-aligned batches of string fields.

Each column stands at its place on every line; a line with another field count is
rejected (GDELT 1.0's older lines may lack the last fields: `min_fields`). A header row
found in such a file is rejected as one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import polars as pl

from orchestration.ingest.fields import UTF8_BOM, split_chunk
from orchestration.ingest.landed import ReadResult
from orchestration.ingest.pipeline import RowLayout, checked_batch
from orchestration.ingest.repeated_ids import FirstOccurrences
from orchestration.ingest.together import FirstOccurrencesByFile, first_lines, lines_by_file


@dataclass(frozen=True, kw_only=True)
class HeaderlessLayout(RowLayout):
    """One kind of header-less delimited file: its columns, and how its rows are typed and checked
    (`RowLayout`).

    - `columns`: every field of a line, in order;
    - `first_column_names`: what a header row would call the first column (the
      codebook's name and ours); a rejected line starting so is a header row;
    - `output`: the columns a row keeps, in order;
    - `min_fields`: when older lines may lack trailing fields (GDELT 1.0); a
      `field_count` column then says how many each line had.
    """

    columns: list[str]
    first_column_names: frozenset[str]
    output: list[str]
    min_fields: int | None = None
    separator: str = "\t"

    def batches(self, chunks: Iterable[bytes]) -> Iterator[ReadResult]:
        """One result per line-aligned chunk, line numbers running on from one to the next. A
        byte-order mark opening the file (a file saved again by a Windows tool) is no part of its
        first line."""
        seen = self.first_occurrences()
        first_line_number = 1
        for chunk in chunks:
            text = chunk.removeprefix(UTF8_BOM) if first_line_number == 1 else chunk
            result = self._read_chunk(text, first_line_number, seen)
            first_line_number += result.rows_read
            yield result

    def read_files(self, texts: Sequence[bytes]) -> list[ReadResult]:
        """Whole small files read as one batch, at about the cost of one: a result per file, the
        one reading it alone (`batches`) gives. Each text must end with a line end, so that each of
        its lines splits as it would alone. (A header-less layout counts no notes.)"""
        texts = [text.removeprefix(UTF8_BOM) for text in texts]
        starts = first_lines(texts)
        split = split_chunk(b"".join(texts), self.columns, 1, separator=self.separator, min_fields=self.min_fields)
        seen = FirstOccurrencesByFile(self.unique_key, self.unique_key_label, starts) if self.unique_key else None
        together = checked_batch(split, split.fields, self, seen, self.first_column_names, self.separator)
        return [
            ReadResult(rows=rows, rejects=rejects, rows_read=end - start)
            for rows, rejects, start, end in zip(
                lines_by_file(together.rows, starts),
                lines_by_file(together.rejects, starts),
                starts[:-1],
                starts[1:],
                strict=True,
            )
        ]

    def _read_chunk(self, chunk: bytes, first_line_number: int, seen: FirstOccurrences | None) -> ReadResult:
        # A function of its own, so that the chunk's string fields are freed before the result is handed on.
        split = split_chunk(
            chunk, self.columns, first_line_number, separator=self.separator, min_fields=self.min_fields
        )
        return checked_batch(split, split.fields, self, seen, self.first_column_names, self.separator)

    def empty_fields(self) -> pl.DataFrame:
        counted = {"field_count": pl.Int8} if self.min_fields is not None else {}
        return pl.DataFrame(schema={"line_number": pl.Int64, **dict.fromkeys(self.columns, pl.String), **counted})

    def kept_columns(self, rows: pl.DataFrame) -> pl.DataFrame:
        return rows.select(self.output)
