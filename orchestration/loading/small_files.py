"""Small landed files read together and written each to its own pending Parquet file.

A feed lands 96 exports a day of about 2,000 lines each. Read one by one, each pays the
reader's fixed cost per batch (split, type, validate) several times over what its lines cost;
read together (`LandingSource.read_together`), a group pays it once. Each file still gets its
own result (line numbers, rejects, repeated keys its own) and its own Parquet file, so that
replacing or quarantining it stays a matter of that file alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from orchestration.ingest.batches import DEFAULT_BATCH_BYTES
from orchestration.ingest.files import open_landed
from orchestration.ingest.landed import ReadResult
from orchestration.landing.inventory import LandedFile
from orchestration.landing.sources import ReadTogether
from orchestration.loading.replace_by_file import WrittenFile, write_file

SMALL_FILE_BYTES = 8 * 2**20
"""Files up to this size, as landed, may be read together: one batch of the reader when read alone."""
FILES_READ_TOGETHER = 48
"""Files of one group: half a day of 15-minute exports, so that two workers share a day."""
TEXT_READ_TOGETHER = DEFAULT_BATCH_BYTES
"""The most text a group holds (a zipped file's unzipped): a worker holds no more at once than one
batch of a large file."""

ReadAlone = Callable[[LandedFile], WrittenFile]


def write_together(
    root: Path,
    *,
    table: str,
    source_system: str,
    files: Sequence[LandedFile],
    read_together: ReadTogether,
    read_alone: ReadAlone,
    load_id: str,
) -> list[WrittenFile]:
    """`files` read as one batch by `read_together`, each written to its own pending Parquet file.

    A file that cannot join the batch (unreadable, empty, without a line end at its end, or
    beyond the group's text) is read alone by `read_alone`,
    which names what is wrong with it; so are all of them if the batch itself fails."""
    texts: dict[int, bytes] = {}
    room = TEXT_READ_TOGETHER
    for position, landed in enumerate(files):
        text = _text_to_read_together(landed.path, room)
        if text is not None:
            texts[position] = text
            room -= len(text)
    results: dict[int, ReadResult] = {}
    if len(texts) > 1:
        try:
            results = dict(zip(texts, read_together(list(texts.values())), strict=True))
        except Exception:  # each file is then read alone, and its own error is recorded
            results = {}
    return [
        write_file(
            root, table=table, source_system=source_system, landed=landed, batches=[results[position]], load_id=load_id
        )
        if position in results
        else read_alone(landed)
        for position, landed in enumerate(files)
    ]


def _text_to_read_together(path: Path, room: int) -> bytes | None:
    """The file's whole text when it can join a group with `room` bytes left; else None."""
    try:
        with open_landed(path) as stream:
            text = stream.read(room + 1)
    except Exception:  # an unreadable file is read alone, which names why
        return None
    if len(text) > room or not text.strip() or not text.endswith(b"\n"):
        return None
    return text
