"""Resources shared by every asset: the warehouse, the landing folder and dbt."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource
from dbt import version as dbt_version
from packaging import version

from orchestration import settings
from orchestration.loading.warehouse import connect
from orchestration.project import dbt_project

DUCKDB_WRITER_POOL = "duckdb_writer"
"""DuckDB admits one writing process per file: every asset that writes it runs in this pool, of size 1."""


class Warehouse(dg.ConfigurableResource):
    """The DuckDB warehouse file (`DYADWATCH_WAREHOUSE`); a connection waits up to `wait_seconds`
    for another process to close it."""

    path: str
    wait_seconds: float = 0.0

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        connection = connect(Path(self.path), wait_seconds=self.wait_seconds)
        try:
            yield connection
        finally:
            connection.close()


class LandingZone(dg.ConfigurableResource):
    """The landing folder (`DYADWATCH_RAW_DIR`): `articles/`, `gdelt/events/`, … below it."""

    path: str

    def folder(self, *parts: str) -> Path:
        return Path(self.path).joinpath(*parts)


def dbt_executable() -> str:
    """dbt from this interpreter's environment, so a run works without the venv on PATH."""
    beside_python = Path(sys.executable).with_name("dbt")
    return str(beside_python) if beside_python.exists() else "dbt"


class WarehouseDbt(DbtCliResource):
    """dbt from this environment, started without two costs of `DbtCliResource` a build does not need:
    it asks `dbt --version` in a process of its own (some five seconds) where the installed
    dbt-core package says it, and it loads dbt's macros to open an adapter of its own (four
    seconds), which only serves the column and row-count metadata this project does not fetch."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(dbt_version.__version__)

    def _initialize_dbt_core_adapter(self, _args: Sequence[str]) -> None:
        return None


def build_resources() -> dict[str, dg.ConfigurableResource]:
    """Resources as the environment configures them; dbt reads the same `DYADWATCH_WAREHOUSE`."""
    return {
        "warehouse": Warehouse(path=str(settings.warehouse_path()), wait_seconds=settings.writer_wait_seconds()),
        "landing": LandingZone(path=str(settings.raw_dir())),
        "dbt": WarehouseDbt(project_dir=dbt_project, dbt_executable=dbt_executable()),
    }


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(resources=build_resources())
