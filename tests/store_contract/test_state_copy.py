"""``briefing state copy FROM TO``: one store merged into another, between every pair of kinds of store
(SQLite files and a real PostgreSQL server), without losing anything the target holds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest

from briefing_tui.cli import main
from briefing_tui.model import Item
from briefing_tui.review_state import Pin
from briefing_tui.review_store import connect

from ..pg_server import PASSWORD, PASSWORD_ROLE, PgServer

Place = Callable[[str], str]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sqlite_place(tmp_path: Path) -> Place:
    return lambda name: str(tmp_path / f"{name}.sqlite3")


@pytest.fixture
def pg_place(pg_server: PgServer) -> Place:
    """A fresh desk database, reached as the password role with the password in the URL."""
    return lambda name: pg_server.url(pg_server.fresh_database(), user=PASSWORD_ROLE, password=PASSWORD)


def _fill_source(place: str) -> None:
    with connect(place, reviewer="ana") as store:
        store.set_flagged(Item("storm", title="Storm hits the coast", source="wire.txt"), True)
        store.set_note("storm", "Check the damage figure.")
        store.pin("storm", Pin("quote", "We will rebuild", speaker="the mayor"))
        store.pin("storm", Pin("figure", "£3bn", value=3e9, unit="GBP"))
        store.set_reviewed(Item("budget", title="Budget vote"), True)
        store.set_note("budget", "Ana's reading of the vote")
        store.set_reviewed("quiet", True)


def _fill_target(place: str) -> None:
    with connect(place, reviewer="bo") as store:
        store.set_note("budget", "Bo's")  # differs from the source: a conflict
        store.pin("storm", Pin("quote", "We will rebuild", speaker="the mayor"))  # already there
        store.set_flagged("own", True)  # only the target has it: kept


PAIRS = [("sqlite", "sqlite"), ("sqlite", "postgresql"), ("postgresql", "sqlite")]


@pytest.mark.parametrize(("from_kind", "to_kind"), PAIRS, ids=[f"{a}-to-{b}" for a, b in PAIRS])
def test_copy_merges_counts_reports_conflicts_and_is_idempotent(
        from_kind: str, to_kind: str, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]) -> None:
    places = {kind: request.getfixturevalue(f"{'pg' if kind == 'postgresql' else 'sqlite'}_place")
              for kind in {from_kind, to_kind}}
    source, target = places[from_kind]("from"), places[to_kind]("to")
    _fill_source(source)
    _fill_target(target)

    code, out, err = run(capsys, "state", "copy", source, target, "--reviewer", "carl")
    assert code == 1, err
    assert "note conflict: budget: " in out and "has 25 chars" in out and "has 4 chars" in out
    assert out.rstrip().endswith("items: 2 copied, 0 already the same, 1 note conflict left as it was; "
                                 "pins: 1 copied, 1 already there")

    with connect(target) as store:
        states = store.all_states()
    assert states["own"].flagged  # what only the target had is kept
    assert states["budget"].note == "Bo's" and states["budget"].reviewed  # the note kept, the mark merged
    storm = states["storm"]
    assert storm.flagged and storm.note == "Check the damage figure."
    assert [p.key for p in storm.pins] == [("quote", "We will rebuild"), ("figure", "£3bn")]
    assert storm.pins[1].value == 3e9 and storm.pins[1].unit == "GBP"
    assert storm.title == "Storm hits the coast" and storm.source == "wire.txt"
    assert states["quiet"].reviewed and states["quiet"].updated_by == "carl"  # the copier is the reviewer
    with connect(target) as store:
        before = store.version()

    code, out, _ = run(capsys, "state", "copy", source, target, "--reviewer", "carl")
    assert code == 1  # the conflict is still there, and said again
    assert out.rstrip().endswith("items: 0 copied, 2 already the same, 1 note conflict left as it was; "
                                 "pins: 0 copied, 2 already there")
    with connect(target) as store:
        assert store.version() == before  # the second copy wrote nothing
        assert store.all_states() == states
    with connect(source) as store:
        assert store.get("budget").note == "Ana's reading of the vote"  # FROM is only read
        assert "own" not in store.all_states()


def test_a_copy_without_conflicts_exits_0_and_fills_an_empty_target(
        sqlite_place: Place, pg_place: Place, capsys: pytest.CaptureFixture[str]) -> None:
    source, desk, archive = sqlite_place("personal"), pg_place("desk"), sqlite_place("archive")
    _fill_source(source)
    code, out, err = run(capsys, "state", "copy", source, desk)
    assert (code, err) == (0, "")
    assert out.rstrip().endswith("items: 3 copied, 0 already the same; pins: 2 copied, 0 already there")
    code, out, _ = run(capsys, "state", "copy", desk, archive)  # the desk into a file for an archive
    assert code == 0
    with connect(source) as a, connect(archive) as b:
        mine, copied = a.all_states(), b.all_states()
    assert {k: (s.reviewed, s.flagged, s.note, s.pins, s.title) for k, s in mine.items()} == \
        {k: (s.reviewed, s.flagged, s.note, s.pins, s.title) for k, s in copied.items()}


def test_a_concurrent_note_is_a_conflict_too(sqlite_place: Place, capsys: pytest.CaptureFixture[str]) -> None:
    """The same note on both sides is no conflict; a blank target note takes the source's."""
    source, target = sqlite_place("a"), sqlite_place("b")
    with connect(source) as a, connect(target) as b:
        a.set_note("x", "same words")
        b.set_note("x", "same words")
        a.set_note("y", "only here")
    code, out, _ = run(capsys, "state", "copy", source, target)
    assert code == 0
    assert out.rstrip().endswith("items: 1 copied, 1 already the same; pins: 0 copied, 0 already there")


def test_the_password_is_never_printed(sqlite_place: Place, pg_place: Place, pg_server: PgServer,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    desk = pg_place("desk")
    assert quote(PASSWORD, safe="") in desk
    source = sqlite_place("mine")
    _fill_source(source)
    outputs = [run(capsys, "state", "copy", source, desk), run(capsys, "state", "copy", desk, source)]
    wrong = pg_server.url(pg_server.fresh_database(), user=PASSWORD_ROLE, password=PASSWORD + "-wrong")
    outputs.append(run(capsys, "state", "copy", wrong, source))
    outputs.append(run(capsys, "state", "copy", source, wrong))
    for code, _out, err in outputs[2:]:
        assert code == 1 and "refused the login" in err
    for _code, out, err in outputs:
        for secret in (PASSWORD, quote(PASSWORD, safe=""), "s3cret"):
            assert secret not in out and secret not in err


def test_unreadable_stores_exit_1_and_usage_errors_exit_2(sqlite_place: Place, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    target = sqlite_place("to")
    code, _, err = run(capsys, "state", "copy", sqlite_place("missing"), target)
    assert code == 1 and "no such state file" in err
    assert not Path(target).exists()  # nothing was created for a copy that could not start
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all")
    code, _, err = run(capsys, "state", "copy", str(garbage), target)
    assert code == 1 and "not a briefing state file" in err
    for argv in (["state", "copy", target], ["state"], ["state", "copy", "mysql://x/y", target]):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2
