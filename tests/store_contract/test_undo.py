"""Undo of one's own change: the item goes back where the change found it, but a colleague's later
mark, note or pin is never undone with it."""

from __future__ import annotations

from briefing_tui.review_state import Pin

from .conftest import Backend


def test_the_last_change_is_known_and_undone(backend: Backend) -> None:
    with backend.open(reviewer="ana") as store:
        store.set_note("x", "Keep")
        store.toggle_flagged("x")
        before, after = store.last_change
        assert (before.flagged, after.flagged) == (False, True)
        state, kept = store.undo("x", before, after)
        assert not state.flagged and state.note == "Keep" and kept == []
        store.toggle_pin("x", Pin("quote", "said"))
        state, _ = store.undo("x", *store.last_change)
        assert state.pins == ()
        store.unpin("x", "quote", "absent")  # a change that changed nothing undoes to nothing
        assert store.undo("x", *store.last_change)[0].note == "Keep"


def test_an_unpin_is_undone_by_pinning_again_in_place(backend: Backend) -> None:
    with backend.open(reviewer="ana") as store:
        store.pin("x", Pin("quote", "first"))
        store.pin("x", Pin("figure", "40%", value=40, unit="%"))
        store.unpin("x", "figure", "40%")
        state, _ = store.undo("x", *store.last_change)
        assert [(p.kind, p.text, p.value) for p in state.pins] == [("quote", "first", None), ("figure", "40%", 40)]


def test_a_colleagues_later_change_is_left_as_it_is(shared_backend: Backend) -> None:
    with shared_backend.open(reviewer="ana") as ana, shared_backend.open(reviewer="ben") as ben:
        ana.set_note("x", "Ana's words")
        step = ana.last_change
        ben.set_note("x", "Ben rewrote it", expected="Ana's words")
        ana.set_reviewed("y", True)
        reviewed = ana.last_change
        ben.set_reviewed("y", False)
        ben.set_flagged("y", True)
        state, kept = ana.undo("x", *step)
        assert state.note == "Ben rewrote it" and kept == ["note"]
        state, kept = ana.undo("y", *reviewed)  # already unreviewed by Ben: nothing to say, his flag stays
        assert not state.reviewed and state.flagged and kept == []
        assert [c.reviewer for c in ana.history(item_id="x")] == ["ana", "ben"]  # the undo changed nothing


def test_a_bulk_mark_is_undone_in_one_step_keeping_a_colleagues_later_change(shared_backend: Backend) -> None:
    with shared_backend.open(reviewer="ana") as ana, shared_backend.open(reviewer="ben") as ben:
        ana.set_flagged("a", True)  # had the flag before the bulk mark: keeps it
        steps = [(item, before, after) for item, (before, after)
                 in zip("abc", ana.mark_many(["a", "b", "c"], "flagged", True), strict=True) if after is not None]
        ben.set_flagged("c", False)  # a colleague took c's flag off since
        ben.set_note("b", "ben's")
        results = ana.undo_many(steps)
        assert [state.flagged for state, _ in results] == [True, False, False]
        assert all(kept == [] for _, kept in results)  # c is already as the undo would leave it
        states = ben.all_states()
        assert states["a"].flagged and not states["b"].flagged and states["b"].note == "ben's"
        assert ana.undo_many(steps)[1][0].note == "ben's"  # taken back again: nothing more to undo
