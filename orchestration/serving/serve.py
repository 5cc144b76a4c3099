"""Serve the marts to BI tools from a local PostgreSQL server.

    python -m orchestration.serving.serve start     # install if needed, start, publish, print the URI
    python -m orchestration.serving.serve publish   # publish again into the running server
    python -m orchestration.serving.serve status
    python -m orchestration.serving.serve stop

`start` installs Debian's `postgresql` package with apt-get when no server programs are
found (and only then), creates the cluster under `DYADWATCH_PG_DATA` (default `warehouse/dyadwatch_pg/`)
the first time, starts it on 127.0.0.1:`DYADWATCH_PG_PORT` (default 5433), publishes the
marts of the snapshot (or of the warehouse, when no snapshot was published yet), and
returns with the server running. Its last line of output is the connection URI of the
read-only role, for dashboards.

The role's password is `DYADWATCH_PG_READER_PASSWORD` when set, else one generated on the
first start and kept in `<DYADWATCH_PG_DATA>/reader_password`.
"""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

import psycopg

from orchestration import settings
from orchestration.serving import pg_cluster, pg_install
from orchestration.serving.marts import MissingSchemaError, serving_source
from orchestration.serving.postgres import PublishError, ensure_roles, publish_to_postgres

CLUSTER_FOLDER = "cluster"
PASSWORD_FILE = "reader_password"


def cluster_dir(data_folder: Path) -> Path:
    return data_folder / CLUSTER_FOLDER


def reader_password(data_folder: Path) -> str:
    """The environment's password, else the stored one, else a new one, stored for the next start."""
    override = settings.pg_reader_password_override()
    if override:
        return override
    stored = data_folder / PASSWORD_FILE
    if stored.is_file():
        return stored.read_text().strip()
    password = secrets.token_urlsafe(24)
    data_folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(stored, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(password + "\n")
    return password


def reader_uri(port: int, password: str) -> str:
    return f"postgresql://{settings.PG_READER_ROLE}:{quote(password, safe='')}@127.0.0.1:{port}/{settings.PG_DATABASE}"


def _prepare_data_folder(data_folder: Path) -> None:
    data_folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        # The server runs as `postgres` and must pass through this root-owned folder to its cluster.
        data_folder.chmod(data_folder.stat().st_mode | 0o111)


def publish(cluster: pg_cluster.Cluster, data_folder: Path) -> str:
    """Publish the marts into the running cluster and return the read-only role's URI."""
    source = serving_source(settings.snapshot_path(), settings.warehouse_path())
    password = reader_password(data_folder)
    print(f"Publishing the marts of {source} to PostgreSQL on 127.0.0.1:{cluster.port}", flush=True)
    with psycopg.connect(cluster.admin_conninfo(settings.PG_DATABASE)) as connection:
        ensure_roles(
            connection,
            settings.PG_READER_ROLE,
            password,
            statement_timeout=settings.pg_reader_statement_timeout(),
            connection_limit=settings.pg_reader_connections(),
        )
        report = publish_to_postgres(connection, source, readonly_role=settings.PG_READER_ROLE)
    for table in report.tables:
        print(f"  {table.schema}.{table.name}: {table.n_rows:,} rows", flush=True)
    return reader_uri(cluster.port, password)


def start() -> int:
    data_folder = settings.pg_data_dir()
    port = settings.pg_port()
    pg_install.ensure_server_binaries(install=True, announce=lambda line: print(line, flush=True))
    _prepare_data_folder(data_folder)
    cluster_path = cluster_dir(data_folder)
    if not pg_cluster.is_initialised(cluster_path):
        print(f"Creating a PostgreSQL cluster in {cluster_path}", flush=True)
        pg_cluster.init_cluster(cluster_path, port)
    was_running = pg_cluster.is_running(cluster_path)
    cluster = pg_cluster.start(cluster_path, port)
    if not was_running:
        print(f"Started PostgreSQL on 127.0.0.1:{cluster.port} (log: {cluster.log_file})", flush=True)
    elif cluster.port != port:
        print(
            f"PostgreSQL is already running, on port {cluster.port} rather than {port}: stop it to move it", flush=True
        )
    else:
        print(f"PostgreSQL is already running on 127.0.0.1:{cluster.port}", flush=True)
    pg_cluster.ensure_database(cluster, settings.PG_DATABASE)
    print(publish(cluster, data_folder), flush=True)
    return 0


def running_cluster(data_folder: Path) -> pg_cluster.Cluster | None:
    """The server running on `data_folder`'s cluster, if one is."""
    cluster_path = cluster_dir(data_folder)
    port = pg_cluster.running_port(cluster_path)
    return pg_cluster.Cluster(cluster_path.resolve(), port) if port is not None else None


def publish_again() -> int:
    data_folder = settings.pg_data_dir()
    cluster = running_cluster(data_folder)
    if cluster is None:
        print("PostgreSQL is not running: `python -m orchestration.serving.serve start` starts it.", file=sys.stderr)
        return 1
    print(publish(cluster, data_folder), flush=True)
    return 0


def status() -> int:
    data_folder = settings.pg_data_dir()
    cluster = running_cluster(data_folder)
    if cluster is None:
        print(f"PostgreSQL is not running ({cluster_dir(data_folder)})")
        return 3
    print(f"PostgreSQL is running on 127.0.0.1:{cluster.port} ({cluster.data_dir})")
    print(reader_uri(cluster.port, reader_password(data_folder)))
    return 0


def stop() -> int:
    cluster_path = cluster_dir(settings.pg_data_dir())
    if pg_cluster.find_bin_dir() is None or not pg_cluster.stop(cluster_path):
        print(f"PostgreSQL was not running ({cluster_path})")
    else:
        print(f"Stopped PostgreSQL ({cluster_path})")
    return 0


COMMANDS = {"start": start, "publish": publish_again, "status": status, "stop": stop}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if len(arguments) != 1 or arguments[0] not in COMMANDS:
        print(f"usage: python -m orchestration.serving.serve {{{'|'.join(COMMANDS)}}}", file=sys.stderr)
        return 2
    try:
        return COMMANDS[arguments[0]]()
    except (pg_cluster.ClusterError, PublishError, MissingSchemaError, FileNotFoundError, psycopg.Error) as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
