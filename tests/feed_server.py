"""A local HTTP server on 127.0.0.1 that plays every kind of feed server, good and hostile.

Started on a thread per test (``ThreadingHTTPServer``, port 0). Handlers that stall wait on
``release``, which the fixture sets at teardown, so no test sleeps and no thread outlives its test.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FEEDS = Path(__file__).resolve().parent / "feeds"
GOOD_RSS = (FEEDS / "desk-wire.rss").read_bytes()
GOOD_ATOM = (FEEDS / "planet-gnome.atom").read_bytes()
GOOD_JSON = (FEEDS / "daring-fireball.json").read_bytes()
EMPTY_RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Nothing</title></channel></rss>'
HTML_PAGE = (b"<!DOCTYPE html><html><head><title>Welcome</title></head><body><p>Our news site moved."
             b"</p><script>alert(1)</script></body></html>")
ETAG = '"desk-wire-v1"'
LAST_MODIFIED = "Mon, 06 May 2024 23:45:00 GMT"
HUGE_BYTES = 16 * 1024 * 1024  # far past the fetcher's 2 MB cap
BOMB_BYTES = 64 * 1024 * 1024  # inflates to this from about 64 KB


@dataclass
class FeedServer:
    url: str
    release: threading.Event
    requests: list[tuple[float, str, dict[str, str]]] = field(default_factory=list)  # (monotonic, path, headers)
    huge_sent: list[int] = field(default_factory=list)  # bytes /huge managed to send before the client left
    routes: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)  # set by a test
    gate: threading.Event = field(default_factory=threading.Event)  # /gate answers once a test sets it

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for _, p, headers in self.requests if p == path]


def _bomb() -> bytes:
    pack = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = b"<" * (1024 * 1024)
    return b"".join([*(pack.compress(block) for _ in range(BOMB_BYTES // len(block))), pack.flush()])


def closed_port() -> int:
    """A port nothing listens on: bound, then closed, so connecting is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return _bomb()


@pytest.fixture
def feed_server(bomb: bytes) -> Iterator[FeedServer]:
    release = threading.Event()
    state = FeedServer(url="", release=release)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
                 *, length: bool = True) -> None:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def do_GET(self) -> None:
            state.requests.append((time.monotonic(), self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = getattr(self, "route_" + self.path.strip("/").replace("-", "_").replace(".", "_"), None)
            if self.path in state.routes:
                status, headers, body = state.routes[self.path]
                etag = headers.get("ETag")
                if etag is not None and self.headers.get("If-None-Match") == etag:  # a test's route with an ETag
                    self.send(304, headers={"ETag": etag})
                else:
                    self.send(status, body, headers)
            elif route is None:
                self.send(404, b"<html><body>Not here</body></html>", {"Content-Type": "text/html"})
            else:
                route()

        def route_good_rss(self) -> None:
            if self.headers.get("If-None-Match") == ETAG:
                self.send(304, headers={"ETag": ETAG})
                return
            self.send(200, GOOD_RSS, {"Content-Type": "application/rss+xml; charset=utf-8", "ETag": ETAG,
                                      "Last-Modified": LAST_MODIFIED})

        def route_dated_rss(self) -> None:  # Last-Modified only, no ETag
            if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                self.send(304)
                return
            self.send(200, GOOD_RSS, {"Content-Type": "application/rss+xml", "Last-Modified": LAST_MODIFIED})

        def route_gzip_rss(self) -> None:
            self.send(200, gzip.compress(GOOD_RSS), {"Content-Type": "application/rss+xml",
                                                     "Content-Encoding": "gzip"})

        def route_deflate_rss(self) -> None:  # raw deflate without the zlib header, as some servers send
            pack = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
            self.send(200, pack.compress(GOOD_RSS) + pack.flush(), {"Content-Encoding": "deflate"})

        def route_atom(self) -> None:
            self.send(200, GOOD_ATOM, {"Content-Type": "application/atom+xml"})

        def route_feed_json(self) -> None:
            self.send(200, GOOD_JSON, {"Content-Type": "application/feed+json"})

        def route_moved(self) -> None:
            self.send(301, headers={"Location": "/good.rss"})

        def route_gate(self) -> None:  # the good feed, once the test opens the gate
            while not (state.gate.wait(0.05) or release.is_set()):
                pass
            self.send(200, GOOD_RSS, {"Content-Type": "application/rss+xml"})

        def route_slow(self) -> None:  # headers never come
            release.wait(60)

        def route_trickle(self) -> None:  # a byte at a time, each well inside the read time-out
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            self.wfile.write(b"<?xml version='1.0'?>")
            with_it = True
            while with_it and not release.wait(0.05):
                try:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                except OSError:
                    with_it = False

        def route_loop(self) -> None:
            self.send(302, headers={"Location": "/loop"})

        def route_to_file(self) -> None:
            self.send(302, headers={"Location": "file:///etc/passwd"})

        def route_to_ftp(self) -> None:
            self.send(301, headers={"Location": "ftp://127.0.0.1/feed.xml"})

        def route_huge(self) -> None:  # no Content-Length: the fetcher must stop reading by itself
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            block = b"<rss>" + b"x" * (64 * 1024 - 5)
            sent = 0
            try:
                while sent < HUGE_BYTES:
                    self.wfile.write(block)
                    sent += len(block)
            except OSError:
                pass
            state.huge_sent.append(sent)

        def route_huge_announced(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(HUGE_BYTES))
            self.end_headers()

        def route_bomb(self) -> None:
            self.send(200, bomb, {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"})

        def route_page(self) -> None:
            self.send(200, HTML_PAGE, {"Content-Type": "text/html; charset=utf-8"})

        def route_empty_rss(self) -> None:
            self.send(200, EMPTY_RSS, {"Content-Type": "application/rss+xml"})

        def route_hostile_reason(self) -> None:
            self.send_response(500, "Oops \x1b]0;pwned\x07")
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, name="feed-server",
                              daemon=True)
    thread.start()
    try:
        yield state
    finally:
        release.set()
        server.shutdown()
        server.server_close()
        thread.join(10)
