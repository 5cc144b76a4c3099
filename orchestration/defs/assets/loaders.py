"""One loader per landing source, from its folder into its `raw` table; GDELT 2.0 events, loaded
by day, are in `gdelt.py`. Every file is loaded once; a changed file replaces its own rows; a
copy or an unreadable file is quarantined whole."""

from pathlib import Path

import dagster as dg

from orchestration.defs.assets.landing import LANDING_INVENTORY_KEY
from orchestration.defs.assets.loading import load_and_report, row_balance_check_spec
from orchestration.defs.resources import DUCKDB_WRITER_POOL, LandingZone, Warehouse
from orchestration.landing.inventory import take_inventory
from orchestration.landing.sources import GDELT_EVENTS, LANDING_SOURCES, LandingSource, landing_source

ARTICLES = landing_source("articles")


def loader_key(source: LandingSource) -> list[str]:
    return ["raw", source.table_name]


def _loader(source: LandingSource) -> dg.AssetsDefinition:
    key = loader_key(source)

    @dg.asset(
        key=key,
        group_name="articles" if source is ARTICLES else "event_datasets",
        kinds={"polars", "duckdb"},
        pool=DUCKDB_WRITER_POOL,
        deps=[LANDING_INVENTORY_KEY],
        description=f"{source.description} From `<landing>/{source.folder_name}`; rejected lines go to "
        "`audit.quarantine`. The table exists, empty, before any file has landed.",
        check_specs=[row_balance_check_spec(key)],
    )
    def load_files(context: dg.AssetExecutionContext, warehouse: Warehouse, landing: LandingZone):
        yield from load_and_report(context, warehouse, source, take_inventory(Path(landing.path)).files_of(source))

    return load_files


LOADED_SOURCES = [source for source in LANDING_SOURCES if source is not GDELT_EVENTS]
loaders = [_loader(source) for source in LOADED_SOURCES]
