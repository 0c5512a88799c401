"""`z` takes back this window's own changes, newest first, and never a colleague's."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.sqlite_store import SQLiteStore
from briefing_tui.ui.widgets.item_list import ItemList

from .helpers import loaded_with_store, make_app, wait_for


def _said(app, text: str) -> bool:
    return any(text in str(n.message) for n in app._notifications)


async def test_z_undoes_marks_newest_first_and_shows_the_item(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        first, second = (screen.index.summaries[screen.session.rows[k]].id for k in (0, 1))
        await pilot.press("r", "f")  # each mark moves on: the first reviewed, the second flagged
        await wait_for(pilot, lambda: screen.query_one(ItemList).marks == {first: "reviewed", second: "flagged"},
                       what="two marks")
        await pilot.press("z")
        await wait_for(pilot, lambda: second not in screen.query_one(ItemList).marks, what="the flag undone")
        assert _said(app, "Undone: flagged on")
        await pilot.press("j", "j", "z")  # the cursor elsewhere: the undo goes back to the item it changes
        await wait_for(pilot, lambda: screen.query_one(ItemList).marks == {}, what="the review mark undone")
        assert screen.item.id == first
        with SQLiteStore.open(state, read_only=True) as store:
            assert store.all_states() == {}
        await pilot.press("z")
        await wait_for(pilot, lambda: _said(app, "Nothing to undo"), what="nothing left")


async def test_z_leaves_a_colleagues_later_change_and_says_so(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        first = screen.item.id
        await pilot.press("r")
        await wait_for(pilot, lambda: first in screen.session.states, what="reviewed")
        with SQLiteStore.open(state, reviewer="ben") as ben:
            ben.set_reviewed(first, False)
            ben.set_flagged(first, True)
        await wait_for(pilot, lambda: screen.query_one(ItemList).marks.get(first) == "flagged", what="ben's change")
        await pilot.press("z")
        await wait_for(pilot, lambda: _said(app, "Undone: reviewed on"), what="the undo")
        with SQLiteStore.open(state, read_only=True) as store:
            assert store.get(first).flagged and not store.get(first).reviewed  # Ben's flag stands
