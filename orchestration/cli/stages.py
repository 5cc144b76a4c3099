"""What one step of a build recorded (its materialisations' metadata and its checks), and the
line `make run` shows for it when it ends.

Pure: step outcomes in, text out; `run_watcher.py` gathers the outcomes from the runs' event log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from orchestration.cli.summary import counted
from orchestration.loading.tables import ARTICLE_CONTACTS, ARTICLE_TEXTS

ARTICLE_TEXTS_KEY, ARTICLE_CONTACTS_KEY = (table.replace(".", "/") for table in (ARTICLE_TEXTS, ARTICLE_CONTACTS))


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
        held = coded.get("dagster/row_count", 0)
        this_run = coded.get("articles_coded_this_run", held)
        articles = f"{this_run:,} new or changed of {held:,}" if this_run != held else f"{held:,}"
        return (
            f"Articles coded: {articles}, contacts found: {contacts.get('dagster/row_count', 0):,} "
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
        return (
            f"{label or asset}: "
            + (counted(rows, "row") if rows is not None else "built")
            + (f"; checks {checks}" if checks else "")
        )
    return f"{label or outcome.step_key}: {len(outcome.materialized):,} tables and views built" + (
        f"; tests {checks}" if checks else ""
    )


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
