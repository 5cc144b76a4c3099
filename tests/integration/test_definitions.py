"""The code location loads, with the graph analysts see in the Dagster UI."""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg

from orchestration.coding.gazetteer import SEED_FILES
from orchestration.definitions import defs
from orchestration.defs.resources import DUCKDB_WRITER_POOL
from orchestration.loading.tables import CODED_ARTICLE_TABLES
from orchestration.project import dbt_project


def _manifest() -> dict:
    return json.loads(Path(dbt_project.manifest_path).read_text(encoding="utf-8"))


def test_definitions_load_with_raw_staging_and_marts_in_one_graph() -> None:
    definitions = defs()
    keys = {spec.key.to_user_string() for spec in definitions.resolve_all_asset_specs()}

    assert {
        "raw/gdelt_events",
        "raw/articles",
        "staging/stg_gdelt__events",
        "marts/dyad_interactions_daily",
    } <= keys
    graph = definitions.resolve_asset_graph()
    staged = graph.get(dg.AssetKey(["staging", "stg_gdelt__events"]))
    assert dg.AssetKey(["raw", "gdelt_events"]) in staged.parent_keys
    deduplicated = graph.get(dg.AssetKey(["intermediate", "int_gdelt__events"]))
    assert dg.AssetKey(["staging", "stg_gdelt__events"]) in deduplicated.parent_keys
    unified = graph.get(dg.AssetKey(["intermediate", "int_events_unified"]))
    assert dg.AssetKey(["intermediate", "int_gdelt__events"]) in unified.parent_keys
    mart = graph.get(dg.AssetKey(["marts", "dyad_interactions_daily"]))
    assert dg.AssetKey(["intermediate", "int_events_unified"]) in mart.parent_keys


def test_every_asset_that_writes_duckdb_is_in_the_single_writer_pool() -> None:
    definitions = defs()
    writers = [
        a
        for a in definitions.assets
        if isinstance(a, dg.AssetsDefinition) and any("duckdb" in spec.kinds or "dbt" in spec.kinds for spec in a.specs)
    ]
    assert len(writers) >= 4
    for assets_def in writers:
        assert assets_def.op.pool == DUCKDB_WRITER_POOL, assets_def.node_def.name


def test_the_main_build_covers_every_asset_but_the_network_fetch() -> None:
    definitions = defs()
    graph = definitions.resolve_asset_graph()
    all_keys = set(graph.executable_asset_keys)
    daily = set(definitions.resolve_job_def("load_gdelt_day").asset_layer.executable_asset_keys)
    rest = set(definitions.resolve_job_def("build_warehouse").asset_layer.executable_asset_keys)
    fetch = set(definitions.resolve_job_def("fetch_gdelt_feed").asset_layer.executable_asset_keys)

    assert daily == {dg.AssetKey(["raw", "gdelt_events"])}
    assert fetch == {dg.AssetKey(["landing", "gdelt_feed"])}
    assert daily | rest | fetch == all_keys
    assert not (daily & rest) and not (fetch & rest)
    bookkeeping = {dg.AssetKey(["audit", name]) for name in ("file_loads", "file_manifest", "quarantine")}
    assert graph.get_all_asset_keys() - all_keys == bookkeeping, "only the loaders' own records are not assets"


def test_dbt_tests_are_asset_checks() -> None:
    checks = {key.name for key in defs().resolve_asset_graph().asset_check_keys}
    assert "unique_dyad_interactions_daily_dyad_day_key" in checks
    assert "rows_read_equal_loaded_plus_quarantined" in checks


def test_every_dbt_source_reads_the_table_an_asset_declares() -> None:
    definitions = defs()
    executable = set(definitions.resolve_asset_graph().executable_asset_keys)
    declared_external = {asset.key for asset in definitions.assets if isinstance(asset, dg.AssetSpec)}
    sources = _manifest()["sources"].values()

    assert sources
    for source in sources:
        asset_key = dg.AssetKey(source["meta"]["dagster"]["asset_key"])
        assert asset_key == dg.AssetKey([source["schema"], source["identifier"]]), source["unique_id"]
        assert asset_key in executable | declared_external, f"no asset writes {source['unique_id']}"


def test_every_mart_has_a_freshness_check() -> None:
    marts = {
        dg.AssetKey([node["schema"], node["name"]])
        for node in _manifest()["nodes"].values()
        if node["resource_type"] == "model" and node["fqn"][1] == "marts"
    }
    checked = {key.asset_key for key in defs().resolve_asset_graph().asset_check_keys if key.name == "freshness_check"}

    assert dg.AssetKey(["marts", "dyad_contacts_monthly"]) in marts
    assert marts <= checked, (
        f"marts without a freshness check: {sorted(key.to_user_string() for key in marts - checked)}"
    )


def test_the_article_coder_follows_the_seeds_it_reads() -> None:
    graph = defs().resolve_asset_graph()
    gazetteer = {dg.AssetKey(["reference", Path(file_name).stem]) for file_name in SEED_FILES.values()}

    assert all(graph.get(key).is_materializable for key in gazetteer), "every file the coder reads is a dbt seed"
    for table in CODED_ARTICLE_TABLES:
        assert gazetteer <= graph.get(dg.AssetKey(table.split("."))).parent_keys, table
