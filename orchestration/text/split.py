"""One landed file into the articles it holds.

Source: rows of `raw.articles` (one per landed file: `source_file`, `file_format`, `text`).
Grain of the result: one row per article (`source_file`, `article_index_in_file`).

- `.jsonl`: one article per line (`url`, `title`, `published_at`, and `text` or `html`);
  a line that is not a JSON object with text or html is rejected with its reason.
- `.html` / `.htm`: one article, its HTML.
- `.txt`: one article, unless another article was appended to it. A second article starts
  at a page address on a line of its own, at a "date YYYY-MM-DD" header, or after the
  footer of the first (a "Most viewed" / "Related Post" block) when real prose follows.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import polars as pl

from orchestration.text.furniture import (
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
REJECT_SCHEMA = {"source_file": pl.String, "line_number": pl.Int64, "reason": pl.String, "raw_line": pl.String}

_WORD_RE = re.compile(r"\w+")
_MIN_PROSE_WORDS = 12
_MIN_APPENDED_WORDS = 60


@dataclass(frozen=True, slots=True)
class Document:
    source_file: str
    article_index_in_file: int
    file_format: str
    content: str
    content_is_html: bool
    url: str | None = None
    title: str | None = None
    published_at: str | None = None


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
            if remaining >= _MIN_APPENDED_WORDS and any(_is_prose(earlier) for earlier in lines[start:footer_at] if _long(earlier)):
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
    parts = ["\n".join(lines[start:end]) for start, end in zip(cuts, cuts[1:])]
    return [part for part in parts if part.strip()]


def _jsonl_documents(source_file: str, text: str) -> tuple[list[Document], list[dict]]:
    documents: list[Document] = []
    rejects: list[dict] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            rejects.append({"source_file": source_file, "line_number": number, "reason": f"not JSON: {error.msg}", "raw_line": line})
            continue
        if not isinstance(record, dict):
            rejects.append({"source_file": source_file, "line_number": number, "reason": "not a JSON object", "raw_line": line})
            continue
        body, is_html = record.get("text"), False
        if not isinstance(body, str) or not body.strip():
            body, is_html = record.get("html"), True
        if not isinstance(body, str) or not body.strip():
            rejects.append({"source_file": source_file, "line_number": number, "reason": "neither text nor html", "raw_line": line})
            continue

        def field(name: str) -> str | None:
            value = record.get(name)
            return str(value).strip() or None if value is not None else None

        documents.append(
            Document(
                source_file=source_file,
                article_index_in_file=len(documents),
                file_format="jsonl",
                content=body,
                content_is_html=is_html,
                url=field("url"),
                title=field("title"),
                published_at=field("published_at"),
            )
        )
    return documents, rejects


def split_files(raw_articles: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(documents, rejected lines) for the landed files of `raw_articles`."""
    documents: list[Document] = []
    rejects: list[dict] = []
    for source_file, file_format, text in raw_articles.select("source_file", "file_format", "text").iter_rows():
        file_format = (file_format or "").lower()
        text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
        if file_format == "jsonl":
            found, rejected = _jsonl_documents(source_file, text)
            documents.extend(found)
            rejects.extend(rejected)
        elif file_format in ("html", "htm"):
            documents.append(Document(source_file, 0, file_format, text, True))
        else:
            for index, part in enumerate(split_text(text)):
                documents.append(Document(source_file, index, file_format or "txt", part, False))
    frame = pl.DataFrame(
        [
            {
                "source_file": document.source_file,
                "article_index_in_file": document.article_index_in_file,
                "file_format": document.file_format,
                "content": document.content,
                "content_is_html": document.content_is_html,
                "url": document.url,
                "title": document.title,
                "published_at": document.published_at,
            }
            for document in documents
        ],
        schema=DOCUMENT_SCHEMA,
    )
    return frame, pl.DataFrame(rejects, schema=REJECT_SCHEMA)
