"""What a reader is: the one place that knows an input format, between loading and that format's parser.

Loading does what is the same for every format (finding files, reading them within a limit, the
parse cache, the worker processes, turning any failure into a problem that costs one file); a
reader says which files are its own and what items and problems one file's bytes give.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from ...model import Item
from ...problems import Problem
from ...reading import MAX_ARTICLE_BYTES


class Reader(Protocol):
    """One input format. Subclass it to take the defaults; any object with these members will do.

    ``read`` may be handed bytes that are not of its format at all (a file named on the command
    line): bad input is a problem or a LoadError naming the file, never another exception.
    """

    name: str  # keys the format's cache entries, so two formats never share one
    suffixes: tuple[str, ...]  # lower case, with the dot; folders are searched for these
    limit: int = MAX_ARTICLE_BYTES  # bytes: a larger file is refused before it is read
    # True when nothing an item holds depends on where the file is, except its source, which is
    # the file's path: a renamed or copied file is then served from the cache as it is, under its
    # new path. False (items name their own source, or read files beside theirs): the path is
    # part of the cache key.
    source_is_path: bool = False
    # True when a cold file costs far more to read than to send between processes (extraction
    # runs on it): a folder of them is read by worker processes.
    parallel: bool = False

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether a file whose suffix no reader claims is of this format, from its first bytes."""
        return False

    def cacheable(self, data: bytes) -> bool:
        """Whether what these bytes give depends on them alone (and on the path), so may be cached."""
        return True

    def beside(self, path: Path) -> bytes:
        """What the reader reads from beside the file, in a form that changes when that does (names,
        sizes, times): part of the cache key, so a file whose companions changed is read again."""
        return b""

    def prepare(self) -> None:
        """Import what reading needs; a worker process does it before its first file's time runs."""

    def read(self, path: Path, data: bytes) -> Iterator[Item | Problem]:
        """Every item of the file in order, and a problem for each part that could not be read.

        Items of one file need distinct ids (review state is keyed on them). Raises LoadError
        when the file gives nothing at all.
        """
        ...
