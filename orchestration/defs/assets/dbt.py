"""The dbt project as Dagster assets: the seeds, then the models (staging, intermediate, marts,
audit), with dbt's tests as asset checks. The seeds are an asset of their own because the
article coding depends on the gazetteer seeds and the models on the coded tables: one dbt
asset would close a cycle."""

import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from orchestration import settings
from orchestration.defs.resources import DUCKDB_WRITER_POOL, Warehouse
from orchestration.loading.test_results import record_test_results
from orchestration.project import dbt_project
from orchestration.serving.marts import mart_schemas

SEEDS = "resource_type:seed"
MODELS = "resource_type:model"


class WarehouseTranslator(DagsterDbtTranslator):
    """Models and seeds are keyed by their schema (`staging/…`, `marts/…`), as analysts name them.
    A source is keyed by the asset that writes its table, as its yml names it
    (`meta: {dagster: {asset_key: [...]}}`): the one place a table's name meets Dagster."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            asset_key = dbt_resource_props.get("meta", {}).get("dagster", {}).get("asset_key")
            if not asset_key:
                raise dg.DagsterInvalidDefinitionError(
                    f"dbt source {dbt_resource_props['unique_id']} names no Dagster asset: give it "
                    f"`meta: {{dagster: {{asset_key: [...]}}}}` in {dbt_resource_props['original_file_path']}"
                )
            return dg.AssetKey(asset_key)
        if dbt_resource_props["resource_type"] in ("model", "seed", "snapshot"):
            return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] in ("model", "seed", "snapshot"):
            return dbt_resource_props["schema"]
        return super().get_group_name(dbt_resource_props)


def _dbt_build(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse) -> Iterator[Any]:
    """`dbt build` of the selected nodes, every test's outcome recorded in `audit.data_test_results`."""
    with warehouse.connection():
        # Opening the warehouse declares every table the writers fill: staging reads empty ones before anything lands.
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


def _dbt_assets(**selection: str) -> Callable[[Callable[..., Any]], dg.AssetsDefinition]:
    """The nodes of the project that `selection` (dbt's `select` and `exclude`) picks, as assets; dbt
    selects with them every test that reads one of the picked nodes and no excluded one."""
    return dbt_assets(
        manifest=dbt_project.manifest_path,
        project=dbt_project,
        dagster_dbt_translator=WarehouseTranslator(),
        pool=DUCKDB_WRITER_POOL,
        **selection,
    )


# A test that reads a model as well as a seed (a model's codes found in a seed) runs after the model.
@_dbt_assets(select=SEEDS, exclude=MODELS)
def dbt_seeds(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse):
    """`dbt build` of the seeds (schema `reference`: country codes, event types, the gazetteer) and their tests."""
    yield from _dbt_build(context, dbt, warehouse)


@_dbt_assets(select=MODELS)
def dbt_warehouse(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse):
    """`dbt build` of the models, unit tests and data tests. Tests of what the sources hold warn;
    tests of the warehouse's own logic fail the build."""
    yield from _dbt_build(context, dbt, warehouse)


MART_KEYS = [key for key in dbt_warehouse.keys if key.path[0] in mart_schemas(dbt_project.manifest_path)]
"""Every model of the marts layer (`models/marts/`), the tables analysts read."""
