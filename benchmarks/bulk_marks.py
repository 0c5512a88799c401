"""How long a bulk mark takes on a review store (issue 18): the writes `f` makes with items selected.

    python benchmarks/bulk_marks.py [--items 200,2000] [--runs 3] [--state DIR]

Each run opens a fresh SQLite state file (in ``--state``, default a temp folder) and makes what the
dashboard's store thread makes for a bulk flag of N items (``mark_many``: one write transaction for
all of them, every item's state read back), then what ``z`` makes to take it back (``undo_many``,
one transaction too). Reported: the median over ``--runs`` of each, and per item.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing_tui.sqlite_store import SQLiteStore  # noqa: E402


def one_run(folder: Path, count: int) -> tuple[float, float]:
    with SQLiteStore.open(folder / f"bulk-{count}-{time.monotonic_ns()}.sqlite3", reviewer="bench") as store:
        ids = [f"item-{k}" for k in range(count)]
        start = time.perf_counter()
        steps = [(before, after) for before, after in store.mark_many(ids, "flagged", True) if after is not None]
        marked = time.perf_counter() - start
        start = time.perf_counter()
        store.undo_many([(item_id, *step) for item_id, step in zip(ids, steps, strict=True)])
        undone = time.perf_counter() - start
        assert not store.all_states()
    return marked, undone


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", default="200,2000", help="comma-separated counts of items marked at once")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--state", type=Path, help="folder for the state files (default: a temp folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = args.state or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        print("| items | bulk flag | per item | undo (z) | per item |")
        print("|---:|---:|---:|---:|---:|")
        for count in (int(n) for n in args.items.split(",")):
            runs = [one_run(folder, count) for _ in range(args.runs)]
            marked = statistics.median(r[0] for r in runs)
            undone = statistics.median(r[1] for r in runs)
            print(f"| {count:,} | {marked:.2f} s | {marked / count * 1000:.1f} ms | {undone:.2f} s "
                  f"| {undone / count * 1000:.1f} ms |")


if __name__ == "__main__":
    main()
