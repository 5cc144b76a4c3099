"""Running a step on a whole corpus without the items it raises on: the culprits are found
by halving, and each failure becomes a reason for the quarantine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


def raised(step: str, error: BaseException) -> str:
    """The quarantine's reason for an error a step raised (at most 1,000 characters)."""
    return f"{step} raised {type(error).__name__}: {error}"[:1000]


def isolated(run: Callable[[list[_Item]], _Result], items: list[_Item]) -> tuple[_Result, dict[int, BaseException]]:
    """`run(items)`, and when it raises, `run` of the items without those it raises on alone (by position).

    The culprits are found by halving: a half that raises is halved again. A failure that
    no single item causes is not the items' and is raised.
    """
    try:
        return run(items), {}
    except Exception:
        culprits: dict[int, BaseException] = {}
        _find_culprits(run, list(enumerate(items)), culprits)
        if not culprits:
            raise
    return run([item for position, item in enumerate(items) if position not in culprits]), culprits


def _find_culprits(
    run: Callable[[list[_Item]], object], indexed: list[tuple[int, _Item]], culprits: dict[int, BaseException]
) -> None:
    if len(indexed) == 1:
        try:
            run([indexed[0][1]])
        except Exception as error:
            culprits[indexed[0][0]] = error
        return
    middle = len(indexed) // 2
    for half in (indexed[:middle], indexed[middle:]):
        try:
            run([item for _, item in half])
        except Exception:
            _find_culprits(run, half, culprits)
