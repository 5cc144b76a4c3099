"""The code location loads, with the graph analysts see in the Dagster UI."""

from __future__ import annotations

import dagster as dg

from orchestration.definitions import defs
from orchestration.defs.resources import DUCKDB_WRITER_POOL


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
    writers = [a for a in definitions.assets if any("duckdb" in spec.kinds or "dbt" in spec.kinds for spec in a.specs)]
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
