"""Every query in docs/analysts.md runs as written against the warehouse built from the sample."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PROJECT_ROOT, BuiltWarehouse

GUIDE = PROJECT_ROOT / "docs" / "analysts.md"
QUERIES = re.findall(r"```sql\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_guide_has_its_worked_queries() -> None:
    assert len(QUERIES) >= 13


@pytest.mark.parametrize("query", QUERIES, ids=[f"query_{number}" for number in range(1, len(QUERIES) + 1)])
def test_guide_query_runs_as_written(built_warehouse: BuiltWarehouse, query: str) -> None:
    built_warehouse.query(query)


def test_syria_israel_visit_records_are_found_by_the_guide(built_warehouse: BuiltWarehouse) -> None:
    query = next(q for q in QUERIES if "cameo_code in ('042', '043')" in q)
    rows = built_warehouse.query(query)
    assert rows
    assert {row[3] for row in rows} <= {"Make a visit", "Host a visit"}
    assert all(str(row[0]).startswith("2025-05") for row in rows)


def test_the_guide_reads_the_iraq_syria_visits_by_direction(built_warehouse: BuiltWarehouse) -> None:
    query = next(q for q in QUERIES if "iraq_to_syria" in q)
    rows = {(str(month)[:7], kind): (iraq_to_syria, syria_to_iraq) for month, kind, _, iraq_to_syria, syria_to_iraq, _, _ in built_warehouse.query(query)}
    assert rows[("2024-12", "visit")] == (1, 0)
    assert rows[("2025-03", "visit")] == (0, 1)


def test_the_guide_finds_the_three_reports_behind_the_december_visit(built_warehouse: BuiltWarehouse) -> None:
    query = next(q for q in QUERIES if "The sentence behind" in GUIDE.read_text() and "reports.quote" in q and "date '2024-12-31'" in q)
    rows = built_warehouse.query(query)
    assert len(rows) == 3
    assert all(quote in sentence for *_, quote, sentence in rows)
