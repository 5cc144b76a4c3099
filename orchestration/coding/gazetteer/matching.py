"""Where the gazetteer's names are in one text: the longest known name at each word, left to
right, on the matching forms of the tokens.

Source: one text's tokens and the compiled gazetteer. Grain: one `NameMatch` per name found,
with every entry its words may stand for; `interpretation.py` decides which one they do.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress

from orchestration.coding.gazetteer.model import Entry, Gazetteer
from orchestration.coding.tokens import Tokens

_ARABIC_PROCLITICS = ("و", "ف", "ب", "ل", "ك")


@dataclass(slots=True)
class NameMatch:
    first: int
    last: int  # exclusive token index
    entries: tuple[Entry, ...]


def _without_proclitics(norms: list[str], first_tokens: frozenset[str]) -> list[str]:
    """Arabic clitics attach to the word ("وبغداد", "and Baghdad"): a word that is no name's
    first word but is one without its clitic is read without it."""
    return [
        word[1:] if word not in first_tokens and word[:1] in _ARABIC_PROCLITICS and word[1:] in first_tokens else word
        for word in norms
    ]


def name_matches(tokens: Tokens, gazetteer: Gazetteer, has_arabic: bool) -> list[NameMatch]:
    """Longest known name at each word, left to right (names never overlap)."""
    first_tokens = gazetteer.first_tokens
    norms = _without_proclitics(tokens.norms, first_tokens) if has_arabic else tokens.norms
    index = gazetteer.index
    long_key_lengths = gazetteer.long_key_lengths
    raws = tokens.raws
    joined_to_previous = tokens.joined_to_previous
    matches: list[NameMatch] = []
    count = len(norms)
    covered = 0
    for position in compress(range(count), map(first_tokens.__contains__, norms)):
        if position < covered:
            continue
        # Names of several words are looked up only when the next word can continue one.
        lengths = long_key_lengths.get((norms[position], norms[position + 1]), ()) if position + 1 < count else ()
        for length in (*lengths, 1):
            end = position + length
            if end > count:
                continue
            entries = index.get(tuple(norms[position:end]) if length > 1 else (norms[position],))
            # The words of a name are joined by spaces, hyphens and the like only (see
            # `Tokens.joined_to_previous`), checked once the words are known to be a name.
            if not entries or not all(map(joined_to_previous, range(position + 1, end))):
                continue
            if len(entries) == 1 and entries[0].surface is None:
                usable = entries
            else:
                surface = tuple(raws[position:end])
                usable = tuple(entry for entry in entries if entry.surface is None or entry.surface == surface)
            if usable:
                matches.append(NameMatch(position, end, usable))
                covered = end
                break
    return matches
