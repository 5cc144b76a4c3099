"""Partitions: GDELT 2.0 files are loaded by the UTC day GDELT added them (DATEADDED)."""

import dagster as dg

from orchestration.landing.gdelt_names import FIRST_DAY

gdelt_daily_partitions = dg.DailyPartitionsDefinition(
    start_date=FIRST_DAY.isoformat(),
    timezone="UTC",
    # Today's partition exists from midnight: GDELT adds a file every 15 minutes all day.
    end_offset=1,
)
