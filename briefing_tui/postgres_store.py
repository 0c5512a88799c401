"""Review state on a PostgreSQL server: one desk's marks, notes and pins, shared by every analyst on it.

Why a server: a desk outgrows one SQLite file when its analysts work from their own machines. The
semantics are the SQLite store's, kept the same way in plain SQL:

- Every change is one transaction that first bumps the single ``change_counter`` row. Its row lock
  serialises writers (as SQLite's write lock does), so the item is read fresh under the lock (no lost
  update between two analysts) and change numbers commit in the order they are handed out: a poller
  whose snapshot shows number N has seen every change up to N. A writer that waits longer than
  ``timeout`` for the lock gets ``StoreBusy``.
- Every row records who changed it and when (``updated_by``/``updated_at``, ``pinned_by``/``pinned_at``,
  ``forgotten_by``/``forgotten_at``), the time from the server's clock so a desk has one clock.
- The schema is a list of migrations recorded in ``schema_version``. Each is applied in its own
  transaction holding a transaction-scoped advisory lock, so two analysts starting at once never both
  apply one. A server whose schema is newer than this briefing knows is refused, never written to.
- Credentials are libpq's: the URL, ``PGPASSWORD``, ``~/.pgpass``, service files. A password in the
  URL is never shown: every place and message uses the URL without it.
- Note drafts stay on this machine (files under the user's state folder), quick to read whatever the
  network does, one folder per desk.

psycopg is imported only when a ``postgresql://`` URL is opened, so the SQLite default never loads
it. This is one implementation of ``review_store.ReviewStore``. No Textual or Rich imports.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import unquote

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
    claim_time,
    corrections_from_json,
    corrections_json,
    current_reviewer,
    log_entries,
)
from .sanitize import clean_line, clean_text
from .tags import tags_from_json, tags_json

if TYPE_CHECKING:
    import psycopg

SCHEMA_VERSION = 6
# Every change is announced on this channel when it commits; other windows LISTEN for it.
CHANNEL = "briefing_review_state"
# After the listening connection failed: how long until it is tried again (the caller polls meanwhile).
RELISTEN_PAUSE = 1.0
DRAFTS_FOLDER = "desk-drafts"
# pg_advisory_xact_lock key: one number for "briefing is changing its schema in this database".
MIGRATION_LOCK = 0x6272_6965_6669_6E67  # "briefing" in ASCII
_T = TypeVar("_T")

_SCHEMA_V1 = (
    """CREATE TABLE schema_version (
        version    integer PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now(),
        applied_by text NOT NULL
    )""",
    """CREATE TABLE change_counter (
        id    integer PRIMARY KEY CHECK (id = 1),
        value bigint NOT NULL
    )""",
    "INSERT INTO change_counter (id, value) VALUES (1, 0)",
    """CREATE TABLE item_state (
        item_id    text PRIMARY KEY,
        reviewed   boolean NOT NULL DEFAULT false,
        flagged    boolean NOT NULL DEFAULT false,
        note       text NOT NULL DEFAULT '',
        title      text,
        source     text,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        change_no  bigint NOT NULL
    )""",
    "CREATE INDEX item_state_change ON item_state (change_no)",
    """CREATE TABLE pin (
        seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        item_id    text NOT NULL,
        kind       text NOT NULL CHECK (kind IN ('quote', 'figure')),
        text       text NOT NULL,
        speaker    text,
        speaker_description text,
        via        text,
        value      double precision,
        unit       text,
        pinned_at  timestamptz NOT NULL,
        pinned_by  text NOT NULL,
        UNIQUE (item_id, kind, text)
    )""",
    """CREATE TABLE forgotten_item (
        item_id      text PRIMARY KEY,
        change_no    bigint NOT NULL,
        forgotten_at timestamptz NOT NULL,
        forgotten_by text NOT NULL
    )""",
    "CREATE INDEX forgotten_item_change ON forgotten_item (change_no)",
)
# The audit trail: one row per change, appended in the change's own transaction (so it holds every
# committed change and no rolled-back one), never updated or deleted. Changes before it were not logged.
_V1_TO_V2 = (
    """CREATE TABLE change_log (
        seq       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        change_no bigint NOT NULL,
        at        timestamptz NOT NULL,
        reviewer  text NOT NULL,
        item_id   text NOT NULL,
        title     text,
        action    text NOT NULL,
        detail    text
    )""",
    "CREATE INDEX change_log_item ON change_log (item_id, seq)",
    "CREATE INDEX change_log_at ON change_log (at)",
)
# Migration i brings the schema from version i to i + 1; append, never edit, when the schema changes.
# Whether a pinned quote is reported speech, so it is never quoted as the speaker's own words.
_V2_TO_V3 = ("ALTER TABLE pin ADD COLUMN reported boolean NOT NULL DEFAULT false",)
# Who works on an item now, and until when: a desk's claims, kept with the item's state so a claim is
# taken in the write transaction that checks it, under the change counter's lock.
_V3_TO_V4 = ("ALTER TABLE item_state ADD COLUMN claimed_by text",
             "ALTER TABLE item_state ADD COLUMN claimed_until timestamptz")
# What the analyst says the parser got wrong (corrections.py): a JSON list in the item's row, so the
# desk's roles need no grant beyond the ones they have on item_state.
_V4_TO_V5 = ("ALTER TABLE item_state ADD COLUMN corrections text",)
# The analyst's own tags (tags.py): a JSON list in the item's row, as corrections are, for the same reason.
_V5_TO_V6 = ("ALTER TABLE item_state ADD COLUMN tags text",)
_MIGRATIONS: tuple[tuple[str, ...], ...] = (_SCHEMA_V1, _V1_TO_V2, _V2_TO_V3, _V3_TO_V4, _V4_TO_V5, _V5_TO_V6)
_OUR_TABLES = ("schema_version", "change_counter", "item_state", "pin", "forgotten_item", "change_log")
_LOG_COLUMNS = "at, reviewer, item_id, action, detail, title"
_STATE_COLUMNS = ("item_id, reviewed, flagged, note, title, source, updated_at, updated_by, claimed_by, claimed_until, "
                  "corrections, tags")
_PIN_COLUMNS = "kind, text, speaker, speaker_description, via, value, unit, reported"
_SECRET_KEYS = {"password", "sslpassword"}


# -- the URL, without its password ---------------------------------------------------------------


def _split(spec: str) -> tuple[str, str, str, str]:
    """``spec`` as (userinfo, hosts, path, query), read as libpq reads it.

    A URL that could still hold part of a password outside the user part (a raw ``@``, ``/`` or space
    in it) is refused without being repeated: showing it would show the password.
    """
    found = URL_PATTERN.match(spec)
    if found is None or found.group(1).lower().split("+", 1)[0] not in ("postgresql", "postgres"):
        raise StoreUnavailable("a PostgreSQL review state is named by a postgresql:// URL")
    rest = spec[found.end():]
    end = min((i for i in (rest.find("@"), rest.find("/")) if i >= 0), default=len(rest))
    userinfo, rest = (rest[:end], rest[end + 1:]) if rest[end:end + 1] == "@" else ("", rest)
    rest, _, query = rest.partition("?")
    hosts, slash, path = rest.partition("/")
    loose = [part for part in query.split("&") if part and "=" not in part]  # a raw & in a password
    if "@" in rest or loose or any(ch.isspace() for ch in spec):
        raise StoreUnavailable("the postgresql:// URL given cannot be read: percent-encode special characters "
                               "in the user name and password (%40 for @, %3A for :, %2F for /, %20 for a space), "
                               "or give the password in PGPASSWORD or ~/.pgpass")
    return userinfo, hosts, slash + path, query


def redact(spec: str) -> str:
    """``spec`` with any password taken out (from the user part and from the query)."""
    userinfo, hosts, path, query = _split(spec)
    user = userinfo.split(":", 1)[0]
    kept = [part for part in query.split("&") if part and unquote(part.split("=", 1)[0]).lower() not in _SECRET_KEYS]
    return ("postgresql://" + (f"{user}@" if user else "") + hosts + path + ("?" + "&".join(kept) if kept else ""))


def _secrets(spec: str) -> set[str]:
    """Every spelling of the passwords in ``spec``, to scrub from text a driver hands back."""
    try:
        userinfo, _, _, query = _split(spec)
    except StoreUnavailable:
        return set()
    found = set()
    if ":" in userinfo:
        found.add(userinfo.split(":", 1)[1])
    for part in query.split("&"):
        key, _, value = part.partition("=")
        if unquote(key).lower() in _SECRET_KEYS:
            found.add(value)
    return {s for secret in found for s in (secret, unquote(secret)) if s}


def _libpq_url(spec: str) -> str:
    """The URL as libpq reads it: SQLAlchemy's ``postgresql+psycopg://`` form loses its driver part."""
    found = URL_PATTERN.match(spec)
    assert found is not None  # _split has checked it
    return "postgresql://" + spec[found.end():]


def describe(spec: str | None) -> str:
    """The desk ``spec`` names, without its password (the ``review_store`` module contract)."""
    if spec is None:
        raise StoreUnavailable("a PostgreSQL review state is named by a postgresql:// URL")
    return redact(spec)


def connect(spec: str | None, *, read_only: bool = False, timeout: float = DEFAULT_TIMEOUT,
            reviewer: str | None = None) -> PostgresStore:
    """Open the desk ``spec`` names (the ``review_store`` module contract).

    ``StoreMissing`` when ``read_only`` and no briefing state is there yet; ``StoreProblem`` when the
    server cannot be reached, refuses us, or holds a schema this version must not write to.
    """
    where = describe(spec)
    assert spec is not None  # describe refused None
    return PostgresStore.open(spec, where, read_only=read_only, timeout=timeout, reviewer=reviewer)


# -- the store -----------------------------------------------------------------------------------


def _driver() -> Any:
    """psycopg, imported on first use; its absence is one line saying what to install."""
    try:
        import psycopg
    except ImportError:
        raise StoreUnavailable("PostgreSQL review state needs psycopg 3: pip install 'psycopg[binary]'") from None
    return psycopg


class PostgresStore(NoteDrafts, StateWrites):
    """One connection to the desk's database; safe to call from any thread of one process.

    A connection that broke (the server restarted, a network cut) is opened again on the next call:
    every call is one transaction, so nothing half-done is carried over.
    """

    def __init__(self, conn: psycopg.Connection[Any], spec: str, where: str, *, read_only: bool, timeout: float,
                 reviewer: str, drafts: Path) -> None:
        self._conn = conn
        self._spec = spec
        self._where = where
        self._timeout = timeout
        self._drafts = drafts
        self._lock = threading.RLock()
        self.read_only = read_only
        self.reviewer = reviewer
        # LISTEN runs on a connection of its own, used only by the thread in wait_for_change: a wait
        # holds its connection, and reads and writes must never queue behind it.
        self._listener: psycopg.Connection[Any] | None = None
        self._listener_lock = threading.Lock()
        self._closed = threading.Event()

    @property
    def location(self) -> str:
        return self._where

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(cls, spec: str, where: str, *, read_only: bool = False, timeout: float = DEFAULT_TIMEOUT,
             reviewer: str | None = None) -> PostgresStore:
        """Connect, then bring the schema up to date (or, read-only, check it is current)."""
        conn = _connect(spec, where, read_only=read_only, timeout=timeout)
        psycopg = _driver()
        viewer = False
        try:
            if read_only:
                _check_current(conn, where)
            else:
                _migrate(conn, where, reviewer or current_reviewer())
                viewer = not _may_write(conn)
                if viewer:  # a viewer role: read-only on the server too, and said so
                    conn.execute("SELECT set_config('default_transaction_read_only', 'on', false)")
            identity = conn.execute("SELECT current_database(), current_schema(), current_user").fetchone()
        except StoreError:
            conn.close()
            raise
        except psycopg.Error as exc:
            conn.close()
            raise StoreProblem(f"cannot open the review state at {where}: {_reason(exc, spec)}") from None
        key = f"{conn.info.host}:{conn.info.port}/{identity}"
        drafts = paths.state_dir() / DRAFTS_FOLDER / hashlib.sha256(key.encode()).hexdigest()[:24]
        store = cls(conn, spec, where, read_only=read_only or viewer, timeout=timeout,
                    reviewer=reviewer or current_reviewer(), drafts=drafts)
        if viewer:
            store.read_only_reason = (f"your database role ({clean_line(str(identity[2]))}) may read {where} but not "
                                      "change it (a viewer): marks, notes and pins are shown, not saved")
        return store

    def close(self) -> None:
        self._closed.set()
        # A wait in progress keeps the listener until its timeout; it closes the connection itself.
        if self._listener_lock.acquire(blocking=False):
            try:
                self._drop_listener()
            finally:
                self._listener_lock.release()
        with self._lock:
            self._conn.close()

    def wait_for_change(self, timeout: float) -> bool:
        """Wait for a change announced on ``CHANNEL`` (NOTIFY is sent in each change's transaction,
        so it arrives when, and only if, the change commits).

        True as soon as one arrives (a burst of them is drained: one poll answers them all), and
        True at once when listening starts or starts again, since a change made while nobody
        listened would otherwise wait for the next one. With the server unreachable it pauses and
        answers True, so the caller keeps polling and sees the failure the way every read does.
        """
        psycopg = _driver()
        with self._listener_lock:
            if self._closed.is_set():
                self._drop_listener()
                return False
            try:
                if self._listener is None or self._listener.closed or self._listener.broken:
                    self._drop_listener()
                    self._listener = _connect(self._spec, self._where, read_only=True, timeout=self._timeout)
                    self._listener.execute(f"LISTEN {CHANNEL}")
                    return True
                # One generator at a time: each holds the connection until it is finished.
                if not list(self._listener.notifies(timeout=timeout, stop_after=1)):
                    if self._closed.is_set():
                        self._drop_listener()
                    return False
                list(self._listener.notifies(timeout=0.01))  # the rest of a burst
                return True
            except (psycopg.Error, StoreError):
                self._drop_listener()
                self._closed.wait(min(timeout, RELISTEN_PAUSE))
                return not self._closed.is_set()

    def _drop_listener(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(Exception):
                self._listener.close()
            self._listener = None

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------

    def get(self, item_id: str) -> ReviewState:
        """The committed state of one item (an empty state if it has none)."""
        return self._snapshot(lambda c: _select(c, "WHERE item_id = %s", (item_id,))).get(item_id, ReviewState(item_id))

    def all_states(self) -> dict[str, ReviewState]:
        """Every item with recorded state, including items not loaded now (orphans are kept, never pruned)."""
        return self._snapshot(lambda c: _select(c, "", ()))

    def version(self) -> int:
        return self._snapshot(_counter)

    def changes_since(self, version: int) -> tuple[int, dict[str, ReviewState]]:
        def read(conn: psycopg.Connection[Any]) -> tuple[int, dict[str, ReviewState]]:
            now = _counter(conn)
            if now < version:  # the counter went back (a restored backup): everything is news
                return now, _select(conn, "", ())
            changed = _select(conn, "WHERE change_no > %s", (version,))
            for (iid,) in conn.execute("SELECT item_id FROM forgotten_item WHERE change_no > %s", (version,)):
                changed.setdefault(str(iid), ReviewState(str(iid)))
            return now, changed

        return self._snapshot(read)

    def history(self, *, item_id: str | None = None, reviewer: str | None = None,
                since: datetime | None = None) -> list[LoggedChange]:
        """The audit trail, oldest first, from the log each change appends to in its own transaction."""
        clauses, args = [], []
        for clause, value in (("item_id = %s", item_id), ("reviewer = %s", _clean_param(reviewer)),
                              ("at >= %s", since)):
            if value is not None:
                clauses.append(clause)
                args.append(value)
        where = "WHERE " + " AND ".join(clauses) if clauses else ""
        return self._snapshot(lambda c: [_logged(row) for row in c.execute(
            f"SELECT {_LOG_COLUMNS} FROM change_log {where} ORDER BY seq", tuple(args))])

    # -- writing -------------------------------------------------------------

    def forget(self, item_id: str) -> None:
        """Delete an item's state: only on the analyst's explicit request (e.g. an orphan they dismiss)."""
        with self._write() as (conn, change_no, at):
            old = _select(conn, "WHERE item_id = %s", (item_id,)).get(item_id)
            conn.execute("DELETE FROM pin WHERE item_id = %s", (item_id,))
            conn.execute("DELETE FROM item_state WHERE item_id = %s", (item_id,))
            _tombstone(conn, item_id, change_no, at, self.reviewer)
            if old is not None:
                _log(conn, [("forgotten", None)], item_id, old.title, change_no, at, self.reviewer)

    # -- drafts ----------------------------------------------------------------

    def _drafts_folder(self) -> Path | None:
        """On this machine, one folder per desk; a read-only connection keeps none."""
        return None if self.read_only else self._drafts

    # -- internals -------------------------------------------------------------

    def _connection(self) -> psycopg.Connection[Any]:
        """The open connection, opened again if the last one broke (a restarted server, a cut network)."""
        if self._conn.closed or self._conn.broken:
            self._conn.close()
            self._conn = _connect(self._spec, self._where, read_only=self.read_only, timeout=self._timeout)
        return self._conn

    def _snapshot(self, read: Callable[[psycopg.Connection[Any]], _T]) -> _T:
        """``read`` inside one read-only transaction: every table it looks at is seen at one moment."""
        psycopg = _driver()
        with self._lock:
            conn = self._connection()
            try:
                with conn.transaction():
                    conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    return read(conn)
            except psycopg.Error as exc:
                raise self._error(exc) from None

    @contextmanager
    def _write(self) -> Iterator[tuple[psycopg.Connection[Any], int, datetime]]:
        """One write transaction holding the change counter's lock: (connection, change number, time)."""
        if self.read_only:
            raise StoreReadOnly(f"review state is read-only ({self._where}): this change was not saved")
        psycopg = _driver()
        with self._lock:
            conn = self._connection()
            try:
                with conn.transaction():
                    row = conn.execute("UPDATE change_counter SET value = value + 1 WHERE id = 1 "
                                       "RETURNING value, clock_timestamp()").fetchone()
                    if row is None:
                        raise StoreProblem(f"{self._where} has lost its change counter; the change was not saved")
                    conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, str(row[0])))
                    yield conn, int(row[0]), row[1]
            except psycopg.Error as exc:
                raise self._error(exc) from None

    @contextmanager
    def _rows(self) -> Iterator[_Rows]:
        with self._write() as (conn, change_no, at):
            yield _Rows(conn, change_no, at, self.reviewer)

    def _error(self, exc: Exception) -> StoreError:
        psycopg = _driver()
        reason = _reason(exc, self._spec)
        if isinstance(exc, psycopg.errors.LockNotAvailable):
            return StoreBusy(f"{self._where} is busy with another analyst's change; the change was not saved, "
                             "try again")
        if isinstance(exc, psycopg.errors.ReadOnlySqlTransaction | psycopg.errors.InsufficientPrivilege):
            return StoreReadOnly(f"{self._where} cannot be written ({reason}); the change was not saved")
        if isinstance(exc, psycopg.OperationalError):
            return StoreError(f"lost the connection to {self._where} ({reason}); the change was not saved "
                              "(the connection is opened again on the next action)")
        return StoreError(f"{self._where}: {reason}")


class _Rows:
    """Items' rows inside one write transaction, which holds one change number for all it writes."""

    def __init__(self, conn: psycopg.Connection[Any], change_no: int, at: datetime, reviewer: str) -> None:
        self.conn, self.change_no, self.at, self.reviewer = conn, change_no, at, reviewer

    def read(self, item_id: str) -> ReviewState:
        return _select(self.conn, "WHERE item_id = %s", (item_id,)).get(item_id, ReviewState(item_id))

    def write(self, old: ReviewState, new: ReviewState, item_id: str, title: str | None,
              source: str | None) -> ReviewState:
        _store_row(self.conn, new, title, source, self.change_no, self.at, self.reviewer)
        now = self.read(item_id)
        _log(self.conn, log_entries(old, now), item_id, title or now.title or old.title, self.change_no, self.at,
             self.reviewer)
        return now


# -- connecting and the schema ---------------------------------------------------------------------


def _connect(spec: str, where: str, *, read_only: bool, timeout: float) -> psycopg.Connection[Any]:
    """A connection in autocommit (each call opens its own transaction), times in UTC, waits bounded."""
    psycopg = _driver()
    url = _libpq_url(spec)
    try:
        given = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.Error as exc:
        raise StoreUnavailable(f"{where}: not a usable PostgreSQL URL ({_reason(exc, spec)})") from None
    extra: dict[str, Any] = {"application_name": "briefing"}
    if "connect_timeout" not in given:
        extra["connect_timeout"] = max(2, math.ceil(timeout))  # libpq's least
    try:
        conn = psycopg.connect(url, autocommit=True, **extra)
    except psycopg.Error as exc:
        raise StoreProblem(f"cannot connect to {where}: {_reason(exc, spec)}") from None
    try:
        conn.execute("SELECT set_config('TimeZone', 'UTC', false), set_config('lock_timeout', %s, false), "
                     "set_config('default_transaction_read_only', %s, false)",
                     (f"{max(1, round(timeout * 1000))}ms", "on" if read_only else "off"))
    except psycopg.Error as exc:
        conn.close()
        raise StoreProblem(f"cannot use {where}: {_reason(exc, spec)}") from None
    return conn


def _installed_version(conn: psycopg.Connection[Any], where: str) -> int | None:
    """The schema version the database holds: None for no briefing state; refuses another program's tables."""
    # pg_class read with this statement's snapshot, not to_regclass(): a name lookup may answer from a
    # cache that has not yet heard of the tables another connection just created under the lock.
    present = [str(row[0]) for row in conn.execute(
        "SELECT t.name FROM unnest(%s::text[]) WITH ORDINALITY AS t (name, n) WHERE EXISTS (SELECT 1 FROM "
        "pg_catalog.pg_class c JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace "
        "WHERE c.relname = t.name AND s.nspname = current_schema()) ORDER BY t.n", (list(_OUR_TABLES),))]
    if "schema_version" not in present:
        if present:
            raise StoreProblem(f"{where} holds tables of another program ({', '.join(present)}); "
                               "they were left untouched")
        return None
    psycopg = _driver()
    try:
        version = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    except psycopg.Error:
        version = None
    if not isinstance(version, int):
        raise StoreProblem(f"{where} has a schema_version table that is not briefing's; it was left untouched")
    return version


def _newer(where: str, version: int) -> StoreProblem:
    return StoreProblem(f"{where} holds review state of a newer briefing (schema {version}; this one knows "
                        f"{SCHEMA_VERSION}): upgrade briefing to use it; nothing was written")


def _check_current(conn: psycopg.Connection[Any], where: str) -> None:
    """A read-only connection reads only a schema this version wrote; it never migrates."""
    version = _installed_version(conn, where)
    if version is None:
        raise StoreMissing(f"{where}: no review state there yet")
    if version > SCHEMA_VERSION:
        raise _newer(where, version)
    if version < SCHEMA_VERSION:
        raise StoreProblem(f"{where} holds an older schema ({version}); open it once without read-only to "
                           "bring it up to date")


def _may_write(conn: psycopg.Connection[Any]) -> bool:
    """Whether this role can make a change: a desk gives its viewers SELECT only (README, "Roles")."""
    row = conn.execute(
        "SELECT has_table_privilege('change_counter', 'UPDATE') AND has_table_privilege('item_state', 'INSERT') "
        "AND has_table_privilege('item_state', 'UPDATE') AND has_table_privilege('item_state', 'DELETE') "
        "AND has_table_privilege('pin', 'INSERT') AND has_table_privilege('pin', 'UPDATE') "
        "AND has_table_privilege('pin', 'DELETE') AND has_table_privilege('forgotten_item', 'INSERT') "
        "AND has_table_privilege('forgotten_item', 'UPDATE') AND has_table_privilege('forgotten_item', 'DELETE') "
        "AND has_table_privilege('change_log', 'INSERT')").fetchone()
    return bool(row and row[0])


def _migrate(conn: psycopg.Connection[Any], where: str, reviewer: str) -> None:
    """Apply the missing migrations, each in one transaction under the advisory lock.

    A current schema needs no lock, so a long migration elsewhere cannot stop a reader that is up to
    date. Under the lock the version is read again: whoever waited finds the work done.
    """
    version = _installed_version(conn, where)
    if version == SCHEMA_VERSION:
        return
    if version is not None and version > SCHEMA_VERSION:
        raise _newer(where, version)
    for target in range(1, SCHEMA_VERSION + 1):
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            now = _installed_version(conn, where) or 0
            if now > SCHEMA_VERSION:
                raise _newer(where, now)
            if now >= target:
                continue
            try:
                for statement in _MIGRATIONS[target - 1]:
                    conn.execute(statement)
            except _driver().errors.InsufficientPrivilege:
                # Analysts' roles may change rows, not tables: the owner brings a desk up to date.
                raise StoreProblem(f"{where} holds review state of schema {now}, and this briefing needs "
                                   f"{SCHEMA_VERSION}; your role may not change its tables: the desk's owner must open "
                                   "it once with this version of briefing; nothing was written") from None
            conn.execute("INSERT INTO schema_version (version, applied_by) VALUES (%s, %s)",
                         (target, _clean_param(reviewer)))


def _reason(exc: BaseException, spec: str) -> str:
    """What went wrong, on one line and without any password the URL holds."""
    sqlstate = getattr(exc, "sqlstate", None)
    text = str(exc)
    refused = re.search(r'authentication failed for user "[^"]*"', text)
    if refused or sqlstate in ("28P01", "28000"):
        who = f" {refused.group(0).removeprefix('authentication failed ')}" if refused else ""
        reason = (f"the server refused the login{who} (check the user and the password: PGPASSWORD, ~/.pgpass, "
                  "a service file or the URL)")
    elif "no password supplied" in text:
        reason = "the server asks for a password (give it in PGPASSWORD, ~/.pgpass or a service file)"
    elif re.search(r"Connection refused|No such file or directory|could not translate host name", text):
        reason = "no PostgreSQL server answers there (is it running, and is the host and port right?)"
    elif "timeout expired" in text:
        reason = "the server did not answer in time"
    else:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        reason = lines[0] if lines else type(exc).__name__
        reason = re.sub(r"^(connection failed: )?(connection to server .*? failed: )?(FATAL:\s+)?", "", reason)
    for secret in sorted(_secrets(spec), key=len, reverse=True):
        reason = reason.replace(secret, "***")
    return clean_line(" ".join(reason.split()))


# -- rows ---------------------------------------------------------------------------------------------


def _counter(conn: psycopg.Connection[Any]) -> int:
    row = conn.execute("SELECT value FROM change_counter WHERE id = 1").fetchone()
    return int(row[0]) if row else 0


def _log(conn: psycopg.Connection[Any], entries: list[tuple[str, str | None]], item_id: str, title: str | None,
         change_no: int, at: datetime, reviewer: str) -> None:
    """Append the audit rows of one change, inside its write transaction: committed with it or not at all."""
    if not entries:
        return
    with conn.cursor() as cur:
        cur.executemany(f"INSERT INTO change_log (change_no, {_LOG_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                        [(change_no, at, _clean_param(reviewer), item_id, action, _clean_param(detail),
                          _clean_param(title)) for action, detail in entries])


def _logged(row: tuple[Any, ...]) -> LoggedChange:
    at, reviewer, item_id, action, detail, title = row
    return LoggedChange(_text(at, line=True) or "", _text(reviewer, line=True) or "", str(item_id),
                        _text(action, line=True) or "", _text(detail, line=True), _text(title, line=True))


def _tombstone(conn: psycopg.Connection[Any], item_id: str, change_no: int, at: datetime, reviewer: str) -> None:
    """Remember that an item's state went away, and who did it, so pollers and the audit hear of it."""
    conn.execute("INSERT INTO forgotten_item (item_id, change_no, forgotten_at, forgotten_by) VALUES (%s, %s, %s, %s) "
                 "ON CONFLICT (item_id) DO UPDATE SET change_no = excluded.change_no, "
                 "forgotten_at = excluded.forgotten_at, forgotten_by = excluded.forgotten_by",
                 (item_id, change_no, at, _clean_param(reviewer)))


def _select(conn: psycopg.Connection[Any], where: str, args: tuple[object, ...]) -> dict[str, ReviewState]:
    """States of the rows ``where`` picks: one of a few fixed clauses, values only as parameters."""
    rows = conn.execute(f"SELECT {_STATE_COLUMNS} FROM item_state {where} ORDER BY updated_at, item_id",
                        args).fetchall()
    if not rows:
        return {}
    ids = [row[0] for row in rows]
    pins_of: dict[str, list[Pin]] = {}
    pin_rows = (conn.execute(f"SELECT item_id, {_PIN_COLUMNS} FROM pin WHERE item_id = ANY(%s) ORDER BY seq", (ids,))
                if where else conn.execute(f"SELECT item_id, {_PIN_COLUMNS} FROM pin ORDER BY seq"))
    for iid, *pin in pin_rows:
        pins_of.setdefault(iid, []).append(_pin(pin))
    return {str(row[0]): _state(row, tuple(pins_of.get(row[0], ()))) for row in rows}


def _text(value: object, *, line: bool = False) -> str | None:
    """A text column as the screen may show it: a shared database is input like any other, cleaned of
    escape sequences and control characters exactly as a briefing file is."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.astimezone(UTC).isoformat(timespec="seconds")
    if not isinstance(value, str):
        value = str(value) if isinstance(value, (int, float)) else ""
    return clean_line(value) if line else clean_text(value)


def _clean_param(value: str | None) -> str | None:
    """Text as PostgreSQL can hold it: a NUL byte (which reading would drop anyway) is refused by text columns."""
    return value.replace("\x00", "") if value is not None else None


def _state(row: tuple[Any, ...], pins: tuple[Pin, ...]) -> ReviewState:
    iid, reviewed, flagged, note, title, source, at, by, claimed_by, claimed_until, fixes, tags = row
    holder = _text(claimed_by, line=True) or None
    return ReviewState(str(iid), bool(reviewed), bool(flagged), _text(note) or "", pins, _text(title, line=True),
                       _text(source, line=True), _text(at, line=True), _text(by, line=True),
                       holder, _text(claimed_until, line=True) if holder else None, corrections_from_json(fixes),
                       tags_from_json(tags))


def _pin(row: list[Any]) -> Pin:
    kind, text, speaker, description, via, value, unit, reported = row
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        value = None
    return Pin(kind if kind in PIN_KINDS else "quote", _text(text) or "", _text(speaker, line=True),
               _text(description, line=True), _text(via, line=True), value, _text(unit, line=True),
               reported=reported is True)


def _store_row(conn: psycopg.Connection[Any], state: ReviewState, title: str | None, source: str | None,
               change_no: int, at: datetime, reviewer: str) -> None:
    """Write one item's state as change ``change_no``; an emptied state is deleted (and a tombstone
    says so to pollers) so the table holds only real marks."""
    item_id = state.item_id
    by = _clean_param(reviewer)
    old_pins = {(kind, text): seq for kind, text, seq in
                conn.execute("SELECT kind, text, seq FROM pin WHERE item_id = %s", (item_id,))}
    stored = [(p, _clean_param(p.kind), _clean_param(p.text)) for p in state.pins]
    for key in old_pins.keys() - {(kind, text) for _, kind, text in stored}:
        conn.execute("DELETE FROM pin WHERE seq = %s", (old_pins[key],))
    for p, kind, text in stored:
        conn.execute(
            "INSERT INTO pin (item_id, kind, text, speaker, speaker_description, via, value, unit, reported, "
            "pinned_at, pinned_by) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (item_id, kind, text) DO UPDATE SET speaker = excluded.speaker, "
            "speaker_description = excluded.speaker_description, via = excluded.via, value = excluded.value, "
            "unit = excluded.unit, reported = excluded.reported",
            (item_id, kind, text, _clean_param(p.speaker), _clean_param(p.speaker_description), _clean_param(p.via),
             p.value, _clean_param(p.unit), p.reported, at, by))
    if state.is_blank:
        conn.execute("DELETE FROM item_state WHERE item_id = %s", (item_id,))
        _tombstone(conn, item_id, change_no, at, reviewer)
        return
    conn.execute("DELETE FROM forgotten_item WHERE item_id = %s", (item_id,))
    conn.execute(
        "INSERT INTO item_state (item_id, reviewed, flagged, note, title, source, updated_at, updated_by, change_no, "
        "claimed_by, claimed_until, corrections, tags) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (item_id) "
        "DO UPDATE SET reviewed = excluded.reviewed, flagged = excluded.flagged, note = excluded.note, "
        "title = coalesce(excluded.title, item_state.title), source = coalesce(excluded.source, item_state.source), "
        "updated_at = excluded.updated_at, updated_by = excluded.updated_by, change_no = excluded.change_no, "
        "claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until, corrections = excluded.corrections, "
        "tags = excluded.tags",
        (item_id, state.reviewed, state.flagged, _clean_param(state.note), _clean_param(title), _clean_param(source),
         at, by, change_no, _clean_param(state.claimed_by), claim_time(state.claimed_until),
         _clean_param(corrections_json(state.corrections)), _clean_param(tags_json(state.tags))))
