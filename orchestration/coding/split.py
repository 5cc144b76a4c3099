"""Landed article records into the articles they hold.

Source: rows of `raw.articles` (one per article record: a page file, or a line of a
JSON-lines file; `source_file`, `line_number`, `file_format`, `url`, `title`,
`published_at`, `content`, `content_is_html`). Grain of the result: one row per article
(`source_file`, `article_index_in_file`).

- a JSON line, or an `.html` / `.htm` page: one article, numbered by its line in the file
  (from 0);
- a `.txt` page: one article, unless another article was appended to it. A second article
  starts at a page address on a line of its own, at a "date YYYY-MM-DD" header, or after
  the footer of the first (a "Most viewed" / "Related Post" block) when real prose follows.
"""

from __future__ import annotations

import re
from itertools import pairwise

import polars as pl

from orchestration.coding.furniture import (
    DATE_HEADER_PREFIX_RE,
    FOOTER_LINE_RE,
    URL_LINE_RE,
    is_furniture_line,
    strip_leading_symbols,
)

DOCUMENT_SCHEMA = {
    "source_file": pl.String,
    "article_index_in_file": pl.Int32,
    "file_format": pl.String,
    "content": pl.String,
    "content_is_html": pl.Boolean,
    "url": pl.String,
    "title": pl.String,
    "published_at": pl.String,
}

_WORD_RE = re.compile(r"\w+")
_MIN_PROSE_WORDS = 12
_MIN_APPENDED_WORDS = 60


def _words(line: str) -> int:
    return len(_WORD_RE.findall(line))


def _is_prose(line: str) -> bool:
    stripped = line.strip()
    return _words(stripped) >= _MIN_PROSE_WORDS and not URL_LINE_RE.match(stripped) and not is_furniture_line(stripped)


def _long(line: str) -> bool:
    return len(line.split()) >= _MIN_PROSE_WORDS


def text_boundaries(text: str) -> list[int]:
    """Line numbers (0-based) where an appended article starts; the first article starts at 0."""
    lines = text.split("\n")
    boundaries: list[int] = []
    start = 0
    footer_at: int | None = None
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped and not stripped[0].isalnum():
            stripped = strip_leading_symbols(stripped)
        if not stripped:
            continue
        if URL_LINE_RE.match(stripped) or DATE_HEADER_PREFIX_RE.match(stripped):
            if any(_is_prose(earlier) for earlier in lines[start:number] if _long(earlier)):
                boundaries.append(number)
                start, footer_at = number, None
            continue
        if FOOTER_LINE_RE.match(stripped):
            footer_at = number
            continue
        if footer_at is not None and stripped and not is_furniture_line(stripped):
            remaining = sum(_words(rest) for rest in lines[number:] if _long(rest) and _is_prose(rest))
            if remaining >= _MIN_APPENDED_WORDS and any(
                _is_prose(earlier) for earlier in lines[start:footer_at] if _long(earlier)
            ):
                boundaries.append(number)
                start = number
            footer_at = None
    return boundaries


_MAY_HOLD_SECOND_ARTICLE = re.compile(
    r"\n[^\S\n]*(?:https?://|date \d{4}-\d{2}-\d{2})|^\W*(?:back to top|related posts?|most viewed|also on site|last updated"
    r"|read more details|all rights reserved|©|copyright|\(tagstotranslate\))",
    re.IGNORECASE | re.MULTILINE,
)


def split_text(text: str) -> list[str]:
    """The articles of one text file, in order."""
    if not _MAY_HOLD_SECOND_ARTICLE.search(text):
        return [text] if text.strip() else []
    lines = text.split("\n")
    cuts = [0, *text_boundaries(text), len(lines)]
    parts = ["\n".join(lines[start:end]) for start, end in pairwise(cuts)]
    return [part for part in parts if part.strip()]


def split_record(record: dict) -> list[dict]:
    """The documents (one per article) of one landed article record, a row of `raw.articles`."""
    file_format = (record["file_format"] or "txt").lower()
    content = (record["content"] or "").replace("\r\n", "\n").replace("\r", "\n")
    metadata = {name: record[name] for name in ("url", "title", "published_at")}
    if record["content_is_html"] or file_format != "txt":
        parts = [(record["line_number"] - 1, content)]
    else:
        parts = list(enumerate(split_text(content)))
    return [
        {
            "source_file": record["source_file"],
            "article_index_in_file": index,
            "file_format": file_format,
            "content": part,
            "content_is_html": bool(record["content_is_html"]),
            **metadata,
        }
        for index, part in parts
    ]
