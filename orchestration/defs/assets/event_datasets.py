"""The other event datasets, each from its landing folder into its `raw` table: GDELT 2.0
mentions and GKG, GDELT 1.0 events, ACLED and POLECAT. Every file is loaded once; a changed
file replaces its own rows; a copy or an unreadable file is quarantined whole."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from orchestration.defs.assets.loading import load_report, row_balance_check_spec
from orchestration.defs.resources import DUCKDB_WRITER_POOL, LandingZone, Warehouse
from orchestration.sources import acled, gdelt_events_v1, gdelt_gkg, gdelt_mentions, polecat
from orchestration.sources.landed import ReadResult
from orchestration.warehouse.loading import landed_files, load_source


@dataclass(frozen=True)
class EventDataset:
    """Where a dataset lands, how its files are read, and the table and source system they load into."""

    name: str
    folder: tuple[str, ...]
    patterns: tuple[str, ...]
    reader: Callable[[Path], ReadResult]
    source_system: str
    description: str


EVENT_DATASETS = (
    EventDataset(
        "gdelt_mentions", ("gdelt", "mentions"), gdelt_mentions.ENGLISH_PATTERNS, gdelt_mentions.read_gdelt_mentions,
        gdelt_mentions.SOURCE_SYSTEM, "GDELT 2.0 mentions: one row per article mentioning an event (16 columns).",
    ),
    EventDataset(
        "gdelt_gkg", ("gdelt", "gkg"), gdelt_gkg.ENGLISH_PATTERNS, gdelt_gkg.read_gdelt_gkg,
        gdelt_gkg.SOURCE_SYSTEM, "GDELT GKG 2.1: one row per document, with its tone measures, location countries and themes.",
    ),
    EventDataset(
        "gdelt_v1_events", ("gdelt", "v1_events"), gdelt_events_v1.FILE_PATTERNS, gdelt_events_v1.read_gdelt_v1_events,
        gdelt_events_v1.SOURCE_SYSTEM, "GDELT 1.0 events: one row per record, 57- and 58-column rows in one shape.",
    ),
    EventDataset(
        "acled_events", ("acled",), acled.FILE_PATTERNS, acled.read_acled,
        acled.SOURCE_SYSTEM, "ACLED exports: one row per event (the 31-column codebook, or a trimmed set).",
    ),
    EventDataset(
        "polecat_events", ("polecat",), polecat.FILE_PATTERNS, polecat.read_polecat,
        polecat.SOURCE_SYSTEM, "POLECAT weekly files: one row per PLOVER-coded event.",
    ),
)


def _loader(dataset: EventDataset) -> dg.AssetsDefinition:
    key = ["raw", dataset.name]
    table = f"raw.{dataset.name}"

    @dg.asset(
        key=key,
        group_name="event_datasets",
        kinds={"polars", "duckdb"},
        pool=DUCKDB_WRITER_POOL,
        description=f"{dataset.description} From `<landing>/{'/'.join(dataset.folder)}/`; rejected lines go to `audit.quarantine`.",
        check_specs=[row_balance_check_spec(key)],
    )
    def load_dataset(context: dg.AssetExecutionContext, warehouse: Warehouse, landing: LandingZone):
        files = landed_files(landing.folder(*dataset.folder), dataset.patterns)
        with warehouse.connection() as connection:
            outcomes = load_source(
                connection,
                table=table,
                source_system=dataset.source_system,
                files=files,
                reader=dataset.reader,
                load_id=context.run_id,
            )
            metadata, check = load_report(connection, table, dataset.source_system, outcomes)
        yield dg.MaterializeResult(metadata=metadata)
        yield check

    return load_dataset


event_dataset_loaders = [_loader(dataset) for dataset in EVENT_DATASETS]
