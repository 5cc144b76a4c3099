"""DuckDB's column types as PostgreSQL's: how each mart column is created in PostgreSQL and
read from DuckDB for COPY (grain: one `ColumnMapping` per column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

from orchestration.serving.marts import MartObject, column_types, quote_identifier

_SCALAR_TYPES = {
    "BOOLEAN": "boolean",
    "TINYINT": "smallint",
    "UTINYINT": "smallint",
    "SMALLINT": "smallint",
    "USMALLINT": "integer",
    "INTEGER": "integer",
    "UINTEGER": "bigint",
    "BIGINT": "bigint",
    "UBIGINT": "numeric",
    "HUGEINT": "numeric",
    "UHUGEINT": "numeric",
    "FLOAT": "real",
    "DOUBLE": "double precision",
    "VARCHAR": "text",
    "DATE": "date",
    "TIME": "time",
    "TIMESTAMP": "timestamp",
    "TIMESTAMP_S": "timestamp",
    "TIMESTAMP_MS": "timestamp",
    "TIMESTAMP_NS": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
    "UUID": "uuid",
    "BLOB": "bytea",
    '"NULL"': "text",
}
# Types PostgreSQL knows under another spelling, or whose Python value psycopg would send
# wrongly (an INTERVAL's months become days): sent as DuckDB's text, which PostgreSQL parses.
_TEXT_CAST_TYPES = {
    "INTERVAL": "interval",
    "TIME WITH TIME ZONE": "timetz",
    "BIGNUM": "numeric",
    "VARINT": "numeric",
}
_NESTED_PREFIXES = ("STRUCT(", "MAP(", "UNION(")
_LIST_SUFFIX = re.compile(r"^(?P<element>.+)\[(?P<size>\d*)\]$", re.DOTALL)
_DECIMAL = re.compile(r"^DECIMAL\((?P<precision>\d+),\s*(?P<scale>\d+)\)$")


@dataclass(frozen=True)
class ColumnMapping:
    """How one DuckDB column is created in PostgreSQL and read for COPY."""

    name: str
    duckdb_type: str
    postgres_type: str
    select_expression: str


def _scalar_mapping(duckdb_type: str) -> tuple[str, bool] | None:
    """(PostgreSQL type, whether DuckDB must send it as text) for a non-nested type."""
    upper = duckdb_type.strip().upper()
    if upper in _SCALAR_TYPES:
        return _SCALAR_TYPES[upper], False
    if upper in _TEXT_CAST_TYPES:
        return _TEXT_CAST_TYPES[upper], True
    if upper.startswith(_NESTED_PREFIXES) or _LIST_SUFFIX.match(upper) or upper == "JSON":
        return None
    decimal = _DECIMAL.match(upper)
    if decimal:
        return f"numeric({decimal['precision']},{decimal['scale']})", False
    return "text", True


def map_column(name: str, duckdb_type: str) -> ColumnMapping:
    """The PostgreSQL column for a DuckDB one.

    Scalars map to their PostgreSQL namesakes (unsigned and huge integers to numeric, any
    type PostgreSQL lacks to text); lists of scalars to arrays; structs, maps, unions, JSON
    and lists of lists (which PostgreSQL arrays cannot hold unless rectangular) to jsonb.
    """
    column = quote_identifier(name)
    scalar = _scalar_mapping(duckdb_type)
    if scalar is not None:
        postgres_type, as_text = scalar
        return ColumnMapping(name, duckdb_type, postgres_type, f"{column}::varchar" if as_text else column)
    list_type = _LIST_SUFFIX.match(duckdb_type.strip())
    element = _scalar_mapping(list_type["element"]) if list_type else None
    if element is not None:
        postgres_type, as_text = element
        return ColumnMapping(name, duckdb_type, f"{postgres_type}[]", f"{column}::varchar[]" if as_text else column)
    return ColumnMapping(name, duckdb_type, "jsonb", f"to_json({column})::varchar")


def table_columns(connection: duckdb.DuckDBPyConnection, item: MartObject) -> list[ColumnMapping]:
    """The PostgreSQL column of each of `item`'s columns, in the table's order."""
    return [map_column(name, duckdb_type) for name, duckdb_type in column_types(connection, item)]
