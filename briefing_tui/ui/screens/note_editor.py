"""The note editor: a few lines on an item. Ctrl+S saves; Esc asks before dropping an edit.

While the analyst types, the review store keeps a draft (for a state file: a file beside it) a
moment after each pause, so even a killed terminal loses at most the last fraction of a second;
the next edit of that item offers it back. The editor closes only once the note is committed: a
save that fails (a full disk, a read-only or locked state file) leaves the text where it was
typed, and a note another window changed meanwhile is shown beside this one for the analyst to
choose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from ...background import SerialWorker
from ...review_state import ReviewState, StoreError
from .confirm import ConfirmScreen

if TYPE_CHECKING:
    from ...review_store import ReviewStore

HELP = "Ctrl+S saves · Esc closes"


@dataclass(frozen=True, slots=True)
class Saved:
    state: ReviewState


@dataclass(frozen=True, slots=True)
class Conflict:
    theirs: ReviewState


@dataclass(frozen=True, slots=True)
class Failed:
    message: str


Outcome = Saved | Conflict | Failed
# (text, the note the edit began from, where to send the outcome): runs the store write.
SaveNote = Callable[[str, str, Callable[[Outcome], None]], None]


class NoteEditor(ModalScreen[str | None]):
    """Returns the committed note text, or None when the analyst leaves without saving."""

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
    NoteEditor #note-help.-error { color: $error; }
    """

    def __init__(self, title: str, note: str, *, item_id: str = "", draft_store: ReviewStore | None = None,
                 save: SaveNote | None = None) -> None:
        """``draft_store``: the store that keeps this item's unsaved text (None: no drafts are kept)."""
        super().__init__()
        self.item_title = title
        self.original = note
        self.expected = note  # the committed note this edit builds on; moves when a conflict is settled
        self.item_id = item_id
        self.draft_store = draft_store
        self._save = save
        self.saving = False
        recovered = draft_store.draft(item_id) if draft_store is not None else None
        self.recovered = recovered if recovered is not None and recovered != note else None
        self._drafts: SerialWorker | None = None
        self._draft_text: str | None = None
        self._draft_failed = False
        self._finished = False  # saved or dropped: a draft write still under way is undone

    def compose(self) -> ComposeResult:
        box = Vertical()
        box.border_title = Content("Note · ") + Content(self.item_title[:60])
        with box:
            text = self.recovered if self.recovered is not None else self.original
            yield TextArea(text, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static(HELP, id="note-help", markup=False)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        if self.recovered is not None:
            self.notify("Recovered an unsaved draft of this note; Ctrl+S keeps it, Esc drops it", timeout=8)

    def on_unmount(self) -> None:
        if self._drafts is not None:
            self._drafts.shutdown(timeout=0)

    # ------------------------------------------------------------------ drafts

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self.draft_store is not None:
            self._save_draft(event.text_area.text)

    def _save_draft(self, text: str) -> None:
        """The newest text is written by one daemon thread; keystrokes that come while it writes
        are folded into its next write."""
        pending = self._draft_text is not None
        self._draft_text = text
        if pending:
            return
        if self._drafts is None:
            self._drafts = SerialWorker(name="note-draft")
        self._drafts.submit(self._write_draft)

    def _write_draft(self) -> None:
        text, self._draft_text = self._draft_text, None
        store = self.draft_store
        if text is None or store is None or self._finished:
            return
        try:
            store.save_draft(self.item_id, text)
            if self._finished:
                store.drop_draft(self.item_id)
        except StoreError as exc:
            if not self._draft_failed:
                self._draft_failed = True
                message = (f"Cannot keep a draft of this note ({exc}); your text is still "
                           "here — Ctrl+S saves it")
                self.app.call_from_thread(self.notify, message, severity="warning", timeout=10)

    # ------------------------------------------------------------------ saving

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        if self.saving:
            return
        if self._save is None:
            self.dismiss(text)
            return
        if text == self.expected:  # nothing to write: the committed note says this already
            self._cancel_drafts()
            self._drop_draft()
            self.dismiss(text)
            return
        self.saving = True
        self._show_help("Saving…")
        # Settled in the editor's own queue, after whatever it was asked to do first.
        self._save(text, self.expected, lambda outcome: self.call_next(self._saved, text, outcome))

    def _saved(self, text: str, outcome: Outcome) -> None:
        self.saving = False
        if isinstance(outcome, Saved):
            self._cancel_drafts()
            self._drop_draft()  # the note is committed: the draft has done its job
            self.dismiss(text)
        elif isinstance(outcome, Conflict):
            self._show_help(HELP)
            self._resolve(text, outcome.theirs)
        else:
            self._show_help(f"Not saved: {outcome.message} — your text is kept; Ctrl+S tries again", error=True)
            self.notify(Content(f"The note was not saved: {outcome.message}"), severity="error", timeout=10)

    def _resolve(self, mine: str, theirs: ReviewState) -> None:
        from ...note_merge import merge_notes
        from .note_conflict import Choice, NoteConflictScreen

        when = theirs.updated_at[:16].replace("T", " ") + " UTC" if theirs.updated_at else None

        def chosen(choice: Choice | None) -> None:
            area = self.query_one(TextArea)
            if choice == "mine":
                self.expected = theirs.note  # written over theirs knowingly
                self.action_save()
            elif choice == "theirs":
                self._cancel_drafts()
                self._drop_draft()
                self.dismiss(None)
            elif choice == "merge":
                merged, clean = merge_notes(self.expected, mine, theirs.note)
                self.expected = theirs.note
                area.text = merged
                area.move_cursor(area.document.end)
                self.notify("Both versions are in the editor" + ("" if clean else ", one under the other")
                            + ": check it, then Ctrl+S", timeout=8)
            area.focus()

        self.app.push_screen(NoteConflictScreen(mine, theirs.note, when=when), chosen)

    def _show_help(self, text: str, *, error: bool = False) -> None:
        help_line = self.query_one("#note-help", Static)
        help_line.update(Content(text))
        help_line.set_class(error, "-error")

    def _drop_draft(self) -> None:
        if self.draft_store is not None:
            self.draft_store.drop_draft(self.item_id)

    def _cancel_drafts(self) -> None:
        self._finished = True
        self._draft_text = None
        if self._drafts is not None:
            self._drafts.shutdown(timeout=0)
            self._drafts = None

    def action_leave(self) -> None:
        if self.query_one(TextArea).text == self.original:
            self._cancel_drafts()
            self._drop_draft()
            self.dismiss(None)
            return

        def answered(drop: bool | None) -> None:
            if drop:
                self._cancel_drafts()
                self._drop_draft()
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Drop your unsaved edit to this note?", yes="Drop", no="Keep editing"),
                             answered)
