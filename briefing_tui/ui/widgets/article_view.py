"""The article: headline, dateline and body with everything the panels point at highlighted.

One widget draws the whole article from wrapped lines (Line API), so showing
another item is a repaint: no widgets are mounted, hidden or laid out, which
keeps moving through 10,000 items as quick as through five.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...filtering import Hit
from ...model import Item, Span
from ...session import Highlights
from .. import render
from .lines import LineStyles, WrappedLine, set_scroll_size, wrapped_lines

MARK = "▌"  # beside the lines of the paragraph a panel points at


@dataclass
class _Line:
    line: WrappedLine
    paragraph: int  # -2 headline/byline/blank, else the body paragraph it belongs to


class ArticleView(ScrollView, can_focus=True):
    """Scrollable article; ``show`` redraws it, ``reveal`` scrolls a span into view."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="article.down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="article.up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="article.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="article.bottom"),
        Binding("pagedown", "page_down", "Page down", show=False, id="article.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="article.page_up"),
    ]

    COMPONENT_CLASSES = {"article-view--mark"}

    DEFAULT_CSS = """
    ArticleView { overflow-x: hidden; overflow-y: scroll; scrollbar-size-vertical: 1; }
    ArticleView > .article-view--mark { color: $accent; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.item: Item | None = None
        self.headline = Text()
        self.byline = Text()
        self.sources: list[Text] = []  # the other outlets on the same story
        self.note: list[Text] = []  # the analyst's note, under the header
        self.paragraphs: list[Text] = []
        self.target_paragraph: int | None = None
        self._lines: list[_Line] = []
        self._width = 0
        self._first_line: list[int] = []  # first wrapped line of each paragraph
        self._styles = LineStyles(self, self._make_styles)

    @property
    def plain(self) -> str:
        """The body as shown, one paragraph per line (for tests and copying)."""
        return "\n".join(p.plain for p in self.paragraphs)

    def show(self, item: Item | None, highlights: Highlights, *, new_item: bool) -> None:
        """Draw ``item`` (or an empty-state line) with ``highlights``; keep the scroll unless it is a new item."""
        self.item = item
        if item is None:
            self.headline = Text("No item selected", style="dim")
            self.byline = Text()
            self.sources = []
            self.note = []
            self.paragraphs = []
            self.target_paragraph = None
        else:
            self.sources = render.group_lines(highlights.group)
            self.note = render.note_lines(highlights.note)
            self.headline = render.title_text(item, highlights.keyword_hits, highlights.find_hits,
                                              highlights.current_find)
            self.byline = render.byline_text(item, highlights.stale, highlights.rules, highlights.tags)
            self.paragraphs = [
                render.paragraph_text(
                    item, i,
                    keyword_hits=highlights.keyword_hits,
                    find_hits=highlights.find_hits,
                    current_find=highlights.current_find,
                    target=highlights.target,
                    selected_actor=highlights.actor,
                )
                for i in range(len(item.body))
            ]
            self.target_paragraph = highlights.target.paragraph if highlights.target else None
        self._rewrap()
        if new_item:
            self.scroll_to(y=0, animate=False, immediate=True)

    def _text_width(self) -> int:
        return max(self.scrollable_content_region.width - 2, 1)  # a column each side: the mark and a margin

    def _rewrap(self) -> None:
        if self.scrollable_content_region.width <= 2:  # hidden (narrow layout) or not laid out yet
            self._width = 0
            self.refresh()
            return
        width = self._text_width()
        self._width = width
        console = self.app.console
        lines: list[_Line] = []
        first: list[int] = []

        def add(text: Text, paragraph: int) -> None:
            lines.extend(_Line(line, paragraph) for line in wrapped_lines(text, console, width))

        add(self.headline, -2)
        if self.byline.plain:
            add(self.byline, -2)
        for line in self.sources:
            add(line, -2)
        for line in self.note:
            add(line, -2)
        lines.append(_Line(WrappedLine(), -2))
        for i, text in enumerate(self.paragraphs):
            first.append(len(lines))
            add(text, i)
            lines.append(_Line(WrappedLine(), -2))
        self._lines, self._first_line = lines, first
        set_scroll_size(self, Size(width + 2, len(lines)))  # the scrollbar is always there (overflow-y: scroll)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width > 2 and self._text_width() != self._width:
            self._rewrap()

    def _make_styles(self) -> tuple[Style, Style]:
        """(base, the mark beside a paragraph a panel points at)."""
        base = self.rich_style
        return base, base + self.get_component_rich_style("article-view--mark", partial=True)

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_offset.y) + y
        width = self._width + 2 if self._width else self.scrollable_content_region.width  # as wrapped
        base, mark_style = self._styles.get()
        if index >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[index]
        marked = line.paragraph >= 0 and line.paragraph == self.target_paragraph
        mark = Segment(MARK, mark_style) if marked else Segment(" ", base)
        return line.line.strip(self.app.console, base, width, lead=mark)

    def line_of(self, span: Span | Hit) -> int | None:
        """The wrapped line (from the top of the article) holding ``span``'s start."""
        if span.paragraph < 0:
            return 0
        if span.paragraph >= len(self._first_line):
            return None
        first = self._first_line[span.paragraph]
        seen = 0
        number = first
        while number < len(self._lines) and self._lines[number].paragraph == span.paragraph:
            seen += len(self._lines[number].line)
            if span.start < seen:
                return number
            seen += 1  # wrapping drops the space it breaks at
            number += 1
        return max(number - 1, first)

    def reveal(self, span: Span | Hit | None) -> None:
        """Scroll so the line holding ``span`` stands a third of the way down the view."""
        if span is None:
            return
        line = self.line_of(span)
        if line is None:
            return
        if span.paragraph < 0:
            self.scroll_to(y=0, animate=False, immediate=True)
            return
        self.scroll_to(y=max(line - max(self.size.height // 3, 1), 0), animate=False, immediate=True)

