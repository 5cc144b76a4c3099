"""Reading ahead hands the loader each batch in order, hands over the reader's errors, and stops
reading when the loader leaves early."""

from __future__ import annotations

import threading
import weakref

import pytest

from orchestration.ingest.landed import UnreadableFileError
from orchestration.loading.read_ahead import read_ahead


def test_read_ahead_keeps_order_and_hands_over_errors() -> None:
    assert list(read_ahead(iter(range(10)), depth=2)) == list(range(10))

    def failing():
        yield 1
        raise UnreadableFileError("not a readable zip file: Bad CRC-32")

    received = []
    with pytest.raises(UnreadableFileError, match="Bad CRC-32"):
        for item in read_ahead(failing()):
            received.append(item)
    assert received == [1]


def test_leaving_a_read_ahead_early_stops_its_producer() -> None:
    produced = []

    def endless():
        number = 0
        while True:
            produced.append(number)
            yield number
            number += 1

    # Other tests' background threads may end meanwhile: look only at the threads this read-ahead started.
    threads_before = set(threading.enumerate())
    for item in read_ahead(endless(), depth=1):
        if item == 3:
            break
    assert [thread for thread in threading.enumerate() if thread not in threads_before] == []
    assert len(produced) <= 6


def test_an_item_handed_over_is_held_by_its_caller_alone() -> None:
    class Batch:
        """Stands for a batch of rows: memory that must go as soon as the caller is done with it."""

    handed_over = []
    for batch in read_ahead(Batch() for _ in range(3)):
        handed_over.append(weakref.ref(batch))
        del batch
        assert handed_over[-1]() is None
    assert len(handed_over) == 3
