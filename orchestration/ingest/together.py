"""Several small files read as one batch: their lines numbered on from one file to the next, and
what the batch gives told apart again, each file's lines numbered within it.

A 15-minute GDELT export of 2,000 lines costs a reader several times what its lines cost in a
large file: every step (split, type, validate) has a fixed cost per batch. Read together, a
day of exports pays it once.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import polars as pl

from orchestration.ingest.batches import count_lines
from orchestration.ingest.landed import empty_reasons
from orchestration.ingest.repeated_ids import FirstOccurrences


def first_lines(texts: Sequence[bytes]) -> pl.Series:
    """Where each text's first line stands when the texts are joined, and one past the last line."""
    return pl.Series("first_line", list(itertools.accumulate((count_lines(text) for text in texts), initial=1)))


def lines_by_file(frame: pl.DataFrame, starts: pl.Series) -> list[pl.DataFrame]:
    """`frame` (with a `line_number` running across the files that `starts` delimits), one frame per
    file with its own lines, numbered from 1 within it, in the order of the lines."""
    in_order = frame if frame["line_number"].is_sorted() else frame.sort("line_number")
    bounds = in_order["line_number"].search_sorted(starts, side="left").to_list()
    return [
        in_order.slice(low, high - low).with_columns(pl.col("line_number") - (first_line - 1))
        for low, high, first_line in zip(bounds[:-1], bounds[1:], starts[:-1], strict=True)
    ]


class FirstOccurrencesByFile:
    """`FirstOccurrences` for files read as one batch: a key repeated within a file is rejected, one
    standing in two files is not, as when each file is read alone."""

    def __init__(self, key: str, label: str, starts: pl.Series) -> None:
        self._key = key
        self._label = label
        self._starts = starts

    def split(self, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        """`frame` without the lines whose key stood earlier in their file, and their reasons."""
        if frame.height == 0 or frame.select((pl.col(self._key) > pl.col(self._key).shift(1)).all()).item():
            return frame, empty_reasons()
        kept, reasons = [], []
        for first_line, part in zip(self._starts[:-1], lines_by_file(frame, self._starts), strict=True):
            file_kept, file_reasons = FirstOccurrences(self._key, self._label).split(part)
            back = pl.col("line_number") + (first_line - 1)
            kept.append(file_kept.with_columns(back))
            reasons.append(file_reasons.with_columns(back))
        return pl.concat(kept), pl.concat(reasons)
