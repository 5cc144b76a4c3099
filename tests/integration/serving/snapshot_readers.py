"""Reader processes for the snapshot tests: each opens the snapshot read-only in a loop,
as a dashboard would, and reports what it saw. Top-level functions, so that a `spawn`ed
process can import them."""

from __future__ import annotations

from multiprocessing.queues import Queue
from multiprocessing.sharedctypes import Synchronized, SynchronizedString
from multiprocessing.synchronize import Event

import duckdb

CONTACTS_STATE_SQL = """
select
    (select count(*) from marts.fct_contacts),
    (select sum(n_contacts) from marts.dyad_contacts_monthly),
    (select n_rows from meta.snapshot_tables where schema_name = 'marts' and table_name = 'fct_contacts'),
    (select min(build_version) from marts.fct_contacts),
    (select max(build_version) from marts.fct_contacts),
    (select min(build_version) from marts.dyad_contacts_monthly),
    (select max(build_version) from marts.dyad_contacts_monthly),
    (select build_id from meta.snapshot)
"""


def contacts_state(connection: duckdb.DuckDBPyConnection) -> tuple:
    """(facts, monthly sum, recorded facts, versions…, build id) of the contact marts."""
    return connection.execute(CONTACTS_STATE_SQL).fetchone()


def tables_state(connection: duckdb.DuckDBPyConnection) -> tuple:
    """(build id, whether every table holds the rows `meta.snapshot_tables` recorded for it)."""
    build_id = connection.execute("select build_id from meta.snapshot").fetchone()[0]
    recorded = connection.execute("select schema_name, table_name, n_rows from meta.snapshot_tables").fetchall()
    complete = bool(recorded) and all(
        connection.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0] == n_rows
        for schema, name, n_rows in recorded
    )
    return build_id, complete


STATES = {"contacts": contacts_state, "tables": tables_state}


def read_in_a_loop(
    snapshot: str,
    state_name: str,
    queries_per_connection: int,
    max_iterations: int,
    reads: Synchronized,
    last_build_id: SynchronizedString,
    stop: Event,
    results: Queue,
) -> None:
    """Query the snapshot until `stop` (or `max_iterations`), keeping each connection open for
    `queries_per_connection` queries; report every distinct state seen and every error."""
    read_state = STATES[state_name]
    seen: dict[tuple, int] = {}
    errors: list[str] = []
    iterations = 0
    while not stop.is_set() and iterations < max_iterations:
        try:
            with duckdb.connect(snapshot, read_only=True) as connection:
                for _ in range(queries_per_connection):
                    iterations += 1
                    state = read_state(connection)
                    seen[state] = seen.get(state, 0) + 1
                    with reads.get_lock():
                        reads.value += 1
                    build_id = state[-1] if state_name == "contacts" else state[0]
                    last_build_id.value = build_id.encode()[:64]
        except Exception as error:  # every error is the test's finding, not the reader's end
            iterations += 1
            errors.append(f"{type(error).__name__}: {error}")
    results.put({"iterations": iterations, "seen": seen, "errors": errors})
