"""The least recently used answer goes first, and reading one keeps it."""

from __future__ import annotations

from briefing_tui.recent import Recent


def test_reading_an_answer_keeps_it_and_the_oldest_goes() -> None:
    kept: Recent[str, int] = Recent(2)
    assert kept.put("a", 1) == 1
    kept.put("b", 2)
    assert kept.get("a") == 1  # now the most recent
    kept.put("c", 3)
    assert "b" not in kept and kept.get("b") is None
    assert list(kept.items()) == [("a", 1), ("c", 3)] and len(kept) == 2
    kept.put("a", 4)  # a new answer for a kept key: one entry, the most recent
    assert list(kept.items()) == [("c", 3), ("a", 4)]
    kept.clear()
    assert len(kept) == 0
