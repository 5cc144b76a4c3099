"""What the next build does, decided before any Dagster run: everything, the part downstream of
what landed, or nothing.

- **Full**: when asked (`make rebuild`), when the warehouse is new, when no build has finished
  in it, or when the code, the dbt project or the settings changed since the last build that
  finished (`loading.builds.inputs_fingerprint`). Every asset of the main job runs, every
  landed GDELT day among them; loaders still skip the files they hold.
- **Increment**: files are pending (`loading.pending`): the landing audit, the loads of the
  GDELT days with new files, and the assets downstream of the changed tables (`defs.selection`).
- **Nothing**: nothing is pending. No run starts; the build says so in one line.

The plan reads a directory listing and the warehouse's manifest; it imports neither Dagster
nor dbt, so a build with nothing to do costs the process start and this look only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from orchestration import settings
from orchestration.landing.inventory import take_inventory
from orchestration.loading.builds import FULL_SCOPE, INCREMENT_SCOPE, inputs_fingerprint, last_build
from orchestration.loading.pending import PendingWork, pending_work, read_manifest
from orchestration.loading.warehouse import connect

NOTHING_SCOPE = "nothing"


@dataclass(frozen=True)
class BuildPlan:
    scope: str
    reason: str
    fingerprint: str
    work: PendingWork = field(default_factory=PendingWork)
    last_finished_at: dt.datetime | None = None

    @property
    def is_full(self) -> bool:
        return self.scope == FULL_SCOPE

    def line(self, warehouse: Path, raw_dir: Path) -> str:
        """What the build is about to do, or why it does nothing, in one line."""
        if self.scope == NOTHING_SCOPE:
            since = f"{self.last_finished_at:%Y-%m-%d %H:%M:%S} UTC" if self.last_finished_at else "the last build"
            return (
                f"Nothing new in {raw_dir} since the build of {since}: {warehouse} and its snapshot are current "
                "(make rebuild builds everything again)."
            )
        if self.scope == INCREMENT_SCOPE:
            return f"Building what depends on {self.reason} (make rebuild builds everything)."
        return f"Building everything: {self.reason}."


def full_plan(reason: str) -> BuildPlan:
    return BuildPlan(FULL_SCOPE, reason, inputs_fingerprint())


def plan_build(warehouse: Path, raw_dir: Path, *, full: bool = False) -> BuildPlan:
    """The plan for a build of `raw_dir` into `warehouse`; waits, as a writer does, while another
    process holds the warehouse."""
    if full:
        return full_plan("asked for")
    if not warehouse.exists():
        return full_plan("the warehouse is new")
    fingerprint = inputs_fingerprint()
    with connect(warehouse, wait_seconds=settings.writer_wait_seconds()) as connection:
        last = last_build(connection)
        manifest = read_manifest(connection)
    if last is None:
        return BuildPlan(FULL_SCOPE, "no build has finished in this warehouse yet", fingerprint)
    if last.inputs_fingerprint != fingerprint:
        return BuildPlan(
            FULL_SCOPE, "the code, the dbt project or the settings changed since the last build", fingerprint
        )
    work = pending_work(take_inventory(raw_dir), manifest, last.manifest_loaded_up_to)
    if work.is_empty:
        return BuildPlan(NOTHING_SCOPE, "nothing is pending", fingerprint, work, last.finished_at)
    return BuildPlan(INCREMENT_SCOPE, work.described(), fingerprint, work, last.finished_at)
