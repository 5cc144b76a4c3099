"""The main job of `make run`: load every landed GDELT day, then build the rest, then print the warehouse.

Each step is a Dagster run recorded in `DAGSTER_HOME`, as a run launched from the UI would be.
"""

from __future__ import annotations

import sys
from pathlib import Path

import dagster as dg

from orchestration import settings
from orchestration.defs.assets.gdelt import landed_gdelt_days


def build_everything(instance: dg.DagsterInstance, raw_dir: Path) -> list[dg.ExecuteInProcessResult]:
    """Every asset of the main build against the configured warehouse: one run per landed GDELT day, then one for the rest."""
    from orchestration.definitions import defs

    definitions = defs()
    load_day = definitions.resolve_job_def("load_gdelt_day")
    results = [
        load_day.execute_in_process(partition_key=day, instance=instance, raise_on_error=False)
        for day in landed_gdelt_days(raw_dir)
    ]
    results.append(definitions.resolve_job_def("build_warehouse").execute_in_process(instance=instance, raise_on_error=False))
    return results


def main() -> int:
    from orchestration.warehouse.summary import main as print_summary

    with dg.DagsterInstance.get() as instance:
        results = build_everything(instance, settings.raw_dir())
    failed = [result.run_id for result in results if not result.success]
    if failed:
        print(f"{len(failed)} of {len(results)} runs failed: {', '.join(failed)} (see `make dev` or the log above)", file=sys.stderr)
        return 1
    return print_summary()


if __name__ == "__main__":
    sys.exit(main())
