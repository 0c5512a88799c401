"""Folders given on the command line are watched: new, changed, broken and removed files."""

from __future__ import annotations

import sys
import threading
import time
import traceback
from pathlib import Path

from briefing_tui.ui.widgets.article_view import ArticleView
from briefing_tui.ui.widgets.item_list import ItemList

from .helpers import loaded, make_app, status, wait_for

ARTICLE = "{title}\n\nLONDON — The minister said the plan would cost £{n}bn, officials said.\n"


def titles(screen) -> list[str | None]:
    return [i.title for i in screen.query_one(ItemList).rows]


async def test_new_changed_broken_and_removed_files(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE.format(title="First story", n=3), encoding="utf-8")
    (folder / "b.yaml").write_text("id: b1\ntitle: Desk note\nbody: A line.\n", encoding="utf-8")
    app = make_app(paths=[folder], state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 2)
        await wait_for(pilot, lambda: screen.live_reload.watcher is not None, what="the watcher")
        await pilot.press("j")  # select the YAML item
        assert screen.item.id == "b1"

        (folder / "c.txt").write_text(ARTICLE.format(title="Late story", n=4), encoding="utf-8")
        await wait_for(pilot, lambda: "Late story" in titles(screen), what="the new file")
        assert screen.item.id == "b1"  # the selection stays

        (folder / "a.txt").write_text(ARTICLE.format(title="First story, updated", n=5), encoding="utf-8")
        await wait_for(pilot, lambda: "First story, updated" in titles(screen), what="the changed file")
        assert titles(screen) == ["First story, updated", "Desk note", "Late story"]  # changed in place

        (folder / "b.yaml").write_text("id: b1\ntitle: [broken\n", encoding="utf-8")
        await wait_for(pilot, lambda: "b1" in screen.session.stale, what="the stale marker")
        assert screen.item.title == "Desk note"  # the last good version stays
        problems = screen.session.problems
        assert any(str(p).startswith(f"{folder / 'b.yaml'}:3:1: YAML syntax") for p in problems), problems
        assert "stale" in screen.query_one(ArticleView).byline.plain

        (folder / "b.yaml").write_text("id: b1\ntitle: Desk note, fixed\nbody: A line.\n", encoding="utf-8")
        await wait_for(pilot, lambda: screen.item.title == "Desk note, fixed", what="the fixed file")
        assert "b1" not in screen.session.stale and not screen.session.problems

        (folder / "c.txt").unlink()
        late = next(i.id for i in screen.index.items if i.title == "Late story")
        await wait_for(pilot, lambda: late in screen.session.stale, what="the removed file's marker")
        assert "3 items" in status(screen)


def _watching_threads() -> list[str]:
    """Threads whose stack is inside the folder watcher."""
    return [name for name, frame in _frames() if "watch_folders" in frame]


def _frames() -> list[tuple[str, str]]:
    names = {t.ident: t.name for t in threading.enumerate()}
    return [(names.get(ident, "?"), "".join(traceback.format_stack(frame)))
            for ident, frame in sys._current_frames().items() if ident != threading.get_ident()]


async def test_quitting_stops_the_watcher(tmp_path: Path) -> None:
    """The watcher runs on a daemon thread (never waited for at exit), and is told to stop when the
    screen goes, so it does not go on reading files for a dashboard that is gone."""
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE.format(title="First story", n=3), encoding="utf-8")
    app = make_app(paths=[folder], state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 1)
        await wait_for(pilot, lambda: screen.live_reload.watcher is not None, what="the watcher")
        assert screen.live_reload.watcher.thread.daemon
        await pilot.press("q")
    deadline = time.monotonic() + 10
    while _watching_threads():
        assert time.monotonic() < deadline, "the watcher thread did not stop after the app quit"
        time.sleep(0.05)


async def test_a_watched_file_turning_bad_in_any_way_keeps_the_app_and_the_items(tmp_path: Path) -> None:
    """Issue 14 (1): a value YAML cannot read, written into a watched file mid-session, took the dashboard down;
    a FIFO or a link to /dev/zero dropped into the folder hung or exhausted it."""
    import os

    from ..hostile.breakers import UNREADABLE_VALUES

    folder = tmp_path / "desk"
    folder.mkdir()
    watched = folder / "b.yaml"
    watched.write_text("id: b1\ntitle: Desk note\nbody: A line.\n", encoding="utf-8")
    (folder / "a.txt").write_text(ARTICLE.format(title="First story", n=3), encoding="utf-8")
    app = make_app(paths=[folder], state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 2)
        await wait_for(pilot, lambda: screen.live_reload.watcher is not None, what="the watcher")
        for n, value in enumerate(UNREADABLE_VALUES.values()):
            watched.write_text(f"id: b1\ntitle: Desk note {n}\ndate: {value}\nbody: A line.\n", encoding="utf-8")
            await wait_for(pilot, lambda n=n: f"Desk note {n}" in titles(screen), what=f"edit {n}")
            await wait_for(pilot, lambda: any(p.path == str(watched) and ":3:7: date: " in str(p)
                                              for p in screen.session.problems), what=f"the problem of edit {n}")
        watched.write_text("id: b1\ntitle: [broken\n", encoding="utf-8")
        await wait_for(pilot, lambda: "b1" in screen.session.stale, what="the last good version, marked stale")
        os.mkfifo(folder / "late.txt")
        (folder / "zero.txt").symlink_to("/dev/zero")
        await wait_for(pilot, lambda: {str(folder / "late.txt"), str(folder / "zero.txt")}
                       <= {p.path for p in screen.session.problems}, what="the FIFO and the device reported")
        assert len(screen.index) == 2 and app.is_running
        await pilot.press("q")
    assert app.return_code == 0
