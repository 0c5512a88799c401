"""Full-text feeds against the real local server: each entry's page is fetched within the feed's own
bounds, saved once beside the feed, and read by the HTML reader for the entry's text; a page that
fails costs its entry only the full text, and the parse cache never serves an entry read without
the page that came later."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from briefing_tui.cache import ParseCache
from briefing_tui.feeds.fetch import Fetcher, Limits
from briefing_tui.feeds.subscriptions import Subscription, read_subscriptions
from briefing_tui.loading.load import load_file
from briefing_tui.loading.readers.feed import page_file, pages_folder

from .feed_server import FeedServer

QUICK = Limits(connect_timeout=5.0, read_timeout=0.5, deadline=30.0, host_delay=0.0)

PAGE = b"""<!DOCTYPE html><html><head><title>Port strike | Desk Wire</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Port strike halts grain exports</h1>
<p>ODESA, Ukraine &mdash; Dockworkers walked out on Monday, leaving 42 ships waiting to load about 1.2 million
tonnes of grain at the country's largest port.</p>
<p>"We will not go back until the pay offer changes," said Olena Kovalenko, who leads the dockworkers' union.</p>
<p>Economy minister Taras Melnyk said the government would meet the union on Tuesday and that the losses could
reach $15 million a day if the ships stayed where they were.</p>
<p>Traders in Rotterdam said wheat prices rose by 3% after the walkout was announced.</p>
</article><footer>Copyright Desk Wire</footer><script>track()</script></body></html>"""

LATER_PAGE = b"""<!DOCTYPE html><html><head><title>Rates | Desk Wire</title></head><body><article>
<h1>Central bank holds rates</h1>
<p>The central bank kept its main rate at 4.5 per cent on Tuesday, as most economists had expected.</p>
<p>"Inflation is falling, but not yet fast enough," said Governor Maria Lindqvist, who spoke to reporters in
the afternoon after the board met for two days.</p>
<p>The bank's staff now expect inflation of 2.9% by the end of the year, down from 3.4% in March.</p>
</article></body></html>"""


def rss(url: str, *paths: str) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Mon, 06 May 2024 2{n % 4}:40:00 +0000</pubDate>"
        f"<description>Summary {n} of the story, as the feed gives it.</description></item>"
        for n, link in enumerate((p if p.startswith("http") else url + p for p in paths), 1))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk Wire</title>'
            f"<link>{url}/</link>{items}</channel></rss>").encode()


def html(body: bytes = PAGE, **headers: str) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "text/html; charset=utf-8", **headers}, body


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data" / "feeds"


def fetcher(folder: Path, limits: Limits = QUICK, **kwargs) -> Fetcher:
    return Fetcher(folder, folder.parent / "fetch-state.json", limits=limits, **kwargs)


def full_text(server: FeedServer, path: str = "/wire.rss") -> Subscription:
    return Subscription(url=server.url + path, name="Desk Wire", full_text=True)


def bodies(path: Path) -> dict[str | None, str]:
    loaded = load_file(path)
    assert not loaded.problems, loaded.problems
    return {item.title: text(item) for item in loaded.items}


def text(item) -> str:
    return "\n\n".join(item.body)


def test_entries_are_read_from_their_pages_and_pages_are_fetched_once(feed_server: FeedServer, folder: Path) -> None:
    feed_server.routes["/wire.rss"] = (200, {"Content-Type": "application/rss+xml"},
                                       rss(feed_server.url, "/story/port", "/story/gone"))
    feed_server.routes["/story/port"] = html()
    with fetcher(folder) as f:
        first = f.fetch(full_text(feed_server))
    assert first.outcome == "saved", first.message
    assert first.line() == f"Desk Wire: 2 entries, {first.size} bytes; 1 full-text page saved, 1 failed"
    assert first.pages is not None and len(first.pages.failed) == 1
    assert first.pages.failed[0].message == f"full text of {feed_server.url}/story/gone: HTTP 404 Not Found"
    assert first.trouble() == (f"full text of {feed_server.url}/story/gone: HTTP 404 Not Found; those entries "
                               "show the feed's summary")
    saved = page_file(pages_folder(first.path), f"{feed_server.url}/story/port")
    assert saved.parent.name == ".desk-wire.pages" and saved.read_bytes() == PAGE
    assert sorted(p.name for p in folder.iterdir()) == [".desk-wire.pages", "desk-wire.rss"]

    items = {item.title: item for item in load_file(first.path).items}
    port = items["Story 1"]  # the feed's title, date, source and link; the page's text
    assert port.source == "Desk Wire" and port.date == "2024-05-06"
    assert "leaving 42 ships waiting" in text(port) and "Summary 1" not in text(port)
    assert "Copyright" not in text(port) and "track()" not in text(port) and "Home" not in text(port)
    assert any(a.name == "Olena Kovalenko" for a in port.actors)
    assert any(q.speaker == "Olena Kovalenko" and "pay offer" in q.text for q in port.quotes)
    assert any(fig.value == 42 for fig in port.figures)
    assert any(r.url == f"{feed_server.url}/story/port" for r in port.related)
    assert text(items["Story 2"]) == "Summary 2 of the story, as the feed gives it."  # its page failed

    with fetcher(folder) as f:
        second = f.fetch(full_text(feed_server))
    assert second.outcome == "saved" and second.pages is not None and second.pages.saved == 0
    assert len(feed_server.hits("/story/port")) == 1  # saved once, never asked for again
    assert len(feed_server.hits("/story/gone")) == 2  # a failed page is tried again next run


# The page cases a publisher's server can play, and what the feed's result says of each.
HOSTILE = [
    ("/missing", "HTTP 404 Not Found"),
    ("/hostile-reason", "HTTP 500 Internal Server Error"),
    ("/to-file", "redirect to a file: URL refused (file:///etc/passwd); only http and https are followed"),
    ("/to-ftp", "redirect to a ftp: URL refused (ftp://127.0.0.1/feed.xml); only http and https are followed"),
    ("/loop", "too many redirects (more than 5)"),
    ("/huge-announced", "too large: the server announced 16.0 MB, more than the 64 KB a page may have"),
    ("/huge", "too large: more than 64 KB; stopped reading"),
    ("/bomb", "too large: more than 64 KB once decompressed; stopped reading"),
    ("/slow", "timed out: the server sent nothing for 0.5 s"),
    ("/feed.json", "not an HTML page (application/feed+json)"),
    ("/to-local", "refused: localhost is a local or private address, and not the feed's own host"),
    ("http://10.0.0.1/admin", "refused: 10.0.0.1 is a local or private address, and not the feed's own host"),
    ("http://[::1]/", "refused: ::1 is a local or private address, and not the feed's own host"),
]


@pytest.mark.parametrize(("path", "message"), HOSTILE, ids=[p for p, _ in HOSTILE])
def test_a_hostile_page_costs_its_entry_only_the_full_text(feed_server: FeedServer, folder: Path, path: str,
                                                           message: str) -> None:
    feed_server.routes["/wire.rss"] = (200, {"Content-Type": "application/rss+xml"},
                                       rss(feed_server.url, path, "/story/port"))
    feed_server.routes["/story/port"] = html()
    port = feed_server.url.rsplit(":", 1)[1]
    feed_server.routes["/to-local"] = (302, {"Location": f"http://localhost:{port}/story/port"}, b"")
    with fetcher(folder, Limits(connect_timeout=5.0, read_timeout=0.5, deadline=30.0, host_delay=0.0,
                                max_page_bytes=64 * 1024)) as f:
        result = f.fetch(full_text(feed_server))
    assert result.outcome == "saved" and result.entries == 2, result.message
    assert result.line().endswith("; 1 full-text page saved, 1 failed")
    assert result.pages is not None
    link = path if path.startswith("http") else feed_server.url + path
    assert [p.message for p in result.pages.failed] == [f"full text of {link}: {message}"]
    assert sorted(p.name for p in pages_folder(result.path).iterdir()) == [
        page_file(pages_folder(result.path), f"{feed_server.url}/story/port").name]
    read = bodies(result.path)
    assert read["Story 1"] == "Summary 1 of the story, as the feed gives it."
    assert "leaving 42 ships waiting" in read["Story 2"]


def test_a_page_that_comes_later_is_read_though_the_feed_is_not_modified(feed_server: FeedServer, folder: Path,
                                                                         tmp_path: Path) -> None:
    feed_server.routes["/wire.rss"] = (200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'},
                                       rss(feed_server.url, "/story/rates"))
    cache = ParseCache(tmp_path / "cache.sqlite3", key=b"k" * 32)
    try:
        with fetcher(folder, cache=cache) as f:
            first = f.fetch(full_text(feed_server))
            f.state.save()
        assert first.pages is not None and len(first.pages.failed) == 1  # 404 for now
        assert text(load_file(first.path, cache).items[0]).startswith("Summary 1")
        assert load_file(first.path, cache).digest is not None  # served from the cache

        feed_server.routes["/story/rates"] = html(LATER_PAGE)
        with fetcher(folder, cache=cache) as f:
            second = f.fetch(full_text(feed_server))
        assert second.outcome == "not-modified"
        assert second.line() == "Desk Wire: not modified; 1 full-text page saved"
        assert feed_server.hits("/wire.rss")[1]["if-none-match"] == '"v1"'
        # The feed's bytes are the same; the cache must not answer with the entry read without its page.
        rates = load_file(second.path, cache).items[0]
        assert "kept its main rate at 4.5 per cent" in text(rates)
        assert any(q.speaker == "Maria Lindqvist" for q in rates.quotes)
        assert "kept its main rate" in text(load_file(second.path).items[0])
    finally:
        cache.close()


def test_at_most_the_limit_of_pages_a_run_and_the_rest_next_time(feed_server: FeedServer, folder: Path) -> None:
    paths = [f"/story/{n}" for n in range(5)]
    feed_server.routes["/wire.rss"] = (200, {"Content-Type": "application/rss+xml"}, rss(feed_server.url, *paths))
    for path in paths:
        feed_server.routes[path] = html()
    limits = Limits(connect_timeout=5.0, read_timeout=0.5, deadline=30.0, host_delay=0.0, max_pages=3)
    with fetcher(folder, limits) as f:
        first = f.fetch(full_text(feed_server))
        second = f.fetch(full_text(feed_server))
    assert first.line().endswith("; 3 full-text pages saved, 2 left for the next run (at most 3 a run)")
    assert second.line().endswith("; 2 full-text pages saved")
    assert [len(feed_server.hits(path)) for path in paths] == [1, 1, 1, 1, 1]


def test_stalling_pages_stop_at_the_time_for_pages(feed_server: FeedServer, folder: Path) -> None:
    feed_server.routes["/wire.rss"] = (200, {"Content-Type": "application/rss+xml"},
                                       rss(feed_server.url, "/slow", "/story/a", "/story/b"))
    limits = Limits(connect_timeout=5.0, read_timeout=0.5, deadline=30.0, host_delay=0.0, pages_deadline=0.2)
    with fetcher(folder, limits) as f:
        result = f.fetch(full_text(feed_server))
    assert result.outcome == "saved" and result.entries == 3
    assert result.line().endswith("; 0 full-text pages saved, 1 failed, 2 left for the next run (the time for "
                                  "pages ran out)")
    assert not feed_server.hits("/story/a")


def test_pages_of_entries_gone_from_the_feed_and_of_a_feed_no_longer_full_text_are_removed(
        feed_server: FeedServer, folder: Path) -> None:
    feed_server.routes["/wire.rss"] = (200, {"Content-Type": "application/rss+xml"},
                                       rss(feed_server.url, "/story/a", "/story/b"))
    feed_server.routes["/story/a"] = feed_server.routes["/story/b"] = html()
    with fetcher(folder) as f:
        path = f.fetch(full_text(feed_server)).path
        assert path is not None and len(list(pages_folder(path).iterdir())) == 2
        feed_server.routes["/wire.rss"] = (200, {"Content-Type": "application/rss+xml"},
                                           rss(feed_server.url, "/story/b"))
        f.fetch(full_text(feed_server))
        assert [p.name for p in pages_folder(path).iterdir()] == [
            page_file(pages_folder(path), f"{feed_server.url}/story/b").name]
        f.fetch(Subscription(url=feed_server.url + "/wire.rss", name="Desk Wire"))
    assert not pages_folder(path).exists()
    assert bodies(path)["Story 1"].startswith("Summary 1")


def test_full_text_is_true_or_false_and_a_slip_is_named_at_its_line() -> None:
    data = [{"url": "https://a.example/feed", "full_text": True},
            {"url": "https://b.example/feed"},
            {"url": "https://c.example/feed", "full_text": "always"}]
    subs, problems = read_subscriptions(data, "config.yaml", lambda i, field: 10 + (i or 0) * 3 + (field is not None))
    assert [(s.url, s.full_text) for s in subs] == [("https://a.example/feed", True), ("https://b.example/feed", False)]
    assert [str(p) for p in problems] == [
        "config.yaml:17: feeds[2].full_text: expected true or false, not 'always'; this feed is left out"]


def test_briefing_fetch_prints_each_failed_page_under_its_feed_and_exits_0(feed_server: FeedServer,
                                                                          tmp_path: Path) -> None:
    from .test_cli import _fetch

    feed_server.routes["/wire.rss"] = (200, {"Content-Type": "application/rss+xml"},
                                       rss(feed_server.url, "/story/port", "/story/gone"))
    feed_server.routes["/story/port"] = html()
    config = tmp_path / "xdg_config_home" / "briefing" / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text(f"feeds:\n  - url: {feed_server.url}/wire.rss\n    name: Desk Wire\n    full_text: yes\n",
                      encoding="utf-8")
    done = _fetch(tmp_path)
    assert done.returncode == 0, done.stderr
    first, *rest = done.stdout.splitlines()
    assert first.startswith("Desk Wire: 2 entries, ") and first.endswith("; 1 full-text page saved, 1 failed")
    assert rest == [f"  full text of {feed_server.url}/story/gone: HTTP 404 Not Found"]
    # The two pages were a second apart (the pause between requests to one host), after the feed.
    times = [when for when, path, _ in feed_server.requests]
    assert [path for _, path, _ in feed_server.requests] == ["/wire.rss", "/story/port", "/story/gone"]
    assert all(b - a >= 0.9 for a, b in itertools.pairwise(times))
