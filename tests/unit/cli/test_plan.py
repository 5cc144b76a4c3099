"""The plan of a build: everything, an increment or nothing, from the landing folder, the manifest and
the record of the last finished build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from orchestration.cli.plan import NOTHING_SCOPE, plan_build
from orchestration.loading.builds import FULL_SCOPE, INCREMENT_SCOPE, inputs_fingerprint, record_build
from orchestration.loading.warehouse import connect
from tests.unit.conftest import audit_and_load


@pytest.fixture
def loaded(landing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A warehouse holding every file of `landing`, with no build recorded yet."""
    monkeypatch.setenv("DYADWATCH_RAW_DIR", str(landing))
    warehouse = tmp_path / "warehouse.duckdb"
    with connect(warehouse) as connection:
        audit_and_load(connection, landing, "load-1")
    return warehouse


def test_a_new_warehouse_and_one_no_build_finished_in_are_built_in_full(landing: Path, loaded: Path) -> None:
    assert plan_build(loaded.with_name("new.duckdb"), landing).reason == "the warehouse is new"
    plan = plan_build(loaded, landing)
    assert (plan.scope, plan.reason) == (FULL_SCOPE, "no build has finished in this warehouse yet")
    assert plan_build(loaded, landing, full=True).reason == "asked for"


def test_after_a_finished_build_nothing_is_done_until_a_file_lands(landing: Path, loaded: Path) -> None:
    with connect(loaded) as connection:
        record_build(connection, "build-1", FULL_SCOPE, inputs_fingerprint())

    quiet = plan_build(loaded, landing)
    assert quiet.scope == NOTHING_SCOPE
    assert quiet.line(loaded, landing).startswith(f"Nothing new in {landing} since the build of ")

    events = landing / "gdelt" / "events"
    shutil.copy(events / "20250511180000.export.csv", events / "20250511181500.export.csv")
    increment = plan_build(loaded, landing)
    assert increment.scope == INCREMENT_SCOPE
    assert increment.work.gdelt_days == {"2025-05-11": ["20250511181500.export.csv"]}
    assert increment.line(loaded, landing) == (
        "Building what depends on 1 new or changed (gdelt/events/ 1) (make rebuild builds everything)."
    )


def test_other_code_or_settings_make_the_next_build_a_full_one(
    landing: Path, loaded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with connect(loaded) as connection:
        record_build(connection, "build-1", FULL_SCOPE, inputs_fingerprint())
    monkeypatch.setenv("DYADWATCH_WATCH_LIST", "IRQ,SYR")

    plan = plan_build(loaded, landing)

    assert (plan.scope, plan.reason) == (
        FULL_SCOPE,
        "the code, the dbt project or the settings changed since the last build",
    )
