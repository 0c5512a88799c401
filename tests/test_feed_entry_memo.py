"""Entries already seen are not read again: a feed downloaded again with one new entry reads that
entry only, taking the others from the parse cache, and gives the same items a fresh read gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.cache import ParseCache
from briefing_tui.feeds.fetch import Fetcher, Limits
from briefing_tui.feeds.subscriptions import Subscription
from briefing_tui.loading.load import load_file, read_with
from briefing_tui.loading.readers.feed import READER, FeedReader, meta_bytes, meta_file, page_file, pages_folder

from .feed_server import FeedServer

QUICK = Limits(connect_timeout=5.0, read_timeout=0.5, deadline=30.0, host_delay=0.0)

ENTRIES = {
    "port": ("Port strike halts grain exports", "<p>ODESA, Ukraine — Dockworkers walked out on Monday, leaving 42 "
             "ships waiting.</p><p>\"We will not go back until the pay offer changes,\" said Olena Kovalenko, who "
             "leads the dockworkers' union.</p>"),
    "rates": ("Central bank holds rates", "<p>\"Inflation is falling, but not fast enough,\" said Governor Maria "
              "Lindqvist on Tuesday.</p>"),
    "storm": ("Storm closes ferry routes", "Ferries stayed in harbour as gusts reached 110 km/h."),
    "fire": ("Fire at the depot", "<p>Firefighters said 3 warehouses burned overnight, chief Anna Berg said.</p>"),
    "untitled": ("", "An entry without a title or a guid, known by its text alone."),
}


def feed(*names: str, edit: str = "") -> bytes:
    items = "".join(
        f"<item>{f'<title>{ENTRIES[n][0]}</title>' if ENTRIES[n][0] else ''}"
        + (f"<link>https://wire.example.com/{n}</link><guid>https://wire.example.com/{n}</guid>"
           if n != "untitled" else "")
        + f"<pubDate>Mon, 06 May 2024 10:00:00 +0000</pubDate><description><![CDATA[{ENTRIES[n][1]}"
        f"{edit if n == 'rates' else ''}]]></description></item>"
        for n in names)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'.encode()


class Counted:
    """The parse cache as the reader's memo, counting what it was asked and what it answered."""

    def __init__(self, cache: ParseCache) -> None:
        self.cache, self.asked, self.known = cache, 0, 0

    def get_entry(self, digest: str):
        self.asked += 1
        item = self.cache.get_entry(digest)
        self.known += item is not None
        return item

    def put_entry(self, digest: str, item) -> None:
        self.cache.put_entry(digest, item)


@pytest.fixture
def memo(tmp_path: Path):
    cache = ParseCache(tmp_path / "cache.sqlite3", key=b"k" * 32)
    yield Counted(cache)
    cache.close()


def read(path: Path, data: bytes, memo: Counted) -> list[dict]:
    path.write_bytes(data)
    result = read_with(FeedReader(memo), path, data)
    fresh = read_with(READER, path, data)
    assert not result.problems and not fresh.problems
    items = [item.to_dict() for item in result.items]
    assert items == [item.to_dict() for item in fresh.items]  # the same as read afresh, field by field
    return items


def test_a_download_with_one_new_entry_reads_that_entry_only(memo: Counted, tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    first = read(path, feed("port", "rates", "storm", "untitled"), memo)
    assert (memo.asked, memo.known) == (4, 0)
    again = read(path, feed("fire", "port", "rates", "storm", "untitled"), memo)
    assert (memo.asked - 4, memo.known) == (5, 4)  # one entry read: the new one
    assert again[1:] == first
    assert any(q["speaker"] == "Olena Kovalenko" for q in again[1]["quotes"])


def test_an_entry_whose_text_changed_is_read_again(memo: Counted, tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    read(path, feed("port", "rates"), memo)
    edited = read(path, feed("port", "rates", edit="<p>Updated at 14:00.</p>"), memo)
    assert memo.known == 1  # the port story; the rates story was corrected, so it is read again
    assert edited[1]["body"][-1] == "Updated at 14:00."


def test_an_entry_whose_page_came_is_read_again_and_tags_are_the_feeds(memo: Counted, tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    data = feed("port", "rates")
    read(path, data, memo)
    pages = pages_folder(path)
    pages.mkdir()
    page_file(pages, "https://wire.example.com/rates").write_text(
        "<html><body><article><p>The central bank kept its main rate at 4.5 per cent on Tuesday, as most "
        "economists had expected it would.</p><p>\"Inflation is falling, but not fast enough,\" said Governor "
        "Maria Lindqvist, speaking to reporters after the board met.</p></article></body></html>", encoding="utf-8")
    meta_file(path).write_bytes(meta_bytes(["wire"]))
    items = read(path, data, memo)
    assert memo.known == 1  # the port story; the rates story has its page now
    assert "kept its main rate" in items[1]["body"][0]
    assert [item["tags"] for item in items] == [["wire"], ["wire"]]


def test_a_fetch_of_a_new_version_gives_what_a_fresh_read_gives(feed_server: FeedServer, tmp_path: Path) -> None:
    folder = tmp_path / "data" / "feeds"
    cache = ParseCache(tmp_path / "cache.sqlite3", key=b"k" * 32)
    sub = Subscription(url=feed_server.url + "/wire.rss", name="Wire")
    try:
        with Fetcher(folder, folder.parent / "state.json", limits=QUICK, cache=cache) as fetcher:
            feed_server.routes["/wire.rss"] = (200, {"Content-Type": "application/rss+xml"}, feed("port", "rates"))
            assert fetcher.fetch(sub).entries == 2
            feed_server.routes["/wire.rss"] = (200, {"Content-Type": "application/rss+xml"},
                                               feed("fire", "port", "rates"))
            second = fetcher.fetch(sub)
        assert second.entries == 3
        cached = load_file(second.path, cache)
        assert cached.digest is not None  # put in the cache by the fetch
        assert [i.to_dict() for i in cached.items] == [i.to_dict() for i in load_file(second.path).items]
    finally:
        cache.close()
