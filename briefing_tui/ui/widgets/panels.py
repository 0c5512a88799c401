"""Side panels (actors, quotes, figures, related): lists whose entries point into the article."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class Panel(OptionList):
    """An OptionList of (text, index into the item's list) with j/k moves and a titled border."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="panel.next"),
        Binding("k", "cursor_up", "Up", show=False, id="panel.previous"),
        Binding("g", "first", "First", show=False, id="panel.first"),
        Binding("G", "last", "Last", show=False, id="panel.last"),
    ]

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
        self.clear_options()
        self.indices = [index for _, index in entries]
        if entries:
            self.add_options([Option(text) for text, _ in entries])
            if old is not None and old in self.indices:
                with self.prevent(OptionList.OptionHighlighted):
                    self.highlighted = self.indices.index(old)
        else:
            self.add_option(Option(Text(empty, style="dim italic"), disabled=True))
        title = Content(f"{self.label} {len(entries)}")
        if note:
            title = title + Content(" · ") + Content(note)
        self.border_title = title

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index < len(self.indices):
            self.post_message(self.Target(self, self.indices[event.option_index]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.indices):
            self.post_message(self.Chosen(self, self.indices[event.option_index]))
