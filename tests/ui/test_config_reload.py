"""config.yaml is watched: a fixed or edited file takes effect in the open dashboard (defect 10),
a bad edit is reported at its line and the settings in force stay."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from briefing_tui.settings import load_settings

from .helpers import desk_folder, loaded, make_app, status, wait_for

ARTICLES = {
    "a.txt": "Zanzibar ferry talks\n\nSTONE TOWN — Officials in Zanzibar said the ferry would run again.\n",
    "b.txt": "Budget vote delayed\n\nLONDON — The minister said the vote would wait a week.\n",
}
BROKEN = 'keywords:\n  - key: "1"\n    name: Islands\n    terms: ["/zanz[ibar/"]\n'
FIXED = 'keywords:\n  - key: "1"\n    name: Islands\n    terms: [Zanzibar]\n'


async def until_written(pilot: Pilot, config: Path, text: str, condition: Callable[[], bool], what: str) -> None:
    """Write ``text`` to ``config`` and wait, with a deadline, for ``condition``. The watcher may not be
    watching yet when the app has just loaded, so the file is written again each second until then."""
    deadline = time.monotonic() + 15
    written = 0.0
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        if time.monotonic() - written > 1:
            config.write_text(text, encoding="utf-8")
            written = time.monotonic()
        await pilot.pause(0.02)


async def test_a_fixed_config_is_picked_up_without_a_restart(tmp_path: Path) -> None:
    folder, config = desk_folder(tmp_path, ARTICLES), tmp_path / "config.yaml"
    config.write_text(BROKEN, encoding="utf-8")
    settings = load_settings(config)
    assert any("bad regular expression" in p.message for p in settings.problems)
    app = make_app(paths=[folder], settings=settings, state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 2)
        assert not any(k.name == "Islands" for k in screen.settings.keywords)  # the defaults stood

        await until_written(pilot, config, FIXED,
                            lambda: any(k.name == "Islands" for k in screen.settings.keywords), "the fixed keyword")
        assert not any(p.path == str(config) for p in screen.session.problems)  # the old problem went
        await pilot.press("1")
        await wait_for(pilot, lambda: "[1 Islands]" in status(screen), what="the keyword filter on")
        assert [s.title for s in screen.session.index.summaries[:1]] == ["Zanzibar ferry talks"]
        assert screen.session.rows == [0]


async def test_a_bad_edit_is_reported_at_its_line_and_the_settings_in_force_stay(tmp_path: Path) -> None:
    folder, config = desk_folder(tmp_path, ARTICLES), tmp_path / "config.yaml"
    config.write_text(FIXED, encoding="utf-8")
    app = make_app(paths=[folder], settings=load_settings(config), state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 2)
        bad = FIXED + "mark_advances: perhaps\n"
        await until_written(pilot, config, bad, lambda: any(p.path == str(config) for p in screen.session.problems),
                            "the bad edit reported")
        problem = next(p for p in screen.session.problems if p.path == str(config))
        assert problem.line == 5 and "mark_advances" in problem.message
        assert screen.settings.mark_advances is True and [k.name for k in screen.settings.keywords] == ["Islands"]

        good = FIXED.replace("Islands", "Isles") + "mark_advances: false\n"
        await until_written(pilot, config, good, lambda: not screen.settings.mark_advances, "the good edit")
        assert [k.name for k in screen.settings.keywords] == ["Isles"]
        assert not any(p.path == str(config) for p in screen.session.problems)


EDITED = """\
keywords:
  - key: "7"
    name: Budget
    terms: [budget]
searches:
  - {name: Ferry, find: ferry, key: K}
rules:
  - name: Budget desk
    when: {title: [budget]}
    flag: true
"""


async def test_an_edit_rebinds_keywords_and_brings_searches_and_rules_in(tmp_path: Path) -> None:
    folder, config = desk_folder(tmp_path, ARTICLES), tmp_path / "config.yaml"
    config.write_text(FIXED, encoding="utf-8")
    app = make_app(paths=[folder], settings=load_settings(config), state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 2)
        await until_written(pilot, config, EDITED, lambda: bool(screen.settings.searches), "the edit")
        await wait_for(pilot, lambda: screen.session.rule_effects.flagged == {1}, what="the rule applied")
        await wait_for(pilot, lambda: screen.session.search_counts == {"ferry": 1}, what="the search counted")
        await pilot.press("1")  # no longer a keyword's key
        assert "[1 " not in status(screen) and screen.session.rows == [0, 1]
        await pilot.press("7")
        await wait_for(pilot, lambda: "[7 Budget]" in status(screen), what="the new key's filter")
        assert screen.session.rows == [1]
        await pilot.press("0", "K")
        await wait_for(pilot, lambda: screen.session.rows == [0], what="the saved search on its key")
        assert screen.session.find_limit and screen.session.find_query == "ferry"

        await until_written(pilot, config, FIXED, lambda: not screen.session.rule_effects.rules, "the rule gone")
        await until_written(pilot, config, EDITED, lambda: bool(screen.session.rule_effects.rules), "the rule back")
        await wait_for(pilot, lambda: screen.session.rule_effects.flagged == {1}, what="the rule applied again")


async def test_a_config_made_after_the_launch_in_a_folder_made_then_too_is_read(tmp_path: Path) -> None:
    from briefing_tui.paths import user_config_file

    folder, config = desk_folder(tmp_path, ARTICLES), user_config_file()
    assert not config.parent.exists()
    app = make_app(paths=[folder], settings=load_settings(config), state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 2)
        config.parent.mkdir(parents=True)
        await until_written(pilot, config, FIXED,
                            lambda: any(k.name == "Islands" for k in screen.settings.keywords), "the new config")
