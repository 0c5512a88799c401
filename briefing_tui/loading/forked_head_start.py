"""The head start in a child process: the first screenful is read on the second core.

A thread's head start shares the GIL with the main thread while it imports Textual, so on a
two-core machine the launch paid for both, one after the other: the cache's imports, opening
it and reading the first rows (see docs/performance.md, "Launch"). A child forked
before Textual is imported does that work beside the main thread and hands the first
results over a pipe, pickled; the main thread reads what has arrived when the screen mounts.

The child only reads ahead: taking its results closes the pipe, which ends it after the file
in hand, and the screen's loading worker then loads from the start on its own connection,
skipping the files already taken. Nothing it writes (the parse cache) is the user's work,
and SQLite keeps its transactions whole even if the child is stopped mid-write.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..cache import ParseCache
    from .result import Loaded

_LENGTH = struct.Struct("!I")
# A screenful of long articles pickles to more than a pipe holds unless asked for more (64 kB on
# Linux), and the child can write no further until the screen reads, at mount, and takes only
# what is there (sizes in docs/performance.md).
PIPE_SIZE = 1 << 20


def can_fork() -> bool:
    """Forking is safe only while this process has a single thread (no lock can be held)."""
    return hasattr(os, "fork") and threading.active_count() == 1


class ForkedHeadStart:
    """``load_many(paths, lazy=True)`` read ahead by a child process; same interface as ``HeadStart``."""

    def __init__(self, paths: list[Path], *, first: int = 60) -> None:
        self.paths = paths
        self.first = first  # entries: the child stops once this many are sent
        self.cache: ParseCache | None = None  # the worker's own, opened by rest()
        self._pid: int | None = None
        self._pipe: int | None = None
        self._taken: list[Loaded] = []

    def start(self) -> ForkedHeadStart:
        read_end, write_end = os.pipe()
        with contextlib.suppress(ImportError, AttributeError, OSError):  # Linux only; else 64 kB
            import fcntl

            fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, PIPE_SIZE)
        pid = os.fork()
        if pid == 0:  # the child: never returns into the caller's code
            status = 1
            try:
                os.close(read_end)
                _quiet()
                _read_ahead(self.paths, self.first, write_end)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        os.set_blocking(read_end, False)
        self._pid, self._pipe = pid, read_end
        return self

    def take_ready(self) -> list[Loaded]:
        """What the child has sent so far, without waiting; the child stops after the file in hand."""
        if self._pipe is None:
            return []
        data = b""
        while True:
            try:
                chunk = os.read(self._pipe, 1 << 16)
            except BlockingIOError:
                break
            except OSError:
                chunk = b""
            if not chunk:
                break
            data += chunk
        self._stop_child()
        ready: list[Loaded] = []
        at = 0
        while at + _LENGTH.size <= len(data):
            (size,) = _LENGTH.unpack_from(data, at)
            if at + _LENGTH.size + size > len(data):
                break  # cut off mid-result: the worker loads that file again
            try:
                ready.append(pickle.loads(data[at + _LENGTH.size: at + _LENGTH.size + size]))
            except Exception:  # a bad frame: the worker loads it and everything after
                break
            at += _LENGTH.size + size
        self._taken = ready
        return ready

    def rest(self) -> Iterator[Loaded]:
        """Every result not taken, in order, loaded on the calling (worker) thread."""
        from ..cache import open_default_cache
        from .batch import load_many

        self._stop_child()
        self._reap()
        self.cache = open_default_cache()
        taken = [path for path, *_ in self._taken]
        paths = {path for path in taken if path is not None}
        unnamed = taken.count(None)  # problems met while looking (a missing path): taken once
        for loaded in load_many(self.paths, cache=self.cache, lazy=True):
            path = loaded[0]
            if path is None and unnamed:
                unnamed -= 1
                continue
            if path in paths:
                paths.discard(path)
                continue
            yield loaded

    def close(self) -> None:
        """Stop and reap the child, and give back the worker's cache connection."""
        self._stop_child()
        self._reap()
        if self.cache is not None:
            self.cache.close()

    def _stop_child(self) -> None:
        if self._pipe is not None:
            os.close(self._pipe)  # the child's next write fails: it stops
            self._pipe = None

    def _reap(self) -> None:
        if self._pid is None:
            return
        pid, self._pid = self._pid, None
        try:
            if os.waitpid(pid, os.WNOHANG) == (0, 0):
                os.kill(pid, signal.SIGTERM)  # mid-parse of a long file: no need to wait for it
                os.waitpid(pid, 0)
        except (ChildProcessError, ProcessLookupError):
            pass


def _quiet() -> None:
    """The child shares the user's terminal: nothing it does may read from or print to it."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)


def _read_ahead(paths: list[Path], first: int, pipe: int) -> None:
    """In the child: send each loaded file, until ``first`` entries are sent or nobody reads."""
    from ..cache import open_default_cache
    from .batch import load_many

    cache = open_default_cache()
    results = load_many(paths, cache=cache, lazy=True, workers=1)  # one file at a time: no pool
    sent = 0
    try:
        for loaded in results:
            if cache is not None:
                cache.flush()  # committed before it is sent: the screen reads these entries back
            frame = pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL)
            _write_all(pipe, _LENGTH.pack(len(frame)) + frame)
            sent += len(loaded[1].entries or ())
            if sent >= first:
                break
    except OSError:
        pass  # the pipe is closed (BrokenPipeError): the screen took what it wanted
    finally:
        results.close()
        if cache is not None:
            cache.close()
        os.close(pipe)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
