"""One run of the article coder against the warehouse: which landed files to code, coded into
the coded tables alone (`coding.increments`) or with the whole corpus (`coding.pipeline`),
and written (`coded_articles`).

The whole corpus is coded again when asked, when nothing was coded yet, when the coder's
fingerprint changed, or when coding the new files alone would change an article coded
before (only a full re-code says what it becomes then).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from orchestration import settings
from orchestration.coding.file_changes import coded_file_rows, file_changes
from orchestration.coding.fingerprint import coder_fingerprint
from orchestration.coding.frames import REJECTS_SCHEMA
from orchestration.coding.gazetteer import Gazetteer
from orchestration.coding.increments import code_increment, resolution_bucket_count
from orchestration.coding.pipeline import process_articles
from orchestration.loading.coded_articles import (
    coded_article_files,
    landed_article_digests,
    landed_article_records,
    read_coded_corpus,
    replace_coded_tables,
    write_increment,
)

CODING_SOURCE_SYSTEM = "article_coding"
"""The source system of the coder's rows in `audit.quarantine`."""


@dataclass(frozen=True)
class CodingRun:
    how: str
    """What was coded: nothing, the new and changed files alone, or everything again and why."""
    articles_coded: int
    pairs_resolved_again: int
    rejects: pl.DataFrame
    """The articles left out of the files coded in this run, with their reasons."""


def code_landed_articles(
    connection: duckdb.DuckDBPyConnection,
    gazetteer: Gazetteer,
    watch_list: list[str],
    *,
    load_id: str,
    full_recode: bool = False,
) -> CodingRun:
    """Code the landed article files that are new or changed and remove the rows of those that
    left; every file again when `full_recode` (see the module doc)."""
    fingerprint = coder_fingerprint(settings.SEEDS_DIR, watch_list)
    digests = landed_article_digests(connection)
    changes = file_changes(digests, coded_article_files(connection), fingerprint, full_recode=full_recode)
    if changes.nothing_to_code:
        return CodingRun("nothing new to code", 0, 0, pl.DataFrame(schema=REJECTS_SCHEMA))
    reason = changes.full_recode_reason
    if reason is None:
        landed = landed_article_records(connection, changes.to_code)
        increment = code_increment(read_coded_corpus(connection), landed, changes, gazetteer, watch_list)
        if increment is not None:
            files = coded_file_rows(digests, changes.to_code, fingerprint)
            write_increment(connection, increment, changes, files, source_system=CODING_SOURCE_SYSTEM, load_id=load_id)
            return CodingRun(
                f"{len(changes.to_code):,} new or changed files coded, {len(changes.gone):,} removed",
                increment.articles_coded,
                increment.pairs_resolved_again,
                increment.frames.rejects,
            )
        reason = "an article coded before fails with the new ones"
    frames = process_articles(landed_article_records(connection), gazetteer, watch_list)
    files = coded_file_rows(digests, digests["source_file"].to_list(), fingerprint)
    replace_coded_tables(connection, frames, files, source_system=CODING_SOURCE_SYSTEM, load_id=load_id)
    return CodingRun(
        f"every file coded again: {reason}",
        frames.articles.height,
        resolution_bucket_count(frames.contact_reports),
        frames.rejects,
    )
