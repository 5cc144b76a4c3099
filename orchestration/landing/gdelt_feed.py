"""GDELT 2.0 feed fetching: read GDELT's file listings and land the files that are missing.

Source: the GDELT Project's feed below `http://data.gdeltproject.org/gdeltv2/`. Four
listings name its files, one `<bytes> <md5> <url>` line per file:
`lastupdate.txt` (the newest 15-minute slot), `masterfilelist.txt` (every file since
2015-02-18) and their translingual twins `lastupdate-translation.txt` and
`masterfilelist-translation.txt`. Grain: one listing entry per GDELT file, that is one
kind (`export`, `mentions`, `gkg`, or a `translation.` variant) for one 15-minute UTC
slot; one fetch result per listed file the caller asked for.

Files land under `<raw>/gdelt/events/`, `<raw>/gdelt/mentions/` and `<raw>/gdelt/gkg/`
with GDELT's own file names; translingual files share their kind's folder, their names
keep them apart. A download goes to a hidden `.part` file in the target folder, is
checked against the listed size and md5, and only then renamed into place, so a loader
never sees a half-written or corrupt file.

The network is allowed to be absent: `fetch_feed` turns every network failure into a
failed result with its reason, and what already landed stays usable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import os
import re
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import TypeVar
from urllib.parse import urlsplit

from orchestration.landing.inventory import take_inventory
from orchestration.landing.gdelt_names import FileKind, GdeltFile, SlotRange, classify_file_name

DEFAULT_FEED_URL = "http://data.gdeltproject.org/gdeltv2/"
FEED_URL_ENV = "DYADWATCH_GDELT_FEED_URL"

LAST_UPDATE = "lastupdate.txt"
MASTER_FILE_LIST = "masterfilelist.txt"
LAST_UPDATE_TRANSLINGUAL = "lastupdate-translation.txt"
MASTER_FILE_LIST_TRANSLINGUAL = "masterfilelist-translation.txt"

_MD5 = re.compile(r"^[0-9a-fA-F]{32}$")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One listed GDELT file: its size in bytes and md5 as GDELT publishes them."""

    size: int
    md5: str
    url: str
    file: GdeltFile
    line_number: int

    @property
    def name(self) -> str:
        return self.file.name

    @property
    def kind(self) -> FileKind:
        return self.file.kind

    @property
    def slot(self) -> dt.datetime:
        return self.file.slot


@dataclass(frozen=True, slots=True)
class ListingIssue:
    """A listing line that names no usable file, with the reason and the line as it came."""

    line_number: int
    reason: str
    raw_line: str


@dataclass(frozen=True)
class FeedListing:
    """The entries kept from a listing (after any kind and slot filter) and every malformed line."""

    entries: list[FeedEntry]
    issues: list[ListingIssue]


def parse_listing_line(line: str | bytes, line_number: int) -> FeedEntry | ListingIssue:
    """One `<bytes> <md5> <url>` line read as an entry, or the reason it cannot be."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as error:
            shown = line.decode("utf-8", errors="backslashreplace").rstrip("\r\n")
            return ListingIssue(line_number, f"undecodable bytes (not UTF-8) at byte {error.start}", shown)
    text = line.rstrip("\r\n")
    fields = text.split()
    if not fields:
        return ListingIssue(line_number, "blank line", text)
    if len(fields) != 3:
        return ListingIssue(line_number, f"expected 3 fields '<bytes> <md5> <url>', found {len(fields)}", text)
    size_text, md5, url = fields
    if not size_text.isascii() or not size_text.isdigit():
        return ListingIssue(line_number, f"size '{size_text}' is not a whole number of bytes", text)
    if not _MD5.match(md5):
        return ListingIssue(line_number, f"md5 '{md5}' is not 32 hexadecimal digits", text)
    if urlsplit(url).scheme not in ("http", "https"):
        return ListingIssue(line_number, f"'{url}' is not an http(s) URL", text)
    file = classify_file_name(url)
    if file is None:
        name = PurePosixPath(urlsplit(url).path).name
        return ListingIssue(line_number, f"'{name}' is not a GDELT 2.0 15-minute file name", text)
    return FeedEntry(size=int(size_text), md5=md5.lower(), url=url, file=file, line_number=line_number)


def iter_listing(lines: Iterable[str | bytes]) -> Iterator[FeedEntry | ListingIssue]:
    """Each line of a listing (numbered from 1) as an entry or an issue: no line goes unaccounted for."""
    for line_number, line in enumerate(lines, start=1):
        yield parse_listing_line(line, line_number)


def _wanted(entry: FeedEntry, kinds: Collection[FileKind] | None, slot_range: SlotRange | None) -> bool:
    return (kinds is None or entry.kind in kinds) and (slot_range is None or entry.slot in slot_range)


def parse_listing(
    lines: Iterable[str | bytes] | str,
    *,
    kinds: Collection[FileKind] | None = None,
    slot_range: SlotRange | None = None,
) -> FeedListing:
    """A whole listing: the entries of the wanted kinds and slots, and every malformed line.

    Lines are consumed one at a time and unwanted entries are dropped at once, so a
    streamed `masterfilelist.txt` costs memory only for what the filter keeps.
    """
    if isinstance(lines, str):
        lines = lines.splitlines()
    entries: list[FeedEntry] = []
    issues: list[ListingIssue] = []
    for item in iter_listing(lines):
        if isinstance(item, ListingIssue):
            issues.append(item)
        elif _wanted(item, kinds, slot_range):
            entries.append(item)
    return FeedListing(entries=entries, issues=issues)


def feed_base_url(override: str | None = None) -> str:
    """The feed's base URL: `override`, else `DYADWATCH_GDELT_FEED_URL`, else GDELT's own.

    Always ends in `/` so that listing and file names join onto it.
    """
    url = (override or os.environ.get(FEED_URL_ENV, "").strip() or DEFAULT_FEED_URL).strip()
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise ValueError(f"GDELT feed URL '{url}' is not an http(s) URL")
    return url if url.endswith("/") else url + "/"


def file_url(base_url: str, file_name: str) -> str:
    """Where a file is fetched: its name below the feed's base URL.

    The URL a listing gives is not followed as such: a mirror's copy of a listing still
    names GDELT's host, and the name alone identifies a GDELT file.
    """
    return feed_base_url(base_url) + file_name


def landing_folder(raw_dir: Path, kind: FileKind) -> Path:
    return raw_dir.joinpath(*kind.landing_subfolder)


def scan_landed_files(raw_dir: Path, kinds: Collection[FileKind] | None = None) -> list[Path]:
    """Landed GDELT 2.0 files of `kinds` (all by default) that their folder's source accepts."""
    wanted = set(FileKind) if kinds is None else set(kinds)
    found = []
    for accepted in take_inventory(raw_dir).accepted:
        gdelt_file = classify_file_name(accepted.landed.path.name)
        if gdelt_file is not None and gdelt_file.kind in wanted:
            found.append(accepted.landed.path)
    return sorted(found)


@dataclass(frozen=True)
class PlannedFile:
    """A listed file and where it lands; `landed_copy` is a copy of the same kind and slot already there."""

    entry: FeedEntry
    target: Path
    landed_copy: Path | None = None
    note: str | None = None


@dataclass(frozen=True)
class FetchPlan:
    missing: list[PlannedFile]
    present: list[PlannedFile]


def plan_fetch(
    entries: Iterable[FeedEntry],
    raw_dir: Path,
    *,
    kinds: Collection[FileKind] | None = None,
    slot_range: SlotRange | None = None,
) -> FetchPlan:
    """Which listed files (of `kinds`, within `slot_range`) are missing from the landing folder.

    A file counts as present when its exact name landed with the listed size, or when
    another copy of the same kind and slot landed (an unzipped `.export.csv`, say):
    fetching the zip next to it would load the slot twice. A same-named file of another
    size is a damaged copy and is fetched again. A name listed twice is planned once.
    """
    landed: dict[tuple[FileKind, dt.datetime], list[Path]] = {}
    for path in scan_landed_files(raw_dir, kinds):
        file = classify_file_name(path.name)
        if file is not None:
            landed.setdefault((file.kind, file.slot), []).append(path)

    missing: list[PlannedFile] = []
    present: list[PlannedFile] = []
    planned_names: set[str] = set()
    for entry in entries:
        if not _wanted(entry, kinds, slot_range) or entry.name in planned_names:
            continue
        planned_names.add(entry.name)
        target = landing_folder(raw_dir, entry.kind) / entry.name
        copies = landed.get((entry.kind, entry.slot), [])
        exact = [path for path in copies if path == target]
        others = [path for path in copies if path != target]
        if exact and exact[0].stat().st_size == entry.size:
            present.append(PlannedFile(entry, target, landed_copy=target))
        elif others:
            present.append(PlannedFile(entry, target, landed_copy=others[0], note=f"landed as {others[0].name}"))
        elif exact:
            note = f"landed copy has {exact[0].stat().st_size} bytes, listing says {entry.size}: fetched again"
            missing.append(PlannedFile(entry, target, note=note))
        else:
            missing.append(PlannedFile(entry, target))
    return FetchPlan(missing=missing, present=present)


@dataclass(frozen=True)
class FetchOptions:
    """How hard to try: per-request timeout, attempts per URL and exponential back-off between them."""

    timeout_seconds: float = 60.0
    attempts: int = 4
    base_delay_seconds: float = 2.0
    max_delay_seconds: float = 120.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    chunk_bytes: int = 1 << 20
    user_agent: str = "dyadwatch"

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")
        if self.timeout_seconds <= 0:
            raise ValueError("timeout_seconds must be positive")

    def delay_before_retry(self, failed_attempt: int) -> float:
        """Back-off after the `failed_attempt`-th attempt: base, 2 × base, 4 × base, … capped."""
        return min(self.base_delay_seconds * 2 ** (failed_attempt - 1), self.max_delay_seconds)


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


class _ContentMismatch(Exception):
    """The bytes served are not the bytes listed: trying again would fetch the same bytes."""


class _TruncatedTransfer(Exception):
    """The connection ended before the announced bytes came: worth another attempt."""


class _NetworkReadError(Exception):
    """Reading the response failed midway; kept apart from the landing folder's own OSErrors."""


class _LandingWriteError(Exception):
    """The landing folder refused the bytes (disk full, permissions): not a network matter."""


class _PermanentHttpError(Exception):
    """An HTTP answer that another attempt would not change (404, 403, …)."""


# Statuses a server gives when it is busy or restarting; every other error status stands.
_TRANSIENT_HTTP_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


def _describe_error(error: BaseException) -> str:
    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code} {error.reason}"
    if isinstance(error, urllib.error.URLError):
        reason = error.reason
        return str(reason) if not isinstance(reason, BaseException) else _describe_error(reason)
    if isinstance(error, TimeoutError):
        return "timed out"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _open(url: str, options: FetchOptions) -> http.client.HTTPResponse:
    request = urllib.request.Request(url, headers={"User-Agent": options.user_agent})
    try:
        return urllib.request.urlopen(request, timeout=options.timeout_seconds)
    except urllib.error.HTTPError as error:
        error.close()
        if error.code in _TRANSIENT_HTTP_STATUSES:
            raise
        raise _PermanentHttpError(_describe_error(error)) from error


_Value = TypeVar("_Value")


def _with_retries(
    url: str, action: Callable[[], _Value], options: FetchOptions
) -> tuple[_Value | None, str | None, int]:
    """Run `action` until it succeeds, retrying network failures: (value, error, attempts made)."""
    last_error = ""
    for attempt in range(1, options.attempts + 1):
        try:
            return action(), None, attempt
        except (_ContentMismatch, _LandingWriteError, _PermanentHttpError) as error:
            return None, str(error), attempt
        except (_TruncatedTransfer, _NetworkReadError) as error:
            last_error = str(error)
        except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
            last_error = _describe_error(error)
        if attempt < options.attempts:
            options.sleep(options.delay_before_retry(attempt))
    plural = "attempt" if options.attempts == 1 else "attempts"
    return None, f"could not fetch {url} after {options.attempts} {plural}: {last_error}", options.attempts


def _chunks(response: http.client.HTTPResponse, chunk_bytes: int) -> Iterator[bytes]:
    while True:
        try:
            chunk = response.read(chunk_bytes)
        except (http.client.HTTPException, OSError) as error:
            raise _NetworkReadError(_describe_error(error)) from error
        if not chunk:
            return
        yield chunk


def _receive(url: str, part: Path, size: int, options: FetchOptions) -> str:
    """One attempt: stream `url` into `part`, return the md5 of exactly `size` bytes received."""
    with _open(url, options) as response:
        announced = response.headers.get("Content-Length", "").strip()
        if announced.isdigit() and int(announced) != size:
            raise _ContentMismatch(f"size mismatch: the server sends {int(announced)} bytes, the listing says {size}")
        digest = hashlib.md5(usedforsecurity=False)
        received = 0
        try:
            with part.open("wb") as out:
                for chunk in _chunks(response, options.chunk_bytes):
                    received += len(chunk)
                    if received > size:
                        raise _ContentMismatch(f"size mismatch: the server sent more than the {size} bytes listed")
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                # The rename publishes the file: its bytes must be on disk before it.
                os.fsync(out.fileno())
        except OSError as error:
            raise _LandingWriteError(f"cannot write {part}: {_describe_error(error)}") from error
    if received < size:
        raise _TruncatedTransfer(f"the connection ended after {received} of {size} bytes")
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
        reason = f"cannot write to {target.parent}: {_describe_error(error)}"
        return FileFetchResult(url, target, FetchStatus.FAILED, 0, reason)
    part = Path(part_name)
    try:
        md5, error, attempts = _with_retries(url, lambda: _receive(url, part, entry.size, options), options)
        if error is not None:
            return FileFetchResult(url, target, FetchStatus.FAILED, 0, error, attempts)
        if md5 != entry.md5:
            reason = f"md5 mismatch: received {md5}, the listing says {entry.md5}"
            return FileFetchResult(url, target, FetchStatus.FAILED, 0, reason, attempts)
        try:
            os.replace(part, target)
        except OSError as error:
            reason = f"cannot move the verified file into {target}: {_describe_error(error)}"
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
            result = FileFetchResult(result.url, result.target, result.status, result.bytes, planned.note, result.attempts)
        results.append(result)
    return results


@dataclass(frozen=True)
class ListingFetch:
    """A listing read from the feed, or why it could not be read (then `listing` is empty)."""

    url: str
    listing: FeedListing
    error: str | None
    attempts: int


def _read_listing_once(
    url: str, kinds: Collection[FileKind] | None, slot_range: SlotRange | None, options: FetchOptions
) -> FeedListing:
    with _open(url, options) as response:
        return parse_listing(response, kinds=kinds, slot_range=slot_range)


def fetch_listing(
    listing_name: str = LAST_UPDATE,
    *,
    base_url: str | None = None,
    kinds: Collection[FileKind] | None = None,
    slot_range: SlotRange | None = None,
    options: FetchOptions | None = None,
) -> ListingFetch:
    """Read one of GDELT's listings, streamed line by line, keeping only the wanted entries.

    A transfer that breaks off midway is read again from the start, so a listing is
    never half-read.
    """
    options = options or FetchOptions()
    url = feed_base_url(base_url) + listing_name
    listing, error, attempts = _with_retries(url, lambda: _read_listing_once(url, kinds, slot_range, options), options)
    if listing is None:
        return ListingFetch(url, FeedListing(entries=[], issues=[]), error, attempts)
    return ListingFetch(url, listing, None, attempts)


@dataclass(frozen=True)
class FeedFetchReport:
    """Everything one fetch did: the listing read (or its error), its malformed lines and one result per file."""

    listing_url: str
    listing_error: str | None
    listing_issues: list[ListingIssue]
    results: list[FileFetchResult]

    def with_status(self, status: FetchStatus) -> list[FileFetchResult]:
        return [result for result in self.results if result.status is status]

    @property
    def downloaded(self) -> list[FileFetchResult]:
        return self.with_status(FetchStatus.DOWNLOADED)

    @property
    def present(self) -> list[FileFetchResult]:
        return self.with_status(FetchStatus.PRESENT)

    @property
    def failed(self) -> list[FileFetchResult]:
        return self.with_status(FetchStatus.FAILED)

    @property
    def ok(self) -> bool:
        """The listing was read and every wanted file now stands in the landing folder."""
        return self.listing_error is None and not self.failed


def fetch_feed(
    raw_dir: Path,
    *,
    listing_name: str = LAST_UPDATE,
    base_url: str | None = None,
    kinds: Collection[FileKind] | None = None,
    slot_range: SlotRange | None = None,
    options: FetchOptions | None = None,
) -> FeedFetchReport:
    """Read a listing and land every listed file of `kinds` within `slot_range` that is missing.

    Without a network the report carries `listing_error` and no results; the landing
    folder is left as it was.
    """
    options = options or FetchOptions()
    base = feed_base_url(base_url)
    fetched = fetch_listing(listing_name, base_url=base, kinds=kinds, slot_range=slot_range, options=options)
    if fetched.error is not None:
        return FeedFetchReport(fetched.url, fetched.error, [], [])
    plan = plan_fetch(fetched.listing.entries, raw_dir, kinds=kinds, slot_range=slot_range)
    results = download_missing(plan, base_url=base, options=options)
    return FeedFetchReport(fetched.url, None, fetched.listing.issues, results)
