"""A GDELT feed served from a temporary folder on 127.0.0.1, with failures scripted per file."""

from __future__ import annotations

import hashlib
import http.server
import io
import socket
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from orchestration.landing.gdelt_feed.transfer import FetchOptions

RAW_EVENTS = Path(__file__).resolve().parents[3] / "raw" / "gdelt" / "events"
MAY_2025_EXPORT = RAW_EVENTS / "20250511180000.export.csv"

TIMEOUT_SECONDS = 5.0
CUT_SHORT = "cut short"
BASE_DELAY_SECONDS = 0.5


def zipped(member_name: str, data: bytes) -> bytes:
    """A zip holding one member, as GDELT ships its files (fixed member time, so equal input gives equal bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(member_name, date_time=(2025, 5, 11, 18, 0, 0)), data)
    return buffer.getvalue()


@dataclass(frozen=True)
class Published:
    name: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def md5(self) -> str:
        return hashlib.md5(self.data).hexdigest()


@dataclass
class FeedServer:
    """What the test feed serves (files under `root`) and every path it was asked for."""

    root: Path
    base_url: str
    requested: list[str] = field(default_factory=list)
    scripted_answers: dict[str, list[int | str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, name: str, data: bytes) -> Published:
        (self.root / name).write_bytes(data)
        return Published(name, data)

    def publish_zipped(self, name: str, member_data: bytes) -> Published:
        return self.publish(name, zipped(name.removesuffix(".zip"), member_data))

    def listing_line(self, published: Published, *, size: int | None = None, md5: str | None = None) -> str:
        """The listing line GDELT would write, with the size or md5 optionally falsified."""
        return f"{published.size if size is None else size} {published.md5 if md5 is None else md5} {self.base_url}{published.name}"

    def write_listing(self, listing_name: str, lines: list[str]) -> None:
        (self.root / listing_name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")

    def answer_first(self, name: str, *answers: int | str) -> None:
        """Answer the next requests for `name` this way before serving it: an error status,
        or `CUT_SHORT` (the full length announced, half the bytes sent, the connection closed)."""
        with self.lock:
            self.scripted_answers.setdefault("/" + name, []).extend(answers)

    def requests_for(self, name: str) -> int:
        with self.lock:
            return self.requested.count("/" + name)


class _FeedHTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    feed: FeedServer


class _FeedRequestHandler(http.server.SimpleHTTPRequestHandler):
    server: _FeedHTTPServer

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, directory=str(kwargs.pop("server_root")), **kwargs)

    def do_GET(self) -> None:
        feed = self.server.feed
        with feed.lock:
            feed.requested.append(self.path)
            scripted = feed.scripted_answers.get(self.path, [])
            answer = scripted.pop(0) if scripted else None
        if answer == CUT_SHORT:
            self._send_half()
        elif isinstance(answer, int):
            self.send_error(answer)
        else:
            super().do_GET()

    def _send_half(self) -> None:
        data = (self.server.feed.root / self.path.lstrip("/")).read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        """The test output stays quiet: requests are recorded in `FeedServer.requested`."""


@pytest.fixture(autouse=True)
def feed_settings_of_the_test_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests go straight to 127.0.0.1 whatever proxy the machine names, and no feed URL leaks in from outside."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.setenv("NO_PROXY", "*")
    monkeypatch.delenv("DYADWATCH_GDELT_FEED_URL", raising=False)


@pytest.fixture
def feed_server(tmp_path: Path) -> Iterator[FeedServer]:
    root = tmp_path / "feed"
    root.mkdir()

    def handler(*args, **kwargs) -> _FeedRequestHandler:
        return _FeedRequestHandler(*args, server_root=root, **kwargs)

    server = _FeedHTTPServer(("127.0.0.1", 0), handler)
    host, port = server.server_address[:2]
    server.feed = FeedServer(root=root, base_url=f"http://{host}:{port}/")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.feed
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=TIMEOUT_SECONDS)


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    return folder


@dataclass
class RecordedSleeps:
    """Stands in for `time.sleep`: back-off delays are recorded, never waited."""

    delays: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture
def sleeps() -> RecordedSleeps:
    return RecordedSleeps()


@pytest.fixture
def options(sleeps: RecordedSleeps) -> FetchOptions:
    return FetchOptions(
        timeout_seconds=TIMEOUT_SECONDS, attempts=3, base_delay_seconds=BASE_DELAY_SECONDS, sleep=sleeps
    )


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on: connections to it are refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
