"""The language of an article: by script, and among Latin-script texts by function words."""

import re

_FUNCTION_WORDS = {
    "en": re.compile(r"\b(?:the|and|of|to|in|is|that|for|on|with|was|has|said)\b", re.IGNORECASE),
    "fr": re.compile(r"\b(?:le|la|les|des|et|est|une|du|dans|pour|qui)\b", re.IGNORECASE),
    "es": re.compile(r"\b(?:el|los|las|y|que|del|una|por|con|para)\b", re.IGNORECASE),
    "de": re.compile(r"\b(?:der|die|das|und|ist|nicht|mit|den|dem|ein)\b", re.IGNORECASE),
    "tr": re.compile(r"\b(?:ve|bir|bu|ile|için|olarak|da|de)\b", re.IGNORECASE),
}
_WORD = re.compile(r"\w+")
_LANGUAGE_SAMPLE = 3000
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


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
    words = max(1, len(_WORD.findall(sample)))
    english = len(_FUNCTION_WORDS["en"].findall(sample)) / words
    if english >= 0.05:
        return "en"
    ratios = {language: len(pattern.findall(sample)) / words for language, pattern in _FUNCTION_WORDS.items()}
    language = max(ratios, key=ratios.get)
    return language if ratios[language] >= 0.05 else "und"
