"""Every query in docs/analysts.md runs as written against the warehouse built from the sample."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PROJECT_ROOT, BuiltWarehouse

GUIDE = PROJECT_ROOT / "docs" / "analysts.md"
QUERIES = re.findall(r"```sql\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_guide_has_its_worked_queries() -> None:
    assert len(QUERIES) >= 8


@pytest.mark.parametrize("query", QUERIES, ids=[f"query_{number}" for number in range(1, len(QUERIES) + 1)])
def test_guide_query_runs_as_written(built_warehouse: BuiltWarehouse, query: str) -> None:
    built_warehouse.query(query)


def test_syria_israel_visit_records_are_found_by_the_guide(built_warehouse: BuiltWarehouse) -> None:
    query = next(q for q in QUERIES if "cameo_code in ('042', '043')" in q)
    rows = built_warehouse.query(query)
    assert rows
    assert {row[3] for row in rows} <= {"Make a visit", "Host a visit"}
    assert all(str(row[0]).startswith("2025-05") for row in rows)
