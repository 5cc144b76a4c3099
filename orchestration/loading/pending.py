"""The work the landing folder holds for the next build, found from a directory listing and the
manifest alone, without reading a file.

A file is pending when

- it is new, or its size or modification time differ from the manifest's (the loader then
  decides by its hash whether the bytes changed), or its last load could not read it;
- it left the landing folder while the warehouse still holds it (the landing audit retires it);
- it is refused and new, changed, or refused for another reason than recorded;
- the manifest changed for it after the last finished build (`audit.builds`): a run loaded,
  refused or retired it and then failed, or a sensor's run did and no build carried it through.

The sensors, the schedules and `make run` read this one memory: what the manifest says the
warehouse holds.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import duckdb

from orchestration.landing.inventory import Inventory
from orchestration.landing.sources import (
    GDELT_EVENTS,
    LANDING_SOURCES,
    REFUSED_SOURCE_SYSTEM,
    LandingSource,
    landing_source,
)
from orchestration.loading.landing_audit import HELD_STATUSES, REFUSED_STATUS, is_vanished
from orchestration.loading.manifest import STANDING_STATUSES

_SOURCE_OF_SYSTEM = {system: source.table_name for source in LANDING_SOURCES for system in source.source_systems}


@dataclass(frozen=True)
class ManifestEntry:
    source_system: str
    source_file: str
    n_bytes: int
    modified_ns: int | None
    status: str
    detail: str | None
    loaded_at: dt.datetime


@dataclass(frozen=True)
class PendingWork:
    """What the next build has to take in, by landing source (its `table_name`)."""

    new_or_changed: dict[str, list[str]] = field(default_factory=dict)
    vanished: dict[str, list[str]] = field(default_factory=dict)
    not_yet_built: dict[str, list[str]] = field(default_factory=dict)
    refusals: list[str] = field(default_factory=list)
    gdelt_days: dict[str, list[str]] = field(default_factory=dict)
    """Days (partition keys) with their new or changed GDELT 2.0 event files: each day is loaded by a run of its own."""

    @property
    def is_empty(self) -> bool:
        return not (self.new_or_changed or self.vanished or self.not_yet_built or self.refusals)

    @property
    def sources(self) -> list[LandingSource]:
        """The landing sources whose tables this work changes (or changed, unbuilt)."""
        names = {*self.new_or_changed, *self.vanished, *self.not_yet_built}
        return [source for source in LANDING_SOURCES if source.table_name in names]

    def described(self) -> str:
        """One phrase a person reads: how many files of which folder, and why."""
        parts = []
        for label, files in (
            ("new or changed", self.new_or_changed),
            ("gone from the landing folder", self.vanished),
            ("loaded since the last finished build", self.not_yet_built),
        ):
            if files:
                by_folder = ", ".join(
                    f"{landing_source(name).folder_name} {len(names)}" for name, names in sorted(files.items())
                )
                parts.append(f"{sum(len(names) for names in files.values())} {label} ({by_folder})")
        if self.refusals:
            parts.append(f"{len(self.refusals)} refused files to record or retire")
        return "; ".join(parts) or "nothing"


def read_manifest(connection: duckdb.DuckDBPyConnection) -> list[ManifestEntry]:
    rows = connection.execute(
        """
        select source_system, source_file, n_bytes, modified_ns, status, detail, loaded_at
        from audit.file_manifest
        """
    ).fetchall()
    return [ManifestEntry(*row) for row in rows]


def pending_work(
    inventory: Inventory, manifest: list[ManifestEntry], built_up_to: dt.datetime | None = None
) -> PendingWork:
    """What `inventory` holds that `manifest` does not, and what the manifest took in after `built_up_to`
    (the last finished build's `manifest_loaded_up_to`; None: every entry counts as built)."""
    held = {(entry.source_system, entry.source_file): entry for entry in manifest}
    work = PendingWork()
    days: dict[str, list[str]] = defaultdict(list)
    for accepted in inventory.accepted:
        landed = accepted.landed
        entry = held.get((accepted.source_system, landed.source_file))
        if (
            entry is not None
            and entry.status in STANDING_STATUSES
            and (entry.n_bytes, entry.modified_ns) == (landed.n_bytes, landed.modified_ns)
        ):
            continue
        work.new_or_changed.setdefault(accepted.source.table_name, []).append(landed.source_file)
        if accepted.source.table_name == GDELT_EVENTS.table_name and accepted.claim.slot_day is not None:
            days[accepted.claim.slot_day.isoformat()].append(landed.source_file)
    for refused in inventory.refused:
        landed = refused.landed
        entry = held.get((REFUSED_SOURCE_SYSTEM, landed.source_file))
        if entry is None or (entry.status, entry.n_bytes, entry.modified_ns, entry.detail) != (
            REFUSED_STATUS,
            landed.n_bytes,
            landed.modified_ns,
            refused.reason,
        ):
            work.refusals.append(landed.source_file)
    vanished_from_landing = is_vanished(inventory)
    unbuilt: dict[str, list[str]] = defaultdict(list)
    for entry in manifest:
        source = _SOURCE_OF_SYSTEM.get(entry.source_system)
        # A landing folder that does not exist (unmounted, mistyped) retires nothing: the landing audit says so.
        if (
            inventory.exists
            and entry.status in HELD_STATUSES
            and vanished_from_landing(entry.source_system, entry.source_file)
        ):
            if source is None:
                work.refusals.append(entry.source_file)
            else:
                work.vanished.setdefault(source, []).append(entry.source_file)
        elif built_up_to is not None and entry.loaded_at > built_up_to:
            if source is None:
                work.refusals.append(entry.source_file)
            else:
                unbuilt[source].append(entry.source_file)
    work.not_yet_built.update(unbuilt)
    work.gdelt_days.update(sorted(days.items()))
    return work
