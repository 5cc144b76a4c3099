"""Patterns searched faster: the same pattern behind a look-ahead for the characters a match can
start with.

Python's engine tries every alternative of a pattern at every position of the text. For a
pattern such as `\\b(?:will|shall|would)\\b|\\b(?:expected|scheduled)\\s+to\\b`, most
positions fail on the first character, yet each costs a try of every word. A look-ahead
`(?=\\b[wsdeWSDE])` in front fails those positions in one test; where it holds, the pattern
is tried as before, so the matches are the same.

The look-ahead is read off the pattern as `re` itself parses it (`re._parser`, the parser
behind `re.compile` since Python 3.11): the optional word boundary and the first character
(a literal or a class) of each alternative. A pattern whose start is anything else (an
optional element, a look-around, a dot), or that the parser reads otherwise, is returned
unchanged.
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser

_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


class _Unknown(Exception):
    """The start of the pattern is not one the look-ahead can be read off."""


def _class_character(code: int) -> str:
    character = chr(code)
    return "\\" + character if character in "\\]^-[" else character


def _class_items(items: list) -> str:
    """The inside of a character class, for the items of a parsed class (or one literal)."""
    parts = []
    for op, value in items:
        if op is sre.LITERAL:
            parts.append(_class_character(value))
        elif op is sre.RANGE:
            parts.append(f"{_class_character(value[0])}-{_class_character(value[1])}")
        elif op is sre.CATEGORY and value in _CATEGORIES:
            parts.append(_CATEGORIES[value])
        else:
            raise _Unknown
    return "".join(parts)


def _starts(items: list, flags: int, boundary: bool) -> set[tuple[bool, int, str]]:
    """(word boundary before, case-insensitive, class of first characters) of each way a
    sequence of parsed items can start."""
    for op, value in items:
        if op is sre.AT and value is sre.AT_BOUNDARY:
            boundary = True
            continue
        ignore_case = bool(flags & re.IGNORECASE)
        if op is sre.LITERAL:
            return {(boundary, ignore_case, _class_character(value))}
        if op is sre.IN:
            if value and value[0][0] is sre.NEGATE:
                raise _Unknown
            return {(boundary, ignore_case, _class_items(value))}
        if op is sre.BRANCH:
            return set().union(*(_starts(branch.data, flags, boundary) for branch in value[1]))
        if op is sre.SUBPATTERN:
            _group, add_flags, del_flags, inner = value
            return _starts(inner.data, (flags | add_flags) & ~del_flags, boundary)
        if op is sre.ATOMIC_GROUP:
            return _starts(value.data, flags, boundary)
        if op in _REPEATS and value[0] >= 1:
            return _starts(value[2].data, flags, boundary)
        raise _Unknown
    raise _Unknown


def with_start_test(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` with a look-ahead for the first characters of its matches in front (see module doc)."""
    if pattern.flags & re.VERBOSE:
        return pattern
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        starts = _starts(parsed.data, parsed.state.flags, False)
    except (_Unknown, re.error):
        return pattern
    classes: dict[tuple[bool, bool], list[str]] = {}
    for boundary, ignore_case, characters in sorted(starts):
        classes.setdefault((boundary, ignore_case), []).append(characters)
    tests = [
        "(?" + ("i" if ignore_case else "-i") + ":" + (r"\b" if boundary else "") + "[" + "".join(characters) + "])"
        for (boundary, ignore_case), characters in classes.items()
    ]
    try:
        return re.compile("(?=" + "|".join(tests) + ")(?:" + pattern.pattern + ")", pattern.flags)
    except re.error:
        return pattern
