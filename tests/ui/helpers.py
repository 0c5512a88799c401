"""Helpers for driving the dashboard: build it, wait for conditions with a deadline."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from briefing_tui.settings import Settings, load_settings
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.main_screen import MainScreen
from briefing_tui.ui.widgets.item_list import ItemList

from ..conftest import SEEDS


def make_app(paths: list[Path] | None = None, settings: Settings | None = None,
             state_path: str | Path | None = None) -> BriefingApp:
    app = BriefingApp(paths or [SEEDS], settings or load_settings(None), state_path=state_path)
    app.animation_level = "none"  # the tab underline slides otherwise; snapshots need a settled screen
    return app


def desk_folder(tmp_path: Path, files: dict[str, str]) -> Path:
    """A folder ``desk`` under ``tmp_path`` holding ``files`` (name -> text)."""
    folder = tmp_path / "desk"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


async def wait_for(pilot: Pilot, condition: Callable[[], bool], timeout: float = 15.0, what: str = "") -> None:
    """Poll ``condition`` between frames until it holds; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        await pilot.pause(0.01)


async def loaded(pilot: Pilot, count: int | None = None) -> MainScreen:
    """Wait until the main screen has finished loading (and holds ``count`` items, if given)."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
    screen = app.screen
    assert isinstance(screen, MainScreen)
    await wait_for(
        pilot,
        lambda: screen.session.load_complete and screen.details_mounted
        and (count is None or len(screen.index) == count)
        and not screen._relayout and app.focused is screen.query_one(ItemList),
        what=f"{count} items loaded",
    )
    await pilot.pause()
    return screen


def status(screen: MainScreen) -> str:
    return screen.query_one("#status").content.plain


def cursor(screen: MainScreen) -> int:
    return screen.query_one(ItemList).cursor


async def store_ready(pilot: Pilot, screen: MainScreen) -> None:
    """Until the screen's review store is open: marks and claims are written from then on."""
    await wait_for(pilot, lambda: screen.review.store is not None, what="review store open")


async def loaded_with_store(pilot: Pilot, count: int | None = None) -> MainScreen:
    """``loaded``, then the review store open."""
    screen = await loaded(pilot, count)
    await store_ready(pilot, screen)
    return screen
