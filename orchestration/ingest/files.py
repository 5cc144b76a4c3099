"""Opening a landed file for reading: a plain file as it is, a `.zip` as the stream of its single member."""

from __future__ import annotations

import os
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from orchestration.ingest.landed import UnreadableFileError

ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error)
"""What reading a broken zip raises, when it is opened or (a bad CRC) only at the end of its member."""

MAX_UNZIPPED_BYTES = 8 * 2**30
"""The most a zipped file may hold unzipped (8 GiB: GDELT 1.0's largest yearly backfile holds
under 2). A member that declares more is refused: a small zip can expand to terabytes. One
that holds more than it declares never gets further than its declared size: `zipfile`
stops there, and the checksum then fails."""


def open_regular_file(path: Path) -> BinaryIO:
    """`path` opened for reading, refusing a symbolic link put in its place since it was listed."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    return os.fdopen(descriptor, "rb")


def unreadable_zip(error: Exception) -> UnreadableFileError:
    return UnreadableFileError(f"not a readable zip file: {error}")


@contextmanager
def open_landed(path: Path, max_unzipped_bytes: int = MAX_UNZIPPED_BYTES) -> Iterator[BinaryIO]:
    """The file's content as a stream; a `.zip` streams its single member, decompressing as it
    goes, up to `max_unzipped_bytes`."""
    with open_regular_file(path) as stream:
        if path.suffix.lower() != ".zip":
            yield stream
            return
        try:
            archive = zipfile.ZipFile(stream)
        except ZIP_ERRORS as error:
            raise unreadable_zip(error) from error
        with archive:
            name = _single_member(archive)
            declared = archive.getinfo(name).file_size
            if declared > max_unzipped_bytes:
                raise UnreadableFileError(_too_large(name, declared, max_unzipped_bytes))
            try:
                member = archive.open(name)
            except ZIP_ERRORS as error:
                raise unreadable_zip(error) from error
            with member:
                yield member


def _single_member(archive: zipfile.ZipFile) -> str:
    members = [name for name in archive.namelist() if not name.endswith("/")]
    if len(members) != 1:
        raise UnreadableFileError(f"zip holds {len(members)} files, expected exactly one")
    return members[0]


def _too_large(name: str, n_bytes: int, limit: int) -> str:
    return f"zip member {name} holds {n_bytes:,} bytes unzipped, more than the {limit:,} a landed file may hold"
