"""A killed run never stops the next one: `make run`'s main job killed with SIGKILL in the middle of a
load leaves its run `STARTED` and the writer's slot claimed; the next build releases both, says
so, and loads everything. A live run holding the writer is waited for, with a stated limit."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import psutil
import pytest

from orchestration.defs.resources import DUCKDB_WRITER_POOL
from orchestration.runs import (
    HOST_TAG,
    PID_TAG,
    PROCESS_STARTED_TAG,
    WriterBusyError,
    release_dead_runs,
    wait_for_writer,
)
from tests.conftest import BUNDLED_RAW, PROJECT_ROOT

EXPORT = BUNDLED_RAW / "gdelt" / "events" / "20180326044500.export.CSV"
COPIES = 300
POLL_SECONDS = 0.05
INTO_THE_LOAD_SECONDS = 1.0
PATIENCE_SECONDS = 300.0
"""How long the test waits for the first run to reach its load: a bound, not a measure."""


def _big_export(path: Path) -> int:
    """The real export's records again and again with fresh GlobalEventIDs: a load of some seconds."""
    records = [line.split("\t", 1)[1] for line in EXPORT.read_text(encoding="utf-8").splitlines()]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for copy in range(COPIES):
            first = 900_000_000 + copy * len(records)
            out.write("".join(f"{first + offset}\t{record}\n" for offset, record in enumerate(records)))
    return COPIES * len(records)


def _environment(folder: Path) -> dict[str, str]:
    environment = {
        **os.environ,
        "DYADWATCH_RAW_DIR": str(folder / "raw"),
        "DYADWATCH_WAREHOUSE": str(folder / "warehouse" / "dyadwatch.duckdb"),
        "DAGSTER_HOME": str(folder / "dagster_home"),
    }
    for name in ("DYADWATCH_SNAPSHOT", "DYADWATCH_REPORTS_DIR", "DYADWATCH_EXPORT_DIR", "DYADWATCH_PG_DATA"):
        environment.pop(name, None)
    return environment


def _instance(folder: Path) -> dg.DagsterInstance:
    """The Dagster instance the builds record their runs in (`folder/dagster_home`, its dagster.yaml)."""
    return dg.DagsterInstance.local_temp(tempdir=str(folder / "dagster_home"))


def test_a_build_killed_mid_load_is_released_by_the_next_which_loads_everything(tmp_path: Path) -> None:
    lines = _big_export(tmp_path / "raw" / "gdelt" / "events" / "20180326044500.export.CSV")
    (tmp_path / "dagster_home").mkdir()
    shutil.copy(PROJECT_ROOT / "dagster_home" / "dagster.yaml", tmp_path / "dagster_home" / "dagster.yaml")
    timeline = [("start", time.monotonic())]

    first = subprocess.Popen(
        [sys.executable, "-m", "orchestration.cli.build"],
        cwd=PROJECT_ROOT,
        env=_environment(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with _instance(tmp_path) as instance:

        def loading() -> bool:
            """The day's load holds the writer."""
            slots = instance.event_log_storage.get_concurrency_info(DUCKDB_WRITER_POOL).claimed_slots
            return any(
                (run := instance.get_run_by_id(slot.run_id)) and run.job_name == "load_gdelt_day" for slot in slots
            )

        deadline = time.monotonic() + PATIENCE_SECONDS
        while not loading():
            assert first.poll() is None, "the first build ended before its load"
            assert time.monotonic() < deadline, "the first build never reached its load"
            time.sleep(POLL_SECONDS)
        timeline.append(("the day's load holds the writer", time.monotonic()))
        time.sleep(INTO_THE_LOAD_SECONDS)
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        timeline.append(("killed", time.monotonic()))

        (held,) = instance.event_log_storage.get_concurrency_info(DUCKDB_WRITER_POOL).claimed_slots
        killed = instance.get_run_by_id(held.run_id)
        assert killed.job_name == "load_gdelt_day" and killed.status == dg.DagsterRunStatus.STARTED
        assert killed.tags[PID_TAG] == str(first.pid)
    # Killed mid-load: the file's transaction never committed, and the warehouse opens intact.
    with duckdb.connect(str(tmp_path / "warehouse" / "dyadwatch.duckdb"), read_only=True) as connection:
        assert connection.execute("select count(*) from raw.gdelt_events").fetchone()[0] == 0
        assert (
            connection.execute("select count(*) from audit.file_manifest where source_system = 'gdelt_v2'").fetchone()[
                0
            ]
            == 0
        )

    second = subprocess.run(
        [sys.executable, "-m", "orchestration.cli.build"],
        cwd=PROJECT_ROOT,
        env=_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=PATIENCE_SECONDS * 2,
    )
    timeline.append(("second build done", time.monotonic()))

    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    assert f"Released run {held.run_id[:8]} (load_gdelt_day, process {first.pid}" in second.stdout
    assert "ended without finishing (killed?); marked failed." in second.stdout
    _assert_told_as_a_person_reads_it(second.stdout, lines, tmp_path / "warehouse")
    with _instance(tmp_path) as instance:
        assert instance.get_run_by_id(held.run_id).status == dg.DagsterRunStatus.FAILURE
        assert instance.event_log_storage.get_concurrency_info(DUCKDB_WRITER_POOL).claimed_slots == []
    with duckdb.connect(str(tmp_path / "warehouse" / "dyadwatch.duckdb"), read_only=True) as connection:
        assert connection.execute("select count(*) from raw.gdelt_events").fetchone()[0] == lines
        assert connection.execute("select status, rows_loaded from audit.file_manifest").fetchall() == [
            ("loaded", lines)
        ]
    steps = ", ".join(f"{label} at {moment - timeline[0][1]:.1f} s" for label, moment in timeline)
    print(f"crash timeline: {steps}")


def _assert_told_as_a_person_reads_it(printed: str, lines: int, warehouse_folder: Path) -> None:
    """A line per stage and the closing summary on the terminal; Dagster's and dbt's own lines in the log."""
    assert len(printed.splitlines()) < 60 and "\x1b[" not in printed
    assert (
        f"GDELT 2.0 events, English and translingual (gdelt/events/), 1 day: 1 file (1 loaded), {lines:,} rows loaded, 0 set aside"
        in printed
    )
    assert "Articles coded: 0, contacts found: 0 (0 occurred)" in printed
    assert f"Snapshot for readers published: {warehouse_folder / 'dyadwatch_snapshot.duckdb'}" in printed
    assert "    dyad_interactions_daily " in printed and "Where to look next:" in printed
    assert "dagster - INFO" not in printed and "PASS" not in printed
    killed_build_log, log = sorted((warehouse_folder / "dyadwatch_logs").glob("build-*.log"))
    assert "Completed successfully" not in killed_build_log.read_text(encoding="utf-8")
    assert "Dagster's and dbt's lines of this build" in printed and str(log) in printed
    logged = log.read_text(encoding="utf-8")
    assert "dagster - INFO" in logged and "Completed successfully" in logged


def _holding_run(instance: dg.DagsterInstance, tags: dict[str, str]) -> str:
    """A run `STARTED` that holds the writer's slot, as a live or killed build would leave it."""
    run = instance.add_run(dg.DagsterRun(job_name="load_gdelt_day", status=dg.DagsterRunStatus.STARTED, tags=tags))
    instance.event_log_storage.set_concurrency_slots(DUCKDB_WRITER_POOL, 1)
    assert instance.event_log_storage.claim_concurrency_slot(DUCKDB_WRITER_POOL, run.run_id, "gdelt_events").is_claimed
    return run.run_id


def _tags_of(process: psutil.Process) -> dict[str, str]:
    return {
        PID_TAG: str(process.pid),
        HOST_TAG: socket.gethostname(),
        PROCESS_STARTED_TAG: f"{process.create_time():.3f}",
    }


def test_a_live_run_holding_the_writer_is_waited_for_then_named(tmp_path: Path) -> None:
    said: list[str] = []
    with dg.instance_for_test(temp_dir=str(tmp_path)) as instance:
        run_id = _holding_run(instance, _tags_of(psutil.Process()))

        with pytest.raises(
            WriterBusyError, match=f"still held after 1 s by run {run_id[:8]} \\(load_gdelt_day, process {os.getpid()}"
        ):
            wait_for_writer(instance, DUCKDB_WRITER_POOL, timeout_seconds=1.0, say=said.append, poll_seconds=0.2)

        assert said and said[0].startswith(
            f"Waiting for the warehouse's writer ({DUCKDB_WRITER_POOL}), held by run {run_id[:8]}"
        )
        assert instance.get_run_by_id(run_id).status == dg.DagsterRunStatus.STARTED


def test_a_run_whose_process_ended_or_whose_process_id_was_taken_again_is_released(tmp_path: Path) -> None:
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended_tags = _tags_of(psutil.Process(ended.pid))
    ended.wait()
    # This process's id, with another start time: the id of a process that ended, taken again.
    taken_again = {**_tags_of(psutil.Process()), PROCESS_STARTED_TAG: "1.000"}
    with dg.instance_for_test(temp_dir=str(tmp_path)) as instance:
        gone = _holding_run(instance, ended_tags)
        (line,) = release_dead_runs(instance, DUCKDB_WRITER_POOL)

        assert line.startswith(f"Released run {gone[:8]} (load_gdelt_day, process {ended.pid}")
        assert line.endswith("its process ended without finishing (killed?); marked failed.")
        assert instance.get_run_by_id(gone).status == dg.DagsterRunStatus.FAILURE
        assert instance.event_log_storage.get_concurrency_info(DUCKDB_WRITER_POOL).claimed_slots == []

        reused = _holding_run(instance, taken_again)
        (line,) = release_dead_runs(instance, DUCKDB_WRITER_POOL)
        assert line.startswith(f"Released run {reused[:8]} (load_gdelt_day, process {os.getpid()}")
        wait_for_writer(instance, DUCKDB_WRITER_POOL, timeout_seconds=1.0, say=lambda _line: None)


def test_a_build_that_finds_the_writer_held_says_by_whom_and_gives_up_in_the_stated_time(tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    (tmp_path / "dagster_home").mkdir()
    shutil.copy(PROJECT_ROOT / "dagster_home" / "dagster.yaml", tmp_path / "dagster_home" / "dagster.yaml")
    with _instance(tmp_path) as instance:
        holder = _holding_run(instance, _tags_of(psutil.Process()))

    build = subprocess.run(
        [sys.executable, "-m", "orchestration.cli.build"],
        cwd=PROJECT_ROOT,
        env={**_environment(tmp_path), "DYADWATCH_WRITER_WAIT_SECONDS": "3"},
        capture_output=True,
        text=True,
        timeout=PATIENCE_SECONDS,
    )

    assert build.returncode == 1
    assert (
        f"Waiting for the warehouse's writer (duckdb_writer), held by run {holder[:8]} (load_gdelt_day, process {os.getpid()}"
        in build.stdout
    )
    assert f"is still held after 3 s by run {holder[:8]}" in build.stderr
    assert "Let it finish, or stop it (Dagster UI, Runs, Terminate) and run again." in build.stderr
    assert not (tmp_path / "warehouse" / "dyadwatch.duckdb").exists(), "nothing was built while the writer was held"
