"""The item as the analyst corrected it: a quote's speaker changed, entries marked wrong left out,
actors the parser missed added. Corrections are review state (``review_state.Correction``), never
written into the item's file; the digest, the copied citation and the YAML export read the item
through ``corrected`` so what leaves the dashboard carries the analyst's word, not the parser's.
No Textual or Rich imports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .model import ACTOR_TYPES, Actor, Item, Quote
from .review_state import Correction, wrong_target


def corrected(item: Item, fixes: Iterable[Correction]) -> Item:
    """A copy of ``item`` with ``fixes`` applied; the item itself is left as the parser made it."""
    fixes = list(fixes)
    if not fixes:
        return item
    speakers = {c.target: c.value for c in fixes if c.kind == "speaker" and c.value}
    wrong = {c.target for c in fixes if c.kind == "wrong"}
    quotes = [corrected_quote(q, speakers.get(q.text)) for q in item.quotes
              if wrong_target("quote", q.text) not in wrong]
    actors = [a for a in item.actors if wrong_target("actor", a.name) not in wrong]
    actors += added_actors(actors, fixes)
    figures = [f for f in item.figures if wrong_target("figure", f.text) not in wrong]
    return replace(item, quotes=quotes, actors=actors, figures=figures)


def added_actors(present: list[Actor], fixes: Iterable[Correction]) -> list[Actor]:
    """The actors the analyst added that ``present`` does not name already, in the order added."""
    known = {a.name.casefold() for a in present}
    added = []
    for fix in fixes:
        if fix.kind == "actor" and fix.target.casefold() not in known:
            added.append(Actor(fix.target, actor_type(fix.value)))  # type: ignore[arg-type]
            known.add(fix.target.casefold())
    return added


def corrected_quote(quote: Quote, speaker: str | None) -> Quote:
    """The quote said by ``speaker`` (the analyst's word replaces the parser's, description and all)."""
    if not speaker:
        return quote
    return replace(quote, speaker=speaker, speaker_description=None, via=None)


def actor_type(value: str | None) -> str:
    return value if value in ACTOR_TYPES else "person"
