"""A subscription's tags reach every item of its feed: the fetcher keeps them beside the saved file,
the feed reader puts them on each item, and a change of tags is seen at the next fetch even when
the feed itself is not modified, without the parse cache serving the items as they were."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.cache import ParseCache
from briefing_tui.feeds.fetch import Fetcher, Limits
from briefing_tui.feeds.subscriptions import Subscription, read_subscriptions
from briefing_tui.loading.load import load_file
from briefing_tui.loading.readers.feed import meta_file

from .feed_server import FeedServer

QUICK = Limits(connect_timeout=5.0, read_timeout=0.5, deadline=30.0, host_delay=0.0)


def desk(server: FeedServer, *tags: str) -> Subscription:
    return Subscription(url=server.url + "/good.rss", name="Desk Wire", tags=tags)


def fetch(folder: Path, sub: Subscription, cache: ParseCache | None = None):
    with Fetcher(folder, folder.parent / "fetch-state.json", limits=QUICK, cache=cache) as fetcher:
        result = fetcher.fetch(sub)
        fetcher.state.save()
    assert result.ok, result.message
    return result


def test_every_item_of_a_feed_carries_its_tags_and_a_change_is_seen_though_the_feed_is_not_modified(
        feed_server: FeedServer, tmp_path: Path) -> None:
    folder = tmp_path / "data" / "feeds"
    cache = ParseCache(tmp_path / "cache.sqlite3", key=b"k" * 32)
    try:
        first = fetch(folder, desk(feed_server, "wire", "europe"), cache)
        assert first.outcome == "saved"
        assert sorted(p.name for p in folder.iterdir()) == [".desk-wire.feed.json", "desk-wire.rss"]
        loaded = load_file(first.path, cache)
        assert not loaded.problems and loaded.digest is not None  # served from the cache, put there by the fetch
        assert [item.tags for item in loaded.items] == [["wire", "europe"]] * 3

        second = fetch(folder, desk(feed_server, "wire", "ports"), cache)
        assert second.outcome == "not-modified"
        assert [item.tags for item in load_file(second.path, cache).items] == [["wire", "ports"]] * 3

        third = fetch(folder, desk(feed_server), cache)
        assert third.outcome == "not-modified" and not meta_file(third.path).exists()
        assert [item.tags for item in load_file(third.path, cache).items] == [[]] * 3
    finally:
        cache.close()


def test_a_damaged_tags_file_is_reported_and_the_entries_still_read(feed_server: FeedServer, tmp_path: Path) -> None:
    folder = tmp_path / "data" / "feeds"
    path = fetch(folder, desk(feed_server, "wire")).path
    meta_file(path).write_text('{"layout": 1, "tags": "wire"}', encoding="utf-8")
    loaded = load_file(path)
    assert [str(p) for p in loaded.problems] == [
        f'{meta_file(path)}: expected {{"layout": 1, "tags": [...]}}; the feed\'s tags are not applied']
    assert len(loaded.items) == 3 and all(item.tags == [] for item in loaded.items)


def test_tags_are_a_list_or_one_tag_each_once_and_a_slip_is_named_at_its_line() -> None:
    data = [{"url": "https://a.example/feed", "tags": ["wire", "Europe", "wire", " ", 2024]},
            {"url": "https://b.example/feed", "tags": "ports"},
            {"url": "https://c.example/feed", "tags": [{"name": "x"}]},
            {"url": "https://d.example/feed", "tags": [f"t{n}" for n in range(30)]},
            {"url": "https://e.example/feed", "tags": "ends \x1b[31mred"}]
    subs, problems = read_subscriptions(data, "config.yaml", lambda i, field: 10 + (i or 0) * 3 + (field is not None))
    assert [(s.url, s.tags) for s in subs] == [("https://a.example/feed", ("wire", "Europe", "2024")),
                                               ("https://b.example/feed", ("ports",)),
                                               ("https://e.example/feed", ("ends red",))]
    assert [str(p) for p in problems] == [
        "config.yaml:17: feeds[2].tags: expected a list of tags, each a word or a few; this feed is left out",
        "config.yaml:20: feeds[3].tags: at most 20 tags; this feed is left out"]


def test_a_rule_on_tags_matches_the_items_of_a_tagged_feed(feed_server: FeedServer, tmp_path: Path) -> None:
    from briefing_tui.rules import dry_run, read_rules

    folder = tmp_path / "data" / "feeds"
    tagged = fetch(folder, desk(feed_server, "wire")).path
    rules, problems = read_rules([{"name": "Wire desk", "when": {"tags": "wire"}, "tag": "desk"}], "config.yaml",
                                 lambda *_: None)
    assert not problems
    seen, (count,) = dry_run(rules, load_file(tagged).items)
    assert (seen, count.matched) == (3, 3)
