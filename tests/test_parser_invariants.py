"""The whole parser over 2,225 real BBC articles: it never raises and what it returns is consistent."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from briefing_tui.loading.articles import parse_article_file
from briefing_tui.model import Item


def check_invariants(item: Item) -> list[str]:
    """Every broken promise of one parsed item, as readable lines."""
    errors: list[str] = []
    names = {a.name for a in item.actors}
    for q in item.quotes:
        if q.span is None or q.span.text_in(item.body) != q.text:
            errors.append(f"quote span does not hold its text: {q.text[:60]!r}")
        if q.speaker is not None and q.speaker not in names:
            errors.append(f"speaker {q.speaker!r} is not an actor")
        if q.via is not None and not q.via.strip():
            errors.append("empty via")
    for f in item.figures:
        if f.span is None or f.span.text_in(item.body) != f.text:
            errors.append(f"figure span does not hold its text: {f.text!r}")
        if f.value is not None and (not isinstance(f.value, (int, float)) or not math.isfinite(f.value)):
            errors.append(f"figure value not finite: {f.value!r}")
    for entity in [*item.actors, *item.places]:
        for m in entity.mentions:
            if not m.text_in(item.body):
                errors.append(f"mention of {entity.name!r} points outside the body")
    if any(a.type not in ("person", "organization", "country") for a in item.actors):
        errors.append("bad actor type")
    return errors


@pytest.mark.parametrize("category", ["business", "entertainment", "politics", "sport", "tech"])
def test_bbc_corpus_parses_with_invariants(shared: Path, category: str) -> None:
    files = sorted((shared / "corpus" / "bbc" / category).glob("*.txt"))
    assert files, f"no BBC files for {category}"
    failures: list[str] = []
    for path in files:
        item = parse_article_file(path)
        failures += [f"{path.name}: {e}" for e in check_invariants(item)]
    assert failures == []


def test_gold_articles_parse_with_invariants(shared: Path) -> None:
    for path in sorted((shared / "corpus" / "articles").glob("*.txt")):
        assert check_invariants(parse_article_file(path)) == [], path.name


def test_an_article_longer_than_extraction_reads_says_so(tmp_path: Path) -> None:
    from briefing_tui.extract.pipeline import MAX_EXTRACTED_CHARS
    from briefing_tui.loading.load import load_file

    para = "The minister, Jane Holt, said 40 schools would close. " * 100
    paragraphs = [para] * (MAX_EXTRACTED_CHARS // len(para) + 3)
    long_one = tmp_path / "long.txt"
    long_one.write_text("A long report\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    short_one = tmp_path / "short.txt"
    short_one.write_text("A short report\n\n" + para + "\n", encoding="utf-8")

    loaded = load_file(long_one)
    assert len(loaded.items) == 1 and len(loaded.items[0].body) == len(paragraphs)  # the whole text is kept
    [note] = [str(p) for p in loaded.problems]
    assert note.startswith(str(long_one)) and f"first {MAX_EXTRACTED_CHARS:,} characters" in note
    assert load_file(short_one).problems == []
