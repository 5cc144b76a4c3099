"""Consecutive files committed as one transaction keep replace by file's contract: every file's
counts and quarantined lines are its own, a changed file replaces only its own, and a load killed
before or after a group's commit leaves, once the warehouse is opened again, none or all of that
group's files loaded, whole."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from orchestration.ingest.gdelt_events import iter_gdelt_event_batches
from orchestration.landing.inventory import LandedFile
from orchestration.loading import commits, lake, loader
from orchestration.loading.warehouse import connect

EXPORT = Path(__file__).resolve().parents[3] / "raw" / "gdelt" / "events" / "20250322180000.export.csv"
FILES = 5
FILES_PER_COMMIT = 3
BAD_LINE = "not\tan\tevent"


class _Killed(BaseException):
    """Stands for the process dying: nothing after it runs, no handler for `Exception` catches it."""


def _write_exports(folder: Path, *, shift: int = 0) -> dict[str, tuple[int, int]]:
    """`FILES` exports of different lengths, the i-th holding i bad lines; (lines, bad lines) by name."""
    records = EXPORT.read_text(encoding="utf-8").splitlines(keepends=True)
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for number in range(FILES):
        good = records[: 100 + 50 * number + shift]
        bad = [f"{BAD_LINE}\t{number}\t{index}\n" for index in range(number)]
        name = f"2025032218{number:02d}00.export.csv"
        (folder / name).write_text("".join(good[:10] + bad + good[10:]), encoding="utf-8")
        expected[name] = (len(good) + len(bad), len(bad))
    return expected


def _load(connection: duckdb.DuckDBPyConnection, folder: Path, load_id: str) -> list:
    return loader.load_source(
        connection,
        table="raw.gdelt_events",
        source_system="gdelt_v2",
        files=[LandedFile.at(path, folder) for path in sorted(folder.iterdir())],
        read_batches=iter_gdelt_event_batches,
        load_id=load_id,
    )


def _per_file(connection: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """(rows in the raw table, quarantined lines) of each file, as the warehouse holds them."""
    rows = dict(connection.execute("select source_file, count(*) from raw.gdelt_events group by all").fetchall())
    quarantined = dict(connection.execute("select source_file, count(*) from audit.quarantine group by all").fetchall())
    return {name: (rows.get(name, 0), quarantined.get(name, 0)) for name in {*rows, *quarantined}}


def _pending_files(connection: duckdb.DuckDBPyConnection) -> list[Path]:
    return sorted(lake.lake_root(connection).rglob(f"*{lake.PENDING_SUFFIX}"))


@pytest.fixture(autouse=True)
def _small_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "FILES_PER_COMMIT", FILES_PER_COMMIT)
    monkeypatch.setattr(loader, "SECONDS_PER_COMMIT", float("inf"))


def test_files_committed_together_keep_their_own_counts_and_quarantined_lines(tmp_path: Path, connection) -> None:
    folder = tmp_path / "events"
    expected = _write_exports(folder)
    outcomes = _load(connection, folder, "load-1")

    assert {o.source_file: (o.rows_read, o.rows_quarantined) for o in outcomes} == expected
    assert _per_file(connection) == {name: (lines - bad, bad) for name, (lines, bad) in expected.items()}
    manifest = connection.execute(
        "select source_file, status, rows_loaded, rows_quarantined from audit.file_manifest order by source_file"
    ).fetchall()
    assert manifest == [(name, "loaded", lines - bad, bad) for name, (lines, bad) in sorted(expected.items())]
    load_log = connection.execute(
        "select source_file, rows_read from audit.file_loads where load_id = 'load-1' order by source_file"
    ).fetchall()
    assert load_log == [(name, lines) for name, (lines, _) in sorted(expected.items())]

    changed = _write_exports(folder, shift=-40)
    outcomes = _load(connection, folder, "load-2")
    assert {o.source_file: (o.rows_read, o.rows_quarantined) for o in outcomes} == changed
    assert _per_file(connection) == {name: (lines - bad, bad) for name, (lines, bad) in changed.items()}
    assert [o.status for o in _load(connection, folder, "load-3")] == ["unchanged"] * FILES


def test_a_copy_of_a_file_staged_in_the_same_group_is_a_duplicate(tmp_path: Path, connection) -> None:
    folder = tmp_path / "events"
    _write_exports(folder)
    copy = folder / "20250322180030.export.csv"  # right after the first file, in its group
    copy.write_bytes(sorted(folder.iterdir())[0].read_bytes())
    statuses = {o.source_file: o.status for o in _load(connection, folder, "load-1")}
    assert statuses[copy.name] == "duplicate"
    assert sorted(set(statuses.values())) == ["duplicate", "loaded"]
    assert connection.execute("select count(distinct source_file) from raw.gdelt_events").fetchone()[0] == FILES


@pytest.mark.parametrize(
    ("dies_in", "files_loaded_after_reopening"),
    [
        ("record_loads", FILES_PER_COMMIT),  # the second group never committed: only the first stands
        ("publish", FILES),  # the second group committed, its files not yet in place: put in place
    ],
)
def test_a_load_killed_in_its_second_group_leaves_whole_groups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dies_in: str, files_loaded_after_reopening: int
) -> None:
    folder = tmp_path / "events"
    expected = _write_exports(folder)
    warehouse = tmp_path / "warehouse.duckdb"
    target = commits if dies_in == "record_loads" else lake
    calls = {"count": 0}
    original = getattr(target, dies_in)
    calls_before_the_second_group = 1 if dies_in == "record_loads" else FILES_PER_COMMIT

    def dies_in_the_second_group(*args, **kwargs):
        calls["count"] += 1
        if calls["count"] > calls_before_the_second_group:
            raise _Killed
        return original(*args, **kwargs)

    monkeypatch.setattr(target, dies_in, dies_in_the_second_group)
    with connect(warehouse) as connection, pytest.raises(_Killed):
        _load(connection, folder, "load-1")
    monkeypatch.undo()

    with connect(warehouse) as connection:
        assert _pending_files(connection) == []
        held = _per_file(connection)
        assert len(held) == files_loaded_after_reopening
        assert held == {name: (lines - bad, bad) for name, (lines, bad) in expected.items() if name in held}
        statuses = [o.status for o in _load(connection, folder, "load-2")]
        assert statuses.count("loaded") == FILES - files_loaded_after_reopening
        assert _per_file(connection) == {name: (lines - bad, bad) for name, (lines, bad) in expected.items()}
