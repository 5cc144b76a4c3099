"""The completeness audit: expected against present 15-minute GDELT files, per day and kind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path

import polars as pl

from orchestration.landing.gdelt_completeness import COMPLETENESS_SCHEMA, completeness
from orchestration.landing.gdelt_feed.listing import parse_listing
from orchestration.landing.gdelt_feed.plan import scan_landed_files
from orchestration.landing.gdelt_names import FileKind, SlotRange

MD5 = "297a16b493de7cf6ca809a7cc31d0b93"
GDELT = "http://data.gdeltproject.org/gdeltv2/"


def _day_of_names(day: dt.date, marker: str, skipped: Collection[str] = ()) -> list[str]:
    """One file name per 15-minute slot of `day`, leaving out the `skipped` HH:MM slots."""
    names = []
    for index in range(96):
        slot = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=15 * index)
        if slot.strftime("%H:%M") not in skipped:
            names.append(f"{slot:%Y%m%d%H%M%S}.{marker}")
    return names


def test_a_day_with_a_gap_names_its_missing_slots() -> None:
    day = dt.date(2025, 5, 11)
    landed = [
        *_day_of_names(day, "export.CSV.zip", skipped={"00:00", "03:15", "03:30", "18:00"}),
        *_day_of_names(day, "mentions.CSV.zip"),
        *_day_of_names(day, "gkg.csv.zip", skipped={"23:45"}),
    ]

    audit = completeness(landed)

    assert audit.schema == pl.Schema(COMPLETENESS_SCHEMA)
    assert audit.rows() == [
        (day, "export", 96, 92, 4, ["00:00", "03:15", "03:30", "18:00"], False),
        (day, "mentions", 96, 96, 0, [], True),
        (day, "gkg", 96, 95, 1, ["23:45"], False),
    ]


def test_a_day_with_nothing_landed_between_landed_days_shows_whole() -> None:
    landed = _day_of_names(dt.date(2025, 6, 14), "export.CSV.zip") + _day_of_names(
        dt.date(2025, 6, 16), "export.CSV.zip"
    )

    audit = completeness(landed)

    assert audit.select("day", "present_files", "missing_files", "is_complete").rows() == [
        (dt.date(2025, 6, 14), 96, 0, True),
        (dt.date(2025, 6, 15), 0, 96, False),
        (dt.date(2025, 6, 16), 96, 0, True),
    ]
    assert audit["missing_slots"][1].to_list()[:3] == ["00:00", "00:15", "00:30"]


def test_a_range_counts_only_its_slots_on_its_first_and_last_day() -> None:
    landed = [
        "20250510233000.export.CSV.zip",
        *_day_of_names(dt.date(2025, 5, 11), "export.CSV.zip"),
        "20250512000000.export.CSV.zip",
        "20250512003000.export.CSV.zip",
        "20250512004500.export.CSV.zip",
    ]
    slot_range = SlotRange.between(dt.datetime(2025, 5, 10, 23, 0), dt.datetime(2025, 5, 12, 0, 30))

    audit = completeness(landed, slot_range=slot_range)

    assert audit.rows() == [
        (dt.date(2025, 5, 10), "export", 4, 1, 3, ["23:00", "23:15", "23:45"], False),
        (dt.date(2025, 5, 11), "export", 96, 96, 0, [], True),
        (dt.date(2025, 5, 12), "export", 3, 2, 1, ["00:15"], False),
    ]


def test_zipped_and_unzipped_copies_count_once_and_other_files_not_at_all() -> None:
    landed = [
        Path("/landing/gdelt/events/20250511180000.export.CSV.zip"),
        Path("/landing/gdelt/events/20250511180000.export.csv"),
        Path("/landing/gdelt/events/2018/20250511181500.export.CSV"),
        Path("/landing/gdelt/events/.20250511183000.export.CSV.zip.x1y2.part"),
        Path("/landing/gdelt/events/README.md"),
    ]
    slot_range = SlotRange.between(dt.datetime(2025, 5, 11, 18, 0), dt.datetime(2025, 5, 11, 18, 30))

    audit = completeness(landed, slot_range=slot_range)

    assert audit.rows() == [(dt.date(2025, 5, 11), "export", 3, 2, 1, ["18:30"], False)]


def test_named_kinds_are_audited_even_when_nothing_of_them_landed() -> None:
    slot_range = SlotRange.between(dt.datetime(2025, 5, 11, 18, 0), dt.datetime(2025, 5, 11, 18, 15))

    audit = completeness(
        ["20250511180000.export.CSV.zip", "20250511181500.export.CSV.zip", "20250511180000.gkg.csv.zip"],
        slot_range=slot_range,
        kinds=[FileKind.GKG, FileKind.EVENTS, FileKind.TRANSLINGUAL_EVENTS],
    )

    assert audit.rows() == [
        (dt.date(2025, 5, 11), "export", 2, 2, 0, [], True),
        (dt.date(2025, 5, 11), "gkg", 2, 1, 1, ["18:15"], False),
        (dt.date(2025, 5, 11), "translation.export", 2, 0, 2, ["18:00", "18:15"], False),
    ]


def test_nothing_landed_and_no_range_gives_an_empty_audit() -> None:
    audit = completeness(["README.md"])

    assert audit.height == 0
    assert audit.schema == pl.Schema(COMPLETENESS_SCHEMA)


def test_on_a_listing_s_names_the_audit_shows_gdelt_s_own_gaps() -> None:
    day = dt.date(2025, 5, 11)
    listing = parse_listing(
        [f"100 {MD5} {GDELT}{name}" for name in _day_of_names(day, "export.CSV.zip", skipped={"12:00"})]
    )

    assert completeness([entry.name for entry in listing.entries]).rows() == [
        (day, "export", 96, 95, 1, ["12:00"], False)
    ]


def test_the_audit_reads_what_the_landing_folder_holds(tmp_path: Path) -> None:
    events = tmp_path / "gdelt" / "events"
    gkg = tmp_path / "gdelt" / "gkg"
    events.mkdir(parents=True)
    gkg.mkdir(parents=True)
    for folder, name in [
        (events, "20250511180000.export.CSV.zip"),
        (events, "20250511181500.export.csv"),
        (events, ".20250511183000.export.CSV.zip.x1y2.part"),
        (gkg, "20250511180000.gkg.csv.zip"),
    ]:
        (folder / name).write_bytes(b"content")
    slot_range = SlotRange.between(dt.datetime(2025, 5, 11, 18, 0), dt.datetime(2025, 5, 11, 18, 30))

    audit = completeness(scan_landed_files(tmp_path), slot_range=slot_range)

    assert audit.rows() == [
        (dt.date(2025, 5, 11), "export", 3, 2, 1, ["18:30"], False),
        (dt.date(2025, 5, 11), "gkg", 3, 1, 2, ["18:15", "18:30"], False),
    ]
