"""Expand the paths a user gives into the files to load, in a stable order.

Which files a folder holds for briefing is the readers' say: the suffixes they claim (``readers``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem, problem
from .readers import readable_suffixes


@dataclass(frozen=True, slots=True)
class Found:
    """A file to load, or a problem met while looking (missing path, unreadable folder)."""

    path: Path | None = None
    problem: Problem | None = None


def discover(paths: list[Path]) -> Iterator[Found]:
    """Files named directly are always loaded (sniffed if their suffix is unknown); folders are
    walked recursively for known suffixes, hidden entries skipped, each real folder once, so a
    symlink loop ends. FIFOs, devices and broken links are reported, never opened."""
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    suffixes = readable_suffixes()
    for path in paths:
        if path.is_dir():
            yield from _walk(path, seen_dirs, seen_files, suffixes)
        elif path.exists() and not path.is_file():
            # A FIFO or device would block the loader forever on open or read.
            yield Found(problem=problem(path, "not a regular file"))
        elif path.exists():
            key = os.path.realpath(path)
            if key not in seen_files:
                seen_files.add(key)
                yield Found(path=path)
        elif path.is_symlink():
            yield Found(problem=problem(path, "broken symbolic link"))
        else:
            yield Found(problem=problem(path, "no such file or folder"))


def _walk(root: Path, seen_dirs: set[str], seen_files: set[str], suffixes: frozenset[str]) -> Iterator[Found]:
    real = os.path.realpath(root)
    if real in seen_dirs:
        return
    seen_dirs.add(real)
    try:
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Found(problem=problem(root, f"cannot read folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        loadable = os.path.splitext(name)[1].lower() in suffixes
        try:
            if entry.is_dir():
                yield from _walk(root / name, seen_dirs, seen_files, suffixes)
                continue
            if not entry.is_file():
                # Reported, not silently skipped, when it looks like something to load.
                if loadable:
                    path = root / name
                    what = "broken symbolic link" if entry.is_symlink() and not path.exists() else "not a regular file"
                    yield Found(problem=problem(path, what))
                continue
        except OSError as exc:
            yield Found(problem=problem(root / name, f"cannot read: {exc.strerror or exc}"))
            continue
        if loadable:
            # Only a link can name a file already met elsewhere: realpath (an lstat per path
            # component) is paid for those alone, not for every file of a 10,000-item folder.
            key = os.path.realpath(entry.path) if entry.is_symlink() else os.path.join(real, name)
            if key not in seen_files:
                seen_files.add(key)
                path = root / name
                yield Found(path=path)
