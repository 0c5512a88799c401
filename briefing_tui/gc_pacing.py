"""The cyclic garbage collector, paced to the keyboard once loading is done.

Drawing one item allocates some 10,000 short-lived containers (Textual builds
several strips per screen line, each with caches of its own). At CPython's
default young threshold (700) that meant about 16 young collections inside
every keystroke, a middle one every key or two (1-2 ms) and, every dozen keys,
a full one (10-30 ms): the slowest keys of a run were those. Paced, no
collection runs inside a keystroke: the young generations are collected just
after the frame a key produced, and full collections wait until the analyst
stops typing, or, in typing that never pauses, come after every hundredth
key's frame. Free of Textual: the app calls in.
"""

from __future__ import annotations

import gc
import time


class KeyPacedCollector:
    """Collections between keystrokes: ``after_input`` / ``collect_young`` and ``when_idle``.

    After each key's frame one collection runs, of the generation CPython's own schedule would
    pick: the youngest every key, the middle one every ``middle_every`` keys, all of them every
    ``full_every`` middle ones, unless a pause came first. Every key must collect something:
    Textual's strips cache themselves (a cycle), so each item shown leaves ~1,200 objects only
    the collector frees, and a collection that sees them alive promotes them. Collecting the
    middle generation after every key had them all reach the oldest, where 100 keys left
    118,000 of them for a 190 ms full collection; now one item in ``middle_every`` does.
    """

    def __init__(self, *, young: int = 50_000, middle_every: int = 10, full_every: int = 10,
                 idle_after: float = 1.0) -> None:
        self.young, self.middle_every, self.full_every = young, middle_every, full_every
        self.idle_after = idle_after
        self._previous: tuple[int, int, int] | None = None
        self._young_due = False
        self.passes = 0  # collections run after frames (collect_young)

    @property
    def engaged(self) -> bool:
        return self._previous is not None

    def engage(self) -> None:
        """Raise the young threshold so that a keystroke's allocations never reach it."""
        if self._previous is None:
            self._previous = gc.get_threshold()
            gc.set_threshold(self.young, self.middle_every, self.full_every)

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
        """The collection due after a key's frame (well under a millisecond, now and then a few);
        the generation collected, or None when not engaged."""
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
