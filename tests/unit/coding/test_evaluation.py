"""The scoring of the coder against the hand labels."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from orchestration.coding.evaluation import (
    GoldRow,
    PredictedReport,
    evaluate,
    event_scores,
    match,
    predicted_reports,
    read_gold,
    report_scores,
    same_states,
    status_confusion,
)
from orchestration.coding.frames import ArticleFrames
from orchestration.coding.gazetteer import Gazetteer
from orchestration.coding.pipeline import process_articles

from .conftest import BUNDLED_ARTICLES, DEV_ARTICLES, FIXTURES, raw_articles

D = dt.date


def gold(
    kind="visit", status="occurred", countries=("IRQ", "SYR"), window=(None, None), event="e1", source="a.txt"
) -> GoldRow:
    return GoldRow(source, event, kind, status, frozenset(countries), window[0], window[1], "")


def predicted(
    report_id,
    kind="visit",
    status="occurred",
    countries=("IRQ", "SYR"),
    window=(None, None),
    contact="c1",
    source="a.txt",
) -> PredictedReport:
    return PredictedReport(source, report_id, contact, kind, status, frozenset(countries), window[0], window[1], "")


def test_states_match_as_a_pair_or_as_overlapping_sets() -> None:
    assert same_states("visit", frozenset({"IRQ", "SYR"}), frozenset({"SYR", "IRQ"}))
    assert not same_states("visit", frozenset({"IRQ", "SYR"}), frozenset({"IRQ", "TUR"}))
    assert not same_states("visit", frozenset({"USA"}), frozenset({"USA", "SAU"}))
    assert same_states("multilateral_meeting", frozenset({"IRQ"}), frozenset({"IRQ", "SYR"}))
    assert same_states(
        "multilateral_meeting",
        frozenset({"TUR", "JOR", "IRQ", "LBN", "SYR"}),
        frozenset({"TUR", "JOR", "IRQ", "LBN", "SYR", "ISR"}),
    )
    assert not same_states(
        "multilateral_meeting", frozenset({"IRQ", "PSE", "EGY", "QAT", "ESP"}), frozenset({"IRQ", "SYR"})
    )


def test_windows_must_overlap_unless_one_is_empty() -> None:
    late_december = (D(2024, 12, 21), D(2024, 12, 31))
    assert match([gold(window=late_december)], [predicted("r1", window=(D(2024, 12, 26), D(2024, 12, 26)))])
    assert match([gold(window=late_december)], [predicted("r1")])
    assert not match([gold(window=late_december)], [predicted("r1", window=(D(2025, 3, 1), D(2025, 3, 31)))])


def test_scores_count_each_row_and_report_once() -> None:
    rows = [gold(), gold(kind="phone_call", event="e2")]
    reports = [predicted("r1"), predicted("r2"), predicted("r3", kind="phone_call", status="planned")]
    scores = report_scores(rows, reports)
    assert (scores["visit"].true_positives, scores["visit"].false_positives, scores["visit"].false_negatives) == (
        1,
        1,
        0,
    )
    assert (scores["phone_call"].true_positives, scores["phone_call"].false_negatives) == (0, 1)
    assert scores["overall"].precision == pytest.approx(0.5)
    assert scores["overall"].recall == pytest.approx(0.5)
    assert scores["overall"].f1 == pytest.approx(0.5)


def test_the_status_confusion_prefers_agreeing_pairs() -> None:
    rows = [
        gold(status="planned"),
        gold(status="occurred", countries=("IRQ", "SYR"), event="e2", window=(D(2024, 12, 21), D(2024, 12, 31))),
    ]
    reports = [
        predicted("r1", status="occurred", window=(D(2024, 12, 26), D(2024, 12, 26))),
        predicted("r2", status="declined"),
    ]
    assert status_confusion(rows, reports) == {("occurred", "occurred"): 1, ("planned", "declined"): 1}


def test_event_scores_check_detection_and_grouping() -> None:
    rows = [
        gold(event="shatri", source="a.txt"),
        gold(event="shatri", source="b.txt"),
        gold(kind="phone_call", event="call", source="a.txt"),
    ]
    reports = [
        predicted("r1", contact="c1", source="a.txt"),
        predicted("r2", contact="c2", source="b.txt"),
        predicted("r3", kind="phone_call", contact="c3", source="a.txt"),
    ]
    detection, pairwise = event_scores(rows, reports, {"c1": "occurred", "c2": "occurred", "c3": "occurred"})
    assert (detection.true_positives, detection.false_positives, detection.false_negatives) == (2, 0, 0)
    assert (pairwise.true_positives, pairwise.false_positives, pairwise.false_negatives) == (0, 0, 1)


def test_the_gold_files_read_into_rows() -> None:
    with open(FIXTURES / "gold" / "dev_contacts.csv", encoding="utf-8") as handle:
        rows = read_gold(list(csv.DictReader(handle)), "dev/")
    summit = next(
        row
        for row in rows
        if row.source_file == "dev/16.txt"
        and row.kind == "multilateral_meeting"
        and row.status == "occurred"
        and row.countries >= {"IRQ", "PSE"}
    )
    assert summit.countries == frozenset({"IRQ", "PSE", "EGY", "QAT", "ESP"})
    assert (summit.date_from, summit.date_to) == (D(2025, 5, 17), D(2025, 5, 17))


def test_the_coder_keeps_its_scores_on_the_labelled_sample(gazetteer: Gazetteer, watch_list: list[str]) -> None:
    paths = sorted(BUNDLED_ARTICLES.glob("*.txt")) + sorted(DEV_ARTICLES.glob("*.txt"))
    names = [path.name if path.parent == BUNDLED_ARTICLES else f"dev/{path.name}" for path in paths]
    frames: ArticleFrames = process_articles(raw_articles(paths, names), gazetteer, watch_list)
    with (
        open(FIXTURES / "gold" / "seed_contacts.csv", encoding="utf-8") as seed,
        open(FIXTURES / "gold" / "dev_contacts.csv", encoding="utf-8") as dev,
    ):
        rows = read_gold(list(csv.DictReader(seed))) + read_gold(list(csv.DictReader(dev)), "dev/")
    reports = predicted_reports(frames.contact_reports)
    occurred = report_scores(rows, reports)["overall"]
    assert occurred.f1 >= 0.9
    confusion = status_confusion(rows, reports)
    disagreements = {pair: count for pair, count in confusion.items() if "none" not in pair and pair[0] != pair[1]}
    assert disagreements == {}
    assert "Status confusion" in evaluate(rows, frames.contact_reports, frames.contacts)
