"""`make run-spark`: the interaction and tone marts built by Spark from the lake of the current warehouse.

Each raw table of the lake becomes a view in Spark's catalog under the name the dbt sources give it
(`raw.gdelt_events` reads `<lake>/gdelt_events/*/*.parquet`); a table with no landed file reads an
empty Parquet file of its declared columns, written to Spark's folder, never to the lake. dbt then
builds the selector `event_path` on the target `spark`, its dbt unit tests with it, and the rows of each
mart are printed. The data tests stay with the DuckDB build: Spark's marts are held to DuckDB's row
for row by tests/spark.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from orchestration import settings
from orchestration.landing.sources import LANDING_SOURCES
from orchestration.loading import lake as lake_layout
from orchestration.loading.tables import declared_shapes

SPARK_CONF_DIR = Path(__file__).resolve().parent / "spark_conf"
"""Spark's configuration folder for the session this process starts: its logging."""
SPARK_TARGET = "spark"
EVENT_PATH_SELECTOR = "event_path"
MARTS_SCHEMA = "marts"


class SparkBuildError(RuntimeError):
    """The lake is missing, or dbt failed on the Spark target."""


def lake_tables(lake: Path, empty_tables_dir: Path) -> dict[str, str]:
    """Each raw table and the Parquet files Spark reads for it: the glob of its folder in `lake`, or
    for a table with no landed file an empty file of its declared columns in `empty_tables_dir`."""
    if not lake.is_dir():
        raise SparkBuildError(
            f"There is no lake at {lake}: `make run` writes it (or set {settings.LAKE_ENV} to where it is)."
        )
    tables = {}
    for table, table_name in sorted({(source.table, source.table_name) for source in LANDING_SOURCES}):
        if lake_layout.holds_files(lake, table):
            tables[table] = str(lake_layout.table_folder(lake, table) / "*" / f"*{lake_layout.PARQUET_SUFFIX}")
        else:
            empty_tables_dir.mkdir(parents=True, exist_ok=True)
            empty_file = empty_tables_dir / f"{table_name}.parquet"
            declared_shapes()[table].write_parquet(empty_file)
            tables[table] = str(empty_file)
    return tables


def _invoke_dbt(arguments: list[str], spark_dir: Path) -> list:
    from dbt.cli.main import dbtRunner

    result = dbtRunner().invoke(
        [
            *arguments,
            "--project-dir",
            str(settings.DBT_PROJECT_DIR),
            "--profiles-dir",
            str(settings.DBT_PROJECT_DIR),
            "--target",
            SPARK_TARGET,
            "--target-path",
            str(spark_dir / "dbt_target"),
            "--log-path",
            str(spark_dir / "dbt_logs"),
            "--vars",
            json.dumps(settings.dbt_vars()),
        ]
    )
    if not result.success:
        raise SparkBuildError(f"dbt {arguments[0]} failed on the Spark target: {result.exception or 'see its log'}")
    return list(result.result or [])


def spark_session():
    """The Spark session dbt's Spark target opened in this process, with the profile's settings."""
    from pyspark.sql import SparkSession

    return SparkSession.builder.getOrCreate()


def build_marts(lake: Path, spark_dir: Path) -> dict[str, int]:
    """Builds the event path with Spark from `lake`, its tables and metastore in `spark_dir`; returns
    each mart built (`marts.dyad_tone_daily`) with its rows."""
    # dbt's Spark profile places the tables and the metastore by this variable.
    os.environ[settings.SPARK_DIR_ENV] = str(spark_dir)
    os.environ.setdefault("SPARK_CONF_DIR", str(SPARK_CONF_DIR))
    tables = lake_tables(lake, spark_dir / "empty_tables")
    _invoke_dbt(["run-operation", "register_lake", "--args", json.dumps({"tables": tables})], spark_dir)
    results = _invoke_dbt(["build", "--selector", EVENT_PATH_SELECTOR, "--exclude-resource-type", "test"], spark_dir)
    marts = sorted(
        f"{result.node.schema}.{result.node.name}"
        for result in results
        if result.node.resource_type == "model" and result.node.schema == MARTS_SCHEMA
    )
    session = spark_session()
    return {mart: session.table(mart).count() for mart in marts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    lake = settings.lake_dir()
    spark_dir = settings.spark_dir()
    print(f"Building the event marts with Spark from the lake {lake} (Spark's tables: {spark_dir})", flush=True)
    started = time.monotonic()
    try:
        rows = build_marts(lake, spark_dir)
    except SparkBuildError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Built in {time.monotonic() - started:.0f} s. Marts (rows):")
    for mart, count in rows.items():
        print(f"  {mart:<40}{count:>10,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
