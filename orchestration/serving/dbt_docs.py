"""dbt's documentation site: every model, test, source and exposure with its lineage, and the
columns of the marts as the last finished build published them.

The catalogue is read from the snapshot, read-only (profile target `snapshot`), never from the
warehouse: documenting takes no lock a build needs, and works while a build runs. The snapshot
holds the `marts` schema only, so staging and intermediate models are documented from their yml
without the database's column types.

`python -m orchestration.serving.dbt_docs generate` writes the site into `<warehouse name>_docs/`;
`python -m orchestration.serving.dbt_docs serve` generates it, then serves it on 127.0.0.1, port
`DYADWATCH_DOCS_PORT` (8080), until stopped.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from orchestration import settings
from orchestration.defs.resources import dbt_executable

DOCS_HOST = "127.0.0.1"
PROFILE_TARGET = "snapshot"


def dbt_docs_command(action: str, *options: str) -> list[str]:
    """`dbt docs <action>` on this project and the snapshot's profile, from any working directory."""
    return [
        dbt_executable(),
        "docs",
        action,
        "--project-dir",
        str(settings.DBT_PROJECT_DIR),
        "--profiles-dir",
        str(settings.DBT_PROJECT_DIR),
        "--target",
        PROFILE_TARGET,
        "--target-path",
        str(settings.dbt_docs_dir()),
        *options,
    ]


def _environment() -> dict[str, str]:
    return {**os.environ, settings.SNAPSHOT_ENV: str(settings.snapshot_path())}


def generate() -> Path:
    """Write the site (`index.html`, `manifest.json`, `catalog.json`) and return its folder."""
    snapshot = settings.snapshot_path()
    if not snapshot.exists():
        raise FileNotFoundError(f"no snapshot at {snapshot}: run `make run` first")
    # The build's vars, so that the compiled SQL the site shows is the SQL the build ran.
    generate_command = dbt_docs_command("generate", "--vars", json.dumps(settings.dbt_vars()))
    result = subprocess.run(generate_command, env=_environment(), check=False)
    if result.returncode != 0:
        raise RuntimeError(f"dbt docs generate failed (exit {result.returncode}); its log is above")
    return settings.dbt_docs_dir()


def serve() -> None:
    """Generate the site, then hand the process over to `dbt docs serve` until it is stopped."""
    folder = generate()
    port = settings.docs_port()
    print(f"dbt docs of {settings.snapshot_path()} ({folder}) on http://{DOCS_HOST}:{port}", flush=True)
    command = dbt_docs_command("serve", "--host", DOCS_HOST, "--port", str(port), "--no-browser")
    os.execvpe(command[0], command, _environment())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m orchestration.serving.dbt_docs",
        description="Generate dbt's documentation site from the snapshot; `serve` also serves it.",
    )
    parser.add_argument("action", choices=("generate", "serve"))
    arguments = parser.parse_args(argv)
    try:
        if arguments.action == "generate":
            print(generate())
        else:
            serve()
    except (FileNotFoundError, RuntimeError) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
