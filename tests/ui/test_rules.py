"""Rules on the dashboard: tags, flags and hiding shown, the rules named on the item, a rule's
hotkey, and the palette's dry run that reads config.yaml again and applies it."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.settings import load_settings
from briefing_tui.ui.screens.rules_dry_run import RulesDryRunScreen
from briefing_tui.ui.widgets.article_view import ArticleView
from briefing_tui.ui.widgets.item_list import ItemList

from .helpers import loaded, make_app, status, wait_for

DESK = """\
items:
  - id: s1
    title: New sanctions on steel exports
    body: [Ministers agreed an asset freeze on Tuesday.]
    tags: [economy]
  - id: s2
    title: Football results
    body: [The home side won 2-0.]
    tags: [sport]
  - id: s3
    title: Talks in Geneva
    body: [Diplomats met for a second day.]
    quotes:
      - text: We will not accept this.
        speaker: Sergei Lavrov
    actors:
      - name: Sergei Lavrov
  - id: s4
    title: "[bold red]Weather[/] for the weekend"
    body: [Rain is expected.]
"""

RULES = """\
rules:
  - name: Sanctions watch
    when:
      any:
        - title: [sanction*, embargo]
        - speakers: Lavrov
    tag: sanctions
    flag: true
    hotkey: "7"
  - name: "[red]Noise[/]"
    when:
      tags: sport
    hide: true
"""


def _titles(screen) -> list[str | None]:
    return [row.title for row in screen.query_one(ItemList).rows]


async def _settled(pilot, screen) -> None:
    await wait_for(pilot, lambda: screen.session.rule_effects.settled, what="rules worked out")
    await pilot.pause()


def _desk(tmp_path: Path, rules: str = RULES) -> tuple[Path, Path]:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "desk.yaml").write_text(DESK, encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(rules, encoding="utf-8")
    return folder, config


async def test_tag_flag_hide_and_the_rules_line(tmp_path: Path) -> None:
    folder, config = _desk(tmp_path)
    app = make_app([folder], load_settings(config, explicit=True), state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 4)
        await wait_for(pilot, lambda: "Football results" not in _titles(screen), what="the hidden item")
        await _settled(pilot, screen)
        assert _titles(screen) == ["New sanctions on steel exports", "Talks in Geneva",
                                   "[bold red]Weather[/] for the weekend"]
        assert "1 hidden by rules (H)" in status(screen)
        # Flagged by a rule: its own mark in the list, not the analyst's, and nothing in the review store.
        marks = screen.query_one(ItemList).marks
        assert marks == {"s1": "rule-flag", "s3": "rule-flag"}
        assert not screen.session.states

        byline = screen.query_one(ArticleView).byline.plain
        assert "#economy #sanctions" in byline  # the rule's tag with the item's own
        assert "rules: Sanctions watch (tag: sanctions, flag, hotkey 7)" in byline

        await pilot.press("j")  # Talks in Geneva: met through its speaker
        await wait_for(pilot, lambda: screen.item is not None and screen.item.id == "s3")
        assert "rules: Sanctions watch" in screen.query_one(ArticleView).byline.plain

        await pilot.press("j")  # the weather: no rule, and its title is text, not markup
        await wait_for(pilot, lambda: screen.item is not None and screen.item.id == "s4")
        assert "rules:" not in screen.query_one(ArticleView).byline.plain
        assert screen.query_one(ArticleView).headline.plain.startswith("[bold red]Weather[/]")

        await pilot.press("H")  # hidden items shown, and said so
        await wait_for(pilot, lambda: "Football results" in _titles(screen))
        assert "showing 1 hidden by rules (H)" in status(screen)
        await pilot.press("k", "k")
        await wait_for(pilot, lambda: screen.item is not None and screen.item.id == "s2")
        byline = screen.query_one(ArticleView).byline.plain
        assert "rules: [red]Noise[/] (hide)" in byline  # a rule's name is text too
        await pilot.press("H")
        await wait_for(pilot, lambda: "Football results" not in _titles(screen))


async def test_a_rule_hotkey_filters_to_its_items(tmp_path: Path) -> None:
    folder, config = _desk(tmp_path)
    app = make_app([folder], load_settings(config, explicit=True), state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 4)
        await _settled(pilot, screen)
        await pilot.press("7")
        await wait_for(pilot, lambda: _titles(screen) == ["New sanctions on steel exports", "Talks in Geneva"])
        assert "[7 rule: Sanctions watch]" in status(screen)
        await pilot.press("0")  # clears it like a keyword filter
        await wait_for(pilot, lambda: len(_titles(screen)) == 3)


async def test_the_analysts_flag_wins_and_a_flagged_item_is_never_hidden(tmp_path: Path) -> None:
    folder, config = _desk(tmp_path)
    app = make_app([folder], load_settings(config, explicit=True), state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 4)
        await _settled(pilot, screen)
        await pilot.press("H")
        await wait_for(pilot, lambda: "Football results" in _titles(screen))
        await pilot.press("j")
        await wait_for(pilot, lambda: screen.item is not None and screen.item.id == "s2")
        await pilot.press("f")  # the analyst flags the item a rule hides
        await wait_for(pilot, lambda: getattr(screen.session.states.get("s2"), "flagged", False))
        await pilot.press("H")
        await pilot.pause()
        assert "Football results" in _titles(screen)  # the analyst's work stays in view
        assert "hidden by rules" not in status(screen)
        await pilot.press("g")  # (f moved on from s2, mark_advances:)
        await wait_for(pilot, lambda: screen.item is not None and screen.item.id == "s1")
        await pilot.press("f")  # flag a rule flagged too: the analyst's mark is the one shown
        await wait_for(pilot, lambda: screen.query_one(ItemList).marks.get("s1") == "flagged")
        await pilot.press("k", "f")  # and unflagging it leaves the rule's flag, which was never stored
        await wait_for(pilot, lambda: screen.query_one(ItemList).marks.get("s1") == "rule-flag")


async def test_palette_dry_run_counts_the_edited_rules_then_applies_them(tmp_path: Path) -> None:
    folder, config = _desk(tmp_path)
    app = make_app([folder], load_settings(config, explicit=True), state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 4)
        await _settled(pilot, screen)
        # The analyst edits config.yaml while the dashboard is open: Noise no longer hides, Weather is new.
        config.write_text(RULES.replace("hide: true", "tag: noise") + """\
  - name: Weather
    when:
      title: weather
    hide: true
  - name: Broken
    when:
      body: {regex: "(unclosed"}
    flag: true
""", encoding="utf-8")
        await pilot.press("ctrl+p")
        await pilot.press(*"Rules: dry run")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RulesDryRunScreen), what="the dry run")
        dry = app.screen
        await wait_for(pilot, lambda: dry.rules is not None, what="the counts")
        report = dry.report.plain
        assert "Sanctions watch  line 2  2 items  (applied now: 2)" in report
        assert "[red]Noise[/]  line 10  1 item  (applied now: 1)  tag: noise" in report
        assert "Weather  line 14  1 item  (new)  hide" in report
        assert "config.yaml:20: rules[3].when.body.regex: bad regular expression" in report
        assert "    · Football results" in report
        # Nothing applied yet; what was counted is remembered, so applying reads no item back again.
        assert "Football results" not in _titles(screen)
        from briefing_tui.paths import rule_memo_dir

        assert (rule_memo_dir() / f"{dry.rules.key}.json").is_file()

        await pilot.press("a")
        await wait_for(pilot, lambda: app.screen is screen, what="back on the dashboard")
        await wait_for(pilot, lambda: "Football results" in _titles(screen)
                       and "Weather" not in " ".join(map(str, _titles(screen))), what="the new rules applied")
        await _settled(pilot, screen)
        assert "1 hidden by rules (H)" in status(screen)
        assert len(screen.settings.rules) == 3
        # The broken rule is listed under P, as it would be at the next launch.
        assert [p.line for p in screen.session.problems if "rules[3]" in p.message] == [20]
        assert "1 problem (P)" in status(screen)


async def test_items_that_arrive_or_change_later_meet_the_rules_too(tmp_path: Path) -> None:
    folder, config = _desk(tmp_path)
    app = make_app([folder], load_settings(config, explicit=True), state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 4)
        await wait_for(pilot, lambda: screen.live_reload.watcher is not None, what="the watcher")
        await _settled(pilot, screen)
        (folder / "late.yaml").write_text("id: l1\ntitle: Rugby tonight\nbody: [A match.]\ntags: [sport]\n",
                                          encoding="utf-8")
        await wait_for(pilot, lambda: len(screen.index) == 5, what="the new file")
        await _settled(pilot, screen)
        assert "Rugby tonight" not in _titles(screen) and "2 hidden by rules (H)" in status(screen)
        # An item edited so a rule now matches it: worked out again, in place.
        (folder / "desk.yaml").write_text(DESK.replace("Talks in Geneva", "Embargo talks in Geneva")
                                          .replace("Football results", "Chess results").replace("[sport]", "[chess]"),
                                          encoding="utf-8")
        await wait_for(pilot, lambda: "Chess results" in _titles(screen), what="the edited file")
        await _settled(pilot, screen)
        assert "1 hidden by rules (H)" in status(screen)
        assert screen.query_one(ItemList).marks == {"s1": "rule-flag", "s3": "rule-flag"}


async def test_verdicts_are_remembered_for_the_next_launch_with_the_same_rules(tmp_path: Path) -> None:
    import json

    from briefing_tui.paths import rule_memo_dir

    folder, config = _desk(tmp_path)
    app = make_app([folder], load_settings(config, explicit=True), state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 4)
        await _settled(pilot, screen)
        key = screen.settings.rules.key
    memo = rule_memo_dir() / f"{key}.json"
    data = json.loads(memo.read_text(encoding="utf-8"))
    [verdicts] = data["verdicts"].values()
    assert verdicts == {"0": [0], "1": [1], "2": [0], "3": []}
    # The next launch takes the remembered verdicts instead of reading every item back: one written
    # here by hand (the weather "hidden") shows it.
    verdicts["3"] = [1]
    memo.write_text(json.dumps(data), encoding="utf-8")
    app = make_app([folder], load_settings(config, explicit=True), state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 4)
        await _settled(pilot, screen)
        assert _titles(screen) == ["New sanctions on steel exports", "Talks in Geneva"]
    # An edited file is a new cache entry: its items are worked out afresh.
    (folder / "desk.yaml").write_text(DESK.replace("Rain is expected.", "Rain is likely."), encoding="utf-8")
    app = make_app([folder], load_settings(config, explicit=True), state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 4)
        await _settled(pilot, screen)
        assert len(_titles(screen)) == 3 and "Football results" not in _titles(screen)


async def test_help_lists_the_rule_hotkeys(tmp_path: Path) -> None:
    from briefing_tui.ui.screens.help import HelpScreen

    folder, config = _desk(tmp_path)
    app = make_app([folder], load_settings(config, explicit=True), state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, 4)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what="help")
        rows = [row for row in app.screen.rows if row[0] == "Rules"]
        assert ("Rules", "7", "Rule filter: Sanctions watch", "everywhere") in rows
        assert ("Rules", "H", "Show items rules hide", "everywhere") in rows
