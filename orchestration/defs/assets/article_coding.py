"""Articles coded into contacts: `raw.articles` in, the article tables of `raw` out."""

import dagster as dg
import duckdb
import polars as pl

from orchestration import settings
from orchestration.defs.assets.articles import ARTICLES_KEY
from orchestration.defs.resources import DUCKDB_WRITER_POOL, Warehouse
from orchestration.text.gazetteer import load_gazetteer
from orchestration.text.pipeline import process_articles
from orchestration.warehouse.loading import replace_tables

CODING_SOURCE_SYSTEM = "article_coding"

ARTICLE_TABLES: dict[str, str] = {
    "article_texts": "One row per article (a file can hold several): cleaned text, title, outlet, address, publication date, language, canonical article.",
    "article_sentences": "One row per sentence of an article, with its character offsets.",
    "article_actor_mentions": "One row per gazetteer actor, institution or place named in a sentence.",
    "article_contact_reports": "One row per contact as one article reports it, with the sentence and quote.",
    "article_contacts": "One row per real contact, its reports resolved across articles.",
    "article_tone": "One row per article: VADER compound and GDELT-style tone.",
    "article_sentence_tone": "One row per sentence naming two different countries, with both countries and its tone.",
}

_FRAME_OF_TABLE = {
    "article_texts": "articles",
    "article_sentences": "sentences",
    "article_actor_mentions": "actor_mentions",
    "article_contact_reports": "contact_reports",
    "article_contacts": "contacts",
    "article_tone": "article_tone",
    "article_sentence_tone": "sentence_tone",
}


def _read_landed_articles(connection: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return connection.sql(
        "select source_file, content_hash, n_bytes, file_format, text from raw.articles order by source_file"
    ).pl()


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", table], description=description, deps=[ARTICLES_KEY], group_name="articles", kinds={"python", "duckdb"})
        for table, description in ARTICLE_TABLES.items()
    ],
    pool=DUCKDB_WRITER_POOL,
)
def article_coding(context: dg.AssetExecutionContext, warehouse: Warehouse):
    """Clean, split and deduplicate the landed articles, match the gazetteer, code contacts, resolve
    them into real contacts, and score tone. The whole corpus is coded at once because one real
    contact is resolved across every article that reports it; the tables are replaced together."""
    gazetteer = load_gazetteer(settings.DBT_PROJECT_DIR / "seeds")
    with warehouse.connection() as connection:
        frames = process_articles(_read_landed_articles(connection), gazetteer, settings.watch_list())
        tables = {f"raw.{table}": getattr(frames, frame) for table, frame in _FRAME_OF_TABLE.items()}
        replace_tables(connection, tables, quarantine=(CODING_SOURCE_SYSTEM, context.run_id, frames.rejects))
    occurred = frames.contacts.filter(pl.col("status") == "occurred")
    extra_metadata = {
        "article_texts": {"articles_quarantined": frames.rejects.height, "duplicate_articles": int(frames.articles["is_duplicate"].sum())},
        "article_contacts": {"occurred_contacts": occurred.height, "planned_or_declined": frames.contacts.height - occurred.height},
    }
    for table in ARTICLE_TABLES:
        yield dg.MaterializeResult(
            asset_key=["raw", table],
            metadata={"dagster/row_count": tables[f"raw.{table}"].height, **extra_metadata.get(table, {})},
        )
