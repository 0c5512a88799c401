"""Corrections are review state: kept, shared with the desk, logged, undone and copied like marks."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.review_state import Correction, corrections_from_json, corrections_json

from .conftest import Backend


def test_corrections_are_kept_replaced_and_removed(backend: Backend) -> None:
    with backend.open(reviewer="ana") as store:
        store.correct("x", Correction("speaker", "We will not back down", "Ana Ruiz"))
        store.toggle_wrong("x", "actor", "Deputy Finance")
        store.correct("x", Correction("actor", "Acme Foods", "organization"))
        state = store.correct("x", Correction("speaker", "We will not back down", "Jo Park"))  # replaces
        assert [(c.kind, c.target, c.value) for c in state.corrections] == [
            ("wrong", "actor:Deputy Finance", None), ("actor", "Acme Foods", "organization"),
            ("speaker", "We will not back down", "Jo Park")]
        assert not state.is_empty and store.get("x").corrections == state.corrections
        store.toggle_wrong("x", "actor", "Deputy Finance")
        store.uncorrect("x", "speaker", "We will not back down")
        state = store.uncorrect("x", "actor", "Acme Foods")
        assert state.corrections == () and "x" not in store.all_states()


def test_corrections_reach_a_colleague_the_trail_and_undo(shared_backend: Backend) -> None:
    with shared_backend.open(reviewer="ana") as ana, shared_backend.open(reviewer="ben") as ben:
        seen = ben.version()
        ana.correct("x", Correction("speaker", "said it", "Jo Park"))
        step = ana.last_change
        _, changed = ben.changes_since(seen)
        assert changed["x"].correction("speaker", "said it").value == "Jo Park"
        assert [(c.action, c.detail) for c in ben.history(item_id="x")] == [("corrected speaker", "said it → Jo Park")]
        state, kept = ana.undo("x", *step)
        assert state.corrections == () and kept == []


def test_a_correction_is_copied_to_another_store(shared_backend: Backend, tmp_path: Path) -> None:
    from briefing_tui.review_store import connect
    from briefing_tui.state_copy import copy_state

    with shared_backend.open(reviewer="ana") as source:
        source.toggle_wrong("x", "figure", "40%")
        with connect(tmp_path / "copy.sqlite3", reviewer="ana") as target:
            target.correct("x", Correction("speaker", "q", "Kept"))
            copy_state(source, target)
            copy_state(source, target)  # idempotent
            fixes = target.get("x").corrections
    assert {c.key for c in fixes} == {("speaker", "q"), ("wrong", "figure:40%")}


def test_damaged_corrections_are_left_out() -> None:
    assert corrections_from_json('[["speaker", "q", "A"], ["nonsense"], 3, ["wrong", 4, null]]') == (
        Correction("speaker", "q", "A"),)
    assert corrections_from_json("not json") == () and corrections_from_json(None) == ()
    fixes = (Correction("actor", "Acme\x1b[31m Foods", "org\x07anization"),)
    assert corrections_from_json(corrections_json(fixes)) == (Correction("actor", "Acme Foods", "organization"),)
