"""What `make run` shows on the terminal while it builds: a line per stage as it ends, a bar or a
spinner while long work runs, and nothing of Dagster's and dbt's own lines, which go to a log file.

The stage lines come from `stages.py`, the spinners and step outcomes from `run_watcher.py`,
which follows the runs' event log.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Self

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
