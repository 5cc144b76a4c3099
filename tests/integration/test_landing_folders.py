"""`make run`'s main job on the landing folders users have: empty, each data kind alone, broken
files, hostile names, overlapping exports. Each folder is built as `make run` builds it (the
landing audit, every GDELT day, the rest, then the table counts), into a warehouse of its own,
in two worker processes side by side; every case must build every mart."""

from __future__ import annotations

import multiprocessing
import re
import shutil
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from orchestration.loading.tables import declared_shapes
from tests.conftest import BUNDLED_RAW, PROJECT_ROOT
from tests.integration.landing_cases import build_case

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
ARTICLE_FOLDERS = (BUNDLED_RAW / "articles", FIXTURES / "articles" / "dev", FIXTURES / "articles" / "regional")
MARTS = 14


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)


def _articles(raw: Path) -> None:
    for folder in ARTICLE_FOLDERS:
        for path in folder.glob("*.txt"):
            _copy(path, raw / "articles" / folder.name / path.name)
    for path in (FIXTURES / "articles" / "formats").iterdir():
        _copy(path, raw / "articles" / "formats" / path.name)


def _bundled(subfolder: str, pattern: str = "*") -> Callable[[Path], None]:
    def land(raw: Path) -> None:
        for path in (BUNDLED_RAW / subfolder).glob(pattern):
            _copy(path, raw / subfolder / path.name)

    return land


def _acled(raw: Path) -> None:
    for path in [*(FIXTURES / "acled").glob("*.csv"), *(FIXTURES / "acled" / "irregular").glob("*.csv")]:
        _copy(path, raw / "acled" / path.name)


def _polecat(raw: Path) -> None:
    for path in (FIXTURES / "polecat").iterdir():
        if path.suffix in (".csv", ".txt"):
            _copy(path, raw / "polecat" / path.name)


def _broken(raw: Path) -> None:
    events = raw / "gdelt" / "events"
    events.mkdir(parents=True)
    (events / "20250101000000.export.CSV").write_text("not\ta\tgdelt\tfile\n")
    (events / "20250101001500.export.CSV.zip").write_bytes(bytes(range(256)) + b"PK\x03\x04")
    (events / "20990101000000.export.CSV").write_bytes(
        (BUNDLED_RAW / "gdelt" / "events" / "20150218230000.export.CSV").read_bytes()
    )
    (events / "20180326044500 copy.export.CSV").write_bytes(b"x\n")
    (events / "empty.export.CSV").write_bytes(b"")
    (raw / "articles").mkdir()
    (raw / "articles" / "garbage.txt").write_bytes(bytes(range(128, 256)) * 3)
    (raw / "articles" / "empty.txt").write_bytes(b"")
    (raw / "articles" / "passwd.txt").symlink_to("/etc/passwd")
    (raw / "acled").mkdir()
    (raw / "acled" / "not_acled.csv").write_text("a,b,c\n1,2,3\n")
    (raw / "README.txt").write_text("files land in the folders below\n")


OVERLAP_LINES = 400


def _overlapping(raw: Path) -> None:
    """A real export, and a re-issued copy of its first lines under a later slot's name (other bytes)."""
    events = raw / "gdelt" / "events"
    original = BUNDLED_RAW / "gdelt" / "events" / "20180326044500.export.CSV"
    _copy(original, events / original.name)
    lines = original.read_text(encoding="utf-8").splitlines(keepends=True)
    reissued = [line.replace("\t20180326044500\t", "\t20180326050000\t") for line in lines[:OVERLAP_LINES]]
    (events / "20180326050000.export.CSV").write_text("".join(reissued), encoding="utf-8")


CASES: dict[str, Callable[[Path], None]] = {
    "empty": lambda _raw: None,
    "articles": _articles,
    "gdelt_events": _bundled("gdelt/events", "20180326044500.export.CSV"),
    "translingual": _bundled("gdelt/events", "*.translation.*"),
    "mentions": _bundled("gdelt/mentions"),
    "gkg": _bundled("gdelt/gkg"),
    "gdelt_v1": _bundled("gdelt/v1_events"),
    "acled": _acled,
    "polecat": _polecat,
    "broken": _broken,
    "overlapping": _overlapping,
}


@dataclass
class Built:
    raw: Path
    warehouse: Path
    succeeded: list[bool]
    output: str

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as connection:
            return connection.execute(sql).fetchall()

    def count(self, table: str, where: str = "true") -> int:
        return self.query(f"select count(*) from {table} where {where}")[0][0]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    folders = {}
    for name, land in CASES.items():
        folder = tmp_path_factory.mktemp(name)
        (folder / "raw").mkdir()
        land(folder / "raw")
        folders[name] = folder
    warehouses = {name: folder / "warehouse" / "dyadwatch.duckdb" for name, folder in folders.items()}
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        outcomes = pool.map(build_case, [folder / "raw" for folder in folders.values()], warehouses.values())
        return {
            name: Built(folders[name] / "raw", warehouses[name], succeeded, output)
            for name, (succeeded, output) in zip(folders, outcomes, strict=True)
        }


CHARTED_CASES = {"articles", "gdelt_events", "overlapping"}
"""Cases whose files hold pairs of watched countries: their report draws charts."""


@pytest.mark.parametrize("case", list(CASES))
def test_every_case_builds_every_mart_and_prints_its_counts(built: dict[str, Built], case: str) -> None:
    result = built[case]

    assert result.succeeded and all(result.succeeded), result.output[-3000:]
    assert result.output.count("  marts.") == MARTS
    assert result.count("information_schema.tables", "table_schema = 'marts'") == MARTS
    for table in declared_shapes():
        schema, name = table.split(".")
        assert result.count("information_schema.tables", f"table_schema = '{schema}' and table_name = '{name}'") == 1, (
            table
        )
    assert result.query("select count(*) from audit.file_loads where rows_read <> rows_loaded + rows_quarantined") == [
        (0,)
    ]
    assert result.query("select count(*) from audit.quarantine where reason is null or trim(reason) = ''") == [(0,)]
    assert result.query("select count(*) from audit.data_test_results where status in ('fail', 'error')") == [(0,)]
    assert (result.warehouse.parent / "dyadwatch_snapshot.duckdb").is_file()
    report = result.warehouse.parent / "dyadwatch_reports"
    page = (report / "index.html").read_text(encoding="utf-8")
    images = re.findall(r'<img src="([^"]+)"', page)
    assert all((report / image).is_file() for image in images)
    if case in CHARTED_CASES:
        assert images, "watched pairs with rows draw charts"


def test_an_empty_landing_folder_builds_empty_marts_over_the_code_tables(built: dict[str, Built]) -> None:
    result = built["empty"]
    for table in declared_shapes():
        assert result.count(table) == 0, table
    for mart in ("dyad_interactions_daily", "dyad_tone_daily", "fct_contacts", "dim_article"):
        assert result.count(f"marts.{mart}") == 0
    assert result.count("marts.dim_country") == 252
    assert result.count("audit.file_manifest") == 0
    page = (result.warehouse.parent / "dyadwatch_reports" / "index.html").read_text(encoding="utf-8")
    assert "No watched pair has rows in the marts." in page and "<img" not in page


def test_articles_alone_code_every_article_and_count_json_lines_one_by_one(built: dict[str, Built]) -> None:
    result = built["articles"]

    pages = sum(len(list(folder.glob("*.txt"))) for folder in ARTICLE_FOLDERS)
    assert pages == 59
    assert result.count("raw.articles") == pages + 1 + 2, "59 pages, an HTML page and two good JSON lines"
    assert result.query(
        "select rows_read, rows_loaded, rows_quarantined from audit.file_loads where source_file = 'formats/two_articles.jsonl'"
    ) == [(4, 2, 2)]
    assert result.query("select count(*) from audit.quarantine where source_system = 'article_coding'") == [(0,)]
    assert result.count("marts.dim_article") == pages + 3
    assert result.count("marts.dim_article", "language = 'ar'") == 4
    contacts = result.count("marts.fct_contacts")
    assert contacts > 40
    assert result.query("select count(distinct contact_id) from marts.fct_contacts") == [(contacts,)]
    assert result.count("raw.gdelt_events") == 0 and result.count("marts.dyad_interactions_daily") == 0


def test_one_gdelt_export_alone_fills_the_interaction_marts(built: dict[str, Built]) -> None:
    result = built["gdelt_events"]
    assert result.count("raw.gdelt_events") == 1540
    assert result.query("select distinct source_system from marts.dyad_interactions_daily") == [("gdelt_v2",)]
    assert result.count("marts.dyad_interactions_daily") > 0
    assert result.count("raw.articles") == 0 and result.count("marts.fct_contacts") == 0


def test_translingual_exports_alone_are_their_own_source(built: dict[str, Built]) -> None:
    result = built["translingual"]
    assert result.query("select source_system, sum(rows_loaded) from audit.file_manifest group by all") == [
        ("gdelt_v2_translingual", 100)
    ]
    assert result.query("select distinct source_system from staging.stg_gdelt__events") == [("gdelt_v2_translingual",)]


@pytest.mark.parametrize(
    ("case", "table", "rows"),
    [("mentions", "raw.gdelt_mentions", 200), ("gkg", "raw.gdelt_gkg", 200), ("gdelt_v1", "raw.gdelt_v1_events", 100)],
)
def test_each_other_gdelt_kind_alone_loads_every_line(
    built: dict[str, Built], case: str, table: str, rows: int
) -> None:
    result = built[case]
    assert result.count(table) == rows
    assert result.count("audit.quarantine") == 0
    assert result.count("raw.gdelt_events") == 0


def test_acled_alone_loads_dashboard_exports_under_derived_keys(built: dict[str, Built]) -> None:
    result = built["acled"]
    derived = result.count("intermediate.int_acled__events", "is_key_derived")
    assert derived == 4, "three dashboard events and one row without event_id_cnty"
    assert result.query("select detail from audit.file_loads where source_file = 'acled_dashboard_no_ids.csv'")[0][
        0
    ].startswith("3 events without event_id_cnty, keyed by a hash of event_date, country")
    assert result.count("marts.dyad_interactions_daily", "source_system = 'acled'") > 0
    assert result.count("audit.quarantine", "reason like 'a quoted field is never closed%'") == 1


def test_polecat_alone_fills_its_marts(built: dict[str, Built]) -> None:
    result = built["polecat"]
    assert result.count("raw.polecat_events") > 0
    assert result.count("marts.dyad_interactions_daily", "source_system = 'polecat'") > 0


def test_broken_files_and_hostile_names_are_each_set_aside_with_a_reason(built: dict[str, Built]) -> None:
    result = built["broken"]
    reasons = dict(result.query("select source_file, reason from audit.quarantine where line_number is null"))

    assert reasons["20250101001500.export.CSV.zip"].startswith("not a readable zip file")
    assert reasons["garbage.txt"].startswith("not UTF-8 text")
    assert reasons["empty.txt"] == "file is empty"
    assert reasons["not_acled.csv"].startswith("header lacks required column(s) event_date")
    assert reasons["articles/passwd.txt"] == (
        "a symbolic link (to /etc/passwd): only regular files inside the landing folder are read"
    )
    assert "slot 2099-01-01 00:00 lies in the future" in reasons["gdelt/events/20990101000000.export.CSV"]
    assert reasons["gdelt/events/20180326044500 copy.export.CSV"].startswith("gdelt/events/: not a GDELT 2.0 file name")
    assert reasons["gdelt/events/empty.export.CSV"].startswith("gdelt/events/: not a GDELT 2.0 file name")
    assert reasons["README.txt"].startswith("in no folder a source lands in")
    assert result.query(
        "select line_number, reason from audit.quarantine where source_file = '20250101000000.export.CSV'"
    ) == [(1, "expected 61 fields, found 4")]
    assert result.count("raw.gdelt_events") == 0 and result.count("raw.articles") == 0
    assert result.count("marts.dim_article", "title ilike '%root%'") == 0
    assert (
        "Set aside, each with its reason: 9 whole files, 1 line or article (in the warehouse, not the snapshot: select"
        in result.output
    )


def test_overlapping_exports_keep_one_copy_of_each_event_and_list_the_others(built: dict[str, Built]) -> None:
    result = built["overlapping"]

    assert result.count("raw.gdelt_events") == 1540 + OVERLAP_LINES
    assert result.count("intermediate.int_gdelt__events") == 1540
    superseded = result.query(
        "select source_file, count(*), min(kept_source_file), max(kept_source_file) from audit.superseded_records group by all"
    )
    # The re-issued copy carries the later DATEADDED: it stands, and the original's lines are the superseded ones.
    assert superseded == [
        ("20180326044500.export.CSV", OVERLAP_LINES, "20180326050000.export.CSV", "20180326050000.export.CSV")
    ]
    totals = "select sum(n_records), sum(n_events) from marts.dyad_interactions_daily"
    assert result.query(totals) == built["gdelt_events"].query(totals), "the same marts as the original export alone"
