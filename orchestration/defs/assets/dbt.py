"""The dbt project as Dagster assets: staging and marts, with dbt's tests as asset checks."""

import json
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from orchestration import settings
from orchestration.defs.resources import DUCKDB_WRITER_POOL, Warehouse
from orchestration.project import dbt_project
from orchestration.loading.test_results import record_test_results


class WarehouseTranslator(DagsterDbtTranslator):
    """Models and seeds are keyed by their schema (`staging/…`, `marts/…`), as analysts name them;
    sources keep dbt's `raw/<table>`, which is the key the loader assets write."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] in ("model", "seed", "snapshot"):
            return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] in ("model", "seed", "snapshot"):
            return dbt_resource_props["schema"]
        return super().get_group_name(dbt_resource_props)


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=WarehouseTranslator(),
    pool=DUCKDB_WRITER_POOL,
)
def dbt_warehouse(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse):
    """`dbt build`: seeds, models, unit tests and data tests. Tests of what the sources hold warn;
    tests of the warehouse's own logic fail the build. Every test's outcome lands in
    `audit.data_test_results`, failed or not."""
    with warehouse.connection():
        # Opening the warehouse declares every raw table: staging reads empty ones before anything lands.
        pass
    # One target folder per warehouse, overwritten by each build: dbt reuses its parse there (a full
    # parse costs some six seconds), and no folder per build piles up on disk.
    invocation = dbt.cli(
        ["build", "--vars", json.dumps(settings.dbt_vars())],
        context=context,
        raise_on_error=False,
        target_path=settings.dbt_target_dir(),
    )
    yield from invocation.stream()
    run_results = invocation.get_artifact("run_results.json")
    with warehouse.connection() as connection:
        warned, failed = record_test_results(connection, run_results, invocation.manifest, context.run_id)
    for line in warned:
        context.log.warning(f"Source data test warned: {line}")
    if not invocation.is_successful():
        context.log.error(f"dbt's compiled SQL and logs of this build: {invocation.target_path}")
        raise dg.Failure(
            description="dbt build failed: " + ("; ".join(failed) or str(invocation.get_error())),
            metadata={"failed": dg.MetadataValue.md("\n".join(f"- {line}" for line in failed) or "see the log")},
        )
