"""The loaders' own records (`audit.file_manifest`, `audit.file_loads`, `audit.quarantine`), as dbt's
`audit` source names them: every loader writes them as it loads, so no step materializes them;
they are declared here so the lineage into the audit staging models starts at an asset."""

import dagster as dg
from dagster_dbt import get_asset_keys_by_output_name_for_source

from orchestration.defs.assets.dbt import dbt_warehouse

LOADER_RECORDS_SOURCE = "audit"

loader_records = [
    dg.AssetSpec(
        key,
        group_name="audit",
        kinds={"duckdb"},
        description=(
            "Written as files are loaded, refused or retired (the loaders, the landing audit, the article "
            "coding; see `orchestration/loading`), not by an asset of its own."
        ),
    )
    for key in get_asset_keys_by_output_name_for_source([dbt_warehouse], LOADER_RECORDS_SOURCE).values()
]
