"""Saved searches (``searches:`` in config.yaml): in the palette with their counts, and on their keys."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList

from briefing_tui.settings import load_settings
from briefing_tui.ui.widgets.item_list import ItemList

from .helpers import desk_folder, loaded, make_app, status, wait_for

ARTICLES = {
    "a.txt": "Ferry talks resume\n\nSTONE TOWN — Officials said the ceasefire would let the ferry run.\n",
    "b.txt": "Budget vote delayed\n\nLONDON — The minister said the vote would wait a week.\n",
    "c.txt": "Border ceasefire holds\n\nKYIV — The ceasefire held overnight, officials said.\n",
}
CONFIG = """\
searches:
  - {name: Truce watch, find: ceasefire, key: K}
  - {name: Budget, find: budget vote}
  - {name: Shadowed, find: minister, key: j}
  - {name: Percent, find: budget vote, key: "%"}
  - {name: Plus, find: minister, key: "+"}
"""


def _app(tmp_path: Path):
    folder = desk_folder(tmp_path, ARTICLES)
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    return make_app(paths=[folder], settings=load_settings(config), state_path=tmp_path / "s.sqlite3")


def _titles(screen) -> list[str | None]:
    return [s.title for s in screen.query_one(ItemList).rows]


async def test_a_saved_searchs_key_finds_and_narrows_the_list_and_l_widens_it(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 3)
        await pilot.press("K")
        await wait_for(pilot, lambda: len(screen.session.rows) == 2, what="the list narrowed")
        assert _titles(screen) == ["Ferry talks resume", "Border ceasefire holds"]
        assert "find “ceasefire” 2 items only" in status(screen)
        await pilot.press("l")
        await wait_for(pilot, lambda: len(screen.session.rows) == 3, what="every item again")
        await pilot.press("j")  # the dashboard's own key: the search that asked for it did not take it
        assert screen.session.find_query == "ceasefire" and screen.query_one(ItemList).cursor == 1
        await pilot.press("percent_sign")  # a key that is not a letter is bound as Textual names it
        await wait_for(pilot, lambda: _titles(screen) == ["Budget vote delayed"], what="the % search")


async def test_saved_searches_are_in_the_palette_with_their_counts(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 3)
        await wait_for(pilot, lambda: screen.session.search_counts is not None, what="the counts")
        assert screen.session.search_counts == {"ceasefire": 2, "budget vote": 1, "minister": 1}
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen is not screen, what="palette")
        await pilot.press(*"search: budget")
        commands = app.screen.query_one(CommandList)
        await wait_for(pilot, lambda: commands.option_count > 0, what="palette hits")
        assert "Search: Budget (1 item)" in str(commands.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen, what="palette closed")
        assert _titles(screen) == ["Budget vote delayed"]
        assert screen.session.find_limit


async def test_a_saved_searchs_key_taken_by_the_dashboard_is_said(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 3)
        notes = [str(n.message) for n in app._notifications]
        assert any("Search Shadowed: the key j is taken" in n for n in notes), notes
        assert any("Search Plus: the key + is taken" in n for n in notes), notes  # "plus", adding an actor
        assert screen.session.rows == [0, 1, 2]
