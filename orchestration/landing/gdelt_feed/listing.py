"""GDELT's file listings read line by line: one entry per listed file, or the reason a line names none.

Each line is `<bytes> <md5> <url>`; the file name in the URL gives the entry's kind and
slot (see `landing.gdelt_names`). Pure: lines in, entries and issues out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from orchestration.landing.gdelt_names import FileKind, GdeltFile, SlotRange, classify_file_name

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


def is_wanted(entry: FeedEntry, kinds: Collection[FileKind] | None, slot_range: SlotRange | None) -> bool:
    """The entry is of one of `kinds` (any, when None) and its slot within `slot_range` (any, when None)."""
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
        elif is_wanted(item, kinds, slot_range):
            entries.append(item)
    return FeedListing(entries=entries, issues=issues)
