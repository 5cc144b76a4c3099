"""What the loader assets share: the load of a source's files, reported as metadata and the row-balance check."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import dagster as dg
import duckdb

from orchestration.defs.resources import Warehouse
from orchestration.landing.inventory import AcceptedFile
from orchestration.landing.sources import LandingSource
from orchestration.loading.loader import load_landed
from orchestration.loading.manifest import LoadOutcome
from orchestration.loading.warehouse import table_exists

ROW_BALANCE_CHECK = "rows_read_equal_loaded_plus_quarantined"


def row_balance_check_spec(asset_key: list[str]) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        ROW_BALANCE_CHECK,
        asset=asset_key,
        blocking=True,
        description="Every line read is loaded or quarantined, and the table holds exactly the rows the manifest says.",
    )


def load_and_report(
    context: dg.AssetExecutionContext, warehouse: Warehouse, source: LandingSource, files: list[AcceptedFile]
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """Load `files` of `source` into its table, then yield the materialisation and its row-balance check."""
    with warehouse.connection() as connection:
        outcomes = load_landed(connection, source, files, context.run_id)
        metadata, check = load_report(connection, source.table, source.source_systems, outcomes)
    yield dg.MaterializeResult(metadata=metadata)
    yield check


def load_report(
    connection: duckdb.DuckDBPyConnection, table: str, source_systems: tuple[str, ...], outcomes: list[LoadOutcome]
) -> tuple[dict, dg.AssetCheckResult]:
    """Metadata for the materialisation and the blocking balance check, both read back from the warehouse.

    `source_systems` are every system whose files load into `table`: the table must hold
    what their manifests say, together."""
    statuses = Counter(outcome.status for outcome in outcomes)
    # With nothing landed yet the table does not exist: it holds no rows, and the manifest must agree.
    table_rows = (
        connection.execute(f"select count(*) from {table}").fetchone()[0] if table_exists(connection, table) else 0
    )
    manifest_rows = connection.execute(
        "select coalesce(sum(rows_loaded), 0) from audit.file_manifest where list_contains(?, source_system)",
        [list(source_systems)],
    ).fetchone()[0]
    unbalanced = [
        outcome.source_file
        for outcome in outcomes
        if outcome.rows_read != outcome.rows_loaded + outcome.rows_quarantined
    ]
    metadata = {
        "dagster/row_count": dg.MetadataValue.int(table_rows),
        "files_seen": len(outcomes),
        **{f"files_{status}": count for status, count in sorted(statuses.items())},
        "rows_read": sum(outcome.rows_read for outcome in outcomes),
        "rows_loaded": sum(outcome.rows_loaded for outcome in outcomes),
        "rows_quarantined": sum(outcome.rows_quarantined for outcome in outcomes),
        "file_loads": dg.MetadataValue.md(_outcomes_table(outcomes)),
    }
    check = dg.AssetCheckResult(
        check_name=ROW_BALANCE_CHECK,
        passed=not unbalanced and table_rows == manifest_rows,
        metadata={
            "table_rows": table_rows,
            "manifest_rows_loaded": manifest_rows,
            "unbalanced_files": ", ".join(unbalanced) or "none",
        },
    )
    return metadata, check


def _outcomes_table(outcomes: list[LoadOutcome]) -> str:
    changed = [outcome for outcome in outcomes if outcome.status != "unchanged"]
    if not changed:
        return "No new or changed files."
    lines = ["| file | status | read | loaded | quarantined | detail |", "|---|---|---|---|---|---|"]
    lines += [
        f"| {o.source_file} | {o.status} | {o.rows_read} | {o.rows_loaded} | {o.rows_quarantined} | {o.detail or ''} |"
        for o in changed
    ]
    return "\n".join(lines)
