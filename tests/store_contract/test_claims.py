"""Claims: who works on an item now, so two analysts of a desk never review the same item at once."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from briefing_tui.review_state import ClaimTaken, ReviewState, claim_time

from .conftest import Backend


def _until(state: ReviewState) -> datetime:
    until = claim_time(state.claimed_until)
    assert until is not None
    return until


def test_a_claim_is_taken_held_and_released_by_its_holder(backend: Backend) -> None:
    with backend.open(reviewer="ana") as store:
        before = datetime.now(UTC)
        state = store.claim("x")
        assert state.claimed_by == "ana" and state.claim_holder() == "ana"
        assert before + store.claim_lapse - timedelta(seconds=2) <= _until(state) <= \
            datetime.now(UTC) + store.claim_lapse + timedelta(seconds=2)
        assert state.is_empty and not state.is_blank  # a claim is not a record, but it is kept
        assert store.get("x").claim_holder() == "ana"
        released = store.release_claim("x")
        assert released.claimed_by is None and released.is_blank
        assert "x" not in store.all_states()  # nothing is left behind


def test_another_reviewers_claim_refuses_a_claim_and_a_release(shared_backend: Backend) -> None:
    with shared_backend.open(reviewer="ana") as ana, shared_backend.open(reviewer="ben") as ben:
        ana.claim("x")
        for attempt in (ben.claim, ben.release_claim, ben.toggle_claim):
            with pytest.raises(ClaimTaken) as raised:
                attempt("x")
            assert raised.value.theirs.claimed_by == "ana"
            assert "claimed by ana until" in str(raised.value)
        assert ben.get("x").claim_holder() == "ana"


def test_marks_from_others_leave_a_claim_in_place_and_the_holders_own_work_renews_or_ends_it(
        shared_backend: Backend) -> None:
    with shared_backend.open(reviewer="ana") as ana, shared_backend.open(reviewer="ben") as ben:
        ana.claim_lapse = timedelta(minutes=5)
        first = _until(ana.claim("x"))
        assert ben.set_flagged("x", True).claim_holder() == "ana"  # a colleague's mark does not take it
        ana.claim_lapse = timedelta(minutes=50)
        renewed = ana.set_note("x", "Checking the figures")
        assert renewed.claim_holder() == "ana" and _until(renewed) > first + timedelta(minutes=40)
        done = ana.toggle_reviewed("x")
        assert done.reviewed and done.claimed_by is None  # reviewed: the work is done, the item free
        assert ben.claim("x").claim_holder() == "ben"


def test_a_lapsed_claim_can_be_taken_by_anyone_and_is_cleared_by_any_change(shared_backend: Backend) -> None:
    with shared_backend.open(reviewer="ana") as ana, shared_backend.open(reviewer="ben") as ben:
        ana.claim_lapse = timedelta(seconds=-1)  # lapsed as soon as it is taken
        lapsed = ana.claim("x")
        assert lapsed.claimed_by == "ana" and lapsed.claim_holder() is None
        assert ben.claim("x").claim_holder() == "ben"
        ana.claim("y")
        assert ben.set_flagged("y", True).claimed_by is None  # a lapsed claim goes with the next change


def test_toggle_claims_and_releases(backend: Backend) -> None:
    with backend.open(reviewer="ana") as store:
        assert store.toggle_claim("x").claim_holder() == "ana"
        assert store.toggle_claim("x").claimed_by is None


def test_claims_reach_pollers_and_the_audit_trail(shared_backend: Backend) -> None:
    with shared_backend.open(reviewer="ana") as ana, shared_backend.open(reviewer="ben") as poller:
        seen = poller.version()
        ana.claim("x")
        seen, changed = poller.changes_since(seen)
        assert changed["x"].claim_holder() == "ana"
        ana.claim("x")  # a renewal: a change others hear of, but not a new line in the trail
        ana.release_claim("x")
        _, changed = poller.changes_since(seen)
        assert changed["x"].is_blank
        actions = [(c.reviewer, c.action) for c in poller.history(item_id="x")]
        assert actions == [("ana", "claimed"), ("ana", "claim released")]


def test_no_item_is_ever_claimed_by_two_reviewers_at_once(shared_backend: Backend) -> None:
    """Eight reviewers race for the same items on their own connections: each item has one winner."""
    items = [f"item-{i}" for i in range(12)]
    winners: dict[str, list[str]] = {item: [] for item in items}
    lock = threading.Lock()
    start = threading.Barrier(8)

    def reviewer(name: str) -> None:
        with shared_backend.open(reviewer=name) as store:
            start.wait(timeout=60)
            for item in items:
                try:
                    store.claim(item)
                except ClaimTaken:
                    continue
                with lock:
                    winners[item].append(name)

    threads = [threading.Thread(target=reviewer, args=(f"r{n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(len(names) == 1 for names in winners.values()), winners
    with shared_backend.open() as store:
        states = store.all_states()
        assert {item: [states[item].claimed_by] for item in items} == winners


def test_a_claim_is_never_copied_to_another_store(shared_backend: Backend, tmp_path: Path) -> None:
    from briefing_tui.review_store import connect
    from briefing_tui.state_copy import copy_state

    with shared_backend.open(reviewer="ana") as source:
        source.claim("only-claimed")
        source.claim("noted")
        source.set_note("noted", "kept")
        with connect(tmp_path / "copy.sqlite3", reviewer="ana") as target:
            copy_state(source, target)
            copied = target.all_states()
    assert set(copied) == {"noted"} and copied["noted"].claimed_by is None


def test_a_bulk_mark_leaves_an_item_a_colleague_holds_and_renews_or_ends_the_markers_own(
        shared_backend: Backend) -> None:
    with shared_backend.open(reviewer="ana") as ana, shared_backend.open(reviewer="ben") as ben:
        ben.claim("x")
        ana.claim("y")
        results = ana.mark_many(["x", "y", "z"], "flagged", True)
        (x_before, x_after), (y_before, y_after), (z_before, z_after) = results
        assert x_after is None and x_before.claim_holder() == "ben"  # left to ben, as committed
        assert not ben.get("x").flagged  # nothing written for it
        assert y_after is not None and y_after.flagged and y_after.claim_holder() == "ana"  # renewed
        assert not y_before.flagged and z_after is not None and z_after.flagged and not z_before.flagged
        assert ben.get("z").flagged and ben.get("y").flagged  # committed, for everyone
        history = len(ana.history())
        (again_before, again_after), = ana.mark_many(["z"], "flagged", True)
        assert again_after == again_before and len(ana.history()) == history  # had it: nothing written
        (_, done), = ana.mark_many(["y"], "reviewed", True)
        assert done is not None and done.reviewed and done.claimed_by is None  # reviewed ends the claim
        assert [a.flagged for _, a in ana.mark_many(["y", "z"], "flagged", False)] == [False, False]


def test_a_bulk_mark_is_one_transaction_whole_or_not_made(shared_backend: Backend) -> None:
    """A failure part-way (an item the store cannot write) leaves none of the bulk mark behind."""
    with shared_backend.open(reviewer="ana") as ana:
        ana.set_flagged("before", True)
        with pytest.raises(Exception):  # noqa: B017 (each store raises its own kind for a bad row)
            ana.mark_many(["a", "b", "\ud800 not text"], "reviewed", True)  # a lone surrogate: not storable
        states = ana.all_states()
        assert "a" not in states and "b" not in states and states["before"].flagged
