"""A fetch from the feed as a whole: read a listing, then land every wanted file it names that is missing.

The network is allowed to be absent: `fetch_feed` turns every network failure into a
failed result with its reason, and what already landed stays usable.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from orchestration.landing.gdelt_feed.download import FetchStatus, FileFetchResult, download_missing
from orchestration.landing.gdelt_feed.listing import LAST_UPDATE, FeedListing, ListingIssue, parse_listing
from orchestration.landing.gdelt_feed.plan import plan_fetch
from orchestration.landing.gdelt_feed.transfer import FetchOptions, feed_base_url, open_url, with_retries
from orchestration.landing.gdelt_names import FileKind, SlotRange


@dataclass(frozen=True)
class ListingFetch:
    """A listing read from the feed, or why it could not be read (then `listing` is empty)."""

    url: str
    listing: FeedListing
    error: str | None
    attempts: int


def _read_listing_once(
    url: str, kinds: Collection[FileKind] | None, slot_range: SlotRange | None, options: FetchOptions
) -> FeedListing:
    with open_url(url, options) as response:
        return parse_listing(response, kinds=kinds, slot_range=slot_range)


def fetch_listing(
    listing_name: str = LAST_UPDATE,
    *,
    base_url: str | None = None,
    kinds: Collection[FileKind] | None = None,
    slot_range: SlotRange | None = None,
    options: FetchOptions | None = None,
) -> ListingFetch:
    """Read one of GDELT's listings, streamed line by line, keeping only the wanted entries.

    A transfer that breaks off midway is read again from the start, so a listing is
    never half-read.
    """
    options = options or FetchOptions()
    url = feed_base_url(base_url) + listing_name
    listing, error, attempts = with_retries(url, lambda: _read_listing_once(url, kinds, slot_range, options), options)
    if listing is None:
        return ListingFetch(url, FeedListing(entries=[], issues=[]), error, attempts)
    return ListingFetch(url, listing, None, attempts)


@dataclass(frozen=True)
class FeedFetchReport:
    """Everything one fetch did: the listing read (or its error), its malformed lines and one result per file."""

    listing_url: str
    listing_error: str | None
    listing_issues: list[ListingIssue]
    results: list[FileFetchResult]

    def with_status(self, status: FetchStatus) -> list[FileFetchResult]:
        return [result for result in self.results if result.status is status]

    @property
    def downloaded(self) -> list[FileFetchResult]:
        return self.with_status(FetchStatus.DOWNLOADED)

    @property
    def present(self) -> list[FileFetchResult]:
        return self.with_status(FetchStatus.PRESENT)

    @property
    def failed(self) -> list[FileFetchResult]:
        return self.with_status(FetchStatus.FAILED)

    @property
    def ok(self) -> bool:
        """The listing was read and every wanted file now stands in the landing folder."""
        return self.listing_error is None and not self.failed


def fetch_feed(
    raw_dir: Path,
    *,
    listing_name: str = LAST_UPDATE,
    base_url: str | None = None,
    kinds: Collection[FileKind] | None = None,
    slot_range: SlotRange | None = None,
    options: FetchOptions | None = None,
) -> FeedFetchReport:
    """Read a listing and land every listed file of `kinds` within `slot_range` that is missing.

    Without a network the report carries `listing_error` and no results; the landing
    folder is left as it was.
    """
    options = options or FetchOptions()
    base = feed_base_url(base_url)
    fetched = fetch_listing(listing_name, base_url=base, kinds=kinds, slot_range=slot_range, options=options)
    if fetched.error is not None:
        return FeedFetchReport(fetched.url, fetched.error, [], [])
    plan = plan_fetch(fetched.listing.entries, raw_dir, kinds=kinds, slot_range=slot_range)
    results = download_missing(plan, base_url=base, options=options)
    return FeedFetchReport(fetched.url, None, fetched.listing.issues, results)
