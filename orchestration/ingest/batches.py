"""A landed file of any size as consecutive line-aligned pieces, so that memory stays bounded by one piece."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from orchestration.ingest.files import ZIP_ERRORS, unreadable_zip
from orchestration.ingest.landed import UnreadableFileError

DEFAULT_BATCH_BYTES = 64 * 2**20
"""About 170,000 GDELT event lines, some 300 MB once split into fields. Validation costs
about 0.1 s a batch whatever its size (pandera runs one Polars query per check), so
batches are made as big as a 2 GiB budget allows with one batch read ahead."""

FIRST_CHUNK_SHARE = 8
"""The first chunks are smaller (an eighth, a quarter, a half of `chunk_bytes`), so that
whoever consumes the batches (a loader) starts work sooner instead of idling while the
first full batch is read."""


def iter_landed_chunks(stream: BinaryIO, chunk_bytes: int = DEFAULT_BATCH_BYTES) -> Iterator[bytes]:
    """Consecutive pieces of a stream of about `chunk_bytes`, each ending with a whole line.

    Raises `UnreadableFileError` when the stream holds nothing but white space, before
    yielding anything, and when a zip member turns out corrupt part-way (a bad CRC is
    only found at its end: a caller that streams batches must undo what it wrote).
    """
    held: list[bytes] = []
    seen_content = False
    for chunk in _line_aligned(stream, chunk_bytes):
        if seen_content:
            yield chunk
            continue
        held.append(chunk)
        if chunk.strip():
            seen_content = True
            yield from held
            held.clear()
    if not seen_content:
        raise UnreadableFileError("file is empty")


def _line_aligned(stream: BinaryIO, chunk_bytes: int) -> Iterator[bytes]:
    size = max(chunk_bytes // FIRST_CHUNK_SHARE, 1)
    while True:
        try:
            block = stream.read(size)
            if block and not block.endswith(b"\n"):
                block += stream.readline()
        except ZIP_ERRORS as error:
            raise unreadable_zip(error) from error
        if not block:
            return
        yield block
        size = min(size * 2, chunk_bytes)


def count_lines(chunk: bytes) -> int:
    """Physical lines in a piece of a file; a last line without its line end counts too."""
    return chunk.count(b"\n") + (0 if chunk.endswith(b"\n") else 1)
