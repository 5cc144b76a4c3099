"""Publish the marts into PostgreSQL, the protocol every BI tool speaks.

One publish is one transaction: a new schema `<schema>_new_<token>` is built beside the
served one (tables typed after DuckDB's, rows streamed in with COPY, counts checked,
statistics gathered), then the served schema is dropped and the new one renamed into its
place. A table the snapshot says the same build made as the served one is copied inside
PostgreSQL instead of streamed again: after an increment only the marts it changed cross
the wire. Until the commit nobody sees the new schema; at the commit every reader sees it
whole. A query running at the time finishes on the previous tables; one that starts
during the swap waits for the commit and then reads the new tables.

The swap needs an exclusive lock on the served tables. Long dashboard queries are let
finish: the publisher first asks for the locks without waiting (readers never queue behind
it), retries a while, and only then waits in line, up to a timeout.

Dashboards log in as a read-only role (`ensure_roles`): it may connect and SELECT the
published schemas, and nothing else; its sessions also start read-only.

Everything the schemas hold belongs to the publisher: objects other tools create in them,
or views elsewhere that depend on their tables, are dropped at the next publish.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import psycopg
from psycopg import sql

from orchestration.serving.marts import MartObject, PublishedTable, mart_objects, mart_schemas
from orchestration.serving.postgres_kept import (
    BUILT_BY_COMMENT,
    keep_served_table,
    served_builds,
)
from orchestration.serving.postgres_types import table_columns
from orchestration.serving.snapshot import recorded_builds

PUBLISH_LOCK_KEY = 0x6479_6164  # "dyad": one publisher at a time per database
POSTGRES_NAME_LIMIT = 63
COPY_BATCH_ROWS = 10_000


@dataclass(frozen=True)
class PostgresPublishReport:
    schemas: tuple[str, ...]
    source: Path
    published_at: dt.datetime
    tables: tuple[PublishedTable, ...]
    swap_attempts: int


class PublishError(RuntimeError):
    """The publish was rolled back: PostgreSQL still serves the previous marts."""


def ensure_roles(
    connection: psycopg.Connection,
    readonly_role: str,
    password: str,
    *,
    statement_timeout: str,
    connection_limit: int,
) -> None:
    """Create or update the dashboards' login role: it may connect to this database and read
    what a publish grants it, nothing more, and its sessions start read-only.

    The read-only default is a second fence; the first is that the role owns nothing and is
    granted nothing but CONNECT, USAGE and SELECT, which holds even if a session turns the
    default off. No role but the owners may connect to another database of the cluster or
    create temporary tables anywhere (the cluster serves the marts and nothing else), so the
    reader cannot either. A query of the reader's runs at most `statement_timeout` (its
    session's default, which a session may lower) and the role holds at most
    `connection_limit` connections at once, so a runaway dashboard cannot starve the server.
    """
    role = sql.Identifier(readonly_role)
    database = sql.Identifier(connection.info.dbname)
    attributes = sql.SQL(
        "login password {} nosuperuser nocreatedb nocreaterole noreplication nobypassrls noinherit connection limit {}"
    ).format(sql.Literal(password), sql.Literal(connection_limit))
    with connection.transaction():
        exists = connection.execute("select 1 from pg_roles where rolname = %s", [readonly_role]).fetchone()
        verb = sql.SQL("alter role") if exists else sql.SQL("create role")
        connection.execute(sql.SQL("{} {} {}").format(verb, role, attributes))
        for setting, value in (
            ("default_transaction_read_only", "on"),
            ("statement_timeout", statement_timeout),
            ("idle_in_transaction_session_timeout", statement_timeout),
        ):
            connection.execute(
                sql.SQL("alter role {} set {} = {}").format(role, sql.Identifier(setting), sql.Literal(value))
            )
        connection.execute(sql.SQL("revoke all on database {} from public").format(database))
        connection.execute(sql.SQL("grant connect on database {} to {}").format(database, role))
        others = connection.execute(
            "select datname from pg_database where datallowconn and datname <> current_database()"
        ).fetchall()
        for (other,) in others:
            connection.execute(
                sql.SQL("revoke connect, temporary on database {} from public").format(sql.Identifier(other))
            )
        connection.execute("revoke create on schema public from public")


def publish_to_postgres(
    connection: psycopg.Connection,
    source: Path,
    schemas: Sequence[str] | None = None,
    *,
    readonly_role: str | None = None,
    polite_lock_attempts: int = 40,
    polite_lock_pause_seconds: float = 0.25,
    final_lock_timeout_seconds: float = 60.0,
) -> PostgresPublishReport:
    """Replace `schemas` (default: the dbt project's mart schemas) in PostgreSQL with the
    tables and views of the same schemas in the DuckDB file `source`, in one transaction,
    and grant `readonly_role` SELECT on them.

    `connection` must be a role that may create schemas in the database (its owner or a
    superuser), with no transaction open. The swap first tries `polite_lock_attempts` times
    to take its locks without waiting, `polite_lock_pause_seconds` apart, then waits for
    them up to `final_lock_timeout_seconds`; past that the publish fails and is rolled back.
    """
    if connection.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        raise PublishError("the connection has a transaction open: a publish must be its own transaction")
    schemas = mart_schemas() if schemas is None else schemas
    token = uuid.uuid4().hex[:12]
    published_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with duckdb.connect(str(source), read_only=True) as duck:
        duck.execute("set TimeZone = 'UTC'")
        objects = mart_objects(duck, schemas)
        _check_names(objects, schemas, token)
        try:
            with connection.transaction():
                connection.execute("select pg_advisory_xact_lock(%s)", [PUBLISH_LOCK_KEY])
                tables = []
                built_by = recorded_builds(duck)
                served = served_builds(connection, schemas)
                for schema in schemas:
                    building = _building_name(schema, token)
                    connection.execute(sql.SQL("create schema {}").format(sql.Identifier(building)))
                    for item in (item for item in objects if item.schema == schema):
                        build = built_by.get((item.schema, item.name))
                        if build is not None and served.get((item.schema, item.name)) == build:
                            tables.append(keep_served_table(connection, item, building))
                        else:
                            tables.append(_copy_table(connection, duck, item, building))
                        if build is not None:
                            connection.execute(
                                sql.SQL("comment on table {} is {}").format(
                                    sql.Identifier(building, item.name), sql.Literal(f"{BUILT_BY_COMMENT}{build}")
                                )
                            )
                    _grant_and_describe(connection, building, readonly_role, source, published_at)
                attempts = _swap(
                    connection,
                    schemas,
                    token,
                    polite_attempts=polite_lock_attempts,
                    polite_pause_seconds=polite_lock_pause_seconds,
                    final_timeout_seconds=final_lock_timeout_seconds,
                )
        except psycopg.Error as error:
            raise PublishError(f"publish to PostgreSQL rolled back: {error}") from error
    return PostgresPublishReport(tuple(schemas), source, published_at, tuple(tables), attempts)


def _building_name(schema: str, token: str) -> str:
    return f"{schema}_new_{token}"


def _check_names(objects: Sequence[MartObject], schemas: Sequence[str], token: str) -> None:
    # PostgreSQL cuts longer names silently, which could make two tables one.
    names = [_building_name(schema, token) for schema in schemas] + [item.name for item in objects]
    too_long = [name for name in names if len(name.encode()) > POSTGRES_NAME_LIMIT]
    if too_long:
        raise PublishError(f"names longer than PostgreSQL's {POSTGRES_NAME_LIMIT} bytes: {', '.join(too_long)}")


def _copy_table(
    connection: psycopg.Connection, duck: duckdb.DuckDBPyConnection, item: MartObject, building: str
) -> PublishedTable:
    columns = table_columns(duck, item)
    target = sql.Identifier(building, item.name)
    connection.execute(
        sql.SQL("create table {} ({})").format(
            target,
            sql.SQL(", ").join(
                sql.SQL("{} {}").format(sql.Identifier(column.name), sql.SQL(column.postgres_type))
                for column in columns
            ),
        )
    )
    column_list = sql.SQL(", ").join(sql.Identifier(column.name) for column in columns)
    source_rows = duck.execute(
        f"select {', '.join(column.select_expression for column in columns)} from {item.qualified}"
    )
    n_sent = 0
    copy_rows = sql.SQL("copy {} ({}) from stdin").format(target, column_list)
    with connection.cursor() as cursor, cursor.copy(copy_rows) as copy:
        while batch := source_rows.fetchmany(COPY_BATCH_ROWS):
            for row in batch:
                copy.write_row(row)
            n_sent += len(batch)
    n_rows = connection.execute(sql.SQL("select count(*) from {}").format(target)).fetchone()[0]
    if n_rows != n_sent:
        raise PublishError(f"{item.schema}.{item.name}: sent {n_sent} rows, PostgreSQL holds {n_rows}")
    # Statistics now, so the first dashboard queries are planned on real numbers.
    connection.execute(sql.SQL("analyze {}").format(target))
    return PublishedTable(item.schema, item.name, item.kind, n_rows)


def _grant_and_describe(
    connection: psycopg.Connection, building: str, readonly_role: str | None, source: Path, published_at: dt.datetime
) -> None:
    schema = sql.Identifier(building)
    if readonly_role is not None:
        role = sql.Identifier(readonly_role)
        connection.execute(sql.SQL("grant usage on schema {} to {}").format(schema, role))
        connection.execute(sql.SQL("grant select on all tables in schema {} to {}").format(schema, role))
    connection.execute(
        sql.SQL("comment on schema {} is {}").format(
            schema, sql.Literal(f"dyadwatch marts published {published_at:%Y-%m-%d %H:%M:%S} UTC from {source}")
        )
    )


def _swap(
    connection: psycopg.Connection,
    schemas: Sequence[str],
    token: str,
    *,
    polite_attempts: int,
    polite_pause_seconds: float,
    final_timeout_seconds: float,
) -> int:
    """Drop the served schemas and rename the new ones into their place; returns the attempts taken."""
    served = connection.execute(
        """
        select format('%%I.%%I', namespace.nspname, class.relname)
        from pg_class as class
        join pg_namespace as namespace on namespace.oid = class.relnamespace
        where namespace.nspname = any(%s) and class.relkind in ('r', 'p', 'v', 'm', 'f')
        order by 1
        """,
        [list(schemas)],
    ).fetchall()
    lock_served = sql.SQL("lock table {} in access exclusive mode").format(
        sql.SQL(", ").join(sql.SQL(name) for (name,) in served)
    )
    attempt = 0
    while True:
        attempt += 1
        is_last = attempt > polite_attempts
        timeout_ms = int(final_timeout_seconds * 1000) if is_last else max(1, int(polite_pause_seconds * 1000))
        try:
            with connection.transaction():
                # Objects outside the served schemas that the drop must also lock are waited for
                # no longer than this.
                connection.execute(sql.SQL("set local lock_timeout = {}").format(sql.Literal(f"{timeout_ms}ms")))
                if served:
                    connection.execute(lock_served if is_last else sql.SQL("{} nowait").format(lock_served))
                for schema in schemas:
                    connection.execute(sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(schema)))
                    connection.execute(
                        sql.SQL("alter schema {} rename to {}").format(
                            sql.Identifier(_building_name(schema, token)), sql.Identifier(schema)
                        )
                    )
            return attempt
        except (psycopg.errors.LockNotAvailable, psycopg.errors.DeadlockDetected):
            if is_last:
                raise
            time.sleep(polite_pause_seconds)
