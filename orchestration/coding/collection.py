"""The article pipeline's calls run with Python's cyclic garbage collector paused.

Coding a corpus allocates millions of small records (tokens, mentions, reports, rows) that
live until the frames are built and hold no reference cycles. Each generational pass of
the collector walks them all again as the heap grows, for nothing: several per cent of
the pipeline's time, more the larger the corpus. Reference counting still frees
everything as usual; the collector is switched back on (if it was on) when the call
returns or raises.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

_Parameters = ParamSpec("_Parameters")
_Result = TypeVar("_Result")


def without_cycle_collection(function: Callable[_Parameters, _Result]) -> Callable[_Parameters, _Result]:
    """`function`, run with the cyclic collector paused."""

    @functools.wraps(function)
    def paused(*args: _Parameters.args, **kwargs: _Parameters.kwargs) -> _Result:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused
