"""Reading ahead: the next batch of a landed file is read in a background thread while the loader
writes the current one."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

_Item = TypeVar("_Item")
_END = object()


def read_ahead(items: Iterator[_Item], depth: int = 1) -> Iterator[_Item]:
    """`items`, each produced in a background thread while the caller works on an earlier one.

    Reading the next batch (Polars, releasing the GIL) then overlaps with what the caller
    does with the current one (a DuckDB insert, also releasing it). At most `depth`
    items are made ahead of the one the caller holds, which bounds memory to
    `depth + 1` batches. An error in the producer is raised in the caller; leaving the
    loop early stops the producer.
    """
    handoff: queue.SimpleQueue[object] = queue.SimpleQueue()
    ahead = threading.Semaphore(depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            while _wait_for(ahead, stop):
                try:
                    handoff.put(next(items))
                except StopIteration:
                    handoff.put(_END)
                    return
        except BaseException as error:  # handed to the consumer, which raises it
            handoff.put(error)

    producer = threading.Thread(target=produce, name="read-ahead", daemon=True)
    producer.start()
    try:
        while True:
            handed = [handoff.get()]
            if handed[0] is _END:
                return
            if isinstance(handed[0], BaseException):
                raise handed[0]
            ahead.release()
            # Popped as it is handed over: no frame here holds a batch its caller is done with.
            yield handed.pop()  # type: ignore[misc]
    finally:
        stop.set()
        producer.join()
        # Closing the source now releases what it holds open (the landed file) at once.
        close = getattr(items, "close", None)
        if close is not None:
            close()


def _wait_for(ahead: threading.Semaphore, stop: threading.Event) -> bool:
    """Take a place ahead of the consumer; False once the consumer has left."""
    while not stop.is_set():
        if ahead.acquire(timeout=0.1):
            return not stop.is_set()
    return False
