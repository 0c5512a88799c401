"""Entries read when a feed is downloaded again with one new entry: with the parse cache's entry
memo (as `briefing fetch` and the dashboard read feeds) and without it.

    python benchmarks/feed_entries.py [--entries 30]

The feed's entries carry full articles as their content (`content:encoded`, as full-content
feeds do): the paragraphs of the development corpus's real news pages. Times are one read each,
in one process after a warm-up read.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from briefing_tui.cache import ParseCache
from briefing_tui.loading.load import read_with
from briefing_tui.loading.readers.feed import READER, FeedReader

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "benchmarks" / "devcorpus" / "develop" / "articles"


def article_html(page: Path) -> str:
    """The page's article as a full-content feed carries it: its paragraphs, without the page around them."""
    from html import escape

    from briefing_tui.loading.articles import parse_article_file

    return "".join(f"<p>{escape(p)}</p>" for p in parse_article_file(page).body)


def feed(pages: list[Path], bodies: dict[Path, str]) -> bytes:
    items = "".join(
        f"<item><title>{page.stem}</title><link>https://news.example.com/{page.stem}</link>"
        f"<pubDate>Mon, 06 May 2024 10:00:00 +0000</pubDate><content:encoded><![CDATA["
        f"{bodies[page].replace(']]>', '')}]]></content:encoded></item>"
        for page in pages)
    return ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Bench</title>{items}</channel></rss>").encode()


class Counted:
    def __init__(self, cache: ParseCache) -> None:
        self.cache, self.read = cache, 0

    def get_entry(self, digest: str):
        item = self.cache.get_entry(digest)
        self.read += item is None
        return item

    def put_entry(self, digest: str, item) -> None:
        self.cache.put_entry(digest, item)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=30)
    args = parser.parse_args()
    pages = sorted(ARTICLES.glob("*.html"))[: args.entries + 1]
    bodies = {page: article_html(page) for page in pages}
    before, after = feed(pages[1:], bodies), feed(pages, bodies)  # the new download: one new entry on top
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.rss"
        read_with(READER, path, before)  # imports and the gazetteers
        start = time.perf_counter()
        n = len(read_with(READER, path, after).items)
        plain = time.perf_counter() - start
        cache = ParseCache(Path(tmp) / "cache.sqlite3", key=b"k" * 32)
        read_with(FeedReader(cache), path, before)  # the earlier download, read once
        counted = Counted(cache)
        start = time.perf_counter()
        read_with(FeedReader(counted), path, after)
        memo = time.perf_counter() - start
        cache.close()
    print(f"| {n} entries ({len(after) / 1024:.0f} KB), 1 new, no entry memo | {n} | {plain:.2f} s |")
    print(f"| the same with the entry memo | {counted.read} | {memo:.2f} s |")


if __name__ == "__main__":
    main()
