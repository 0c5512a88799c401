"""Load any supported file into items: the one loader the CLI and the dashboard share."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalog import Entry, Ref, Summary, searchable_text
from ..model import Item
from ..problems import LoadError, problem
from ..reading import read_bytes, read_head
from .articles import parse_article, source_label, text_of
from .discover import discover, is_yaml
from .result import LoadResult

if TYPE_CHECKING:
    from ..cache import ParseCache


def _sniff_yaml(path: Path) -> bool:
    """A file without a known suffix whose first line looks like a YAML key."""
    head = read_head(path, 512).lstrip()
    first = head.split(b"\n", 1)[0].strip()
    return first in (b"---", b"items:") or first.startswith((b"title:", b"id:", b"items:"))


def is_yaml_file(path: Path) -> bool:
    return is_yaml(path) or (path.suffix == "" and _sniff_yaml(path))


class ParseTimeout(Exception):
    """Raised into a parse that outlived its budget (worker processes only: see batch)."""

    def __init__(self, budget: float) -> None:
        super().__init__(f"took longer than {budget:g} s")
        self.budget = budget


def internal_error(path: Path | str, exc: BaseException, what: str = "the file was skipped") -> LoadResult:
    """The last line of defence: an exception nobody foresaw costs one file, named with its type."""
    detail = " ".join(str(exc).split())[:160]
    message = f"internal error ({type(exc).__name__}{': ' + detail if detail else ''}); {what}"
    return LoadResult(problems=[problem(path, message)])


def _guarded(path: Path, data: bytes | None = None) -> LoadResult:
    """Parse one article; any failure, even a parser bug, costs this file only."""
    try:
        item, notes = parse_article(path, read_bytes(path) if data is None else data)
        return LoadResult(items=[item], problems=[problem(path, note) for note in notes])
    except LoadError as exc:
        return LoadResult(problems=[exc.problem])
    except RecursionError:
        return LoadResult(problems=[problem(path, "article structure too deeply nested to read")])
    except ParseTimeout as exc:
        return LoadResult(problems=[problem(path, f"parsing {exc}; skipped (an article this slow to parse is "
                                                  "a parser defect: please report it with the file)")])
    except Exception as exc:  # a parser bug must cost one file, never the session
        return internal_error(path, exc, "could not be parsed")


def cached_digest(path: Path, cache: ParseCache) -> str | None:
    """The content digest the cache recorded for this exact file (same identity), if it parsed it
    before: one stat and one indexed lookup."""
    try:
        return cache.digest_for(path, os.stat(path))
    except OSError:
        return None


def cached_article(path: Path, cache: ParseCache, digest: str | None = None) -> LoadResult | None:
    """The article's items from the cache when the file is unchanged since it was parsed
    (``digest``: from ``cached_digest``, when the caller has it already)."""
    digest = digest or cached_digest(path, cache)
    item = cache.get(digest, source_label(path)) if digest else None
    return LoadResult(items=[item], digest=digest) if item is not None else None


def cached_entries(path: Path, cache: ParseCache, *, article: bool, digest: str | None = None) -> LoadResult | None:
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
    label = source_label(path) if article else None
    entries = [Entry(dataclasses.replace(summary, source=label) if label else summary, text, Ref(path, digest, k))
               for k, (summary, text) in enumerate(rows)]
    return LoadResult(digest=digest, entries=entries)


def with_entries(path: Path | None, result: LoadResult) -> LoadResult:
    """The result in the dashboard's form: entries that point into the cache, or hold items it lacks."""
    if result.entries is None:
        digest = result.digest
        result.entries = [Entry.of(item, Ref(path, digest, k) if digest and path else None)
                          for k, item in enumerate(result.items)]
        result.items = []
    return result


def fetch_items(ref: Ref, cache: ParseCache | None) -> Sequence[Item] | None:
    """The items behind ``ref`` again: from the cache, else from the file as it is now."""
    items = cache.get_items(ref.digest) if cache is not None else None
    if items is not None:
        if not is_yaml_file(ref.path):
            items.source = source_label(ref.path)
        return items
    # Gone from the cache (evicted, or dropped as damaged): parse the file again, without writing to
    # the cache, which a loading thread may hold for writing (this runs for the screen).
    return load_file(ref.path).items or None


def parse_fresh(path: Path) -> tuple[str | None, os.stat_result | None, LoadResult]:
    """Parse from disk: (content digest, file identity, result); the digest is of the bytes parsed."""
    from ..cache import content_digest

    try:
        st = os.stat(path)
        data = read_bytes(path)
    except (OSError, LoadError):
        return None, None, _guarded(path)
    return content_digest(data), st, _guarded(path, data)


def store_parsed(cache: ParseCache, path: Path, digest: str | None, st: os.stat_result | None,
                 result: LoadResult) -> None:
    # A page read with cuts (its problems say what) is read again next time, so they are said again.
    if digest is not None and st is not None and result.items and not result.problems:
        cache.put(digest, result.items[0])
        cache.remember_file(path, st, digest)
        result.digest = digest


def load_article(path: Path, cache: ParseCache | None = None) -> LoadResult:
    """Parse an article, through the cache when one is given (a changed file is parsed again)."""
    if cache is None:
        return _guarded(path)
    hit = cached_article(path, cache)
    if hit is not None:
        return hit
    digest, st, result = parse_fresh(path)
    store_parsed(cache, path, digest, st, result)
    return result


def _yaml_digest(data: bytes, path: Path) -> str:
    from ..cache import content_digest

    # The path is part of the key: items without a `source` take the file's path as theirs.
    return content_digest(b"yaml\0" + os.fsencode(path) + b"\0" + data)


def load_yaml_cached(path: Path, cache: ParseCache | None, digest: str | None = None) -> LoadResult:
    """A briefing file through the cache. Only files that loaded cleanly and name no `article:` are
    cached: an `article:` item depends on another file, and problems are cheap to find again.
    (``digest``: from ``cached_digest``, when the caller has it already.)"""
    from .yaml_items import MAX_YAML_BYTES, load_yaml_file, load_yaml_text  # PyYAML: only when one is read

    if cache is None:
        return load_yaml_file(path)
    try:
        st = os.stat(path)
    except OSError:
        return load_yaml_file(path)
    digest = digest or cache.digest_for(path, st)
    items = cache.get_many(digest) if digest else None
    if items is not None:
        return LoadResult(items=items, digest=digest)
    try:
        data = read_bytes(path, limit=MAX_YAML_BYTES)
    except LoadError as exc:
        return LoadResult(problems=[exc.problem])
    digest = _yaml_digest(data, path)
    items = cache.get_many(digest)
    if items is not None:
        cache.remember_file(path, st, digest)
        return LoadResult(items=items, digest=digest)
    try:
        result = load_yaml_text(text_of(path, data), path)
    except LoadError as exc:
        return LoadResult(problems=[exc.problem])
    if not result.problems and b"article:" not in data:
        cache.put_many(digest, result.items)
        cache.remember_file(path, st, digest)
        result.digest = digest
    return result


def load_file(path: Path, cache: ParseCache | None = None) -> LoadResult:
    """Items and problems of one file; never raises, so one file cannot stop others."""
    try:
        if is_yaml_file(path):
            return load_yaml_cached(path, cache)
        return load_article(path, cache)
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
