"""Keyword filters and find-as-you-type over items, answered from a prebuilt index.

Each item is reduced once to one searchable text (title, dateline, body,
actor names, quote texts), kept on disk (``spill``). The hotkeys' own
keywords come answered with each entry (``keyword_flags``: worked out once
and kept in the parse cache), so their sets are whole as soon as the items
are in and toggling a hotkey is set arithmetic, never a scan. Any other
keyword is answered by one scan, cached until items change; find reads the
texts back in large chunks per query.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .catalog import ITEM_BITS, Entry, Fetch, ItemShelf, Summary
from .keyword_flags import FoldedKeyword, flagged, flags_of, folded_keyword
from .recent import Recent
from .settings import Keyword
from .spill import SpilledTexts
from .tags import tag_key

if TYPE_CHECKING:  # items are decoded only when one is shown (start-up time)
    from .model import Item

# Entries added without their keyword flags that may wait (with their texts) for a hotkey to be
# pressed before they are tested: the first screenful waits; a large live reload is tested at once.
UNFLAGGED_HELD = 500

# Hotkey keywords whose matches are also kept as sets (those of the filters on, mostly), not just arrays.
FLAG_SETS = 4

# Queries whose matching items the index remembers (``find_all``): the prefixes of what is being
# typed, a find that narrows the list, the names of the actor followed.
FOUND_KEPT = 4
# Of those, how many are also kept as sets (what find_all hands out): the query being typed, and
# another (an actor's second name followed).
FOUND_SETS = 2

# A query typed on from one whose answer holds at most this many items reads their texts rather than
# ask the search index (whose cost follows its trigrams' frequency, not the answer's size).
FEW_TO_READ = 2_000

# The search index, asked for the rows whose text holds a query (smart case); None: it cannot answer.
LookUp = Callable[[str], "Sequence[int] | None"]
# A run of an entry's items in ``SearchIndex._runs``: first position << RUN_BITS | count.
RUN_BITS = ITEM_BITS + 1
_RUN_MASK = (1 << RUN_BITS) - 1
_ITEM_MASK = (1 << ITEM_BITS) - 1

__all__ = ["FoldedKeyword", "Hit", "SearchIndex", "find_pattern", "folded_keyword", "hits_in"]


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


def _hold(positions: array[int], position: int, held: bool) -> None:
    """Put ``position`` into the ascending ``positions`` or take it out, as ``held`` says."""
    at = bisect_left(positions, position)
    there = at < len(positions) and positions[at] == position
    if held and not there:
        positions.insert(at, position)
    elif there and not held:
        del positions[at]


class SearchIndex:
    """Items in load order: summaries for the list, search texts on disk, full items on request.

    Filters and find return item positions; nothing here walks whole items.
    """

    def __init__(self, fetch: Fetch | None = None, *, keywords: Sequence[Keyword] = (),
                 look_up: LookUp | None = None) -> None:
        """``keywords``: the hotkeys' own, whose sets are kept whole as items come (from each
        entry's ``flags``, or tested here when it has none); any other keyword is answered by a scan.
        ``look_up``: the parse cache's search index (``ParseCache.search_rows``), which find asks
        about the items that came with a row in it (``Entry.indexed``) instead of scanning them."""
        self.summaries: list[Summary] = []
        # Every position, as the int objects the index's other maps hold: the list unfiltered is a
        # copy of it, not 100,000 new ints (3 MiB) each time it is made.
        self._every: list[int] = []
        self.items = ItemShelf(fetch)
        self._texts = SpilledTexts()
        self._keyword_cache: dict[Keyword, set[int]] = {}
        self._version = 0  # any add or replace: keyword sets computed before it are out of date
        self.flagged = flagged(keywords)
        # Each hotkey keyword's matches, ascending (4 bytes a match: sets of five hotkeys' matches over
        # 100,000 items took ~7 MiB); the latest few asked for are also kept as sets (_flag_sets_made).
        self._flag_sets: list[array[int]] = [array("i") for _ in self.flagged]
        self._flag_number = {keyword: k for k, keyword in enumerate(self.flagged)}
        self._flag_sets_made: Recent[int, set[int]] = Recent(FLAG_SETS)
        self._unflagged: list[tuple[int, str]] = []  # (position, text) of entries added without flags
        # query -> positions (find_all), until items change: 4 bytes a match (the prefixes of a word
        # typed match tens of thousands of items each at 100,000); the latest few answers also as sets.
        self._found: Recent[str, array[int]] = Recent(FOUND_KEPT)
        self._found_sets: Recent[str, set[int]] = Recent(FOUND_SETS)
        # The tags items have from their source: tag_key -> positions (ascending, 4 bytes each: sets of
        # a few tags over 100,000 items took ~14 MiB), and the spelling first met.
        self._tagged: dict[str, array[int]] = {}
        self._tag_names: dict[str, str] = {}
        # One string (or tuple of tags) for each distinct source, date, counts and tags: items of a
        # file share a source, and dates, counts and tags take a few hundred values among 100,000
        # items, yet each summary read from the parse cache comes with strings of its own (_share).
        self._shared: dict[object, object] = {}
        # The search index's entries: entry number -> its items' first position << RUN_BITS | how many
        # came, in order from the entry's first item (one int per file, not per item). An indexed item
        # that came out of step (one before it skipped as a duplicate), any other, and an item replaced
        # since (its row describes the old text) is scanned instead: ``_unindexed``.
        self._look_up = look_up
        self._runs: dict[int, int] = {}
        self._unindexed: set[int] = set()
        self._out_of_step: set[int] = set()

    def __len__(self) -> int:
        return len(self.summaries)

    def close(self) -> None:
        self._texts.close()

    def add_entries(self, entries: Iterable[Entry]) -> list[int]:
        """Append entries; their positions. An entry that comes without its keyword ``flags`` (the
        first screenful, read before the settings; a live reload's) is tested when a hotkey's set
        is next needed, or at once when many wait."""
        added = []
        sets = self._flag_sets
        share = self._share
        for entry in entries:
            position = len(self.summaries)
            self._every.append(position)
            share(entry.summary)
            self.summaries.append(entry.summary)
            self.items.put(position, entry.summary.id, ref=entry.ref, item=entry.item)
            self._texts.put(position, entry.text)
            self._tag(position, entry.summary.tags)
            added.append(position)
            if not self._place_in_index(position, entry.indexed):
                self._unindexed.add(position)
                if entry.indexed is not None:  # its entry is indexed: it came out of step, not waiting
                    self._out_of_step.add(position)
            flags = entry.flags
            if flags is None:
                if sets:
                    self._unflagged.append((position, entry.text))
            elif flags:
                self._flag_sets_made.clear()
                for k, found in enumerate(sets):
                    if flags >> k & 1:
                        found.append(position)
        self._texts.flush()
        if len(self._unflagged) > UNFLAGGED_HELD:
            self._flag_waiting()
        self._keyword_cache.clear()
        self._found.clear()
        self._found_sets.clear()
        self._version += 1
        return added

    def _share(self, summary: Summary) -> None:
        """Point ``summary``'s source, date, counts and tags at the index's one copy of each value.

        The fields keep equal values (the summary stays what it was, hash and all), so setting them
        past ``frozen`` changes nothing any reader can tell; at 100,000 items it is ~30 MiB of
        strings less (a summary's own are its id and title)."""
        shared = self._shared
        for name in ("source", "date", "counts"):
            value = getattr(summary, name)
            if value:
                kept = shared.setdefault(value, value)
                if kept is not value:
                    object.__setattr__(summary, name, kept)
        tags = summary.tags
        if tags:
            kept = shared.get(tags)
            if kept is None:  # a new set of tags: each tag is shared too
                kept = tuple(shared.setdefault(t, t) for t in tags)
                shared[kept] = kept
            if kept is not tags:
                object.__setattr__(summary, "tags", kept)

    def _place_in_index(self, position: int, row: int | None) -> bool:
        """Whether find may take ``row`` of the search index for ``position``: the entry's items
        must come in order from its first, each right after the one before."""
        if row is None or self._look_up is None:
            return False
        number, k = row >> ITEM_BITS, row & _ITEM_MASK
        run = self._runs.get(number)
        if run is None and k == 0:
            self._runs[number] = position << RUN_BITS | 1
            return True
        if run is not None and (run & _RUN_MASK) == k and (run >> RUN_BITS) + k == position:
            self._runs[number] = run + 1
            return True
        return False

    def waiting_for_index(self) -> dict[str, list[tuple[int, int]]]:
        """The items read from the parse cache whose entry is not in its search index yet, by entry
        (digest): (position, place in the entry) of each, in order. An item replaced since it came
        (live reload) is not among them: its text is no longer the entry's; nor one whose entry is
        indexed but which came out of step (another item of it skipped as a duplicate): it is scanned."""
        waiting: dict[str, list[tuple[int, int]]] = {}
        for position in sorted(self._unindexed - self._out_of_step):
            ref = self.items.ref(position)
            if ref is not None:
                waiting.setdefault(ref.digest, []).append((position, ref.index))
        return waiting

    def indexed(self, digest: str, number: int, placed: list[tuple[int, int]]) -> None:
        """Entry ``digest`` is now in the search index under ``number``: find asks the index about
        its items of ``placed`` (from ``waiting_for_index``) that still stand where they stood."""
        for position, k in placed:
            ref = self.items.ref(position)
            if (ref is not None and ref.digest == digest and ref.index == k and position in self._unindexed
                    and self._place_in_index(position, number << ITEM_BITS | k)):
                self._unindexed.discard(position)

    def _flag_waiting(self) -> None:
        waiting, self._unflagged = self._unflagged, []
        for (position, _), flags in zip(waiting, flags_of([t for _, t in waiting], self.flagged), strict=True):
            self._set_flags(position, flags)

    def _set_flags(self, position: int, flags: int) -> None:
        self._flag_sets_made.clear()
        for k, found in enumerate(self._flag_sets):
            _hold(found, position, bool(flags >> k & 1))

    def add(self, items: Iterable[Item]) -> list[int]:
        """Append whole items (kept in memory: nothing else can give them back)."""
        return self.add_entries(Entry.of(item, None) for item in items)

    def replace(self, position: int, item: Item) -> None:
        entry = Entry.of(item, None)
        self._share(entry.summary)
        for tag in self.summaries[position].tags:
            held = self._tagged.get(tag_key(tag))
            if held is not None:
                _hold(held, position, False)
        self._tag(position, entry.summary.tags)
        self.summaries[position] = entry.summary
        self.items.put(position, entry.summary.id, item=item)
        self._unindexed.add(position)  # the index has its old text
        self._texts.put(position, entry.text)
        self._texts.flush()
        self._texts.compact()
        self._keyword_cache.clear()
        self._found.clear()
        self._found_sets.clear()
        self._version += 1
        if self.flagged:
            self._unflagged = [(p, t) for p, t in self._unflagged if p != position]
            self._set_flags(position, flags_of([entry.text], self.flagged)[0])

    def _tag(self, position: int, tags: Iterable[str]) -> None:
        for tag in tags:
            key = tag_key(tag)
            self._tag_names.setdefault(key, tag)
            held = self._tagged.get(key)
            if held is None:
                held = self._tagged[key] = array("i")
            if not held or held[-1] < position:  # loading: positions come in order
                held.append(position)
            else:
                _hold(held, position, True)

    def source_tagged(self, tag: str) -> set[int]:
        """Positions of the items whose source gives them ``tag`` (any case): a set of the caller's own."""
        return set(self._tagged.get(tag_key(tag), ()))

    def source_tags(self) -> list[tuple[str, set[int]]]:
        """Every tag items have from their source (as first written), with the positions of those items."""
        return [(self._tag_names[key], set(found)) for key, found in self._tagged.items() if found]

    def keyword_matches(self, keyword: Keyword) -> set[int]:
        k = self._flag_number.get(keyword)
        if k is not None:
            if self._unflagged:
                self._flag_waiting()
            found = self._flag_sets_made.get(k)
            return found if found is not None else self._flag_sets_made.put(k, set(self._flag_sets[k]))
        cached = self._keyword_cache.get(keyword)
        if cached is None:
            cached = self.keyword_sets([keyword])[1][keyword]
            self._keyword_cache[keyword] = cached
        return cached

    def unanswered(self, keywords: Iterable[Keyword]) -> list[Keyword]:
        """Of ``keywords``, those whose sets are neither kept whole as items come nor cached: a
        keyword added to the config since launch."""
        return [k for k in keywords if k not in self._flag_number and k not in self._keyword_cache]

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
            return self._every[:]
        sets = [self.keyword_matches(k) for k in keywords] + list(extra)
        chosen = set.intersection(*sets) if match_all else set.union(*sets)
        return sorted(chosen)

    def texts_of(self, positions: Iterable[int]) -> dict[int, str]:
        """The search text of each of ``positions``, read back from disk; safe from another thread."""
        return self._texts.texts_of(positions)

    @property
    def version(self) -> int:
        """Changes whenever an item is added or replaced: an answer worked out before may be stale."""
        return self._version

    def find_all(self, query: str) -> set[int]:
        """Positions of every item holding ``query`` (smart case); the set is the index's own.

        For the screen's thread: a query's answer is remembered until items change, so the list's
        other changes (the same story's sources folding in, a sort, a mark) never search again, and
        a query that extends a remembered one (the next key typed) searches only its matches.
        """
        query = query.strip()
        if not query:
            return set()
        found = self._found_sets.get(query)
        if found is not None:
            self._found.get(query)  # its answer stays among the remembered ones too
            return found
        kept = self._found.get(query)
        if kept is not None:
            found = set(kept)
        else:
            within = None
            for known, matches in self._found.items():
                if query.startswith(known) and (within is None or len(matches) < len(within)):
                    within = matches
            # The index, unless an answer a key ago leaves so few items that reading theirs costs less.
            found = None if within is not None and len(within) <= FEW_TO_READ else self._looked_up(query)
            if found is None:
                found = self._texts.find(query, within, self._every)
            self._found.put(query, array("i", found))
        return self._found_sets.put(query, found)

    def _looked_up(self, query: str) -> set[int] | None:
        """``find_all``'s answer from the search index, or None when it cannot give one (no index, a
        short query of other characters than letters and digits): the texts are scanned instead.
        Items not in the index are scanned either way; a longer query with a capital is checked in
        the texts of the items that hold it case-folded (the trigrams are of folded texts)."""
        if self._look_up is None or not self._runs or "\0" in query:
            return None
        rows = self._look_up(query)
        if rows is None:
            return None
        every, runs = self._every, self._runs
        if len(runs) * 4 < len(rows):
            found = self._whole_runs(rows)
        else:
            found = set()
            number, run = -1, None
            for row in rows:  # ascending: an entry's rows come together
                if row >> ITEM_BITS != number:
                    number = row >> ITEM_BITS
                    run = runs.get(number)
                if run is not None and (k := row & _ITEM_MASK) < run & _RUN_MASK:
                    found.add(every[(run >> RUN_BITS) + k])
        unindexed = self._unindexed
        if unindexed:
            found -= unindexed
            found |= self._texts.find(query, unindexed, every)
        if len(query) > 2 and any(c.isupper() for c in query):  # smart case
            found = self._texts.find(query, found, every) if found else found
        return found

    def _whole_runs(self, rows: list[int]) -> set[int]:
        """``rows`` as positions, an entry at a time: when most of an entry's items hold a query (a
        letter or two: most of the archive), its run of positions is taken whole, at C speed."""
        every, found = self._every, set()
        for number, run in self._runs.items():
            first, count = run >> RUN_BITS, run & _RUN_MASK
            low = bisect_left(rows, number << ITEM_BITS)
            high = bisect_left(rows, (number << ITEM_BITS) + count, low)
            if high - low == count:
                found.update(every[first:first + count])
            else:
                found.update(every[first + (row & _ITEM_MASK)] for row in rows[low:high])
        return found

    def find(self, query: str, positions: list[int]) -> list[int]:
        """Which of ``positions`` contain ``query`` (smart case), in the order given."""
        if not query.strip() or not positions:
            return []
        wanted = None if len(positions) == len(self.summaries) else positions
        found = self._texts.find(query, wanted)
        return [p for p in positions if p in found]
