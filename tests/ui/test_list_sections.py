"""The list grouped by source or by day (b): header lines with counts, the cursor on items only."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.ui.widgets.item_list import ItemList

from .helpers import cursor, loaded, make_app, status, wait_for

DESK = """\
items:
  - {id: a, title: Delta, body: x, source: Wire, date: 2024-03-01}
  - {id: b, title: Alpha, body: x, source: Desk, date: 2024-03-02}
  - {id: c, title: Charlie, body: x, source: Wire, date: 2024-03-02}
  - {id: d, title: Bravo, body: x, source: Desk, date: 2024-03-01}
"""


def lines(items: ItemList) -> list[str]:
    return [items.render_line(y).text.strip() for y in range(items.scrollable_content_region.height)]


def _app(tmp_path: Path):
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "desk.yaml").write_text(DESK, encoding="utf-8")
    return make_app(paths=[folder], state_path=tmp_path / "s.sqlite3")


async def test_b_groups_by_source_then_day_and_moving_skips_the_headers(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 4)
        items = screen.query_one(ItemList)
        await pilot.press("b")
        await wait_for(pilot, lambda: "grouped by source" in status(screen), what="grouped by source")
        shown = lines(items)
        assert shown[0] == "Desk · 2 items" and shown[3] == "Wire · 2 items", shown
        assert "Alpha" in shown[1] and "Bravo" in shown[2] and "Delta" in shown[4] and "Charlie" in shown[5]
        assert screen.item.title == "Delta"  # the selection stayed on its item, now on row 2
        assert cursor(screen) == 2 and "▶" in shown[4]
        await pilot.press("k")
        assert screen.item.title == "Bravo" and cursor(screen) == 1  # over no header: the item above
        await pilot.press("j", "j")
        assert screen.item.title == "Charlie"

        await pilot.press("b")
        await wait_for(pilot, lambda: "grouped by day" in status(screen), what="grouped by day")
        shown = lines(items)
        assert shown[0] == "Sat 02 Mar 2024 · 2 items" and shown[3] == "Fri 01 Mar 2024 · 2 items", shown
        assert screen.item.title == "Charlie"

        await pilot.press("b")
        await wait_for(pilot, lambda: "grouped" not in status(screen), what="no grouping")
        assert "Delta" in lines(items)[0] and screen.item.title == "Charlie"


async def test_a_click_on_a_header_chooses_nothing_and_one_on_an_item_chooses_it(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot, 4)
        await pilot.press("b")
        await wait_for(pilot, lambda: "grouped by source" in status(screen), what="grouped by source")
        region = screen.query_one(ItemList).content_region
        await pilot.click(offset=(region.x + 5, region.y + 3))  # the Wire header
        assert screen.item.title == "Delta"
        await pilot.click(offset=(region.x + 5, region.y + 5))
        await wait_for(pilot, lambda: screen.item.title == "Charlie", what="the clicked item")


async def test_a_long_grouped_list_scrolls_to_the_cursor_with_its_sections_header(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    rows = [f"  - {{id: i{n}, title: Story {n:02d}, body: x, source: Outlet {n % 3}}}" for n in range(60)]
    (folder / "desk.yaml").write_text("items:\n" + "\n".join(rows) + "\n", encoding="utf-8")
    app = make_app(paths=[folder], state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot, 60)
        items = screen.query_one(ItemList)
        await pilot.press("b")
        await wait_for(pilot, lambda: "grouped by source" in status(screen), what="grouped by source")
        await pilot.press("G")
        await wait_for(pilot, lambda: screen.item.title == "Story 59", what="the last item")
        shown = lines(items)
        assert any("Story 59" in line and "▶" in line for line in shown), shown
        assert shown[-1].startswith("▶")  # the last line drawn is the cursor's, below two headers
        await pilot.press("g")
        await wait_for(pilot, lambda: screen.item.title == "Story 00", what="the first item")
        assert lines(items)[0] == "Outlet 0 · 20 items"  # the header above the first row is in view
        await pilot.press(*"j" * 20)  # into the second section, its header shown above its first row
        assert screen.item.title == "Story 01"
        shown = lines(items)
        header = shown.index("Outlet 1 · 20 items")
        assert "Story 01" in shown[header + 1] and "▶" in shown[header + 1]


async def test_a_long_source_name_gives_way_to_its_count(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    source = "The Very Long Name of a Regional Outlet Syndicate " * 4
    (folder / "desk.yaml").write_text(f"items:\n  - {{id: a, title: One, body: x, source: {source.strip()}}}\n",
                                      encoding="utf-8")
    app = make_app(paths=[folder], state_path=tmp_path / "s.sqlite3")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot, 1)
        await pilot.press("b")
        await wait_for(pilot, lambda: "grouped by source" in status(screen), what="grouped by source")
        header = lines(screen.query_one(ItemList))[0]
        assert header.startswith("The Very Long") and header.endswith("… · 1 item"), header
