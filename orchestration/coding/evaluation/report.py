"""The evaluation report: the scores of the coder's frames against the gold rows, as text.

Source: gold rows and the `contact_reports` and `contacts` frames of `process_articles`.
Grain: one section per score table (occurred per kind, all statuses, status confusion, real events).
"""

from __future__ import annotations

import polars as pl

from orchestration.coding.contacts import STATUSES
from orchestration.coding.evaluation.matching import GoldRow, predicted_reports
from orchestration.coding.evaluation.scores import Scores, event_scores, report_scores, status_confusion


def format_scores(title: str, scores: dict[str, Scores]) -> str:
    lines = [title, f"  {'kind':<24}{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}"]
    for name, score in scores.items():
        lines.append(
            f"  {name:<24}{score.precision:>7.3f}{score.recall:>7.3f}{score.f1:>7.3f}"
            f"{score.true_positives:>5}{score.false_positives:>5}{score.false_negatives:>5}"
        )
    return "\n".join(lines)


def format_confusion(confusion: dict[tuple[str, str], int]) -> str:
    columns = (*STATUSES, "none")
    lines = [
        "Status confusion (rows: gold, columns: predicted; matched on article, kind, states, window)",
        "  " + " " * 10 + "".join(f"{c:>10}" for c in columns),
    ]
    for gold_status in columns:
        lines.append(f"  {gold_status:<10}" + "".join(f"{confusion.get((gold_status, c), 0):>10}" for c in columns))
    return "\n".join(lines)


def evaluate(gold: list[GoldRow], contact_reports: pl.DataFrame, contacts: pl.DataFrame) -> str:
    """The evaluation report printed by `main`."""
    predicted = predicted_reports(
        contact_reports.filter(pl.col("source_file").is_in(sorted({row.source_file for row in gold})))
    )
    contact_status = dict(zip(contacts["contact_id"], contacts["status"], strict=True))
    detection, pairwise = event_scores(gold, predicted, contact_status)
    sections = [
        format_scores(
            "Occurred contacts, per kind (matched on article, kind, status, states, window overlap)",
            report_scores(gold, predicted),
        ),
        format_scores(
            "All statuses (occurred, planned, declined)",
            {"overall": report_scores(gold, predicted, statuses=STATUSES)["overall"]},
        ),
        format_confusion(status_confusion(gold, predicted)),
        format_scores(
            "Real events (occurred): gold real_event vs predicted contact",
            {"detection": detection, "pairwise_clustering": pairwise},
        ),
    ]
    return "\n\n".join(sections)
