"""Completeness audit of landed GDELT 2.0 files: expected against present 15-minute files.

Source: the names of files in the landing folder (`<raw>/gdelt/events/`,
`<raw>/gdelt/mentions/`, `<raw>/gdelt/gkg/`). Grain: one row per UTC day and file kind
(`export`, `mentions`, `gkg`, `translation.export`, …).

GDELT publishes one file of each kind every 15 minutes, 96 a day. `completeness` holds
the landing folder against that calendar. Run it on the names a feed listing gives to
see GDELT's own gaps.

A zipped and an unzipped copy of the same slot count once; names that are not GDELT
2.0 15-minute files (a README, a `.part` download in progress) are not counted.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Collection, Iterable

import polars as pl

from orchestration.landing.gdelt_names import FileKind, SlotRange, classify_file_name

COMPLETENESS_SCHEMA: dict[str, pl.DataType] = {
    "day": pl.Date(),
    "kind": pl.String(),
    "expected_files": pl.Int64(),
    "present_files": pl.Int64(),
    "missing_files": pl.Int64(),
    "missing_slots": pl.List(pl.String()),
    "is_complete": pl.Boolean(),
}

# kind -> day -> the slots of that day
_Slots = dict[FileKind, dict[dt.date, set[dt.datetime]]]


def _slots_by_kind(names: Iterable[str | os.PathLike[str]]) -> _Slots:
    slots: _Slots = {}
    for name in names:
        file = classify_file_name(name)
        if file is not None:
            slots.setdefault(file.kind, {}).setdefault(file.slot.date(), set()).add(file.slot)
    return slots


def _audit_kinds(found: _Slots, kinds: Collection[FileKind] | None) -> list[FileKind]:
    wanted = set(found) if kinds is None else set(kinds)
    return [kind for kind in FileKind if kind in wanted]


def _audit_days(found: _Slots, kinds: list[FileKind], slot_range: SlotRange | None) -> list[dt.date]:
    if slot_range is not None:
        return slot_range.days()
    seen = [day for kind in kinds for day in found.get(kind, {})]
    if not seen:
        return []
    return SlotRange.between(min(seen), max(seen)).days()


@functools.cache
def _slot_label(time_of_day: dt.time) -> str:
    # Years of days missing whole are millions of labels: each of the 96 is made once.
    return time_of_day.strftime("%H:%M")


def _frame(rows: list[tuple[dt.date, FileKind, set[dt.datetime], set[dt.datetime]]]) -> pl.DataFrame:
    """Rows of (day, kind, expected slots, present slots) as the audit frame."""
    columns: dict[str, list] = {name: [] for name in COMPLETENESS_SCHEMA}
    for day, kind, expected, present in rows:
        missing = sorted(expected - present)
        columns["day"].append(day)
        columns["kind"].append(kind.value)
        columns["expected_files"].append(len(expected))
        columns["present_files"].append(len(expected & present))
        columns["missing_files"].append(len(missing))
        columns["missing_slots"].append([_slot_label(slot.time()) for slot in missing])
        columns["is_complete"].append(not missing)
    return pl.DataFrame(columns, schema=COMPLETENESS_SCHEMA)


def _calendar_slots(day: dt.date, slot_range: SlotRange | None) -> set[dt.datetime]:
    if slot_range is None:
        return set(SlotRange.between(day, day).slots_on(day))
    return set(slot_range.slots_on(day))


def completeness(
    landed: Iterable[str | os.PathLike[str]],
    *,
    slot_range: SlotRange | None = None,
    kinds: Collection[FileKind] | None = None,
) -> pl.DataFrame:
    """Expected (by the calendar) against present files, one row per day and kind.

    `landed` holds file names or paths. Every day from the first to the last landed
    day counts 96 slots; with `slot_range` the days are the range's and its first and
    last day count only their slots inside it. `kinds` defaults to the kinds among
    `landed`: name a kind to audit it even when nothing of it landed.
    """
    found = _slots_by_kind(landed)
    audit_kinds = _audit_kinds(found, kinds)
    rows = []
    for day in _audit_days(found, audit_kinds, slot_range):
        expected = _calendar_slots(day, slot_range)
        for kind in audit_kinds:
            rows.append((day, kind, expected, found.get(kind, {}).get(day, set())))
    return _frame(rows)
