"""Jobs: the main job materialises every asset, loaders first, then dbt."""

import dagster as dg

build_warehouse = dg.define_asset_job(
    "build_warehouse",
    selection=dg.AssetSelection.all(),
    description="Load every landed file and build every dbt model and test, on the landing folder as it is.",
    config={"loggers": {"console": {"config": {"log_level": "INFO"}}}},
    # One process: DuckDB takes one writer anyway, and forking a process per step doubles the run time.
    executor_def=dg.in_process_executor,
)
