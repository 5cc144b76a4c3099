"""Near-duplicate articles linked to one canonical article.

Source: the articles of `clean.py` with their sentences (`sentences.py`). Grain: one
canonical article id per article (an original is its own canonical article).

Syndicated copies, reposts, mirrors and cut-off copies share most of their sentences word
for word, while they differ in furniture, titles and ends. So an article is fingerprinted
by its distinct sentences (lower case, spaces collapsed; short and repeated sentences
left out), and articles are taken in order of publication (undated last, then by file):
an article whose sentences are, for at least half of the shorter of the two, those of an
earlier canonical article is a copy of it. Among copies of one date, an article that
opens its file comes before one appended to another, so the original stays canonical. When fewer sentences match (a copy edited
throughout), the two texts are compared with rapidfuzz and a ratio of 90 or more also
makes a copy.

Each sentence is indexed once, under the first canonical article that has it, so the
work grows with the number of sentences, not with the number of pairs of articles.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from orchestration.coding.sentences import Sentence, sentence_key

MIN_SENTENCE_CHARS = 40
MIN_SHARED_FRACTION = 0.5
FUZZY_CANDIDATE_FRACTION = 0.2
FUZZY_RATIO = 90.0
_FUZZY_CHARS = 4000
CANDIDATES_TRIED = 3
"""The originals an article is compared with: those sharing the most sentences with it."""
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class DedupeInput:
    article_id: str
    published_date: dt.date | None
    source_file: str
    article_index_in_file: int
    text: str
    sentences: list[Sentence]


def _fingerprint(sentences: list[Sentence]) -> set[str]:
    keys = set()
    for sentence in sentences:
        if sentence.is_repeated_paragraph:
            continue
        key = sentence_key(sentence.text)
        if len(key) >= MIN_SENTENCE_CHARS:
            keys.add(key)
    return keys


def _normalised(text: str) -> str:
    return _NOT_WORD.sub(" ", text[:_FUZZY_CHARS].lower()).strip()


def canonical_articles(articles: list[DedupeInput]) -> dict[str, str]:
    """article_id -> canonical article_id (itself for an original)."""
    ordered = sorted(
        articles,
        key=lambda article: (
            article.published_date is None,
            article.published_date or dt.date.min,
            article.article_index_in_file,
            article.source_file,
        ),
    )
    owner: dict[str, str] = {}
    size: dict[str, int] = {}
    texts: dict[str, str] = {}
    first_seen: dict[str, int] = {}
    canonical: dict[str, str] = {}
    for article in ordered:
        keys = _fingerprint(article.sentences)
        votes = Counter(owner[key] for key in keys if key in owner)
        # Of originals sharing as many sentences, the earliest is tried first: counting over a set
        # of keys alone would leave the tie to the hash seed of the process.
        tried = sorted(votes.items(), key=lambda vote: (-vote[1], first_seen[vote[0]]))[:CANDIDATES_TRIED]
        match = None
        for candidate, shared in tried:
            fraction = shared / max(1, min(len(keys), size[candidate]))
            if fraction >= MIN_SHARED_FRACTION and (shared >= 2 or min(len(keys), size[candidate]) == 1):
                match = candidate
                break
            if (
                fraction >= FUZZY_CANDIDATE_FRACTION
                and fuzz.ratio(_normalised(article.text), texts[candidate]) >= FUZZY_RATIO
            ):
                match = candidate
                break
        if match is not None:
            canonical[article.article_id] = match
            continue
        canonical[article.article_id] = article.article_id
        first_seen[article.article_id] = len(first_seen)
        size[article.article_id] = len(keys)
        texts[article.article_id] = _normalised(article.text)
        for key in keys:
            owner.setdefault(key, article.article_id)
    return canonical
