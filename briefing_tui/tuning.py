"""Process-wide tuning, in one place: what the dashboard changes about how Python runs, so
that keys stay quick while items load and after.

- ``KeyPacedCollector``: the cyclic garbage collector runs between keystrokes, not inside them.
- ``release_free_memory``: once loading is done, memory it freed goes back to the system and
  what stays is frozen out of the collector's view; ``map_large_blocks``: large blocks freed
  later (a find's sets, a refilter's lists) go back to the system too.
- ``shorten_switch_interval``: a background thread holding the GIL hands it back to the thread
  drawing the screen sooner.
- ``GiveWay``: background work (loading, keyword sets) pauses while the analyst is typing.

One switch turns all of it off, for debugging (is a problem ours or the tuning's? what does a
profile look like without it?): ``BRIEFING_TUNING=off`` in the environment. Then CPython's own
collector thresholds, malloc's and switch interval stay, no memory is trimmed or frozen, and background
work never waits. The switch is read when a piece is engaged, called or made, so it applies to
the next dashboard started in a process.

Free of Textual: the app calls in. The settings' values and what they were measured against
are in ``docs/performance.md`` ("Process tuning").
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from functools import lru_cache

SWITCH = "BRIEFING_TUNING"  # the environment variable; "off" turns every piece of tuning off
SWITCH_INTERVAL = 0.001  # seconds a thread may keep the GIL while another waits for it


def tuning_enabled() -> bool:
    """False when ``BRIEFING_TUNING=off`` (any case) is set: run with Python's defaults."""
    return os.environ.get(SWITCH, "").strip().lower() != "off"


# ---------------------------------------------------------------------- garbage collection


class KeyPacedCollector:
    """Collections between keystrokes: ``after_input`` / ``collect_young`` and ``when_idle``.

    Drawing an item allocates many short-lived containers (Textual builds several strips per
    screen line, each with caches of its own); at CPython's thresholds collections ran inside
    every keystroke and a full one now and then made the slowest keys of a run. Engaged, the
    young threshold is out of a keystroke's reach; after each key's frame one collection runs,
    of the generation CPython's own schedule would pick: the youngest every key, the middle one
    every ``middle_every`` keys, all of them every ``full_every`` middle ones, unless a pause of
    ``idle_after`` seconds came first, when a full one runs at once. Every key must collect
    something: Textual's strips cache themselves (a cycle), so each item shown leaves objects
    only the collector frees, and a collection that sees them alive promotes them. Collecting
    the middle generation after every key had them all reach the oldest, for a long full
    collection in the end; collecting it every ``middle_every`` keys lets most die young.
    """

    def __init__(self, *, young: int = 50_000, middle_every: int = 10, full_every: int = 10,
                 idle_after: float = 1.0, after_frame: float = 0.005) -> None:
        self.young, self.middle_every, self.full_every = young, middle_every, full_every
        self.idle_after = idle_after
        self.after_frame = after_frame  # the collection waits this long after a frame, for it to be written
        self._previous: tuple[int, int, int] | None = None
        self._young_due = False
        self.passes = 0  # collections run after frames (collect_young)

    @property
    def engaged(self) -> bool:
        return self._previous is not None

    def engage(self) -> bool:
        """Raise the young threshold so that a keystroke's allocations never reach it; whether the
        collector is paced now (not when tuning is off)."""
        if self._previous is None and tuning_enabled():
            self._previous = gc.get_threshold()
            gc.set_threshold(self.young, self.middle_every, self.full_every)
        return self.engaged

    def release(self) -> None:
        """Put CPython's thresholds back (the app is closing, or runs inside a test process)."""
        if self._previous is not None:
            gc.set_threshold(*self._previous)
            self._previous = None
            self._young_due = False

    def after_input(self) -> bool:
        """A key or click came in: whether to schedule ``collect_young`` (one pending at a time)."""
        if self._previous is None or self._young_due:
            return False
        self._young_due = True
        return True

    def collect_young(self) -> int | None:
        """The collection due after a key's frame; the generation collected, or None when not engaged."""
        self._young_due = False
        if self._previous is None:
            return None
        _, young_passes, middle_passes = gc.get_count()  # passes since the next older one's
        generation = 0
        if young_passes + 1 >= self.middle_every:
            generation = 2 if middle_passes + 1 >= self.full_every else 1
        gc.collect(generation)
        self.passes += 1
        return generation

    def when_idle(self, last_input: float, now: float | None = None) -> bool:
        """Run a full collection if nothing was typed for ``idle_after`` seconds and one is due."""
        now = time.monotonic() if now is None else now
        if self._previous is None or now - last_input < self.idle_after or gc.get_count()[1:] == (0, 0):
            return False
        gc.collect()
        return True


# ---------------------------------------------------------------------- memory


@lru_cache(maxsize=4)
def _glibc(name: str) -> Callable[..., int] | None:
    """A function of glibc's malloc by name, or None where there is none (not Linux, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here, not at the top: ctypes.util would add to the dashboard's start-up
    import ctypes.util

    try:
        return getattr(ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6"), name)
    except (OSError, AttributeError):
        return None


def _malloc_trim() -> Callable[[int], int] | None:
    return _glibc("malloc_trim")


_M_MMAP_THRESHOLD = -3  # mallopt's parameter number (glibc malloc.h)
MMAP_THRESHOLD = 128 * 1024  # bytes: blocks this large or larger get pages of their own


def _mallopt() -> Callable[[int, int], int] | None:
    return _glibc("mallopt")


def map_large_blocks() -> bool:
    """Have glibc give every block of ``MMAP_THRESHOLD`` bytes or more pages of its own, returned to
    the system when freed; whether it was set (not when tuning is off, nor without glibc).

    glibc starts there but raises the threshold to the size of each such block freed (up to 32 MiB),
    so after the first large set or list of a find or a refilter is dropped, the next ones come from
    the heap, and the heap keeps their pages once they are freed: at 100,000 items the dashboard
    held ~15 MiB of such free heap after a few finds. A fixed threshold keeps them out.
    """
    if not tuning_enabled():
        return False
    mallopt = _mallopt()
    return mallopt is not None and mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1


def release_free_memory() -> bool:
    """Collect young garbage, hand free heap pages back (glibc ``malloc_trim``), and freeze what is
    left; whether it ran (not when tuning is off).

    Loading decodes summaries and search text that are written to disk and dropped at once;
    glibc keeps the freed pages in the process unless asked to trim them (elsewhere there is
    nothing to ask). Freezing moves the objects loading made, alive until the app ends, out of
    the garbage collector's view, so its full passes, which would walk them all, no longer stall
    a key press now and then. The collection before it spares the oldest generation: a full pass
    over all of them would hold the GIL long enough to stall every key pressed meanwhile, and
    loading's garbage is freed by reference counting anyway.
    """
    if not tuning_enabled():
        return False
    gc.collect(1)
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
    gc.freeze()
    return True


# ---------------------------------------------------------------------- threads


def shorten_switch_interval() -> bool:
    """Let a thread keep the GIL for ``SWITCH_INTERVAL`` at most while another waits; whether it
    was set (not when tuning is off).

    Loading, keyword sets and parsing run on threads, and the thread drawing the screen needs
    the GIL back many times within one key: at CPython's default interval a key during loading
    took several times as long.
    """
    if not tuning_enabled():
        return False
    sys.setswitchinterval(SWITCH_INTERVAL)
    return True


class GiveWay:
    """Called often by background work (loading, keyword sets): after each ``slice_`` seconds of
    work, if a key or click came in the last ``recent`` seconds, sleep up to ``longest``.

    A thread holding the GIL makes the screen's thread wait for it again and again within one
    key; with this the work mostly waits while keys keep coming, yet keeps a share, so loading
    and the keyword sets still finish. A key that comes in during a slice ends it at the next
    call. ``last_input`` gives the ``time.monotonic()`` of the latest key or click. Calls come
    from one background thread at a time. With tuning off, a call never waits.
    """

    POLL = 0.005  # while waiting, how often to look whether the keys have stopped

    def __init__(self, last_input: Callable[[], float], *, slice_: float = 0.005, recent: float = 0.12,
                 longest: float = 0.03) -> None:
        self.last_input = last_input
        self.slice, self.recent, self.longest = slice_, recent, longest
        self.enabled = tuning_enabled()
        self.waits = 0  # sleeps so far, one per POLL
        self._worked_since = 0.0

    def __call__(self) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._worked_since < self.slice and self.last_input() < self._worked_since:
            return  # within the slice, and no key since it began
        end = now + self.longest
        while now < end and now - self.last_input() < self.recent:
            time.sleep(self.POLL)
            self.waits += 1
            now = time.monotonic()
        self._worked_since = now
