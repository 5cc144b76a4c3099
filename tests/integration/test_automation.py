"""Schedules and sensors: what starts runs when nobody is watching."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import dagster as dg

from orchestration.definitions import defs
from orchestration.defs.resources import LandingZone, Warehouse
from tests.conftest import BUNDLED_RAW, BuiltWarehouse


def _sensor_requests(landing: Path, warehouse: Path) -> dg.SensorResult | dg.SkipReason:
    definitions = defs()
    sensor = definitions.resolve_sensor_def("landed_files_sensor")
    with dg.build_sensor_context(
        resources={"landing": LandingZone(path=str(landing)), "warehouse": Warehouse(path=str(warehouse))},
        repository_def=definitions.get_repository_def(),
    ) as context:
        return sensor.evaluate_tick(context)


def _requested(result: dg.SensorResult | dg.SkipReason) -> list[tuple[str, str | None]]:
    return sorted((request.job_name, request.partition_key) for request in result.run_requests)


def test_before_anything_loaded_every_gdelt_day_and_one_build_are_started(tmp_path: Path) -> None:
    shutil.copytree(BUNDLED_RAW, tmp_path / "raw")

    first = _sensor_requests(tmp_path / "raw", tmp_path / "no_warehouse_yet.duckdb")

    assert _requested(first) == [
        ("build_warehouse", None),
        ("load_gdelt_day", "2015-02-18"),
        ("load_gdelt_day", "2018-01-01"),
        ("load_gdelt_day", "2018-03-26"),
        ("load_gdelt_day", "2020-03-18"),
        ("load_gdelt_day", "2025-03-22"),
        ("load_gdelt_day", "2025-05-11"),
    ]
    (build,) = [request for request in first.run_requests if request.job_name == "build_warehouse"]
    selected = {key.to_user_string() for key in build.asset_selection}
    assert {"audit/landing_inventory", "raw/articles", "coded/article_contacts", "marts/fct_contacts"} <= selected
    assert not any(key.startswith("reference/") for key in selected)


def test_after_a_build_the_sensor_starts_nothing_until_a_file_lands(
    built_warehouse: BuiltWarehouse, tmp_path: Path
) -> None:
    landing = tmp_path / "raw"
    # copy2 keeps sizes and modification times: the manifest the build wrote describes this folder.
    shutil.copytree(built_warehouse.raw_dir, landing, copy_function=shutil.copy2)

    def sensed() -> dg.SensorResult | dg.SkipReason:
        return _sensor_requests(landing, built_warehouse.path)

    quiet = sensed()
    assert quiet.run_requests == [] and "in the warehouse as it is" in quiet.skip_message

    export = landing / "gdelt" / "events" / "20250511180000.export.csv"
    loaded_mtime = export.stat().st_mtime_ns
    os.utime(export, ns=(loaded_mtime + 1_000_000_000, loaded_mtime + 1_000_000_000))
    (landing / "gdelt" / "events" / ".20250511181500.export.CSV.zip.part").write_bytes(b"in progress")
    changed = sensed()
    assert _requested(changed) == [("load_gdelt_day", "2025-05-11")]
    assert [request.run_key for request in sensed().run_requests] == [changed.run_requests[0].run_key]
    # Back to the time the manifest holds: nothing is pending again.
    os.utime(export, ns=(loaded_mtime, loaded_mtime))
    assert sensed().run_requests == []

    article = landing / "articles" / "005_a_new_article.txt"
    article.write_text("Damascus, 3 June 2025. The Iraqi foreign minister arrived in Damascus on Tuesday.\n")
    (build,) = sensed().run_requests
    selected = {key.to_user_string() for key in build.asset_selection}
    assert build.job_name == "build_warehouse"
    assert {"raw/articles", "coded/article_contacts", "marts/fct_contacts", "serving/marts_snapshot"} <= selected
    assert "raw/gdelt_mentions" not in selected and "marts/dyad_interactions_daily" not in selected
    article.unlink()

    # A file no day can hold (refused by the landing audit) starts a build with the audit, never a partition.
    future = landing / "gdelt" / "events" / "20990101000000.export.CSV"
    future.write_bytes(export.read_bytes())
    (refused,) = sensed().run_requests
    assert refused.job_name == "build_warehouse" and refused.partition_key is None
    assert "audit/landing_inventory" in {key.to_user_string() for key in refused.asset_selection}
    future.unlink()

    # A file that leaves the landing folder starts a build, which retires its rows and rebuilds what read them.
    export.unlink()
    (removed,) = sensed().run_requests
    selected = {key.to_user_string() for key in removed.asset_selection}
    assert {"audit/landing_inventory", "marts/dyad_interactions_daily"} <= selected
    assert "coded/article_contacts" not in selected


def test_feed_fetching_is_off_unless_switched_on() -> None:
    schedules = {schedule.name: schedule for schedule in defs().schedules}
    assert schedules["gdelt_feed_every_15_minutes"].default_status == dg.DefaultScheduleStatus.STOPPED
    assert schedules["gdelt_feed_every_15_minutes"].cron_schedule == "5,20,35,50 * * * *"
    assert schedules["daily_warehouse_build"].default_status == dg.DefaultScheduleStatus.RUNNING


def test_marts_carry_freshness_checks() -> None:
    check_keys = set(defs().resolve_asset_graph().asset_check_keys)
    fresh = {key.asset_key.to_user_string() for key in check_keys if "freshness" in key.name}
    assert {"marts/dyad_interactions_daily", "marts/dyad_tone_daily"} <= fresh
