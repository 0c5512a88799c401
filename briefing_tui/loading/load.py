"""Load any supported file into items: the one loader the CLI and the dashboard share.

Which reader reads a file is the registry's choice (``readers``); what is the same for every
format is here: reading the bytes within the reader's limit, the parse cache, and turning any
failure into a problem that costs one file. A cache entry holds what one reader made of one
file, every item of it in order; an item is found again by its entry and its place in it (``Ref``).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalog import ITEM_BITS, Entry, Ref, Summary, searchable_text
from ..model import Item
from ..problems import LoadError, Problem, problem
from ..reading import read_bytes
from .articles import source_label
from .discover import discover
from .readers import Reader, reader_for
from .result import LoadResult

if TYPE_CHECKING:
    from ..cache import ParseCache


class ParseTimeout(BaseException):
    """Raised into a parse that outlived its budget (worker processes only: see batch).

    A BaseException, like KeyboardInterrupt: the parsers' own last lines of defence (one odd
    paragraph, one page's markup, one feed entry costs only itself) catch Exception, and a
    timeout caught there would be spent on that paragraph while the parse went on past its budget.
    ``read_with`` and the worker catch it by name."""

    def __init__(self, budget: float) -> None:
        super().__init__(f"took longer than {budget:g} s")
        self.budget = budget


def internal_error(path: Path | str, exc: BaseException, what: str = "the file was skipped") -> LoadResult:
    """The last line of defence: an exception nobody foresaw costs one file, named with its type."""
    detail = " ".join(str(exc).split())[:160]
    message = f"internal error ({type(exc).__name__}{': ' + detail if detail else ''}); {what}"
    return LoadResult(problems=[problem(path, message)])


def read_with(reader: Reader, path: Path, data: bytes | None = None) -> LoadResult:
    """What ``reader`` makes of the file (of ``data``, when read already); any failure, even a
    parser bug, costs this file only."""
    try:
        if data is None:
            data = read_bytes(path, limit=reader.limit)
        result = LoadResult()
        for found in reader.read(path, data):
            if isinstance(found, Problem):
                result.problems.append(found)
            else:
                result.items.append(found)
        return result
    except LoadError as exc:
        return LoadResult(problems=[exc.problem])
    except ParseTimeout as exc:
        return LoadResult(problems=[problem(path, f"parsing {exc}; skipped (an article this slow to parse is "
                                                  "a parser defect: please report it with the file)")])
    except Exception as exc:  # a parser bug must cost one file, never the session
        return internal_error(path, exc, "could not be parsed")


def entry_digest(reader: Reader, path: Path, data: bytes) -> str:
    """The cache key of what ``reader`` makes of ``data``: the reader and the content, the path as
    well unless the reader's items depend on it only for their source, and what the reader reads
    beside the file."""
    from ..cache import content_digest

    key = reader.name.encode() + b"\0"
    if not reader.source_is_path:
        key += os.fsencode(path) + b"\0"
    # A feed's saved full-text pages (``Reader.beside``); length-prefixed, so it cannot run into the data.
    beside = getattr(reader, "beside", None)
    extra = beside(path) if beside is not None else b""
    if extra:
        key += len(extra).to_bytes(8, "big") + extra
    return content_digest(key + data)


def cached_digest(path: Path, cache: ParseCache) -> str | None:
    """The cache key recorded for this exact file (same identity), if it was read before: one
    stat and one indexed lookup."""
    try:
        return cache.digest_for(path, os.stat(path))
    except OSError:
        return None


def _served(path: Path, reader: Reader, items: list[Item]) -> list[Item]:
    if reader.source_is_path:
        label = source_label(path)
        for item in items:
            item.source = label
    return items


def cached_items(path: Path, reader: Reader, cache: ParseCache, digest: str | None = None) -> LoadResult | None:
    """The file's items from the cache when the file is unchanged since it was read (``digest``:
    from ``cached_digest``, when the caller has it already)."""
    digest = digest or cached_digest(path, cache)
    items = cache.get_many(digest) if digest else None
    return LoadResult(items=_served(path, reader, items), digest=digest) if items is not None else None


def cached_entries(path: Path, reader: Reader, cache: ParseCache, digest: str | None = None) -> LoadResult | None:
    """The file's entries straight from the cache's summaries (no item decoded), if it is unchanged
    (``digest``: from ``cached_digest``, when the caller has it already)."""
    digest = digest or cached_digest(path, cache)
    if digest is None:
        return None
    rows = cache.get_summaries(digest)
    if rows is None:
        # The items may still be cached (their summaries row was dropped as bad): summarise them again.
        items = cache.get_items(digest)
        if not items:
            return None
        cache.put_summaries(digest, items)
        rows = [(Summary.of(item), searchable_text(item)) for item in items]
    label = source_label(path) if reader.source_is_path else None
    # Where find looks its texts up (None until the dashboard indexed the entry after a load).
    number = cache.search_id(digest)
    base = None if number is None else number << ITEM_BITS
    entries = [Entry(dataclasses.replace(summary, source=label) if label else summary, text, Ref(path, digest, k),
                     indexed=None if base is None else base | k)
               for k, (summary, text) in enumerate(rows)]
    return LoadResult(digest=digest, entries=entries)


def with_entries(path: Path | None, result: LoadResult) -> LoadResult:
    """The result in the dashboard's form: entries that point into the cache, or hold items it lacks."""
    if result.entries is None:
        digest = result.digest
        ref = bool(digest and path)
        base = result.indexed << ITEM_BITS if ref and result.indexed is not None else None
        result.entries = [Entry.of(item, Ref(path, digest, k) if ref else None,
                                   indexed=None if base is None else base | k)
                          for k, item in enumerate(result.items)]
        result.items = []
    return result


def fetch_items(ref: Ref, cache: ParseCache | None) -> Sequence[Item] | None:
    """The items behind ``ref`` again: from the cache, else from the file as it is now."""
    items = cache.get_items(ref.digest) if cache is not None else None
    if items is not None:
        if reader_for(ref.path).source_is_path:
            items.source = source_label(ref.path)
        return items
    # Gone from the cache (evicted, or dropped as damaged): read the file again, without writing to
    # the cache, which a loading thread may hold for writing (this runs for the screen).
    return load_file(ref.path).items or None


def _read_fresh(path: Path, reader: Reader) -> tuple[os.stat_result, bytes] | None:
    try:
        return os.stat(path), read_bytes(path, limit=reader.limit)
    except (OSError, LoadError):
        return None


def parse_fresh(path: Path, reader: Reader) -> tuple[str | None, os.stat_result | None, LoadResult]:
    """Read from disk: (cache key, file identity, result); the key is of the bytes read, and None
    when what they give may not be cached."""
    fresh = _read_fresh(path, reader)
    if fresh is None:
        return None, None, read_with(reader, path)  # says what is wrong with the file
    st, data = fresh
    return (entry_digest(reader, path, data) if reader.cacheable(data) else None), st, read_with(reader, path, data)


def store_parsed(cache: ParseCache, path: Path, digest: str | None, st: os.stat_result | None,
                 result: LoadResult) -> None:
    # A file read with problems (a bad item, a page read with cuts) is read again next time, so
    # they are said again.
    if digest is not None and st is not None and result.items and not result.problems:
        cache.put_items(digest, result.items)
        cache.remember_file(path, st, digest)
        result.digest = digest
        result.indexed = cache.search_id(digest)


def load_with(reader: Reader, path: Path, cache: ParseCache | None = None) -> LoadResult:
    """Read one file with ``reader``, through the cache when one is given: an unchanged file (or
    one whose bytes were read before: touched, copied back) is not parsed again."""
    if cache is None:
        return read_with(reader, path)
    hit = cached_items(path, reader, cache)
    if hit is not None:
        return hit
    fresh = _read_fresh(path, reader)
    if fresh is None:
        return read_with(reader, path)
    st, data = fresh
    digest = entry_digest(reader, path, data) if reader.cacheable(data) else None
    if digest is not None:
        items = cache.get_many(digest)
        if items is not None:
            cache.remember_file(path, st, digest)
            return LoadResult(items=_served(path, reader, items), digest=digest)
    # A reader of many entries (feeds) takes the ones it read before from the cache, one by one.
    remembering = getattr(reader, "remembering", None)
    result = read_with(remembering(cache) if remembering is not None else reader, path, data)
    store_parsed(cache, path, digest, st, result)
    return result


def load_file(path: Path, cache: ParseCache | None = None) -> LoadResult:
    """Items and problems of one file; never raises, so one file cannot stop others."""
    try:
        return load_with(reader_for(path), path, cache)
    except Exception as exc:  # whatever the file holds, it costs this file only
        return internal_error(path, exc)


def load_paths(paths: list[Path]) -> Iterator[tuple[Path | None, LoadResult]]:
    """Every file under ``paths`` with what it gave, in a stable order."""
    for found in discover(paths):
        if found.problem is not None:
            yield None, LoadResult(problems=[found.problem])
        elif found.path is not None:
            yield found.path, load_file(found.path)


__all__ = ["LoadResult", "load_file", "load_paths"]
