"""A busy desk on PostgreSQL: simulated reviewers in separate processes, all changing the same items.

    python benchmarks/desk.py [--reviewers 20] [--changes 500] [--items 1000] [--restart]

Each reviewer makes ``--changes`` changes on random items of ``--items``: pins of a text only it
uses, lines appended to a note (read, then saved with the text it read as ``expected``; a
conflict is read again and retried, as the dashboard's merge would), flags, and claims (it gives
back the item it holds and claims another; a colleague's claim refuses it). A change counts
as acknowledged when the store's call returned. A watcher in its own process waits on the desk as
a dashboard does (``wait_for_change``, then ``changes_since``) and notes when each note line first
appears. With ``--restart`` the server is stopped for 2 s and started again once half the changes
are acknowledged: reviewers whose call failed try again until it is acknowledged.

At the end every acknowledged pin and note line must be in the desk (lost updates: 0), the audit
trail, replayed in commit order, must never show an item claimed while another reviewer held it
(double claims: 0; claims last an hour here, so none lapses mid-run), and the
table gives the watcher's latency from a change's acknowledgement to its appearance, and the
acknowledged changes per second. Starts a throwaway server as the test suite does
(tests/pg_server.py).
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import queue
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def reviewer(url: str, number: int, changes: int, items: int, out: mp.Queue, done: Any) -> None:
    from datetime import timedelta

    from briefing_tui.review_state import ClaimTaken, NoteConflict, Pin, StoreError
    from briefing_tui.review_store import connect

    rng = random.Random(number)
    pins: list[tuple[str, str]] = []
    lines: list[tuple[str, str, float]] = []  # item, line, acknowledged at
    retries = conflicts = claimed = refused = 0
    holding: str | None = None
    while True:  # a reviewer that starts while the server is away (--restart) waits for it
        try:
            store = connect(url, reviewer=f"r{number}")
            break
        except StoreError:
            time.sleep(0.2)
    store.claim_lapse = timedelta(hours=1)
    with store:
        for n in range(changes):
            item = f"item-{rng.randrange(items)}"
            kind = rng.random()
            while True:
                try:
                    if kind < 0.2:
                        if holding is not None:
                            store.release_claim(holding)
                            holding = None
                        try:
                            store.claim(item)
                            holding, claimed = item, claimed + 1
                        except ClaimTaken:
                            refused += 1
                    elif kind < 0.5:
                        text = f"r{number}-{n}"
                        store.pin(item, Pin("quote", text))
                        pins.append((item, text))
                    elif kind < 0.75:
                        line = f"r{number}-{n}"
                        while True:
                            old = store.get(item).note
                            try:
                                store.set_note(item, f"{old}\n{line}" if old else line, expected=old)
                                break
                            except NoteConflict:
                                conflicts += 1
                        lines.append((item, line, time.time()))
                    else:
                        store.set_flagged(item, True)
                    break
                except StoreError:  # the server is away (--restart): try again until acknowledged
                    retries += 1
                    time.sleep(0.2)
            with done.get_lock():
                done.value += 1
    out.put(("reviewer", pins, lines, retries, conflicts, claimed, refused))


def watcher(url: str, stop: mp.Event, out: mp.Queue) -> None:
    from briefing_tui.review_state import StoreError
    from briefing_tui.review_store import connect

    seen: dict[str, float] = {}
    with connect(url, reviewer="watcher") as store:
        version = store.version()
        while not stop.is_set():
            if not store.wait_for_change(1.0):
                continue
            try:
                version, changed = store.changes_since(version)
            except StoreError:
                continue
            now = time.time()
            for state in changed.values():
                for line in state.note.splitlines():
                    seen.setdefault(line, now)
    out.put(("watcher", seen))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument("--changes", type=int, default=500)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--restart", action="store_true", help="stop and start the server once mid-run")
    args = parser.parse_args()

    from briefing_tui.review_store import connect
    from tests.pg_server import running_server

    context = mp.get_context("spawn")
    with tempfile.TemporaryDirectory() as state_home, running_server() as server:
        import os

        os.environ["XDG_STATE_HOME"] = state_home  # note drafts of the simulated reviewers
        url = server.url(server.fresh_database())
        connect(url).close()  # the tables
        out: mp.Queue = context.Queue()
        stop = context.Event()
        watch = context.Process(target=watcher, args=(url, stop, out))
        watch.start()
        time.sleep(1.0)  # the watcher is listening before the first change
        started = time.perf_counter()
        done = context.Value("i", 0)  # acknowledged changes so far: the restart comes halfway through
        workers = [context.Process(target=reviewer, args=(url, i, args.changes, args.items, out, done))
                   for i in range(args.reviewers)]
        for w in workers:
            w.start()
        results = []
        restarted = False
        while len(results) < args.reviewers:
            with contextlib.suppress(queue.Empty):
                results.append(out.get(timeout=1.0))
            if any(w.exitcode not in (None, 0) for w in workers):
                raise SystemExit("a simulated reviewer failed (its traceback is above)")
            if args.restart and not restarted and done.value >= args.reviewers * args.changes // 2:
                server.stop()
                time.sleep(2.0)
                server.start()
                restarted = True
        elapsed = time.perf_counter() - started
        for w in workers:
            w.join()
        time.sleep(2.0)  # the watcher catches up
        stop.set()
        seen = out.get(timeout=120)[1]
        watch.join()

        with connect(url, read_only=True) as store:
            states = store.all_states()
            trail = store.history()
        holders: dict[str, str] = {}
        double_claims = 0
        for change in trail:  # oldest first: the order the changes committed in
            if change.action == "claimed":
                if holders.get(change.item_id, change.reviewer) != change.reviewer:
                    double_claims += 1
                holders[change.item_id] = change.reviewer
            elif change.action == "claim released" and holders.get(change.item_id) == change.reviewer:
                del holders[change.item_id]
        pins = [p for r in results for p in r[1]]
        lines = [line for r in results for line in r[2]]
        lost_pins = sum(1 for item, text in pins if not states.get(item) or not states[item].pinned("quote", text))
        lost_lines = sum(1 for item, line, _ in lines
                         if item not in states or line not in states[item].note.splitlines())
        latencies = sorted(max(0.0, seen[line] - at) * 1000 for _, line, at in lines if line in seen)
        acknowledged = args.reviewers * args.changes
        print("| measure | value |")
        print("|---|---|")
        print(f"| reviewers × changes, items | {args.reviewers} × {args.changes}, {args.items} |")
        print(f"| server restarted mid-run | {'yes' if args.restart else 'no'} |")
        print(f"| acknowledged changes per second | {acknowledged / elapsed:.0f} ({elapsed:.1f} s) |")
        print(f"| lost pins / lost note lines | {lost_pins} / {lost_lines} of {len(pins)} / {len(lines)} |")
        print(f"| claims taken / refused (a colleague held the item) / double claims | "
              f"{sum(r[5] for r in results)} / {sum(r[6] for r in results)} / {double_claims} |")
        print(f"| note conflicts retried, calls retried in an outage | {sum(r[4] for r in results)}, "
              f"{sum(r[3] for r in results)} |")
        if latencies:
            print(f"| acknowledged → seen by the watcher, p50 / p95 / worst | {statistics.median(latencies):.0f} / "
                  f"{latencies[int(len(latencies) * 0.95) - 1]:.0f} / {latencies[-1]:.0f} ms "
                  f"({len(latencies)} of {len(lines)} note lines timed) |")


if __name__ == "__main__":
    main()
