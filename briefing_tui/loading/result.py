"""What loading one file gives: kept apart from the parsers, so a warm load imports none of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..catalog import Entry
    from ..model import Item
    from ..problems import Problem


@dataclass
class LoadResult:
    """Items read from one file, and the problems found in it."""

    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    digest: str | None = None  # the parse-cache entry that holds these items, if one does
    entries: list[Entry] | None = None  # the dashboard's lighter form (see catalog), when asked for
    indexed: int | None = None  # the number the entry's texts are under in the cache's search index


# What loading many files yields for each: (path, result, files done, files in all). The path is
# None for a problem met while looking (a missing path).
Loaded = tuple[Path | None, LoadResult, int, int]
