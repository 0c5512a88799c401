"""What the dashboard keeps of each loaded item: a one-line summary and where to get the rest.

With 10,000 items open, whole items (bodies, mentions, quotes, figures) would
be most of the memory, yet only one is on screen at a time. The list needs a
title, a source, a date and counts; search needs the text (kept off the heap,
see ``spill``); the full item is fetched again from the parse cache when the
analyst selects it, or kept when it cannot be fetched (not cached).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .recent import Recent
from .summary import Summary, counts_label, cut, display_title, searchable_text

if TYPE_CHECKING:  # items are decoded only when one is shown (start-up time)
    from .model import Item

# The row type and its helpers live in ``summary``; named here too for the dashboard's imports.
__all__ = ["Entry", "Fetch", "ItemShelf", "Ref", "Summary", "counts_label", "cut", "display_title",
           "searchable_text"]


@dataclass(slots=True, frozen=True)
class Ref:
    """Where a full item can be read again: the file, the cache entry of its content, its place in it."""

    path: Path
    digest: str
    index: int


# An item's row in the parse cache's search index (``Entry.indexed``): its entry's number shifted by
# this many bits, plus its place in the entry.
ITEM_BITS = 16


@dataclass(slots=True)
class Entry:
    """An item as the loader hands it to the dashboard: summary, search text, and ref or item;
    ``flags``: which of the hotkeys' keywords its text matches, when loading worked that out
    (``keyword_flags``); ``indexed``: its row in the parse cache's search index, when it has one."""

    summary: Summary
    text: str
    ref: Ref | None = None
    item: Item | None = None
    flags: int | None = None
    indexed: int | None = None

    @classmethod
    def of(cls, item: Item, ref: Ref | None, *, indexed: int | None = None) -> Entry:
        return cls(Summary.of(item), searchable_text(item), ref, None if ref is not None else item, indexed=indexed)


Fetch = Callable[[Ref], "Sequence[Item] | None"]


class ItemShelf:
    """Full items by position: kept ones from memory, the rest fetched through ``fetch``.

    A few recently fetched files are kept, so stepping through one briefing
    file's items reads it once. Where each of the rest is read again is kept in two
    arrays by position (which file, its place in it) over one list of (path, digest) per file:
    a ``Ref`` object and a dict entry per item took ~10 MiB at 100,000 items.
    """

    def __init__(self, fetch: Fetch | None = None, recent: int = 8) -> None:
        self._fetch = fetch
        self._held: dict[int, Item] = {}
        self._files: list[tuple[Path, str]] = []  # (path, digest) of each file a ref points into
        self._file_number: dict[tuple[Path, str], int] = {}
        self._file = array("i")  # position -> its file's number in _files, -1 when none (held)
        self._place = array("i")  # position -> its index in that file
        self._ids: list[str] = []
        self._recent: Recent[tuple, Sequence[Item] | None] = Recent(recent)

    def __len__(self) -> int:
        return len(self._ids)

    def set_fetch(self, fetch: Fetch | None) -> None:
        self._fetch = fetch

    def put(self, position: int, item_id: str, *, ref: Ref | None = None, item: Item | None = None) -> None:
        """Record where item ``position`` lives (append when ``position == len(self)``)."""
        if item is None and ref is None:
            raise ValueError("an entry needs a ref or the item itself")
        if position == len(self._ids):
            self._ids.append(item_id)
            self._file.append(-1)
            self._place.append(0)
        else:
            self._ids[position] = item_id
        self._held.pop(position, None)
        if item is not None:
            self._held[position] = item
            self._file[position] = -1
        elif ref is not None:
            key = (ref.path, ref.digest)
            number = self._file_number.get(key)
            if number is None:
                number = self._file_number[key] = len(self._files)
                self._files.append(key)
            self._file[position] = number
            self._place[position] = ref.index

    def ref(self, position: int) -> Ref | None:
        """Where the item at ``position`` is read again from, or None when it is held in memory."""
        if not 0 <= position < len(self._file):
            return None
        number = self._file[position]
        if number < 0:
            return None
        path, digest = self._files[number]
        return Ref(path, digest, self._place[position])

    def __getitem__(self, position: int) -> Item | None:
        """The full item, or None when its file no longer gives it."""
        item = self._held.get(position)
        if item is not None:
            return item
        ref = self.ref(position)
        if ref is None or self._fetch is None:
            return None
        key = (ref.path, ref.digest)
        items = self._recent.get(key) if key in self._recent else self._recent.put(key, self._fetch(ref))
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
        copy = ItemShelf(fetch, self._recent.size)
        copy._ids = self._ids[:]
        copy._held = {p: self._held[p] for p in positions if p in self._held}
        copy._files = self._files[:]
        copy._file = array("i", [-1]) * len(self._file)
        copy._place = self._place[:]
        count = len(self._file)
        for p in positions:
            if 0 <= p < count and p not in copy._held:
                copy._file[p] = self._file[p]
        return copy

    def forget_recent(self) -> None:
        self._recent.clear()
