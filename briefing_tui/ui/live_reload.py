"""Live reload of the folders given on the command line: new and changed files appear in place.

The watcher reads changed files on a daemon thread (a watcher, or a file it
is reading, never holds up quitting) and posts what they gave to the
screen; the review session puts the items in place (``ReviewSession.
apply_reload``): the selection, filters and review state stay, and a file
that turns bad keeps its last good items on screen, marked stale.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from ..background import Background
from .loader import BackgroundFailed

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from ..loading.result import LoadResult


class FilesChanged(Message):
    """Files in a watched folder changed (``results``: each one read again) or went (``removed``)."""

    bubble = False  # for the screen alone: the app has nothing to do with it

    def __init__(self, results: list[tuple[Path, LoadResult]], removed: list[Path]) -> None:
        super().__init__()
        self.results, self.removed = results, removed


class LiveReload:
    """Watches ``folders`` and posts ``FilesChanged`` to ``to``."""

    def __init__(self, folders: list[Path], to: MessagePump, *, use_cache: bool) -> None:
        self.folders = folders
        self._to = to
        self._use_cache = use_cache
        self.watcher: Background | None = None

    def start(self) -> None:
        if self.folders and self.watcher is None:
            self.watcher = Background(self._watch, name="briefing-watch",
                                      on_error=lambda exc: self._to.post_message(BackgroundFailed(exc, "live reload")))
            self.watcher.start()

    def stop(self) -> None:
        if self.watcher is not None:
            self.watcher.cancel()

    def _watch(self, job: Background) -> None:
        from ..loading.launch import open_item_source
        from ..watching import watch_folders

        with open_item_source(self._use_cache) as source:
            for changed, removed in watch_folders(self.folders, job):
                if job.is_cancelled:
                    return
                results = [(path, source.load(path)) for path in changed]
                source.flush()  # the screen reads these entries back through its own connection
                self._to.post_message(FilesChanged(results, removed))
