"""Every SQL and Python example of README.md and docs/analysts.md runs as written on a build of the
bundled sample: the README's and the guide's mart queries on the snapshot readers open, the guide's
queries behind the numbers on the warehouse. `make sql` opens the snapshot read-only."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT, BuiltWarehouse

README = PROJECT_ROOT / "README.md"
GUIDE = PROJECT_ROOT / "docs" / "analysts.md"
WAREHOUSE_SECTION = "## Behind the numbers: the warehouse"
"""The guide's section on the warehouse: its examples read `intermediate` and `audit`, which only the warehouse holds."""
DOCUMENTED_SNAPSHOT = "warehouse/dyadwatch_snapshot.duckdb"
DOCUMENTED_WAREHOUSE = "warehouse/dyadwatch.duckdb"


@dataclass(frozen=True)
class Example:
    document: str
    number: int
    language: str
    code: str
    on_warehouse: bool

    @property
    def name(self) -> str:
        return f"{self.document}_{self.language}_{self.number}"


def _examples(path: Path, language: str) -> list[Example]:
    text = path.read_text(encoding="utf-8")
    warehouse_from = text.index(WAREHOUSE_SECTION) if WAREHOUSE_SECTION in text else len(text)
    return [
        Example(path.name, number, language, match.group(1), on_warehouse=match.start() > warehouse_from)
        for number, match in enumerate(re.finditer(rf"```{language}\n(.*?)```", text, flags=re.DOTALL), start=1)
    ]


README_QUERIES = _examples(README, "sql")
GUIDE_QUERIES = _examples(GUIDE, "sql")
PYTHON_EXAMPLES = _examples(README, "python") + _examples(GUIDE, "python")


def _guide_query(fragment: str) -> str:
    return next(example.code for example in GUIDE_QUERIES if fragment in example.code)


def _run(built_warehouse: BuiltWarehouse, example: Example) -> list[tuple]:
    if example.on_warehouse:
        return built_warehouse.query(example.code)
    return built_warehouse.query_snapshot(example.code)


def test_the_docs_have_their_examples() -> None:
    assert len(README_QUERIES) == 1
    assert len(GUIDE_QUERIES) >= 19
    assert sum(example.on_warehouse for example in GUIDE_QUERIES) == 9
    assert {example.document for example in PYTHON_EXAMPLES} == {"README.md", "analysts.md"}


@pytest.mark.parametrize("example", README_QUERIES + GUIDE_QUERIES, ids=lambda example: example.name)
def test_documented_query_runs_as_written(built_warehouse: BuiltWarehouse, example: Example) -> None:
    _run(built_warehouse, example)


@pytest.mark.parametrize("example", PYTHON_EXAMPLES, ids=lambda example: example.name)
def test_documented_python_runs_as_written(built_warehouse: BuiltWarehouse, example: Example) -> None:
    assert DOCUMENTED_SNAPSHOT in example.code or DOCUMENTED_WAREHOUSE in example.code
    code = example.code.replace(DOCUMENTED_SNAPSHOT, str(built_warehouse.snapshot)).replace(
        DOCUMENTED_WAREHOUSE, str(built_warehouse.path)
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    output = result.stdout
    assert "int128" not in output
    if example.document == "README.md":
        assert re.search(r"records\s.*mentions", output) and "int64" in output
        assert not re.search(r"│ SYR\s+│ SYR\s+│", output)
    else:
        assert "gdelt_v2" in output and "articles" in output


def test_the_readme_query_lists_the_syria_israel_interactions_of_the_sample(built_warehouse: BuiltWarehouse) -> None:
    rows = built_warehouse.query_snapshot(README_QUERIES[0].code)
    assert {row[0] for row in rows} == {dt.date(2018, 1, 1), dt.date(2018, 3, 26), dt.date(2025, 5, 11)}
    assert (dt.date(2025, 5, 11), "gdelt_v2", "ISR", "SYR", 1, "CONSULT", 1, 2, 4) in rows
    assert (dt.date(2018, 3, 26), "gdelt_v2", "SYR", "ISR", 3, "ACCUSE", 2, 4, 20) in rows


def test_the_guide_leaves_domestic_events_out_of_syrias_relations(built_warehouse: BuiltWarehouse) -> None:
    rows = built_warehouse.query_snapshot(_guide_query("cooperative_share"))
    assert rows
    assert all(actor1 != actor2 for _, actor1, actor2, *_ in rows)
    assert ("gdelt_v2", "SYR", "SYR") not in {row[:3] for row in rows}


def test_the_guide_splits_each_countrys_events_into_domestic_and_toward_other_states(
    built_warehouse: BuiltWarehouse,
) -> None:
    rows = {
        (source, country): (domestic, other)
        for source, country, domestic, other in built_warehouse.query_snapshot(_guide_query("domestic_events"))
    }
    assert rows[("gdelt_v2", "USA")] == (77, 148)
    assert rows[("gdelt_v2", "SYR")] == (1, 9)
    assert rows[("gdelt_v2", "JOR")] == (0, 11)
    totals = dict(
        built_warehouse.query_snapshot(
            "select actor1_country, sum(n_events)::bigint from marts.dyad_interactions_daily"
            " where source_system = 'gdelt_v2' group by all"
        )
    )
    for (source, country), (domestic, other) in rows.items():
        if source == "gdelt_v2":
            assert domestic + other == totals[country], country


def test_syria_israel_visit_records_are_found_by_the_guide(built_warehouse: BuiltWarehouse) -> None:
    rows = built_warehouse.query(_guide_query("cameo_code in ('042', '043')"))
    assert rows
    assert {row[3] for row in rows} <= {"Make a visit", "Host a visit"}
    assert all(str(row[0]).startswith("2025-05") for row in rows)


def test_the_guide_reads_the_iraq_syria_visits_by_direction(built_warehouse: BuiltWarehouse) -> None:
    rows = {
        (str(month)[:7], kind): (iraq_to_syria, syria_to_iraq)
        for month, kind, _, iraq_to_syria, syria_to_iraq, _, _ in built_warehouse.query_snapshot(
            _guide_query("iraq_to_syria")
        )
    }
    assert rows[("2024-12", "visit")] == (1, 0)
    assert rows[("2025-03", "visit")] == (0, 1)


def test_the_guide_finds_the_three_reports_behind_the_december_visit(built_warehouse: BuiltWarehouse) -> None:
    rows = built_warehouse.query_snapshot(_guide_query("date '2024-12-31'"))
    assert len(rows) == 3
    assert all(quote in sentence for *_, quote, sentence in rows)


@pytest.mark.parametrize("database", ["warehouse", "snapshot"])
def test_every_count_in_the_marts_is_a_bigint(built_warehouse: BuiltWarehouse, database: str) -> None:
    path = built_warehouse.path if database == "warehouse" else built_warehouse.snapshot
    with duckdb.connect(str(path), read_only=True) as connection:
        columns = connection.execute(
            "select table_name, column_name, data_type from information_schema.columns where table_schema = 'marts'"
        ).fetchall()
    assert [column for column in columns if column[2] in ("HUGEINT", "UHUGEINT")] == []
    counts = {(table, column): data_type for table, column, data_type in columns if column.startswith("n_")}
    assert ("dyad_interactions_daily", "n_events") in counts and ("fct_contacts", "n_reports") in counts
    assert {key: data_type for key, data_type in counts.items() if data_type != "BIGINT"} == {}


def _make_sql(built_warehouse: BuiltWarehouse, sql: str) -> subprocess.CompletedProcess:
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "DYADWATCH_SNAPSHOT")
    }
    environment["DYADWATCH_WAREHOUSE"] = str(built_warehouse.path)
    return subprocess.run(
        ["make", "-s", "sql"],
        cwd=PROJECT_ROOT,
        env=environment,
        input=sql,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_make_sql_reads_the_snapshot_and_leaves_it_as_it_was(built_warehouse: BuiltWarehouse) -> None:
    before = _digest(built_warehouse.snapshot)
    result = _make_sql(
        built_warehouse,
        ".mode csv\n"
        "select count(*) as domestic_rows from marts.dyad_interactions_daily where is_domestic;\n"
        "create table marts.scratch as select 1 as one;\n",
    )
    lines = result.stdout.splitlines()
    assert "domestic_rows" in lines, result.stdout + result.stderr
    assert lines[lines.index("domestic_rows") + 1] == "75"
    assert "attached in read-only mode" in result.stderr
    assert str(built_warehouse.snapshot) in result.stderr
    assert _digest(built_warehouse.snapshot) == before
