"""Review state (marks, notes, pins) in a SQLite file, written the moment the analyst acts.

Why SQLite: every change is one durable transaction (WAL, ``synchronous=FULL``),
so a kill -9 never loses an acknowledged change, and two ``briefing`` windows
on one file serialise their writes instead of overwriting each other. State
is keyed on ``Item.id`` (derived from content) and keeps the item's last
known title and source, so state outlives renames and re-parses and can be
listed by name when its item is not loaded. A damaged file is never
written to: opening checks it first and falls back to an empty read-only
store with a message. No Textual or Rich imports.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import replace as _replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal
from urllib.parse import quote as url_quote

from . import paths
from .model import Figure, Item, Quote
from .sanitize import clean_line, clean_text

PinKind = Literal["quote", "figure"]
PIN_KINDS: tuple[str, ...] = ("quote", "figure")

SCHEMA_VERSION = 1
DEFAULT_TIMEOUT = 5.0
STATE_FILE_NAME = "review.sqlite3"
_SQLITE_MAGIC = b"SQLite format 3\x00"


def default_path() -> Path:
    return paths.state_dir() / STATE_FILE_NAME


class StoreError(Exception):
    """A review-state problem worth one line on screen."""


class StoreProblem(StoreError):
    """The state file cannot be opened for writing: locked, read-only, damaged or from a newer version."""


class StoreReadOnly(StoreError):
    """A write was attempted on a store opened read-only."""


class StoreBusy(StoreError):
    """Another process held the state file longer than the busy timeout."""


class NoteConflict(StoreError):
    """The note changed in another window since this edit began; nothing was written.

    ``theirs`` is the state as committed now, so the analyst can see both versions and choose.
    """

    def __init__(self, theirs: ReviewState) -> None:
        super().__init__("the note was changed in another window while you edited it")
        self.theirs = theirs


@dataclass(frozen=True, slots=True)
class Pin:
    """A pinned quote or figure, with enough to render it when its item is not loaded.

    Identified by ``(kind, text)`` so a re-parse that finds the same text keeps the pin.
    """

    kind: PinKind
    text: str
    speaker: str | None = None
    speaker_description: str | None = None
    via: str | None = None
    value: float | None = None
    unit: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.text)

    @classmethod
    def of_quote(cls, quote: Quote) -> Pin:
        return cls("quote", quote.text, quote.speaker, quote.speaker_description, quote.via)

    @classmethod
    def of_figure(cls, figure: Figure) -> Pin:
        return cls("figure", figure.text, value=figure.value, unit=figure.unit)


@dataclass(frozen=True, slots=True)
class ReviewState:
    """Everything the analyst recorded about one item, as last committed."""

    item_id: str
    reviewed: bool = False
    flagged: bool = False
    note: str = ""
    pins: tuple[Pin, ...] = ()
    title: str | None = None
    source: str | None = None
    updated_at: str | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.reviewed or self.flagged or self.note or self.pins)

    def pinned(self, kind: PinKind, text: str) -> bool:
        return any(p.key == (kind, text) for p in self.pins)


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
# Index i upgrades user_version i to i + 1; append, never edit, when the schema changes.
_MIGRATIONS: tuple[str, ...] = (_SCHEMA_V1,)
_OUR_TABLES = {"item_state", "pin", "sqlite_sequence"}


def item_title(item: Item) -> str | None:
    """The title to remember for an item: its own, else the start of its first paragraph."""
    if item.title:
        return item.title
    if item.body and item.body[0].strip():
        first = " ".join(item.body[0].split())
        return first if len(first) <= 100 else first[:99].rstrip() + "…"
    return None


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


class ReviewStore:
    """One connection to the state file; safe to call from any thread of one process.

    Every mutating method is one ``BEGIN IMMEDIATE`` transaction that reads and
    writes the row under the write lock and returns after COMMIT, so a change
    another process made to a different field of the same item is never lost.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None, read_only: bool) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self.path = path
        self.read_only = read_only
        self._data_version = self._pragma("data_version")

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | None = None, *, timeout: float = DEFAULT_TIMEOUT,
             read_only: bool = False) -> ReviewStore:
        """Open or create the state file; raise ``StoreProblem`` rather than touch a file it cannot use.

        ``read_only=True`` opens an existing file without ever writing to it.
        """
        path = _usable_path(Path(path) if path is not None else default_path(), create=not read_only)
        _check_header(path)
        if read_only or not _writable(path):
            if not path.exists():
                raise StoreProblem(f"{path} does not exist and cannot be created here")
            return cls._open_read_only(path, timeout)
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
                return cls._open_read_only(path, timeout)
            raise _problem(path, exc) from exc
        return cls(conn, path, read_only=False)

    @classmethod
    def _open_read_only(cls, path: Path, timeout: float) -> ReviewStore:
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
                return cls(conn, path, read_only=True)
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
    def in_memory(cls, *, read_only: bool = False) -> ReviewStore:
        """An empty store that lives only in memory: the fallback when the file cannot be used."""
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.executescript(_SCHEMA_V1)
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        return cls(conn, None, read_only=read_only)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------

    def get(self, item_id: str) -> ReviewState:
        """The committed state of one item (an empty state if it has none)."""
        return self._read(item_id).get(item_id, ReviewState(item_id))

    def all_states(self) -> dict[str, ReviewState]:
        """Every item with recorded state, including items not loaded now (orphans are kept, never pruned)."""
        return self._read(None)

    def changed_since_last_check(self) -> bool:
        """Whether another connection committed since the last call: a cheap poll for the UI's refresh."""
        with self._lock:
            version = self._pragma("data_version")
            changed = version != self._data_version
            self._data_version = version
            return changed

    # -- writing -------------------------------------------------------------

    def set_reviewed(self, item: Item | str, value: bool) -> ReviewState:
        return self._update(item, lambda s: _replace(s, reviewed=value))

    def set_flagged(self, item: Item | str, value: bool) -> ReviewState:
        return self._update(item, lambda s: _replace(s, flagged=value))

    def toggle_reviewed(self, item: Item | str) -> ReviewState:
        """Flip the committed value (not a possibly stale copy the window shows)."""
        return self._update(item, lambda s: _replace(s, reviewed=not s.reviewed))

    def toggle_flagged(self, item: Item | str) -> ReviewState:
        return self._update(item, lambda s: _replace(s, flagged=not s.flagged))

    def set_note(self, item: Item | str, note: str, *, expected: str | None = None) -> ReviewState:
        """Replace the note; an empty or blank note removes it.

        ``expected``: the note as it was when the edit began. If another window has committed a
        different note since (and not this very text), ``NoteConflict`` is raised and nothing is
        written: the last save must never silently win over someone's words.
        """
        new = note if note.strip() else ""

        def change(s: ReviewState) -> ReviewState:
            if expected is not None and s.note != expected and s.note != new:
                raise NoteConflict(s)
            return _replace(s, note=new)

        return self._update(item, change)

    def pin(self, item: Item | str, pin: Pin) -> ReviewState:
        """Pin (or refresh the stored speaker/value of) a quote or figure; pin order is kept."""
        return self._update(item, lambda s: _replace(s, pins=_with_pin(s.pins, pin)))

    def unpin(self, item: Item | str, kind: PinKind, text: str) -> ReviewState:
        return self._update(item, lambda s: _replace(s, pins=_without_pin(s.pins, (kind, text))))

    def toggle_pin(self, item: Item | str, pin: Pin) -> ReviewState:
        def change(s: ReviewState) -> ReviewState:
            if s.pinned(pin.kind, pin.text):
                return _replace(s, pins=_without_pin(s.pins, pin.key))
            return _replace(s, pins=_with_pin(s.pins, pin))

        return self._update(item, change)

    def forget(self, item_id: str) -> None:
        """Delete an item's state: only on the analyst's explicit request (e.g. an orphan they dismiss)."""
        with self._write() as conn:
            conn.execute("DELETE FROM pin WHERE item_id = ?", (item_id,))
            conn.execute("DELETE FROM item_state WHERE item_id = ?", (item_id,))

    # -- internals -------------------------------------------------------------

    def _pragma(self, name: str) -> int:
        return int(self._conn.execute(f"PRAGMA {name}").fetchone()[0])

    def _read(self, item_id: str | None) -> dict[str, ReviewState]:
        where, args = ("WHERE item_id = ?", (item_id,)) if item_id is not None else ("", ())
        with self._lock:
            try:
                self._conn.execute("BEGIN")  # one snapshot for both tables
                rows = self._conn.execute(
                    "SELECT item_id, reviewed, flagged, note, title, source, updated_at FROM item_state "
                    f"{where} ORDER BY updated_at, item_id", args).fetchall()
                pins = self._conn.execute(
                    "SELECT item_id, kind, text, speaker, speaker_description, via, value, unit FROM pin "
                    f"{where} ORDER BY seq", args).fetchall()
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise self._error(exc) from exc
        pins_of: dict[str, list[Pin]] = {}
        for iid, *pin in pins:
            pins_of.setdefault(iid, []).append(_pin(pin))
        return {row[0]: _state(row, tuple(pins_of.get(row[0], ()))) for row in rows}

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

    def _update(self, item: Item | str, change: Callable[[ReviewState], ReviewState]) -> ReviewState:
        """Read, change and write one item under the write lock: the read is never stale."""
        item_id, title, source = (item, None, None) if isinstance(item, str) else (
            item.id, item_title(item), item.source)
        with self._write() as conn:
            _store_row(conn, change(self._read_in_tx(conn, item_id)), title, source)
            return self._read_in_tx(conn, item_id)

    def _read_in_tx(self, conn: sqlite3.Connection, item_id: str) -> ReviewState:
        row = conn.execute("SELECT item_id, reviewed, flagged, note, title, source, updated_at FROM item_state "
                           "WHERE item_id = ?", (item_id,)).fetchone()
        pins = tuple(_pin(r) for r in conn.execute(
            "SELECT kind, text, speaker, speaker_description, via, value, unit FROM pin WHERE item_id = ? "
            "ORDER BY seq", (item_id,)))
        if row is None:
            return ReviewState(item_id, pins=pins)
        return _state(row, pins)

    def _error(self, exc: sqlite3.Error) -> StoreError:
        where = self.path or "in-memory state"
        if _is_locked(exc):
            return StoreBusy(f"{where} is locked by another program; the change was not saved, try again")
        if _is_read_only(exc):
            return StoreReadOnly(f"{where} cannot be written ({exc}); the change was not saved")
        return StoreError(f"{where}: {exc}")


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
    iid, reviewed, flagged, note, title, source, at = row
    return ReviewState(str(iid), bool(reviewed), bool(flagged), _text(note) or "", pins, _text(title, line=True),
                       _text(source, line=True), _text(at, line=True))


def _pin(row: tuple | list) -> Pin:
    kind, text, speaker, description, via, value, unit = row
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        value = None
    return Pin(kind if kind in PIN_KINDS else "quote", _text(text) or "", _text(speaker, line=True),
               _text(description, line=True), _text(via, line=True), value, _text(unit, line=True))


def _without_pin(pins: tuple[Pin, ...], key: tuple[str, str]) -> tuple[Pin, ...]:
    return tuple(p for p in pins if p.key != key)


def _with_pin(pins: tuple[Pin, ...], pin: Pin) -> tuple[Pin, ...]:
    if any(p.key == pin.key for p in pins):
        return tuple(pin if p.key == pin.key else p for p in pins)
    return (*pins, pin)


def _store_row(conn: sqlite3.Connection, state: ReviewState, title: str | None, source: str | None) -> None:
    """Write one item's state; an emptied state is deleted so the file holds only real marks."""
    item_id = state.item_id
    rows = conn.execute("SELECT kind, text, seq FROM pin WHERE item_id = ?", (item_id,))
    old_pins = {(kind, text): seq for kind, text, seq in rows}
    new_keys = {p.key for p in state.pins}
    for key in old_pins.keys() - new_keys:
        conn.execute("DELETE FROM pin WHERE seq = ?", (old_pins[key],))
    now = _now()
    for p in state.pins:
        conn.execute(
            "INSERT INTO pin (item_id, kind, text, speaker, speaker_description, via, value, unit, "
            "pinned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_id, kind, text) DO UPDATE SET "
            "speaker = excluded.speaker, speaker_description = excluded.speaker_description, "
            "via = excluded.via, value = excluded.value, unit = excluded.unit",
            (item_id, p.kind, p.text, p.speaker, p.speaker_description, p.via, p.value, p.unit, now))
    if state.is_empty:
        conn.execute("DELETE FROM item_state WHERE item_id = ?", (item_id,))
        return
    conn.execute(
        "INSERT INTO item_state (item_id, reviewed, flagged, note, title, source, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_id) DO UPDATE SET reviewed = excluded.reviewed, "
        "flagged = excluded.flagged, note = excluded.note, title = coalesce(excluded.title, title), "
        "source = coalesce(excluded.source, source), updated_at = excluded.updated_at",
        (item_id, int(state.reviewed), int(state.flagged), state.note, title, source, now))


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


def open_store(path: Path | None = None, *,
               timeout: float = DEFAULT_TIMEOUT) -> tuple[ReviewStore, str | None]:
    """A store to use and a message for the screen, never raising for a file it cannot write.

    A writable file gives ``(store, None)``. A read-only file or folder, or a
    file from a newer version, is opened read-only. A locked, damaged or
    foreign file gives an empty in-memory read-only store: the app still
    opens, nothing is saved, and the file is never touched.
    """
    path = Path(path) if path is not None else default_path()
    try:
        store = ReviewStore.open(path, timeout=timeout)
    except StoreProblem as exc:
        message = f"{exc}. Review state is read-only: changes will not be saved"
        return ReviewStore.in_memory(read_only=True), message
    if store.read_only:
        return store, f"{path} is read-only: review state is shown but changes will not be saved"
    return store, None
