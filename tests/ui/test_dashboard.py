"""The dashboard driven by keys through Textual's pilot: every binding, filters, panels, help, palette."""

from __future__ import annotations

from pathlib import Path

from textual import events

from briefing_tui.settings import load_settings
from briefing_tui.ui.render import STYLE_FIND, STYLE_KEYWORD, STYLE_TARGET
from briefing_tui.ui.screens.help import HelpScreen
from briefing_tui.ui.screens.problems import ProblemsScreen
from briefing_tui.ui.widgets.article_view import ArticleView
from briefing_tui.ui.widgets.item_list import ItemList
from briefing_tui.ui.widgets.panels import Panel

from .helpers import cursor, loaded, make_app, status, wait_for

SEED_TITLES = [
    "Russia and North Korea both sign off their defence treaty",
    "BA blames fuel for a 40% drop in quarterly profit",
    "Moya calls Davis Cup win the highlight of his career",
    "Kursk: Zelenskyy puts North Korean troops in Russia at 11,000",
    None,  # the seed article has no headline line
]


def article_plain(screen) -> str:
    view = screen.query_one(ArticleView)
    return view.plain


def styled_spans(screen, style) -> list[str]:
    """The texts in the article body drawn with ``style``."""
    out = []
    for text in screen.query_one(ArticleView).paragraphs:
        out += [text.plain[s.start:s.end] for s in text.spans if s.style == style]
    return out


async def test_seeds_open_with_list_article_and_panels() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        assert [i.title for i in screen.query_one(ItemList).rows] == SEED_TITLES
        assert status(screen).startswith(" briefing  5 items")
        assert app.focused is screen.query_one(ItemList)
        assert screen.item.title == SEED_TITLES[0]
        assert "TASS reported that Putin signed a law" in article_plain(screen)
        assert str(screen.query_one("#actors", Panel).border_title) == "Actors 6"
        assert str(screen.query_one("#quotes", Panel).border_title) == "Quotes 3"


async def test_moving_keys() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        moves = [("j", 1), ("down", 2), ("k", 1), ("up", 0), ("G", 4), ("g", 0), ("end", 4), ("home", 0),
                 ("pagedown", 4), ("pageup", 0)]
        for key, expected in moves:
            await pilot.press(key)
            assert cursor(screen) == expected, key
        await pilot.press("k")
        assert cursor(screen) == 0  # stays at the top
        await pilot.press("G", "j")
        assert cursor(screen) == 4
        assert screen.item.title is None and screen.item.dateline == "TAIPEI, Taiwan"


async def test_enter_opens_article_and_tab_cycles_panes() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await pilot.press("enter")
        assert app.focused is screen.query_one(ArticleView)
        order = []
        for _ in range(6):
            await pilot.press("tab")
            order.append(screen._focused_pane())
        assert order == ["actors", "quotes", "figures", "related", "items", "article"]
        await pilot.press("shift+tab")
        assert screen._focused_pane() == "items"
        await pilot.press("tab", "escape")  # the first Esc clears the actor the panels last selected
        assert screen._focused_pane() == "article"
        assert screen.session.actor_name is None and screen.session.target is None
        await pilot.press("escape")
        assert screen._focused_pane() == "items"


async def test_narrow_terminal_shows_one_pane_at_a_time() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot, 5)
        assert screen.has_class("-narrow")
        visible = [p for p in ("article", "actors", "quotes", "figures", "related")
                   if screen.query_one(f"#{p}").display and screen.query_one(f"#{p}").region.height]
        assert visible == ["article"]
        await pilot.press("tab", "tab")
        assert screen._focused_pane() == "actors"
        assert screen.query_one("#pane-tabs").active == "tab-actors"
        assert screen.query_one("#actors").region.height > 3
        assert screen.query_one("#article").region.height == 0


async def test_keyword_hotkeys_filter_combine_and_clear() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        items = screen.query_one(ItemList)
        await pilot.press("1")  # North Korea
        assert [i.title for i in items.rows] == [SEED_TITLES[0], SEED_TITLES[3], None]
        assert "[1 North Korea] · 3/5 shown" in status(screen)
        assert "North Korea" in styled_spans(screen, STYLE_KEYWORD)
        await pilot.press("5")  # Money: OR by default
        assert len(items.rows) == 4
        assert "[1 North Korea] OR [5 Money] · 4/5 shown" in status(screen)
        await pilot.press("m")
        assert items.rows == []
        assert "[1 North Korea] AND [5 Money] · 0/5 shown" in status(screen)
        await pilot.press("m", "5")
        assert len(items.rows) == 3
        await pilot.press("0")
        assert len(items.rows) == 5 and "shown" not in status(screen)
        await pilot.press("2", "3")
        assert "[2 Russia] OR [3 Ukraine]" in status(screen)
        await pilot.press("escape")
        assert len(items.rows) == 5 and "Russia]" not in status(screen)


async def test_filter_keeps_the_selected_item_when_it_still_matches() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await pilot.press("G")
        await pilot.press("1")
        assert screen.item.title is None and cursor(screen) == 2


async def test_find_moves_highlights_and_steps_through_hits() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await pilot.press("slash", *"moya")
        assert screen.item.title == SEED_TITLES[2]
        assert "find “moya” 1 item" in status(screen)
        assert screen.session.find_hits[0].paragraph == -1  # the title's hit is the current one
        assert styled_spans(screen, STYLE_FIND) == ["Moya", "Moya"]
        await pilot.press("enter")
        assert app.focused is screen.query_one(ItemList)
        await pilot.press("slash", "ctrl+u", *"kim jong")  # searches forward from the current item
        assert screen.item.title is None
        await pilot.press("enter")
        assert screen.session.find_at == 0 and len(screen.session.find_hits) == 2
        await pilot.press("n")
        assert screen.session.find_at == 1
        await pilot.press("n")  # past the last hit: the next matching item, wrapping round
        assert screen.item.title == SEED_TITLES[0] and screen.session.find_at == 0
        await pilot.press("N")  # back to the last hit of the previous match
        assert screen.item.title is None and screen.session.find_at == 1
        assert "hit 2/2" in status(screen)


async def test_find_escape_cancels_and_restores() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await pilot.press("j", "slash", *"davis")
        assert cursor(screen) == 2
        await pilot.press("escape")
        assert cursor(screen) == 1 and screen.session.find_query == ""
        assert not screen.query_one("#find").display


async def test_find_and_filter_are_separate_tools() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await pilot.press("slash", *"fuel", "enter")
        assert len(screen.query_one(ItemList).rows) == 5  # find never hides items
        await pilot.press("1")
        assert "find “fuel” 0 items" in status(screen)


async def test_l_limits_the_list_to_what_find_matches_and_esc_brings_all_back() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        items = screen.query_one(ItemList)
        await pilot.press("slash", *"moya", "enter", "l")
        await wait_for(pilot, lambda: len(items.rows) == 1, what="the list limited to the match")
        assert "find “moya” 1 item only" in status(screen)
        await pilot.press("l")
        await wait_for(pilot, lambda: len(items.rows) == 5, what="every item again")
        await pilot.press("l", "escape")
        await wait_for(pilot, lambda: len(items.rows) == 5 and not screen.session.find_limit, what="esc")


async def test_selecting_a_quote_or_figure_marks_it_in_the_article() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await pilot.press("G", "tab", "tab", "tab")
        assert screen._focused_pane() == "quotes"
        await pilot.press("j")
        quotes = screen.query_one("#quotes", Panel)
        quote = screen.item.quotes[quotes.indices[quotes.highlighted]]
        assert screen.session.target == quote.span
        assert styled_spans(screen, STYLE_TARGET) == [quote.text]
        await pilot.press("tab", "j", "j")
        figures = screen.query_one("#figures", Panel)
        figure = screen.item.figures[figures.indices[figures.highlighted]]
        assert screen.session.target == figure.span
        assert styled_spans(screen, STYLE_TARGET) == [figure.text]
        await pilot.press("enter")
        assert screen._focused_pane() == "article"
        await pilot.press("escape")
        assert screen.session.target is None


async def test_actor_enter_filters_quotes_to_that_speaker() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await pilot.press("G", "tab", "tab")
        actors = screen.query_one("#actors", Panel)
        names = [a.name for a in screen.item.actors]
        zelenskyy = names.index("Volodymyr Zelenskyy")
        actors.highlighted = zelenskyy
        await pilot.pause()
        assert screen.session.actor_name == "Volodymyr Zelenskyy"
        await pilot.press("enter")
        quotes = screen.query_one("#quotes", Panel)
        expected = [i for i, q in enumerate(screen.item.quotes) if q.speaker == "Volodymyr Zelenskyy"]
        assert quotes.indices == expected and expected
        assert "quotes by Volodymyr Zelenskyy" in status(screen)
        await pilot.press("escape")
        assert len(quotes.indices) == len(screen.item.quotes)


async def test_help_lists_every_binding_with_keys_in_force() -> None:
    settings = load_settings(None)
    settings.keymap = {"list.next": "ctrl+n"}
    app = make_app(settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await pilot.press("ctrl+n")
        assert cursor(screen) == 1
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = app.screen.rows
        descriptions = {d for _, _, d, _ in rows}
        for expected in ("Next", "Find", "Next hit", "Keyword: North Korea", "Keywords: any / all", "Quit",
                         "Next pane", "Problems", "Help", "Clear keyword and tag filters", "Open"):
            assert expected in descriptions, expected
        keys = {d: k for _, k, d, w in rows if w == "item list"}
        assert keys["Next"] == "^n"
        await pilot.press("escape")
        assert app.screen is screen


async def test_bad_user_config_is_reported_and_defaults_stand(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("keywords:\n  - key: 1\n    name: Oops\n    terms: ['/(unclosed/']\nkeys: {nope.id: x}\n",
                      encoding="utf-8")
    settings = load_settings(config, explicit=True)
    app = make_app(settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        assert [k.name for k in screen.settings.keywords][:3] == ["North Korea", "Russia", "Ukraine"]
        messages = [str(p) for p in screen.session.problems]
        assert any("config.yaml:2: keywords[0].terms: bad regular expression" in m for m in messages)
        assert any("unknown binding id 'nope.id'" in m for m in messages)
        await pilot.press("P")
        assert isinstance(app.screen, ProblemsScreen)


async def test_problems_view_lists_failed_files_and_the_rest_loads(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text("title: Fine item\nbody: Words here.\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("title: [oops\n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 4)
    app = make_app(paths=[tmp_path])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 1)
        assert "⚠ 2 problems (P)" in status(screen)
        await pilot.press("P")
        assert isinstance(app.screen, ProblemsScreen)
        lines = [str(p) for p in app.screen.problems]
        assert lines[0].startswith(f"{tmp_path / 'bad.yaml'}:2:1: YAML syntax")
        assert lines[1] == f"{tmp_path / 'bin.txt'}: binary data, not text (NUL bytes)"
        await pilot.press("escape")
        assert app.screen is screen


async def test_command_palette_runs_app_commands() -> None:
    from textual.command import CommandList

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen is not screen, what="palette")
        await pilot.press(*"keyword filter 3")
        await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0, what="palette hits")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen, what="palette closed")
        assert "[3 Ukraine]" in status(screen)


async def test_q_quits_with_status_zero() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, 5)
        await pilot.press("q")
    assert app.return_value == 0


async def test_mouse_selects_rows_and_tabs() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot, 5)
        items = screen.query_one(ItemList)
        region = items.content_region
        await pilot.click(offset=(region.x + 5, region.y + 2))
        assert cursor(screen) == 2
        await pilot.click("#tab-quotes")
        assert screen._focused_pane() == "quotes"
        assert screen.query_one("#quotes").region.height > 0


async def test_find_box_is_visible_above_the_footer() -> None:
    for size in ((80, 24), (120, 40)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            screen = await loaded(pilot, 5)
            await pilot.press("slash")
            box, footer = screen.query_one("#find"), screen.query_one("Footer")
            assert box.region.height == 1 and box.region.y < footer.region.y


async def test_keys_typed_right_after_enter_in_find_reach_the_list() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await pilot.press("slash", *"moya", "enter", "1")
        assert screen.session.find_query == "moya"
        assert "[1 North Korea]" in status(screen)


async def test_keys_typed_right_after_slash_go_into_the_find_box() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await pilot.press("slash", *"moya")  # m, o, y and a are also commands: none may run
        assert screen.session.find_query == "moya" and not screen.session.match_all
        assert screen.item.title == SEED_TITLES[2]


async def test_a_burst_of_keys_after_slash_or_a_goes_where_they_lead() -> None:
    """Keys that arrive together (fast typing, an SSH link): the app reads them all before any
    widget acts, so `/` and `a` must take effect as they are read, not when the list handles them."""
    from textual import events

    from briefing_tui.ui.screens.note_editor import NoteEditor

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        for char in "/moya":
            app.post_message(events.Key("slash" if char == "/" else char, char))
        await wait_for(pilot, lambda: screen.session.find_query == "moya", what="the burst in the find box")
        assert not screen.session.match_all and screen.item.title == SEED_TITLES[2]
        await pilot.press("enter")
        for char in "aok":
            app.post_message(events.Key(char, char))
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor), what="the note editor")
        editor = app.screen
        await wait_for(pilot, lambda: "ok" in editor.query_one("TextArea").text, what="the note text")


async def test_the_list_comes_first_and_keys_typed_before_the_panes_wait_for_them(tmp_path: Path,
                                                                                 monkeypatch) -> None:
    """The first frame holds only the status line and the list (start-up time); the panes follow
    once it is painted. Keys pressed in between act on the panes, in order, once they are there."""
    import asyncio

    from briefing_tui.sqlite_store import SQLiteStore
    from briefing_tui.ui.main_screen import MainScreen

    release = asyncio.Event()
    build = MainScreen._build_details

    async def held_build(self: MainScreen) -> None:
        if not release.is_set():  # the panes stay unbuilt until the keys below have been sent
            self.set_timer(0.02, lambda: self.call_later(held_build, self))  # the screen stays free meanwhile
            return
        await build(self)

    monkeypatch.setattr(MainScreen, "_build_details", held_build)
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        # (The rest of the items loads once the panes are built: those of the first frame are enough.)
        await wait_for(pilot, lambda: len(screen.session.rows) >= 2, what="the rows")
        assert not screen.query("#article") and not screen.details_ready  # the list alone
        # Move, mark and switch pane before the panes exist: each key waits for them.
        for key in ("j", "r", "tab"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await asyncio.sleep(0.1)  # not pilot.pause: that waits for the app, which waits for the panes
        assert not screen.details_ready and screen.query_one(ItemList).cursor == 0  # waiting, not lost
        release.set()
        await wait_for(pilot, lambda: screen.session.load_complete and screen.details_mounted,
                       what="the whole dashboard")
        second, third = (screen.index.summaries[screen.session.rows[k]].id for k in (1, 2))
        await wait_for(pilot, lambda: app.focused is screen.query_one(ArticleView), what="the tab")
        assert screen.item is not None and screen.item.id == third  # r marked the second and moved on
        await wait_for(pilot, lambda: second in screen.session.states, what="the early mark saved")
        with SQLiteStore.open(state, read_only=True) as store:
            assert store.all_states()[second].reviewed


async def test_rows_drawn_once_are_drawn_again_when_what_they_show_changes(tmp_path: Path) -> None:
    """The list keeps drawn rows for scrolling; a mark, a focus change or new rows draw them anew."""
    app = make_app(state_path=tmp_path / "state.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await wait_for(pilot, lambda: screen.review.store is not None, what="review store open")
        items = screen.query_one(ItemList)
        first = items.render_line(0)
        assert items.render_line(0) is first  # kept
        await pilot.press("f")  # flags the first item and moves on to the second
        await wait_for(pilot, lambda: "⚑" in items.render_line(0).text, what="the flag drawn")
        focused = items.render_line(1)
        await pilot.press("tab")
        await wait_for(pilot, lambda: items.render_line(1) != focused, what="the cursor row redrawn unfocused")
        await pilot.press("escape", "1")  # a keyword filter: other rows under the same row numbers
        await wait_for(pilot, lambda: 0 < len(screen.session.rows) < 5, what="rows after filtering")
        row_items = [screen.index.summaries[p].label for p in screen.session.rows]
        assert all(items.render_line(k).text.find(row_items[k][:20]) >= 0 for k in range(len(row_items)))


async def test_the_collector_is_paced_to_keys_once_loading_is_done() -> None:
    """After loading, young collections follow a key's frame; CPython's thresholds return at exit."""
    import gc

    before = gc.get_threshold()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, 5)
        await wait_for(pilot, lambda: app.collector.engaged, what="the collector paced")
        assert gc.get_threshold()[0] == app.collector.young
        passes = app.collector.passes
        await pilot.press("j")
        await wait_for(pilot, lambda: app.collector.passes > passes, what="a young collection after the key")
        assert not app.collector._young_due
    assert gc.get_threshold() == before


async def test_a_panel_left_as_it_was_by_the_next_item_is_not_redrawn() -> None:
    from rich.text import Text

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        panels = screen.query(Panel)
        kept = {panel.id: panel._lines for panel in panels}
        screen._fill_panels()  # the same item again: new texts, equal to the old
        assert all(panel._lines is kept[panel.id] for panel in panels)
        related = screen.query_one("#related", Panel)
        related.set_entries([(Text("A story nobody linked before"), 0)])
        assert related._lines is not kept["related"]
        await pilot.pause()
        assert related.render_line(0).text.startswith("A story nobody linked")


async def test_a_row_ends_where_the_scrollbar_begins(tmp_path: Path) -> None:
    # A list longer than its pane has a scrollbar: rows are drawn to its left, so their ends (the
    # quote and figure counts) are never under it.
    for i in range(60):
        (tmp_path / f"story-{i:02d}.txt").write_text(
            f"Ministers meet in Brussels to agree the budget, day {i}\n\nThe minister said 5 people came.\n",
            encoding="utf-8")
    app = make_app(paths=[tmp_path])
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await loaded(pilot, 60)
        rows = screen.query_one(ItemList)
        assert rows.show_vertical_scrollbar
        strip = rows.render_line(0)
        assert strip.cell_length == rows.scrollable_content_region.width < rows.size.width
        assert strip.text.rstrip().endswith("1q 1f")


async def test_help_scrolls_with_the_list_s_keys_and_keeps_each_widget_s_order() -> None:
    app = make_app()
    async with app.run_test(size=(80, 20)) as pilot:
        await loaded(pilot, 5)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        moving = [d for g, _, d, w in app.screen.rows if g == "Moving through items" and w == "item list"]
        assert moving.index("Next") < moving.index("Previous") < moving.index("First item") < moving.index("Last item")
        from textual.containers import VerticalScroll

        scroll = app.screen.query_one(VerticalScroll)
        await wait_for(pilot, lambda: scroll.max_scroll_y > 0, what="help taller than the screen")
        await pilot.press("j", "j")
        assert scroll.scroll_y == 2
        await pilot.press("k")
        assert scroll.scroll_y == 1
        await pilot.press("G")
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("g")
        assert scroll.scroll_y == 0
        await pilot.press("space")
        assert scroll.scroll_y > 1
        await pilot.press("q")
        assert not isinstance(app.screen, HelpScreen)


async def test_the_footer_ends_with_the_command_palette_key_at_every_width() -> None:
    import html
    import re

    for width in (40, 60, 80, 120):
        app = make_app()
        async with app.run_test(size=(width, 24)) as pilot:
            await loaded(pilot, 5)
            await pilot.pause()
            text = html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")
            footer = [line for line in text.splitlines() if line.strip()][-1]
            assert footer.rstrip().endswith("Commands"), (width, footer)  # nothing of a covered key shows past it


async def test_an_empty_list_says_why(tmp_path: Path) -> None:
    app = make_app(paths=[tmp_path / "no-such-folder"])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot, 0)
        rows = screen.query_one(ItemList)
        await wait_for(pilot, lambda: "Press P" in rows.render_line(0).text, what="the reason in the list")
        assert "No items: 1 problem" in rows.render_line(0).text
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot, 5)
        await pilot.press("F")  # only flagged: nothing is flagged yet
        rows = screen.query_one(ItemList)
        await wait_for(pilot, lambda: not rows.positions, what="nothing matches")
        await wait_for(pilot, lambda: "No item matches" in rows.render_line(0).text, what="the reason")


async def test_brackets_follow_an_actor_across_items() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await pilot.press("]")
        assert any("Highlight an actor" in str(n.message) for n in app._notifications)
        await pilot.press("A")  # the Actors panel, its first entry highlighted: Vladimir Putin
        await wait_for(pilot, lambda: screen.session.actor_name == "Vladimir Putin", what="the actor highlighted")
        start = screen.item.id
        await pilot.press("]")
        await wait_for(pilot, lambda: screen.item.id != start, what="the next item with Putin")
        assert "Putin" in " ".join(screen.item.body) and screen.session.actor_name == "Vladimir Putin"
        assert any("Vladimir Putin: item 2 of 2" in str(n.message) for n in app._notifications)
        await pilot.press("]")  # wraps to the first
        await wait_for(pilot, lambda: screen.item.id == start, what="back to the first")
        await pilot.press("[")
        await wait_for(pilot, lambda: screen.item.id != start, what="the previous, from the end")


async def test_the_palette_counts_each_keyword_hotkeys_items() -> None:
    from briefing_tui.ui.commands import BriefingCommands

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        provider = BriefingCommands(screen, None)
        labels = [name for name, *_ in provider._commands() if name.startswith("Keyword filter")]
        first = screen.settings.keywords[0]
        count = len(screen.index.filtered([first], match_all=False))
        assert labels[0] == f"Keyword filter {first.key}: {first.name} ({count} item{'s' * (count != 1)}) — turn on"
        assert count > 0
