"""One landing folder built as `make run` builds it, in a worker process: the runs of `build_everything`
on an in-memory Dagster instance, then the table counts `make run` prints."""

from __future__ import annotations

import io
import os
from contextlib import redirect_stdout
from pathlib import Path

OUTPUT_SETTINGS = ("DYADWATCH_SNAPSHOT", "DYADWATCH_REPORTS_DIR", "DYADWATCH_EXPORT_DIR", "DYADWATCH_PG_DATA")


def build_case(raw: Path, warehouse: Path) -> tuple[list[bool], str]:
    """(whether each run succeeded, what `make run` would print) for `raw` built into `warehouse`;
    every other output lies beside the warehouse, where it does by default."""
    import dagster as dg

    from orchestration.build import build_everything
    from orchestration.warehouse.summary import main as print_summary

    for name in OUTPUT_SETTINGS:
        os.environ.pop(name, None)
    os.environ.update({"DYADWATCH_RAW_DIR": str(raw), "DYADWATCH_WAREHOUSE": str(warehouse)})
    printed = io.StringIO()
    with redirect_stdout(printed), dg.DagsterInstance.ephemeral() as instance:
        results = build_everything(instance, raw)
        print_summary()
    return [result.success for result in results], printed.getvalue()
