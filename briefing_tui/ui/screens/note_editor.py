"""The note editor: a few lines on an item. Ctrl+S saves; Esc asks before dropping an edit.

While the analyst types, the draft is written to a file beside the state
file a moment after each pause, so even a killed terminal loses at most
the last fraction of a second; the next edit of that item offers it back.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from ...digest import write_atomic
from .confirm import ConfirmScreen


def draft_file(folder: Path | None, item_id: str) -> Path | None:
    """Where an item's unsaved note draft lives (ids may hold any text: the name is a hash)."""
    if folder is None:
        return None
    return folder / f"{hashlib.sha256(item_id.encode()).hexdigest()[:24]}.txt"


def read_draft(path: Path | None) -> str | None:
    try:
        return path.read_text(encoding="utf-8") if path is not None else None
    except (OSError, UnicodeDecodeError):
        return None


def drop_draft(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)


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

    def __init__(self, title: str, note: str, *, draft: Path | None = None) -> None:
        super().__init__()
        self.item_title = title
        self.original = note
        self.draft = draft
        recovered = read_draft(draft)
        self.recovered = recovered if recovered is not None and recovered != note else None

    def compose(self) -> ComposeResult:
        box = Vertical()
        box.border_title = Content("Note · ") + Content(self.item_title[:60])
        with box:
            text = self.recovered if self.recovered is not None else self.original
            yield TextArea(text, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static("Ctrl+S saves · Esc closes", id="note-help")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        if self.recovered is not None:
            self.notify("Recovered an unsaved draft of this note; Ctrl+S keeps it, Esc drops it", timeout=8)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self.draft is not None:
            self._save_draft(event.text_area.text)

    def _save_draft(self, text: str) -> None:
        draft = self.draft
        assert draft is not None

        def write() -> None:
            draft.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(draft, text)

        # One writer at a time; a newer keystroke's draft replaces a pending one.
        self.run_worker(write, thread=True, exclusive=True, group="note-draft")

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_leave(self) -> None:
        if self.query_one(TextArea).text == self.original:
            drop_draft(self.draft)
            self.dismiss(None)
            return

        def answered(drop: bool | None) -> None:
            if drop:
                self.workers.cancel_group(self, "note-draft")
                drop_draft(self.draft)
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Drop your unsaved edit to this note?", yes="Drop", no="Keep editing"),
                             answered)
