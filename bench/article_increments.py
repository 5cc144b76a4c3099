"""Benchmark of coding one new article into a coded corpus: incremental against a full re-code, one core.

Source: the 59 labelled articles (`coding.evaluation.corpus.labelled_corpus`), landed in
`raw.articles` of a warehouse and coded. Then one new article lands: an edited copy of
`dev/18.txt` (one word changed, under a name of its own), which reports the Iraq–Syria
visits and meetings the corpus reports most, so its contacts are resolved again with the
largest groups of the corpus.

With `--copies N` the corpus is the labelled articles and N - 1 edited copies of each (one
word changed, `bench.articles.vary`), every one analysed in full, to show how each method
grows with the corpus.

Each run starts from a copy of that warehouse file and codes it once, either incrementally
(`loading.coding_runs.code_landed_articles`) or in full (the same with `full_recode=True`).
`run` is the coder's whole run against DuckDB (digests, reading, coding, writing, one DuckDB
thread), `CPU` its processor time; `coding` is the pure part of it alone (`coding.increments.code_increment` on the
frames read, or `coding.pipeline.process_articles` on every record). Median of `--repeat`
runs of each (5 by default), the methods interleaved, after one warm-up run of each.

Run: `POLARS_MAX_THREADS=1 python -m bench.article_increments [--repeat 5] [--copies 1]` (`make bench`).
The process pins itself to one CPU where the platform allows it.
"""

from __future__ import annotations

import os

os.environ.setdefault("POLARS_MAX_THREADS", "1")

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from bench.articles import _pin_to_one_cpu, vary
from orchestration import settings
from orchestration.coding.evaluation.corpus import labelled_corpus
from orchestration.coding.file_changes import file_changes
from orchestration.coding.fingerprint import coder_fingerprint
from orchestration.coding.gazetteer import load_gazetteer
from orchestration.coding.increments import code_increment
from orchestration.coding.pipeline import process_articles
from orchestration.ingest.articles import SOURCE_SYSTEM, read_article_file
from orchestration.loading.coded_articles import (
    coded_article_files,
    landed_article_digests,
    landed_article_records,
    read_coded_corpus,
)
from orchestration.loading.coding_runs import code_landed_articles
from orchestration.loading.tables import raw_rows
from orchestration.loading.warehouse import connect, relation

NEW_ARTICLE = "dev/18.txt"


def _land(connection: duckdb.DuckDBPyConnection, name: str, path: Path) -> None:
    landed_rows = relation(
        connection, raw_rows(read_article_file(path).rows, SOURCE_SYSTEM, name, dt.datetime(2026, 1, 1))
    )
    connection.execute("insert into raw.articles by name select * from landed_rows")
    del landed_rows


def _prepared_warehouse(folder: Path, gazetteer, watch_list: list[str], copies: int) -> Path:
    """The labelled articles (and their edited copies) coded, and the new article landed beside them."""
    warehouse = folder / "labelled.duckdb"
    connection = connect(warehouse)
    files = labelled_corpus(settings.PROJECT_ROOT).files
    for name, path in files:
        _land(connection, name, path)
        for copy_number in range(1, copies):
            copied = folder / "copies" / f"{copy_number:03d}" / name
            copied.parent.mkdir(parents=True, exist_ok=True)
            copied.write_text(vary(path.read_text(encoding="utf-8"), copy_number, kind=2), encoding="utf-8")
            _land(connection, f"copy{copy_number:03d}/{name}", copied)
    code_landed_articles(connection, gazetteer, watch_list, load_id="bench")
    source = dict(files)[NEW_ARTICLE]
    text = source.read_text(encoding="utf-8")
    edited = folder / "edited_copy.txt"
    edited.write_text(text.replace(" the ", " a ", 1), encoding="utf-8")
    _land(connection, "incoming/edited_copy_of_18.txt", edited)
    connection.close()
    return warehouse


def _one_run(
    template: Path, folder: Path, gazetteer, watch_list: list[str], full_recode: bool
) -> tuple[float, float, float]:
    """(the coder's whole run, its CPU time, its pure coding) in seconds, on a fresh copy of `template`."""
    copy = folder / "run.duckdb"
    shutil.copyfile(template, copy)
    connection = duckdb.connect(str(copy))
    connection.execute("set threads = 1")
    fingerprint = coder_fingerprint(settings.SEEDS_DIR, watch_list)
    if full_recode:
        records = landed_article_records(connection)
        started = time.perf_counter()
        process_articles(records, gazetteer, watch_list)
    else:
        changes = file_changes(landed_article_digests(connection), coded_article_files(connection), fingerprint)
        corpus, landed = read_coded_corpus(connection), landed_article_records(connection, changes.to_code)
        started = time.perf_counter()
        code_increment(corpus, landed, changes, gazetteer, watch_list)
    coding = time.perf_counter() - started
    started, cpu_started = time.perf_counter(), time.process_time()
    outcome = code_landed_articles(connection, gazetteer, watch_list, load_id="bench", full_recode=full_recode)
    run, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    assert outcome.how.startswith("every file" if full_recode else "1 new or changed files coded"), outcome.how
    connection.close()
    copy.unlink()
    return run, cpu, coding


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=1)
    arguments = parser.parse_args(argv[1:])
    repeat = arguments.repeat
    pinning = _pin_to_one_cpu()
    gazetteer = load_gazetteer(settings.SEEDS_DIR)
    watch_list = settings.watch_list()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        template = _prepared_warehouse(folder, gazetteer, watch_list, arguments.copies)
        with duckdb.connect(str(template), read_only=True) as connection:
            ((articles,),) = connection.sql("select count(*) from coded.article_texts").fetchall()
        timings: dict[str, list[tuple[float, float, float]]] = {"incremental": [], "full re-code": []}
        for attempt in range(repeat + 1):
            for method in timings:
                timed = _one_run(template, folder, gazetteer, watch_list, method == "full re-code")
                if attempt:
                    timings[method].append(timed)
    print(f"one new article into {articles} coded articles; {pinning}; median of {repeat} runs after a warm-up")
    print(f"  {'method':<14}{'run s':>8}{'CPU s':>8}{'coding s':>10}   runs s")
    medians = {}
    for method, runs in timings.items():
        medians[method] = [statistics.median(timed[column] for timed in runs) for column in range(3)]
        wall, cpu, coding = medians[method]
        print(f"  {method:<14}{wall:>8.3f}{cpu:>8.3f}{coding:>10.3f}   {' '.join(f'{timed[0]:.3f}' for timed in runs)}")
    print(
        f"  the incremental run is {medians['full re-code'][0] / medians['incremental'][0]:.1f}x faster than the full "
        f"re-code ({medians['full re-code'][1] / medians['incremental'][1]:.1f}x in CPU time)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
