"""`python -m orchestration.coding.evaluation` (`make eval`): codes the bundled articles
(`raw/articles/`) and the dev articles (`tests/fixtures/articles/dev/`) and prints the
evaluation report against their gold labels.
"""

from __future__ import annotations

import csv
import sys

from orchestration import settings
from orchestration.coding.evaluation.matching import read_gold
from orchestration.coding.evaluation.report import evaluate
from orchestration.coding.gazetteer import load_gazetteer
from orchestration.coding.pipeline import process_articles
from orchestration.ingest.articles import landed_records


def main() -> int:
    root = settings.PROJECT_ROOT
    fixtures = root / "tests" / "fixtures"
    files = [(path.name, path) for path in sorted((root / "raw" / "articles").glob("*.txt"))]
    files += [(f"dev/{path.name}", path) for path in sorted((fixtures / "articles" / "dev").glob("*.txt"))]
    with (
        open(fixtures / "gold" / "seed_contacts.csv", encoding="utf-8") as seed,
        open(fixtures / "gold" / "dev_contacts.csv", encoding="utf-8") as dev,
    ):
        gold = read_gold(list(csv.DictReader(seed))) + read_gold(list(csv.DictReader(dev)), "dev/")
    frames = process_articles(landed_records(files), load_gazetteer(settings.SEEDS_DIR), settings.watch_list())
    print(
        f"{len(files)} articles, {len(gold)} gold rows, {frames.contact_reports.height} predicted reports, {frames.contacts.height} contacts\n"
    )
    print(evaluate(gold, frames.contact_reports, frames.contacts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
