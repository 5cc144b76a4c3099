"""The few settings dyadwatch reads from the environment.

`DYADWATCH_WAREHOUSE` and `DYADWATCH_RAW_DIR` are shared by Dagster and dbt. dbt runs
with its working directory inside `dbt_project/`, so a relative path would point
somewhere else there: the warehouse path is made absolute once, here, and written back
to the environment that dbt subprocesses inherit.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"

WAREHOUSE_ENV = "DYADWATCH_WAREHOUSE"
RAW_DIR_ENV = "DYADWATCH_RAW_DIR"
WATCH_LIST_ENV = "DYADWATCH_WATCH_LIST"


def _absolute(value: str, default: Path) -> Path:
    path = Path(value).expanduser() if value else default
    return path if path.is_absolute() else (Path.cwd() / path).resolve()


def warehouse_path() -> Path:
    """The DuckDB file Dagster loads into and dbt builds in."""
    path = _absolute(os.environ.get(WAREHOUSE_ENV, ""), PROJECT_ROOT / "warehouse" / "dyadwatch.duckdb")
    os.environ[WAREHOUSE_ENV] = str(path)
    return path


def raw_dir() -> Path:
    """The landing folder: `articles/`, `gdelt/events/`, … below it."""
    return _absolute(os.environ.get(RAW_DIR_ENV, ""), PROJECT_ROOT / "raw")


def watch_list() -> list[str]:
    """ISO3 codes of the watched countries.

    The default lives in `dbt_project/dbt_project.yml` (var `watch_list`) so that dbt run
    on its own and Dagster agree; `DYADWATCH_WATCH_LIST=IRQ,SYR` overrides both.
    """
    override = os.environ.get(WATCH_LIST_ENV, "").strip()
    if override:
        return [code.strip().upper() for code in override.split(",") if code.strip()]
    config = yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text())
    return list(config["vars"]["watch_list"])
