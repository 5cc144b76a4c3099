"""The read-only snapshot: what it holds, and that readers only ever see whole builds."""

from __future__ import annotations

import multiprocessing
import shutil
import time
from pathlib import Path

import duckdb
import pytest

from orchestration import settings
from orchestration.serving.marts import MissingSchemaError
from orchestration.serving.snapshot import META_SCHEMA, publish_snapshot
from tests.conftest import BUNDLED_RAW, BuiltWarehouse, materialize_everything
from tests.integration.serving.small_warehouse import PUBLISHED_OBJECTS, contact_count, set_contact_version
from tests.integration.serving.snapshot_readers import contacts_state, read_in_a_loop

REPUBLISHES = 25
POLL_SECONDS = 0.01
MAX_POLLS = 6000
"""How long a test waits for the reader to see a build before it fails: a bound, not a measure."""


class LoopingReader:
    """A separate process querying the snapshot in a loop until told to stop."""

    def __init__(self, snapshot: Path, state: str, *, queries_per_connection: int = 3, max_iterations: int = 500_000):
        context = multiprocessing.get_context("spawn")
        self.reads = context.Value("q", 0)
        self.last_build_id = context.Array("c", 64)
        self.stop = context.Event()
        self.results = context.Queue()
        self.process = context.Process(
            target=read_in_a_loop,
            args=(
                str(snapshot),
                state,
                queries_per_connection,
                max_iterations,
                self.reads,
                self.last_build_id,
                self.stop,
                self.results,
            ),
            daemon=True,
        )

    def __enter__(self) -> LoopingReader:
        self.process.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop.set()
        self.process.join(timeout=60)
        if self.process.is_alive():
            self.process.terminate()

    def wait_until_seen(self, build_id: str) -> None:
        for _ in range(MAX_POLLS):
            if self.last_build_id.value == build_id.encode() or not self.process.is_alive():
                break
            time.sleep(POLL_SECONDS)
        assert self.last_build_id.value == build_id.encode(), f"the reader never saw build {build_id}"

    def finish(self) -> dict:
        self.stop.set()
        result = self.results.get(timeout=120)
        self.process.join(timeout=60)
        return result


def read_snapshot_meta(snapshot: Path) -> dict[str, object]:
    """The snapshot's `meta.snapshot` row, as a dict."""
    with duckdb.connect(str(snapshot), read_only=True) as connection:
        cursor = connection.execute(f"select * from {META_SCHEMA}.snapshot")
        names = [column[0] for column in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))


def _objects(path: Path) -> list[tuple[str, str, str]]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(
            """
            select table_schema, table_name, table_type from information_schema.tables
            where table_catalog = current_database() order by all
            """
        ).fetchall()


def _rows(path: Path, table: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(f"select * from {table} order by all").fetchall()


def test_snapshot_holds_every_mart_as_a_table_and_its_provenance(small_warehouse: Path, tmp_path: Path) -> None:
    snapshot = tmp_path / "served" / "dyadwatch_snapshot.duckdb"

    report = publish_snapshot(small_warehouse, snapshot, build_id="run-1")

    assert _objects(snapshot) == sorted(
        [("marts", name, "BASE TABLE") for name in PUBLISHED_OBJECTS]
        + [("meta", "snapshot", "BASE TABLE"), ("meta", "snapshot_tables", "BASE TABLE")]
    )
    for name in PUBLISHED_OBJECTS:
        assert _rows(snapshot, f"marts.{name}") == _rows(small_warehouse, f"marts.{name}"), name
    assert [(table.name, table.source_kind) for table in report.tables] == [
        (name, "view" if name == "v_contacts_by_kind" else "table") for name in PUBLISHED_OBJECTS
    ]
    assert _rows(snapshot, "meta.snapshot_tables") == sorted(
        (table.schema, table.name, table.source_kind, table.n_rows, "run-1") for table in report.tables
    )
    meta = read_snapshot_meta(snapshot)
    assert meta["build_id"] == "run-1"
    assert meta["source_warehouse"] == str(small_warehouse)
    assert meta["schemas"] == ["marts"]
    assert meta["published_at"] == report.published_at
    assert sorted(path.name for path in snapshot.parent.iterdir()) == [snapshot.name], "no temporary file or WAL left"
    header = snapshot.read_bytes()[:20]
    # Storage format 64, the one DuckDB 1.0 and every later version open.
    assert (header[8:12], int.from_bytes(header[12:20], "little")) == (b"DUCK", 64)


def test_after_an_increment_only_the_marts_it_built_are_copied(small_warehouse: Path, tmp_path: Path) -> None:
    snapshot = tmp_path / "dyadwatch_snapshot.duckdb"
    publish_snapshot(small_warehouse, snapshot, build_id="full")
    first_monthly = _rows(snapshot, "marts.dyad_contacts_monthly")
    set_contact_version(small_warehouse, 2)

    report = publish_snapshot(small_warehouse, snapshot, build_id="increment", refresh=["marts.fct_contacts"])

    assert _rows(snapshot, "marts.fct_contacts") == _rows(small_warehouse, "marts.fct_contacts")
    assert contact_count(2) == next(table.n_rows for table in report.tables if table.name == "fct_contacts")
    # Not named as built: the previous snapshot's rows stay, whatever the warehouse holds now.
    assert (
        _rows(snapshot, "marts.dyad_contacts_monthly")
        == first_monthly
        != _rows(small_warehouse, "marts.dyad_contacts_monthly")
    )
    assert _rows(snapshot, "meta.snapshot_tables") == sorted(
        (
            table.schema,
            table.name,
            table.source_kind,
            table.n_rows,
            "increment" if table.name == "fct_contacts" else "full",
        )
        for table in report.tables
    )
    assert read_snapshot_meta(snapshot)["build_id"] == "increment"
    assert _objects(snapshot) == sorted(
        [("marts", name, "BASE TABLE") for name in PUBLISHED_OBJECTS]
        + [("meta", "snapshot", "BASE TABLE"), ("meta", "snapshot_tables", "BASE TABLE")]
    )
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(snapshot.name)) == [snapshot.name]


def test_failed_publish_keeps_the_previous_snapshot(small_warehouse: Path, tmp_path: Path) -> None:
    snapshot = tmp_path / "dyadwatch_snapshot.duckdb"
    publish_snapshot(small_warehouse, snapshot, build_id="good")
    before = snapshot.read_bytes()

    with pytest.raises(MissingSchemaError, match="no_such_schema"):
        publish_snapshot(small_warehouse, snapshot, ("marts", "no_such_schema"), build_id="bad")

    assert snapshot.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(snapshot.name)) == [snapshot.name]


def test_an_open_reader_keeps_its_build_and_its_next_connection_sees_the_new_one(
    small_warehouse: Path, tmp_path: Path
) -> None:
    snapshot = tmp_path / "dyadwatch_snapshot.duckdb"
    publish_snapshot(small_warehouse, snapshot, build_id="build-1")
    with duckdb.connect(str(snapshot), read_only=True) as open_reader:
        set_contact_version(small_warehouse, 2)

        publish_snapshot(small_warehouse, snapshot, build_id="build-2")

        assert contacts_state(open_reader)[-1] == "build-1"
        assert contacts_state(open_reader)[:3] == (contact_count(1),) * 3
    # DuckDB shares one open database per file within a process: a new connection opens
    # the new file once the process's previous connections to it are closed.
    with duckdb.connect(str(snapshot), read_only=True) as next_reader:
        assert contacts_state(next_reader)[-1] == "build-2"
        assert contacts_state(next_reader)[:3] == (contact_count(2),) * 3


def test_a_reader_in_a_loop_sees_only_complete_builds_while_the_writer_republishes(
    small_warehouse: Path, tmp_path: Path
) -> None:
    snapshot = tmp_path / "dyadwatch_snapshot.duckdb"
    publish_snapshot(small_warehouse, snapshot, build_id="build-1")

    with LoopingReader(snapshot, "contacts") as reader:
        reader.wait_until_seen("build-1")
        for version in range(2, REPUBLISHES + 1):
            # The writer rebuilds the warehouse and republishes while the reader keeps the
            # snapshot open: neither waits for the other.
            set_contact_version(small_warehouse, version)
            publish_snapshot(small_warehouse, snapshot, build_id=f"build-{version}")
            reader.wait_until_seen(f"build-{version}")
        result = reader.finish()

    assert result["errors"] == []
    versions_seen = set()
    for (n_facts, n_monthly, n_recorded, *versions, build_id), _count in result["seen"].items():
        version = int(build_id.removeprefix("build-"))
        assert n_facts == n_monthly == n_recorded == contact_count(version), build_id
        assert versions == [version] * 4, build_id
        versions_seen.add(version)
    assert versions_seen == set(range(1, REPUBLISHES + 1))
    assert result["iterations"] >= REPUBLISHES


def test_a_reader_in_a_loop_sees_only_complete_builds_while_a_full_materialisation_runs(
    built_warehouse: BuiltWarehouse, tmp_path: Path
) -> None:
    warehouse = tmp_path / "dyadwatch.duckdb"
    shutil.copyfile(built_warehouse.path, warehouse)
    # With its lake and its charts, the copy rebuilds every table and view but loads and draws nothing again.
    shutil.copytree(settings.lake_dir(built_warehouse.path), settings.lake_dir(warehouse))
    shutil.copytree(built_warehouse.path.parent / "reports", tmp_path / "reports")
    snapshot = tmp_path / "dyadwatch_snapshot.duckdb"
    publish_snapshot(warehouse, snapshot, build_id="first-build")

    with LoopingReader(snapshot, "tables", queries_per_connection=2) as reader:
        reader.wait_until_seen("first-build")
        reads_before = reader.reads.value
        outcome = materialize_everything(warehouse, BUNDLED_RAW)
        reads_during = reader.reads.value - reads_before
        publish_snapshot(warehouse, snapshot, build_id="second-build")
        reader.wait_until_seen("second-build")
        result = reader.finish()

    assert outcome and all(run.success for run in outcome), (
        "the build never waits for, nor fails on, the snapshot's readers"
    )
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        assert connection.execute(
            "select count(*) from audit.file_loads where list_contains(?, load_id)", [[run.run_id for run in outcome]]
        ).fetchone() == (0,), "every landed file was found in the copied lake"
    assert reads_during > 0
    assert result["errors"] == []
    # The build publishes the snapshot itself, under its run id, and the reader may catch that state too.
    seen = {build_id for build_id, _complete in result["seen"]}
    assert {"first-build", "second-build"} <= seen <= {"first-build", outcome[-1].run_id, "second-build"}
    assert all(complete for _build_id, complete in result["seen"])
