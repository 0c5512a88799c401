"""An actor across items (L lists the items that mention them) and a related story that is loaded."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.ui.widgets.item_list import ItemList

from .helpers import loaded, make_app, wait_for


def _status(screen) -> str:
    return screen.query_one("#status").content.plain


async def test_l_lists_only_the_items_that_mention_the_highlighted_actor_and_again_every_item() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await pilot.press("L")
        assert any("Highlight an actor" in str(n.message) for n in app._notifications)
        assert len(screen.session.rows) == 5
        await pilot.press("A")  # the Actors panel, its first entry highlighted: Vladimir Putin
        await wait_for(pilot, lambda: screen.session.actor_name == "Vladimir Putin", what="the actor highlighted")
        reading = screen.item.id
        await pilot.press("L")
        await wait_for(pilot, lambda: len(screen.session.rows) == 2, what="the two items with Putin")
        assert all("Putin" in " ".join(screen.index.items[p].body) for p in screen.session.rows)
        assert screen.item.id == reading  # the item being read mentions him: it stays selected
        assert "only items with Vladimir Putin · 2/5 shown" in _status(screen)
        assert any("2 items mention Vladimir Putin" in str(n.message) for n in app._notifications)
        assert len(screen.query_one(ItemList).positions) == 2
        await pilot.press("]")  # ] and [ go through the same items
        await wait_for(pilot, lambda: screen.item.id != reading, what="the other item with Putin")
        await pilot.press("L")
        await wait_for(pilot, lambda: len(screen.session.rows) == 5, what="every item again")
        assert "only items with" not in _status(screen)
        await pilot.press("L")  # the actor followed last, though the panel's highlight has moved on
        await wait_for(pilot, lambda: len(screen.session.rows) == 2, what="narrowed again")
        await pilot.press("I", "escape")  # Esc clears one thing at a time: the actor highlighted first
        await wait_for(pilot, lambda: screen.session.actor_name is None, what="the highlight cleared")
        assert len(screen.session.rows) == 2
        await pilot.press("escape")
        await wait_for(pilot, lambda: len(screen.session.rows) == 5, what="Esc lists every item")


BRIEFS = """\
items:
  - id: talks
    title: Ceasefire talks resume in Geneva
    source: https://news.example/talks
    body: ["Negotiators met again in Geneva on Monday."]
    related:
      - title: "Shelling  resumes near the border"
      - title: A story nobody loaded
        url: https://elsewhere.example/story
      - title: The same as the third item, by its link
        url: https://news.example/aid/
  - id: shelling
    title: Shelling resumes near the border
    body: ["Shelling resumed overnight near the border."]
  - id: aid
    title: Aid convoy reaches the city
    source: https://news.example/aid
    body: ["An aid convoy reached the city."]
"""


async def test_enter_on_a_related_story_that_is_loaded_opens_it(tmp_path: Path) -> None:
    (tmp_path / "briefs.yaml").write_text(BRIEFS, encoding="utf-8")
    app = make_app(paths=[tmp_path])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 3)
        assert screen.item.id == "talks"
        await pilot.press("R", "enter")  # matched by its title (case and spacing aside)
        await wait_for(pilot, lambda: screen.item.id == "shelling", what="the related story opened")
        assert app.focused is screen.query_one(ItemList)
        assert any("Opened the related story" in str(n.message) for n in app._notifications)
        await pilot.press("k", "R", "j", "enter")  # not loaded: its title and link are shown
        await wait_for(pilot, lambda: any("elsewhere.example" in str(n.message) for n in app._notifications),
                       what="the link shown")
        assert screen.item.id == "talks"
        await pilot.press("j", "enter")  # by its link: the source of the third item
        await wait_for(pilot, lambda: screen.item.id == "aid", what="opened by its link")
        await pilot.press("I", "g")
        await wait_for(pilot, lambda: screen.item.id == "talks", what="back on the first item")
        await pilot.press("slash")
        for ch in "Ceasefire":
            await pilot.press(ch)
        await pilot.press("enter", "l")  # only the first item shown: the related one is hidden
        await wait_for(pilot, lambda: len(screen.session.rows) == 1, what="narrowed by find")
        await pilot.press("R", "enter")
        await wait_for(pilot, lambda: any("filters hide it" in str(n.message) for n in app._notifications),
                       what="said to be hidden")
        assert screen.item.id == "talks"
