"""Bring PostgreSQL's server programs onto this machine when they are missing: Debian's
`postgresql` package, installed with apt-get (as root, or through `sudo -n`).

`make serve` and the PostgreSQL tests call `ensure_server_binaries` before creating a cluster;
`pg_cluster.py` itself only finds and runs the programs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from orchestration.serving import pg_cluster

Runner = Callable[..., subprocess.CompletedProcess]


def install_commands() -> list[list[str]]:
    """The commands that install Debian's `postgresql` package, with sudo when not root."""
    if os.geteuid() == 0:
        prefix: list[str] = []
    elif shutil.which("sudo"):
        prefix = ["sudo", "-n"]
    else:
        raise pg_cluster.ClusterError(
            "PostgreSQL is not installed and installing it needs root: run `apt-get install postgresql` as root"
        )
    apt = [*prefix, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]
    return [[*apt, "update"], [*apt, "install", "-y", "--no-install-recommends", "postgresql"]]


def ensure_server_binaries(
    *, install: bool = True, announce: Callable[[str], None] = print, runner: Runner = subprocess.run
) -> Path:
    """The server programs' folder; when there is none and `install` is set, Debian's
    `postgresql` package is installed with apt-get first, saying so through `announce`."""
    found = pg_cluster.find_bin_dir()
    if found is not None:
        return found
    if not install:
        raise pg_cluster.ClusterError("no PostgreSQL server programs (initdb, pg_ctl, postgres) found")
    if not shutil.which("apt-get"):
        raise pg_cluster.ClusterError(
            "no PostgreSQL server programs found and no apt-get to install them: install PostgreSQL "
            "and put its pg_config on PATH"
        )
    announce("PostgreSQL server programs not found: installing Debian's postgresql package.")
    for command in install_commands():
        announce("+ " + " ".join(command))
        runner(command, check=True)
    found = pg_cluster.find_bin_dir()
    if found is None:
        raise pg_cluster.ClusterError("apt-get installed postgresql, yet no server programs were found")
    return found
