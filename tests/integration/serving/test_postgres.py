"""Publishing into PostgreSQL: exact rows, a read-only role that cannot write, swaps that
readers see whole, and `serve start|stop` as `make serve` runs it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import psycopg
import pytest
from psycopg import errors

from orchestration import settings
from orchestration.serving import pg_cluster
from orchestration.serving.postgres import PublishError, ensure_roles, publish_to_postgres
from orchestration.serving.postgres_types import map_column
from orchestration.serving.snapshot import publish_snapshot
from tests.conftest import PROJECT_ROOT
from tests.integration.serving.conftest import READER, READER_PASSWORD, PostgresServer, free_port, server_folder
from tests.integration.serving.small_warehouse import PUBLISHED_OBJECTS, contact_count, set_contact_version

POLL_SECONDS = 0.01
MAX_POLLS = 6000
"""How long a test waits for another thread before it fails: a bound, not a measure."""

CONTACTS_STATE_SQL = """
select
    (select count(*) from marts.fct_contacts),
    (select sum(n_contacts) from marts.dyad_contacts_monthly),
    (select min(build_version) from marts.fct_contacts),
    (select max(build_version) from marts.dyad_contacts_monthly)
"""


def publish(server: PostgresServer, source: Path, **options) -> None:
    with server.admin() as connection:
        publish_to_postgres(connection, source, readonly_role=READER, **options)


def _duckdb_rows(warehouse: Path, table: str) -> tuple[list[str], list[tuple]]:
    """The mart's rows as PostgreSQL should return them: nested values as the JSON psycopg parses."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        connection.execute("set TimeZone = 'UTC'")
        columns = connection.execute(f"describe marts.{table}").fetchall()
        select_list = ", ".join(
            f"to_json({name})::varchar" if map_column(name, data_type).postgres_type == "jsonb" else name
            for name, data_type, *_ in columns
        )
        rows = connection.execute(f"select {select_list} from marts.{table}").fetchall()
    jsonb = [map_column(name, data_type).postgres_type == "jsonb" for name, data_type, *_ in columns]
    decoded = [
        tuple(
            json.loads(value) if is_json and value is not None else value
            for value, is_json in zip(row, jsonb, strict=True)
        )
        for row in rows
    ]
    return [name for name, *_ in columns], decoded


def _sort_key(row: tuple) -> str:
    return repr(row)


def test_every_mart_arrives_with_exact_rows_and_types(postgres_server: PostgresServer, small_warehouse: Path) -> None:
    publish(postgres_server, small_warehouse)

    with postgres_server.reader() as connection:
        tables = connection.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
        ).fetchall()
        assert [name for (name,) in tables] == PUBLISHED_OBJECTS
        for table in PUBLISHED_OBJECTS:
            names, expected = _duckdb_rows(small_warehouse, table)
            cursor = connection.execute(f"select * from marts.{table}")
            assert [column.name for column in cursor.description] == names, table
            actual = cursor.fetchall()
            assert len(actual) == len(expected), table
            assert sorted(actual, key=_sort_key) == sorted(expected, key=_sort_key), table
        types = dict(
            connection.execute(
                """
                select table_name || '.' || column_name, format_type(atttypid, atttypmod)
                from information_schema.columns
                join pg_attribute on attrelid = format('marts.%I', table_name)::regclass and attname = column_name
                where table_schema = 'marts'
                """
            ).fetchall()
        )
    assert types["fct_contacts.contact_date"] == "date"
    assert types["fct_contacts.article_ids"] == "bigint[]"
    assert types["fct_contacts.reported_at"] == "timestamp without time zone"
    assert types["fct_contacts.confidence"] == "double precision"
    assert types["dim_country.population"] == "numeric"
    assert types["dim_country.gdp_usd"] == "numeric"
    assert types["dim_country.area_km2"] == "numeric(12,2)"
    assert types["dim_country.aliases"] == "text[]"
    assert types["dim_country.profile"] == "jsonb"
    assert types["dim_country.codes"] == "jsonb"
    assert types["dim_country.tier"] == "text"
    assert types["dim_country.country_uuid"] == "uuid"
    assert types["dim_country.updated_at"] == "timestamp with time zone"
    assert types["dim_country.is_watched"] == "boolean"
    assert types["dyad_interactions_daily.quad_class"] == "smallint"
    assert types["v_contacts_by_kind.countries_a"] == "text[]"


def test_after_an_increment_only_the_marts_it_changed_are_sent(
    postgres_server: PostgresServer, small_warehouse: Path, tmp_path: Path
) -> None:
    snapshot = tmp_path / "dyadwatch_snapshot.duckdb"
    publish_snapshot(small_warehouse, snapshot, build_id="full")
    publish(postgres_server, snapshot)
    with postgres_server.admin() as connection:
        # A mark on a served table: only a table copied inside PostgreSQL keeps it.
        connection.execute("update marts.dim_country set country_name = 'kept, not sent again' where iso3 = 'SYR'")
    set_contact_version(small_warehouse, 2)
    publish_snapshot(
        small_warehouse,
        snapshot,
        build_id="increment",
        refresh=["marts.fct_contacts", "marts.dyad_contacts_monthly"],
    )

    publish(postgres_server, snapshot)

    with postgres_server.reader() as connection:
        assert connection.execute(CONTACTS_STATE_SQL).fetchone() == (contact_count(2), contact_count(2), 2, 2)
        assert connection.execute("select country_name from marts.dim_country where iso3 = 'SYR'").fetchone() == (
            "kept, not sent again",
        )
        comments = dict(
            connection.execute(
                "select table_name, obj_description(format('marts.%I', table_name)::regclass, 'pg_class') "
                "from information_schema.tables where table_schema = 'marts'"
            ).fetchall()
        )
    assert comments == {
        name: f"dyadwatch build {'increment' if name in ('fct_contacts', 'dyad_contacts_monthly') else 'full'}"
        for name in PUBLISHED_OBJECTS
    }


def test_the_read_only_role_cannot_write(postgres_server: PostgresServer, small_warehouse: Path) -> None:
    publish(postgres_server, small_warehouse)
    # Each statement in its own transaction, as a dashboard's would be.
    with postgres_server.reader(autocommit=True) as connection:
        n_rows = connection.execute("select count(*) from marts.fct_contacts").fetchone()[0]
        with pytest.raises(errors.ReadOnlySqlTransaction):
            connection.execute("insert into marts.fct_contacts (contact_id) values (-1)")
        with pytest.raises(errors.ReadOnlySqlTransaction):
            connection.execute("create table marts.scratch (id integer)")
        with pytest.raises(errors.ReadOnlySqlTransaction):
            connection.execute("drop table marts.fct_contacts")

        # Turning the session's read-only default off changes nothing: the role holds no privilege to write.
        connection.execute("set default_transaction_read_only = off")
        for statement in (
            "insert into marts.fct_contacts (contact_id) values (-1)",
            "update marts.fct_contacts set kind = 'x'",
            "delete from marts.fct_contacts",
            "truncate marts.fct_contacts",
            "create table marts.scratch (id integer)",
            "create table public.scratch (id integer)",
            "create schema scratch",
            "create temporary table scratch (id integer)",
            "drop table marts.fct_contacts",
            "drop schema marts cascade",
            "alter table marts.fct_contacts add column extra integer",
        ):
            with pytest.raises(errors.InsufficientPrivilege):
                connection.execute(statement)
        assert connection.execute("select count(*) from marts.fct_contacts").fetchone()[0] == n_rows
    with postgres_server.admin() as connection:
        attributes = connection.execute(
            "select rolsuper, rolcreatedb, rolcreaterole, rolcanlogin, rolconfig from pg_roles where rolname = %s",
            [READER],
        ).fetchone()
    assert attributes == (
        False,
        False,
        False,
        True,
        ["default_transaction_read_only=on", "statement_timeout=60s", "idle_in_transaction_session_timeout=60s"],
    )


def test_the_read_only_role_reaches_no_other_database_and_creates_nothing_anywhere(
    postgres_server: PostgresServer,
) -> None:
    cluster = postgres_server.cluster
    for database in ("postgres", "template1"):
        with pytest.raises(psycopg.OperationalError, match=f'permission denied for database "{database}"'):
            psycopg.connect(cluster.tcp_conninfo(database, READER, READER_PASSWORD))
    with postgres_server.reader(autocommit=True) as connection:
        connection.execute("set default_transaction_read_only = off")
        for statement in (
            "create temporary table scratch (id integer)",
            "create function pg_temp.one() returns integer language sql as 'select 1'",
            "create function public.one() returns integer language sql as 'select 1'",
        ):
            with pytest.raises(errors.InsufficientPrivilege):
                connection.execute(statement)


def test_the_read_only_role_has_a_statement_timeout_and_a_connection_limit(postgres_server: PostgresServer) -> None:
    def bound(statement_timeout: str, connection_limit: int) -> None:
        with postgres_server.admin() as connection:
            ensure_roles(
                connection,
                READER,
                READER_PASSWORD,
                statement_timeout=statement_timeout,
                connection_limit=connection_limit,
            )

    bound("1s", 2)
    try:
        with postgres_server.reader(autocommit=True) as first, postgres_server.reader(autocommit=True) as second:
            assert first.execute("show statement_timeout").fetchone() == ("1s",)
            with pytest.raises(errors.QueryCanceled, match="statement timeout"):
                first.execute("select pg_sleep(3)")
            assert second.execute("select 1").fetchone() == (1,)
            with pytest.raises(psycopg.OperationalError, match="too many connections for role"):
                postgres_server.reader()
    finally:
        bound(settings.DEFAULT_PG_READER_TIMEOUT, settings.DEFAULT_PG_READER_CONNECTIONS)
    with postgres_server.admin() as connection:
        assert connection.execute("select rolconnlimit from pg_roles where rolname = %s", [READER]).fetchone() == (20,)


def test_a_failed_publish_leaves_the_served_marts_untouched(
    postgres_server: PostgresServer, small_warehouse: Path
) -> None:
    publish(postgres_server, small_warehouse)
    with duckdb.connect(str(small_warehouse)) as connection:
        # PostgreSQL text cannot hold a NUL character: COPY fails half-way through the build.
        connection.execute("update marts.fct_contacts set headline = 'a' || chr(0) || 'b' where contact_id = 3")
        connection.execute("delete from marts.dim_country")

    with pytest.raises(PublishError):
        publish(postgres_server, small_warehouse)

    with postgres_server.reader() as connection:
        assert connection.execute("select count(*) from marts.dim_country").fetchone()[0] == 4
        assert (
            connection.execute("select count(*) from pg_namespace where nspname like 'marts\\_new\\_%'").fetchone()[0]
            == 0
        )


class LoopingReader(threading.Thread):
    """A dashboard querying two marts in one statement, again and again, until told to stop."""

    def __init__(self, server: PostgresServer, max_iterations: int = 200_000):
        super().__init__(daemon=True)
        self.server = server
        self.max_iterations = max_iterations
        self.stop = threading.Event()
        self.seen: dict[tuple, int] = {}
        self.errors: list[str] = []
        self.last_version = 0
        self.iterations = 0

    def run(self) -> None:
        with self.server.reader(autocommit=True) as connection:
            while not self.stop.is_set() and self.iterations < self.max_iterations:
                self.iterations += 1
                try:
                    state = connection.execute(CONTACTS_STATE_SQL).fetchone()
                except psycopg.Error as error:
                    self.errors.append(f"{type(error).__name__}: {error}")
                    continue
                self.seen[state] = self.seen.get(state, 0) + 1
                self.last_version = state[2]

    def wait_until_seen(self, version: int) -> None:
        for _ in range(MAX_POLLS):
            if self.last_version == version or not self.is_alive():
                break
            time.sleep(POLL_SECONDS)
        assert self.last_version == version, f"the reader never saw version {version}"


def test_republishing_swaps_whole_builds_under_a_reader_in_a_loop(
    postgres_server: PostgresServer, small_warehouse: Path
) -> None:
    publish(postgres_server, small_warehouse)
    reader = LoopingReader(postgres_server)
    reader.start()
    try:
        reader.wait_until_seen(1)
        for version in range(2, 9):
            set_contact_version(small_warehouse, version)
            publish(postgres_server, small_warehouse)
            reader.wait_until_seen(version)
    finally:
        reader.stop.set()
        reader.join(timeout=60)

    assert reader.errors == []
    for n_facts, n_monthly, first_version, last_version in reader.seen:
        assert first_version == last_version
        assert n_facts == n_monthly == contact_count(first_version)
    assert {state[2] for state in reader.seen} == set(range(1, 9))


@contextmanager
def _publishing_in_background(server: PostgresServer, source: Path, **options) -> Iterator[dict]:
    outcome: dict = {}

    def run() -> None:
        try:
            with psycopg.connect(
                server.cluster.admin_conninfo("dyadwatch"), application_name="dyadwatch-publish"
            ) as connection:
                outcome["report"] = publish_to_postgres(connection, source, readonly_role=READER, **options)
        except Exception as error:  # handed to the test thread, which asserts on it
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield outcome
    finally:
        thread.join(timeout=120)


def test_the_swap_waits_for_a_running_query_without_blocking_new_ones(
    postgres_server: PostgresServer, small_warehouse: Path
) -> None:
    publish(postgres_server, small_warehouse)
    set_contact_version(small_warehouse, 2)
    with (
        postgres_server.reader() as long_query,
        postgres_server.reader(autocommit=True) as new_reader,
        postgres_server.admin(autocommit=True) as observer,
    ):
        # An open transaction that has read the marts holds their tables until it ends, as a long query does.
        assert long_query.execute(CONTACTS_STATE_SQL).fetchone()[2] == 1
        with _publishing_in_background(
            postgres_server, small_warehouse, polite_lock_attempts=100_000, polite_lock_pause_seconds=0.02
        ) as outcome:
            for _ in range(MAX_POLLS):
                waiting = observer.execute(
                    """
                    select count(*) from pg_stat_activity
                    where application_name = 'dyadwatch-publish' and query ilike 'lock table%'
                    """
                ).fetchone()[0]
                if waiting or outcome:
                    break
                time.sleep(POLL_SECONDS)
            assert waiting, "the publisher never reached its swap"
            # A publisher asking without waiting puts no one in line behind it.
            new_reader.execute("set lock_timeout = '10s'")
            assert new_reader.execute(CONTACTS_STATE_SQL).fetchone()[2] == 1
            assert long_query.execute(CONTACTS_STATE_SQL).fetchone()[2] == 1
            long_query.commit()
        assert "error" not in outcome, outcome.get("error")
        assert outcome["report"].swap_attempts > 1
        assert new_reader.execute(CONTACTS_STATE_SQL).fetchone() == (contact_count(2), contact_count(2), 2, 2)


def _serve(command: str, environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "orchestration.serving.serve", command],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_serve_start_publishes_and_prints_the_readers_uri_last_and_stop_stops_it(
    small_warehouse: Path, tmp_path: Path
) -> None:
    snapshot = publish_snapshot(small_warehouse, tmp_path / "dyadwatch_snapshot.duckdb").snapshot
    folder = server_folder()
    port = free_port()
    environment = {
        **os.environ,
        "DYADWATCH_PG_DATA": str(folder / "pg_data"),
        "DYADWATCH_PG_PORT": str(port),
        "DYADWATCH_SNAPSHOT": str(snapshot),
        "DYADWATCH_WAREHOUSE": str(small_warehouse),
    }
    environment.pop("DYADWATCH_PG_READER_PASSWORD", None)
    try:
        started = _serve("start", environment)
        assert started.returncode == 0, started.stderr
        uri = started.stdout.strip().splitlines()[-1]
        assert re.fullmatch(rf"postgresql://dyadwatch_reader:[A-Za-z0-9_\-]+@127\.0\.0\.1:{port}/dyadwatch", uri)
        with psycopg.connect(uri) as connection:
            assert connection.execute("select count(*) from marts.fct_contacts").fetchone()[0] == contact_count(1)
        restarted = _serve("start", environment)
        assert restarted.returncode == 0, restarted.stderr
        assert restarted.stdout.strip().splitlines()[-1] == uri, "the generated password is kept"
        assert (folder / "pg_data" / "reader_password").stat().st_mode & 0o077 == 0
        listening = subprocess.run(["ss", "-Hltn", f"sport = :{port}"], capture_output=True, text=True, check=False)
        if listening.returncode == 0:
            assert {line.split()[3] for line in listening.stdout.splitlines()} == {f"127.0.0.1:{port}"}

        stopped = _serve("stop", environment)
        assert stopped.returncode == 0, stopped.stderr
        assert not pg_cluster.is_running(folder / "pg_data" / "cluster")
    finally:
        pg_cluster.stop(folder / "pg_data" / "cluster")
        subprocess.run(["rm", "-rf", str(folder)], check=False)
