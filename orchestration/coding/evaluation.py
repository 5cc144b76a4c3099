"""How well the contact coder finds the hand-labelled contacts: precision, recall, F1.

Source: the gold labels in `tests/fixtures/gold/` (`seed_contacts.csv` for the five
articles of `raw/articles/`, `dev_contacts.csv` for the 22 of
`tests/fixtures/articles/dev/`) and the `contact_reports` and `contacts` frames of
`process_articles` over the same articles. Grain: one gold row is one contact as one
article reports it; so is one predicted report.

Matching rule. A predicted report matches a gold row when it comes from the same article,
is of the same kind and status (the status confusion ignores status), is between the
same states, and its date window overlaps the gold one. "The same states" is the
unordered pair (actor, counterpart) for visits, calls and third-location meetings; for
multilateral meetings and mediation, the set of every state named (actor and all
counterparts) on each side must share at least half of their union, or one set must hold
the other. An empty window on either side matches any window: the gold leaves a window
empty where the text allows none, and a predicted window that is empty claims nothing.
Each gold row and each predicted report is matched at most once.

Real events. Gold `real_event` groups rows reporting one real contact; predicted
`contact_id` does the same. Event scores count a gold event found when one of its rows
is matched, and a predicted contact right when one of its reports matches; pairwise
scores check, over pairs of matched rows, that rows of one gold event share a
`contact_id` and rows of different events do not.

`python -m orchestration.coding.evaluation` prints the scores (`make eval`).
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

import polars as pl

from orchestration.coding.contacts import KINDS, MULTI_PARTY_KINDS, STATUSES

MIN_SET_OVERLAP = 0.5


@dataclass(frozen=True, slots=True)
class GoldRow:
    """One hand-labelled contact as one article (`source_file`) reports it; `real_event` names the
    real contact, so that reports of one event in several articles can be told together."""

    source_file: str
    real_event: str
    kind: str
    status: str
    countries: frozenset[str]
    date_from: dt.date | None
    date_to: dt.date | None
    evidence: str


@dataclass(frozen=True, slots=True)
class PredictedReport:
    source_file: str
    report_id: str
    contact_id: str
    kind: str
    status: str
    countries: frozenset[str]
    date_from: dt.date | None
    date_to: dt.date | None
    quote: str


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


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def read_gold(rows: list[dict[str, str]], article_prefix: str = "") -> list[GoldRow]:
    """Gold rows from the CSV dictionaries of a gold file; `article_prefix` names the
    folder of its articles relative to the landing folder (e.g. "dev/")."""
    gold = []
    for row in rows:
        countries = {row["actor_country"], *row["counterpart_country"].split(";")}
        gold.append(
            GoldRow(
                source_file=article_prefix + row["article"],
                real_event=row["real_event"],
                kind=row["kind"],
                status=row["status"],
                countries=frozenset(code.strip() for code in countries if code.strip()),
                date_from=_date(row["date_from"]),
                date_to=_date(row["date_to"]),
                evidence=row["evidence"],
            )
        )
    return gold


def predicted_reports(contact_reports: pl.DataFrame) -> list[PredictedReport]:
    """Predicted reports from the `contact_reports` frame of `process_articles`."""
    return [
        PredictedReport(
            source_file=row["source_file"],
            report_id=row["report_id"],
            contact_id=row["contact_id"],
            kind=row["kind"],
            status=row["status"],
            countries=frozenset(row["participant_countries"]),
            date_from=row["date_from"],
            date_to=row["date_to"],
            quote=row["quote"],
        )
        for row in contact_reports.iter_rows(named=True)
    ]


def same_states(kind: str, gold: frozenset[str], predicted: frozenset[str]) -> bool:
    if kind not in MULTI_PARTY_KINDS:
        return len(gold) == 2 and gold == predicted
    if not gold or not predicted:
        return False
    if gold <= predicted or predicted <= gold:
        return True
    return len(gold & predicted) / len(gold | predicted) >= MIN_SET_OVERLAP


def windows_overlap(gold: GoldRow, predicted: PredictedReport) -> bool:
    if gold.date_from is None or predicted.date_from is None:
        return True
    return gold.date_from <= predicted.date_to and predicted.date_from <= gold.date_to


def matches(gold: GoldRow, predicted: PredictedReport, *, with_status: bool = True) -> bool:
    return (
        gold.source_file == predicted.source_file
        and gold.kind == predicted.kind
        and (not with_status or gold.status == predicted.status)
        and same_states(gold.kind, gold.countries, predicted.countries)
        and windows_overlap(gold, predicted)
    )


def match(
    gold: list[GoldRow], predicted: list[PredictedReport], *, with_status: bool = True
) -> list[tuple[GoldRow, PredictedReport]]:
    """One-to-one pairs of gold rows and predicted reports; a gold row takes the first
    predicted report of its article that matches it and is still free."""
    by_file: dict[str, list[PredictedReport]] = defaultdict(list)
    for report in predicted:
        by_file[report.source_file].append(report)
    taken: set[str] = set()
    pairs = []
    for row in gold:
        for report in by_file.get(row.source_file, []):
            if report.report_id not in taken and matches(row, report, with_status=with_status):
                taken.add(report.report_id)
                pairs.append((row, report))
                break
    return pairs


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


def main() -> int:
    from orchestration import settings
    from orchestration.coding.gazetteer import load_gazetteer
    from orchestration.coding.pipeline import process_articles
    from orchestration.ingest.articles import landed_records

    root = settings.PROJECT_ROOT
    fixtures = root / "tests" / "fixtures"
    files = [(path.name, path) for path in sorted((root / "raw" / "articles").glob("*.txt"))]
    files += [(f"dev/{path.name}", path) for path in sorted((fixtures / "articles" / "dev").glob("*.txt"))]
    with (
        open(fixtures / "gold" / "seed_contacts.csv", encoding="utf-8") as seed,
        open(fixtures / "gold" / "dev_contacts.csv", encoding="utf-8") as dev,
    ):
        gold = read_gold(list(csv.DictReader(seed))) + read_gold(list(csv.DictReader(dev)), "dev/")
    frames = process_articles(
        landed_records(files), load_gazetteer(settings.DBT_PROJECT_DIR / "seeds"), settings.watch_list()
    )
    print(
        f"{len(files)} articles, {len(gold)} gold rows, {frames.contact_reports.height} predicted reports, {frames.contacts.height} contacts\n"
    )
    print(evaluate(gold, frames.contact_reports, frames.contacts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
