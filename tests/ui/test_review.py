"""The review workflow in the dashboard: marks, notes, pins, review filters, export, clipboard."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from briefing_tui.sqlite_store import SQLiteStore
from briefing_tui.ui.screens.confirm import ConfirmScreen
from briefing_tui.ui.screens.export import ExportScreen
from briefing_tui.ui.screens.note_editor import NoteEditor
from briefing_tui.ui.widgets.item_list import ItemList
from briefing_tui.ui.widgets.panels import Panel

from .helpers import cursor, loaded, loaded_with_store, make_app, status, wait_for


def saved_states(path: Path) -> dict:
    with SQLiteStore.open(path, read_only=True) as store:
        return store.all_states()


async def test_marks_are_committed_and_shown(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        first = screen.item.id
        await pilot.press("r")
        await wait_for(pilot, lambda: first in screen.session.states, what="reviewed saved")
        assert saved_states(state)[first].reviewed  # on disk the moment it shows
        assert screen.query_one(ItemList).marks[first] == "reviewed"
        assert "4 to review" in status(screen)
        second = screen.item.id  # a mark set moves on to the next item (mark_advances:)
        assert second != first and cursor(screen) == 1
        await pilot.press("f")
        await wait_for(pilot, lambda: second in screen.session.states, what="flag saved")
        assert saved_states(state)[second].flagged
        assert "⚑ 1" in status(screen) and cursor(screen) == 2
        await pilot.press("k", "r")  # the second is flagged, now reviewed too
        await wait_for(pilot, lambda: screen.session.states[second].reviewed)
        await pilot.press("g", "r")  # clearing a mark stays on the item
        await wait_for(pilot, lambda: first not in screen.session.states, what="unreviewed saved")
        assert first not in saved_states(state) and cursor(screen) == 0


async def test_mark_advances_false_keeps_the_cursor(tmp_path: Path) -> None:
    from briefing_tui.settings import load_settings

    config = tmp_path / "config.yaml"
    config.write_text("mark_advances: false\n", encoding="utf-8")
    settings = load_settings(config)
    assert not settings.mark_advances and not settings.problems
    app = make_app(settings=settings, state_path=tmp_path / "state.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        first = screen.item.id
        await pilot.press("r", "f")
        await wait_for(pilot, lambda: getattr(screen.session.states.get(first), "flagged", False), what="both marks")
        assert screen.item.id == first and screen.session.states[first].reviewed


async def test_marking_reviewed_under_only_unreviewed_moves_to_the_next_item(tmp_path: Path) -> None:
    app = make_app(state_path=tmp_path / "state.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        ids = [screen.index.summaries[p].id for p in screen.session.rows]
        await pilot.press("j", "u", "r")  # the second item leaves the list; the third takes its place
        await wait_for(pilot, lambda: len(screen.session.rows) == 4, what="the item gone from the list")
        assert screen.item.id == ids[2] and cursor(screen) == 1


async def test_state_survives_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        await pilot.press("G", "f")
        await wait_for(pilot, lambda: screen.item.id in screen.session.states)
    app2 = make_app(state_path=state)
    async with app2.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await wait_for(pilot, lambda: screen.query_one(ItemList).marks, what="marks shown")
        assert list(screen.query_one(ItemList).marks.values()) == ["flagged"]


async def test_note_editor_saves_and_asks_before_dropping(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Check the 11,000 figure", "enter", *"against MoD")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: screen.item.id in screen.session.states, what="note saved")
        assert saved_states(state)[screen.item.id].note == "Check the 11,000 figure\nagainst MoD"
        await pilot.press("a")
        await pilot.press(*" and TASS")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("escape", "y")  # drop the edit
        assert app.screen is screen
        assert saved_states(state)[screen.item.id].note == "Check the 11,000 figure\nagainst MoD"


async def test_pins_review_filters_and_next_unreviewed(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        await pilot.press("G", "tab", "tab", "tab")  # the quotes panel of the seed article
        quotes = screen.query_one("#quotes", Panel)
        await pilot.press("j", "p")
        pinned_quote = screen.item.quotes[quotes.indices[quotes.highlighted]]
        await wait_for(pilot, lambda: screen.item.id in screen.session.states, what="pin saved")
        pins = saved_states(state)[screen.item.id].pins
        assert [(p.kind, p.text) for p in pins] == [("quote", pinned_quote.text)]
        assert quotes.entry_text(quotes.highlighted).startswith("★ ")
        await pilot.press("tab", "p")  # the first figure
        await wait_for(pilot, lambda: len(screen.session.states[screen.item.id].pins) == 2, what="figure pinned")
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab")  # back to the list
        await pilot.press("r", "g", "f", "k")  # f moved on to the second item: back to the first
        await wait_for(pilot, lambda: len(screen.session.states) == 2 and screen.session.states[screen.item.id].flagged)
        await pilot.press("u")
        assert len(screen.query_one(ItemList).rows) == 4 and "only unreviewed" in status(screen)
        await pilot.press("u", "F")
        assert [i.id for i in screen.query_one(ItemList).rows] == [screen.item.id]
        await pilot.press("F", "g", "space")
        assert cursor(screen) == 1
        await pilot.press("G", "space")  # the last is reviewed: wraps to the first unreviewed
        assert cursor(screen) == 0


async def test_export_writes_the_digest(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        await pilot.press("f")
        await wait_for(pilot, lambda: screen.session.states)
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        target = tmp_path / "out" / "digest.json"
        target.parent.mkdir()
        await pilot.press("ctrl+u", *str(target), "enter")
        await wait_for(pilot, target.exists, what="digest written")
        data = json.loads(target.read_text(encoding="utf-8"))
        assert data["counts"]["flagged"] == 1


async def test_copy_quote_uses_the_clipboard(tmp_path: Path) -> None:
    app = make_app(state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await pilot.press("y")  # nothing selected: says how
        await pilot.press("G", "tab", "tab", "tab", "y")
        quote = screen.item.quotes[0]
        assert quote.kind == "indirect"  # reported speech: the article's words, cited without quotation marks
        assert app.clipboard.startswith(f"{quote.text.strip()} — reported, ")
        assert "rfa-kursk-north-korean-troops.txt" in app.clipboard


async def test_read_only_state_says_so_and_refuses_writes(tmp_path: Path) -> None:
    state = tmp_path / "broken.sqlite3"
    state.write_bytes(b"definitely not sqlite" * 50)
    before = state.read_bytes()
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        assert screen.review.store.read_only and "state read-only" in status(screen)
        await pilot.press("r")
        await pilot.pause()
        assert screen.session.states == {}
    assert state.read_bytes() == before


async def test_an_unsaved_note_draft_survives_a_crash(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        await pilot.press("a", *"half a thought")
        drafts = tmp_path / "note-drafts"
        await wait_for(pilot, lambda: any(p.read_text() == "half a thought" for p in drafts.glob("*.txt")),
                       what="the draft on disk")
        # Private: the folder and the draft are the user's alone (issue 14, 11).
        assert stat.S_IMODE(drafts.stat().st_mode) == 0o700
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in drafts.glob("*.txt"))
        app.exit()  # as if the terminal died: the editor never saved
    app2 = make_app(state_path=state)
    async with app2.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        await pilot.press("a")
        assert app2.screen.query_one("#note-text").text == "half a thought"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: screen.item.id in screen.session.states)
        assert saved_states(state)[screen.item.id].note == "half a thought"
        await wait_for(pilot, lambda: not list((tmp_path / "note-drafts").glob("*.txt")), what="the draft gone")


async def test_state_of_items_not_loaded_is_kept_and_listed(tmp_path: Path) -> None:
    from briefing_tui.ui.screens.orphans import OrphansScreen

    state = tmp_path / "state.sqlite3"
    with SQLiteStore.open(state) as store:
        store.set_flagged("gone-item", True)
        store.set_note("gone-item", "Follow up with the bureau")
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await wait_for(pilot, lambda: "gone-item" in screen.session.states, what="states loaded")
        assert [s.item_id for s in screen.session.orphaned_states()] == ["gone-item"]
        screen.action_orphans()
        await wait_for(pilot, lambda: isinstance(app.screen, OrphansScreen) and app.screen.query("OptionList"))
        assert "Follow up with the bureau" in str(app.screen.query_one("OptionList").get_option_at_index(0).prompt)
    assert "gone-item" in saved_states(state)


async def test_another_windows_marks_and_removals_show_here(tmp_path: Path) -> None:
    """The poll applies what another window changed, including state it cleared or forgot."""
    state = tmp_path / "desk" / "state.sqlite3"
    app = make_app(state_path=f"sqlite:///{state}")  # --state as a URL reaches the dashboard as it is
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        assert screen.review.store.location == str(state) and not screen.review.store.read_only
        first, second = (screen.index.summaries[screen.session.rows[i]].id for i in (0, 1))
        with SQLiteStore.open(state, reviewer="ben") as other:
            other.set_flagged(first, True)
            other.set_reviewed(second, True)
        await wait_for(pilot, lambda: screen.query_one(ItemList).marks.get(first) == "flagged"
                       and screen.query_one(ItemList).marks.get(second) == "reviewed", what="their marks")
        assert screen.session.states[first].updated_by == "ben"
        with SQLiteStore.open(state) as other:
            other.set_flagged(first, False)
            other.forget(second)
        await wait_for(pilot, lambda: not screen.session.states, what="their removals")
        assert screen.query_one(ItemList).marks == {}


async def test_copying_reported_speech_does_not_put_it_in_quotation_marks(tmp_path: Path) -> None:
    story = tmp_path / "talks.txt"
    story.write_text("Talks to resume\n\nMinister Anna Berg said the talks would resume next week.\n", encoding="utf-8")
    app = make_app(paths=[story], state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 1)
        assert [q.kind for q in screen.item.quotes] == ["indirect"]
        await pilot.press("tab", "tab", "tab", "y")
        assert app.clipboard.startswith("the talks would resume next week — reported, Anna Berg")
        assert "“" not in app.clipboard


async def test_a_note_shows_in_the_list_and_under_the_article_header(tmp_path: Path) -> None:
    from briefing_tui.ui.widgets.article_view import ArticleView

    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        first = screen.item.id
        lines = "\n".join(f"line {n}" for n in range(1, 7))
        with SQLiteStore.open(state, reviewer="ben") as ben:
            ben.set_note(first, f"Check the figures with the bureau\n{lines}")
            ben.set_reviewed(first, True)
            ben.set_flagged(first, True)
        items = screen.query_one(ItemList)
        await wait_for(pilot, lambda: "✎" in "".join(s.text for s in items.render_line(0)), what="the note mark")
        row = "".join(s.text for s in items.render_line(0))
        assert row.startswith("▶⚑✎ ")  # flagged, with a note (and dimmed as reviewed once the cursor leaves)
        article = screen.query_one(ArticleView)
        await wait_for(pilot, lambda: article.note and "Check the figures" in article.note[0].plain,
                       what="the note under the header")
        assert [t.plain for t in article.note][-1] == "  … 3 more lines (a opens the note)"
        with SQLiteStore.open(state, reviewer="ben") as ben:
            ben.set_note(first, "")
        await wait_for(pilot, lambda: not article.note, what="the note gone")
        assert "✎" not in "".join(s.text for s in items.render_line(0))


async def test_panes_by_key_pin_a_quote_in_two_keys(tmp_path: Path) -> None:
    from briefing_tui.ui.widgets.article_view import ArticleView

    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        first_quote = screen.item.quotes[0].text
        await pilot.press("Q", "p")
        await wait_for(pilot, lambda: screen.item.id in screen.session.states, what="the pin")
        assert [p.text for p in saved_states(state)[screen.item.id].pins] == [first_quote]
        for key, pane in (("A", "#actors"), ("V", "#figures"), ("R", "#related"), ("I", "ItemList")):
            await pilot.press(key)
            assert app.focused is screen.query_one(pane), key
        await pilot.press("T")
        assert isinstance(app.focused, ArticleView)
