"""Every event dataset in one event model: the bundled sample plus codebook-built ACLED and
POLECAT files, built twice into one warehouse. The second build must change no count."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from orchestration import settings
from orchestration.ingest import gdelt_events
from orchestration.landing.inventory import take_inventory
from orchestration.landing.sources import landing_source
from tests.conftest import BUNDLED_RAW, PROJECT_ROOT, materialize_everything

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
SCHEMAS = ("raw", "audit", "staging", "intermediate", "marts")
WATCHED = "('IRQ', 'SYR', 'IRN', 'TUR', 'JOR', 'SAU', 'QAT', 'ARE', 'ISR', 'RUS', 'USA', 'LBN', 'EGY')"


def _exports_of(landing: Path, source_system: str) -> list[Path]:
    """The landed GDELT 2.0 exports the landing registry gives `source_system`."""
    return [
        file.landed.path
        for file in take_inventory(landing).files_of(landing_source("gdelt_events"))
        if file.source_system == source_system
    ]


def _row_counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        tables = connection.execute(
            "select schema_name, table_name from duckdb_tables() where list_contains(?, schema_name)"
            " union all select schema_name, view_name from duckdb_views() where list_contains(?, schema_name)",
            [list(SCHEMAS), list(SCHEMAS)],
        ).fetchall()
        return {
            f"{schema}.{name}": connection.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]
            for schema, name in tables
        }


@pytest.fixture(scope="module")
def event_model(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, int], dict[str, int]]:
    folder = tmp_path_factory.mktemp("event_model")
    landing = folder / "landing"
    shutil.copytree(BUNDLED_RAW, landing)
    for dataset in ("acled", "polecat"):
        (landing / dataset).mkdir()
        for path in (FIXTURES / dataset).iterdir():
            if path.suffix in (".csv", ".txt"):
                shutil.copy(path, landing / dataset / path.name)
    # ACLED revised an event: a later export carries it again, with another fatality count.
    header, first_event = (
        (FIXTURES / "acled" / "acled_full_upper_iso_dates.csv").read_text(encoding="utf-8").splitlines()[:2]
    )
    assert first_event.startswith("SYR900001,") and first_event.endswith(",2,,1589500000")
    revised = first_event.removesuffix(",2,,1589500000") + ",3,,1589900000"
    (landing / "acled" / "acled_revised_export.csv").write_text(f"{header}\n{revised}\n", encoding="utf-8")
    warehouse = folder / "warehouse" / "dyadwatch.duckdb"
    warehouse.parent.mkdir()
    first_runs = materialize_everything(warehouse, landing)
    assert all(run.success for run in first_runs)
    after_first = _row_counts(warehouse)
    second_runs = materialize_everything(warehouse, landing)
    assert all(run.success for run in second_runs)
    return warehouse, landing, after_first, _row_counts(warehouse)


def _query(warehouse: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(sql, parameters or []).fetchall()


def _lines(paths: list[Path]) -> int:
    return sum(path.read_bytes().count(b"\n") for path in paths)


def test_a_second_build_changes_no_count_in_any_table(event_model) -> None:
    _, _, after_first, after_second = event_model
    # The record of finished builds is the one table a build adds to whatever it finds.
    assert after_first.pop("audit.builds") == 1 and after_second.pop("audit.builds") == 2
    assert after_second == after_first
    for table in (
        "raw.gdelt_events",
        "raw.gdelt_mentions",
        "raw.gdelt_gkg",
        "raw.gdelt_v1_events",
        "raw.acled_events",
        "raw.polecat_events",
        "intermediate.int_events_unified",
        "marts.dyad_interactions_daily",
        "marts.dyad_tone_daily",
        "audit.file_loads",
    ):
        assert after_first[table] > 0, table


def test_every_loaded_row_is_one_unified_record_per_source(event_model) -> None:
    warehouse, landing, _, _ = event_model
    english = _exports_of(landing, gdelt_events.SOURCE_SYSTEM)
    translingual = _exports_of(landing, gdelt_events.TRANSLINGUAL_SOURCE_SYSTEM)
    unified = dict(
        _query(warehouse, "select source_system, count(*) from intermediate.int_events_unified group by all")
    )
    assert unified == {
        "gdelt_v2": _lines(english),
        "gdelt_v2_translingual": _lines(translingual),
        "gdelt_v1": _lines(list((landing / "gdelt" / "v1_events").iterdir())),
        # 13 ACLED records in three files, two rejected (31 February, a date before 1997); one
        # event revised in a fourth file counts once.
        "acled": 11,
        # 4 + 6 POLECAT records, five rejected (one per problem the trimmed file holds).
        "polecat": 5,
    }
    assert (unified["gdelt_v2"], unified["gdelt_v2_translingual"], unified["gdelt_v1"]) == (5927, 100, 100)


def test_translingual_exports_load_under_their_own_source_system(event_model) -> None:
    warehouse, landing, _, _ = event_model
    manifest = _query(
        warehouse,
        "select source_system, count(*), sum(rows_loaded) from audit.file_manifest"
        " where source_system like 'gdelt_v2%' group by all order by 1",
    )
    assert manifest == [
        ("gdelt_v2", 6, 5927),
        ("gdelt_v2_gkg", 2, 100),
        ("gdelt_v2_gkg_translingual", 2, 100),
        ("gdelt_v2_mentions", 2, 100),
        ("gdelt_v2_mentions_translingual", 2, 100),
        ("gdelt_v2_translingual", 2, 100),
    ]
    translingual_days = {
        dt.datetime.strptime(line.split("\t")[1], "%Y%m%d").date()
        for path in _exports_of(landing, gdelt_events.TRANSLINGUAL_SOURCE_SYSTEM)
        for line in path.read_text(encoding="utf-8").splitlines()
    }
    days = _query(
        warehouse,
        "select distinct event_date from intermediate.int_events_unified where source_system = 'gdelt_v2_translingual'",
    )
    assert {day for (day,) in days} == translingual_days


def test_acled_actors_take_the_country_their_name_gives(event_model) -> None:
    warehouse, _, _, _ = event_model
    rows = _query(
        warehouse,
        "select source_event_id, actor1_country, actor2_country, location_country, quad_class, plover_type,"
        " source_event_type from intermediate.int_events_unified where source_system = 'acled'"
        " and source_event_id in ('TUR900004', 'SYR910001', 'SYR900003', 'TUR920003') order by 1",
    )
    assert rows == [
        ("SYR900003", "SYR", None, "SYR", 3, "PROTEST", "Protests: Peaceful protest"),
        ("SYR910001", "RUS", "SYR", "SYR", 4, "ASSAULT", "Explosions/Remote violence: Air/drone strike"),
        ("TUR900004", "TUR", "RUS", "TUR", 1, "AGREE", "Strategic developments: Agreement"),
        ("TUR920003", "TUR", None, "TUR", 2, "RETREAT", "Strategic developments: Non-violent transfer of territory"),
    ]


def test_polecat_events_reach_the_interaction_mart_with_their_share_of_the_day(event_model) -> None:
    warehouse, _, _, _ = event_model
    rows = _query(
        warehouse,
        "select day, actor1_country, actor2_country, quad_class, plover_type, n_events, n_records, share_of_period,"
        " avg_goldstein from marts.dyad_interactions_daily where source_system = 'polecat' order by day, actor1_country",
    )
    assert rows[0] == (dt.date(2023, 1, 2), "SYR", "IRQ", 1, "CONSULT", 1, 1, 1.0, 1.0)
    assert {(row[1], row[2], row[4]) for row in rows} >= {("TUR", "SYR", "ASSAULT"), ("ISR", "SYR", "ACCUSE")}


def test_every_source_feeds_the_interaction_mart_and_reconciles(event_model) -> None:
    warehouse, _, _, _ = event_model
    mart = {
        source: (events, records)
        for source, events, records in _query(
            warehouse,
            "select source_system, sum(n_events)::int, sum(n_records)::int from marts.dyad_interactions_daily group by all",
        )
    }
    expected = {
        source: (events, records)
        for source, events, records in _query(
            warehouse,
            f"""
            select source_system, count(distinct event_key)::int, count(*)::int
            from intermediate.int_events_unified
            where actor1_country is not null and actor2_country is not null
              and (actor1_country in {WATCHED} or actor2_country in {WATCHED})
            group by all
            """,
        )
    }
    assert set(mart) == {"gdelt_v2", "gdelt_v2_translingual", "gdelt_v1", "acled", "polecat"}
    assert mart == expected


def test_gkg_documents_and_mentions_give_tone_per_pair(event_model) -> None:
    warehouse, _, _, _ = event_model
    sources = dict(
        _query(warehouse, "select tone_source, count(*) from intermediate.int_tone_observations group by all")
    )
    assert {"gdelt_v2_gkg", "gdelt_v2_gkg_translingual", "gdelt_v2_mentions", "gdelt_v1_events", "articles"} <= set(
        sources
    )
    # A GKG reading is the tone of a document of that day placed in both countries of the pair.
    unexplained = _query(
        warehouse,
        """
        select count(*) from intermediate.int_tone_observations as observations
        where observations.tone_source = 'gdelt_v2_gkg'
          and not exists (
            select 1
            from staging.stg_gdelt__gkg as documents
            inner join staging.stg_reference__countries as first_country on first_country.iso3 = observations.country_a
            inner join staging.stg_reference__countries as second_country on second_country.iso3 = observations.country_b
            where documents.tone = observations.tone
              and documents.published_date = observations.day
              and list_contains(documents.location_fips_countries, first_country.fips)
              and list_contains(documents.location_fips_countries, second_country.fips)
          )
        """,
    )
    assert unexplained == [(0,)]
    assert sources["gdelt_v2_gkg"] == 313


def test_the_guide_sets_coded_contacts_against_the_datasets_consultations(event_model) -> None:
    warehouse, _, _, _ = event_model
    guide = (PROJECT_ROOT / "docs" / "analysts.md").read_text(encoding="utf-8")
    query = next(q for q in re.findall(r"```sql\n(.*?)```", guide, flags=re.DOTALL) if "dataset_consultations" in q)
    rows = {
        (str(month)[:7], source): (coded, consultations)
        for month, coded, source, consultations, _ in _query(warehouse, query)
    }
    # POLECAT's Syrian foreign ministry visit to Baghdad of 2 January 2023; no article of the sample covers it.
    assert rows[("2023-01", "polecat")] == (None, 1)
    assert rows[("2024-12", None)] == (1, None)
    assert rows[("2025-04", None)] == (2, None)


def test_a_revised_acled_event_counts_once_in_its_latest_version(event_model) -> None:
    warehouse, _, _, _ = event_model
    assert _query(warehouse, "select count(*) from raw.acled_events where event_id_cnty = 'SYR900001'") == [(2,)]
    assert _query(
        warehouse,
        "select fatalities, n_exports, source_file from intermediate.int_acled__events where event_id_cnty = 'SYR900001'",
    ) == [(3, 2, "acled_revised_export.csv")]


def test_a_new_watch_list_rebuilds_every_day_already_built(event_model, tmp_path: Path, monkeypatch) -> None:
    """The daily mart is incremental: days built under the old watch list must not keep its pairs."""
    warehouse, _, _, _ = event_model
    copy = tmp_path / "dyadwatch.duckdb"
    shutil.copy(warehouse, copy)
    monkeypatch.setenv(settings.WATCH_LIST_ENV, "IRQ,SYR")
    environment = {**os.environ, "DYADWATCH_WAREHOUSE": str(copy), "DBT_TARGET_PATH": str(tmp_path / "target")}
    # dbt takes the watch list as the build passes it: read from the environment by the settings.
    dbt_vars = json.dumps(settings.dbt_vars())
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "dbt"),
            "build",
            "--select",
            "int_coding_fingerprint+",
            "--vars",
            dbt_vars,
            "--profiles-dir",
            ".",
        ],
        cwd=PROJECT_ROOT / "dbt_project",
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    pairs = _query(
        copy,
        "select source_system, sum(n_records)::int from marts.dyad_interactions_daily group by all order by 1",
    )
    expected = _query(
        copy,
        """
        select source_system, count(*)::int from intermediate.int_events_unified
        where actor1_country is not null and actor2_country is not null
          and (actor1_country in ('IRQ', 'SYR') or actor2_country in ('IRQ', 'SYR'))
        group by all order by 1
        """,
    )
    assert pairs == expected
    assert _query(
        copy,
        "select count(*) from marts.dyad_interactions_daily"
        " where actor1_country not in ('IRQ', 'SYR') and actor2_country not in ('IRQ', 'SYR')",
    ) == [(0,)]
