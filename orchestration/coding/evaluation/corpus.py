"""The labelled corpus: every article the project holds hand labels for, the name it is coded
under, its language and its gold rows.

Source: `raw/articles/` with `tests/fixtures/gold/seed_contacts.csv`, and
`tests/fixtures/articles/dev/` and `regional/` with `dev_contacts.csv` and
`dev_articles_meta.csv` (whose `language` column names each dev article's language; the
bundled articles are English). Grain: one entry per article file.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from orchestration.coding.evaluation.matching import GoldRow, read_gold

IRAQ_SYRIA = frozenset({"IRQ", "SYR"})
PAIR_GROUPS = ("Iraq–Syria", "other pairs")
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class LabelledCorpus:
    files: list[tuple[str, Path]]
    """(the name the article is coded under, its path), in a stable order."""
    gold: list[GoldRow]
    languages: dict[str, str]
    """The language of each coded name."""


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def labelled_corpus(root: Path) -> LabelledCorpus:
    """The bundled articles and every labelled dev article under the project `root`."""
    fixtures = root / "tests" / "fixtures"
    files = [(path.name, path) for path in sorted((root / "raw" / "articles").glob("*.txt"))]
    dev_names: dict[str, str] = {}
    for folder in ("dev", "regional"):
        for path in sorted((fixtures / "articles" / folder).glob("*.txt")):
            dev_names[path.name] = f"{folder}/{path.name}"
            files.append((dev_names[path.name], path))
    gold = read_gold(_read(fixtures / "gold" / "seed_contacts.csv")) + read_gold(
        _read(fixtures / "gold" / "dev_contacts.csv"), dev_names
    )
    languages = {name: DEFAULT_LANGUAGE for name, _ in files}
    for row in _read(fixtures / "gold" / "dev_articles_meta.csv"):
        if row["article"] in dev_names:
            languages[dev_names[row["article"]]] = row["language"] or DEFAULT_LANGUAGE
    return LabelledCorpus(files, gold, languages)


def pair_group(countries: frozenset[str]) -> str:
    """The group a contact's states put it in: Iraq–Syria when both take part, otherwise other pairs."""
    return PAIR_GROUPS[0] if countries >= IRAQ_SYRIA else PAIR_GROUPS[1]
