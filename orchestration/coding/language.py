"""The language of an article: by script, and among Latin-script texts by function words."""

import re

_FUNCTION_WORDS = {
    "en": ("the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "was", "has", "said"),
    "fr": ("le", "la", "les", "des", "et", "est", "une", "du", "dans", "pour", "qui"),
    "es": ("el", "los", "las", "y", "que", "del", "una", "por", "con", "para"),
    "de": ("der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "ein"),
    "tr": ("ve", "bir", "bu", "ile", "için", "olarak", "da", "de"),
}
_FUNCTION_WORD_SETS = {language: frozenset(words) for language, words in _FUNCTION_WORDS.items()}
# Function words are counted among the lower-case words. Case-insensitive matching also takes
# these letters for ASCII ones ("ſ" for "s"), which lower case does not: a text with one of them
# is read with the patterns instead.
_FUNCTION_PATTERNS = {
    language: re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)
    for language, words in _FUNCTION_WORDS.items()
}
_CASE_FOLDING_ODDITIES = ("\u0130", "\u0131", "\u017f")
_WORD = re.compile(r"\w+")
_LANGUAGE_SAMPLE = 3000
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# The letters of the scripts that `detect_language` tells by script alone (Arabic and Persian,
# Cyrillic, Hebrew, Chinese, Japanese and Korean).
_NON_LATIN_LETTER = re.compile(r"[\u0400-\u04ff\u0590-\u06ff\u3040-\u9fff\uac00-\ud7af]")
NON_LATIN_SCRIPTS = frozenset({"ar", "fa", "ru", "he", "zh"})


def in_non_latin_script(text: str) -> bool:
    """Is `text` in a script `detect_language` tells by script alone? A text without a letter of
    one of them never is, which spares counting most texts."""
    return (
        not text.isascii() and _NON_LATIN_LETTER.search(text) is not None and detect_language(text) in NON_LATIN_SCRIPTS
    )


def _function_word_ratios(sample: str, languages: tuple[str, ...]) -> dict[str, float]:
    """The share of the words of `sample` that are function words of each language."""
    if any(letter in sample for letter in _CASE_FOLDING_ODDITIES):
        words = max(1, len(_WORD.findall(sample)))
        return {language: len(_FUNCTION_PATTERNS[language].findall(sample)) / words for language in languages}
    lowered = _WORD.findall(sample.lower())
    words = max(1, len(lowered))
    return {language: sum(map(_FUNCTION_WORD_SETS[language].__contains__, lowered)) / words for language in languages}


def detect_language(text: str) -> str:
    """ISO 639-1 code by script; among Latin-script texts by function words; 'und' if unclear.

    The first 3,000 characters decide: enough for the script and the function words.
    """
    sample = text[:_LANGUAGE_SAMPLE]
    if not sample.strip():
        return "und"
    if not sample.isascii():
        special = _NON_ASCII.findall(sample)
        counts = {
            "arabic": sum(1 for character in special if "\u0600" <= character <= "\u06ff"),
            "cyrillic": sum(1 for character in special if "\u0400" <= character <= "\u04ff"),
            "hebrew": sum(1 for character in special if "\u0590" <= character <= "\u05ff"),
            "han": sum(
                1 for character in special if "\u3040" <= character <= "\u9fff" or "\uac00" <= character <= "\ud7af"
            ),
        }
        script = max(counts, key=counts.get)
        if counts[script] > (len(sample) - len(special)) // 2:
            if script == "arabic":
                persian = sum(1 for character in special if character in "پچژگکی")
                return "fa" if persian > counts["arabic"] * 0.02 else "ar"
            return {"cyrillic": "ru", "hebrew": "he", "han": "zh"}[script]
    if _function_word_ratios(sample, ("en",))["en"] >= 0.05:
        return "en"
    ratios = _function_word_ratios(sample, tuple(_FUNCTION_WORDS))
    language = max(ratios, key=ratios.get)
    return language if ratios[language] >= 0.05 else "und"
