"""What the dashboard's launch asks of loading, in one place: a head start, and items read back.

The command line starts loading before the UI is imported (``begin_head_start``); the screen,
live reload and digest export each read items through a connection of their own to the parse
cache (``open_item_source``), so no thread waits on another's transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self

if TYPE_CHECKING:
    from ..cache import ParseCache
    from ..catalog import Ref
    from ..model import Item
    from .result import Loaded, LoadResult


class ReadAhead(Protocol):
    """A head start of either kind (a thread, or a child process): what the screen takes over."""

    cache: ParseCache | None  # the connection the loading worker goes on with, once ``rest`` began

    def take_ready(self) -> list[Loaded]: ...

    def rest(self) -> Iterator[Loaded]: ...

    def close(self) -> None: ...


def begin_head_start(paths: list[Path], *, use_cache: bool = True, first: int = 60) -> ReadAhead:
    """The fastest head start this process can have: read by a child on another core when the
    cache answers and forking is safe (still one thread), else by a thread."""
    from .forked_head_start import ForkedHeadStart, can_fork
    from .head_start import HeadStart

    if use_cache and can_fork():
        try:
            return ForkedHeadStart(paths, first=first).start()
        except OSError:  # out of processes or descriptors: the thread still helps
            pass
    return HeadStart(paths, use_cache=use_cache, first=first).start()


class ItemSource:
    """Items read again through one connection to the user's parse cache, opened when first needed
    (a session that never reads pays nothing); with ``use_cache`` false (``--no-cache``), from the
    files alone. One per thread that reads; close it when that thread is done."""

    def __init__(self, use_cache: bool = True) -> None:
        self.use_cache = use_cache
        self._cache: ParseCache | None = None
        self._closed = False

    @property
    def cache(self) -> ParseCache | None:
        if self._cache is None and self.use_cache and not self._closed:
            from ..cache import open_default_cache

            self._cache = open_default_cache()
        return self._cache

    def fetch(self, ref: Ref) -> Sequence[Item] | None:
        """The items of the file ``ref`` points into: from the cache, else from the file as it is now."""
        from .load import fetch_items

        return fetch_items(ref, self.cache)

    def search_rows(self, query: str) -> list[int] | None:
        """The parse cache's search index rows whose text holds ``query`` (``ParseCache.search_rows``);
        None when there is no cache or it cannot answer."""
        cache = self.cache
        return cache.search_rows(query) if cache is not None else None

    def load(self, path: Path) -> LoadResult:
        """One file's items and problems, through the cache (a changed file is read again)."""
        from .load import load_file

        return load_file(path, self.cache)

    def flush(self) -> None:
        """Commit what ``load`` cached, so other connections (the screen's) can read it."""
        if self._cache is not None:
            self._cache.flush()

    def close(self) -> None:
        """Commit and give the connection back; may be called twice. Reading after this goes to the files."""
        self._closed = True
        if self._cache is not None:
            self._cache.close()
            self._cache = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def open_item_source(use_cache: bool = True) -> ItemSource:
    """Where the screen, live reload and export read items from: the one way to open the parse cache
    for reading items back (``--no-cache``: ``use_cache`` false, the files alone)."""
    return ItemSource(use_cache)
