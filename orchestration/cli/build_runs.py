"""The Dagster runs of one build, as `make run` launches them: the landing audit, one run per
GDELT day to load, then one for the rest (all of it, or the part a plan selects).

Each run is recorded in `DAGSTER_HOME`, as a run launched from the UI would be, tagged with
this process so that a later run can tell if it was killed. Before each, runs killed earlier
release the warehouse's writer; while another live run holds it, this one waits, says for
what, and gives up after `settings.writer_wait_seconds()`. When every run succeeded, the
build is recorded in `audit.builds`, which the next plan reads.
"""

from __future__ import annotations

import _thread
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import dagster as dg
from dagster._core.utils import make_new_run_id

from orchestration import progress, settings
from orchestration.cli.display import TerminalDisplay
from orchestration.cli.plan import BuildPlan, full_plan
from orchestration.cli.run_watcher import RunWatcher
from orchestration.cli.stages import StepOutcome, combined, stage_line
from orchestration.cli.summary import counted
from orchestration.defs.assets.gdelt import GDELT_COMPLETENESS_KEY, GDELT_EVENTS_KEY, landed_gdelt_days
from orchestration.defs.assets.loaders import loader_key
from orchestration.defs.resources import DUCKDB_WRITER_POOL
from orchestration.defs.selection import increment_selection
from orchestration.landing.sources import LANDING_SOURCES
from orchestration.loading.builds import record_build
from orchestration.loading.warehouse import connect
from orchestration.runs import PID_TAG, WriterBusyError, process_tags, run_process, wait_for_writer

WATCH_SECONDS = 2.0
REPORT_SECONDS = 30.0
DAILY_JOB = "load_gdelt_day"
DAILY_ASSET = "/".join(GDELT_EVENTS_KEY)


def _say(line: str) -> None:
    print(line, flush=True)


def build_everything(
    instance: dg.DagsterInstance,
    raw_dir: Path,
    plan: BuildPlan | None = None,
    *,
    say: Callable[[str], None] = _say,
    wait_seconds: float | None = None,
    display: TerminalDisplay | None = None,
) -> list[dg.ExecuteInProcessResult]:
    """The runs of `plan` (default: a full build) against the configured warehouse: the landing audit,
    one run per GDELT day to load, then one for the rest. With a `display`, each stage's line is shown
    as it ends (the GDELT days as one line after the last)."""
    from orchestration.definitions import defs

    plan = plan or full_plan("asked for")
    definitions = defs()
    wait_seconds = settings.writer_wait_seconds() if wait_seconds is None else wait_seconds
    tags = process_tags()
    shown = _stage_printer(display)

    def run(
        job_name: str,
        on_step_end: Callable[[StepOutcome], None],
        partition_key: str | None = None,
        asset_selection: list[dg.AssetKey] | None = None,
    ) -> dg.ExecuteInProcessResult:
        wait_for_writer(instance, DUCKDB_WRITER_POOL, timeout_seconds=wait_seconds, say=say)
        run_id = make_new_run_id()
        watching = RunWatcher(instance, run_id, display, on_step_end) if display else nullcontext()
        with _watching_waits(instance, tags[PID_TAG], wait_seconds, say) as timed_out, watching:
            result = definitions.resolve_job_def(job_name).execute_in_process(
                partition_key=partition_key,
                asset_selection=asset_selection,
                instance=instance,
                raise_on_error=False,
                tags=tags,
                run_id=run_id,
            )
        if timed_out.is_set():
            raise WriterBusyError(
                f"{job_name} waited more than {wait_seconds:.0f} s for the warehouse's writer ({DUCKDB_WRITER_POOL}) "
                "and was stopped: see the lines above for the run that held it."
            )
        return result

    results = [run("audit_landing_folder", shown)]
    days = landed_gdelt_days(raw_dir) if plan.is_full else plan.work.gdelt_days
    if days:
        daily: list[StepOutcome] = []
        with progress.work("GDELT 2.0 events, day by day", len(days), "days") as days_shown:
            for day in days:
                results.append(run(DAILY_JOB, daily.append, partition_key=day))
                days_shown.advance(note=day)
        if display is not None:
            outcome = combined(daily, DAILY_ASSET)
            display.stage(
                stage_line(outcome, f"{_source_labels()[DAILY_ASSET]}, {counted(len(days), 'day')}"), outcome.seconds
            )
    selection = None if plan.is_full else increment_selection(definitions.resolve_asset_graph(), plan.work.sources)
    results.append(run("build_warehouse", shown, asset_selection=selection))
    if all(result.success for result in results):
        with connect(settings.warehouse_path(), wait_seconds=wait_seconds) as connection:
            record_build(connection, results[-1].run_id, plan.scope, plan.fingerprint)
    return results


def _source_labels() -> dict[str, str]:
    """Asset key → what a stage line calls it: each landing source by what lands and in which folder."""
    return {
        "/".join(loader_key(source)): f"{source.description.split(':')[0]} ({source.folder_name})"
        for source in LANDING_SOURCES
    } | {
        "/".join(GDELT_COMPLETENESS_KEY): (f"GDELT completeness ({'.'.join(GDELT_COMPLETENESS_KEY)}, day × file kind)")
    }


def _step_labels() -> dict[str, str]:
    from orchestration.defs.assets.dbt import dbt_seeds, dbt_warehouse

    return {dbt_seeds.op.name: "dbt build (seeds, their tests)", dbt_warehouse.op.name: "dbt build (models, tests)"}


def _stage_printer(display: TerminalDisplay | None) -> Callable[[StepOutcome], None]:
    labels, step_labels = _source_labels(), _step_labels()

    def show(outcome: StepOutcome) -> None:
        if display is not None:
            label = step_labels.get(outcome.step_key) or next(
                (labels[key] for key in outcome.materialized if key in labels), None
            )
            display.stage(stage_line(outcome, label), outcome.seconds, outcome.step_key)

    return show


@contextmanager
def _watching_waits(
    instance: dg.DagsterInstance, pid: str, timeout_seconds: float, say: Callable[[str], None]
) -> Iterator[threading.Event]:
    """While this process's run executes, say when one of its steps waits for the writer because another
    run took it between two steps, and interrupt the run once it has waited `timeout_seconds`."""
    finished, timed_out = threading.Event(), threading.Event()

    def watch() -> None:
        waiting_since = None
        next_report = 0.0
        while not finished.wait(WATCH_SECONDS):
            info = instance.event_log_storage.get_concurrency_info(DUCKDB_WRITER_POOL)
            waiting = {
                step.run_id
                for step in info.pending_steps
                if step.assigned_timestamp is None and _is_ours(instance, step.run_id, pid)
            }
            others = [
                slot.run_id
                for slot in info.claimed_slots
                if slot.run_id not in waiting and not _is_ours(instance, slot.run_id, pid)
            ]
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
