"""Consistency warnings for hand-written briefing items: a speaker who is no actor of the item, a
quote whose words are not in the body.

A briefing file is typed by a person, so these slips happen (a speaker spelt two ways, a quote
trimmed from a draft of the story); the dashboard would still show the quote, but its speaker
links to no actor and its words highlight nothing in the article. The parser's own items are
consistent by construction and are not checked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .model import Item

# Typographic variants a person types interchangeably: compared as one.
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'",
                       "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
                       "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
                       "\u00a0": " ", "\u2009": " ", "\u202f": " "})
_SPACES = re.compile(r"\s+")
# What may surround a quote's words without being part of what was said.
_EDGES = " \"'.,;:!?-()[]…"


@dataclass(frozen=True, slots=True)
class ItemWarning:
    field: str  # where in the item, as a briefing file's path names it: "quotes[2].speaker"
    message: str


def _folded(text: str) -> str:
    """Quotation marks are dropped: reported speech quotes a "phrase" of the body without them."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).replace('"', "").replace("'", "")
    return _SPACES.sub(" ", text).casefold().strip()


def item_warnings(item: Item) -> list[ItemWarning]:
    """What in ``item`` does not hang together, in the order of its quotes."""
    names = {_folded(name) for actor in item.actors for name in actor.names() if name.strip()}
    body = _folded(" ".join(item.body))
    warnings = []
    for i, quote in enumerate(item.quotes):
        if quote.speaker and _folded(quote.speaker) not in names:
            warnings.append(ItemWarning(f"quotes[{i}].speaker", f"speaker {quote.speaker!r} is none of the item's "
                                        "actors (name or alias): add the actor or spell the speaker as it is"))
        words = _folded(quote.text).strip(_EDGES)
        if body and words and words not in body:
            shown = quote.text if len(quote.text) <= 60 else quote.text[:57] + "…"
            warnings.append(ItemWarning(f"quotes[{i}].text", f"the quote {shown!r} is not in the body word for "
                                        "word, so it highlights nothing in the article"))
    return warnings
