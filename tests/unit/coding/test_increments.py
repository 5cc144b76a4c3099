"""Articles coded as they arrive equal the corpus coded again in full: three batches of labelled
articles, a syndicated copy of an earlier article, a file changed and a file removed, each coded
into one warehouse incrementally and into another in full, table by table."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import polars as pl
import pytest

from orchestration.coding import analysis, increments
from orchestration.coding.gazetteer import Gazetteer
from orchestration.loading.coded_articles import FRAME_OF_TABLE
from orchestration.loading.coding_runs import CODING_SOURCE_SYSTEM, CodingRun, code_landed_articles
from orchestration.loading.tables import ARTICLE_FILES
from orchestration.loading.warehouse import connect

from .conftest import BUNDLED_ARTICLES, DEV_ARTICLES, FIXTURES, land_article_file, retire_article_file

REGIONAL_ARTICLES = FIXTURES / "articles" / "regional"
BATCHES = [
    [
        BUNDLED_ARTICLES / "001_f4b4218f1c84bb36.txt",
        BUNDLED_ARTICLES / "003_3a4f3107fe4dcffa.txt",
        BUNDLED_ARTICLES / "004_c01afbc7048889ef.txt",
        DEV_ARTICLES / "02.txt",
        DEV_ARTICLES / "05.txt",
        DEV_ARTICLES / "06.txt",
    ],
    [DEV_ARTICLES / f"{number}.txt" for number in ("07", "13", "14", "16", "17", "18")],
    [
        DEV_ARTICLES / "30.txt",
        *(REGIONAL_ARTICLES / f"{number}.txt" for number in ("46", "47", "48", "62", "63")),
    ],
]
"""18 labelled articles, many of them reporting the same Iraq–Syria contacts."""
CHANGED = "004_c01afbc7048889ef.txt"
REMOVED = "dev/14.txt"
COPY = "000_copy_of_001.txt"
"""A syndicated copy of 001 under a name that sorts first: on the same date it becomes the canonical article."""
KEPT_AS_CODED_AT = {ARTICLE_FILES: ["coded_at"]}


def source_file(path: Path) -> str:
    return path.name if path.parent == BUNDLED_ARTICLES else f"{path.parent.name}/{path.name}"


class Warehouses:
    """Two warehouses fed the same files: one coded incrementally, one coded in full on every run."""

    def __init__(self, folder: Path, gazetteer: Gazetteer, watch_list: list[str]):
        self.folder = folder
        self.gazetteer = gazetteer
        self.watch_list = watch_list
        self.incremental = connect(folder / "incremental.duckdb")
        self.full = connect(folder / "full.duckdb")

    def land(self, files: dict[str, Path]) -> None:
        """Files into `raw.articles` as the loader writes them: a file landed again replaces its rows."""
        for name, path in files.items():
            for connection in (self.incremental, self.full):
                land_article_file(connection, path, name)

    def retire(self, name: str) -> None:
        for connection in (self.incremental, self.full):
            retire_article_file(connection, name)

    def code(self, connection: duckdb.DuckDBPyConnection, *, full_recode: bool = False) -> CodingRun:
        return code_landed_articles(
            connection, self.gazetteer, self.watch_list, load_id="test", full_recode=full_recode
        )

    def code_both(self) -> CodingRun:
        """Code both warehouses, and assert that they hold the same rows; returns the incremental run."""
        run = self.code(self.incremental)
        self.code(self.full, full_recode=True)
        assert_same_tables(self.incremental, self.full)
        return run

    def close(self) -> None:
        self.incremental.close()
        self.full.close()


@pytest.fixture
def warehouses(tmp_path: Path, gazetteer: Gazetteer, watch_list: list[str]) -> Iterator[Warehouses]:
    both = Warehouses(tmp_path, gazetteer, watch_list)
    yield both
    both.close()


def coded_tables(connection: duckdb.DuckDBPyConnection) -> dict[str, pl.DataFrame]:
    """Every table the coder writes, with its quarantine rows, without the times of coding, rows sorted."""
    tables = {table: connection.sql(f"select * from {table}").pl() for table in [*FRAME_OF_TABLE, ARTICLE_FILES]}
    tables["audit.quarantine"] = connection.sql(
        "select source_file, line_number, reason, raw_line from audit.quarantine where source_system = $system",
        params={"system": CODING_SOURCE_SYSTEM},
    ).pl()
    return {table: frame.drop(KEPT_AS_CODED_AT.get(table, [])).pipe(_sorted_rows) for table, frame in tables.items()}


def _sorted_rows(frame: pl.DataFrame) -> pl.DataFrame:
    keys = [
        pl.col(name).cast(pl.List(pl.String)).list.join(",") if isinstance(dtype, pl.List) else pl.col(name)
        for name, dtype in frame.schema.items()
    ]
    return frame.sort(keys, nulls_last=True)


def assert_same_tables(incremental: duckdb.DuckDBPyConnection, full: duckdb.DuckDBPyConnection) -> None:
    coded_incrementally, coded_in_full = coded_tables(incremental), coded_tables(full)
    for table, frame in coded_in_full.items():
        assert coded_incrementally[table].equals(frame), f"{table} differs from the full re-code"


def test_articles_coded_as_they_arrive_equal_the_full_recode(warehouses: Warehouses, tmp_path: Path) -> None:
    warehouses.land({source_file(path): path for path in BATCHES[0]})
    first = warehouses.code_both()
    assert first.how.startswith("every file coded again: nothing was coded before")

    warehouses.land({source_file(path): path for path in BATCHES[1]})
    second = warehouses.code_both()
    assert second.how.startswith("6 new or changed files coded, 0 removed")
    assert second.articles_coded == 6 and second.pairs_resolved_again > 0

    changed = tmp_path / "changed.txt"
    original = (BUNDLED_ARTICLES / CHANGED).read_text(encoding="utf-8")
    changed.write_text(original[: len(original) * 3 // 5], encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text((BUNDLED_ARTICLES / "001_f4b4218f1c84bb36.txt").read_text(encoding="utf-8"), encoding="utf-8")
    warehouses.land({source_file(path): path for path in BATCHES[2]} | {CHANGED: changed, COPY: copy})
    warehouses.retire(REMOVED)
    third = warehouses.code_both()
    assert third.how.startswith("8 new or changed files coded, 1 removed")
    assert third.articles_coded == 8

    articles = warehouses.incremental.sql(
        "select source_file, canonical_article_id = article_id from coded.article_texts where source_file in "
        f"('{COPY}', '001_f4b4218f1c84bb36.txt') order by source_file"
    ).fetchall()
    assert articles == [(COPY, True), ("001_f4b4218f1c84bb36.txt", False)], "the earlier-named copy is canonical"
    assert warehouses.incremental.sql(
        f"select count(*) from coded.article_contact_reports where source_file = '{REMOVED}'"
    ).fetchall() == [(0,)]


def test_a_second_pass_with_nothing_new_changes_nothing(warehouses: Warehouses) -> None:
    warehouses.land({source_file(path): path for path in BATCHES[0] + BATCHES[1]})
    warehouses.code(warehouses.incremental)
    before = coded_tables(warehouses.incremental)
    coded_at = warehouses.incremental.sql(f"select * from {ARTICLE_FILES}").pl()

    run = warehouses.code(warehouses.incremental)

    assert (run.how, run.articles_coded, run.pairs_resolved_again) == ("nothing new to code", 0, 0)
    after = coded_tables(warehouses.incremental)
    assert all(after[table].equals(frame) for table, frame in before.items())
    assert warehouses.incremental.sql(f"select * from {ARTICLE_FILES}").pl().equals(coded_at)


def test_a_file_landed_again_with_the_same_records_is_not_coded_again(warehouses: Warehouses) -> None:
    warehouses.land({source_file(path): path for path in BATCHES[0]})
    warehouses.code(warehouses.incremental)
    warehouses.land({source_file(BATCHES[0][0]): BATCHES[0][0]})

    assert warehouses.code(warehouses.incremental).how == "nothing new to code"


def test_another_watch_list_or_a_request_codes_everything_again(warehouses: Warehouses) -> None:
    warehouses.land({source_file(path): path for path in BATCHES[0]})
    warehouses.code(warehouses.incremental)
    warehouses.watch_list = [*warehouses.watch_list, "GRC"]

    watched_more = warehouses.code(warehouses.incremental)
    asked = warehouses.code(warehouses.incremental, full_recode=True)

    assert (
        watched_more.how == "every file coded again: the coder's inputs changed (seeds, watch list, code or libraries)"
    )
    assert watched_more.articles_coded == 6
    assert asked.how == "every file coded again: a full re-code was asked for"
    assert warehouses.code(warehouses.incremental).how == "nothing new to code"


def test_an_arriving_article_the_coder_fails_on_is_quarantined_until_its_file_leaves(
    warehouses: Warehouses, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_code = analysis.code_article

    def failing_on_an_erbil_article(article_id, text, *arguments):
        if "Erbil" in text:
            raise ValueError("a sentence the coder cannot read")
        return real_code(article_id, text, *arguments)

    monkeypatch.setattr(analysis, "code_article", failing_on_an_erbil_article)
    warehouses.land({source_file(path): path for path in BATCHES[0]})
    warehouses.code_both()
    failing = next(path for path in BATCHES[1] if "Erbil" in path.read_text(encoding="utf-8"))
    warehouses.land({source_file(path): path for path in BATCHES[1]})

    run = warehouses.code_both()

    assert run.how.startswith("6 new or changed files coded")
    assert run.rejects.select("source_file", "reason").rows() == [
        (source_file(failing), "coding raised ValueError: a sentence the coder cannot read")
    ]
    warehouses.retire(source_file(failing))
    warehouses.code_both()
    assert warehouses.incremental.sql(
        "select count(*) from audit.quarantine where source_system = 'article_coding'"
    ).fetchall() == [(0,)]


def test_an_article_coded_before_that_fails_with_new_ones_makes_the_run_code_everything(
    warehouses: Warehouses, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouses.land({source_file(path): path for path in BATCHES[0]})
    warehouses.code_both()
    kept = warehouses.incremental.sql("select min(article_id) from coded.article_texts").fetchall()[0][0]
    monkeypatch.setattr(increments, "failing_rows", lambda *_: {kept: "contacts: a failed check"})
    warehouses.land({source_file(path): path for path in BATCHES[1]})

    run = warehouses.code_both()

    assert run.how == "every file coded again: an article coded before fails with the new ones"
    assert run.articles_coded == 12
