"""What a publish into PostgreSQL keeps from the served marts: a table whose rows come from the
build the served one came from (the snapshot records each table's build, the served table's
comment names it) is copied inside PostgreSQL, not streamed from DuckDB again."""

from __future__ import annotations

from collections.abc import Sequence

import psycopg
from psycopg import sql

from orchestration.serving.marts import MartObject, PublishedTable

BUILT_BY_COMMENT = "dyadwatch build "
"""How a published table's comment starts: the build (from the snapshot's record) its rows come from."""


def served_builds(connection: psycopg.Connection, schemas: Sequence[str]) -> dict[tuple[str, str], str]:
    """(schema, table) → the build the served table came from, as its comment says."""
    rows = connection.execute(
        """
        select namespace.nspname, class.relname, obj_description(class.oid, 'pg_class')
        from pg_class as class
        join pg_namespace as namespace on namespace.oid = class.relnamespace
        where namespace.nspname = any(%s) and class.relkind = 'r'
        """,
        [list(schemas)],
    ).fetchall()
    return {
        (schema, table): comment.removeprefix(BUILT_BY_COMMENT)
        for schema, table, comment in rows
        if comment and comment.startswith(BUILT_BY_COMMENT)
    }


def keep_served_table(connection: psycopg.Connection, item: MartObject, building: str) -> PublishedTable:
    """The served table copied inside PostgreSQL into the new schema: the build did not change it."""
    target = sql.Identifier(building, item.name)
    connection.execute(sql.SQL("create table {} as table {}").format(target, sql.Identifier(item.schema, item.name)))
    connection.execute(sql.SQL("analyze {}").format(target))
    n_rows = connection.execute(sql.SQL("select count(*) from {}").format(target)).fetchone()[0]
    return PublishedTable(item.schema, item.name, item.kind, n_rows)
