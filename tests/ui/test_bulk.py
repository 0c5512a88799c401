"""Picking several items (v, *) and marking, flagging or exporting them at once; z takes a bulk mark
back as one step; an item a colleague holds is skipped, and said."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing_tui.sqlite_store import SQLiteStore
from briefing_tui.ui.screens.export import ExportScreen
from briefing_tui.ui.widgets.item_list import PICKED_GLYPH, ItemList

from .helpers import cursor, loaded_with_store, make_app, status, wait_for


@pytest.fixture(autouse=True)
def _reviewer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_REVIEWER", "ana")


def _said(app, text: str) -> bool:
    return any(text in str(n.message) for n in app._notifications)


def _row_text(screen, row: int) -> str:
    items = screen.query_one(ItemList)
    return "".join(segment.text for segment in items.render_line(row - round(items.scroll_offset.y)))


def _ids(screen) -> list[str]:
    return [screen.index.summaries[p].id for p in screen.session.rows]


def _stored(state: Path) -> dict:
    with SQLiteStore.open(state, read_only=True) as store:
        return store.all_states()


async def test_v_picks_the_item_and_moves_on_and_esc_clears(tmp_path: Path) -> None:
    app = make_app(state_path=tmp_path / "state.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        ids = _ids(screen)
        await pilot.press("v", "v")
        assert screen.session.picked.ids == {ids[0], ids[1]} and cursor(screen) == 2
        assert screen.query_one(ItemList).picked == {ids[0], ids[1]}
        assert "2 selected" in status(screen)
        assert PICKED_GLYPH in _row_text(screen, 0) and PICKED_GLYPH not in _row_text(screen, 2)
        await pilot.press("k", "v")  # v on a picked item puts it back
        assert screen.session.picked.ids == {ids[0]}
        assert "1 selected" in status(screen)
        await pilot.press("escape")
        assert not screen.session.picked and "selected" not in status(screen)
        assert PICKED_GLYPH not in _row_text(screen, 0)


async def test_star_picks_every_shown_item_and_again_puts_them_back(tmp_path: Path) -> None:
    app = make_app(state_path=tmp_path / "state.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        await pilot.press("asterisk")
        assert screen.session.picked.ids == set(_ids(screen)) and "5 selected" in status(screen)
        await pilot.press("asterisk")
        assert not screen.session.picked and "selected" not in status(screen)
        await pilot.press("ctrl+p", *"Select every shown", "enter")
        await wait_for(pilot, lambda: len(screen.session.picked) == 5, what="the palette's select all")
        await pilot.press("ctrl+p", *"Clear the selection", "enter")
        await wait_for(pilot, lambda: not screen.session.picked, what="the palette's clear")


async def test_r_on_picked_items_marks_them_all_reviewed(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        ids = _ids(screen)
        await pilot.press("j", "v", "v", "v", "k")  # items 2 to 4 picked; the cursor on the 4th
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.session.reviewed_ids() == set(ids[1:4]), what="three reviewed")
        assert cursor(screen) == 3  # a bulk mark leaves the cursor where it is
        assert set(_stored(state)) == set(ids[1:4])
        assert "2 to review" in status(screen)
        await wait_for(pilot, lambda: _said(app, "Marked reviewed: 3 items"), what="the notice")


async def test_f_on_picked_items_flags_all_unless_all_are_flagged_and_z_restores_them(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        ids = _ids(screen)
        await pilot.press("f")  # the first flagged on its own
        await wait_for(pilot, lambda: ids[0] in screen.session.states, what="the single flag")
        await pilot.press("g", "v", "v", "v")
        flagged = lambda: {i for i, s in screen.session.states.items() if s.flagged}  # noqa: E731
        await pilot.press("f")  # one of the three has the flag: all three get it
        await wait_for(pilot, lambda: flagged() == set(ids[:3]), what="three flagged")
        await pilot.press("f")  # all three have it: all three lose it
        await wait_for(pilot, lambda: flagged() == set(), what="three unflagged")
        await pilot.press("z")  # the bulk unflag, as one step: all three flagged again
        await wait_for(pilot, lambda: flagged() == set(ids[:3]), what="the unflag undone")
        # The store's change watcher may show the marks before the undo's own notice is given.
        await wait_for(pilot, lambda: _said(app, "Undone: unflagged on 3 items"), what="the undo's notice")
        await pilot.press("z")  # the bulk flag: the two it flagged lose it, the first keeps its own
        await wait_for(pilot, lambda: flagged() == {ids[0]}, what="the bulk flag undone")
        await wait_for(pilot, lambda: _said(app, "Undone: flagged on 2 items"), what="the undo's notice")
        assert {i for i, s in _stored(state).items() if s.flagged} == {ids[0]}
        await pilot.press("z")
        await wait_for(pilot, lambda: flagged() == set(), what="the single flag undone")


async def test_export_offers_the_picked_items_and_writes_only_them(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(state_path=tmp_path / "state.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        ids = _ids(screen)
        await pilot.press("f", "g", "j", "j", "v", "j", "v")  # the first flagged; the 3rd and 5th picked
        await wait_for(pilot, lambda: ids[0] in screen.session.states, what="the flag")
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.choices[0] == ("Selected (2)", "selected")
        target = tmp_path / "picked.json"
        await pilot.press("ctrl+u", *str(target), "enter")
        await wait_for(pilot, target.exists, what="digest written")
        data = json.loads(target.read_text(encoding="utf-8"))
        assert [entry["id"] for entry in data["items"]] == [ids[2], ids[4]]
        assert data["not_loaded"] == [] and data["counts"]["flagged"] == 0 and data["selected"] is True
        markdown = tmp_path / "picked.md"
        await pilot.press("e", "ctrl+u", *str(markdown), "enter")
        await wait_for(pilot, markdown.exists, what="Markdown digest written")
        text = markdown.read_text(encoding="utf-8")
        titles = [screen.index.summaries[screen.session.positions[i]].label for i in ids]
        assert text.count("\n## ") == 2
        assert titles[0] not in text
        assert "2 items · 0 reviewed · 0 flagged · 0 with pins · only the items selected" in text.splitlines()[2]


async def test_a_bulk_mark_skips_items_a_colleague_holds_and_says_so(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        ids = _ids(screen)
        with SQLiteStore.open(state, reviewer="ben") as ben:
            ben.claim(ids[1])
        await wait_for(pilot, lambda: screen.query_one(ItemList).claims == {ids[1]: "ben"}, what="ben's claim")
        await pilot.press("asterisk", "f")
        flagged = lambda: {i for i, s in screen.session.states.items() if s.flagged}  # noqa: E731
        await wait_for(pilot, lambda: flagged() == set(ids) - {ids[1]}, what="four flagged")
        await wait_for(pilot, lambda: _said(app, "Flagged: 4 items; 1 skipped: claimed by a colleague"),
                       what="the skip said")
        stored = _stored(state)
        assert not stored[ids[1]].flagged and stored[ids[1]].claim_holder() == "ben"


async def test_a_bulk_mark_on_a_read_only_state_says_so_and_writes_nothing(tmp_path: Path) -> None:
    state = tmp_path / "broken.sqlite3"
    state.write_bytes(b"definitely not sqlite" * 50)
    before = state.read_bytes()
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        await pilot.press("asterisk", "f")
        await wait_for(pilot, lambda: _said(app, "read-only"), what="the refusal")
        assert screen.session.states == {} and len(screen.session.picked) == 5
    assert state.read_bytes() == before
