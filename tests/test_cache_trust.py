"""The parse cache is not trusted (issue 14, defect 7): what comes out of it is checked like a file.

The cache is a SQLite file in the user's cache folder. A row planted there (JSON: no code runs)
once reached the screen with its escape sequences, or crashed the dashboard with a TypeError, while
`briefing check` said "no problems". Now every row carries a checksum keyed with a per-user secret,
and what passes it is still decoded field by field and refused unless it is text the sanitiser
leaves as it is. A refused row is dropped and the file parsed again. And a cache that cannot be
read or written (full disk, locked, damaged) never stops loading.

Rows are planted through a connection of their own, as another process would; real SQLite files,
real files on disk, no mocks.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing_tui.cache import ParseCache
from briefing_tui.catalog import ItemShelf, Summary, searchable_text
from briefing_tui.loading.articles import source_label
from briefing_tui.loading.batch import load_many
from briefing_tui.loading.load import fetch_items, load_file
from briefing_tui.model import Item
from briefing_tui.sanitize import clean_line, clean_text

from .conftest import SEED_ARTICLE, SEEDS

PAYLOAD = "\x1b]0;PWNED\x07\x1b[2J\x9b31m\u202e"
# Characters that must never reach the screen from a cache row.
FORBIDDEN = ("\x1b", "\x07", "\x9b", "\u202e")


# ------------------------------------------------------------------ helpers


def _article(folder: Path, name: str = "story.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("Headline of the story\n\n" + SEED_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _briefing(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(SEEDS / "desk-briefs.yaml", folder / "desk-briefs.yaml"))


def _cache(tmp_path: Path) -> ParseCache:
    return ParseCache(tmp_path / "cache" / "parse.sqlite3")


def _digest(cache: ParseCache, path: Path) -> str:
    cache.flush()
    digest = cache.digest_for(path, path.stat())
    assert digest is not None
    return digest


def _blob(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _unkeyed(_cache: ParseCache, _table: str, _digest: str, blob: bytes) -> str:
    """The checksum as the cache computed it before issue 14: anyone could compute it."""
    return hashlib.blake2b(blob, digest_size=8).hexdigest()


def _accepted(cache: ParseCache, table: str, digest: str, blob: bytes) -> str:
    """A checksum the cache under test accepts: keyed where it has a key (a planter who has read
    it), the old unkeyed one otherwise. So what is tested is the decoding, not the checksum."""
    mac = getattr(cache, "_entry_mac", None)
    return mac(table, digest, blob) if mac is not None else _unkeyed(cache, table, digest, blob)


Checksum = Callable[[ParseCache, str, str, bytes], str]


def _sql(cache: ParseCache, sql: str, args: tuple = ()) -> list[tuple]:
    """Run one statement on the cache file through a connection of its own, as another process would."""
    cache.flush()
    db = sqlite3.connect(cache.path)
    try:
        rows = db.execute(sql, args).fetchall()
        db.commit()
    finally:
        db.close()
    return rows


def _row(cache: ParseCache, table: str, digest: str) -> Any:
    [(data,)] = _sql(cache, f"SELECT data FROM {table} WHERE digest = ?", (digest,))
    return json.loads(data)


def _plant(cache: ParseCache, table: str, digest: str, blob: bytes, checksum: Checksum) -> None:
    _sql(cache, f"UPDATE {table} SET data = ?, checksum = ? WHERE digest = ?",
         (blob, checksum(cache, table, digest, blob), digest))
    assert _sql(cache, f"SELECT count(*) FROM {table} WHERE digest = ?", (digest,)) == [(1,)]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def _clean(item: Item) -> bool:
    return not any(ch in s for s in _strings(item.to_dict()) for ch in FORBIDDEN)


def _lazy(paths: list[Path], cache: ParseCache | None) -> list[tuple[Summary, str]]:
    return [(e.summary, e.text) for _p, r, _d, _t in load_many(paths, cache=cache, workers=1, lazy=True)
            for e in r.entries or ()]


def _summaries_of(items: list[Item]) -> list[tuple[Summary, str]]:
    return [(Summary.of(item), searchable_text(item)) for item in items]


# ------------------------------------------------------------------ escapes in a planted entry


def _title(data: dict) -> None:
    data["title"] += PAYLOAD


def _body(data: dict) -> None:
    data["body"][-1] += PAYLOAD  # appended: every span still lies inside the body


def _speaker(data: dict) -> None:
    data["quotes"][0]["speaker"] = PAYLOAD + data["quotes"][0]["speaker"]


@pytest.mark.parametrize("checksum", [_unkeyed, _accepted], ids=["unkeyed-checksum", "keyed-checksum"])
@pytest.mark.parametrize("plant", [_title, _body, _speaker], ids=["title", "body", "speaker"])
def test_an_entry_with_escape_sequences_is_never_returned(tmp_path: Path, plant: Callable[[dict], None],
                                                          checksum: Checksum) -> None:
    cache = _cache(tmp_path)
    path = _article(tmp_path / "in")
    fresh = load_file(path, cache).items
    assert fresh and _clean(fresh[0])
    digest = _digest(cache, path)
    data = _row(cache, "results", digest)
    plant(data)

    _plant(cache, "results", digest, _blob(data), checksum)
    assert load_file(path, cache).items == fresh  # refused, parsed again: the clean item

    _plant(cache, "results", digest, _blob(data), checksum)
    assert cache.get(digest, source_label(path)) is None
    assert _sql(cache, "SELECT count(*) FROM results WHERE digest = ?", (digest,)) == [(0,)]  # dropped

    # The dashboard's way: its list from the summaries, the item fetched when it is selected.
    load_file(path, cache)
    [ref_entry] = [e for _p, r, _d, _t in load_many([path], cache=cache, workers=1, lazy=True) for e in r.entries]
    _plant(cache, "results", digest, _blob(data), checksum)
    assert ref_entry.ref is not None
    assert list(fetch_items(ref_entry.ref, cache) or []) == fresh
    load_file(path, cache)  # fetching parses without writing: cache the file again, then plant again
    _plant(cache, "results", digest, _blob(data), checksum)
    shelf = ItemShelf(lambda ref: fetch_items(ref, cache))
    shelf.put(0, ref_entry.summary.id, ref=ref_entry.ref)
    assert shelf[0] == fresh[0]
    cache.close()


def test_a_genuine_entry_under_the_key_is_served(tmp_path: Path) -> None:
    """The control for the test above: the same row with harmless text passes and is served, so
    what refuses the planted rows is the escape sequence, not the planting."""
    cache = _cache(tmp_path)
    path = _article(tmp_path / "in")
    fresh = load_file(path, cache).items
    digest = _digest(cache, path)
    data = _row(cache, "results", digest)
    data["title"] += " (edited)"
    _plant(cache, "results", digest, _blob(data), _accepted)
    [item] = load_file(path, cache).items
    assert item.title == fresh[0].title + " (edited)"
    cache.close()


# ------------------------------------------------------------------ entries of the wrong shape


def _set(*keys: Any, value: Any) -> Callable[[dict], None]:
    def plant(data: dict) -> None:
        target = data
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return plant


def _drop(key: str) -> Callable[[dict], None]:
    def plant(data: dict) -> None:
        del data[key]

    return plant


SHAPES: dict[str, Callable[[dict], None]] = {
    "span of strings": _set("actors", 0, "mentions", 0, value=["0", "1", "2"]),
    "span of two numbers": _set("actors", 0, "mentions", 0, value=[0, 1]),
    "span of true/false": _set("quotes", 0, "span", value=[False, 0, 1]),
    "span outside the body": _set("places", 0, "mentions", 0, value=[99, 0, 5]),
    "span past the paragraph": _set("figures", 0, "span", value=[0, 5, 100_000]),
    "negative span": _set("figures", 0, "span", value=[0, -5, 3]),
    "body as a string": _set("body", value="The whole body as one string."),
    "body of numbers": _set("body", value=[1, 2, 3]),
    "figure value 'x'": _set("figures", 0, "value", value="x"),
    "figure value NaN": _set("figures", 0, "value", value=float("nan")),
    "figure value beyond a float": _set("figures", 0, "value", value=10**400),
    "approx 'yes'": _set("figures", 0, "approx", value="yes"),
    "actor kind outside the set": _set("actors", 0, "type", value="wizard"),
    "quote kind outside the set": _set("quotes", 0, "kind", value="shouted"),
    "figure kind outside the set": _set("figures", 0, "kind", value="gigantic"),
    "id a number": _set("id", value=12345),
    "tags a string": _set("tags", value="urgent"),
    "a field missing": _drop("places"),
    "title over two lines": _set("title", value="Headline\nsecond line"),
}


@pytest.mark.parametrize("plant", list(SHAPES.values()), ids=list(SHAPES))
def test_an_entry_of_the_wrong_shape_is_dropped_and_the_file_parsed_again(
        tmp_path: Path, plant: Callable[[dict], None]) -> None:
    cache = _cache(tmp_path)
    path = _article(tmp_path / "in")
    fresh = load_file(path, cache).items
    digest = _digest(cache, path)
    data = _row(cache, "results", digest)
    plant(data)

    _plant(cache, "results", digest, _blob(data), _accepted)
    assert load_file(path, cache).items == fresh

    # With its summaries row gone too, a lazy load decoded the items to list them: it raised
    # (TypeError, ValueError, OverflowError) out of the loader and the dashboard's loading stopped.
    _plant(cache, "results", digest, _blob(data), _accepted)
    _sql(cache, "DELETE FROM summaries WHERE digest = ?", (digest,))
    assert _lazy([path], cache) == _summaries_of(fresh)
    assert _lazy([path], cache) == _summaries_of(fresh)  # and cached afresh
    cache.close()


def test_an_entry_nested_too_deep_is_dropped(tmp_path: Path) -> None:
    cache = _cache(tmp_path)
    path = _article(tmp_path / "in")
    fresh = load_file(path, cache).items
    digest = _digest(cache, path)
    _plant(cache, "results", digest, b"[" * 100_000 + b"]" * 100_000, _accepted)
    assert load_file(path, cache).items == fresh
    cache.close()


def test_a_briefing_file_entry_with_a_bad_item_is_dropped(tmp_path: Path) -> None:
    cache = _cache(tmp_path)
    path = _briefing(tmp_path / "in")
    fresh = load_file(path, cache).items
    assert len(fresh) > 1
    digest = _digest(cache, path)
    data = _row(cache, "results", digest)
    data["items"][-1]["title"] = PAYLOAD
    _plant(cache, "results", digest, _blob(data), _accepted)
    assert load_file(path, cache).items == fresh
    _plant(cache, "results", digest, _blob({"items": []}), _accepted)  # an empty list would hide the file
    assert load_file(path, cache).items == fresh
    cache.close()


# ------------------------------------------------------------------ summaries rows


def _summary_field(index: int, value: Any) -> Callable[[list], None]:
    def plant(rows: list) -> None:
        rows[0][index] = value

    return plant


SUMMARY_PLANTS: dict[str, Callable[[list], None]] = {
    "id": _summary_field(0, "desk" + PAYLOAD),
    "title": _summary_field(1, "Title" + PAYLOAD),
    "label": _summary_field(2, "Label" + PAYLOAD),
    "source": _summary_field(3, "source" + PAYLOAD),
    "date": _summary_field(4, "2024-01-01" + PAYLOAD),
    "counts": _summary_field(5, "3q" + PAYLOAD),
    "a row too short": lambda rows: rows[0].pop(),
    "no rows": lambda rows: rows.clear(),
}


@pytest.mark.parametrize("checksum", [_unkeyed, _accepted], ids=["unkeyed-checksum", "keyed-checksum"])
@pytest.mark.parametrize("plant", list(SUMMARY_PLANTS.values()), ids=list(SUMMARY_PLANTS))
def test_a_summaries_row_with_escapes_or_of_the_wrong_shape_is_dropped(
        tmp_path: Path, plant: Callable[[list], None], checksum: Checksum) -> None:
    cache = _cache(tmp_path)
    path = _briefing(tmp_path / "in")
    fresh = load_file(path, cache).items
    expected = _summaries_of(fresh)
    assert _lazy([path], cache) == expected
    digest = _digest(cache, path)
    rows = _row(cache, "summaries", digest)
    plant(rows)
    _plant(cache, "summaries", digest, _blob(rows), checksum)

    listed = _lazy([path], cache)
    assert listed == expected
    assert not any(ch in text for summary, _ in listed for text in _strings(summary.to_list()) for ch in FORBIDDEN)
    assert _summaries_of(fresh) == _lazy([path], cache)  # the row was written again, clean
    cache.close()


# ------------------------------------------------------------------ the key


def test_the_key_is_a_private_file_in_the_state_folder_shared_by_processes(tmp_path: Path) -> None:
    from briefing_tui.paths import state_dir

    key_file = state_dir() / "cache-key"
    assert not state_dir().exists()
    cache = _cache(tmp_path)
    path = _article(tmp_path / "in")
    fresh = load_file(path, cache).items
    cache.close()

    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(state_dir().stat().st_mode) == 0o700  # created by the cache
    assert len(key_file.read_bytes()) == 32

    # Another process (same user, same key) is served from the cache...
    code = ("import sys; from pathlib import Path\n"
            "from briefing_tui.cache import ParseCache\n"
            "from briefing_tui.loading.articles import source_label\n"
            "c = ParseCache(Path(sys.argv[1])); p = Path(sys.argv[2])\n"
            "d = c.digest_for(p, p.stat())\n"
            "print(d is not None and c.get(d, source_label(p)) is not None)\n")
    out = subprocess.run([sys.executable, "-c", code, str(cache.path), str(path)], capture_output=True, text=True,
                         env=dict(os.environ), timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"
    # ... and one with another key is not, and loads the file all the same.
    other = ParseCache(cache.path, key=b"another key, another user......")
    assert other.digest_for(path, path.stat()) is None
    assert load_file(path, other).items == fresh
    other.close()
    again = _cache(tmp_path)
    assert again.digest_for(path, path.stat()) is None  # its path row, written under the other key: refused
    assert load_file(path, again).items == fresh
    again.close()


def test_without_a_usable_state_folder_a_key_for_the_process_alone(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the state folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    path = _article(tmp_path / "in")
    cache = _cache(tmp_path)
    fresh = load_file(path, cache).items
    cache.close()
    again = _cache(tmp_path)  # the same process: the same key, a hit
    digest = _digest(again, path)
    assert again.get(digest, source_label(path)) == fresh[0]
    again.close()
    code = ("import sys; from pathlib import Path\n"
            "from briefing_tui.cache import ParseCache\n"
            "from briefing_tui.loading.load import load_file\n"
            "c = ParseCache(Path(sys.argv[1])); p = Path(sys.argv[2])\n"
            "print(c.digest_for(p, p.stat()) is None, len(load_file(p, c).items))\n")
    out = subprocess.run([sys.executable, "-c", code, str(again.path), str(path)], capture_output=True, text=True,
                         env=dict(os.environ), timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "1"]  # another process: its own key, a miss, a parse


# ------------------------------------------------------------------ permissions


def test_the_database_is_private_when_the_cache_creates_it(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        folder = tmp_path / "new" / "cache"
        cache = ParseCache(folder / "parse.sqlite3")
        load_file(_article(tmp_path / "in"), cache)
        cache.flush()
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        for name in ("parse.sqlite3", "parse.sqlite3-wal", "parse.sqlite3-shm"):
            assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
        cache.close()

        mine = tmp_path / "mine"
        mine.mkdir(mode=0o755)
        ParseCache(mine / "parse.sqlite3").close()
        assert stat.S_IMODE(mine.stat().st_mode) == 0o755  # the user's folder is left as it is
        assert stat.S_IMODE((mine / "parse.sqlite3").stat().st_mode) == 0o600
    finally:
        os.umask(old)


# ------------------------------------------------------------------ a cache never stops loading


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 512 kB tmpfs: a real full disk for the cache. Needs root (or CAP_SYS_ADMIN) to mount."""
    mount = tmp_path / "disk"
    mount.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot mount a small tmpfs for a full disk here: {exc}")
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs for a full disk here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, timeout=30)


def _fill(folder: Path) -> None:
    """Write to ``folder`` until the disk is full."""
    try:
        with open(folder / "filler", "wb") as fh:
            while True:
                fh.write(b"\0" * 4096)
                fh.flush()
    except OSError:
        pass
    assert os.statvfs(folder).f_bavail == 0


def test_a_cache_on_a_full_disk_still_loads_every_file(tmp_path: Path, small_disk: Path) -> None:
    folder = tmp_path / "in"
    seed = SEED_ARTICLE.read_text(encoding="utf-8")
    paths = []
    for k in range(40):
        paths.append(folder / f"article-{k:02d}.txt")
        folder.mkdir(exist_ok=True)
        paths[-1].write_text(f"Article number {k}\n\n{seed}\n\nThe closing line of story {k}.\n", encoding="utf-8")
    briefing = _briefing(folder)
    fresh = {p: load_file(p).items for p in [*paths, briefing]}

    cache = ParseCache(small_disk / "parse.sqlite3")
    for p in paths[:3]:
        assert load_file(p, cache).items == fresh[p]
    cache.flush()
    _fill(small_disk)

    loaded = {p: r.items for p, r, _d, _t in load_many([folder], cache=cache, workers=1)}
    assert loaded == fresh
    assert cache.writable is False  # a write failed: rolled back, and no more are tried
    lazy = _lazy([folder], cache)
    assert lazy == [row for p in sorted(fresh) for row in _summaries_of(fresh[p])]
    for p in paths[:3]:  # what was cached before the disk filled is still read
        assert cache.get(_digest(cache, p), source_label(p)) == fresh[p][0]
    cache.prune()
    cache.flush()
    cache.close()
    cache.close()

    reopened = ParseCache(small_disk / "parse.sqlite3")  # on the full disk
    assert {p: load_file(p, reopened).items for p in fresh} == fresh
    reopened.close()


def test_a_cache_locked_past_its_timeout_still_loads_every_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    paths = [_article(folder, f"story-{k}.txt") for k in range(3)]
    briefing = _briefing(folder)
    fresh = {p: load_file(p).items for p in [*paths, briefing]}
    cache = _cache(tmp_path)
    load_file(paths[0], cache)
    cache.flush()
    cache._db.execute("PRAGMA busy_timeout = 50")  # the real lock, a short wait

    holder = sqlite3.connect(cache.path, isolation_level=None)  # another process, writing for a long time
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("DELETE FROM files WHERE path = x'00'")
    try:
        assert {p: load_file(p, cache).items for p in fresh} == fresh
        assert {p: r.items for p, r, _d, _t in load_many([folder], cache=cache, workers=1)} == fresh
        assert cache.get(_digest(cache, paths[0]), source_label(paths[0])) == fresh[paths[0]][0]  # reads go on
        assert cache.writable is False
        cache.prune()
        cache.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_page_found_damaged_mid_run_is_a_miss(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    path = _article(folder)
    fresh = load_file(path).items
    cache = _cache(tmp_path)
    load_file(path, cache)
    blob = _sql(cache, "SELECT data FROM results")[0][0]
    cache.close()
    db = sqlite3.connect(cache.path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()

    reader = _cache(tmp_path)  # opened while the file is sound
    # Damage the pages that hold the middle of the stored entry (overflow pages, read only when
    # the entry is): their next-page pointers now point far past the end of the file.
    raw = bytearray(cache.path.read_bytes())
    marker = blob[len(blob) // 2: len(blob) // 2 + 48]
    start = raw.find(marker)
    assert start > 0
    damaged = 0
    while start > 0:
        page = start // 4096 * 4096
        raw[page: page + 4096] = b"\xff" * 4096
        damaged += 1
        start = raw.find(marker, page + 4096)
    cache.path.write_bytes(bytes(raw))
    probe = sqlite3.connect(cache.path)
    with pytest.raises(sqlite3.DatabaseError, match="malformed"):
        probe.execute("SELECT data FROM results").fetchall()
    probe.close()

    assert load_file(path, reader).items == fresh
    assert [r.items for _p, r, _d, _t in load_many([folder], cache=reader, workers=1)] == [fresh]
    reader.flush()
    reader.close()


def test_a_file_dated_past_2262_is_cached_like_any_other(tmp_path: Path) -> None:
    """SQLite's integers are signed 64-bit: a modification time in nanoseconds past 2262 did not
    fit, and binding it raised OverflowError out of the loader."""
    path = _article(tmp_path / "in")
    far = 15_000_000_000 * 10**9  # in the year 2445
    os.utime(path, ns=(far, far))
    if path.stat().st_mtime_ns < 2**63:
        pytest.skip("this file system cannot date a file that far ahead")
    fresh = load_file(path).items
    cache = _cache(tmp_path)
    assert load_file(path, cache).items == fresh
    assert cache.get(_digest(cache, path), source_label(path)) == fresh[0]
    assert _lazy([path], cache) == _summaries_of(fresh)
    cache.close()


# ------------------------------------------------------------------ nothing genuine is refused


def test_the_fast_checks_agree_with_the_sanitiser_on_every_character() -> None:
    """``is_clean_text``/``is_clean_line`` are a regex search standing in for "clean_text/clean_line
    would leave this as it is", and ``is_shown_source`` lets through what a path label or a cleaned
    line can hold: checked on every code point (a block at a time where the sanitiser changes
    nothing), so a change to ``sanitize`` that they do not follow fails here."""
    from briefing_tui.sanitize import is_clean_line, is_clean_text, is_shown_source, visible

    for base in range(0, sys.maxunicode + 1, 256):
        block = "".join(map(chr, range(base, min(base + 256, sys.maxunicode + 1))))
        if (is_clean_text(block) and clean_text(block) == block and is_shown_source(block)
                and visible(block) == block):
            continue
        for ch in block:
            surrogate = "\ud800" <= ch <= "\udfff"
            assert is_clean_text(ch) == (clean_text(ch) == ch and not surrogate), hex(ord(ch))
            assert is_clean_line(ch) == (clean_line(ch) == ch and not surrogate), hex(ord(ch))
            genuine = visible(ch) == ch or (clean_line(ch) == ch and not surrogate)
            assert is_shown_source(ch) == genuine, hex(ord(ch))
    for text in ("a  b", " a", "a ", "a\tb", "a\nb", "a b", "", "x\u00a0y", "x\u2003y"):
        assert is_clean_line(text) == (clean_line(text) == text), repr(text)
    for text in ("para\n\nnext", "tab\there", "\x1b[2J", "\r\n", "one\u2028two"):
        assert is_clean_text(text) == (clean_text(text) == text), repr(text)
    for text in ("\x1b[2J", "\x9b", "\u202e", "\x07", "a\nb"):
        assert not is_shown_source(text), repr(text)


def test_files_with_escaped_names_are_served_from_the_cache(tmp_path: Path) -> None:
    """A path label shows control characters as backslash escapes; items that carry one (an
    article's source, a briefing file's items without `source:`) are genuine and must hit."""
    folder = tmp_path / "in"
    names = ["esc\x1b[2Jname.txt", "tab\tname.txt", "soft\u00adhyphen.txt", "bidi\u202ename.txt"]
    paths = [_article(folder, name) for name in names]
    desk = folder / "desk\x07bell.yaml"
    desk.write_text("items:\n  - {id: a, title: First, body: One line.}\n", encoding="utf-8")
    cache = _cache(tmp_path)
    first = {p: r.items for p, r, _d, _t in load_many([folder], cache=cache, workers=1)}
    assert first[desk][0].source == source_label(desk) and "\\x07" in (first[desk][0].source or "")
    cache.flush()
    for p in [*paths, desk]:
        digest = _digest(cache, p)
        if p == desk:
            assert cache.get_many(digest) == first[p]
        else:
            assert cache.get(digest, source_label(p)) == first[p][0]
        assert cache.get_summaries(digest) is not None
    cache.close()


def test_bbc_articles_are_served_from_the_cache_the_second_time(tmp_path: Path, shared: Path) -> None:
    files = sorted((shared / "corpus" / "bbc").rglob("*.txt"))[::40]
    folder = tmp_path / "in"
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder / f"{f.parent.name}-{f.name}")
    cache = _cache(tmp_path)
    first = {p: r.items for p, r, _d, _t in load_many([folder], cache=cache, workers=1)}
    cache.flush()
    hits = 0
    for p, items in first.items():
        digest = _digest(cache, p)
        hits += cache.get(digest, source_label(p)) == items[0] and cache.get_summaries(digest) is not None
    assert hits == len(files)
    cache.close()
