"""How well the contact coder finds the hand-labelled contacts: precision, recall, F1.

Source: the gold labels in `tests/fixtures/gold/` (`seed_contacts.csv` for the five
articles of `raw/articles/`, `dev_contacts.csv` for the 54 of `tests/fixtures/articles/dev/`
and `regional/`) and the `contact_reports` and `contacts` frames of `process_articles` over
the same articles. Grain: one gold row is one contact as one article reports it; so is one
predicted report.

`corpus.py` gathers the labelled articles, `matching.py` reads both sides and pairs them
(the matching rule), `scores.py` counts the pairs (per kind, per status, per group, per real
event), `report.py` writes the scores, the misses and the false alarms as text.
`python -m orchestration.coding.evaluation` prints them (`make eval`).
"""

from orchestration.coding.evaluation.corpus import PAIR_GROUPS, LabelledCorpus, labelled_corpus, pair_group
from orchestration.coding.evaluation.matching import (
    GoldRow,
    PredictedReport,
    match,
    matches,
    predicted_reports,
    read_gold,
    same_states,
    windows_overlap,
)
from orchestration.coding.evaluation.report import evaluate, format_confusion, format_scores
from orchestration.coding.evaluation.scores import (
    Scores,
    event_scores,
    grouped_scores,
    report_scores,
    status_confusion,
    unmatched,
)

__all__ = [
    "PAIR_GROUPS",
    "GoldRow",
    "LabelledCorpus",
    "PredictedReport",
    "Scores",
    "evaluate",
    "event_scores",
    "format_confusion",
    "format_scores",
    "grouped_scores",
    "labelled_corpus",
    "match",
    "matches",
    "pair_group",
    "predicted_reports",
    "read_gold",
    "report_scores",
    "same_states",
    "status_confusion",
    "unmatched",
    "windows_overlap",
]
