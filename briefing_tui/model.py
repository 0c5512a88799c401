"""The briefing-item model shared by the parser, the YAML loader, the CLI and the UI.

Plain dataclasses with no Textual or Rich imports, so every layer can use
them and tests can build them by hand. ``to_dict``/``from_dict`` define the
one serialised form used by ``briefing parse`` and YAML briefing files.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Literal

ActorType = Literal["person", "organization", "country"]
QuoteKind = Literal["direct", "indirect"]
FigureKind = Literal["count", "money", "percent", "measure", "duration", "other"]

ACTOR_TYPES: tuple[str, ...] = ("person", "organization", "country")
QUOTE_KINDS: tuple[str, ...] = ("direct", "indirect")
FIGURE_KINDS: tuple[str, ...] = ("count", "money", "percent", "measure", "duration", "other")
# How a quote's speaker was found, so the analyst knows which attributions to check: named at the
# quote ("Smith said", "a spokesman said"), a pronoun resolved ("he said"), a description resolved
# to an actor ("the company said", "the minister said"), or carried over from an earlier
# attribution (a quotation standing alone after someone spoke, the items of an "X said:" list).
SpeakerEvidence = Literal["named", "pronoun", "description", "carried"]
SPEAKER_EVIDENCE: tuple[str, ...] = ("named", "pronoun", "description", "carried")


@dataclass(frozen=True, slots=True)
class Span:
    """Where a piece of text stands in the body: paragraph index and [start, end) offsets.

    Kept so the UI can highlight and scroll to a quote, figure or mention
    without searching the body again.
    """

    paragraph: int
    start: int
    end: int

    def to_list(self) -> list[int]:
        return [self.paragraph, self.start, self.end]

    def text_in(self, body: list[str]) -> str | None:
        """The text this span covers in ``body``, or None if it points outside it."""
        if not 0 <= self.paragraph < len(body):
            return None
        para = body[self.paragraph]
        if not 0 <= self.start <= self.end <= len(para):
            return None
        return para[self.start : self.end]


@dataclass(slots=True)
class Actor:
    name: str
    type: ActorType = "person"
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass(slots=True)
class Quote:
    kind: QuoteKind
    text: str
    speaker: str | None = None
    speaker_description: str | None = None
    via: str | None = None
    span: Span | None = None
    evidence: SpeakerEvidence | None = None  # how the speaker was found; None when nobody was
    verb: str | None = None  # the reporting verb as written ("denied"): a denial keeps its stance


@dataclass(slots=True)
class Figure:
    text: str
    value: float | None = None
    unit: str | None = None
    approx: bool = False
    kind: FigureKind = "other"
    span: Span | None = None


@dataclass(slots=True)
class Related:
    title: str
    url: str | None = None


@dataclass(slots=True)
class Place:
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Item:
    """One briefing item: an article with everything extracted from it."""

    id: str
    title: str | None = None
    dateline: str | None = None
    date: str | None = None
    source: str | None = None
    body: list[str] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    def actor_named(self, name: str | None) -> Actor | None:
        if not name:
            return None
        for actor in self.actors:
            if actor.name == name or name in actor.aliases:
                return actor
        return None

    def to_dict(self) -> dict[str, Any]:
        """The serialised form: the spec's output keys plus id, date, source, body, tags."""
        return {
            "id": self.id,
            "source_path": self.source,
            "title": self.title,
            "dateline": self.dateline,
            "date": self.date,
            "tags": list(self.tags),
            "body": list(self.body),
            "actors": [_actor_dict(a) for a in self.actors],
            "quotes": [_quote_dict(q) for q in self.quotes],
            "figures": [_figure_dict(f) for f in self.figures],
            "related": [_related_dict(r) for r in self.related],
            "places": [_place_dict(p) for p in self.places],
        }


def _span_list(span: Span | None) -> list[int] | None:
    return span.to_list() if span is not None else None


def _actor_dict(a: Actor) -> dict[str, Any]:
    return {
        "name": a.name,
        "type": a.type,
        "aliases": list(a.aliases),
        "mentions": [m.to_list() for m in a.mentions],
    }


def _quote_dict(q: Quote) -> dict[str, Any]:
    return {
        "kind": q.kind,
        "text": q.text,
        "speaker": q.speaker,
        "speaker_description": q.speaker_description,
        "via": q.via,
        "span": _span_list(q.span),
        "evidence": q.evidence,
        "verb": q.verb,
    }


def _figure_dict(f: Figure) -> dict[str, Any]:
    value: float | int | None = f.value
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        value = int(value)
    return {
        "text": f.text,
        "value": value,
        "unit": f.unit,
        "approx": f.approx,
        "kind": f.kind,
        "span": _span_list(f.span),
    }


def _related_dict(r: Related) -> dict[str, Any]:
    return {"title": r.title, "url": r.url}


def _place_dict(p: Place) -> dict[str, Any]:
    return {"name": p.name, "aliases": list(p.aliases), "mentions": [m.to_list() for m in p.mentions]}


_WS = re.compile(r"\s+")


def fold_space(text: str) -> str:
    return _WS.sub(" ", text).strip()


def derive_id(*parts: str | None) -> str:
    """A stable item id from content, not from the path or the parser version.

    Review state is keyed on it, so it must survive renames of the folder an
    item was opened from and re-parses by a newer parser: whitespace is
    folded and case is kept, so only a real edit of the text changes it.
    """
    digest = hashlib.sha256()
    for part in parts:
        digest.update(fold_space(part or "").encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()[:16]
