"""Hostile input (issue 7) in the dashboard: every item shows, markup reads literally, keys keep working.

The whole catalogue folder is opened at once; the cursor is walked over every item with a
deadline per key press, and each screen is checked for characters that came from a file and
could drive a terminal (the raw terminal bytes are checked end to end in tests/e2e/test_hostile_tmux.py).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from briefing_tui.loading import batch
from briefing_tui.loading.load import load_paths
from briefing_tui.settings import load_settings
from briefing_tui.ui.main_screen import MainScreen
from briefing_tui.ui.screens.problems import ProblemsScreen
from briefing_tui.ui.widgets.item_list import ItemList

from ..ui.helpers import cursor, make_app, status, wait_for
from .make_fixtures import HIDDEN, build

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
KEY_DEADLINE = 30.0  # a key press not acted on by then is a hang; how fast keys act is benchmarks/scale.py's


def screen_text(app) -> str:
    """Every line on screen, as plain text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strips[y].text for y in range(app.size.height))


def screen_segments(app) -> str:
    """Every character the compositor would send, with its control segments, as one string."""
    return "".join(seg.text for strip in app.screen._compositor.render_strips() for seg in strip)


@pytest.fixture(autouse=True)
def no_worker_pool(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse cold articles in the load thread: the dashboard's worker pool cannot start under Textual
    (see test_a_cold_folder_loads_through_the_worker_pool), and these tests are about hostile content."""
    if "worker_pool" not in request.node.name:
        monkeypatch.setattr(batch, "POOL_THRESHOLD", 10**9)


async def all_loaded(pilot, count: int | None = None, timeout: float = 30.0) -> MainScreen:
    """Wait for the load to finish, then put focus on the item list.

    Unlike helpers.loaded this does not insist that focus stayed on the list: a slow file at the
    start of a load makes it jump to a panel (test_focus_stays_on_the_list_when_the_first_file_is_slow).
    """
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.session.load_complete
                   and (count is None or len(app.screen.index) == count), timeout=timeout,
                   what=f"{count} items loaded")
    screen = app.screen
    items = screen.query_one(ItemList)

    def list_focused() -> bool:
        if app.focused is not items:
            items.focus()  # again: the race can take it away after a first focus()
            return False
        return not screen._relayout

    await wait_for(pilot, list_focused, timeout=10, what=f"focus on the list (focused: {app.focused})")
    await pilot.pause(0.05)
    await wait_for(pilot, list_focused, timeout=10, what="focus to stay on the list")
    return screen


@pytest.fixture(scope="module")
def fx(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build(tmp_path_factory.mktemp("hostile"), many=0, slow=False)


async def test_every_hostile_item_shows_literally_and_keys_keep_working(fx: dict[str, Path]) -> None:
    folders = [fx["set"]]
    expected = sum(len(r.items) for _, r in load_paths(folders))
    settings = load_settings(fx["config.yaml"], explicit=True)
    settings.grouping = None  # every item on a row of its own: near-copies would fold into one story
    app = make_app(paths=folders, settings=settings)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await all_loaded(pilot, expected)
        items = screen.query_one(ItemList)
        seen_titles = []
        for n in range(expected):
            shown = screen_text(app)
            raw = screen_segments(app)
            assert not CONTROL.findall(raw), (n, [hex(ord(c)) for c in CONTROL.findall(raw)][:5])
            for hidden in HIDDEN:
                assert hidden not in shown, (n, hidden)
            seen_titles.append(items.current.title if items.current else None)
            if n + 1 < expected:
                t0 = time.monotonic()
                await pilot.press("j")
                await wait_for(pilot, lambda n=n: cursor(screen) == n + 1, timeout=KEY_DEADLINE,
                               what=f"the cursor to reach item {n + 1}")
                assert time.monotonic() - t0 < KEY_DEADLINE
        assert app.is_running and app.return_value is None
        assert len(seen_titles) == expected


async def test_markup_items_read_literally_in_every_pane(fx: dict[str, Path]) -> None:
    settings = load_settings(fx["config.yaml"], explicit=True)
    settings.grouping = None  # every item on a row of its own: near-copies would fold into one story
    app = make_app(paths=[fx["set"] / "markup"], settings=settings)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await all_loaded(pilot)
        literals = {
            "Markup title [bold red]LOUD[/] [@click=app.quit]QUIT[/]": False,
            "[link=https://evil.example/markup]LINK[/link]": False,
            "YAML [bold red]LOUD[/]": False,
            "[@click=app.quit]Evil Corp": False,
            "[@click=app.quit]PARIS": False,
            "[@click=app.quit]Related [b]": False,
            "#[b]tag": False,
            "HTML [bold red]LOUD[/] [@click=app.quit]QUIT[/]": False,
        }
        for n in range(len(screen.index)):
            shown = screen_text(app)
            for literal in literals:
                literals[literal] = literals[literal] or literal in shown
            # Clicking the article's first lines (where action links would sit) runs nothing.
            region = screen.query_one("#article").content_region
            for x in range(region.x, region.x + region.width, 16):
                await pilot.click(offset=(x, region.y))
            assert app.is_running and app.return_value is None
            screen.query_one(ItemList).focus()
            await pilot.press("j")
            await wait_for(pilot, lambda n=n: cursor(screen) == min(n + 1, len(screen.index) - 1),
                           timeout=KEY_DEADLINE, what="the next item")
        assert all(literals.values()), [k for k, v in literals.items() if not v]
        await pilot.press("1")
        await wait_for(pilot, lambda: "[1 [@click=app.quit]Evil [b]]" in status(screen), timeout=KEY_DEADLINE,
                       what="the keyword named with markup in the status bar")
        await pilot.press("2")  # named with OSC 52 and OSC 0 payloads in the config
        await wait_for(pilot, lambda: "Esc" in status(screen) and " kw]" in status(screen), timeout=KEY_DEADLINE,
                       what="the keyword named with escapes in the status bar")
        raw = screen_segments(app)
        assert not CONTROL.findall(raw) and not any(hidden in raw for hidden in HIDDEN), status(screen)


async def test_problems_view_shows_escaped_names_and_stays_clean(fx: dict[str, Path]) -> None:
    folders = [fx["set"] / "paths" / "names-failing", fx["control/error.yaml"], fx["paths/fifo.txt"],
               fx["markup/broken [@click=app.quit].yaml"], fx["yaml/good.yaml"]]
    expected = [str(p) for _, r in load_paths(folders) for p in r.problems]
    app = make_app(paths=folders)
    async with app.run_test(size=(200, 60)) as pilot:
        screen = await all_loaded(pilot)
        await pilot.press("P")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen), timeout=KEY_DEADLINE,
                       what="the problems view")
        await pilot.pause()
        assert [str(p) for p in app.screen.problems] == expected
        shown = screen_text(app)
        assert "names-failing/new\\nline.txt: empty file: no article text" in shown
        assert "names-failing/title\\x1b]0;NAME-TITLE\\x07.txt: empty file" in shown
        assert "broken [@click=app.quit][/].yaml:2:1: YAML syntax" in shown
        assert not CONTROL.findall(screen_segments(app))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, timeout=KEY_DEADLINE, what="the problems view to close")


async def test_a_folder_of_20000_files_keeps_the_keys_working_while_it_loads(tmp_path: Path) -> None:
    many = build(tmp_path, many=20_000, slow=False)["many"]
    app = make_app(paths=[many])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: len(getattr(app.screen, "index", ())) >= 2, timeout=30,
                       what="the first items")
        screen = app.screen
        screen.query_one(ItemList).focus()
        start = cursor(screen)
        await pilot.press("j")
        await wait_for(pilot, lambda: cursor(screen) == start + 1, timeout=KEY_DEADLINE, what="j while loading")
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: app.screen is not screen, timeout=KEY_DEADLINE, what="help while loading")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, timeout=KEY_DEADLINE, what="help to close")
        # A few thousand files in (the whole count is checked by test_hostile_loading), keys still act at once.
        await wait_for(pilot, lambda: len(screen.index) >= 3_000, timeout=60, what="3,000 items")
        await pilot.press("G")
        await wait_for(pilot, lambda: cursor(screen) >= 2_999, timeout=KEY_DEADLINE, what="G to the last item so far")
        assert app.is_running and "items" in status(screen)


async def test_a_cold_folder_loads_through_the_worker_pool(tmp_path: Path) -> None:
    many = build(tmp_path, many=30, slow=False)["many"]
    app = make_app(paths=[many])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: not app.is_running or (isinstance(app.screen, MainScreen)
                                                             and app.screen.session.load_complete), timeout=30,
                       what="the load to end")
        assert app.is_running and len(app.screen.index) == 30


async def test_hostile_file_names_show_escaped_in_the_article_pane(fx: dict[str, Path]) -> None:
    app = make_app(paths=[fx["set"] / "paths" / "names"])
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await all_loaded(pilot, 6)
        for n in range(6):
            raw = screen_segments(app)
            assert not CONTROL.findall(raw), (n, [hex(ord(c)) for c in CONTROL.findall(raw)][:5])
            await pilot.press("j")
            await wait_for(pilot, lambda n=n: cursor(screen) == min(n + 1, 5), timeout=KEY_DEADLINE, what="next")


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
async def test_focus_stays_on_the_list_when_the_first_file_is_slow(fx: dict[str, Path], size: tuple[int, int]) -> None:
    app = make_app(paths=[fx["yaml/alias-bomb.yaml"], fx["yaml/good.yaml"]])
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.session.load_complete,
                       timeout=10, what="the load")
        await pilot.pause(0.2)
        assert app.focused is app.screen.query_one(ItemList)
