"""Schedules and sensors: what starts runs when nobody is watching."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import dagster as dg

from orchestration.definitions import defs
from orchestration.defs.resources import LandingZone
from tests.conftest import BUNDLED_RAW


def _sensor_requests(name: str, landing: Path, cursor: str | None = None) -> dg.SensorResult | dg.SkipReason:
    definitions = defs()
    sensor = definitions.resolve_sensor_def(name)
    with dg.build_sensor_context(
        cursor=cursor,
        resources={"landing": LandingZone(path=str(landing))},
        repository_def=definitions.get_repository_def(),
    ) as context:
        return sensor.evaluate_tick(context)


def test_new_files_start_one_load_per_gdelt_day_and_one_build(tmp_path: Path) -> None:
    shutil.copytree(BUNDLED_RAW, tmp_path / "raw")
    landing = tmp_path / "raw"

    first = _sensor_requests("landed_files_sensor", landing)

    requests = sorted((request.job_name, request.partition_key) for request in first.run_requests)
    assert requests == [
        ("build_warehouse", None),
        ("load_gdelt_day", "2015-02-18"),
        ("load_gdelt_day", "2018-01-01"),
        ("load_gdelt_day", "2018-03-26"),
        ("load_gdelt_day", "2020-03-18"),
        ("load_gdelt_day", "2025-03-22"),
        ("load_gdelt_day", "2025-05-11"),
    ]

    quiet = _sensor_requests("landed_files_sensor", landing, first.cursor)
    assert quiet.run_requests == [] and "changed since the last look" in quiet.skip_message

    export = landing / "gdelt" / "events" / "20250511180000.export.csv"
    later = json.loads(first.cursor)["mtime_ns"] + 1_000_000_000
    os.utime(export, ns=(later, later))
    (landing / "gdelt" / "events" / ".20250511181500.export.CSV.zip.part").write_bytes(b"in progress")
    changed = _sensor_requests("landed_files_sensor", landing, first.cursor)
    assert [(r.job_name, r.partition_key) for r in changed.run_requests] == [("load_gdelt_day", "2025-05-11")]

    translingual = landing / "gdelt" / "events" / "20200318103000.translation.export.CSV"
    os.utime(translingual, ns=(later + 1, later + 1))
    retranslated = _sensor_requests("landed_files_sensor", landing, changed.cursor)
    assert [(r.job_name, r.partition_key) for r in retranslated.run_requests] == [("load_gdelt_day", "2020-03-18")]

    # A file no day can hold (refused by the landing audit) starts a build, never a partition.
    future = landing / "gdelt" / "events" / "20990101000000.export.CSV"
    future.write_bytes(export.read_bytes())
    os.utime(future, ns=(later + 2, later + 2))
    refused = _sensor_requests("landed_files_sensor", landing, retranslated.cursor)
    assert [(r.job_name, r.partition_key) for r in refused.run_requests] == [("build_warehouse", None)]

    # A file that leaves the landing folder starts a build, which retires its rows.
    export.unlink()
    removed = _sensor_requests("landed_files_sensor", landing, refused.cursor)
    assert [(r.job_name, r.partition_key) for r in removed.run_requests] == [("build_warehouse", None)]
    assert _sensor_requests("landed_files_sensor", landing, removed.cursor).run_requests == []


def test_feed_fetching_is_off_unless_switched_on() -> None:
    schedules = {schedule.name: schedule for schedule in defs().schedules}
    assert schedules["gdelt_feed_every_15_minutes"].default_status == dg.DefaultScheduleStatus.STOPPED
    assert schedules["gdelt_feed_every_15_minutes"].cron_schedule == "5,20,35,50 * * * *"
    assert schedules["daily_warehouse_build"].default_status == dg.DefaultScheduleStatus.RUNNING


def test_marts_carry_freshness_checks() -> None:
    check_keys = set(defs().resolve_asset_graph().asset_check_keys)
    fresh = {key.asset_key.to_user_string() for key in check_keys if "freshness" in key.name}
    assert {"marts/dyad_interactions_daily", "marts/dyad_tone_daily"} <= fresh
