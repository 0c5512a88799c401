"""The problems view: every file that failed to load, as FILE:LINE: message."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...problems import Problem


class ProblemsScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,P", "dismiss", "Close", id="problems.close"),
        Binding("j", "cursor(1)", "Down", show=False, id="problems.next"),
        Binding("k", "cursor(-1)", "Up", show=False, id="problems.previous"),
    ]
    DEFAULT_CSS = """
    ProblemsScreen { align: center middle; }
    ProblemsScreen > OptionList { width: 95%; height: 80%; border: thick $error; background: $surface; }
    """

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        options = [Option(Text(str(p))) for p in self.problems] or [Option(Text("No problems.", style="dim"))]
        listing = OptionList(*options)
        listing.border_title = f"Problems {len(self.problems)}  (Esc closes)"
        yield listing

    def action_cursor(self, delta: int) -> None:
        listing = self.query_one(OptionList)
        listing.action_cursor_down() if delta > 0 else listing.action_cursor_up()
