"""Issue 14 (11): live reload replaced search texts without ever dropping the old ones.

Each save of a watched file appended its items' texts to the spill file and kept the old offsets, so
memory and the file grew with every save (about 2.7 KB of memory per save of a 50-item file). The
spill now rewrites its live segments once the dead ones outweigh them: same answers, bounded size,
and a scan already under way keeps reading the file it started on.
"""

from __future__ import annotations

import os
import random

import pytest

from briefing_tui import spill
from briefing_tui.spill import SpilledTexts

WORDS = ["Kursk", "kursk", "Straße", "STRASSE", "troops", "ﬃ", "office", "a", "b"]


def expected(model: dict[int, str], query: str) -> set[int]:
    if any(c.isupper() for c in query):
        return {k for k, v in model.items() if query in v}
    return {k for k, v in model.items() if query.casefold() in v.casefold()}


def test_compaction_keeps_every_answer_and_bounds_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spill, "CHUNK", 64)
    rng = random.Random(7)
    texts = SpilledTexts()
    model: dict[int, str] = {}
    sizes = []
    for step in range(5000):
        position = rng.randrange(40)
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(0, 12)))
        texts.put(position, text)
        model[position] = text
        texts.flush()
        texts.compact()
        sizes.append(os.fstat(texts._folded._fd.fileno()).st_size)
        if step % 97 == 0:
            for query in ("kursk", "Kursk", "strasse", "office", "b"):
                assert texts.find(query) == expected(model, query), (step, query)
                wanted = set(range(0, 40, 3))
                assert texts.find(query, wanted) == expected(model, query) & wanted
            assert sorted(texts.folded_texts()) == sorted((k, v.casefold()) for k, v in model.items())
    live = sum(len(v.casefold().encode()) + 1 for v in model.values())
    assert max(sizes[1000:]) < 4 * 64 + 2 * live + 2000
    assert len(texts._folded.starts) < 400


def test_a_scan_under_way_keeps_the_file_it_started_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spill, "CHUNK", 16)
    texts = SpilledTexts()
    for position in range(20):
        texts.put(position, f"text number {position}")
    texts.flush()
    scan = texts.folded_texts()
    first = [next(scan), next(scan)]
    for round_ in range(50):  # replace everything many times: compaction swaps the file under the scan
        for position in range(20):
            texts.put(position, f"new {round_} {position} " + "x" * 30)
        texts.flush()
        texts.compact()
    rest = list(scan)  # a scan that overlaps replacements may be out of date, as before; never garbage
    held = {(p, f"text number {p}") for p in range(20)}
    held |= {(p, f"new {r} {p} " + "x" * 30) for r in range(50) for p in range(20)}
    assert first == [(0, "text number 0"), (1, "text number 1")]
    assert set(rest) <= held, rest
    assert sorted(texts.folded_texts()) == sorted((p, f"new 49 {p} " + "x" * 30) for p in range(20))
