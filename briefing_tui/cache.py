"""Parse cache: a re-opened file costs a lookup, not a parse.

Entries live in SQLite in the XDG cache folder. An entry holds every item
one reader made of one file, in order; it is keyed on the reader, the
file's content (and its path, for formats whose items depend on it; see
``readers.base``) and a fingerprint of the parser's own code and data and
of the libraries' versions it reads pages and feeds with, so any change to
the parser, or an upgrade of one of them, invalidates them without anyone
bumping a version (a change to how entries are stored bumps ``ENTRY_FORMAT``).
A path index (by the path's bytes: names need not be UTF-8) keyed on file
identity (device, inode, size, mtime) saves reading unchanged files again.
Feed entries are kept one by one as well (``feed_entries``, keyed by all an
entry gives the feed reader), so a feed downloaded again reads only the
entries it did not have before. Beside an entry's summaries, which of the
hotkeys' keywords each item matches (``keyword_flags``, for one keyword set
at a time: see ``keyword_flags``), and its items' search texts in full-text
indexes (``search_text``, ``search_pairs``: SQLite's FTS5), so find answers
a query without reading every text. The dashboard indexes an entry after
loading, off its thread (``ui.loader.Loader.index_texts``), not as it is
parsed: a cold load is not slowed by it.

The cache is never trusted more than a file. Every row carries a keyed
checksum (blake2b with a per-user secret kept in the state folder, bound
to the row's table, content digest and parser), so a row planted by
anyone without the key fails it; and what passes is still decoded field
by field and refused unless it is text the sanitiser would leave as it
is (``item_decode.item_from_dict``, ``summary.Summary.from_list``). A refused
row is dropped and the file parsed anew, never shown.

The cache never stops loading either: a database that cannot be read
(locked past the timeout, an I/O error, a page found damaged) answers
"not cached"; one that cannot be written (full disk, read-only, locked)
stops being written for that connection. A corrupt database file is moved
aside and a new one begun: it is only a cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import sqlite3
import struct
import sys
import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from . import __version__
from .catalog import ITEM_BITS
from .item_decode import item_from_dict
from .model import Item
from .summary import Summary, searchable_text

_PACKAGE = Path(__file__).resolve().parent
# Everything that decides what an entry holds: the readers and the parsers they call, extraction
# and its data, the item model with its checks, and the list row kept beside the items. Launch
# code (discovery, batches, head starts, this module) is left out, so changing it keeps every
# user's cache; a change to how entries are stored bumps ENTRY_FORMAT instead.
PARSER_PARTS = ("loading/readers", "extract", "data", "loading/articles.py", "loading/decode.py", "loading/html.py",
                "loading/locate.py", "loading/related_headings.py", "loading/structure.py", "loading/yaml_items.py",
                "article_text.py", "item_decode.py", "model.py", "sanitize.py", "summary.py", "tags.py",
                "yaml_values.py")
# Libraries whose output becomes part of an item (the page's main text, its date, feeds, the
# decoding of a file): their installed versions are in the fingerprint, so upgrading one re-reads
# what it read instead of serving what the old version made of it. Names as in a `.dist-info`
# folder's name, normalised (lower case, `_` for `-` and `.`).
PARSER_LIBRARIES = ("trafilatura", "justext", "htmldate", "courlan", "lxml", "lxml_html_clean", "feedparser",
                    "charset_normalizer", "pyyaml")
# 2: an entry holds every item one reader made of one file (one item: its mapping; more: `items`),
# keyed on the reader's name as well as the content.
ENTRY_FORMAT = 2

# A feed entry's item is kept this long after it was last read from a download: feeds drop their
# entries within days, and one kept past its feed's window is never asked for again.
FEED_ENTRY_DAYS = 30

KEY_FILE = "cache-key"
KEY_BYTES = 32
_MAC_BYTES = 16

# What a damaged or hostile entry can raise while it is decoded (deep nesting: RecursionError).
_UNDECODABLE = (ValueError, TypeError, LookupError, ArithmeticError, RecursionError)
# SQLite's primary result codes for a file that is not (or no longer) a database.
_CORRUPT_CODES = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)

T = TypeVar("T")

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path BLOB PRIMARY KEY, dev INTEGER, ino INTEGER, size INTEGER, mtime_ns INTEGER, digest TEXT
);
CREATE TABLE IF NOT EXISTS results (
    digest TEXT NOT NULL, parser TEXT NOT NULL, checksum TEXT NOT NULL, data BLOB NOT NULL,
    used REAL NOT NULL, PRIMARY KEY (digest, parser)
);
CREATE TABLE IF NOT EXISTS feed_entries (
    digest TEXT NOT NULL, parser TEXT NOT NULL, checksum TEXT NOT NULL, data BLOB NOT NULL,
    used REAL NOT NULL, PRIMARY KEY (digest, parser)
);
CREATE TABLE IF NOT EXISTS summaries (
    digest TEXT NOT NULL, parser TEXT NOT NULL, checksum TEXT NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (digest, parser)
);
CREATE TABLE IF NOT EXISTS keyword_flags (
    digest TEXT NOT NULL, parser TEXT NOT NULL, keywords TEXT NOT NULL, checksum TEXT NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (digest, parser)
);
CREATE TABLE IF NOT EXISTS search_rows (
    digest TEXT NOT NULL, parser TEXT NOT NULL, id INTEGER NOT NULL UNIQUE, checksum TEXT NOT NULL,
    PRIMARY KEY (digest, parser)
);
"""
# The index find reads (``search_rows`` says under which number an entry's texts are in it). Without
# its text (contentless): the texts are in the summaries already. ``case_sensitive 1``: the texts are
# folded by Python's casefold before they go in, as find folds a query, so the index answers exactly
# what a scan of the folded texts would; SQLite's own folding differs (ß, ligatures).
# Trigrams answer any substring of three characters or more, words or not.
SEARCH_SCHEMA = ("CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5("
                 "text, content='', tokenize='trigram case_sensitive 1')",
                 # Queries of one or two letters or digits, which trigrams cannot answer: the pairs and
                 # single letters and digits of each item's words (``pairs_of``), a token each, rows
                 # numbered as in search_text. Which items hold a token is all it keeps (detail=none).
                 "CREATE VIRTUAL TABLE IF NOT EXISTS search_pairs USING fts5("
                 "pairs, content='', detail=none, tokenize='unicode61 remove_diacritics 0')")
# In both, an indexed item's row number is its entry's number in ``search_rows`` (1, 2, ... as entries
# are indexed) shifted by ITEM_BITS (catalog), plus its place in the entry. Entries of more items than
# that are not indexed (find scans their texts, as it does any item not in the index).


def parser_files(package: Path = _PACKAGE) -> list[Path]:
    """The source and data files of ``PARSER_PARTS`` in ``package``, in a stable order."""
    files = []
    for part in PARSER_PARTS:
        root = package / part
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if path.is_file() and path.suffix in (".py", ".txt", ".yaml") and "__pycache__" not in path.parts:
                files.append(path)
    return files


def library_versions(search_path: Sequence[str]) -> list[str]:
    """``name-version`` of each of ``PARSER_LIBRARIES`` installed on ``search_path``, the first
    found on it winning as it does for imports.

    Read from the names of the `.dist-info` folders, one directory listing per path entry:
    importlib.metadata would cost tens of milliseconds at every launch."""
    wanted = set(PARSER_LIBRARIES)
    found: dict[str, str] = {}
    for entry in search_path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip file, a folder gone or unreadable: nothing installed there
            continue
        for name in names:
            if not name.endswith(".dist-info"):
                continue
            dist, _, version = name[: -len(".dist-info")].partition("-")
            key = dist.lower().replace("-", "_").replace(".", "_")
            if key in wanted and key not in found:
                found[key] = version
    return sorted(f"{name}-{version}" for name, version in found.items())


def fingerprint_of(package: Path, search_path: Sequence[str] | None = None) -> str:
    """A hash of the package version, the entry format, the parser libraries' versions (on
    ``search_path``, default ``sys.path``) and every file the parser reads."""
    digest = hashlib.blake2b(f"{__version__}\0{ENTRY_FORMAT}".encode(), digest_size=12)
    for library in library_versions(sys.path if search_path is None else search_path):
        digest.update(f"{library}\0".encode())
    for path in parser_files(package):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """This installation's fingerprint: part of every entry's key, so entries of another parser miss."""
    return fingerprint_of(_PACKAGE)


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


_IDENTITY = struct.Struct("<4q")


def _identity(st: os.stat_result) -> tuple[int, int, int, int]:
    """(device, inode, size, mtime_ns) as SQLite's signed 64-bit integers: an mtime past 2262 (or
    a 64-bit inode or device number) is beyond them, and binding it raised OverflowError."""
    half, whole = 2**63, 2**64
    return ((st.st_dev + half) % whole - half, (st.st_ino + half) % whole - half,
            (st.st_size + half) % whole - half, (st.st_mtime_ns + half) % whole - half)


# ------------------------------------------------------------------ the key


def _private_folder(folder: Path) -> None:
    """The folder, made 0700 if this program creates it; one that exists is the user's and left alone."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def _read_key(path: Path) -> bytes | None:
    """The key in ``path``; None if the file is there but does not hold one (damaged)."""
    with open(path, "rb") as fh:
        key = fh.read(KEY_BYTES + 1)
    return key if len(key) == KEY_BYTES else None


def _create_key(path: Path, *, replace: bool) -> None:
    """Write a new random key to ``path``, whole or not at all.

    The key goes to a private temporary file first (O_CREAT|O_EXCL, 0600) which is then linked
    into place: a reader never sees a half-written key, and when two processes start at once
    the first link wins and both use its key. ``replace``: the file there is damaged; replace it.
    """
    _private_folder(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(KEY_BYTES))
            fh.flush()
            os.fsync(fh.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            with contextlib.suppress(FileExistsError):  # another process was first: its key is the key
                os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@lru_cache(maxsize=8)
def key_at(path: Path) -> bytes:
    """The per-user cache key kept in ``path``, created on first use.

    When it can be neither read nor created (a read-only home, a full disk), a random key for
    this process alone: the cache then helps only within the process, and loading never fails
    for it. Kept for the process's life, so every connection of the process agrees.
    """
    try:
        try:
            key = _read_key(path)
        except FileNotFoundError:
            _create_key(path, replace=False)
        else:
            if key is not None:
                return key
            _create_key(path, replace=True)
        key = _read_key(path)
    except OSError:
        key = None
    return key if key is not None else secrets.token_bytes(KEY_BYTES)


def default_key() -> bytes:
    """The user's cache key: ``cache-key`` in the state folder (beside review state, not in the
    cache folder, which is the first thing cleaners and backups treat as disposable)."""
    from .paths import state_dir

    return key_at(state_dir() / KEY_FILE)


# ------------------------------------------------------------------ entries


_WORD = re.compile(r"[a-z0-9]+")
_CAPITALISED = re.compile(r"[A-Za-z0-9]*[A-Z][A-Za-z0-9]*")


def pair_token(query: str) -> str:
    """The token of a one- or two-character query with a capital in ``search_pairs``: its characters'
    codes, as the tokenizer folds case and the query must match as written."""
    return "x" + query.encode("ascii").hex()


def pairs_of(text: str, folded: str) -> str:
    """``search_pairs``'s document for a text and its case-folded form: every pair of adjacent
    ASCII letters or digits and every single one, as folded (so "sa" holds where the folded text
    does), and those of words with a capital also as written (``pair_token``). A pair of letters and
    digits stands within one run of them, so the distinct runs ("words") give every pair the text
    has; a pair across the space that joins two words is one letter as a token, which it has anyway."""
    words = " ".join(set(_WORD.findall(folded)))
    tokens = {words[i:i + 2] for i in range(len(words) - 1)}
    tokens.update(words)
    codes = " ".join(set(_CAPITALISED.findall(text))).encode("ascii").hex()
    tokens.update(["x" + codes[j:j + 4] for j in range(0, len(codes) - 2, 2)])
    tokens.update(["x" + codes[j:j + 2] for j in range(0, len(codes), 2)])
    return " ".join(tokens)


def _summary_rows(rows: Any) -> list[tuple[Summary, str]]:
    """Decode a summaries row: one [summary fields..., search text] per item.

    The search text (long, never displayed) is only checked to be text: checking 10,000 of them
    at every launch would cost warm start-up time, and find and filters never print it.
    """
    if type(rows) is not list or not rows:
        raise TypeError("bad summaries")
    out = []
    for row in rows:
        if type(row) is not list or len(row) != 8 or type(row[7]) is not str:
            raise TypeError("bad summary row")
        out.append((Summary.from_list(row[:7]), row[7]))
    return out


def _item_dicts(data: Any) -> list[Any]:
    """The item mappings of an entry: a one-item file's mapping, or a non-empty ``items`` list."""
    if type(data) is not dict:
        raise TypeError("bad entry")
    if data.keys() != {"items"}:
        return [data]
    items = data["items"]
    if type(items) is not list or not items:
        raise TypeError("bad entry")
    return items


def _dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class LazyItems(Sequence[Item]):
    """A cache entry's items, each decoded (and checked) on first use: stepping onto one item of a
    50-item briefing file decodes one item, not fifty (the selection moves within a frame). An item
    that does not decode raises ValueError/TypeError when it is used."""

    def __init__(self, dicts: list[Any], source: str | None = None) -> None:
        if not isinstance(dicts, list) or not all(isinstance(d, dict) for d in dicts):
            raise TypeError("bad entry")
        self._dicts = dicts
        self._items: list[Item | None] = [None] * len(dicts)
        self._source = source

    @property
    def source(self) -> str | None:
        """Set for files whose items take the file's path as their source: where the content is now
        (the entry may have been written for a copy elsewhere)."""
        return self._source

    @source.setter
    def source(self, source: str | None) -> None:
        self._source = source
        for item in self._items:  # a one-item entry is decoded as soon as it is read
            if item is not None and source is not None:
                item.source = source

    def __len__(self) -> int:
        return len(self._dicts)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        item = self._items[index]
        if item is None:
            item = item_from_dict(self._dicts[index])
            if self._source is not None:
                item.source = self._source
            self._items[index] = item
        return item

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class ParseCache:
    """One SQLite file shared by every ``briefing`` process of the user; safe for concurrent use.

    ``key``: the secret the checksums are keyed with (up to 64 bytes); None for the user's own
    (``default_key``). Reading and writing never raise: see the module's docstring.
    """

    def __init__(self, path: Path, key: bytes | None = None) -> None:
        self.path = path
        self.parser = parser_fingerprint()
        self._keyed = hashlib.blake2b(digest_size=_MAC_BYTES, key=default_key() if key is None else key)
        self._pending = 0
        self._writable = True
        self._swept = False  # feed entries past FEED_ENTRY_DAYS dropped, once a connection
        self.indexes_text = True  # False when this SQLite has no trigram index (``SEARCH_SCHEMA``)
        _private_folder(path.parent)
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError as exc:
            if (getattr(exc, "sqlite_errorcode", 0) & 0xFF) not in _CORRUPT_CODES:
                raise  # locked, unreadable, no space: the file may be fine; open_default_cache gives up
            self._move_aside()
            self._db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        # Created here, 0600, rather than by SQLite with the umask's mode: the entries are the text
        # of what the user reads. SQLite gives the -wal and -shm files the main file's mode.
        with contextlib.suppress(FileExistsError):
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        db = sqlite3.connect(self.path, timeout=5, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(SCHEMA)
            db.execute("SELECT count(*) FROM results").fetchone()
        except BaseException:
            db.close()
            raise
        try:
            for table in SEARCH_SCHEMA:
                db.execute(table)
        except sqlite3.OperationalError:  # an SQLite built without FTS5 or older than 3.34: find scans
            self.indexes_text = False
        return db

    def _move_aside(self) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for suffix in ("", "-wal", "-shm"):
            part = Path(f"{self.path}{suffix}")
            if part.exists():
                part.replace(part.with_name(f"{part.name}.corrupt-{stamp}"))

    def close(self) -> None:
        """Commit what is pending (if it can be) and close; never raises, and may be called twice."""
        self.flush()
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    # -------------------------------------------------------------- reading and writing, safely

    def _entry_mac(self, table: str, digest: str, blob: bytes) -> str:
        # Bound to where the row stands, so a genuine row copied under another file's digest fails.
        # (Table, digest and parser hold no NUL: the parts cannot run into each other.)
        h = self._keyed.copy()  # cheaper than keying a new hash for each of thousands of rows
        h.update(f"{table}\0{digest}\0{self.parser}\0".encode())
        h.update(blob)
        return h.hexdigest()

    def _file_mac(self, path_bytes: bytes, identity: tuple[int, int, int, int], digest: str) -> str:
        # A path holds no NUL and the identity is of fixed size; the digest, read from the row, comes last.
        h = self._keyed.copy()
        h.update(b"files\0" + path_bytes + b"\0" + _IDENTITY.pack(*identity) + digest.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _read(self, sql: str, args: tuple) -> tuple | None:
        """One row, or None: a database that cannot be read now (locked past the timeout, an I/O
        error, a damaged page) means "not cached", never a failed load."""
        try:
            return self._db.execute(sql, args).fetchone()
        except (sqlite3.Error, OverflowError):  # OverflowError: a number SQLite cannot hold
            return None

    def _write(self, sql: str, args: tuple) -> None:
        # Writes are grouped into one transaction until ``flush``: thousands of
        # single-row commits would cost more than the parsing they save.
        if not self._writable:
            return
        try:
            if not self._db.in_transaction:
                self._db.execute("BEGIN")
            self._db.execute(sql, args)
        except sqlite3.Error:
            self._stop_writing()
            return
        except OverflowError:  # a number SQLite cannot hold: this row is not written, the rest are
            return
        self._pending += 1
        if self._pending >= 200:
            self.flush()

    def _stop_writing(self) -> None:
        """After a failed write (no space, read-only, locked past the timeout), give up what is
        pending and write no more on this connection: it is only a cache, and every further
        write would fail the same way, each after waiting out the timeout."""
        self._writable = False
        self._pending = 0
        with contextlib.suppress(sqlite3.Error):
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")

    @property
    def writable(self) -> bool:
        """False once a write failed: this connection only reads from then on."""
        return self._writable

    def flush(self) -> None:
        """Commit pending writes; on failure they are rolled back and writing stops. Never raises."""
        try:
            if self._db.in_transaction:
                self._db.execute("COMMIT")
        except sqlite3.Error:
            self._stop_writing()
        self._pending = 0

    # -------------------------------------------------------------- the path index

    def digest_for(self, path: Path, st: os.stat_result) -> str | None:
        """The content digest recorded for this exact file identity, if any (and if its row's
        checksum holds: a planted row could point a file at another file's entry)."""
        path_bytes = os.fsencode(path)
        identity = _identity(st)
        row = self._read("SELECT digest FROM files WHERE path=? AND dev=? AND ino=? AND size=? AND mtime_ns=?",
                         (path_bytes, *identity))
        if row is None or type(row[0]) is not str:
            return None
        digest, _, mac = row[0].partition(":")
        return digest if mac == self._file_mac(path_bytes, identity, digest) else None

    def remember_file(self, path: Path, st: os.stat_result, digest: str) -> None:
        path_bytes = os.fsencode(path)
        identity = _identity(st)
        self._write("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                    (path_bytes, *identity, f"{digest}:{self._file_mac(path_bytes, identity, digest)}"))

    # -------------------------------------------------------------- entries

    def _load(self, digest: str, decode: Callable[[Any], T], table: str = "results") -> T | None:
        """Decode a stored entry; one that fails its checksum or does not decode is dropped."""
        row = self._read(f"SELECT checksum, data FROM {table} WHERE digest=? AND parser=?", (digest, self.parser))
        if row is None:
            return None
        checksum, blob = row
        try:
            if type(blob) is not bytes or checksum != self._entry_mac(table, digest, blob):
                raise ValueError("checksum mismatch")
            return decode(json.loads(blob))
        except _UNDECODABLE:
            self._write(f"DELETE FROM {table} WHERE digest=? AND parser=?", (digest, self.parser))
            return None

    def _put_entry(self, table: str, digest: str, blob: bytes, *extra: Any) -> None:
        self._write(f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?, ?{', ?' * len(extra)})",
                    (digest, self.parser, self._entry_mac(table, digest, blob), blob, *extra))

    def _store(self, digest: str, data: dict[str, Any], items: Sequence[Item]) -> None:
        """Write an entry and its summaries, if they read back: an item the checks would refuse
        (text the sanitiser would change: a parser bug) is not cached, rather than be written,
        refused and parsed again at every load."""
        try:
            for d in _item_dicts(data):
                item_from_dict(d)
            blob = _dump(data)
        except _UNDECODABLE:  # UnicodeEncodeError (a lone surrogate) is a ValueError
            return
        self._put_entry("results", digest, blob, time.time())
        # What the dashboard lists and searches, so re-opening never decodes whole items.
        self.put_summaries(digest, items)

    def get(self, digest: str, source: str) -> Item | None:
        """The item of a one-item entry (an article), with ``source`` set to where it is now; None
        if absent, bad, or an entry of several items."""
        items = self.get_many(digest)
        if items is None or len(items) != 1:
            return None
        items[0].source = source
        return items[0]

    def get_many(self, digest: str) -> list[Item] | None:
        """Every item of an entry, each decoded and checked; None if absent or bad (then dropped)."""
        return self._load(digest, lambda data: [item_from_dict(d) for d in _item_dicts(data)])

    def get_items(self, digest: str) -> LazyItems | None:
        """An entry's items, each decoded (and checked) when first used.

        An entry of one item (an article) is decoded at once, which costs nothing more (it is
        about to be shown) and lets a refused one be dropped here, so the caller reads the file
        again instead of meeting the refusal when the item is used.
        """
        return self._load(digest, _lazy_items)

    def get_summaries(self, digest: str) -> list[tuple[Summary, str]] | None:
        """(summary, search text) of each item of an entry, without decoding the items.

        When the summaries row is missing or bad but the items are cached, the items are decoded
        (all of them, checked) and the row written again; None when neither is usable, so the
        caller parses the file.
        """
        rows = self._load(digest, _summary_rows, "summaries")
        if rows is not None:
            return rows
        items = self._load(digest, lambda data: [item_from_dict(d) for d in _item_dicts(data)])
        if not items:
            return None
        self.put_summaries(digest, items)
        return [(Summary.of(item), searchable_text(item)) for item in items]

    def put_summaries(self, digest: str, items: Sequence[Item]) -> None:
        """Write an entry's summaries again (after a bad row was dropped), leaving the items as they are.

        Never raises: items that do not decode (a bad entry read lazily) drop their entry instead.
        """
        try:
            rows = [[*Summary.of(item).to_list(), searchable_text(item)] for item in items]
            _summary_rows(rows)  # what is written must read back
            blob = _dump(rows)
        except _UNDECODABLE:
            self._write("DELETE FROM results WHERE digest=? AND parser=?", (digest, self.parser))
            return
        self._put_entry("summaries", digest, blob)

    def get_flags(self, digest: str, keywords: str) -> list[int] | None:
        """The keyword bits stored for an entry's items under the keyword set ``keywords``, or None."""
        row = self._read("SELECT keywords, checksum, data FROM keyword_flags WHERE digest=? AND parser=?",
                         (digest, self.parser))
        if row is None or row[0] != keywords:
            return None
        _, checksum, blob = row
        try:
            if type(blob) is not bytes or checksum != self._entry_mac("keyword_flags", f"{digest}/{keywords}", blob):
                raise ValueError("checksum mismatch")
            flags = json.loads(blob)
            if type(flags) is not list or not all(type(f) is int and 0 <= f < 2**62 for f in flags):
                raise TypeError("bad keyword flags")
            return flags
        except _UNDECODABLE:
            self._write("DELETE FROM keyword_flags WHERE digest=? AND parser=?", (digest, self.parser))
            return None

    def put_flags(self, digest: str, keywords: str, flags: list[int]) -> None:
        """Keep an entry's keyword bits for the keyword set ``keywords`` (one set per entry: the
        answers for a keyword set no longer in use are replaced, not kept beside)."""
        blob = _dump(flags)
        mac = self._entry_mac("keyword_flags", f"{digest}/{keywords}", blob)
        self._write("INSERT OR REPLACE INTO keyword_flags VALUES (?, ?, ?, ?, ?)",
                    (digest, self.parser, keywords, mac, blob))

    # -------------------------------------------------------------- the search index

    def search_id(self, digest: str) -> int | None:
        """The number an entry's texts are indexed under (``search_text`` rows ``id << ITEM_BITS | k``),
        or None when they are not (or its row fails its checksum: a planted row could point an entry
        at another's rows, and find would list the wrong items)."""
        if not self.indexes_text:
            return None
        row = self._read("SELECT id, checksum FROM search_rows WHERE digest=? AND parser=?", (digest, self.parser))
        if row is None or type(row[0]) is not int or row[1] != self._entry_mac("search_rows", digest, b"%d" % row[0]):
            return None
        return row[0]

    def put_search_texts(self, digest: str, texts: Sequence[str]) -> int | None:
        """Index an entry's search texts (each item's, in order) unless they are already; the number
        they are under, or None when they cannot be (no index here, writing stopped, too many items,
        text SQLite cannot take). Written in the pending transaction, with the rest or not at all
        (no savepoint of its own: FTS5 writes out what it holds at each one, and indexing slowed
        several times over)."""
        if not self.indexes_text or not self._writable or not texts or len(texts) > 1 << ITEM_BITS:
            return None
        known = self.search_id(digest)
        if known is not None:
            return known
        folded = [text.casefold() for text in texts]
        try:
            for text in folded:
                text.encode("utf-8")  # a lone surrogate, which SQLite cannot take: not indexed
        except UnicodeEncodeError:
            return None
        db = self._db
        try:
            if not db.in_transaction:
                db.execute("BEGIN IMMEDIATE")  # the next number is read under the write lock
            # Numbers go up: FTS5 writes out what it holds before a row below the last, and random
            # numbers made indexing about twice as slow.
            number = (db.execute("SELECT max(id) FROM search_rows").fetchone()[0] or 0) + 1
            rows = [number << ITEM_BITS | k for k in range(len(texts))]
            added = db.execute("INSERT OR IGNORE INTO search_rows VALUES (?, ?, ?, ?)",
                               (digest, self.parser, number,
                                self._entry_mac("search_rows", digest, b"%d" % number))).rowcount
            if added == 1:  # else another connection indexed them first, under its own number
                db.executemany("INSERT INTO search_text(rowid, text) VALUES (?, ?)", zip(rows, folded, strict=True))
                db.executemany("INSERT INTO search_pairs(rowid, pairs) VALUES (?, ?)",
                               zip(rows, map(pairs_of, texts, folded), strict=True))
        except sqlite3.Error:
            self._stop_writing()
            return None
        self._pending += len(texts)
        if self._pending >= 200:
            self.flush()
        return number if added == 1 else self.search_id(digest)

    def index_entry(self, digest: str) -> int | None:
        """Index the search texts of an entry read before (its summaries row): the number they are
        under, or None when they cannot be (see ``put_search_texts``; no summaries row)."""
        known = self.search_id(digest)
        if known is not None or not self.indexes_text:
            return known
        rows = self.get_summaries(digest)
        return self.put_search_texts(digest, [text for _, text in rows]) if rows else None

    def search_rows(self, query: str) -> list[int] | None:
        """The index rows whose text holds ``query`` as find means it (smart case: exactly when it has
        a capital, else case-folded), ascending; None when the index cannot answer (none here, a
        short query of other characters than ASCII letters and digits, or a longer one with a
        capital, which the caller checks in the texts of the folded query's rows; a database that
        cannot be read now): the caller scans instead."""
        if not self.indexes_text:
            return None
        if len(query) > 2:  # folding never shortens a string
            table, token = "search_text", query.casefold()
        elif query.isascii() and query.isalnum():
            table, token = "search_pairs", (pair_token(query) if not query.islower() and not query.isdigit()
                                            else query)
        else:
            return None
        phrase = '"' + token.replace('"', '""') + '"'  # the query as one literal string, whatever it holds
        try:
            row = self._db.execute(f"SELECT json_group_array(rowid) FROM {table} WHERE {table} MATCH ?",
                                   (phrase,)).fetchone()
            return json.loads(row[0]) if row is not None else []
        except (sqlite3.Error, ValueError):
            return None

    def put_items(self, digest: str, items: Sequence[Item]) -> None:
        """Keep every item one reader made of one file, in order, under ``digest``."""
        if not items:
            return
        data = items[0].to_dict() if len(items) == 1 else {"items": [item.to_dict() for item in items]}
        self._store(digest, data, items)

    def get_entry(self, digest: str) -> Item | None:
        """One feed entry's item, read before from a download of its feed (``readers.feed``)."""
        item = self._load(digest, item_from_dict, "feed_entries")
        if item is not None:
            self._write("UPDATE feed_entries SET used=? WHERE digest=? AND parser=?",
                        (time.time(), digest, self.parser))
        return item

    def put_entry(self, digest: str, item: Item) -> None:
        """Keep one feed entry's item, so the next download of its feed does not read it again."""
        try:
            data = item.to_dict()
            item_from_dict(data)  # what is written must read back
            blob = _dump(data)
        except _UNDECODABLE:
            return
        if not self._swept:
            self._swept = True
            self._write("DELETE FROM feed_entries WHERE used < ? OR parser != ?",
                        (time.time() - FEED_ENTRY_DAYS * 86400, self.parser))
        self._put_entry("feed_entries", digest, blob, time.time())

    def prune(self) -> None:
        """Drop entries of older parsers; they can never be read again."""
        self._write("DELETE FROM results WHERE parser != ?", (self.parser,))
        self._write("DELETE FROM summaries WHERE parser != ?", (self.parser,))
        self._write("DELETE FROM keyword_flags WHERE parser != ?", (self.parser,))
        self._write("DELETE FROM feed_entries WHERE parser != ?", (self.parser,))
        self._write("DELETE FROM search_rows WHERE parser != ?", (self.parser,))
        self.flush()


def _lazy_items(data: Any) -> LazyItems:
    items = LazyItems(_item_dicts(data))
    if len(items) == 1:
        items[0]  # decoded and checked now: see ParseCache.get_items
    return items


def open_default_cache() -> ParseCache | None:
    """The user's parse cache, or None when it cannot be used (read-only home, full disk): parsing still works."""
    from .paths import cache_dir

    try:
        return ParseCache(cache_dir() / "parse-cache.sqlite3")
    except (OSError, sqlite3.Error):
        return None
