"""The Textual application: wires settings, keymap and the main screen together."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

from ..gc_pacing import KeyPacedCollector
from ..problems import problem
from ..settings import Settings
from .commands import BriefingCommands
from .main_screen import MainScreen

if TYPE_CHECKING:
    from textual.actions import ActionParseResult
    from textual.dom import DOMNode

    from ..loading.forked_head_start import ForkedHeadStart
    from ..loading.head_start import HeadStart

# The young collection after a key waits this long after its frame is drawn, for it to be written.
COLLECT_AFTER_FRAME = 0.005


class BriefingApp(App[int]):
    """``briefing [PATH...]``: review items from files and folders, keyboard first."""

    CSS_PATH = "app.tcss"
    TITLE = "briefing"
    COMMANDS = App.COMMANDS | {BriefingCommands}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.palette"),
    ]

    def __init__(self, paths: list[Path], settings: Settings, *, use_cache: bool = True,
                 state_path: Path | None = None, head_start: HeadStart | ForkedHeadStart | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.head_start = head_start
        self.last_input = 0.0  # time.monotonic() of the last key or click
        self.collector = KeyPacedCollector()  # engaged once loading is done (pace_collector)
        self.settings = settings
        self.use_cache = use_cache
        self.state_path = state_path
        self.exit_notes: list[str] = []  # printed once the terminal is back (e.g. changes not saved)
        self.crash: BaseException | None = None  # what ended the app, if an exception did
        self.crash_report: Path | None = None  # where its traceback was saved

    def get_default_screen(self) -> MainScreen:
        # The dashboard is the app's first screen itself, not pushed over an empty default one that
        # Textual would style, lay out and draw first (start-up time).
        return MainScreen(self.paths, self.settings, use_cache=self.use_cache, state_path=self.state_path,
                          head_start=self.head_start)

    def on_mount(self) -> None:
        # Loading, keyword sets and parsing run on threads; a thread keeps the GIL up to this long
        # before the one drawing the screen gets it back. CPython's 5 ms default, met a few times a
        # key, let a keystroke during loading take 50-80 ms instead of 15-20.
        sys.setswitchinterval(0.001)
        screen = self.screen
        assert isinstance(screen, MainScreen)
        if self.settings.keymap:
            known = _binding_ids(self, screen)
            unknown = sorted(set(self.settings.keymap) - known)
            for name in unknown:
                screen.problems.append(problem(self.settings.source or "config", f"keys: unknown binding id {name!r}"))
            self.set_keymap({k: v for k, v in self.settings.keymap.items() if k in known})
            if unknown:
                self.notify(Content(f"Unknown binding id(s) in keys: {', '.join(unknown)}"), severity="warning")

    async def on_event(self, event: events.Event) -> None:
        """Act on keys one at a time, in order. Textual forwards every key it reads to the widget
        focused at that moment, and runs the bindings (`/`, `a`, Tab...) only when the key comes
        back up to the app, behind every key read with it: in a burst (fast typing, a slow SSH
        link) `/moya` or `ja` + a note would reach the list before `/` opened the find box or `a`
        the editor. So each key is followed up through the widgets, and its bindings run here,
        before the next key is handed on."""
        original = isinstance(event, events.Key) and not event.is_forwarded
        user_input = original or isinstance(event, events.MouseDown)
        if user_input:
            self.last_input = time.monotonic()  # background work gives way (MainScreen.give_way)
        target = (self.focused or self.screen) if original else None
        await super().on_event(event)
        if target is not None and await _handled(target) and self._queued(event):
            event._briefing_done = True  # type: ignore[attr-defined]  # so the queued copy is skipped
            await super()._on_key(event)
        if user_input and self.collector.after_input():
            # The key has been acted on: collect once its frame is drawn and written.
            self.call_after_refresh(self.set_timer, COLLECT_AFTER_FRAME, self.collector.collect_young)

    def _queued(self, message: events.Event) -> bool:
        """Whether ``message`` has bubbled back up to the app and waits in its queue."""
        queue = self._message_queue
        pending = [self._pending_message, *getattr(queue, "values", getattr(queue, "_queue", ()))]
        return any(m is message for m in pending)

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls each class's handler in turn; prevent_default stops App's own running it.
        event.prevent_default()
        if not getattr(event, "_briefing_done", False):
            await super()._on_key(event)

    async def run_action(self, action: str | ActionParseResult, default_namespace: DOMNode | None = None,
                         namespaces: Mapping[str, DOMNode] | None = None) -> bool:
        # Keys typed while the dashboard's panes are still being mounted (its first frame holds only
        # the list) wait for them, a few milliseconds, rather than acting on panes not there yet.
        screen = self.screen
        if isinstance(screen, MainScreen) and not screen.details_ready:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(screen.details_built.wait(), 5)
        return await super().run_action(action, default_namespace, namespaces)

    def pace_collector(self) -> None:
        """Loading is done: from now on the garbage collector runs between keys, not inside them."""
        if not self.collector.engaged:
            self.collector.engage()
            self.set_interval(self.collector.idle_after, lambda: self.collector.when_idle(self.last_input))

    def on_unmount(self) -> None:
        self.collector.release()

    def action_quit(self) -> None:
        self.exit(0)

    # ------------------------------------------------------------------ crashes

    def _handle_exception(self, error: Exception) -> None:
        """An exception no handler caught ends the app, as Textual does; the traceback goes to a file
        in the state folder (``crash_report``), and the command line says where once the terminal is
        back, instead of a screenful of frames and locals."""
        from ..crash_report import save_traceback

        if self.crash is None:
            self.crash = error
            self.crash_report = save_traceback(error, context="the dashboard")
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # Textual renders a traceback with every frame's locals here, for printing at exit; the
        # saved report replaces it (see _handle_exception). Closing is what must still happen.
        self.bell()
        self._close_messages_no_wait()


async def _handled(target: Widget, timeout: float = 0.5) -> bool:
    """Wait until ``target`` and each node up to its screen have processed what was already
    sent to them (a key bubbles up one queue at a time); False if that could not be seen (a
    node closed, or took longer than ``timeout``): then the key takes Textual's usual path."""
    for node in [target, *target.ancestors]:
        if isinstance(node, App):
            break
        done = asyncio.Event()
        if not node.is_running or not node.call_later(done.set):
            return False
        try:
            await asyncio.wait_for(done.wait(), timeout)
        except TimeoutError:
            return False
    return True


def _binding_ids(app: App, screen: MainScreen) -> set[str]:
    from .widgets.article_view import ArticleView
    from .widgets.item_list import ItemList
    from .widgets.panels import Panel

    ids = set()
    for bindings in (app._bindings, screen._bindings, ItemList._merged_bindings, ArticleView._merged_bindings,
                     Panel._merged_bindings):
        if bindings is None:
            continue
        for entries in bindings.key_to_bindings.values():
            ids.update(b.id for b in entries if b.id)
    return ids
