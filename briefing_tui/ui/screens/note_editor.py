"""The note editor: a few lines on an item. Ctrl+S saves; Esc asks before dropping an edit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from .confirm import ConfirmScreen


class NoteEditor(ModalScreen[str | None]):
    """Returns the new note text on save, None when the user leaves without saving."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", id="note.save"),
        Binding("escape", "leave", "Close (asks before dropping an edit)", id="note.close"),
    ]
    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    NoteEditor > Vertical { width: 90%; max-width: 100; height: 70%; max-height: 24; border: thick $accent;
        background: $surface; }
    NoteEditor TextArea { height: 1fr; }
    NoteEditor #note-help { height: 1; color: $text-muted; }
    """

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self.item_title = title
        self.original = note

    def compose(self) -> ComposeResult:
        box = Vertical()
        box.border_title = Content("Note · ") + Content(self.item_title[:60])
        with box:
            yield TextArea(self.original, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static("Ctrl+S saves · Esc closes", id="note-help")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_leave(self) -> None:
        if self.query_one(TextArea).text == self.original:
            self.dismiss(None)
            return

        def answered(drop: bool | None) -> None:
            if drop:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Drop your unsaved edit to this note?", yes="Drop", no="Keep editing"),
                             answered)
