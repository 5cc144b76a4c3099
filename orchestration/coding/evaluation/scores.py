"""Precision, recall and F1 of the matched pairs: per kind, per status, and per real event.

Source: gold rows and predicted reports (`matching.py`). Grain: one `Scores` per kind (and
overall), one count per (gold status, predicted status), one `Scores` each for event
detection and pairwise clustering.

Real events. Gold `real_event` groups rows reporting one real contact; predicted
`contact_id` does the same. Event scores count a gold event found when one of its rows
is matched, and a predicted contact right when one of its reports matches; pairwise
scores check, over pairs of matched rows, that rows of one gold event share a
`contact_id` and rows of different events do not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

from orchestration.coding.contacts import KINDS
from orchestration.coding.evaluation.matching import GoldRow, PredictedReport, match


@dataclass(frozen=True, slots=True)
class Scores:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def report_scores(
    gold: list[GoldRow],
    predicted: list[PredictedReport],
    kinds: tuple[str, ...] = KINDS,
    statuses: tuple[str, ...] = ("occurred",),
) -> dict[str, Scores]:
    """P/R/F1 per kind and overall, on the rows and reports of the given statuses."""
    gold = [row for row in gold if row.status in statuses and row.kind in kinds]
    predicted = [report for report in predicted if report.status in statuses and report.kind in kinds]
    pairs = match(gold, predicted)
    scores = {}
    for kind in (*kinds, None):
        true_positives = sum(1 for row, _ in pairs if kind is None or row.kind == kind)
        expected = sum(1 for row in gold if kind is None or row.kind == kind)
        found = sum(1 for report in predicted if kind is None or report.kind == kind)
        scores[kind or "overall"] = Scores(true_positives, found - true_positives, expected - true_positives)
    return scores


def grouped_scores(
    gold: list[GoldRow],
    predicted: list[PredictedReport],
    group_of_gold: Callable[[GoldRow], str],
    group_of_predicted: Callable[[PredictedReport], str],
    groups: tuple[str, ...],
) -> dict[str, Scores]:
    """Occurred P/R/F1 per group: the pairs are matched on the whole, then each gold row and each
    report is counted in its own group (a report and the row it matches may fall in different ones)."""
    misses, false_alarms = unmatched(gold, predicted)
    scores = {}
    for group in groups:
        expected = sum(1 for row in gold if row.status == "occurred" and group_of_gold(row) == group)
        missed = sum(1 for row in misses if group_of_gold(row) == group)
        wrong = sum(1 for report in false_alarms if group_of_predicted(report) == group)
        scores[group] = Scores(expected - missed, wrong, missed)
    return scores


def unmatched(gold: list[GoldRow], predicted: list[PredictedReport]) -> tuple[list[GoldRow], list[PredictedReport]]:
    """(occurred gold rows no report matches: the misses; occurred reports no gold row matches: the false alarms)."""
    gold = [row for row in gold if row.status == "occurred"]
    predicted = [report for report in predicted if report.status == "occurred"]
    pairs = match(gold, predicted)
    matched_rows = {id(row) for row, _ in pairs}
    matched_reports = {report.report_id for _, report in pairs}
    return (
        [row for row in gold if id(row) not in matched_rows],
        [report for report in predicted if report.report_id not in matched_reports],
    )


def status_confusion(gold: list[GoldRow], predicted: list[PredictedReport]) -> dict[tuple[str, str], int]:
    """Counts of (gold status, predicted status); 'none' stands for a row or report without
    a counterpart. Rows are matched with their status first, then what is left without it,
    so that a disagreement on status is only counted where nothing agrees."""
    pairs = match(gold, predicted)
    matched_rows = {id(row) for row, _ in pairs}
    matched_ids = {report.report_id for _, report in pairs}
    pairs += match(
        [row for row in gold if id(row) not in matched_rows],
        [report for report in predicted if report.report_id not in matched_ids],
        with_status=False,
    )
    counts: Counter = Counter((row.status, report.status) for row, report in pairs)
    matched_gold = {id(row) for row, _ in pairs}
    matched_reports = {report.report_id for _, report in pairs}
    for row in gold:
        if id(row) not in matched_gold:
            counts[(row.status, "none")] += 1
    for report in predicted:
        if report.report_id not in matched_reports:
            counts[("none", report.status)] += 1
    return dict(counts)


def event_scores(
    gold: list[GoldRow], predicted: list[PredictedReport], contact_status: dict[str, str]
) -> tuple[Scores, Scores]:
    """(event detection, pairwise clustering) on occurred events.

    Detection: a gold event with an occurred row is found when one of its rows is
    matched; a predicted occurred contact is right when one of its reports matches.
    Pairwise: over pairs of matched rows, do rows share a contact exactly when they share
    a real event?
    """
    pairs = match(gold, predicted)
    gold_events = {row.real_event for row in gold if row.status == "occurred"}
    found_events = {row.real_event for row, _ in pairs if row.real_event in gold_events}
    evaluated_files = {row.source_file for row in gold}
    predicted_contacts = {
        report.contact_id
        for report in predicted
        if contact_status.get(report.contact_id) == "occurred" and report.source_file in evaluated_files
    }
    right_contacts = {report.contact_id for _, report in pairs if report.contact_id in predicted_contacts}
    detection = Scores(
        true_positives=len(found_events),
        false_positives=len(predicted_contacts - right_contacts),
        false_negatives=len(gold_events - found_events),
    )
    together = apart_wrongly = together_wrongly = 0
    for (row_a, report_a), (row_b, report_b) in combinations(pairs, 2):
        same_event = row_a.real_event == row_b.real_event
        same_contact = report_a.contact_id == report_b.contact_id
        if same_event and same_contact:
            together += 1
        elif same_event:
            apart_wrongly += 1
        elif same_contact:
            together_wrongly += 1
    return detection, Scores(together, together_wrongly, apart_wrongly)
