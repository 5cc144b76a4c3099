"""The main job of `make run`: audit the landing folder, load every landed GDELT day, then build
the rest, then print the warehouse.

Each step is a Dagster run recorded in `DAGSTER_HOME`, as a run launched from the UI would
be, tagged with this process so that a later run can tell if it was killed. Before each,
runs killed earlier release the warehouse's writer; while another live run holds it, this
one waits, says for what, and gives up after `settings.writer_wait_seconds()`.
"""

from __future__ import annotations

import _thread
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg

from orchestration import settings
from orchestration.defs.assets.gdelt import landed_gdelt_days
from orchestration.defs.resources import DUCKDB_WRITER_POOL
from orchestration.runs import PID_TAG, WriterBusyError, process_tags, run_process, wait_for_writer


WATCH_SECONDS = 2.0
REPORT_SECONDS = 30.0


def _say(line: str) -> None:
    print(line, flush=True)


def build_everything(
    instance: dg.DagsterInstance,
    raw_dir: Path,
    *,
    say: Callable[[str], None] = _say,
    wait_seconds: float | None = None,
) -> list[dg.ExecuteInProcessResult]:
    """Every asset of the main build against the configured warehouse: the landing audit, one run per
    landed GDELT day, then one for the rest."""
    from orchestration.definitions import defs

    definitions = defs()
    wait_seconds = settings.writer_wait_seconds() if wait_seconds is None else wait_seconds
    steps = [
        ("audit_landing_folder", None),
        *[("load_gdelt_day", day) for day in landed_gdelt_days(raw_dir)],
        ("build_warehouse", None),
    ]
    tags = process_tags()
    results = []
    for job_name, partition_key in steps:
        wait_for_writer(instance, DUCKDB_WRITER_POOL, timeout_seconds=wait_seconds, say=say)
        with _watching_waits(instance, tags[PID_TAG], wait_seconds, say) as timed_out:
            result = definitions.resolve_job_def(job_name).execute_in_process(
                partition_key=partition_key, instance=instance, raise_on_error=False, tags=tags
            )
        if timed_out.is_set():
            raise WriterBusyError(
                f"{job_name} waited more than {wait_seconds:.0f} s for the warehouse's writer ({DUCKDB_WRITER_POOL}) "
                "and was stopped: see the lines above for the run that held it."
            )
        results.append(result)
    return results


@contextmanager
def _watching_waits(instance: dg.DagsterInstance, pid: str, timeout_seconds: float, say: Callable[[str], None]) -> Iterator[threading.Event]:
    """While this process's run executes, say when one of its steps waits for the writer because another
    run took it between two steps, and interrupt the run once it has waited `timeout_seconds`."""
    finished, timed_out = threading.Event(), threading.Event()

    def watch() -> None:
        waiting_since = None
        next_report = 0.0
        while not finished.wait(WATCH_SECONDS):
            info = instance.event_log_storage.get_concurrency_info(DUCKDB_WRITER_POOL)
            waiting = {step.run_id for step in info.pending_steps if step.assigned_timestamp is None and _is_ours(instance, step.run_id, pid)}
            others = [slot.run_id for slot in info.claimed_slots if slot.run_id not in waiting and not _is_ours(instance, slot.run_id, pid)]
            if not (waiting and others):
                waiting_since = None
                continue
            now = time.monotonic()
            waiting_since = waiting_since or now
            if now >= next_report:
                holders = [process.described for run_id in others if (process := run_process(instance, run_id))]
                say(f"Waiting for the warehouse's writer ({DUCKDB_WRITER_POOL}), held by {'; '.join(holders)}.")
                next_report = now + REPORT_SECONDS
            if now - waiting_since >= timeout_seconds:
                timed_out.set()
                _thread.interrupt_main()
                return

    watcher = threading.Thread(target=watch, name="writer-wait-watch", daemon=True)
    watcher.start()
    try:
        yield timed_out
    except KeyboardInterrupt:
        if not timed_out.is_set():
            raise
    finally:
        finished.set()
        watcher.join()


def _is_ours(instance: dg.DagsterInstance, run_id: str, pid: str) -> bool:
    run = instance.get_run_by_id(run_id)
    return run is not None and run.tags.get(PID_TAG) == pid


def main() -> int:
    from orchestration.warehouse.summary import main as print_summary

    with dg.DagsterInstance.get() as instance:
        try:
            results = build_everything(instance, settings.raw_dir())
        except WriterBusyError as error:
            print(error, file=sys.stderr)
            return 1
    failed = [result.run_id for result in results if not result.success]
    if failed:
        print(f"{len(failed)} of {len(results)} runs failed: {', '.join(failed)} (see `make dev` or the log above)", file=sys.stderr)
        return 1
    return print_summary()


if __name__ == "__main__":
    sys.exit(main())
