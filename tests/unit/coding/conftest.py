"""Shared fixtures of the article-pipeline tests: the gazetteer, the bundled sample run
through the pipeline, and a way to code one text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl
import pytest

from orchestration import settings
from orchestration.coding.contacts import ContactReport, code_article
from orchestration.coding.frames import ArticleFrames
from orchestration.coding.gazetteer import Gazetteer, find_mentions, load_gazetteer
from orchestration.coding.pipeline import process_articles
from orchestration.coding.sentences import split_sentences
from orchestration.coding.tokens import tokenize
from orchestration.ingest.articles import (
    ARTICLE_RECORD_SCHEMA,
    SOURCE_SYSTEM,
    iter_article_batches,
    landed_records,
    page_records,
)
from orchestration.landing.inventory import LandedFile
from orchestration.landing.sources import landing_source
from orchestration.loading.landing_audit import retire_files
from orchestration.loading.replace_by_file import load_file

PROJECT_ROOT = Path(__file__).resolve().parents[3]
BUNDLED_ARTICLES = PROJECT_ROOT / "raw" / "articles"
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
DEV_ARTICLES = FIXTURES / "articles" / "dev"
RAW_SCHEMA = {"source_file": pl.String, **ARTICLE_RECORD_SCHEMA}


def land_article_file(connection: duckdb.DuckDBPyConnection, path: Path, name: str, load_id: str = "test") -> None:
    """A file into `raw.articles` as the loader lands it, under the name `name`; landed again, it replaces its rows."""
    status = path.stat()
    landed = LandedFile(path, name, status.st_size, status.st_mtime_ns)
    outcome = load_file(
        connection,
        table=landing_source("articles").table,
        source_system=SOURCE_SYSTEM,
        landed=landed,
        batches=iter_article_batches(path),
        load_id=load_id,
    )
    assert outcome.status == "loaded", outcome


def retire_article_file(connection: duckdb.DuckDBPyConnection, name: str) -> None:
    """A landed article file gone from the landing folder, as the landing audit retires it."""
    assert retire_files(connection, [(SOURCE_SYSTEM, name)], "test")


def raw_articles(paths: list[Path], names: list[str] | None = None) -> pl.DataFrame:
    """Rows of `raw.articles` for files, read as the landing asset reads them."""
    return landed_records(zip(names or [path.name for path in paths], paths, strict=True))


def raw_texts(texts: dict[str, str], file_format: str = "txt") -> pl.DataFrame:
    return page_records(texts, file_format)


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer(settings.SEEDS_DIR)


@pytest.fixture(scope="session")
def watch_list() -> list[str]:
    return settings.watch_list()


@pytest.fixture(scope="session")
def bundled(gazetteer: Gazetteer, watch_list: list[str]) -> ArticleFrames:
    """The five bundled articles of `raw/articles/` through the whole pipeline."""
    return process_articles(raw_articles(sorted(BUNDLED_ARTICLES.glob("*.txt"))), gazetteer, watch_list)


@pytest.fixture(scope="session")
def code(gazetteer: Gazetteer) -> Callable[[str, dt.date | None], list[ContactReport]]:
    """Code one clean text as the pipeline codes an article's text."""

    def coded(text: str, published: dt.date | None = None) -> list[ContactReport]:
        tokens = tokenize(text)
        mentions = find_mentions(text, tokens, gazetteer, published)
        return code_article("test", text, tokens, split_sentences(text), mentions, published, gazetteer)

    return coded
