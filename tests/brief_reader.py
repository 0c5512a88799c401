"""A toy input format: a `.brief` file holds one item per line, `title | body`.

It stands for any new format (a feed, say): this module and one line in the registry
(``readers.READERS``) are all it takes; see ``test_reader_registry``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from briefing_tui.loading.articles import source_label, text_of
from briefing_tui.loading.readers.base import Reader
from briefing_tui.model import Item, derive_id
from briefing_tui.problems import Problem, problem


class BriefReader(Reader):
    name = "brief"
    suffixes = (".brief",)
    source_is_path = True  # an item's source is its file; nothing else in it depends on where that is

    def read(self, path: Path, data: bytes) -> Iterator[Item | Problem]:
        for number, line in enumerate(text_of(path, data).splitlines(), 1):
            if not line.strip():
                continue
            title, bar, body = (part.strip() for part in line.partition("|"))
            if not bar or not title:
                yield problem(path, "expected `title | body`", number)
                continue
            yield Item(id=derive_id(title, body), title=title, body=[body] if body else [],
                       source=source_label(path))


READER = BriefReader()
