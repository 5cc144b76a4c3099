"""Every source that lands files: its folder, the file names it takes, and where its rows go.

One entry per raw table. A file below a source's folder (in subfolders too) belongs to
that source; the source's name rule says which source system the file comes from, or
why the name is refused. Nothing else in the project lists folders, file-name patterns
or source systems: the loaders, the sensors and the landing audit all read them here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import polars as pl

from orchestration.ingest import acled, articles, gdelt_events, gdelt_events_v1, gdelt_gkg, gdelt_mentions, polecat
from orchestration.ingest.landed import ReadResult
from orchestration.landing.gdelt_names import FileKind, NotAGdeltFileName, read_file_name, slot_out_of_range

REFUSED_SOURCE_SYSTEM = "landing"
"""The source system of refused files, named by their path below the landing folder."""


class RefusedName(ValueError):
    """A file name its folder's source does not take; the message says why."""


@dataclass(frozen=True)
class Claim:
    """What a source makes of a file name: its source system, and for GDELT 2.0 files the UTC day of its slot."""

    source_system: str
    slot_day: dt.date | None = None


NameRule = Callable[[str, dt.date], Claim]
"""(file name, today in UTC) → the claim, or `RefusedName`."""

BatchReader = Callable[[Path], Iterable[ReadResult]]
"""Reads one landed file as a stream of results (one for a small file); may raise
`UnreadableFileError` (or any error) before or during the stream."""

ReadTogether = Callable[[Sequence[bytes]], list[ReadResult]]
"""Reads the whole texts of small files as one batch, a result per file (`HeaderlessLayout.read_files`)."""


@dataclass(frozen=True)
class LandingSource:
    """A kind of landed file: where it lands, which names it takes, how it is read and where its rows go.

    `empty_rows` is the reader's output with no rows, the shape of the raw table.
    """

    table_name: str
    folder: tuple[str, ...]
    source_systems: tuple[str, ...]
    claim: NameRule
    read_batches: BatchReader
    empty_rows: Callable[[], pl.DataFrame]
    description: str
    read_together: ReadTogether | None = None

    @property
    def table(self) -> str:
        return f"raw.{self.table_name}"

    @property
    def folder_name(self) -> str:
        return "/".join(self.folder) + "/"


def _gdelt_v2(english: FileKind, translingual: FileKind, english_system: str, translingual_system: str) -> NameRule:
    systems = {english: english_system, translingual: translingual_system}

    def claim(name: str, today: dt.date) -> Claim:
        try:
            gdelt_file = read_file_name(name)
        except NotAGdeltFileName as error:
            if _is_v1_name(name):
                raise RefusedName(f"a GDELT 1.0 file name: 1.0 files land in {_V1_FOLDER_NAME}") from None
            raise RefusedName(str(error)) from None
        if gdelt_file.kind not in systems:
            raise RefusedName(
                f"a GDELT 2.0 {gdelt_file.kind.value} file: it lands in {'/'.join(gdelt_file.kind.landing_subfolder)}/"
            )
        problem = slot_out_of_range(gdelt_file.slot, today)
        if problem:
            raise RefusedName(problem)
        return Claim(systems[gdelt_file.kind], gdelt_file.slot.date())

    return claim


def _is_v1_name(name: str) -> bool:
    try:
        gdelt_events_v1.first_day_of_file(name)
    except ValueError:
        return False
    return True


def _gdelt_v1(name: str, today: dt.date) -> Claim:
    try:
        first_day = gdelt_events_v1.first_day_of_file(name)
    except ValueError as error:
        raise RefusedName(str(error)) from None
    if first_day < gdelt_events.FIRST_GDELT_DATE:
        raise RefusedName(
            f"{first_day.isoformat()} lies before GDELT 1.0 begins ({gdelt_events.FIRST_GDELT_DATE.isoformat()})"
        )
    if first_day > today:
        raise RefusedName(f"{first_day.isoformat()} lies in the future (today is {today.isoformat()} UTC)")
    return Claim(gdelt_events_v1.SOURCE_SYSTEM)


def _by_suffix(source_system: str, suffixes: tuple[str, ...]) -> NameRule:
    """Names ending in one of `suffixes`, in any letter case."""
    listed = ", ".join(suffixes)

    def claim(name: str, _today: dt.date) -> Claim:
        if name.lower().endswith(suffixes):
            return Claim(source_system)
        raise RefusedName(f"not a file this folder takes ({listed})")

    return claim


_V1_FOLDER_NAME = "gdelt/v1_events/"


def _gdelt_v2_source(
    table_name: str,
    english: FileKind,
    translingual: FileKind,
    reader: ModuleType,
    read_batches: BatchReader,
    description: str,
) -> LandingSource:
    """A GDELT 2.0 kind: English and translingual files share its folder and table, each feed its source system."""
    systems = (reader.SOURCE_SYSTEM, reader.TRANSLINGUAL_SOURCE_SYSTEM)
    return LandingSource(
        table_name,
        english.landing_subfolder,
        systems,
        _gdelt_v2(english, translingual, *systems),
        read_batches,
        reader.LAYOUT.empty_rows,
        description,
        reader.LAYOUT.read_files,
    )


def _named_by_suffix(
    table_name: str,
    reader: ModuleType,
    read_batches: BatchReader,
    empty_rows: Callable[[], pl.DataFrame],
    description: str,
) -> LandingSource:
    """A source of one system whose folder is its table's name without `_events`, taking names by suffix."""
    return LandingSource(
        table_name,
        (table_name.removesuffix("_events"),),
        (reader.SOURCE_SYSTEM,),
        _by_suffix(reader.SOURCE_SYSTEM, reader.FILE_SUFFIXES),
        read_batches,
        empty_rows,
        description,
    )


LANDING_SOURCES: tuple[LandingSource, ...] = (
    _named_by_suffix(
        "articles",
        articles,
        articles.iter_article_batches,
        articles.empty_rows,
        "News articles: one row per article record, a text or HTML page per file or one JSON object per line.",
    ),
    _gdelt_v2_source(
        "gdelt_events",
        FileKind.EVENTS,
        FileKind.TRANSLINGUAL_EVENTS,
        gdelt_events,
        gdelt_events.iter_gdelt_event_batches,
        "GDELT 2.0 events, English and translingual: one row per event record of a 15-minute export (61 columns).",
    ),
    _gdelt_v2_source(
        "gdelt_mentions",
        FileKind.MENTIONS,
        FileKind.TRANSLINGUAL_MENTIONS,
        gdelt_mentions,
        gdelt_mentions.iter_gdelt_mention_batches,
        "GDELT 2.0 mentions, English and translingual: one row per article mentioning an event (16 columns).",
    ),
    _gdelt_v2_source(
        "gdelt_gkg",
        FileKind.GKG,
        FileKind.TRANSLINGUAL_GKG,
        gdelt_gkg,
        gdelt_gkg.iter_gdelt_gkg_batches,
        "GDELT GKG 2.1, English and translingual: one row per document, with its tone measures, "
        "location countries and themes.",
    ),
    LandingSource(
        "gdelt_v1_events",
        tuple(_V1_FOLDER_NAME.strip("/").split("/")),
        (gdelt_events_v1.SOURCE_SYSTEM,),
        _gdelt_v1,
        gdelt_events_v1.iter_gdelt_v1_event_batches,
        gdelt_events_v1.LAYOUT.empty_rows,
        "GDELT 1.0 events: one row per record of a daily export or a yearly or monthly backfile, 57- and 58-column "
        "rows in one shape.",
        gdelt_events_v1.LAYOUT.read_files,
    ),
    _named_by_suffix(
        "acled_events",
        acled,
        acled.iter_acled_batches,
        acled.LAYOUT.empty_rows,
        "ACLED exports: one row per event (the 31-column codebook, or some of its columns).",
    ),
    _named_by_suffix(
        "polecat_events",
        polecat,
        polecat.iter_polecat_batches,
        polecat.LAYOUT.empty_rows,
        "POLECAT weekly files: one row per PLOVER-coded event.",
    ),
)


def landing_source(table_name: str) -> LandingSource:
    """The source whose files load into `raw.<table_name>`."""
    return next(source for source in LANDING_SOURCES if source.table_name == table_name)


GDELT_EVENTS = landing_source("gdelt_events")
"""GDELT 2.0 events: the one source loaded by day (the day GDELT added the file), a run per day."""
