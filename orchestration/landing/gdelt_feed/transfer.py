"""Talking to the GDELT feed: where it is, how a request is made, and how a failed one is tried again.

Network failures and busy servers are tried again with exponential back-off; an answer
another attempt would not change (a 404, bytes that are not the bytes listed, a landing
folder that refuses them) ends the attempts at once.
"""

from __future__ import annotations

import http.client
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import urlsplit

DEFAULT_FEED_URL = "http://data.gdeltproject.org/gdeltv2/"
FEED_URL_ENV = "DYADWATCH_GDELT_FEED_URL"


def feed_base_url(override: str | None = None) -> str:
    """The feed's base URL: `override`, else `DYADWATCH_GDELT_FEED_URL`, else GDELT's own.

    Always ends in `/` so that listing and file names join onto it.
    """
    url = (override or os.environ.get(FEED_URL_ENV, "").strip() or DEFAULT_FEED_URL).strip()
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise ValueError(f"GDELT feed URL '{url}' is not an http(s) URL")
    return url if url.endswith("/") else url + "/"


def file_url(base_url: str, file_name: str) -> str:
    """Where a file is fetched: its name below the feed's base URL.

    The URL a listing gives is not followed as such: a mirror's copy of a listing still
    names GDELT's host, and the name alone identifies a GDELT file.
    """
    return feed_base_url(base_url) + file_name


@dataclass(frozen=True)
class FetchOptions:
    """How hard to try: per-request timeout, attempts per URL and exponential back-off between them."""

    timeout_seconds: float = 60.0
    attempts: int = 4
    base_delay_seconds: float = 2.0
    max_delay_seconds: float = 120.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    chunk_bytes: int = 1 << 20
    user_agent: str = "dyadwatch"

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")
        if self.timeout_seconds <= 0:
            raise ValueError("timeout_seconds must be positive")

    def delay_before_retry(self, failed_attempt: int) -> float:
        """Back-off after the `failed_attempt`-th attempt: base, 2 × base, 4 × base, … capped."""
        return min(self.base_delay_seconds * 2 ** (failed_attempt - 1), self.max_delay_seconds)


class ContentMismatch(Exception):
    """The bytes served are not the bytes listed: trying again would fetch the same bytes."""


class TruncatedTransfer(Exception):
    """The connection ended before the announced bytes came: worth another attempt."""


class NetworkReadError(Exception):
    """Reading the response failed midway; kept apart from the landing folder's own OSErrors."""


class LandingWriteError(Exception):
    """The landing folder refused the bytes (disk full, permissions): not a network matter."""


class PermanentHttpError(Exception):
    """An HTTP answer that another attempt would not change (404, 403, …)."""


# Statuses a server gives when it is busy or restarting; every other error status stands.
_TRANSIENT_HTTP_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


def describe_error(error: BaseException) -> str:
    """A failure in the words a fetch report gives it: the HTTP status, the network's reason, or the error."""
    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code} {error.reason}"
    if isinstance(error, urllib.error.URLError):
        reason = error.reason
        return str(reason) if not isinstance(reason, BaseException) else describe_error(reason)
    if isinstance(error, TimeoutError):
        return "timed out"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def open_url(url: str, options: FetchOptions) -> http.client.HTTPResponse:
    """The response to a GET of `url`; an error status no retry would change raises `PermanentHttpError`."""
    request = urllib.request.Request(url, headers={"User-Agent": options.user_agent})
    try:
        return urllib.request.urlopen(request, timeout=options.timeout_seconds)
    except urllib.error.HTTPError as error:
        error.close()
        if error.code in _TRANSIENT_HTTP_STATUSES:
            raise
        raise PermanentHttpError(describe_error(error)) from error


_Value = TypeVar("_Value")


def with_retries(
    url: str, action: Callable[[], _Value], options: FetchOptions
) -> tuple[_Value | None, str | None, int]:
    """Run `action` until it succeeds, retrying network failures: (value, error, attempts made)."""
    last_error = ""
    for attempt in range(1, options.attempts + 1):
        try:
            return action(), None, attempt
        except (ContentMismatch, LandingWriteError, PermanentHttpError) as error:
            return None, str(error), attempt
        except (TruncatedTransfer, NetworkReadError) as error:
            last_error = str(error)
        except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
            last_error = describe_error(error)
        if attempt < options.attempts:
            options.sleep(options.delay_before_retry(attempt))
    plural = "attempt" if options.attempts == 1 else "attempts"
    return None, f"could not fetch {url} after {options.attempts} {plural}: {last_error}", options.attempts


def read_chunks(response: http.client.HTTPResponse, chunk_bytes: int) -> Iterator[bytes]:
    """The response's body in chunks; a read that breaks off raises `NetworkReadError`."""
    while True:
        try:
            chunk = response.read(chunk_bytes)
        except (http.client.HTTPException, OSError) as error:
            raise NetworkReadError(describe_error(error)) from error
        if not chunk:
            return
        yield chunk
