"""The contact cues of Arabic text, found on tokens: each word is read with its clitics off
(the conjunction, the preposition and the article before it, the future prefix of a verb,
a possessive pronoun after a noun) and looked up in the table of `cues_arabic.py`.

Grain: one `Trigger` per cue, of the family "ar_" + the cue's family, so that the Arabic
handlers of `contacts/arabic.py` code it; `read_cue` gives back what the word said.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from orchestration.coding.cues_arabic import (
    CUES,
    CUES_ONLY_AFTER,
    FUTURE_PREFIX,
    IMPERFECT_PREFIXES,
    JUSSIVE,
    PROCLITICS,
    PRONOUN_SUFFIXES,
    VERB_PROCLITICS,
    ArabicCue,
)
from orchestration.coding.tokens import Tokens, tokenize
from orchestration.coding.triggers import Trigger

_MIN_STEM = 2


def _by_first_word(cues: dict[tuple[str, ...], ArabicCue]) -> dict[str, list[tuple[tuple[str, ...], ArabicCue]]]:
    """The phrases of the cue table by their first word, the longest first ("اتصالا هاتفيا" before "اتصالا")."""
    table: dict[str, list[tuple[tuple[str, ...], ArabicCue]]] = {}
    for phrase, cue in sorted(cues.items(), key=lambda item: -len(item[0])):
        table.setdefault(phrase[0], []).append((phrase, cue))
    return table


_PHRASES_BY_FIRST_WORD = _by_first_word(CUES)
_TA_MARBUTA_FOLDED = "ه"


@dataclass(frozen=True, slots=True)
class CueReading:
    cue: ArabicCue
    length: int  # tokens
    future: bool  # "سيزور"
    owned: bool  # a pronoun suffix names its owner ("زيارته")


def _without_proclitics(word: str) -> Iterator[tuple[str, str]]:
    """(proclitics, the rest) for the word as written and for every prefix it may carry."""
    yield "", word
    for prefix in PROCLITICS:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM:
            yield prefix, word[len(prefix) :]


def _stems(word: str) -> Iterator[tuple[str, str, bool, bool]]:
    """(proclitics, stem, future, owned) for every reading of one folded word."""
    for prefix, bare in _without_proclitics(word):
        yield prefix, bare, False, False
        if bare in JUSSIVE:
            yield prefix, JUSSIVE[bare], False, False
        if bare.startswith(FUTURE_PREFIX) and bare[1:2] in IMPERFECT_PREFIXES:
            yield prefix, bare[1:], True, False
        for suffix in PRONOUN_SUFFIXES:
            stem = bare.removesuffix(suffix)
            if stem != bare and len(stem) > _MIN_STEM:
                yield prefix, (stem[:-1] + _TA_MARBUTA_FOLDED if stem.endswith("ت") else stem), False, True
                yield prefix, stem, False, True


def stems_of(word: str) -> frozenset[str]:
    """Every reading of one folded word with its clitics off ("وتطلعه": تطلعه, تطلع ...)."""
    return frozenset(stem for _, stem, _, _ in _stems(word))


def _bare(word: str) -> str:
    return next(stem for _, stem in _without_proclitics(word) if len(stem) >= _MIN_STEM)


def read_cue(norms: Sequence[str], at: int, stop: int) -> CueReading | None:
    """The cue that starts at token `at` (tokens up to `stop`), if any."""
    for prefix, stem, future, owned in _stems(norms[at]):
        for phrase, cue in _PHRASES_BY_FIRST_WORD.get(stem, ()):
            end = at + len(phrase)
            if end > stop or (cue.is_verb and (prefix not in VERB_PROCLITICS or owned)):
                continue
            if any(
                norms[index] != word and _bare(norms[index]) != word
                for index, word in zip(range(at + 1, end), phrase[1:], strict=False)
            ):
                continue
            required = CUES_ONLY_AFTER.get(phrase)
            if required is not None and (at == 0 or _bare(norms[at - 1]) not in required):
                continue
            return CueReading(cue, len(phrase), future, owned)
    return None


def read_trigger(sentence_text: str, trigger: Trigger) -> CueReading | None:
    """What the words of an Arabic trigger of a sentence say (family, verb or noun, future, owner)."""
    tokens = tokenize(sentence_text)
    return read_cue(tokens.norms, tokens.index_at_or_after(trigger.start), len(tokens))


def find_arabic_triggers(text: str, tokens: Tokens, first_token: int, last_token: int, offset: int) -> list[Trigger]:
    """The Arabic cues among tokens [first_token, last_token), with offsets relative to `offset`."""
    norms = tokens.norms
    found: list[Trigger] = []
    position = first_token
    while position < last_token:
        reading = read_cue(norms, position, last_token) if not norms[position].isascii() else None
        if reading is None:
            position += 1
            continue
        end = position + reading.length
        start_char, end_char = tokens.starts[position], tokens.ends[end - 1]
        found.append(
            Trigger(f"ar_{reading.cue.family}", start_char - offset, end_char - offset, text[start_char:end_char])
        )
        position = end
    return found
