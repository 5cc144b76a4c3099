"""Articles coded into contacts: `raw.articles` and the gazetteer seeds in, the tables of schema
`coded` out."""

from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import get_asset_key_for_model

from orchestration import settings
from orchestration.coding.gazetteer import SEED_FILES, load_gazetteer
from orchestration.defs.assets.dbt import dbt_seeds
from orchestration.defs.assets.loaders import ARTICLES, loader_key
from orchestration.defs.resources import DUCKDB_WRITER_POOL, Warehouse
from orchestration.loading.coding_runs import CODING_SOURCE_SYSTEM, code_landed_articles
from orchestration.loading.tables import ARTICLE_CONTACTS, ARTICLE_TEXTS, CODED_ARTICLE_TABLES

GAZETTEER_SEED_KEYS = [get_asset_key_for_model([dbt_seeds], Path(file_name).stem) for file_name in SEED_FILES.values()]
"""The seeds the coder reads, as CSV files from `dbt_project/seeds/`: the dependency is lineage and
staleness (a changed seed marks the coded tables stale), and it orders the seeds' build first."""


class ArticleCodingConfig(dg.Config):
    full_recode: bool = False
    """Code every landed article again, whatever the coded tables hold."""


def _table_facts(connection: duckdb.DuckDBPyConnection) -> dict[str, dict[str, int]]:
    """Each coded table's rows, and the counts the build's summary shows."""
    facts = {
        table: {"dagster/row_count": connection.execute(f"select count(*) from {table}").fetchone()[0]}
        for table in CODED_ARTICLE_TABLES
    }
    quarantined, duplicates, occurred = connection.execute(
        f"""
        select
            (select count(*) from audit.quarantine where source_system = ?),
            (select count(*) from {ARTICLE_TEXTS} where is_duplicate),
            (select count(*) from {ARTICLE_CONTACTS} where status = 'occurred')
        """,
        [CODING_SOURCE_SYSTEM],
    ).fetchone()
    facts[ARTICLE_TEXTS].update({"articles_quarantined": quarantined, "duplicate_articles": duplicates})
    contacts = facts[ARTICLE_CONTACTS]["dagster/row_count"]
    facts[ARTICLE_CONTACTS].update({"occurred_contacts": occurred, "planned_or_declined": contacts - occurred})
    return facts


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
def article_coding(context: dg.AssetExecutionContext, config: ArticleCodingConfig, warehouse: Warehouse):
    """Clean, split and deduplicate the landed articles, match the gazetteer, code contacts, resolve
    them into real contacts, and score tone. Only the article files that are new or changed since
    the last run are coded, and the rows of files that left are removed; the contacts of the
    pairs their reports touch are resolved again, across every article that reports them (see
    `coding/increments.py`). Everything is coded again when the config asks (`full_recode`) or
    the seeds, the watch list or the coder changed. An article the coder fails on is left out
    and quarantined (source system `article_coding`) with the error or the failed check.
    Metadata: `articles_coded_this_run`, `pairs_resolved_again` (kinds of contact between
    given states whose contacts were resolved again)."""
    gazetteer = load_gazetteer(settings.SEEDS_DIR)
    with warehouse.connection() as connection:
        run = code_landed_articles(
            connection, gazetteer, settings.watch_list(), load_id=context.run_id, full_recode=config.full_recode
        )
        facts = _table_facts(connection)
    context.log.info(f"Article coding: {run.how}")
    for reject in run.rejects.iter_rows(named=True):
        context.log.warning(
            f"Article left out: {reject['source_file']} line {reject['line_number']}: {reject['reason']}"
        )
    facts[ARTICLE_TEXTS].update({"articles_coded_this_run": run.articles_coded, "coding": run.how})
    facts[ARTICLE_CONTACTS]["pairs_resolved_again"] = run.pairs_resolved_again
    for table in CODED_ARTICLE_TABLES:
        yield dg.MaterializeResult(asset_key=table.split("."), metadata=facts[table])
