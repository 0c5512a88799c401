"""The audit trail every review store keeps (``history``), and ``briefing log`` printing it, on SQLite and
PostgreSQL alike: every committed change once, oldest first, with who and when; nothing for a write that
failed; filters by item, reviewer and time; hostile text printed harmless."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from briefing_tui.audit_log import format_change, parse_since
from briefing_tui.cli import main
from briefing_tui.model import Item
from briefing_tui.review_state import LOG_ACTIONS, LoggedChange, NoteConflict, Pin
from briefing_tui.review_store import ReviewStore, connect

from ..hostile.make_fixtures import PAYLOADS
from ..pg_server import PgServer
from .conftest import Backend

ESCAPES = "".join(PAYLOADS.values())


def _trail(changes: list[LoggedChange]) -> list[tuple[str, str, str, str | None]]:
    return [(c.reviewer, c.item_id, c.action, c.detail) for c in changes]


def _some_work(backend: Backend) -> None:
    with backend.open(reviewer="ana") as ana, backend.open(reviewer="ben") as ben:
        ana.set_flagged(Item("storm", title="Storm hits the coast"), True)
        ana.set_note("storm", "Check the damage figure.")
        ben.pin("storm", Pin("quote", "We will rebuild"))
        ben.set_reviewed("budget", True)
        ben.set_reviewed("budget", True)  # no change: nothing logged
        ana.toggle_flagged("storm")
        ana.set_note("storm", "  ")
        ben.unpin("storm", "quote", "We will rebuild")
        ben.set_flagged("budget", True)
        ana.forget("budget")


WORK = [
    ("ana", "storm", "flagged", None),
    ("ana", "storm", "note edited", "24"),
    ("ben", "storm", "pinned quote", "We will rebuild"),
    ("ben", "budget", "reviewed", None),
    ("ana", "storm", "unflagged", None),
    ("ana", "storm", "note removed", None),
    ("ben", "storm", "unpinned quote", "We will rebuild"),
    ("ben", "budget", "flagged", None),
    ("ana", "budget", "forgotten", None),
]


def test_every_change_is_logged_once_oldest_first_with_who_and_when(shared_backend: Backend) -> None:
    _some_work(shared_backend)
    with shared_backend.open(reviewer="carl") as store:
        changes = store.history()
    assert _trail(changes) == WORK
    assert {c.action for c in changes} <= set(LOG_ACTIONS)
    times = [datetime.fromisoformat(c.at) for c in changes]
    assert times == sorted(times) and all(abs(datetime.now(UTC) - t) < timedelta(minutes=5) for t in times)
    assert changes[0].title == "Storm hits the coast"
    assert changes[-1].title is None  # "budget" never had a title: the line names its id


def test_history_filters_by_item_reviewer_and_time(shared_backend: Backend) -> None:
    _some_work(shared_backend)
    with shared_backend.open(read_only=True) as store:
        assert _trail(store.history(item_id="budget")) == [w for w in WORK if w[1] == "budget"]
        assert _trail(store.history(reviewer="ben")) == [w for w in WORK if w[0] == "ben"]
        assert _trail(store.history(item_id="storm", reviewer="ana")) == [
            w for w in WORK if w[:2] == ("ana", "storm")]
        assert store.history(since=datetime.now(UTC) + timedelta(minutes=1)) == []
        assert len(store.history(since=datetime.now(UTC) - timedelta(minutes=5))) == len(WORK)
        assert store.history(reviewer="nobody") == [] and store.history(item_id="' OR 1=1 --") == []


def test_a_refused_write_logs_nothing(backend: Backend) -> None:
    with backend.open(reviewer="ana") as store:
        store.set_note("x", "first")
        with pytest.raises(NoteConflict):
            store.set_note("x", "mine", expected="something else")
        assert _trail(store.history()) == [("ana", "x", "note edited", "5")]


def test_an_in_memory_or_file_store_logs_like_the_others(store: ReviewStore) -> None:
    store.toggle_reviewed("a")
    store.toggle_reviewed("a")
    assert [c.action for c in store.history()] == ["reviewed", "unreviewed"]


def test_logged_text_comes_back_cleaned(backend: Backend) -> None:
    with backend.open(reviewer=f"ana{ESCAPES}") as store:
        store.set_flagged(Item("x", title=f"Title{ESCAPES}"), True)
        store.pin("x", Pin("quote", f"Quote{ESCAPES}"))
        for change in store.history():
            for text in (change.reviewer, change.title or "", change.detail or ""):
                assert "\x1b" not in text and "\x07" not in text


# -- briefing log ---------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_briefing_log_prints_one_line_per_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "review.sqlite3"
    with connect(path, reviewer="ana") as store:
        store.set_flagged(Item("storm", title="Storm hits the coast"), True)
        store.set_note("storm", "x" * 120)
        store.pin("storm", Pin("quote", "We will rebuild the harbour wall and every house on the front"))
        store.set_reviewed(Item("evil\x1b[2J", title=f"Evil{ESCAPES}"), True)
    code, out, err = run(capsys, "log", "--state", str(path))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    stamp = r"\d{4}-\d\d-\d\d \d\d:\d\d"
    assert re.fullmatch(stamp + "  ana  flagged  Storm hits the coast", lines[0])
    assert lines[1].endswith("  ana  note edited (120 chars)  Storm hits the coast")
    assert lines[2].endswith("  ana  pinned quote: We will rebuild the harbour wall and every …  Storm hits the coast")
    assert "\x1b" not in out and "\x07" not in out and lines[3].split("  ")[2] == "reviewed"
    code, out, _ = run(capsys, "log", "--state", str(path), "--item", "storm", "--reviewer", "ana", "--since", "1h")
    assert code == 0 and len(out.splitlines()) == 3
    code, out, _ = run(capsys, "log", "--state", f"sqlite:///{path}", "--since", "2999-01-01")
    assert (code, out) == (0, "")


def test_briefing_log_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "log", "--state", str(tmp_path / "missing.sqlite3"))
    assert code == 1 and "no such state file" in err
    assert not (tmp_path / "missing.sqlite3").exists()
    for argv in (["log", "--since", "last tuesday"], ["log", "--state", "mysql://x/y"], ["log", "extra"]):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2


def test_briefing_log_on_the_desk_never_prints_the_password(pg_server: PgServer,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from ..pg_server import PASSWORD, PASSWORD_ROLE

    url = pg_server.url(pg_server.fresh_database(), user=PASSWORD_ROLE, password=PASSWORD)
    with connect(url, reviewer="ana") as store:
        store.set_flagged("x", True)
    code, out, err = run(capsys, "log", "--state", url)
    assert code == 0 and out.rstrip().endswith("  ana  flagged  x")
    wrong = pg_server.url(pg_server.fresh_database(), user=PASSWORD_ROLE, password=PASSWORD + "-wrong")
    code, out2, err2 = run(capsys, "log", "--state", wrong)
    assert code == 1 and "refused the login" in err2
    for text in (out, err, out2, err2):
        assert PASSWORD not in text and "s3cret" not in text


def test_parse_since() -> None:
    now = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)
    assert parse_since("2h", now) == now - timedelta(hours=2)
    assert parse_since("3d", now) == now - timedelta(days=3)
    assert parse_since("30m", now) == now - timedelta(minutes=30)
    assert parse_since("2026-12-07T10:00+00:00", now) == datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    assert parse_since("2026-12-07").tzinfo is not None  # a bare date is local midnight, made aware
    for bad in ("yesterday", "2x", "", "-3d"):
        with pytest.raises(ValueError):
            parse_since(bad, now)


def test_format_change_names_the_item_by_id_when_it_has_no_title() -> None:
    line = format_change(LoggedChange("2026-12-07T14:03:00+00:00", "ana", "id\x1b]0;x\x07", "flagged"))
    assert line.endswith("  ana  flagged  id\\x1b]0;x\\x07")


# -- the schema versions that brought the log ------------------------------------------------------


def test_a_version_2_sqlite_file_gets_the_log_and_keeps_its_state(tmp_path: Path) -> None:
    from briefing_tui import sqlite_store

    path = tmp_path / "review.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for step in sqlite_store._MIGRATIONS[:2]:
        conn.executescript(step)
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO item_state (item_id, reviewed, updated_at, updated_by, change_no) "
                 "VALUES ('old', 1, '2026-01-01T00:00:00+00:00', 'ana', 0)")
    conn.close()
    with connect(path, read_only=True) as store:  # read-only: read as it is, with no trail
        assert store.get("old").reviewed and store.history() == []
    with connect(path, reviewer="ben") as store:
        assert store.get("old").reviewed and store.history() == []  # what came before was not logged
        store.set_flagged("old", True)
        assert _trail(store.history()) == [("ben", "old", "flagged", None)]
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == sqlite_store.SCHEMA_VERSION


def test_a_version_1_desk_gets_migration_2_and_keeps_its_state(pg_server: PgServer) -> None:
    import psycopg

    from briefing_tui import postgres_store

    database = pg_server.fresh_database()
    url = pg_server.url(database)
    with psycopg.connect(url, autocommit=True) as conn:  # the desk as the first slice made it
        for statement in postgres_store._MIGRATIONS[0]:
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version (version, applied_by) VALUES (1, 'ana')")
        conn.execute("INSERT INTO item_state (item_id, reviewed, updated_at, updated_by, change_no) "
                     "VALUES ('old', true, now(), 'ana', 1)")
    with connect(url, reviewer="ben") as store:
        assert store.get("old").reviewed and store.history() == []
        store.set_note("old", "hello")
        assert _trail(store.history()) == [("ben", "old", "note edited", "5")]
    assert pg_server.admin("SELECT version, applied_by FROM schema_version ORDER BY version", dbname=database) == [
        (1, "ana"), *((version, "ben") for version in range(2, postgres_store.SCHEMA_VERSION + 1))]
