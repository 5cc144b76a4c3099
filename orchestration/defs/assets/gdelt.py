"""GDELT 2.0 event exports from `<landing>/gdelt/events/` into `raw.gdelt_events`."""

import dagster as dg

from orchestration.defs.assets.loading import load_report, row_balance_check_spec
from orchestration.defs.resources import DUCKDB_WRITER_POOL, LandingZone, Warehouse
from orchestration.sources.gdelt_events import SOURCE_SYSTEM, read_gdelt_events
from orchestration.warehouse.loading import landed_files, load_source

GDELT_EVENTS_KEY = ["raw", "gdelt_events"]
GDELT_EVENT_PATTERNS = ("*.export.CSV", "*.export.csv", "*.export.CSV.zip", "*.export.csv.zip")


@dg.asset(
    key=GDELT_EVENTS_KEY,
    group_name="gdelt",
    kinds={"polars", "duckdb"},
    pool=DUCKDB_WRITER_POOL,
    check_specs=[row_balance_check_spec(GDELT_EVENTS_KEY)],
)
def gdelt_events(context: dg.AssetExecutionContext, warehouse: Warehouse, landing: LandingZone):
    """GDELT 2.0 event records, one row per record of a landed export (`source_file`, `line_number`).

    Every valid record is kept, whatever its countries: filtering to the watch list is
    dbt's work. Lines that fail parsing or validation go to `audit.quarantine`.
    """
    files = landed_files(landing.folder("gdelt", "events"), GDELT_EVENT_PATTERNS)
    with warehouse.connection() as connection:
        outcomes = load_source(
            connection,
            table="raw.gdelt_events",
            source_system=SOURCE_SYSTEM,
            files=files,
            reader=read_gdelt_events,
            load_id=context.run_id,
        )
        metadata, check = load_report(connection, "raw.gdelt_events", SOURCE_SYSTEM, outcomes)
    yield dg.MaterializeResult(metadata=metadata)
    yield check
