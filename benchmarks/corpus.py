"""Build the 10,000-item benchmark corpus: the 2,225 BBC articles plus generated YAML briefing files.

    python benchmarks/corpus.py OUT_DIR [--items 10000] [--seed 7]

About 100 BBC files repeat another article's text; briefing loads those
once and lists the repeats as problems, so enough YAML items are generated
for ``--items`` distinct items on screen.

Layout: ``OUT_DIR/bbc/<topic>/NNN.txt`` (copies of ``../shared/corpus/bbc``)
and ``OUT_DIR/desk/desk-NNNN.yaml``, each holding 10-50 items. Generated
bodies are assembled from real BBC sentences; every item names 2-5 actors
(people, organisations, countries), carries 1-3 quotes that stand verbatim
in its body and 1-3 figures, and about one item in six mentions one of the
keyword topics (North Korea, Russia, Ukraine, casualties, money), so find
and the keyword filters have realistic work. Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "corpus" / "bbc"

PEOPLE = ["Tony Blair", "Gordon Brown", "Patricia Hewitt", "Michael Howard", "Charles Kennedy", "Jack Straw",
          "Vladimir Putin", "Kim Jong Un", "Volodymyr Zelenskyy", "Sergei Lavrov", "Alan Greenspan",
          "Mervyn King", "Kofi Annan", "Condoleezza Rice", "Jacques Chirac", "Gerhard Schroeder",
          "Yulia Tymoshenko", "Viktor Yushchenko", "Martin Broughton", "Rupert Murdoch", "Bill Gates",
          "Steve Jobs", "Sven-Goran Eriksson", "Jose Mourinho", "Arsene Wenger", "Paula Radcliffe"]
ORGS = ["BBC", "Reuters", "TASS", "KCNA", "Bank of England", "European Commission", "United Nations", "Nato",
        "British Airways", "Microsoft", "Apple", "Sony", "Yukos", "Gazprom", "Labour", "Conservatives",
        "Liberal Democrats", "IMF", "World Bank", "Fifa"]
COUNTRIES = ["Russia", "Ukraine", "North Korea", "China", "Japan", "France", "Germany", "United States",
             "Iraq", "Iran", "India", "Brazil", "South Korea"]
TOPICAL = [
    "North Korea said the talks in Pyongyang would resume after the new year.",
    "Officials in Moscow said the Kremlin had not been told of the plan in advance.",
    "Ukraine's government in Kyiv said the vote had been fair.",
    "At least 12 people were killed and 30 wounded in the attack, officials said.",
    "The deaths brought the number of casualties this month to more than 200.",
    "Revenue rose to $4.2bn while profits fell 8% on higher costs.",
    "The sanctions would cost the economy about £300m a year, analysts estimated.",
    "Russian and Ukrainian negotiators met again on Tuesday.",
    "KCNA, the North Korean state news agency, called the report a fabrication.",
]
QUOTES = ["We will not accept this", "The figures speak for themselves", "It is too early to say",
          "This is a good day for the country", "We have made a firm commitment",
          "Nobody expected the market to move this quickly", "The talks were constructive",
          "We are looking at every option", "There is no evidence for that claim",
          "The decision was taken after careful thought"]


def _sentences() -> tuple[list[str], list[str]]:
    sentences: list[str] = []
    headlines: list[str] = []
    for f in sorted(BBC.glob("*/*.txt")):
        text = f.read_text(encoding="latin-1")
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        if not lines:
            continue
        headlines.append(lines[0])
        for para in lines[1:]:
            for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", para):
                if 40 <= len(s) <= 260 and '"' not in s:
                    sentences.append(s)
    return sentences, headlines


def _item(rng: random.Random, n: int, sentences: list[str], headlines: list[str]) -> dict:
    people = rng.sample(PEOPLE, rng.randint(1, 3))
    orgs = rng.sample(ORGS, rng.randint(0, 1))
    country = rng.choice(COUNTRIES)
    paras: list[str] = []
    for _ in range(rng.randint(3, 7)):
        paras.append(" ".join(rng.choice(sentences) for _ in range(rng.randint(1, 4))))
    quotes = []
    for q in rng.sample(QUOTES, rng.randint(1, 3)):
        speaker = rng.choice(people)
        paras.insert(rng.randint(0, len(paras)), f'"{q}," {speaker} said in {country}.')
        quotes.append({"kind": "direct", "text": q, "speaker": speaker})
    figures = []
    for _ in range(rng.randint(1, 3)):
        value = rng.randint(2, 950)
        text = rng.choice([f"£{value}m", f"${value}bn", f"{value}%", f"{value} people"])
        kind = "money" if text[0] in "£$" else ("percent" if text.endswith("%") else "count")
        paras[rng.randrange(len(paras))] += f" The figure given was {text}."
        figures.append({"text": text, "kind": kind})
    if rng.random() < 0.17:
        paras.insert(rng.randint(0, len(paras)), rng.choice(TOPICAL))
    first = orgs[0] if orgs else country
    paras[0] = f"{first} and {', '.join(people)} were named in the report. " + paras[0]
    actors = [{"name": p, "type": "person"} for p in people] + [{"name": o, "type": "organization"} for o in orgs]
    actors.append({"name": country, "type": "country"})
    return {
        "id": f"desk-{n:05d}",
        "title": f"{rng.choice(headlines)} ({country}, note {n})",
        "date": f"2005-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "tags": rng.sample(["politics", "business", "tech", "sport", "world", "energy", "security"], 2),
        "body": paras,
        "actors": actors,
        "quotes": quotes,
        "figures": figures,
    }


def build(out: Path, total: int = 10_000, seed: int = 7) -> dict[str, int]:
    """Write the corpus under ``out`` (replacing an earlier one); return counts."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "desk").mkdir(parents=True)
    shutil.copytree(BBC, out / "bbc", ignore=shutil.ignore_patterns("README*"))
    n_articles = len(list((out / "bbc").glob("*/*.txt")))
    # About 100 BBC files repeat another's text; they share its content-derived id, so briefing
    # loads them once and reports the repeat. Generate enough YAML items for ``total`` distinct ones.
    unique = len({" ".join(f.read_bytes().decode("latin-1").split()) for f in (out / "bbc").glob("*/*.txt")})
    sentences, headlines = _sentences()
    n, files = 0, 0
    remaining = total - unique
    while n < remaining:
        k = min(rng.randint(10, 50), remaining - n)
        items = [_item(rng, n + i, sentences, headlines) for i in range(k)]
        path = out / "desk" / f"desk-{files:04d}.yaml"
        path.write_text(yaml.safe_dump({"items": items}, allow_unicode=True, sort_keys=False, width=100),
                        encoding="utf-8")
        n += k
        files += 1
    return {"articles": n_articles, "distinct_articles": unique, "yaml_items": n, "yaml_files": files,
            "items": unique + n}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    print(build(args.out, args.items, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
