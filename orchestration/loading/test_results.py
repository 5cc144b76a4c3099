"""The latest outcome of every dbt data and unit test, kept in `audit.data_test_results`.

Source: dbt's `run_results.json` and manifest of each `dbt build` (a build runs the seeds', then
the models'). Grain: one row per test the project holds, from the last `dbt build` that ran it:
a build of the models alone leaves the seeds' tests as they were, and a test that left the
project leaves the table. A source-quality test (severity `warn`) that
fails is a warning: the build goes on and the row says `warn`; a test of the warehouse's
own logic (severity `error`) that fails stops the build and the row says `fail`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import duckdb
import polars as pl

TABLE = "audit.data_test_results"

SCHEMA = {
    "build_id": pl.String,
    "test_name": pl.String,
    "test_kind": pl.String,
    "tested_node": pl.String,
    "severity": pl.String,
    "status": pl.String,
    "failures": pl.Int64,
    "message": pl.String,
    "finished_at": pl.Datetime("us"),
}

TEST_KINDS = {"test": "data test", "unit_test": "unit test"}


def test_result_rows(run_results: Mapping[str, Any], manifest: Mapping[str, Any], build_id: str) -> pl.DataFrame:
    """One row per test of a build, from dbt's artifacts."""
    finished_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    nodes = {**manifest.get("nodes", {}), **manifest.get("unit_tests", {})}
    rows = []
    for result in run_results.get("results", []):
        unique_id = result["unique_id"]
        resource_type = unique_id.split(".", 1)[0]
        if resource_type not in TEST_KINDS:
            continue
        node = nodes.get(unique_id, {})
        depends_on = node.get("depends_on", {}).get("nodes", [])
        tested = node.get("attached_node") or (
            node.get("model") and f"model.{node.get('package_name')}.{node['model']}"
        )
        tested = tested or next(iter(depends_on), None)
        rows.append(
            {
                "build_id": build_id,
                "test_name": node.get("name", unique_id.split(".")[-2] if unique_id.count(".") >= 2 else unique_id),
                "test_kind": TEST_KINDS[resource_type],
                "tested_node": tested.split(".")[-1] if tested else None,
                "severity": str(node.get("config", {}).get("severity", "ERROR")).lower(),
                "status": result["status"],
                "failures": result.get("failures"),
                "message": result.get("message"),
                "finished_at": finished_at,
            }
        )
    return pl.DataFrame(rows, schema=SCHEMA)


def record_test_results(
    connection: duckdb.DuckDBPyConnection, run_results: Mapping[str, Any], manifest: Mapping[str, Any], build_id: str
) -> tuple[list[str], list[str]]:
    """Record the tests of one `dbt build` of the build `build_id` in `audit.data_test_results`, in place
    of their earlier outcomes and of tests `manifest` no longer holds; returns the warned and the
    failed, one line each."""
    rows = test_result_rows(run_results, manifest, build_id)
    results = connection.from_arrow(rows.to_arrow())
    project_tests = [
        node.get("name", unique_id)
        for unique_id, node in {**manifest.get("nodes", {}), **manifest.get("unit_tests", {})}.items()
        if unique_id.split(".", 1)[0] in TEST_KINDS
    ]
    connection.begin()
    try:
        connection.execute(
            f"delete from {TABLE} where test_name in (select test_name from results) or not list_contains(?, test_name)",
            [project_tests],
        )
        connection.execute(f"insert into {TABLE} by name select * from results")
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    del results
    described = [
        (status, f"{name} on {node} ({failures} rows)" if failures else f"{name} on {node}: {message}")
        for status, name, node, failures, message in rows.select(
            "status", "test_name", "tested_node", "failures", "message"
        ).iter_rows()
    ]
    return [line for status, line in described if status == "warn"], [
        line for status, line in described if status in ("fail", "error")
    ]
