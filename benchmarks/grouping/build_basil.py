"""Build a pair set in ``ecbplus_pairs.json``'s layout from a BASIL checkout, to measure on locally.

BASIL (Fan et al., EMNLP 2019, github.com/launchnlp/BASIL) holds 100 events, each reported by three
outlets (NYT, Fox News, HuffPost). It states no licence, so its texts must not enter this
repository: write the output outside it (``/tmp``) and pass it to ``benchmarks/grouping.py --pairs``.

Same event: the three pairs of each triplet. Different events: for each article, one article of
another triplet of the same year, preferring one that names a main entity it names (the hard case),
from a different outlet.

Usage: python benchmarks/grouping/build_basil.py GIT_DIR > /tmp/basil_pairs.json
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from itertools import combinations


def main() -> None:
    repo = sys.argv[1]
    names = [n for n in subprocess.run(["git", "-C", repo, "ls-tree", "-r", "--name-only", "HEAD"], check=True,
                                       capture_output=True, text=True).stdout.split("\n")
             if n.startswith("articles/") and n.endswith(".json")]
    wanted = "".join(f"HEAD:{n}\n" for n in names).encode()
    batch = subprocess.run(["git", "-C", repo, "cat-file", "--batch"], input=wanted, check=True,
                           capture_output=True).stdout
    docs, at = [], 0
    for name in names:
        end = batch.index(b"\n", at)
        size = int(batch[at:end].split()[2])
        data = json.loads(batch[end + 1 : end + 1 + size])
        at = end + 1 + size + 1
        body = [" ".join(p) if isinstance(p, list) else p for p in data.get("body-paragraphs", [])]
        docs.append({"id": name.rsplit("/", 1)[1].removesuffix(".json"), "source": data["source"],
                     "url": data.get("url"), "title": data.get("title"), "date": data.get("date"), "body": body,
                     "event": data["triplet-uuid"], "entities": set(data.get("main-entities") or ()),
                     "year": name.split("/")[1]})
    rng = random.Random(20)
    pairs = []
    events: dict[str, list[dict]] = {}
    for d in docs:
        events.setdefault(d["event"], []).append(d)
    for group in events.values():
        pairs += [{"a": a["id"], "b": b["id"], "same": True, "why": "BASIL triplet"} for a, b in combinations(group, 2)]
    for d in docs:
        others = [o for o in docs if o["year"] == d["year"] and o["event"] != d["event"] and o["source"] != d["source"]]
        hard = [o for o in others if o["entities"] & d["entities"]]
        other = rng.choice(hard or others)
        pairs.append({"a": d["id"], "b": other["id"], "same": False,
                      "why": "same year, another event" + (", a shared main entity" if hard else "")})
    out = {"source": "BASIL (measure locally only: no licence)",
           "docs": [{k: d[k] for k in ("id", "source", "url", "title", "date", "body")} for d in docs], "pairs": pairs}
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
