"""Load many files fast: cache hits at once, cold articles parsed in worker processes, in order.

Results come back in discovery order so the list is the same on every
run; a file whose parse is still running holds back only the files after
it. Worker processes are started with ``spawn`` (never ``fork``) because
the caller may be a thread of a running app.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .discover import Found, discover
from .load import (
    cached_article,
    cached_digest,
    cached_entries,
    is_yaml_file,
    load_article,
    load_yaml_cached,
    parse_fresh,
    store_parsed,
    with_entries,
)
from .result import LoadResult

if TYPE_CHECKING:  # multiprocessing is imported only when there is something to parse (start-up time)
    from concurrent.futures import ProcessPoolExecutor

    from ..cache import ParseCache

Step = tuple[Path | None, LoadResult | None, str, str | None]  # path, ready result, how, cache digest

# Below this many cold articles a pool's start-up costs more than it saves.
POOL_THRESHOLD = 24


def _silence_worker() -> None:
    """Workers share the user's terminal: nothing they might print may reach it."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def _usable_fd(stream: object) -> bool:
    try:
        return stream is not None and stream.fileno() >= 0  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


def start_pool(workers: int) -> ProcessPoolExecutor | None:
    """A spawn pool, or None where one cannot start (then the caller parses in its own thread).

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
                                   initializer=_silence_worker)
    except (OSError, ValueError, RuntimeError):
        return None
    finally:
        sys.stderr = saved


def _parse_in_worker(path: str) -> tuple[str | None, os.stat_result | None, LoadResult]:
    return parse_fresh(Path(path))


def default_workers() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def load_many(
    paths: list[Path], *, cache: ParseCache | None = None, workers: int | None = None, lazy: bool = False
) -> Iterator[tuple[Path | None, LoadResult, int, int]]:
    """(path, result, done, total) for every file under ``paths``, in discovery order.

    ``lazy``: results carry ``entries`` (see catalog) instead of items, and a
    file unchanged since it was cached is answered from its summaries alone.
    """
    finish = with_entries if lazy else (lambda _path, result: result)
    found = list(discover(paths))
    total = len(found)
    workers = default_workers() if workers is None else workers
    # What each file needs is decided as its turn comes, so a warm folder's first results arrive at
    # once; the first cold file has the rest decided there and then, so the workers start with every
    # cold file. The digest the cache knows each file by is looked up once, and used again below.
    plan: list[Step] = []
    parsed: Iterator[tuple[str | None, os.stat_result | None, LoadResult]] | None = None
    executor = None
    finished = False
    try:
        for done, entry in enumerate(found, 1):
            if len(plan) < done:
                plan.append(_step(entry, cache))
                if plan[-1][2] == "parse":
                    plan.extend(_step(later, cache) for later in found[done:])
                    executor, parsed = _start_parsing([p for p, _, how, _ in plan[done - 1:] if p and how == "parse"],
                                                      workers)
            path, ready, how, digest = plan[done - 1]
            if ready is not None:
                yield path, finish(path, ready), done, total
                continue
            assert path is not None
            if how == "yaml":
                hit = cached_entries(path, cache, article=False, digest=digest) if lazy and digest else None
                yield path, finish(path, hit or load_yaml_cached(path, cache, digest)), done, total
            elif how == "cached":
                assert cache is not None
                hit = (cached_entries(path, cache, article=True, digest=digest) if lazy
                       else cached_article(path, cache, digest))
                yield path, finish(path, hit or load_article(path, cache)), done, total  # gone bad: parse
            elif parsed is not None:
                try:
                    fresh_digest, st, result = next(parsed)
                except Exception:  # a worker died: parse the rest here, slower but complete
                    parsed = None
                    result = load_article(path, cache)
                else:
                    if cache is not None:
                        store_parsed(cache, path, fresh_digest, st, result)
                yield path, finish(path, result), done, total
            else:
                yield path, finish(path, load_article(path, cache)), done, total
        finished = True
    finally:
        if cache is not None:
            cache.flush()
        if executor is not None:
            # All parsed: wait for the idle pool to wind down. Left running, its manager thread could
            # close its wake-up pipe just as the interpreter's exit hook writes to it (CPython < 3.13),
            # and `briefing parse` ended with "OSError: Bad file descriptor". Stopped early (the
            # dashboard quit mid-load): cancel what is queued and return at once.
            executor.shutdown(wait=finished, cancel_futures=not finished)


def _step(entry: Found, cache: ParseCache | None) -> Step:
    if entry.problem is not None:
        return None, LoadResult(problems=[entry.problem]), "ready", None
    path = entry.path
    assert path is not None
    digest = cached_digest(path, cache) if cache is not None else None
    if is_yaml_file(path):
        return path, None, "yaml", digest
    if digest is not None:
        return path, None, "cached", digest
    return path, None, "parse", None


def _start_parsing(
    cold: list[Path], workers: int
) -> tuple[ProcessPoolExecutor | None, Iterator[tuple[str | None, os.stat_result | None, LoadResult]] | None]:
    """Cold articles mapped onto a worker pool, or (None, None): then they are parsed in this thread."""
    if len(cold) < POOL_THRESHOLD or workers <= 1:
        return None, None
    executor = start_pool(workers)
    if executor is None:
        return None, None
    chunk = max(1, min(32, len(cold) // (workers * 4)))
    try:
        return executor, executor.map(_parse_in_worker, [str(p) for p in cold], chunksize=chunk)
    except (OSError, ValueError, RuntimeError):  # workers could not start: parse here instead
        executor.shutdown(wait=False, cancel_futures=True)
        return None, None
