"""Word wrap as Rich does it, for the common case, at a fraction of its cost.

Wrapping the next item's panels and article is a large share of a
keystroke's own work (docs/performance.md), and in Rich most of it goes to
``divide_line``, which measures every word's cell width. Where every
character of a text takes one cell (nearly all news text), the width is the
length: ``line_breaks`` finds the same break offsets from lengths alone, and
the lines themselves are cut from the text only when one of them is first
drawn (``Wrapped``), which for a long article is a screenful of its
paragraphs. Anything else (wide or zero-width characters, tabs, a text with
its own justify, overflow or no-wrap) returns None, and the caller uses
Rich's ``Text.wrap``.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.text import Text

_WORD = re.compile(r"(\s*\S+)\s*")  # Rich's word: spaces, a run of non-spaces, spaces
_ONE_CELL: set[str] = set()  # characters seen to take exactly one cell


def _one_cell_each(plain: str) -> bool:
    if _ONE_CELL.issuperset(plain):
        return True
    for character in set(plain).difference(_ONE_CELL):
        if cell_len(character) != 1:  # wide (CJK, emoji), zero-width, control (tab, newline)
            return False
        _ONE_CELL.add(character)
    return True


def line_breaks(text: Text, width: int) -> list[int] | None:
    """The offsets Rich's ``Text.wrap`` breaks ``text`` at for ``width`` cells, or None when
    the text needs Rich's own wrap (see the module's docstring)."""
    if width < 1 or text.justify not in (None, "default") or text.overflow not in (None, "fold") or text.no_wrap:
        return None
    plain = text.plain
    if not _one_cell_each(plain):
        return None
    breaks: list[int] = []
    offset = 0  # cells used on the current line
    for match in _WORD.finditer(plain):
        start, end = match.span()
        word_length = match.end(1) - start  # without the spaces after it
        if width - offset >= word_length:
            offset += end - start
        elif word_length > width:  # longer than a line: folded, a line's width at a time
            size = end - start
            for chunk_start in range(0, size, width):
                if start:
                    breaks.append(start)
                if chunk_start + width >= size:
                    offset = size - chunk_start
                else:
                    start += width
        elif offset and start:  # to the next line
            breaks.append(start)
            offset = end - start
    return breaks


class Wrapped:
    """A text's wrapped lines, cut from it the first time one of them is drawn."""

    __slots__ = ("_lines", "breaks", "text", "width")

    def __init__(self, text: Text, breaks: list[int], width: int) -> None:
        self.text, self.breaks, self.width = text, breaks, width
        self._lines: list[Text] | None = None

    def __len__(self) -> int:
        return len(self.breaks) + 1

    def line(self, index: int) -> Text:
        if self._lines is None:
            lines = list(self.text.divide(self.breaks))
            for line in lines:  # as Text.wrap finishes each line
                line.rstrip_end(self.width)
                line.truncate(self.width, overflow="fold")
                line.end = ""
            self._lines = lines
        return self._lines[index]
