"""Partitions: GDELT 2.0 files are loaded by the UTC day GDELT added them (DATEADDED)."""

import dagster as dg

GDELT_V2_FIRST_DAY = "2015-02-18"

gdelt_daily_partitions = dg.DailyPartitionsDefinition(
    start_date=GDELT_V2_FIRST_DAY,
    timezone="UTC",
    # Today's partition exists from midnight: GDELT adds a file every 15 minutes all day.
    end_offset=1,
)
