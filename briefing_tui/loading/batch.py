"""Load many files fast: cache hits at once, cold files of costly formats parsed in worker processes.

Each file is read by its format's reader (``readers``). Results come back
in discovery order so the list is the same on every run; a file whose
parse is still running holds back only the files after it. Worker
processes are started with ``spawn`` (never ``fork``) because the caller
may be a thread of a running app.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..problems import problem
from .discover import Found, discover
from .load import (
    ParseTimeout,
    cached_digest,
    cached_entries,
    cached_items,
    internal_error,
    load_with,
    parse_fresh,
    store_parsed,
    with_entries,
)
from .readers import Reader, reader_for
from .result import Loaded, LoadResult

if TYPE_CHECKING:  # multiprocessing is imported only when there is something to parse (start-up time)
    from concurrent.futures import ProcessPoolExecutor

    from ..cache import ParseCache

# path, its reader, ready result, how ("ready", "here": cached or read in this thread, "parse":
# by the workers when there are enough), cache digest
Step = tuple[Path | None, Reader | None, LoadResult | None, str, str | None]
Parsed = tuple[str | None, os.stat_result | None, LoadResult]  # as parse_fresh gives them

# Below this many cold articles a pool's start-up costs more than it saves.
POOL_THRESHOLD = 24
# Seconds one file may take to parse in a worker process before it is given up and reported. A
# backstop for parser defects (an ordinary article takes milliseconds), not a speed target.
PARSE_BUDGET = 15.0


def _start_worker(readers: tuple[Reader, ...]) -> None:
    """Workers share the user's terminal: nothing they might print may reach it. The readers'
    parsers are imported here, before any file, so the budget's alarm never lands inside an import."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    import signal

    for reader in readers:
        reader.prepare()
    signal.signal(signal.SIGALRM, out_of_time)


def out_of_time(_signum: int, _frame: object) -> None:
    """A worker's SIGALRM handler: the file being parsed has had its time."""
    raise ParseTimeout(PARSE_BUDGET)


def _usable_fd(stream: object) -> bool:
    try:
        return stream is not None and stream.fileno() >= 0  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


def start_pool(workers: int, readers: tuple[Reader, ...] = ()) -> ProcessPoolExecutor | None:
    """A spawn pool for files of ``readers``, or None where one cannot start (then the caller
    parses in its own thread).

    multiprocessing's resource tracker hands its child the fd of ``sys.stderr``;
    inside a Textual app that is a stand-in with no fd, so the tracker is
    started with the real stderr first.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import resource_tracker

    saved = sys.stderr
    try:
        if not _usable_fd(sys.stderr):
            if not _usable_fd(sys.__stderr__):
                return None
            sys.stderr = sys.__stderr__
        resource_tracker.ensure_running()
        return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=(readers,))
    except (OSError, ValueError, RuntimeError):
        return None
    finally:
        sys.stderr = saved


_LIVE_POOLS: set[ProcessPoolExecutor] = set()  # pools parsing right now, for stop_all_pools


def stop_all_pools() -> None:
    """Stop every pool this process is parsing with (the dashboard quits: nobody wants the rest)."""
    for executor in list(_LIVE_POOLS):
        stop_pool(executor)


def stop_pool(executor: ProcessPoolExecutor) -> None:
    """Stop at once: queued files are dropped and workers in the middle of a file are killed, so
    quitting never waits for a slow parse."""
    _LIVE_POOLS.discard(executor)
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.kill()


def _parse_in_worker(job: tuple[str, Reader]) -> Parsed:
    path, reader = job
    return parse_within(Path(path), reader, PARSE_BUDGET)


def parse_within(path: Path, reader: Reader, budget: float) -> Parsed:
    """``parse_fresh`` with SIGALRM set to go off after ``budget`` seconds (``out_of_time``
    must be its handler). A timeout in the parse is that file's problem (``read_with``); one
    while the file is read or hashed, or as the alarm is put away, is caught here."""
    import signal

    try:
        signal.setitimer(signal.ITIMER_REAL, budget)
        try:
            return parse_fresh(path, reader)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except ParseTimeout as exc:
        return None, None, LoadResult(problems=[problem(path, f"reading {exc}; skipped")])


def default_workers() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def load_many(
    paths: list[Path], *, cache: ParseCache | None = None, workers: int | None = None, lazy: bool = False
) -> Iterator[Loaded]:
    """(path, result, done, total) for every file under ``paths``, in discovery order.

    ``lazy``: results carry ``entries`` (see catalog) instead of items, and a
    file unchanged since it was cached is answered from its summaries alone.
    Never raises for what a file holds: an exception nobody foresaw becomes that file's problem,
    and the files after it still load.
    """
    found = list(discover(paths))
    batch = _Batch(found, cache, default_workers() if workers is None else workers, lazy)
    total = len(found)
    finished = False
    try:
        for done, entry in enumerate(found, 1):
            try:
                path, result = batch.result(done, entry)
            except Exception as exc:  # the last line of defence: this file only
                path = entry.path
                result = batch.finish(path, internal_error(path if path is not None else "?", exc))
            yield path, result, done, total
        finished = True
    finally:
        batch.close(finished)


class _Batch:
    """What each file needs is decided as its turn comes, so a warm folder's first results arrive at
    once; the first cold file has the rest decided there and then, so the workers start with every
    cold file. The digest the cache knows each file by is looked up once, and used again."""

    def __init__(self, found: list[Found], cache: ParseCache | None, workers: int, lazy: bool) -> None:
        self.found, self.cache, self.workers, self.lazy = found, cache, workers, lazy
        self.plan: list[Step] = []
        self.parsed: Iterator[Parsed] | None = None
        self.executor: ProcessPoolExecutor | None = None

    def finish(self, path: Path | None, result: LoadResult) -> LoadResult:
        return with_entries(path, result) if self.lazy else result

    def result(self, done: int, entry: Found) -> tuple[Path | None, LoadResult]:
        cache, plan = self.cache, self.plan
        if len(plan) < done:
            plan.append(_step(entry, cache))
            if plan[-1][3] == "parse":
                plan.extend(_step(later, cache) for later in self.found[done:])
                cold = [(p, r) for p, r, _, how, _ in plan[done - 1:] if p and r and how == "parse"]
                self.executor, self.parsed = _start_parsing(cold, self.workers)
        path, reader, ready, how, digest = plan[done - 1]
        if ready is not None:
            return path, self.finish(path, ready)
        assert path is not None and reader is not None
        if how == "here":
            hit = None
            if cache is not None and digest is not None:
                hit = (cached_entries(path, reader, cache, digest) if self.lazy
                       else cached_items(path, reader, cache, digest))
            return path, self.finish(path, hit or load_with(reader, path, cache))  # gone bad: read again
        if self.parsed is not None:
            try:
                fresh_digest, st, result = next(self.parsed)
            except Exception:  # a worker died: parse the rest here, slower but complete
                self.parsed = None
                result = load_with(reader, path, cache)
            else:
                if cache is not None:
                    store_parsed(cache, path, fresh_digest, st, result)
            return path, self.finish(path, result)
        return path, self.finish(path, load_with(reader, path, cache))

    def close(self, finished: bool) -> None:
        if self.cache is not None:
            self.cache.flush()
        if self.executor is not None:
            # All parsed: wait for the idle pool to wind down. Left running, its manager thread could
            # close its wake-up pipe just as the interpreter's exit hook writes to it (CPython < 3.13),
            # and `briefing parse` ended with "OSError: Bad file descriptor". Stopped early (the
            # dashboard quit mid-load): cancel what is queued, stop the workers and return at once.
            if finished:
                _LIVE_POOLS.discard(self.executor)
                self.executor.shutdown(wait=True)
            else:
                stop_pool(self.executor)


def _step(entry: Found, cache: ParseCache | None) -> Step:
    if entry.problem is not None:
        return None, None, LoadResult(problems=[entry.problem]), "ready", None
    path = entry.path
    assert path is not None
    reader = reader_for(path)
    digest = cached_digest(path, cache) if cache is not None else None
    # Cold files of a costly format go to the workers; the rest are read here, in order.
    return path, reader, None, "parse" if reader.parallel and digest is None else "here", digest


def _start_parsing(cold: list[tuple[Path, Reader]], workers: int) -> tuple[ProcessPoolExecutor | None,
                                                                          Iterator[Parsed] | None]:
    """Cold files mapped onto a worker pool, or (None, None): then they are parsed in this thread."""
    if len(cold) < POOL_THRESHOLD or workers <= 1:
        return None, None
    readers = tuple(dict.fromkeys(reader for _, reader in cold))
    executor = start_pool(workers, readers)
    if executor is None:
        return None, None
    chunk = max(1, min(32, len(cold) // (workers * 4)))
    _LIVE_POOLS.add(executor)
    try:
        return executor, executor.map(_parse_in_worker, [(str(p), r) for p, r in cold], chunksize=chunk)
    except (OSError, ValueError, RuntimeError):  # workers could not start: parse here instead
        _LIVE_POOLS.discard(executor)
        executor.shutdown(wait=False, cancel_futures=True)
        return None, None
