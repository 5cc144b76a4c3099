"""What lies in the landing folder: every entry either claimed by a source or refused with its reason.

The folder is walked without following symbolic links, so nothing outside it is ever
listed or read. Each entry is one of:

- accepted: a regular file below a source's folder whose name that source takes;
- refused: a symbolic link, anything that is not a regular file (a named pipe, a
  device), a file in no source's folder, or a name its folder's source does not take
  (another pattern, a GDELT time stamp out of range). The reason says which;
- hidden: a name starting with a dot (a download in progress, `.DS_Store`): never read,
  only counted.

Pure: a listing of the file system in, the inventory out. Files are not opened.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import blake3

from orchestration.ingest.files import open_regular_file
from orchestration.landing.sources import LANDING_SOURCES, Claim, LandingSource, RefusedName

HASH_BLOCK_BYTES = 8 * 2**20


@dataclass(frozen=True)
class LandedFile:
    """A file in the landing folder, named relative to its source's folder (refused files: to the landing folder).

    Its content hash is computed only when asked for: a file whose size and modification
    time the manifest already holds is not read at all, so a landing folder of years of
    GKG files costs a directory listing per build, not a re-read.
    """

    path: Path
    source_file: str
    n_bytes: int
    modified_ns: int

    @classmethod
    def at(cls, path: Path, source_dir: Path) -> LandedFile:
        status = path.lstat()
        return cls(path, path.relative_to(source_dir).as_posix(), status.st_size, status.st_mtime_ns)

    @functools.cached_property
    def content_hash(self) -> str:
        """BLAKE3 of the bytes, read in blocks so a multi-gigabyte export never sits in memory whole.

        The hash only recognises a file again (unchanged, or a copy of another); BLAKE3 reads
        a gigabyte in a fraction of the time SHA-256 takes. GDELT's own md5 is checked when a
        file is fetched (`landing.gdelt_feed`), not here."""
        digest = blake3.blake3()
        with open_regular_file(self.path) as stream:
            while block := stream.read(HASH_BLOCK_BYTES):
                digest.update(block)
        return digest.hexdigest()


@dataclass(frozen=True)
class AcceptedFile:
    landed: LandedFile
    source: LandingSource
    claim: Claim

    @property
    def source_system(self) -> str:
        return self.claim.source_system


@dataclass(frozen=True)
class RefusedFile:
    landed: LandedFile
    reason: str


@dataclass(frozen=True)
class Inventory:
    root: Path
    exists: bool
    accepted: tuple[AcceptedFile, ...]
    refused: tuple[RefusedFile, ...]
    hidden: tuple[str, ...]

    def files_of(self, source: LandingSource) -> list[AcceptedFile]:
        """The accepted files of `source`, in name order (GDELT names sort by time)."""
        return [file for file in self.accepted if file.source is source]

    def gdelt_days(self, source: LandingSource) -> list[dt.date]:
        """The UTC days of the slots of `source`'s accepted GDELT 2.0 files, oldest first."""
        return sorted({file.claim.slot_day for file in self.files_of(source) if file.claim.slot_day is not None})


def utc_today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def take_inventory(
    root: Path, sources: tuple[LandingSource, ...] = LANDING_SOURCES, today: dt.date | None = None
) -> Inventory:
    """Every entry below `root`, accepted, refused or hidden (see the module's description).

    A landing folder that does not exist holds nothing (`exists` says so).
    """
    today = today or utc_today()
    if not root.is_dir():
        return Inventory(root, False, (), (), ())
    accepted: list[AcceptedFile] = []
    refused: list[RefusedFile] = []
    hidden: list[str] = []
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            refused.append(_refused(folder, root, f"the folder cannot be listed: {error.strerror or error}"))
            continue
        for entry in entries:
            path = Path(entry.path)
            relative = path.relative_to(root)
            if entry.name.startswith("."):
                hidden.append(relative.as_posix())
            elif entry.is_symlink():
                refused.append(_refused(path, root, _symlink_reason(path)))
            elif entry.is_dir(follow_symlinks=False):
                folders.append(path)
            elif not entry.is_file(follow_symlinks=False):
                refused.append(_refused(path, root, _not_regular_reason(path)))
            else:
                accepted_or_refused = _claim(path, root, sources, today)
                (accepted if isinstance(accepted_or_refused, AcceptedFile) else refused).append(accepted_or_refused)
    accepted.sort(key=lambda file: (file.source.table_name, file.landed.source_file))
    refused.sort(key=lambda file: file.landed.source_file)
    return Inventory(root, True, tuple(accepted), tuple(refused), tuple(sorted(hidden)))


def _claim(path: Path, root: Path, sources: tuple[LandingSource, ...], today: dt.date) -> AcceptedFile | RefusedFile:
    parts = PurePosixPath(path.relative_to(root).as_posix()).parts
    owners = [
        source for source in sources if parts[: len(source.folder)] == source.folder and len(parts) > len(source.folder)
    ]
    if not owners:
        folders = ", ".join(source.folder_name for source in sources)
        return _refused(path, root, f"in no folder a source lands in ({folders})")
    source = max(owners, key=lambda owner: len(owner.folder))
    try:
        claim = source.claim(path.name, today)
    except RefusedName as error:
        return _refused(path, root, f"{source.folder_name}: {error}")
    return AcceptedFile(LandedFile.at(path, root.joinpath(*source.folder)), source, claim)


def _refused(path: Path, root: Path, reason: str) -> RefusedFile:
    return RefusedFile(LandedFile.at(path, root), reason)


def _symlink_reason(path: Path) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return f"a symbolic link (to {target}): only regular files inside the landing folder are read"


def _not_regular_reason(path: Path) -> str:
    mode = path.lstat().st_mode
    kind = next((name for test, name in _NOT_REGULAR if test(mode)), "not a regular file")
    return f"{kind}, not a regular file: only regular files are read"
