"""The review workflow beside the dashboard: marks, notes, pins, export, clipboard and links.

A collaborator of the screen, not part of it: it owns the review store (any
``ReviewStore``: a SQLite file today), runs every store call on one
background thread in the order the analyst acted, so a slow or locked state
never freezes the screen, and hands results back as ``StoreDone`` messages.
What the results mean for the view (marks, filters, the status line) is the
review session's business; each change is committed before it is shown.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from textual.content import Content
from textual.message import Message

from ..catalog import display_title
from ..resources import shown_source

if TYPE_CHECKING:  # the store opens after the first frame, the panels mount after it (start-up time)
    from textual.app import App
    from textual.message import Message as AnyMessage

    from ..background import Background, SerialWorker
    from ..model import Item
    from ..review_state import ReviewState
    from ..review_store import ReviewStore
    from ..session import ReviewSession, Update
    from .screens.export import ExportRequest
    from .screens.note_editor import Outcome


# How many of this window's own changes `z` can take back, newest first.
UNDO_STEPS = 50
# On quit, changes still being written get this long to commit before the process leaves them.
STORE_EXIT_WAIT = 0.5
# Longest single wait for news from the store; quitting cancels the watcher without waiting for it.
WATCH_WAIT = 5.0
# A bulk mark on this many items or more says it has begun: each item is a write of its own, and the
# result is shown once all are written (docs/performance.md has the times).
BULK_SAYS_BEGUN = 100


class StoreDone(Message):
    """A store call finished on the store thread."""

    bubble = False  # for the screen alone: the app has nothing to do with it

    def __init__(self, then: Callable[[Any], None] | None, result: Any, error: Exception | None,
                 failed: Callable[[Exception], bool] | None = None) -> None:
        super().__init__()
        self.then, self.result, self.error, self.failed = then, result, error, failed


def store_error_text(error: Exception) -> str:
    """One line for the screen about a failed store call."""
    from ..review_state import StoreError

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


class ReviewHost(Protocol):
    """What the review desk needs of the screen it works for."""

    session: ReviewSession

    @property
    def app(self) -> App[Any]: ...

    def apply(self, update: Update) -> None: ...

    def post_message(self, message: AnyMessage) -> bool: ...

    def notify(self, message: Any, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = True) -> None: ...

    def cursor_item(self) -> Item | None:
        """The item under the list cursor, shown first if the screen had not caught up with it."""
        ...

    def highlighted_entry(self, panes: tuple[str, ...]) -> tuple[str, int] | None:
        """(panel id, index into the item's list) of the entry highlighted in a focused panel among ``panes``."""
        ...


class ReviewDesk:
    """The review store for one screen, and the review actions that write to it or hand on its content."""

    def __init__(self, host: ReviewHost, target: str | Path | None, *, use_cache: bool) -> None:
        """``target``: the review state (a path or a URL; None: the user's own)."""
        self.host = host
        self.target = target
        self.use_cache = use_cache
        self.store: ReviewStore | None = None
        self.store_message: str | None = None
        # The store's change number this window has seen; read and moved on the store thread only.
        self._store_version = 0
        self._store_pool: SerialWorker | None = None
        self._opening: Future[Any] | None = None
        self._watcher: Background | None = None
        self._poll_pending = threading.Event()
        self._unreachable_since: dt.datetime | None = None  # when polls began to fail, if they do
        # This window's committed changes, oldest first, each a step `z` takes back at once: (item, state
        # before, state after) for each item it changed, one for a single change, many for a bulk mark.
        # The store thread adds, the screen takes back; the lock keeps the two apart.
        self._undo: list[list[tuple[Item | str, ReviewState, ReviewState]]] = []
        self._undo_lock = threading.Lock()

    @property
    def read_only(self) -> bool:
        return self.store is not None and self.store.read_only

    def start(self) -> None:
        """Open the store on its thread; marks follow once it has read them."""
        from ..background import SerialWorker
        from ..review_store import open_store

        target = self.target
        self._store_pool = SerialWorker(name="review-store")
        self._opening = self._in_store(lambda: open_store(target), self._store_opened)

    def stop(self) -> None:
        """Let the changes under way commit, for a moment, then close the file. A store that does
        not answer (a state file on a hung network share) is left behind rather than waited for:
        quitting must always work, and what it was writing was never acknowledged on screen."""
        if self._watcher is not None:
            self._watcher.cancel()
        pool = self._store_pool
        if pool is not None:
            store = self.store
            if store is not None:
                pool.submit(store.close)
            if not pool.shutdown(timeout=STORE_EXIT_WAIT):
                unsaved = max(pool.pending - (store is not None), 0)
                if unsaved:
                    self.host.app.exit_notes.append(
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
            self.host.post_message(StoreDone(then, result, error, failed))

        assert self._store_pool is not None, "the store is opened first (start)"
        future = self._store_pool.submit(call)
        future.add_done_callback(done)
        return future

    def done(self, message: StoreDone) -> None:
        """A store call's result, on the screen's thread (the screen hands its StoreDone messages here)."""
        error = message.error
        if error is not None:
            if message.failed is not None and message.failed(error):
                return
            self.host.notify(Content(store_error_text(error)), severity="error", timeout=8)
            return
        if message.then is not None:
            message.then(message.result)

    def _store_opened(self, opened: tuple[ReviewStore, str | None]) -> None:
        self.store, self.store_message = opened
        self.host.session.reviewer = self.store.reviewer
        self.store.claim_lapse = dt.timedelta(seconds=self.host.session.settings.claim_lapse)
        if self.store_message:
            self.host.notify(Content(self.store_message), severity="warning", timeout=12)
        store = self.store

        def first_read() -> dict[str, ReviewState]:
            # The number before the states: a change landing in between is reported again, never missed.
            self._store_version = store.version()
            return store.all_states()

        self._in_store(first_read, self._states_loaded)
        from ..background import Background

        self._watcher = Background(self._watch_store, name="review-store-watch").start()

    def _watch_store(self, work: Background) -> None:
        """Another window's (or analyst's) changes show as soon as the store hears of them: a desk's
        server announces each commit, a SQLite file is asked every second (``wait_for_change``)."""
        store = self.store
        while store is not None and not work.is_cancelled:
            try:
                woke = store.wait_for_change(WATCH_WAIT)
            except Exception:  # a broken watch must not end the watching: the polls report failures
                woke = not work.pause(1.0)
            if woke and not work.is_cancelled:
                self._poll_store()

    def _poll_store(self) -> None:
        """Ask the store what changed since this window last asked; one question in flight at a time,
        so a burst of news never queues a pile of polls behind the analyst's own writes."""
        store = self.store
        if store is None or self._poll_pending.is_set():
            return
        self._poll_pending.set()

        def check() -> dict[str, ReviewState]:
            self._poll_pending.clear()
            self._store_version, changed = store.changes_since(self._store_version)
            return changed

        self._in_store(check, self._states_changed, self._poll_failed)

    def _poll_failed(self, error: Exception) -> bool:
        """A state that cannot be read (a desk's server gone, a file on a lost share) is said once,
        not at every poll; the watcher keeps asking, and the analyst hears when it answers again."""
        if self._unreachable_since is None:
            self._unreachable_since = dt.datetime.now()
            self.host.notify(Content(f"{store_error_text(error)}. Changes you make are refused, never kept half-way, "
                                     "until it answers again; briefing keeps trying."), severity="error", timeout=15)
        return True

    def _states_loaded(self, states: dict[str, ReviewState]) -> None:
        self.host.apply(self.host.session.states_loaded(states))

    def _states_changed(self, changed: dict[str, ReviewState]) -> None:
        if self._unreachable_since is not None:
            since, self._unreachable_since = self._unreachable_since, None
            where = self.store.location if self.store is not None else "the review state"
            self.host.notify(Content(f"{where} answers again (it did not from {since:%H:%M:%S}); what others "
                                     "changed meanwhile is shown"), timeout=8)
        self.host.apply(self.host.session.states_changed(changed))

    def _state_saved(self, state: ReviewState) -> None:
        self.host.apply(self.host.session.state_saved(state))

    def _write(self, change: Callable[[ReviewStore, Item], ReviewState],
               then: Callable[[ReviewState], None] | None = None,
               failed: Callable[[Exception], bool] | None = None) -> None:
        item = self.host.cursor_item()
        then = then or self._state_saved
        store = self.store
        if item is None:
            return
        if store is None:
            # Still opening (a key typed as the app starts): the store's one thread finishes opening it,
            # then makes this change, in the order the keys came.
            opening = self._opening
            if opening is None:  # not even started (the panes, which start it, are not built yet)
                self.host.notify("The review state is still opening; try again", timeout=3)
                return

            def when_open() -> ReviewState:
                from ..review_state import StoreError

                opened, message = opening.result()
                if opened.read_only:
                    raise StoreError(message or "the review state is read-only; the change was not saved")
                return change(opened, item)

            self._in_store(when_open, then, failed)
            return
        if store.read_only:
            self.host.notify(Content(self.store_message or "Review state is read-only"), severity="warning")
            return
        self._in_store(lambda: change(store, item), then, failed)

    # ------------------------------------------------------------------ actions

    def _undoable(self, change: Callable[[ReviewStore, Item], ReviewState]
                  ) -> Callable[[ReviewStore, Item], ReviewState]:
        """``change``, remembered for undo once it has committed (on the screen's thread, in order)."""
        def run(store: ReviewStore, item: Item) -> ReviewState:
            state = change(store, item)
            step = store.last_change
            if step is not None and step[0] != step[1]:
                self._remember([(item, *step)])
            return state

        return run

    def _remember(self, step: list[tuple[Item | str, ReviewState, ReviewState]]) -> None:
        with self._undo_lock:
            self._undo.append(step)
            del self._undo[:-UNDO_STEPS]

    def toggle_reviewed(self) -> None:
        self._write(self._undoable(lambda store, item: store.toggle_reviewed(item)))

    def toggle_flagged(self) -> None:
        self._write(self._undoable(lambda store, item: store.toggle_flagged(item)))

    def mark_picked(self, which: Literal["reviewed", "flagged"]) -> None:
        """``r`` or ``f`` with items picked: the mark set on every picked item shown, or taken off every
        one when all have it (``ReviewSession.bulk_mark``), as one step for ``z``. An item a colleague
        holds is left as it is, and said."""
        from ..review_state import StoreError

        store = self.store
        if store is None or store.read_only:
            self.host.notify(Content(self.store_message or ("The review state is still opening; try again"
                                                            if store is None else "Review state is read-only")),
                             severity="warning", timeout=4)
            return
        session = self.host.session
        positions, value = session.bulk_mark(which)
        if not positions:
            return
        ids = [session.index.summaries[p].id for p in positions]
        shelf = session.index.items.detached(positions, None)
        if len(ids) >= BULK_SAYS_BEGUN:
            doing = {"reviewed": "Marking reviewed" if value else "Unmarking", "flagged": "Flagging" if value
                     else "Unflagging"}[which]
            self.host.notify(f"{doing} {len(ids):,} items…", timeout=3)
        use_cache = self.use_cache

        def write() -> tuple[list[ReviewState], list[ReviewState], Exception | None]:
            from ..loading.launch import open_item_source

            with open_item_source(use_cache) as source:  # the items' titles go with their marks
                shelf.set_fetch(source.fetch)
                items = [shelf[position] or item_id for position, item_id in zip(positions, ids, strict=True)]
            try:  # one transaction: every item marked, or none (then nothing to undo)
                results = store.mark_many(items, which, value)
            except StoreError as failed:
                return [], [], failed
            written = [after for _, after in results if after is not None]
            held = [before for before, after in results if after is None]  # a colleague's, as committed
            changed = [(item, before, after) for item, (before, after) in zip(items, results, strict=True)
                       if after is not None and before != after]
            if changed:
                self._remember(changed)
            return written, held, None

        def done(result: tuple[list[ReviewState], list[ReviewState], Exception | None]) -> None:
            written, held, error = result
            self.host.apply(session.states_changed({s.item_id: s for s in (*written, *held)}))
            verb = {("reviewed", True): "Marked reviewed", ("reviewed", False): "Unmarked reviewed",
                    ("flagged", True): "Flagged", ("flagged", False): "Unflagged"}[(which, value)]
            count = len(written)
            text = f"{verb}: {count} item{'s' * (count != 1)}" + (f"; {len(held)} skipped: claimed by a colleague"
                                                                  if held else "")
            if error is not None:  # one transaction: nothing was written
                text = f"Nothing was {verb.lower()}: {store_error_text(error)}"
            self.host.notify(Content(text + ("; z undoes it" if count else "")),
                             severity="error" if error else "warning" if held else "information",
                             timeout=8 if error or held else 4)

        self._in_store(write, done)

    def undo(self) -> None:
        """Take back this window's last change (a mark, a note, a pin), then the one before, and so on.
        What a colleague changed since on the same item stays as they left it, and is said."""
        from ..review_state import log_entries

        store = self.store
        if store is None or store.read_only:
            self.host.notify(Content(self.store_message or "Review state is read-only"), severity="warning")
            return
        with self._undo_lock:
            step = self._undo.pop() if self._undo else None
        if step is None:
            self.host.notify("Nothing to undo: your marks, notes and pins in this window are as you left them",
                             timeout=4)
            return
        actions = dict.fromkeys(f"{action} #{detail}" if action in ("tagged", "untagged") else action
                                for _, before, after in step for action, detail in log_entries(before, after))
        what = ", ".join(actions) or "a change"
        first = step[0][0]
        if len(step) > 1:
            on = f"{len(step)} items"
        elif isinstance(first, str):
            on = "an item"
        else:
            on = f"“{display_title(first)[0]}”"

        def undo_all() -> list[tuple[ReviewState, list[str]]]:
            # A bulk step is taken back in one transaction, as it was made: a failure leaves it whole,
            # to try again (each field is taken back only where it is still as the change left it).
            if len(step) > 1:
                return store.undo_many(step)
            return [store.undo(item, before, after) for item, before, after in step]

        def undone(results: list[tuple[ReviewState, list[str]]]) -> None:
            session = self.host.session
            self.host.apply(session.states_changed({state.item_id: state for state, _ in results}))
            self.host.apply(session.select_id(first if isinstance(first, str) else first.id))
            kept = dict.fromkeys(field for _, fields in results for field in fields)
            changed = sum(1 for _, fields in results if fields)
            who = "it" if len(step) == 1 else f"{changed} of them"
            left = f"; left as a colleague changed {who} since: {', '.join(kept)}" if kept else ""
            self.host.notify(Content(f"Undone: {what} on {on}{left}"), timeout=5)

        def failed(error: Exception) -> bool:
            with self._undo_lock:
                self._undo.append(step)  # not undone: still there to try again
            return False

        self._in_store(undo_all, undone, failed)

    def toggle_claim(self) -> None:
        """Take the highlighted item for this analyst (or give it back), so the desk's Space skips it."""
        from ..review_state import ClaimTaken, claim_time

        def claimed(state: ReviewState) -> None:
            self._state_saved(state)
            until = claim_time(state.claimed_until) if state.claim_holder() else None
            if until is None:
                self.host.notify("Claim released: the item is free for the desk", timeout=3)
            else:
                self.host.notify(f"Claimed: yours until {until.astimezone():%H:%M}, longer as you work on it; "
                                 "c again releases it", timeout=4)

        def taken(error: Exception) -> bool:
            if not isinstance(error, ClaimTaken):
                return False
            self._state_saved(error.theirs)  # shown at once, before the desk's news arrives
            self.host.notify(Content(f"Not claimed: {error}".removesuffix("; the claim was not taken")),
                             severity="warning", timeout=5)
            return True

        self._write(lambda store, item: store.toggle_claim(item), claimed, taken)

    def edit_note(self) -> None:
        from .screens.note_editor import NoteEditor

        item = self.host.cursor_item()
        if item is None:
            return
        state = self.host.session.state_of(item)
        title, _ = display_title(item)
        store = self.store
        editor = NoteEditor(title, state.note if state else "", item_id=item.id,
                            draft_store=store if store is not None and not store.read_only else None,
                            save=lambda text, expected, done: self._save_note(item, text, expected, done))
        self.host.app.push_screen(editor)

    def _save_note(self, item: Item, text: str, expected: str, done: Callable[[Outcome], None]) -> None:
        """Commit a note for the editor, which stays open until this says how it went."""
        from ..review_state import NoteConflict
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

        self._in_store(lambda: self._undoable(lambda st, it: st.set_note(it, text, expected=expected))(store, item),
                       then, failed)

    def _selected_entry(self, panes: tuple[str, ...], hint: str) -> tuple[Item, str, int] | None:
        """(item, panel id, index into the item's list) of the entry highlighted in a focused panel
        among ``panes``; otherwise says ``hint`` and gives None."""
        item = self.host.session.item
        entry = self.host.highlighted_entry(panes) if item is not None else None
        if item is None or entry is None:
            self.host.notify(hint, timeout=3)
            return None
        return item, *entry

    def toggle_pin(self) -> None:
        selected = self._selected_entry(("quotes", "figures"), "Select a quote or a figure in its panel to pin it")
        if selected is None:
            return
        item, kind, index = selected
        from ..review_state import Pin

        pin = Pin.of_quote(item.quotes[index]) if kind == "quotes" else Pin.of_figure(item.figures[index])
        self._write(self._undoable(lambda store, it: store.toggle_pin(it, pin)))

    # ------------------------------------------------------------------ corrections

    def correct_speaker(self) -> None:
        """Who said the highlighted quote: one of the article's actors or a typed name (``s``)."""
        selected = self._selected_entry(("quotes",), "Select a quote in the Quotes panel to say who said it")
        if selected is None:
            return
        item, _, index = selected
        quote = item.quotes[index]
        from ..review_state import Correction
        from .render import speaker_label
        from .screens.correction import SpeakerChoice, SpeakerScreen

        state = self.host.session.state_of(item)
        fix = state.correction("speaker", quote.text) if state is not None else None
        names = [a.name for a in (*item.actors, *self.host.session.added_actors()) if a.type != "country"]
        names += [a.name for a in item.actors if a.type == "country"]  # a country's government speaks too

        def chosen(choice: SpeakerChoice | None) -> None:
            if choice is None:
                return
            if choice.name is None:
                self._write(self._undoable(lambda store, it: store.uncorrect(it, "speaker", quote.text)))
            else:
                name = choice.name
                self._write(self._undoable(
                    lambda store, it: store.correct(it, Correction("speaker", quote.text, name))))

        self.host.app.push_screen(SpeakerScreen(quote.text, speaker_label(quote), names,
                                                fix.value if fix else None), chosen)

    def toggle_wrong(self) -> None:
        """Mark the highlighted quote, actor or figure as wrong, or take the mark back (``w``); an actor
        the analyst added is taken out again."""
        selected = self._selected_entry(("quotes", "actors", "figures"),
                                        "Select a quote, an actor or a figure in its panel to mark it wrong")
        if selected is None:
            return
        item, panel, index = selected
        if panel == "actors" and index >= len(item.actors):
            added = self.host.session.added_actors()
            if index - len(item.actors) < len(added):
                name = added[index - len(item.actors)].name
                self._write(self._undoable(lambda store, it: store.uncorrect(it, "actor", name)))
            return
        kind, text = {"quotes": ("quote", lambda: item.quotes[index].text),
                      "actors": ("actor", lambda: item.actors[index].name),
                      "figures": ("figure", lambda: item.figures[index].text)}[panel]
        entry = text()
        self._write(self._undoable(lambda store, it: store.toggle_wrong(it, kind, entry)))

    def add_actor(self) -> None:
        """An actor the parser missed (``+``)."""
        if self.host.session.item is None:
            return
        from ..review_state import Correction
        from .screens.correction import ActorScreen, NewActor

        def chosen(new: NewActor | None) -> None:
            if new is not None:
                self._write(self._undoable(
                    lambda store, it: store.correct(it, Correction("actor", new.name, new.type))))

        self.host.app.push_screen(ActorScreen(), chosen)

    # ------------------------------------------------------------------ tags

    def edit_tags(self) -> None:
        """Add a tag to the highlighted item, or take one of the analyst's off it (``t``)."""
        item = self.host.cursor_item()
        if item is None:
            return
        if self.read_only:  # said before anything is typed, not after
            self.host.notify(Content(self.store_message or "Review state is read-only"), severity="warning")
            return
        from ..tags import merged
        from .screens.tags import TagChoice, TagScreen

        session = self.host.session
        state = session.state_of(item)
        source = merged(item.tags, session.rule_effects.tags(session.position))

        def chosen(choice: TagChoice | None) -> None:
            if choice is None:
                return
            tag, adding = choice.tag, choice.action == "add"

            def saved(state: ReviewState) -> None:
                self._state_saved(state)
                self.host.notify(Content(f"{'Tagged' if adding else 'Untagged'} #{tag}; z undoes it"), timeout=3)

            if adding:
                self._write(self._undoable(lambda store, it: store.add_tag(it, tag)), saved)
            else:
                self._write(self._undoable(lambda store, it: store.remove_tag(it, tag)), saved)

        self.host.app.push_screen(TagScreen(display_title(item)[0], source, state.tags if state else (),
                                            session.tags_in_use()), chosen)

    def copy_quote(self) -> None:
        selected = self._selected_entry(("quotes",), "Select a quote in the Quotes panel to copy it")
        if selected is None:
            return
        item, _, index = selected
        state = self.host.session.state_of(item)
        fix = state.correction("speaker", item.quotes[index].text) if state is not None else None
        from ..corrections import corrected_quote

        quote = corrected_quote(item.quotes[index], fix.value if fix else None)  # the analyst's speaker
        who = quote.speaker or quote.speaker_description or "unattributed"
        if quote.via:
            who += f", via {quote.via}"
        where = " · ".join(p for p in (item.title, shown_source(item.source)) if p)
        from ..digest import cited  # as the digest cites a pinned quote; loaded when first used

        said, who = cited(quote.text.strip(), who, quote.kind == "indirect")
        text = f"{said} — {who}" + (f" ({where})" if where else "")
        self.host.app.copy_to_clipboard(" ".join(text.split()))
        self.host.notify("Quote copied to the clipboard", timeout=3)

    def open_related(self) -> None:
        selected = self._selected_entry(("related",), "Select a related story in its panel to open it")
        if selected is None:
            return
        item, _, index = selected
        related = item.related[index]
        if not related.url:
            self.host.notify(Content(f"No link is given for “{related.title}”"), timeout=4)
        elif (self.host.app.is_web or browser_available()) and related.url.startswith(("http://", "https://")):
            # In a browser tab (briefing serve) the page itself opens the link, wherever the server runs.
            self.host.app.open_url(related.url)
        else:
            self.host.app.copy_to_clipboard(related.url)
            self.host.notify(Content("No browser here; the link is copied:\n" + related.url), timeout=10)

    def show_orphans(self) -> None:
        from .screens.orphans import OrphansScreen

        self.host.app.push_screen(OrphansScreen(self.host.session.orphaned_states()))

    def export(self) -> None:
        from ..digest import fresh_digest_path
        from .screens.export import ExportScreen

        default = fresh_digest_path(Path.cwd(), dt.date.today())

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self._export(request)

        self.host.app.push_screen(ExportScreen(default, len(self.host.session.picked_shown())), chosen)

    def _export(self, request: ExportRequest) -> None:
        from ..review_state import StoreError
        from .screens.export import PICKED

        session = self.host.session
        index = session.index
        states = dict(session.states)
        store = self.store
        # Every item for a full digest; for "only ..." just the items with a state; the items picked
        # out, and nothing else (no state of items not loaded), for those. Items are read back from
        # the parse cache in the store thread, through its own connection.
        selected = request.only == PICKED
        if selected:
            positions = session.picked_positions()
            states = {i: states[i] for i in session.picked_shown() if i in states}
            request = replace(request, only=None)
        else:
            positions = [p for p, s in enumerate(index.summaries) if request.only is None or s.id in states]
        use_cache = self.use_cache

        def write() -> Path:
            from ..digest import build_json, build_markdown, collect, dumps_json
            from ..loading.launch import open_item_source
            from ..review_credit import credits
            from ..writing import write_atomic

            with open_item_source(use_cache) as source:
                shelf = index.items.detached(positions, source.fetch)
                items = [item for item in (shelf[p] for p in positions) if item is not None]
            # Who did what comes from the trail; a store that cannot give it (gone away) still exports.
            try:
                credited = credits(store.history()) if store is not None else {}
            except StoreError:
                credited = {}
            entries = collect(items, states, credited)
            if request.fmt == "json":
                text = dumps_json(build_json(entries, only=request.only, selected=selected))
            else:
                text = build_markdown(entries, only=request.only, selected=selected)
            return write_atomic(request.path, text)

        def written(path: Path) -> None:
            app = self.host.app
            if app.is_web:
                # In a browser tab (briefing serve) the file is on the server: the browser downloads a copy.
                app.deliver_text(path, save_filename=path.name, open_method="download",
                                 mime_type="application/json" if request.fmt == "json" else "text/markdown")
                self.host.notify(Content(f"Digest written to {path} on the server; your browser downloads a copy"),
                                 timeout=6)
                return
            self.host.notify(Content(f"Digest written to {path}"), timeout=6)

        # The store thread keeps writes in order and off the screen; an export is one more write.
        self._in_store(write, written)
