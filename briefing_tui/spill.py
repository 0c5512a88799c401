"""Every item's searchable text, kept in an unlinked temporary file instead of the heap.

Every item's text is kept twice (as written, and case-folded for
case-insensitive find). Held as Python strings that would be most of the
app's memory; in a temp file it sits in the OS page cache, and a find reads
it back in chunks of ``CHUNK`` bytes, which ``bytes.find`` searches at C
speed (sizes and timings in docs/performance.md, "Memory" and "Keys").
The file is unlinked as soon as it is made, so nothing is left behind, even
after a crash.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import tempfile
import threading
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence

_SEP = b"\0"  # never in item text: sanitizing removes control characters
CHUNK = 1 << 20
# A find searches the mapped texts this many bytes at a time, and gives each window's pages back
# after it; candidates searched one by one give theirs back every RELEASE_EVERY texts.
WINDOW = 8 << 20
RELEASE_EVERY = 2_000


def _release(mapped: mmap.mmap, start: int, end: int) -> None:
    """Give the mapped pages of ``start``..``end`` back: they stay in the page cache, but leave the
    process's resident set (the texts are on disk so that they do not count as its memory)."""
    start -= start % mmap.PAGESIZE
    with contextlib.suppress(OSError, ValueError, AttributeError):  # no MADV_DONTNEED here: keep them
        mapped.madvise(mmap.MADV_DONTNEED, start, end - start)


class _Segments:
    """Texts appended to one file; each position's latest segment is the live one."""

    def __init__(self) -> None:
        self._fd = tempfile.TemporaryFile(prefix="briefing-search-")  # noqa: SIM115 (lives as long as the index)
        self._end = 0  # offset after the last segment, written or pending
        self._written = 0  # offset up to which the file holds the segments
        self.starts = array("q")  # file offset of each segment, in file order
        self.owners = array("q")  # position owning each segment, -1 once replaced
        # Position -> its segment number, -1 for none: positions are the index's, 0.. in load order,
        # so an array (8 bytes a position) serves where a dict took ~70 bytes and an int object.
        self.live = array("q")
        self.count = 0  # positions with a segment
        self._pending: list[bytes] = []
        self._dead = 0  # bytes of replaced segments still in the file (see compact)
        self._lock = threading.Lock()  # the main thread writes while a worker may read
        self._map: tuple[object, int, mmap.mmap] | None = None  # (file, size mapped, map) for find

    def put(self, position: int, data: bytes) -> None:
        with self._lock:
            self._put(position, data)

    def number(self, position: int) -> int:
        """The live segment of ``position``, or -1."""
        live = self.live
        return live[position] if 0 <= position < len(live) else -1

    def _put(self, position: int, data: bytes) -> None:
        live = self.live
        if position < 0:
            raise IndexError(f"position {position}")
        if position >= len(live):
            if position > len(live):
                live.extend(array("q", [-1]) * (position - len(live)))
            live.append(-1)
        old = live[position]
        if old >= 0:
            self.owners[old] = -1
            self._dead += (self.starts[old + 1] if old + 1 < len(self.starts) else self._end) - self.starts[old]
        else:
            self.count += 1
        live[position] = len(self.starts)
        self.starts.append(self._end)
        self.owners.append(position)
        self._pending.append(data + _SEP)
        self._end += len(data) + 1

    def flush(self) -> None:
        with self._lock:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            os.pwrite(self._fd.fileno(), b"".join(self._pending), self._written)
            self._written = self._end
            self._pending.clear()

    def compact(self) -> None:
        """Once replaced segments outweigh the live ones (live reload replaces an item's text on every
        save), write the live ones to a new file and drop the old one: file and offsets stay in
        proportion to the items, not to the edits. Main thread only (where ``find`` runs); a worker
        reading ``texts`` meanwhile keeps the old file and offsets it took (see ``chunks``)."""
        with self._lock:
            if self._dead < max(CHUNK, self._end - self._dead):
                return
            self._flush()
            fd, old_starts, old_owners, old_end = self._fd.fileno(), self.starts, self.owners, self._end
            new = tempfile.TemporaryFile(prefix="briefing-search-")  # noqa: SIM115
            starts, owners, live = array("q"), array("q"), array("q", [-1]) * len(self.live)
            parts: list[bytes] = []
            size = written = 0
            for number in sorted(n for n in self.live if n >= 0):
                start = old_starts[number]
                end = old_starts[number + 1] if number + 1 < len(old_starts) else old_end
                live[old_owners[number]] = len(starts)
                starts.append(written + size)
                owners.append(old_owners[number])
                parts.append(os.pread(fd, end - start, start))
                size += end - start
                if size >= CHUNK:
                    os.pwrite(new.fileno(), b"".join(parts), written)
                    written, size, parts = written + size, 0, []
            if parts:
                os.pwrite(new.fileno(), b"".join(parts), written)
                written += size
            # The old file closes when the last reader holding it lets go of it.
            self._fd, self.starts, self.owners, self.live = new, starts, owners, live
            self._end = self._written = written
            self._dead = 0

    def read(self, start: int, end: int) -> bytes:
        return os.pread(self._fd.fileno(), end - start, start)

    def segment(self, number: int) -> bytes:
        start = self.starts[number]
        end = self.starts[number + 1] - 1 if number + 1 < len(self.starts) else self._end - 1
        return self.read(start, end)

    def chunks(self) -> Iterator[tuple[int, bytes, array, array]]:
        """(first segment number, bytes, offsets, owners) in chunks that end on a segment boundary;
        written ones only. Offsets and owners are those of the file read: ``compact`` may swap them."""
        self.flush()
        with self._lock:
            file, starts, owners = self._fd, self.starts, self.owners  # file: kept open while read
            count = len(starts)
            limit = self._written
        first = 0
        while first < count:
            start = starts[first]
            last = bisect_right(starts, start + CHUNK, lo=first + 1, hi=count)  # first segment not in this chunk
            end = starts[last] if last < count else limit
            yield first, os.pread(file.fileno(), end - start, start), starts, owners
            first = last

    def _mapped(self) -> mmap.mmap | None:
        """The file as written, mapped read-only (main thread, as ``compact``): a find searches the
        page cache in place instead of copying the texts out, and maps again after writes."""
        self.flush()
        with self._lock:
            file, size = self._fd, self._written
        if self._map is not None and (self._map[0] is not file or self._map[1] != size):
            self._map[2].close()
            self._map = None
        if self._map is None:
            if size == 0:
                return None
            self._map = (file, size, mmap.mmap(file.fileno(), size, prot=mmap.PROT_READ))
        return self._map[2]

    def find(self, needle: bytes, wanted: set[int] | None, ints: Sequence[int] | None = None) -> set[int]:
        """Positions (of ``wanted``, if given) whose live text contains ``needle``; ``ints``: the int
        object to put in the answer for each position (the caller's own, shared)."""
        found: set[int] = set()
        if not needle or _SEP in needle:
            return found
        mapped = self._mapped()
        if mapped is None:
            return found
        starts, owners, end = self.starts, self.owners, len(mapped)
        live = self.live
        held = len(live)
        last = len(starts) - 1
        search = mapped.find
        if wanted is not None and len(wanted) * 4 < self.count:
            # Few candidates (a query grown from an earlier one): search just their texts.
            for count, position in enumerate(wanted, 1):
                number = live[position] if 0 <= position < held else -1
                if number >= 0:
                    stop = starts[number + 1] - 1 if number < last else end
                    if search(needle, starts[number], stop) >= 0:
                        found.add(position)
                if count % RELEASE_EVERY == 0:
                    _release(mapped, 0, end)
            _release(mapped, 0, end)
            return found
        low = 0
        while low < end:
            # A window at a time, ending where a text ends, its pages given back once searched.
            following = bisect_right(starts, low + WINDOW)
            high = starts[following] if following <= last else end
            at = search(needle, low, high)
            while at >= 0:
                number = bisect_right(starts, at) - 1
                owner = owners[number]
                if owner >= 0 and (wanted is None or owner in wanted):
                    found.add(owner if ints is None else ints[owner])
                if number >= last:
                    break
                at = search(needle, starts[number + 1], high)
            _release(mapped, low, high)
            low = high
        return found

    def texts_of(self, positions: Iterable[int]) -> dict[int, bytes]:
        """The live text of each of ``positions`` that has one; safe from another thread (the lock
        holds off ``compact`` and writes while the segments are read)."""
        with self._lock:
            if self._fd.closed:  # the dashboard is closing: a worker still reading gets nothing
                return {}
            self._flush()
            number = self.number
            return {p: self.segment(n) for p in positions if (n := number(p)) >= 0}

    def texts(self) -> Iterator[tuple[int, bytes]]:
        """(position, text) of every live segment."""
        for first, data, starts, owners in self.chunks():
            base = starts[first]
            number = first
            while number < len(starts) and starts[number] - base < len(data):
                start = starts[number] - base
                end = (starts[number + 1] - base - 1) if number + 1 < len(starts) else len(data) - 1
                if owners[number] >= 0:
                    yield owners[number], data[start:end]
                number += 1

    def close(self) -> None:
        with self._lock:  # not while ``texts_of`` reads on another thread
            if self._map is not None:
                self._map[2].close()
                self._map = None
            self._fd.close()


class SpilledTexts:
    """Searchable texts by position, as written and case-folded, on disk."""

    def __init__(self) -> None:
        self._exact = _Segments()
        self._folded = _Segments()

    def __len__(self) -> int:
        return self._folded.count

    def put(self, position: int, text: str) -> None:
        self._exact.put(position, text.encode("utf-8", "surrogatepass"))
        self._folded.put(position, text.casefold().encode("utf-8", "surrogatepass"))

    def put_many(self, texts: Iterable[tuple[int, str]]) -> None:
        for position, text in texts:
            self.put(position, text)
        self.flush()

    def flush(self) -> None:
        self._exact.flush()
        self._folded.flush()

    def compact(self) -> None:
        self._exact.compact()
        self._folded.compact()

    def find(self, query: str, wanted: Iterable[int] | None = None, ints: Sequence[int] | None = None) -> set[int]:
        """Positions holding ``query``: case-insensitive unless it has a capital (smart case). ``ints``:
        an int object for each position, put in the answer instead of new ones (an answer of 100,000
        positions made 3 MiB of ints, scattered through the heap once dropped)."""
        query = query.strip()
        if not query:
            return set()
        if wanted is None:
            wanted_set = None
        elif ints is None:
            wanted_set = set(wanted)
        else:
            wanted_set = {ints[p] for p in wanted}
        if any(c.isupper() for c in query):
            return self._exact.find(query.encode("utf-8", "surrogatepass"), wanted_set, ints)
        return self._folded.find(query.casefold().encode("utf-8", "surrogatepass"), wanted_set, ints)

    def texts_of(self, positions: Iterable[int]) -> dict[int, str]:
        """The text of each of ``positions``, as written: for background work that reads a few at a
        time instead of holding them all (grouping)."""
        return {p: data.decode("utf-8", "surrogatepass") for p, data in self._exact.texts_of(positions).items()}

    def folded_texts(self) -> Iterator[tuple[int, str]]:
        """(position, case-folded text) of every item, read back in order of writing."""
        for position, data in self._folded.texts():
            yield position, data.decode("utf-8", "surrogatepass")

    def close(self) -> None:
        self._exact.close()
        self._folded.close()
