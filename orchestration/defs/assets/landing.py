"""The landing folder as a whole: refused files recorded, files no longer there retired."""

from pathlib import Path

import dagster as dg

from orchestration.defs.resources import DUCKDB_WRITER_POOL, LandingZone, Warehouse
from orchestration.landing.inventory import take_inventory
from orchestration.loading.landing_audit import record_refusals, retire_vanished

LANDING_INVENTORY_KEY = ["audit", "landing_inventory"]


@dg.asset(key=LANDING_INVENTORY_KEY, group_name="audit", kinds={"python", "duckdb"}, pool=DUCKDB_WRITER_POOL)
def landing_inventory(
    context: dg.AssetExecutionContext, warehouse: Warehouse, landing: LandingZone
) -> dg.MaterializeResult:
    """Every entry of the landing folder accounted for before the loaders run: a file no source takes
    (a name out of pattern or range, a file in no source's folder, a symbolic link, anything but a
    regular file) is recorded in `audit.file_manifest` (status `refused`) and `audit.quarantine` with
    the reason; a file the warehouse holds that left the landing folder is retired, its rows removed
    in one transaction. Names starting with a dot (downloads in progress) are not read."""
    inventory = take_inventory(Path(landing.path))
    with warehouse.connection() as connection:
        if inventory.exists:
            retired = retire_vanished(connection, inventory, context.run_id)
        else:
            # A mistyped or unmounted landing folder must not empty the warehouse.
            context.log.warning(
                f"The landing folder {inventory.root} does not exist: nothing has landed, nothing is retired."
            )
            retired = []
        refusals = record_refusals(connection, inventory, context.run_id)
    for outcome in retired:
        context.log.info(f"Retired {outcome.source_file}: {outcome.detail}")
    new_refusals = [outcome for outcome in refusals if outcome.status != "unchanged"]
    for outcome in new_refusals:
        context.log.warning(f"Refused {outcome.source_file}: {outcome.detail}")
    return dg.MaterializeResult(
        metadata={
            "landing_folder": dg.MetadataValue.path(str(inventory.root)),
            "files_accepted": len(inventory.accepted),
            "files_refused": len(inventory.refused),
            "files_newly_refused": len(new_refusals),
            "files_retired": len(retired),
            "hidden_entries_skipped": len(inventory.hidden),
            "refused": dg.MetadataValue.md(
                "\n".join(
                    [
                        "| file | reason |",
                        "|---|---|",
                        *[f"| {r.landed.source_file} | {r.reason} |" for r in inventory.refused],
                    ]
                )
                if inventory.refused
                else "none"
            ),
        }
    )
