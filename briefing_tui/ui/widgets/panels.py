"""Side panels (actors, quotes, figures, related): lists whose entries point into the article.

Drawn from wrapped lines (Line API) like the item list and the article, so
refilling the four panels for the next item is a repaint, never a layout.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .lines import LineStyles, WrappedLine, set_scroll_size, wrapped_lines


class Panel(ScrollView, can_focus=True):
    """Entries of (text, index into the item's list) with a highlight, j/k moves and a titled border."""

    BINDINGS = [
        Binding("j,down", "cursor(1)", "Down", show=False, id="panel.next"),
        Binding("k,up", "cursor(-1)", "Up", show=False, id="panel.previous"),
        Binding("g,home", "first", "First", show=False, id="panel.first"),
        Binding("G,end", "last", "Last", show=False, id="panel.last"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="panel.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="panel.page_up"),
        Binding("enter", "choose", "Choose", show=False, id="panel.choose"),
    ]

    COMPONENT_CLASSES = {"panel--highlighted", "panel--empty"}

    DEFAULT_CSS = """
    Panel { overflow-x: hidden; overflow-y: scroll; scrollbar-size-vertical: 0; }
    Panel > .panel--highlighted { background: $block-cursor-blurred-background; }
    Panel:focus > .panel--highlighted {
        color: $block-cursor-foreground; background: $block-cursor-background; text-style: bold;
    }
    Panel > .panel--empty { color: $text-disabled; text-style: italic; }
    """

    highlighted: reactive[int | None] = reactive(None, always_update=False, repaint=True)

    class Target(Message):
        """The cursor landed on an entry: the article should show it."""

        def __init__(self, panel: Panel, index: int | None) -> None:
            super().__init__()
            self.panel, self.index = panel, index

    class Chosen(Message):
        """Enter on an entry."""

        def __init__(self, panel: Panel, index: int) -> None:
            super().__init__()
            self.panel, self.index = panel, index

    def __init__(self, label: str, *, id: str) -> None:
        super().__init__(id=id, classes="pane panel")
        self.label = label
        self.indices: list[int] = []
        self.texts: list[Text] = []
        self.empty = "none"
        self._lines: list[tuple[int, WrappedLine]] = []  # (entry, line) per wrapped line
        self._first: list[int] = []  # first line of each entry
        self._width = 0
        self._drawn: tuple | None = None  # what the lines were wrapped from (_rewrap)
        self._styles = LineStyles(self, self._make_styles)

    def entry_text(self, entry: int) -> str:
        return self.texts[entry].plain

    def on_focus(self) -> None:
        # Arriving in a panel selects its first entry, so p, y and o act at once.
        if self.highlighted is None and self.indices:
            self.highlighted = 0

    def set_entries(self, entries: list[tuple[Text, int]], *, note: str = "", empty: str = "none",
                    keep_place: bool = False) -> None:
        """Replace the entries; ``note`` is appended to the border title (it may hold file text).

        The highlight stays on the same entry when it is still there, so a redraw
        (a pin, another window's change) never moves the analyst's place.
        """
        old = None
        if keep_place and self.highlighted is not None and self.highlighted < len(self.indices):
            old = self.indices[self.highlighted]
        self.texts = [text for text, _ in entries]
        self.indices = [index for _, index in entries]
        self.empty = empty
        highlighted = self.indices.index(old) if old is not None and old in self.indices else None
        self.set_reactive(Panel.highlighted, highlighted)
        self._rewrap()
        # A panel not laid out yet (just shown, narrow layout) has no lines: it scrolls when it is.
        line = self._first[highlighted] if highlighted is not None and highlighted < len(self._first) else 0
        self.scroll_to(y=line, animate=False, immediate=True)
        title = Content(f"{self.label} {len(entries)}")
        if note:
            title = title + Content(" · ") + Content(note)
        if title != self.border_title:
            self.border_title = title

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width
        # The next item often leaves a panel as it was ("none" related stories): then nothing is
        # wrapped or redrawn (a panel's repaint is a twentieth of a keystroke's time).
        drawn = (width, self.empty if not self.texts else None, self.highlighted,
                 [(t.plain, t.spans, t.style) for t in self.texts])
        if drawn == self._drawn:
            return
        self._drawn = drawn
        self._width = width
        lines: list[tuple[int, WrappedLine]] = []
        first: list[int] = []
        if width > 0:
            console = self.app.console
            if not self.texts:
                lines.append((-1, WrappedLine(Text(self.empty))))
            for n, text in enumerate(self.texts):
                first.append(len(lines))
                lines.extend((n, line) for line in wrapped_lines(text, console, width))
        self._lines, self._first = lines, first
        set_scroll_size(self, Size(width, len(lines)))  # no scrollbar: the border says what is hidden
        self.refresh()
        self._show_more()

    def _show_more(self) -> None:
        """'↑ n' / '↓ n' in the bottom border: how many lines are out of view."""
        top = round(self.scroll_offset.y)
        below = max(len(self._lines) - top - self.scrollable_content_region.height, 0)
        marks = " ".join(m for m in (f"↑ {top}" if top else "", f"↓ {below}" if below else "") if m)
        subtitle = Content(marks) if marks else None
        if str(subtitle or "") != str(self.border_subtitle or ""):
            self.border_subtitle = subtitle

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._show_more()

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self._rewrap()
        else:
            self._show_more()

    def _make_styles(self) -> tuple[Style, Style, Style]:
        """(base, highlighted, empty)."""
        base = self.rich_style
        return (base, base + self.get_component_rich_style("panel--highlighted", partial=True),
                base + self.get_component_rich_style("panel--empty", partial=True))

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_offset.y) + y
        width = self._width  # as wrapped (on_resize wraps again)
        base, highlighted, empty = self._styles.get()
        if index >= len(self._lines):
            return Strip.blank(width, base)
        entry, line = self._lines[index]
        style = empty if entry < 0 else highlighted if entry == self.highlighted else base
        return line.strip(self.app.console, style, width)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        if new is None or not (0 <= new < len(self.indices)):
            return
        start = self._first[new] if new < len(self._first) else 0
        end = self._first[new + 1] if new + 1 < len(self._first) else len(self._lines)
        self.scroll_to_region(Region(0, start, max(self.size.width, 1), max(end - start, 1)), animate=False,
                              immediate=True)
        self.post_message(self.Target(self, self.indices[new]))

    def _move_to(self, entry: int) -> None:
        if self.indices:
            self.highlighted = max(0, min(entry, len(self.indices) - 1))

    def action_cursor(self, step: int) -> None:
        self._move_to(0 if self.highlighted is None else self.highlighted + step)

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(len(self.indices) - 1)

    def action_page(self, direction: int) -> None:
        rows = max(self.scrollable_content_region.height - 1, 1)
        line = self._first[self.highlighted] if self.highlighted is not None and self._first else 0
        target = min(max(line + direction * rows, 0), max(len(self._lines) - 1, 0))
        entry = self._lines[target][0] if self._lines else -1
        if entry >= 0:
            self._move_to(entry)

    def action_choose(self) -> None:
        if self.highlighted is not None and self.highlighted < len(self.indices):
            self.post_message(self.Chosen(self, self.indices[self.highlighted]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = round(self.scroll_offset.y) + offset.y
        if 0 <= line < len(self._lines) and self._lines[line][0] >= 0:
            entry = self._lines[line][0]
            if entry == self.highlighted and event.chain >= 2:
                self.action_choose()
            self._move_to(entry)
