"""Schedules: the marts are rebuilt daily; the GDELT feed is fetched every 15 minutes when switched on."""

import os

import dagster as dg

from orchestration.defs.jobs import build_warehouse, fetch_gdelt_feed

FETCH_FEEDS_ENV = "DYADWATCH_FETCH_FEEDS"


def _feed_fetching_switched_on() -> bool:
    return os.environ.get(FETCH_FEEDS_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


gdelt_feed_every_15_minutes = dg.ScheduleDefinition(
    name="gdelt_feed_every_15_minutes",
    job=fetch_gdelt_feed,
    # GDELT publishes at :00, :15, :30 and :45; five minutes later the files are there.
    cron_schedule="5,20,35,50 * * * *",
    execution_timezone="UTC",
    description=f"Fetch the newest GDELT 2.0 files. Off unless {FETCH_FEEDS_ENV}=1 (or switched on in the UI).",
    default_status=dg.DefaultScheduleStatus.RUNNING
    if _feed_fetching_switched_on()
    else dg.DefaultScheduleStatus.STOPPED,
)

daily_warehouse_build = dg.ScheduleDefinition(
    name="daily_warehouse_build",
    job=build_warehouse,
    cron_schedule="30 3 * * *",
    execution_timezone="UTC",
    description="Rebuild every mart once a day, whatever the sensors did.",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
