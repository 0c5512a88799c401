"""Groups in the review session: one row per story, filters by any member, the selection kept."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.catalog import Entry
from briefing_tui.filtering import SearchIndex
from briefing_tui.loading.result import LoadResult
from briefing_tui.model import Item
from briefing_tui.session import ReviewSession
from briefing_tui.settings import Keyword, Settings

ITEMS = [Item(id=f"i{n}", title=f"Story {n}", body=[f"Paragraph of story {n}."]) for n in range(6)]
ITEMS[4].body = ["The harbour ferry sank at dawn."]  # only a member mentions the ferry
FERRY = Keyword(key="1", name="Ferry", terms=("ferry",))


def session(settings: Settings | None = None) -> ReviewSession:
    session = ReviewSession(settings or Settings(keywords=[FERRY]), SearchIndex())
    session.add_loaded([(Path("desk.yaml"), LoadResult(items=ITEMS, problems=[],
                                                       entries=[Entry.of(i, None) for i in ITEMS]))], 1, 1)
    session.show_items()
    return session


def test_loaded_items_wait_for_the_grouper_unless_grouping_is_off() -> None:
    assert [p for p, *_ in session().take_to_group()] == [0, 1, 2, 3, 4, 5]
    assert session(Settings(grouping=None)).to_group == []


def test_a_group_is_one_row_and_a_keyword_shows_it_when_a_member_matches() -> None:
    s = session()
    s.groups_found([(2, 1), (4, 1)])
    assert s.rows == [0, 1, 3, 5]
    s.toggle_keyword(0)
    assert s.rows == [1]  # item 4 matches; its group shows, as its lead
    assert s.position == 1
    s.toggle_group()
    assert s.rows == [1, 4]  # expanded: the lead, and the member that passes


def test_the_item_being_read_stays_shown_when_it_joins_a_group() -> None:
    s = session()
    s.select_row(4)
    assert s.item.id == "i4"
    s.groups_found([(2, 1), (4, 1)])
    assert s.item.id == "i4" and s.rows == [0, 1, 2, 4, 3, 5]
    s.toggle_group()  # collapsing from a member: the selection goes to the lead
    assert s.rows == [0, 1, 3, 5] and s.item.id == "i1" and s.cursor_row == 1


def test_x_on_an_item_alone_says_so() -> None:
    s = session()
    update = s.toggle_group()
    assert s.rows == [0, 1, 2, 3, 4, 5] and "only one" in update.notices[0].text
    assert "Grouping is off" in session(Settings(grouping=None)).toggle_group().notices[0].text


def test_space_opens_a_story_to_reach_an_unreviewed_source_under_its_lead() -> None:
    from briefing_tui.review_state import ReviewState

    s = session()
    s.groups_found([(2, 1), (4, 1)])
    s.states_loaded({f"i{n}": ReviewState(f"i{n}", reviewed=True) for n in (0, 1, 3, 5, 2)})
    assert s.rows == [0, 1, 3, 5] and s.item.id == "i0"
    s.next_unreviewed()  # only i4 is left, a source under the lead i1
    assert s.item.id == "i4" and 1 in s.expanded and s.rows == [0, 1, 2, 4, 3, 5]
    s.states_changed({"i4": ReviewState("i4", reviewed=True)})
    assert [n.text for n in s.next_unreviewed().notices] == ["Every item shown is reviewed"]


def test_the_article_is_redrawn_only_when_the_story_being_read_gains_a_source() -> None:
    s = session()
    s.select_row(0)
    assert not s.groups_found([(2, 1), (4, 1)]).article  # another story: the article stays as drawn
    assert s.groups_found([(3, 0)]).article  # the item being read leads a story now: "+1 source"
    s.select_row(s.row_of(2) if s.row_of(2) is not None else 1)
    assert s.groups_found([(5, 1)]).article  # a new source on the story of the item being read
    assert not s.groups_found([]).article


def test_items_wait_for_the_grouper_without_their_texts() -> None:
    s = session()
    assert all(len(entry) == 3 for entry in s.take_to_group())  # position, title, date: read back when grouped
    assert s.index.texts_of([4, 99]) == {4: "Story 4\n\nThe harbour ferry sank at dawn."}


def test_items_waiting_for_the_grouper_are_positions_read_back_when_reached() -> None:
    s = session()
    assert s.to_group == [0, 1, 2, 3, 4, 5]
    waiting = s.take_to_group()
    assert s.to_group == [] and len(waiting) == 6
    assert waiting[1] == (1, "Story 1", None) and waiting[2:4] == [(2, "Story 2", None), (3, "Story 3", None)]
    s.index.replace(3, Item(id="i3", title="Story 3, updated", date="2024-05-01"))
    assert waiting[3] == (3, "Story 3, updated", "2024-05-01")  # what the item is when the grouper reaches it
    assert list(waiting)[-1] == (5, "Story 5", None)
