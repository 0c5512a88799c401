"""How the dashboard is laid out and drawn: ASCII for a terminal that is not UTF-8, the list's share of the
width, a pane maximised (issue 18)."""

from __future__ import annotations

from textual.binding import Binding

from briefing_tui.settings import load_settings
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.main_screen import MainScreen
from briefing_tui.ui.pane_layout import MIN_ARTICLE_COLUMNS, MIN_LIST_COLUMNS
from briefing_tui.ui.widgets.item_list import ItemList

from ..conftest import SEEDS
from .helpers import loaded, make_app, wait_for

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
        # Keys are named where Textual would draw a glyph (the help screen, the footer).
        assert [app.get_key_display(Binding(key, "x")) for key in ("down", "enter", "j")] == ["down", "enter", "j"]


async def test_a_utf8_terminal_keeps_round_borders() -> None:
    app = BriefingApp([SEEDS], load_settings(None))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        assert set(_border_types(screen).values()) == {"round"}
        assert app.driver_class.__name__ != "AsciiDriver"
        assert app.get_key_display(Binding("down", "x")) == "↓"


def _width(screen: MainScreen, pane: str) -> int:
    return screen.query_one(pane).outer_size.width


async def _wait_width(pilot, screen: MainScreen, pane: str, width: int) -> None:
    await wait_for(pilot, lambda: _width(screen, pane) == width, what=f"{pane} {width} columns wide")


async def test_the_list_takes_its_share_of_a_wide_terminal() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        items = screen.query_one(ItemList)
        await _wait_width(pilot, screen, "#items", 54)  # 45% of 120
        # A title reads: 40-odd characters of it, not 22.
        assert "Russia and North Korea both sign off their" in items.render_line(0).text
        await pilot.resize_terminal(200, 50)
        await _wait_width(pilot, screen, "#items", 90)
        assert _width(screen, "#article") == 110
        assert "Russia and North Korea both sign off their defence treaty" in items.render_line(0).text
        # The panels under them keep their parts of the whole width, 3:3:2:2, whatever the list's share.
        assert [_width(screen, pane) for pane in ("#actors", "#quotes", "#figures", "#related")] == [60, 60, 40, 40]
        await pilot.press("greater_than_sign")
        await _wait_width(pilot, screen, "#items", 100)
        assert [_width(screen, pane) for pane in ("#actors", "#quotes", "#figures", "#related")] == [60, 60, 40, 40]


async def test_less_and_greater_resize_the_list_within_its_least_widths_and_it_stays() -> None:
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await loaded(pilot, 5)
        await _wait_width(pilot, screen, "#items", 90)
        await pilot.press("greater_than_sign")
        await _wait_width(pilot, screen, "#items", 100)
        await pilot.press(*["less_than_sign"] * 7)
        await _wait_width(pilot, screen, "#items", 40)  # 20%, the least share
        await pilot.resize_terminal(120, 40)
        await _wait_width(pilot, screen, "#items", MIN_LIST_COLUMNS)  # 24 would cut every title
        await pilot.press(*["greater_than_sign"] * 10)
        await _wait_width(pilot, screen, "#article", MIN_ARTICLE_COLUMNS)
        await pilot.press("less_than_sign")
        await _wait_width(pilot, screen, "#items", 120 - MIN_ARTICLE_COLUMNS - 6)  # one step back at once
        # The narrow layout has a split of its own: the list's height.
        await pilot.resize_terminal(80, 24)
        rows = screen.query_one("#body").size.height  # 22: under the status line, over the keys
        await wait_for(pilot, lambda: screen.query_one("#items").outer_size.height == int(rows * 0.40),
                       what="the list's 40% of the height")
        await pilot.press("greater_than_sign")
        await wait_for(pilot, lambda: screen.query_one("#items").outer_size.height == int(rows * 0.45),
                       what="45%")
        await pilot.resize_terminal(120, 40)
        await _wait_width(pilot, screen, "#items", 64)  # the wide split as it was left


async def test_z_maximises_the_focused_pane_and_back() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await pilot.press("T", "Z")
        article = screen.query_one("#article")
        await wait_for(pilot, lambda: _width(screen, "#article") == 120, what="the article maximised")
        assert screen.maximized is article and not screen.query_one("#items").region.area
        assert screen.query_one("#status").region.area  # the status line stays
        await pilot.press("tab")  # the next pane, maximised in its turn
        await wait_for(pilot, lambda: screen.maximized is screen.query_one("#actors"), what="actors maximised")
        assert _width(screen, "#actors") == 120
        await pilot.press("Z")
        await wait_for(pilot, lambda: screen.maximized is None and _width(screen, "#items") == 54,
                       what="the layout back")
        await pilot.press("I", "Z", "escape")  # Esc also brings the layout back
        await wait_for(pilot, lambda: screen.maximized is None and _width(screen, "#article") == 66,
                       what="the layout back after Esc")


async def test_z_on_the_list_at_80_columns_gives_it_the_whole_height_and_esc_its_share_again() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot, 5)
        items = screen.query_one("#items")
        share = items.region.height
        await pilot.press("Z")  # the narrow layout's list has a share of the height, set by < and >
        await wait_for(pilot, lambda: screen.maximized is items and items.region.height > 18,
                       what="the list maximised over the whole height")
        await pilot.press("escape")
        await wait_for(pilot, lambda: screen.maximized is None and items.region.height == share,
                       what="the list's share again")
