"""Cold parse speed on one core: articles per second over the gold articles and the BBC corpus.

    python benchmarks/parse_speed.py [--runs 5]

Each run starts a fresh interpreter (so module loading and gazetteer
reading count, as they do for a user) pinned to one core, parses every
file once and reports articles/s; the table gives the median of the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from briefing_tui.loading.articles import parse_article_file
from pathlib import Path
t1 = time.perf_counter()
files = [Path(p) for p in sys.argv[1:]]
for f in files:
    parse_article_file(f)
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "parse": t2 - t1, "n": len(files)}))
"""


def run_once(files: list[Path]) -> dict[str, float]:
    pin = ["taskset", "-c", "0"] if os.path.exists("/usr/bin/taskset") else []
    out = subprocess.run([*pin, sys.executable, "-c", CHILD, *map(str, files)], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    sets = {
        "gold articles (16)": sorted((SHARED / "articles").glob("*.txt")),
        "BBC corpus (2,225)": sorted((SHARED / "bbc").glob("*/*.txt")),
        "HTML pages (9)": sorted((SHARED / "html").glob("*.html")),
    }
    print(f"{'set':<22} {'articles/s (median)':>20} {'ms/article':>11} {'import s':>9}  runs")
    for name, files in sets.items():
        if not files:
            continue
        runs = [run_once(files) for _ in range(args.runs)]
        rates = [r["n"] / r["parse"] for r in runs]
        rate = statistics.median(rates)
        print(f"{name:<22} {rate:>20.1f} {1000 / rate:>11.2f} {statistics.median(r['import'] for r in runs):>9.2f}"
              f"  {', '.join(f'{x:.0f}' for x in rates)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
