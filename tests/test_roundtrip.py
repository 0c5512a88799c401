"""`briefing parse --format yaml` output loads back to an equal item."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_tui.loading.articles import parse_article_text
from briefing_tui.loading.yaml_items import load_yaml_text
from briefing_tui.model import SPEAKER_EVIDENCE, Actor, Figure, Item, Place, Quote, Related, Span
from briefing_tui.output import dump_yaml
from briefing_tui.sanitize import clean_line

from .conftest import SEEDS

NAMES = ["Volodymyr Zelenskyy", "Zelenskyy", "Russia", "the Kremlin", "CNN", "Kim Jong Un", "Ms Cafferkey", "BA"]
VERBS = ["said", "told reporters", "added", "warned", "denied"]
FIGURES = ["nearly 50,000 troops", "£3bn", "40%", "more than two dozen settlements", "11,000 soldiers", "3.5 km"]
WORDS = ["the", "forces", "border", "talks", "on", "Monday", "region", "officials", "prices", "rose", "and"]


def roundtrip(item: Item) -> Item:
    result = load_yaml_text(dump_yaml([item.to_dict()]), Path("rt.yaml"))
    assert result.problems == []
    (back,) = result.items
    return back


@st.composite
def sentences(draw: st.DrawFn) -> str:
    who = draw(st.sampled_from(NAMES))
    words = draw(st.lists(st.sampled_from(WORDS + FIGURES), min_size=3, max_size=12))
    verb = draw(st.sampled_from(VERBS))
    form = draw(st.integers(0, 2))
    clause = " ".join(words)
    if form == 0:
        return f"{who} {verb} {clause}."
    if form == 1:
        return f"“{clause.capitalize()},” {who} {verb}."
    return f"{clause.capitalize()}, {who} {verb}."


@st.composite
def articles(draw: st.DrawFn) -> str:
    title = draw(st.one_of(st.none(), st.sampled_from(["Troops gather near Kursk", "BA profits fall"])))
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=4))
    dateline = draw(st.sampled_from(["", "LONDON — ", "TAIPEI, Taiwan – "]))
    text = "\n\n".join(paragraphs)
    text = dateline + text
    return f"{title}\n\n{text}\n" if title else text + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_parsed_articles_roundtrip_through_yaml(text: str) -> None:
    item = parse_article_text(text, source="a.txt")
    assert roundtrip(item) == item


@st.composite
def items(draw: st.DrawFn) -> Item:
    # Text the sanitiser keeps as it is: it strips controls, format and separator characters, and
    # invisible ones of other categories too (tag characters, Hangul fillers), which no category
    # exclusion names; an item holding them could not come back equal, nor should it.
    safe = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Cf", "Zs")),
                   min_size=1, max_size=12).filter(lambda text: clean_line(text) == text)
    body = draw(st.lists(st.lists(safe, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=3))
    p = draw(st.integers(0, len(body) - 1))
    para = body[p]
    start = draw(st.integers(0, len(para) - 1))
    end = draw(st.integers(start + 1, len(para)))
    piece = para[start:end]
    return Item(
        id=draw(safe),
        title=draw(st.one_of(st.none(), safe)),
        dateline=draw(st.one_of(st.none(), safe)),
        date=draw(st.one_of(st.none(), st.just("2024-11-12"))),
        source="x.yaml",
        body=body,
        actors=[Actor(name=draw(safe), type=draw(st.sampled_from(["person", "organization", "country"])),
                      aliases=draw(st.lists(safe, max_size=2)), mentions=[Span(p, start, end)])],
        quotes=[Quote(kind=draw(st.sampled_from(["direct", "indirect"])), text=piece,
                      speaker=draw(st.one_of(st.none(), safe)), speaker_description=draw(st.one_of(st.none(), safe)),
                      via=draw(st.one_of(st.none(), safe)), span=Span(p, start, end),
                      evidence=draw(st.one_of(st.none(), st.sampled_from(SPEAKER_EVIDENCE))),
                      verb=draw(st.one_of(st.none(), safe)))],
        figures=[Figure(text=piece, value=draw(st.one_of(st.none(), st.floats(-1e12, 1e12, allow_nan=False))),
                        unit=draw(st.one_of(st.none(), safe)), approx=draw(st.booleans()),
                        kind=draw(st.sampled_from(["count", "money", "percent", "measure", "duration", "other"])),
                        span=Span(p, start, end))],
        related=[Related(title=draw(safe), url=draw(st.one_of(st.none(), st.just("https://example.org/x"))))],
        places=[Place(name=draw(safe), aliases=[], mentions=[Span(p, start, end)])],
        tags=draw(st.lists(safe, max_size=3)),
    )


@settings(max_examples=150, deadline=None)
@given(items())
def test_any_item_roundtrips_through_yaml(item: Item) -> None:
    assert roundtrip(item) == item


def test_seed_article_roundtrips() -> None:
    text = (SEEDS / "rfa-kursk-north-korean-troops.txt").read_text(encoding="utf-8")
    item = parse_article_text(text, source="seeds/rfa-kursk-north-korean-troops.txt")
    assert item.quotes and item.figures and item.actors
    assert roundtrip(item) == item
