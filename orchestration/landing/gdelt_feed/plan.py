"""Which listed files are missing from the landing folder, and where each lands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from orchestration.landing.gdelt_feed.listing import FeedEntry, is_wanted
from orchestration.landing.gdelt_names import FileKind, SlotRange, classify_file_name
from orchestration.landing.inventory import take_inventory


def landing_folder(raw_dir: Path, kind: FileKind) -> Path:
    """Where files of `kind` land below the landing folder `raw_dir`."""
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
        if not is_wanted(entry, kinds, slot_range) or entry.name in planned_names:
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
