"""GDELT 2.0 file names: which kind of file a name is and which 15-minute slot (UTC) it holds.

GDELT names its 15-minute files `YYYYMMDDHHMMSS.<kind>.CSV.zip`, the kind being `export`,
`mentions` or `gkg`, with `translation.` before it for the translingual feed. The name is
the only place a file's kind and slot are written: the loaders, the sensors, the feed
fetcher and the completeness audit all read it here.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath
from urllib.parse import urlsplit

FIRST_DAY = dt.date(2015, 2, 18)
"""The day GDELT 2.0 published its first 15-minute files."""

SLOT_LENGTH = dt.timedelta(minutes=15)
SLOTS_PER_DAY = 96


class FileKind(StrEnum):
    """What a GDELT 2.0 file holds; the value is the marker in its file name."""

    EVENTS = "export"
    MENTIONS = "mentions"
    GKG = "gkg"
    TRANSLINGUAL_EVENTS = "translation.export"
    TRANSLINGUAL_MENTIONS = "translation.mentions"
    TRANSLINGUAL_GKG = "translation.gkg"

    @property
    def landing_subfolder(self) -> tuple[str, str]:
        return _LANDING_SUBFOLDERS[self]


_LANDING_SUBFOLDERS: dict[FileKind, tuple[str, str]] = {
    FileKind.EVENTS: ("gdelt", "events"),
    FileKind.MENTIONS: ("gdelt", "mentions"),
    FileKind.GKG: ("gdelt", "gkg"),
    FileKind.TRANSLINGUAL_EVENTS: ("gdelt", "events"),
    FileKind.TRANSLINGUAL_MENTIONS: ("gdelt", "mentions"),
    FileKind.TRANSLINGUAL_GKG: ("gdelt", "gkg"),
}

# GDELT writes `.export.CSV.zip` and `.gkg.csv.zip`; matching without regard to case also
# accepts the unzipped copies people land by hand (`20250511180000.export.csv`).
_FILE_NAME = re.compile(
    r"^(?P<stamp>\d{14})\.(?P<kind>(?:translation\.)?(?:export|mentions|gkg))\.csv(?P<zip>\.zip)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class GdeltFile:
    """A GDELT 2.0 file name read for its kind and 15-minute slot (UTC, naive)."""

    name: str
    kind: FileKind
    slot: dt.datetime
    zipped: bool


class NotAGdeltFileName(ValueError):
    """A name that is no GDELT 2.0 file's; the message says what is wrong with it."""


def read_file_name(name_or_url: str | os.PathLike[str]) -> GdeltFile:
    """Kind and slot of a GDELT 2.0 file, from its name, path or URL.

    Raises `NotAGdeltFileName` saying why for anything else: another pattern, a time
    stamp that is no calendar time or is off the quarter hour (not a GDELT 2.0 slot).
    """
    name = PurePosixPath(urlsplit(os.fspath(name_or_url)).path).name
    match = _FILE_NAME.match(name)
    if match is None:
        raise NotAGdeltFileName(
            "not a GDELT 2.0 file name (YYYYMMDDHHMMSS.export.CSV, .mentions.CSV or .gkg.csv, "
            "with .translation. before the kind for the translingual feed, optionally .zip)"
        )
    try:
        slot = dt.datetime.strptime(match["stamp"], "%Y%m%d%H%M%S")
    except ValueError as error:
        raise NotAGdeltFileName(f"time stamp {match['stamp']} is not a calendar time") from error
    if slot.minute % 15 or slot.second:
        raise NotAGdeltFileName(f"time stamp {match['stamp']} is not a 15-minute slot (:00, :15, :30, :45)")
    return GdeltFile(name=name, kind=FileKind(match["kind"].lower()), slot=slot, zipped=match["zip"] is not None)


def classify_file_name(name_or_url: str | os.PathLike[str]) -> GdeltFile | None:
    """Kind and slot of a GDELT 2.0 file, from its name, path or URL; None for anything else."""
    try:
        return read_file_name(name_or_url)
    except NotAGdeltFileName:
        return None


def slot_out_of_range(slot: dt.datetime, today: dt.date) -> str | None:
    """Why a slot cannot be a GDELT 2.0 file's (before the feed began, or after `today`, UTC), or None."""
    if slot.date() < FIRST_DAY:
        return f"slot {slot:%Y-%m-%d %H:%M} lies before GDELT 2.0 began ({FIRST_DAY.isoformat()})"
    if slot.date() > today:
        return f"slot {slot:%Y-%m-%d %H:%M} lies in the future (today is {today.isoformat()} UTC)"
    return None


def _as_utc_naive(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def _slot_at_or_after(moment: dt.datetime) -> dt.datetime:
    floor = _slot_at_or_before(moment)
    return floor if floor == moment else floor + SLOT_LENGTH


def _slot_at_or_before(moment: dt.datetime) -> dt.datetime:
    return moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)


@dataclass(frozen=True, slots=True)
class SlotRange:
    """An inclusive run of 15-minute slots in UTC: `first` and `last` are slot start times."""

    first: dt.datetime
    last: dt.datetime

    def __post_init__(self) -> None:
        for bound in (self.first, self.last):
            if bound.tzinfo is not None or _slot_at_or_before(bound) != bound:
                raise ValueError(f"{bound.isoformat()} is not a naive UTC 15-minute slot start")
        if self.first > self.last:
            raise ValueError(f"slot range starts at {self.first.isoformat()}, after its end {self.last.isoformat()}")

    @classmethod
    def between(cls, start: dt.date | dt.datetime, end: dt.date | dt.datetime) -> SlotRange:
        """Slots from `start` through `end`, both included.

        A date stands for the whole day (from 00:00 as a start, through 23:45 as an end);
        a datetime (aware ones are converted to UTC) is rounded inwards to the quarter hour.
        """
        if isinstance(start, dt.datetime):
            first = _slot_at_or_after(_as_utc_naive(start))
        else:
            first = dt.datetime.combine(start, dt.time())
        if isinstance(end, dt.datetime):
            last = _slot_at_or_before(_as_utc_naive(end))
        else:
            last = dt.datetime.combine(end, dt.time(23, 45))
        return cls(first=first, last=last)

    def __contains__(self, slot: object) -> bool:
        return isinstance(slot, dt.datetime) and self.first <= slot <= self.last

    def days(self) -> list[dt.date]:
        count = (self.last.date() - self.first.date()).days + 1
        return [self.first.date() + dt.timedelta(days=offset) for offset in range(count)]

    def slots_on(self, day: dt.date) -> list[dt.datetime]:
        """The slots of `day` that fall inside the range (96 for a day it fully covers)."""
        midnight = dt.datetime.combine(day, dt.time())
        slots = (midnight + SLOT_LENGTH * index for index in range(SLOTS_PER_DAY))
        return [slot for slot in slots if slot in self]
