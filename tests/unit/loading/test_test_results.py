"""`audit.data_test_results` holds every test of the project with its latest outcome, whichever `dbt build` ran it."""

from __future__ import annotations

from pathlib import Path

from orchestration.loading.test_results import record_test_results
from orchestration.loading.warehouse import connect

MANIFEST = {
    "nodes": {
        "test.dyadwatch.unique_cameo_countries_cameo_code": {
            "name": "unique_cameo_countries_cameo_code",
            "attached_node": "seed.dyadwatch.cameo_countries",
            "config": {"severity": "ERROR"},
        },
        "test.dyadwatch.not_null_fct_contacts_contact_id": {
            "name": "not_null_fct_contacts_contact_id",
            "attached_node": "model.dyadwatch.fct_contacts",
            "config": {"severity": "warn"},
        },
    }
}


def _run_results(*tests: tuple[str, str]) -> dict:
    return {
        "results": [
            {"unique_id": f"test.dyadwatch.{name}", "status": status, "failures": 0 if status == "pass" else 2}
            for name, status in tests
        ]
    }


def _recorded(connection) -> list[tuple[str, str, str]]:
    return connection.execute("select build_id, test_name, status from audit.data_test_results order by all").fetchall()


def test_the_builds_of_the_seeds_and_of_the_models_add_up_and_a_later_run_replaces_what_it_ran(tmp_path: Path) -> None:
    connection = connect(tmp_path / "warehouse.duckdb")
    record_test_results(connection, _run_results(("unique_cameo_countries_cameo_code", "pass")), MANIFEST, "run-1")
    warned, failed = record_test_results(
        connection, _run_results(("not_null_fct_contacts_contact_id", "warn")), MANIFEST, "run-1"
    )

    assert warned == ["not_null_fct_contacts_contact_id on fct_contacts (2 rows)"] and failed == []
    assert _recorded(connection) == [
        ("run-1", "not_null_fct_contacts_contact_id", "warn"),
        ("run-1", "unique_cameo_countries_cameo_code", "pass"),
    ]

    record_test_results(connection, _run_results(("not_null_fct_contacts_contact_id", "pass")), MANIFEST, "run-1")
    assert _recorded(connection) == [
        ("run-1", "not_null_fct_contacts_contact_id", "pass"),
        ("run-1", "unique_cameo_countries_cameo_code", "pass"),
    ]

    record_test_results(connection, _run_results(("unique_cameo_countries_cameo_code", "fail")), MANIFEST, "run-2")
    assert _recorded(connection) == [
        ("run-1", "not_null_fct_contacts_contact_id", "pass"),
        ("run-2", "unique_cameo_countries_cameo_code", "fail"),
    ]

    without_the_contacts_test = {"nodes": {key: node for key, node in MANIFEST["nodes"].items() if "cameo" in key}}
    record_test_results(
        connection, _run_results(("unique_cameo_countries_cameo_code", "pass")), without_the_contacts_test, "run-3"
    )
    assert _recorded(connection) == [("run-3", "unique_cameo_countries_cameo_code", "pass")]
