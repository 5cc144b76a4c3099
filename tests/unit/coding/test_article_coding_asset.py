"""The article-coding asset codes what is new, says so in its metadata, and codes everything when asked."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb

from orchestration.defs.assets.article_coding import article_coding
from orchestration.defs.resources import Warehouse
from orchestration.loading.tables import ARTICLE_CONTACTS, ARTICLE_TEXTS
from orchestration.loading.warehouse import connect

from .conftest import BUNDLED_ARTICLES, land_article_file

TEXTS_KEY, CONTACTS_KEY = (dg.AssetKey(table.split(".")) for table in (ARTICLE_TEXTS, ARTICLE_CONTACTS))


def land(warehouse: Path, paths: list[Path]) -> None:
    connection = connect(warehouse)
    try:
        for path in paths:
            land_article_file(connection, path, path.name)
    finally:
        connection.close()


def materialized(warehouse: Path, *, full_recode: bool = False) -> dict[dg.AssetKey, dict]:
    result = dg.materialize(
        [article_coding],
        resources={"warehouse": Warehouse(path=str(warehouse))},
        run_config=dg.RunConfig({"article_coding": {"config": {"full_recode": full_recode}}}),
    )
    assert result.success
    return {
        event.asset_key: {
            name: value.value for name, value in event.step_materialization_data.materialization.metadata.items()
        }
        for event in result.get_asset_materialization_events()
    }


def test_the_asset_codes_new_files_alone_and_everything_when_asked(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    articles = sorted(BUNDLED_ARTICLES.glob("*.txt"))
    land(warehouse, articles[:3])
    first = materialized(warehouse)
    land(warehouse, articles[3:])

    second = materialized(warehouse)
    again = materialized(warehouse)
    asked = materialized(warehouse, full_recode=True)

    assert first[TEXTS_KEY]["articles_coded_this_run"] == 3
    assert second[TEXTS_KEY]["articles_coded_this_run"] == 2
    assert second[TEXTS_KEY]["coding"] == "2 new or changed files coded, 0 removed"
    assert second[TEXTS_KEY]["dagster/row_count"] == 5
    assert second[CONTACTS_KEY]["pairs_resolved_again"] > 0
    assert (again[TEXTS_KEY]["articles_coded_this_run"], again[CONTACTS_KEY]["pairs_resolved_again"]) == (0, 0)
    assert asked[TEXTS_KEY]["coding"] == "every file coded again: a full re-code was asked for"
    assert asked[TEXTS_KEY]["articles_coded_this_run"] == 5
    for key in (TEXTS_KEY, CONTACTS_KEY):
        assert second[key]["dagster/row_count"] == again[key]["dagster/row_count"] == asked[key]["dagster/row_count"]
    assert {"articles_quarantined", "duplicate_articles"} <= set(second[TEXTS_KEY])
    assert {"occurred_contacts", "planned_or_declined"} <= set(second[CONTACTS_KEY])
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        assert connection.sql("select count(*) from coded.article_files").fetchall() == [(5,)]
