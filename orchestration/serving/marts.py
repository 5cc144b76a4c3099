"""The marts readers are served, and where they live: the schemas come from the dbt manifest,
the tables and views from the DuckDB file published.

A model under dbt's `models/marts/` folder is a mart. The schemas those models build into are
the ones the snapshot, the Parquet export and the PostgreSQL publication carry, so a mart
added to the dbt project is published with nothing to change here; every table and view of
those schemas is published (grain: one `MartObject` per table or view).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration import settings

MARTS_FOLDER = "marts"
"""The folder of `dbt_project/models/` whose models are the marts."""


@dataclass(frozen=True)
class MartObject:
    """A table or view of a published schema; `kind` is 'table' or 'view' in the source."""

    schema: str
    name: str
    kind: str

    @property
    def qualified(self) -> str:
        return f"{quote_identifier(self.schema)}.{quote_identifier(self.name)}"


@dataclass(frozen=True)
class PublishedTable:
    schema: str
    name: str
    source_kind: str
    n_rows: int


class MissingSchemaError(LookupError):
    """A schema asked for is not in the source database: publishing would drop it from the readers' view."""


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def mart_schemas(manifest_path: Path = settings.DBT_MANIFEST_PATH) -> tuple[str, ...]:
    """The schemas the dbt project builds its marts into, in name order, from the manifest at
    `manifest_path` (default: the dbt project's, which `make` prepares before any command
    that serves the marts)."""
    if not manifest_path.exists():
        raise FileNotFoundError(f"no dbt manifest at {manifest_path}: run `make run` (or `dbt parse`) first")
    nodes = json.loads(manifest_path.read_text())["nodes"].values()
    schemas = {
        node["schema"]
        for node in nodes
        if node["resource_type"] == "model" and node["fqn"][1:2] == [MARTS_FOLDER] and len(node["fqn"]) > 2
    }
    if not schemas:
        raise LookupError(f"the dbt manifest at {manifest_path} has no model under models/{MARTS_FOLDER}/")
    return tuple(sorted(schemas))


def mart_objects(connection: duckdb.DuckDBPyConnection, schemas: Sequence[str]) -> list[MartObject]:
    """Every table and view of `schemas` in the connection's own database, in schema then name order."""
    present = {
        row[0]
        for row in connection.execute(
            "select schema_name from information_schema.schemata where catalog_name = current_database()"
        ).fetchall()
    }
    missing = [schema for schema in schemas if schema not in present]
    if missing:
        database = connection.execute("select current_database()").fetchone()[0]
        raise MissingSchemaError(f"no schema {', '.join(missing)} in {database}")
    rows = connection.execute(
        """
        select table_schema, table_name, case table_type when 'VIEW' then 'view' else 'table' end
        from information_schema.tables
        where table_catalog = current_database() and list_contains(?, table_schema)
        order by table_schema, table_name
        """,
        [list(schemas)],
    ).fetchall()
    order = {schema: position for position, schema in enumerate(schemas)}
    return sorted((MartObject(*row) for row in rows), key=lambda item: (order[item.schema], item.name))


def column_types(connection: duckdb.DuckDBPyConnection, item: MartObject) -> list[tuple[str, str]]:
    """(name, DuckDB type) of each column of `item`, in the table's order."""
    return connection.execute(
        """
        select column_name, data_type from duckdb_columns()
        where database_name = current_database() and schema_name = ? and table_name = ?
        order by column_index
        """,
        [item.schema, item.name],
    ).fetchall()


def serving_source(snapshot: Path, warehouse: Path) -> Path:
    """The database readers should be served from: the snapshot, the last build that finished,
    when there is one; the warehouse otherwise."""
    if snapshot.exists():
        return snapshot
    if warehouse.exists():
        return warehouse
    raise FileNotFoundError(f"neither a snapshot at {snapshot} nor a warehouse at {warehouse}: run `make run` first")


def add_output_options(parser: argparse.ArgumentParser, folder_help: str) -> None:
    """The options of the commands that write files from the marts: the output `folder`
    (`folder_help` names its default) and the `--source` to read, resolved with `serving_source`."""
    parser.add_argument("folder", nargs="?", type=Path, default=None, help=folder_help)
    parser.add_argument(
        "--source",
        type=Path,
        default=None,
        help="a DuckDB file (default: the snapshot if there is one, else the warehouse)",
    )
