"""Words of an article with their character offsets, in the form names are matched on.

Grain: one token per run of word characters (an apostrophe inside a word keeps it whole:
"Qa'im", "Hay'at"). Hyphens and spaces split tokens, so "al-Sharaa", "Al -Sharaa" and
"Al Sharaa" all become the tokens `al`, `sharaa`. A trailing "'s" is taken off and marked
as a possessive ("Jordan's capital" is `jordan` + `capital`).

The matching form of a token is lower case, without apostrophes, without Latin
diacritics ("Türkiye" is `turkiye`, "Yılmaz" is `yilmaz`) and with Arabic letter variants
folded (أ إ آ to ا, ة to ه, ى to ي, no tatweel, no short vowels, Arabic-Indic digits as ASCII).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from itertools import accumulate

# Arabic short vowels are combining marks, not word characters: they stay inside their word.
# Nothing follows a token in the pattern, so it never gives characters back: possessive
# quantifiers say so and spare the engine its bookkeeping.
TOKEN_RE = re.compile(r"[\w\u064b-\u0652\u0670]++(?:['’ʼ`][\w\u064b-\u0652\u0670]++)*+")

# Inside one name, words may be joined by spaces, hyphens, dots ("U.S."), apostrophes
# ("Shia' al-Sudani") and nothing else: a comma or a line break ends the name.
_JOINING_CHARACTERS = frozenset(" -‐‑‒–—.\u00a0'’ʼ`")

_APOSTROPHES = "'’ʼ`"
_TOKEN_AND_GAPS = re.compile(f"({TOKEN_RE.pattern})")
_POSSESSIVE_ENDING = re.compile(r"['’ʼ`][sS](?=\0|\Z)")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _folding_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(mark): None for mark in _APOSTROPHES}
    for code in range(0x00C0, 0x0250):
        character = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))
        if base and base != character and base.isascii():
            table[code] = base.lower()
    table.update({ord("ı"): "i", ord("İ"): "i", ord("ß"): "ss", ord("æ"): "ae", ord("ø"): "o", ord("đ"): "d"})
    table.update(
        {ord("أ"): "ا", ord("إ"): "ا", ord("آ"): "ا", ord("ٱ"): "ا", ord("ة"): "ه", ord("ى"): "ي", ord("ـ"): None}
    )
    # Short vowels and tanween are seldom written; when they are ("اتصالاً"), they must not
    # keep a word from its table entry.
    table.update(dict.fromkeys((*range(0x064B, 0x0653), 0x0670)))
    table.update({ord(digit): str(value) for value, digit in enumerate("٠١٢٣٤٥٦٧٨٩")})
    table.update({ord(digit): str(value) for value, digit in enumerate("۰۱۲۳۴۵۶۷۸۹")})
    return table


_FOLD = _folding_table()


_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")


def has_arabic(text: str) -> bool:
    """Does `text` hold a letter of the Arabic script (an ASCII text never does)?"""
    return not text.isascii() and _ARABIC_LETTER.search(text) is not None


def fold(word: str) -> str:
    """The matching form of one word or phrase (lower case, folded, no apostrophes)."""
    return word.lower().translate(_FOLD)


@dataclass(frozen=True, slots=True)
class Tokens:
    """The tokens of one text as parallel lists (cheaper than one object per word)."""

    text: str
    starts: list[int]
    ends: list[int]
    raws: list[str]
    norms: list[str]
    possessive: list[bool]

    def __len__(self) -> int:
        return len(self.starts)

    def index_at_or_after(self, offset: int) -> int:
        """The first token that starts at or after `offset`."""
        return bisect.bisect_left(self.starts, offset)

    def joined_to_previous(self, index: int) -> bool:
        """Do only spaces, hyphens, apostrophes or an initial's full stop separate token
        `index` from the one before ("al-Sharaa", "Al -Shara", "U.S.")? A comma or a line
        break ends a name."""
        if index == 0:
            return False
        gap = self.text[self.ends[index - 1] + (2 if self.possessive[index - 1] else 0) : self.starts[index]]
        if gap == " " or gap == "-":
            return True
        if len(gap) > 3 or not all(character in _JOINING_CHARACTERS for character in gap):
            return False
        # A full stop joins initials ("U.S.", "J.D. Vance"), never two sentences.
        return "." not in gap or len(self.raws[index - 1]) == 1


def tokenize(text: str) -> Tokens:
    """Split `text` into tokens with offsets, matching forms and possessive marks."""
    # One pass of the pattern gives the pieces gap, token, gap, ..., token, gap: their lengths
    # added up are where each token starts and ends.
    pieces = _TOKEN_AND_GAPS.split(text)
    raws = pieces[1::2]
    offsets = list(accumulate(map(len, pieces)))
    starts = offsets[0:-1:2]
    ends = offsets[1::2]
    possessive = [False] * len(raws)
    # Lower case and folding are done once over all tokens, joined by a character no token holds.
    joined = "\0".join(raws)
    # "'s" ends a possessive token of three letters or more ("ʼ" is a letter: "ʼs" alone is a word).
    endings = [
        ending.start()
        for ending in _POSSESSIVE_ENDING.finditer(joined)
        if ending.start() > 0 and joined[ending.start() - 1] != "\0"
    ]
    if endings:
        index = counted_to = 0
        for at in endings:
            index += joined.count("\0", counted_to, at)
            counted_to = at
            raws[index] = raws[index][:-2]
            ends[index] -= 2
            possessive[index] = True
        joined = "\0".join(raws)
    # Apostrophes go first: what is left outside ASCII is seldom more than a few names.
    joined = joined.lower()
    for apostrophe in _APOSTROPHES:
        joined = joined.replace(apostrophe, "")
    if not joined.isascii():
        joined = _NON_ASCII_RUN.sub(_folded_run, joined)
    norms = joined.split("\0") if raws else []
    return Tokens(text, starts, ends, raws, norms, possessive)


def _folded_run(run: re.Match[str]) -> str:
    return run.group().translate(_FOLD)
