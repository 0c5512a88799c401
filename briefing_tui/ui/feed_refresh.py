"""Feeds fetched in the background while the dashboard is open on the fetched-feeds folder.

A daemon thread fetches each subscription when its ``refresh`` interval has passed since it was
last tried (by this window, another one, or cron's ``briefing fetch``: the fetch state is read
afresh each round), then sleeps until the next one is due. A saved feed reaches the screen through
live reload, which watches that folder; this posts only progress and each feed's outcome, so the
status line shows the round and the problems view (``P``) each feed's failure. The event loop never
waits on the network.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from ..background import Background
from ..feeds.fetch import Fetcher, FetchResult, Limits, due
from .loader import BackgroundFailed

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from ..cache import ParseCache
    from ..feeds.subscriptions import Subscription

# How long the thread sleeps at most before looking at the fetch state again: cron or another window
# may have fetched meanwhile, and the clock may have been changed.
RECHECK_SECONDS = 60.0


class FeedsProgress(Message):
    """A round of fetching: ``done`` of ``total`` feeds; ``total`` 0 when the round is over."""

    bubble = False

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done, self.total = done, total


class FeedFetched(Message):
    """One feed's outcome: the screen lists a failure as a problem until a later fetch succeeds."""

    bubble = False

    def __init__(self, sub: Subscription, result: FetchResult) -> None:
        super().__init__()
        self.sub, self.result = sub, result


class FeedRefresh:
    """Fetches ``feeds`` into ``folder`` on a daemon thread and posts progress and outcomes to ``to``."""

    limits = Limits()  # the fetcher's bounds (tests make them small)

    def __init__(self, feeds: list[Subscription], folder: Path, state_file: Path, to: MessagePump, *,
                 use_cache: bool = False) -> None:
        self.feeds = feeds
        self.folder, self.state_file = folder, state_file
        # The parse cache (``use_cache``): a feed downloaded again reads only its new entries, and
        # live reload finds the saved feed's items there.
        self.use_cache = use_cache
        self._to = to
        self.worker: Background | None = None
        # When this window last tried each feed, should the state file not be writable: a feed is
        # still fetched only at its interval.
        self._tried: dict[str, float] = {}

    def start(self) -> None:
        if self.feeds and self.worker is None:
            self.worker = Background(self._run, name="briefing-feeds",
                                     on_error=lambda exc: self._to.post_message(BackgroundFailed(exc, "feed refresh")))
            self.worker.start()

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def _run(self, job: Background) -> None:
        from ..cache import open_default_cache

        cache = open_default_cache() if self.use_cache else None
        try:
            self._rounds(job, cache)
        finally:
            if cache is not None:
                cache.close()

    def _rounds(self, job: Background, cache: ParseCache | None) -> None:
        while not job.is_cancelled:
            with Fetcher(self.folder, self.state_file, limits=self.limits, cache=cache) as fetcher:
                for sub in self.feeds:
                    mine = self._tried.get(sub.file_stem)
                    if mine is not None and mine > (fetcher.state.last_tried(sub) or 0.0):
                        fetcher.state.record(sub, tried=mine)
                todo = due(self.feeds, fetcher.state, time.time())
                for n, sub in enumerate(todo):
                    if job.is_cancelled:
                        return
                    self._to.post_message(FeedsProgress(n, len(todo)))
                    result = fetcher.fetch(sub)
                    self._tried[sub.file_stem] = time.time()
                    fetcher.state.save()
                    if cache is not None:
                        cache.flush()  # before live reload reads the feed through its own connection
                    self._to.post_message(FeedFetched(sub, result))
                if todo:
                    self._to.post_message(FeedsProgress(len(todo), 0))
                wait = self._next_due(fetcher)
            if job.pause(wait):
                return

    def _next_due(self, fetcher: Fetcher) -> float:
        now = time.time()
        waits = [sub.refresh - (now - (fetcher.state.last_tried(sub) or now)) for sub in self.feeds]
        return min(RECHECK_SECONDS, max(1.0, min(waits)))
