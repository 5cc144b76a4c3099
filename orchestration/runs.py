"""Runs whose process is gone release what they held, and a run that must wait says for what.

A Dagster run killed without a chance to finish (`kill -9`, out of memory, power lost)
stays `STARTED` in the run storage and keeps its claim on the `duckdb_writer` pool's
single slot, so every later run would wait for it forever. Before `make run` starts its
runs, and every minute under the daemon (`stale_runs_sensor`), `release_dead_runs` marks
each unfinished run whose process no longer exists as failed and frees its slots, saying
so in one line each.

A run's process is known from the tags `make run` gives its runs (process id, host and
the process's start time, so that a process id taken again after a reboot is not
mistaken for the run's), or for runs the daemon launched, from the engine event that
names the process that runs it. A process on another host, or a run with no process on
record, is never judged dead: it is waited for.

`wait_for_writer` waits while a live run holds the slot, saying every `report_every`
seconds which run holds it, and gives up after a stated time with an error that names it.
"""

from __future__ import annotations

import datetime as dt
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass

import dagster as dg
import psutil
from dagster._core.events import DagsterEventType

PID_TAG = "dyadwatch/pid"
HOST_TAG = "dyadwatch/host"
PROCESS_STARTED_TAG = "dyadwatch/process_started"

UNFINISHED = (dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING)
# A process that started up to this long after its run was recorded can still be that run's.
START_SLACK_SECONDS = 60.0


def process_tags() -> dict[str, str]:
    """Tags naming this process, for the runs it executes itself."""
    return {
        PID_TAG: str(psutil.Process().pid),
        HOST_TAG: socket.gethostname(),
        PROCESS_STARTED_TAG: f"{psutil.Process().create_time():.3f}",
    }


@dataclass(frozen=True)
class RunProcess:
    """The process a run ran in, as far as the run storage tells."""

    run_id: str
    job_name: str
    status: str
    pid: int | None
    host: str | None
    process_started: float | None
    run_started: float | None

    @property
    def described(self) -> str:
        where = f"process {self.pid}" if self.pid else "no process on record"
        if self.host and self.host != socket.gethostname():
            where += f" on {self.host}"
        since = f", since {dt.datetime.fromtimestamp(self.run_started):%Y-%m-%d %H:%M:%S}" if self.run_started else ""
        return f"run {self.run_id[:8]} ({self.job_name}, {where}{since})"

    def is_gone(self) -> bool:
        """Whether the run's process surely no longer exists on this host."""
        if self.pid is None or (self.host is not None and self.host != socket.gethostname()):
            return False
        try:
            process = psutil.Process(self.pid)
            created = process.create_time()
            if process.status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        except psutil.Error:
            return False
        if self.process_started is not None:
            return abs(created - self.process_started) > 1.0
        return self.run_started is not None and created > self.run_started + START_SLACK_SECONDS


def run_process(instance: dg.DagsterInstance, run_id: str) -> RunProcess | None:
    record = instance.get_run_record_by_id(run_id)
    if record is None:
        return None
    run = record.dagster_run
    pid, host, process_started = None, None, None
    if PID_TAG in run.tags:
        pid, host = int(run.tags[PID_TAG]), run.tags.get(HOST_TAG)
        process_started = float(run.tags[PROCESS_STARTED_TAG]) if PROCESS_STARTED_TAG in run.tags else None
    else:
        pid = _launched_pid(instance, run_id)
    return RunProcess(
        run_id,
        run.job_name,
        run.status.value,
        pid,
        host,
        process_started,
        record.start_time or (record.create_timestamp.timestamp() if record.create_timestamp else None),
    )


def _launched_pid(instance: dg.DagsterInstance, run_id: str) -> int | None:
    """The process id in the engine event "Started process for run (pid: …)" of a launched run."""
    records = instance.get_records_for_run(run_id, of_type=DagsterEventType.ENGINE_EVENT, limit=20).records
    for record in records:
        event = record.event_log_entry.dagster_event
        metadata = event.engine_event_data.metadata if event and event.engine_event_data else {}
        if "pid" in metadata:
            try:
                return int(metadata["pid"].value)
            except (TypeError, ValueError):
                continue
    return None


def _runs_in_pool(instance: dg.DagsterInstance, pool: str) -> set[str]:
    """Runs holding a slot of `pool` or in line for one (a dead run in line would be handed the next free slot)."""
    info = instance.event_log_storage.get_concurrency_info(pool)
    return {slot.run_id for slot in info.claimed_slots} | {step.run_id for step in info.pending_steps}


def holding_runs(instance: dg.DagsterInstance, pool: str) -> set[str]:
    """Runs holding a slot of `pool` now."""
    return {slot.run_id for slot in instance.event_log_storage.get_concurrency_info(pool).claimed_slots}


def release_dead_runs(instance: dg.DagsterInstance, pool: str) -> list[str]:
    """Mark failed every unfinished run whose process is gone, free the slots of those and of finished
    runs still holding one; one line per run released."""
    unfinished = {
        record.dagster_run.run_id for record in instance.get_run_records(dg.RunsFilter(statuses=list(UNFINISHED)))
    }
    released = []
    for run_id in sorted(unfinished | _runs_in_pool(instance, pool)):
        process = run_process(instance, run_id)
        if process is None:
            instance.event_log_storage.free_concurrency_slots_for_run(run_id)
            released.append(
                f"Released the {pool} slot held by run {run_id[:8]}, which the run storage no longer holds."
            )
            continue
        if run_id in unfinished and not process.is_gone():
            continue
        if run_id in unfinished:
            run = instance.get_run_by_id(run_id)
            instance.report_run_failed(
                run, f"Marked failed: its {process.described} ended without finishing (killed?)."
            )
            released.append(
                f"Released {process.described}: its process ended without finishing (killed?); marked failed."
            )
        else:
            released.append(f"Released the {pool} slot still held by finished {process.described}.")
        instance.event_log_storage.free_concurrency_slots_for_run(run_id)
    return released


class WriterBusyError(RuntimeError):
    """The writer pool stayed held by a live run for longer than the wait allowed."""


def wait_for_writer(
    instance: dg.DagsterInstance,
    pool: str,
    *,
    timeout_seconds: float,
    say: Callable[[str], None],
    report_every: float = 30.0,
    poll_seconds: float = 2.0,
) -> None:
    """Return once no run holds a slot of `pool`, releasing dead runs as it looks; saying what it waits for."""
    deadline = time.monotonic() + timeout_seconds
    next_report = 0.0
    while True:
        for line in release_dead_runs(instance, pool):
            say(line)
        holders = [
            process for run_id in sorted(holding_runs(instance, pool)) if (process := run_process(instance, run_id))
        ]
        if not holders:
            return
        held_by = "; ".join(process.described for process in holders)
        now = time.monotonic()
        if now >= deadline:
            raise WriterBusyError(
                f"The warehouse's writer ({pool}) is still held after {timeout_seconds:.0f} s by {held_by}. "
                "Let it finish, or stop it (Dagster UI, Runs, Terminate) and run again."
            )
        if now >= next_report:
            say(f"Waiting for the warehouse's writer ({pool}), held by {held_by}; giving up in {deadline - now:.0f} s.")
            next_report = now + report_every
        time.sleep(min(poll_seconds, max(deadline - now, 0.0)))
