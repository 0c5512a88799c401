"""The same story from many outlets in the dashboard: one row with "+N sources", x to see each."""

from __future__ import annotations

from pathlib import Path

import yaml

from briefing_tui.settings import load_settings
from briefing_tui.ui.widgets.item_list import ItemList

from .helpers import loaded, make_app, wait_for

QUAKE = [
    ("https://wire.example/qeshm", "Strong earthquake strikes Qeshm island in southern Iran",
     "A magnitude 5.9 earthquake struck Qeshm island in the Strait of Hormuz on Sunday, killing ten villagers and "
     "injuring eighty, Iranian state television reported. Seven villages were damaged and rescue teams from Bandar "
     "Abbas reached the island by boat."),
    ("https://daily.example/iran-quake", "Quake on Iran's Qeshm island kills 10",
     "Ten people died and eighty were hurt when an earthquake of magnitude 5.9 hit Qeshm, an island in the Strait "
     "of Hormuz, state television said. Rescuers sailed from Bandar Abbas to seven damaged villages."),
    ("https://gazette.example/tents", "Qeshm earthquake: villagers shelter in tents",
     "Villagers on Qeshm island spent the night in tents after the magnitude 5.9 earthquake that killed ten, as "
     "rescue teams from Bandar Abbas brought water to the seven damaged villages and the tarpaulins ran out."),
]
OTHER = ("https://sport.example/dui", "Chargers receiver arrested on suspicion of drunk driving",
         "San Diego police arrested the Chargers wide receiver early on Tuesday on suspicion of driving under the "
         "influence, the team said.")


def write_items(folder: Path) -> None:
    items = [{"id": f"story-{n}", "title": title, "date": "2005-11-27", "source": source, "body": [body]}
             for n, (source, title, body) in enumerate([QUAKE[0], OTHER, *QUAKE[1:]])]
    (folder / "desk.yaml").write_text(yaml.safe_dump({"items": items}), encoding="utf-8")


def row_text(items: ItemList, row: int) -> str:
    return "".join(segment.text for segment in items.render_line(row - round(items.scroll_offset.y)))


async def grouped(pilot, tmp_path: Path, settings=None):
    """The dashboard on the folder the test wrote (writing it again here, while it loads, would race
    the live reload: a file read half-written holds fewer items)."""
    screen = await loaded(pilot, 4)
    await wait_for(pilot, lambda: len(screen.session.groups.lead) == 2, what="the quake stories grouped")
    await pilot.pause()
    return screen


async def test_a_story_from_three_outlets_is_one_row_with_plus_two_sources(tmp_path: Path) -> None:
    write_items(tmp_path)
    app = make_app(paths=[tmp_path])
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await grouped(pilot, tmp_path)
        items = screen.query_one(ItemList)
        assert screen.session.rows == [0, 1]
        assert "▸ Strong earthqu" in row_text(items, 0) and row_text(items, 0).rstrip().endswith("+2 sources")
        assert "Chargers" in row_text(items, 1) and "sources" not in row_text(items, 1)
        # The lead's article names the other outlets.
        article = screen._article()
        lines = [line.plain for line in article.sources]
        assert lines[0].startswith("Also on this story: 2 other sources")
        assert "daily.example — Quake on Iran's Qeshm island kills 10" in lines[1]
        assert "gazette.example — Qeshm earthquake: villagers shelter in tents" in lines[2]


async def test_x_expands_the_group_in_place_and_each_member_opens(tmp_path: Path) -> None:
    write_items(tmp_path)
    app = make_app(paths=[tmp_path])
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await grouped(pilot, tmp_path)
        items = screen.query_one(ItemList)
        await pilot.press("x")
        await wait_for(pilot, lambda: len(screen.session.rows) == 4, what="the group expanded")
        assert screen.session.rows == [0, 2, 3, 1]  # the members under their lead, then the next story
        assert "▾ Strong" in row_text(items, 0)
        assert "↳ Quake on Iran" in row_text(items, 1) and "↳ Qeshm earthq" in row_text(items, 2)
        await pilot.press("j", "enter")
        await wait_for(pilot, lambda: screen.item is not None and screen.item.id == "story-2", what="member shown")
        assert screen._focused_pane() == "article"
        assert "wire.example — Strong earthquake strikes Qeshm" in screen._article().sources[1].plain
        # x on a member collapses its group; the cursor goes to the lead.
        await pilot.press("escape", "x")
        await wait_for(pilot, lambda: screen.session.rows == [0, 1], what="the group collapsed")
        assert screen.item.id == "story-0" and items.cursor == 0


async def test_a_mark_on_the_lead_marks_the_lead_alone(tmp_path: Path) -> None:
    write_items(tmp_path)
    app = make_app(paths=[tmp_path], state_path=tmp_path / "state.sqlite3")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await grouped(pilot, tmp_path)
        await wait_for(pilot, lambda: screen.review.store is not None, what="review store open")
        await pilot.press("r")
        await wait_for(pilot, lambda: "story-0" in screen.session.states, what="reviewed saved")
        assert set(screen.session.marks()) == {"story-0"}


async def test_find_limit_shows_a_group_when_a_member_matches(tmp_path: Path) -> None:
    write_items(tmp_path)
    app = make_app(paths=[tmp_path])
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await grouped(pilot, tmp_path)
        await pilot.press("slash", *"tarpaulins", "enter", "l")
        await wait_for(pilot, lambda: screen.session.rows == [0], what="only the group")
        assert screen.session.groups.others(0) == [2, 3]


async def test_grouping_off_lists_every_item(tmp_path: Path) -> None:
    write_items(tmp_path)
    config = tmp_path / "config.yaml"
    config.write_text("grouping: off\n", encoding="utf-8")
    app = make_app(paths=[tmp_path / "desk.yaml"], settings=load_settings(config))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await loaded(pilot, 4)
        assert screen.session.rows == [0, 1, 2, 3] and not screen.session.to_group
        await pilot.press("x")
        assert screen.session.rows == [0, 1, 2, 3]


def test_other_sources_are_shown_as_written_never_as_markup() -> None:
    from briefing_tui.ui.render import GROUP_LISTED, group_lines

    lines = group_lines([("https://www.wire.example/a", "[bold red]Breaking[/] :warning: news")] * (GROUP_LISTED + 2))
    assert lines[1].plain == "  · wire.example — [bold red]Breaking[/] :warning: news"
    assert not any(span.style == "bold red" for span in lines[1].spans)
    assert lines[-1].plain == "  … and 2 more" and len(lines) == GROUP_LISTED + 2


async def test_stories_fold_in_when_the_keys_pause(tmp_path: Path, monkeypatch) -> None:
    """What the grouper finds while the analyst is moving waits (each fold refilters the whole list and
    moves rows under the cursor), and goes in, all of it at once, when the keys pause."""
    from briefing_tui.ui import main_screen
    from briefing_tui.ui.main_screen import GroupsFound

    write_items(tmp_path)
    settings = load_settings(None)
    settings.grouping = None  # the test hands the screen the grouper's findings itself
    app = make_app(paths=[tmp_path], settings=settings)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await loaded(pilot, 4)
        monkeypatch.setattr(main_screen, "GROUPS_QUIET", 2.0)  # longer than any gap between these keys
        await pilot.press("j")
        screen.post_message(GroupsFound([(2, 0)]))
        for _ in range(5):
            await pilot.press("j", "k")
            screen.post_message(GroupsFound([(3, 0)]))
            await pilot.pause(0.05)
        assert screen.session.groups.lead == {} and screen.session.rows == [0, 1, 2, 3]
        await wait_for(pilot, lambda: screen.session.rows == [0, 1], what="the story folded in")  # keys paused
        assert len(screen.session.groups.lead) == 2
