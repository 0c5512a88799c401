"""Tags: what a tag may be, when two tags are the same, and how an item's tags add up.

An item carries tags from its source (a YAML file's ``tags:``, a feed's categories and the
subscription's tags) and the analyst's own, which are review state (``ReviewState.tags``), kept
with marks and notes and never written into the item's file. Both count wherever tags are used:
the tag filter, the article's header, the digest and the YAML export.

Tags are matched without regard to case ("Urgent" is "urgent"), and each is kept as first
written. No Textual or Rich imports.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from .sanitize import clean_line

# Longer is a note, not a tag: the list and the status line show tags whole.
MAX_TAG = 40
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")


class BadTag(ValueError):
    """A tag the analyst typed that cannot be one; the message says why, for the screen."""


def tag_key(tag: str) -> str:
    """What makes two tags the same tag: their case-folded text."""
    return tag.casefold()


def normalise_tag(text: str) -> str:
    """The tag ``text`` stands for: trimmed, inner runs of spaces made one, a leading ``#`` dropped
    (the list and the header write tags with one). Raises ``BadTag`` saying what is wrong."""
    if _CONTROL.search(text.strip()):
        raise BadTag("a tag cannot hold control characters (tabs, line breaks, escapes)")
    tag = _SPACE.sub(" ", text).strip().lstrip("#").strip()
    if not tag:
        raise BadTag("a tag needs at least one letter or digit")
    if len(tag) > MAX_TAG:
        raise BadTag(f"a tag is at most {MAX_TAG} characters; this one has {len(tag)}")
    return tag


def has_tag(tags: Iterable[str], tag: str) -> bool:
    key = tag_key(tag)
    return any(tag_key(t) == key for t in tags)


def merged(*groups: Iterable[str]) -> list[str]:
    """Every tag of ``groups`` once, in order, the first spelling of each kept."""
    seen: dict[str, str] = {}
    for group in groups:
        for tag in group:
            seen.setdefault(tag_key(tag), tag)
    return list(seen.values())


def tags_json(tags: tuple[str, ...]) -> str | None:
    """How a store keeps an item's review tags: one JSON list in the item's row (None for none)."""
    return json.dumps(list(tags), ensure_ascii=False) if tags else None


def tags_from_json(value: object) -> tuple[str, ...]:
    """An item's review tags as a store read them; a value that is not a tag (a hand-edited or damaged
    row) is left out rather than trusted, and text is cleaned like any other input."""
    if not isinstance(value, str) or not value:
        return ()
    try:
        rows = json.loads(value)
    except ValueError:
        return ()
    found = []
    for row in rows if isinstance(rows, list) else ():
        if not isinstance(row, str):
            continue
        try:
            found.append(normalise_tag(clean_line(row)))
        except BadTag:
            continue
    return tuple(merged(found))
