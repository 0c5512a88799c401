"""Keyword filters and find-as-you-type over items, answered from a prebuilt index.

Each item is reduced once to one searchable text (title, dateline, body,
actor names, quote texts), kept on disk (``spill``). Keyword filters cache
their matching set per keyword, so toggling a hotkey is set arithmetic, not
a rescan; find reads the texts back in large chunks per query.

With many items, the hotkeys' own keywords are tested once per item as it
is added, in a helper process (``KeywordHelper``): testing every item's text
costs the same CPU wherever it runs, but here it neither holds the screen's
GIL nor waits until loading is over, so the sets are whole when the first
hotkey is pressed.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .catalog import Entry, Fetch, ItemShelf, Summary
from .settings import Keyword
from .spill import SpilledTexts
from .tags import tag_key

if TYPE_CHECKING:  # items are decoded only when one is shown (start-up time)
    from concurrent.futures import Future, ProcessPoolExecutor

    from .model import Item

# Items (loaded, or expected once loading is over) from which the hotkeys' keywords are tested in a
# helper process as items come in. Below it, testing them all after loading (``keyword_sets``, on a
# thread) is over before anyone presses a key, and a helper would only take a core from loading.
HELPER_FROM = 20_000
# Items handed to the helper and not yet tested, past which loading waits for it (``helper_behind``):
# their texts are held in memory until it has them, and its sets should be whole soon after loading.
HELPER_BACKLOG = 4_000


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


_NICED = False


def keyword_hits(texts: list[str], terms: list[tuple[str, ...]], folded: bool) -> list[list[int]]:
    """For each keyword's ``terms``, which of ``texts`` it matches (their indices): the helper
    process's job. ``folded``: the texts are case-folded already. Runs at low priority, so on a
    machine with few cores the dashboard's own process is served first."""
    global _NICED
    if not _NICED:
        _NICED = True
        import multiprocessing

        if multiprocessing.parent_process() is not None:  # in the helper, never in the dashboard itself
            with contextlib.suppress(AttributeError, OSError):  # os.nice: Unix only
                os.nice(10)
    searches = [folded_keyword(t).found_in for t in terms]
    hits: list[list[int]] = [[] for _ in terms]
    for i, text in enumerate(texts):
        if not folded:
            text = text.casefold()
        for found, found_in in zip(hits, searches, strict=True):
            if found_in(text):
                found.append(i)
    return hits


class KeywordHelper:
    """The hotkeys' keywords tested in a helper process, batch by batch, in the order items came.

    Results are taken in (``take``) on the caller's thread; a batch still running is waited for only
    when a set is needed whole (a hotkey pressed before the helper caught up).
    """

    def __init__(self, executor: ProcessPoolExecutor, keywords: Sequence[Keyword]) -> None:
        self._executor = executor
        self.keywords = tuple(keywords)
        self._terms = [k.terms for k in self.keywords]
        self._pending: deque[tuple[list[int], Future[list[list[int]]]]] = deque()
        self.backlog = 0  # items handed over and not yet taken back

    @classmethod
    def start(cls, keywords: Sequence[Keyword]) -> KeywordHelper | None:
        """A helper, or None where no process can be started (then the sets are computed in-process)."""
        from .loading.batch import start_pool

        executor = start_pool(1)
        return cls(executor, keywords) if executor is not None else None

    def submit(self, positions: list[int], texts: list[str], *, folded: bool) -> None:
        if positions:
            self._pending.append((positions, self._executor.submit(keyword_hits, texts, self._terms, folded)))
            self.backlog += len(positions)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def take(self, *, wait: bool) -> Iterable[tuple[list[int], list[list[int]]]]:
        """(positions, hits per keyword) of the batches done, in order; with ``wait``, of all of them.
        A batch that failed (the helper died) raises here."""
        while self._pending and (wait or self._pending[0][1].done()):
            positions, future = self._pending.popleft()
            self.backlog -= len(positions)
            yield positions, future.result()

    def stop(self) -> None:
        from .loading.batch import stop_pool

        self._pending.clear()
        self.backlog = 0
        stop_pool(self._executor)


class SearchIndex:
    """Items in load order: summaries for the list, search texts on disk, full items on request.

    Filters and find return item positions; nothing here walks whole items.
    """

    def __init__(self, fetch: Fetch | None = None, *, keywords: Sequence[Keyword] = (),
                 helper_from: int | None = None) -> None:
        """``keywords``: the hotkeys' own, tested per item as items come once there are
        ``helper_from`` of them (``KeywordHelper``); any other keyword is answered by a scan."""
        self.summaries: list[Summary] = []
        self.items = ItemShelf(fetch)
        self._texts = SpilledTexts()
        self._keyword_cache: dict[Keyword, set[int]] = {}
        self._version = 0  # any add or replace: keyword sets computed before it are out of date
        self._watched = tuple(dict.fromkeys(keywords))
        self._helper_from = HELPER_FROM if helper_from is None else helper_from
        self._helper: KeywordHelper | None = None
        self._helper_tried = False
        self._helper_sets: dict[Keyword, set[int]] = {}  # whole once the helper has no batch pending
        # Items replaced while the helper runs: their hits as tested here, which win over the
        # helper's answer for a batch it was given before (the old text).
        self._overrides: dict[int, tuple[bool, ...]] = {}
        # The tags items have from their source: tag_key -> positions, and the spelling first met.
        self._tagged: dict[str, set[int]] = {}
        self._tag_names: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.summaries)

    @property
    def helper_running(self) -> bool:
        """The hotkeys' sets come from the helper: nothing need compute them after loading."""
        return self._helper is not None

    def expect(self, items: int) -> None:
        """Loading says how many items it will end with (an estimate): a large archive gets its
        helper while few items are in, so little is read back for it."""
        if self._helper is None and self._watched and not self._helper_tried and items >= self._helper_from:
            self._start_helper()

    def helper_behind(self) -> bool:
        """Too many items wait for the helper: whoever feeds the index should wait (see HELPER_BACKLOG)."""
        self._take(wait=False)
        return self._helper is not None and self._helper.backlog > HELPER_BACKLOG

    def close(self) -> None:
        self._drop_helper()
        self._texts.close()

    def add_entries(self, entries: Iterable[Entry]) -> list[int]:
        """Append entries; their positions."""
        added = []
        texts = []
        for entry in entries:
            position = len(self.summaries)
            self.summaries.append(entry.summary)
            self.items.put(position, entry.summary.id, ref=entry.ref, item=entry.item)
            self._texts.put(position, entry.text)
            self._tag(position, entry.summary.tags)
            added.append(position)
            texts.append(entry.text)
        self._texts.flush()
        self._keyword_cache.clear()
        self._version += 1
        if self._helper is not None:
            try:
                self._helper.submit(added, texts, folded=False)
            except Exception:  # the helper process died or was killed: carry on without it
                self._drop_helper()
            self._take(wait=False)
        elif self._watched and not self._helper_tried and len(self.summaries) >= self._helper_from:
            self._start_helper()
        return added

    def _start_helper(self) -> None:
        """From here on the helper tests every item as it comes; the items so far (the first
        batches only) are read back from the spilled texts."""
        self._helper_tried = True
        helper = KeywordHelper.start(self._watched)
        if helper is None:
            return
        self._helper = helper
        self._helper_sets = {k: set() for k in self._watched}
        positions, texts = [], []
        for position, text in self._texts.folded_texts():
            positions.append(position)
            texts.append(text)
        try:
            helper.submit(positions, texts, folded=True)
        except Exception:  # the process could not be started after all
            self._drop_helper()

    def _take(self, *, wait: bool) -> None:
        """Merge the helper's finished batches (all of them, with ``wait``) into its sets. Should
        the helper fail, its sets are dropped and every keyword is answered by a scan, as with few
        items."""
        helper = self._helper
        if helper is None:
            return
        sets = [self._helper_sets[k] for k in helper.keywords]
        try:
            for positions, hits in helper.take(wait=wait):
                for found, hit in zip(sets, hits, strict=True):
                    found.update([positions[i] for i in hit])
                for position in positions if self._overrides else ():
                    flags = self._overrides.get(position)
                    if flags is not None:
                        self._set_flags(position, flags)
        except Exception:  # the helper process died or was killed: carry on without it
            self._drop_helper()
        if self._helper is not None and not self._helper.busy:
            self._overrides.clear()

    def _drop_helper(self) -> None:
        """Without the helper, every keyword is answered by a scan, as with few items."""
        if self._helper is not None:
            self._helper.stop()
        self._helper = None
        self._helper_sets = {}
        self._overrides.clear()

    def _set_flags(self, position: int, flags: tuple[bool, ...]) -> None:
        for keyword, hit in zip(self._watched, flags, strict=True):
            found = self._helper_sets[keyword]
            if hit:
                found.add(position)
            else:
                found.discard(position)

    def add(self, items: Iterable[Item]) -> list[int]:
        """Append whole items (kept in memory: nothing else can give them back)."""
        return self.add_entries(Entry.of(item, None) for item in items)

    def replace(self, position: int, item: Item) -> None:
        entry = Entry.of(item, None)
        for tag in self.summaries[position].tags:
            self._tagged.get(tag_key(tag), set()).discard(position)
        self._tag(position, entry.summary.tags)
        self.summaries[position] = entry.summary
        self.items.put(position, entry.summary.id, item=item)
        self._texts.put(position, entry.text)
        self._texts.flush()
        self._texts.compact()
        self._keyword_cache.clear()
        self._version += 1
        if self._helper is not None:
            folded = entry.text.casefold()
            flags = tuple(folded_keyword(k.terms).found_in(folded) for k in self._watched)
            self._set_flags(position, flags)
            if self._helper.busy:
                self._overrides[position] = flags

    def _tag(self, position: int, tags: Iterable[str]) -> None:
        for tag in tags:
            key = tag_key(tag)
            self._tag_names.setdefault(key, tag)
            self._tagged.setdefault(key, set()).add(position)

    def source_tagged(self, tag: str) -> set[int]:
        """Positions of the items whose source gives them ``tag`` (any case); the set is the index's own."""
        return self._tagged.get(tag_key(tag), set())

    def source_tags(self) -> list[tuple[str, set[int]]]:
        """Every tag items have from their source (as first written), with the positions of those items."""
        return [(self._tag_names[key], found) for key, found in self._tagged.items() if found]

    def keyword_matches(self, keyword: Keyword) -> set[int]:
        if self._helper is not None and keyword in self._helper_sets:
            self._take(wait=True)
            if self._helper is not None:
                return self._helper_sets[keyword]
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

    def filtered(self, keywords: list[Keyword], *, match_all: bool, extra: Sequence[set[int]] = ()) -> list[int]:
        """Positions of the items the active keywords (and ``extra`` sets of positions, such as a rule's
        matches) let through, in load order."""
        if not keywords and not extra:
            return list(range(len(self.summaries)))
        sets = [self.keyword_matches(k) for k in keywords] + list(extra)
        chosen = set.intersection(*sets) if match_all else set.union(*sets)
        return sorted(chosen)

    def texts_of(self, positions: Iterable[int]) -> dict[int, str]:
        """The search text of each of ``positions``, read back from disk; safe from another thread."""
        return self._texts.texts_of(positions)

    def find(self, query: str, positions: list[int]) -> list[int]:
        """Which of ``positions`` contain ``query`` (smart case), in the order given."""
        if not query.strip() or not positions:
            return []
        wanted = None if len(positions) == len(self.summaries) else positions
        found = self._texts.find(query, wanted)
        return [p for p in positions if p in found]
