"""What two connections to one review state see of each other: conflicts, and which items changed."""

from __future__ import annotations

import pytest

from briefing_tui.review_state import NoteConflict, Pin, ReviewState

from .conftest import Backend


def test_a_note_changed_in_another_window_is_a_conflict_not_an_overwrite(shared_backend: Backend) -> None:
    with shared_backend.open() as mine, shared_backend.open() as theirs:
        mine.set_note("x", "Base")
        theirs.set_note("x", "Base, and their line", expected="Base")
        with pytest.raises(NoteConflict) as raised:
            mine.set_note("x", "Base, and my line", expected="Base")
        assert raised.value.theirs.note == "Base, and their line"
        assert mine.get("x").note == "Base, and their line"  # nothing was written
        # The same text the other window saved is no conflict; writing over theirs knowingly is allowed.
        assert mine.set_note("x", "Base, and their line", expected="Base").note == "Base, and their line"
        assert mine.set_note("x", "Mine after all", expected="Base, and their line").note == "Mine after all"
        assert theirs.get("x").note == "Mine after all"


def test_marks_from_two_connections_on_one_item_are_both_kept(shared_backend: Backend) -> None:
    with shared_backend.open() as mine, shared_backend.open() as theirs:
        mine.set_reviewed("x", True)
        theirs.set_flagged("x", True)
        mine.pin("x", Pin("quote", "mine"))
        theirs.pin("x", Pin("quote", "theirs"))
        state = mine.get("x")
        assert state.reviewed and state.flagged and [p.text for p in state.pins] == ["mine", "theirs"]


def test_a_poller_learns_which_items_changed_including_forgotten_ones(shared_backend: Backend) -> None:
    with shared_backend.open() as writer:
        writer.set_flagged("kept", True)
        writer.set_note("to-forget", "n")
        writer.set_reviewed("to-clear", True)
    with shared_backend.open() as poller, shared_backend.open(reviewer="ben") as writer:
        seen = poller.version()
        assert poller.changes_since(seen) == (seen, {})
        writer.pin("new", Pin("figure", "11,000"))
        writer.forget("to-forget")
        writer.set_reviewed("to-clear", False)  # the last mark gone: the item has no state now
        now, changed = poller.changes_since(seen)
        assert now > seen
        assert set(changed) == {"new", "to-forget", "to-clear"}  # "kept" did not change
        assert changed["new"].pinned("figure", "11,000") and changed["new"].updated_by == "ben"
        assert changed["to-forget"] == ReviewState("to-forget") and changed["to-clear"].is_empty
        assert poller.changes_since(now) == (now, {})
        writer.set_note("to-forget", "back again")
        later, changed = poller.changes_since(now)
        assert later > now and list(changed) == ["to-forget"] and changed["to-forget"].note == "back again"
        assert poller.all_states().keys() == {"kept", "new", "to-forget"}


def test_a_poller_also_sees_its_own_changes_and_a_stale_number_misses_nothing(shared_backend: Backend) -> None:
    with shared_backend.open() as poller, shared_backend.open() as writer:
        start = poller.version()
        poller.set_flagged("mine", True)
        middle = poller.version()
        writer.set_flagged("theirs", True)
        assert set(poller.changes_since(start)[1]) == {"mine", "theirs"}
        assert set(poller.changes_since(middle)[1]) == {"theirs"}
        assert writer.version() == poller.version()


def test_a_drafted_note_is_found_by_the_next_connection(shared_backend: Backend) -> None:
    if not shared_backend.keeps_drafts:
        pytest.skip(f"{shared_backend.name} keeps no drafts")
    with shared_backend.open() as first:
        first.save_draft("x", "typed before a crash")
    with shared_backend.open() as second:
        assert second.draft("x") == "typed before a crash"
        second.drop_draft("x")
    with shared_backend.open() as third:
        assert third.draft("x") is None


def test_a_watcher_is_woken_to_see_another_connections_change(shared_backend: Backend) -> None:
    """wait_for_change's contract on every store: after another connection's commit, a True comes
    (at once from a server that announces changes, within the poll interval from a file), and the
    poll it asks for sees the change; a closed store's wait ends with False."""
    with shared_backend.open() as watcher, shared_backend.open(reviewer="ben") as writer:
        watcher.wait_for_change(5.0)
        seen = watcher.version()
        writer.set_flagged("x", True)
        for _ in range(100):  # each wait is bounded; only a hang could use them all
            if watcher.wait_for_change(5.0):
                break
        else:
            raise AssertionError("the watcher was never woken")
        assert set(watcher.changes_since(seen)[1]) == {"x"}
    assert watcher.wait_for_change(5.0) is False
