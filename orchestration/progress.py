"""How far long work inside a run has come, for whoever shows it.

The loaders and the article coder say how much work there is and how much is done; `make run`
draws it as a bar on the terminal (`orchestration/cli/build.py` installs `cli/display.py`'s display).
Without a display (runs launched from the Dagster UI, tests) the calls cost next to nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Display(Protocol):
    def start(self, description: str, total: float | None, unit: str) -> int: ...

    def advance(self, task: int, amount: float, note: str | None) -> None: ...

    def finish(self, task: int) -> None: ...


class Work:
    """One piece of work being shown: `advance` by what was done, with an optional note (rows so far)."""

    def __init__(self, display: Display | None, task: int) -> None:
        self._display = display
        self._task = task

    def advance(self, amount: float = 1, note: str | None = None) -> None:
        if self._display is not None:
            self._display.advance(self._task, amount, note)


_display: Display | None = None


@contextmanager
def shown_by(display: Display) -> Iterator[None]:
    """Show every piece of work started in this process on `display` until the block ends."""
    global _display
    previous, _display = _display, display
    try:
        yield
    finally:
        _display = previous


@contextmanager
def work(description: str, total: float | None, unit: str = "") -> Iterator[Work]:
    """A piece of work of `total` units (`unit` "bytes" is shown as sizes; None: of unknown size)."""
    display = _display
    if display is None:
        yield Work(None, 0)
        return
    task = display.start(description, total, unit)
    try:
        yield Work(display, task)
    finally:
        display.finish(task)
