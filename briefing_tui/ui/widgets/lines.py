"""What the Line-API views (article, panels) share: wrapped, rendered lines and a scroll range
that changes without a layout."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView


def wrapped_lines(text: Text, console: Console, width: int) -> Iterator[list[Segment]]:
    """``text`` wrapped to ``width``, each line rendered to segments (no line ends)."""
    for line in text.wrap(console, width):
        line.end = ""
        yield list(line.render(console))


def set_scroll_size(view: ScrollView, size: Size) -> None:
    """Give ``view`` a new scroll range without asking the screen for a layout.

    Only for views whose own size does not depend on their content and whose scrollbar never
    comes or goes (always there, or none): then a new item is a repaint.
    """
    if size != view.virtual_size:
        view.set_reactive(ScrollView.virtual_size, size)
        view._scroll_update(size)
