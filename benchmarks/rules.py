"""How long rules take to match 100,000 items (issue 20), in-process, items already in memory.

    python benchmarks/rules.py [--items 100000] [--runs 3] [--corpus DIR] [--from-cache N]

Items are built from the BBC articles of ``../shared/corpus/bbc`` (each
article's paragraphs, its title, actors and speakers drawn from a fixed name
list; ``--corpus`` names another folder of such .txt files), repeated with a
numbered title until there are ``--items`` of them; without the corpus,
bodies are drawn from a fixed vocabulary. The rule set is a desk's: ten
rules over every field and condition kind (words with and without ``*``,
phrases, regular expressions, all/any/not). Reported: the median over
``--runs`` of reading the rules (parse and compile), of one verdict per item
over all items, and the items each rule matched (so a change that alters
the result shows). This is the work the dashboard's rule thread does per
item once the item is read back from the parse cache.

``--from-cache N`` also measures the whole of that thread's work for the
first N items: they are written as YAML briefing files (100 items each) in
a temp folder, loaded once into a temp parse cache as the dashboard loads
them (entries that point into the cache), then read back through an
``ItemShelf`` and matched, as ``ui/rule_runner.py`` does.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing_tui.model import Actor, Item, Quote  # noqa: E402
from briefing_tui.rules import dry_run, read_rules  # noqa: E402

RULES = [
    {"name": "Sanctions watch", "when": {"any": [{"title": ["sanction*", "embargo"]},
                                                 {"body": {"phrases": ["asset freeze", "export controls"]}}]},
     "tag": "sanctions", "flag": True, "hotkey": "6"},
    {"name": "Ministers speaking", "when": {"speakers": {"phrases": ["Tony Blair", "Gordon Brown"]}}, "tag": "uk-gov"},
    {"name": "Markets", "when": {"all": [{"text": ["shares", "stocks", "market*"]},
                                         {"not": {"tags": "sport"}}]}, "tag": "markets"},
    {"name": "Football noise", "when": {"any": [{"tags": "sport"}, {"title": ["football", "rugby"]}]},
     "hide": True},
    {"name": "Money figures", "when": {"body": {"regex": r"£\d+(?:\.\d+)?\s*(?:bn|billion|m|million)"}},
     "tag": "money"},
    {"name": "Actors", "when": {"actors": ["Blair", "Bush", "Putin"]}, "flag": True},
    {"name": "Election", "when": {"text": {"words": ["election", "poll*", "vote*"],
                                           "phrases": ["general election"]}}, "tag": "election"},
    {"name": "Quotes on war", "when": {"quotes": ["war", "troops", "invasion"]}, "tag": "war"},
    {"name": "Source", "when": {"source": {"regex": r"bbc\.co\.uk/(?:sport|news)"}}, "tag": "bbc"},
    {"name": "Tech", "when": {"any": [{"title": ["mobile", "broadband", "internet"]},
                                      {"body": {"phrases": ["search engine", "file sharing"]}}]}, "tag": "tech"},
]

NAMES = ["Tony Blair", "Gordon Brown", "George Bush", "Vladimir Putin", "Jose Manuel Barroso", "Ana Duarte",
         "Michael Howard", "Charles Kennedy", "Kofi Annan", "Angela Merkel"]


def _articles(corpus: Path) -> list[tuple[str, list[str], str]]:
    out = []
    for path in sorted(corpus.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        title, _, rest = text.partition("\n")
        body = [p.strip() for p in rest.split("\n") if p.strip()]
        out.append((title.strip(), body, path.parent.name))
    return out


def _synthetic(count: int) -> list[tuple[str, list[str], str]]:
    rng = random.Random(7)
    words = ["the", "minister", "said", "plans", "would", "cost", "more", "than", "expected", "as", "talks", "on",
             "trade", "and", "shares", "in", "market", "officials", "met", "election", "voters", "troops", "left"]
    return [(" ".join(rng.choices(words, k=8)).capitalize(),
             [" ".join(rng.choices(words, k=40)) + "." for _ in range(8)], rng.choice(["business", "sport"]))
            for _ in range(count)]


def build_items(count: int, corpus: Path | None) -> list[Item]:
    articles = _articles(corpus) if corpus is not None and corpus.is_dir() else []
    articles = articles or _synthetic(500)
    rng = random.Random(20)
    items = []
    for n in range(count):
        title, body, section = articles[n % len(articles)]
        names = rng.sample(NAMES, 3)
        items.append(Item(
            id=f"i{n}", title=f"{title} ({n})", body=body, source=f"https://www.bbc.co.uk/{section}/{n}",
            tags=[section], actors=[Actor(name) for name in names],
            quotes=[Quote("direct", body[0][:120] if body else "", speaker=names[0])]))
    return items


def from_cache(items: list[Item], rules_spec: list[dict]) -> tuple[float, float, float, int]:
    """(seconds to read every item back, to read back and match, to take every verdict from a memo
    written by an earlier launch, items) through a parse cache."""
    with tempfile.TemporaryDirectory(prefix="briefing-rules-bench-") as home:
        os.environ["XDG_CACHE_HOME"] = str(Path(home) / "cache")
        from briefing_tui.cache import open_default_cache
        from briefing_tui.catalog import ItemShelf
        from briefing_tui.loading.batch import load_many
        from briefing_tui.loading.load import fetch_items
        from briefing_tui.output import write_items
        from briefing_tui.rule_memo import RuleMemo

        folder = Path(home) / "desk"
        folder.mkdir()
        for start in range(0, len(items), 100):
            with (folder / f"desk-{start // 100:05d}.yaml").open("w", encoding="utf-8") as out:
                write_items(items[start:start + 100], "yaml", out)
        cache = open_default_cache()
        assert cache is not None
        shelf = ItemShelf()
        position = 0
        for _path, result, _done, _total in load_many([folder], cache=cache, lazy=True, workers=1):
            for entry in result.entries or []:
                shelf.put(position, entry.summary.id, ref=entry.ref, item=entry.item)
                position += 1
        cache.flush()
        rules, _ = read_rules(rules_spec, "benchmark", lambda keys: None)
        times = []
        memo = RuleMemo(Path(home) / "verdicts", rules.key)
        for match in (False, True):
            reader = open_default_cache()
            copy = shelf.detached(list(range(position)), lambda ref, reader=reader: fetch_items(ref, reader))
            started = time.perf_counter()
            for p in range(position):
                item = copy[p]
                if match and item is not None:
                    memo.put(copy.ref(p), rules.verdict(item).matched)
            times.append(time.perf_counter() - started)
            reader.close()
        memo.save()
        started = time.perf_counter()  # the next launch: the memo file read, a verdict per item
        again = RuleMemo(Path(home) / "verdicts", rules.key)
        again.load()
        assert all(again.get(shelf.ref(p)) is not None for p in range(position))
        times.append(time.perf_counter() - started)
        cache.close()
        return times[0], times[1], times[2], position


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc")
    parser.add_argument("--from-cache", type=int, default=0, metavar="N",
                        help="also time reading N items back from a parse cache and matching them")
    args = parser.parse_args()

    items = build_items(args.items, args.corpus)
    chars = sum(len(i.title or "") + sum(map(len, i.body)) for i in items)
    reading, matching = [], []
    counts = None
    for _ in range(args.runs):
        started = time.perf_counter()
        rules, problems = read_rules(RULES, "benchmark", lambda keys: None)
        reading.append(time.perf_counter() - started)
        assert not problems, problems
        started = time.perf_counter()
        _, counts = dry_run(rules, items)
        matching.append(time.perf_counter() - started)
    assert counts is not None
    source = "BBC corpus" if args.corpus.is_dir() else "synthetic text"
    print(f"{len(items):,} items ({source}, {chars / len(items):,.0f} characters of title and body each), "
          f"{len(RULES)} rules, median of {args.runs} runs")
    print(f"| reading the rules (parse, compile) | {statistics.median(reading) * 1000:.1f} ms |")
    seconds = statistics.median(matching)
    print(f"| every rule over every item | {seconds:.2f} s ({seconds / len(items) * 1e6:.1f} µs per item) |")
    for count in counts:
        print(f"|   {count.rule.name} | {count.matched:,} items |")
    if args.from_cache:
        read, both, memo, n = from_cache(items[:args.from_cache], RULES)
        print(f"| reading {n:,} items back from the parse cache | {read:.2f} s ({read / n * 1e6:.0f} µs per item) |")
        print(f"| reading them back and matching every rule | {both:.2f} s ({both / n * 1e6:.0f} µs per item) |")
        print(f"| the next launch, verdicts remembered (rule_memo) | {memo:.3f} s ({memo / n * 1e6:.1f} µs per item) |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
