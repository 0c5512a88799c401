"""The review workflow on the main screen: marks, notes, pins, review filters, export, clipboard.

All store access runs on one background thread, in the order the analyst
acted, so a slow or locked state file never freezes the screen; results
come back as messages. Each change is committed before the screen shows it.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.message import Message

from ..catalog import display_title

if TYPE_CHECKING:  # the store opens after the first frame, the panels mount after it (start-up time)
    from ..background import SerialWorker
    from ..model import Item
    from ..store import ReviewState, ReviewStore
    from .screens.export import ExportRequest
    from .screens.note_editor import Outcome
    from .widgets.panels import Panel


# On quit, changes still being written get this long to commit before the process leaves them.
STORE_EXIT_WAIT = 0.5


class StoreDone(Message):
    """A store call finished on the store thread."""

    def __init__(self, then: Callable[[Any], None] | None, result: Any, error: Exception | None,
                 failed: Callable[[Exception], bool] | None = None) -> None:
        super().__init__()
        self.then, self.result, self.error, self.failed = then, result, error, failed


def store_error_text(error: Exception) -> str:
    """One line for the screen about a failed store call."""
    from ..store import StoreError

    if isinstance(error, StoreError):
        return f"Review state: {error}"
    if isinstance(error, OSError):
        return f"Cannot write {error.filename or ''}: {error.strerror or error}"
    return f"Review state: {type(error).__name__}: {error}"


def browser_available() -> bool:
    """Only a local graphical session has a browser to open; over SSH the URL is shown instead."""
    if os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"):
        return False
    return sys.platform == "darwin" or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class ReviewActions:
    """Mixed into MainScreen; relies on its item, rows, panels and status line."""

    store: ReviewStore | None = None
    store_message: str | None = None
    review_filter: str | None = None  # None, "unreviewed" or "flagged"

    states: dict[str, ReviewState]

    def _start_store(self, path: Path | None) -> None:
        from ..background import SerialWorker
        from ..store import open_store

        self._store_pool = SerialWorker(name="review-store")
        self._opening = self._in_store(lambda: open_store(path), self._store_opened)

    def _stop_store(self) -> None:
        """Let the changes under way commit, for a moment, then close the file. A store that does
        not answer (a state file on a hung network share) is left behind rather than waited for:
        quitting must always work, and what it was writing was never acknowledged on screen."""
        pool: SerialWorker | None = getattr(self, "_store_pool", None)
        if pool is not None:
            store = self.store
            if store is not None:
                pool.submit(store.close)
            if not pool.shutdown(timeout=STORE_EXIT_WAIT):
                unsaved = max(pool.pending - (store is not None), 0)
                if unsaved:
                    self.app.exit_notes.append(  # type: ignore[attr-defined]
                        f"{unsaved} review change(s) were still being written to the state file when you quit "
                        "and may not have been saved")

    def _in_store(self, call: Callable[[], Any], then: Callable[[Any], None] | None = None,
                  failed: Callable[[Exception], bool] | None = None) -> Future[Any]:
        """Run ``call`` on the store thread; ``then`` gets its result on the screen's thread, and
        ``failed`` its error (returning True when it told the analyst itself)."""
        def done(future: Future[Any]) -> None:
            try:
                result, error = future.result(), None
            except Exception as exc:
                result, error = None, exc
            self.post_message(StoreDone(then, result, error, failed))  # type: ignore[attr-defined]

        future = self._store_pool.submit(call)
        future.add_done_callback(done)
        return future

    def on_store_done(self, message: StoreDone) -> None:
        error = message.error
        if error is not None:
            if message.failed is not None and message.failed(error):
                return
            self.notify(Content(store_error_text(error)), severity="error", timeout=8)  # type: ignore[attr-defined]
            return
        if message.then is not None:
            message.then(message.result)

    def _store_opened(self, opened: tuple[ReviewStore, str | None]) -> None:
        self.store, self.store_message = opened
        if self.store_message:
            self.notify(Content(self.store_message), severity="warning", timeout=12)  # type: ignore[attr-defined]
        store = self.store
        self._in_store(store.all_states, self._states_loaded)
        self.set_interval(1.0, self._poll_store)  # type: ignore[attr-defined]

    def _poll_store(self) -> None:
        """Another window's changes show on the next refresh."""
        store = self.store
        if store is None:
            return

        def check() -> dict[str, ReviewState] | None:
            return store.all_states() if store.changed_since_last_check() else None

        self._in_store(check, lambda states: states is not None and self._states_loaded(states))

    def _states_loaded(self, states: dict[str, ReviewState]) -> None:
        self.states = dict(states)
        self._review_changed()

    def _state_saved(self, state: ReviewState) -> None:
        if state.is_empty:
            self.states.pop(state.item_id, None)
        else:
            self.states[state.item_id] = state
        self._review_changed()

    def _review_changed(self) -> None:
        self._sync_marks()  # type: ignore[attr-defined]
        if self.review_filter:
            self._refilter()  # type: ignore[attr-defined]
        self._fill_panels()  # type: ignore[attr-defined]
        self._update_status()  # type: ignore[attr-defined]

    def state_of(self, item: Item | None) -> ReviewState | None:
        return self.states.get(item.id) if item is not None else None

    def _cursor_item(self) -> Item | None:
        """The item under the list cursor, shown first if its Highlighted message is still queued:
        keys typed fast (j then r) must act on the item the cursor is on."""
        position = self.query_one("#items").current_position  # type: ignore[attr-defined]
        if position != self.position:  # type: ignore[attr-defined]
            self._show_position(position)  # type: ignore[attr-defined]
        return self.item  # type: ignore[attr-defined]

    def _write(self, change: Callable[[ReviewStore, Item], ReviewState]) -> None:
        item = self._cursor_item()
        store = self.store
        if item is None:
            return
        if store is None:
            # Still opening (a key typed as the app starts): the store's one thread finishes opening it,
            # then makes this change, in the order the keys came.
            opening = getattr(self, "_opening", None)
            if opening is None:  # not even started (the panes, which start it, are not built yet)
                self.notify("The review state is still opening; try again", timeout=3)  # type: ignore[attr-defined]
                return

            def when_open() -> ReviewState:
                from ..store import StoreError

                opened, message = opening.result()
                if opened.read_only:
                    raise StoreError(message or "the review state is read-only; the change was not saved")
                return change(opened, item)

            self._in_store(when_open, self._state_saved)
            return
        if store.read_only:
            self.notify(Content(self.store_message or "Review state is read-only"), severity="warning")  # type: ignore[attr-defined]
            return
        self._in_store(lambda: change(store, item), self._state_saved)

    # ------------------------------------------------------------------ actions

    def action_toggle_reviewed(self) -> None:
        self._write(lambda store, item: store.toggle_reviewed(item))

    def action_toggle_flagged(self) -> None:
        self._write(lambda store, item: store.toggle_flagged(item))

    def action_note(self) -> None:
        from .screens.note_editor import NoteEditor, draft_file

        item = self._cursor_item()
        if item is None:
            return
        state = self.state_of(item)
        title, _ = display_title(item)
        store = self.store
        draft = draft_file(store.path.parent / "note-drafts" if store and store.path and not store.read_only
                           else None, item.id)
        editor = NoteEditor(title, state.note if state else "", draft=draft,
                            save=lambda text, expected, done: self._save_note(item, text, expected, done))
        self.app.push_screen(editor)  # type: ignore[attr-defined]

    def _save_note(self, item: Item, text: str, expected: str, done: Callable[[Outcome], None]) -> None:
        """Commit a note for the editor, which stays open until this says how it went."""
        from ..store import NoteConflict
        from .screens.note_editor import Conflict, Failed, Saved

        store = self.store
        if store is None:
            done(Failed("the review state is still opening; try again in a moment"))
            return
        if store.read_only:
            done(Failed(self.store_message or "the review state is read-only"))
            return

        def then(new_state: ReviewState) -> None:
            self._state_saved(new_state)
            done(Saved(new_state))

        def failed(error: Exception) -> bool:
            if isinstance(error, NoteConflict):
                done(Conflict(error.theirs))
            else:
                done(Failed(store_error_text(error).removeprefix("Review state: ")))
            return True

        self._in_store(lambda: store.set_note(item, text, expected=expected), then, failed)

    def _selected_entry(self, panes: tuple[str, ...], hint: str) -> tuple[Item, str, int] | None:
        """(item, panel id, index into the item's list) of the entry highlighted in a focused panel
        among ``panes``; otherwise says ``hint`` and gives None."""
        item: Item | None = self.item  # type: ignore[attr-defined]
        for pane in panes:
            panel: Panel = self.query_one(f"#{pane}")  # type: ignore[attr-defined]
            if item and panel.has_focus and panel.highlighted is not None and panel.highlighted < len(panel.indices):
                return item, pane, panel.indices[panel.highlighted]
        self.notify(hint, timeout=3)  # type: ignore[attr-defined]
        return None

    def action_pin(self) -> None:
        selected = self._selected_entry(("quotes", "figures"), "Select a quote or a figure in its panel to pin it")
        if selected is None:
            return
        item, kind, index = selected
        from ..store import Pin

        pin = Pin.of_quote(item.quotes[index]) if kind == "quotes" else Pin.of_figure(item.figures[index])
        self._write(lambda store, it: store.toggle_pin(it, pin))

    def action_review_filter(self, which: str) -> None:
        self.review_filter = None if self.review_filter == which else which
        self._refilter()  # type: ignore[attr-defined]

    def action_next_unreviewed(self) -> None:
        self._cursor_item()
        rows: list[int] = self.rows  # type: ignore[attr-defined]
        summaries = self.index.summaries  # type: ignore[attr-defined]
        if not rows:
            return
        current = self.query_one("#items").cursor  # type: ignore[attr-defined]
        for step in range(1, len(rows) + 1):
            row = (current + step) % len(rows)
            state = self.states.get(summaries[rows[row]].id)
            if state is None or not state.reviewed:
                self._select_row(row)  # type: ignore[attr-defined]
                return
        self.notify("Every item shown is reviewed", timeout=3)  # type: ignore[attr-defined]

    def action_copy_quote(self) -> None:
        selected = self._selected_entry(("quotes",), "Select a quote in the Quotes panel to copy it")
        if selected is None:
            return
        item, _, index = selected
        quote = item.quotes[index]
        who = quote.speaker or quote.speaker_description or "unattributed"
        if quote.via:
            who += f", via {quote.via}"
        where = " · ".join(p for p in (item.title, item.source) if p)
        text = f"“{quote.text.strip()}” — {who}" + (f" ({where})" if where else "")
        self.app.copy_to_clipboard(" ".join(text.split()))  # type: ignore[attr-defined]
        self.notify("Quote copied to the clipboard", timeout=3)  # type: ignore[attr-defined]

    def action_open_related(self) -> None:
        selected = self._selected_entry(("related",), "Select a related story in its panel to open it")
        if selected is None:
            return
        item, _, index = selected
        related = item.related[index]
        if not related.url:
            self.notify(Content(f"No link is given for “{related.title}”"), timeout=4)  # type: ignore[attr-defined]
        elif browser_available() and related.url.startswith(("http://", "https://")):
            self.app.open_url(related.url)  # type: ignore[attr-defined]
        else:
            self.app.copy_to_clipboard(related.url)  # type: ignore[attr-defined]
            self.notify(Content("No browser here; the link is copied:\n" + related.url), timeout=10)  # type: ignore[attr-defined]

    def orphaned_states(self) -> list[ReviewState]:
        loaded = self._positions  # type: ignore[attr-defined]
        return sorted((s for i, s in self.states.items() if i not in loaded and not s.is_empty),
                      key=lambda s: s.updated_at or "", reverse=True)

    def action_orphans(self) -> None:
        from .screens.orphans import OrphansScreen

        self.app.push_screen(OrphansScreen(self.orphaned_states()))  # type: ignore[attr-defined]

    def action_export(self) -> None:
        default = Path.cwd() / f"digest-{dt.date.today().isoformat()}.md"

        from .screens.export import ExportScreen

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self._export(request)

        self.app.push_screen(ExportScreen(default), chosen)  # type: ignore[attr-defined]

    def _export(self, request: ExportRequest) -> None:
        index = self.index  # type: ignore[attr-defined]
        states = dict(self.states)
        # Every item for a full digest; for "only ..." just the items with a state. Items are read
        # back from the parse cache in the store thread, through its own connection.
        positions = [p for p, s in enumerate(index.summaries) if request.only is None or s.id in states]
        use_cache = self.use_cache  # type: ignore[attr-defined]

        def write() -> Path:
            from ..cache import open_default_cache
            from ..digest import build_json, build_markdown, collect, dumps_json
            from ..loading.load import fetch_items
            from ..writing import write_atomic

            cache = open_default_cache() if use_cache else None
            try:
                shelf = index.items.detached(positions, lambda ref: fetch_items(ref, cache))
                items = [item for item in (shelf[p] for p in positions) if item is not None]
            finally:
                if cache is not None:
                    cache.close()
            entries = collect(items, states)
            if request.fmt == "json":
                text = dumps_json(build_json(entries, only=request.only))
            else:
                text = build_markdown(entries, only=request.only)
            return write_atomic(request.path, text)

        def written(path: Path) -> None:
            self.notify(Content(f"Digest written to {path}"), timeout=6)  # type: ignore[attr-defined]

        # The store thread keeps writes in order and off the screen; an export is one more write.
        self._in_store(write, written)
