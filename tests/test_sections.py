"""The list in sections by source or by day: headers with counts, the sort kept within each section."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.catalog import Entry
from briefing_tui.filtering import SearchIndex
from briefing_tui.loading.result import LoadResult
from briefing_tui.model import Item
from briefing_tui.session import ReviewSession
from briefing_tui.settings import Settings

ITEMS = [
    Item(id="a", title="Delta", body=["x"], source="Wire", date="2024-03-01"),
    Item(id="b", title="Alpha", body=["x"], source="Desk", date="2024-03-02T08:00:00"),
    Item(id="c", title="Charlie", body=["x"], source="wire", date="2024-03-02"),
    Item(id="d", title="Bravo", body=["x"], source=None, date=None),
    Item(id="e", title="Echo", body=["x"], source="Desk", date="not a date"),
]


def session() -> ReviewSession:
    s = ReviewSession(Settings(), SearchIndex())
    s.add_loaded([(Path("desk.yaml"), LoadResult(items=ITEMS, problems=[],
                                                 entries=[Entry.of(i, None) for i in ITEMS]))], 1, 1)
    s.show_items()
    return s


def headers(s: ReviewSession) -> list[tuple[int, str, int]]:
    return [(h.row, h.label, h.count) for h in s.sections]


def test_by_source_then_by_day_then_none_with_a_header_and_count_per_section() -> None:
    s = session()
    s.select_row(2)  # Charlie
    s.cycle_sections()
    assert [ITEMS[p].title for p in s.rows] == ["Alpha", "Echo", "Delta", "Charlie", "Bravo"]
    assert headers(s) == [(0, "Desk", 2), (2, "Wire", 2), (4, "No source", 1)]  # any case: one source
    assert s.item.title == "Charlie" and "grouped by source" in "".join(t for t, _ in s.status_line())
    s.cycle_sections()
    assert [ITEMS[p].title for p in s.rows] == ["Alpha", "Charlie", "Delta", "Bravo", "Echo"]
    assert headers(s) == [(0, "Sat 02 Mar 2024", 2), (2, "Fri 01 Mar 2024", 1), (3, "No date", 2)]
    s.cycle_sections()
    assert s.rows == [0, 1, 2, 3, 4] and s.sections == [] and s.item.title == "Charlie"


def test_the_sort_order_holds_within_each_section() -> None:
    s = session()
    s.cycle_sort()  # newest first
    s.cycle_sort()  # by source
    s.cycle_sort()  # by title
    s.cycle_sections()
    assert [ITEMS[p].title for p in s.rows] == ["Alpha", "Echo", "Charlie", "Delta", "Bravo"]


def test_a_storys_other_sources_stay_under_their_lead_in_its_section() -> None:
    s = session()
    s.groups_found([(2, 1)])  # Charlie (wire) is the same story as Alpha (Desk)
    s.expanded.add(1)
    s.cycle_sections()
    assert [ITEMS[p].title for p in s.rows] == ["Alpha", "Charlie", "Echo", "Delta", "Bravo"]
    assert headers(s) == [(0, "Desk", 3), (3, "Wire", 1), (4, "No source", 1)]
    s.select_row(1)
    assert s.item.title == "Charlie"


def test_filters_count_only_what_is_shown() -> None:
    s = session()
    s.cycle_sections()
    s.find_query = "x"
    s.toggle_review_filter("flagged")
    assert s.rows == [] and s.sections == []


def test_a_bundled_seed_file_is_headed_as_the_article_header_names_it_not_by_its_installed_path() -> None:
    from briefing_tui.resources import seeds_dir

    seed = Item(id="s", title="Seed", body=["x"], source=str(seeds_dir() / "rfa-kursk-north-korean-troops.txt"))
    s = ReviewSession(Settings(), SearchIndex())
    s.add_loaded([(None, LoadResult(items=[seed], problems=[], entries=[Entry.of(seed, None)]))], 1, 1)
    s.cycle_sections()
    assert headers(s) == [(0, "seeds/rfa-kursk-north-korean-troops.txt", 1)]
