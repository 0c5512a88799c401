"""Draw the development corpus of issue 16 once: which articles, and which part each is in.

    python benchmarks/devcorpus/draw.py AEB_CLONE [--bbc ../shared/corpus/bbc]

Run once (2026-12-07); its output is committed, so it is not run again. Kept to say exactly how the
articles were chosen and split, before anyone looked at what the parser makes of them.

- English news pages of scrapinghub/article-extraction-benchmark (MIT; 181 real pages of 126
  sites, each with a human-made article body in `ground-truth.json`): English by the share of
  common English words in that body (> 0.28), 150 to 1,100 words, at least one "said", "says" or
  "told", and not a shop, recipe, deals or product-review page (hosts in ``NOT_NEWS``). At most
  two pages per site. Each page is copied unchanged (decompressed) as `.html`: the parser reads
  the page, so its HTML path is measured too.
- BBC articles of ``../shared/corpus/bbc`` (the research dataset), 220 to 650 words, drawn per
  category; the files reserved for independent measurement, the dev gold's and the held-out set's
  are left out.
- The drawn articles are shuffled with a fixed seed and split once: two thirds *develop*, one
  third *check*. Rules change only from develop errors; check is scored, never read article by
  article.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SEED = 16
AEB_PAGES = 70
BBC_ARTICLES = 50
COMMON = {"the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "said", "he", "it", "as",
          "by", "at", "from", "his", "have", "be", "are", "has", "but", "not", "an", "they", "this", "who", "were"}
NOT_NEWS = {"theantijunecleaver.com", "www.bigbrandsystem.com", "vortexcannon.org", "jeongdongtheater.com",
            "my6sense.com", "blog.givewell.org", "www.beachbodyondemand.com", "www.expapp.com", "www.inexhibit.com",
            "www.morebikes.co.uk", "9to5mac.com", "www.ign.com", "www.zdnet.com", "dealbreaker.com",
            "blog.comwrap.com", "www.ascom.com", "www.oregonlive.com", "www.vg247.com", "appleinsider.com"}
RESERVED_BBC = {"business/111", "business/241", "business/252", "business/314", "business/346",
                "entertainment/141", "politics/121", "politics/135", "politics/192", "politics/375", "sport/040",
                "sport/058", "tech/276", "tech/281", "tech/286", "tech/354"}


def used_bbc() -> set[str]:
    """BBC files already in the dev gold or the held-out set (their READMEs name them)."""
    used = set()
    for readme in [ROOT / "benchmarks" / "heldout" / "README.md", ROOT.parent / "shared" / "corpus" / "SOURCES.md"]:
        if readme.exists():
            used |= set(re.findall(r"bbc/([a-z]+/\d{3})", readme.read_text(encoding="utf-8")))
    return used


def slug(text: str, words: int = 6) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:words])


def aeb_candidates(clone: Path) -> list[dict]:
    truth = json.loads((clone / "ground-truth.json").read_text(encoding="utf-8"))
    out = []
    for key, entry in sorted(truth.items()):
        body, url = entry["articleBody"], entry["url"]
        host = urlsplit(url).hostname or ""
        words = body.split()
        common = sum(w in COMMON for w in re.findall(r"[A-Za-z']+", body.lower())) / max(len(words), 1)
        said = len(re.findall(r"\b(?:said|says|told)\b", body))
        if host in NOT_NEWS or not (150 <= len(words) <= 1100) or common <= 0.28 or said < 1:
            continue
        out.append({"key": key, "url": url, "host": host, "words": len(words)})
    return out


def bbc_candidates(bbc: Path) -> list[dict]:
    skip = RESERVED_BBC | used_bbc()
    out = []
    for path in sorted(bbc.glob("*/*.txt")):
        rel = f"{path.parent.name}/{path.stem}"
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if rel in skip or not (220 <= len(text.split()) <= 650):
            continue
        out.append({"rel": rel, "path": path, "title": text.splitlines()[0]})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("aeb", type=Path, help="a checkout of scrapinghub/article-extraction-benchmark")
    ap.add_argument("--bbc", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc")
    args = ap.parse_args()
    rng = random.Random(SEED)

    pages = aeb_candidates(args.aeb)
    rng.shuffle(pages)
    chosen, per_host = [], {}
    for page in pages:
        if per_host.get(page["host"], 0) < 2 and len(chosen) < AEB_PAGES:
            per_host[page["host"]] = per_host.get(page["host"], 0) + 1
            chosen.append(page)
    by_category: dict[str, list[dict]] = {}
    for art in bbc_candidates(args.bbc):
        by_category.setdefault(art["rel"].split("/")[0], []).append(art)
    bbc = []
    for category in sorted(by_category):
        bbc += rng.sample(by_category[category], BBC_ARTICLES // len(by_category))

    drawn = []
    for page in chosen:
        name = f"{page['host'].removeprefix('www.').split('.')[0]}-{slug(urlsplit(page['url']).path)}"
        drawn.append({"name": name + ".html", "source": "AEB", "url": page["url"], "key": page["key"],
                      "words": page["words"]})
    for art in bbc:
        drawn.append({"name": f"bbc-{art['rel'].replace('/', '-')}-{slug(art['title'], 5)}.txt", "source": "BBC",
                      "path": f"bbc/{art['rel']}.txt"})
    rng.shuffle(drawn)
    cut = round(len(drawn) * 2 / 3)
    for part, members in (("develop", drawn[:cut]), ("check", drawn[cut:])):
        folder = HERE / part / "articles"
        folder.mkdir(parents=True, exist_ok=True)
        (HERE / part / "gold").mkdir(exist_ok=True)
        for art in members:
            art["part"] = part
            if art["source"] == "AEB":
                data = gzip.decompress((args.aeb / "html" / f"{art['key']}.html.gz").read_bytes())
                (folder / art["name"]).write_bytes(data)
            else:
                shutil.copyfile(args.bbc / art["path"].removeprefix("bbc/"), folder / art["name"])
    (HERE / "drawn.json").write_text(json.dumps(drawn, indent=1) + "\n", encoding="utf-8")
    print(f"{len(drawn)} articles: {cut} develop, {len(drawn) - cut} check; "
          f"{len({a['url'].split('/')[2] for a in drawn if a['source'] == 'AEB'}) + 1} publishers")


if __name__ == "__main__":
    main()
