"""The find box under the panes: one fixed line that searches as the analyst types."""

from __future__ import annotations

from collections.abc import Callable
from typing import Self

from textual.binding import Binding
from textual.geometry import Region

from ..textual_internals import InputValueHook


class FindInput(InputValueHook):
    """Enter runs the screen's action while the key is handled, not through a Submitted message
    later, so a key typed right after Enter (`/moya⏎1`) reaches the list."""

    BINDINGS = [Binding("enter", "screen.find_accept", "Keep the query", show=False, id="find.accept")]

    _typing = False
    follow: Callable[[str], None] | None = None  # called at once with each new value

    def around_value_watch(self, value: str, textual_watch: Callable[[], None]) -> None:
        # Input resizes its scroll range to the text on every key, which asks the whole screen for a
        # layout; this box is one fixed line, so a repaint is enough (see refresh below).
        self._typing = True
        try:
            textual_watch()
        finally:
            self._typing = False
        if self.follow is not None:
            # Search in this same turn, not on the Changed message a turn later: the box and the
            # list change in one frame.
            self.follow(value)

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        return super().refresh(*regions, repaint=repaint, layout=layout and not self._typing, recompose=recompose)
