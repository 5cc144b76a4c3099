"""The interaction and tone marts Spark builds from the lake equal DuckDB's, row for row, on the bundled sample
with the ACLED and POLECAT files of the tests beside it (every source of the event path, ACLED's exports
without event ids among them).

Both builds read the same records: the lake the DuckDB build loaded, one Parquet file per landed file. Spark reads no coded articles, so
DuckDB's tone readings of the articles (`tone_source = 'articles'`) are the one difference.
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from orchestration import settings
from tests.conftest import BUNDLED_RAW, PROJECT_ROOT, materialize_everything

pytestmark = pytest.mark.spark

RELATIVE_TOLERANCE = 1e-9
ABSOLUTE_TOLERANCE = 1e-12
"""Floating-point sums and averages may differ in their last bits: Spark adds in another order."""

ARTICLE_TONE_SOURCE = "articles"
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
EVENT_DATASET_FIXTURES = ("acled", "polecat")

MART_KEYS = {
    "marts.dyad_interactions_daily": "dyad_day_key",
    "marts.dyad_interactions_monthly": "dyad_month_key",
    "marts.dyad_tone_daily": "dyad_tone_day_key",
    "marts.dyad_tone_monthly": "dyad_tone_month_key",
}


@dataclass
class BothBuilds:
    warehouse: Path
    spark_rows: dict[str, int]


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BothBuilds]:
    from orchestration.cli.spark_build import build_marts

    folder = tmp_path_factory.mktemp("spark")
    landing = folder / "raw"
    shutil.copytree(BUNDLED_RAW, landing)
    for dataset in EVENT_DATASET_FIXTURES:
        shutil.copytree(FIXTURES / dataset, landing / dataset, ignore=shutil.ignore_patterns("*.md"))
    warehouse = folder / "dyadwatch.duckdb"
    materialize_everything(warehouse, landing)
    lake = settings.lake_dir(warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        loaded = connection.execute(
            "select count(*) from audit.file_manifest where status = 'loaded' and source_system <> 'articles'"
        ).fetchone()[0]
    assert len([path for path in lake.rglob("*.parquet") if path.parts[-3] != "articles"]) == loaded > 0
    yield BothBuilds(warehouse=warehouse, spark_rows=build_marts(lake, folder / "dyadwatch_spark"))


def duckdb_rows(warehouse: Path, mart: str) -> dict[str, dict]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        cursor = connection.execute(f"select * from {mart}")
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return {row[MART_KEYS[mart]]: row for row in rows if row.get("tone_source") != ARTICLE_TONE_SOURCE}


def spark_rows(mart: str) -> dict[str, dict]:
    from orchestration.cli.spark_build import spark_session

    rows = [row.asDict() for row in spark_session().table(mart).collect()]
    return {row[MART_KEYS[mart]]: row for row in rows}


def values_equal(duckdb_value: object, spark_value: object) -> bool:
    if isinstance(duckdb_value, float) and isinstance(spark_value, float):
        return math.isclose(duckdb_value, spark_value, rel_tol=RELATIVE_TOLERANCE, abs_tol=ABSOLUTE_TOLERANCE)
    return duckdb_value == spark_value


def test_spark_builds_every_interaction_and_tone_mart(both_builds: BothBuilds) -> None:
    assert sorted(both_builds.spark_rows) == sorted(MART_KEYS)
    assert all(rows > 0 for rows in both_builds.spark_rows.values())
    sources = {row["source_system"] for row in spark_rows("marts.dyad_interactions_daily").values()}
    assert {"gdelt_v2", "gdelt_v1", "acled", "polecat"} <= sources


@pytest.mark.parametrize("mart", sorted(MART_KEYS))
def test_spark_mart_equals_duckdb_mart(both_builds: BothBuilds, mart: str) -> None:
    expected = duckdb_rows(both_builds.warehouse, mart)
    built = spark_rows(mart)

    assert len(built) == both_builds.spark_rows[mart] == len(expected)
    assert set(built) == set(expected)
    differences = [
        (key, column, value, built[key][column])
        for key, row in expected.items()
        for column, value in row.items()
        if not values_equal(value, built[key][column])
    ]
    assert differences == []
    assert set(next(iter(built.values()))) == set(next(iter(expected.values())))


def test_duckdb_tone_marts_differ_only_by_the_article_readings(both_builds: BothBuilds) -> None:
    with duckdb.connect(str(both_builds.warehouse), read_only=True) as connection:
        article_rows = connection.execute(
            "select count(*) from marts.dyad_tone_daily where tone_source = ?", [ARTICLE_TONE_SOURCE]
        ).fetchone()[0]
        all_rows = connection.execute("select count(*) from marts.dyad_tone_daily").fetchone()[0]
    assert article_rows > 0
    assert both_builds.spark_rows["marts.dyad_tone_daily"] == all_rows - article_rows
