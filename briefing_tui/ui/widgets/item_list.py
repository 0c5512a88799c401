"""The item list: renders only the rows on screen (Line API), so 10,000 items cost what 30 do."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...catalog import Summary
from ...grouping import GroupedRows
from ...sections import Section
from ..render import item_row
from ..textual_internals import in_batch_update
from .lines import LineStyles

GLYPHS = {"reviewed": "✓", "flagged": "⚑", "rule-flag": "⚐", "": "·"}  # ⚐: flagged by a rule, not by you
# An unmarked item someone works on: a colleague (keep off) or this analyst.
CLAIM_GLYPHS = {True: "◇", False: "◆"}
PICKED_GLYPH = "●"  # picked out (v, *) for r, f and export to act on together; beside the title, under the cursor too


class Rows(Sequence[Summary]):
    """The shown rows as summaries, without building a list of them."""

    def __init__(self, positions: list[int], summaries: list[Summary]) -> None:
        self.positions, self._summaries = positions, summaries

    def __len__(self) -> int:
        return len(self.positions)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self._summaries[p] for p in self.positions[index]]
        return self._summaries[self.positions[index]]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class ItemList(ScrollView, can_focus=True):
    """Rows of items with a cursor; posts ``Highlighted`` when the cursor lands on an item.

    Rows are positions into the index's summaries: 10,000 rows are a list of ints.
    """

    BINDINGS = [
        Binding("j,down", "cursor(1)", "Next", show=False, id="list.next"),
        Binding("k,up", "cursor(-1)", "Previous", show=False, id="list.previous"),
        Binding("g,home", "first", "First item", show=False, id="list.first"),
        Binding("G,end", "last", "Last item", show=False, id="list.last"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list.page_up"),
        Binding("enter", "open", "Open", show=False, id="list.open"),
    ]

    COMPONENT_CLASSES = {"item-list--cursor", "item-list--meta", "item-list--mark", "item-list--done",
                         "item-list--picked", "item-list--header"}

    DEFAULT_CSS = """
    ItemList { background: $surface; overflow-x: hidden; }
    ItemList > .item-list--cursor { background: $block-cursor-blurred-background; text-style: bold; }
    ItemList:focus > .item-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    ItemList > .item-list--meta { color: $text-muted; }
    ItemList > .item-list--mark { color: $warning; }
    ItemList > .item-list--done { text-style: dim; }
    ItemList > .item-list--picked { background: $accent 25%; text-style: bold; }
    ItemList > .item-list--header { text-style: bold; color: $text-accent; }
    """

    # A move repaints the two rows it changes (watch_cursor), not the whole list.
    cursor: reactive[int] = reactive(0, always_update=False, repaint=False)

    class Highlighted(Message):
        def __init__(self, position: int | None) -> None:
            super().__init__()
            self.position = position

    class Opened(Message):
        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.positions: list[int] = []
        self.summaries: list[Summary] = []
        # Drawn rows, by (row, is cursor, width): a move that scrolls the list draws one new row,
        # not every row on screen. Emptied whenever what a row shows may have changed.
        self._drawn: dict[tuple[int, bool, int], Strip] = {}
        self._styles = LineStyles(self, self._make_styles)
        self._marks: dict[str, str] = {}
        self._stale: dict[str, str] = {}
        self._claims: dict[str, str] = {}
        self._noted: set[str] = set()  # items with a note: ✎ beside the mark
        self._reviewed: set[str] = set()  # reviewed items, dimmed whatever else marks them
        self._picked: frozenset[str] = frozenset()
        self._tags: dict[str, tuple[str, ...]] = {}  # the analyst's tags, after the title (#energy +1)
        self.follow: Callable[[int | None], None] | None = None  # called at once when the cursor moves
        self.painted: Callable[[], object] | None = None  # called once, after the first frame with rows
        self._empty_reason: str | None = None  # said on the first row when there is none to show
        # The same story from many outlets: a lead's row says how many others, a member's is indented.
        self.groups = GroupedRows()
        self.expanded: set[int] = set()
        # The list in sections (by source or day): a header line above each section's first row. Lines
        # on screen are rows and headers; the cursor is on rows only.
        self.sections: list[Section] = []
        self._header_lines: list[int] = []  # the line of each header, ascending
        self._header_rows: list[int] = []  # the row under each header

    @property
    def empty_reason(self) -> str | None:
        return self._empty_reason

    @empty_reason.setter
    def empty_reason(self, reason: str | None) -> None:
        if reason != self._empty_reason:
            self._empty_reason = reason
            if not self.positions:
                self.refresh()

    @property
    def marks(self) -> dict[str, str]:
        return self._marks

    @marks.setter
    def marks(self, value: dict[str, str]) -> None:
        self._marks = value
        self._drawn.clear()

    def set_review(self, noted: set[str], reviewed: set[str], tags: dict[str, tuple[str, ...]] | None = None) -> None:
        """Which items have a note and which are reviewed; the mark column shows them with the mark.
        ``tags``: the analyst's tags by item id, named in the row."""
        self._noted, self._reviewed = noted, reviewed
        self._tags = tags if tags is not None else self._tags
        self._drawn.clear()

    @property
    def picked(self) -> frozenset[str]:
        """Ids of the items picked out: a glyph beside the title and the row's own colour."""
        return self._picked

    @picked.setter
    def picked(self, value: frozenset[str]) -> None:
        if value != self._picked:
            self._picked = value
            self._drawn.clear()

    @property
    def claims(self) -> dict[str, str]:
        """Item id -> who holds its claim ("you" or a name)."""
        return self._claims

    @claims.setter
    def claims(self, value: dict[str, str]) -> None:
        self._claims = value
        self._drawn.clear()

    @property
    def stale(self) -> dict[str, str]:
        return self._stale

    @stale.setter
    def stale(self, value: dict[str, str]) -> None:
        self._stale = value
        self._drawn.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()  # focus, theme: the cursor row's colours
        self._styles.clear()
        self._drawn.clear()

    @property
    def rows(self) -> Rows:
        return Rows(self.positions, self.summaries)

    @property
    def current_position(self) -> int | None:
        return self.positions[self.cursor] if 0 <= self.cursor < len(self.positions) else None

    @property
    def current(self) -> Summary | None:
        position = self.current_position
        return self.summaries[position] if position is not None else None

    def set_rows(self, positions: list[int], summaries: list[Summary], *, keep_position: int | None = None) -> None:
        """Show ``positions`` (ascending); the cursor stays on ``keep_position`` if it is still there."""
        previous = self.current_position
        self.positions, self.summaries = positions, summaries
        self._header_rows = [section.row for section in self.sections]
        self._header_lines = [row + k for k, row in enumerate(self._header_rows)]
        self._drawn.clear()
        self.virtual_size = Size(0, self._line_count())
        wanted = keep_position if keep_position is not None else previous
        target = 0
        if wanted is not None:
            k = bisect_left(positions, wanted)
            if k < len(positions) and positions[k] == wanted:
                target = k
            elif (self.groups or self.sections) and wanted in positions:  # grouped rows are not all ascending
                target = positions.index(wanted)
        self.set_reactive(ItemList.cursor, min(target, max(len(positions) - 1, 0)))
        self._scroll_cursor_visible()
        self.refresh()
        new = self.current_position
        if new != previous or keep_position is None:
            self.post_message(self.Highlighted(new))

    def move_to(self, index: int) -> None:
        if self.positions:
            self.cursor = max(0, min(index, len(self.positions) - 1))

    def _line_count(self) -> int:
        return len(self.positions) + (len(self._header_lines) if self.positions else 0)

    def line_of(self, row: int) -> int:
        """The line a row is drawn on: below the headers of its section and those before it."""
        if not self._header_lines:
            return row
        return row + bisect_right(self._header_rows, row)

    def _at_line(self, line: int) -> tuple[int | None, Section | None]:
        """(row, None) for an item's line, (None, section) for a header's."""
        lines = self._header_lines
        if not lines:
            return line, None
        k = bisect_right(lines, line)
        if k and lines[k - 1] == line:
            return None, self.sections[k - 1]
        return line - k, None

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(self.line_of(old))
        self.refresh_line(self.line_of(new))
        self._scroll_cursor_visible()  # a scroll repaints the whole list
        if self.follow is not None:
            # Show the item in this same turn, so the cursor and the article change in one frame.
            self.follow(self.current_position)
        else:
            self.post_message(self.Highlighted(self.current_position))

    def _scroll_cursor_visible(self) -> None:
        if self.positions:
            line = self.line_of(self.cursor)
            # A section's first row brings its header into view with it.
            k = bisect_left(self._header_rows, self.cursor)
            above = 1 if k < len(self._header_rows) and self._header_rows[k] == self.cursor else 0
            self.scroll_to_region(Region(0, line - above, max(self.size.width, 1), 1 + above), animate=False,
                                  immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(0, self._line_count())
        self._scroll_cursor_visible()

    def _make_styles(self) -> tuple[Style, Style, Style, Style, Style, Style]:
        """(base, cursor row, meta, mark, reviewed, picked): the last four laid over a row's own style."""
        base = self.rich_style
        partial = lambda name: self.get_component_rich_style(name, partial=True)  # noqa: E731
        return (base, base + self.get_component_rich_style("item-list--cursor"), partial("item-list--meta"),
                partial("item-list--mark"), partial("item-list--done"), partial("item-list--picked"))

    def render_line(self, y: int) -> Strip:
        line = round(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width  # not under the scrollbar, which covers the row's end
        if line >= self._line_count():
            return self._render_row(len(self.positions) + line - self._line_count(), width)  # blank, or why empty
        index, section = self._at_line(line)
        if section is not None:
            base = self._styles.get()[0]
            count = f" · {section.count} item{'s' * (section.count != 1)}"
            label = Text(" " + section.label, no_wrap=True, overflow="ellipsis")
            label.truncate(max(width - len(count), 2), overflow="ellipsis")  # a long name gives way to the count
            header = Text.assemble(label, count, style=base + self.get_component_rich_style("item-list--header",
                                                                                             partial=True))
            return Strip(header.render(self.app.console)).crop_extend(0, width, base)
        assert index is not None
        return self._render_row(index, width)

    def _render_row(self, index: int, width: int) -> Strip:
        if index >= len(self.positions):
            if index == 0 and self.empty_reason:
                base, _, meta_style, *_ = self._styles.get()
                reason = Text(" " + self.empty_reason, style=base + meta_style)
                return Strip(reason.render(self.app.console)).crop_extend(0, width, base)
            return Strip.blank(width, self._styles.get()[0])
        if self.painted is not None and not in_batch_update(self.app):
            # Textual drops frames rendered inside a batch update (its start-up is one): only a
            # frame rendered outside one reaches the terminal. The callback runs once it is written.
            self.call_later(self.painted)
            self.painted = None
        is_cursor = index == self.cursor
        key = (index, is_cursor, width)
        drawn = self._drawn.get(key)
        if drawn is not None:
            return drawn
        base, cursor_row, meta_style, mark_over, done_over, picked_over = self._styles.get()
        item = self.summaries[self.positions[index]]
        row_style = cursor_row if is_cursor else base
        mark = self.marks.get(item.id, "")
        claim = self.claims.get(item.id)
        glyph = CLAIM_GLYPHS[claim == "you"] if claim and mark in ("", "rule-flag") else GLYPHS.get(mark, " ")
        picked = item.id in self._picked
        gutter = (("▶" if is_cursor else " ") + glyph + ("✎" if item.id in self._noted else " ")
                  + (PICKED_GLYPH if picked else " "))
        if (mark == "reviewed" or item.id in self._reviewed) and not is_cursor:
            row_style = row_style + done_over
        if picked and not is_cursor:
            row_style = row_style + picked_over
        position, lead, more = self.positions[index], "", 0
        if self.groups:
            if position in self.groups.lead:
                lead = "  ↳ "
            elif position in self.groups.members:
                more = len(self.groups.members[position])
                lead = "▾ " if position in self.expanded else "▸ "
        text = item_row(item, max(width - len(gutter), 1), meta_style=meta_style, stale=item.id in self.stale,
                        claim=claim, lead=lead, more=more, tags=self._tags.get(item.id, ()))
        text.stylize_before(row_style)
        segments = [Segment(gutter, row_style + mark_over), *text.render(self.app.console)]
        drawn = self._drawn[key] = Strip(segments).crop_extend(0, width, row_style)
        # The oldest go first: the rows on screen were drawn last.
        for _ in range(len(self._drawn) - max(4 * self.size.height, 64)):
            del self._drawn[next(iter(self._drawn))]
        return drawn

    def action_cursor(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.positions) - 1)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(self.size.height - 1, 1))

    def action_open(self) -> None:
        position = self.current_position
        if position is not None:
            self.post_message(self.Opened(position))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:  # on the border or scrollbar
            return
        index, _ = self._at_line(round(self.scroll_offset.y) + offset.y)  # a header: nothing to choose
        if index is not None and 0 <= index < len(self.positions):
            if index == self.cursor and event.chain >= 2:
                self.action_open()
            self.move_to(index)
