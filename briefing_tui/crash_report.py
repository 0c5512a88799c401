"""Tracebacks kept for a bug report, in the user's state folder instead of on their screen.

An analyst who meets a crash needs three things: the terminal back, their work safe, and a file
to send us. The traceback goes to ``crashes/`` in the state folder (private to the user: it can
quote file text), the terminal gets one line saying where, and the process exits non-zero.
"""

from __future__ import annotations

import contextlib
import os
import platform
import sys
import time
import traceback
from pathlib import Path

from . import __version__, paths

KEEP = 20  # the newest reports kept; older ones are removed as new ones come


def crash_dir() -> Path:
    return paths.state_dir() / "crashes"


def save_traceback(exc: BaseException, *, context: str) -> Path | None:
    """Write ``exc`` with its traceback to a new file and return its path; None if it cannot be
    written (a read-only or full disk must not turn one error into two)."""
    folder = crash_dir()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}-{os.getpid()}.txt"
    text = (f"briefing {__version__} · Python {platform.python_version()} · {platform.platform()}\n"
            f"when: {time.strftime('%Y-%m-%d %H:%M:%S %z')}\n"
            f"while: {context}\n"
            f"command: {' '.join(sys.argv)}\n\n"
            + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for n in range(100):
            candidate = path if n == 0 else path.with_name(f"{path.stem}-{n}.txt")
            try:
                fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            except FileExistsError:
                continue
            with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
                fh.write(text)
            _prune(folder)
            return candidate
    except OSError:
        return None
    return None


def _prune(folder: Path) -> None:
    with contextlib.suppress(OSError):
        reports = sorted(folder.glob("crash-*.txt"), key=lambda p: p.stat().st_mtime)
        for old in reports[:-KEEP]:
            old.unlink(missing_ok=True)
