"""Tags in the dashboard: t tags the highlighted item (or takes a tag of yours off), # shows only the
items with a tag, z undoes a tag, and the list, the header and the status line show them."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from briefing_tui.sqlite_store import SQLiteStore
from briefing_tui.ui.screens.tags import TagFilterScreen, TagScreen
from briefing_tui.ui.widgets.item_list import ItemList

from .helpers import loaded_with_store, make_app, status, wait_for


def _tags(path: Path, item_id: str) -> tuple[str, ...]:
    with SQLiteStore.open(path, read_only=True) as store:
        return store.get(item_id).tags


async def test_tag_filter_untag_and_undo(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        first = screen.item
        assert first is not None
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TagScreen), what="the tag dialog")
        await pilot.press(*"x" * 41, "enter")  # too long: said, and the dialog stays
        why = app.screen.query_one("#why", Static)
        await wait_for(pilot, lambda: "at most 40 characters" in str(why.content), what="the reason")
        await pilot.press("escape")  # nothing is tagged
        await wait_for(pilot, lambda: app.screen is screen, what="the dialog closed")
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TagScreen), what="the tag dialog again")
        await pilot.press(*" #Energy ", "enter")
        await wait_for(pilot, lambda: _tags(state, first.id) == ("Energy",), what="the tag saved")
        await wait_for(pilot, lambda: "#Energy" in screen._article().byline.plain, what="the header shows it")
        await wait_for(pilot, lambda: screen.query_one(ItemList)._tags.get(first.id) == ("Energy",),
                       what="the list shows it")
        assert _tags(state, first.id) == ("Energy",)
        await pilot.press("j", "t")
        second = screen.item
        assert second is not None and second.id != first.id
        await wait_for(pilot, lambda: isinstance(app.screen, TagScreen), what="the tag dialog on the next item")
        await pilot.press(*"energy", "enter")  # the spelling in use is kept
        await wait_for(pilot, lambda: _tags(state, second.id) == ("Energy",), what="the second item tagged")

        await pilot.press("number_sign")
        await wait_for(pilot, lambda: isinstance(app.screen, TagFilterScreen), what="the tag filter")
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(k).prompt) for k in range(options.option_count)]
        assert "#Energy (2 items)" in prompts and "#north-korea (2 items)" in prompts, prompts
        options.highlighted = prompts.index("#Energy (2 items)")
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(screen.session.rows) == 2, what="only the tagged items")
        assert "only #Energy" in status(screen) and "2/5 shown" in status(screen)

        await pilot.press("t")  # take it off the item under the cursor: it leaves the list
        await wait_for(pilot, lambda: isinstance(app.screen, TagScreen), what="the dialog on a tagged item")
        current = screen.item
        assert current is not None
        await pilot.press("down", "enter")  # ✓ #Energy — remove it
        await wait_for(pilot, lambda: _tags(state, current.id) == (), what="the tag removed")
        await wait_for(pilot, lambda: len(screen.session.rows) == 1, what="the item left the filtered list")
        await pilot.press("z")
        await wait_for(pilot, lambda: _tags(state, current.id) == ("Energy",), what="the untag undone")
        await wait_for(pilot, lambda: len(screen.session.rows) == 2, what="back in the list")
        await pilot.press("0")
        await wait_for(pilot, lambda: len(screen.session.rows) == 5, what="every item again")
        assert "only #" not in status(screen)


async def test_the_palette_offers_each_tag_with_its_count_and_the_filter_shows_at_80x24() -> None:
    from textual.command import CommandList

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen is not screen, what="palette")
        await pilot.press(*"tag filter: #aviation")
        commands = app.screen.query_one(CommandList)
        await wait_for(pilot, lambda: commands.option_count > 0, what="palette hits")
        assert "#aviation (1 item) — turn on" in str(commands.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and len(screen.session.rows) == 1, what="filtered")
        assert "only #aviation" in status(screen)
        await pilot.press("escape")  # Esc clears it, as it clears keyword filters
        await wait_for(pilot, lambda: len(screen.session.rows) == 5, what="every item again")


async def test_a_colleague_s_tag_shows_here_and_joins_the_filter(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        screen.action_tag_filter("aviation")
        await wait_for(pilot, lambda: len(screen.session.rows) == 1, what="one aviation item")
        other_id = next(s.id for p, s in enumerate(screen.index.summaries) if p not in screen.session.rows)
        with SQLiteStore.open(state, reviewer="ben") as other:
            other.add_tag(other_id, "Aviation")
        await wait_for(pilot, lambda: len(screen.session.rows) == 2, what="their tagged item joins the list")
        assert screen.query_one(ItemList)._tags.get(other_id) == ("Aviation",)
        with SQLiteStore.open(state, reviewer="ben") as other:
            other.remove_tag(other_id, "aviation")
        await wait_for(pilot, lambda: len(screen.session.rows) == 1, what="and leaves it again")


def test_the_row_names_the_first_tag_and_counts_the_rest_and_an_item_not_loaded_lists_them() -> None:
    from rich.style import Style

    from briefing_tui.review_state import ReviewState
    from briefing_tui.summary import Summary
    from briefing_tui.ui.render import item_row
    from briefing_tui.ui.screens.orphans import orphan_row

    summary = Summary("x", "Port strike ends", "Port strike ends", "desk.rss", "2026-12-01", "2q")
    assert "#energy +1 · desk" in item_row(summary, 100, meta_style=Style(), tags=("energy", "oil")).plain
    assert "#" not in item_row(summary, 40, meta_style=Style(), tags=("energy",)).plain  # narrow: the title first
    assert "#energy #Oil" in orphan_row(ReviewState("x", title="Gone", tags=("energy", "Oil"))).plain
