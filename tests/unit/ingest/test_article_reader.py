"""Article files as they land: a page per file, or a JSON object per line counted one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchestration.ingest.articles import MAX_ARTICLE_BYTES, iter_article_batches, parse_json_lines, read_article_file
from orchestration.ingest.landed import UnreadableFileError


def test_a_page_is_one_record_with_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes("\ufeffDamascus — Syria's foreign minister arrived in Baghdad.\n".encode())

    result = read_article_file(path)

    assert (result.rows_read, result.rows.height, result.rejects.height) == (1, 1, 0)
    row = result.rows.row(0, named=True)
    assert (row["line_number"], row["file_format"], row["content_is_html"], row["n_bytes"]) == (
        1,
        "txt",
        False,
        path.stat().st_size,
    )
    assert row["content"].startswith("Damascus")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "file is empty"),
        (b"  \n\t\n", "file is empty"),
        (b"caf\xe9 au lait\n", "not UTF-8 text: undecodable byte at offset 3"),
    ],
)
def test_an_unreadable_page_is_refused_whole(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError, match=reason):
        read_article_file(path)


def test_a_page_larger_than_any_article_is_refused_whole(tmp_path: Path) -> None:
    path = tmp_path / "dump.html"
    path.write_bytes(b"<p>" + b"a" * MAX_ARTICLE_BYTES + b"</p>")
    with pytest.raises(UnreadableFileError, match="more than the 8,388,608 one article may hold"):
        read_article_file(path)


def test_json_lines_are_counted_line_by_line() -> None:
    lines = [
        b'{"url": "https://example.org/a", "title": "A", "published_at": "2025-03-14", "text": "Body A."}',
        b'{"url": "https://example.org/b", "html": "<p>Body B.</p>"}',
        b"",
        b'{"url": "https://example.org/c", "text": "cut off',
        b'["not", "an", "object"]',
        b'{"title": "no body"}',
        b'{"text": "caf\xe9"}',
        b'{"text": "  ", "html": "<p>Body G.</p>", "title": 7}',
    ]
    result = parse_json_lines(b"\n".join(lines) + b"\n")

    assert (result.rows_read, result.rows.height, result.rejects.height) == (8, 3, 5)
    assert result.rows.select("line_number", "url", "title", "content_is_html").rows() == [
        (1, "https://example.org/a", "A", False),
        (2, "https://example.org/b", None, True),
        (8, None, "7", True),
    ]
    reasons = dict(result.rejects.select("line_number", "reason").iter_rows())
    assert reasons[3] == "blank line"
    assert reasons[4].startswith("not JSON: Unterminated string")
    assert reasons[5] == "not a JSON object but list"
    assert reasons[6] == "neither text nor html"
    assert reasons[7] == "undecodable bytes (not UTF-8) at byte 13 of the line"


def test_a_large_json_lines_file_streams_in_batches_numbered_across_them(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        "".join(f'{{"url": "https://example.org/{n}", "text": "Article {n} body."}}\n' for n in range(3000))
    )

    batches = list(iter_article_batches(path, batch_bytes=16 * 1024))

    assert len(batches) > 3
    assert sum(batch.rows_read for batch in batches) == 3000
    numbers = [number for batch in batches for number in batch.rows["line_number"].to_list()]
    assert numbers == list(range(1, 3001))
