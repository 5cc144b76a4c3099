"""Follows a Dagster run while it executes: reads the run's step events from the instance's
event log (the same events the Dagster UI shows), keeps a spinner per running step on the
terminal, and hands each step's `StepOutcome` on when the step ends.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any, Self

import dagster as dg

from orchestration.cli.display import TerminalDisplay
from orchestration.cli.stages import StepOutcome, failure_reason

POLL_SECONDS = 0.5
_STEP_EVENTS = {
    dg.DagsterEventType.STEP_START,
    dg.DagsterEventType.STEP_SUCCESS,
    dg.DagsterEventType.STEP_FAILURE,
    dg.DagsterEventType.ASSET_MATERIALIZATION,
    dg.DagsterEventType.ASSET_CHECK_EVALUATION,
}


class RunWatcher:
    """Follows one run's events while it executes: a spinner per running step, and each step's
    outcome when it ends (`on_step_end`)."""

    def __init__(
        self,
        instance: dg.DagsterInstance,
        run_id: str,
        display: TerminalDisplay,
        on_step_end: Callable[[StepOutcome], None],
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
            page = self._instance.get_records_for_run(
                self._run_id, cursor=self._cursor, of_type=_STEP_EVENTS, limit=200
            )
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


def _metadata_values(metadata: Mapping[str, Any]) -> dict[str, Any]:
    return {name: getattr(value, "value", value) for name, value in metadata.items()}


def _step_label(step_key: str) -> str:
    return step_key.replace("__", "/").replace("_", " ")
