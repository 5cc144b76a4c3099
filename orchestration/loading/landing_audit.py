"""The warehouse kept in step with the landing folder as a whole: refused files recorded, vanished
files retired.

- A refused file (see `landing.inventory`) gets a manifest entry with status `refused`,
  its reason, and one quarantine row; it is recorded again only when it changes.
- A file the manifest holds that is no longer in the landing folder (deleted, moved, or
  now refused, say a link put in its place) is retired: its rows and quarantined lines
  leave the warehouse, its manifest entry says `retired` and why, and the load log has
  a line for it. The warehouse holds what the landing folder holds: the landing folder is
  its record, from which it can always be built again. All retirements of one audit are
  one transaction.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from orchestration.landing.inventory import Inventory, RefusedFile
from orchestration.landing.sources import LANDING_SOURCES, REFUSED_SOURCE_SYSTEM
from orchestration.loading import lake
from orchestration.loading.manifest import STANDING_STATUSES, UNREADABLE_STATUS, LoadOutcome
from orchestration.loading.replace_by_file import record_rejected_file
from orchestration.loading.tables import RAW_TABLE_OF_SYSTEM, refresh_raw_view
from orchestration.loading.warehouse import utc_now

REFUSED_STATUS = "refused"
RETIRED_STATUS = "retired"


def record_refusals(connection: duckdb.DuckDBPyConnection, inventory: Inventory, load_id: str) -> list[LoadOutcome]:
    """Each refused file recorded once (again when its size, time or reason changes)."""
    known = {
        source_file: (n_bytes, modified_ns, detail)
        for source_file, n_bytes, modified_ns, detail in connection.execute(
            "select source_file, n_bytes, modified_ns, detail from audit.file_manifest where source_system = ? and status = ?",
            [REFUSED_SOURCE_SYSTEM, REFUSED_STATUS],
        ).fetchall()
    }
    outcomes = []
    for refused in inventory.refused:
        landed = refused.landed
        if known.get(landed.source_file) == (landed.n_bytes, landed.modified_ns, refused.reason):
            outcomes.append(LoadOutcome(landed.source_file, "unchanged", 0, 0, 0))
            continue
        outcomes.append(_record_refusal(connection, refused, load_id))
    return outcomes


def _record_refusal(connection: duckdb.DuckDBPyConnection, refused: RefusedFile, load_id: str) -> LoadOutcome:
    return record_rejected_file(
        connection,
        table=None,
        source_system=REFUSED_SOURCE_SYSTEM,
        landed=refused.landed,
        status=REFUSED_STATUS,
        reason=refused.reason,
        load_id=load_id,
        read_content=False,
    )


HELD_STATUSES = (*STANDING_STATUSES, REFUSED_STATUS, UNREADABLE_STATUS)
"""Manifest statuses of a file the warehouse takes the landing folder to hold."""


def is_vanished(inventory: Inventory) -> Callable[[str, str], bool]:
    """Whether a file the manifest holds (by source system and name) has left the landing folder.

    A file counts as present only where its source's table takes it: an article's name among
    GDELT's files is another file. Refused files are matched among the refused."""
    present: dict[str | None, set[str]] = {source.table: set() for source in LANDING_SOURCES}
    for accepted in inventory.accepted:
        present[accepted.source.table].add(accepted.landed.source_file)
    present[None] = {refused.landed.source_file for refused in inventory.refused}
    return lambda source_system, source_file: (
        source_file not in present.get(RAW_TABLE_OF_SYSTEM.get(source_system), set())
    )


def retire_vanished(connection: duckdb.DuckDBPyConnection, inventory: Inventory, load_id: str) -> list[LoadOutcome]:
    """Retire every file the manifest holds that the landing folder no longer holds, in one transaction."""
    held = connection.execute(
        "select source_system, source_file, rows_loaded, n_bytes from audit.file_manifest where list_contains(?, status)",
        [list(HELD_STATUSES)],
    ).fetchall()
    vanished_from_landing = is_vanished(inventory)
    return _retire(connection, [row for row in held if vanished_from_landing(row[0], row[1])], load_id)


def retire_files(
    connection: duckdb.DuckDBPyConnection, files: list[tuple[str, str]], load_id: str
) -> list[LoadOutcome]:
    """Retire these files (source system, source file) the manifest holds, in one transaction."""
    held = connection.execute(
        """
        select source_system, source_file, rows_loaded, n_bytes from audit.file_manifest
        where list_contains(?, status) and list_contains(?, source_system || '/' || source_file)
        """,
        [list(HELD_STATUSES), [f"{system}/{name}" for system, name in files]],
    ).fetchall()
    return _retire(connection, held, load_id)


def _retire(connection: duckdb.DuckDBPyConnection, vanished: list[tuple], load_id: str) -> list[LoadOutcome]:
    """Each file (source system, source file, rows loaded, bytes) retired, in one transaction."""
    if not vanished:
        return []
    now = utc_now()
    outcomes = []
    root = lake.lake_root(connection)
    leaving: dict[str, list] = {}
    connection.begin()
    try:
        for source_system, source_file, rows_loaded, n_bytes in vanished:
            table = RAW_TABLE_OF_SYSTEM.get(source_system)
            if table is not None:
                leaving.setdefault(table, []).append(lake.lake_file(root, table, source_system, source_file))
            connection.execute(
                "delete from audit.quarantine where source_system = ? and source_file = ?", [source_system, source_file]
            )
            detail = f"no longer in the landing folder: its {rows_loaded:,} rows left the warehouse"
            connection.execute(
                """
                update audit.file_manifest
                set status = ?, rows_loaded = 0, rows_quarantined = 0, loaded_at = ?, detail = ?
                where source_system = ? and source_file = ?
                """,
                [RETIRED_STATUS, now, detail, source_system, source_file],
            )
            connection.execute(
                """
                insert into audit.file_loads
                    (load_id, source_system, source_file, content_hash, n_bytes, rows_read, rows_loaded,
                     rows_quarantined, status, detail, loaded_at)
                values (?, ?, ?, null, ?, 0, 0, 0, ?, ?, ?)
                """,
                [load_id, source_system, source_file, n_bytes, RETIRED_STATUS, detail, now],
            )
            outcomes.append(LoadOutcome(source_file, RETIRED_STATUS, 0, 0, 0, detail))
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    for table, files in leaving.items():
        lake.remove(files)
        if not lake.holds_files(root, table):
            refresh_raw_view(connection, table)
    return outcomes
