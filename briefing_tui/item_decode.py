"""Items read back from data this program is said to have written (the parse cache), checked.

The parse cache is a file anyone with write access to the user's cache folder can edit, so what
comes out of it is held to the rules an article or a briefing file is: every field of its type,
and only text the sanitiser would leave as it is. Anything else raises, so the caller drops the
entry and parses the file again rather than show it. Each string costs one character-class
search (``sanitize.is_clean_text`` and friends), so an item costs microseconds.
"""

from __future__ import annotations

import math
from typing import Any

from .model import (
    ACTOR_TYPES,
    FIGURE_KINDS,
    QUOTE_KINDS,
    SPEAKER_EVIDENCE,
    Actor,
    Figure,
    Item,
    Place,
    Quote,
    Related,
    Span,
)
from .sanitize import is_clean_line, is_clean_text, is_shown_source

_ITEM_KEYS = frozenset(("id", "source_path", "title", "dateline", "date", "tags", "body", "actors", "quotes",
                        "figures", "related", "places"))
_ACTOR_KEYS = frozenset(("name", "type", "aliases", "mentions"))
_QUOTE_KEYS = frozenset(("kind", "text", "speaker", "speaker_description", "via", "span", "evidence", "verb"))
_FIGURE_KEYS = frozenset(("text", "value", "unit", "approx", "kind", "span"))
_RELATED_KEYS = frozenset(("title", "url"))
_PLACE_KEYS = frozenset(("name", "aliases", "mentions"))


def _fields(data: Any, keys: frozenset[str]) -> dict[str, Any]:
    """``data`` if it is a mapping with exactly ``keys`` (what ``to_dict`` writes, nothing else)."""
    if type(data) is not dict:
        raise TypeError("expected a mapping")
    if data.keys() != keys:
        raise ValueError("missing or unexpected fields")
    return data


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError("expected a list")
    return value


def _text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("expected text")
    if not is_clean_text(value):
        raise ValueError("text the sanitiser would change")
    return value


def _line(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("expected text")
    if not is_clean_line(value):
        raise ValueError("a line the sanitiser would change")
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _optional_line(value: Any) -> str | None:
    return None if value is None else _line(value)


def _source(value: Any) -> str | None:
    if value is None:
        return None
    if type(value) is not str:
        raise TypeError("expected text")
    if not is_shown_source(value):
        raise ValueError("a source with control characters")
    return value


def _texts(value: Any) -> list[str]:
    return [_text(v) for v in _list(value)]


def _choice(value: Any, choices: tuple[str, ...]) -> Any:
    if value not in choices:  # a tuple of str: nothing but one of its strings is ever in it
        raise ValueError("not one of the known kinds")
    return value


def _span_in(value: Any, body: list[str]) -> Span:
    """A span of three whole numbers (not true/false) that lies inside ``body`` (``Span.text_in``
    is not None; its bounds are checked here without cutting the text out)."""
    if type(value) is not list or len(value) != 3:
        raise TypeError("expected [paragraph, start, end]")
    paragraph, start, end = value
    if type(paragraph) is not int or type(start) is not int or type(end) is not int:
        raise TypeError("expected [paragraph, start, end] as whole numbers")
    if not (0 <= paragraph < len(body) and 0 <= start <= end <= len(body[paragraph])):
        raise ValueError("span outside the body")
    return Span(paragraph, start, end)


def _optional_span(value: Any, body: list[str]) -> Span | None:
    return None if value is None else _span_in(value, body)


def _spans(value: Any, body: list[str]) -> list[Span]:
    return [_span_in(v, body) for v in _list(value)]


def _number(value: Any) -> float | None:
    if value is None:
        return None
    if type(value) is not int and type(value) is not float:
        raise TypeError("expected a number")
    try:
        number = float(value)
    except OverflowError:  # an integer beyond any float
        raise ValueError("number out of range") from None
    if not math.isfinite(number):
        raise ValueError("expected a finite number")
    return number


def _boolean(value: Any) -> bool:
    if type(value) is not bool:
        raise TypeError("expected true or false")
    return value


def _actor(data: Any, body: list[str]) -> Actor:
    a = _fields(data, _ACTOR_KEYS)
    return Actor(_text(a["name"]), _choice(a["type"], ACTOR_TYPES), _texts(a["aliases"]), _spans(a["mentions"], body))


def _quote(data: Any, body: list[str]) -> Quote:
    q = _fields(data, _QUOTE_KEYS)
    return Quote(_choice(q["kind"], QUOTE_KINDS), _text(q["text"]), _optional_text(q["speaker"]),
                 _optional_text(q["speaker_description"]), _optional_text(q["via"]), _optional_span(q["span"], body),
                 None if q["evidence"] is None else _choice(q["evidence"], SPEAKER_EVIDENCE), _optional_line(q["verb"]))


def _figure(data: Any, body: list[str]) -> Figure:
    f = _fields(data, _FIGURE_KEYS)
    return Figure(_text(f["text"]), _number(f["value"]), _optional_text(f["unit"]), _boolean(f["approx"]),
                  _choice(f["kind"], FIGURE_KINDS), _optional_span(f["span"], body))


def _related(data: Any) -> Related:
    r = _fields(data, _RELATED_KEYS)
    return Related(_text(r["title"]), _optional_text(r["url"]))


def _place(data: Any, body: list[str]) -> Place:
    p = _fields(data, _PLACE_KEYS)
    return Place(_text(p["name"]), _texts(p["aliases"]), _spans(p["mentions"], body))


def item_from_dict(d: Any) -> Item:
    """The inverse of ``Item.to_dict``, for the parse cache: every field checked, nothing trusted.

    The cache is a file on disk that anything running as the user (or a bug) can change, so an
    entry is held to the same rules as a file: exactly the fields ``to_dict`` writes, each of its
    type (text, text or null, lists of text; spans of three whole numbers inside the body; kinds
    from the known sets; finite numbers; true/false), and only text the sanitiser leaves as it is
    (single-line fields: as ``clean_line`` leaves it). Anything else raises ValueError or
    TypeError, so the caller drops the entry and parses the file again rather than show it.
    """
    d = _fields(d, _ITEM_KEYS)
    body = _texts(d["body"])
    return Item(
        id=_line(d["id"]),
        title=_optional_line(d["title"]),
        dateline=_optional_text(d["dateline"]),
        date=_optional_line(d["date"]),
        source=_source(d["source_path"]),
        body=body,
        actors=[_actor(a, body) for a in _list(d["actors"])],
        quotes=[_quote(q, body) for q in _list(d["quotes"])],
        figures=[_figure(f, body) for f in _list(d["figures"])],
        related=[_related(r) for r in _list(d["related"])],
        places=[_place(p, body) for p in _list(d["places"])],
        tags=[_line(t) for t in _list(d["tags"])],
    )
