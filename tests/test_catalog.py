"""The dashboard's light form of items (catalog) and the lazy load that fills it from the parse cache."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefing_tui.cache import ParseCache
from briefing_tui.catalog import Entry, ItemShelf, Ref, Summary, searchable_text
from briefing_tui.loading.batch import load_many
from briefing_tui.loading.load import fetch_items
from briefing_tui.loading.result import LoadResult
from briefing_tui.model import Figure, Item, Quote

from .conftest import SEED_ARTICLE, SEEDS

# ------------------------------------------------------------------ Summary and Entry


def _item(id_: str, **fields: object) -> Item:
    return Item(id=id_, **fields)  # type: ignore[arg-type]


def test_summary_of_a_titled_item() -> None:
    item = _item("a", title="A headline", source="src.txt", date="2024-11-12", body=["Body."],
                 quotes=[Quote("direct", "x"), Quote("indirect", "y")], figures=[Figure("3 tanks")])
    summary = Summary.of(item)
    assert summary == Summary("a", "A headline", "A headline", "src.txt", "2024-11-12", "2q 1f")


def test_summary_of_an_untitled_item_shows_its_first_sentence() -> None:
    item = _item("b", body=["The minister resigned on Tuesday after the vote. Then more happened.", "Second."])
    summary = Summary.of(item)
    assert summary.title is None
    assert summary.label == "The minister resigned on Tuesday after the vote."
    assert summary.counts == ""
    assert Summary.of(_item("c")).label == "(untitled)"


@pytest.mark.parametrize("summary", [
    Summary("id", "Title", "Title", "a/b.txt", "2024-11-12", "2q 1f"),
    Summary("id", None, "First sentence of the body here.", None, None, ""),
    Summary("ïd", "Ünïcode — “quoted”", "Ünïcode — “quoted”", "naïve/путь.txt", "circa 2004", "1q"),
    Summary("id", "Title", "Title", None, None, "", ("wire", "Europe")),
])
def test_summary_round_trips_through_a_list_and_json(summary: Summary) -> None:
    assert Summary.from_list(summary.to_list()) == summary
    assert Summary.from_list(json.loads(json.dumps(summary.to_list()))) == summary


def test_summary_round_trips_for_the_seeds() -> None:
    from briefing_tui.loading.load import load_file

    items = [item for path in sorted(SEEDS.iterdir()) for item in load_file(path).items]
    assert any(item.title is None for item in items) and any(item.title for item in items)
    for item in items:
        summary = Summary.of(item)
        assert summary.id == item.id and summary.title == item.title and summary.source == item.source
        assert Summary.from_list(json.loads(json.dumps(summary.to_list()))) == summary


@pytest.mark.parametrize("data", [
    [],
    ["id", "t", "label", None, None, ""],  # too short
    ["id", "t", "label", None, None, "", "extra"],  # tags not a list
    ["id", "t", "label", None, None, "", [], "extra"],  # too long
    ["id", "t", "label", None, None, "", [3]],  # a tag not text
    ["id", "t", "label", None, None, "", ["\x1b[31mred"]],  # a tag with an escape sequence
    None,
    42,
    [None, "t", "label", None, None, ""],  # id not text
    ["id", "t", None, None, None, ""],  # label not text
    ["id", "t", "label", None, None, 2],  # counts not text
    [1, None, 2, None, None, 3],
])
def test_summary_from_list_rejects_bad_data(data: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        Summary.from_list(data)  # type: ignore[arg-type]


@pytest.mark.parametrize("data", [
    ["id", 5, "label", None, None, "", []],
    ["id", None, "label", ["not", "text"], None, "", []],
    ["id", None, "label", None, {"y": 2024}, "", []],
    "abcdef",
])
def test_summary_from_list_rejects_wrongly_typed_optional_fields(data: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        Summary.from_list(data)  # type: ignore[arg-type]


def test_entry_of_holds_the_item_only_without_a_ref() -> None:
    item = _item("a", title="T", dateline="KYIV", body=["One.", "Two."], quotes=[Quote("direct", "said so")])
    ref = Ref(Path("x.txt"), "d" * 32, 0)
    with_ref = Entry.of(item, ref)
    assert (with_ref.summary, with_ref.text, with_ref.ref, with_ref.item) == (Summary.of(item), searchable_text(item),
                                                                              ref, None)
    held = Entry.of(item, None)
    assert held.ref is None and held.item is item and held.summary == Summary.of(item)
    assert {"T", "KYIV", "One.", "Two.", "said so"} <= set(held.text.split("\n"))


# ------------------------------------------------------------------ ItemShelf


class FakeFiles:
    """A fetch function over files held in memory, counting its calls."""

    def __init__(self, files: dict[Path, list[Item]] | None = None) -> None:
        self.files: dict[Path, list[Item] | None] = dict(files or {})
        self.calls: list[Ref] = []

    def __call__(self, ref: Ref) -> list[Item] | None:
        self.calls.append(ref)
        items = self.files.get(ref.path)
        return list(items) if items is not None else None


def _file(name: str, *ids: str) -> tuple[Path, list[Item]]:
    return Path(name), [_item(i, title=f"title of {i}") for i in ids]


def _shelve(shelf: ItemShelf, path: Path, items: list[Item], digest: str = "d") -> None:
    for k, item in enumerate(items):
        shelf.put(len(shelf), item.id, ref=Ref(path, digest, k))


def _never(ref: Ref) -> list[Item] | None:
    raise AssertionError(f"fetched {ref}")


def test_shelf_returns_held_items_without_fetching() -> None:
    shelf = ItemShelf(_never)
    a, b = _item("a"), _item("b")
    shelf.put(0, "a", item=a)
    shelf.put(1, "b", item=b, ref=Ref(Path("f"), "d", 0))  # a held item wins over its ref
    assert len(shelf) == 2
    assert shelf[0] is a and shelf[1] is b
    with pytest.raises(ValueError):
        shelf.put(2, "c")


def test_shelf_fetches_refs_and_reads_each_file_once() -> None:
    path, items = _file("one.yaml", "a", "b", "c")
    fetch = FakeFiles({path: items})
    shelf = ItemShelf(fetch)
    _shelve(shelf, path, items)
    assert [shelf[p] for p in range(3)] == items
    assert [shelf[p] for p in (2, 0, 1)] == [items[2], items[0], items[1]]
    assert fetch.calls == [Ref(path, "d", 0)]


def test_shelf_keeps_only_the_most_recent_files() -> None:
    files = dict(_file(f"f{n}.txt", f"id{n}") for n in range(3))
    fetch = FakeFiles(files)
    shelf = ItemShelf(fetch, recent=2)
    for path, items in files.items():
        _shelve(shelf, path, items)
    assert [shelf[p].id for p in (0, 1, 2)] == ["id0", "id1", "id2"]  # type: ignore[union-attr]
    assert len(fetch.calls) == 3
    assert shelf[2].id == "id2" and shelf[1].id == "id1"  # type: ignore[union-attr]
    assert len(fetch.calls) == 3  # both still recent
    assert shelf[0].id == "id0"  # type: ignore[union-attr]
    assert len(fetch.calls) == 4  # evicted by the third file, read again
    assert shelf[1].id == "id1"  # type: ignore[union-attr]
    assert len(fetch.calls) == 4  # touched last, so it outlived f2
    assert shelf[2].id == "id2"  # type: ignore[union-attr]
    assert len(fetch.calls) == 5
    shelf.forget_recent()
    assert shelf[2].id == "id2"  # type: ignore[union-attr]
    assert len(fetch.calls) == 6


def test_shelf_gives_none_when_the_file_no_longer_has_the_item() -> None:
    path, items = _file("one.yaml", "a", "b")
    fetch = FakeFiles({path: items})
    shelf = ItemShelf(fetch)
    _shelve(shelf, path, items)
    fetch.files[path] = [_item("a"), _item("z")]  # b was removed, z put at its place
    assert shelf[1] is None
    assert shelf[0] is not None and shelf[0].id == "a"
    gone = Path("gone.txt")
    shelf.put(2, "g", ref=Ref(gone, "d", 0))
    assert shelf[2] is None  # fetch gives None: the file is gone
    fetch.files[Path("empty.yaml")] = []
    shelf.put(3, "e", ref=Ref(Path("empty.yaml"), "d", 0))
    assert shelf[3] is None
    assert shelf[99] is None  # never put


def test_shelf_finds_an_item_whose_index_moved() -> None:
    path, items = _file("one.yaml", "a", "b", "c")
    fetch = FakeFiles({path: items})
    shelf = ItemShelf(fetch)
    _shelve(shelf, path, items)
    new = [_item("new"), _item("c"), _item("a")]  # b gone, the others moved
    fetch.files[path] = new
    assert shelf[2] is new[1]
    assert shelf[0] == new[2]
    assert shelf[1] is None
    shelf.put(3, "a", ref=Ref(path, "d", 7))  # index beyond the file's items
    assert shelf[3] == new[2]
    assert len(fetch.calls) == 1


def test_shelf_without_fetch_and_set_fetch() -> None:
    path, items = _file("one.yaml", "a")
    shelf = ItemShelf()
    _shelve(shelf, path, items)
    assert shelf[0] is None
    shelf.set_fetch(FakeFiles({path: items}))
    assert shelf[0] == items[0]


def test_shelf_put_replaces_a_position() -> None:
    path, items = _file("one.yaml", "a", "b")
    fetch = FakeFiles({path: items})
    shelf = ItemShelf(fetch)
    held = _item("h")
    shelf.put(0, "h", item=held)
    shelf.put(0, "b", ref=Ref(path, "d", 1))  # the held item is dropped for the ref
    assert shelf[0] == items[1]
    shelf.put(0, "h", item=held)  # and back
    assert shelf[0] is held
    assert len(shelf) == 1 and len(fetch.calls) == 1


def test_detached_copy_holds_just_the_positions_and_fetches_through_its_own() -> None:
    path, items = _file("one.yaml", "a", "b", "c")
    original_fetch = FakeFiles({path: items})
    shelf = ItemShelf(original_fetch, recent=3)
    _shelve(shelf, path, items)
    held = _item("h")
    shelf.put(3, "h", item=held)
    assert shelf[0] == items[0]  # the original has the file in its recent set

    copy_fetch = FakeFiles({path: items})
    copy = shelf.detached([1, 3], copy_fetch)
    assert len(copy) == len(shelf) == 4
    assert copy[1] == items[1] and copy[3] is held
    assert copy[0] is None and copy[2] is None  # not asked for
    assert len(copy_fetch.calls) == 1 and len(original_fetch.calls) == 1
    # changing one leaves the other alone
    copy.put(1, "x", item=_item("x"))
    assert shelf[1] == items[1]
    shelf.put(3, "c", ref=Ref(path, "d", 2))
    assert copy[3] is held
    assert shelf.detached([0], None)[0] is None


# ------------------------------------------------------------------ the lazy load through the parse cache


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three articles (variants of the seed, so distinct ids) and the two seed briefing files."""
    docs = tmp_path / "docs"
    docs.mkdir()
    seed = SEED_ARTICLE.read_text(encoding="utf-8")
    for n in range(3):
        (docs / f"article-{n}.txt").write_text(f"Headline number {n}\n\n{seed}", encoding="utf-8")
    for yaml_file in sorted(SEEDS.glob("*.yaml")):
        shutil.copy(yaml_file, docs / yaml_file.name)
    return docs


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[ParseCache]:
    c = ParseCache(tmp_path / "cache" / "parse.sqlite3")
    yield c
    c.close()


Loaded = list[tuple[Path | None, LoadResult]]


def _load(paths: list[Path], cache: ParseCache | None, *, lazy: bool) -> Loaded:
    return [(path, result) for path, result, _done, _total in load_many(paths, cache=cache, workers=1, lazy=lazy)]


def _shape(loaded: Loaded) -> list[tuple[Path | None, list[tuple[Summary, str]]]]:
    return [(path, [(e.summary, e.text) for e in result.entries or []]) for path, result in loaded]


def _sql(cache: ParseCache, *statements: tuple[str, tuple]) -> list[list[tuple]]:
    """Run statements on the cache file through a connection of its own, as another process would."""
    cache.flush()
    db = sqlite3.connect(cache.path)
    try:
        out = [db.execute(sql, args).fetchall() for sql, args in statements]
        db.commit()
    finally:
        db.close()
    return out


def _no_item_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("decoded a whole item where summaries should do")

    for name in ("get", "get_many", "get_items"):
        monkeypatch.setattr(ParseCache, name, refuse)


def test_cold_and_warm_lazy_loads_agree_and_match_an_eager_load(folder: Path, cache: ParseCache,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    missing = folder.parent / "missing.txt"
    cold = _load([folder, missing], cache, lazy=True)
    eager = _load([folder, missing], None, lazy=False)

    names = [path.name if path else None for path, _ in cold]
    assert names == ["article-0.txt", "article-1.txt", "article-2.txt", "desk-briefs.yaml",
                     "kursk-desk-summary.yaml", None]
    assert cold[-1][1].problems and cold[-1][1].entries == []
    for (path, lazy_result), (eager_path, eager_result) in zip(cold, eager, strict=True):
        assert path == eager_path
        assert lazy_result.items == []
        assert [(e.summary, e.text) for e in lazy_result.entries or []] == [
            (Summary.of(item), searchable_text(item)) for item in eager_result.items]
    assert sum(len(r.entries or []) for _, r in cold) == 3 + 3 + 1

    with monkeypatch.context() as mp:
        _no_item_decoding(mp)  # a warm lazy load reads summaries alone
        warm = _load([folder, missing], cache, lazy=True)
    assert _shape(warm) == _shape(cold)
    for (path, warm_result), (_, cold_result) in zip(warm, cold, strict=True):
        assert warm_result.items == []
        for k, (w, c) in enumerate(zip(warm_result.entries or [], cold_result.entries or [], strict=True)):
            assert w.item is None and c.item is None
            assert w.ref is not None and w.ref == c.ref
            assert (w.ref.path, w.ref.index) == (path, k)

    eager_items = {path: result.items for path, result in eager if path}
    for path, result in warm:
        for entry in result.entries or []:
            assert entry.ref is not None
            fetched = fetch_items(entry.ref, cache)
            assert fetched == eager_items[path]
            assert fetched[entry.ref.index].id == entry.summary.id  # type: ignore[index]


def test_an_article_copied_elsewhere_carries_its_own_path(folder: Path, cache: ParseCache) -> None:
    _load([folder], cache, lazy=True)
    other = folder.parent / "elsewhere"
    other.mkdir()
    shutil.copy(folder / "article-1.txt", other / "copy.txt")
    cold = _load([other], cache, lazy=True)  # same content, same digest: a cache hit
    warm = _load([other], cache, lazy=True)
    for loaded in (cold, warm):
        [(_, result)] = loaded
        [entry] = result.entries or []
        assert entry.summary.source == str(other / "copy.txt")
        assert entry.ref is not None and entry.ref.path == other / "copy.txt"
        [item] = fetch_items(entry.ref, cache) or []
        assert item.source == str(other / "copy.txt")
        assert item == _load([other], None, lazy=False)[0][1].items[0]


def test_fetch_reads_the_file_again_when_the_cache_lost_the_entry(folder: Path, cache: ParseCache) -> None:
    _load([folder], cache, lazy=True)
    warm = _load([folder], cache, lazy=True)
    eager = {path: result.items for path, result in _load([folder], None, lazy=False)}
    assert _sql(cache, ("SELECT count(*) FROM results", ()))[0] == [(5,)]
    _sql(cache, ("DELETE FROM results", ()), ("DELETE FROM summaries", ()))

    for path, result in warm:
        for entry in result.entries or []:
            assert entry.ref is not None
            assert fetch_items(entry.ref, cache) == eager[path]
            assert fetch_items(entry.ref, None) == eager[path]
    # and nothing is written: this runs for the screen, and a loading thread may hold the cache for
    # writing (a write here would wait on its lock); the next load caches them again
    assert _sql(cache, ("SELECT count(*) FROM results", ()))[0] == [(0,)]


def test_shelf_over_fetch_items_follows_a_changed_file(folder: Path, cache: ParseCache) -> None:
    warm = _load([folder], cache, lazy=True)
    fetches: list[Ref] = []

    def fetch(ref: Ref) -> list[Item] | None:
        fetches.append(ref)
        return fetch_items(ref, cache)

    shelf = ItemShelf(fetch)
    for _, result in warm:
        for entry in result.entries or []:
            shelf.put(len(shelf), entry.summary.id, ref=entry.ref, item=entry.item)
    ids = [entry.summary.id for _, result in warm for entry in result.entries or []]
    assert [shelf[p].id for p in range(len(shelf))] == ids  # type: ignore[union-attr]
    assert len(fetches) == 5  # one per file

    # The cache loses its entries and the briefing file loses its middle item: the shelf reads the
    # file as it is now, finds the last item at its new index and none for the removed one.
    _sql(cache, ("DELETE FROM results", ()), ("DELETE FROM summaries", ()))
    briefs = folder / "desk-briefs.yaml"
    text = briefs.read_text(encoding="utf-8")
    start = text.index("  - id: desk-2005-ba-fuel")
    end = text.index("  - id: desk-2004-davis-cup")
    briefs.write_text(text[:start] + text[end:], encoding="utf-8")
    shelf.forget_recent()
    positions = {item_id: p for p, item_id in enumerate(ids)}
    assert shelf[positions["desk-2005-ba-fuel"]] is None
    davis = shelf[positions["desk-2004-davis-cup"]]
    assert davis is not None and davis.title == "Moya calls Davis Cup win the highlight of his career"
    assert shelf[positions["desk-2024-11-12-treaty"]] is not None


def _corrupt_bytes(cache: ParseCache) -> None:
    _sql(cache, ("UPDATE summaries SET data = CAST(replace(CAST(data AS TEXT), 'Russia', 'Narnia') AS BLOB)", ()))


def _corrupt_shape(cache: ParseCache) -> None:
    """Rows that pass their checksum (as if written by a broken version) but are not summaries."""
    [rows] = _sql(cache, ("SELECT digest, data FROM summaries", ()))
    bad = [b"[[1,2,3]]", b'[["id",null,5,null,null,"",""]]', b'[["id",null,"label",null,null,"",7]]', b'{"a":1}',
           b"[not json"]
    for (digest, _), blob in zip(rows, bad, strict=True):
        _sql(cache, ("UPDATE summaries SET data = ?, checksum = ? WHERE digest = ?",
                     (blob, hashlib.blake2b(blob, digest_size=8).hexdigest(), digest)))


@pytest.mark.parametrize("corrupt", [_corrupt_bytes, _corrupt_shape])
def test_a_corrupt_summaries_row_is_dropped_and_the_file_loaded_properly(
        folder: Path, cache: ParseCache, corrupt: Callable[[ParseCache], None]) -> None:
    cold = _load([folder], cache, lazy=True)
    [[(rows,)]] = _sql(cache, ("SELECT count(*) FROM summaries", ()))
    assert rows == 5
    query = ("SELECT digest, data FROM summaries ORDER BY digest", ())
    [before] = _sql(cache, query)
    corrupt(cache)
    [after] = _sql(cache, query)
    assert [d for d, _ in after] == [d for d, _ in before]
    assert all(a != b for (_, a), (_, b) in zip(after, before, strict=True))  # every row's data changed

    again = _load([folder], cache, lazy=True)
    assert _shape(again) == _shape(cold)
    assert not any("Narnia" in e.text or "Narnia" in e.summary.label for _, r in again for e in r.entries or [])
    [[(left,)]] = _sql(cache, ("SELECT count(*) FROM summaries WHERE CAST(data AS TEXT) LIKE '%Narnia%'", ()))
    assert left == 0
    eager = {path: result.items for path, result in _load([folder], None, lazy=False)}
    for path, result in again:
        for entry in result.entries or []:
            assert entry.ref is not None and fetch_items(entry.ref, cache) == eager[path]


def test_a_dropped_summaries_row_is_restored(folder: Path, cache: ParseCache, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _load([folder], cache, lazy=True)
    _corrupt_bytes(cache)
    _load([folder], cache, lazy=True)  # drops the bad rows, loads properly
    cache.flush()
    _no_item_decoding(monkeypatch)
    assert _shape(_load([folder], cache, lazy=True)) == _shape(cold)


def test_a_briefing_item_naming_an_article_is_held_not_referenced(folder: Path, cache: ParseCache) -> None:
    linked = folder / "linked.yaml"
    linked.write_text("items:\n  - id: linked\n    article: article-0.txt\n    tags: [x]\n", encoding="utf-8")
    for _ in range(2):  # such a file is never cached, cold or warm
        [(path, result)] = _load([linked], cache, lazy=True)
        [entry] = result.entries or []
        assert path == linked and entry.ref is None and entry.item is not None
        assert entry.item.id == entry.summary.id == "linked"
        assert entry.summary.title == "Headline number 0"
        assert entry.text == searchable_text(entry.item)


def test_shelf_refs_come_back_equal_and_a_file_is_kept_once() -> None:
    path = Path("desk.yaml")
    shelf = ItemShelf()
    for k in range(3):
        shelf.put(k, f"i{k}", ref=Ref(path, "d1", k))
    shelf.put(3, "h", item=_item("h"))
    shelf.put(4, "o", ref=Ref(Path("other.yaml"), "d2", 70_000))
    assert [shelf.ref(p) for p in range(5)] == [Ref(path, "d1", 0), Ref(path, "d1", 1), Ref(path, "d1", 2), None,
                                                Ref(Path("other.yaml"), "d2", 70_000)]
    assert shelf.ref(5) is None and shelf.ref(-1) is None
    assert len(shelf._files) == 2  # one (path, digest) per file, not per item
    shelf.put(1, "i1", ref=Ref(path, "d3", 4))  # the file changed: a new digest
    assert shelf.ref(1) == Ref(path, "d3", 4) and shelf.ref(0) == Ref(path, "d1", 0)
    shelf.put(0, "h0", item=_item("h0"))  # held now: no ref
    assert shelf.ref(0) is None and shelf.detached([0, 2], None).ref(2) == Ref(path, "d1", 2)
    assert shelf.detached([0], None).ref(2) is None
