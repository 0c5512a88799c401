"""Loading the dashboard's files off the event loop, handed to the screen as messages.

Files come through the head start (parse cache, worker processes for cold
files); the screen gets a batch a few times a second, not one message per
file, and the first screenful at once. On a daemon thread: quitting never
waits for a file still being parsed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from ..background import Background

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from ..filtering import SearchIndex
    from ..loading.launch import ReadAhead
    from ..loading.result import LoadResult
    from ..settings import Keyword

FIRST_SCREENFUL = 60  # items: more rows than a tall terminal shows
BATCH_EVERY = 0.1  # seconds between batches handed to the screen
INDEXED_EVERY = 2_000  # items indexed (``Loader.index_texts``) between messages to the screen


class ItemsLoaded(Message):
    """A batch of loaded files, ``done`` of ``total`` files so far; the screen sets ``handled`` once
    it has taken them in."""

    bubble = False  # for the screen alone: the app has nothing to do with it

    def __init__(self, batch: list[tuple[Path | None, LoadResult]], done: int, total: int) -> None:
        super().__init__()
        self.batch, self.done, self.total = batch, done, total
        self.handled = threading.Event()


class LoadingFinished(Message):
    """Every file is loaded (posted after the last ``ItemsLoaded``)."""

    bubble = False  # for the screen alone: the app has nothing to do with it


class KeywordSetsReady(Message):
    """The keyword hotkeys' sets, computed after loading (see SearchIndex.adopt)."""

    bubble = False  # for the screen alone: the app has nothing to do with it

    def __init__(self, computed: object) -> None:
        super().__init__()
        self.computed = computed


class TextsIndexed(Message):
    """Entries now in the parse cache's search index: (digest, number, (position, place) of its
    items) each, for ``SearchIndex.indexed``."""

    bubble = False  # for the screen alone: the app has nothing to do with it

    def __init__(self, entries: list[tuple[str, int, list[tuple[int, int]]]]) -> None:
        super().__init__()
        self.entries = entries


class BackgroundFailed(Message):
    """Background work that should never fail did: ``what`` stopped."""

    bubble = False  # for the screen alone: the app has nothing to do with it

    def __init__(self, error: BaseException, what: str) -> None:
        super().__init__()
        self.error, self.what = error, what


class Loader:
    """Runs the head start's remaining files on a daemon thread and posts what they gave to ``to``."""

    def __init__(self, head: ReadAhead, to: MessagePump, give_way: Callable[[], None], *,
                 keywords: Sequence[Keyword] = ()) -> None:
        """``keywords``: the hotkeys' own, whose answers each entry is given here (``keyword_flags``)."""
        self._head = head
        self._keywords = tuple(keywords)
        self._to = to
        self._give_way = give_way
        self._job: Background | None = None
        self._sets: Background | None = None
        self._index: Background | None = None

    def start(self, shown: int, progress: tuple[int, int], complete: bool) -> None:
        """``shown``: items the screen has already; ``progress``: (done, total) files so far;
        ``complete``: the screen has had the last file already (the head start had them all)."""
        from ..tuning import map_large_blocks

        map_large_blocks()  # before the batches' large blocks come and go
        self._job = Background(lambda job: self._run(job, shown, progress, complete), name="briefing-load",
                               on_error=lambda exc: self._to.post_message(BackgroundFailed(exc, "loading"))).start()

    def compute_keyword_sets(self, index: SearchIndex, keywords: list[Keyword]) -> None:
        """Once loading is done: the hotkeys' sets are computed so the first press answers from them
        rather than from a scan."""

        def run(job: Background) -> None:
            computed = index.keyword_sets(keywords, pause=self._give_way)
            if not job.is_cancelled:
                self._to.post_message(KeywordSetsReady(computed))

        self._sets = Background(run, name="briefing-keywords",
                                on_error=lambda exc: self._to.post_message(BackgroundFailed(exc, "keyword sets")))
        self._sets.start()

    def index_texts(self, waiting: dict[str, list[tuple[int, int]]]) -> None:
        """Once loading is done: the entries whose items came without a row in the parse cache's
        search index (parsed now, or cached before there was one) are indexed, on a thread with a
        connection of its own, and handed to the screen a few at a time. Until then find scans
        their texts; indexing 100,000 items takes minutes of one core, which a load would wait for."""
        if not waiting:
            return

        def run(job: Background) -> None:
            from ..cache import open_default_cache

            cache = open_default_cache()
            if cache is None:
                return
            done: list[tuple[str, int, list[tuple[int, int]]]] = []
            try:
                for digest, placed in waiting.items():
                    if job.is_cancelled:
                        return
                    self._give_way()
                    number = cache.index_entry(digest)
                    if number is not None:
                        done.append((digest, number, placed))
                    if sum(len(p) for _, _, p in done) >= INDEXED_EVERY:
                        cache.flush()  # committed before the screen asks the index about them
                        self._to.post_message(TextsIndexed(done))
                        done = []
                cache.flush()
                if done and not job.is_cancelled:
                    self._to.post_message(TextsIndexed(done))
            finally:
                cache.close()

        self._index = Background(run, name="briefing-index",
                                 on_error=lambda exc: self._to.post_message(BackgroundFailed(exc, "indexing")))
        self._index.start()

    @property
    def started(self) -> bool:
        return self._job is not None

    def cancel(self) -> None:
        for job in (self._job, self._sets, self._index):
            if job is not None:
                job.cancel()

    def _run(self, job: Background, shown: int, progress: tuple[int, int], complete: bool) -> None:
        head = self._head
        batch: list[tuple[Path | None, LoadResult]] = []
        last = time.monotonic()
        done, total = progress
        first = shown  # a screenful goes at once, the rest in batches
        delivered = complete
        # A batch holds its items' search texts until the index spills them to disk: the next one is
        # read only once the screen has taken this one in, so no more than one is ever in memory
        # (reading the next while the screen takes one in raised the peak while loading).

        def post(message: ItemsLoaded) -> bool:
            self._to.post_message(message)
            while not message.handled.wait(0.05):
                if job.is_cancelled:
                    return False
            return True

        from ..keyword_flags import flag_entries, keywords_key

        keywords, key = self._keywords, keywords_key(self._keywords)
        try:
            for path, result, done, total in head.rest():
                if job.is_cancelled:
                    return
                self._give_way()
                cache = head.cache
                flag_entries(result, keywords, key, cache)
                batch.append((path, result))
                if first >= 0:
                    first += len(result.entries or ())
                now = time.monotonic()
                if now - last > BATCH_EVERY or done == total or first >= FIRST_SCREENFUL:
                    first = -1
                    if cache is not None:
                        cache.flush()  # the screen reads these entries back through its own connection
                    if not post(ItemsLoaded(batch, done, total)):
                        return
                    delivered = delivered or done >= total
                    batch, last = [], now
        finally:
            head.close()
        if job.is_cancelled:
            return
        if (batch or not delivered) and not post(ItemsLoaded(batch, done, total)):
            return
        # Loading decoded megabytes of text now on disk: those pages go back, and what stays is
        # frozen, before live reload and the keyword sets allocate anew (the peak stays lower).
        from ..tuning import release_free_memory

        release_free_memory()
        self._to.post_message(LoadingFinished())
