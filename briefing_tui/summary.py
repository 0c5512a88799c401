"""One line of an item, as the dashboard lists it and the parse cache keeps it.

Its own module so storage (``cache``) and the dashboard's catalog both use the row type without
storage depending on the dashboard. Text here goes straight to the screen, so what is read back
from the cache is checked as strictly as text read from a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .sanitize import is_clean_line, is_shown_source

if TYPE_CHECKING:  # items are decoded only when one is shown (start-up time)
    from .model import Item


_FIRST_SENTENCE = re.compile(r"^(.{20,140}?[.!?])[\"'”’)]*\s")


def cut(text: str, width: int) -> str:
    """One line of at most ``width`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def display_title(item: Item) -> tuple[str, bool]:
    """The title to show and whether it was derived: untitled items show their first sentence."""
    if item.title:
        return item.title, False
    if not item.body:
        return "(untitled)", True
    first = item.body[0]
    m = _FIRST_SENTENCE.match(first + " ")
    return cut(m.group(1) if m else first, 140), True


def counts_label(item: Item) -> str:
    parts = []
    if item.quotes:
        parts.append(f"{len(item.quotes)}q")
    if item.figures:
        parts.append(f"{len(item.figures)}f")
    return " ".join(parts)


def searchable_text(item: Item) -> str:
    """Everything find and keyword filters look at: title, dateline, body, actor names, quotes."""
    parts = [item.title or "", item.dateline or "", *item.body]
    parts += [name for actor in item.actors for name in actor.names()]
    parts += [q.text for q in item.quotes]
    parts += [q.speaker_description or "" for q in item.quotes]
    return "\n".join(parts)


@dataclass(slots=True, frozen=True)
class Summary:
    """One list row's worth of an item."""

    id: str
    title: str | None  # the item's own title (None when it has none)
    label: str  # what the list shows: the title, or the first sentence
    source: str | None
    date: str | None
    counts: str
    # The tags its source gives it (a YAML file's, a feed's): the tag filter counts them without
    # reading every item back. The analyst's own tags are review state, not here.
    tags: tuple[str, ...] = ()

    @classmethod
    def of(cls, item: Item) -> Summary:
        label, _ = display_title(item)
        return cls(item.id, item.title, label, item.source, item.date, counts_label(item),
                   tuple(item.tags) if item.tags else ())

    def to_list(self) -> list:
        return [self.id, self.title, self.label, self.source, self.date, self.counts, list(self.tags)]

    @classmethod
    def from_list(cls, data: Any) -> Summary:
        """A summary read back from the parse cache, checked as strictly as text read from a file.

        The cache is a file others can write to; these strings go straight to the list on screen.
        Each is text of the right type that the sanitiser leaves as it is (``clean_line`` for
        the one-line fields, a path label's rule for ``source``); anything else raises
        TypeError or ValueError and the cache drops the row.
        """
        if type(data) is not list or len(data) != 7:
            raise TypeError("bad summary")
        id_, title, label, source, date, counts, tags = data
        if not (type(id_) is str and type(label) is str and type(counts) is str
                and (title is None or type(title) is str) and (source is None or type(source) is str)
                and (date is None or type(date) is str) and type(tags) is list
                and all(type(t) is str for t in tags)):
            raise TypeError("bad summary")
        if title == label:
            label = title  # one string, not two equal ones: 10,000 titles are worth sharing
        if not (is_clean_line(id_) and is_clean_line(counts) and (title is None or is_clean_line(title))
                and (label is title or is_clean_line(label)) and (date is None or is_clean_line(date))
                and (source is None or is_shown_source(source)) and all(is_clean_line(t) for t in tags)):
            raise ValueError("bad summary text")
        return cls(id_, title, label, source, date, counts, tuple(tags) if tags else ())
