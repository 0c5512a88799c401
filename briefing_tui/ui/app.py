"""The Textual application: wires settings, keymap and the main screen together."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.content import Content

from ..problems import problem
from ..settings import Settings
from .commands import BriefingCommands
from .main_screen import MainScreen


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
                 state_path: Path | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.use_cache = use_cache
        self.state_path = state_path

    def on_mount(self) -> None:
        screen = MainScreen(self.paths, self.settings, use_cache=self.use_cache, state_path=self.state_path)
        self.push_screen(screen)
        if self.settings.keymap:
            known = _binding_ids(self, screen)
            unknown = sorted(set(self.settings.keymap) - known)
            for name in unknown:
                screen.problems.append(problem(self.settings.source or "config", f"keys: unknown binding id {name!r}"))
            self.set_keymap({k: v for k, v in self.settings.keymap.items() if k in known})
            if unknown:
                self.notify(Content(f"Unknown binding id(s) in keys: {', '.join(unknown)}"), severity="warning")

    def action_quit(self) -> None:
        self.exit(0)


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
