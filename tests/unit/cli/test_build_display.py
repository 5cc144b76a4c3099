"""The stage lines `make run` prints, from what each step recorded."""

from __future__ import annotations

import io

import dagster as dg
from dagster._core.utils import make_new_run_id
from rich.console import Console

from orchestration import progress
from orchestration.cli.display import TerminalDisplay
from orchestration.cli.run_watcher import RunWatcher
from orchestration.cli.stages import StepOutcome, combined, stage_line


def _loader_step(step_key: str, files: dict[str, int], rows_loaded: int, rows_quarantined: int) -> StepOutcome:
    metadata = {"files_seen": sum(files.values()), **{f"files_{status}": n for status, n in files.items()}}
    metadata |= {
        "rows_read": rows_loaded + rows_quarantined,
        "rows_loaded": rows_loaded,
        "rows_quarantined": rows_quarantined,
    }
    return StepOutcome(step_key, 0.0, {"raw/acled_events": metadata}, seconds=1.25)


def test_a_loader_says_its_files_by_status_and_its_rows() -> None:
    outcome = _loader_step("raw__acled_events", {"loaded": 3, "unchanged": 2, "rejected": 1}, 15_400, 5)

    assert stage_line(outcome, "ACLED exports (acled/)") == (
        "ACLED exports (acled/): 6 files (3 loaded, 1 rejected, 2 unchanged), 15,400 rows loaded, 5 set aside"
    )


def test_a_source_with_no_landed_file_says_nothing() -> None:
    assert stage_line(_loader_step("raw__polecat_events", {}, 0, 0), "POLECAT") is None


def test_the_landing_audit_says_what_it_accepted_refused_and_retired() -> None:
    metadata = {"landing_folder": "/data/raw", "files_accepted": 1, "files_refused": 2, "files_retired": 4}

    assert stage_line(StepOutcome("audit__landing_inventory", 0.0, {"audit/landing_inventory": metadata})) == (
        "Landing folder /data/raw: 1 file accepted, 2 refused, 4 retired"
    )


def test_the_article_coder_says_articles_contacts_and_those_left_out() -> None:
    outcome = StepOutcome(
        "article_coding",
        0.0,
        {
            "coded/article_texts": {"dagster/row_count": 62, "articles_quarantined": 1},
            "coded/article_contacts": {"dagster/row_count": 55, "occurred_contacts": 49},
        },
    )

    assert stage_line(outcome) == "Articles coded: 62, contacts found: 55 (49 occurred), 1 left out"


def test_an_incremental_coding_says_how_many_articles_it_coded_of_those_held() -> None:
    outcome = StepOutcome(
        "article_coding",
        0.0,
        {
            "coded/article_texts": {"dagster/row_count": 62, "articles_coded_this_run": 1},
            "coded/article_contacts": {"dagster/row_count": 56, "occurred_contacts": 50},
        },
    )

    assert stage_line(outcome) == "Articles coded: 1 new or changed of 62, contacts found: 56 (50 occurred)"


def test_dbt_says_what_it_built_and_how_its_tests_ended() -> None:
    outcome = StepOutcome(
        "dbt_warehouse",
        0.0,
        {f"marts/mart_{n}": {} for n in range(14)},
        checks_passed=280,
        checks_warned=2,
        checks_failed=0,
    )

    assert stage_line(outcome, "dbt build") == "dbt build: 14 tables and views built; tests 280 passed, 2 warned"


def test_a_failed_step_says_the_first_line_of_its_error() -> None:
    outcome = StepOutcome("article_coding", 0.0, failure="DuckDB error: disk full")

    assert stage_line(outcome, "Articles") == "Articles failed: DuckDB error: disk full"


def test_the_days_of_a_partitioned_load_add_up_to_one_line() -> None:
    days = [
        _loader_step("raw__gdelt_events", {"loaded": 2}, 1_540, 0),
        _loader_step("raw__gdelt_events", {"loaded": 1, "unchanged": 1}, 400, 3),
    ]
    days[1].checks_failed = 1

    outcome = combined(days, "raw/gdelt_events")

    assert outcome.seconds == 2.5 and outcome.checks_failed == 1
    assert stage_line(outcome, "GDELT, 2 days") == (
        "GDELT, 2 days: 4 files (3 loaded, 1 unchanged), 1,940 rows loaded, 3 set aside"
    )


def test_a_stage_is_printed_once_and_bars_leave_nothing_in_a_piped_output() -> None:
    written = io.StringIO()
    display = TerminalDisplay(Console(file=written, width=200))

    with display, progress.shown_by(display), progress.work("Loading", 10, "bytes") as shown:
        shown.advance(5, note="half")
        display.stage("Landing folder /raw: 3 files accepted, 0 refused", 0.2, "audit__landing_inventory")
        display.stage("Landing folder /raw: 3 files accepted, 0 refused, 1 retired", 0.3, "audit__landing_inventory")

    assert written.getvalue() == "  Landing folder /raw: 3 files accepted, 0 refused  (0.2 s)\n"


@dg.asset
def loaded_files() -> dg.MaterializeResult:
    return dg.MaterializeResult(
        metadata={"files_seen": 2, "files_loaded": 2, "rows_read": 7, "rows_loaded": 6, "rows_quarantined": 1}
    )


@dg.asset(deps=[loaded_files])
def coded_articles() -> None:
    raise ValueError("the landing disk is gone")


@dg.asset
def refused_build() -> None:
    raise dg.Failure(description="dbt build failed: 2 tests failed\nsee the log")


def test_a_run_watched_as_it_executes_gives_each_step_its_outcome_and_a_failure_its_reason() -> None:
    ended: list[StepOutcome] = []
    display = TerminalDisplay(Console(file=io.StringIO()))
    job = dg.Definitions(assets=[loaded_files, coded_articles, refused_build]).resolve_implicit_global_asset_job_def()
    run_id = make_new_run_id()

    with dg.DagsterInstance.ephemeral() as instance, display, RunWatcher(instance, run_id, display, ended.append):
        job.execute_in_process(instance=instance, run_id=run_id, raise_on_error=False)

    outcomes = {outcome.step_key: outcome for outcome in ended}
    assert set(outcomes) == {"loaded_files", "coded_articles", "refused_build"}
    assert stage_line(outcomes["loaded_files"], "Files") == "Files: 2 files (2 loaded), 6 rows loaded, 1 set aside"
    assert outcomes["coded_articles"].failure == "ValueError: the landing disk is gone"
    assert stage_line(outcomes["refused_build"], "dbt build") == "dbt build failed: dbt build failed: 2 tests failed"
