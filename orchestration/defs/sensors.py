"""Sensors: new files in the landing folder start the loads that take them, and a finished
GDELT day starts the build of the marts."""

import json
from collections import defaultdict
from pathlib import Path

import dagster as dg

from orchestration.defs.jobs import build_warehouse, load_gdelt_day
from orchestration.defs.resources import LandingZone
from orchestration.sources.gdelt_feed import FileKind, classify_file_name


def landed_since(raw_dir: Path, after_mtime_ns: int) -> list[tuple[Path, int]]:
    """Files below `raw_dir` modified after `after_mtime_ns`, skipping hidden files (downloads in progress)."""
    if not raw_dir.is_dir():
        return []
    found = []
    for path in raw_dir.rglob("*"):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(raw_dir).parts):
            mtime_ns = path.stat().st_mtime_ns
            if mtime_ns > after_mtime_ns:
                found.append((path, mtime_ns))
    return found


def run_requests_for(landed: list[tuple[Path, int]]) -> list[dg.RunRequest]:
    """One GDELT day load per day with new event files, and one build for any other new file.

    Run keys carry the newest modification time, so a file landing again reruns its load once.
    """
    gdelt_days: dict[str, int] = defaultdict(int)
    others = 0
    for path, mtime_ns in landed:
        gdelt_file = classify_file_name(path.name)
        if gdelt_file is not None and gdelt_file.kind in (FileKind.EVENTS, FileKind.TRANSLINGUAL_EVENTS):
            day = gdelt_file.slot.date().isoformat()
            gdelt_days[day] = max(gdelt_days[day], mtime_ns)
        else:
            others = max(others, mtime_ns)
    requests = [
        dg.RunRequest(run_key=f"gdelt-{day}-{mtime_ns}", job_name=load_gdelt_day.name, partition_key=day)
        for day, mtime_ns in sorted(gdelt_days.items())
    ]
    if others:
        requests.append(dg.RunRequest(run_key=f"build-{others}", job_name=build_warehouse.name))
    return requests


@dg.sensor(
    name="landed_files_sensor",
    jobs=[load_gdelt_day, build_warehouse],
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Start loads when new or changed files appear in the landing folder.",
)
def landed_files_sensor(context: dg.SensorEvaluationContext, landing: LandingZone):
    seen_up_to = json.loads(context.cursor)["mtime_ns"] if context.cursor else 0
    landed = landed_since(Path(landing.path), seen_up_to)
    if not landed:
        return dg.SkipReason(f"No file in {landing.path} changed since the last look.")
    return dg.SensorResult(
        run_requests=run_requests_for(landed),
        cursor=json.dumps({"mtime_ns": max(mtime_ns for _, mtime_ns in landed)}),
    )


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
