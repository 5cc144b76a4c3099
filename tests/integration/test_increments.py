"""A build does only what changed: with nothing new it starts no run; one new GDELT export loads its
day and builds what reads GDELT events, no seed, no article, and the marts it leaves equal those of
a full build of the same landing folder into a new warehouse (means to nine decimals)."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb

from orchestration.cli.build_runs import build_everything
from orchestration.cli.plan import NOTHING_SCOPE, BuildPlan, plan_build
from orchestration.loading.builds import FULL_SCOPE, INCREMENT_SCOPE
from orchestration.serving.marts import mart_schemas
from tests.conftest import BUNDLED_RAW, warehouse_settings

EXPORTS = ("20250322180000.export.csv", "20250511180000.export.csv")
ARTICLES = ("000_fb962030f17fa4db.txt", "001_f4b4218f1c84bb36.txt")
NEW_EXPORT = "20250511181500.export.csv"
DATE_ADDED_COLUMN = 59
BOOKKEEPING_COLUMNS = {"source_day_last_loaded_at"}
"""When a source day's rows were loaded: the one column that tells two builds of the same rows apart."""


def _landing(root: Path) -> Path:
    for folder, names in (("gdelt/events", EXPORTS), ("articles", ARTICLES)):
        (root / folder).mkdir(parents=True)
        for name in names:
            shutil.copy2(BUNDLED_RAW / folder / name, root / folder / name)
    return root


def _land_next_export(events: Path) -> None:
    """The next 15-minute export: the records of the one before, with fresh ids and its own DATEADDED."""
    lines = []
    for line in (events / EXPORTS[1]).read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        fields[0] = str(int(fields[0]) + 1_000_000_000)
        fields[DATE_ADDED_COLUMN] = NEW_EXPORT.split(".")[0]
        lines.append("\t".join(fields))
    (events / NEW_EXPORT).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _build(warehouse: Path, raw: Path) -> tuple[BuildPlan, list[dg.ExecuteInProcessResult]]:
    with warehouse_settings(warehouse, raw), dg.DagsterInstance.ephemeral() as instance:
        plan = plan_build(warehouse, raw)
        return plan, ([] if plan.scope == NOTHING_SCOPE else build_everything(instance, raw, plan))


def _rounded(row: tuple) -> tuple:
    # A mean summed in another order may differ in its last bits.
    return tuple(round(value, 9) if isinstance(value, float) else value for value in row)


def _marts(warehouse: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        tables = connection.execute(
            "select table_schema, table_name from information_schema.tables where list_contains(?, table_schema)",
            [mart_schemas()],
        ).fetchall()
        marts = {}
        for schema, table in tables:
            columns = [
                name
                for (name,) in connection.execute(
                    "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
                    [schema, table],
                ).fetchall()
                if name not in BOOKKEEPING_COLUMNS
            ]
            rows = connection.execute(f"select {', '.join(columns)} from {schema}.{table}").fetchall()
            marts[f"{schema}.{table}"] = sorted((_rounded(row) for row in rows), key=repr)
    return marts


def test_one_new_export_builds_only_what_reads_it_and_equals_a_full_build(tmp_path: Path) -> None:
    raw = _landing(tmp_path / "raw")
    warehouse = tmp_path / "increments" / "dyadwatch.duckdb"

    first, runs = _build(warehouse, raw)
    assert first.scope == FULL_SCOPE and first.reason == "the warehouse is new"
    assert all(run.success for run in runs)

    quiet, runs = _build(warehouse, raw)
    assert quiet.scope == NOTHING_SCOPE and runs == []

    _land_next_export(raw / "gdelt" / "events")
    increment, runs = _build(warehouse, raw)
    assert increment.scope == INCREMENT_SCOPE
    assert increment.work.gdelt_days == {"2025-05-11": [NEW_EXPORT]}
    assert [run.dagster_run.job_name for run in runs] == ["audit_landing_folder", "load_gdelt_day", "build_warehouse"]
    assert all(run.success for run in runs)
    built = {event.asset_key.to_user_string() for event in runs[-1].get_asset_materialization_events()}
    assert {"marts/dyad_interactions_daily", "marts/dyad_tone_daily", "serving/marts_snapshot"} <= built
    assert not [key for key in built if key.split("/")[0] in ("reference", "coded", "raw")]
    assert "marts/fct_contacts" not in built

    assert _build(warehouse, raw)[0].scope == NOTHING_SCOPE

    fresh = tmp_path / "from_scratch" / "dyadwatch.duckdb"
    assert _build(fresh, raw)[0].scope == FULL_SCOPE
    incremented, scratch = _marts(warehouse), _marts(fresh)
    assert incremented.keys() == scratch.keys() and "marts.dyad_interactions_daily" in incremented
    assert {table for table in incremented if incremented[table] != scratch[table]} == set()
