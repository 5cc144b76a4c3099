"""The warehouse follows the landing folder: refused files are recorded once, files that leave it
are retired in one transaction, and a copy of a retired file is loaded in its place."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from orchestration.loading.warehouse import connect
from tests.unit.conftest import audit_and_load


def count(connection: duckdb.DuckDBPyConnection, sql: str, parameters: list | None = None) -> int:
    return connection.execute(sql, parameters or []).fetchone()[0]


def test_a_deleted_file_has_its_rows_retired_and_the_manifest_says_so(landing: Path, connection) -> None:
    audit_and_load(connection, landing, "load-1")
    assert count(connection, "select count(*) from raw.gdelt_events") == 1087 + 786

    (landing / "gdelt" / "events" / "20250511180000.export.csv").unlink()
    outcomes = audit_and_load(connection, landing, "load-2")

    assert [(o.source_file, o.status) for o in outcomes["retired"]] == [("20250511180000.export.csv", "retired")]
    assert count(connection, "select count(*) from raw.gdelt_events") == 1087
    assert connection.execute(
        "select status, rows_loaded, detail from audit.file_manifest where source_file = '20250511180000.export.csv'"
    ).fetchall() == [("retired", 0, "no longer in the landing folder: its 786 rows left the warehouse")]
    assert connection.execute(
        "select load_id, status, rows_read from audit.file_loads where source_file = '20250511180000.export.csv' order by loaded_at"
    ).fetchall() == [("load-1", "loaded", 786), ("load-2", "retired", 0)]
    assert audit_and_load(connection, landing, "load-3")["retired"] == []


def test_a_retired_file_that_lands_again_is_loaded_again(landing: Path, connection, tmp_path: Path) -> None:
    audit_and_load(connection, landing, "load-1")
    kept = tmp_path / "kept.csv"
    shutil.move(landing / "gdelt" / "events" / "20250511180000.export.csv", kept)
    audit_and_load(connection, landing, "load-2")
    shutil.move(kept, landing / "gdelt" / "events" / "20250511180000.export.csv")

    outcomes = audit_and_load(connection, landing, "load-3")

    assert {o.source_file: o.status for o in outcomes["loaded"]}["20250511180000.export.csv"] == "loaded"
    assert count(connection, "select count(*) from raw.gdelt_events") == 1087 + 786


def test_a_copy_is_loaded_once_the_file_it_copied_is_gone(landing: Path, connection) -> None:
    events = landing / "gdelt" / "events"
    shutil.copy(events / "20250511180000.export.csv", events / "20250511181500.export.csv")
    first = {o.source_file: o.status for o in audit_and_load(connection, landing, "load-1")["loaded"]}
    assert first["20250511181500.export.csv"] == "duplicate"

    (events / "20250511180000.export.csv").unlink()
    second = {o.source_file: o.status for o in audit_and_load(connection, landing, "load-2")["loaded"]}

    assert second["20250511181500.export.csv"] == "loaded"
    assert (
        count(connection, "select count(*) from raw.gdelt_events where source_file = '20250511181500.export.csv'")
        == 786
    )
    assert count(connection, "select count(*) from raw.gdelt_events") == 1087 + 786


def test_refused_files_are_recorded_once_with_their_reason(landing: Path, connection) -> None:
    (landing / "gdelt" / "events" / "20990101000000.export.CSV").write_bytes(b"x\n")
    (landing / "articles" / "passwd.txt").symlink_to("/etc/passwd")

    first = audit_and_load(connection, landing, "load-1")
    second = audit_and_load(connection, landing, "load-2")

    assert sorted((o.source_file, o.status) for o in first["refused"]) == [
        ("articles/passwd.txt", "refused"),
        ("gdelt/events/20990101000000.export.CSV", "refused"),
    ]
    assert [o.status for o in second["refused"]] == ["unchanged", "unchanged"]
    assert connection.execute(
        "select source_system, source_file, line_number, reason from audit.quarantine order by source_file"
    ).fetchall() == [
        (
            "landing",
            "articles/passwd.txt",
            None,
            "a symbolic link (to /etc/passwd): only regular files inside the landing folder are read",
        ),
        (
            "landing",
            "gdelt/events/20990101000000.export.CSV",
            None,
            "gdelt/events/: slot 2099-01-01 00:00 lies in the future (today is 2026-12-06 UTC)",
        ),
    ]
    assert connection.execute(
        "select status, content_hash from audit.file_manifest where source_system = 'landing' order by source_file"
    ).fetchall() == [("refused", None), ("refused", None)]
    assert count(connection, "select count(*) from raw.articles") == 1
    assert count(connection, "select count(*) from raw.articles where content like 'root:%'") == 0


def test_a_loaded_file_replaced_by_a_link_is_retired_and_the_link_refused(
    landing: Path, connection, tmp_path: Path
) -> None:
    audit_and_load(connection, landing, "load-1")
    article = landing / "articles" / "000_fb962030f17fa4db.txt"
    outside = tmp_path / "elsewhere.txt"
    shutil.move(article, outside)
    article.symlink_to(outside)

    outcomes = audit_and_load(connection, landing, "load-2")

    assert [(o.source_file, o.status) for o in outcomes["retired"]] == [("000_fb962030f17fa4db.txt", "retired")]
    assert [(o.source_file, o.status) for o in outcomes["refused"]] == [
        ("articles/000_fb962030f17fa4db.txt", "refused")
    ]
    assert count(connection, "select count(*) from raw.articles") == 0


def test_a_refused_file_that_is_removed_leaves_the_quarantine(landing: Path, connection) -> None:
    stray = landing / "notes.txt"
    stray.write_text("todo\n")
    audit_and_load(connection, landing, "load-1")
    assert count(connection, "select count(*) from audit.quarantine") == 1

    stray.unlink()
    outcomes = audit_and_load(connection, landing, "load-2")

    assert [(o.source_file, o.status) for o in outcomes["retired"]] == [("notes.txt", "retired")]
    assert count(connection, "select count(*) from audit.quarantine") == 0


def test_a_missing_landing_folder_retires_nothing(landing: Path, tmp_path: Path) -> None:
    import dagster as dg

    from orchestration.defs.assets.landing import landing_inventory
    from orchestration.defs.resources import LandingZone, Warehouse

    warehouse = tmp_path / "materialized.duckdb"
    connection = connect(warehouse)
    audit_and_load(connection, landing, "load-1")
    connection.close()

    mistyped = dg.materialize(
        [landing_inventory],
        resources={"warehouse": Warehouse(path=str(warehouse)), "landing": LandingZone(path=str(tmp_path / "landnig"))},
    )

    assert mistyped.success
    with duckdb.connect(str(warehouse), read_only=True) as reader:
        assert reader.execute("select count(*) from raw.gdelt_events").fetchone()[0] == 1087 + 786
        assert reader.execute("select count(*) from audit.file_manifest where status = 'retired'").fetchone()[0] == 0
