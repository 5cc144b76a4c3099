"""The loaders of the other event datasets, materialised twice on a landing folder of real GDELT
samples and codebook-built ACLED and POLECAT files."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.defs.assets.loaders import LOADED_SOURCES, loaders
from orchestration.defs.resources import LandingZone, Warehouse
from orchestration.ingest import gdelt_mentions
from orchestration.landing.inventory import LandedFile
from orchestration.loading.loader import load_source
from orchestration.loading.warehouse import connect
from tests.conftest import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
EVENT_DATASETS = [source for source in LOADED_SOURCES if source.table_name != "articles"]
event_dataset_loaders = [loader for loader in loaders if loader.key.path != ["raw", "articles"]]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dg.ExecuteInProcessResult]]:
    landing = tmp_path_factory.mktemp("landing")
    placements = {
        FIXTURES / "gdelt" / "mentions.csv": landing / "gdelt" / "mentions" / "20150218230000.mentions.CSV",
        FIXTURES / "gdelt" / "gkg.csv": landing / "gdelt" / "gkg" / "20150218230000.gkg.csv",
        FIXTURES / "gdelt" / "events1.csv": landing / "gdelt" / "v1_events" / "20130203.export.CSV",
        **{path: landing / "acled" / path.name for path in (FIXTURES / "acled").glob("*.csv")},
        **{
            path: landing / "polecat" / path.name
            for path in (FIXTURES / "polecat").iterdir()
            if path.suffix in (".csv", ".txt")
        },
    }
    for source, target in placements.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    warehouse = landing.parent / "warehouse.duckdb"
    resources = {"warehouse": Warehouse(path=str(warehouse)), "landing": LandingZone(path=str(landing))}
    runs = [dg.materialize(event_dataset_loaders, resources=resources) for _ in range(2)]
    return warehouse, runs


def test_every_loader_runs_and_balances_twice(loaded) -> None:
    _, runs = loaded
    for run in runs:
        assert run.success
        checks = run.get_asset_check_evaluations()
        assert len(checks) == len(EVENT_DATASETS) and all(check.passed for check in checks)


def test_every_sample_line_is_loaded_or_quarantined(loaded) -> None:
    warehouse, _ = loaded
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        for table, source_system in (
            ("gdelt_mentions", "gdelt_v2_mentions"),
            ("gdelt_gkg", "gdelt_v2_gkg"),
            ("gdelt_v1_events", "gdelt_v1"),
        ):
            rows = connection.execute(f"select count(*) from raw.{table}").fetchone()[0]
            quarantined = connection.execute(
                "select count(*) from audit.quarantine where source_system = ? and line_number is not null",
                [source_system],
            ).fetchone()[0]
            assert rows + quarantined == 100, table
            assert rows > 0, table


def test_a_second_run_loads_nothing(loaded) -> None:
    warehouse, _ = loaded
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        per_file = connection.execute(
            "select source_file, count(*) from audit.file_loads group by source_file having count(*) > 1"
        ).fetchall()
        manifest = connection.execute("select count(*) from audit.file_manifest").fetchone()[0]
    assert per_file == []
    assert manifest == 3 + len(list((FIXTURES / "acled").glob("*.csv"))) + 2


def test_an_empty_landing_folder_loads_nothing_and_balances(tmp_path: Path) -> None:
    resources = {
        "warehouse": Warehouse(path=str(tmp_path / "warehouse.duckdb")),
        "landing": LandingZone(path=str(tmp_path / "empty")),
    }
    run = dg.materialize(event_dataset_loaders, resources=resources)
    assert run.success
    assert all(check.passed for check in run.get_asset_check_evaluations())
    assert {
        event.materialization.metadata["dagster/row_count"].value for event in run.get_asset_materialization_events()
    } == {0}
    # The tables exist, empty and in their readers' shape, so the dbt models reading them build.
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as connection:
        for dataset in EVENT_DATASETS:
            columns = connection.execute(
                "select column_name from duckdb_columns() where schema_name = 'raw' and table_name = ? order by column_index",
                [dataset.table_name],
            ).fetchall()
            assert [name for (name,) in columns] == [
                "source_system",
                "source_file",
                *dataset.empty_rows().columns,
                "loaded_at",
            ]
            assert connection.execute(f"select count(*) from {dataset.table}").fetchone()[0] == 0


def test_a_translingual_file_once_loaded_as_english_is_taken_over_whole(tmp_path: Path) -> None:
    """Before the feeds were told apart, translingual mentions loaded under the English system;
    loading them again under their own leaves one manifest entry and the rows once."""
    landing = tmp_path / "landing"
    mentions = landing / "gdelt" / "mentions"
    mentions.mkdir(parents=True)
    name = "20150218224500.translation.mentions.CSV"
    shutil.copy(PROJECT_ROOT / "raw" / "gdelt" / "mentions" / name, mentions / name)
    warehouse = tmp_path / "warehouse.duckdb"
    connection = connect(warehouse)
    load_source(
        connection,
        table="raw.gdelt_mentions",
        source_system=gdelt_mentions.SOURCE_SYSTEM,
        files=[LandedFile.at(mentions / name, mentions)],
        read_batches=gdelt_mentions.iter_gdelt_mention_batches,
        load_id="before",
    )
    connection.close()

    mentions_loader = next(asset for asset in event_dataset_loaders if asset.key.path == ["raw", "gdelt_mentions"])
    resources = {"warehouse": Warehouse(path=str(warehouse)), "landing": LandingZone(path=str(landing))}
    run = dg.materialize([mentions_loader], resources=resources)

    assert run.success and all(check.passed for check in run.get_asset_check_evaluations())
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        assert connection.execute(
            "select source_system, source_file, rows_loaded from audit.file_manifest"
        ).fetchall() == [(gdelt_mentions.TRANSLINGUAL_SOURCE_SYSTEM, name, 50)]
        assert connection.execute("select count(*) from raw.gdelt_mentions").fetchone()[0] == 50
