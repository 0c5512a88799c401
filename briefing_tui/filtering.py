"""Keyword filters and find-as-you-type over items, answered from a prebuilt index.

Each item is reduced once to one searchable text (title, dateline, body,
actor names, quote texts). Keyword filters cache their matching set per
keyword, so toggling a hotkey is set arithmetic, not a rescan; find walks
the precomputed lower-cased texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Item
from .settings import Keyword


def searchable_text(item: Item) -> str:
    parts = [item.title or "", item.dateline or "", *item.body]
    parts += [name for actor in item.actors for name in actor.names()]
    parts += [q.text for q in item.quotes]
    parts += [q.speaker_description or "" for q in item.quotes]
    return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a match stands: in the title (paragraph -1) or in a body paragraph."""

    paragraph: int
    start: int
    end: int


def find_pattern(query: str) -> re.Pattern[str] | None:
    """Literal, case-insensitive unless the query has a capital (smart case, as in less and vim)."""
    query = query.strip()
    if not query:
        return None
    flags = 0 if any(c.isupper() for c in query) else re.IGNORECASE
    return re.compile(re.escape(query), flags)


def hits_in(item: Item, pattern: re.Pattern[str] | None) -> list[Hit]:
    """Every match of ``pattern`` in the title and the body, in reading order."""
    if pattern is None:
        return []
    hits = [Hit(-1, m.start(), m.end()) for m in pattern.finditer(item.title or "") if m.end() > m.start()]
    for i, para in enumerate(item.body):
        hits.extend(Hit(i, m.start(), m.end()) for m in pattern.finditer(para) if m.end() > m.start())
    return hits


class SearchIndex:
    """Items in load order with their searchable text; filters and find return item positions."""

    def __init__(self) -> None:
        self.items: list[Item] = []
        # One case-folded copy of each item's text: keyword patterns are case-insensitive, and a
        # case-sensitive find checks its few candidates against the item itself.
        self._folded: list[str] = []
        self._keyword_cache: dict[tuple[str, str], set[int]] = {}

    def __len__(self) -> int:
        return len(self.items)

    def add(self, items: Iterable[Item]) -> None:
        for item in items:
            self.items.append(item)
            self._folded.append(searchable_text(item).casefold())
        self._keyword_cache.clear()

    def replace(self, position: int, item: Item) -> None:
        self.items[position] = item
        self._folded[position] = searchable_text(item).casefold()
        self._keyword_cache.clear()

    def keyword_matches(self, keyword: Keyword) -> set[int]:
        key = (keyword.key, keyword.pattern.pattern)
        cached = self._keyword_cache.get(key)
        if cached is None:
            search = keyword.pattern.search
            cached = {i for i, text in enumerate(self._folded) if search(text)}
            self._keyword_cache[key] = cached
        return cached

    def keyword_sets(self, keywords: list[Keyword]) -> tuple[int, dict[tuple[str, str], set[int]]]:
        """Matching sets for ``keywords`` over the items held now, for a worker thread to compute
        ahead of the first key press; ``adopt`` takes them if nothing changed meanwhile."""
        texts = self._folded[: len(self._folded)]
        return len(texts), {
            (k.key, k.pattern.pattern): {i for i, text in enumerate(texts) if k.pattern.search(text)}
            for k in keywords
        }

    def adopt(self, computed: tuple[int, dict[tuple[str, str], set[int]]]) -> None:
        count, sets = computed
        if count == len(self._folded):
            self._keyword_cache.update(sets)

    def filtered(self, keywords: list[Keyword], *, match_all: bool) -> list[int]:
        """Positions of the items the active keywords let through, in load order."""
        if not keywords:
            return list(range(len(self.items)))
        sets = [self.keyword_matches(k) for k in keywords]
        chosen = set.intersection(*sets) if match_all else set.union(*sets)
        return sorted(chosen)

    def find(self, query: str, positions: list[int]) -> list[int]:
        """Which of ``positions`` contain ``query`` (smart case)."""
        query = query.strip()
        if not query:
            return []
        folded = query.casefold()
        found = [p for p in positions if folded in self._folded[p]]
        if any(c.isupper() for c in query):
            found = [p for p in found if query in searchable_text(self.items[p])]
        return found
