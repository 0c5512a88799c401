"""Parse cache: a re-opened article costs a lookup, not a parse.

Entries live in SQLite in the XDG cache folder, keyed on the file's
content hash and a fingerprint of the parser's own code and data (so any
change to the parser invalidates them without anyone bumping a version).
A path index (by the path's bytes: names need not be UTF-8) keyed on file identity (device, inode, size, mtime) saves
reading unchanged files again. Each entry carries a checksum; an entry
that fails it, or does not decode, is dropped and the file parsed anew,
never shown. A corrupt database file is moved aside and a new one begun:
it is only a cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from . import __version__
from .catalog import Summary, searchable_text
from .model import Item, item_from_dict

_PACKAGE = Path(__file__).resolve().parent
# Everything that decides what an entry holds: the parser, and the shape of what is stored.
_PARSER_PARTS = ("extract", "loading", "data", "model.py", "sanitize.py", "catalog.py", "cache.py")

T = TypeVar("T")

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path BLOB PRIMARY KEY, dev INTEGER, ino INTEGER, size INTEGER, mtime_ns INTEGER, digest TEXT
);
CREATE TABLE IF NOT EXISTS results (
    digest TEXT NOT NULL, parser TEXT NOT NULL, checksum TEXT NOT NULL, data BLOB NOT NULL,
    used REAL NOT NULL, PRIMARY KEY (digest, parser)
);
CREATE TABLE IF NOT EXISTS summaries (
    digest TEXT NOT NULL, parser TEXT NOT NULL, checksum TEXT NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (digest, parser)
);
"""


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """A hash of every source and data file the parser reads, plus the package version."""
    digest = hashlib.blake2b(__version__.encode(), digest_size=12)
    for part in _PARSER_PARTS:
        root = _PACKAGE / part
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and path.suffix in (".py", ".txt", ".yaml") and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(_PACKAGE)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("bad search text")
    return value


def _summaries_blob(items: list[Item]) -> tuple[str, bytes]:
    rows = [[*Summary.of(item).to_list(), searchable_text(item)] for item in items]
    blob = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return _checksum(blob), blob


def _checksum(blob: bytes) -> str:
    return hashlib.blake2b(blob, digest_size=8).hexdigest()


class LazyItems(Sequence[Item]):
    """A cache entry's items, each decoded on first use: stepping onto one item of a 50-item
    briefing file decodes one item, not fifty (the selection moves within a frame)."""

    def __init__(self, dicts: list[Any], source: str | None = None) -> None:
        if not isinstance(dicts, list) or not all(isinstance(d, dict) for d in dicts):
            raise TypeError("bad entry")
        self._dicts = dicts
        self._items: list[Item | None] = [None] * len(dicts)
        self.source = source  # set for articles: where the content is now

    def __len__(self) -> int:
        return len(self._dicts)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        item = self._items[index]
        if item is None:
            item = item_from_dict(self._dicts[index])
            if self.source is not None:
                item.source = self.source
            self._items[index] = item
        return item

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class ParseCache:
    """One SQLite file shared by every ``briefing`` process of the user; safe for concurrent use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parser = parser_fingerprint()
        self._pending = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError:
            self._move_aside()
            self._db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=5, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(SCHEMA)
        db.execute("SELECT count(*) FROM results").fetchone()
        return db

    def _move_aside(self) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for suffix in ("", "-wal", "-shm"):
            part = Path(f"{self.path}{suffix}")
            if part.exists():
                part.replace(part.with_name(f"{part.name}.corrupt-{stamp}"))

    def close(self) -> None:
        self.flush()
        self._db.close()

    def _write(self, sql: str, args: tuple) -> None:
        # Writes are grouped into one transaction until ``flush``: thousands of
        # single-row commits would cost more than the parsing they save.
        if not self._db.in_transaction:
            self._db.execute("BEGIN")
        self._db.execute(sql, args)
        self._pending += 1
        if self._pending >= 200:
            self.flush()

    def flush(self) -> None:
        if self._db.in_transaction:
            self._db.execute("COMMIT")
        self._pending = 0

    def digest_for(self, path: Path, st: os.stat_result) -> str | None:
        """The content digest recorded for this exact file identity, if any."""
        row = self._db.execute(
            "SELECT digest FROM files WHERE path=? AND dev=? AND ino=? AND size=? AND mtime_ns=?",
            (os.fsencode(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns),
        ).fetchone()
        return row[0] if row else None

    def remember_file(self, path: Path, st: os.stat_result, digest: str) -> None:
        self._write(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
            (os.fsencode(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, digest),
        )

    def _load(self, digest: str, decode: Callable[[Any], T], table: str = "results") -> T | None:
        """Decode a stored entry; one that fails its checksum or does not decode is dropped."""
        row = self._db.execute(
            f"SELECT checksum, data FROM {table} WHERE digest=? AND parser=?", (digest, self.parser)
        ).fetchone()
        if row is None:
            return None
        checksum, blob = row
        try:
            if _checksum(blob) != checksum:
                raise ValueError("checksum mismatch")
            return decode(json.loads(blob))
        except (ValueError, KeyError, TypeError):
            self._write(f"DELETE FROM {table} WHERE digest=? AND parser=?", (digest, self.parser))
            return None

    def _store(self, digest: str, data: Any, items: list[Item]) -> None:
        blob = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self._write(
            "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)",
            (digest, self.parser, _checksum(blob), blob, time.time()),
        )
        # What the dashboard lists and searches, so re-opening never decodes whole items.
        self.put_summaries(digest, items)

    def get(self, digest: str, source: str) -> Item | None:
        """The cached item for this content, with ``source`` set to where it is now; None if absent or bad."""
        item = self._load(digest, item_from_dict)
        if item is not None:
            item.source = source
        return item

    def get_many(self, digest: str) -> list[Item] | None:
        """A cached briefing file's items; None if absent or bad."""
        return self._load(digest, lambda data: [item_from_dict(d) for d in data["items"]])

    def get_items(self, digest: str) -> LazyItems | None:
        """The items of either kind of entry (one article, or a briefing file's list), each decoded
        when first used."""
        return self._load(digest, lambda data: LazyItems(data.get("items", [data]) if isinstance(data, dict) else None))

    def get_summaries(self, digest: str) -> list[tuple[Summary, str]] | None:
        """(summary, search text) of each item of an entry, without decoding the items."""
        return self._load(digest, lambda rows: [(Summary.from_list(r[:6]), _text(r[6])) for r in rows], "summaries")

    def put_summaries(self, digest: str, items: list[Item]) -> None:
        """Write an entry's summaries again (after a bad row was dropped), leaving the items as they are."""
        self._write("INSERT OR REPLACE INTO summaries VALUES (?, ?, ?, ?)",
                    (digest, self.parser, *_summaries_blob(items)))

    def put_many(self, digest: str, items: list[Item]) -> None:
        self._store(digest, {"items": [item.to_dict() for item in items]}, items)

    def put(self, digest: str, item: Item) -> None:
        self._store(digest, item.to_dict(), [item])

    def prune(self) -> None:
        """Drop entries of older parsers; they can never be read again."""
        self._write("DELETE FROM results WHERE parser != ?", (self.parser,))
        self._write("DELETE FROM summaries WHERE parser != ?", (self.parser,))
        self.flush()


def open_default_cache() -> ParseCache | None:
    """The user's parse cache, or None when it cannot be used (read-only home, full disk): parsing still works."""
    from .paths import cache_dir

    try:
        return ParseCache(cache_dir() / "parse-cache.sqlite3")
    except (OSError, sqlite3.Error):
        return None
