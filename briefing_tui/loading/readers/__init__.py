"""The input formats briefing reads: one reader per format, and the registry that picks one for a file.

A new format is one module here (a ``Reader``, see ``base``) and one line in ``READERS``. A file
goes to the reader claiming its suffix; a file named on the command line whose suffix no reader
claims goes to the first reader, in this order, whose ``sniff`` recognises its first bytes.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ...reading import read_head
from ..articles import SNIFF_BYTES
from . import feed, html, markdown, text, yaml_briefing
from .base import Reader

READERS: tuple[Reader, ...] = (
    yaml_briefing.READER,
    feed.READER,  # before html: a feed's CDATA holds tags the page sniff would take for a page
    html.READER,
    markdown.READER,
    text.READER,  # last: it takes any file the others do not recognise
)


@lru_cache(maxsize=4)
def _by_suffix(readers: tuple[Reader, ...]) -> dict[str, Reader]:
    claimed: dict[str, Reader] = {}
    for reader in readers:
        for suffix in reader.suffixes:
            claimed.setdefault(suffix, reader)  # the first reader to claim a suffix keeps it
    return claimed


@lru_cache(maxsize=4)
def _suffixes(readers: tuple[Reader, ...]) -> frozenset[str]:
    return frozenset(_by_suffix(readers))


def readable_suffixes() -> frozenset[str]:
    """Every suffix some reader claims: what a folder is searched, and watched, for."""
    return _suffixes(READERS)


def reader_for(path: Path) -> Reader:
    """The reader of ``path``: by its suffix; else by its first bytes (read only then)."""
    readers = READERS
    claimed = _by_suffix(readers).get(path.suffix.lower())
    if claimed is not None:
        return claimed
    head = read_head(path, SNIFF_BYTES)
    return next((reader for reader in readers if reader.sniff(path, head)), text.READER)


__all__ = ["READERS", "Reader", "readable_suffixes", "reader_for"]
