"""A desk's archive (issue 17): the hotkeys' sets come with the entries (each entry's keyword flags, worked
out once and kept in the parse cache), give the rows a scan of every text would give, and a toggle scans no
text."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing_tui import filtering, keyword_flags
from briefing_tui.cache import ParseCache
from briefing_tui.catalog import Entry, Ref
from briefing_tui.filtering import SearchIndex
from briefing_tui.keyword_flags import flag_entries, flags_of, keywords_key
from briefing_tui.loading.result import LoadResult
from briefing_tui.model import Item
from briefing_tui.settings import Keyword
from briefing_tui.summary import searchable_text

KEYWORDS = [
    Keyword("1", "Russia", ("Russia", "Russian", "Putin", "Kremlin")),
    Keyword("2", "Money", ("/[$£€]\\s?\\d/", "profit", "sanctions")),
    Keyword("3", "Korea", ("North Korea", "Pyongyang")),
]
BODIES = [
    "Putin spoke to reporters.", "It cost £5m in all.", "Nothing of note today.", "RUSSIAN profits rose.",
    "North  Korea fired a missile.", "The kremlinology seminar met.", "Sanctions on Pyongyang and Moscow.",
    "A prussian map sold for $ 40.", "Straße closed in Kyiv.",
]


def items(start: int, count: int) -> list[Item]:
    return [Item(id=f"i{n}", title=f"Item {n}", body=[BODIES[n % len(BODIES)], BODIES[(n * 7) % len(BODIES)]])
            for n in range(start, start + count)]


def flagged_entries(batch: list[Item]) -> list[Entry]:
    """Entries as the loader hands them over: each with its keyword flags."""
    entries = [Entry.of(item, None) for item in batch]
    for entry, bits in zip(entries, flags_of([e.text for e in entries], KEYWORDS), strict=True):
        entry.flags = bits
    return entries


def expected(index: SearchIndex, keywords: list[Keyword], *, match_all: bool) -> list[int]:
    """What the keywords' own patterns (case-insensitive, whole words) say of every item's text."""
    rows = []
    for position in range(len(index)):
        item = index.items[position]
        assert item is not None
        text = searchable_text(item)
        found = [bool(k.pattern.search(text)) for k in keywords]
        if all(found) if match_all else any(found):
            rows.append(position)
    return rows


@pytest.fixture
def archive() -> SearchIndex:
    index = SearchIndex(keywords=KEYWORDS)
    yield index
    index.close()


def combinations() -> list[list[Keyword]]:
    return [[k] for k in KEYWORDS] + [KEYWORDS[:2], KEYWORDS]


def test_flags_are_each_keywords_own_answer() -> None:
    texts = ["Putin spoke", "nothing", "a £5 fee", "RUSSIAN profit", "north\nkorea"]
    want = [sum(1 << k for k, kw in enumerate(KEYWORDS) if kw.pattern.search(t)) for t in texts]
    assert flags_of(texts, KEYWORDS) == want == [1, 0, 2, 3, 4]


def test_the_sets_from_flagged_and_unflagged_entries_match_a_scan(archive: SearchIndex) -> None:
    archive.add(items(0, 6))  # no flags (the first screenful, a live reload): tested when a set is needed
    for start in range(6, 60, 9):  # batches as loading gives them, flagged
        archive.add_entries(flagged_entries(items(start, 9)))
    for keywords in combinations():
        for match_all in (False, True):
            assert archive.filtered(keywords, match_all=match_all) == expected(archive, keywords,
                                                                                match_all=match_all)


def test_a_toggle_scans_no_text(archive: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    """The work of a hotkey does not grow with the texts: no item's text is read or tested for it."""
    archive.add_entries(flagged_entries(items(0, 40)))

    def no_scan(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a hotkey scanned the texts")

    monkeypatch.setattr(SearchIndex, "keyword_sets", no_scan)
    monkeypatch.setattr(type(archive._texts), "folded_texts", no_scan)
    monkeypatch.setattr(filtering, "flags_of", no_scan)
    for _ in range(3):
        for keywords in combinations():
            archive.filtered(keywords, match_all=False)
    archive.add_entries(flagged_entries(items(40, 20)))  # more items: their flags come with them
    assert archive.filtered(KEYWORDS[:1], match_all=False) == expected(archive, KEYWORDS[:1], match_all=False)
    assert archive.unanswered(KEYWORDS) == []


def test_many_unflagged_entries_are_tested_at_once_not_held(archive: SearchIndex,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filtering, "UNFLAGGED_HELD", 10)
    archive.add(items(0, 5))
    assert len(archive._unflagged) == 5  # a few wait, with their texts
    archive.add(items(5, 10))
    assert archive._unflagged == []
    assert archive.filtered(KEYWORDS, match_all=False) == expected(archive, KEYWORDS, match_all=False)


def test_a_keyword_not_a_hotkey_is_answered_by_a_scan(archive: SearchIndex) -> None:
    archive.add_entries(flagged_entries(items(0, 30)))
    other = Keyword("9", "Kyiv", ("Kyiv",))
    assert archive.unanswered([other, *KEYWORDS]) == [other]
    assert archive.filtered([other], match_all=False) == expected(archive, [other], match_all=False)
    assert archive.filtered([other, KEYWORDS[0]], match_all=False) == expected(archive, [other, KEYWORDS[0]],
                                                                               match_all=False)


def test_replaced_items_keep_their_new_answers(archive: SearchIndex) -> None:
    """Live reload replaces an item: its new text decides, whether or not its old one was tested yet."""
    archive.add(items(0, 5))
    archive.replace(0, Item(id="i0", title="Nothing about that country now"))  # before its old text was tested
    archive.add_entries(flagged_entries(items(5, 30)))
    archive.replace(2, Item(id="i2", title="Putin, again"))
    archive.replace(9, Item(id="i9", title="A quiet day"))
    for keywords in combinations():
        assert archive.filtered(keywords, match_all=False) == expected(archive, keywords, match_all=False)
    assert 0 not in archive.keyword_matches(KEYWORDS[0]) and 2 in archive.keyword_matches(KEYWORDS[0])


def test_the_keyword_set_key_follows_the_terms_not_the_names() -> None:
    renamed = [Keyword("r", "Kremlin watch", KEYWORDS[0].terms), *KEYWORDS[1:]]
    assert keywords_key(renamed) == keywords_key(KEYWORDS)
    assert keywords_key(KEYWORDS[::-1]) != keywords_key(KEYWORDS)  # bit k is keyword k
    changed = [Keyword("1", "Russia", ("Russia",)), *KEYWORDS[1:]]
    assert keywords_key(changed) != keywords_key(KEYWORDS)


def loaded_file(digest: str, batch: list[Item]) -> LoadResult:
    return LoadResult(digest=digest, entries=[Entry.of(item, Ref(Path("f.yaml"), digest, k))
                                              for k, item in enumerate(batch)])


def test_flags_are_kept_in_the_parse_cache_and_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ParseCache(tmp_path / "cache.sqlite3", key=b"k" * 32)
    key = keywords_key(KEYWORDS)
    first = loaded_file("d1", items(0, 12))
    flag_entries(first, KEYWORDS, key, cache)
    want = flags_of([e.text for e in first.entries or ()], KEYWORDS)
    assert [e.flags for e in first.entries or ()] == want
    cache.flush()
    assert cache.get_flags("d1", key) == want

    tested: list[int] = []
    real = keyword_flags.flags_of
    monkeypatch.setattr(keyword_flags, "flags_of", lambda texts, kws: tested.append(len(texts)) or real(texts, kws))
    again = loaded_file("d1", items(0, 12))
    flag_entries(again, KEYWORDS, key, cache)
    assert tested == [] and [e.flags for e in again.entries or ()] == want  # read back, nothing tested

    other = [Keyword("1", "Korea", ("North Korea",))]
    flag_entries(loaded_file("d1", items(0, 12)), other, keywords_key(other), cache)  # another keyword set
    assert tested == [12]
    cache.flush()
    assert cache.get_flags("d1", key) is None  # one keyword set per entry: the new one replaced it
    cache.close()


def test_a_tampered_flags_row_is_dropped_and_worked_out_again(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    cache = ParseCache(path, key=b"k" * 32)
    key = keywords_key(KEYWORDS)
    result = loaded_file("d2", items(0, 9))
    flag_entries(result, KEYWORDS, key, cache)
    cache.close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE keyword_flags SET data=? WHERE digest='d2'", (b"[7,7,7,7,7,7,7,7,7]",))
    cache = ParseCache(path, key=b"k" * 32)
    assert cache.get_flags("d2", key) is None
    again = loaded_file("d2", items(0, 9))
    flag_entries(again, KEYWORDS, key, cache)
    assert [e.flags for e in again.entries or ()] == [e.flags for e in result.entries or ()]
    cache.close()


def test_entries_without_a_cache_entry_are_flagged_but_not_stored(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache.sqlite3", key=b"k" * 32)
    result = LoadResult(entries=[Entry.of(item, None) for item in items(0, 4)])  # not cacheable: no digest
    flag_entries(result, KEYWORDS, keywords_key(KEYWORDS), cache)
    assert [e.flags for e in result.entries or ()] == flags_of([e.text for e in result.entries or ()], KEYWORDS)
    cache.close()


def test_hotkey_sets_made_from_their_arrays_follow_every_change(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filtering, "FLAG_SETS", 2)  # before the index is made: it sizes what it keeps then
    archive = SearchIndex(keywords=KEYWORDS)
    try:
        archive.add_entries(flagged_entries(items(0, 20)))
        before = [set(archive.keyword_matches(k)) for k in KEYWORDS]
        assert len(archive._flag_sets_made) == 2  # the latest two asked for, the rest as arrays only
        assert [archive.keyword_matches(k) for k in KEYWORDS] == before
        archive.add_entries(flagged_entries(items(20, 9)))  # loading goes on: a set made before is out of date
        archive.replace(0, Item(id="i0", title="Putin and the Kremlin"))
        archive.replace(1, Item(id="i1", title="A quiet day"))
        for keyword in KEYWORDS:
            assert sorted(archive.keyword_matches(keyword)) == expected(archive, [keyword], match_all=False)
            assert list(archive._flag_sets[KEYWORDS.index(keyword)]) == expected(archive, [keyword], match_all=False)
    finally:
        archive.close()
