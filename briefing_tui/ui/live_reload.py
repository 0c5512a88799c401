"""Live reload of the folders given on the command line: new and changed files appear in place.

The selection, filters and review state stay. A file that turns bad is
reported and its last good items stay on screen marked stale, as do the
items of a file that was removed; nothing the analyst was reading vanishes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.content import Content

from ..background import Background
from ..problems import Problem

if TYPE_CHECKING:
    from ..loading.result import LoadResult


class LiveReload:
    """Mixed into MainScreen; uses its index, positions, file_items, stale and problems."""

    _watcher: Background | None = None

    def _start_watching(self) -> None:
        if not self.is_attached or self.app._exit:  # type: ignore[attr-defined]  # quit while loading ended
            return
        folders = [p for p in self.paths if p.is_dir()]  # type: ignore[attr-defined]
        if folders and self._watcher is None:
            # A daemon thread (see background): a watcher, or a file it is reading, never holds up quitting.
            self._watcher = Background(lambda job: self._watch(job, folders), name="briefing-watch",
                                       on_error=lambda exc: self._background_failed(  # type: ignore[attr-defined]
                                           exc, "live reload")).start()

    def _stop_watching(self) -> None:
        if self._watcher is not None:
            self._watcher.cancel()

    def _watch(self, job: Background, folders: list[Path]) -> None:
        from ..cache import open_default_cache
        from ..loading.load import load_file
        from ..watching import watch_folders

        cache = open_default_cache() if self.use_cache else None  # type: ignore[attr-defined]
        try:
            for changed, removed in watch_folders(folders, job):
                if job.is_cancelled:
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
