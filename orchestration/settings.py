"""The settings dyadwatch reads from the environment, each read in one place.

`DYADWATCH_WAREHOUSE` and `DYADWATCH_RAW_DIR` are shared by Dagster and dbt. dbt runs
with its working directory inside `dbt_project/`, so a relative path would point
somewhere else there: the warehouse path is made absolute once, here, and written back
to the environment that dbt subprocesses inherit.

Everything written besides the warehouse (the snapshot, the chart report, the
Parquet export, the local PostgreSQL server's folder, dbt's documentation site) lies beside
the warehouse file and is named after it, unless set on its own: two warehouses never write
to the same file.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
SEEDS_DIR = DBT_PROJECT_DIR / "seeds"
"""The code tables and the gazetteer: dbt seeds them into `reference`, the article coder reads them."""
DBT_MANIFEST_PATH = DBT_PROJECT_DIR / "target" / "manifest.json"
"""The manifest `dagster-dbt project prepare-and-package` writes (the DbtProject's own), read
without importing dagster-dbt by what serves the marts."""

WAREHOUSE_ENV = "DYADWATCH_WAREHOUSE"
RAW_DIR_ENV = "DYADWATCH_RAW_DIR"
LAKE_ENV = "DYADWATCH_LAKE"
SPARK_DIR_ENV = "DYADWATCH_SPARK_DIR"
WATCH_LIST_ENV = "DYADWATCH_WATCH_LIST"
REPORT_FOCUS_PAIRS_ENV = "DYADWATCH_REPORT_FOCUS_PAIRS"
SNAPSHOT_ENV = "DYADWATCH_SNAPSHOT"
EXPORT_DIR_ENV = "DYADWATCH_EXPORT_DIR"
REPORTS_DIR_ENV = "DYADWATCH_REPORTS_DIR"
PG_DATA_ENV = "DYADWATCH_PG_DATA"
PG_PORT_ENV = "DYADWATCH_PG_PORT"
PG_READER_PASSWORD_ENV = "DYADWATCH_PG_READER_PASSWORD"
WRITER_WAIT_ENV = "DYADWATCH_WRITER_WAIT_SECONDS"
PG_READER_TIMEOUT_ENV = "DYADWATCH_PG_READER_STATEMENT_TIMEOUT"
PG_READER_CONNECTIONS_ENV = "DYADWATCH_PG_READER_CONNECTIONS"
DOCS_PORT_ENV = "DYADWATCH_DOCS_PORT"

DEFAULT_WRITER_WAIT_SECONDS = 900.0

DEFAULT_PG_PORT = 5433
DEFAULT_DOCS_PORT = 8080
DEFAULT_PG_READER_TIMEOUT = "60s"
DEFAULT_PG_READER_CONNECTIONS = 20
PG_DATABASE = "dyadwatch"
PG_READER_ROLE = "dyadwatch_reader"
"""The login role dashboards use: it may read the published marts and do nothing else."""


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


def _dbt_project_vars() -> dict:
    """The vars of `dbt_project/dbt_project.yml`: what dbt run on its own and Dagster share."""
    return yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text())["vars"]


# Contact kinds between more than two states; the contact marts pair their countries by the same list.
MULTI_PARTY_KINDS = frozenset(_dbt_project_vars()["multi_party_kinds"])


def watch_list() -> list[str]:
    """ISO3 codes of the watched countries.

    The default lives in `dbt_project/dbt_project.yml` (var `watch_list`);
    `DYADWATCH_WATCH_LIST=IRQ,SYR` overrides it, and a build passes the list to dbt
    (`dbt_vars()`).
    """
    override = os.environ.get(WATCH_LIST_ENV, "").strip()
    if override:
        return [code.strip().upper() for code in override.split(",") if code.strip()]
    return list(_dbt_project_vars()["watch_list"])


def dbt_vars() -> dict[str, list[str]]:
    """The vars a build passes to dbt: the watch list as read here, so dbt never parses it again."""
    return {"watch_list": watch_list()}


def report_focus_pairs() -> list[tuple[str, str]]:
    """The country pairs the chart report shows first, in this order, opened; the other pairs
    follow in the watch list's order.

    `DYADWATCH_REPORT_FOCUS_PAIRS=IRQ-SYR,IRQ-TUR` (ISO3 codes, two per pair joined by `-`,
    pairs separated by commas); by default the first two countries of the watch list
    (Iraq–Syria with the bundled watch list).
    """
    value = os.environ.get(REPORT_FOCUS_PAIRS_ENV, "").strip()
    if not value:
        watched = watch_list()
        return [(watched[0], watched[1])] if len(watched) >= 2 else []
    pairs = []
    for item in value.split(","):
        codes = [code.strip().upper() for code in item.replace("–", "-").split("-")]
        if len(codes) != 2 or not all(len(code) == 3 and code.isalpha() for code in codes) or codes[0] == codes[1]:
            raise ValueError(
                f"{REPORT_FOCUS_PAIRS_ENV}={value!r}: {item.strip()!r} is not two different ISO3 codes like IRQ-SYR"
            )
        pairs.append((codes[0], codes[1]))
    return pairs


def lake_dir(warehouse: Path | None = None) -> Path:
    """The lake of `warehouse` (by default the configured one): one Parquet file per landed file,
    `<lake>/<raw table>/<source system>/<file>.parquet`, in `<warehouse name>_lake` beside the
    warehouse file. `DYADWATCH_LAKE` moves the configured warehouse's lake only, so that two
    warehouses never share one."""
    configured = warehouse_path()
    warehouse = warehouse or configured
    beside = warehouse.with_name(f"{warehouse.stem}_lake")
    if warehouse.resolve() != configured.resolve():
        return beside
    return _absolute(os.environ.get(LAKE_ENV, ""), beside)


def _beside_warehouse(suffix: str) -> Path:
    """`<warehouse folder>/<warehouse name><suffix>`: an output that belongs to this warehouse alone."""
    warehouse = warehouse_path()
    return warehouse.with_name(f"{warehouse.stem}{suffix}")


def snapshot_path() -> Path:
    """The read-only DuckDB file BI tools and readers open; replaced whole after every build."""
    return _absolute(os.environ.get(SNAPSHOT_ENV, ""), _beside_warehouse("_snapshot.duckdb"))


def export_dir() -> Path:
    """Where `make export` writes one Parquet file per mart."""
    return _absolute(os.environ.get(EXPORT_DIR_ENV, ""), _beside_warehouse("_export"))


def reports_dir() -> Path:
    """Where the chart report (PNG files and `index.html`) is written."""
    return _absolute(os.environ.get(REPORTS_DIR_ENV, ""), _beside_warehouse("_reports"))


def pg_data_dir() -> Path:
    """The folder of the local PostgreSQL server that serves this warehouse: its cluster, log and the reader's password."""
    return _absolute(os.environ.get(PG_DATA_ENV, ""), _beside_warehouse("_pg"))


def dbt_docs_dir() -> Path:
    """Where `make docs` writes dbt's documentation site (its own dbt target folder, so that
    generating the docs never disturbs the parse and run results of the last build)."""
    return _beside_warehouse("_docs")


def build_logs_dir() -> Path:
    """Where `make run` writes Dagster's and dbt's own lines, one file per build."""
    return _beside_warehouse("_logs")


def dbt_target_dir() -> Path:
    """dbt's target folder for builds of this warehouse: compiled SQL, logs and run results of the
    last build, and the parse dbt reuses while the project and the warehouse path stay the same."""
    return _beside_warehouse("_dbt")


def spark_dir() -> Path:
    """Spark's folder for this warehouse: its tables, its metastore and dbt's files of the Spark target."""
    return _absolute(os.environ.get(SPARK_DIR_ENV, ""), _beside_warehouse("_spark"))


def writer_wait_seconds() -> float:
    """How long a build waits for another run to release the warehouse's writer before it gives up."""
    value = os.environ.get(WRITER_WAIT_ENV, "").strip()
    if not value:
        return DEFAULT_WRITER_WAIT_SECONDS
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"{WRITER_WAIT_ENV}={value!r} is not a number of seconds") from None
    if seconds < 0:
        raise ValueError(f"{WRITER_WAIT_ENV}={value!r} is negative")
    return seconds


def _port(variable: str, default: int) -> int:
    value = os.environ.get(variable, "").strip()
    if not value:
        return default
    if not value.isdigit() or not 1024 <= int(value) <= 65535:
        raise ValueError(f"{variable}={value!r} is not a port between 1024 and 65535")
    return int(value)


def pg_port() -> int:
    """The TCP port of the local PostgreSQL server (on 127.0.0.1 only)."""
    return _port(PG_PORT_ENV, DEFAULT_PG_PORT)


def docs_port() -> int:
    """The TCP port `make docs` serves dbt's documentation on (on 127.0.0.1 only)."""
    return _port(DOCS_PORT_ENV, DEFAULT_DOCS_PORT)


def pg_reader_password_override() -> str | None:
    """The reader's password when set in the environment; otherwise one is generated and kept in `pg_data_dir()`."""
    return os.environ.get(PG_READER_PASSWORD_ENV) or None


def pg_reader_statement_timeout() -> str:
    """The longest a dashboard's query may run, in PostgreSQL's units ("60s", "5min")."""
    return os.environ.get(PG_READER_TIMEOUT_ENV, "").strip() or DEFAULT_PG_READER_TIMEOUT


def pg_reader_connections() -> int:
    """How many connections the dashboards' role may hold at once."""
    value = os.environ.get(PG_READER_CONNECTIONS_ENV, "").strip()
    if not value:
        return DEFAULT_PG_READER_CONNECTIONS
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{PG_READER_CONNECTIONS_ENV}={value!r} is not a positive whole number")
    return int(value)
