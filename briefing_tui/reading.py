"""Reading a file the user named, or that a folder held: regular files only, and never without bound.

A FIFO blocks ``open`` until someone writes to it, a device has no size (``/dev/zero`` never
ends), and a name checked before opening can be swapped for either in between. So a file is
opened without blocking and checked on the open descriptor, and a read stops at its limit
whatever the size said. Kept apart from the parsers: settings and drafts are read this way at
start-up, before anything else is imported.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .problems import LoadError, problem

MAX_ARTICLE_BYTES = 50 * 1024 * 1024  # the default limit: no article is near it
MAX_YAML_BYTES = 5 * 1024 * 1024  # a briefing file: read whole into nodes, so kept smaller


def read_bytes(path: Path, *, limit: int = MAX_ARTICLE_BYTES) -> bytes:
    """The file's bytes; LoadError names the file and what is wrong (missing, unreadable, too big,
    not a regular file)."""
    fd, st = _open_regular(path)
    try:
        if st.st_size > limit:
            raise LoadError(problem(path, f"file is {_mb(st.st_size)}; the limit is {_mb(limit)}"))
        chunks = []
        left = limit + 1  # one byte more than allowed tells a file that grew past the limit
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise LoadError(problem(path, f"file grew past the limit of {_mb(limit)} while being read"))
        return b"".join(chunks)
    except OSError as exc:
        raise LoadError(problem(path, f"cannot read: {exc.strerror or exc}")) from None
    finally:
        os.close(fd)


def _open_regular(path: Path) -> tuple[int, os.stat_result]:
    """A blocking descriptor on ``path`` and its stat, or LoadError when it is not a regular file."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise LoadError(problem(path, f"cannot read: {exc.strerror or exc}")) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise LoadError(problem(path, f"not a regular file ({_file_kind(st.st_mode)}); not read"))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def read_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of a regular file (empty for anything else), to sniff its format."""
    try:
        fd, _ = _open_regular(path)
    except LoadError:
        return b""
    try:
        return os.read(fd, size)
    except OSError:
        return b""
    finally:
        os.close(fd)


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a file"


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


