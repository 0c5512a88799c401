"""What a duplicate item is, decided once for the dashboard and ``briefing check``.

Review state is keyed on the item id (docs/format.md), so two loaded items with one id would share
marks, notes and pins. An item is a duplicate when an item loaded before it, from another file or
earlier in its own, has its id: the first stays, each later copy is skipped and reported where it
stands (its file, and its line for a YAML item), naming the file it repeats. The review session
and ``briefing check`` both keep an ``ItemIds``, so they drop the same items and say so alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..problems import Problem, problem
from .result import LoadResult

if TYPE_CHECKING:  # PyYAML is imported only when a briefing file's item is named in a problem
    from .yaml_items import ItemPlace


class ItemIds:
    """The file that first gave each loaded item id, and the duplicates met since."""

    def __init__(self) -> None:
        self._owner: dict[str, Path | None] = {}
        # The parse cache keeps no lines: a YAML file's places are read again only when one of its
        # items is named in a problem, once per file.
        self._places: dict[Path, dict[str, ItemPlace]] = {}

    def __contains__(self, item_id: str) -> bool:
        return item_id in self._owner

    def admit(self, path: Path | None, result: LoadResult, *, again: bool = False) -> list[Problem]:
        """Take ``result``'s items (entries too, when it has them) that are not duplicates; drop the
        others from it and return a problem for each.

        ``again``: ``path`` is read again (live reload), so the ids it gave before are its own; an
        item is then a duplicate only of another file's item, or of an earlier one in this result.
        """
        if path is not None:
            self._places.pop(path, None)  # read anew: its lines may have moved
        problems: list[Problem] = []
        seen: set[str] = set()

        def fresh(item_id: str) -> bool:
            known = item_id in self._owner
            owner = self._owner.get(item_id, path)
            if item_id in seen or owner != path or (known and not again):
                problems.append(self._duplicate(path, item_id, owner))
                return False
            seen.add(item_id)
            self._owner[item_id] = path
            return True

        if result.entries is not None:  # the dashboard's form; items, if also there, are the same ones
            result.entries = [entry for entry in result.entries if fresh(entry.summary.id)]
            kept = {entry.summary.id for entry in result.entries}
            result.items = [item for item in result.items if item.id in kept]
        else:
            result.items = [item for item in result.items if fresh(item.id)]
        return problems

    def _duplicate(self, path: Path | None, item_id: str, first: Path | None) -> Problem:
        where = str(path) if path is not None else "?"
        if first == path:
            # Readers skip an id repeated within a file themselves, with its line; one that let both
            # through cannot be placed by id (a re-read finds the first copy), so no line is given.
            return problem(where, f"item id '{item_id}' is also used by an earlier item in this file; skipped")
        place = self._places_of(path).get(item_id) if path is not None else None
        line, column, field = place if place is not None else (None, None, None)
        what = f"item id '{item_id}' was already loaded from {self._shown(first, item_id)}; this copy is skipped"
        return problem(where, what, line, column, field)

    def _shown(self, path: Path | None, item_id: str) -> str:
        if path is None:
            return "another input"
        place = self._places_of(path).get(item_id)
        return f"{path}:{place[0]}" if place is not None else str(path)

    def _places_of(self, path: Path) -> dict[str, ItemPlace]:
        if path not in self._places:
            self._places[path] = _yaml_places(path)
        return self._places[path]


def _yaml_places(path: Path) -> dict[str, ItemPlace]:
    """A briefing file's item places by id; other formats have no per-item line (an empty map)."""
    from .readers import reader_for
    from .readers.yaml_briefing import READER as YAML_READER

    try:
        if reader_for(path) is not YAML_READER:
            return {}
        from .yaml_items import yaml_item_places  # PyYAML: only when a briefing file's item is named

        return yaml_item_places(path)
    except Exception:  # the place is a courtesy: a file that changed or broke costs the line, not the report
        return {}
