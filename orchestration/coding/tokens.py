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

# Arabic short vowels are combining marks, not word characters: they stay inside their word.
TOKEN_RE = re.compile(r"[\w\u064b-\u0652\u0670]+(?:['’ʼ`][\w\u064b-\u0652\u0670]+)*")

# Inside one name, words may be joined by spaces, hyphens, dots ("U.S."), apostrophes
# ("Shia' al-Sudani") and nothing else: a comma or a line break ends the name.
_JOINING_CHARACTERS = frozenset(" -‐‑‒–—.\u00a0'’ʼ`")

_APOSTROPHES = "'’ʼ`"


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
    starts: list[int] = []
    ends: list[int] = []
    raws: list[str] = []
    norms: list[str] = []
    possessive: list[bool] = []
    fold_table = _FOLD
    for match in TOKEN_RE.finditer(text):
        raw = match.group()
        start, end = match.span()
        is_possessive = len(raw) > 2 and raw[-1] in "sS" and raw[-2] in _APOSTROPHES
        if is_possessive:
            raw = raw[:-2]
            end -= 2
        starts.append(start)
        ends.append(end)
        raws.append(raw)
        if raw.isascii():
            norm = raw.lower()
            if "'" in norm or "`" in norm:
                norm = norm.replace("'", "").replace("`", "")
        else:
            norm = raw.lower().translate(fold_table)
        norms.append(norm)
        possessive.append(is_possessive)
    return Tokens(text, starts, ends, raws, norms, possessive)
