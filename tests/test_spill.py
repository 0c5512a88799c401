"""SpilledTexts: find over texts kept in an unlinked temp file equals a plain in-memory search."""

from __future__ import annotations

import os
import random
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import briefing_tui.spill as spill
from briefing_tui.spill import SpilledTexts


def reference(texts: dict[int, str], query: str, wanted: Iterable[int] | None = None) -> set[int]:
    """What find must answer: smart case over each live text on its own."""
    query = query.strip()
    if not query:
        return set()
    if any(c.isupper() for c in query):
        found = {p for p, t in texts.items() if query in t}
    else:
        found = {p for p, t in texts.items() if query.casefold() in t.casefold()}
    return found if wanted is None else found & set(wanted)


@pytest.fixture
def spilled() -> Iterable[SpilledTexts]:
    texts = SpilledTexts()
    yield texts
    texts.close()


# ------------------------------------------------------------------ smart case


def test_lower_case_query_ignores_case_and_a_capital_asks_for_exact_case(spilled: SpilledTexts) -> None:
    spilled.put_many([(0, "Kursk region"), (1, "KURSK OBLAST"), (2, "kursk"), (3, "Kyiv")])
    assert spilled.find("kursk") == {0, 1, 2}
    assert spilled.find("Kursk") == {0}
    assert spilled.find("KURSK") == {1}
    assert spilled.find("kURSK") == set()
    assert spilled.find("oblast") == {1}
    assert spilled.find("nowhere") == set()


def test_casefold_not_just_lower(spilled: SpilledTexts) -> None:
    spilled.put_many([(0, "Straße"), (1, "STRASSE"), (2, "strasse"), (3, "Strase")])
    # lower case: case-folded, so ß and ss are the same
    assert spilled.find("strasse") == {0, 1, 2}
    assert spilled.find("straße") == {0, 1, 2}
    # any capital: exact text only
    assert spilled.find("STRASSE") == {1}
    assert spilled.find("Straße") == {0}
    assert spilled.find("Strasse") == set()


def test_query_is_stripped_and_empty_or_nul_queries_find_nothing(spilled: SpilledTexts) -> None:
    spilled.put_many([(0, "alpha beta"), (1, "gamma")])
    assert spilled.find("  beta\t") == {0}
    assert spilled.find("") == set()
    assert spilled.find("   ") == set()
    assert spilled.find("a\0g") == set()  # the separator itself is never a match


def test_non_ascii_texts(spilled: SpilledTexts) -> None:
    texts = {0: "МОСКВА заявила", 1: "Москва", 2: "東京で会談", 3: "Zürich 🙂 Ærø", 4: "İstanbul"}
    spilled.put_many(texts.items())
    assert spilled.find("москва") == {0, 1}
    assert spilled.find("Москва") == {1}
    assert spilled.find("会談") == {2}
    assert spilled.find("🙂 ærø") == {3}
    assert spilled.find("ZÜRICH") == set()
    assert spilled.find("İstanbul") == {4}
    for query in ("москва", "Москва", "会談", "🙂 ærø", "ZÜRICH", "zürich", "istanbul", "İstanbul"):
        assert spilled.find(query) == reference(texts, query), query


# ------------------------------------------------------------------ item boundaries


@pytest.mark.parametrize("chunk", [1, 7, 1 << 20])
def test_a_match_never_spans_two_items(spilled: SpilledTexts, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(spill, "CHUNK", chunk)
    spilled.put_many([(0, "xx foo"), (1, "bar yy"), (2, "FOO"), (3, "BAR")])
    for query in ("foobar", "foo bar", "FOOBAR", "oba", "OBA", "foo\nbar"):
        assert spilled.find(query) == set(), query
    assert spilled.find("foo") == {0, 2}
    assert spilled.find("bar") == {1, 3}
    # the same through the few-candidates path
    spilled.put_many((p, "filler") for p in range(4, 400))
    assert spilled.find("foobar", wanted=[0, 1]) == set()
    assert spilled.find("foo", wanted=[0, 1]) == {0}


def test_texts_put_without_flush_are_found(spilled: SpilledTexts) -> None:
    spilled.put(0, "one")
    spilled.put(1, "two")
    assert spilled.find("two") == {1}
    spilled.put(2, "three two")
    assert spilled.find("two") == {1, 2}
    assert len(spilled) == 3


# ------------------------------------------------------------------ replacing


def test_replaced_text_is_no_longer_found(spilled: SpilledTexts, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spill, "CHUNK", 5)
    spilled.put_many([(0, "old words"), (1, "other"), (2, "old too")])
    spilled.put(0, "new words")
    assert spilled.find("old") == {2}
    assert spilled.find("new") == {0}
    assert spilled.find("words") == {0}
    assert spilled.find("old", wanted=[0]) == set()
    spilled.put(2, "")  # emptied
    assert spilled.find("old") == set()
    spilled.put(0, "old again")
    spilled.flush()
    assert spilled.find("old") == {0}
    assert spilled.find("new") == set()
    assert len(spilled) == 3


def test_folded_texts_gives_each_live_position_once_in_writing_order(spilled: SpilledTexts) -> None:
    spilled.put_many([(0, "First"), (1, "SECOND"), (2, "Straße")])
    spilled.put(0, "First, Rewritten")
    spilled.put(3, "")
    assert list(spilled.folded_texts()) == [(1, "second"), (2, "strasse"), (0, "first, rewritten"), (3, "")]


# ------------------------------------------------------------------ chunks


def test_items_larger_than_a_chunk(spilled: SpilledTexts, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spill, "CHUNK", 7)
    long_a = "a" * 50 + " needle " + "b" * 50 + " ENDING"
    long_b = "Ünïcödé " * 20 + "tail"
    spilled.put_many([(0, "short"), (1, long_a), (2, "tiny"), (3, long_b), (4, "ending")])
    assert spilled.find("needle") == {1}
    assert spilled.find("ending") == {1, 4}
    assert spilled.find("ENDING") == {1}
    assert spilled.find("ünïcödé tail") == {3}
    assert spilled.find("tailtiny") == set()
    assert spilled.find("a" * 50 + " needle") == {1}
    assert dict(spilled.folded_texts()) == {0: "short", 1: long_a.casefold(), 2: "tiny", 3: long_b.casefold(),
                                            4: "ending"}


_ALPHABET = "abAB \nßSsẞéÉıİiIﬃfF中"
_text = st.text(alphabet=_ALPHABET, max_size=12)


@settings(max_examples=150, deadline=None)
@given(
    chunk=st.sampled_from([1, 2, 7, 16, 1 << 20]),
    writes=st.lists(st.tuples(st.integers(0, 9), _text, st.booleans()), max_size=25),
    queries=st.lists(st.tuples(st.text(alphabet=_ALPHABET, min_size=1, max_size=4),
                               st.none() | st.sets(st.integers(0, 11), max_size=4)), min_size=1, max_size=8),
)
def test_find_equals_a_brute_force_search(chunk: int, writes: list[tuple[int, str, bool]],
                                          queries: list[tuple[str, set[int] | None]]) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(spill, "CHUNK", chunk)
        spilled = SpilledTexts()
        try:
            model: dict[int, str] = {}
            for position, text, flush in writes:
                spilled.put(position, text)
                model[position] = text
                if flush:
                    spilled.flush()
            # also ask for pieces of the texts themselves, so there are hits
            asked = list(queries) + [(t[1:4], None) for t in model.values() if len(t) > 2]
            for query, wanted in asked:
                assert spilled.find(query, wanted) == reference(model, query, wanted), (query, wanted)
            assert sorted(spilled.folded_texts()) == sorted((p, t.casefold()) for p, t in model.items())
            assert len(spilled) == len(model)
        finally:
            spilled.close()


def test_many_random_texts_over_tiny_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Several hundred segments (so both wanted paths run), replacements, long and short texts."""
    monkeypatch.setattr(spill, "CHUNK", 7)
    rng = random.Random(20241112)
    words = ["Kursk", "kursk", "KURSK", "Straße", "STRASSE", "troops", "Тroops", "中文", "ﬃ", "office", "a", "b"]
    spilled = SpilledTexts()
    model: dict[int, str] = {}
    try:
        for _ in range(600):
            position = rng.randrange(300)
            text = " ".join(rng.choice(words) for _ in range(rng.choice([0, 1, 2, 5, 30])))
            spilled.put(position, text)
            model[position] = text
            if rng.random() < 0.05:
                spilled.flush()
        queries = ["kursk", "Kursk", "KURSK", "strasse", "straße", "STRASSE", "ffi", "office", "中", "a b", "k b",
                   "troops troops", "sk st"]
        for query in queries:
            assert spilled.find(query) == reference(model, query), query
            for wanted in ([rng.randrange(300)], rng.sample(range(300), 3), rng.sample(range(320), 200)):
                assert spilled.find(query, wanted) == reference(model, query, wanted), (query, wanted)
        assert sorted(spilled.folded_texts()) == sorted((p, t.casefold()) for p, t in model.items())
    finally:
        spilled.close()


# ------------------------------------------------------------------ the wanted restriction


def _fill(spilled: SpilledTexts, count: int) -> dict[int, str]:
    model = {p: f"item {p} " + ("Match here" if p % 3 == 0 else "nothing") for p in range(count)}
    spilled.put_many(model.items())
    return model


def test_wanted_with_few_candidates_reads_only_theirs(spilled: SpilledTexts, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _fill(spilled, 400)
    spilled.put(3, "item 3 replaced")  # a replaced candidate answers with its live text
    model[3] = "item 3 replaced"

    def no_scan(self: object) -> None:
        raise AssertionError("a full scan for a handful of candidates")

    monkeypatch.setattr(spill._Segments, "chunks", no_scan)
    wanted = [0, 1, 3, 6, 999]  # 999: never written
    assert len(wanted) * 64 < 400
    assert spilled.find("match", wanted) == {0, 6} == reference(model, "match", wanted)
    assert spilled.find("Match", wanted) == {0, 6}
    assert spilled.find("MATCH", wanted) == set()
    assert spilled.find("replaced", wanted) == {3}
    assert spilled.find("match", []) == set()


def test_wanted_with_many_candidates_scans_and_filters(spilled: SpilledTexts) -> None:
    model = _fill(spilled, 100)
    wanted = set(range(0, 100, 2)) | {500}  # most items: one pass over every text, kept if wanted
    assert len(wanted) * 4 >= 100
    assert spilled.find("match", wanted) == reference(model, "match", wanted) == {p for p in range(0, 100, 6)}
    assert spilled.find("match") == reference(model, "match")


def _status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field + ":"))


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the resident set from /proc")
def test_find_leaves_the_texts_out_of_the_resident_set() -> None:
    """The texts are kept on disk so they do not count as the dashboard's memory: a find maps them to
    search in place, and gives the pages back to the page cache as it goes."""
    texts = SpilledTexts()
    try:
        block = "word " * 2_000
        for position in range(3_000):  # 30 MB of text, twice (as written and folded)
            texts.put(position, f"{block} item{position}")
        texts.flush()
        before = _status_kib("RssFile")
        assert texts.find("item2999") == {2999}
        assert texts.find("ITEM") == set()
        assert texts.find("item1", set(range(0, 3_000, 7))) == {p for p in range(0, 3_000, 7) if str(p)[0] == "1"}
        assert _status_kib("RssFile") - before < 10_000  # KiB, of the 60 MB searched
    finally:
        texts.close()


# ------------------------------------------------------------------ nothing on disk


def test_the_temp_file_leaves_nothing_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    assert tempfile.gettempdir() == str(folder)
    spilled = SpilledTexts()
    try:
        spilled.put_many((p, "some searchable text " * 50) for p in range(100))
        assert spilled.find("searchable") == set(range(100))
        assert list(folder.iterdir()) == []
        name = spilled._exact._fd.name
        assert not (isinstance(name, str) and os.path.exists(name))
        assert os.fstat(spilled._exact._fd.fileno()).st_nlink == 0
        assert os.fstat(spilled._folded._fd.fileno()).st_nlink == 0
    finally:
        spilled.close()
    assert list(folder.iterdir()) == []


def test_texts_of_reads_the_live_text_of_each_position_as_written() -> None:
    texts = SpilledTexts()
    texts.put_many([(0, "Alpha ÉTÉ"), (1, "beta"), (2, "gamma")])
    texts.put(1, "beta, edited")  # live reload replaced it
    texts.flush()
    assert texts.texts_of([1, 0, 7]) == {1: "beta, edited", 0: "Alpha ÉTÉ"}
    texts.close()
    assert texts.texts_of([0]) == {}  # a worker still reading while the dashboard closes gets nothing


def test_positions_out_of_order_with_gaps_and_replaced(spilled: SpilledTexts) -> None:
    """Each position's live segment is kept in an array by position: gaps hold none, a position
    beyond the end grows it, and replacing a text leaves the count as it was."""
    spilled.put_many([(5, "Five apples"), (2, "two pears")])
    assert len(spilled) == 2
    assert spilled.texts_of([0, 2, 3, 5, 9, -1]) == {2: "two pears", 5: "Five apples"}
    spilled.put_many([(2, "two plums"), (0, "zero apples")])
    assert len(spilled) == 3
    assert spilled.find("apples") == {0, 5} and spilled.find("pears") == set()
    assert spilled.find("apples", [5, 7]) == {5} and spilled.find("plums", [2, 40]) == {2}
    assert spilled.texts_of([2]) == {2: "two plums"}
    assert sorted(spilled.folded_texts()) == [(0, "zero apples"), (2, "two plums"), (5, "five apples")]
    with pytest.raises(IndexError):
        spilled.put(-1, "nowhere")
