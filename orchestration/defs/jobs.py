"""Jobs. A full build is `audit_landing_folder`, then `load_gdelt_day` for every landed day, then
`build_warehouse` (`python -m orchestration.cli.build` does all three, as `make run`)."""

import dagster as dg

from orchestration.defs.assets.gdelt import GDELT_EVENTS_KEY, GDELT_FEED_KEY
from orchestration.defs.assets.landing import LANDING_INVENTORY_KEY
from orchestration.defs.partitions import gdelt_daily_partitions

INFO_LOGS = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}

daily_partitioned_loads = dg.AssetSelection.keys(GDELT_EVENTS_KEY)
feed_downloads = dg.AssetSelection.keys(GDELT_FEED_KEY)

audit_landing_folder = dg.define_asset_job(
    "audit_landing_folder",
    selection=dg.AssetSelection.keys(LANDING_INVENTORY_KEY),
    description="Record the files the landing folder refuses and retire those it no longer holds "
    "(before the day loads, so that a copy of a file that left is loaded in its place).",
    config=INFO_LOGS,
    executor_def=dg.in_process_executor,
)

load_gdelt_day = dg.define_asset_job(
    "load_gdelt_day",
    selection=daily_partitioned_loads,
    partitions_def=gdelt_daily_partitions,
    description="Load one day of landed GDELT 2.0 files (the partition is the day GDELT added them).",
    config=INFO_LOGS,
    executor_def=dg.in_process_executor,
)

WAREHOUSE_BUILD_SELECTION = dg.AssetSelection.all() - daily_partitioned_loads - feed_downloads
"""Everything but the day-partitioned GDELT loads and the feed's downloads: the loaders, the coding,
the dbt project, the audits and the serving. An increment builds a part of it (`defs.selection`)."""

build_warehouse = dg.define_asset_job(
    "build_warehouse",
    selection=WAREHOUSE_BUILD_SELECTION,
    description="Load every other landed file and build every dbt model and test, on the landing folder as it is.",
    config=INFO_LOGS,
    # One process: DuckDB takes one writer anyway, and forking a process per step doubles the run time.
    executor_def=dg.in_process_executor,
)

fetch_gdelt_feed = dg.define_asset_job(
    "fetch_gdelt_feed",
    selection=feed_downloads,
    description="Download the GDELT 2.0 files the feed lists and the landing folder lacks.",
    config=INFO_LOGS,
    executor_def=dg.in_process_executor,
)
