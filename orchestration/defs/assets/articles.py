"""Article files from `<landing>/articles/` into `raw.articles`."""

from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import polars as pl

from orchestration.defs.assets.loading import load_report, row_balance_check_spec
from orchestration.defs.resources import DUCKDB_WRITER_POOL, LandingZone, Warehouse
from orchestration.sources.articles import ARTICLE_PATTERNS, read_article_file
from orchestration.sources.landed import ReadResult
from orchestration.warehouse.loading import LandedFile, landed_files, load_source

ARTICLES_KEY = ["raw", "articles"]
SOURCE_SYSTEM = "articles"


@dg.asset(
    key=ARTICLES_KEY,
    group_name="articles",
    kinds={"python", "duckdb"},
    pool=DUCKDB_WRITER_POOL,
    check_specs=[row_balance_check_spec(ARTICLES_KEY)],
)
def articles(context: dg.AssetExecutionContext, warehouse: Warehouse, landing: LandingZone):
    """Landed article files, one row per file: `source_file`, `content_hash`, `n_bytes`, `file_format`, `text`."""
    source_dir = landing.folder("articles")
    files = {landed.path: landed for landed in landed_files(source_dir, ARTICLE_PATTERNS)}

    def read_with_fingerprint(path: Path) -> Iterator[ReadResult]:
        landed: LandedFile = files[path]
        result = read_article_file(path)
        rows = result.rows.select(
            pl.lit(landed.content_hash).alias("content_hash"),
            pl.lit(landed.n_bytes).alias("n_bytes"),
            pl.all(),
        )
        yield ReadResult(rows=rows, rejects=result.rejects, rows_read=result.rows_read)

    with warehouse.connection() as connection:
        outcomes = load_source(
            connection,
            table="raw.articles",
            source_system=SOURCE_SYSTEM,
            files=list(files.values()),
            read_batches=read_with_fingerprint,
            load_id=context.run_id,
        )
        metadata, check = load_report(connection, "raw.articles", (SOURCE_SYSTEM,), outcomes)
    yield dg.MaterializeResult(metadata=metadata)
    yield check
