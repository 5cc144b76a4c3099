"""The two sides of the evaluation and the rule that pairs them: gold rows read from the
hand labels, predicted reports read from the coder's `contact_reports` frame.

Source: a gold CSV's rows (`tests/fixtures/gold/`) and the `contact_reports` frame of
`process_articles`. Grain: one gold row is one contact as one article reports it; so is one
predicted report.

Matching rule. A predicted report matches a gold row when it comes from the same article,
is of the same kind and status (the status confusion ignores status), is between the
same states, and its date window overlaps the gold one. "The same states" is the
unordered pair (actor, counterpart) for visits, calls and third-location meetings, and a
visit is directed: its traveller's state must be the gold actor's; for
multilateral meetings and mediation, the set of every state named (actor and all
counterparts) on each side must share at least half of their union, or one set must hold
the other. An empty window on either side matches any window: the gold leaves a window
empty where the text allows none, and a predicted window that is empty claims nothing.
Each gold row and each predicted report is matched at most once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from orchestration.coding.contacts import MULTI_PARTY_KINDS

MIN_SET_OVERLAP = 0.5
DIRECTED_KINDS = frozenset({"visit"})


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
    actor_country: str | None = None


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
    actor_country: str | None = None


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def read_gold(rows: list[dict[str, str]], source_files: Mapping[str, str] | None = None) -> list[GoldRow]:
    """Gold rows from the CSV dictionaries of a gold file; `source_files` gives the name each
    article was coded under (e.g. "dev/05.txt" for "05.txt"), where it is not the article's own."""
    gold = []
    for row in rows:
        countries = {row["actor_country"], *row["counterpart_country"].split(";")}
        gold.append(
            GoldRow(
                source_file=(source_files or {}).get(row["article"], row["article"]),
                real_event=row["real_event"],
                kind=row["kind"],
                status=row["status"],
                countries=frozenset(code.strip() for code in countries if code.strip()),
                date_from=_date(row["date_from"]),
                date_to=_date(row["date_to"]),
                evidence=row["evidence"],
                actor_country=row["actor_country"].strip() or None,
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
            actor_country=row["actor_country"],
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


def same_direction(gold: GoldRow, predicted: PredictedReport) -> bool:
    """A visit goes one way: who travelled must agree where both sides name a state."""
    return (
        gold.kind not in DIRECTED_KINDS
        or None in (gold.actor_country, predicted.actor_country)
        or (gold.actor_country == predicted.actor_country)
    )


def matches(gold: GoldRow, predicted: PredictedReport, *, with_status: bool = True) -> bool:
    return (
        gold.source_file == predicted.source_file
        and gold.kind == predicted.kind
        and (not with_status or gold.status == predicted.status)
        and same_states(gold.kind, gold.countries, predicted.countries)
        and same_direction(gold, predicted)
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
