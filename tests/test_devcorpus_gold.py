"""The development corpus's gold files hold together: each names its article, follows the spec's
layout, and every quote and figure it lists is text of that article. Mechanical checks only: no
article's answers are compared with the parser's here (that is ../shared/eval/score.py's job)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "devcorpus"
GOLD = sorted(CORPUS.glob("*/gold/*.yaml"))  # develop, check, and the second annotation in agreement/
ACTOR_TYPES = {"person", "organization", "country"}
FIGURE_KINDS = {"count", "money", "percent", "measure", "duration", "other"}


def _plain(text: str) -> str:
    """Text with runs of white space as one space and typographic apostrophes kept as they are."""
    return " ".join(text.split())


def _article_text(path: Path) -> str:
    """What was annotated: a page's human-marked body (``bodies/``), a text file's whole text."""
    if path.suffix == ".html":
        path = path.parent.parent / "bodies" / f"{path.stem}.txt"  # the body that was annotated
    return _plain(path.read_text(encoding="utf-8"))


def test_every_article_is_in_one_part_and_the_split_is_two_thirds_develop() -> None:
    develop = {p.name for p in (CORPUS / "develop" / "articles").iterdir()}
    check = {p.name for p in (CORPUS / "check" / "articles").iterdir()}
    assert not develop & check
    assert len(develop) + len(check) >= 120 and len(develop) == 2 * len(check)
    for part in ("develop", "check"):
        pages = {p.stem for p in (CORPUS / part / "articles").glob("*.html")}
        assert pages == {p.stem for p in (CORPUS / part / "bodies").glob("*.txt")}  # each page's marked body


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_a_gold_file_holds_together(gold: Path) -> None:
    doc = yaml.safe_load(gold.read_text(encoding="utf-8"))
    part = CORPUS / "develop" if gold.parent.parent.name == "agreement" else gold.parent.parent
    article = part / "articles" / doc["article"]
    assert article.is_file() and article.stem == gold.stem
    assert set(doc) >= {"article", "title", "actors", "quotes", "figures"}
    names = set()
    for actor in doc["actors"] or []:
        assert actor["type"] in ACTOR_TYPES and actor["name"] and isinstance(actor.get("aliases", []), list)
        names.add(actor["name"])
    text = _article_text(article)
    for quote in doc["quotes"] or []:
        assert quote["kind"] in ("direct", "indirect")
        assert quote["speaker"] is None or quote["speaker"] in names, quote
        if quote["speaker"] is None:
            assert quote.get("speaker_description"), quote
        assert _plain(quote["text"]) in text, quote["text"]
    for figure in doc["figures"] or []:
        assert figure["kind"] in FIGURE_KINDS and isinstance(figure.get("approx"), bool), figure
        assert figure["value"] is None or isinstance(figure["value"], (int, float)), figure
        assert _plain(figure["text"]) in text, figure["text"]
