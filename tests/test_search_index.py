"""Find over the parse cache's search index (issue 17): the index answers what a scan of the texts
would, for every query length and case, and what it cannot answer (items out of it, replaced since,
a planted row) is scanned or refused, never answered wrongly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_tui.cache import ParseCache, pairs_of
from briefing_tui.catalog import ITEM_BITS, Entry, Ref
from briefing_tui.filtering import SearchIndex
from briefing_tui.model import Item
from briefing_tui.spill import SpilledTexts

KEY = b"k" * 32
TEXTS = ["Sanctions on the port were widened.", "A quiet day at sea in São Paulo.", "The sanitary board met.",
         "Sandra Lee spoke for the port, said Straße officials.", "Nothing to report.", "GDP rose 2.5% in Q3",
         "Kim Jong-un visited North Korea's coast.", "x"]


def scanned(texts: list[str], query: str) -> set[int]:
    """What find means by ``query``: smart case over each whole text (the spill's own answer)."""
    spill = SpilledTexts()
    try:
        for position, text in enumerate(texts):
            spill.put(position, text)
        spill.flush()
        return spill.find(query)
    finally:
        spill.close()


def indexed(tmp_path: Path, files: list[list[str]], *,
            skip: frozenset[int] = frozenset()) -> tuple[SearchIndex, list[str]]:
    """A search index over ``files`` (the texts of each), every file's entry indexed in a parse cache;
    the items of ``skip`` (their place overall) left out, as duplicates are."""
    cache = ParseCache(tmp_path / "cache.sqlite3", key=KEY)
    index = SearchIndex(look_up=cache.search_rows)
    texts: list[str] = []
    overall = 0
    for f, file_texts in enumerate(files):
        if not file_texts:
            continue
        number = cache.put_search_texts(f"digest-{f}", file_texts)
        assert number is not None
        entries = []
        for k, text in enumerate(file_texts):
            if overall not in skip:
                item = Item(id=f"{f}-{k}", title=None, body=[text])
                entries.append(Entry(Entry.of(item, None).summary, text, Ref(Path(f"{f}.yaml"), f"digest-{f}", k),
                                     indexed=number << ITEM_BITS | k))
                texts.append(text)
            overall += 1
        index.add_entries(entries)
    cache.flush()
    return index, texts


QUERIES = ["s", "S", "sa", "Sa", "SA", "san", "San", "port", "Port", "ß", "ss", "strasse", "straße", "são", "2.5",
           "2", "q3", "Q3", "Q", "gdp", "GDP", "-un", "jong-un", "a", "é", ".", "th", "x", "zz", "the port", "rth k"]


@pytest.mark.parametrize("query", QUERIES)
def test_the_index_answers_as_a_scan_would(tmp_path: Path, query: str) -> None:
    index, texts = indexed(tmp_path, [TEXTS[:3], TEXTS[3:4], TEXTS[4:]])
    assert index.find_all(query) == scanned(texts, query)


def test_an_item_out_of_step_or_left_out_is_not_answered_for_another(tmp_path: Path) -> None:
    # The second file's first item skipped (a duplicate): its row must not stand for the item after it.
    index, texts = indexed(tmp_path, [TEXTS[:3], TEXTS[3:6], TEXTS[6:]], skip=frozenset({3, 7}))
    for query in QUERIES:
        assert index.find_all(query) == scanned(texts, query), query


def test_an_item_out_of_step_does_not_wait_for_the_index(tmp_path: Path) -> None:
    index, _ = indexed(tmp_path, [TEXTS[:3], TEXTS[3:6]], skip=frozenset({3}))
    assert not index.waiting_for_index()  # both entries are indexed; items 4 and 5 are scanned


def test_an_item_replaced_since_it_was_indexed_is_found_by_its_new_text(tmp_path: Path) -> None:
    index, _ = indexed(tmp_path, [TEXTS[:4]])
    index.replace(1, Item(id="0-1", title=None, body=["Sanctions lifted in Oslo."]))
    assert 1 in index.find_all("oslo")
    assert 1 not in index.find_all("paulo")  # the index still has the old text: it is not believed
    assert index.find_all("sanctions") == {0, 1}


def test_items_without_a_row_are_scanned(tmp_path: Path) -> None:
    index, _ = indexed(tmp_path, [TEXTS[:2]])
    index.add_entries([Entry.of(Item(id="loose", title=None, body=["The port of Sandvika."]), None)])
    assert index.find_all("sandvika") == {2}
    assert index.find_all("port") == {0, 2}


def test_a_planted_row_number_is_refused(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache.sqlite3", key=KEY)
    first = cache.put_search_texts("a", ["alpha text"])
    second = cache.put_search_texts("b", ["beta text"])
    cache.flush()
    assert first is not None and second is not None and first != second
    db = sqlite3.connect(tmp_path / "cache.sqlite3")
    with db:  # entry a pointed at b's rows, as someone who can write the file but has no key could
        db.execute("UPDATE search_rows SET id = -1 WHERE digest = 'b'")
        db.execute("UPDATE search_rows SET id = ? WHERE digest = 'a'", (second,))
    db.close()
    reopened = ParseCache(tmp_path / "cache.sqlite3", key=KEY)
    assert reopened.search_id("a") is None
    assert reopened.search_id("b") is None


def test_an_entry_is_indexed_once_and_text_sqlite_cannot_take_is_not(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache.sqlite3", key=KEY)
    number = cache.put_search_texts("a", ["one", "two"])
    assert cache.put_search_texts("a", ["one", "two"]) == number
    assert cache.put_search_texts("bad", ["a lone \ud800 surrogate"]) is None
    assert cache.search_id("bad") is None
    cache.flush()
    assert cache.search_rows("two") == [number << ITEM_BITS | 1]


def test_a_query_the_index_cannot_take_is_left_to_the_scan(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache.sqlite3", key=KEY)
    cache.put_search_texts("a", ["naïve café"])
    cache.flush()
    assert cache.search_rows("é") is None  # one character that is not an ASCII letter or digit
    assert cache.search_rows("ï") is None
    assert cache.search_rows("caf") is not None
    assert cache.search_rows('"; DROP TABLE search_rows; --') == []  # a query is a literal string


def test_two_caches_indexing_the_same_entry_agree(tmp_path: Path) -> None:
    one = ParseCache(tmp_path / "cache.sqlite3", key=KEY)
    other = ParseCache(tmp_path / "cache.sqlite3", key=KEY)
    number = one.put_search_texts("a", ["shared text"])
    one.flush()
    assert other.put_search_texts("a", ["shared text"]) == number
    other.flush()
    assert other.search_rows("shared") == [number << ITEM_BITS]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(alphabet="abAB1 .ßsSéÉ-", max_size=30), min_size=1, max_size=8),
       query=st.text(alphabet="abAB1 .ßsSéÉ-", min_size=1, max_size=4))
def test_any_query_over_any_texts(tmp_path_factory: pytest.TempPathFactory, texts: list[str], query: str) -> None:
    index, kept = indexed(tmp_path_factory.mktemp("idx"), [texts[: len(texts) // 2], texts[len(texts) // 2:]])
    if not query.strip():
        return
    assert index.find_all(query) == scanned(kept, query.strip())


def test_pairs_hold_every_pair_of_letters_and_digits() -> None:
    text = "Kim Jong-un, GDP 2.5"
    tokens = set(pairs_of(text, text.casefold()).split())
    assert {"ki", "im", "jo", "un", "gd", "dp", "k", "2", "5"} <= tokens
    assert "x4b69" in tokens and "x4744" in tokens  # "Ki" and "GD" as written
    assert "n-" not in tokens and "2." not in tokens


def test_loaded_items_wait_for_the_index_and_are_found_the_same_before_and_after(tmp_path: Path) -> None:
    from briefing_tui.loading.batch import load_many

    folder = tmp_path / "desk"
    folder.mkdir()
    for n, text in enumerate(TEXTS[:6]):
        (folder / f"a{n}.txt").write_text(f"Story {n}\n\n{text}\n", encoding="utf-8")
    (folder / "brief.yaml").write_text("items:\n" + "".join(
        f"  - id: y{n}\n    title: Brief {n}\n    body: [\"{text}\"]\n" for n, text in enumerate(TEXTS[4:])),
        encoding="utf-8")
    for launch in ("cold", "warm, not indexed", "warm, indexed"):
        cache = ParseCache(tmp_path / "cache.sqlite3", key=KEY)
        entries = [e for _, result, _, _ in load_many([folder], cache=cache, lazy=True) for e in result.entries or ()]
        cache.flush()
        assert len(entries) == 6 + len(TEXTS[4:]), launch
        # Warm and indexed: all but the item replaced before its entry was indexed (the only item of a0.txt).
        assert [e.indexed is not None for e in entries] == [launch == "warm, indexed" and k > 0
                                                             for k in range(len(entries))], launch
        index = SearchIndex(look_up=cache.search_rows)
        index.add_entries(entries)
        texts = [e.text for e in entries]
        for query in QUERIES:
            assert index.find_all(query) == scanned(texts, query), (launch, query)
        waiting = index.waiting_for_index()
        assert sum(len(p) for p in waiting.values()) == (1 if launch == "warm, indexed" else len(entries)), launch
        if launch == "warm, not indexed":
            # What the dashboard does after loading (Loader.index_texts): each entry indexed, then taken.
            index.replace(0, Item(id="replaced", title=None, body=["Replaced by a save in Oslo."]))
            for digest, placed in index.waiting_for_index().items():
                rows = cache.get_summaries(digest)
                assert rows is not None
                number = cache.put_search_texts(digest, [text for _, text in rows])
                assert number is not None
                cache.flush()
                index.indexed(digest, number, placed)
            assert not index.waiting_for_index()
            texts[0] = "Replaced by a save in Oslo."
            for query in [*QUERIES, "oslo", "Oslo"]:
                assert index.find_all(query) == scanned(texts, query), (launch, query)
        cache.close()


def test_check_with_index_leaves_every_entry_indexed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from briefing_tui.cache import open_default_cache
    from briefing_tui.cli import main
    from briefing_tui.loading.batch import load_many

    folder = tmp_path / "desk"
    folder.mkdir()
    for n, text in enumerate(TEXTS[:4]):
        (folder / f"a{n}.txt").write_text(f"Story {n}\n\n{text}\n", encoding="utf-8")
    assert main(["check", str(folder)]) == 0  # cached, not indexed
    assert main(["check", "--index", str(folder)]) == 0
    assert "4 files newly indexed for find" in capsys.readouterr().out
    assert main(["check", "--index", str(folder)]) == 0
    assert "0 files newly indexed for find" in capsys.readouterr().out
    cache = open_default_cache()
    assert cache is not None
    entries = [e for _, result, _, _ in load_many([folder], cache=cache, lazy=True) for e in result.entries or ()]
    assert len(entries) == 4 and all(e.indexed is not None for e in entries)
    cache.close()
