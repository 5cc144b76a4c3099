"""A private PostgreSQL server: find its binaries, create, start and stop a cluster.

The cluster lives in a folder of its own (beside the warehouse, `warehouse/dyadwatch_pg/`, or a
temporary folder in tests) and is reachable from this machine only: TCP on 127.0.0.1, and
a Unix socket inside the data folder, which only the folder's owner can enter. Over the
socket every role logs in without a password (that is how dyadwatch administers it); over
TCP every role needs its password (scram-sha-256), and only the dashboards' read-only role
has one.

PostgreSQL refuses to run as root: when this runs as root, the data folder is handed to
the `postgres` system user (created by Debian's package) and the server programs run as
that user with `runuser`.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

SERVER_USER = "postgres"
"""The system user the server runs as when dyadwatch runs as root."""
ADMIN_ROLE = "postgres"
"""The cluster's superuser; it logs in over the Unix socket only."""
SERVER_PROGRAMS = ("initdb", "pg_ctl", "postgres")
DEBIAN_BIN_GLOB = "/usr/lib/postgresql/*/bin"
START_TIMEOUT_SECONDS = 60
_UNIX_SOCKET_PATH_LIMIT = 107


class ClusterError(RuntimeError):
    """A server program failed; the message carries its output or the server log's tail."""


@dataclass(frozen=True)
class Cluster:
    """A running (or about to run) cluster: its data folder and TCP port."""

    data_dir: Path
    port: int

    def admin_conninfo(self, dbname: str) -> str:
        """The superuser over the Unix socket in the data folder."""
        return psycopg.conninfo.make_conninfo(host=str(self.data_dir), port=self.port, user=ADMIN_ROLE, dbname=dbname)

    def tcp_conninfo(self, dbname: str, user: str, password: str) -> str:
        return psycopg.conninfo.make_conninfo(
            host="127.0.0.1", port=self.port, user=user, password=password, dbname=dbname
        )

    @property
    def log_file(self) -> Path:
        return self.data_dir / "server.log"


def _has_server_programs(folder: Path) -> bool:
    return all((folder / program).is_file() for program in SERVER_PROGRAMS)


def _version_key(folder: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", folder.parent.name)) or (0,)


def find_bin_dir() -> Path | None:
    """The folder of `initdb`, `pg_ctl` and `postgres`: `pg_config --bindir`, else Debian's
    newest `/usr/lib/postgresql/<version>/bin`; None when there is no server installed."""
    pg_config = shutil.which("pg_config")
    if pg_config:
        completed = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        candidate = Path(completed.stdout.strip())
        if completed.returncode == 0 and _has_server_programs(candidate):
            return candidate
    debian_folders = sorted((Path(path) for path in glob.glob(DEBIAN_BIN_GLOB)), key=_version_key, reverse=True)
    return next((folder for folder in debian_folders if _has_server_programs(folder)), None)


def _runs_as_root() -> bool:
    return os.geteuid() == 0


def _as_server_user(command: Sequence[str]) -> list[str]:
    return ["runuser", "-u", SERVER_USER, "--", *command] if _runs_as_root() else list(command)


def _run(command: Sequence[str], *, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    completed = subprocess.run(
        _as_server_user(command), cwd=cwd, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL
    )
    if check and completed.returncode != 0:
        raise ClusterError(
            f"{' '.join(command)} failed ({completed.returncode}):\n{completed.stdout}{completed.stderr}"
        )
    return completed


def _program(name: str) -> str:
    folder = find_bin_dir()
    if folder is None:
        raise ClusterError("no PostgreSQL server programs found: run `python -m orchestration.serving.serve start`")
    return str(folder / name)


def _prepare_data_dir(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    if _runs_as_root():
        try:
            server_user = pwd.getpwnam(SERVER_USER)
        except KeyError:
            raise ClusterError(
                f"PostgreSQL refuses to run as root and there is no {SERVER_USER!r} system user to run it as"
            ) from None
        os.chown(data_dir, server_user.pw_uid, server_user.pw_gid)
        reachable = subprocess.run(_as_server_user(["test", "-w", str(data_dir)]), check=False)
        if reachable.returncode != 0:
            raise ClusterError(
                f"the {SERVER_USER} user cannot reach {data_dir}: one of its parent folders is closed to other users"
            )
    data_dir.chmod(0o700)


def is_initialised(data_dir: Path) -> bool:
    return (data_dir / "PG_VERSION").is_file()


def init_cluster(data_dir: Path, port: int) -> Cluster:
    """Create a cluster in `data_dir` (an empty or missing folder) unless one is there already.

    The configuration written keeps the server on this machine: TCP on 127.0.0.1 only, the
    Unix socket inside the data folder, passwords checked with scram-sha-256 over TCP.
    """
    data_dir = data_dir.resolve()
    socket_path = data_dir / f".s.PGSQL.{port}"
    if len(str(socket_path)) > _UNIX_SOCKET_PATH_LIMIT:
        raise ClusterError(f"{data_dir} is too long a path for PostgreSQL's Unix socket: choose a shorter data folder")
    if is_initialised(data_dir):
        return Cluster(data_dir, port)
    _prepare_data_dir(data_dir)
    _run(
        [
            _program("initdb"),
            f"--pgdata={data_dir}",
            f"--username={ADMIN_ROLE}",
            "--encoding=UTF8",
            "--no-locale",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--no-instructions",
        ],
        cwd=data_dir,
    )
    config = data_dir / "postgresql.conf"
    with config.open("a", encoding="utf-8") as handle:
        handle.write(
            "\n# dyadwatch: a server for dashboards on this machine only.\n"
            "listen_addresses = '127.0.0.1'\n"
            f"port = {port}\n"
            f"unix_socket_directories = '{data_dir}'\n"
            "password_encryption = 'scram-sha-256'\n"
        )
    return Cluster(data_dir, port)


def is_running(data_dir: Path) -> bool:
    if not is_initialised(data_dir):
        return False
    return (
        _run([_program("pg_ctl"), "status", f"--pgdata={data_dir.resolve()}"], cwd=data_dir, check=False).returncode
        == 0
    )


def running_port(data_dir: Path) -> int | None:
    """The port of the server running on `data_dir`, from its `postmaster.pid` (fourth line)."""
    pid_file = data_dir / "postmaster.pid"
    if not is_running(data_dir) or not pid_file.is_file():
        return None
    lines = pid_file.read_text().splitlines()
    return int(lines[3]) if len(lines) > 3 and lines[3].strip().isdigit() else None


def start(data_dir: Path, port: int) -> Cluster:
    """Start the server on `port` and return once it accepts connections; a server already
    running on `data_dir` is left as it is (and its own port returned)."""
    data_dir = data_dir.resolve()
    if is_running(data_dir):
        return Cluster(data_dir, running_port(data_dir) or port)
    cluster = Cluster(data_dir, port)
    completed = _run(
        [
            _program("pg_ctl"),
            "start",
            f"--pgdata={data_dir}",
            f"--log={cluster.log_file}",
            "--wait",
            f"--timeout={START_TIMEOUT_SECONDS}",
            f"--options=-p {port}",
        ],
        cwd=data_dir,
        check=False,
    )
    if completed.returncode != 0:
        raise ClusterError(
            f"PostgreSQL did not start on port {port}:\n{completed.stderr}\n{_log_tail(cluster.log_file)}"
        )
    return cluster


def stop(data_dir: Path) -> bool:
    """Stop the server on `data_dir` (fast: open sessions are ended); False when none was running."""
    data_dir = data_dir.resolve()
    if not is_running(data_dir):
        return False
    _run([_program("pg_ctl"), "stop", f"--pgdata={data_dir}", "--mode=fast", "--wait"], cwd=data_dir)
    return True


def _log_tail(log_file: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log_file.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return f"(no log at {log_file})"


def ensure_database(cluster: Cluster, name: str) -> None:
    """Create database `name` unless it exists; only roles granted CONNECT may enter it."""
    with psycopg.connect(cluster.admin_conninfo("postgres"), autocommit=True) as connection:
        exists = connection.execute("select 1 from pg_database where datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
            # PUBLIC may connect to and create temporary tables in a new database by default.
            connection.execute(sql.SQL("revoke all on database {} from public").format(sql.Identifier(name)))
