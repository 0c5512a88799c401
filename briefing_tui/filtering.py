"""Keyword filters and find-as-you-type over items, answered from a prebuilt index.

Each item is reduced once to one searchable text (title, dateline, body,
actor names, quote texts), kept on disk (``spill``). Keyword filters cache
their matching set per keyword, so toggling a hotkey is set arithmetic, not
a rescan; find reads the texts back in large chunks per query.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .catalog import Entry, Fetch, ItemShelf, Summary
from .settings import Keyword
from .spill import SpilledTexts

if TYPE_CHECKING:  # items are decoded only when one is shown (start-up time)
    from .model import Item


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


@dataclass(frozen=True, slots=True)
class FoldedKeyword:
    """A keyword's terms, ready to test case-folded item texts quickly.

    The keyword's own pattern (for highlighting the article as written) is
    case-insensitive with word boundaries, which makes ``re`` try every
    position of every text, and an alternation of the folded terms is not
    much quicker: over thousands of items that is seconds of work before a
    hotkey can answer. So plain terms are found by ``str.find`` of their
    first folded word (C speed), and only ``/regex/`` terms are searched with
    ``re``; the exact pattern then checks each place found. The timings are
    in ``docs/performance.md`` ("Keys").
    """

    exact: re.Pattern[str]
    words: tuple[str, ...]  # first folded word of each plain term
    regex: re.Pattern[str] | None  # the /regex/ terms alone, if any

    def found_in(self, text: str) -> bool:
        match, find = self.exact.match, text.find
        for word in self.words:
            at = find(word)
            while at >= 0:
                if match(text, at):
                    return True
                at = find(word, at + 1)
        if self.regex is not None:
            return any(match(text, m.start()) for m in self.regex.finditer(text))
        return False


@lru_cache(maxsize=64)
def folded_keyword(terms: tuple[str, ...]) -> FoldedKeyword:
    """``terms`` for searching case-folded text: plain terms folded (their words joined by any
    whitespace), ``/regex/`` terms kept case-insensitive; matches only as whole words."""
    parts, words, regexes = [], [], []
    for term in terms:
        if len(term) > 2 and term.startswith("/") and term.endswith("/"):
            regexes.append(f"(?i:{term[1:-1]})")
            parts.append(regexes[-1])
        elif folded := [w.casefold() for w in term.split()]:
            parts.append(r"\s+".join(re.escape(w) for w in folded))
            words.append(folded[0])
    body = "(?:" + "|".join(parts) + ")"
    regex = re.compile("(?:" + "|".join(regexes) + ")") if regexes else None
    # A word that another starts with finds that one's places too ("russia" those of "russians").
    words = [w for w in dict.fromkeys(words) if not any(w.startswith(o) and w != o for o in words)]
    return FoldedKeyword(re.compile(r"(?<!\w)" + body + r"(?!\w)"), tuple(words), regex)


class SearchIndex:
    """Items in load order: summaries for the list, search texts on disk, full items on request.

    Filters and find return item positions; nothing here walks whole items.
    """

    def __init__(self, fetch: Fetch | None = None) -> None:
        self.summaries: list[Summary] = []
        self.items = ItemShelf(fetch)
        self._texts = SpilledTexts()
        self._keyword_cache: dict[Keyword, set[int]] = {}
        self._version = 0  # any add or replace: keyword sets computed before it are out of date

    def __len__(self) -> int:
        return len(self.summaries)

    def close(self) -> None:
        self._texts.close()

    def add_entries(self, entries: Iterable[Entry]) -> list[int]:
        """Append entries; their positions."""
        added = []
        for entry in entries:
            position = len(self.summaries)
            self.summaries.append(entry.summary)
            self.items.put(position, entry.summary.id, ref=entry.ref, item=entry.item)
            self._texts.put(position, entry.text)
            added.append(position)
        self._texts.flush()
        self._keyword_cache.clear()
        self._version += 1
        return added

    def add(self, items: Iterable[Item]) -> list[int]:
        """Append whole items (kept in memory: nothing else can give them back)."""
        return self.add_entries(Entry.of(item, None) for item in items)

    def replace(self, position: int, item: Item) -> None:
        entry = Entry.of(item, None)
        self.summaries[position] = entry.summary
        self.items.put(position, entry.summary.id, item=item)
        self._texts.put(position, entry.text)
        self._texts.flush()
        self._texts.compact()
        self._keyword_cache.clear()
        self._version += 1

    def keyword_matches(self, keyword: Keyword) -> set[int]:
        cached = self._keyword_cache.get(keyword)
        if cached is None:
            cached = self.keyword_sets([keyword])[1][keyword]
            self._keyword_cache[keyword] = cached
        return cached

    def keyword_sets(self, keywords: list[Keyword], *, pause: Callable[[], None] | None = None,
                     every: int = 16) -> tuple[int, dict[Keyword, set[int]]]:
        """Matching sets for ``keywords`` over the items held now, for a worker thread to compute
        ahead of the first key press; ``adopt`` takes them if nothing changed meanwhile.
        ``pause`` is called every ``every`` items (the screen's thread may need the GIL)."""
        version = self._version
        sets: dict[Keyword, set[int]] = {k: set() for k in keywords}
        searches = [(sets[k], folded_keyword(k.terms).found_in) for k in keywords]
        for position, text in self._texts.folded_texts():
            if pause is not None and position % every == 0:
                pause()
            for found, found_in in searches:
                if found_in(text):
                    found.add(position)
        return version, sets

    def adopt(self, computed: tuple[int, dict[Keyword, set[int]]]) -> None:
        """Take sets computed on another thread, unless an item was added or replaced (a live reload)
        while they were: then they would answer from the old texts."""
        version, sets = computed
        if version == self._version:
            self._keyword_cache.update(sets)

    def filtered(self, keywords: list[Keyword], *, match_all: bool) -> list[int]:
        """Positions of the items the active keywords let through, in load order."""
        if not keywords:
            return list(range(len(self.summaries)))
        sets = [self.keyword_matches(k) for k in keywords]
        chosen = set.intersection(*sets) if match_all else set.union(*sets)
        return sorted(chosen)

    def find(self, query: str, positions: list[int]) -> list[int]:
        """Which of ``positions`` contain ``query`` (smart case), in the order given."""
        if not query.strip() or not positions:
            return []
        wanted = None if len(positions) == len(self.summaries) else positions
        found = self._texts.find(query, wanted)
        return [p for p in positions if p in found]
