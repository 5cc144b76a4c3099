"""GDELT feed listings: file names read for kind and slot, malformed lines reported, filters applied."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from orchestration.landing.gdelt_feed.listing import FeedEntry, ListingIssue, parse_listing
from orchestration.landing.gdelt_feed.plan import plan_fetch
from orchestration.landing.gdelt_feed.transfer import (
    DEFAULT_FEED_URL,
    FEED_URL_ENV,
    FetchOptions,
    feed_base_url,
    file_url,
)
from orchestration.landing.gdelt_names import FileKind, SlotRange, classify_file_name

GDELT = "http://data.gdeltproject.org/gdeltv2/"
MD5_A = "297a16b493de7cf6ca809a7cc31d0b93"
MD5_B = "bb27f78ba45f69a17ea6ed7755e9f8ff"
MD5_C = "ea8dde0beb0ba98810a92db068c0ce99"

# lastupdate.txt as GDELT writes it
LAST_UPDATE = f"""150383 {MD5_A} {GDELT}20250322181500.export.CSV.zip
318084 {MD5_B} {GDELT}20250322181500.mentions.CSV.zip
10768507 {MD5_C} {GDELT}20250322181500.gkg.csv.zip
"""


@pytest.mark.parametrize(
    ("name", "kind", "slot", "is_zipped"),
    [
        ("20250322181500.export.CSV.zip", FileKind.EVENTS, dt.datetime(2025, 3, 22, 18, 15), True),
        ("20250322181500.mentions.CSV.zip", FileKind.MENTIONS, dt.datetime(2025, 3, 22, 18, 15), True),
        ("20250322181500.gkg.csv.zip", FileKind.GKG, dt.datetime(2025, 3, 22, 18, 15), True),
        (
            "20250322181500.translation.export.CSV.zip",
            FileKind.TRANSLINGUAL_EVENTS,
            dt.datetime(2025, 3, 22, 18, 15),
            True,
        ),
        (
            "20250322181500.translation.mentions.CSV.zip",
            FileKind.TRANSLINGUAL_MENTIONS,
            dt.datetime(2025, 3, 22, 18, 15),
            True,
        ),
        ("20250322181500.translation.gkg.csv.zip", FileKind.TRANSLINGUAL_GKG, dt.datetime(2025, 3, 22, 18, 15), True),
        ("20250511180000.export.csv", FileKind.EVENTS, dt.datetime(2025, 5, 11, 18, 0), False),
        ("20180101000000.export.CSV", FileKind.EVENTS, dt.datetime(2018, 1, 1, 0, 0), False),
    ],
)
def test_a_file_name_gives_its_kind_and_slot(name: str, kind: FileKind, slot: dt.datetime, is_zipped: bool) -> None:
    file = classify_file_name(f"{GDELT}{name}")

    assert file is not None
    assert (file.name, file.kind, file.slot, file.zipped) == (name, kind, slot, is_zipped)


def test_a_path_classifies_like_a_url() -> None:
    file = classify_file_name(Path("/landing/gdelt/gkg/20250322181500.gkg.csv.zip"))

    assert file is not None
    assert (file.kind, file.slot) == (FileKind.GKG, dt.datetime(2025, 3, 22, 18, 15))


@pytest.mark.parametrize(
    "name",
    [
        "20250322181000.export.CSV.zip",
        "20250322181530.export.CSV.zip",
        "20251322181500.export.CSV.zip",
        "20250322181500.events.CSV.zip",
        "2025032218150.export.CSV.zip",
        "20250322181500.export.CSV.zip.part",
        ".20250322181500.export.CSV.zip.k2j4.part",
        "masterfilelist.txt",
        "README.md",
    ],
)
def test_other_names_are_not_gdelt_files(name: str) -> None:
    assert classify_file_name(name) is None


def test_lastupdate_lists_three_files_of_one_slot() -> None:
    listing = parse_listing(LAST_UPDATE)

    assert listing.issues == []
    assert [(entry.size, entry.md5, entry.kind, entry.line_number) for entry in listing.entries] == [
        (150383, MD5_A, FileKind.EVENTS, 1),
        (318084, MD5_B, FileKind.MENTIONS, 2),
        (10768507, MD5_C, FileKind.GKG, 3),
    ]
    assert {entry.slot for entry in listing.entries} == {dt.datetime(2025, 3, 22, 18, 15)}
    assert listing.entries[0].url == f"{GDELT}20250322181500.export.CSV.zip"


def test_malformed_lines_are_reported_with_their_line_numbers() -> None:
    lines = [
        f"150383 {MD5_A} {GDELT}20250322181500.export.CSV.zip",
        f" {GDELT}20250322183000.export.CSV.zip",
        f"12x {MD5_A} {GDELT}20250322184500.export.CSV.zip",
        f"150383 not-an-md5 {GDELT}20250322184500.export.CSV.zip",
        "",
        f"150383 {MD5_A} {GDELT}20250322184500.export.CSV.zip trailing",
        f"150383 {MD5_A} {GDELT}20250322184500.events.CSV.zip",
        f"150383 {MD5_A} ftp://example.invalid/20250322184500.export.CSV.zip",
        f"318084 {MD5_B.upper()} {GDELT}20250322181500.mentions.CSV.zip\r",
    ]

    listing = parse_listing(lines)

    assert [(entry.line_number, entry.md5) for entry in listing.entries] == [(1, MD5_A), (9, MD5_B)]
    assert [(issue.line_number, issue.reason) for issue in listing.issues] == [
        (2, "expected 3 fields '<bytes> <md5> <url>', found 1"),
        (3, "size '12x' is not a whole number of bytes"),
        (4, "md5 'not-an-md5' is not 32 hexadecimal digits"),
        (5, "blank line"),
        (6, "expected 3 fields '<bytes> <md5> <url>', found 4"),
        (7, "'20250322184500.events.CSV.zip' is not a GDELT 2.0 15-minute file name"),
        (8, "'ftp://example.invalid/20250322184500.export.CSV.zip' is not an http(s) URL"),
    ]
    assert listing.issues[1].raw_line == f"12x {MD5_A} {GDELT}20250322184500.export.CSV.zip"


def test_undecodable_bytes_in_a_listing_line_are_reported() -> None:
    lines = [
        f"150383 {MD5_A} {GDELT}20250322181500.export.CSV.zip\n".encode(),
        b"150383 \xff\xfe " + f"{GDELT}20250322183000.export.CSV.zip\n".encode(),
    ]

    listing = parse_listing(lines)

    assert len(listing.entries) == 1
    assert listing.issues == [
        ListingIssue(
            2, "undecodable bytes (not UTF-8) at byte 7", f"150383 \\xff\\xfe {GDELT}20250322183000.export.CSV.zip"
        )
    ]


def _master_file_list() -> list[str]:
    """Three days of every core kind at 23:45, 00:00 and 00:15 around midnights."""
    lines = []
    for stamp in ("20250510234500", "20250511000000", "20250511001500", "20250511234500", "20250512000000"):
        for marker in ("export.CSV", "mentions.CSV", "gkg.csv"):
            lines.append(f"100 {MD5_A} {GDELT}{stamp}.{marker}.zip")
    return lines


def test_the_listing_is_filtered_by_kind_and_slot_range_as_it_streams() -> None:
    consumed: list[int] = []

    def streamed() -> Iterator[str]:
        for number, line in enumerate(_master_file_list(), start=1):
            consumed.append(number)
            yield line

    listing = parse_listing(
        streamed(), kinds={FileKind.EVENTS}, slot_range=SlotRange.between(dt.date(2025, 5, 11), dt.date(2025, 5, 11))
    )

    assert [entry.name for entry in listing.entries] == [
        "20250511000000.export.CSV.zip",
        "20250511001500.export.CSV.zip",
        "20250511234500.export.CSV.zip",
    ]
    assert consumed == list(range(1, 16))


def test_a_slot_range_from_dates_covers_whole_days_and_from_datetimes_rounds_inwards() -> None:
    by_days = SlotRange.between(dt.date(2025, 6, 14), dt.date(2025, 7, 1))
    by_moments = SlotRange.between(dt.datetime(2025, 6, 14, 10, 7), dt.datetime(2025, 6, 14, 11, 14, 59))
    aware = SlotRange.between(
        dt.datetime(2025, 6, 14, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        dt.datetime(2025, 6, 14, 12, 0, tzinfo=dt.UTC),
    )

    assert (by_days.first, by_days.last) == (dt.datetime(2025, 6, 14, 0, 0), dt.datetime(2025, 7, 1, 23, 45))
    assert len(by_days.days()) == 18
    assert (by_moments.first, by_moments.last) == (dt.datetime(2025, 6, 14, 10, 15), dt.datetime(2025, 6, 14, 11, 0))
    assert (aware.first, aware.last) == (dt.datetime(2025, 6, 14, 10, 0), dt.datetime(2025, 6, 14, 12, 0))
    assert len(by_days.slots_on(dt.date(2025, 6, 20))) == 96
    assert by_moments.slots_on(dt.date(2025, 6, 14)) == [
        dt.datetime(2025, 6, 14, 10, 15),
        dt.datetime(2025, 6, 14, 10, 30),
        dt.datetime(2025, 6, 14, 10, 45),
        dt.datetime(2025, 6, 14, 11, 0),
    ]


def test_a_slot_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="after its end"):
        SlotRange.between(dt.date(2025, 7, 1), dt.date(2025, 6, 14))


def test_the_feed_url_comes_from_the_override_then_the_environment_then_gdelt(monkeypatch: pytest.MonkeyPatch) -> None:
    assert feed_base_url() == DEFAULT_FEED_URL == "http://data.gdeltproject.org/gdeltv2/"

    monkeypatch.setenv(FEED_URL_ENV, "http://127.0.0.1:8080/mirror")
    assert feed_base_url() == "http://127.0.0.1:8080/mirror/"
    assert feed_base_url("http://127.0.0.1:9090/other/") == "http://127.0.0.1:9090/other/"

    monkeypatch.setenv(FEED_URL_ENV, "/var/mirror")
    with pytest.raises(ValueError, match="not an http"):
        feed_base_url()


def test_files_are_fetched_by_name_from_the_configured_feed_whatever_host_the_listing_names() -> None:
    assert file_url("http://127.0.0.1:8080/mirror", "20250322181500.gkg.csv.zip") == (
        "http://127.0.0.1:8080/mirror/20250322181500.gkg.csv.zip"
    )


def test_options_back_off_exponentially_up_to_a_cap() -> None:
    options = FetchOptions(base_delay_seconds=2.0, max_delay_seconds=10.0)

    assert [options.delay_before_retry(attempt) for attempt in (1, 2, 3, 4, 5)] == [2.0, 4.0, 8.0, 10.0, 10.0]
    with pytest.raises(ValueError, match="attempts"):
        FetchOptions(attempts=0)


def _entry(name: str, size: int = 100) -> FeedEntry:
    file = classify_file_name(name)
    assert file is not None
    return FeedEntry(size=size, md5=MD5_A, url=f"{GDELT}{name}", file=file, line_number=1)


def test_the_plan_lands_each_kind_in_its_folder_and_counts_any_landed_copy_of_a_slot(tmp_path: Path) -> None:
    events = tmp_path / "gdelt" / "events"
    events.mkdir(parents=True)
    (events / "20250511180000.export.csv").write_bytes(b"unzipped copy")
    (events / "20250511181500.export.CSV.zip").write_bytes(b"x" * 100)
    (events / "20250511183000.export.CSV.zip").write_bytes(b"x" * 40)
    entries = [
        _entry("20250511180000.export.CSV.zip"),
        _entry("20250511181500.export.CSV.zip"),
        _entry("20250511183000.export.CSV.zip"),
        _entry("20250511180000.mentions.CSV.zip"),
        _entry("20250511180000.translation.gkg.csv.zip"),
        _entry("20250511180000.mentions.CSV.zip"),
    ]

    plan = plan_fetch(entries, tmp_path)

    assert [(planned.target.relative_to(tmp_path).as_posix(), planned.note) for planned in plan.present] == [
        ("gdelt/events/20250511180000.export.CSV.zip", "landed as 20250511180000.export.csv"),
        ("gdelt/events/20250511181500.export.CSV.zip", None),
    ]
    assert [(planned.target.relative_to(tmp_path).as_posix(), planned.note) for planned in plan.missing] == [
        ("gdelt/events/20250511183000.export.CSV.zip", "landed copy has 40 bytes, listing says 100: fetched again"),
        ("gdelt/mentions/20250511180000.mentions.CSV.zip", None),
        ("gdelt/gkg/20250511180000.translation.gkg.csv.zip", None),
    ]
