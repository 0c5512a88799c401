"""Review state (marks, notes, pins) in a SQLite file, written the moment the analyst acts.

Why SQLite: every change is one durable transaction (WAL, ``synchronous=FULL``),
so a kill -9 never loses an acknowledged change, and two ``briefing`` windows
on one file serialise their writes instead of overwriting each other. State
is keyed on ``Item.id`` (derived from content) and keeps the item's last
known title and source, so state outlives renames and re-parses and can be
listed by name when its item is not loaded. A damaged file is never
written to: opening checks it first and falls back to an empty read-only
store with a message.

Other windows learn what changed from a change number: one counter row bumped
inside every write transaction, copied onto the row it wrote (or onto a
tombstone when an item's state goes away). It is serialised by the same write
lock across processes, and is plain SQL a server database can keep the same
way. Note drafts are files in ``note-drafts/`` beside the state file. This is
one implementation of ``review_store.ReviewStore``. No Textual or Rich imports.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote as url_quote

from . import paths
from .note_drafts import NoteDrafts
from .review_state import (
    DEFAULT_TIMEOUT,
    PIN_KINDS,
    URL_PATTERN,
    LoggedChange,
    Pin,
    ReviewState,
    StateWrites,
    StoreBusy,
    StoreError,
    StoreMissing,
    StoreProblem,
    StoreReadOnly,
    StoreUnavailable,
    corrections_from_json,
    corrections_json,
    current_reviewer,
    log_entries,
)
from .sanitize import clean_line, clean_text
from .tags import tags_from_json, tags_json

SCHEMA_VERSION = 7
STATE_FILE_NAME = "review.sqlite3"
DRAFTS_FOLDER = "note-drafts"
IN_MEMORY = "in-memory state"
# How often a window asks whether another window changed the file (it cannot be told).
POLL_INTERVAL = 1.0
_SQLITE_MAGIC = b"SQLite format 3\x00"
_T = TypeVar("_T")


def default_path() -> Path:
    return paths.state_dir() / STATE_FILE_NAME


_SCHEMA_V1 = """
CREATE TABLE item_state (
    item_id    TEXT PRIMARY KEY,
    reviewed   INTEGER NOT NULL DEFAULT 0 CHECK (reviewed IN (0, 1)),
    flagged    INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
    note       TEXT NOT NULL DEFAULT '',
    title      TEXT,
    source     TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE pin (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id    TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('quote', 'figure')),
    text       TEXT NOT NULL,
    speaker    TEXT,
    speaker_description TEXT,
    via        TEXT,
    value      REAL,
    unit       TEXT,
    pinned_at  TEXT NOT NULL,
    UNIQUE (item_id, kind, text)
);
"""
# Who made the last change, and the change numbers pollers ask about. Rows written before this
# version keep change_no 0: they are part of whatever state a window first reads.
_V1_TO_V2 = """
ALTER TABLE item_state ADD COLUMN updated_by TEXT;
ALTER TABLE item_state ADD COLUMN change_no INTEGER NOT NULL DEFAULT 0;
CREATE INDEX item_state_change ON item_state (change_no);
CREATE TABLE change_counter (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
INSERT INTO change_counter (id, value) VALUES (1, 0);
CREATE TABLE forgotten_item (
    item_id   TEXT PRIMARY KEY,
    change_no INTEGER NOT NULL
);
CREATE INDEX forgotten_item_change ON forgotten_item (change_no);
"""
# The audit trail: one row per change, appended in the change's own transaction, never updated or
# deleted (``forget`` adds a row too). Changes made before this version were not logged.
_V2_TO_V3 = """
CREATE TABLE change_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    change_no INTEGER NOT NULL,
    at        TEXT NOT NULL,
    reviewer  TEXT NOT NULL,
    item_id   TEXT NOT NULL,
    title     TEXT,
    action    TEXT NOT NULL,
    detail    TEXT
);
CREATE INDEX change_log_item ON change_log (item_id, seq);
CREATE INDEX change_log_at ON change_log (at);
"""
# Index i upgrades user_version i to i + 1; append, never edit, when the schema changes.
# Whether a pinned quote is reported speech, so it is never quoted as the speaker's own words.
_V3_TO_V4 = "ALTER TABLE pin ADD COLUMN reported INTEGER NOT NULL DEFAULT 0"
# Who works on an item now, and until when (ISO, UTC): a desk's claims, kept with the item's state so
# a claim is taken in the same write transaction that checks it.
_V4_TO_V5 = """
ALTER TABLE item_state ADD COLUMN claimed_by TEXT;
ALTER TABLE item_state ADD COLUMN claimed_until TEXT;
"""
# What the analyst says the parser got wrong (corrections.py): a JSON list in the item's row.
_V5_TO_V6 = "ALTER TABLE item_state ADD COLUMN corrections TEXT"
# The analyst's own tags (tags.py): a JSON list in the item's row.
_V6_TO_V7 = "ALTER TABLE item_state ADD COLUMN tags TEXT"
_MIGRATIONS: tuple[str, ...] = (_SCHEMA_V1, _V1_TO_V2, _V2_TO_V3, _V3_TO_V4, _V4_TO_V5, _V5_TO_V6, _V6_TO_V7)
_OUR_TABLES = {"item_state", "pin", "sqlite_sequence", "change_counter", "forgotten_item", "change_log"}
_LOG_COLUMNS = "at, reviewer, item_id, action, detail, title"
_STATE_COLUMNS = ("item_id, reviewed, flagged, note, title, source, updated_at, updated_by, claimed_by, claimed_until, "
                  "corrections, tags")
_PIN_COLUMNS = "kind, text, speaker, speaker_description, via, value, unit, reported"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _is_locked(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _is_read_only(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


def _uri(path: Path, params: str) -> str:
    return f"file:{url_quote(str(path.absolute()))}?{params}"


class SQLiteStore(NoteDrafts, StateWrites):
    """One connection to the state file; safe to call from any thread of one process.

    Every mutating method is one ``BEGIN IMMEDIATE`` transaction that reads and
    writes the row under the write lock and returns after COMMIT, so a change
    another process made to a different field of the same item is never lost.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None, read_only: bool, *,
                 reviewer: str | None = None) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self._closed = threading.Event()
        self.path = path
        self.read_only = read_only
        self.reviewer = reviewer or current_reviewer()

    @property
    def location(self) -> str:
        return str(self.path) if self.path is not None else IN_MEMORY

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | None = None, *, timeout: float = DEFAULT_TIMEOUT, read_only: bool = False,
             reviewer: str | None = None) -> SQLiteStore:
        """Open or create the state file; raise ``StoreProblem`` rather than touch a file it cannot use.

        ``read_only=True`` opens an existing file without ever writing to it.
        """
        path = _usable_path(Path(path) if path is not None else default_path(), create=not read_only)
        _check_header(path)
        if read_only or not _writable(path):
            if not path.exists():
                raise StoreMissing(f"{path} does not exist and cannot be created here")
            return cls._open_read_only(path, timeout, reviewer)
        try:
            _create_private(path)
            conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise StoreProblem(f"cannot open {path}: {exc}") from exc
        try:
            _check_contents(conn, path)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            _migrate(conn, path)
        except StoreProblem:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            if _is_read_only(exc) and path.exists():  # e.g. a read-only mount os.access did not see
                return cls._open_read_only(path, timeout, reviewer)
            raise _problem(path, exc) from exc
        return cls(conn, path, read_only=False, reviewer=reviewer)

    @classmethod
    def _open_read_only(cls, path: Path, timeout: float, reviewer: str | None) -> SQLiteStore:
        last: sqlite3.Error | None = None
        # A WAL file in a read-only folder may lack its -shm file; immutable=1 still reads it.
        for params in ("mode=ro", "mode=ro&immutable=1"):
            try:
                conn = sqlite3.connect(_uri(path, params), uri=True, timeout=timeout, isolation_level=None,
                                       check_same_thread=False)
            except sqlite3.Error as exc:
                last = exc
                continue
            try:
                _check_contents(conn, path)
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise StoreProblem(f"{path} was written by a newer briefing (schema {version})")
                # An older file is read as it is: columns it lacks read as nothing (see _select).
                return cls(conn, path, read_only=True, reviewer=reviewer)
            except StoreProblem:
                conn.close()
                raise
            except sqlite3.Error as exc:
                conn.close()
                if _is_locked(exc):
                    raise _problem(path, exc) from exc
                last = exc
        raise _problem(path, last) if last is not None else StoreProblem(f"cannot read {path}")

    @classmethod
    def in_memory(cls, *, read_only: bool = False, reviewer: str | None = None) -> SQLiteStore:
        """An empty store that lives only in memory: the fallback when the file cannot be used."""
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        for step in _MIGRATIONS:
            conn.executescript(step)
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        return cls(conn, None, read_only=read_only, reviewer=reviewer)

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            self._conn.close()

    def wait_for_change(self, timeout: float) -> bool:
        """SQLite cannot tell one connection of another's commit: the watcher polls at a steady pace
        (``changes_since`` reads only rows changed since, through an index)."""
        return not self._closed.wait(min(timeout, POLL_INTERVAL))

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------

    def get(self, item_id: str) -> ReviewState:
        """The committed state of one item (an empty state if it has none)."""
        states = self._snapshot(lambda c: _select(c, "WHERE item_id = ?", (item_id,), legacy=_legacy(c)))
        return states.get(item_id, ReviewState(item_id))

    def all_states(self) -> dict[str, ReviewState]:
        """Every item with recorded state, including items not loaded now (orphans are kept, never pruned)."""
        return self._snapshot(lambda c: _select(c, "", (), legacy=_legacy(c)))

    def version(self) -> int:
        return self._snapshot(_counter)

    def changes_since(self, version: int) -> tuple[int, dict[str, ReviewState]]:
        def read(conn: sqlite3.Connection) -> tuple[int, dict[str, ReviewState]]:
            if _legacy(conn):  # a version 1 file opened read-only has no change numbers
                return 0, {}
            now = _counter(conn)
            if now < version:  # the counter went back (edited by hand): everything is news
                return now, _select(conn, "", ())
            changed = _select(conn, "WHERE change_no > ?", (version,))
            for (iid,) in conn.execute("SELECT item_id FROM forgotten_item WHERE change_no > ?", (version,)):
                changed.setdefault(str(iid), ReviewState(str(iid)))
            return now, changed

        return self._snapshot(read)

    def history(self, *, item_id: str | None = None, reviewer: str | None = None,
                since: datetime | None = None) -> list[LoggedChange]:
        """The audit trail, oldest first, from the log each change appends to in its own transaction."""
        clauses, args = _log_filter(item_id, reviewer, since)

        def read(conn: sqlite3.Connection) -> list[LoggedChange]:
            if int(conn.execute("PRAGMA user_version").fetchone()[0]) < 3:  # an older file, read-only: no log
                return []
            rows = conn.execute(f"SELECT {_LOG_COLUMNS} FROM change_log {clauses} ORDER BY seq", args)
            return [_logged(row) for row in rows]

        return self._snapshot(read)

    # -- writing -------------------------------------------------------------

    def forget(self, item_id: str) -> None:
        """Delete an item's state: only on the analyst's explicit request (e.g. an orphan they dismiss)."""
        with self._write() as conn:
            old = _select(conn, "WHERE item_id = ?", (item_id,)).get(item_id)
            conn.execute("DELETE FROM pin WHERE item_id = ?", (item_id,))
            conn.execute("DELETE FROM item_state WHERE item_id = ?", (item_id,))
            change_no = _next_change(conn)
            _tombstone(conn, item_id, change_no)
            if old is not None:
                _log(conn, [("forgotten", None)], item_id, old.title, change_no, self.reviewer)

    # -- drafts ----------------------------------------------------------------

    def _drafts_folder(self) -> Path | None:
        """Beside the state file; an in-memory or read-only state keeps none."""
        if self.path is None or self.read_only:
            return None
        return self.path.parent / DRAFTS_FOLDER

    # -- internals -------------------------------------------------------------

    def _snapshot(self, read: Callable[[sqlite3.Connection], _T]) -> _T:
        """``read`` inside one read transaction: every table it looks at is seen at one moment."""
        with self._lock:
            try:
                self._conn.execute("BEGIN")
                result = read(self._conn)
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise self._error(exc) from exc
            return result

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            where = f" ({self.path})" if self.path else ""
            raise StoreReadOnly(f"review state is read-only{where}: this change was not saved")
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._error(exc) from exc
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._error(exc) from exc
                raise

    @contextmanager
    def _rows(self) -> Iterator[_Rows]:
        with self._write() as conn:
            yield _Rows(conn, self.reviewer)

    def _error(self, exc: sqlite3.Error) -> StoreError:
        where = self.path or IN_MEMORY
        if _is_locked(exc):
            return StoreBusy(f"{where} is locked by another program; the change was not saved, try again")
        if _is_read_only(exc):
            return StoreReadOnly(f"{where} cannot be written ({exc}); the change was not saved")
        return StoreError(f"{where}: {exc}")


class _Rows:
    """Items' rows inside one write transaction: each write takes the next change number."""

    def __init__(self, conn: sqlite3.Connection, reviewer: str) -> None:
        self.conn, self.reviewer = conn, reviewer

    def read(self, item_id: str) -> ReviewState:
        return _select(self.conn, "WHERE item_id = ?", (item_id,)).get(item_id, ReviewState(item_id))

    def write(self, old: ReviewState, new: ReviewState, item_id: str, title: str | None,
              source: str | None) -> ReviewState:
        change_no = _next_change(self.conn)
        _store_row(self.conn, new, title, source, change_no, self.reviewer)
        now = self.read(item_id)
        _log(self.conn, log_entries(old, now), item_id, title or now.title or old.title, change_no, self.reviewer)
        return now


def _version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _legacy(conn: sqlite3.Connection) -> bool:
    """A version 1 file, opened read-only (a writable one is migrated as it opens)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0]) < 2


def _counter(conn: sqlite3.Connection) -> int:
    if _legacy(conn):
        return 0
    row = conn.execute("SELECT value FROM change_counter WHERE id = 1").fetchone()
    value = row[0] if row else 0
    return value if isinstance(value, int) else 0


def _next_change(conn: sqlite3.Connection) -> int:
    """Bump the counter inside the caller's write transaction and return the new number."""
    conn.execute("INSERT INTO change_counter (id, value) VALUES (1, 1) "
                 "ON CONFLICT (id) DO UPDATE SET value = value + 1")
    return _counter(conn)


def _log(conn: sqlite3.Connection, entries: list[tuple[str, str | None]], item_id: str, title: str | None,
         change_no: int, reviewer: str) -> None:
    """Append the audit rows of one change, inside its write transaction: committed with it or not at all."""
    at = _now()
    conn.executemany(f"INSERT INTO change_log (change_no, {_LOG_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [(change_no, at, reviewer, item_id, action, detail, title) for action, detail in entries])


def _log_filter(item_id: str | None, reviewer: str | None,
                since: datetime | None) -> tuple[str, tuple[object, ...]]:
    """A WHERE clause of fixed text for the filters given, their values only as parameters."""
    clauses, args = [], []
    if item_id is not None:
        clauses.append("item_id = ?")
        args.append(item_id)
    if reviewer is not None:
        clauses.append("reviewer = ?")
        args.append(reviewer)
    if since is not None:  # stored as ISO text in UTC, which sorts as time does
        clauses.append("at >= ?")
        args.append(since.astimezone(UTC).isoformat(timespec="seconds"))
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), tuple(args)


def _logged(row: tuple) -> LoggedChange:
    at, reviewer, item_id, action, detail, title = row
    return LoggedChange(_text(at, line=True) or "", _text(reviewer, line=True) or "", str(item_id),
                        _text(action, line=True) or "", _text(detail, line=True), _text(title, line=True))


def _tombstone(conn: sqlite3.Connection, item_id: str, change_no: int) -> None:
    """Remember that an item's state went away, so pollers hear of it."""
    conn.execute("INSERT INTO forgotten_item (item_id, change_no) VALUES (?, ?) "
                 "ON CONFLICT (item_id) DO UPDATE SET change_no = excluded.change_no", (item_id, change_no))


def _select(conn: sqlite3.Connection, where: str, args: tuple[object, ...], *,
            legacy: bool = False) -> dict[str, ReviewState]:
    """States of the rows ``where`` picks: one of a few fixed clauses, values only as parameters."""
    columns = _STATE_COLUMNS.replace("updated_by", "NULL") if legacy else _STATE_COLUMNS
    if _version(conn) < 5:  # an older file opened read-only has no claims
        columns = columns.replace("claimed_by", "NULL").replace("claimed_until", "NULL")
    if _version(conn) < 6:  # nor corrections
        columns = columns.replace("corrections", "NULL")
    if _version(conn) < 7:  # nor tags
        columns = columns.replace("tags", "NULL")
    rows = conn.execute(f"SELECT {columns} FROM item_state {where} ORDER BY updated_at, item_id", args).fetchall()
    if not rows:
        return {}
    pin_where = f"WHERE item_id IN (SELECT item_id FROM item_state {where})" if where else ""
    pins_of: dict[str, list[Pin]] = {}
    # An older file opened read-only has no `reported` column: its pins read as direct quotes.
    pin_columns = _PIN_COLUMNS if _version(conn) >= 4 else _PIN_COLUMNS.replace("reported", "0")
    for iid, *pin in conn.execute(f"SELECT item_id, {pin_columns} FROM pin {pin_where} ORDER BY seq", args):
        pins_of.setdefault(iid, []).append(_pin(pin))
    return {str(row[0]): _state(row, tuple(pins_of.get(row[0], ()))) for row in rows}


def _text(value: object, *, line: bool = False) -> str | None:
    """A text column as the screen may show it. The state file is input like any other (it may be
    shared, or come from another machine): escape sequences and control characters in it are
    removed exactly as from a briefing file, and a value of the wrong type reads as nothing."""
    if value is None:
        return None
    if not isinstance(value, str):
        value = str(value) if isinstance(value, (int, float)) else ""
    return clean_line(value) if line else clean_text(value)


def _state(row: tuple, pins: tuple[Pin, ...]) -> ReviewState:
    iid, reviewed, flagged, note, title, source, at, by, claimed_by, claimed_until, fixes, tags = row
    holder = _text(claimed_by, line=True) or None
    return ReviewState(str(iid), bool(reviewed), bool(flagged), _text(note) or "", pins, _text(title, line=True),
                       _text(source, line=True), _text(at, line=True), _text(by, line=True),
                       holder, _text(claimed_until, line=True) if holder else None, corrections_from_json(fixes),
                       tags_from_json(tags))


def _pin(row: tuple | list) -> Pin:
    kind, text, speaker, description, via, value, unit, reported = row
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        value = None
    return Pin(kind if kind in PIN_KINDS else "quote", _text(text) or "", _text(speaker, line=True),
               _text(description, line=True), _text(via, line=True), value, _text(unit, line=True),
               reported=reported is True or reported == 1)


def _store_row(conn: sqlite3.Connection, state: ReviewState, title: str | None, source: str | None,
               change_no: int, reviewer: str) -> None:
    """Write one item's state as change ``change_no``; an emptied state is deleted (and a tombstone
    says so to pollers) so the file holds only real marks."""
    item_id = state.item_id
    rows = conn.execute("SELECT kind, text, seq FROM pin WHERE item_id = ?", (item_id,))
    old_pins = {(kind, text): seq for kind, text, seq in rows}
    new_keys = {p.key for p in state.pins}
    for key in old_pins.keys() - new_keys:
        conn.execute("DELETE FROM pin WHERE seq = ?", (old_pins[key],))
    now = _now()
    for p in state.pins:
        conn.execute(
            "INSERT INTO pin (item_id, kind, text, speaker, speaker_description, via, value, unit, reported, "
            "pinned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_id, kind, text) DO UPDATE SET "
            "speaker = excluded.speaker, speaker_description = excluded.speaker_description, "
            "via = excluded.via, value = excluded.value, unit = excluded.unit, reported = excluded.reported",
            (item_id, p.kind, p.text, p.speaker, p.speaker_description, p.via, p.value, p.unit, int(p.reported),
             now))
    if state.is_blank:
        conn.execute("DELETE FROM item_state WHERE item_id = ?", (item_id,))
        _tombstone(conn, item_id, change_no)
        return
    conn.execute("DELETE FROM forgotten_item WHERE item_id = ?", (item_id,))
    conn.execute(
        "INSERT INTO item_state (item_id, reviewed, flagged, note, title, source, updated_at, updated_by, change_no, "
        "claimed_by, claimed_until, corrections, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (item_id) DO UPDATE SET "
        "reviewed = excluded.reviewed, flagged = excluded.flagged, note = excluded.note, "
        "title = coalesce(excluded.title, title), source = coalesce(excluded.source, source), "
        "updated_at = excluded.updated_at, updated_by = excluded.updated_by, change_no = excluded.change_no, "
        "claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until, corrections = excluded.corrections, "
        "tags = excluded.tags",
        (item_id, int(state.reviewed), int(state.flagged), state.note, title, source, now, reviewer, change_no,
         state.claimed_by, state.claimed_until, corrections_json(state.corrections), tags_json(state.tags)))


def _writable(path: Path) -> bool:
    """Whether we may write the file and its folder (WAL needs -wal and -shm files beside it)."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    return not path.exists() or os.access(path, os.R_OK | os.W_OK)


def _usable_path(path: Path, *, create: bool) -> Path:
    """The file to open for ``path``, refusing what SQLite would write to blindly.

    A symbolic link is followed knowingly, to an existing state file only: a link to nothing or
    to an empty file would have SQLite create or fill whatever it names. A FIFO, device or
    socket would block or swallow the writes.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise StoreProblem(f"cannot read {path}: {exc.strerror or exc}") from exc
    if stat.S_ISLNK(st.st_mode):
        target = Path(os.path.realpath(path))
        try:
            tst = os.stat(target)
        except OSError:
            raise StoreProblem(f"{path} is a symbolic link to {target}, which does not exist; "
                               "give the state file itself, or create it there first") from None
        if stat.S_ISREG(tst.st_mode) and tst.st_size == 0 and create:
            raise StoreProblem(f"{path} is a symbolic link to an empty file ({target}); it was left untouched")
        path, st = target, tst
    if stat.S_ISDIR(st.st_mode):
        raise StoreProblem(f"{path} is a folder, not a state file")
    if not stat.S_ISREG(st.st_mode):
        raise StoreProblem(f"{path} is not a regular file (a FIFO, device or socket); it was left untouched")
    return path


def _create_private(path: Path) -> None:
    """Create the state file readable by its owner only (notes are private), in a folder that is
    too when it is made here. An existing file keeps its mode: a desk may share one on purpose."""
    if path.exists():
        return
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(FileExistsError):  # another window created it first
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600))


def _check_header(path: Path) -> None:
    """Refuse a non-empty file that is not SQLite before SQLite gets a chance to write to it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        return
    except IsADirectoryError as exc:
        raise StoreProblem(f"{path} is a folder, not a state file") from exc
    except OSError as exc:
        raise StoreProblem(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise StoreProblem(f"{path} is not a regular file (a FIFO, device or socket); it was left untouched")
        head = os.read(fd, len(_SQLITE_MAGIC))
    except OSError as exc:
        raise StoreProblem(f"cannot read {path}: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
    if head and head != _SQLITE_MAGIC:
        raise StoreProblem(f"{path} is not a briefing state file (not an SQLite database); "
                           "it was left untouched")


def _check_contents(conn: sqlite3.Connection, path: Path) -> None:
    """Read-only checks before any write: the file is intact and holds our tables (or nothing yet)."""
    result = conn.execute("PRAGMA quick_check").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if result != "ok":
        raise StoreProblem(f"{path} is damaged ({result}); it was left untouched")
    if tables - _OUR_TABLES:
        raise StoreProblem(f"{path} is an SQLite file of another program; it was left untouched")


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to date; a current file needs no write lock, so a busy writer cannot stop us."""
    if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreProblem(f"{path} was written by a newer briefing (schema {version}); opened read-only")
        for step in _MIGRATIONS[version:]:
            for statement in step.split(";"):
                if statement.strip():
                    conn.execute(statement)
        if version != SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _problem(path: Path, exc: sqlite3.Error) -> StoreProblem:
    if _is_locked(exc):
        return StoreProblem(f"{path} is locked by another program")
    if "not a database" in str(exc) or "malformed" in str(exc):
        return StoreProblem(f"{path} is damaged ({exc}); it was left untouched")
    return StoreProblem(f"cannot open {path}: {exc}")


def _path_of(spec: str | None) -> Path:
    """The state file a ``--state`` value names: a plain path, or a URL in SQLAlchemy's form
    (``sqlite:////absolute/path``, ``sqlite:///relative/path``: the path starts after the third slash)."""
    if spec is None:
        return default_path()
    if URL_PATTERN.match(spec) is None:
        return Path(spec)
    rest = spec.split("://", 1)[1]
    path = rest[1:] if rest.startswith("/") else ""
    if not path or path == ":memory:" or "?" in path or "#" in path:
        raise StoreUnavailable(f"{spec}: a sqlite URL names a state file, as sqlite:////absolute/path or "
                               "sqlite:///relative/path (no host, no options)")
    return Path(path)


def describe(spec: str | None) -> str:
    """The state file ``spec`` names, for messages (the ``review_store`` module contract)."""
    return str(_path_of(spec))


def connect(spec: str | None, *, read_only: bool = False, timeout: float = DEFAULT_TIMEOUT,
            reviewer: str | None = None) -> SQLiteStore:
    """Open the state file ``spec`` names (the ``review_store`` module contract); ``StoreMissing``
    when ``read_only`` and there is no file there."""
    path = _path_of(spec)
    if read_only and not path.exists():
        raise StoreMissing(f"{path}: no such state file")
    return SQLiteStore.open(path, timeout=timeout, read_only=read_only, reviewer=reviewer)
