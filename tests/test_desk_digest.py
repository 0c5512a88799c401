"""The desk's digest: who reviewed, flagged, wrote and pinned what (from the audit trail), and
`briefing export --reviewer` for one analyst's work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing_tui.cli import main
from briefing_tui.digest import build_json, build_markdown, collect
from briefing_tui.model import Item
from briefing_tui.review_credit import credits, work_of
from briefing_tui.review_state import Pin
from briefing_tui.sqlite_store import SQLiteStore

from .conftest import SEEDS

FUEL = "desk-2005-ba-fuel"


def _desk(path: Path) -> None:
    with SQLiteStore.open(path, reviewer="ana") as ana, SQLiteStore.open(path, reviewer="ben") as ben:
        ana.set_reviewed("a", True)
        ben.set_flagged("a", True)
        ana.pin("a", Pin("quote", "We will not\nback down", speaker="Minister"))
        ben.pin("a", Pin("figure", "40%", value=40, unit="%"))
        ana.set_note("a", "First line")
        ben.set_note("a", "First line\nSecond line", expected="First line")
        ben.set_reviewed("b", True)
        ben.set_reviewed("b", False)  # undone: nobody's mark
        ana.set_flagged("b", True)
        ana.pin("c", Pin("quote", "unpinned later"))
        ana.unpin("c", "quote", "unpinned later")


def test_credits_follow_the_trail_including_undone_marks(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    _desk(path)
    with SQLiteStore.open(path, read_only=True) as store:
        found = credits(store.history())
        states = store.all_states()
    a = found["a"]
    assert (a.reviewed_by, a.flagged_by, a.note_by) == ("ana", "ben", ["ana", "ben"])
    assert a.pinner(states["a"].pins[0]) == "ana" and a.pinner(states["a"].pins[1]) == "ben"
    assert found["b"].reviewed_by is None and found["b"].flagged_by == "ana"
    assert found["c"].pinned_by == {}
    ben_a = work_of("ben", states["a"], a)
    assert (ben_a.reviewed, ben_a.flagged, [p.text for p in ben_a.pins]) == (False, True, ["40%"])
    assert ben_a.note  # ben wrote in the note
    assert work_of("ben", states["b"], found["b"]).is_empty


def test_a_digest_with_two_analysts_says_whose_each_mark_note_and_pin_is(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    _desk(path)
    with SQLiteStore.open(path, read_only=True) as store:
        found, states = credits(store.history()), store.all_states()
    items = [Item("a", title="Strike called off"), Item("b", title="Budget vote")]
    text = build_markdown(collect(items, states, found))
    assert "· by ana, ben" in text.splitlines()[2]
    assert "**Mark:** ✓ reviewed by ana · ⚑ flagged by ben" in text
    assert "**Note (ana, ben):** First line" in text
    assert "> — Minister · pinned by ana" in text and "- **40%** — 40 % · pinned by ben" in text
    data = build_json(collect(items, states, found))
    entry = data["items"][0]
    assert entry["state"]["reviewed_by"] == "ana" and entry["state"]["flagged_by"] == "ben"
    assert entry["state"]["note_by"] == ["ana", "ben"]
    assert entry["pinned_quotes"][0]["pinned_by"] == "ana" and entry["pinned_figures"][0]["pinned_by"] == "ben"
    assert data["reviewers"] == ["ana", "ben"]


def test_one_analysts_digest_names_them_once_and_keeps_only_their_work(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    _desk(path)
    with SQLiteStore.open(path, read_only=True) as store:
        found, states = credits(store.history()), store.all_states()
    items = [Item("a", title="Strike called off"), Item("b", title="Budget vote"), Item("z", title="Untouched")]
    text = build_markdown(collect(items, states, found, reviewer="ben"), reviewer="ben")
    assert "· the work of ben" in text
    assert "Strike called off" in text and "Budget vote" not in text and "Untouched" not in text
    assert "**Mark:** ⚑ flagged" in text and "reviewed" not in text.split("## Strike called off")[1]
    assert "40%" in text and "We will not" not in text
    assert " by ben" not in text.split("\n", 3)[3]  # named in the header, not at every line


def test_a_digest_of_one_analyst_names_nobody_at_each_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.sqlite3"
    with SQLiteStore.open(path, reviewer="ana") as ana:
        ana.set_reviewed("a", True)
        found = credits(ana.history())
        states = ana.all_states()
    text = build_markdown(collect([Item("a", title="Strike called off")], states, found))
    assert "**Mark:** ✓ reviewed\\" in text or "**Mark:** ✓ reviewed\n" in text
    assert "by ana" not in text


def test_export_reviewer_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = tmp_path / "desk.sqlite3"
    with SQLiteStore.open(state, reviewer="ana") as ana, SQLiteStore.open(state, reviewer="ben") as ben:
        ana.set_flagged(FUEL, True)
        ben.set_note(FUEL, "Ask about the surcharge")
        ben.set_reviewed("desk-2005-moya-davis-cup", True)
    assert main(["export", str(SEEDS), "--state", str(state), "--reviewer", "ana", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reviewer"] == "ana" and [e["id"] for e in data["items"]] == [FUEL]
    assert data["items"][0]["state"]["flagged"] and data["items"][0]["state"]["note"] == ""
    assert main(["export", str(SEEDS), "--state", str(state)]) == 0
    out = capsys.readouterr().out
    assert "⚑ flagged by ana" in out and "**Note (ben):** Ask about the surcharge" in out
    assert main(["export", str(SEEDS), "--state", str(state), "--reviewer", "cleo"]) == 0
    captured = capsys.readouterr()
    assert "cleo has no marks, notes or pins here; the trail names ana, ben" in captured.err
    assert "_No items match._" in captured.out


def test_export_yaml_writes_the_items_as_corrected_and_they_load_back(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from briefing_tui.loading.yaml_items import load_yaml_file
    from briefing_tui.review_state import Correction

    state = tmp_path / "desk.sqlite3"
    with SQLiteStore.open(state, reviewer="ana") as ana:
        ana.correct(FUEL, Correction("speaker", "the results as \"pretty modest\"", "BNP Paribas"))
        ana.toggle_wrong(FUEL, "figure", "$141m")
        ana.correct(FUEL, Correction("actor", "Willie Walsh", "person"))
        ana.set_flagged(FUEL, True)
    target = tmp_path / "gold.yaml"
    assert main(["export", str(SEEDS), "--state", str(state), "--format", "yaml", "--only", "flagged",
                 "-o", str(target)]) == 0
    capsys.readouterr()
    [item] = load_yaml_file(target).items
    assert item.id == FUEL
    assert [q.speaker for q in item.quotes if q.text.startswith("the results")] == ["BNP Paribas"]
    assert "$141m" not in [f.text for f in item.figures] and "£75m" in [f.text for f in item.figures]
    assert ("Willie Walsh", "person") in [(a.name, a.type) for a in item.actors]
