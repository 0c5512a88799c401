"""Changes in the folders a user opened, as batches of loadable files (watchfiles, no UI)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from watchfiles import Change, watch

from .loading.readers import readable_suffixes


class StopFlag(Protocol):
    def is_set(self) -> bool: ...


def _loadable(path: Path) -> bool:
    return path.suffix.lower() in readable_suffixes() and not any(p.startswith(".") for p in path.parts[-3:])


def watch_folders(folders: list[Path], stop: StopFlag, *,
                  debounce_ms: int = 300) -> Iterator[tuple[list[Path], list[Path]]]:
    """(changed or added files, removed files) each time something settles, until ``stop`` is set.

    A subfolder the user cannot read is left out (discovery reports it), not a reason to stop
    watching the rest. When the system refuses more inotify watches (a limit per user), the
    folders are polled instead; any other failure raises, for the caller to report.
    """
    if not folders:
        return
    try:
        yield from _watch(folders, stop, debounce_ms, polling=False)
    except OSError as exc:
        if stop.is_set() or not _out_of_watches(exc):
            raise
        yield from _watch(folders, stop, debounce_ms, polling=True)


def _out_of_watches(exc: OSError) -> bool:
    text = str(exc).lower()
    return "no space left" in text or "too many open files" in text or "inotify" in text


def _watch(folders: list[Path], stop: StopFlag, debounce_ms: int, *,
           polling: bool) -> Iterator[tuple[list[Path], list[Path]]]:
    for changes in watch(*folders, stop_event=stop, debounce=debounce_ms, step=50, rust_timeout=500,
                         yield_on_timeout=False, raise_interrupt=False, ignore_permission_denied=True,
                         force_polling=polling, poll_delay_ms=1000):
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


def watch_file(path: Path, stop: StopFlag, *, debounce_ms: int = 300) -> Iterator[None]:
    """Once each time ``path`` is written, replaced or created, until ``stop`` is set.

    Its folder is watched, not the file: an editor that saves by writing a new file and renaming
    it over the old one leaves a watch on the file itself looking at the old one. A folder that
    does not exist is not watched (nothing is yielded).
    """
    folder = path.parent
    if not folder.is_dir():
        return
    wanted = path.name
    try:
        yield from _watch_one(folder, wanted, stop, debounce_ms, polling=False)
    except OSError as exc:
        if stop.is_set() or not _out_of_watches(exc):
            raise
        yield from _watch_one(folder, wanted, stop, debounce_ms, polling=True)


def _watch_one(folder: Path, name: str, stop: StopFlag, debounce_ms: int, *, polling: bool) -> Iterator[None]:
    for changes in watch(folder, stop_event=stop, debounce=debounce_ms, step=50, rust_timeout=500,
                         yield_on_timeout=False, raise_interrupt=False, ignore_permission_denied=True,
                         force_polling=polling, poll_delay_ms=1000, recursive=False):
        if any(Path(changed).name == name and kind != Change.deleted for kind, changed in changes):
            yield None
