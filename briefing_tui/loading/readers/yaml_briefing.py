"""YAML briefing files: one item or an `items:` list, as ``docs/format.md`` describes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ...model import Item
from ...problems import Problem
from ...reading import MAX_YAML_BYTES
from .base import Reader

_KEY_LINES = (b"title:", b"id:", b"items:")


class BriefingFileReader(Reader):
    """Items are validated one by one (``loading.yaml_items``), so one bad item never hides the rest."""

    name = "yaml"
    suffixes = (".yaml", ".yml")
    limit = MAX_YAML_BYTES
    # An item without `source:` takes the file's path, and `article:` is relative to the file:
    # the path is part of the cache key (source_is_path stays False).

    def sniff(self, path: Path, head: bytes) -> bool:
        """Only a file with no suffix at all whose first line looks like a YAML key: a `.log` that
        happens to start with `title:` is still text."""
        if path.suffix != "":
            return False
        first = head[:512].lstrip().split(b"\n", 1)[0].strip()
        return first in (b"---", b"items:") or first.startswith(_KEY_LINES)

    def cacheable(self, data: bytes) -> bool:
        return b"article:" not in data  # such an item depends on another file, which may change

    def read(self, path: Path, data: bytes) -> Iterator[Item | Problem]:
        from ..articles import text_of
        from ..yaml_items import load_yaml_text  # PyYAML: only when a briefing file is read

        result = load_yaml_text(text_of(path, data), path)
        yield from result.items
        yield from result.problems


READER = BriefingFileReader()
