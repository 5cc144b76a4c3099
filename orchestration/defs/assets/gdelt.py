"""GDELT 2.0: the feed into the landing folder, landed exports into `raw.gdelt_events`,
and the completeness audit of what landed."""

import datetime as dt
from pathlib import Path

import dagster as dg

from orchestration.defs.assets.landing import LANDING_INVENTORY_KEY
from orchestration.defs.assets.loaders import loader_key
from orchestration.defs.assets.loading import load_and_report, row_balance_check_spec
from orchestration.defs.partitions import gdelt_daily_partitions
from orchestration.defs.resources import DUCKDB_WRITER_POOL, LandingZone, Warehouse
from orchestration.landing.gdelt_completeness import completeness
from orchestration.landing.gdelt_feed.fetch import fetch_feed
from orchestration.landing.gdelt_feed.listing import LAST_UPDATE
from orchestration.landing.gdelt_feed.plan import scan_landed_files
from orchestration.landing.gdelt_feed.transfer import FetchOptions
from orchestration.landing.gdelt_names import FileKind, SlotRange
from orchestration.landing.inventory import take_inventory
from orchestration.landing.sources import GDELT_EVENTS
from orchestration.loading.derived_tables import replace_tables

GDELT_EVENTS_KEY = loader_key(GDELT_EVENTS)
GDELT_FEED_KEY = ["landing", "gdelt_feed"]
GDELT_COMPLETENESS_KEY = ["audit", "gdelt_completeness"]


class GdeltFeedConfig(dg.Config):
    """What to fetch: the newest slot (`lastupdate.txt`) by default, or a range from `masterfilelist.txt`."""

    listing_name: str = LAST_UPDATE
    kinds: list[str] = [FileKind.EVENTS.value]  # noqa: RUF012 - Dagster's config copies a field's default
    first_day: str | None = None
    last_day: str | None = None
    attempts: int = 4
    timeout_seconds: float = 60.0


@dg.asset(
    key=GDELT_FEED_KEY,
    group_name="gdelt",
    kinds={"python"},
    retry_policy=dg.RetryPolicy(max_retries=2, delay=30, backoff=dg.Backoff.EXPONENTIAL),
    check_specs=[
        dg.AssetCheckSpec(
            "every_listed_file_landed",
            asset=GDELT_FEED_KEY,
            description="The listing was read and every listed file it asked for is in the landing folder, size and md5 checked.",
        )
    ],
)
def gdelt_feed(context: dg.AssetExecutionContext, config: GdeltFeedConfig, landing: LandingZone):
    """GDELT 2.0 files downloaded into the landing folder: every file the chosen listing names
    that is not there yet, verified against its listed size and md5 before it is renamed into place.
    Without a network the run succeeds, reports the failure, and the loaders use what has landed."""
    slot_range = (
        SlotRange.between(
            dt.date.fromisoformat(config.first_day), dt.date.fromisoformat(config.last_day or config.first_day)
        )
        if config.first_day
        else None
    )
    report = fetch_feed(
        Path(landing.path),
        listing_name=config.listing_name,
        kinds=[FileKind(kind) for kind in config.kinds],
        slot_range=slot_range,
        options=FetchOptions(attempts=config.attempts, timeout_seconds=config.timeout_seconds),
    )
    for failure in report.failed:
        context.log.warning(f"{failure.url}: {failure.reason}")
    if report.listing_error:
        context.log.warning(report.listing_error)
    failures = [f"| {result.url} | {result.reason} |" for result in report.failed]
    yield dg.MaterializeResult(
        metadata={
            "listing_url": report.listing_url,
            "listing_error": report.listing_error or "none",
            "files_downloaded": len(report.downloaded),
            "files_present": len(report.present),
            "files_failed": len(report.failed),
            "listing_lines_malformed": len(report.listing_issues),
            "failures": dg.MetadataValue.md(
                "\n".join(["| file | reason |", "|---|---|", *failures]) if failures else "none"
            ),
        }
    )
    yield dg.AssetCheckResult(
        check_name="every_listed_file_landed",
        passed=report.ok,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"listing_error": report.listing_error or "none", "files_failed": len(report.failed)},
    )


@dg.asset(
    key=GDELT_EVENTS_KEY,
    group_name="gdelt",
    kinds={"polars", "duckdb"},
    pool=DUCKDB_WRITER_POOL,
    partitions_def=gdelt_daily_partitions,
    deps=[GDELT_FEED_KEY, LANDING_INVENTORY_KEY],
    check_specs=[row_balance_check_spec(GDELT_EVENTS_KEY)],
)
def gdelt_events(context: dg.AssetExecutionContext, warehouse: Warehouse, landing: LandingZone):
    """GDELT 2.0 event records, English and translingual, one row per record of a landed export
    (`source_file`, `line_number`), partitioned by the UTC day GDELT added the file.

    Every valid record is kept, whatever its countries: filtering to the watch list is
    dbt's work. Lines that fail parsing or validation go to `audit.quarantine`. Re-running
    a day reloads only the files of that day whose bytes changed. The two feeds keep
    their own manifests (`gdelt_v2`, `gdelt_v2_translingual`), so a translingual export
    never counts as a copy of an English one.
    """
    day = dt.date.fromisoformat(context.partition_key)
    files = [file for file in take_inventory(Path(landing.path)).files_of(GDELT_EVENTS) if file.claim.slot_day == day]
    yield from load_and_report(context, warehouse, GDELT_EVENTS, files)


@dg.asset(
    key=GDELT_COMPLETENESS_KEY,
    group_name="audit",
    kinds={"polars", "duckdb"},
    pool=DUCKDB_WRITER_POOL,
    deps=[GDELT_EVENTS_KEY],
)
def gdelt_completeness(warehouse: Warehouse, landing: LandingZone) -> dg.MaterializeResult:
    """One row per day × GDELT file kind from the first to the last landed day: 96 expected
    15-minute files, how many landed, and which slots are missing, so gaps show."""
    audit = completeness([path.name for path in scan_landed_files(Path(landing.path))])
    with warehouse.connection() as connection:
        replace_tables(connection, {".".join(GDELT_COMPLETENESS_KEY): audit})
    incomplete = audit.filter(~audit["is_complete"]).height
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": audit.height,
            "days_incomplete": incomplete,
            "files_missing": int(audit["missing_files"].sum() or 0),
        }
    )


def landed_gdelt_days(raw_dir: Path) -> list[str]:
    """Partition keys of the days with landed GDELT event files the landing folder accepts, oldest first."""
    return [day.isoformat() for day in take_inventory(raw_dir).gdelt_days(GDELT_EVENTS)]
