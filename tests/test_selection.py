"""Items picked out to be marked, flagged or exported together, in the review session without a
terminal: picking, picking every shown item, Esc, what a bulk mark sets and acts on."""

from __future__ import annotations

from briefing_tui.review_state import ReviewState
from briefing_tui.selection import Selection, bulk_value

from .test_session import plain, session_with


def test_a_selection_keeps_ids_in_the_order_picked_and_gives_them_in_the_lists() -> None:
    picked = Selection()
    assert not picked
    assert picked.toggle("c") and picked.toggle("a") and len(picked) == 2
    assert picked.add(["a", "b"]) == 1 and len(picked) == 3
    assert not picked.toggle("a") and picked.ids == {"b", "c"}
    assert picked.among(["a", "b", "c", "d"]) == ["b", "c"]
    assert picked.clear() == 2 and not picked


def test_a_bulk_mark_sets_the_mark_unless_every_item_has_it() -> None:
    states = {"a": ReviewState("a", flagged=True), "b": ReviewState("b")}
    assert bulk_value(states, ["a", "b"], "flagged") is True  # a mix: all get it
    assert bulk_value(states, ["a"], "flagged") is False  # all have it: all lose it
    assert bulk_value(states, ["a", "c"], "reviewed") is True  # c has no state at all


def test_v_picks_and_moves_on_star_picks_all_shown_and_esc_clears_first() -> None:
    session = session_with()
    update = session.toggle_picked()
    assert update.marks and update.select_row == 1 and session.item.id == "b"
    session.toggle_picked()
    assert session.picked_shown() == ["a", "b"] and "· 2 selected" in plain(session)
    session.toggle_keyword(0)  # Korea: a and d shown; b is picked but hidden
    assert session.picked_shown() == ["a"] and session.picked_positions() == [0]
    assert "· 1 selected (+1 not shown)" in plain(session)
    assert session.bulk_mark("flagged") == ([0], True)  # only what the list shows
    update = session.pick_all_shown()
    assert session.picked_shown() == ["a", "d"] and "2 items selected" in update.notices[0].text
    session.pick_all_shown()  # every shown one picked already: all put back
    assert not session.picked and "selected" not in plain(session)
    session.pick_all_shown()
    session.back(focused_pane="items")  # Esc clears the picks before the keyword filter
    assert not session.picked and session.active_keys == ["1"]
    session.back(focused_pane="items")
    assert session.active_keys == []


def test_the_last_row_picked_stays_put_and_reviewed_picks_unmark_together() -> None:
    session = session_with()
    session.select_row(3)
    update = session.toggle_picked()
    assert update.select_row is None and session.picked_shown() == ["d"]
    session.states_loaded({"d": ReviewState("d", reviewed=True)})
    assert session.bulk_mark("reviewed") == ([3], False)


def test_the_first_item_selected_says_what_selecting_is_for() -> None:
    session = session_with()
    assert "r and f mark every selected item" in session.toggle_picked().notices[0].text
    assert session.toggle_picked().notices == []  # the second: the status line's count is enough
