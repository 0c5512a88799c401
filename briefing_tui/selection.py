"""The analyst's selection: items picked out to be marked, flagged or exported together.

Like mutt's tagged messages: items are picked one by one (or every shown one at once), and while any
is picked the marking keys act on all of them. Kept by item id, so the picks survive a new sort, a
filter or a reload; what the keys act on is only the picked items the list shows now (a filter that
hides a picked item keeps it out of a bulk mark, as mutt's limit does). No Textual imports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .review_state import ReviewState


class Selection:
    """Item ids picked out, in the order they were picked."""

    def __init__(self) -> None:
        self._ids: dict[str, None] = {}

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def __bool__(self) -> bool:
        return bool(self._ids)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self._ids)

    def toggle(self, item_id: str) -> bool:
        """Pick the item, or put it back; True when it is picked now."""
        if item_id in self._ids:
            del self._ids[item_id]
            return False
        self._ids[item_id] = None
        return True

    def add(self, item_ids: Iterable[str]) -> int:
        """Pick these items too; how many were not picked before."""
        before = len(self._ids)
        self._ids.update(dict.fromkeys(item_ids))
        return len(self._ids) - before

    def clear(self) -> int:
        """Put every item back; how many were picked."""
        count = len(self._ids)
        self._ids.clear()
        return count

    def among(self, shown: Iterable[str]) -> list[str]:
        """The picked items of ``shown``, in its order (the list's)."""
        return [item_id for item_id in shown if item_id in self._ids]


def bulk_value(states: Mapping[str, ReviewState], item_ids: Iterable[str], which: str) -> bool:
    """What a bulk ``r`` or ``f`` sets: the mark on every item, unless every one has it already, when
    it takes it off every one (one key both ways, as for a single item; never a mix of flips)."""
    return not all(getattr(states.get(item_id), which, False) for item_id in item_ids)
