"""A new input format is one module and one registry line: discovery finds its files, loading reads
many items from each, the cache serves them warm, and the worker processes read them too.

The format is the toy `.brief` reader of ``brief_reader`` (one item per line); everything else is
the real loader, a real SQLite cache and real worker processes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_tui.cache import ParseCache
from briefing_tui.loading import batch, readers
from briefing_tui.loading.batch import POOL_THRESHOLD, load_many
from briefing_tui.loading.discover import discover
from briefing_tui.loading.load import fetch_items, load_file
from briefing_tui.loading.readers import readable_suffixes, reader_for
from briefing_tui.model import Item, derive_id
from briefing_tui.problems import Problem

from . import brief_reader
from .brief_reader import BriefReader

MORNING = [("Ceasefire talks resume in Doha", "Negotiators met again on Monday."),
           ("Grain corridor reopens", "The first ships left Odesa at dawn."),
           ("Parliament passes the budget", "The vote was 226 to 190.")]
EVENING = [("Storm closes northern ports", "Ferries stayed in harbour all day."),
           ("Central bank holds rates", "The bank kept its main rate at 4.5 per cent.")]


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "READERS", (*readers.READERS, brief_reader.READER))  # the one line


def _brief(path: Path, lines: list[tuple[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{title} | {body}\n" for title, body in lines), encoding="utf-8")
    return path


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    folder = tmp_path / "desk"
    _brief(folder / "morning.brief", MORNING)
    _brief(folder / "late" / "evening.brief", EVENING)
    (folder / "notes.txt").write_text("Harbour notes\n\nThe harbour master said 12 ships were waiting.\n",
                                      encoding="utf-8")
    (folder / "draft.xyz").write_text("not for briefing\n", encoding="utf-8")
    return folder


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[ParseCache]:
    c = ParseCache(tmp_path / "cache" / "parse.sqlite3")
    yield c
    c.close()


def _ids(lines: list[tuple[str, str]]) -> list[str]:
    return [derive_id(title, body) for title, body in lines]


def _refuse_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> Iterator[Item | Problem]:
        raise AssertionError("read the file again where the cache should have answered")

    monkeypatch.setattr(BriefReader, "read", refuse)


def test_a_new_format_is_one_module_and_one_registry_line(registered: None, desk: Path, cache: ParseCache,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    morning, evening, notes = desk / "morning.brief", desk / "late" / "evening.brief", desk / "notes.txt"
    assert ".brief" in readable_suffixes() and reader_for(morning) is brief_reader.READER
    assert [found.path for found in discover([desk])] == [evening, morning, notes]  # not draft.xyz

    cold = {path: result for path, result, _d, _t in load_many([desk], cache=cache, workers=1, lazy=True)}
    assert [e.summary.id for e in cold[morning].entries or []] == _ids(MORNING)
    assert [e.summary.id for e in cold[evening].entries or []] == _ids(EVENING)
    assert [e.summary.title for e in cold[morning].entries or []] == [title for title, _ in MORNING]
    for path in (morning, evening):
        entries = cold[path].entries or []
        assert {e.summary.source for e in entries} == {str(path)}
        # Every item of a file is found again by the file's entry and its place in it.
        assert [(e.ref.path, e.ref.digest, e.ref.index) for e in entries if e.ref] == [
            (path, cold[path].digest, k) for k in range(len(entries))]
    assert len(cold[notes].entries or []) == 1  # the other formats are read as before

    eager = load_file(morning)  # no cache: what the reader gives
    assert [item.id for item in eager.items] == _ids(MORNING) and eager.problems == []
    evening_items = load_file(evening).items

    with monkeypatch.context() as mp:
        _refuse_reading(mp)  # warm: the cache answers, the reader is never asked
        warm = {path: result for path, result, _d, _t in load_many([desk], cache=cache, workers=1, lazy=True)}
        assert [(e.summary, e.text, e.ref) for e in warm[morning].entries or []] == [
            (e.summary, e.text, e.ref) for e in cold[morning].entries or []]
        ref = (warm[evening].entries or [])[1].ref
        assert ref is not None
        assert list(fetch_items(ref, cache) or []) == evening_items
        assert load_file(morning, cache).items == eager.items


def test_a_copied_file_is_served_from_the_cache_under_its_new_path(registered: None, desk: Path,
                                                                   cache: ParseCache,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    load_file(desk / "morning.brief", cache)
    copy = _brief(desk.parent / "elsewhere" / "copy.brief", MORNING)
    with monkeypatch.context() as mp:
        _refuse_reading(mp)
        items = load_file(copy, cache).items
    assert [item.id for item in items] == _ids(MORNING)
    assert {item.source for item in items} == {str(copy)}


def test_a_bad_line_costs_that_line_and_the_file_is_read_again_next_time(registered: None, tmp_path: Path,
                                                                          cache: ParseCache) -> None:
    path = tmp_path / "mixed.brief"
    path.write_text("Good news | It went well.\nno separator here\nMore news | And again.\n", encoding="utf-8")
    first = load_file(path, cache)
    assert [item.title for item in first.items] == ["Good news", "More news"]
    assert [(p.message, p.line) for p in first.problems] == [("expected `title | body`", 2)]
    cache.flush()
    assert cache.digest_for(path, path.stat()) is None  # a file with problems is not cached
    assert load_file(path, cache).problems == first.problems  # so they are said again


def test_without_its_registry_line_a_format_is_not_searched_for(desk: Path) -> None:
    assert ".brief" not in readable_suffixes()
    assert [found.path for found in discover([desk])] == [desk / "notes.txt"]
    # Named directly, a file no reader claims is sniffed: this one is plain text, one article.
    assert reader_for(desk / "morning.brief").name == "text"
    assert len(load_file(desk / "morning.brief").items) == 1


class PooledBriefReader(BriefReader):
    """The toy format as a costly one: a folder of cold files goes to the worker processes."""

    name = "pooled-brief"
    suffixes = (".pbrief",)
    parallel = True


POOLED = PooledBriefReader()


def test_worker_processes_read_a_new_format_through_the_registry(tmp_path: Path, cache: ParseCache,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "READERS", (*readers.READERS, POOLED))
    folder = tmp_path / "pooled"
    for k in range(POOL_THRESHOLD + 4):
        _brief(folder / f"file-{k:02d}.pbrief", [(f"Story {k} one", "First."), (f"Story {k} two", "Second.")])
    pooled_with: list[tuple] = []
    real_start_pool = batch.start_pool

    def start_pool(workers: int, pool_readers: tuple = ()) -> object:
        pooled_with.append(pool_readers)
        return real_start_pool(workers, pool_readers)

    monkeypatch.setattr(batch, "start_pool", start_pool)
    inline = [(p, r.items) for p, r, _d, _t in load_many([folder], workers=1)]
    pooled = [(p, r.items) for p, r, _d, _t in load_many([folder], cache=cache, workers=2)]
    assert pooled_with == [(POOLED,)]
    assert pooled == inline and all(len(items) == 2 for _, items in inline)
    warm = [(p, r.items) for p, r, _d, _t in load_many([folder], cache=cache, workers=2)]
    assert warm == inline and len(pooled_with) == 1  # warm: no pool


@pytest.mark.parametrize(("name", "head", "reader"), [
    ("notes", b"title: Harbour\nbody: Ships wait.\n", "yaml"),
    ("notes", b"items:\n  - {title: Harbour}\n", "yaml"),
    ("notes.log", b"title: Harbour\n", "text"),  # only a file with no suffix at all may be YAML
    ("page", b"<!DOCTYPE html><html><body><p>Ships wait.</p></body></html>", "html"),
    ("story", b"# Harbour\n\nShips wait.\n", "markdown"),
    ("story", b"Harbour\n\nShips wait.\n", "text"),
    ("STORY.TXT", b"<html><body><p>Named .txt, so text.</p></body></html>", "text"),
    ("desk.YML", b"items: []\n", "yaml"),
])
def test_a_file_goes_to_the_reader_of_its_suffix_else_to_the_first_that_recognises_it(
        tmp_path: Path, name: str, head: bytes, reader: str) -> None:
    path = tmp_path / name
    path.write_bytes(head)
    assert reader_for(path).name == reader


def test_two_formats_never_share_a_cache_entry(tmp_path: Path, cache: ParseCache) -> None:
    """The same bytes read as text and as Markdown give different items, so different entries."""
    text = "# Harbour closes\n\nThe harbour master said 12 ships were waiting.\n"
    as_text, as_markdown = tmp_path / "a.txt", tmp_path / "a.md"
    as_text.write_text(text, encoding="utf-8")
    as_markdown.write_text(text, encoding="utf-8")
    expected = load_file(as_markdown).items
    assert load_file(as_text, cache).items != expected
    assert load_file(as_markdown, cache).items == expected


_WARM = r"""
import sys
from pathlib import Path
from briefing_tui.cache import ParseCache
from briefing_tui.loading.batch import load_many
cache = ParseCache(Path(sys.argv[2]))
n = sum(len(r.entries or ()) for _p, r, _d, _t in load_many([Path(sys.argv[1])], cache=cache, workers=1, lazy=True))
cache.close()
parsers = ("yaml", "lxml", "trafilatura", "briefing_tui.extract", "briefing_tui.loading.html",
           "briefing_tui.loading.structure", "briefing_tui.loading.yaml_items")
print(n, sorted(m for m in sys.modules if m.startswith(parsers)))
"""


def test_a_warm_load_imports_no_parser_and_the_readers_no_ui(tmp_path: Path) -> None:
    """The registry is imported at every launch: its readers import their parsers only to read."""
    import os
    import subprocess
    import sys

    from .conftest import SEEDS

    def run(*args: str) -> str:
        out = subprocess.run([sys.executable, *args], capture_output=True, text=True, check=True, env=dict(os.environ))
        return out.stdout.strip()

    db = str(tmp_path / "parse.sqlite3")
    assert run("-c", _WARM, str(SEEDS), db).startswith("5 [")  # cold: parsed
    assert run("-c", _WARM, str(SEEDS), db) == "5 []"
    code = ("import sys, briefing_tui.loading.readers, briefing_tui.loading.launch, briefing_tui.summary\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))")
    assert run("-c", code) == "[]"


def test_every_reader_prepares_a_worker() -> None:
    # A worker process runs each reader's prepare() before its first file; one that raises kills the
    # worker, and the folder is then parsed in one thread, complete but slower, with nothing said.
    for reader in readers.READERS:
        reader.prepare()
