"""What reading a landed file gives: typed rows, rejected lines with their reasons, and the count read.

A reader never drops a line. Each physical line of a file is either a row of the typed
frame or a row of the rejects frame with the reason, so `rows_read = rows + rejects`.
A file with a header row counts its data lines only; line numbers stay physical (the
header is line 1). A file that cannot be read at all raises `UnreadableFileError`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import polars as pl

REJECTS_SCHEMA = {"line_number": pl.Int64, "reason": pl.String, "raw_line": pl.String}
REASONS_SCHEMA = {"line_number": pl.Int64, "reason": pl.String}


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
        if (
            self.rejects.height
            and self.rejects.select(
                (pl.col("reason").is_null() | (pl.col("reason").str.strip_chars() == "")).any()
            ).item()
        ):
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


def attach_raw_lines(reasons: pl.DataFrame, raw_lines: pl.DataFrame) -> pl.DataFrame:
    """Reasons (line_number, reason) with each line's text, in the rejects schema."""
    if reasons.height == 0:
        return empty_rejects()
    return reasons.join(raw_lines.select("line_number", "raw_line"), on="line_number", how="left").select(
        REJECTS_SCHEMA.keys()
    )
