"""What the Line-API views (article, panels) share: wrapped, rendered lines and a scroll range
that changes without a layout."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from ..textual_internals import update_scroll_range
from .wrap import Wrapped, line_breaks

T = TypeVar("T")


class WrappedLine:
    """One wrapped line, cut from its text and rendered to segments only when first drawn: most
    lines of a long article or a full panel are never on screen."""

    __slots__ = ("_cells", "_index", "_segments", "_source", "_text")

    def __init__(self, text: Text | None = None, *, source: Wrapped | None = None, index: int = 0) -> None:
        self._text, self._source, self._index = text, source, index
        self._segments: list[Segment] | None = None if text is not None or source is not None else []
        self._cells = 0

    @property
    def text(self) -> Text | None:
        if self._text is None and self._source is not None:
            self._text = self._source.line(self._index)
        return self._text

    def __len__(self) -> int:
        text = self.text
        return len(text.plain) if text is not None else 0

    def segments(self, console: Console) -> list[Segment]:
        if self._segments is None:
            text = self.text
            assert text is not None
            self._segments = list(text.render(console))
            self._cells = Segment.get_line_length(self._segments)
        return self._segments

    def strip(self, console: Console, base: Style, width: int, lead: Segment | None = None) -> Strip:
        """The line drawn over ``base``, after ``lead`` if given, padded or cropped to ``width``
        cells with ``base`` (one strip made, where ``crop_extend`` made two)."""
        segments = self.styled(console, base)
        cells = self._cells
        if lead is not None:
            segments.insert(0, lead)
            cells += cell_len(lead.text)
        if cells > width:
            return Strip(segments).crop_extend(0, width, base)
        if cells < width:
            segments.append(Segment(" " * (width - cells), base))
        return Strip(segments, width)

    def styled(self, console: Console, base: Style) -> list[Segment]:
        """The segments drawn over ``base`` (the view's colours, the highlight)."""
        return [Segment(s.text, base + s.style if s.style else base, s.control) for s in self.segments(console)]


def wrapped_lines(text: Text, console: Console, width: int) -> Iterator[WrappedLine]:
    """``text`` wrapped to ``width`` as Rich's ``Text.wrap`` does (no line ends)."""
    plain = text.plain
    if cell_len(plain) <= width and "\n" not in plain and "\t" not in plain:
        # Fits as it is (most actors and figures): the check costs a small fraction of Rich's wrap.
        yield WrappedLine(text)
        return
    breaks = line_breaks(text, width)  # None for a newline too (a control character)
    if breaks is not None:
        source = Wrapped(text, breaks, width)
        for index in range(len(source)):
            yield WrappedLine(source=source, index=index)
        return
    for line in text.wrap(console, width):
        line.end = ""
        yield WrappedLine(line)


def set_scroll_size(view: ScrollView, size: Size) -> None:
    """Give ``view`` a new scroll range without asking the screen for a layout.

    Only for views whose own size does not depend on their content and whose scrollbar never
    comes or goes (always there, or none): then a new item is a repaint.
    """
    if size != view.virtual_size:
        view.set_reactive(ScrollView.virtual_size, size)
        update_scroll_range(view, size)


class LineStyles(Generic[T]):
    """The styles a view draws every line with, looked up once per focus state and theme.

    ``rich_style`` walks the widget's ancestors and the theme lookup copies a dict, and every
    line of every frame needs them: looked up per line, they added up to a noticeable share of
    each keystroke (docs/performance.md). The view calls ``clear`` from
    ``notify_style_update``, which Textual calls when the CSS that applies to it changes.
    """

    __slots__ = ("_key", "_make", "_value", "_view")

    def __init__(self, view: Widget, make: Callable[[], T]) -> None:
        self._view, self._make = view, make
        self._key: tuple[bool, str] | None = None
        self._value: T

    def get(self) -> T:
        view = self._view
        key = (view.has_focus, view.app.theme)
        if key != self._key:
            self._value = self._make()
            self._key = key
        return self._value

    def clear(self) -> None:
        self._key = None
