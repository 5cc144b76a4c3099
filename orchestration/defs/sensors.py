"""Sensors: new files in the landing folder start the loads that take them, a finished GDELT day
starts the build of what depends on it, and runs killed mid-way release the warehouse's writer."""

import hashlib
from pathlib import Path

import dagster as dg
import duckdb
from dagster._core.definitions.assets.graph.base_asset_graph import BaseAssetGraph

from orchestration.defs.jobs import build_warehouse, load_gdelt_day
from orchestration.defs.resources import DUCKDB_WRITER_POOL, LandingZone, Warehouse
from orchestration.defs.selection import increment_selection
from orchestration.landing.inventory import Inventory, take_inventory
from orchestration.landing.sources import GDELT_EVENTS
from orchestration.loading.pending import ManifestEntry, PendingWork, pending_work, read_manifest
from orchestration.runs import release_dead_runs


def run_requests_for(inventory: Inventory, work: PendingWork, asset_graph: BaseAssetGraph) -> list[dg.RunRequest]:
    """One GDELT day load per day with new or changed event files, and one build of what depends on
    the rest of the pending work, the landing audit with it (it records refusals and retires files).

    Run keys carry the newest modification time of the files they take and what is pending: while
    a run is on its way the same work asks for no second one, and a file that lands again starts
    its load once more.
    """
    modified = {
        (accepted.source.table_name, accepted.landed.source_file): accepted.landed.modified_ns
        for accepted in inventory.accepted
    }
    requests = [
        dg.RunRequest(
            run_key=f"gdelt-{day}-{max(modified[GDELT_EVENTS.table_name, name] for name in names)}",
            job_name=load_gdelt_day.name,
            partition_key=day,
        )
        for day, names in work.gdelt_days.items()
    ]
    rest = {name: files for name, files in work.new_or_changed.items() if name != GDELT_EVENTS.table_name}
    if rest or work.vanished or work.refusals:
        newest = max((file.landed.modified_ns for file in [*inventory.accepted, *inventory.refused]), default=0)
        pending = repr(sorted([*rest.items(), *work.vanished.items(), ("refused", work.refusals)]))
        digest = hashlib.sha256(f"{newest}\0{pending}".encode()).hexdigest()[:16]
        changed = [
            source for source in work.sources if source is not GDELT_EVENTS or work.vanished.get(source.table_name)
        ]
        requests.append(
            dg.RunRequest(
                run_key=f"build-{digest}",
                job_name=build_warehouse.name,
                asset_selection=increment_selection(asset_graph, changed, with_landing_audit=True),
            )
        )
    return requests


def _manifest(warehouse: Path) -> list[ManifestEntry]:
    """The manifest of `warehouse` read without writing: nothing has loaded when there is none yet."""
    if not warehouse.exists():
        return []
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        try:
            return read_manifest(connection)
        except duckdb.CatalogException:
            return []


@dg.sensor(
    name="landed_files_sensor",
    jobs=[load_gdelt_day, build_warehouse],
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Start loads when files appear in, change in or leave the landing folder, as the warehouse's "
    "manifest (what `make run` and every load record) tells.",
)
def landed_files_sensor(context: dg.SensorEvaluationContext, landing: LandingZone, warehouse: Warehouse):
    inventory = take_inventory(Path(landing.path))
    try:
        manifest = _manifest(Path(warehouse.path))
    except duckdb.IOException as error:
        return dg.SkipReason(f"The warehouse is being written ({str(error).splitlines()[0]}): looking again later.")
    work = pending_work(inventory, manifest)
    requests = run_requests_for(inventory, work, context.repository_def.asset_graph)
    if not requests:
        return dg.SkipReason(f"Every file of {landing.path} is in the warehouse as it is; none left.")
    context.log.info(f"Pending: {work.described()}")
    return dg.SensorResult(run_requests=requests)


@dg.run_status_sensor(
    name="build_after_gdelt_day",
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[load_gdelt_day],
    request_job=build_warehouse,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Build what depends on GDELT 2.0 events once a GDELT day has loaded.",
)
def build_after_gdelt_day(context: dg.RunStatusSensorContext):
    return dg.RunRequest(
        run_key=f"after-{context.dagster_run.run_id}",
        asset_selection=increment_selection(context.repository_def.asset_graph, [GDELT_EVENTS]),
    )


@dg.sensor(
    name="stale_runs_sensor",
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Mark failed the runs whose process is gone (killed, out of memory) and free the warehouse's "
    "writer they held, so that the next scheduled or sensed run proceeds.",
)
def stale_runs_sensor(context: dg.SensorEvaluationContext):
    released = release_dead_runs(context.instance, DUCKDB_WRITER_POOL)
    for line in released:
        context.log.warning(line)
    return dg.SkipReason(" ".join(released) or "Every unfinished run's process is alive.")
