"""Sentences of a clean article, with character offsets and repeated-block marks.

Source: the `text` of `clean.clean_documents` (paragraphs separated by a blank line).
Grain: one `Sentence` per sentence, numbered from 1 in reading order; `text[char_start:
char_end]` of the article is the sentence.

A sentence ends at ., ! or ? (with any closing quote or bracket) followed by a space and
a capital, digit or opening quote, unless the word before the stop is an abbreviation
("Mr.", "Dec.", "U.S.") or an initial. A bullet ("•") or a paragraph break also ends one.

A paragraph that repeats an earlier one of the same article (or is a cut-off copy of
one), and a sentence that repeats an earlier sentence, are marked repeated: sites print
captions twice and paste blocks again, and a repeat is not a second report.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass

from orchestration.coding.start_test import with_start_test

_STOP = r"[.!?…]+[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9\u0600-\u06ff])"
_ARABIC_STOP = r"[؟!.]\s+(?=[\u0600-\u06ff])"
_BOUNDARY = with_start_test(re.compile(rf"{_STOP}|\s+•\s+|{_ARABIC_STOP}"))
# The same boundaries in a paragraph without a bullet: tried at stops only, not at every space.
_BOUNDARY_WITHOUT_BULLET = with_start_test(re.compile(rf"{_STOP}|{_ARABIC_STOP}"))
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
# Laid out as lines of words, not the formatter's one word a line.
# fmt: off
_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "maj", "cmdr", "adm", "gov", "sen",
    "rep", "rev", "fr", "jr", "sr", "inc", "ltd", "co", "corp", "no", "nos", "vs", "etc", "e.g", "i.e", "a.m",
    "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "u.s", "u.k", "u.n", "u.a.e", "d.c", "al",
    "approx", "est", "dept", "min"
))
# fmt: on
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
_EDGE_PUNCTUATION = " .,;:!?\"'“”‘’()[]…-–—•"
_MIN_REPEAT_CHARS = 25
_MIN_TRUNCATED_COPY_CHARS = 40


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article: its number and span in the text (characters), its paragraph, and
    whether that paragraph repeats an earlier one (a repeated paragraph is not coded again)."""

    sentence_number: int
    char_start: int
    char_end: int
    text: str
    paragraph_number: int
    is_repeated_paragraph: bool


def sentence_key(text: str) -> str:
    """The form two copies of a sentence share: lower case, single spaces, no edge punctuation."""
    return " ".join(text.lower().split()).strip(_EDGE_PUNCTUATION)


def _ends_with_abbreviation(chunk: str) -> bool:
    words = chunk.rstrip('.!?…"”’)] \n').rsplit(None, 1)
    word = words[-1] if words else ""
    word = word.lstrip('("“‘[').lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True
    return word in _ABBREVIATIONS or _INITIALS.fullmatch(word) is not None


def _one_starts_with(sorted_keys: list[str], prefix: str) -> bool:
    """Does one of `sorted_keys` start with `prefix`? Those that do follow each other from where
    `prefix` would be inserted."""
    at = bisect_left(sorted_keys, prefix)
    return at < len(sorted_keys) and sorted_keys[at].startswith(prefix)


def _sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in (_BOUNDARY if "•" in paragraph else _BOUNDARY_WITHOUT_BULLET).finditer(paragraph):
        bullet = match.group().strip() == "•"
        if not bullet and _ends_with_abbreviation(paragraph[start : match.start() + 1]):
            continue
        end = match.start() if bullet else match.start() + len(match.group().rstrip())
        if paragraph[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if paragraph[start:].strip():
        spans.append((start, len(paragraph.rstrip())))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of an article's text, numbered from 1, with offsets into `text`."""
    sentences: list[Sentence] = []
    seen_paragraphs: set[str] = set()
    sorted_paragraphs: list[str] = []
    seen_sentences: set[str] = set()
    paragraph_start = 0
    paragraph_number = 0
    boundaries = [*_PARAGRAPH.finditer(text), None]
    for boundary in boundaries:
        paragraph_end = boundary.start() if boundary else len(text)
        paragraph = text[paragraph_start:paragraph_end]
        if paragraph.strip():
            paragraph_number += 1
            key = sentence_key(paragraph)
            repeated_paragraph = key in seen_paragraphs or (
                len(key) >= _MIN_TRUNCATED_COPY_CHARS and _one_starts_with(sorted_paragraphs, key)
            )
            seen_paragraphs.add(key)
            insort(sorted_paragraphs, key)
            offset = paragraph_start + (len(paragraph) - len(paragraph.lstrip()))
            stripped = paragraph.strip()
            for start, end in _sentence_spans(stripped):
                while start < end and stripped[start].isspace():
                    start += 1
                sentence_text = stripped[start:end]
                # A paragraph of one sentence (most of a news article's) has its key already.
                sentence_key_text = key if sentence_text == stripped else sentence_key(sentence_text)
                repeated = repeated_paragraph or (
                    len(sentence_key_text) >= _MIN_REPEAT_CHARS and sentence_key_text in seen_sentences
                )
                seen_sentences.add(sentence_key_text)
                sentences.append(
                    Sentence(
                        sentence_number=len(sentences) + 1,
                        char_start=offset + start,
                        char_end=offset + end,
                        text=sentence_text,
                        paragraph_number=paragraph_number,
                        is_repeated_paragraph=repeated,
                    )
                )
        paragraph_start = boundary.end() if boundary else len(text)
    return sentences
