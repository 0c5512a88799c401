"""Claims in the dashboard: `c` takes the highlighted item, the list says who holds what, Space skips
items a colleague holds, and a claim that lapses frees the item on screen."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from briefing_tui.settings import load_settings
from briefing_tui.sqlite_store import SQLiteStore
from briefing_tui.ui.widgets.item_list import ItemList

from .helpers import loaded_with_store, make_app, status, wait_for


@pytest.fixture(autouse=True)
def _reviewer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_REVIEWER", "ana")


def _row_text(screen, row: int) -> str:
    items = screen.query_one(ItemList)
    return "".join(segment.text for segment in items.render_line(row - round(items.scroll_offset.y)))


async def test_c_claims_the_item_and_c_again_releases_it(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        first = screen.item.id
        await pilot.press("c")
        await wait_for(pilot, lambda: screen.query_one(ItemList).claims.get(first) == "you", what="the claim shown")
        with SQLiteStore.open(state, read_only=True) as other:
            assert other.get(first).claim_holder() == "ana"
        assert "claimed by you" in _row_text(screen, 0) and "◇" in _row_text(screen, 0)
        assert "claimed by you until" in status(screen)
        await pilot.press("c")
        await wait_for(pilot, lambda: first not in screen.query_one(ItemList).claims, what="the claim released")
        with SQLiteStore.open(state, read_only=True) as other:
            assert other.get(first).claimed_by is None


async def test_a_colleagues_claim_is_shown_refused_and_skipped_by_space(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        ids = [screen.index.summaries[p].id for p in screen.session.rows]
        with SQLiteStore.open(state, reviewer="ben") as ben:
            ben.claim(ids[1])
            ben.claim(ids[2])
        items = screen.query_one(ItemList)
        await wait_for(pilot, lambda: items.claims == {ids[1]: "ben", ids[2]: "ben"}, what="ben's claims")
        assert "claimed by ben" in _row_text(screen, 1) and "◆" in _row_text(screen, 1)
        await pilot.press("space")  # from the first item: the next unreviewed one ben does not hold
        await wait_for(pilot, lambda: screen.item.id == ids[3], what="Space past ben's items")
        await pilot.press("k", "c")  # try to take ben's item: refused, and nothing written
        await wait_for(pilot, lambda: any("Not claimed: claimed by ben until" in str(n.message)
                                          for n in app._notifications), what="the refusal")
        with SQLiteStore.open(state, read_only=True) as other:
            assert other.get(ids[2]).claim_holder() == "ben"


async def test_every_unreviewed_item_held_by_colleagues_is_said(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        ids = [screen.index.summaries[p].id for p in screen.session.rows]
        with SQLiteStore.open(state, reviewer="ben") as ben:
            for item_id in ids[1:]:
                ben.claim(item_id)
        await wait_for(pilot, lambda: len(screen.query_one(ItemList).claims) == 4, what="ben's claims")
        await pilot.press("r", "space")  # r marks the first and moves on to the second (ben's)
        await wait_for(pilot, lambda: any("claimed by a colleague (4)" in str(n.message)
                                          for n in app._notifications), what="the notice")
        assert screen.item.id == ids[1]


async def test_a_lapsed_claim_frees_the_item_on_screen(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        second = screen.index.summaries[screen.session.rows[1]].id
        with SQLiteStore.open(state, reviewer="ben") as ben:
            ben.claim_lapse = timedelta(seconds=2)
            ben.claim(second)
        items = screen.query_one(ItemList)
        await wait_for(pilot, lambda: items.claims.get(second) == "ben", what="ben's claim")
        screen._claims_tick()  # the timer's call, made now rather than waiting for the clock
        await wait_for(pilot, lambda: (screen._claims_tick(), second not in items.claims)[1], timeout=30,
                       what="the lapse")
        await pilot.press("space")
        assert screen.item.id == second


def test_claim_lapse_is_read_from_config(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("claim_lapse: 45m\n", encoding="utf-8")
    assert load_settings(config).claim_lapse == 45 * 60
    config.write_text("claim_lapse: 2h\n", encoding="utf-8")
    assert load_settings(config).claim_lapse == 2 * 3600
    config.write_text("reviewer: ana\nclaim_lapse: 20 s\n", encoding="utf-8")
    settings = load_settings(config)
    assert settings.claim_lapse == 30 * 60
    assert [(p.line, p.message) for p in settings.problems] == [
        (2, "claim_lapse: expected minutes such as 30 or 30m, or hours such as 2h, not '20 s'; "
            "claims lapse after 30 minutes")]
    config.write_text("claim_lapse: 0\n", encoding="utf-8")
    assert "outside 1 minute to 24 hours" in load_settings(config).problems[0].message
