"""`python -m orchestration.coding.evaluation` (`make eval`): codes every labelled article
(`raw/articles/`, `tests/fixtures/articles/dev/` and `regional/`) and prints the evaluation
report against their gold labels.
"""

from __future__ import annotations

import sys

from orchestration import settings
from orchestration.coding.evaluation.corpus import labelled_corpus
from orchestration.coding.evaluation.report import evaluate
from orchestration.coding.gazetteer import load_gazetteer
from orchestration.coding.pipeline import process_articles
from orchestration.ingest.articles import landed_records


def main() -> int:
    corpus = labelled_corpus(settings.PROJECT_ROOT)
    frames = process_articles(landed_records(corpus.files), load_gazetteer(settings.SEEDS_DIR), settings.watch_list())
    print(
        f"{len(corpus.files)} articles, {len(corpus.gold)} gold rows, {frames.contact_reports.height} predicted reports,"
        f" {frames.contacts.height} contacts\n"
    )
    print(evaluate(corpus.gold, frames.contact_reports, frames.contacts, corpus.languages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
