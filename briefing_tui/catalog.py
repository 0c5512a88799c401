"""What the dashboard keeps of each loaded item: a one-line summary and where to get the rest.

With 10,000 items open, whole items (bodies, mentions, quotes, figures) would
be most of the memory, yet only one is on screen at a time. The list needs a
title, a source, a date and counts; search needs the text (kept off the heap,
see ``spill``); the full item is fetched again from the parse cache when the
analyst selects it, or kept when it cannot be fetched (not cached).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
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

    @classmethod
    def of(cls, item: Item) -> Summary:
        label, _ = display_title(item)
        return cls(item.id, item.title, label, item.source, item.date, counts_label(item))

    def to_list(self) -> list:
        return [self.id, self.title, self.label, self.source, self.date, self.counts]

    @classmethod
    def from_list(cls, data: Any) -> Summary:
        """A summary read back from the parse cache, checked as strictly as text read from a file.

        The cache is a file others can write to; these strings go straight to the list on screen.
        Each is text of the right type that the sanitiser leaves as it is (``clean_line`` for
        the one-line fields, a path label's rule for ``source``); anything else raises
        TypeError or ValueError and the cache drops the row.
        """
        if type(data) is not list or len(data) != 6:
            raise TypeError("bad summary")
        id_, title, label, source, date, counts = data
        if not (type(id_) is str and type(label) is str and type(counts) is str
                and (title is None or type(title) is str) and (source is None or type(source) is str)
                and (date is None or type(date) is str)):
            raise TypeError("bad summary")
        if title == label:
            label = title  # one string, not two equal ones: 10,000 titles are worth sharing
        if not (is_clean_line(id_) and is_clean_line(counts) and (title is None or is_clean_line(title))
                and (label is title or is_clean_line(label)) and (date is None or is_clean_line(date))
                and (source is None or is_shown_source(source))):
            raise ValueError("bad summary text")
        return cls(id_, title, label, source, date, counts)


@dataclass(slots=True, frozen=True)
class Ref:
    """Where a full item can be read again: the file, the cache entry of its content, its place in it."""

    path: Path
    digest: str
    index: int


@dataclass(slots=True)
class Entry:
    """An item as the loader hands it to the dashboard: summary, search text, and ref or item."""

    summary: Summary
    text: str
    ref: Ref | None = None
    item: Item | None = None

    @classmethod
    def of(cls, item: Item, ref: Ref | None) -> Entry:
        return cls(Summary.of(item), searchable_text(item), ref, None if ref is not None else item)


Fetch = Callable[[Ref], "Sequence[Item] | None"]


class ItemShelf:
    """Full items by position: kept ones from memory, the rest fetched through ``fetch``.

    A few recently fetched files are kept, so stepping through one briefing
    file's items reads it once.
    """

    def __init__(self, fetch: Fetch | None = None, recent: int = 8) -> None:
        self._fetch = fetch
        self._held: dict[int, Item] = {}
        self._refs: dict[int, Ref] = {}
        self._ids: list[str] = []
        self._recent: OrderedDict[Ref | tuple, Sequence[Item] | None] = OrderedDict()
        self._recent_size = recent

    def __len__(self) -> int:
        return len(self._ids)

    def set_fetch(self, fetch: Fetch | None) -> None:
        self._fetch = fetch

    def put(self, position: int, item_id: str, *, ref: Ref | None = None, item: Item | None = None) -> None:
        """Record where item ``position`` lives (append when ``position == len(self)``)."""
        if position == len(self._ids):
            self._ids.append(item_id)
        else:
            self._ids[position] = item_id
        self._held.pop(position, None)
        self._refs.pop(position, None)
        if item is not None:
            self._held[position] = item
        elif ref is not None:
            self._refs[position] = ref
        else:
            raise ValueError("an entry needs a ref or the item itself")

    def __getitem__(self, position: int) -> Item | None:
        """The full item, or None when its file no longer gives it."""
        item = self._held.get(position)
        if item is not None:
            return item
        ref = self._refs.get(position)
        if ref is None or self._fetch is None:
            return None
        key = (ref.path, ref.digest)
        if key in self._recent:
            self._recent.move_to_end(key)
            items = self._recent[key]
        else:
            items = self._fetch(ref)
            self._recent[key] = items
            if len(self._recent) > self._recent_size:
                self._recent.popitem(last=False)
        if not items:
            return None
        wanted = self._ids[position]
        try:
            if ref.index < len(items) and items[ref.index].id == wanted:
                return items[ref.index]
            return next((i for i in items if i.id == wanted), None)
        except (KeyError, TypeError, ValueError):  # an entry that passed its checksum but does not decode
            return None

    def detached(self, positions: list[int], fetch: Fetch | None) -> ItemShelf:
        """A copy holding just ``positions``, fetching through ``fetch``: for another thread."""
        copy = ItemShelf(fetch, self._recent_size)
        copy._ids = self._ids[:]
        copy._held = {p: self._held[p] for p in positions if p in self._held}
        copy._refs = {p: self._refs[p] for p in positions if p in self._refs}
        return copy

    def forget_recent(self) -> None:
        self._recent.clear()
