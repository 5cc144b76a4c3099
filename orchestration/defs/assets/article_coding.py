"""Articles coded into contacts: `raw.articles` and the gazetteer seeds in, the tables of schema
`coded` out."""

from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
from dagster_dbt import get_asset_key_for_model

from orchestration import settings
from orchestration.coding.gazetteer import SEED_FILES, load_gazetteer
from orchestration.coding.pipeline import process_articles
from orchestration.defs.assets.dbt import dbt_seeds
from orchestration.defs.assets.loaders import ARTICLES, loader_key
from orchestration.defs.resources import DUCKDB_WRITER_POOL, Warehouse
from orchestration.loading.derived_tables import replace_tables
from orchestration.loading.tables import ARTICLE_CONTACTS, ARTICLE_TEXTS, CODED_ARTICLE_TABLES

CODING_SOURCE_SYSTEM = "article_coding"
GAZETTEER_SEED_KEYS = [get_asset_key_for_model([dbt_seeds], Path(file_name).stem) for file_name in SEED_FILES.values()]
"""The seeds the coder reads, as CSV files from `dbt_project/seeds/`: the dependency is lineage and
staleness (a changed seed marks the coded tables stale), and it orders the seeds' build first."""


def _read_landed_articles(connection: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return connection.sql(f"select * exclude (loaded_at) from {ARTICLES.table} order by source_file, line_number").pl()


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            table.split("."),
            description=description,
            deps=[loader_key(ARTICLES), *GAZETTEER_SEED_KEYS],
            group_name="articles",
            kinds={"python", "duckdb"},
        )
        for table, (_, description) in CODED_ARTICLE_TABLES.items()
    ],
    pool=DUCKDB_WRITER_POOL,
)
def article_coding(context: dg.AssetExecutionContext, warehouse: Warehouse):
    """Clean, split and deduplicate the landed articles, match the gazetteer, code contacts, resolve
    them into real contacts, and score tone. The whole corpus is coded at once because one real
    contact is resolved across every article that reports it; the tables are replaced together.
    An article the coder fails on is left out and quarantined (source system `article_coding`)
    with the error or the failed check; the rest is coded."""
    gazetteer = load_gazetteer(settings.SEEDS_DIR)
    with warehouse.connection() as connection:
        frames = process_articles(_read_landed_articles(connection), gazetteer, settings.watch_list())
        tables = {table: getattr(frames, frame) for table, (frame, _) in CODED_ARTICLE_TABLES.items()}
        replace_tables(connection, tables, quarantine=(CODING_SOURCE_SYSTEM, context.run_id, frames.rejects))
    for reject in frames.rejects.iter_rows(named=True):
        context.log.warning(
            f"Article left out: {reject['source_file']} line {reject['line_number']}: {reject['reason']}"
        )
    occurred = frames.contacts.filter(pl.col("status") == "occurred")
    extra_metadata = {
        ARTICLE_TEXTS: {
            "articles_quarantined": frames.rejects.height,
            "duplicate_articles": int(frames.articles["is_duplicate"].sum()),
        },
        ARTICLE_CONTACTS: {
            "occurred_contacts": occurred.height,
            "planned_or_declined": frames.contacts.height - occurred.height,
        },
    }
    for table in CODED_ARTICLE_TABLES:
        yield dg.MaterializeResult(
            asset_key=table.split("."),
            metadata={"dagster/row_count": tables[table].height, **extra_metadata.get(table, {})},
        )
