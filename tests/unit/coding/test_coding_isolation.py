"""One article never stops the corpus: an article the coder fails on is left out with the reason,
and ids are unique by construction on every real article there is."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from orchestration.coding import analysis
from orchestration.coding.frame_checks import MODEL_OF_FRAME
from orchestration.coding.frames import ArticleFrames
from orchestration.coding.gazetteer import Gazetteer
from orchestration.coding.isolation import isolated
from orchestration.coding.pipeline import process_articles

from .conftest import BUNDLED_ARTICLES, DEV_ARTICLES, FIXTURES, raw_articles, raw_texts

REGIONAL_ARTICLES = FIXTURES / "articles" / "regional"
BODY = (
    "Syrian Foreign Minister Asaad al-Shaibani arrived in {city} on {day} for talks on border security, "
    "trade and the return of refugees, his ministry said in a statement."
)


def every_article() -> tuple[list[Path], list[str]]:
    paths = (
        sorted(BUNDLED_ARTICLES.glob("*.txt"))
        + sorted(DEV_ARTICLES.glob("*.txt"))
        + sorted(REGIONAL_ARTICLES.glob("*.txt"))
    )
    return paths, [f"{path.parent.name}/{path.name}" for path in paths]


def two_cities():
    """Two articles of one visit each: to Baghdad, and to Amman (where the tests make the coder fail)."""
    return raw_texts(
        {
            "baghdad.txt": "date 2025-02-10\n" + BODY.format(city="Baghdad", day="Monday"),
            "amman.txt": "date 2025-02-11\n" + BODY.format(city="Amman", day="Tuesday"),
        }
    )


@pytest.fixture(scope="module")
def corpus(gazetteer: Gazetteer, watch_list: list[str]) -> ArticleFrames:
    paths, names = every_article()
    return process_articles(raw_articles(paths, names), gazetteer, watch_list)


def test_all_59_real_articles_code_with_unique_ids_and_pass_every_model(corpus: ArticleFrames) -> None:
    assert corpus.articles.height == 59
    assert corpus.rejects.height == 0
    for name, model in MODEL_OF_FRAME.items():
        model.validate(getattr(corpus, name), lazy=True)
    assert corpus.contacts["contact_id"].n_unique() == corpus.contacts.height > 40
    assert corpus.contact_reports["report_id"].n_unique() == corpus.contact_reports.height
    assert set(corpus.contact_reports["contact_id"]) == set(corpus.contacts["contact_id"])


def test_contacts_that_share_kind_states_place_and_days_keep_ids_of_their_own(
    gazetteer: Gazetteer, watch_list: list[str]
) -> None:
    text = (
        "date 2025-02-10\n"
        "Syrian Foreign Minister Asaad al-Shaibani arrived in Baghdad on Monday for talks on border security and trade. "
        "Syrian Defence Minister Murhaf Abu Qasra also arrived in Baghdad on Monday, on a separate visit to the army."
    )
    frames = process_articles(raw_texts({"two_visits.txt": text}), gazetteer, watch_list)

    visits = frames.contacts.filter(pl.col("kind") == "visit")
    assert visits.height == 2
    assert visits.select("status", "actor_country", "counterpart_country", "date_from").n_unique() == 1
    assert visits["contact_id"].n_unique() == 2


def test_an_article_the_coder_raises_on_is_left_out_with_the_error(
    gazetteer: Gazetteer, watch_list: list[str], monkeypatch
) -> None:
    real_code = analysis.code_article

    def failing_on_amman(article_id, text, *arguments):
        if "Amman" in text:
            raise ValueError("a sentence the coder cannot read")
        return real_code(article_id, text, *arguments)

    monkeypatch.setattr(analysis, "code_article", failing_on_amman)
    frames = process_articles(two_cities(), gazetteer, watch_list)

    assert frames.articles["source_file"].to_list() == ["baghdad.txt"]
    assert frames.contacts.height == 1 and frames.contacts["location_country"].to_list() == ["IRQ"]
    assert frames.rejects.select("source_file", "line_number", "reason").rows() == [
        ("amman.txt", 1, "coding raised ValueError: a sentence the coder cannot read")
    ]
    for name, model in MODEL_OF_FRAME.items():
        model.validate(getattr(frames, name), lazy=True)


def test_an_article_whose_rows_fail_a_check_is_left_out_naming_the_check(
    gazetteer: Gazetteer, watch_list: list[str], monkeypatch
) -> None:
    real_analyse = analysis.analyse_text

    def with_an_impossible_sentence(text, *arguments):
        analysed = real_analyse(text, *arguments)
        if "Amman" not in text:
            return analysed
        broken = [
            (number, paragraph, end, start, sentence, repeated)
            for number, paragraph, start, end, sentence, repeated in analysed.sentence_rows
        ]
        return analysis.ArticleAnalysis(
            analysed.sentences,
            analysed.reports,
            broken,
            analysed.mention_rows,
            analysed.sentence_tone_rows,
            analysed.tone_row,
        )

    monkeypatch.setattr(analysis, "analyse_text", with_an_impossible_sentence)
    frames = process_articles(two_cities(), gazetteer, watch_list)

    assert frames.articles["source_file"].to_list() == ["baghdad.txt"]
    (reason,) = frames.rejects["reason"].to_list()
    assert reason.startswith("sentences: ") and " failed " in reason
    assert frames.sentences["article_id"].n_unique() == 1


def test_a_whole_corpus_step_that_raises_finds_its_culprits_by_halving() -> None:
    calls: list[int] = []

    def total(items: list[int]) -> int:
        calls.append(len(items))
        if 13 in items or 42 in items:
            raise ZeroDivisionError("bad item")
        return sum(items)

    result, culprits = isolated(total, list(range(64)))

    assert result == sum(range(64)) - 13 - 42
    assert sorted(culprits) == [13, 42] and all(isinstance(error, ZeroDivisionError) for error in culprits.values())
    assert len(calls) < 30


def test_a_failure_no_single_item_causes_is_raised() -> None:
    def needs_few(items: list[int]) -> int:
        if len(items) > 3:
            raise OverflowError("too many at once")
        return len(items)

    with pytest.raises(OverflowError):
        isolated(needs_few, list(range(8)))
