"""Grouping (issue 20): precision and recall on labelled pairs, and items grouped per second.

Precision and recall (``--pairs``, default the committed ECB+ set): for each threshold, a pair
counts as grouped

* ``text``: when the cosine alone passes (dates ignored: what "never merges texts that differ"
  rests on);
* ``grouped``: when the grouper, fed every text of the set in order with their dates, puts both in
  one group (what the dashboard shows);
* ``grouped, no dates``: the same with every date dropped (the date window does nothing).

Speed (``--speed``): the BBC texts of ../shared/corpus/bbc repeated up to 10,000 and 100,000 items,
each copy with a random date over two years and a word changed, so copies a few days apart group
(many large groups: the costly case), fed one at a time on one thread; then the time the screen's
thread spends folding every row into its groups (``GroupedRows.arrange``, done on each refilter).

Usage: python benchmarks/grouping.py [--pairs FILE] [--speed]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing_tui.grouping import DEFAULT_DAYS, DEFAULT_THRESHOLD, GroupedRows, Grouper, GroupingSettings

HERE = Path(__file__).resolve().parent
PAIRS = HERE / "grouping" / "ecbplus_pairs.json"
BBC = HERE.parent.parent / "shared" / "corpus" / "bbc"
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4)


def precision_recall(pairs: list[dict], grouped: list[bool]) -> tuple[float, float]:
    tp = sum(1 for p, g in zip(pairs, grouped, strict=True) if g and p["same"])
    fp = sum(1 for p, g in zip(pairs, grouped, strict=True) if g and not p["same"])
    fn = sum(1 for p, g in zip(pairs, grouped, strict=True) if not g and p["same"])
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def feed(data: dict, threshold: float, *, dates: bool = True) -> Grouper:
    grouper = Grouper(GroupingSettings(threshold=threshold, days=DEFAULT_DAYS))
    for doc in data["docs"]:
        grouper.add(doc["id"], doc["title"], "\n".join(doc["body"]), doc["date"] if dates else None)
    return grouper


def scores(data: dict, threshold: float) -> dict[str, tuple[float, float]]:
    pairs = data["pairs"]
    grouper = feed(data, threshold)
    undated = feed(data, threshold, dates=False)
    return {
        "text": precision_recall(pairs, [grouper.similarity(p["a"], p["b"]) >= threshold for p in pairs]),
        "grouped": precision_recall(pairs, [grouper.same_group(p["a"], p["b"]) for p in pairs]),
        "grouped, no dates": precision_recall(pairs, [undated.same_group(p["a"], p["b"]) for p in pairs]),
    }


def quality(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    same = sum(p["same"] for p in data["pairs"])
    print(f"{path.name}: {len(data['docs'])} texts, {same} same-event pairs, {len(data['pairs']) - same} others")
    print("| threshold | text P | text R | grouped P | grouped R | grouped, no dates P | grouped, no dates R |")
    print("|---|---|---|---|---|---|---|")
    for threshold in THRESHOLDS:
        s = scores(data, threshold)
        mark = " (default)" if threshold == DEFAULT_THRESHOLD else ""
        cells = " | ".join(f"{p:.2f} | {r:.2f}" for p, r in s.values())
        print(f"| {threshold:.2f}{mark} | {cells} |")


def shingles(path: Path) -> None:
    """What MinHash would estimate (datasketch's MinHashLSH): the Jaccard overlap of word 5-shingles,
    here exact, so these are the best precision and recall a MinHash grouper could reach."""
    data = json.loads(path.read_text(encoding="utf-8"))
    sets = {}
    for doc in data["docs"]:
        words = re.findall(r"\w+", " ".join([doc["title"] or "", *doc["body"]]).lower())
        sets[doc["id"]] = {tuple(words[i : i + 5]) for i in range(max(len(words) - 4, 1))}
    pairs = data["pairs"]
    jaccard = [len(sets[p["a"]] & sets[p["b"]]) / (len(sets[p["a"]] | sets[p["b"]]) or 1) for p in pairs]
    print("| 5-shingle Jaccard at least | P | R |")
    print("|---|---|---|")
    for threshold in (0.02, 0.05, 0.1, 0.3, 0.5):
        precision, recall = precision_recall(pairs, [j >= threshold for j in jaccard])
        print(f"| {threshold} | {precision:.2f} | {recall:.2f} |")


def speed() -> None:
    texts = []
    for path in sorted(BBC.glob("*/*.txt")):
        lines = path.read_text(encoding="latin-1").strip().split("\n")
        texts.append((lines[0], "\n".join(lines[1:])))
    rng = random.Random(20)
    print("| items | seconds | items/s | groups of two or more | rows shown | folding the rows (ms, screen thread) |")
    print("|---|---|---|---|---|---|")
    for total in (10_000, 100_000):
        grouper = Grouper()
        start_day = 738000
        started = time.perf_counter()
        for n in range(total):
            title, body = texts[n % len(texts)]
            words = body.split(" ")
            words[rng.randrange(len(words))] = f"w{n}"
            day = start_day + rng.randrange(730)
            grouper.add(n, title, " ".join(words), _iso(day))
        took = time.perf_counter() - started
        groups = sum(1 for n in range(total) if grouper.lead_of(n) == n and grouper.size(n) > 1)
        rows = GroupedRows()
        for n in range(total):
            rows.join(n, grouper.lead_of(n))  # type: ignore[arg-type]
        started = time.perf_counter()
        shown = rows.arrange(list(range(total)), set())
        row_of = {position: row for row, position in enumerate(shown)}
        arrange = (time.perf_counter() - started) * 1000
        print(f"| {total:,} | {took:.1f} | {total / took:,.0f} | {groups:,} | {len(row_of):,} | {arrange:.0f} |")


def _iso(day: int) -> str:
    from datetime import date

    return date.fromordinal(day).isoformat()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--speed", action="store_true")
    args = parser.parse_args()
    quality(args.pairs)
    shingles(args.pairs)
    if args.speed:
        speed()


if __name__ == "__main__":
    main()
