"""Fixtures of the serving tests: a small warehouse per test, and one throwaway PostgreSQL
cluster per session, in a temporary folder, stopped at the end whatever happened."""

from __future__ import annotations

import shutil
import socket
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from orchestration import settings
from orchestration.serving import pg_cluster, pg_install
from orchestration.serving.postgres import ensure_roles
from tests.integration.serving.small_warehouse import build_small_warehouse

DATABASE = "dyadwatch"
READER = "dyadwatch_reader"
READER_PASSWORD = "reader-pässword:with@odd/chars"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_folder() -> Path:
    """A temporary folder the `postgres` user can pass through: pytest's own are closed to
    other users, and the server runs as `postgres` when the tests run as root."""
    folder = Path(tempfile.mkdtemp(prefix="dyadwatch-pg-"))
    folder.chmod(0o711)
    return folder


@dataclass(frozen=True)
class PostgresServer:
    cluster: pg_cluster.Cluster

    def admin(self, **options) -> psycopg.Connection:
        return psycopg.connect(self.cluster.admin_conninfo(DATABASE), **options)

    def reader(self, **options) -> psycopg.Connection:
        """The read-only role, over TCP with its password, as a dashboard connects."""
        return psycopg.connect(self.cluster.tcp_conninfo(DATABASE, READER, READER_PASSWORD), **options)


@pytest.fixture
def small_warehouse(tmp_path: Path) -> Path:
    return build_small_warehouse(tmp_path / "warehouse" / "dyadwatch.duckdb")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    # Installed as `serve start` installs it, when the machine lacks it.
    pg_install.ensure_server_binaries(install=True)
    folder = server_folder()
    data_dir = folder / "data"
    try:
        port = free_port()
        pg_cluster.init_cluster(data_dir, port)
        cluster = pg_cluster.start(data_dir, port)
        pg_cluster.ensure_database(cluster, DATABASE)
        with psycopg.connect(cluster.admin_conninfo(DATABASE)) as connection:
            ensure_roles(
                connection,
                READER,
                READER_PASSWORD,
                statement_timeout=settings.DEFAULT_PG_READER_TIMEOUT,
                connection_limit=settings.DEFAULT_PG_READER_CONNECTIONS,
            )
        yield PostgresServer(cluster)
    finally:
        try:
            pg_cluster.stop(data_dir)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
