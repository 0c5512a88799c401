"""The same story from many outlets: items about one event, grouped as they arrive.

Two outlets writing about one event share words (names, places, the thing
that happened) but seldom whole phrases, so word shingles (and MinHash,
which estimates their overlap) find reprints, not rewrites; a TF-IDF cosine
over content words tells rewrites from other events of the same kind (the
measurements and the chosen threshold are in docs/performance.md,
"Grouping"). An item joins a group only when its text is that similar to a
member *and* to the group's lead, and when their dates are close: a shared
name or a shared word is never enough.

Groups are stable: an item joins the group of its best match when it
arrives, the first item of a group stays its lead, and a group is never
split or merged with another later, so what the analyst has seen grouped
stays grouped. Each arrival compares with a bounded number of earlier items
(those sharing its most distinctive words, within the date window), so the
cost per item does not grow with the archive.
"""

from __future__ import annotations

import math
import queue
import re
import threading
import time
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import overload

from .background import Background

DEFAULT_THRESHOLD = 0.25
DEFAULT_DAYS = 3
# Distinct kept words two items must share before their cosine counts at all.
MIN_SHARED = 4
# Distinct content words an item needs to be grouped at all: a headline and a line say too little
# to tell one event from another of its kind, so such an item stays on its own row.
MIN_WORDS = 15

# Words that say nothing of what happened; left out of every vector.
_STOPWORD_LIST = """
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off
on once only or other our ours ourselves out over own said same say says she should so some such than that the
their theirs them themselves then there these they this those through to too under until up very was we were what
when where which while who whom why will with would you your yours yourself yourselves one two three new told
according last first year years week day days time people like get got also still may might must many much even
well back since per mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday january february march
april june july august september october november december via another made make way us news reported report
"""
STOPWORDS = frozenset(_STOPWORD_LIST.split())
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class GroupingSettings:
    """``threshold``: the TF-IDF cosine an arriving item needs with a member and with the lead;
    ``days``: how far apart two dated items may be and still group."""

    threshold: float = DEFAULT_THRESHOLD
    days: int = DEFAULT_DAYS


def content_words(title: str | None, text: str) -> Counter[str]:
    """Counts of the words that carry content; the title's count twice (it names the event)."""
    found = Counter(_WORD.findall(text.lower()))
    for word in _WORD.findall((title or "").lower()):
        found[word] += 2
    counts: Counter[str] = Counter()
    for word, count in found.items():
        if "'" in word or "’" in word:
            word = word.replace("’", "'").removesuffix("'s")
        if len(word) > 1 and word not in STOPWORDS:
            counts[word] += count
    return counts


def day_of(value: str | None) -> int | None:
    """The day number of an ISO date (``2013-05-03``, or a time stamp starting with one), else None."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


_NO_DAY = -1  # in the days array: an item without a date
_WIDE = 1 << 16  # word numbers from here on need the wider array (_weighted)
# Kept weights are whole numbers to this scale (16 bits: half a float's memory at 100,000 items x 32
# words); a cosine moves by 32 x 0.5 / _SCALE (2.4e-4) at worst, far below what the threshold tells
# apart (the same groups on the 100k test corpus).
_SCALE = 65535


class _Ordinals:
    """Key -> ordinal. The dashboard's keys are list positions, 0.. in load order: those are kept in an
    array by position (4 bytes an item, where a dict entry and an int object took ~80); any other
    key in a dict."""

    def __init__(self) -> None:
        self._by_position = array("i")  # position -> ordinal, -1 for none
        self._other: dict[object, int] = {}

    def get(self, key: object) -> int | None:
        if type(key) is int and key >= 0:
            found = self._by_position[key] if key < len(self._by_position) else -1
            return found if found >= 0 else None
        return self._other.get(key)

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __getitem__(self, key: object) -> int:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __setitem__(self, key: object, ordinal: int) -> None:
        if type(key) is int and key >= 0:
            held = self._by_position
            if key >= len(held):
                held.extend(array("i", [-1]) * (key + 1 - len(held)))
            held[key] = ordinal
        else:
            self._other[key] = ordinal


class Grouper:
    """Items grouped as they arrive, keyed by any hashable key (the dashboard's list positions).

    ``keep``: the words kept per item (the rest weigh little in a cosine); ``probe``: how many of
    its heaviest words look up earlier items; ``per_key``: how many of the latest items holding one
    of them are looked at, at most; ``candidates``: how many earlier items are compared in full. Together they bound an
    arrival's work whatever the archive's size. Everything kept per item is in flat arrays (word
    numbers, weights, day, lead, index links): a few hundred bytes an item, no objects.
    """

    def __init__(self, settings: GroupingSettings | None = None, *, keep: int = 32, probe: int = 8,
                 per_key: int = 64, candidates: int = 40) -> None:
        self.settings = settings or GroupingSettings()
        self.keep, self.probe, self.per_key, self.candidates = keep, probe, per_key, candidates
        self._vocabulary: dict[str, int] = {}
        self._df = array("i")  # items holding each word, by word number
        self._keys: list[object] = []  # ordinal -> key
        self._ordinal = _Ordinals()
        # Item i's kept words (sorted word numbers) and their weights (a unit vector) are
        # _terms/_weights[_start[i]:_start[i + 1]].
        self._terms = array("H")  # widened to "i" once the vocabulary outgrows 16 bits (_weighted)
        self._weights = array("H")  # each weight (0..1, a unit vector's) in 16 bits: times _SCALE, rounded
        self._start = array("q", [0])
        self._days = array("i")  # ordinal -> day number, or _NO_DAY
        self._lead = array("i")  # ordinal -> its group's lead's ordinal
        self._members: dict[int, list[int]] = {}  # lead's ordinal -> the other members' ordinals
        # The inverted index: word number -> its latest posting; each posting links to the one before
        # it with the same word (_next) and says whose it is (_owner). Keyed by word alone, not by
        # word and date, so it holds at most one entry per word (memory); the date window is
        # checked on each posting.
        self._heads: dict[int, int] = {}
        self._next = array("i")
        self._owner = array("i")

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._ordinal

    # ------------------------------------------------------------------ arriving items

    def add(self, key: object, title: str | None, text: str, date: str | None = None) -> object:
        """Place one item; the key of its group's lead (its own when it starts a group). A key
        given again keeps its place: an item's group never changes once decided."""
        known = self._ordinal.get(key)
        if known is not None:
            return self._keys[self._lead[known]]
        words = content_words(title, text)
        weighted = self._weighted(words)
        judged = len(words) >= MIN_WORDS
        day = day_of(date)
        ordinal = len(self._keys)
        probes = [t for t, _ in weighted[: self.probe]]
        query = dict(weighted)
        best, lead = self._best_match(probes, query, day) if judged else (None, -1)
        self._keys.append(key)
        self._ordinal[key] = ordinal
        weighted.sort()
        self._terms.extend(t for t, _ in weighted)
        self._weights.extend(round(w * _SCALE) for _, w in weighted)
        self._start.append(len(self._terms))
        self._days.append(_NO_DAY if day is None else day)
        self._lead.append(ordinal if best is None else lead)
        if best is not None:
            self._members.setdefault(lead, []).append(ordinal)
        heads, following, owner = self._heads, self._next, self._owner
        for term in probes if judged else ():
            following.append(heads.get(term, -1))
            owner.append(ordinal)
            heads[term] = len(owner) - 1
        return self._keys[self._lead[ordinal]]

    def _weighted(self, counts: Counter[str]) -> list[tuple[int, float]]:
        """The ``keep`` heaviest words as (word number, weight), heaviest first, of unit length."""
        vocabulary, df = self._vocabulary, self._df
        numbers = []
        for word in counts:
            number = vocabulary.get(word)
            if number is None:
                number = vocabulary[word] = len(df)
                df.append(0)
                if number == _WIDE and self._terms.typecode == "H":
                    self._terms = array("i", self._terms)
            df[number] += 1
            numbers.append(number)
        n = len(self._keys) + 1
        weighted = [(number, (1.0 + math.log(tf)) * (math.log((n + 1) / (df[number] + 1)) + 1.0))
                    for number, tf in zip(numbers, counts.values(), strict=True)]
        weighted.sort(key=lambda tw: -tw[1])
        weighted = weighted[: self.keep]
        norm = math.sqrt(sum(w * w for _, w in weighted)) or 1.0
        return [(t, w / norm) for t, w in weighted]

    def _cosine(self, ordinal: int, query: dict[int, float]) -> float:
        """Dot product of an earlier item's vector with the arriving one's; 0 when they share fewer
        than ``MIN_SHARED`` words (a name or two in common is not a story in common)."""
        start, end = self._start[ordinal], self._start[ordinal + 1]
        get = query.get
        products = [w * get(t, 0.0) for t, w in zip(self._terms[start:end], self._weights[start:end], strict=True)
                    if t in query]
        return sum(products) / _SCALE if len(products) >= MIN_SHARED else 0.0

    def _best_match(self, probes: list[int], query: dict[int, float], day: int | None) -> tuple[int | None, int]:
        """The most similar earlier item that passes the threshold (with its group's lead), if any."""
        shared: Counter[int] = Counter()
        span = self.settings.days
        heads, following, owner, days = self._heads, self._next, self._owner, self._days
        for term in probes:
            posting = heads.get(term, -1)
            for _ in range(self.per_key):
                if posting < 0:
                    break
                ordinal = owner[posting]
                other = days[ordinal]
                if (other == _NO_DAY) if day is None else (other != _NO_DAY and abs(other - day) <= span):
                    shared[ordinal] += 1
                posting = following[posting]
        threshold = self.settings.threshold
        best, best_score = None, threshold
        for ordinal, _ in shared.most_common(self.candidates):
            score = self._cosine(ordinal, query)
            if score >= best_score:
                lead = self._lead[ordinal]
                if lead == ordinal or self._cosine(lead, query) >= threshold:
                    best, best_score = ordinal, score
        return best, (self._lead[best] if best is not None else -1)

    # ------------------------------------------------------------------ reading groups

    def lead_of(self, key: object) -> object:
        """The key of the group's lead (the item's own when it leads or stands alone)."""
        return self._keys[self._lead[self._ordinal[key]]]

    def others(self, key: object) -> list[object]:
        """The other members of the item's group, in arrival order (the lead first if it is not ``key``)."""
        ordinal = self._ordinal[key]
        lead = self._lead[ordinal]
        group = [lead, *self._members.get(lead, ())]
        return [self._keys[o] for o in group if o != ordinal]

    def size(self, key: object) -> int:
        """How many items the item's group holds (1 for an item alone)."""
        return 1 + len(self._members.get(self._lead[self._ordinal[key]], ()))

    def similarity(self, a: object, b: object) -> float:
        """The cosine the grouping decides on, between two items already added."""
        other = self._ordinal[b]
        start, end = self._start[other], self._start[other + 1]
        vector = {t: w / _SCALE for t, w in zip(self._terms[start:end], self._weights[start:end], strict=True)}
        return self._cosine(self._ordinal[a], vector)

    def same_group(self, a: object, b: object) -> bool:
        return self._lead[self._ordinal[a]] == self._lead[self._ordinal[b]]


class GroupedRows:
    """The groups as the list sees them: list positions, filled in as the grouper reports.

    Kept on the screen's thread (the grouper runs on its own), so the list reads it without a lock.
    """

    def __init__(self) -> None:
        self.lead: dict[int, int] = {}  # a member's position -> its lead's
        self.members: dict[int, list[int]] = {}  # a lead's position -> the others', in arrival order

    def __bool__(self) -> bool:
        return bool(self.lead)

    def join(self, position: int, lead: int) -> None:
        if position != lead and position not in self.lead:
            self.lead[position] = lead
            self.members.setdefault(lead, []).append(position)

    def lead_of(self, position: int) -> int:
        return self.lead.get(position, position)

    def others(self, position: int) -> list[int]:
        """The other members of ``position``'s group: the lead first, then the rest in arrival order."""
        lead = self.lead_of(position)
        return [p for p in (lead, *self.members.get(lead, ())) if p != position]

    def arrange(self, rows: list[int], expanded: set[int]) -> list[int]:
        """What the list shows of the filtered ``rows`` (ascending): a group once, as its lead, where
        its first member that passes the filters stands (the lead as well when it does not pass
        itself); an expanded group's members that pass follow their lead."""
        lead_of = self.lead
        if not lead_of:
            return rows
        if not expanded:  # the common case, at C speed: members go, and every lead passes itself
            shown = [p for p in rows if p not in lead_of]
            if len(shown) == len(rows) or self._leads_pass(rows, shown):
                return shown
            # A filter on (a hotkey): each row's lead, once, where the first of its group stands; also at
            # C speed, which the loop below was not (~5 ms of a toggle at 100k).
            return list(dict.fromkeys(map(lead_of.get, rows, rows)))
        passing = set(rows) if expanded else ()
        shown = []
        seen: set[int] = set()
        for position in rows:
            lead = self.lead.get(position, position)
            if lead in seen:
                continue
            seen.add(lead)
            shown.append(lead)
            if lead in expanded:
                shown.extend(p for p in self.members.get(lead, ()) if p in passing)
        return shown

    def _leads_pass(self, rows: list[int], shown: list[int]) -> bool:
        """Whether every lead of a member in ``rows`` is in ``rows`` itself (``shown`` is ``rows``
        without the members)."""
        passing = set(shown)
        if len(shown) == len(rows) - len(self.lead):  # every member passes: whether every lead does
            return all(lead in passing for lead in self.members)
        return all(self.lead[p] in passing for p in rows if p in self.lead)


Placing = tuple[int, "str | None", "str | None"]  # (position, title, date) of an item to group


class Placings(Sequence[Placing]):
    """Items to place, held as positions: each one's (position, title, date) is read from ``summaries``
    (anything with ``title`` and ``date`` by position) when asked for, on the worker's thread."""

    def __init__(self, positions: list[int], summaries: Sequence) -> None:
        self._positions, self._summaries = positions, summaries

    def __len__(self) -> int:
        return len(self._positions)

    def _placing(self, position: int) -> Placing:
        summary = self._summaries[position]
        return position, summary.title, summary.date

    @overload
    def __getitem__(self, at: int) -> Placing: ...

    @overload
    def __getitem__(self, at: slice) -> list[Placing]: ...

    def __getitem__(self, at: int | slice) -> Placing | list[Placing]:
        if isinstance(at, slice):
            return [self._placing(p) for p in self._positions[at]]
        return self._placing(self._positions[at])
TextsOf = Callable[[list[int]], dict[int, str]]


class GroupingWorker:
    """A ``Grouper`` on a daemon thread: items go in as they load (``submit``), each found group
    membership comes back through ``deliver`` as (position, lead position) pairs, in batches, on the
    worker's thread (the caller passes them to its own). ``pause`` is called between items, so the
    screen's thread gets the GIL while the analyst types.

    The texts are read through ``texts`` (position -> text) a slice at a time as the worker reaches
    them, not handed over with the items: items wait in the queue by the tens of thousands when an
    archive opens, and their texts would be hundreds of megabytes held for nothing meanwhile."""

    SLICE = 200  # items whose texts are read at once

    def __init__(self, settings: GroupingSettings, deliver: Callable[[list[tuple[int, int]]], None],
                 texts: TextsOf, *, pause: Callable[[], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None, every: float = 0.25) -> None:
        self.grouper = Grouper(settings)
        self._deliver, self._texts, self._pause, self._every = deliver, texts, pause, every
        self._queue: queue.SimpleQueue[Sequence[Placing] | None] = queue.SimpleQueue()
        self._idle = threading.Event()
        self._idle.set()
        self._pending = 0
        self._lock = threading.Lock()
        self._work = Background(self._run, name="briefing-grouping", on_error=on_error).start()

    def submit(self, items: Sequence[Placing]) -> None:
        """(position, title, date) of items to place, in load order."""
        if items:
            with self._lock:
                self._pending += 1
                self._idle.clear()
            self._queue.put(items)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Whether everything submitted was placed and delivered within ``timeout`` (benchmarks, tests)."""
        return self._idle.wait(timeout)

    def stop(self) -> None:
        self._work.cancel()
        self._queue.put(None)

    def _interval(self) -> float:
        """Seconds between deliveries: each one refolds every shown row on the screen's thread, which
        costs in proportion to the items, so a large archive hears of its groups less often."""
        return self._every * max(1.0, len(self.grouper) / 10_000)

    def _run(self, work: Background) -> None:
        grouper, pause = self.grouper, self._pause
        found: list[tuple[int, int]] = []
        since = time.monotonic()  # the last delivery
        while not work.is_cancelled:
            wait = None if not found else max(since + self._interval() - time.monotonic(), 0.0)
            try:
                batch = self._queue.get(timeout=wait)
            except queue.Empty:  # caught up, and the interval is over: what was found shows now
                self._deliver(found)
                found, since = [], time.monotonic()
                self._settle()
                continue
            if batch is None:
                return
            for at in range(0, len(batch), self.SLICE):
                part = batch[at:at + self.SLICE]
                texts = self._texts([position for position, _, _ in part])
                for position, title, day in part:
                    if work.is_cancelled:
                        return
                    if pause is not None:
                        pause()
                    lead = grouper.add(position, title, texts.get(position, ""), day)
                    if lead != position:
                        found.append((position, lead))  # type: ignore[arg-type]
                    if found and time.monotonic() - since > self._interval():
                        self._deliver(found)
                        found, since = [], time.monotonic()
            with self._lock:
                self._pending -= 1
            if not found:
                self._settle()

    def _settle(self) -> None:
        """Idle once every batch was placed and everything found was delivered."""
        with self._lock:
            if not self._pending:
                self._idle.set()
