"""The review store: durable on kill -9, no lost updates between processes, damaged files left alone."""

from __future__ import annotations

import hashlib
import json
import os
import select
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_tui import sqlite_store as store_module
from briefing_tui.model import Figure, Item, Quote
from briefing_tui.note_drafts import MAX_DRAFT_BYTES
from briefing_tui.review_state import Pin, StoreBusy, StoreError, StoreProblem, StoreReadOnly
from briefing_tui.review_store import open_store
from briefing_tui.sqlite_store import SCHEMA_VERSION, SQLiteStore, default_path

from .bounded import finishes

ROOT = Path(__file__).resolve().parents[1]
CHILD_ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

# One helper script for every child process: its modes are the scenarios below.
CHILD = r"""
import os, sqlite3, sys, time
from pathlib import Path
from briefing_tui.review_state import Pin
from briefing_tui.sqlite_store import SQLiteStore

mode, db = sys.argv[1], Path(sys.argv[2])
if mode == "loop":  # write forever; one line per acknowledged (committed) write
    item, store, i = sys.argv[3], SQLiteStore.open(db, timeout=10), 0
    while True:
        store.pin(item, Pin("quote", f"q{i}", speaker="S"))
        print(f"pin {i}", flush=True)
        store.set_note(item, f"note {i}")
        print(f"note {i}", flush=True)
        i += 1
elif mode == "hammer":  # toggle one field and add own pins, n times, once the start file exists
    field, n, go = sys.argv[3], int(sys.argv[4]), Path(sys.argv[5])
    store = SQLiteStore.open(db, timeout=10)
    deadline = time.monotonic() + 10
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.001)
    toggle = store.toggle_reviewed if field == "reviewed" else store.toggle_flagged
    for i in range(n):
        toggle("shared")
        store.pin("shared", Pin("figure", f"{field}-{i}"))
    print("done", flush=True)
elif mode == "hold":  # open a write transaction, change things, then wait to be killed
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE item_state SET note = 'uncommitted', reviewed = 0")
    conn.execute("DELETE FROM pin")
    print("open", flush=True)
    sys.stdin.read()
"""


def _child(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", CHILD, *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=CHILD_ENV)


def _lines(proc: subprocess.Popen[str], until: int, timeout: float = 10.0) -> list[str]:
    """Lines from a child's stdout until there are ``until`` of them (or it exits); fails at the deadline."""
    assert proc.stdout is not None
    fd, buf, lines = proc.stdout.fileno(), b"", []
    deadline = time.monotonic() + timeout
    while len(lines) < until:
        left = deadline - time.monotonic()
        assert left > 0, f"child gave {len(lines)} of {until} lines in time"
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        buf += chunk
        *done, buf = buf.split(b"\n")
        lines += [d.decode() for d in done]
    return lines


def _kill(proc: subprocess.Popen[str]) -> list[str]:
    """SIGKILL the child and return what it had printed but we had not read yet (also acknowledged)."""
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.stdout is not None
    rest = proc.stdout.read()
    return [line for line in rest.split("\n") if line]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "state" / "review.sqlite3"


def _item(item_id: str = "abc123", title: str | None = "Troops at 11,000") -> Item:
    return Item(id=item_id, title=title, source="seeds/kursk.txt",
                quotes=[Quote("direct", "We hold", speaker=None, speaker_description="a Ukrainian officer",
                              via="Reuters")],
                figures=[Figure("11,000", 11000.0, "troops")])


# -- basics -----------------------------------------------------------------------------------

def test_default_path_is_in_the_xdg_state_dir_of_the_test(isolated_xdg: Path) -> None:
    assert default_path() == Path(os.environ["XDG_STATE_HOME"]) / "briefing" / "review.sqlite3"


def test_new_file_gets_schema_version_wal_and_full_sync(db: Path) -> None:
    store, message = open_store(db)
    assert message is None and not store.read_only
    conn = store._conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    store.close()


def test_state_survives_reopen_keyed_on_item_id_with_title_and_source(db: Path) -> None:
    item = _item()
    with SQLiteStore.open(db) as store:
        store.toggle_reviewed(item)
        store.toggle_flagged(item)
        store.set_note(item, "Check *this*\nand that")
        store.pin(item, Pin.of_quote(item.quotes[0]))
        store.pin(item, Pin.of_figure(item.figures[0]))
    # Same content parsed again from a renamed folder: same id, so the same state.
    moved = _item()
    moved.source = "elsewhere/kursk.txt"
    with SQLiteStore.open(db) as store:
        state = store.get(moved.id)
        assert (state.reviewed, state.flagged, state.note) == (True, True, "Check *this*\nand that")
        assert [p.key for p in state.pins] == [("quote", "We hold"), ("figure", "11,000")]
        assert state.pins[0].speaker_description == "a Ukrainian officer" and state.pins[0].via == "Reuters"
        assert (state.pins[1].value, state.pins[1].unit) == (11000.0, "troops")
        assert (state.title, state.source) == ("Troops at 11,000", "seeds/kursk.txt")
        store.set_note(moved, "later")
        assert store.get(moved.id).source == "elsewhere/kursk.txt"


def test_orphaned_state_is_kept_and_listed_by_name(db: Path) -> None:
    with SQLiteStore.open(db) as store:
        store.toggle_flagged(_item("gone", "An item no longer loaded"))
    with SQLiteStore.open(db) as store:
        states = store.all_states()
        assert states["gone"].title == "An item no longer loaded" and states["gone"].flagged


def test_pins_are_keyed_on_kind_and_text_and_toggle(db: Path) -> None:
    with SQLiteStore.open(db) as store:
        store.pin("x", Pin("quote", "same", speaker="Old"))
        state = store.pin("x", Pin("quote", "same", speaker="New"))  # a re-parse found a better speaker
        assert [(p.text, p.speaker) for p in state.pins] == [("same", "New")]
        assert store.toggle_pin("x", Pin("figure", "same")).pinned("figure", "same")
        assert not store.toggle_pin("x", Pin("figure", "same")).pinned("figure", "same")
        assert not store.unpin("x", "quote", "same").pins


def test_clearing_everything_removes_the_row(db: Path) -> None:
    with SQLiteStore.open(db) as store:
        store.set_reviewed("x", True)
        store.set_note("x", "n")
        store.set_reviewed("x", False)
        assert store.set_note("x", "  ").is_empty
        assert store.all_states() == {}


def test_other_window_learns_which_item_changed_and_then_nothing_more(db: Path) -> None:
    with SQLiteStore.open(db) as mine, SQLiteStore.open(db) as other:
        seen = mine.version()
        assert mine.changes_since(seen) == (seen, {})
        other.toggle_flagged("x")
        seen, changed = mine.changes_since(seen)
        assert list(changed) == ["x"] and changed["x"].flagged
        assert mine.changes_since(seen) == (seen, {})
        assert mine.all_states()["x"].flagged


# -- two processes ------------------------------------------------------------------------------

def test_two_processes_toggling_different_fields_lose_no_update(db: Path, tmp_path: Path) -> None:
    SQLiteStore.open(db).close()
    go, n = tmp_path / "go", 41  # odd: each field ends up True only if no toggle was lost
    procs = [_child("hammer", str(db), field, str(n), str(go)) for field in ("reviewed", "flagged")]
    go.touch()
    for proc in procs:
        assert _lines(proc, 1, timeout=15) == ["done"], proc.stderr.read() if proc.stderr else ""
        proc.wait(timeout=10)
    with SQLiteStore.open(db) as store:
        state = store.get("shared")
    assert state.reviewed and state.flagged
    assert {p.text for p in state.pins} == {f"{f}-{i}" for f in ("reviewed", "flagged") for i in range(n)}


# -- crashes ------------------------------------------------------------------------------------

@pytest.mark.parametrize("acks_before_kill", [1, 17, 60])
def test_sigkill_mid_loop_keeps_every_acknowledged_write(db: Path, acks_before_kill: int) -> None:
    SQLiteStore.open(db).close()
    proc = _child("loop", str(db), "item")
    acked = _lines(proc, acks_before_kill) + _kill(proc)
    pins_acked = [int(line.split()[1]) for line in acked if line.startswith("pin ")]
    notes_acked = [int(line.split()[1]) for line in acked if line.startswith("note ")]
    store, message = open_store(db)
    assert message is None
    state = store.get("item")
    pinned = [int(p.text[1:]) for p in state.pins]
    # Every acknowledged pin is there; at most one more (committed, killed before it printed).
    assert pinned == list(range(len(pinned)))
    assert len(pins_acked) <= len(pinned) <= len(pins_acked) + 1
    if notes_acked:
        assert int(state.note.split()[1]) >= notes_acked[-1]
    assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.toggle_flagged("item")  # and it is writable again
    store.close()


def test_sigkill_with_a_transaction_open_keeps_the_previous_commit(db: Path) -> None:
    with SQLiteStore.open(db) as store:
        store.set_reviewed("x", True)
        store.set_note("x", "committed")
        store.pin("x", Pin("quote", "kept"))
    proc = _child("hold", str(db))
    assert _lines(proc, 1) == ["open"]
    # While it holds the write lock, a write here waits the busy timeout, then fails clearly.
    with SQLiteStore.open(db, timeout=0.2) as store:
        assert store.get("x").note == "committed"  # readers are not blocked (WAL)
        started = time.monotonic()
        with pytest.raises(StoreBusy, match="locked by another program"):
            store.set_note("x", "too soon")
        assert 0.15 <= time.monotonic() - started < 5
    _kill(proc)
    store, message = open_store(db)
    assert message is None
    state = store.get("x")
    assert (state.reviewed, state.note, [p.text for p in state.pins]) == (True, "committed", ["kept"])
    assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()


# -- damaged, foreign, locked, read-only files ---------------------------------------------------

def _assert_fallback(db: Path, before: bytes, *phrases: str) -> None:
    store, message = open_store(db, timeout=0.2)
    assert message is not None and all(p in message for p in phrases), message
    assert store.read_only and store.path is None and store.all_states() == {}
    with pytest.raises(StoreReadOnly):
        store.toggle_flagged("x")
    store.close()
    assert db.read_bytes() == before
    with pytest.raises(StoreProblem):
        SQLiteStore.open(db, timeout=0.2)
    assert db.read_bytes() == before


def test_not_a_database_is_reported_and_left_byte_for_byte(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b"reviewed: [abc]\n" * 300)
    _assert_fallback(db, db.read_bytes(), "not a briefing state file", "left untouched", "read-only")


def _filled_db(db: Path) -> bytes:
    with SQLiteStore.open(db) as store:
        for i in range(200):
            store.set_note(f"item-{i}", f"note {i} " + "x" * 200)
    return db.read_bytes()


def test_damaged_pages_are_reported_and_left_byte_for_byte(db: Path) -> None:
    data = bytearray(_filled_db(db))
    assert len(data) > 8 * 4096
    data[2 * 4096 : 6 * 4096] = b"\xde\xad\xbe\xef" * 4096
    db.write_bytes(bytes(data))
    _assert_fallback(db, bytes(data), "damaged", "read-only")


def test_truncated_database_is_reported_and_left_byte_for_byte(db: Path) -> None:
    data = _filled_db(db)[: 3 * 4096 + 100]
    db.write_bytes(data)
    _assert_fallback(db, data, "damaged")


def test_another_programs_sqlite_file_is_not_touched(db: Path) -> None:
    db.parent.mkdir(parents=True)
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE bookmarks (url TEXT)")
    conn.close()
    _assert_fallback(db, db.read_bytes(), "another program")


def test_a_file_from_a_newer_version_is_not_touched(db: Path) -> None:
    SQLiteStore.open(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    _assert_fallback(db, db.read_bytes(), "newer briefing")


def test_locked_file_gives_a_clear_message_after_the_timeout(db: Path) -> None:
    with SQLiteStore.open(db) as store:
        store.set_note("x", "before")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE item_state SET note = 'held'")
    try:
        started = time.monotonic()
        store, message = open_store(db, timeout=0.2)
        assert 0.15 <= time.monotonic() - started < 5
        assert message is not None and "locked by another program" in message and "read-only" in message
        assert store.read_only
        store.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with SQLiteStore.open(db) as store:
        assert store.get("x").note == "before"


def test_unwritable_file_opens_read_only_with_its_state(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a non-root user gets for a chmod 0o444 file or folder, simulated as os.access says no.

    The real permission case runs as an unprivileged child in the next test.
    """
    with SQLiteStore.open(db) as store:
        store.set_reviewed("x", True)
    before = db.read_bytes()
    real_access = os.access
    monkeypatch.setattr(store_module.os, "access", lambda p, m: real_access(p, m) and not m & os.W_OK)
    store, message = open_store(db)
    assert message is not None and "read-only" in message and str(db) in message
    assert store.read_only and store.get("x").reviewed
    with pytest.raises(StoreReadOnly, match="not saved"):
        store.set_note("x", "n")
    store.close()
    assert db.read_bytes() == before


def _open_and_write(names: list[str]) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for name in names:
        store, message = open_store(Path(name), timeout=0.5)
        try:
            store.toggle_flagged("x")
            error = None
        except StoreError as exc:
            error = str(exc)
        out[name] = {"read_only": store.read_only, "message": message, "error": error,
                     "reviewed": store.get("x").reviewed}
        store.close()
    return out


def _as_unprivileged_user(names: list[str]) -> dict[str, dict[str, object]]:
    """Run the scenario where permissions apply: as is, or (as root) in a forked child that became nobody.

    A fork, not a new interpreter: the venv's Python lives under /root, which nobody cannot read.
    """
    if os.geteuid() != 0:
        return _open_and_write(names)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            payload = json.dumps(_open_and_write(names))
            code = 0
        except BaseException as exc:
            payload = json.dumps({"child error": repr(exc)})
        with os.fdopen(write_end, "w") as fh:
            fh.write(payload)
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end) as fh:
        payload = fh.read()
    _, status = os.waitpid(pid, 0)
    result = json.loads(payload)
    assert os.waitstatus_to_exitcode(status) == 0, result
    return result


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder an unprivileged user can reach (pytest's tmp_path lives under a 0700 root folder)."""
    with tempfile.TemporaryDirectory(prefix="briefing-store-test-") as name:
        os.chmod(name, 0o755)
        yield Path(name)


def test_read_only_file_and_folder_for_a_real_unprivileged_user(shared_tmp: Path) -> None:
    ro_file_dir, ro_dir = shared_tmp / "file", shared_tmp / "folder"
    paths = {}
    for folder in (ro_file_dir, ro_dir):
        folder.mkdir()
        paths[folder] = folder / "review.sqlite3"
        with SQLiteStore.open(paths[folder]) as store:
            store.set_reviewed("x", True)
        os.chmod(paths[folder], 0o444)
    os.chmod(ro_file_dir, 0o777)  # only the file is read-only here
    os.chmod(ro_dir, 0o555)
    missing = ro_dir / "sub" / "review.sqlite3"
    before = {p: p.read_bytes() for p in paths.values()}
    try:
        result = _as_unprivileged_user([*map(str, paths.values()), str(missing)])
    finally:
        os.chmod(ro_dir, 0o755)
    for path in paths.values():
        got = result[str(path)]
        assert got["read_only"] and got["reviewed"], got
        assert "read-only" in str(got["message"]) and "not saved" in str(got["error"]), got
        assert path.read_bytes() == before[path]
    got = result[str(missing)]
    assert got["read_only"] and "cannot be created" in str(got["message"]), got


# -- schema version 1 files ------------------------------------------------------------------------

def _v1_file(db: Path) -> None:
    """A state file as the version-1 store wrote it, built with its own schema SQL."""
    db.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.executescript(store_module._SCHEMA_V1)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("PRAGMA journal_mode = WAL")
    rows = [("reviewed-one", 1, 0, "", "A reviewed item", "seeds/a.txt", "2024-05-01T10:00:00+00:00"),
            ("flagged-one", 0, 1, "Ask the desk\nabout this", None, None, "2024-05-02T10:00:00+00:00"),
            ("pinned-one", 0, 0, "", "Pins only", "seeds/c.txt", "2024-05-03T10:00:00+00:00")]
    conn.executemany("INSERT INTO item_state (item_id, reviewed, flagged, note, title, source, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT INTO pin (item_id, kind, text, speaker, speaker_description, via, value, unit, "
                     "pinned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [("pinned-one", "quote", "We hold", "An officer", None, "Reuters", None, None, "then"),
                      ("pinned-one", "figure", "11,000", None, None, None, 11000.0, "troops", "then"),
                      ("flagged-one", "quote", "Later", None, "a source", None, None, None, "then")])
    conn.close()
    os.chmod(db, 0o600)


V1_EXPECTED = {
    "reviewed-one": (True, False, "", "A reviewed item", "seeds/a.txt", []),
    "flagged-one": (False, True, "Ask the desk\nabout this", None, None, [("quote", "Later")]),
    "pinned-one": (False, False, "", "Pins only", "seeds/c.txt", [("quote", "We hold"), ("figure", "11,000")]),
}


def _summary(states: dict) -> dict:
    return {i: (s.reviewed, s.flagged, s.note, s.title, s.source, [p.key for p in s.pins]) for i, s in states.items()}


def test_a_version_1_file_is_migrated_keeping_every_mark_note_and_pin(db: Path) -> None:
    _v1_file(db)
    with SQLiteStore.open(db, reviewer="ana") as store:
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 7
        states = store.all_states()
        assert _summary(states) == V1_EXPECTED
        assert states["pinned-one"].pins[0].via == "Reuters" and states["pinned-one"].pins[1].value == 11000.0
        assert states["flagged-one"].updated_at == "2024-05-02T10:00:00+00:00"
        assert all(s.updated_by is None for s in states.values())  # nobody was recorded then
        seen = store.version()
        with SQLiteStore.open(db, reviewer="ben") as other:
            other.set_note("flagged-one", "Asked", expected="Ask the desk\nabout this")
            other.forget("reviewed-one")
        now, changed = store.changes_since(seen)
        assert now > seen
        assert changed == {"flagged-one": store.get("flagged-one"), "reviewed-one": store.get("reviewed-one")}
        assert changed["flagged-one"].updated_by == "ben" and changed["reviewed-one"].is_empty
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600
    with SQLiteStore.open(db) as store:  # opening again migrates nothing more
        assert _summary(store.all_states())["pinned-one"] == V1_EXPECTED["pinned-one"]


def test_a_version_1_file_opened_read_only_is_read_as_it_is(db: Path) -> None:
    _v1_file(db)
    before = db.read_bytes()
    with SQLiteStore.open(db, read_only=True) as store:
        assert _summary(store.all_states()) == V1_EXPECTED
        assert store.get("pinned-one").updated_by is None
        assert store.version() == 0 and store.changes_since(0) == (0, {})
    assert db.read_bytes() == before


def test_a_half_done_migration_leaves_the_file_at_version_1(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _v1_file(db)
    broken = store_module._V1_TO_V2 + "\nCREATE TABLE item_state (x INTEGER);"  # fails after the first steps
    monkeypatch.setattr(store_module, "_MIGRATIONS", (store_module._SCHEMA_V1, broken))
    with pytest.raises(StoreProblem):
        SQLiteStore.open(db)
    monkeypatch.undo()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "updated_by" not in {r[1] for r in conn.execute("PRAGMA table_info(item_state)")}
    conn.close()
    with SQLiteStore.open(db) as store:
        assert _summary(store.all_states()) == V1_EXPECTED


# -- drafts beside the state file ------------------------------------------------------------------

def _draft_path(db: Path, item_id: str) -> Path:
    """Where the version-1 editor put drafts: users have them there."""
    return db.parent / "note-drafts" / f"{hashlib.sha256(item_id.encode()).hexdigest()[:24]}.txt"


def test_drafts_are_private_files_where_earlier_versions_left_them(db: Path) -> None:
    with SQLiteStore.open(db) as store:
        store.save_draft("item-1", "typed")
        file = _draft_path(db, "item-1")
        assert file.read_text() == "typed"
        assert stat.S_IMODE(file.stat().st_mode) == 0o600 and stat.S_IMODE(file.parent.stat().st_mode) == 0o700
        earlier = _draft_path(db, "item-2")
        earlier.write_text("left by an earlier version", encoding="utf-8")
        assert store.draft("item-2") == "left by an earlier version"
        store.drop_draft("item-2")
        assert not earlier.exists()


def test_a_draft_that_is_a_fifo_or_huge_is_not_offered(db: Path) -> None:
    with SQLiteStore.open(db) as store:
        store.save_draft("other", "make the folder")
        os.mkfifo(_draft_path(db, "fifo"))
        _draft_path(db, "huge").write_bytes(b"x" * (MAX_DRAFT_BYTES + 1))
        _draft_path(db, "binary").write_bytes(b"\xff\xfe\x00")
        assert finishes(lambda: store.draft("fifo")) is None
        assert store.draft("huge") is None and store.draft("binary") is None


def test_a_draft_that_cannot_be_written_says_why(db: Path) -> None:
    with SQLiteStore.open(db) as store:
        (db.parent / "note-drafts").write_text("a file where the folder goes")
        with pytest.raises(StoreError, match="exists"):
            store.save_draft("x", "typed")


# -- --state as a URL --------------------------------------------------------------------------------

def test_sqlite_urls_name_files_as_sqlalchemy_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    absolute = tmp_path / "abs" / "review.sqlite3"
    for target, path in ((f"sqlite:///{absolute}", absolute), ("sqlite:///rel/review.sqlite3",
                                                                 Path("rel/review.sqlite3"))):
        store, message = open_store(target)
        assert message is None and store.location == str(path)
        store.set_flagged("x", True)
        store.close()
        with SQLiteStore.open(path, read_only=True) as check:
            assert check.get("x").flagged
    assert f"sqlite:///{absolute}".startswith("sqlite:////")
