"""The review-store interface: what the dashboard and the digest need from wherever review state is kept.

The dashboard, the digest and ``briefing export`` talk to a ``ReviewStore``; which one is chosen by
``--state``: a file path, or a URL whose scheme names the kind of store. Each kind lives in a module
of its own, listed in ``STORE_MODULES`` (SQLite for one analyst, PostgreSQL for a shared desk);
adding one is that module and one line there. The modules are imported only when their scheme is
used, so this one stays free of database drivers. No Textual or Rich imports.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Literal, Protocol, Self, runtime_checkable

from .model import Item
from .review_state import (
    DEFAULT_TIMEOUT,
    URL_PATTERN,
    LoggedChange,
    Pin,
    PinKind,
    ReviewState,
    StoreProblem,
    StoreUnavailable,
    current_reviewer,
)

DEFAULT_SCHEME = "sqlite"
# Scheme -> the module that opens it. A module provides ``describe(spec)`` (a readable place for
# messages, refusing a malformed spec with StoreUnavailable) and ``connect(spec, *, read_only,
# timeout, reviewer)``; ``spec`` is the path or URL as given, None for that kind's default place.
STORE_MODULES: dict[str, str] = {
    "sqlite": "briefing_tui.sqlite_store",
    "postgresql": "briefing_tui.postgres_store", "postgres": "briefing_tui.postgres_store",
}
# A path, or a URL (URL_PATTERN: a scheme and "://"); None is the user's own state.
StoreTarget = str | os.PathLike[str] | None


@runtime_checkable
class ReviewStore(Protocol):
    """Review state of every item, shared by every window (and later every analyst) that opens it.

    Every write is committed before it returns, reads and writes the committed state (never a
    copy the caller holds), and records ``reviewer`` and the time. Writes on a read-only store
    raise ``StoreReadOnly``; a store another writer holds too long raises ``StoreBusy``. Text read
    back is cleaned like any file text: a store may be shared, or come from another machine.
    A store may be called from any one thread at a time.
    """

    @property
    def read_only(self) -> bool: ...

    @property
    def location(self) -> str:
        """Where the state is, for messages: a path, a host, or "in-memory state"."""
        ...

    @property
    def reviewer(self) -> str:
        """Who is acting: recorded as ``updated_by`` on every change this store makes."""
        ...

    # -- reading
    def get(self, item_id: str) -> ReviewState: ...

    def all_states(self) -> dict[str, ReviewState]:
        """Every item with recorded state, including items not loaded now: orphans are never pruned."""
        ...

    def version(self) -> int:
        """The current change number; it grows with every committed change, whoever made it."""
        ...

    def changes_since(self, version: int) -> tuple[int, dict[str, ReviewState]]:
        """The current change number and the state of every item changed after ``version``.

        An item whose state was forgotten or emptied comes back as an empty ``ReviewState``, so a
        poller learns of deletions too. Asking with the number a previous call returned never
        misses a change; a change may be reported twice, so applying them must be idempotent.
        """
        ...

    def wait_for_change(self, timeout: float) -> bool:
        """Block until another connection may have changed the state, or ``timeout`` seconds pass.

        True means "ask ``changes_since`` now"; False means nothing happened. A store that can be told
        of changes (PostgreSQL's LISTEN/NOTIFY) answers as soon as one commits, so the desk sees a
        colleague's mark at once without reading the tables in a loop; one that cannot (a SQLite
        file) answers True at a steady pace. Called from one watching thread while other threads use
        the store; ``close`` ends a wait in progress soon after.
        """
        ...

    def history(self, *, item_id: str | None = None, reviewer: str | None = None,
                since: datetime | None = None) -> list[LoggedChange]:
        """The audit trail, oldest first: every change with who made it and when.

        Kept in an append-only log written in the same transaction as each change, so it can neither
        miss a committed change nor hold one that was rolled back. Filters combine; ``since`` is an
        aware time. A store from before the log existed has no history (an empty list).
        """
        ...

    # -- writing
    def set_reviewed(self, item: Item | str, value: bool) -> ReviewState: ...

    def set_flagged(self, item: Item | str, value: bool) -> ReviewState: ...

    def toggle_reviewed(self, item: Item | str) -> ReviewState:
        """Flip the committed value, not a possibly stale copy a window shows."""
        ...

    def toggle_flagged(self, item: Item | str) -> ReviewState: ...

    def undo_many(self, steps: Sequence[tuple[Item | str, ReviewState, ReviewState]]
                  ) -> list[tuple[ReviewState, list[str]]]:
        """``undo`` of each (item, before, after) of a bulk change, in one transaction: all or none."""
        ...

    def mark_many(self, items: Sequence[Item | str], which: Literal["reviewed", "flagged"], value: bool
                  ) -> list[tuple[ReviewState, ReviewState | None]]:
        """A bulk mark in one transaction (all or nothing): per item (before, after), or (theirs, None)
        for an item a colleague's claim holds, left as it is."""
        ...

    def set_note(self, item: Item | str, note: str, *, expected: str | None = None) -> ReviewState:
        """Replace the note; a blank note removes it.

        ``expected``: the note as it was when the edit began. If someone committed a different note
        since (and not this very text), ``NoteConflict`` is raised and nothing is written.
        """
        ...

    def pin(self, item: Item | str, pin: Pin) -> ReviewState: ...

    def unpin(self, item: Item | str, kind: PinKind, text: str) -> ReviewState: ...

    def toggle_pin(self, item: Item | str, pin: Pin) -> ReviewState: ...

    # -- claims: who works on an item now, so a desk never reviews one item twice
    claim_lapse: timedelta

    def claim(self, item: Item | str) -> ReviewState:
        """Take the item for ``reviewer`` until ``claim_lapse`` from now (renewing their own claim).

        ``ClaimTaken`` when a colleague's claim holds; the check and the write are one transaction,
        so no item is ever claimed by two reviewers. Any change the holder makes to the item renews
        the claim; marking it reviewed ends it.
        """
        ...

    def release_claim(self, item: Item | str) -> ReviewState: ...

    def toggle_claim(self, item: Item | str) -> ReviewState: ...

    def forget(self, item_id: str) -> None:
        """Delete an item's state: only on the analyst's explicit request."""
        ...

    # -- drafts: what the analyst is typing, kept until the note is committed or dropped
    def save_draft(self, item_id: str, text: str) -> None:
        """Keep the unsaved text of a note; ``StoreError`` says why it could not be kept.

        The editor asks for a draft as it opens, on the screen's thread: drafts stay on this
        machine, quick to read, whatever holds the state itself. A store that keeps no drafts
        (in memory, read-only) accepts and forgets them.
        """
        ...

    def draft(self, item_id: str) -> str | None: ...

    def drop_draft(self, item_id: str) -> None: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...


def _module_for(target: StoreTarget) -> tuple[str, str | None]:
    """The store module for ``target`` and the spec to give it; refuses a scheme this version lacks."""
    if target is None:
        return STORE_MODULES[DEFAULT_SCHEME], None
    if not isinstance(target, str):
        return STORE_MODULES[DEFAULT_SCHEME], os.fspath(target)  # a path object is a path, never a URL
    found = URL_PATTERN.match(target)
    if found is None:
        return STORE_MODULES[DEFAULT_SCHEME], target
    scheme = found.group(1).lower()
    kind = scheme.split("+", 1)[0]  # SQLAlchemy's dialect+driver form: postgresql+psycopg://
    if kind in STORE_MODULES:
        return STORE_MODULES[kind], target
    raise StoreUnavailable(f"{kind}:// review state is not available in this version; give --state a file path "
                           f"or a URL of a kind it knows ({', '.join(s + '://' for s in STORE_MODULES)})")


def describe(target: StoreTarget) -> str:
    """Where ``target`` keeps state, for messages; ``StoreUnavailable`` if this version cannot open it."""
    module, spec = _module_for(target)
    return str(importlib.import_module(module).describe(spec))


def connect(target: StoreTarget = None, *, read_only: bool = False, timeout: float = DEFAULT_TIMEOUT,
            reviewer: str | None = None) -> ReviewStore:
    """Open the store ``target`` names (None: the user's own state file).

    Raises ``StoreUnavailable`` for a kind of store this version lacks, ``StoreMissing`` when
    ``read_only`` and nothing is stored there yet, ``StoreProblem`` for anything else that stops it
    being opened. Without ``read_only`` it may still open read-only (a read-only file); check it.
    """
    module, spec = _module_for(target)
    store: ReviewStore = importlib.import_module(module).connect(
        spec, read_only=read_only, timeout=timeout, reviewer=reviewer or current_reviewer())
    return store


def in_memory_store(*, read_only: bool = False, reviewer: str | None = None) -> ReviewStore:
    """An empty store that lives only in memory: the fallback when the named state cannot be used."""
    from .sqlite_store import SQLiteStore

    return SQLiteStore.in_memory(read_only=read_only, reviewer=reviewer or current_reviewer())


def open_store(target: StoreTarget = None, *, timeout: float = DEFAULT_TIMEOUT,
               reviewer: str | None = None) -> tuple[ReviewStore, str | None]:
    """A store to use and a message for the screen, never raising for state it cannot write.

    Writable state gives ``(store, None)``. A read-only file or folder, or a file from a newer
    version, is opened read-only. A locked, damaged or foreign file, or a kind of store this version
    lacks, gives an empty in-memory read-only store: the app still opens, nothing is saved, and the
    state is never touched.
    """
    who = reviewer or current_reviewer()
    try:
        where = describe(target)
        store = connect(target, timeout=timeout, reviewer=who)
    except (StoreProblem, StoreUnavailable) as exc:
        message = f"{exc}. Review state is read-only: changes will not be saved"
        return in_memory_store(read_only=True, reviewer=who), message
    if store.read_only:
        reason = getattr(store, "read_only_reason", None)  # the stores share it through StateWrites
        return store, reason or f"{where} is read-only: review state is shown but changes will not be saved"
    return store, None
