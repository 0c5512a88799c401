"""Loading that starts with the process, so the dashboard's first frame already holds rows.

Importing and starting Textual takes most of a launch; a warm parse cache answers the first
screenful in a few milliseconds. Begun before the UI is imported, a head start has those rows
ready when the screen mounts, so they are painted in its first frame rather than a frame or two
later. It stops at the first screenful (or as soon as the screen takes what is there), so it
never competes with the app's start-up for long; the screen's loading worker then goes on with
the same iterator and cache connection. Which head start a launch gets is ``launch``'s choice.
"""

from __future__ import annotations

import threading
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from ..cache import ParseCache
    from .result import Loaded


class HeadStart:
    """``load_many(paths, lazy=True)`` begun on its own thread, taken over by whoever calls ``rest``."""

    def __init__(self, paths: list[Path], *, use_cache: bool = True, first: int = 60) -> None:
        self.paths = paths
        self.use_cache = use_cache
        self.first = first  # entries: stop once this many are ready
        self.cache: ParseCache | None = None
        self._ready: list[Loaded] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._results: Generator[Loaded, None, None] | None = None
        self._exhausted = False
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="briefing-head-start", daemon=True)

    def start(self) -> Self:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            from ..cache import open_default_cache
            from .batch import load_many

            self.cache = open_default_cache() if self.use_cache else None
            self._results = load_many(self.paths, cache=self.cache, lazy=True)
            entries = 0
            while entries < self.first and not self._stop.is_set():
                loaded = next(self._results, None)
                if loaded is None:
                    self._exhausted = True
                    return
                if self.cache is not None:
                    self.cache.flush()  # the screen reads these entries back through its own connection
                with self._lock:
                    self._ready.append(loaded)
                entries += len(loaded[1].entries or ())
        except Exception as exc:  # raised again by rest(), in the worker that reports it
            self._error = exc

    def take_ready(self) -> list[Loaded]:
        """What is loaded so far, without waiting; the head start stops after the file in hand."""
        self._stop.set()
        with self._lock:
            ready, self._ready = self._ready, []
        return ready

    def rest(self) -> Iterator[Loaded]:
        """Every result not taken yet, in order. Waits for the head start to stop, so call it
        from a worker thread; the caller owns ``cache`` from then on."""
        self._stop.set()
        self._thread.join()
        if self._error is not None:
            raise self._error
        with self._lock:
            ready, self._ready = self._ready, []
        yield from ready
        if self._results is not None and not self._exhausted:
            yield from self._results

    def close(self) -> None:
        """Give back what a head start nobody took over holds (the app quit first)."""
        self._stop.set()
        self._thread.join()
        if self._results is not None:
            self._results.close()
        if self.cache is not None:
            self.cache.close()
