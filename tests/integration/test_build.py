"""Every asset materialised in process on the bundled sample, twice, into a temporary warehouse."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from orchestration import settings
from tests.conftest import GDELT_EVENT_EXPORTS, PROJECT_ROOT, BuiltWarehouse

SEEDS = PROJECT_ROOT / "dbt_project" / "seeds"
WATCHED = set(settings.watch_list())


def _iso3_of_cameo_code() -> dict[str, str]:
    with (SEEDS / "geonames_countries.csv").open(newline="") as handle:
        codes = {row["iso3"]: row["iso3"] for row in csv.DictReader(handle)}
    with (SEEDS / "cameo_country_iso3_overrides.csv").open(newline="") as handle:
        codes.update({row["cameo_code"]: row["iso3"] for row in csv.DictReader(handle)})
    return codes


def _independent_daily_counts() -> dict[tuple, tuple[int, int, float, int]]:
    """(day, actor1, actor2, quad_class) → (records, mentions, summed Goldstein, distinct events), from the files.

    A distinct event is a day × directed pair of GDELT actor codes × event code × action location
    (feature id, else full name).
    """
    iso3 = _iso3_of_cameo_code()
    totals: dict[tuple, list] = defaultdict(lambda: [0, 0, 0.0, set()])
    for path in GDELT_EVENT_EXPORTS:
        for line in path.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            actor1, actor2 = iso3.get(fields[7]), iso3.get(fields[17])
            if not actor1 or not actor2 or not ({actor1, actor2} & WATCHED):
                continue
            day = f"{fields[1][:4]}-{fields[1][4:6]}-{fields[1][6:]}"
            entry = totals[(day, actor1, actor2, int(fields[29]))]
            entry[0] += 1
            entry[1] += int(fields[31])
            entry[2] += float(fields[30])
            entry[3].add((fields[7], fields[17], fields[26], fields[58] or fields[52]))
    return {
        key: (records, mentions, goldstein, len(events))
        for key, (records, mentions, goldstein, events) in totals.items()
    }


def _independent_events_per_day() -> dict[str, int]:
    """All distinct events of each day in the files, every country included: the share's denominator."""
    events: dict[str, set] = defaultdict(set)
    for path in GDELT_EVENT_EXPORTS:
        for line in path.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            day = f"{fields[1][:4]}-{fields[1][4:6]}-{fields[1][6:]}"
            events[day].add((fields[7], fields[17], fields[26], fields[58] or fields[52]))
    return {day: len(keys) for day, keys in events.items()}


def test_both_runs_succeed(built_warehouse: BuiltWarehouse) -> None:
    for runs in (built_warehouse.first_run, built_warehouse.second_run):
        assert len(runs) == 8, "the landing audit, one run per landed GDELT day, then the rest"
        assert [run.success for run in runs] == [True] * 8


def test_raw_events_hold_every_line_of_every_export(built_warehouse: BuiltWarehouse) -> None:
    lines = sum(len(path.read_bytes().splitlines()) for path in GDELT_EVENT_EXPORTS)
    assert lines == 5927
    assert built_warehouse.query("select count(*) from raw.gdelt_events") == [(5927 + 100,)]
    assert built_warehouse.query("select count(*) from audit.quarantine") == [(0,)]
    assert built_warehouse.query(
        "select source_system, count(*), sum(rows_read), sum(rows_loaded) from audit.file_loads"
        " where source_system like 'gdelt_v2%' group by all order by 1"
    ) == [
        ("gdelt_v2", 6, 5927, 5927),
        ("gdelt_v2_gkg", 2, 100, 100),
        ("gdelt_v2_gkg_translingual", 2, 100, 100),
        ("gdelt_v2_mentions", 2, 100, 100),
        ("gdelt_v2_mentions_translingual", 2, 100, 100),
        ("gdelt_v2_translingual", 2, 100, 100),
    ]


def test_articles_are_one_row_per_file(built_warehouse: BuiltWarehouse) -> None:
    files = sorted((built_warehouse.raw_dir / "articles").glob("*.txt"))
    rows = built_warehouse.query("select source_file, n_bytes, content from raw.articles order by source_file")

    assert [row[0] for row in rows] == [path.name for path in files]
    assert [row[1] for row in rows] == [path.stat().st_size for path in files]
    assert "Shatri" in rows[1][2]


def test_mart_equals_an_independent_count_over_the_raw_files(built_warehouse: BuiltWarehouse) -> None:
    expected = _independent_daily_counts()
    rows = built_warehouse.query(
        """
        select
            strftime(day, '%Y-%m-%d'), actor1_country, actor2_country, quad_class,
            sum(n_records), sum(n_mentions), sum(avg_goldstein * n_records), sum(n_events)
        from marts.dyad_interactions_daily
        where source_system = 'gdelt_v2'
        group by all
        """
    )
    actual = {
        (day, a1, a2, quad): (records, mentions, goldstein, events)
        for day, a1, a2, quad, records, mentions, goldstein, events in rows
    }

    assert len(actual) == len(expected) == 351
    assert actual.keys() == expected.keys()
    for key, (records, mentions, goldstein_sum, events) in expected.items():
        assert actual[key][:2] == (records, mentions), key
        assert actual[key][2] == pytest.approx(goldstein_sum), key
        assert actual[key][3] == events, key
    assert sum(value[0] for value in expected.values()) == 864
    assert sum(value[3] for value in expected.values()) == 657


def test_share_of_period_divides_by_all_events_of_the_day(built_warehouse: BuiltWarehouse) -> None:
    events_per_day = _independent_events_per_day()
    rows = built_warehouse.query(
        "select strftime(day, '%Y-%m-%d'), n_events, share_of_period from marts.dyad_interactions_daily"
        " where source_system = 'gdelt_v2'"
    )
    assert events_per_day["2025-05-11"] == 654
    for day, n_events, share in rows:
        assert share == pytest.approx(n_events / events_per_day[day])


def test_every_row_has_a_watched_side_and_same_country_pairs_stay(built_warehouse: BuiltWarehouse) -> None:
    watched = ", ".join(f"'{code}'" for code in sorted(WATCHED))
    assert built_warehouse.query(
        f"select count(*) from marts.dyad_interactions_daily where actor1_country not in ({watched}) and actor2_country not in ({watched})"
    ) == [(0,)]
    same_country = built_warehouse.query(
        "select sum(n_records) from marts.dyad_interactions_daily where actor1_country = 'SYR' and actor2_country = 'SYR'"
    )[0][0]
    expected = sum(values[0] for (_, a1, a2, _), values in _independent_daily_counts().items() if a1 == a2 == "SYR")
    assert same_country == expected > 0


def test_second_run_loads_nothing_and_changes_no_count(built_warehouse: BuiltWarehouse) -> None:
    # 8 GDELT 2.0 exports (6 English, 2 translingual), 4 mentions, 4 GKG and 5 GDELT 1.0 files, 5 articles.
    assert built_warehouse.query("select count(*) from audit.file_loads") == [(26,)]
    assert built_warehouse.query("select count(*) from raw.gdelt_events") == [(6027,)]
    assert built_warehouse.query("select count(*) from raw.articles") == [(5,)]
    assert built_warehouse.query(
        "select sum(n_records) from marts.dyad_interactions_daily where source_system = 'gdelt_v2'"
    ) == [(864,)]


def test_dbt_tests_ran_as_asset_checks_and_passed(built_warehouse: BuiltWarehouse) -> None:
    for runs in (built_warehouse.first_run, built_warehouse.second_run):
        evaluations = [evaluation for run in runs for evaluation in run.get_asset_check_evaluations()]
        balance = [e for e in evaluations if e.check_name == "rows_read_equal_loaded_plus_quarantined"]
        dbt_checks = [e for e in evaluations if e.check_name != "rows_read_equal_loaded_plus_quarantined"]
        assert len(dbt_checks) >= 60
        assert [e.check_name for e in evaluations if not e.passed] == []
        assert len(balance) == 12 and all(e.passed for e in balance), (
            "six GDELT days, the articles and five event datasets"
        )


def test_completeness_audit_shows_each_landed_day_missing_95_of_96_files(built_warehouse: BuiltWarehouse) -> None:
    rows = built_warehouse.query(
        """
        select strftime(day, '%Y-%m-%d'), expected_files, present_files, missing_files, is_complete
        from audit.gdelt_completeness
        where kind = 'export' and present_files > 0
        order by day
        """
    )
    assert rows == [
        ("2015-02-18", 96, 1, 95, False),
        ("2018-01-01", 96, 1, 95, False),
        ("2018-03-26", 96, 1, 95, False),
        ("2020-03-18", 96, 1, 95, False),
        ("2025-03-22", 96, 1, 95, False),
        ("2025-05-11", 96, 1, 95, False),
    ]
    missing = built_warehouse.query(
        "select missing_slots from audit.gdelt_completeness where kind = 'export' and day = date '2025-05-11'"
    )[0][0]
    assert len(missing) == 95 and "18:00" not in missing and missing[0] == "00:00"
