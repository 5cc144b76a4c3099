"""The dbt project's own tooling on the built warehouse: docs (as `make docs` builds them), source
freshness, and sqlfluff."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb

from tests.conftest import PROJECT_ROOT, BuiltWarehouse

DBT_PROJECT = PROJECT_ROOT / "dbt_project"
BIN = Path(sys.executable).parent


def _run(command: list[str], warehouse: Path, target: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DYADWATCH_WAREHOUSE": str(warehouse), "DBT_TARGET_PATH": str(target)}
    return subprocess.run(
        command, cwd=DBT_PROJECT, env=environment, capture_output=True, text=True, timeout=600, check=False
    )


def test_source_freshness_is_measured_on_the_loaded_events(built_warehouse: BuiltWarehouse, tmp_path: Path) -> None:
    result = _run([str(BIN / "dbt"), "source", "freshness", "--profiles-dir", "."], built_warehouse.path, tmp_path)
    assert result.returncode == 0, result.stdout[-2000:]
    sources = json.loads((tmp_path / "sources.json").read_text())
    statuses = {entry["unique_id"]: entry["status"] for entry in sources["results"]}
    assert statuses["source.dyadwatch.raw.gdelt_events"] == "pass"


def test_sqlfluff_passes_on_every_model_and_test(built_warehouse: BuiltWarehouse, tmp_path: Path) -> None:
    result = _run([str(BIN / "sqlfluff"), "lint", "models", "tests"], built_warehouse.path, tmp_path)
    assert result.returncode == 0, result.stdout[-4000:]


def test_make_docs_builds_the_site_from_the_repository_root_off_the_snapshot(
    built_warehouse: BuiltWarehouse,
) -> None:
    environment = {name: value for name, value in os.environ.items() if not name.startswith("DBT_")}
    environment.update({"DYADWATCH_WAREHOUSE": str(built_warehouse.path)})
    environment.pop("DYADWATCH_SNAPSHOT", None)
    snapshot_before = built_warehouse.snapshot.read_bytes()
    # A build holding the warehouse's writer: the docs must not need it.
    with duckdb.connect(str(built_warehouse.path)):
        result = subprocess.run(
            [sys.executable, "-m", "orchestration.serving.dbt_docs", "generate"],
            cwd=PROJECT_ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    site = built_warehouse.path.with_name("dyadwatch_docs")
    assert (site / "index.html").is_file()
    catalog = json.loads((site / "catalog.json").read_text())
    catalogued_marts = {
        node["metadata"]["name"] for node in catalog["nodes"].values() if node["metadata"]["schema"] == "marts"
    }
    daily = catalog["nodes"]["model.dyadwatch.dyad_interactions_daily"]
    assert daily["metadata"]["database"] == "dyadwatch_snapshot"
    assert daily["columns"]["is_domestic"]["type"] == "BOOLEAN"
    assert daily["columns"]["n_events"]["type"] == "BIGINT"
    assert built_warehouse.snapshot.read_bytes() == snapshot_before

    manifest = json.loads((site / "manifest.json").read_text())
    marts = {
        node["name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == "marts"
    }
    exposures = {exposure["name"]: exposure for exposure in manifest["exposures"].values()}
    assert set(exposures) == {"watched_pair_charts", "postgres_marts_for_bi"}
    served = {node_id.rsplit(".", 1)[1] for node_id in exposures["postgres_marts_for_bi"]["depends_on"]["nodes"]}
    assert served == marts
    assert catalogued_marts == marts, "the catalogue describes every mart"
    charted = {node_id.rsplit(".", 1)[1] for node_id in exposures["watched_pair_charts"]["depends_on"]["nodes"]}
    assert charted == {
        "dyad_contacts_monthly",
        "dyad_tone_daily",
        "dyad_tone_monthly",
        "dyad_interactions_daily",
        "dyad_interactions_monthly",
    }
