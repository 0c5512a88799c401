"""The analyst's tags are review state: kept, shared with the desk, logged, undone and copied like marks,
and a store of the previous schema is brought up to date keeping what it held."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing_tui.review_state import ReviewState
from briefing_tui.tags import MAX_TAG, BadTag, merged, normalise_tag, tags_from_json, tags_json

from ..pg_server import PgServer
from .conftest import Backend


def test_tags_are_kept_matched_without_case_and_removed(backend: Backend) -> None:
    with backend.open(reviewer="ana") as store:
        store.add_tag("x", "Urgent")
        store.add_tag("x", "follow up")
        state = store.add_tag("x", "URGENT")  # the same tag: kept as first written
        assert state.tags == ("Urgent", "follow up")
        assert not state.is_empty and store.get("x").tags == state.tags
        state = store.remove_tag("x", "urgent")
        assert state.tags == ("follow up",)
        state = store.remove_tag("x", "Follow Up")
        assert state.tags == () and "x" not in store.all_states()
        assert store.add_tag("y", "  #Port   strike ").tags == ("Port strike",)
        with pytest.raises(BadTag):
            store.add_tag("y", "bad\x07tag")
        assert store.get("y").tags == ("Port strike",)


def test_a_tag_reaches_a_colleague_the_trail_and_undo(shared_backend: Backend) -> None:
    with shared_backend.open(reviewer="ana") as ana, shared_backend.open(reviewer="ben") as ben:
        seen = ben.version()
        ana.set_flagged("x", True)
        ana.add_tag("x", "sanctions")
        step = ana.last_change
        _, changed = ben.changes_since(seen)
        assert changed["x"].tags == ("sanctions",)
        ben.add_tag("x", "ben's")
        ana.remove_tag("x", "ben's")
        assert [(c.action, c.detail, c.reviewer) for c in ben.history(item_id="x")] == [
            ("flagged", None, "ana"), ("tagged", "sanctions", "ana"), ("tagged", "ben's", "ben"),
            ("untagged", "ben's", "ana")]
        assert step is not None
        state, kept = ana.undo("x", *step)  # the tag goes; the flag and the colleague's change stay
        assert state.tags == () and state.flagged and kept == []


def test_undoing_an_untag_tags_again_unless_someone_did(shared_backend: Backend) -> None:
    with shared_backend.open(reviewer="ana") as ana, shared_backend.open(reviewer="ben") as ben:
        ana.add_tag("x", "Energy")
        ana.add_tag("x", "oil")
        ana.remove_tag("x", "energy")
        step = ana.last_change
        assert step is not None
        state, _ = ana.undo("x", *step)
        assert state.tags == ("oil", "Energy")
        ana.remove_tag("x", "oil")
        step = ana.last_change
        ben.add_tag("x", "OIL")  # a colleague tagged it again meanwhile: theirs stays, once
        assert step is not None
        state, _ = ana.undo("x", *step)
        assert state.tags == ("Energy", "OIL")


def test_tags_are_copied_to_another_store_as_a_union(shared_backend: Backend, tmp_path: Path) -> None:
    from briefing_tui.review_store import connect
    from briefing_tui.state_copy import copy_state

    with shared_backend.open(reviewer="ana") as source:
        source.add_tag("x", "Energy")
        source.add_tag("x", "oil")
        with connect(tmp_path / "copy.sqlite3", reviewer="ana") as target:
            target.add_tag("x", "energy")
            copy_state(source, target)
            copy_state(source, target)  # idempotent
            assert target.get("x").tags == ("energy", "oil")


def test_normalising_a_tag() -> None:
    assert normalise_tag("  #Follow   up ") == "Follow up"
    assert normalise_tag("x" * MAX_TAG) == "x" * MAX_TAG
    for bad, why in (("", "at least one letter"), ("  # ", "at least one letter"),
                     ("a\tb", "control characters"), ("a\x1b[31m", "control characters"),
                     ("x" * (MAX_TAG + 1), f"at most {MAX_TAG} characters")):
        with pytest.raises(BadTag, match=why):
            normalise_tag(bad)
    assert merged(["Oil", "gas"], ["OIL", "Coal"]) == ["Oil", "gas", "Coal"]


def test_damaged_tags_are_left_out() -> None:
    assert tags_from_json('["oil", 3, "", "OIL", "x\\u001b[31m", ["a"], "' + "y" * 80 + '"]') == ("oil", "x")
    assert tags_from_json("not json") == () and tags_from_json(None) == () and tags_from_json("{}") == ()
    assert tags_from_json(tags_json(("Energy", "oil"))) == ("Energy", "oil") and tags_json(()) is None


# -- a store of the previous schema ------------------------------------------------------------------


def test_a_schema_6_file_gains_tags_and_keeps_its_notes(tmp_path: Path) -> None:
    from briefing_tui.sqlite_store import SCHEMA_VERSION, SQLiteStore

    path = tmp_path / "review.sqlite3"
    with SQLiteStore.open(path, reviewer="ana") as store:
        store.set_note("x", "Ask the desk")
        store.set_flagged("y", True)
    conn = sqlite3.connect(path)  # the file as the previous version left it
    conn.execute("ALTER TABLE item_state DROP COLUMN tags")
    conn.execute("PRAGMA user_version = 6")
    conn.close()
    with SQLiteStore.open(path, read_only=True) as old:  # read as it is: no tags
        assert old.get("x") == ReviewState("x", note="Ask the desk", updated_at=old.get("x").updated_at,
                                           updated_by="ana")
    with SQLiteStore.open(path, reviewer="ana") as store:
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 7
        assert store.get("x").note == "Ask the desk" and store.get("y").flagged
        assert store.add_tag("x", "desk").tags == ("desk",) and store.get("x").note == "Ask the desk"


def test_a_schema_5_desk_gains_tags_and_keeps_its_notes(pg_server: PgServer) -> None:
    from briefing_tui.postgres_store import SCHEMA_VERSION
    from briefing_tui.review_store import connect

    database = pg_server.fresh_database()
    url = pg_server.url(database)
    with connect(url, reviewer="ana") as store:
        store.set_note("x", "Ask the desk")
    for statement in ("ALTER TABLE item_state DROP COLUMN tags",
                      f"DELETE FROM schema_version WHERE version = {SCHEMA_VERSION}"):
        pg_server.admin(statement, dbname=database)
    with connect(url, reviewer="ana") as store:
        assert store.get("x").note == "Ask the desk"
        assert store.add_tag("x", "desk").tags == ("desk",)
    assert pg_server.admin("SELECT max(version) FROM schema_version", dbname=database) == [(SCHEMA_VERSION,)]


def test_briefing_log_names_the_tag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from briefing_tui.cli import main
    from briefing_tui.model import Item
    from briefing_tui.review_store import connect

    path = tmp_path / "review.sqlite3"
    with connect(path, reviewer="ana") as store:
        store.add_tag(Item("storm", title="Storm hits the coast"), "Weather")
        store.remove_tag("storm", "weather")
    assert main(["log", "--state", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("  ana  tagged #Weather  Storm hits the coast")
    assert lines[1].endswith("  ana  untagged #Weather  Storm hits the coast")


def test_export_reviewer_keeps_the_tags_they_added(tmp_path: Path) -> None:
    from briefing_tui.review_credit import credits, work_of
    from briefing_tui.review_store import connect

    with connect(tmp_path / "review.sqlite3", reviewer="ana") as ana, \
            connect(tmp_path / "review.sqlite3", reviewer="ben") as ben:
        ana.add_tag("x", "ports")
        ben.add_tag("x", "Strike")
        state = ana.get("x")
        credited = credits(ana.history())
    assert work_of("ana", state, credited["x"]).tags == ("ports",)
    assert work_of("ben", state, credited["x"]).tags == ("Strike",)
    assert credited["x"].names() == {"ana", "ben"}
