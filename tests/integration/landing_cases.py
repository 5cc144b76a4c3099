"""One landing folder built as `make run` builds it, in a worker process: the runs of `build_everything`
on an in-memory Dagster instance, then the table counts `make run` prints.

A worker builds its cases one after the other at one warehouse path of its own, then moves
the warehouse and what lies beside it to the case's folder, keeping dbt's target folder: dbt's
parse depends on the warehouse's path, so the worker's later builds reuse it. The lake moves with the warehouse;
opening the moved warehouse for writing points its raw views at the lake beside it, as the
next build of a warehouse a user moved does."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

OUTPUT_SETTINGS = ("DYADWATCH_SNAPSHOT", "DYADWATCH_REPORTS_DIR", "DYADWATCH_EXPORT_DIR", "DYADWATCH_PG_DATA")
KEPT_BY_THE_WORKER = "_dbt"


def build_case(raw: Path, warehouse: Path) -> tuple[list[bool], str]:
    """(whether each run succeeded, what `make run` would print) for `raw` built into `warehouse`;
    every other output lies beside the warehouse, where it does by default."""
    import dagster as dg

    from orchestration.cli.build_runs import build_everything
    from orchestration.cli.summary import main as print_summary
    from orchestration.loading.warehouse import connect

    workbench = Path(tempfile.gettempdir()) / f"dyadwatch-landing-worker-{os.getpid()}"
    built = workbench / warehouse.name
    for name in OUTPUT_SETTINGS:
        os.environ.pop(name, None)
    os.environ.update({"DYADWATCH_RAW_DIR": str(raw), "DYADWATCH_WAREHOUSE": str(built)})
    printed = io.StringIO()
    with redirect_stdout(printed), dg.DagsterInstance.ephemeral() as instance:
        results = build_everything(instance, raw)
        print_summary()
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    for output in workbench.iterdir():
        if not output.name.endswith(KEPT_BY_THE_WORKER):
            shutil.move(output, warehouse.parent / output.name)
    connect(warehouse).close()
    return [result.success for result in results], printed.getvalue().replace(str(built), str(warehouse))
