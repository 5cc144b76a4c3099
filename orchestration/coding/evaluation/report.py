"""The evaluation report: the scores of the coder's frames against the gold rows, as text.

Source: gold rows and the `contact_reports` and `contacts` frames of `process_articles`.
Grain: one section per score table (occurred per kind, per pair group, per language, all
statuses, status confusion, real events), then every miss and false alarm with its words.
"""

from __future__ import annotations

import polars as pl

from orchestration.coding.contacts import STATUSES
from orchestration.coding.evaluation.corpus import PAIR_GROUPS, pair_group
from orchestration.coding.evaluation.matching import GoldRow, PredictedReport, predicted_reports
from orchestration.coding.evaluation.scores import (
    Scores,
    event_scores,
    grouped_scores,
    report_scores,
    status_confusion,
    unmatched,
)


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


def _window(date_from, date_to) -> str:
    if date_from is None:
        return "no date"
    return str(date_from) if date_from == date_to else f"{date_from}..{date_to}"


def format_misses(misses: list[GoldRow], false_alarms: list[PredictedReport]) -> str:
    lines = [f"Misses (occurred gold rows no report matches): {len(misses)}"]
    for row in misses:
        others = ",".join(sorted(row.countries - {row.actor_country}))
        lines.append(
            f"  {row.source_file:<16}{row.kind:<24}{row.actor_country}→{others:<12}{_window(row.date_from, row.date_to):<24}"
            f"{row.evidence[:160]}"
        )
    lines.append(f"False alarms (occurred reports no gold row matches): {len(false_alarms)}")
    for report in false_alarms:
        others = ",".join(sorted(report.countries - {report.actor_country}))
        quote = " ".join(report.quote.split())
        lines.append(
            f"  {report.source_file:<16}{report.kind:<24}{report.actor_country}→{others:<12}"
            f"{_window(report.date_from, report.date_to):<24}{quote[:160]}"
        )
    return "\n".join(lines)


def evaluate(
    gold: list[GoldRow],
    contact_reports: pl.DataFrame,
    contacts: pl.DataFrame,
    languages: dict[str, str] | None = None,
) -> str:
    """The evaluation report printed by `main`; `languages` gives each article's language (English
    where it is not given)."""
    languages = languages or {}
    language_groups = tuple(sorted({"en", *languages.values()}))
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
            "Occurred contacts, per pair group (Iraq–Syria: both states take part)",
            grouped_scores(
                gold,
                predicted,
                lambda row: pair_group(row.countries),
                lambda report: pair_group(report.countries),
                PAIR_GROUPS,
            ),
        ),
        format_scores(
            "Occurred contacts, per language of the article",
            grouped_scores(
                gold,
                predicted,
                lambda row: languages.get(row.source_file, "en"),
                lambda report: languages.get(report.source_file, "en"),
                language_groups,
            ),
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
        format_misses(*unmatched(gold, predicted)),
    ]
    return "\n\n".join(sections)
