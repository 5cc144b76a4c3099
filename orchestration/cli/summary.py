"""What the warehouse holds, for a person: the closing summary of `make run` (this build's files,
articles and contacts, the marts' rows, where to look next), and every table and view with its
row count (`make counts`, `python -m orchestration.cli.summary`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb

from orchestration import settings
from orchestration.loading.tables import ARTICLE_CONTACTS, CODED_SCHEMA

SCHEMA_ORDER = ["raw", CODED_SCHEMA, "audit", "reference", "staging", "intermediate", "marts"]
WARNED_TESTS_LISTED = 8


def table_counts(connection: duckdb.DuckDBPyConnection, schema: str | None = None) -> list[tuple[str, str, str, int]]:
    """(schema, name, kind, rows) for every table and view outside DuckDB's own schemas, or of one `schema`
    (counting a view runs it: the staging views would read every raw row again)."""
    objects = connection.execute(
        """
        select table_schema, table_name, case table_type when 'VIEW' then 'view' else 'table' end
        from information_schema.tables
        where table_catalog = current_database() and table_schema not in ('information_schema', 'pg_catalog')
          and (? is null or table_schema = ?)
        """,
        [schema, schema],
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


def counted(count: int, one: str, many: str | None = None) -> str:
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
            f"Set aside, each with its reason: {counted(files, 'whole file')}, {counted(records, 'line or article', 'lines or articles')} "
            "(in the warehouse, not the snapshot: select source_system, source_file, line_number, reason from audit.quarantine)."
        )
    warned = connection.execute(
        "select test_name, tested_node, failures from audit.data_test_results where status = 'warn' order by all"
    ).fetchall()
    if warned:
        lines.append(f"{counted(len(warned), 'source-data test')} warned (audit.data_test_results in the warehouse):")
        lines += [f"  {name} on {node}: {failures:,} rows" for name, node, failures in warned[:WARNED_TESTS_LISTED]]
        if len(warned) > WARNED_TESTS_LISTED:
            lines.append(f"  and {len(warned) - WARNED_TESTS_LISTED:,} more")
    return lines


def closing_summary(seconds: float, run_ids: Sequence[str], log_path: Path) -> str:
    """What a build did and where to look next, read back from the warehouse it built."""
    path = settings.warehouse_path()
    with duckdb.connect(str(path), read_only=True) as connection:
        loads = dict(
            connection.execute(
                "select status, count(*) from audit.file_loads where list_contains(?, load_id) group by status",
                [list(run_ids)],
            ).fetchall()
        )
        held, set_aside = connection.execute(
            """
            select count(*) filter (where status in ('loaded', 'duplicate')),
                   count(*) filter (where status in ('rejected', 'unreadable', 'refused'))
            from audit.file_manifest
            """
        ).fetchone()
        articles, contacts, occurred = connection.execute(
            f"""
            select (select count(*) from raw.articles),
                   count(*), count(*) filter (where status = 'occurred')
            from {ARTICLE_CONTACTS}
            """
        ).fetchone()
        marts = [(name, rows) for _, name, _, rows in table_counts(connection, "marts")]
        notes = attention(connection)
    loaded_now = loads.get("loaded", 0)
    retired_now = (
        f", {counted(loads['retired'], 'file')} retired (they left the landing folder)" if loads.get("retired") else ""
    )
    width = max((len(name) for name, _ in marts), default=10)
    half = (len(marts) + 1) // 2
    mart_lines = [
        "    " + "   ".join(f"{name:<{width}} {rows:>9,}" for name, rows in marts[row::half]) for row in range(half)
    ]
    lines = [
        f"Built in {seconds:.0f} s: {path}",
        (
            f"  Files: {loaded_now:,} loaded by this build, {max(held - loaded_now, 0):,} unchanged and skipped, "
            f"{set_aside:,} set aside{retired_now}"
        ),
        f"  Articles: {articles:,} landed, {contacts:,} contacts coded ({occurred:,} occurred)",
        "  Marts (schema marts, rows):",
        *mart_lines,
        *(f"  {note}" for note in notes),
        "Where to look next:",
        *_aligned(
            [
                ("query the marts in SQL (read-only snapshot)", f"make sql  ({settings.snapshot_path()})"),
                ("open the chart report", str(settings.reports_dir() / "index.html")),
                ("browse assets, runs and checks in the Dagster UI", "make dev  (http://127.0.0.1:3000)"),
                ("publish the marts to PostgreSQL for BI tools", "make serve"),
                ("every table and view with its rows", "make counts"),
                ("the raw layer, one Parquet file per landed file", str(settings.lake_dir())),
                ("the interaction and tone marts built by Spark from it", "make run-spark"),
                ("dbt's documentation of every model and column", "make docs"),
                ("Dagster's and dbt's lines of this build", str(log_path)),
            ]
        ),
    ]
    return "\n".join(lines)


def _aligned(rows: list[tuple[str, str]]) -> list[str]:
    width = max(len(what) for what, _ in rows)
    return [f"  {what:<{width}}  {where}" for what, where in rows]


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
