"""What full text costs when a feed is read: a feed of 30 entries read from its summaries alone,
then with a saved page for every entry (real news pages from the development corpus).

    python benchmarks/feed_pages.py [--entries 30] [--runs 3]

The fetcher saves at most 30 new pages of a feed a run, and a feed of 100 entries can come to
have 100; the feed's file must still be read within a worker's parse budget (batch.PARSE_BUDGET).
Each number is the median of the runs, in one process after a warm-up read (imports not counted).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from briefing_tui.loading.load import read_with
from briefing_tui.loading.readers.feed import READER, page_file, pages_folder

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "benchmarks" / "devcorpus" / "develop" / "articles"


def feed(links: list[str]) -> bytes:
    items = "".join(f"<item><title>Story {n}</title><link>{link}</link><guid>{link}</guid>"
                    f"<pubDate>Mon, 06 May 2024 10:00:00 +0000</pubDate><description>The summary of story {n}, "
                    f"a sentence or two as feeds give it, naming Olena Kovalenko.</description></item>"
                    for n, link in enumerate(links, 1))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>{items}</channel></rss>'.encode()


def timed(path: Path, data: bytes, runs: int) -> tuple[float, int]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = read_with(READER, path, data)
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(result.items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pages = sorted(ARTICLES.glob("*.html"))[: args.entries]
    links = [f"https://news.example.com/{page.stem}" for page in pages]
    data = feed(links)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.rss"
        path.write_bytes(data)
        read_with(READER, path, data)  # imports and the gazetteers
        summaries, n = timed(path, data, args.runs)
        folder = pages_folder(path)
        folder.mkdir()
        size = 0
        for page, link in zip(pages, links, strict=True):
            page_file(folder, link).write_bytes(page.read_bytes())
            size += page.stat().st_size
        full, n_full = timed(path, data, args.runs)
    print(f"| feed of {n} entries, summaries only | {summaries:.2f} s |")
    print(f"| the same with {n_full} saved pages ({size / 1024 / 1024:.1f} MB of news pages) | {full:.2f} s |")


if __name__ == "__main__":
    main()
