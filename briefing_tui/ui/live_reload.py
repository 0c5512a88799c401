"""Live reload of the folders given on the command line: new and changed files appear in place.

The selection, filters and review state stay. A file that turns bad is
reported and its last good items stay on screen marked stale, as do the
items of a file that was removed; nothing the analyst was reading vanishes.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.content import Content
from textual.worker import Worker, get_current_worker

from ..problems import Problem

if TYPE_CHECKING:
    from ..loading.result import LoadResult


class _Stop:
    """Stops the watcher when the screen goes or when Textual cancels the worker (as it does on
    exit): the thread belongs to the event loop's executor, which waits for it when the loop closes."""

    def __init__(self, event: threading.Event, worker: Worker[None]) -> None:
        self.event, self.worker = event, worker

    def is_set(self) -> bool:
        return self.event.is_set() or self.worker.is_cancelled


class LiveReload:
    """Mixed into MainScreen; uses its index, positions, file_items, stale and problems."""

    _watch_stop: threading.Event | None = None

    def _start_watching(self) -> None:
        if not self.is_attached or self.app._exit:  # type: ignore[attr-defined]  # quit while loading ended
            return
        folders = [p for p in self.paths if p.is_dir()]  # type: ignore[attr-defined]
        if folders:
            self._watch_stop = threading.Event()
            self._watch(folders)

    def _stop_watching(self) -> None:
        if self._watch_stop is not None:
            self._watch_stop.set()

    @work(thread=True, exclusive=True, group="watch")
    def _watch(self, folders: list[Path]) -> None:
        from ..cache import open_default_cache
        from ..loading.load import load_file
        from ..watching import watch_folders

        worker = get_current_worker()
        cache = open_default_cache() if self.use_cache else None  # type: ignore[attr-defined]
        assert self._watch_stop is not None
        try:
            for changed, removed in watch_folders(folders, _Stop(self._watch_stop, worker)):
                if worker.is_cancelled:
                    return
                results = [(path, load_file(path, cache)) for path in changed]
                if cache is not None:
                    cache.flush()
                self.app.call_from_thread(self._apply_changes, results, removed)  # type: ignore[attr-defined]
        finally:
            if cache is not None:
                cache.close()

    def _apply_changes(self, results: list[tuple[Path, LoadResult]], removed: list[Path]) -> None:
        current = self.item.id if self.item else None  # type: ignore[attr-defined]
        keep = current
        for path in removed:
            for item_id in self.file_items.get(path, []):  # type: ignore[attr-defined]
                self.stale[item_id] = "its file was removed"  # type: ignore[attr-defined]
        for path, result in results:
            keep = self._apply_file(path, result, keep)
        self._refilter(keep_id=keep)  # type: ignore[attr-defined]
        position = self.query_one("#items").current_position  # type: ignore[attr-defined]
        if position is not None and (position != self.position  # type: ignore[attr-defined]
                                     or self.index.items[position] is not self.item):  # type: ignore[attr-defined]
            self._show_position(position)  # type: ignore[attr-defined]
        else:
            self._redraw_article()  # type: ignore[attr-defined]
        self._update_status()  # type: ignore[attr-defined]

    def _apply_file(self, path: Path, result: LoadResult, keep: str | None) -> str | None:
        """Put one reloaded file's items in place; returns the id the selection should follow."""
        index = self.index  # type: ignore[attr-defined]
        positions: dict[str, int] = self._positions  # type: ignore[attr-defined]
        old: list[str] = self.file_items.get(path, [])  # type: ignore[attr-defined]
        self.problems = [p for p in self.problems if p.path != str(path)]  # type: ignore[attr-defined]
        self.problems.extend(result.problems)  # type: ignore[attr-defined]
        if not result.items and result.problems:
            for item_id in old:
                self.stale[item_id] = "its file has errors; this is the last good version"  # type: ignore[attr-defined]
            if result.problems:
                self.notify(Content(str(result.problems[0])), severity="warning", timeout=6)  # type: ignore[attr-defined]
            return keep
        new_ids = {item.id for item in result.items}
        free = [i for i in old if i not in new_ids and i in positions]  # slots of items that changed id
        ids: list[str] = []
        for item in result.items:
            if item.id in positions and item.id not in old:
                self.problems.append(Problem(str(path), f"item id '{item.id}' is already loaded from another file"))  # type: ignore[attr-defined]
                continue
            if item.id in positions:
                index.replace(positions[item.id], item)
            elif free:
                gone = free.pop(0)
                position = positions.pop(gone)
                index.replace(position, item)
                positions[item.id] = position
                if keep == gone:
                    keep = item.id
            else:
                positions[item.id] = len(index)
                index.add([item])
            self.stale.pop(item.id, None)  # type: ignore[attr-defined]
            ids.append(item.id)
        for gone in free:
            self.stale[gone] = "no longer in its file"  # type: ignore[attr-defined]
            ids.append(gone)
        self.file_items[path] = ids  # type: ignore[attr-defined]
        return keep
