"""The review store: durable on kill -9, no lost updates between processes, damaged files left alone."""

from __future__ import annotations

import json
import os
import select
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_tui import store as store_module
from briefing_tui.model import Figure, Item, Quote
from briefing_tui.store import (
    SCHEMA_VERSION,
    Pin,
    ReviewStore,
    StoreBusy,
    StoreError,
    StoreProblem,
    StoreReadOnly,
    default_path,
    open_store,
)

ROOT = Path(__file__).resolve().parents[1]
CHILD_ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

# One helper script for every child process: its modes are the scenarios below.
CHILD = r"""
import os, sqlite3, sys, time
from pathlib import Path
from briefing_tui.store import Pin, ReviewStore

mode, db = sys.argv[1], Path(sys.argv[2])
if mode == "loop":  # write forever; one line per acknowledged (committed) write
    item, store, i = sys.argv[3], ReviewStore.open(db, timeout=10), 0
    while True:
        store.pin(item, Pin("quote", f"q{i}", speaker="S"))
        print(f"pin {i}", flush=True)
        store.set_note(item, f"note {i}")
        print(f"note {i}", flush=True)
        i += 1
elif mode == "hammer":  # toggle one field and add own pins, n times, once the start file exists
    field, n, go = sys.argv[3], int(sys.argv[4]), Path(sys.argv[5])
    store = ReviewStore.open(db, timeout=10)
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
    with ReviewStore.open(db) as store:
        store.toggle_reviewed(item)
        store.toggle_flagged(item)
        store.set_note(item, "Check *this*\nand that")
        store.pin(item, Pin.of_quote(item.quotes[0]))
        store.pin(item, Pin.of_figure(item.figures[0]))
    # Same content parsed again from a renamed folder: same id, so the same state.
    moved = _item()
    moved.source = "elsewhere/kursk.txt"
    with ReviewStore.open(db) as store:
        state = store.get(moved.id)
        assert (state.reviewed, state.flagged, state.note) == (True, True, "Check *this*\nand that")
        assert [p.key for p in state.pins] == [("quote", "We hold"), ("figure", "11,000")]
        assert state.pins[0].speaker_description == "a Ukrainian officer" and state.pins[0].via == "Reuters"
        assert (state.pins[1].value, state.pins[1].unit) == (11000.0, "troops")
        assert (state.title, state.source) == ("Troops at 11,000", "seeds/kursk.txt")
        store.set_note(moved, "later")
        assert store.get(moved.id).source == "elsewhere/kursk.txt"


def test_orphaned_state_is_kept_and_listed_by_name(db: Path) -> None:
    with ReviewStore.open(db) as store:
        store.toggle_flagged(_item("gone", "An item no longer loaded"))
    with ReviewStore.open(db) as store:
        states = store.all_states()
        assert states["gone"].title == "An item no longer loaded" and states["gone"].flagged


def test_pins_are_keyed_on_kind_and_text_and_toggle(db: Path) -> None:
    with ReviewStore.open(db) as store:
        store.pin("x", Pin("quote", "same", speaker="Old"))
        state = store.pin("x", Pin("quote", "same", speaker="New"))  # a re-parse found a better speaker
        assert [(p.text, p.speaker) for p in state.pins] == [("same", "New")]
        assert store.toggle_pin("x", Pin("figure", "same")).pinned("figure", "same")
        assert not store.toggle_pin("x", Pin("figure", "same")).pinned("figure", "same")
        assert not store.unpin("x", "quote", "same").pins


def test_clearing_everything_removes_the_row(db: Path) -> None:
    with ReviewStore.open(db) as store:
        store.set_reviewed("x", True)
        store.set_note("x", "n")
        store.set_reviewed("x", False)
        assert store.set_note("x", "  ").is_empty
        assert store.all_states() == {}


def test_other_window_notices_a_change_but_not_its_own(db: Path) -> None:
    with ReviewStore.open(db) as mine, ReviewStore.open(db) as other:
        assert not other.changed_since_last_check()
        other.toggle_flagged("x")
        assert not other.changed_since_last_check()
        assert mine.changed_since_last_check()
        assert not mine.changed_since_last_check()
        assert mine.all_states()["x"].flagged


# -- two processes ------------------------------------------------------------------------------

def test_two_processes_toggling_different_fields_lose_no_update(db: Path, tmp_path: Path) -> None:
    ReviewStore.open(db).close()
    go, n = tmp_path / "go", 41  # odd: each field ends up True only if no toggle was lost
    procs = [_child("hammer", str(db), field, str(n), str(go)) for field in ("reviewed", "flagged")]
    go.touch()
    for proc in procs:
        assert _lines(proc, 1, timeout=15) == ["done"], proc.stderr.read() if proc.stderr else ""
        proc.wait(timeout=10)
    with ReviewStore.open(db) as store:
        state = store.get("shared")
    assert state.reviewed and state.flagged
    assert {p.text for p in state.pins} == {f"{f}-{i}" for f in ("reviewed", "flagged") for i in range(n)}


# -- crashes ------------------------------------------------------------------------------------

@pytest.mark.parametrize("acks_before_kill", [1, 17, 60])
def test_sigkill_mid_loop_keeps_every_acknowledged_write(db: Path, acks_before_kill: int) -> None:
    ReviewStore.open(db).close()
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
    with ReviewStore.open(db) as store:
        store.set_reviewed("x", True)
        store.set_note("x", "committed")
        store.pin("x", Pin("quote", "kept"))
    proc = _child("hold", str(db))
    assert _lines(proc, 1) == ["open"]
    # While it holds the write lock, a write here waits the busy timeout, then fails clearly.
    with ReviewStore.open(db, timeout=0.2) as store:
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
        ReviewStore.open(db, timeout=0.2)
    assert db.read_bytes() == before


def test_not_a_database_is_reported_and_left_byte_for_byte(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b"reviewed: [abc]\n" * 300)
    _assert_fallback(db, db.read_bytes(), "not a briefing state file", "left untouched", "read-only")


def _filled_db(db: Path) -> bytes:
    with ReviewStore.open(db) as store:
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
    ReviewStore.open(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    _assert_fallback(db, db.read_bytes(), "newer briefing")


def test_locked_file_gives_a_clear_message_after_the_timeout(db: Path) -> None:
    with ReviewStore.open(db) as store:
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
    with ReviewStore.open(db) as store:
        assert store.get("x").note == "before"


def test_unwritable_file_opens_read_only_with_its_state(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a non-root user gets for a chmod 0o444 file or folder, simulated as os.access says no.

    The real permission case runs as an unprivileged child in the next test.
    """
    with ReviewStore.open(db) as store:
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
        with ReviewStore.open(paths[folder]) as store:
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
