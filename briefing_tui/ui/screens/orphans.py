"""Review state whose items are not loaded now: kept, never deleted, and shown here by name."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...resources import shown_source
from ...review_state import ReviewState
from ...sanitize import visible


def orphan_row(state: ReviewState) -> Text:
    text = Text()
    marks = ("✓" if state.reviewed else " ") + ("⚑" if state.flagged else " ")
    text.append(marks + " ", style="bold")
    # The store cleans what it reads (a state file is input too); an id is shown with its controls
    # as escapes, since it must stay exactly what the state is keyed on.
    text.append(state.title or visible(state.item_id), style="bold")
    if state.source:
        text.append(f"  {shown_source(state.source)}", style="dim")
    details = []
    if state.note:
        details.append("note: " + " ".join(state.note.split())[:80])
    if state.pins:
        details.append(f"{len(state.pins)} pin{'s' * (len(state.pins) != 1)}")
    if state.tags:
        details.append(" ".join(f"#{t}" for t in state.tags))
    if state.updated_at:
        details.append(f"last changed {state.updated_at[:16].replace('T', ' ')}")
    if details:
        text.append("\n   " + " · ".join(details), style="dim")
    return text


class OrphansScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Close", id="orphans.close")]
    DEFAULT_CSS = """
    OrphansScreen { align: center middle; }
    OrphansScreen > OptionList { width: 95%; height: 80%; border: thick $accent; background: $surface; }
    """

    def __init__(self, states: list[ReviewState]) -> None:
        super().__init__()
        self.states = states

    def compose(self) -> ComposeResult:
        options = [Option(orphan_row(s)) for s in self.states] or [
            Option(Text("Every item with review state is loaded.", style="dim"))]
        listing = OptionList(*options)
        listing.border_title = (f"Review state of {len(self.states)} item(s) not loaded now — kept, and in "
                                "`briefing export`  (Esc closes)")
        yield listing
