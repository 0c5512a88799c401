"""How the dashboard is laid out and drawn: ASCII for a terminal that is not UTF-8, the list's share of the
width, a pane maximised (issue 18)."""

from __future__ import annotations

from briefing_tui.settings import load_settings
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.main_screen import MainScreen

from ..conftest import SEEDS
from .helpers import loaded

PANES = ("#items", "#article", "#actors", "#quotes", "#figures", "#related")


def _border_types(screen: MainScreen) -> dict[str, str]:
    return {pane: screen.query_one(pane).styles.border_top[0] for pane in PANES}


async def test_an_ascii_terminal_gets_ascii_borders_and_focus_still_shows() -> None:
    app = BriefingApp([SEEDS], load_settings(None), ascii_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        assert set(_border_types(screen).values()) == {"ascii"}
        focused, other = screen.query_one("#items"), screen.query_one("#article")
        assert focused.styles.border_top[1] != other.styles.border_top[1]  # the accent: focus reads
        # Everything written to the terminal passes the glyph table (the tmux test reads the bytes).
        assert app.driver_class.__name__ == "AsciiDriver"


async def test_a_utf8_terminal_keeps_round_borders() -> None:
    app = BriefingApp([SEEDS], load_settings(None))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        assert set(_border_types(screen).values()) == {"round"}
        assert app.driver_class.__name__ != "AsciiDriver"
