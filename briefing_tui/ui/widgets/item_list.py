"""The item list: renders only the rows on screen (Line API), so 10,000 items cost what 30 do."""

from __future__ import annotations

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...model import Item
from ..render import item_row

GLYPHS = {"reviewed": "✓", "flagged": "⚑", "": "·"}


class ItemList(ScrollView, can_focus=True):
    """Rows of items with a cursor; posts ``Highlighted`` when the cursor lands on an item."""

    BINDINGS = [
        Binding("j,down", "cursor(1)", "Next", show=False, id="list.next"),
        Binding("k,up", "cursor(-1)", "Previous", show=False, id="list.previous"),
        Binding("g,home", "first", "First item", show=False, id="list.first"),
        Binding("G,end", "last", "Last item", show=False, id="list.last"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list.page_up"),
        Binding("enter", "open", "Open", show=False, id="list.open"),
    ]

    COMPONENT_CLASSES = {"item-list--cursor", "item-list--meta", "item-list--mark", "item-list--done"}

    DEFAULT_CSS = """
    ItemList { background: $surface; overflow-x: hidden; }
    ItemList > .item-list--cursor { background: $block-cursor-blurred-background; text-style: bold; }
    ItemList:focus > .item-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    ItemList > .item-list--meta { color: $text-muted; }
    ItemList > .item-list--mark { color: $warning; }
    ItemList > .item-list--done { text-style: dim; }
    """

    cursor: reactive[int] = reactive(0, always_update=False, repaint=True)

    class Highlighted(Message):
        def __init__(self, item: Item | None) -> None:
            super().__init__()
            self.item = item

    class Opened(Message):
        def __init__(self, item: Item) -> None:
            super().__init__()
            self.item = item

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Item] = []
        self.marks: dict[str, str] = {}
        self.stale: dict[str, str] = {}

    @property
    def current(self) -> Item | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def set_rows(self, rows: list[Item], *, keep_id: str | None = None) -> None:
        """Show ``rows``; the cursor stays on ``keep_id`` if it is still there."""
        previous = self.current
        self.rows = rows
        self.virtual_size = Size(0, len(rows))
        target = 0
        wanted = keep_id or (previous.id if previous else None)
        if wanted is not None:
            for i, item in enumerate(rows):
                if item.id == wanted:
                    target = i
                    break
        self.set_reactive(ItemList.cursor, min(target, max(len(rows) - 1, 0)))
        self._scroll_cursor_visible()
        self.refresh()
        new = self.current
        if (new.id if new else None) != (previous.id if previous else None) or keep_id is None:
            self.post_message(self.Highlighted(new))

    def move_to(self, index: int) -> None:
        if self.rows:
            self.cursor = max(0, min(index, len(self.rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_cursor_visible()
        self.post_message(self.Highlighted(self.current))

    def _scroll_cursor_visible(self) -> None:
        if self.rows:
            self.scroll_to_region(Region(0, self.cursor, max(self.size.width, 1), 1), animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(0, len(self.rows))
        self._scroll_cursor_visible()

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_offset.y) + y
        width = self.size.width
        base = self.rich_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        item = self.rows[index]
        is_cursor = index == self.cursor
        row_style = base + self.get_component_rich_style("item-list--cursor") if is_cursor else base
        mark = self.marks.get(item.id, "")
        gutter = ("▶" if is_cursor else " ") + GLYPHS.get(mark, " ") + " "
        if mark == "reviewed" and not is_cursor:
            row_style = row_style + self.get_component_rich_style("item-list--done", partial=True)
        meta_style = self.get_component_rich_style("item-list--meta", partial=True)
        text = item_row(item, max(width - len(gutter), 1), meta_style=meta_style, stale=item.id in self.stale)
        text.stylize_before(row_style)
        mark_style = row_style + self.get_component_rich_style("item-list--mark", partial=True)
        segments = [Segment(gutter, mark_style), *text.render(self.app.console)]
        return Strip(segments).crop_extend(0, width, row_style)

    def action_cursor(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.rows) - 1)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(self.size.height - 1, 1))

    def action_open(self) -> None:
        if self.current is not None:
            self.post_message(self.Opened(self.current))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:  # on the border or scrollbar
            return
        index = round(self.scroll_offset.y) + offset.y
        if 0 <= index < len(self.rows):
            if index == self.cursor and event.chain >= 2:
                self.action_open()
            self.move_to(index)
