"""Serving: after a build, the marts are published as a read-only DuckDB snapshot, into the
local PostgreSQL server when one runs, and drawn as charts."""

import base64
import datetime as dt
from pathlib import Path

import dagster as dg

from orchestration import settings
from orchestration.defs.assets.dbt import MART_KEYS
from orchestration.defs.resources import DUCKDB_WRITER_POOL, Warehouse
from orchestration.serving import serve
from orchestration.serving.report.figures import Pair
from orchestration.serving.report.report import write_report
from orchestration.serving.snapshot import last_published_at, publish_snapshot

SNAPSHOT_KEY = ["serving", "marts_snapshot"]
POSTGRES_KEY = ["serving", "postgres_marts"]
REPORT_KEY = ["reports", "dyad_charts"]


@dg.asset(key=SNAPSHOT_KEY, group_name="serving", kinds={"duckdb"}, deps=MART_KEYS, pool=DUCKDB_WRITER_POOL)
def marts_snapshot(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    """The `marts` schema copied into a new DuckDB file and renamed over the served snapshot
    (`DYADWATCH_SNAPSHOT`): readers and BI tools open it read-only, never see half a build,
    and never hold a lock the next build needs. Only the marts built since the last publish
    are copied from the warehouse; the others come from the previous snapshot."""
    published_at = last_published_at(settings.snapshot_path())
    report = publish_snapshot(
        Path(warehouse.path),
        settings.snapshot_path(),
        build_id=context.run_id,
        refresh=None if published_at is None else _marts_built_since(context.instance, published_at),
    )
    return dg.MaterializeResult(
        metadata={
            "snapshot": dg.MetadataValue.path(str(report.snapshot)),
            "n_bytes": report.n_bytes,
            "tables": dg.MetadataValue.md(
                "\n".join(
                    ["| table | rows |", "|---|---|", *[f"| {t.schema}.{t.name} | {t.n_rows} |" for t in report.tables]]
                )
            ),
        }
    )


def _marts_built_since(instance: dg.DagsterInstance, published_at: dt.datetime) -> list[str]:
    """The marts (`schema.table`) materialised after the snapshot of `published_at`: by this run, or by one
    whose publish did not happen."""
    since = published_at.replace(tzinfo=dt.UTC).timestamp()
    return [
        ".".join(key.path)
        for key in MART_KEYS
        if (event := instance.get_latest_materialization_event(key)) is None or event.timestamp >= since
    ]


@dg.asset(key=POSTGRES_KEY, group_name="serving", kinds={"postgres"}, deps=[SNAPSHOT_KEY], output_required=False)
def postgres_marts(context: dg.AssetExecutionContext):
    """The marts published into the local PostgreSQL server started by `make serve`, in one
    transaction (built in a new schema, then swapped in), readable by the read-only dashboard role.
    Nothing is materialised when no server runs."""
    data_folder = settings.pg_data_dir()
    cluster = serve.running_cluster(data_folder)
    if cluster is None:
        context.log.info(f"No PostgreSQL server runs from {data_folder}: `make serve` starts one.")
        return
    uri = serve.publish(cluster, data_folder)
    yield dg.Output(None, metadata={"reader_uri_without_password": uri.split("://")[0] + "://" + uri.split("@")[-1]})


@dg.asset(key=REPORT_KEY, group_name="serving", kinds={"matplotlib", "html"}, deps=[SNAPSHOT_KEY])
def dyad_charts() -> dg.MaterializeResult:
    """Per pair of watched countries, the focus pairs first (`DYADWATCH_REPORT_FOCUS_PAIRS`): contacts
    per month by kind and direction with the contacts timeline, tone over time with its 7- and 30-day
    means, and interactions by QuadClass, as PNG files and one static HTML page (`DYADWATCH_REPORTS_DIR`)."""
    focus_pairs = settings.report_focus_pairs()
    result = write_report(settings.snapshot_path(), settings.reports_dir(), settings.watch_list(), focus_pairs)
    focus_slugs = {Pair(a, b).slug for a, b in focus_pairs}
    featured = [image for image in result.images if image.name.split("_")[0] in focus_slugs]
    inline = "\n\n".join(
        f"**{image.stem}**\n\n![{image.stem}](data:image/png;base64,{base64.b64encode(image.read_bytes()).decode()})"
        for image in featured
    )
    return dg.MaterializeResult(
        metadata={
            "page": dg.MetadataValue.path(str(result.page)),
            "pairs": len(result.pairs),
            "pairs_without_data": len(result.empty_pairs),
            "charts": len(result.images),
            "charts_not_drawn": len(result.skipped),
            "focus_pairs": dg.MetadataValue.md(inline or "No chart of the focus pairs."),
            "chart_files": dg.MetadataValue.md("\n".join(f"- {image}" for image in result.images)),
        }
    )
