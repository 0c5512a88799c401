"""The export dialog: where to write the digest and what to include."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, RadioButton, RadioSet, Static

from ...sanitize import visible
from .confirm import ConfirmScreen


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    fmt: str
    only: str | None


ONLY_LABELS = [("All items", None), ("Flagged", "flagged"), ("Reviewed", "reviewed"), ("With pins", "pinned")]
# With items picked out (v, *), the choice of just them comes first and is chosen: picking them was
# the analyst saying which items they mean.
PICKED = "selected"


class ExportScreen(ModalScreen[ExportRequest | None]):
    # Enter writes wherever the focus is: the choice of items is made with the arrow keys (or Space),
    # and Enter there would otherwise only choose the option again.
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("enter", "write", "Write", priority=True, id="export.write"),
    ]
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 90%; max-width: 90; height: auto; border: thick $accent; background: $surface;
        padding: 0 1; }
    ExportScreen RadioSet { width: 100%; layout: horizontal; height: auto; }
    ExportScreen RadioSet.-with-picked { layout: grid; grid-size: 3; grid-rows: auto; }
    """

    def __init__(self, default: Path, picked: int = 0) -> None:
        """``picked``: how many items the analyst picked out (shown); with any, they can be the digest."""
        super().__init__()
        self.default = default
        self.choices = ([(f"Selected ({picked})", PICKED)] if picked else []) + ONLY_LABELS

    def compose(self) -> ComposeResult:
        box = Vertical()
        box.border_title = "Export digest  (Enter writes, Esc cancels)"
        with box:
            yield Static("File (.md for Markdown, .json for JSON with the review state):", markup=False)
            yield Input(str(self.default), id="export-path")
            yield Static("Items (Tab here, then ← → to choose):", markup=False)
            # Five choices do not fit a line of an 80-column terminal: two lines of three then.
            with RadioSet(id="export-only", classes="-with-picked" if len(self.choices) > len(ONLY_LABELS) else ""):
                for i, (label, _) in enumerate(self.choices):
                    yield RadioButton(label, value=i == 0)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_write(self) -> None:
        radio = self.query_one(RadioSet)
        if self.focused is radio:
            # The option the arrows are on is the one chosen: pressed now, and read once the set has
            # taken the press (it does so by message).
            radio.action_toggle_button()
            self.call_after_refresh(self._write)
        else:
            self._write()

    def _write(self) -> None:
        radio = self.query_one(RadioSet)
        text = self.query_one(Input).value.strip()
        if not text:
            self.query_one(Input).focus()
            return
        path = Path(text).expanduser()
        fmt = "json" if path.suffix.lower() == ".json" else "md"
        index = radio.pressed_index
        only = self.choices[index][1] if index >= 0 else None
        request = ExportRequest(path, fmt, only)
        if not (path.exists() or path.is_symlink()):
            self.dismiss(request)
            return

        def answered(overwrite: bool | None) -> None:
            if overwrite:
                self.dismiss(request)
            else:
                self.query_one(Input).focus()

        self.app.push_screen(ConfirmScreen(f"{visible(str(path))} exists. Replace it with this digest?",
                                           yes="Replace it", no="Choose another name"), answered)

    def action_cancel(self) -> None:
        self.dismiss(None)
