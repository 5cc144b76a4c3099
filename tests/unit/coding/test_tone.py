"""VADER's compound score, computed exactly, and the GDELT-style tone."""

from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from orchestration.coding.sentences import split_sentences
from orchestration.coding.tone import VaderScorer

from .conftest import BUNDLED_ARTICLES, DEV_ARTICLES

EDGE_CASES = [
    "VADER is VERY SMART, handsome, and FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "At least it isn't a horrible book.",
    "It was never so good, without doubt the best.",
    "no good no bad, not the best but not the worst?? really??",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Make sure you :) or :D today!",
    "",
]


@pytest.fixture(scope="module")
def scorer() -> VaderScorer:
    return VaderScorer()


def test_the_compound_score_is_vaders_own_on_every_sentence_of_the_sample(scorer: VaderScorer) -> None:
    analyzer = SentimentIntensityAnalyzer()
    paths = sorted(BUNDLED_ARTICLES.glob("*.txt")) + sorted(DEV_ARTICLES.glob("*.txt"))
    sentences = [
        sentence.text for path in paths for sentence in split_sentences(path.read_text(encoding="utf-8"))
    ] + EDGE_CASES
    assert len(sentences) > 400
    differing = [
        sentence
        for sentence in sentences
        if scorer.tone(sentence).vader_compound != analyzer.polarity_scores(sentence)["compound"]
    ]
    assert differing == []


def test_the_sentences_of_an_article_scored_together_score_as_each_alone(scorer: VaderScorer) -> None:
    paths = sorted(BUNDLED_ARTICLES.glob("*.txt")) + sorted(DEV_ARTICLES.glob("*.txt"))
    articles = [[sentence.text for sentence in split_sentences(path.read_text(encoding="utf-8"))] for path in paths]
    articles += [EDGE_CASES, ["", "Good.", ""], ["   ", "!!! ...", "Good, but not bad."]]
    for sentences in articles:
        assert scorer.tones(sentences) == [scorer.tone(sentence) for sentence in sentences]
    analyzer = SentimentIntensityAnalyzer()
    assert [tone.vader_compound for tone in scorer.tones(EDGE_CASES)] == [
        analyzer.polarity_scores(sentence)["compound"] for sentence in EDGE_CASES
    ]


def test_gdelt_tone_is_positive_minus_negative_percent_of_words(scorer: VaderScorer) -> None:
    tone = scorer.tone("Leaders welcomed the agreement but condemned the attack.")
    assert (tone.n_words, tone.n_positive, tone.n_negative) == (8, 2, 2)
    assert tone.gdelt_tone == pytest.approx(0.0)
    hopeful = scorer.tone("The talks were a great success.")
    assert hopeful.positive_pct == pytest.approx(100 * 2 / 6)
    assert hopeful.gdelt_tone == pytest.approx(100 * 2 / 6)


def test_an_articles_compound_is_the_mean_of_its_sentences(scorer: VaderScorer) -> None:
    sentences = ["The talks were a great success.", "The attack killed ten people.", "The ministers met in Amman."]
    tones = [scorer.tone(sentence) for sentence in sentences]
    article = scorer.article_tone(tones)
    assert article.vader_compound == pytest.approx(round(sum(tone.vader_compound for tone in tones) / 3, 4))
    assert article.n_words == sum(tone.n_words for tone in tones)
    assert scorer.article_tone([]).vader_compound == 0.0
