"""A few answers kept by key, the least recently used dropped first: the one bookkeeping behind the
item shelf's recent files and the search index's remembered keyword sets and find answers."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Recent(Generic[K, V]):
    """At most ``size`` values by key; reading one makes it the most recent."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._held: OrderedDict[K, V] = OrderedDict()

    def __len__(self) -> int:
        return len(self._held)

    def __contains__(self, key: object) -> bool:
        return key in self._held

    def get(self, key: K) -> V | None:
        """The value kept for ``key`` (now the most recent), or None."""
        if key not in self._held:
            return None
        self._held.move_to_end(key)
        return self._held[key]

    def put(self, key: K, value: V) -> V:
        """Keep ``value`` as the most recent; the oldest goes once more than ``size`` are kept."""
        self._held[key] = value
        self._held.move_to_end(key)
        if len(self._held) > self.size:
            self._held.popitem(last=False)
        return value

    def items(self) -> Iterator[tuple[K, V]]:
        """What is kept, oldest first, without making any of it recent."""
        return iter(list(self._held.items()))

    def clear(self) -> None:
        self._held.clear()
