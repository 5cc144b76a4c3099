"""Fetching GDELT files from a feed served on 127.0.0.1: verified downloads, clean failures, retries."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from orchestration.ingest.gdelt_events import read_gdelt_events
from orchestration.landing.gdelt_feed.download import FetchStatus
from orchestration.landing.gdelt_feed.fetch import fetch_feed, fetch_listing
from orchestration.landing.gdelt_feed.listing import (
    LAST_UPDATE,
    LAST_UPDATE_TRANSLINGUAL,
    MASTER_FILE_LIST,
    MASTER_FILE_LIST_TRANSLINGUAL,
)
from orchestration.landing.gdelt_feed.transfer import FEED_URL_ENV, FetchOptions
from orchestration.landing.gdelt_names import FileKind, SlotRange

from .conftest import BASE_DELAY_SECONDS, CUT_SHORT, MAY_2025_EXPORT, FeedServer, Published, RecordedSleeps

EXPORT = "20250511180000.export.CSV.zip"
MENTIONS = "20250511180000.mentions.CSV.zip"
GKG = "20250511180000.gkg.csv.zip"

MENTIONS_ROWS = (
    b"1243169377\t20250504000000\t20250511180000\t1\tnypost.com\t"
    b"https://nypost.com/2025/05/11/us-news/burqa-wearing-bandit-breaks-into-nyc-home/\t0\t0\t0\t0\t1\t30\t100\t-6.5\t\t\n"
)
GKG_ROWS = b"20250511180000-0\t20250511180000\t1\tnypost.com\thttps://nypost.com/2025/05/11/\t\t\t\t\n"


def _all_files(folder: Path) -> list[str]:
    """Every file below `folder`, hidden ones included, as relative paths."""
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())


@pytest.fixture
def latest_slot(feed_server: FeedServer) -> dict[str, Published]:
    """The 2025-05-11 18:00 slot: the real export, zipped as GDELT ships it, with its mentions and GKG."""
    published = {
        EXPORT: feed_server.publish_zipped(EXPORT, MAY_2025_EXPORT.read_bytes()),
        MENTIONS: feed_server.publish_zipped(MENTIONS, MENTIONS_ROWS),
        GKG: feed_server.publish_zipped(GKG, GKG_ROWS),
    }
    feed_server.write_listing(LAST_UPDATE, [feed_server.listing_line(item) for item in published.values()])
    return published


def test_missing_files_are_downloaded_verified_and_land_by_kind(
    feed_server: FeedServer, latest_slot: dict[str, Published], raw_dir: Path, options: FetchOptions
) -> None:
    report = fetch_feed(raw_dir, base_url=feed_server.base_url, options=options)

    assert report.ok
    assert report.listing_url == f"{feed_server.base_url}lastupdate.txt"
    assert [(result.url, result.status, result.bytes, result.reason, result.attempts) for result in report.results] == [
        (f"{feed_server.base_url}{name}", FetchStatus.DOWNLOADED, published.size, None, 1)
        for name, published in latest_slot.items()
    ]
    assert _all_files(raw_dir) == [f"gdelt/events/{EXPORT}", f"gdelt/gkg/{GKG}", f"gdelt/mentions/{MENTIONS}"]
    for result in report.results:
        assert result.target.read_bytes() == latest_slot[result.target.name].data
    assert read_gdelt_events(raw_dir / "gdelt" / "events" / EXPORT).rows.height == 786


def test_a_second_fetch_downloads_nothing(
    feed_server: FeedServer, latest_slot: dict[str, Published], raw_dir: Path, options: FetchOptions
) -> None:
    fetch_feed(raw_dir, base_url=feed_server.base_url, options=options)

    again = fetch_feed(raw_dir, base_url=feed_server.base_url, options=options)

    assert again.ok
    assert [(result.target.name, result.status, result.bytes) for result in again.results] == [
        (name, FetchStatus.PRESENT, published.size) for name, published in latest_slot.items()
    ]
    assert [feed_server.requests_for(name) for name in (LAST_UPDATE, EXPORT, MENTIONS, GKG)] == [2, 1, 1, 1]


@pytest.mark.usefixtures("latest_slot")
def test_an_unzipped_copy_of_the_slot_counts_as_landed(
    feed_server: FeedServer, raw_dir: Path, options: FetchOptions
) -> None:
    events = raw_dir / "gdelt" / "events"
    events.mkdir(parents=True)
    (events / MAY_2025_EXPORT.name).write_bytes(MAY_2025_EXPORT.read_bytes())

    report = fetch_feed(raw_dir, base_url=feed_server.base_url, kinds={FileKind.EVENTS}, options=options)

    assert [(result.status, result.bytes, result.reason) for result in report.results] == [
        (FetchStatus.PRESENT, MAY_2025_EXPORT.stat().st_size, "landed as 20250511180000.export.csv")
    ]
    assert feed_server.requests_for(EXPORT) == 0
    assert _all_files(events) == ["20250511180000.export.csv"]


def test_a_damaged_landed_copy_is_fetched_again(
    feed_server: FeedServer, latest_slot: dict[str, Published], raw_dir: Path, options: FetchOptions
) -> None:
    events = raw_dir / "gdelt" / "events"
    events.mkdir(parents=True)
    (events / EXPORT).write_bytes(latest_slot[EXPORT].data[:1000])

    report = fetch_feed(raw_dir, base_url=feed_server.base_url, kinds={FileKind.EVENTS}, options=options)

    assert [(result.status, result.reason) for result in report.results] == [
        (
            FetchStatus.DOWNLOADED,
            f"landed copy has 1000 bytes, listing says {latest_slot[EXPORT].size}: fetched again",
        )
    ]
    assert (events / EXPORT).read_bytes() == latest_slot[EXPORT].data


def test_an_md5_mismatch_is_reported_and_leaves_no_file_while_the_others_land(
    feed_server: FeedServer, latest_slot: dict[str, Published], raw_dir: Path, options: FetchOptions
) -> None:
    wrong_md5 = "0" * 32
    feed_server.write_listing(
        LAST_UPDATE,
        [
            feed_server.listing_line(latest_slot[EXPORT], md5=wrong_md5),
            feed_server.listing_line(latest_slot[MENTIONS]),
            feed_server.listing_line(latest_slot[GKG]),
        ],
    )

    report = fetch_feed(raw_dir, base_url=feed_server.base_url, options=options)

    assert not report.ok
    assert [(result.target.name, result.status) for result in report.results] == [
        (EXPORT, FetchStatus.FAILED),
        (MENTIONS, FetchStatus.DOWNLOADED),
        (GKG, FetchStatus.DOWNLOADED),
    ]
    failed = report.failed[0]
    assert failed.reason == f"md5 mismatch: received {latest_slot[EXPORT].md5}, the listing says {wrong_md5}"
    assert (failed.bytes, failed.attempts) == (0, 1)
    assert _all_files(raw_dir) == [f"gdelt/gkg/{GKG}", f"gdelt/mentions/{MENTIONS}"]


@pytest.mark.parametrize("size_offset", [1, -1])
def test_a_size_mismatch_is_reported_and_leaves_no_file(
    feed_server: FeedServer, latest_slot: dict[str, Published], raw_dir: Path, options: FetchOptions, size_offset: int
) -> None:
    true_size = latest_slot[EXPORT].size
    listed_size = true_size + size_offset
    feed_server.write_listing(LAST_UPDATE, [feed_server.listing_line(latest_slot[EXPORT], size=listed_size)])

    report = fetch_feed(raw_dir, base_url=feed_server.base_url, options=options)

    assert [(result.status, result.reason, result.attempts) for result in report.results] == [
        (FetchStatus.FAILED, f"size mismatch: the server sends {true_size} bytes, the listing says {listed_size}", 1)
    ]
    assert _all_files(raw_dir) == []


@pytest.mark.usefixtures("latest_slot")
def test_a_missing_file_on_the_server_is_reported_and_the_others_still_come(
    feed_server: FeedServer,
    raw_dir: Path,
    options: FetchOptions,
    sleeps: RecordedSleeps,
) -> None:
    (feed_server.root / MENTIONS).unlink()

    report = fetch_feed(raw_dir, base_url=feed_server.base_url, options=options)

    assert [(result.target.name, result.status, result.reason) for result in report.results] == [
        (EXPORT, FetchStatus.DOWNLOADED, None),
        (MENTIONS, FetchStatus.FAILED, "HTTP 404 File not found"),
        (GKG, FetchStatus.DOWNLOADED, None),
    ]
    assert feed_server.requests_for(MENTIONS) == 1
    assert sleeps.delays == []
    assert _all_files(raw_dir) == [f"gdelt/events/{EXPORT}", f"gdelt/gkg/{GKG}"]


def test_a_server_error_is_retried_with_back_off(
    feed_server: FeedServer,
    latest_slot: dict[str, Published],
    raw_dir: Path,
    options: FetchOptions,
    sleeps: RecordedSleeps,
) -> None:
    feed_server.answer_first(EXPORT, 500)
    feed_server.answer_first(GKG, 503, 502)

    report = fetch_feed(raw_dir, base_url=feed_server.base_url, options=options)

    assert report.ok
    assert [(result.target.name, result.status, result.attempts) for result in report.results] == [
        (EXPORT, FetchStatus.DOWNLOADED, 2),
        (MENTIONS, FetchStatus.DOWNLOADED, 1),
        (GKG, FetchStatus.DOWNLOADED, 3),
    ]
    assert sleeps.delays == [BASE_DELAY_SECONDS, BASE_DELAY_SECONDS, 2 * BASE_DELAY_SECONDS]
    assert (raw_dir / "gdelt" / "events" / EXPORT).read_bytes() == latest_slot[EXPORT].data


@pytest.mark.usefixtures("latest_slot")
def test_a_server_error_that_outlasts_the_attempts_is_reported(
    feed_server: FeedServer,
    raw_dir: Path,
    options: FetchOptions,
    sleeps: RecordedSleeps,
) -> None:
    feed_server.answer_first(EXPORT, 500, 500, 500)

    report = fetch_feed(raw_dir, base_url=feed_server.base_url, kinds={FileKind.EVENTS}, options=options)

    assert [(result.status, result.reason, result.attempts) for result in report.results] == [
        (
            FetchStatus.FAILED,
            f"could not fetch {feed_server.base_url}{EXPORT} after 3 attempts: HTTP 500 Internal Server Error",
            3,
        )
    ]
    assert sleeps.delays == [BASE_DELAY_SECONDS, 2 * BASE_DELAY_SECONDS]
    assert _all_files(raw_dir) == []


def test_a_transfer_cut_short_is_retried_and_never_lands_half_a_file(
    feed_server: FeedServer,
    latest_slot: dict[str, Published],
    raw_dir: Path,
    options: FetchOptions,
    sleeps: RecordedSleeps,
) -> None:
    feed_server.answer_first(EXPORT, CUT_SHORT)

    report = fetch_feed(raw_dir, base_url=feed_server.base_url, kinds={FileKind.EVENTS}, options=options)

    assert [(result.status, result.attempts) for result in report.results] == [(FetchStatus.DOWNLOADED, 2)]
    assert sleeps.delays == [BASE_DELAY_SECONDS]
    assert _all_files(raw_dir) == [f"gdelt/events/{EXPORT}"]
    assert (raw_dir / "gdelt" / "events" / EXPORT).read_bytes() == latest_slot[EXPORT].data


def test_a_transfer_always_cut_short_is_reported(
    feed_server: FeedServer, latest_slot: dict[str, Published], raw_dir: Path, options: FetchOptions
) -> None:
    feed_server.answer_first(EXPORT, CUT_SHORT, CUT_SHORT, CUT_SHORT)

    report = fetch_feed(raw_dir, base_url=feed_server.base_url, kinds={FileKind.EVENTS}, options=options)

    size = latest_slot[EXPORT].size
    assert [(result.status, result.reason) for result in report.results] == [
        (
            FetchStatus.FAILED,
            f"could not fetch {feed_server.base_url}{EXPORT} after 3 attempts: "
            f"the connection ended after {size // 2} of {size} bytes",
        )
    ]
    assert _all_files(raw_dir) == []


@pytest.mark.usefixtures("latest_slot")
def test_a_landing_folder_that_cannot_be_written_fails_the_file_not_the_fetch(
    feed_server: FeedServer, raw_dir: Path, options: FetchOptions
) -> None:
    (raw_dir / "gdelt").mkdir()
    (raw_dir / "gdelt" / "events").write_bytes(b"a file where a folder should be")

    report = fetch_feed(raw_dir, base_url=feed_server.base_url, options=options)

    assert [(result.target.name, result.status) for result in report.results] == [
        (EXPORT, FetchStatus.FAILED),
        (MENTIONS, FetchStatus.DOWNLOADED),
        (GKG, FetchStatus.DOWNLOADED),
    ]
    assert report.failed[0].reason.startswith(f"cannot write to {raw_dir / 'gdelt' / 'events'}: ")


@pytest.mark.usefixtures("latest_slot")
def test_a_listing_that_fails_once_is_read_again(feed_server: FeedServer, raw_dir: Path, options: FetchOptions) -> None:
    feed_server.answer_first(LAST_UPDATE, 503)

    report = fetch_feed(raw_dir, base_url=feed_server.base_url, options=options)

    assert report.ok
    assert len(report.downloaded) == 3
    assert feed_server.requests_for(LAST_UPDATE) == 2


def test_a_listing_the_feed_does_not_have_is_reported(
    feed_server: FeedServer, raw_dir: Path, options: FetchOptions, sleeps: RecordedSleeps
) -> None:
    report = fetch_feed(
        raw_dir, listing_name=MASTER_FILE_LIST_TRANSLINGUAL, base_url=feed_server.base_url, options=options
    )

    assert (report.listing_url, report.listing_error) == (
        f"{feed_server.base_url}masterfilelist-translation.txt",
        "HTTP 404 File not found",
    )
    assert report.results == []
    assert sleeps.delays == []


def test_malformed_listing_lines_are_reported_and_the_good_lines_still_fetch(
    feed_server: FeedServer, latest_slot: dict[str, Published], raw_dir: Path, options: FetchOptions
) -> None:
    export_line = feed_server.listing_line(latest_slot[EXPORT])
    feed_server.write_listing(
        LAST_UPDATE,
        [
            export_line,
            f" {feed_server.base_url}{MENTIONS}",
            feed_server.listing_line(latest_slot[GKG]).replace(" ", "  ", 1) + " extra",
        ],
    )

    report = fetch_feed(raw_dir, base_url=feed_server.base_url, options=options)

    assert [(issue.line_number, issue.reason) for issue in report.listing_issues] == [
        (2, "expected 3 fields '<bytes> <md5> <url>', found 1"),
        (3, "expected 3 fields '<bytes> <md5> <url>', found 4"),
    ]
    assert [(result.target.name, result.status) for result in report.results] == [(EXPORT, FetchStatus.DOWNLOADED)]
    assert report.ok


def _publish_master_file_list(feed_server: FeedServer) -> list[str]:
    """Small exports, mentions and GKG files for slots either side of two midnights."""
    stamps = ("20250510234500", "20250511000000", "20250511234500", "20250512000000")
    first_lines = b"".join(MAY_2025_EXPORT.read_bytes().splitlines(keepends=True)[:3])
    lines = []
    for stamp in stamps:
        for name, rows in (
            (f"{stamp}.export.CSV.zip", first_lines),
            (f"{stamp}.mentions.CSV.zip", MENTIONS_ROWS),
            (f"{stamp}.gkg.csv.zip", GKG_ROWS),
        ):
            lines.append(feed_server.listing_line(feed_server.publish_zipped(name, rows)))
    feed_server.write_listing(MASTER_FILE_LIST, lines)
    return lines


def test_the_master_file_list_is_fetched_only_for_the_kinds_and_days_asked(
    feed_server: FeedServer, raw_dir: Path, options: FetchOptions
) -> None:
    _publish_master_file_list(feed_server)

    report = fetch_feed(
        raw_dir,
        listing_name=MASTER_FILE_LIST,
        base_url=feed_server.base_url,
        kinds={FileKind.EVENTS, FileKind.GKG},
        slot_range=SlotRange.between(dt.date(2025, 5, 11), dt.date(2025, 5, 11)),
        options=options,
    )

    assert report.ok
    assert _all_files(raw_dir) == [
        "gdelt/events/20250511000000.export.CSV.zip",
        "gdelt/events/20250511234500.export.CSV.zip",
        "gdelt/gkg/20250511000000.gkg.csv.zip",
        "gdelt/gkg/20250511234500.gkg.csv.zip",
    ]
    assert [result.status for result in report.results] == [FetchStatus.DOWNLOADED] * 4


def test_a_partial_day_range_takes_only_its_slots(feed_server: FeedServer, options: FetchOptions) -> None:
    _publish_master_file_list(feed_server)

    fetched = fetch_listing(
        MASTER_FILE_LIST,
        base_url=feed_server.base_url,
        kinds={FileKind.MENTIONS},
        slot_range=SlotRange.between(dt.datetime(2025, 5, 10, 23, 30), dt.datetime(2025, 5, 11, 0, 0)),
        options=options,
    )

    assert fetched.error is None
    assert [entry.name for entry in fetched.listing.entries] == [
        "20250510234500.mentions.CSV.zip",
        "20250511000000.mentions.CSV.zip",
    ]


def test_translingual_files_land_beside_their_kind(
    feed_server: FeedServer, raw_dir: Path, options: FetchOptions
) -> None:
    name = "20250511180000.translation.export.CSV.zip"
    published = feed_server.publish_zipped(name, b"".join(MAY_2025_EXPORT.read_bytes().splitlines(keepends=True)[:5]))
    feed_server.write_listing(LAST_UPDATE_TRANSLINGUAL, [feed_server.listing_line(published)])

    report = fetch_feed(raw_dir, listing_name=LAST_UPDATE_TRANSLINGUAL, base_url=feed_server.base_url, options=options)

    assert [(result.status, result.target.relative_to(raw_dir).as_posix()) for result in report.results] == [
        (FetchStatus.DOWNLOADED, f"gdelt/events/{name}")
    ]


def test_files_come_from_the_configured_feed_not_the_host_the_listing_names(
    feed_server: FeedServer,
    latest_slot: dict[str, Published],
    raw_dir: Path,
    options: FetchOptions,
    closed_port: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    elsewhere = f"http://127.0.0.1:{closed_port}/gdeltv2/"
    feed_server.write_listing(
        LAST_UPDATE, [feed_server.listing_line(latest_slot[EXPORT]).replace(feed_server.base_url, elsewhere)]
    )
    monkeypatch.setenv(FEED_URL_ENV, feed_server.base_url)

    report = fetch_feed(raw_dir, options=options)

    assert [(result.url, result.status) for result in report.results] == [
        (f"{feed_server.base_url}{EXPORT}", FetchStatus.DOWNLOADED)
    ]


def test_a_feed_that_is_not_there_gives_a_clean_failure(
    raw_dir: Path, options: FetchOptions, sleeps: RecordedSleeps, closed_port: int
) -> None:
    base_url = f"http://127.0.0.1:{closed_port}/"

    report = fetch_feed(raw_dir, base_url=base_url, options=options)

    assert not report.ok
    assert report.results == []
    assert report.listing_error == f"could not fetch {base_url}lastupdate.txt after 3 attempts: Connection refused"
    assert sleeps.delays == [BASE_DELAY_SECONDS, 2 * BASE_DELAY_SECONDS]
    assert _all_files(raw_dir) == []


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A port on 127.0.0.1 that takes connections and never answers."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"


def test_a_feed_that_never_answers_times_out_cleanly(raw_dir: Path, sleeps: RecordedSleeps, silent_server: str) -> None:
    options = FetchOptions(timeout_seconds=0.2, attempts=2, base_delay_seconds=BASE_DELAY_SECONDS, sleep=sleeps)

    report = fetch_feed(raw_dir, base_url=silent_server, options=options)

    assert report.listing_error == f"could not fetch {silent_server}lastupdate.txt after 2 attempts: timed out"
    assert sleeps.delays == [BASE_DELAY_SECONDS]
