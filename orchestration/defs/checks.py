"""Freshness checks on the marts analysts read: a mart not rebuilt for more than a day warns."""

import datetime as dt

import dagster as dg

from orchestration.defs.assets.dbt import MART_KEYS

mart_freshness_checks = dg.build_last_update_freshness_checks(
    assets=MART_KEYS,
    # The daily build runs at 03:30 UTC: a day and a few hours of slack before anyone is warned.
    lower_bound_delta=dt.timedelta(hours=27),
)

mart_freshness_sensor = dg.build_sensor_for_freshness_checks(
    freshness_checks=mart_freshness_checks,
    name="mart_freshness_sensor",
    default_status=dg.DefaultSensorStatus.RUNNING,
)
