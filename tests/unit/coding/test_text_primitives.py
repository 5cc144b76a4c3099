"""Tokens, the language of a text and patterns with a start test: the primitives every article is read with."""

from __future__ import annotations

import re

import pytest

from orchestration.coding.contacts import cues
from orchestration.coding.language import detect_language, in_non_latin_script
from orchestration.coding.start_test import with_start_test
from orchestration.coding.tokens import tokenize


def test_tokens_carry_offsets_matching_forms_and_possessives() -> None:
    text = "Jordan's capital hosted Türkiye’s minister, Qa'im and al-Sharaa; ʼs stays a word."
    tokens = tokenize(text)
    assert tokens.raws == [
        "Jordan",
        "capital",
        "hosted",
        "Türkiye",
        "minister",
        "Qa'im",
        "and",
        "al",
        "Sharaa",
        "ʼs",
        "stays",
        "a",
        "word",
    ]
    assert tokens.norms[:6] == ["jordan", "capital", "hosted", "turkiye", "minister", "qaim"]
    assert [text[start:end] for start, end in zip(tokens.starts, tokens.ends, strict=True)] == tokens.raws
    assert [index for index, mark in enumerate(tokens.possessive) if mark] == [0, 3]


def test_tokens_of_an_empty_text() -> None:
    tokens = tokenize(" ,. ")
    assert (tokens.raws, tokens.norms, tokens.starts) == ([], [], [])


def test_arabic_tokens_are_folded() -> None:
    tokens = tokenize("وصل الوزيرُ إلى بغداد في ٢٠٢٤")
    assert tokens.norms == ["وصل", "الوزير", "الي", "بغداد", "في", "2024"]


def test_language_by_function_words_and_letters_read_as_ascii_ones() -> None:
    assert detect_language("The minister said that the talks were held in Baghdad.") == "en"
    assert detect_language("THE MINISTER SAID THAT THE TALKS WERE HELD IN BAGHDAD.") == "en"
    # Case-insensitive matching takes "ſ" for "s": "ſaid" counts as "said", as it always did.
    assert detect_language("Minister ſaid it, Baghdad, Damascus, Amman, Beirut, Ankara, Riyadh, Doha, Cairo") == "en"


def test_a_sentence_in_a_script_without_tone() -> None:
    assert in_non_latin_script("وصل وزير الخارجية السوري إلى بغداد")
    assert not in_non_latin_script("“It is a first step,” he said in Baghdad.")
    assert not in_non_latin_script("Il a dit « non » à Bagdad.")


def _without_start_test(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern as written: `with_start_test` puts "(?=...)(?:" before it and ")" after it."""
    if not pattern.pattern.startswith("(?="):
        return pattern
    return re.compile(pattern.pattern.split(")(?:", 1)[1][:-1], pattern.flags)


@pytest.mark.parametrize("name", sorted(name for name, value in vars(cues).items() if isinstance(value, re.Pattern)))
def test_a_start_test_finds_what_the_pattern_finds(name: str) -> None:
    tested = getattr(cues, name)
    plain = _without_start_test(tested)
    texts = [
        "Iraq will not attend the summit in Baghdad next week, the minister said on Monday.",
        "He won’t travel; the talks - which began in Doha - were postponed, and Syria declined the invitation.",
        "WILL ATTEND, ſaid the envoy, who is expected to visit Damascus, after the ouster of Assad.",
        "the upcoming Arab League summit ",
    ]
    for text in texts:
        assert [match.span() for match in tested.finditer(text)] == [match.span() for match in plain.finditer(text)]
        for position in range(len(text)):
            found, expected = tested.match(text, position), plain.match(text, position)
            assert (found and found.span()) == (expected and expected.span())


def test_a_start_test_is_read_off_the_pattern() -> None:
    tested = with_start_test(re.compile(r"\b(?:will|shall)\b|['’]ll\b", re.IGNORECASE))
    assert tested.pattern.startswith("(?=")
    assert tested.search("They'll come").span() == (4, 7)
    assert tested.search("ſhall we").span() == (0, 5)


@pytest.mark.parametrize("pattern", [r"\s*(?:summit|forum)\b", r"(?<=x)y", r".foo", r"(?:a|)b", r"[^a]b", r"^x"])
def test_a_pattern_without_a_known_start_is_kept(pattern: str) -> None:
    compiled = re.compile(pattern)
    assert with_start_test(compiled) is compiled
