"""Sensors: new files in the landing folder start the loads that take them, a finished GDELT day
starts the build of the marts, and runs killed mid-way release the warehouse's writer."""

import json
from collections import defaultdict
from pathlib import Path

import dagster as dg

from orchestration.defs.assets.gdelt import GDELT_EVENTS
from orchestration.defs.jobs import build_warehouse, load_gdelt_day
from orchestration.defs.resources import DUCKDB_WRITER_POOL, LandingZone
from orchestration.landing.inventory import Inventory, take_inventory
from orchestration.runs import release_dead_runs


def run_requests_for(inventory: Inventory, after_mtime_ns: int, files_before: int | None) -> list[dg.RunRequest]:
    """One GDELT day load per day with new event files, and one build for any other new file or
    when files have left the landing folder (fewer than `files_before`).

    Run keys carry the newest modification time, so a file landing again reruns its load once.
    Refused files are recorded by the build, never turned into partitions.
    """
    gdelt_days: dict[str, int] = defaultdict(int)
    others = 0
    for accepted in inventory.accepted:
        mtime_ns = accepted.landed.modified_ns
        if mtime_ns <= after_mtime_ns:
            continue
        if accepted.source is GDELT_EVENTS and accepted.claim.slot_day is not None:
            day = accepted.claim.slot_day.isoformat()
            gdelt_days[day] = max(gdelt_days[day], mtime_ns)
        else:
            others = max(others, mtime_ns)
    for refused in inventory.refused:
        if refused.landed.modified_ns > after_mtime_ns:
            others = max(others, refused.landed.modified_ns)
    requests = [
        dg.RunRequest(run_key=f"gdelt-{day}-{mtime_ns}", job_name=load_gdelt_day.name, partition_key=day)
        for day, mtime_ns in sorted(gdelt_days.items())
    ]
    n_files = len(inventory.accepted) + len(inventory.refused)
    if others:
        requests.append(dg.RunRequest(run_key=f"build-{others}", job_name=build_warehouse.name))
    elif files_before is not None and n_files < files_before:
        requests.append(
            dg.RunRequest(run_key=f"build-after-removal-{after_mtime_ns}-{n_files}", job_name=build_warehouse.name)
        )
    return requests


def newest_mtime(inventory: Inventory) -> int:
    files = [*inventory.accepted, *inventory.refused]
    return max((file.landed.modified_ns for file in files), default=0)


@dg.sensor(
    name="landed_files_sensor",
    jobs=[load_gdelt_day, build_warehouse],
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Start loads when files appear in, change in or leave the landing folder.",
)
def landed_files_sensor(context: dg.SensorEvaluationContext, landing: LandingZone):
    cursor = json.loads(context.cursor) if context.cursor else {}
    seen_up_to, files_before = cursor.get("mtime_ns", 0), cursor.get("n_files")
    inventory = take_inventory(Path(landing.path))
    requests = run_requests_for(inventory, seen_up_to, files_before)
    new_cursor = json.dumps(
        {
            "mtime_ns": max(seen_up_to, newest_mtime(inventory)),
            "n_files": len(inventory.accepted) + len(inventory.refused),
        }
    )
    if not requests:
        return dg.SensorResult(
            skip_reason=f"No file in {landing.path} landed or left, and none changed since the last look.",
            cursor=new_cursor,
        )
    return dg.SensorResult(run_requests=requests, cursor=new_cursor)


@dg.run_status_sensor(
    name="build_after_gdelt_day",
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[load_gdelt_day],
    request_job=build_warehouse,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Rebuild the marts once a GDELT day has loaded.",
)
def build_after_gdelt_day(context: dg.RunStatusSensorContext):
    return dg.RunRequest(run_key=f"after-{context.dagster_run.run_id}")


@dg.sensor(
    name="stale_runs_sensor",
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Mark failed the runs whose process is gone (killed, out of memory) and free the warehouse's "
    "writer they held, so that the next scheduled or sensed run proceeds.",
)
def stale_runs_sensor(context: dg.SensorEvaluationContext):
    released = release_dead_runs(context.instance, DUCKDB_WRITER_POOL)
    for line in released:
        context.log.warning(line)
    return dg.SkipReason(" ".join(released) or "Every unfinished run's process is alive.")
