"""How soon one analyst's change reaches another's window: PostgreSQL (LISTEN/NOTIFY) and a shared
SQLite file (polled), measured from the writer's commit to the watcher's wake-up.

    python benchmarks/desk_live.py [--changes 200]

Starts a throwaway PostgreSQL server as the test suite does (tests/pg_server.py; needs the
postgresql package's binaries). The watcher is a thread calling ``wait_for_change`` in a loop, as
the dashboard's watcher does; each change is made at a random moment, so a poll's phase counts.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing_tui.review_store import ReviewStore, connect  # noqa: E402
from tests.pg_server import running_server  # noqa: E402


def measure(open_store: object, changes: int) -> list[float]:
    """Seconds from each commit to the watcher's next wake-up."""
    latencies: list[float] = []
    with open_store(reviewer="ana") as watcher, open_store(reviewer="ben") as writer:  # type: ignore[operator]
        watcher.wait_for_change(5.0)  # starts listening where there is something to listen to
        woke = threading.Event()
        stop = threading.Event()

        def watch(store: ReviewStore) -> None:
            while not stop.is_set():
                if store.wait_for_change(5.0):
                    woke.set()

        thread = threading.Thread(target=watch, args=(watcher,), daemon=True)
        thread.start()
        for n in range(changes):
            time.sleep(random.uniform(0.05, 1.05))
            woke.clear()
            writer.set_note("item", f"v{n}")
            committed = time.perf_counter()
            if not woke.wait(30):
                raise SystemExit("the watcher never woke")
            latencies.append(time.perf_counter() - committed)
        stop.set()
    return latencies


def row(name: str, values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    return (f"| {name} | {len(ms)} | {statistics.median(ms):.1f} | {ms[int(len(ms) * 0.95) - 1]:.1f} | "
            f"{ms[-1]:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--changes", type=int, default=200)
    args = parser.parse_args()
    random.seed(21)
    print("| store | changes | median ms | p95 ms | worst ms |")
    print("|---|---|---|---|---|")
    with running_server() as server:
        url = server.url(server.fresh_database())
        print(row("PostgreSQL, LISTEN/NOTIFY", measure(lambda **kw: connect(url, **kw), args.changes)), flush=True)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "review.sqlite3"
        print(row("SQLite file, polled each second",
                  measure(lambda **kw: connect(path, **kw), max(20, args.changes // 4))), flush=True)


if __name__ == "__main__":
    main()
