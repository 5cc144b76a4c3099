"""The dbt project's own tooling on the built warehouse: docs, source freshness, and sqlfluff."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_ROOT, BuiltWarehouse

DBT_PROJECT = PROJECT_ROOT / "dbt_project"
BIN = Path(sys.executable).parent


def _run(command: list[str], warehouse: Path, target: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DYADWATCH_WAREHOUSE": str(warehouse), "DBT_TARGET_PATH": str(target)}
    return subprocess.run(command, cwd=DBT_PROJECT, env=environment, capture_output=True, text=True, timeout=600)


def test_docs_generate_catalogues_every_mart(built_warehouse: BuiltWarehouse, tmp_path: Path) -> None:
    result = _run([str(BIN / "dbt"), "docs", "generate", "--profiles-dir", "."], built_warehouse.path, tmp_path)
    assert result.returncode == 0, result.stdout[-2000:]
    catalog = json.loads((tmp_path / "catalog.json").read_text())
    marts = {node["metadata"]["name"] for node in catalog["nodes"].values() if node["metadata"]["schema"] == "marts"}
    assert {"dyad_interactions_daily", "dyad_contacts_monthly", "dyad_tone_daily", "fct_contacts", "dim_country"} <= marts


def test_source_freshness_is_measured_on_the_loaded_events(built_warehouse: BuiltWarehouse, tmp_path: Path) -> None:
    result = _run([str(BIN / "dbt"), "source", "freshness", "--profiles-dir", "."], built_warehouse.path, tmp_path)
    assert result.returncode == 0, result.stdout[-2000:]
    sources = json.loads((tmp_path / "sources.json").read_text())
    statuses = {entry["unique_id"]: entry["status"] for entry in sources["results"]}
    assert statuses["source.dyadwatch.raw.gdelt_events"] == "pass"


def test_sqlfluff_passes_on_every_model_and_test(built_warehouse: BuiltWarehouse, tmp_path: Path) -> None:
    result = _run([str(BIN / "sqlfluff"), "lint", "models", "tests"], built_warehouse.path, tmp_path)
    assert result.returncode == 0, result.stdout[-4000:]
