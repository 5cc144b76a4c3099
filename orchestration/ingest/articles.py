"""Article files as they land: a text or HTML page per file (`.txt`, `.html`, `.htm`), or one
JSON object per line (`.jsonl`: `url`, `title`, `published_at`, and `text` or `html`).

Grain: one row per article record, a whole page file or one line of a JSON-lines file,
with `line_number` (1 for a page), `file_format`, the metadata a JSON line gave, the
`content` (text or HTML, `content_is_html` says which) and the record's size in bytes.
Cleaning, splitting a text file that holds an appended second article and coding
contacts happen downstream; here a record is only required to be UTF-8 text with
content.

A page file larger than `MAX_ARTICLE_BYTES` is refused whole: no news article is that
long, and the coder's cost grows with the text. A JSON-lines file of any size is read
in batches of lines; each bad line (not JSON, not an object, without text or HTML, too
long, not UTF-8, blank) is rejected with its reason and the others load.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import polars as pl

from orchestration.ingest.batches import DEFAULT_BATCH_BYTES, count_lines, iter_landed_chunks
from orchestration.ingest.fields import UTF8_BOM
from orchestration.ingest.files import open_landed, open_regular_file
from orchestration.ingest.landed import REJECTS_SCHEMA, ReadResult, UnreadableFileError, collect_batches

SOURCE_SYSTEM = "articles"
FILE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
JSON_LINES_FORMAT = "jsonl"

MAX_ARTICLE_BYTES = 8 * 2**20
"""The most one article (a page file, or one JSON line) may hold: 8 MiB, some 1.3 million words."""

ARTICLE_RECORD_SCHEMA = {
    "line_number": pl.Int64,
    "file_format": pl.String,
    "url": pl.String,
    "title": pl.String,
    "published_at": pl.String,
    "content": pl.String,
    "content_is_html": pl.Boolean,
    "n_bytes": pl.Int64,
}

_METADATA = ("url", "title", "published_at")


def empty_rows() -> pl.DataFrame:
    """The rows an article file gives, with none in them: the table's shape."""
    return pl.DataFrame(schema=ARTICLE_RECORD_SCHEMA)


def file_format_of(path: Path) -> str:
    return path.suffix.lower().lstrip(".")


def iter_article_batches(path: Path, batch_bytes: int = DEFAULT_BATCH_BYTES) -> Iterator[ReadResult]:
    """The article records of one landed file: one for a page, batches of lines for JSON lines."""
    if file_format_of(path) == JSON_LINES_FORMAT:
        yield from _json_lines_batches(path, batch_bytes)
    else:
        yield _page(path)


def read_article_file(path: Path) -> ReadResult:
    """Every article record of one landed file, as one result."""
    return collect_batches(iter_article_batches(path))


def _page(path: Path) -> ReadResult:
    with open_regular_file(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > MAX_ARTICLE_BYTES:
            raise UnreadableFileError(f"{size:,} bytes, more than the {MAX_ARTICLE_BYTES:,} one article may hold")
        data = stream.read(MAX_ARTICLE_BYTES + 1)
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise UnreadableFileError(f"not UTF-8 text: undecodable byte at offset {error.start}") from error
    if not text.strip():
        raise UnreadableFileError("file is empty")
    row = _page_row(text, file_format_of(path), len(data))
    return ReadResult(rows=pl.DataFrame([row], schema=ARTICLE_RECORD_SCHEMA), rejects=_rejects([]), rows_read=1)


def _page_row(text: str, file_format: str, n_bytes: int) -> dict:
    return {
        "line_number": 1,
        "file_format": file_format,
        "url": None,
        "title": None,
        "published_at": None,
        "content": text,
        "content_is_html": file_format in ("html", "htm"),
        "n_bytes": n_bytes,
    }


def _json_lines_batches(path: Path, batch_bytes: int) -> Iterator[ReadResult]:
    first_line_number = 1
    with open_landed(path) as stream:
        for chunk in iter_landed_chunks(stream, batch_bytes):
            yield parse_json_lines(chunk, first_line_number)
            first_line_number += count_lines(chunk)


def parse_json_lines(chunk: bytes, first_line_number: int = 1) -> ReadResult:
    """Line-aligned JSON lines: one article record per good line, one reject (with its reason) per bad one."""
    rows: list[dict] = []
    rejects: list[tuple[int, str, str]] = []
    lines = chunk.removesuffix(b"\n").split(b"\n")
    for line_number, raw in enumerate(lines, start=first_line_number):
        record, reason = _json_line(raw.removesuffix(b"\r").removeprefix(UTF8_BOM))
        if reason is None:
            rows.append({"line_number": line_number, **record})
        else:
            rejects.append((line_number, reason, raw.decode("utf-8", errors="backslashreplace")))
    return ReadResult(
        rows=pl.DataFrame(rows, schema=ARTICLE_RECORD_SCHEMA), rejects=_rejects(rejects), rows_read=len(lines)
    )


def _json_line(raw: bytes) -> tuple[dict, None] | tuple[None, str]:
    if not raw.strip():
        return None, "blank line"
    if len(raw) > MAX_ARTICLE_BYTES:
        return None, f"a line of {len(raw):,} bytes, more than the {MAX_ARTICLE_BYTES:,} one article may hold"
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        return None, f"undecodable bytes (not UTF-8) at byte {error.start} of the line"
    except json.JSONDecodeError as error:
        return None, f"not JSON: {error.msg} (column {error.colno})"
    if not isinstance(record, dict):
        return None, f"not a JSON object but {type(record).__name__}"
    content, is_html = record.get("text"), False
    if not isinstance(content, str) or not content.strip():
        content, is_html = record.get("html"), True
    if not isinstance(content, str) or not content.strip():
        return None, "neither text nor html"
    metadata = {name: _text(record.get(name)) for name in _METADATA}
    return {
        "file_format": JSON_LINES_FORMAT,
        **metadata,
        "content": content,
        "content_is_html": is_html,
        "n_bytes": len(raw),
    }, None


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _rejects(rows: list[tuple[int, str, str]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=REJECTS_SCHEMA, orient="row")


def as_landed(source_file: str, rows: pl.DataFrame) -> pl.DataFrame:
    """A file's article records as `raw.articles` holds them (without the load time): the article
    pipeline's input."""
    return rows.select(pl.lit(source_file).alias("source_file"), pl.all())


def landed_records(files: Iterable[tuple[str, Path]]) -> pl.DataFrame:
    """The article records of (source_file, path) pairs, read as the loader reads them."""
    frames = [as_landed(source_file, read_article_file(path).rows) for source_file, path in files]
    return pl.concat(frames) if frames else as_landed("", empty_rows())


def page_records(pages: Mapping[str, str], file_format: str = "txt") -> pl.DataFrame:
    """In-memory pages (source_file → text) as landed article records."""
    rows = [
        {"source_file": source_file, **_page_row(text, file_format, len(text.encode()))}
        for source_file, text in pages.items()
    ]
    return pl.DataFrame(rows, schema={"source_file": pl.String, **ARTICLE_RECORD_SCHEMA})
