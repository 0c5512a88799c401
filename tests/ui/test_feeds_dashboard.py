"""`briefing` with no PATH and feeds in config.yaml opens the fetched feeds, sees cron's fetches live, and
fetches the feeds that are due in the background without ever holding up the screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.cli import default_inputs
from briefing_tui.feeds.fetch import Fetcher, Limits
from briefing_tui.feeds.subscriptions import Subscription
from briefing_tui.paths import feeds_dir, fetch_state_file, user_config_file
from briefing_tui.resources import seeds_dir
from briefing_tui.settings import load_settings
from briefing_tui.ui.feed_refresh import FeedRefresh
from briefing_tui.ui.widgets.item_list import ItemList

from ..feed_server import FeedServer
from .helpers import cursor, loaded, make_app, status, wait_for

QUICK = Limits(connect_timeout=5.0, read_timeout=5.0, deadline=30.0, host_delay=0.0)


def titles(screen) -> list[str | None]:
    return [i.title for i in screen.query_one(ItemList).rows]


@pytest.fixture(autouse=True)
def quick_refresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FeedRefresh, "limits", QUICK)


def _configure(server: FeedServer, *feeds: tuple[str, str]) -> Path:
    config = user_config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("feeds:\n" + "".join(f"  - url: {server.url}{path}\n    name: {name}\n" for path, name in feeds),
                      encoding="utf-8")
    return config


def test_with_no_feeds_the_samples_open(tmp_path: Path) -> None:
    assert default_inputs(load_settings(user_config_file())) == [seeds_dir()]


async def test_no_path_opens_the_fetched_feeds_and_a_later_fetch_appears(feed_server: FeedServer,
                                                                        tmp_path: Path) -> None:
    settings = load_settings(_configure(feed_server, ("/good.rss", "Desk Wire")))
    (desk,) = settings.feeds
    planet = Subscription(url=feed_server.url + "/atom", name="Planet")  # fetched by another config's cron job
    with Fetcher(feeds_dir(), fetch_state_file(), limits=QUICK) as fetcher:
        assert fetcher.fetch(desk).outcome == "saved"
        fetcher.state.save()

    paths = default_inputs(settings)
    assert paths == [feeds_dir()]
    app = make_app(paths=paths, settings=settings, state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 3)
        assert titles(screen) == ["Port strike halts grain exports", "Central bank holds rates at 4.5%",
                                  "Storm closes northern ferry routes"]
        item = screen.item
        assert item.source == "Desk Wire"
        assert any(q.speaker == "Olena Kovalenko" for q in item.quotes) and item.figures

        await wait_for(pilot, lambda: screen.live_reload.watcher is not None, what="the watcher")
        with Fetcher(feeds_dir(), fetch_state_file(), limits=QUICK) as fetcher:  # as cron's `briefing fetch`
            assert fetcher.fetch(planet).outcome == "saved"
        await wait_for(pilot, lambda: len(titles(screen)) == 4, what="the newly fetched feed")
        assert titles(screen)[:3] == ["Port strike halts grain exports", "Central bank holds rates at 4.5%",
                                      "Storm closes northern ferry routes"]
        assert len(feed_server.hits("/good.rss")) == 1  # fetched a moment ago: not due in the background


async def test_feeds_never_fetched_are_fetched_in_the_background_with_progress_and_problems(
        feed_server: FeedServer, tmp_path: Path) -> None:
    settings = load_settings(_configure(feed_server, ("/gate", "Desk Wire"), ("/missing", "Gone")))
    paths = default_inputs(settings)
    assert paths == [feeds_dir()] and feeds_dir().is_dir()
    app = make_app(paths=paths, settings=settings, state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 0)
        await wait_for(pilot, lambda: "fetching feeds 0/2…" in status(screen), what="the round's progress")
        feed_server.gate.set()  # the first feed's server answers
        await wait_for(pilot, lambda: len(titles(screen)) == 3 and screen.session.fetch_progress is None
                       and bool(screen.session.problems), what="the feeds fetched in the background")
        assert "fetching" not in status(screen) and "⚠ 1 problem (P)" in status(screen)
        assert [str(p) for p in screen.session.problems] == [
            f"{feed_server.url}/missing: fetching Gone: HTTP 404 Not Found"]
        assert (feeds_dir() / "desk-wire.rss").is_file()


async def test_a_stalled_feed_never_holds_up_the_screen(feed_server: FeedServer, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FeedRefresh, "limits", Limits(connect_timeout=5.0, read_timeout=60.0, deadline=120.0,
                                                      host_delay=0.0))
    settings = load_settings(_configure(feed_server, ("/good.rss", "Desk Wire"), ("/slow", "Stalled")))
    with Fetcher(feeds_dir(), fetch_state_file(), limits=QUICK) as fetcher:
        assert fetcher.fetch(settings.feeds[0]).outcome == "saved"
        fetcher.state.save()
    app = make_app(paths=default_inputs(settings), settings=settings, state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 3)
        await wait_for(pilot, lambda: len(feed_server.hits("/slow")) == 1, what="the stalled request")
        assert "fetching feeds 0/1…" in status(screen)
        await pilot.press("j", "j")
        await wait_for(pilot, lambda: cursor(screen) == 2, what="keys acted on while the fetch is stalled")
        await pilot.press("enter")
        assert screen.item.title == "Storm closes northern ferry routes"
    # Quitting did not wait for the stalled fetch: its thread is a daemon, released at teardown.
    assert screen.feed_refresh.worker is not None and screen.feed_refresh.worker.is_cancelled


class _Inbox:
    """Where the refresh thread posts, in place of a screen: every message, in order."""

    def __init__(self) -> None:
        import queue

        self.messages: queue.SimpleQueue = queue.SimpleQueue()

    def post_message(self, message) -> bool:
        self.messages.put(message)
        return True


def test_a_round_posts_progress_and_each_outcome_then_sleeps_until_stopped(feed_server: FeedServer) -> None:
    from briefing_tui.ui.feed_refresh import FeedFetched, FeedsProgress

    settings = load_settings(_configure(feed_server, ("/good.rss", "Desk Wire"), ("/missing", "Gone")))
    inbox = _Inbox()
    refresh = FeedRefresh(settings.feeds, feeds_dir(), fetch_state_file(), inbox)  # type: ignore[arg-type]
    refresh.start()
    got = []
    while not (got and isinstance(got[-1], FeedsProgress) and got[-1].total == 0):
        got.append(inbox.messages.get(timeout=30))
    assert [(type(m).__name__, getattr(m, "done", None), getattr(m, "total", None)) for m in got] == [
        ("FeedsProgress", 0, 2), ("FeedFetched", None, None), ("FeedsProgress", 1, 2), ("FeedFetched", None, None),
        ("FeedsProgress", 2, 0)]
    outcomes = [(m.sub.name, m.result.outcome, m.result.message) for m in got if isinstance(m, FeedFetched)]
    assert outcomes == [("Desk Wire", "saved", ""), ("Gone", "error", "HTTP 404 Not Found")]
    refresh.stop()  # it sleeps until the next feed is due; stopping wakes it
    assert refresh.worker is not None and refresh.worker.wait(10)
    assert inbox.messages.empty()  # nothing was due again


async def test_a_full_text_feed_shows_its_pages_text_and_lists_a_failed_page(feed_server: FeedServer,
                                                                             tmp_path: Path) -> None:
    from ..test_feed_full_text import html, rss

    feed_server.routes["/wire.rss"] = (200, {"Content-Type": "application/rss+xml"},
                                       rss(feed_server.url, "/story/port", "/story/gone"))
    feed_server.routes["/story/port"] = html()
    config = user_config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"feeds:\n  - url: {feed_server.url}/wire.rss\n    name: Desk Wire\n    full_text: true\n",
                      encoding="utf-8")
    settings = load_settings(config)
    app = make_app(paths=default_inputs(settings), settings=settings, state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)  # the empty folder, or the feed if its fetch was quicker
        await wait_for(pilot, lambda: len(titles(screen)) == 2 and bool(screen.session.problems),
                       what="the full-text feed fetched in the background")
        assert [str(p) for p in screen.session.problems] == [
            f"{feed_server.url}/wire.rss: fetching Desk Wire: full text of {feed_server.url}/story/gone: HTTP 404 "
            "Not Found; those entries show the feed's summary"]
        assert screen.item.title == "Story 1"
        assert any(q.speaker == "Olena Kovalenko" for q in screen.item.quotes)
        assert len(list((feeds_dir() / ".desk-wire.pages").iterdir())) == 1
