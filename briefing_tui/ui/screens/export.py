"""The export dialog: where to write the digest and what to include."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, RadioButton, RadioSet, Static


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    fmt: str
    only: str | None


ONLY_LABELS = [("All items", None), ("Flagged", "flagged"), ("Reviewed", "reviewed"), ("With pins", "pinned")]


class ExportScreen(ModalScreen[ExportRequest | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 90%; max-width: 90; height: auto; border: thick $accent; background: $surface;
        padding: 0 1; }
    ExportScreen RadioSet { width: 100%; layout: horizontal; height: auto; }
    """

    def __init__(self, default: Path) -> None:
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        box = Vertical()
        box.border_title = "Export digest  (Enter writes, Esc cancels)"
        with box:
            yield Static("File (.md for Markdown, .json for JSON with the review state):", markup=False)
            yield Input(str(self.default), id="export-path")
            with RadioSet(id="export-only"):
                for i, (label, _) in enumerate(ONLY_LABELS):
                    yield RadioButton(label, value=i == 0)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        path = Path(text).expanduser()
        fmt = "json" if path.suffix.lower() == ".json" else "md"
        index = self.query_one(RadioSet).pressed_index
        only = ONLY_LABELS[index][1] if index >= 0 else None
        self.dismiss(ExportRequest(path, fmt, only))

    def action_cancel(self) -> None:
        self.dismiss(None)
