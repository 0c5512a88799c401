"""Build the labelled pair set for grouping (``ecbplus_pairs.json``) from an ECB+ checkout.

ECB+ (Cybulska & Vossen, LREC 2014; CC BY 3.0, see SOURCES.md) holds news texts in topics; each
topic has two events of one kind (Tara Reid checks into rehab in 2008, Lindsay Lohan in 2013), and
the ``ecbplus`` texts name their URL. A pair is labelled by what the texts are about, not by the
folder alone (a sub-topic folder can mix events: Lohan's check-in on 3 May 2013 and her move to
another clinic on 13 June 2013):

* same event: two ``ecbplus`` texts of one topic from different outlets (hosts) whose main event
  (the action chain of the corpus's cross-document coreference with the most mentions) is the same
  and whose publication dates, read from the text, are at most three days apart;
* different events: a text of the topic's other event (the ``ecb`` sub-topic, years earlier), or
  an ``ecbplus`` text of the same topic whose main event differs and whose date is more than a week
  away. Every pair shares content words (the topic's); that is what makes them hard.

Usage: python benchmarks/grouping/build_ecbplus.py [GIT_DIR] > benchmarks/grouping/ecbplus_pairs.json
GIT_DIR is the work tree of a clone of github.com/cltl/ECB-parser (default: /work/.mirror/cltl+ECB-parser/repo).
The output holds the texts themselves, so the test suite needs no checkout.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from itertools import combinations
from urllib.parse import urlsplit

COMMIT = "eba7c4d1caa758816bcee3139bdd4e6688dee00d"
MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
       r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
DATES = [
    (re.compile(_MON + r"\s+(\d{1,2})\s*,?\s+((?:19|20)\d\d)", re.I), ("m", "d", "y")),
    (re.compile(r"(\d{1,2})\s+" + _MON + r"\s*,?\s+((?:19|20)\d\d)", re.I), ("d", "m", "y")),
    (re.compile(r"((?:19|20)\d\d)\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})"), ("y", "m", "d")),
    (re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d\d)"), ("m", "d", "y")),
]


def git(repo: str, *args: str, given: bytes | None = None) -> bytes:
    return subprocess.run(["git", "-C", repo, *args], input=given, check=True, capture_output=True).stdout


def blobs(repo: str, names: list[str]) -> list[bytes]:
    """The files' contents at COMMIT, read in one ``git cat-file --batch``."""
    out = git(repo, "cat-file", "--batch", given="".join(f"{COMMIT}:{n}\n" for n in names).encode())
    contents, at = [], 0
    for _ in names:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        contents.append(out[header_end + 1 : header_end + 1 + size])
        at = header_end + 1 + size + 1
    return contents


def detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r"`` ?", "“", text)
    text = re.sub(r" ?''", "”", text)
    text = re.sub(r" ([,.;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r"“ ", "“", text)
    text = re.sub(r" ”", "”", text)
    text = re.sub(r"(\w) - (?=\w)", r"\1-", text)
    text = re.sub(r"(\d) / (?=\d)", r"\1/", text)
    text = re.sub(r"(\d): (?=\d\d)", r"\1:", text)
    return text.strip()


def read_date(text: str) -> date | None:
    for pattern, order in DATES:
        for m in pattern.finditer(text):
            parts = dict(zip(order, m.groups(), strict=True))
            month = parts["m"]
            month = MONTHS.get(month.lower().rstrip(".")) if not month.isdigit() else int(month)
            try:
                return date(int(parts["y"]), int(month or 0), int(parts["d"]))
            except ValueError:
                continue
    return None


def parse(xml: bytes, name: str) -> dict:
    root = ET.fromstring(xml)
    sentences: dict[int, list[str]] = {}
    token_sentence: dict[str, int] = {}
    for tok in root.iter("token"):
        s = int(tok.get("sentence"))
        sentences.setdefault(s, []).append(tok.text or "")
        token_sentence[tok.get("t_id")] = s
    lines = [detokenise(sentences[s]) for s in sorted(sentences)]
    # The main event: the action chain (cross-document instance) with the most mentions in this text.
    markables = root.find("Markables")
    mentions = Counter()
    for rel in root.iter("CROSS_DOC_COREF"):
        note = rel.get("note") or ""
        if note.startswith("ACT"):
            mentions[note] += len(rel.findall("source"))
    del markables
    main = mentions.most_common(1)[0][0] if mentions else None
    url = None
    if lines and re.match(r"https?\s*:", lines[0]):
        url = re.sub(r"\s+", "", lines.pop(0))
    host = urlsplit(url).hostname if url else None
    if host and host.startswith("www."):
        host = host[4:]
    title = lines.pop(0) if url and lines else None
    when = None
    for line in lines[:8] if url else ():  # an ``ecb`` text's first date is seldom its own
        when = read_date(line)
        if when:
            break
    if when is None and url:
        m = re.search(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/", url)
        if m:
            try:
                when = date(*map(int, m.groups()))
            except ValueError:
                when = None
    topic, rest = name.split("_", 1)
    return {"id": name.removesuffix(".xml"), "topic": int(topic), "sub": "ecbplus" if "ecbplus" in rest else "ecb",
            "url": url, "source": host, "title": title, "date": when.isoformat() if when else None,
            "body": [line for line in lines if line], "main_event": main}


def main() -> None:
    repo = sys.argv[1] if len(sys.argv) > 1 else "/work/.mirror/cltl+ECB-parser/repo"
    names = [n for n in git(repo, "ls-tree", "-r", "--name-only", COMMIT).decode().split("\n")
             if re.fullmatch(r"ECB\+/\d+/\d+_\d+ecb(plus)?\.xml", n)]
    docs = [parse(xml, n.rsplit("/", 1)[1]) for n, xml in zip(names, blobs(repo, names), strict=True)]
    docs = [d for d in docs if sum(len(b) for b in d["body"]) >= 600]  # very short texts: not an article
    by_topic: dict[int, list[dict]] = {}
    for d in docs:
        by_topic.setdefault(d["topic"], []).append(d)
    rng = random.Random(20)
    positives, negatives = [], []
    for topic in sorted(by_topic):
        plus = [d for d in by_topic[topic] if d["sub"] == "ecbplus" and d["date"] and d["source"] and d["main_event"]]
        old = [d for d in by_topic[topic] if d["sub"] == "ecb"]
        same, far = [], []
        for a, b in combinations(plus, 2):
            days = abs((date.fromisoformat(a["date"]) - date.fromisoformat(b["date"])).days)
            if a["source"] == b["source"]:
                continue
            if a["main_event"] == b["main_event"] and days <= 3:
                same.append((a, b, "same main event, different outlets, dates within 3 days"))
            elif a["main_event"] != b["main_event"] and days > 7:
                far.append((a, b, f"same topic, another event {days} days apart"))
        across = [(a, b, "same kind of event, the topic's other event (years apart)") for a in plus for b in old]
        rng.shuffle(same)
        rng.shuffle(far)
        rng.shuffle(across)
        positives += same[:6]
        negatives += far[:2] + across[:4]
    used = {d["id"] for pair in positives + negatives for d in pair[:2]}
    out = {
        "source": f"ECB+ (github.com/cltl/ECB-parser @ {COMMIT}), see SOURCES.md",
        "licence": "CC BY 3.0 (annotations: Cybulska & Vossen, LREC 2014); article texts © their publishers",
        "docs": [{k: d[k] for k in ("id", "source", "url", "title", "date", "body")}
                 for d in sorted(docs, key=lambda d: (d["topic"], d["id"])) if d["id"] in used],
        "pairs": [{"a": a["id"], "b": b["id"], "same": same, "why": why}
                  for same, pairs in ((True, positives), (False, negatives)) for a, b, why in pairs],
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=0)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
