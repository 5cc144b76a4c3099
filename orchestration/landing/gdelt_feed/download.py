"""One listed file landed: streamed to a hidden `.part` file beside its target, checked against the
listed size and md5, and only then renamed into place, so a loader never sees a half-written or
corrupt file."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from orchestration.landing.gdelt_feed.listing import FeedEntry
from orchestration.landing.gdelt_feed.plan import FetchPlan
from orchestration.landing.gdelt_feed.transfer import (
    ContentMismatch,
    FetchOptions,
    LandingWriteError,
    TruncatedTransfer,
    describe_error,
    feed_base_url,
    file_url,
    open_url,
    read_chunks,
    with_retries,
)


class FetchStatus(StrEnum):
    DOWNLOADED = "downloaded"
    PRESENT = "present"
    FAILED = "failed"


@dataclass(frozen=True)
class FileFetchResult:
    """The outcome for one listed file. `bytes` is what now stands at `target` (0 when it failed)."""

    url: str
    target: Path
    status: FetchStatus
    bytes: int
    reason: str | None = None
    attempts: int = 0


def _receive(url: str, part: Path, size: int, options: FetchOptions) -> str:
    """One attempt: stream `url` into `part`, return the md5 of exactly `size` bytes received."""
    with open_url(url, options) as response:
        announced = response.headers.get("Content-Length", "").strip()
        if announced.isdigit() and int(announced) != size:
            raise ContentMismatch(f"size mismatch: the server sends {int(announced)} bytes, the listing says {size}")
        digest = hashlib.md5(usedforsecurity=False)
        received = 0
        try:
            with part.open("wb") as out:
                for chunk in read_chunks(response, options.chunk_bytes):
                    received += len(chunk)
                    if received > size:
                        raise ContentMismatch(f"size mismatch: the server sent more than the {size} bytes listed")
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                # The rename publishes the file: its bytes must be on disk before it.
                os.fsync(out.fileno())
        except OSError as error:
            raise LandingWriteError(f"cannot write {part}: {describe_error(error)}") from error
    if received < size:
        raise TruncatedTransfer(f"the connection ended after {received} of {size} bytes")
    return digest.hexdigest()


def download_file(
    entry: FeedEntry, target: Path, *, base_url: str | None = None, options: FetchOptions | None = None
) -> FileFetchResult:
    """Fetch one listed file to `target`: temp file, size and md5 check, atomic rename.

    Whatever happens, no partial or unverified file is left at `target` or beside it,
    and nothing is raised for a network or content problem: it is the result's reason.
    """
    options = options or FetchOptions()
    url = file_url(feed_base_url(base_url), entry.name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, part_name = tempfile.mkstemp(dir=target.parent, prefix=f".{entry.name}.", suffix=".part")
        os.close(descriptor)
    except OSError as error:
        reason = f"cannot write to {target.parent}: {describe_error(error)}"
        return FileFetchResult(url, target, FetchStatus.FAILED, 0, reason)
    part = Path(part_name)
    try:
        md5, error, attempts = with_retries(url, lambda: _receive(url, part, entry.size, options), options)
        if error is not None:
            return FileFetchResult(url, target, FetchStatus.FAILED, 0, error, attempts)
        if md5 != entry.md5:
            reason = f"md5 mismatch: received {md5}, the listing says {entry.md5}"
            return FileFetchResult(url, target, FetchStatus.FAILED, 0, reason, attempts)
        try:
            os.replace(part, target)
        except OSError as error:
            reason = f"cannot move the verified file into {target}: {describe_error(error)}"
            return FileFetchResult(url, target, FetchStatus.FAILED, 0, reason, attempts)
        return FileFetchResult(url, target, FetchStatus.DOWNLOADED, entry.size, None, attempts)
    finally:
        part.unlink(missing_ok=True)


def download_missing(
    plan: FetchPlan, *, base_url: str | None = None, options: FetchOptions | None = None
) -> list[FileFetchResult]:
    """Fetch every missing file of `plan`, one failure never stopping the others; present ones are reported as such."""
    options = options or FetchOptions()
    base = feed_base_url(base_url)
    results = [
        FileFetchResult(
            url=file_url(base, planned.entry.name),
            target=planned.target,
            status=FetchStatus.PRESENT,
            bytes=(planned.landed_copy or planned.target).stat().st_size,
            reason=planned.note,
        )
        for planned in plan.present
    ]
    for planned in plan.missing:
        result = download_file(planned.entry, planned.target, base_url=base, options=options)
        if planned.note is not None and result.status is FetchStatus.DOWNLOADED:
            result = FileFetchResult(
                result.url, result.target, result.status, result.bytes, planned.note, result.attempts
            )
        results.append(result)
    return results
