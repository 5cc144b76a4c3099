"""Benchmark of the article pipeline: articles per second for clean + code + tone, one core.

Source: the 27 real articles of the project (`raw/articles/` and
`tests/fixtures/articles/dev/`), replicated to 10,000 articles. The copies vary the way
news copies vary, so that near-duplicate detection does real work:

- a copy under another file name (syndication, the same text);
- a copy with other page furniture (ad slot, view counter, share line, footer) around the
  same text;
- an edited copy (one word of one paragraph changed);
- a cut-off copy (the last fifth of the text missing).

In the mixed corpus each kind is a quarter of the copies; copies whose clean text and
date repeat an earlier article are analysed once, as in production. The edited corpus
has only edited copies, so that every article is analysed in full. Both are timed in
one call of `process_articles` each, wall clock and CPU time; peak memory is the
process's maximum resident set.

Run: `POLARS_MAX_THREADS=1 python -m bench.articles [n_articles]` (`make bench`). The
process pins itself to one CPU where the platform allows it.
"""

from __future__ import annotations

import os

os.environ.setdefault("POLARS_MAX_THREADS", "1")

import resource
import sys
import time
from pathlib import Path

import polars as pl

from orchestration import settings
from orchestration.coding.gazetteer import load_gazetteer
from orchestration.coding.pipeline import process_articles
from orchestration.ingest.articles import page_records

DEFAULT_ARTICLES = 10_000
_FURNITURE = ("Ad Space 300×250", "Share:", "👁️ {n} Views", "READ MORE", "Related Post")


def sample_articles(root: Path) -> list[tuple[str, str]]:
    """(source_file, text) of the bundled articles."""
    files = [(path.name, path) for path in sorted((root / "raw" / "articles").glob("*.txt"))]
    files += [
        (f"dev/{path.name}", path) for path in sorted((root / "tests" / "fixtures" / "articles" / "dev").glob("*.txt"))
    ]
    return [(name, path.read_text(encoding="utf-8")) for name, path in files]


def vary(text: str, copy_number: int, kind: int | None = None) -> str:
    """One copy of an article, changed the way copy number `copy_number` is (see module doc)."""
    kind = copy_number % 4 if kind is None else kind
    if kind == 0:
        return text
    if kind == 1:
        header = _FURNITURE[copy_number % len(_FURNITURE)].format(n=copy_number)
        return f"{header}\n{text}\n\nRelated Post\nMost viewed in News"
    if kind == 2:
        paragraphs = text.split("\n")
        longest = max(range(len(paragraphs)), key=lambda index: len(paragraphs[index]))
        words = paragraphs[longest].split(" ")
        for position in {copy_number % len(words), (copy_number // len(words)) % len(words)}:
            words[position] = words[position].upper() if words[position].islower() else words[position].lower()
        paragraphs[longest] = " ".join(words)
        return "\n".join(paragraphs)
    cut = int(len(text) * 0.8)
    line_end = text.rfind("\n", 0, cut)
    return text[: line_end if line_end > len(text) // 2 else cut]


def replicated(sample: list[tuple[str, str]], total: int, kind: int | None = None) -> pl.DataFrame:
    pages = {}
    for number in range(total):
        name, text = sample[number % len(sample)]
        copy_number = number // len(sample)
        pages[f"copy{copy_number:05d}/{name}"] = text if copy_number == 0 else vary(text, copy_number, kind)
    return page_records(pages)


def _pin_to_one_cpu() -> str:
    if hasattr(os, "sched_setaffinity") and hasattr(os, "sched_getaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (platform has no sched_setaffinity)"


def _timed(raw: pl.DataFrame, gazetteer, watch_list) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    frames = process_articles(raw, gazetteer, watch_list)
    return time.perf_counter() - wall, time.process_time() - cpu, frames


def main(argv: list[str]) -> int:
    total = int(argv[1]) if len(argv) > 1 else DEFAULT_ARTICLES
    pinning = _pin_to_one_cpu()
    gazetteer = load_gazetteer(settings.SEEDS_DIR)
    watch_list = settings.watch_list()
    sample = sample_articles(settings.PROJECT_ROOT)
    unique = page_records(dict(sample))
    process_articles(unique, gazetteer, watch_list)  # warm-up: VADER's lexicon, compiled patterns

    results = []
    for label, corpus in (
        ("mixed copies", replicated(sample, total)),
        ("edited copies", replicated(sample, total, kind=2)),
    ):
        wall, cpu, frames = _timed(corpus, gazetteer, watch_list)
        results.append((label, frames, wall, cpu))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(
        f"article pipeline (split, clean, sentences, dedupe, gazetteer, contacts, resolve, tone); {pinning}; POLARS_MAX_THREADS={os.environ['POLARS_MAX_THREADS']}"
    )
    print(
        f"  {'corpus':<14}{'articles':>9}{'wall s':>9}{'CPU s':>8}{'art/s wall':>12}{'art/s CPU':>11}{'analysed':>10}{'duplicates':>12}{'reports':>9}{'contacts':>10}"
    )
    for label, frames, wall, cpu in results:
        analysed = frames.articles.select(pl.struct("text", "published_date").n_unique()).item()
        duplicates = frames.articles.filter(pl.col("is_duplicate")).height
        print(
            f"  {label:<14}{frames.articles.height:>9}{wall:>9.2f}{cpu:>8.2f}{frames.articles.height / wall:>12.0f}{frames.articles.height / cpu:>11.0f}"
            f"{analysed:>10}{duplicates:>12}{frames.contact_reports.height:>9}{frames.contacts.height:>10}"
        )
    print(f"  peak memory (RSS): {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
