"""Dialogs say what they ask and how to answer, and the export never replaces a file unasked."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest
from textual.widgets import Input, RadioSet, Static

from briefing_tui.ui.screens.confirm import ConfirmScreen
from briefing_tui.ui.screens.export import ExportScreen

from .helpers import loaded, make_app, wait_for


def screen_text(app) -> str:
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def test_a_confirmation_shows_its_question_and_its_answers(tmp_path: Path) -> None:
    app = make_app(state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        question = "Drop your unsaved edit to this note?"
        app.push_screen(ConfirmScreen(question, yes="Drop", no="Keep editing"))
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        await pilot.pause()
        for static in app.screen.query(Static):
            assert static.region.width > 0 and static.region.height > 0
        text = screen_text(app)
        assert question in text and "y: Drop" in text and "n: Keep editing" in text


async def export_dialog(pilot, app, state_folder: Path):
    screen = await loaded(pilot, 5)
    await wait_for(pilot, lambda: screen.review.store is not None, what="review store open")
    await pilot.press("f")  # one flagged item
    await wait_for(pilot, lambda: screen.session.states, what="the flag saved")
    await pilot.press("e")
    await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen), what="the export dialog")
    return screen


async def test_enter_writes_from_the_choice_of_items(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        await export_dialog(pilot, app, tmp_path)
        assert "Tab here, then ← → to choose" in screen_text(app)
        target = tmp_path / "flagged.json"
        await pilot.press("ctrl+u", *str(target), "tab")
        assert app.screen.focused is app.screen.query_one(RadioSet)
        await pilot.press("right", "enter")  # onto "Flagged", and write
        await wait_for(pilot, target.exists, what="digest written")
        data = json.loads(target.read_text(encoding="utf-8"))
        assert data["only"] == "flagged" and data["counts"]["flagged"] == 1


async def test_a_second_export_the_same_day_gets_a_new_name_and_replacing_asks_first(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    first = tmp_path / f"digest-{dt.date.today().isoformat()}.md"
    first.write_text("the morning's digest\n", encoding="utf-8")
    app = make_app(state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        await export_dialog(pilot, app, tmp_path)
        offered = Path(app.screen.query_one(Input).value)
        assert offered == tmp_path / f"digest-{dt.date.today().isoformat()}-2.md"
        await pilot.press("ctrl+u", *str(first), "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
        assert "exists. Replace it" in screen_text(app)
        await pilot.press("n")  # choose another name
        assert isinstance(app.screen, ExportScreen)
        assert first.read_text(encoding="utf-8") == "the morning's digest\n"
        await pilot.press("enter", "y")  # replace it after all
        await wait_for(pilot, lambda: first.read_text(encoding="utf-8") != "the morning's digest\n",
                       what="the digest replaced")
        assert first.read_text(encoding="utf-8").startswith("#")
