"""The work a landing folder holds for the next build, read from a listing and the manifest: new,
changed, gone and refused files, by source, and the GDELT days to load."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import duckdb

from orchestration.landing.inventory import take_inventory
from orchestration.loading.builds import last_build, record_build
from orchestration.loading.pending import PendingWork, pending_work, read_manifest
from tests.unit.conftest import TODAY, audit_and_load

EXPORT = "20250511180000.export.csv"
ARTICLE = "000_fb962030f17fa4db.txt"


def pending(
    landing: Path, connection: duckdb.DuckDBPyConnection, built_up_to: dt.datetime | None = None
) -> PendingWork:
    return pending_work(take_inventory(landing, today=TODAY), read_manifest(connection), built_up_to)


def test_before_any_load_every_file_is_pending_and_each_gdelt_day_is_named(landing: Path, connection) -> None:
    work = pending(landing, connection)

    assert work.new_or_changed == {
        "gdelt_events": ["20250322180000.export.csv", EXPORT],
        "articles": [ARTICLE],
    }
    assert work.gdelt_days == {"2025-03-22": ["20250322180000.export.csv"], "2025-05-11": [EXPORT]}
    assert [source.table_name for source in work.sources] == ["articles", "gdelt_events"]
    assert work.described() == "3 new or changed (articles/ 1, gdelt/events/ 2)"


def test_after_a_load_nothing_is_pending_until_a_file_changes_lands_or_leaves(landing: Path, connection) -> None:
    audit_and_load(connection, landing, "load-1")
    assert pending(landing, connection).is_empty

    export = landing / "gdelt" / "events" / EXPORT
    later = export.stat().st_mtime_ns + 1_000_000_000
    os.utime(export, ns=(later, later))
    touched = pending(landing, connection)
    assert touched.new_or_changed == {"gdelt_events": [EXPORT]} and touched.gdelt_days == {"2025-05-11": [EXPORT]}

    # The load finds the same bytes and records the new time: nothing is pending after it.
    audit_and_load(connection, landing, "load-2")
    assert pending(landing, connection).is_empty

    (landing / "articles" / ARTICLE).unlink()
    gone = pending(landing, connection)
    assert gone.vanished == {"articles": [ARTICLE]} and gone.gdelt_days == {}
    assert [source.table_name for source in gone.sources] == ["articles"]


def test_a_refused_file_is_pending_until_the_audit_records_it(landing: Path, connection) -> None:
    audit_and_load(connection, landing, "load-1")
    (landing / "gdelt" / "events" / "20990101000000.export.CSV").write_bytes(b"from the future")

    work = pending(landing, connection)
    assert work.refusals == ["gdelt/events/20990101000000.export.CSV"] and work.sources == []

    audit_and_load(connection, landing, "load-2")
    assert pending(landing, connection).is_empty


def test_files_loaded_after_the_last_finished_build_are_still_pending(landing: Path, connection) -> None:
    audit_and_load(connection, landing, "load-1")
    record_build(connection, "build-1", "full", "inputs")
    built_up_to = last_build(connection).manifest_loaded_up_to
    assert pending(landing, connection, built_up_to).is_empty

    # A run loads a new export, then fails before the build ends: no build is recorded.
    (landing / "gdelt" / "events" / "20250511181500.export.csv").write_bytes(
        (landing / "gdelt" / "events" / EXPORT).read_bytes().replace(b"\t20250511180000\t", b"\t20250511181500\t")
    )
    audit_and_load(connection, landing, "load-2")

    unbuilt = pending(landing, connection, built_up_to)
    assert unbuilt.not_yet_built == {"gdelt_events": ["20250511181500.export.csv"]}
    assert unbuilt.new_or_changed == {} and unbuilt.gdelt_days == {}
    assert [source.table_name for source in unbuilt.sources] == ["gdelt_events"]
    assert pending(landing, connection).is_empty


def test_a_landing_folder_that_is_not_there_retires_nothing(landing: Path, connection, tmp_path: Path) -> None:
    audit_and_load(connection, landing, "load-1")

    assert pending(tmp_path / "unmounted", connection).is_empty
