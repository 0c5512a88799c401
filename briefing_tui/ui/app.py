"""The Textual application: wires settings, keymap and the main screen together."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
import weakref
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

from ..problems import problem
from ..settings import Settings
from ..tuning import GiveWay, KeyPacedCollector, shorten_switch_interval
from .commands import BriefingCommands
from .main_screen import MainScreen
from .textual_internals import HookedApp, class_bindings, node_bindings, waiting_in_queue

if TYPE_CHECKING:
    from textual.actions import ActionParseResult
    from textual.dom import DOMNode
    from textual.driver import Driver

    from ..loading.launch import ReadAhead


class BriefingApp(HookedApp[int]):
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
                 state_path: str | Path | None = None, head_start: ReadAhead | None = None,
                 ascii_only: bool = False) -> None:
        # NO_COLOR: no colour codes at all, attributes only (Textual's own NO_COLOR turns colours into
        # greys, which are colour codes still). With native ANSI colours its NoColor filter drops them.
        super().__init__(ansi_color=True if "NO_COLOR" in os.environ else None)
        # ascii_only: the terminal's locale is not UTF-8 (glyphs.terminal_is_utf8): ASCII borders, and
        # everything written to the terminal goes through the glyph table.
        self.ascii_only = ascii_only
        if ascii_only:
            self.add_class("-ascii")
            self.driver_class = _ascii_driver(self.driver_class)
        self.paths = paths
        self.head_start = head_start
        self.last_input = 0.0  # time.monotonic() of the last key or click
        self.collector = KeyPacedCollector()  # engaged once loading is done (pace_collector)
        self.give_way = GiveWay(lambda: self.last_input)  # background work calls it between slices
        self._keys_acted_on: weakref.WeakSet[events.Event] = weakref.WeakSet()  # see handle_key_at_app
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

    def get_key_display(self, binding: Binding) -> str:
        shown = super().get_key_display(binding)
        if self.ascii_only and not shown.isascii():
            return binding.key  # "down", "enter": a name, where the glyph (↓, ⏎) would be an unclear stand-in
        return shown

    def on_mount(self) -> None:
        shorten_switch_interval()  # loading runs on threads: keys during it stay quick
        screen = self.screen
        assert isinstance(screen, MainScreen)
        if self.settings.keymap:
            known = _binding_ids(self, screen)
            unknown = sorted(set(self.settings.keymap) - known)
            for name in unknown:
                screen.session.problems.append(
                    problem(self.settings.source or "config", f"keys: unknown binding id {name!r}"))
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
            self.last_input = time.monotonic()  # background work gives way (tuning.GiveWay)
        target = (self.focused or self.screen) if original else None
        await super().on_event(event)
        if target is not None and await _handled(target) and waiting_in_queue(self, event):
            self._keys_acted_on.add(event)
            await self.run_key_bindings(event)
        if user_input and self.collector.after_input():
            # The key has been acted on: collect once its frame is drawn and written.
            self.call_after_refresh(self.set_timer, self.collector.after_frame, self.collector.collect_young)

    async def handle_key_at_app(self, event: events.Key) -> None:
        if event in self._keys_acted_on:
            self._keys_acted_on.discard(event)  # the copy of a key whose bindings on_event ran
        else:
            await self.run_key_bindings(event)

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
        if not self.collector.engaged and self.collector.engage():
            self.set_interval(self.collector.idle_after, lambda: self.collector.when_idle(self.last_input))

    def on_unmount(self) -> None:
        self.collector.release()

    def action_quit(self) -> None:
        self.exit(0)

    # ------------------------------------------------------------------ crashes

    # Textual renders a traceback with every frame's locals for printing at exit; the saved
    # report replaces it (see handle_uncaught_exception). Closing is what must still happen.
    RENDER_CRASH_TRACEBACK = False

    def handle_uncaught_exception(self, error: Exception) -> None:
        """An exception no handler caught ends the app, as Textual does; the traceback goes to a file
        in the state folder (``crash_report``), and the command line says where once the terminal is
        back, instead of a screenful of frames and locals."""
        from ..crash_report import save_traceback

        if self.crash is None:
            self.crash = error
            self.crash_report = save_traceback(error, context="the dashboard")


def _ascii_driver(base: type[Driver]) -> type[Driver]:
    """``base`` writing ASCII only: the one place every frame, border and message passes through."""
    from ..glyphs import to_ascii

    class AsciiDriver(base):  # type: ignore[valid-type, misc]
        def write(self, data: str) -> None:
            super().write(to_ascii(data))

    return AsciiDriver


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
    for bindings in (node_bindings(app), node_bindings(screen), class_bindings(ItemList),
                     class_bindings(ArticleView), class_bindings(Panel)):
        if bindings is None:
            continue
        for entries in bindings.key_to_bindings.values():
            ids.update(b.id for b in entries if b.id)
    return ids
