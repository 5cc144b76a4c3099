"""The other event datasets, each from its landing folder into its `raw` table: GDELT 2.0
mentions and GKG, GDELT 1.0 events, ACLED and POLECAT. Every file is loaded once; a changed
file replaces its own rows; a copy or an unreadable file is quarantined whole."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import polars as pl

from orchestration.defs.assets.loading import load_report, row_balance_check_spec
from orchestration.defs.resources import DUCKDB_WRITER_POOL, LandingZone, Warehouse
from orchestration.sources import acled, gdelt_events_v1, gdelt_gkg, gdelt_mentions, polecat
from orchestration.sources.gdelt_events import is_translingual
from orchestration.warehouse.loading import BatchReader, landed_files, load_source


@dataclass(frozen=True)
class EventDataset:
    """Where a dataset lands, how its files are read, and the table and source systems they load into.

    `source_systems` names every system the dataset's files belong to; `source_system_of`
    tells which one a file belongs to (GDELT's English and translingual feeds share a
    folder and a table, never a manifest).
    """

    name: str
    folder: tuple[str, ...]
    patterns: tuple[str, ...]
    read_batches: BatchReader
    empty_rows: pl.DataFrame
    source_systems: tuple[str, ...]
    source_system_of: Callable[[Path], str]
    description: str


def _english_or_translingual(english: str, translingual: str) -> Callable[[Path], str]:
    return lambda path: translingual if is_translingual(path) else english


def _only(source_system: str) -> Callable[[Path], str]:
    return lambda path: source_system


EVENT_DATASETS = (
    EventDataset(
        "gdelt_mentions", ("gdelt", "mentions"), gdelt_mentions.ENGLISH_PATTERNS,
        gdelt_mentions.iter_gdelt_mention_batches, gdelt_mentions.LAYOUT.empty_rows(),
        (gdelt_mentions.SOURCE_SYSTEM, gdelt_mentions.TRANSLINGUAL_SOURCE_SYSTEM),
        _english_or_translingual(gdelt_mentions.SOURCE_SYSTEM, gdelt_mentions.TRANSLINGUAL_SOURCE_SYSTEM),
        "GDELT 2.0 mentions, English and translingual: one row per article mentioning an event (16 columns).",
    ),
    EventDataset(
        "gdelt_gkg", ("gdelt", "gkg"), gdelt_gkg.ENGLISH_PATTERNS,
        gdelt_gkg.iter_gdelt_gkg_batches, gdelt_gkg.LAYOUT.empty_rows(),
        (gdelt_gkg.SOURCE_SYSTEM, gdelt_gkg.TRANSLINGUAL_SOURCE_SYSTEM),
        _english_or_translingual(gdelt_gkg.SOURCE_SYSTEM, gdelt_gkg.TRANSLINGUAL_SOURCE_SYSTEM),
        "GDELT GKG 2.1, English and translingual: one row per document, with its tone measures, "
        "location countries and themes.",
    ),
    EventDataset(
        "gdelt_v1_events", ("gdelt", "v1_events"), gdelt_events_v1.FILE_PATTERNS,
        gdelt_events_v1.iter_gdelt_v1_event_batches, gdelt_events_v1.LAYOUT.empty_rows(),
        (gdelt_events_v1.SOURCE_SYSTEM,), _only(gdelt_events_v1.SOURCE_SYSTEM),
        "GDELT 1.0 events: one row per record, 57- and 58-column rows in one shape.",
    ),
    EventDataset(
        "acled_events", ("acled",), acled.FILE_PATTERNS, acled.iter_acled_batches, acled.LAYOUT.empty_rows(),
        (acled.SOURCE_SYSTEM,), _only(acled.SOURCE_SYSTEM),
        "ACLED exports: one row per event (the 31-column codebook, or a trimmed set).",
    ),
    EventDataset(
        "polecat_events", ("polecat",), polecat.FILE_PATTERNS, polecat.iter_polecat_batches,
        polecat.LAYOUT.empty_rows(), (polecat.SOURCE_SYSTEM,), _only(polecat.SOURCE_SYSTEM),
        "POLECAT weekly files: one row per PLOVER-coded event.",
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
        description=f"{dataset.description} From `<landing>/{'/'.join(dataset.folder)}/`; rejected lines go to "
        "`audit.quarantine`. The table exists, empty, before any file has landed.",
        check_specs=[row_balance_check_spec(key)],
    )
    def load_dataset(context: dg.AssetExecutionContext, warehouse: Warehouse, landing: LandingZone):
        files = landed_files(landing.folder(*dataset.folder), dataset.patterns)
        outcomes = []
        with warehouse.connection() as connection:
            for source_system in dataset.source_systems:
                outcomes += load_source(
                    connection,
                    table=table,
                    source_system=source_system,
                    files=[landed for landed in files if dataset.source_system_of(landed.path) == source_system],
                    read_batches=dataset.read_batches,
                    load_id=context.run_id,
                    empty_rows=dataset.empty_rows,
                    sharing_table_with=tuple(other for other in dataset.source_systems if other != source_system),
                )
            metadata, check = load_report(connection, table, dataset.source_systems, outcomes)
        yield dg.MaterializeResult(metadata=metadata)
        yield check

    return load_dataset


event_dataset_loaders = [_loader(dataset) for dataset in EVENT_DATASETS]
