"""Every table the warehouse's writers fill, declared once: the audit tables, one raw table per
landing source (in the shape its reader gives, with `source_system`, `source_file` and `loaded_at`), and the
coded article tables in a schema of their own (in the shapes of the article pipeline's frames, with the
coder's bookkeeping of what it coded).

`declare_tables` creates each of them, empty and typed, whenever the warehouse is opened,
before anything has landed: dbt's staging models read a source with no files yet as an
empty table of the right columns, whichever loader runs first or not at all. A raw table
is a view over its folder of the lake (`loading.lake`), refreshed by `refresh_raw_view`
when its folder gains its first file or loses its last. A table whose columns differ from
its declaration (a warehouse built by an earlier version, or one whose raw tables were
tables inside DuckDB) is created again, and the manifest entries of the files it held are
removed so that they load again: the landing folder is the warehouse's record.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging

import duckdb
import polars as pl

from orchestration.coding import file_changes, frames
from orchestration.landing.sources import LANDING_SOURCES
from orchestration.loading import lake

LOG = logging.getLogger(__name__)

AUDIT_DDL = """
create schema if not exists audit;
create table if not exists audit.file_manifest (
    source_system varchar not null,
    source_file varchar not null,
    content_hash varchar,
    n_bytes bigint not null,
    status varchar not null,
    rows_loaded bigint not null,
    rows_quarantined bigint not null,
    loaded_at timestamp not null,
    modified_ns bigint,
    detail varchar,
    primary key (source_system, source_file)
);
create table if not exists audit.file_loads (
    load_id varchar not null,
    source_system varchar not null,
    source_file varchar not null,
    content_hash varchar,
    n_bytes bigint not null,
    rows_read bigint not null,
    rows_loaded bigint not null,
    rows_quarantined bigint not null,
    status varchar not null,
    detail varchar,
    loaded_at timestamp not null
);
create table if not exists audit.data_test_results (
    build_id varchar,
    test_name varchar,
    test_kind varchar,
    tested_node varchar,
    severity varchar,
    status varchar,
    failures bigint,
    message varchar,
    finished_at timestamp
);
create table if not exists audit.builds (
    build_id varchar primary key,
    scope varchar not null,
    inputs_fingerprint varchar not null,
    manifest_loaded_up_to timestamp,
    finished_at timestamp not null
);
create table if not exists audit.quarantine (
    load_id varchar not null,
    source_system varchar not null,
    source_file varchar not null,
    line_number bigint,
    reason varchar not null,
    raw_line varchar,
    quarantined_at timestamp not null
);
"""

# Warehouses built before these columns were declared gain them; the manifest's hash is
# null for a refused file, which is never read.
AUDIT_MIGRATIONS = """
alter table audit.file_manifest add column if not exists modified_ns bigint;
alter table audit.file_manifest add column if not exists detail varchar;
alter table audit.file_manifest alter column content_hash drop not null;
alter table audit.file_loads alter column content_hash drop not null;
"""

CODED_SCHEMA = "coded"
"""The article coder's tables: derived from `raw.articles` by the coder, not landed."""

ARTICLE_TEXTS = f"{CODED_SCHEMA}.article_texts"
ARTICLE_CONTACTS = f"{CODED_SCHEMA}.article_contacts"

CODED_ARTICLE_TABLES: dict[str, tuple[str, str]] = {
    ARTICLE_TEXTS: (
        "articles",
        "One row per article (a file can hold several): cleaned text, title, outlet, address, publication date, "
        "language, canonical article.",
    ),
    f"{CODED_SCHEMA}.article_sentences": (
        "sentences",
        "One row per sentence of an article, with its character offsets.",
    ),
    f"{CODED_SCHEMA}.article_actor_mentions": (
        "actor_mentions",
        "One row per gazetteer actor, institution or place named in a sentence.",
    ),
    f"{CODED_SCHEMA}.article_contact_reports": (
        "contact_reports",
        "One row per contact as one article reports it, with the sentence and quote.",
    ),
    ARTICLE_CONTACTS: ("contacts", "One row per real contact, its reports resolved across articles."),
    f"{CODED_SCHEMA}.article_tone": ("article_tone", "One row per article: VADER compound and GDELT-style tone."),
    f"{CODED_SCHEMA}.article_sentence_tone": (
        "sentence_tone",
        "One row per sentence naming two different countries, with both countries and its tone.",
    ),
}
"""Table → (the `ArticleFrames` field it holds, its description)."""

ARTICLE_FILES = f"{CODED_SCHEMA}.article_files"
ARTICLE_REPORT_INPUTS = f"{CODED_SCHEMA}.article_report_inputs"

CODING_BOOKKEEPING_TABLES: dict[str, dict] = {
    ARTICLE_FILES: {**file_changes.CODED_FILES_SCHEMA, "coded_at": pl.Datetime("us")},
    ARTICLE_REPORT_INPUTS: frames.REPORT_INPUTS_SCHEMA,
}
"""What the coder keeps to code the next articles alone, not read by dbt: each file coded, with
the digest of its records, the coder's fingerprint and the time; and each contact report as
resolution reads it (`report_inputs` of `ArticleFrames`)."""

_FRAME_SCHEMAS = {
    "articles": frames.ARTICLES_SCHEMA,
    "sentences": frames.SENTENCES_SCHEMA,
    "actor_mentions": frames.ACTOR_MENTIONS_SCHEMA,
    "contact_reports": frames.CONTACT_REPORTS_SCHEMA,
    "contacts": frames.CONTACTS_SCHEMA,
    "article_tone": frames.ARTICLE_TONE_SCHEMA,
    "sentence_tone": frames.SENTENCE_TONE_SCHEMA,
}


def raw_rows(rows: pl.DataFrame, source_system: str, source_file: str, loaded_at: dt.datetime) -> pl.DataFrame:
    """A reader's rows as a raw table holds them: the source system the landing registry gave their file and the
    file they came from first, the load time last. dbt reads the source system from here, never from a file name."""
    return rows.select(
        pl.lit(source_system).alias("source_system"),
        pl.lit(source_file).alias("source_file"),
        pl.all(),
        pl.lit(loaded_at).alias("loaded_at"),
    )


@functools.cache
def declared_shapes() -> dict[str, pl.DataFrame]:
    """Every declared table, raw and coded, as an empty frame of its columns and types."""
    shapes = {
        source.table: raw_rows(source.empty_rows(), "", "", dt.datetime(2000, 1, 1)).clear()
        for source in LANDING_SOURCES
    }
    shapes.update(
        {table: pl.DataFrame(schema=_FRAME_SCHEMAS[frame]) for table, (frame, _) in CODED_ARTICLE_TABLES.items()}
    )
    shapes.update({table: pl.DataFrame(schema=schema) for table, schema in CODING_BOOKKEEPING_TABLES.items()})
    return shapes


RAW_TABLES = frozenset(source.table for source in LANDING_SOURCES)
RAW_TABLE_OF_SYSTEM = {system: source.table for source in LANDING_SOURCES for system in source.source_systems}
"""The raw table each source system loads into."""


def _source_systems_of(table: str) -> list[str]:
    return [system for source in LANDING_SOURCES if source.table == table for system in source.source_systems]


def _drop_coded_tables_of_raw(connection: duckdb.DuckDBPyConnection) -> None:
    """Warehouses built before the coded tables had a schema of their own held them in `raw`:
    the coder no longer replaces those copies, so an analyst reading them would get stale rows
    unseen. They are dropped; the first build after codes the whole corpus again, as nothing is
    recorded in `coded.article_files` yet."""
    for table in CODED_ARTICLE_TABLES:
        former = f"raw.{table.split('.')[1]}"
        if former not in declared_shapes():
            connection.execute(f"drop table if exists {former}")


def declare_tables(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """Create every declared table that is missing, and again any whose columns differ from its
    declaration; settle the lake against the manifest (`lake.settle`); returns the tables created again."""
    connection.execute(AUDIT_DDL)
    connection.execute(AUDIT_MIGRATIONS)
    for schema in sorted({table.split(".")[0] for table in declared_shapes()}):
        connection.execute(f"create schema if not exists {schema}")
    _drop_coded_tables_of_raw(connection)
    existing = {
        f"{schema}.{table}": (columns, is_view)
        for schema, table, columns, is_view in connection.execute(
            """
            select c.schema_name, c.table_name, list(c.column_name || ' ' || c.data_type order by c.column_index),
                   bool_or(v.view_name is not null)
            from duckdb_columns() c
            left join duckdb_views() v
                on v.database_name = c.database_name and v.schema_name = c.schema_name and v.view_name = c.table_name
            where c.database_name = current_database() group by all
            """
        ).fetchall()
    }
    root = lake.lake_root(connection)
    rebuilt = []
    for table, shape in declared_shapes().items():
        is_raw = table in RAW_TABLES
        declared = _declared_columns(connection, shape)
        if existing.get(table) == ([f"{name} {kind}" for name, kind in declared], is_raw):
            continue
        connection.begin()
        try:
            if table in existing:
                rebuilt.append(table)
                connection.execute(f"drop {'view' if existing[table][1] else 'table'} {table}")
                connection.execute(
                    "delete from audit.file_manifest where list_contains(?, source_system)", [_source_systems_of(table)]
                )
            if not is_raw:
                connection.from_arrow(shape.to_arrow()).create(table)
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
    for table in rebuilt:
        LOG.warning("%s was built by an earlier version with other columns: created again, its files load again", table)
    for line in lake.settle(connection, root, RAW_TABLE_OF_SYSTEM):
        LOG.warning("lake settled after an interrupted load: %s", line)
    # Every raw view again, created or not above: the lake may have moved with the warehouse file.
    for table in RAW_TABLES:
        refresh_raw_view(connection, table)
    return rebuilt


def refresh_raw_view(connection: duckdb.DuckDBPyConnection, table: str) -> None:
    """The view of a raw table again, over its lake folder as it is now: wanted when the folder
    gained its first file or lost its last (a view over no file at all cannot read)."""
    root = lake.lake_root(connection)
    connection.execute(lake.raw_view_sql(table, root, _declared_columns(connection, declared_shapes()[table])))


def _declared_columns(connection: duckdb.DuckDBPyConnection, shape: pl.DataFrame) -> list[tuple[str, str]]:
    """(name, DuckDB type) of each column of a declared shape."""
    declared_table = connection.from_arrow(shape.to_arrow())
    return [(name, str(kind)) for name, kind in zip(declared_table.columns, declared_table.types, strict=True)]
