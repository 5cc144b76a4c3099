"""The coded article tables as the article coder reads and writes them.

Read: a digest of each landed article file's records, the records of the files to code, the
coder's record of the files it coded (`coded.article_files`) and what coding more articles
reads of the coded tables. Written, each in one transaction: after a full re-code every
coded table replaced whole; after an increment, the rows that leave deleted and the rows
that enter inserted, table by table. Readers see the tables before or after, never between.
"""

from __future__ import annotations

import duckdb
import polars as pl

from orchestration.coding.file_changes import FileChanges
from orchestration.coding.frames import ArticleFrames
from orchestration.coding.increments import CodedCorpus, CodingIncrement
from orchestration.ingest.articles import ARTICLE_RECORD_SCHEMA
from orchestration.loading.derived_tables import replace_tables
from orchestration.loading.quarantine import insert_quarantine, quarantine_rows
from orchestration.loading.tables import (
    ARTICLE_FILES,
    ARTICLE_REPORT_INPUTS,
    ARTICLE_TEXTS,
    CODED_ARTICLE_TABLES,
    CODED_SCHEMA,
)
from orchestration.loading.warehouse import relation, utc_now

ARTICLES_TABLE = "raw.articles"
FRAME_OF_TABLE = {
    **{table: frame for table, (frame, _) in CODED_ARTICLE_TABLES.items()},
    ARTICLE_REPORT_INPUTS: "report_inputs",
}
"""Every coded table the coder writes from `ArticleFrames`, with the frame it holds."""
_CONTACT_REPORTS = f"{CODED_SCHEMA}.article_contact_reports"
_CONTACTS = f"{CODED_SCHEMA}.article_contacts"
_RECORD_FIELDS = ", ".join(ARTICLE_RECORD_SCHEMA)


def landed_article_digests(connection: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row per landed article file: `source_file` and a digest of its records' fields (not of
    their load time), so a file loaded again with the same records is not coded again."""
    return connection.sql(
        f"""
        select
            source_file,
            md5(string_agg(md5(to_json(struct_pack({_RECORD_FIELDS}))), ',' order by line_number))
                as records_digest
        from {ARTICLES_TABLE}
        group by source_file
        order by source_file
        """
    ).pl()


def landed_article_records(connection: duckdb.DuckDBPyConnection, files: list[str] | None = None) -> pl.DataFrame:
    """The article records of `files` (every landed file when None), as the article pipeline reads them."""
    only = "" if files is None else "where list_contains($files, source_file)"
    return connection.sql(
        f"select * exclude (loaded_at) from {ARTICLES_TABLE} {only} order by source_file, line_number",
        params=None if files is None else {"files": files},
    ).pl()


def coded_article_files(connection: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return connection.sql(f"select source_file, records_digest, coder_fingerprint from {ARTICLE_FILES}").pl()


def read_coded_corpus(connection: duckdb.DuckDBPyConnection) -> CodedCorpus:
    return CodedCorpus(
        articles=connection.sql(f"select * from {ARTICLE_TEXTS}").pl(),
        sentences=connection.sql(f"select * from {CODED_SCHEMA}.article_sentences").pl(),
        report_contacts=connection.sql(f"select report_id, contact_id from {_CONTACT_REPORTS}").pl(),
        report_inputs=connection.sql(f"select * from {ARTICLE_REPORT_INPUTS}").pl(),
    )


def replace_coded_tables(
    connection: duckdb.DuckDBPyConnection,
    frames: ArticleFrames,
    files: pl.DataFrame,
    *,
    source_system: str,
    load_id: str,
) -> None:
    """Every coded table replaced by `frames`, the coded files by `files`, and the source system's
    quarantine by `frames.rejects`."""
    tables = {table: getattr(frames, frame) for table, frame in FRAME_OF_TABLE.items()}
    tables[ARTICLE_FILES] = _stamped(files)
    replace_tables(connection, tables, quarantine=(source_system, load_id, frames.rejects))


def write_increment(
    connection: duckdb.DuckDBPyConnection,
    increment: CodingIncrement,
    changes: FileChanges,
    files: pl.DataFrame,
    *,
    source_system: str,
    load_id: str,
) -> None:
    """The rows of `increment` written: per-article rows (stored reports included) of the changed and
    removed files out, those of the files coded now in; re-linked articles, and reports and contacts
    resolved again, replaced; the coded files and their quarantined articles replaced by `files`
    and the rejects."""
    leaving_articles = sorted(increment.articles_leaving)
    frames = increment.frames
    connection.begin()
    try:
        for table, frame in FRAME_OF_TABLE.items():
            if table == _CONTACT_REPORTS:
                _delete_where_in(connection, table, "report_id", sorted(increment.reports_leaving))
            elif table == _CONTACTS:
                _delete_where_in(connection, table, "contact_id", sorted(increment.contacts_leaving))
            elif table == ARTICLE_TEXTS:
                _delete_where_in(
                    connection, table, "article_id", sorted(increment.articles_leaving | increment.articles_rewritten)
                )
            else:
                _delete_where_in(connection, table, "article_id", leaving_articles)
            _insert(connection, table, getattr(frames, frame))
        _delete_where_in(connection, ARTICLE_FILES, "source_file", changes.replaced)
        _insert(connection, ARTICLE_FILES, _stamped(files))
        connection.execute(
            "delete from audit.quarantine where source_system = $system and list_contains($files, source_file)",
            {"system": source_system, "files": changes.replaced},
        )
        if frames.rejects.height:
            insert_quarantine(connection, quarantine_rows(frames.rejects, load_id, source_system, utc_now()))
        connection.commit()
    except BaseException:
        connection.rollback()
        raise


def _stamped(files: pl.DataFrame) -> pl.DataFrame:
    return files.with_columns(pl.lit(utc_now()).cast(pl.Datetime("us")).alias("coded_at"))


def _delete_where_in(connection: duckdb.DuckDBPyConnection, table: str, column: str, values: list[str]) -> None:
    if not values:
        return
    leaving_keys = relation(connection, pl.DataFrame({"key": values}, schema={"key": pl.String}))
    connection.execute(f"delete from {table} where {column} in (select key from leaving_keys)")
    del leaving_keys


def _insert(connection: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    if not frame.height:
        return
    entering_rows = relation(connection, frame)
    connection.execute(f"insert into {table} by name select * from entering_rows")
    del entering_rows
