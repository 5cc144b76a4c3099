"""What `make run` shows on the terminal while it builds: a line per stage as it ends, a bar or a
spinner while long work runs, and nothing of Dagster's and dbt's own lines, which go to a log file.

The stages are read from the runs' event log (the same events the Dagster UI shows), so a stage
line says what the stage recorded: files and rows loaded, articles coded, models built.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Self

import dagster as dg
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from orchestration.cli.summary import counted
from orchestration.loading.tables import ARTICLE_CONTACTS, ARTICLE_TEXTS

POLL_SECONDS = 0.5
ARTICLE_TEXTS_KEY, ARTICLE_CONTACTS_KEY = (table.replace(".", "/") for table in (ARTICLE_TEXTS, ARTICLE_CONTACTS))
_STEP_EVENTS = {
    dg.DagsterEventType.STEP_START,
    dg.DagsterEventType.STEP_SUCCESS,
    dg.DagsterEventType.STEP_FAILURE,
    dg.DagsterEventType.ASSET_MATERIALIZATION,
    dg.DagsterEventType.ASSET_CHECK_EVALUATION,
}


@dataclass
class StepOutcome:
    """What one step of a run recorded: its materialisations' metadata and its checks."""

    step_key: str
    started: float
    materialized: dict[str, dict[str, Any]] = field(default_factory=dict)
    checks_passed: int = 0
    checks_warned: int = 0
    checks_failed: int = 0
    seconds: float = 0.0
    failure: str | None = None


def stage_line(outcome: StepOutcome, label: str | None = None) -> str | None:
    """One line saying what a step did, or None for a step with nothing to say (no file of its source
    landed, no server to publish to, a check-only step that passed)."""
    facts = {name: value for metadata in outcome.materialized.values() for name, value in metadata.items()}
    if outcome.failure is not None:
        return f"{label or outcome.step_key} failed: {outcome.failure}"
    if "files_accepted" in facts:
        retired = f", {facts['files_retired']:,} retired" if facts.get("files_retired") else ""
        return f"Landing folder {facts.get('landing_folder', '')}: {counted(facts['files_accepted'], 'file')} accepted, {facts['files_refused']:,} refused{retired}"
    if "files_seen" in facts:
        if not facts["files_seen"]:
            return None
        table = label or ", ".join(outcome.materialized)
        statuses = [
            f"{facts[name]:,} {name.removeprefix('files_').replace('_', ' ')}"
            for name in sorted(facts)
            if name.startswith("files_") and name != "files_seen" and facts[name]
        ]
        return (
            f"{table}: {counted(facts['files_seen'], 'file')} ({', '.join(statuses)}), {counted(facts['rows_loaded'], 'row')} loaded, "
            f"{facts['rows_quarantined']:,} set aside"
        )
    if ARTICLE_TEXTS_KEY in outcome.materialized:
        coded = outcome.materialized[ARTICLE_TEXTS_KEY]
        contacts = outcome.materialized.get(ARTICLE_CONTACTS_KEY, {})
        left_out = coded.get("articles_quarantined", 0)
        return (
            f"Articles coded: {coded.get('dagster/row_count', 0):,}, contacts found: {contacts.get('dagster/row_count', 0):,} "
            f"({contacts.get('occurred_contacts', 0):,} occurred)" + (f", {left_out:,} left out" if left_out else "")
        )
    if "snapshot" in facts:
        return f"Snapshot for readers published: {facts['snapshot']}"
    if "page" in facts:
        return f"Chart report written: {facts['page']}"
    if "reader_uri_without_password" in facts:
        return f"Marts published to PostgreSQL: {facts['reader_uri_without_password']}"
    checks = ", ".join(
        f"{count:,} {outcome_name}"
        for count, outcome_name in (
            (outcome.checks_passed, "passed"),
            (outcome.checks_warned, "warned"),
            (outcome.checks_failed, "failed"),
        )
        if count
    )
    if not outcome.materialized:
        return f"{label or outcome.step_key}: checks {checks}" if outcome.checks_failed else None
    if len(outcome.materialized) == 1:
        [(asset, metadata)] = outcome.materialized.items()
        rows = metadata.get("dagster/row_count")
        return f"{label or asset}: " + (counted(rows, "row") if rows is not None else "built") + (f"; checks {checks}" if checks else "")
    return f"{label or outcome.step_key}: {len(outcome.materialized):,} tables and views built" + (f"; tests {checks}" if checks else "")


def combined(outcomes: list[StepOutcome], step_key: str) -> StepOutcome:
    """The outcomes of one step over several runs (one per GDELT day) as one: counts summed."""
    merged: dict[str, Any] = {}
    for outcome in outcomes:
        for metadata in outcome.materialized.values():
            for name, value in metadata.items():
                if isinstance(value, int) and not isinstance(value, bool):
                    merged[name] = merged.get(name, 0) + value
    failures = [outcome.failure for outcome in outcomes if outcome.failure]
    return StepOutcome(
        step_key,
        min((outcome.started for outcome in outcomes), default=0.0),
        {step_key: merged} if merged else {},
        sum(outcome.checks_passed for outcome in outcomes),
        sum(outcome.checks_warned for outcome in outcomes),
        sum(outcome.checks_failed for outcome in outcomes),
        sum(outcome.seconds for outcome in outcomes),
        "; ".join(failures) or None,
    )


def _metadata_values(metadata: Mapping[str, Any]) -> dict[str, Any]:
    return {name: getattr(value, "value", value) for name, value in metadata.items()}


class _Amount(ProgressColumn):
    """Bytes as sizes, counts of anything else as `n/total unit`."""

    def __init__(self) -> None:
        super().__init__()
        self._bytes = DownloadColumn()
        self._counts = MofNCompleteColumn()

    def render(self, task: Task) -> Text:
        if task.total is None:
            return Text("")
        if task.fields.get("unit") == "bytes":
            return self._bytes.render(task)
        return Text(f"{self._counts.render(task)} {task.fields.get('unit', '')}")


class TerminalDisplay:
    """Stage lines and bars on the terminal; `progress.shown_by(display)` routes the bars of work
    running inside a step here."""

    def __init__(self, console: Console, *, bars: bool = True) -> None:
        self.console = console
        # Bars only where they redraw in place: in a file or a pipe they would leave blank lines.
        self._bars = bars and console.is_terminal
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            _Amount(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[note]}"),
            console=console,
            transient=True,
            # Dagster's and dbt's lines go to the log file, not above the bars.
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._printed: set[str] = set()

    def __enter__(self) -> Self:
        if self._bars:
            self._progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._bars:
            self._progress.stop()

    def say(self, line: str) -> None:
        self.console.print(line, highlight=False, markup=False, soft_wrap=True)

    def stage(self, line: str | None, seconds: float, step_key: str | None = None) -> None:
        """A stage's line, once per step: a step run again in a later run of the same build (the
        landing audit before and inside the main build) is not repeated."""
        if line is None or (step_key is not None and step_key in self._printed):
            return
        if step_key is not None:
            self._printed.add(step_key)
        self.say(f"  {line}  ({seconds:.1f} s)")

    def start(self, description: str, total: float | None, unit: str) -> int:
        return self._progress.add_task(description, total=total, unit=unit, note="", visible=self._bars)

    def advance(self, task: int, amount: float, note: str | None) -> None:
        if not self._bars:
            return
        if note is None:
            self._progress.advance(task, amount)
        else:
            self._progress.update(task, advance=amount, note=note)

    def finish(self, task: int) -> None:
        self._progress.remove_task(task)


class RunWatcher:
    """Follows one run's events while it executes: a spinner per running step, and each step's
    outcome when it ends (`on_step_end`)."""

    def __init__(
        self, instance: dg.DagsterInstance, run_id: str, display: TerminalDisplay, on_step_end: Callable[[StepOutcome], None]
    ) -> None:
        self._instance = instance
        self._run_id = run_id
        self._display = display
        self._on_step_end = on_step_end
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._follow, name="run-watch", daemon=True)
        self._cursor: str | None = None
        self._steps: dict[str, StepOutcome] = {}
        self._spinners: dict[str, int] = {}

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()
        self._read()
        for step_key in list(self._spinners):
            self._display.finish(self._spinners.pop(step_key))

    def _follow(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            self._read()

    def _read(self) -> None:
        while True:
            page = self._instance.get_records_for_run(self._run_id, cursor=self._cursor, of_type=_STEP_EVENTS, limit=200)
            for record in page.records:
                self._take(record.event_log_entry)
            self._cursor = page.cursor
            if not page.has_more:
                return

    def _take(self, entry: dg.EventLogEntry) -> None:
        event = entry.dagster_event
        if event is None or event.step_key is None:
            return
        step = self._steps.setdefault(event.step_key, StepOutcome(event.step_key, entry.timestamp))
        if event.event_type == dg.DagsterEventType.STEP_START:
            self._spinners[event.step_key] = self._display.start(_step_label(event.step_key), None, "")
        elif event.event_type == dg.DagsterEventType.ASSET_MATERIALIZATION:
            materialization = event.step_materialization_data.materialization
            step.materialized[materialization.asset_key.to_user_string()] = _metadata_values(materialization.metadata)
        elif event.event_type == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            evaluation = event.event_specific_data
            if evaluation.passed:
                step.checks_passed += 1
            elif evaluation.severity == dg.AssetCheckSeverity.WARN:
                step.checks_warned += 1
            else:
                step.checks_failed += 1
        else:
            step.seconds = entry.timestamp - step.started
            if event.event_type == dg.DagsterEventType.STEP_FAILURE:
                step.failure = failure_reason(event.step_failure_data)
            if event.step_key in self._spinners:
                self._display.finish(self._spinners.pop(event.step_key))
            self._on_step_end(step)


def failure_reason(failure: Any) -> str:
    """The first line of what made a step fail. Dagster wraps an exception raised in an asset in
    its own "Error occurred while executing op" error, with the asset's error as its cause; a
    `dg.Failure` carries its description."""
    described = getattr(failure.user_failure_data, "description", None)
    if described:
        return described.strip().splitlines()[0]
    error = failure.error
    while error is not None and error.cause is not None and "Error occurred while executing" in error.message:
        error = error.cause
    if error is None:
        return "see the log"
    message = error.message.strip().splitlines()[0] if error.message.strip() else error.cls_name or "see the log"
    # Dagster prefixes the message with the error's class path (`dagster._core.errors.Failure: …`).
    return message.split(": ", 1)[1] if message.split(": ", 1)[0].count(".") > 1 else message


def _step_label(step_key: str) -> str:
    return step_key.replace("__", "/").replace("_", " ")


@contextmanager
def output_to_log(log_path: Path) -> Iterator[tuple[IO[str], IO[str]]]:
    """Send everything this process and its children write to stdout and stderr (Dagster's log
    lines, dbt's output) to `log_path`; yield the terminal's stdout and stderr for what a person reads."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    with open(log_path, "a", encoding="utf-8") as log:
        saved_out, saved_err = os.dup(1), os.dup(2)
        terminal_out = os.fdopen(os.dup(saved_out), "w", buffering=1, encoding="utf-8", errors="replace")
        terminal_err = os.fdopen(os.dup(saved_err), "w", buffering=1, encoding="utf-8", errors="replace")
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            yield terminal_out, terminal_err
        finally:
            # The terminal must get its streams back even when the log can no longer be written (a full disk).
            with suppress(OSError):
                sys.stdout.flush()
            with suppress(OSError):
                sys.stderr.flush()
            os.dup2(saved_out, 1)
            os.dup2(saved_err, 2)
            os.close(saved_out)
            os.close(saved_err)
            terminal_out.close()
            terminal_err.close()
