"""Shared fixtures: the bundled landing folder and a warehouse built from it in a temporary folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.ingest import gdelt_events
from orchestration.landing.inventory import take_inventory
from orchestration.landing.sources import landing_source

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_RAW = PROJECT_ROOT / "raw"
GDELT_EVENT_EXPORTS = [
    file.landed.path
    for file in take_inventory(BUNDLED_RAW).files_of(landing_source("gdelt_events"))
    if file.source_system == gdelt_events.SOURCE_SYSTEM
]
"""The English GDELT 2.0 exports, as the landing registry tells them from translingual ones (a source of their own)."""


@dataclass
class BuiltWarehouse:
    path: Path
    raw_dir: Path
    first_run: list[dg.ExecuteInProcessResult]
    second_run: list[dg.ExecuteInProcessResult]

    @property
    def snapshot(self) -> Path:
        """The read-only snapshot the build published for readers."""
        return snapshot_beside(self.path)

    def query(self, sql: str, parameters: list | None = None) -> list[tuple]:
        with duckdb.connect(str(self.path), read_only=True) as connection:
            return connection.execute(sql, parameters or []).fetchall()

    def query_snapshot(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.snapshot), read_only=True) as connection:
            return connection.execute(sql).fetchall()


def snapshot_beside(warehouse: Path) -> Path:
    """The snapshot's default place for `warehouse`, as `make sql` and `make docs` find it."""
    return warehouse.with_name(f"{warehouse.stem}_snapshot.duckdb")


@contextmanager
def warehouse_settings(warehouse: Path, raw_dir: Path) -> Iterator[None]:
    """The settings of a build of `raw_dir` into `warehouse`; the snapshot, the charts and the PostgreSQL
    data folder sit beside `warehouse`."""
    environment = {
        "DYADWATCH_WAREHOUSE": str(warehouse),
        "DYADWATCH_RAW_DIR": str(raw_dir),
        "DYADWATCH_SNAPSHOT": str(snapshot_beside(warehouse)),
        "DYADWATCH_REPORTS_DIR": str(warehouse.parent / "reports"),
        "DYADWATCH_PG_DATA": str(warehouse.parent / "pg_data"),
    }
    previous = {name: os.environ.get(name) for name in environment}
    os.environ.update(environment)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def materialize_everything(warehouse: Path, raw_dir: Path) -> list[dg.ExecuteInProcessResult]:
    """The main build in full (every landed GDELT day, then everything else), in process, against
    `warehouse` and `raw_dir`."""
    from orchestration.cli.build_runs import build_everything

    with warehouse_settings(warehouse, raw_dir), dg.DagsterInstance.ephemeral() as instance:
        return build_everything(instance, raw_dir)


SHARED_FIXTURES = ("built_warehouse", "postgres_server")
"""Fixtures that cost a build or a server: every test using one runs in the same worker, so it is made once."""


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Groups for `pytest --dist loadgroup`: the tests of a costly shared fixture together, otherwise
    the tests of one module (whose module-scoped fixtures are then made once). It runs before
    xdist's own hook, which reads the groups."""
    for item in items:
        shared = [name for name in SHARED_FIXTURES if name in getattr(item, "fixturenames", ())]
        item.add_marker(pytest.mark.xdist_group(shared[0] if shared else item.module.__name__))


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltWarehouse]:
    """The bundled sample, materialised twice into one temporary warehouse (the second run must change nothing)."""
    folder = tmp_path_factory.mktemp("warehouse")
    path = folder / "dyadwatch.duckdb"
    first = materialize_everything(path, BUNDLED_RAW)
    second = materialize_everything(path, BUNDLED_RAW)
    yield BuiltWarehouse(path=path, raw_dir=BUNDLED_RAW, first_run=first, second_run=second)
