"""Article files as they land (`.txt`, `.html`, `.jsonl`), kept whole and raw.

Grain: one row per landed file. Cleaning, splitting a file into articles and coding
contacts happen downstream; here a file is only required to be non-empty UTF-8 text.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from orchestration.sources.landed import REJECTS_SCHEMA, ReadResult, UnreadableFileError, landed_bytes

ARTICLE_PATTERNS = ("*.txt", "*.html", "*.htm", "*.jsonl")


def read_article_file(path: Path) -> ReadResult:
    data = landed_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableFileError(f"not UTF-8 text: undecodable byte at offset {error.start}") from error
    rows = pl.DataFrame(
        {"file_format": [path.suffix.lower().lstrip(".")], "text": [text.removeprefix("\ufeff")]},
        schema={"file_format": pl.String, "text": pl.String},
    )
    return ReadResult(rows=rows, rejects=pl.DataFrame(schema=REJECTS_SCHEMA), rows_read=1)
