"""The publications' mart schemas come from the dbt manifest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orchestration import settings
from orchestration.serving.marts import mart_schemas
from orchestration.serving.report.sources import mart_names


def _manifest(tmp_path: Path, models: list[tuple[list[str], str]]) -> Path:
    nodes = {
        f"model.dyadwatch.{fqn[-1]}": {"resource_type": "model", "fqn": ["dyadwatch", *fqn], "schema": schema}
        for fqn, schema in models
    }
    nodes["seed.dyadwatch.countries"] = {"resource_type": "seed", "fqn": ["dyadwatch", "countries"], "schema": "marts"}
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({"nodes": nodes}))
    return path


def test_the_schemas_of_the_models_under_marts_are_published(tmp_path: Path) -> None:
    manifest = _manifest(
        tmp_path,
        [
            (["marts", "contacts", "fct_contacts"], "marts"),
            (["marts", "public_extra"], "marts_public"),
            (["staging", "acled", "stg_acled__events"], "staging"),
            (["audit", "landing_summary"], "audit"),
        ],
    )

    assert mart_schemas(manifest) == ("marts", "marts_public")


def test_a_manifest_without_marts_or_no_manifest_is_an_error_not_an_empty_publication(tmp_path: Path) -> None:
    with pytest.raises(LookupError, match="no model under models/marts/"):
        mart_schemas(_manifest(tmp_path, [(["staging", "acled", "stg_acled__events"], "staging")]))
    with pytest.raises(FileNotFoundError, match="no dbt manifest"):
        mart_schemas(tmp_path / "missing.json")


def test_the_project_publishes_its_marts_schema_and_the_report_reads_only_its_marts() -> None:
    from orchestration.project import dbt_project

    nodes = json.loads(dbt_project.manifest_path.read_text())["nodes"].values()
    marts = {node["name"] for node in nodes if node["resource_type"] == "model" and node["fqn"][1] == "marts"}

    assert dbt_project.manifest_path == settings.DBT_MANIFEST_PATH
    assert mart_schemas() == ("marts",)
    assert set(mart_names()) <= marts
