"""Two windows saved different notes on one item: both versions side by side, the analyst chooses.

m keeps mine (written over theirs, knowingly), t keeps theirs (mine is dropped), b opens both
merged in the editor to read and save, Esc goes back to editing. Nothing is written from here.
"""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

Choice = Literal["mine", "theirs", "merge", "back"]


class NoteConflictScreen(ModalScreen[Choice]):
    BINDINGS = [
        Binding("m", "choose('mine')", "Keep mine", id="conflict.mine"),
        Binding("t", "choose('theirs')", "Keep theirs", id="conflict.theirs"),
        Binding("b", "choose('merge')", "Merge both", id="conflict.merge"),
        Binding("escape", "choose('back')", "Back to editing", id="conflict.back"),
    ]
    DEFAULT_CSS = """
    NoteConflictScreen { align: center middle; }
    NoteConflictScreen > Vertical { width: 95%; max-width: 140; height: 80%; border: thick $warning;
        background: $surface; padding: 0 1; }
    NoteConflictScreen #conflict-question { height: auto; margin-bottom: 1; }
    NoteConflictScreen Horizontal { height: 1fr; }
    NoteConflictScreen VerticalScroll { width: 1fr; border: round $panel; padding: 0 1; }
    NoteConflictScreen #conflict-keys { height: 1; color: $text-muted; }
    """

    def __init__(self, mine: str, theirs: str, *, when: str | None = None) -> None:
        super().__init__()
        self.mine, self.theirs, self.when = mine, theirs, when

    def compose(self) -> ComposeResult:
        box = Vertical()
        box.border_title = "The note changed in another window"
        saved = f" (saved {self.when})" if self.when else ""
        with box:
            yield Static(Content(f"Another window saved a different note on this item while you edited it{saved}. "
                                 "Nothing has been written yet: choose which to keep."), id="conflict-question")
            with Horizontal():
                mine = VerticalScroll(Static(Content(self.mine or "(empty: remove the note)")), id="conflict-mine")
                mine.border_title = "Yours"
                theirs = VerticalScroll(Static(Content(self.theirs or "(empty: the note was removed)")),
                                        id="conflict-theirs")
                theirs.border_title = "The other window's"
                yield mine
                yield theirs
            yield Static("m: keep mine · t: keep theirs · b: merge both in the editor · Esc: back to editing",
                         id="conflict-keys", markup=False)

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)
