"""The parser on token soups (issue 22): whatever hostile patterns a paragraph mixes, the item keeps its promises.

``tests/token_soup.py`` holds paragraph families built to hit the extractors' look-backs: number lists,
conjunction chains, capitalised runs, initials, honorifics, quotation marks of every kind, brackets,
dashes, dates, money, units, names, reporting verbs, transcripts, runs without a sentence end.
``benchmarks/complexity.py`` times them at large sizes. Here they are small (a few hundred bytes to a
few KB) and mixed by hypothesis: one family's paragraph, runs of several in one paragraph, a
paragraph of each, or their pieces shuffled together. For every such article,
``parse_article_bytes``:

1. returns an item and never raises;
2. never reaches an extractor's last-resort catch. ``extract_entities``, ``extract_quotes`` and
   ``extract_figures`` each swallow an exception, so that one odd paragraph costs only its own
   actors, quotes or figures rather than the article; an exception caught there is still a bug
   (a crash the reader never sees, the actors of the whole article gone), so the parse runs with a
   trace on just those three frames and fails with the swallowed exception's traceback;
3. keeps the invariants of ``tests/test_parser_invariants.py`` (``check_invariants``): every quote
   and figure span holds its text, every speaker is an actor, every value is finite, every
   mention points inside the body.

Besides the property, every family is parsed once alone at a small fixed size, so each is covered
whatever hypothesis draws. Nothing here is timed: a parse runs on a thread with a bound that only a
hang can reach (``tests/bounded.py``). Each property has a modest ``max_examples`` and no deadline;
to hunt for more, multiply the examples:
``BRIEFING_PROPERTY_SCALE=10 .venv/bin/python -m pytest tests/test_extraction_soup.py -p hypothesis
--hypothesis-seed=N``.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_tui.extract.entities import extract_entities
from briefing_tui.extract.figures import extract_figures
from briefing_tui.extract.quotes import extract_quotes
from briefing_tui.loading.articles import parse_article_bytes
from briefing_tui.model import Item

from .bounded import finishes
from .test_parser_invariants import check_invariants
from .token_soup import BY_NAME, FAMILIES, article_text, soup

SCALE = max(1, int(os.environ.get("BRIEFING_PROPERTY_SCALE", "1") or 1))
SMALL = 2000  # bytes: the size each family is parsed at alone
# The frames whose `except Exception` is a last resort: an exception reaching one of them is a bug.
LAST_RESORT = frozenset(f.__code__ for f in (extract_entities, extract_quotes, extract_figures))


def examples(n: int) -> Any:
    return settings(max_examples=n * SCALE, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def parse_watched(path: Path, data: bytes) -> tuple[Item | None, list[str], str | None]:
    """(item, tracebacks of exceptions that reached a last-resort catch, traceback of a raise out of the parse).

    Runs on the calling thread only (``sys.settrace`` is per thread); the trace function sees every
    call but follows just the three last-resort frames, where its only event of interest is an
    exception arriving."""
    swallowed: list[str] = []

    def in_frame(frame: FrameType, event: str, arg: Any) -> Any:
        if event == "exception":
            exc_type, exc, tb = arg
            # The innermost frames say where it was raised; a RecursionError's thousand would drown them.
            shown = "".join(traceback.format_exception(exc_type, exc, tb, limit=-12))
            swallowed.append(f"caught in {frame.f_code.co_name}:\n{shown}")
        return in_frame

    def on_call(frame: FrameType, event: str, arg: Any) -> Any:
        if frame.f_code in LAST_RESORT:
            frame.f_trace_lines = False
            return in_frame
        return None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        item = parse_article_bytes(path, data)
    except Exception:
        return None, swallowed, traceback.format_exc(limit=-12)
    finally:
        sys.settrace(previous)
    return item, swallowed, None


def check_soup(paragraphs: list[str], suffix: str = ".txt") -> None:
    data = article_text(paragraphs).encode("utf-8")
    item, swallowed, raised = finishes(lambda: parse_watched(Path("soup" + suffix), data))
    assert raised is None, f"the parse raised:\n{raised}"
    assert item is not None
    assert not swallowed, "an extractor's last-resort catch swallowed an exception:\n" + "\n".join(swallowed)
    assert check_invariants(item) == []


# ------------------------------------------------------------------ soups

NAMES = [f.name for f in FAMILIES]


@st.composite
def soups(draw: st.DrawFn) -> list[str]:
    """The paragraphs of one article: a family alone, or several mixed in one of the ways ``soup`` knows."""
    mode = draw(st.sampled_from(["one", "shuffled", "runs", "paragraphs"]))
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=1 if mode == "one" else 4, unique=True))
    size = draw(st.integers(40, 4000))
    seed = draw(st.integers(0, 1000))
    if mode == "one":
        return [BY_NAME[names[0]].make(size, seed)]
    return soup(names, size, seed, mode=mode)


@examples(80)
@given(paragraphs=soups(), suffix=st.sampled_from([".txt", ".txt", ".md"]))
def test_token_soups_parse_to_items_that_keep_their_promises(paragraphs: list[str], suffix: str) -> None:
    check_soup(paragraphs, suffix)


@pytest.mark.parametrize("family", NAMES)
def test_each_family_alone_parses_to_an_item_that_keeps_its_promises(family: str) -> None:
    check_soup([BY_NAME[family].make(SMALL, seed=0)])


def test_the_families_are_deterministic_and_near_their_size() -> None:
    """The benchmark compares runs and installs: the same name, size and seed give the same paragraph."""
    for f in FAMILIES:
        text = f.make(SMALL, seed=7)
        assert text == f.make(SMALL, seed=7), f.name
        assert "\n" not in text, f.name
        assert 0.9 * SMALL <= len(text.encode("utf-8")) < 2 * SMALL, f.name
