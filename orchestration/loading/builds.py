"""The record of finished builds, `audit.builds`: what each was built from, so that the next build
knows what it has left to do.

A row is written when every run of a build has succeeded (`record_build`), never before:
a build that fails or is killed leaves no row, and the next one does its work again. Each
row holds

- `inputs_fingerprint`: a digest of everything besides the landed files that decides what
  the warehouse holds (the code, the dbt project with its seeds, the locked packages, the
  landing folder's path, the watch list and the report's settings). When it differs, the
  next build is a full one;
- `manifest_loaded_up_to`: the latest change of `audit.file_manifest` the build saw. A file
  loaded, refused or retired after it (by a run that failed before the build ended, or by
  a sensor's run) is work the next build still has to carry downstream.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration import settings
from orchestration.loading.warehouse import table_exists, utc_now

FULL_SCOPE = "full"
INCREMENT_SCOPE = "increment"

_DBT_INPUT_FOLDERS = ("models", "macros", "seeds", "tests")
_DBT_INPUT_FILES = ("dbt_project.yml", "profiles.yml")


@dataclass(frozen=True)
class FinishedBuild:
    build_id: str
    scope: str
    inputs_fingerprint: str
    manifest_loaded_up_to: dt.datetime | None
    finished_at: dt.datetime


def _input_files(root: Path) -> Iterable[Path]:
    yield from (root / "orchestration").rglob("*.py")
    dbt_dir = root / settings.DBT_PROJECT_DIR.name
    for folder in _DBT_INPUT_FOLDERS:
        yield from (path for path in (dbt_dir / folder).rglob("*") if path.is_file())
    yield from (dbt_dir / name for name in _DBT_INPUT_FILES)
    yield root / "uv.lock"


def inputs_fingerprint(root: Path = settings.PROJECT_ROOT) -> str:
    """A digest of what, besides the landed files, decides the warehouse's content: the files of
    the code and the dbt project (by path and bytes) and the settings the build reads."""
    digest = hashlib.sha256()
    for path in sorted(path for path in _input_files(root) if path.exists()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    chosen = {
        "landing_folder": str(settings.raw_dir()),
        "dbt_vars": settings.dbt_vars(),
        "report_focus_pairs": settings.report_focus_pairs(),
    }
    digest.update(json.dumps(chosen, sort_keys=True).encode())
    return digest.hexdigest()


def last_build(connection: duckdb.DuckDBPyConnection) -> FinishedBuild | None:
    """The latest finished build, or None when none finished (or the warehouse predates the record)."""
    if not table_exists(connection, "audit.builds"):
        return None
    row = connection.execute(
        """
        select build_id, scope, inputs_fingerprint, manifest_loaded_up_to, finished_at
        from audit.builds order by finished_at desc limit 1
        """
    ).fetchone()
    return FinishedBuild(*row) if row else None


def record_build(connection: duckdb.DuckDBPyConnection, build_id: str, scope: str, fingerprint: str) -> None:
    """A finished build, with the latest change of the manifest it carried through."""
    connection.execute(
        """
        insert or replace into audit.builds
        select ?, ?, ?, (select max(loaded_at) from audit.file_manifest), ?
        """,
        [build_id, scope, fingerprint, utc_now()],
    )
