"""The article: headline, dateline and body with everything the panels point at highlighted."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...filtering import Hit
from ...model import Actor, Item, Span
from .. import render


@dataclass
class Highlights:
    """What to mark in the article besides its own actors, quotes and figures."""

    keyword_hits: list[Hit] = field(default_factory=list)
    find_hits: list[Hit] = field(default_factory=list)
    current_find: Hit | None = None
    target: Span | None = None
    actor: Actor | None = None
    stale: str | None = None


class Paragraph(Static):
    DEFAULT_CSS = "Paragraph { margin-bottom: 1; } Paragraph.-target { border-left: thick $accent; }"


class ArticleView(VerticalScroll, can_focus=True):
    """Scrollable article; ``show`` redraws it, ``reveal`` scrolls a span into view."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="article.down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="article.up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="article.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="article.bottom"),
        Binding("pagedown", "page_down", "Page down", show=False, id="article.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="article.page_up"),
    ]

    DEFAULT_CSS = """
    ArticleView { padding: 0 1; scrollbar-gutter: stable; }
    ArticleView > #headline { margin-bottom: 0; }
    ArticleView > #byline { margin-bottom: 1; }
    ArticleView > .related-heading { margin-top: 1; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.item: Item | None = None
        self._paragraphs: list[Paragraph] = []

    def compose(self):
        yield Static(id="headline")
        yield Static(id="byline")

    def show(self, item: Item | None, highlights: Highlights, *, new_item: bool) -> None:
        """Draw ``item`` (or an empty-state line) with ``highlights``; keep the scroll unless it is a new item."""
        self.item = item
        headline = self.query_one("#headline", Static)
        byline = self.query_one("#byline", Static)
        if item is None:
            headline.update(Text("No item selected", style="dim"))
            byline.update("")
            self._sync_paragraphs([])
            return
        headline.update(render.title_text(item, highlights.keyword_hits, highlights.find_hits, highlights.current_find))
        byline.update(render.byline_text(item, highlights.stale))
        texts = [
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
        self._sync_paragraphs(texts)
        target_par = highlights.target.paragraph if highlights.target else None
        for i, widget in enumerate(self._paragraphs):
            widget.set_class(i == target_par, "-target")
        if new_item:
            self.scroll_home(animate=False, immediate=True)

    def _sync_paragraphs(self, texts: list[Text]) -> None:
        """Reuse paragraph widgets between items: updating is cheaper than remounting."""
        for widget, text in zip(self._paragraphs, texts, strict=False):
            widget.update(text)
            widget.display = True
        if len(texts) > len(self._paragraphs):
            new = [Paragraph(text) for text in texts[len(self._paragraphs):]]
            self._paragraphs.extend(new)
            self.mount_all(new)
        for widget in self._paragraphs[len(texts):]:
            widget.display = False

    def reveal(self, span: Span | Hit | None) -> None:
        """Scroll so the line holding ``span`` stands a third of the way down the view."""
        if span is None:
            return
        if span.paragraph < 0:
            self.call_after_refresh(self.scroll_home, animate=False)
            return
        if span.paragraph >= len(self._paragraphs):
            return
        widget = self._paragraphs[span.paragraph]

        def scroll() -> None:
            width = max(widget.content_region.width, 1)
            line = _line_of(widget, span.start, width)
            y = widget.virtual_region.y + line - max(self.size.height // 3, 1)
            self.scroll_to(y=max(y, 0), animate=False)

        self.call_after_refresh(scroll)


def _line_of(widget: Static, offset: int, width: int) -> int:
    """Which wrapped line of the paragraph holds character ``offset``."""
    text = widget.content
    if not isinstance(text, Text):
        return 0
    lines = text.wrap(widget.app.console, width)
    seen = 0
    for number, line in enumerate(lines):
        seen += len(line.plain)
        if offset < seen:
            return number
        # wrapping drops the space it breaks at
        seen += 1
    return max(len(lines) - 1, 0)
