"""Changes in the folders a user opened, as batches of loadable files (watchfiles, no UI)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from watchfiles import Change, watch

from .loading.discover import LOADABLE_SUFFIXES


class StopFlag(Protocol):
    def is_set(self) -> bool: ...


def _loadable(path: Path) -> bool:
    return path.suffix.lower() in LOADABLE_SUFFIXES and not any(p.startswith(".") for p in path.parts[-3:])


def watch_folders(folders: list[Path], stop: StopFlag, *,
                  debounce_ms: int = 300) -> Iterator[tuple[list[Path], list[Path]]]:
    """(changed or added files, removed files) each time something settles, until ``stop`` is set."""
    if not folders:
        return
    for changes in watch(*folders, stop_event=stop, debounce=debounce_ms, step=50, rust_timeout=500,
                         yield_on_timeout=False, raise_interrupt=False):
        changed: dict[Path, None] = {}
        removed: dict[Path, None] = {}
        for kind, name in sorted(changes, key=lambda c: c[1]):
            path = Path(name)
            if not _loadable(path):
                continue
            if kind == Change.deleted and not path.exists():
                removed[path] = None
                changed.pop(path, None)
            else:
                changed[path] = None
                removed.pop(path, None)
        if changed or removed:
            yield list(changed), list(removed)
