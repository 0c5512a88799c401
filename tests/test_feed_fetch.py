"""The feed fetcher against a real local server: polite, bounded, every failure one line for its feed.

Each hostile case asserts the result's message and that nothing was written; the good feed is read
back by the loader into items with actors, quotes and figures.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from briefing_tui.feeds.fetch import MAX_BODY_BYTES, USER_AGENT, Fetcher, FetchState, Limits, due
from briefing_tui.feeds.subscriptions import Subscription
from briefing_tui.loading.load import load_file

from .feed_server import GOOD_RSS, HUGE_BYTES, LAST_MODIFIED, FeedServer, closed_port

# Small bounds so a stalled server costs a fraction of a second; no pause between requests unless a
# test is about the pause.
QUICK = Limits(connect_timeout=5.0, read_timeout=0.5, deadline=30.0, host_delay=0.0)


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "data" / "feeds", tmp_path / "data" / "fetch-state.json"


def fetcher(folders: tuple[Path, Path], limits: Limits = QUICK, **kwargs) -> Fetcher:
    folder, state = folders
    return Fetcher(folder, state, limits=limits, **kwargs)


def sub(server: FeedServer, path: str, name: str | None = None) -> Subscription:
    return Subscription(url=server.url + path, name=name or path.strip("/").replace(".", "-"))


def saved_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_good_feed_is_saved_read_by_the_loader_and_then_fetched_conditionally(feed_server, folders) -> None:
    folder, state_file = folders
    good = sub(feed_server, "/good.rss", "Desk Wire")
    with fetcher(folders) as f:
        first = f.fetch(good)
        f.state.save()
    assert first.outcome == "saved", first.message
    assert first.path == folder / "desk-wire.rss" and first.size == len(GOOD_RSS) and first.entries == 3
    assert first.line() == "Desk Wire: 3 entries, 2 KB"
    assert first.path.read_bytes() == GOOD_RSS
    headers = feed_server.hits("/good.rss")[0]
    assert headers["user-agent"] == USER_AGENT and USER_AGENT.startswith("briefing/")
    assert headers["accept-encoding"] == "gzip, deflate"
    assert "if-none-match" not in headers

    loaded = load_file(first.path)
    assert not loaded.problems
    assert loaded.items[0].title == "Port strike halts grain exports"
    port = loaded.items[0]
    assert port.source == "Desk Wire"
    assert any(a.name == "Olena Kovalenko" for a in port.actors)
    assert any(q.speaker == "Olena Kovalenko" for q in port.quotes)
    assert any(fig.value == 42 for fig in port.figures)

    remembered = json.loads(state_file.read_text())["feeds"]["desk-wire"]
    assert remembered["etag"] == '"desk-wire-v1"' and remembered["last_modified"] == LAST_MODIFIED
    assert remembered["file"] == "desk-wire.rss" and remembered["url"] == good.url

    before = first.path.stat()
    with fetcher(folders) as f:  # a new run: the validators come from the state file
        second = f.fetch(good)
    assert second.outcome == "not-modified" and second.line() == "Desk Wire: not modified"
    headers = feed_server.hits("/good.rss")[1]
    assert headers["if-none-match"] == '"desk-wire-v1"' and headers["if-modified-since"] == LAST_MODIFIED
    after = first.path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert saved_files(folder) == ["desk-wire.rss"]


def test_last_modified_alone_is_sent_back(feed_server, folders) -> None:
    dated = sub(feed_server, "/dated.rss")
    with fetcher(folders) as f:
        assert f.fetch(dated).outcome == "saved"
        assert f.fetch(dated).outcome == "not-modified"
    second = feed_server.hits("/dated.rss")[1]
    assert second["if-modified-since"] == LAST_MODIFIED and "if-none-match" not in second


def test_a_deleted_copy_is_fetched_whole_again(feed_server, folders) -> None:
    folder, _ = folders
    good = sub(feed_server, "/good.rss", "wire")
    with fetcher(folders) as f:
        assert f.fetch(good).outcome == "saved"
        (folder / "wire.rss").unlink()
        again = f.fetch(good)
    assert again.outcome == "saved" and (folder / "wire.rss").read_bytes() == GOOD_RSS
    assert "if-none-match" not in feed_server.hits("/good.rss")[1]


@pytest.mark.parametrize(("path", "file"), [
    ("/gzip.rss", "gzip-rss.rss"),
    ("/deflate.rss", "deflate-rss.rss"),
    ("/atom", "atom.atom"),
    ("/feed.json", "feed-json.json"),
    ("/moved", "moved.rss"),
])
def test_compressed_redirected_and_other_dialects_are_saved_under_a_suffix_the_reader_reads(
        feed_server, folders, path: str, file: str) -> None:
    folder, _ = folders
    with fetcher(folders) as f:
        result = f.fetch(sub(feed_server, path))
    assert result.outcome == "saved", result.message
    assert saved_files(folder) == [file]
    loaded = load_file(folder / file)
    assert loaded.items and len(loaded.items) == result.entries and not loaded.problems


HOSTILE = [
    ("/slow", "timed out: the server sent nothing for 0.5 s"),
    ("/loop", "too many redirects (more than 5)"),
    ("/to-file", "redirect to a file: URL refused (file:///etc/passwd); only http and https are followed"),
    ("/to-ftp", "redirect to a ftp: URL refused (ftp://127.0.0.1/feed.xml); only http and https are followed"),
    ("/huge", "too large: more than 2.0 MB; stopped reading"),
    ("/huge-announced", "too large: the server announced 16.0 MB, more than the 2.0 MB a feed may have"),
    ("/bomb", "too large: more than 2.0 MB once decompressed; stopped reading"),
    ("/missing", "HTTP 404 Not Found"),
    ("/page", "not a feed: the server sent an HTML page (text/html)"),
    ("/empty-rss", "not saved: the feed has no entries"),
    ("/hostile-reason", "HTTP 500 Internal Server Error"),
]


@pytest.mark.parametrize(("path", "message"), HOSTILE, ids=[p for p, _ in HOSTILE])
def test_each_hostile_server_is_one_line_for_its_feed_and_writes_nothing(feed_server, folders, path: str,
                                                                         message: str) -> None:
    folder, _ = folders
    with fetcher(folders) as f:
        result = f.fetch(sub(feed_server, path, "hostile"))
    assert result.outcome == "error" and not result.ok
    assert result.message == message
    assert result.line() == f"hostile: error: {message}"
    assert saved_files(folder) == []


def test_the_loop_stops_after_the_limit(feed_server, folders) -> None:
    with fetcher(folders) as f:
        f.fetch(sub(feed_server, "/loop"))
    assert len(feed_server.hits("/loop")) == 6  # the first request and five redirects


def test_a_huge_body_is_not_read_past_the_cap(feed_server, folders) -> None:
    with fetcher(folders) as f:
        f.fetch(sub(feed_server, "/huge"))
    feed_server.release.set()
    deadline = time.monotonic() + 30
    while not feed_server.huge_sent and time.monotonic() < deadline:
        time.sleep(0.01)
    # The server could push what the sockets' buffers hold beyond the cap, never the whole body.
    assert feed_server.huge_sent and feed_server.huge_sent[0] < HUGE_BYTES
    assert MAX_BODY_BYTES < HUGE_BYTES


def test_a_trickling_server_meets_the_deadline(feed_server, folders) -> None:
    limits = Limits(connect_timeout=5.0, read_timeout=5.0, deadline=0.5, host_delay=0.0)
    with fetcher(folders, limits) as f:
        result = f.fetch(sub(feed_server, "/trickle"))
    assert result.message == "took longer than 0.5 s; stopped reading"
    assert saved_files(folders[0]) == []


def test_connection_refused(folders) -> None:
    refused = Subscription(url=f"http://127.0.0.1:{closed_port()}/feed.xml", name="gone")
    with fetcher(folders) as f:
        result = f.fetch(refused)
    assert result.line() == "gone: error: cannot connect: connection refused"


def test_a_failure_keeps_the_last_good_copy(feed_server, folders) -> None:
    folder, _ = folders
    flip = sub(feed_server, "/flip", "flip")
    feed_server.routes["/flip"] = (200, {"Content-Type": "application/rss+xml"}, GOOD_RSS)
    with fetcher(folders) as f:
        assert f.fetch(flip).outcome == "saved"
        feed_server.routes["/flip"] = (200, {"Content-Type": "text/html"}, b"<html><body>gone</body></html>")
        assert f.fetch(flip).outcome == "error"
        feed_server.routes["/flip"] = (503, {}, b"")
        assert f.fetch(flip).message == "HTTP 503 Service Unavailable"
    assert (folder / "flip.rss").read_bytes() == GOOD_RSS
    assert saved_files(folder) == ["flip.rss"]


def test_a_feed_that_changes_format_leaves_one_file(feed_server, folders) -> None:
    folder, _ = folders
    shifty = sub(feed_server, "/shifty", "shifty")
    feed_server.routes["/shifty"] = (200, {}, GOOD_RSS)
    with fetcher(folders) as f:
        f.fetch(shifty)
        feed_server.routes["/shifty"] = (200, {}, (Path(__file__).parent / "feeds" / "daring-fireball.json")
                                         .read_bytes())
        assert f.fetch(shifty).outcome == "saved"
    assert saved_files(folder) == ["shifty.json"]


def test_requests_to_one_host_are_spaced(feed_server, folders) -> None:
    delay = 0.3
    limits = Limits(connect_timeout=5.0, read_timeout=5.0, deadline=30.0, host_delay=delay)
    with fetcher(folders, limits) as f:
        started = time.monotonic()
        f.fetch(sub(feed_server, "/atom", "one"))
        f.fetch(sub(feed_server, "/feed.json", "two"))
    second = next(t for t, path, _ in feed_server.requests if path == "/feed.json")
    assert second - started >= delay


def test_redirect_hops_are_spaced_too(feed_server, folders) -> None:
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        time.sleep(seconds)

    limits = Limits(connect_timeout=5.0, read_timeout=5.0, deadline=30.0, host_delay=0.05)
    with fetcher(folders, limits, sleep=sleep) as f:
        assert f.fetch(sub(feed_server, "/moved")).outcome == "saved"
    assert slept  # the hop to /good.rss waited for the host's pause


def test_fetch_all_saves_the_state_after_each_feed_and_due_honours_refresh(feed_server, folders) -> None:
    _, state_file = folders
    subs = [sub(feed_server, "/good.rss", "good"), sub(feed_server, "/missing", "missing")]
    with fetcher(folders) as f:
        results = list(f.fetch_all(subs))
    assert [r.outcome for r in results] == ["saved", "error"]
    state = FetchState(state_file)
    assert state.last_tried(subs[0]) is not None and state.last_tried(subs[1]) is not None
    now = time.time()
    assert due(subs, state, now) == []
    assert due(subs, state, now + subs[0].refresh + 1) == subs
    moved = Subscription(url=feed_server.url + "/atom", name="good")  # same name, another URL: starts afresh
    assert state.of(moved) == {} and due([moved], state, now) == [moved]


def test_a_damaged_state_file_costs_only_a_full_fetch(feed_server, folders) -> None:
    _, state_file = folders
    state_file.parent.mkdir(parents=True)
    state_file.write_text("{not json", encoding="utf-8")
    with fetcher(folders) as f:
        result = f.fetch(sub(feed_server, "/good.rss", "good"))
        f.state.save()
    assert result.outcome == "saved"
    assert json.loads(state_file.read_text())["layout"] == 1


def test_a_saved_feed_is_in_the_parse_cache(feed_server, folders, tmp_path: Path) -> None:
    from briefing_tui.cache import ParseCache
    from briefing_tui.loading.load import cached_items
    from briefing_tui.loading.readers import feed

    cache = ParseCache(tmp_path / "cache.sqlite3")
    try:
        with fetcher(folders, cache=cache) as f:
            result = f.fetch(sub(feed_server, "/good.rss", "good"))
        hit = cached_items(result.path, feed.READER, cache)
        assert hit is not None and len(hit.items) == 3
    finally:
        cache.close()


def test_the_bomb_is_small_on_the_wire_and_huge_inflated(bomb: bytes) -> None:
    """So it is the count of decompressed bytes, not of bytes read, that stops it at the cap."""
    import zlib

    assert len(bomb) < MAX_BODY_BYTES // 8
    inflated = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(bomb, MAX_BODY_BYTES * 4)
    assert len(inflated) == MAX_BODY_BYTES * 4  # and more beyond


def test_a_validator_too_long_to_send_back_is_not_kept(feed_server, folders) -> None:
    odd = sub(feed_server, "/odd-etag", "odd")
    feed_server.routes["/odd-etag"] = (200, {"ETag": '"' + "x" * 400 + '"'}, GOOD_RSS)
    with fetcher(folders) as f:
        assert f.fetch(odd).outcome == "saved"
        assert "etag" not in f.state.of(odd)
        assert f.fetch(odd).outcome == "saved"
    assert "if-none-match" not in feed_server.hits("/odd-etag")[1]


def test_network_failures_are_told_in_a_few_words() -> None:
    """DNS needs the network, which tests do not use: the mapping is checked on the exceptions httpx
    raises, with the operating system's error as their cause."""
    import socket

    import httpx

    from briefing_tui.feeds.fetch import _reason

    dns = httpx.ConnectError("[Errno -2] Name or service not known")
    dns.__cause__ = socket.gaierror(-2, "Name or service not known")
    assert _reason(dns) == "host not found (DNS)"
    refused = httpx.ConnectError("[Errno 111] Connection refused")
    refused.__cause__ = ConnectionRefusedError(111, "Connection refused")
    assert _reason(refused) == "connection refused"
    unreachable = httpx.ConnectError("[Errno 101] Network is unreachable")
    unreachable.__cause__ = OSError(101, "Network is unreachable")
    assert _reason(unreachable) == "network is unreachable"
    assert _reason(httpx.ConnectError("odd \x1b[31mred\x1b[0m")) == "odd red"
