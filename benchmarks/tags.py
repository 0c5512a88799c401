"""How long the tag filter takes on many items (issue 18): counting the tags in use (what `#` and the
palette offer) and showing only the items with one tag, in-process, items in memory.

    python benchmarks/tags.py [--items 10000 100000] [--runs 5]

Each item gets 0 to 3 source tags from a pool of 40 (as a desk's feeds and briefing files give them);
one item in 50 has a tag of the analyst's in its review state. Reported: the median over ``--runs`` of
``ReviewSession.tag_counts()`` and of ``refilter()`` with the tag filter on and off.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing_tui.catalog import Entry  # noqa: E402
from briefing_tui.filtering import SearchIndex  # noqa: E402
from briefing_tui.loading.result import LoadResult  # noqa: E402
from briefing_tui.model import Item  # noqa: E402
from briefing_tui.review_state import ReviewState  # noqa: E402
from briefing_tui.session import ReviewSession  # noqa: E402
from briefing_tui.settings import Settings  # noqa: E402


def session_of(n: int) -> ReviewSession:
    rng = random.Random(1)
    pool = [f"tag{k}" for k in range(40)]
    items = [Item(id=f"i{k}", title=f"Title {k}", body=["body"], tags=rng.sample(pool, k % 4)) for k in range(n)]
    session = ReviewSession(Settings(), SearchIndex())
    entries = [Entry.of(item, None) for item in items]
    session.add_loaded([(Path("items.yaml"), LoadResult(items=[], problems=[], entries=entries))], 1, 1)
    session.states_loaded({f"i{k}": ReviewState(f"i{k}", tags=("mine",)) for k in range(0, n, 50)})
    return session


def median_ms(call, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def filtered(session: ReviewSession, tag: str | None) -> None:
    session.tag_filter = tag
    session.refilter()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("| items | tag_counts | refilter, tag filter on | refilter, no tag filter |")
    print("|---|---|---|---|")
    for n in args.items:
        session = session_of(n)
        on, off = (lambda s=session: filtered(s, "tag3")), (lambda s=session: filtered(s, None))
        print(f"| {n:,} | {median_ms(session.tag_counts, args.runs):.1f} ms | {median_ms(on, args.runs):.1f} ms "
              f"| {median_ms(off, args.runs):.1f} ms |")


if __name__ == "__main__":
    main()
