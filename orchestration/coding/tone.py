"""Tone of articles and sentences: VADER's compound score and a GDELT-comparable tone.

Source: the lexicon and rules of vaderSentiment 3.3.2 (Hutto & Gilbert 2014; the lexicon
ships with the package). Grain: one `SentenceTone` per sentence; an article's tone is
built from its sentences.

- `vader_compound` of a sentence is exactly VADER's `polarity_scores(text)["compound"]`.
  `VaderScorer` computes it without VADER's per-character emoji pass and its repeated
  lower-casing of the whole sentence for every sentiment word (which make it ten times
  slower); a text with an emoji goes through VADER itself. The article's compound is
  the mean of its sentences' compounds, as VADER's authors advise for texts longer than a
  sentence (one call on a whole article saturates at +/-1).
- `gdelt_tone` = `positive_pct` - `negative_pct`, the percentages of words with a
  positive or negative valence in VADER's lexicon: the formula of GDELT's tone, with VADER's
  lexicon standing in for GDELT's dictionaries. Words are VADER's whitespace tokens.
"""

from __future__ import annotations

import string
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate, chain, compress, repeat

from vaderSentiment import vaderSentiment as vader

_NEGATE = frozenset(vader.NEGATE)
_BOOSTERS = vader.BOOSTER_DICT
_SPECIAL_CASES = vader.SPECIAL_CASES
_IDIOM_WORDS = frozenset(
    word for phrase in (*_SPECIAL_CASES, *_BOOSTERS) if " " in phrase for word in phrase.split(" ")
)
# A phrase of several words is found only where all its words are: its longest word stands for it.
_IDIOM_KEYS = frozenset(max(phrase.split(" "), key=len) for phrase in (*_SPECIAL_CASES, *_BOOSTERS) if " " in phrase)
# The words that change the valence of a word up to three words after them or two before
# (`_valence`): where none is near, a word's valence is its lexicon's.
_MODIFIERS = _NEGATE | _BOOSTERS.keys() | _IDIOM_KEYS | {"no", "never", "without", "so", "this", "least"}


@dataclass(frozen=True, slots=True)
class SentenceTone:
    """The tone of one sentence: its VADER compound score and its counts of words, positive and negative."""

    vader_compound: float
    n_words: int
    n_positive: int
    n_negative: int

    @property
    def positive_pct(self) -> float:
        return 100.0 * self.n_positive / self.n_words if self.n_words else 0.0

    @property
    def negative_pct(self) -> float:
        return 100.0 * self.n_negative / self.n_words if self.n_words else 0.0

    @property
    def gdelt_tone(self) -> float:
        return self.positive_pct - self.negative_pct


@dataclass(frozen=True, slots=True)
class ArticleTone:
    vader_compound: float
    gdelt_tone: float
    positive_pct: float
    negative_pct: float
    n_words: int


def _negated(word: str) -> bool:
    return word in _NEGATE or "n't" in word


class VaderScorer:
    """VADER's compound score, computed the way `SentimentIntensityAnalyzer` does."""

    def __init__(self) -> None:
        self.analyzer = vader.SentimentIntensityAnalyzer()
        self.lexicon: dict[str, float] = self.analyzer.lexicon
        # VADER looks emoji up one character at a time.
        self.emoji = frozenset(key for key in self.analyzer.emojis if len(key) == 1)

    def tone(self, text: str) -> SentenceTone:
        """Compound score and lexicon word counts of one sentence."""
        return self.tones([text])[0]

    def tones(self, texts: list[str]) -> list[SentenceTone]:
        """`tone` of each of `texts` (the sentences of one article): the words of all of them are
        stripped, lower-cased and looked up in the lexicon in one pass."""
        token_lists = [text.split() for text in texts]
        tokens = list(chain.from_iterable(token_lists))
        bounds = [0, *accumulate(map(len, token_lists))]
        # A token keeps its punctuation when stripping it leaves two characters or fewer.
        words = list(map(str.strip, tokens, repeat(string.punctuation)))
        for index in compress(range(len(words)), map((2).__ge__, map(len, words))):
            words[index] = tokens[index]
        # Words hold no space: one lower-casing of them all, split again, is each one's.
        joined_lower = " ".join(words).lower()
        lower = joined_lower.split(" ") if words else []
        lexicon = self.lexicon
        in_lexicon = list(compress(range(len(lower)), map(lexicon.__contains__, lower)))
        any_contraction = "n't" in joined_lower
        scored = []
        taken = 0
        for number, text in enumerate(texts):
            first, stop = bounds[number], bounds[number + 1]
            end = bisect_left(in_lexicon, stop, taken)
            positive = negative = 0
            for index in in_lexicon[taken:end]:
                valence = lexicon[lower[index]]
                if valence > 0:
                    positive += 1
                elif valence < 0:
                    negative += 1
            if not text.isascii() and not self.emoji.isdisjoint(text):
                compound = self.analyzer.polarity_scores(text)["compound"]
            elif end > taken:
                sentence_lower = lower[first:stop]
                contraction = any_contraction and any("n't" in word for word in sentence_lower)
                sentence_in_lexicon = [index - first for index in in_lexicon[taken:end]]
                compound = self._compound(text, words[first:stop], sentence_lower, sentence_in_lexicon, contraction)
            else:
                # No word with a valence: every sentiment is 0, and so is the score.
                compound = 0.0
            taken = end
            scored.append(SentenceTone(compound, stop - first, positive, negative))
        return scored

    def _compound(
        self, text: str, words: list[str], lower: list[str], in_lexicon: list[int], contraction: bool
    ) -> float:
        """VADER's compound score; `in_lexicon` are the positions of the words its lexicon holds,
        `contraction` whether a word holds "n't" (a negation wherever it stands)."""
        count = len(words)
        upper_count = sum(map(str.isupper, words))
        is_cap_diff = 0 < count - upper_count < count
        lexicon = self.lexicon
        sentiments: list[float] = [0] * count
        for index in in_lexicon:
            item_lower = lower[index]
            if item_lower in _BOOSTERS or (index < count - 1 and item_lower == "kind" and lower[index + 1] == "of"):
                continue
            if contraction or not _MODIFIERS.isdisjoint(lower[max(0, index - 3) : index + 3]):
                sentiments[index] = self._valence(words, lower, index, is_cap_diff)
                continue
            # No word near that boosts, negates or makes an idiom: the word's own valence.
            valence = lexicon[item_lower]
            if is_cap_diff and words[index].isupper():
                valence = valence + vader.C_INCR if valence > 0 else valence - vader.C_INCR
            sentiments[index] = valence
        if "but" in lower:
            sentiments = vader.SentimentIntensityAnalyzer._but_check(words, sentiments)
        total = float(sum(sentiments))
        amplifier = min(text.count("!"), 4) * 0.292
        question_marks = text.count("?")
        if question_marks > 1:
            amplifier += question_marks * 0.18 if question_marks <= 3 else 0.96
        if total > 0:
            total += amplifier
        elif total < 0:
            total -= amplifier
        return round(vader.normalize(total), 4)

    def _valence(self, words: list[str], lower: list[str], index: int, is_cap_diff: bool) -> float:
        lexicon = self.lexicon
        item_lower = lower[index]
        count = len(words)
        valence = lexicon[item_lower]
        if item_lower == "no" and index != count - 1 and lower[index + 1] in lexicon:
            valence = 0.0
        if (
            (index > 0 and lower[index - 1] == "no")
            or (index > 1 and lower[index - 2] == "no")
            or (index > 2 and lower[index - 3] == "no" and lower[index - 1] in ("or", "nor"))
        ):
            valence = lexicon[item_lower] * vader.N_SCALAR
        if words[index].isupper() and is_cap_diff:
            valence = valence + vader.C_INCR if valence > 0 else valence - vader.C_INCR
        for start in range(3):
            if index > start and lower[index - (start + 1)] not in lexicon:
                # VADER's scalar is 0.0 for a word that is no booster.
                before = index - (start + 1)
                scalar = (
                    vader.scalar_inc_dec(words[before], valence, is_cap_diff) if lower[before] in _BOOSTERS else 0.0
                )
                if start == 1 and scalar != 0:
                    scalar *= 0.95
                if start == 2 and scalar != 0:
                    scalar *= 0.9
                valence += scalar
                valence = _negation_check(valence, lower, start, index)
                if start == 2:
                    valence = _special_idioms_check(valence, lower, index)
        return _least_check(valence, lower, index, lexicon)

    def article_tone(self, sentence_tones: list[SentenceTone]) -> ArticleTone:
        n_words = sum(tone.n_words for tone in sentence_tones)
        positive = sum(tone.n_positive for tone in sentence_tones)
        negative = sum(tone.n_negative for tone in sentence_tones)
        compound = sum(tone.vader_compound for tone in sentence_tones) / len(sentence_tones) if sentence_tones else 0.0
        positive_pct = 100.0 * positive / n_words if n_words else 0.0
        negative_pct = 100.0 * negative / n_words if n_words else 0.0
        return ArticleTone(round(compound, 4), positive_pct - negative_pct, positive_pct, negative_pct, n_words)


def _negation_check(valence: float, lower: list[str], start: int, index: int) -> float:
    if start == 0:
        if _negated(lower[index - 1]):
            valence *= vader.N_SCALAR
    elif start == 1:
        if lower[index - 2] == "never" and lower[index - 1] in ("so", "this"):
            valence *= 1.25
        elif lower[index - 2] == "without" and lower[index - 1] == "doubt":
            pass
        elif _negated(lower[index - 2]):
            valence *= vader.N_SCALAR
    else:
        if (lower[index - 3] == "never" and lower[index - 2] in ("so", "this")) or lower[index - 1] in ("so", "this"):
            valence *= 1.25
        elif lower[index - 3] == "without" and (lower[index - 2] == "doubt" or lower[index - 1] == "doubt"):
            pass
        elif _negated(lower[index - 3]):
            valence *= vader.N_SCALAR
    return valence


def _special_idioms_check(valence: float, lower: list[str], index: int) -> float:
    # Most words are in no idiom: then none of the phrases below is one.
    if _IDIOM_WORDS.isdisjoint(lower[index - 3 : index + 3]):
        return valence
    one_zero = f"{lower[index - 1]} {lower[index]}"
    two_one_zero = f"{lower[index - 2]} {lower[index - 1]} {lower[index]}"
    two_one = f"{lower[index - 2]} {lower[index - 1]}"
    three_two_one = f"{lower[index - 3]} {lower[index - 2]} {lower[index - 1]}"
    three_two = f"{lower[index - 3]} {lower[index - 2]}"
    for sequence in (one_zero, two_one_zero, two_one, three_two_one, three_two):
        if sequence in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[sequence]
            break
    if len(lower) - 1 > index:
        zero_one = f"{lower[index]} {lower[index + 1]}"
        if zero_one in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[zero_one]
    if len(lower) - 1 > index + 1:
        zero_one_two = f"{lower[index]} {lower[index + 1]} {lower[index + 2]}"
        if zero_one_two in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[zero_one_two]
    for n_gram in (three_two_one, three_two, two_one):
        if n_gram in _BOOSTERS:
            valence += _BOOSTERS[n_gram]
    return valence


def _least_check(valence: float, lower: list[str], index: int, lexicon: dict[str, float]) -> float:
    if index > 1 and lower[index - 1] not in lexicon and lower[index - 1] == "least":
        if lower[index - 2] not in ("at", "very"):
            valence *= vader.N_SCALAR
    elif index > 0 and lower[index - 1] not in lexicon and lower[index - 1] == "least":
        valence *= vader.N_SCALAR
    return valence
