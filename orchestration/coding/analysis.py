"""What one article text yields: its sentences, gazetteer mentions, contact reports and tone
rows, computed once per distinct (text, publication date) of the corpus.

Source: the clean articles. Grain: one `ArticleAnalysis` per distinct text and date,
before it is stamped with the ids of the articles that have it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from dataclasses import dataclass
from itertools import combinations

from orchestration import progress
from orchestration.coding.contacts import ContactReport, code_article
from orchestration.coding.gazetteer import Gazetteer, find_mentions
from orchestration.coding.isolation import raised
from orchestration.coding.language import in_non_latin_script
from orchestration.coding.sentences import Sentence, split_sentences
from orchestration.coding.tokens import tokenize
from orchestration.coding.tone import VaderScorer

# VADER's lexicon is English: an article in another language, or a sentence of an English
# article in another script (a quotation in Arabic), has no tone rather than a neutral one.
TONE_LANGUAGES = frozenset({"en"})


@functools.cache
def _scorer() -> VaderScorer:
    return VaderScorer()


def _sentence_of(starts: list[int], offset: int) -> int:
    """1-based number of the sentence that holds character `offset`."""
    return max(1, bisect.bisect_right(starts, offset))


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """What one article text yields, before it is stamped with an article id."""

    sentences: list[Sentence]
    reports: list[ContactReport]
    sentence_rows: list[tuple]
    mention_rows: list[tuple]
    sentence_tone_rows: list[tuple]
    tone_row: tuple


def analyse_all(
    rows: list[dict], gazetteer: Gazetteer, watched: frozenset[str], failures: dict[str, str]
) -> tuple[list[ArticleAnalysis], dict[str, int]]:
    """The analysis of every distinct (text, publication date), and each article's analysis.

    Copies with the same text and date (syndication, reposts) are analysed once.
    """
    scorer = _scorer()
    analysed: list[ArticleAnalysis] = []
    number_of: dict[tuple[str, dt.date | None], int] = {}
    analysis_of: dict[str, int] = {}
    with progress.work("Coding articles", len(rows), "articles") as shown:
        for row in rows:
            shown.advance()
            key = (row["text"], row["published_date"])
            if key not in number_of:
                try:
                    analysis = analyse_text(
                        row["text"], row["published_date"], row["language"], gazetteer, scorer, watched
                    )
                except Exception as error:
                    failures[row["article_id"]] = raised("coding", error)
                    continue
                number_of[key] = len(analysed)
                analysed.append(analysis)
            analysis_of[row["article_id"]] = number_of[key]
    return analysed, analysis_of


def analyse_text(
    text: str,
    published: dt.date | None,
    language: str,
    gazetteer: Gazetteer,
    scorer: VaderScorer,
    watched: frozenset[str],
) -> ArticleAnalysis:
    """The sentences, mentions, reports and tone rows of one text published on `published`."""
    sentences = split_sentences(text)
    tokens = tokenize(text)
    mentions = find_mentions(text, tokens, gazetteer, published)
    reports = code_article("", text, tokens, sentences, mentions, published, gazetteer)
    starts = [sentence.char_start for sentence in sentences]
    sentence_rows = [
        (
            sentence.sentence_number,
            sentence.paragraph_number,
            sentence.char_start,
            sentence.char_end,
            sentence.text,
            sentence.is_repeated_paragraph,
        )
        for sentence in sentences
    ]
    mention_rows: list[tuple] = []
    countries_by_sentence: dict[int, set[str]] = {}
    for mention in mentions:
        number = _sentence_of(starts, mention.start)
        countries_by_sentence.setdefault(number, set()).update(mention.countries)
        kind = "place" if mention.kind == "place" else ("demonym" if mention.is_demonym else mention.kind)
        for country in mention.countries or (None,):
            mention_rows.append(
                (
                    number,
                    mention.start,
                    mention.end,
                    mention.text,
                    mention.actor_id,
                    kind,
                    country,
                    mention.role,
                    mention.role_level,
                    mention.city,
                )
            )
    sentence_tone_rows: list[tuple] = []
    if language not in TONE_LANGUAGES:
        return ArticleAnalysis(
            sentences,
            reports,
            sentence_rows,
            mention_rows,
            sentence_tone_rows,
            (None, None, None, None, len(text.split()), f"no tone lexicon for the article's language ({language})"),
        )
    scored = [
        sentence
        for sentence in sentences
        if not sentence.is_repeated_paragraph and not in_non_latin_script(sentence.text)
    ]
    tones = scorer.tones([sentence.text for sentence in scored])
    for sentence, tone in zip(scored, tones, strict=True):
        named = sorted(countries_by_sentence.get(sentence.sentence_number, set()) & watched)
        for country_a, country_b in combinations(named, 2):
            sentence_tone_rows.append(
                (sentence.sentence_number, country_a, country_b, tone.vader_compound, tone.gdelt_tone)
            )
    if not tones:
        tone_row = (None, None, None, None, len(text.split()), "no sentence in a language with a tone lexicon")
    else:
        article_tone = scorer.article_tone(tones)
        tone_row = (
            article_tone.vader_compound,
            article_tone.gdelt_tone,
            article_tone.positive_pct,
            article_tone.negative_pct,
            article_tone.n_words,
            None,
        )
    return ArticleAnalysis(sentences, reports, sentence_rows, mention_rows, sentence_tone_rows, tone_row)
