"""The main job of `make run` (and, with `--full`, of `make rebuild`): look at what landed, build
what it asks for, then say what was built and where to look.

The plan (`cli.plan`) comes first and loads nothing heavy: when nothing landed, changed or left
since the last finished build, and the code and settings are those it was built with, the
build says so in one line and starts no run. Otherwise the terminal gets a line per stage and
bars while long work runs; Dagster's and dbt's own lines go to a log file beside the warehouse
(`--verbose` prints them too).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from contextlib import nullcontext
from pathlib import Path

from rich.console import Console

from orchestration import progress, settings
from orchestration.cli.display import TerminalDisplay, output_to_log
from orchestration.cli.plan import NOTHING_SCOPE, BuildPlan, plan_build
from orchestration.loading.warehouse import WarehouseLockedError

KEPT_LOGS = 20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the warehouse from the landing folder.")
    parser.add_argument("--verbose", action="store_true", help="print Dagster's and dbt's own lines too")
    parser.add_argument(
        "--full", action="store_true", help="build everything, whatever changed (the daily schedule does)"
    )
    arguments = parser.parse_args(argv)
    started = time.monotonic()
    warehouse, raw_dir = settings.warehouse_path(), settings.raw_dir()
    try:
        plan = plan_build(warehouse, raw_dir, full=arguments.full)
    except WarehouseLockedError as error:
        print(error, file=sys.stderr, flush=True)
        return 1
    if plan.scope == NOTHING_SCOPE:
        print(plan.line(warehouse, raw_dir), flush=True)
        return 0
    return _build(plan, started, verbose=arguments.verbose)


def _build(plan: BuildPlan, started: float, *, verbose: bool) -> int:
    # Imported here: the Dagster definitions take seconds to load, which a build with nothing to do never pays.
    import dagster as dg

    from orchestration.cli.build_runs import build_everything
    from orchestration.cli.summary import closing_summary
    from orchestration.runs import WriterBusyError

    log_path = _new_log_path()
    if not verbose:
        # The log is read in an editor or with grep: dbt's colour codes would only be noise there.
        os.environ["DBT_USE_COLORS"] = "false"
    streams = nullcontext((sys.stdout, sys.stderr)) if verbose else output_to_log(log_path)
    with streams as (terminal, terminal_errors):
        console = Console(file=terminal, highlight=False)
        display = TerminalDisplay(console, bars=not verbose)
        display.say(f"Building {settings.warehouse_path()} from the landing folder {settings.raw_dir()}")
        display.say(plan.line(settings.warehouse_path(), settings.raw_dir()))
        if not verbose:
            display.say(f"Dagster's and dbt's own lines: {log_path}")
        with dg.DagsterInstance.get() as instance, display, progress.shown_by(display):
            try:
                results = build_everything(instance, settings.raw_dir(), plan, say=display.say, display=display)
            except WriterBusyError as error:
                print(error, file=terminal_errors, flush=True)
                return 1
        failed = [result for result in results if not result.success]
        if failed:
            print(
                f"{len(failed)} of {len(results)} runs failed: {', '.join(result.run_id for result in failed)}. "
                f"The stage lines above say which step; the whole story is in {log_path} and in `make dev` (Runs).",
                file=terminal_errors,
                flush=True,
            )
            return 1
        display.say(closing_summary(time.monotonic() - started, [result.run_id for result in results], log_path))
    return 0


def _new_log_path() -> Path:
    """A new log file beside the warehouse; the oldest beyond `KEPT_LOGS` are removed."""
    folder = settings.build_logs_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for old in sorted(folder.glob("build-*.log"))[: -KEPT_LOGS + 1]:
        old.unlink(missing_ok=True)
    return folder / f"build-{dt.datetime.now(dt.UTC):%Y%m%d-%H%M%S}.log"


if __name__ == "__main__":
    sys.exit(main())
