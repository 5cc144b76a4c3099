"""Print what the warehouse holds: every table and view with its row count.

`python -m orchestration.warehouse.summary` is the last step of `make run`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from orchestration import settings

SCHEMA_ORDER = ["raw", "audit", "reference", "staging", "intermediate", "marts"]


def table_counts(connection: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str, int]]:
    """(schema, name, kind, rows) for every table and view outside DuckDB's own schemas."""
    objects = connection.execute(
        """
        select table_schema, table_name, case table_type when 'VIEW' then 'view' else 'table' end
        from information_schema.tables
        where table_catalog = current_database() and table_schema not in ('information_schema', 'pg_catalog')
        """
    ).fetchall()
    rank = {schema: position for position, schema in enumerate(SCHEMA_ORDER)}
    objects.sort(key=lambda row: (rank.get(row[0], len(rank)), row[0], row[1]))
    return [
        (schema, name, kind, connection.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0])
        for schema, name, kind in objects
    ]


def render(path: Path, counts: list[tuple[str, str, str, int]]) -> str:
    width = max((len(f"{schema}.{name}") for schema, name, _, _ in counts), default=10)
    lines = [f"Warehouse {path}", ""]
    lines += [f"  {f'{schema}.{name}':<{width}}  {kind:<5}  {rows:>10,} rows" for schema, name, kind, rows in counts]
    return "\n".join(lines)


def _counted(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def attention(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """What a reader of the counts should look at: files and lines set aside, source tests that warned."""
    lines = []
    files, records = connection.execute(
        """
        select
            count(*) filter (where line_number is null),
            count(*) filter (where line_number is not null)
        from audit.quarantine
        """
    ).fetchone()
    if files or records:
        lines.append(
            f"Set aside, each with its reason: {_counted(files, 'whole file')}, {_counted(records, 'line or article', 'lines or articles')} "
            "(select source_system, source_file, line_number, reason from audit.quarantine)."
        )
    warned = connection.execute(
        "select test_name, tested_node, failures from audit.data_test_results where status = 'warn' order by all"
    ).fetchall()
    if warned:
        lines.append(f"{_counted(len(warned), 'source-data test')} warned (audit.data_test_results):")
        lines += [f"  {name} on {node}: {failures:,} rows" for name, node, failures in warned]
    return lines


def main() -> int:
    path = settings.warehouse_path()
    if not path.exists():
        print(f"No warehouse at {path}: run `make run` first.", file=sys.stderr)
        return 1
    with duckdb.connect(str(path), read_only=True) as connection:
        print(render(path, table_counts(connection)))
        notes = attention(connection)
    if notes:
        print("\n" + "\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
