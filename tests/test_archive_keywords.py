"""A desk's archive (issue 17): the hotkeys' sets come from a helper process that tests each item as it
is added, and give the rows a scan of every text would give."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from briefing_tui import filtering
from briefing_tui.catalog import Entry
from briefing_tui.filtering import SearchIndex, keyword_hits
from briefing_tui.loading.result import LoadResult
from briefing_tui.model import Item
from briefing_tui.session import ReviewSession
from briefing_tui.settings import Keyword, Settings
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
def archive() -> Iterator[SearchIndex]:
    index = SearchIndex(keywords=KEYWORDS, helper_from=10)
    try:
        yield index
    finally:
        index.close()


def combinations() -> list[list[Keyword]]:
    return [[k] for k in KEYWORDS] + [KEYWORDS[:2], KEYWORDS]


def test_the_helper_starts_once_there_are_enough_items_and_its_sets_match_a_scan(archive: SearchIndex) -> None:
    archive.add(items(0, 6))
    assert not archive.helper_running  # few items: answered by a scan
    for start in range(6, 60, 9):  # batches as loading gives them; the first ones are read back
        archive.add(items(start, 9))
    assert archive.helper_running
    for keywords in combinations():
        for match_all in (False, True):
            assert archive.filtered(keywords, match_all=match_all) == expected(archive, keywords,
                                                                                match_all=match_all)


def test_a_toggle_answered_by_the_helper_scans_no_text(archive: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    """The work of a hotkey does not grow with the texts: no item's text is read for it."""
    archive.add(items(0, 40))
    assert archive.helper_running

    def no_scan(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a hotkey scanned the texts")

    monkeypatch.setattr(SearchIndex, "keyword_sets", no_scan)
    monkeypatch.setattr(type(archive._texts), "folded_texts", no_scan)
    for _ in range(3):
        for keywords in combinations():
            archive.filtered(keywords, match_all=False)
    archive.add(items(40, 20))  # more items: tested by the helper as they come, still no scan
    assert archive.filtered(KEYWORDS[:1], match_all=False) == expected(archive, KEYWORDS[:1], match_all=False)


def test_a_keyword_not_a_hotkey_is_answered_by_a_scan(archive: SearchIndex) -> None:
    archive.add(items(0, 30))
    other = Keyword("9", "Kyiv", ("Kyiv",))
    assert archive.filtered([other], match_all=False) == expected(archive, [other], match_all=False)
    assert archive.filtered([other, KEYWORDS[0]], match_all=False) == expected(archive, [other, KEYWORDS[0]],
                                                                               match_all=False)


def test_items_replaced_while_the_helper_works_keep_their_new_hits(archive: SearchIndex) -> None:
    """Live reload replaces an item whose old text the helper may still be testing: the new text wins."""
    archive.add(items(0, 30))
    archive.replace(0, Item(id="i0", title="Nothing about that country now"))  # maybe before the helper's answer
    archive.add(items(30, 5))
    archive.filtered(KEYWORDS[:1], match_all=False)  # every batch taken in
    archive.replace(2, Item(id="i2", title="Putin, again"))  # after it
    archive.replace(3, Item(id="i3", title="A quiet day"))
    for keywords in combinations():
        assert archive.filtered(keywords, match_all=False) == expected(archive, keywords, match_all=False)
    assert 0 not in archive.keyword_matches(KEYWORDS[0]) and 2 in archive.keyword_matches(KEYWORDS[0])


def test_without_its_helper_the_index_falls_back_to_a_scan(archive: SearchIndex) -> None:
    archive.add(items(0, 30))
    helper = archive._helper
    assert helper is not None
    for process in list(helper._executor._processes.values()):  # the helper dies (killed, out of memory)
        process.kill()
        process.join()
    archive.add(items(30, 10))
    for keywords in combinations():
        assert archive.filtered(keywords, match_all=False) == expected(archive, keywords, match_all=False)
    assert not archive.helper_running


def test_keyword_hits_is_the_folded_keywords_answer() -> None:
    texts = ["Putin spoke", "nothing", "a £5 fee", "RUSSIANS"]
    terms = [k.terms for k in KEYWORDS]
    want = [[i for i, t in enumerate(texts) if k.pattern.search(t)] for k in KEYWORDS]
    assert keyword_hits(texts, terms, False) == want
    assert keyword_hits([t.casefold() for t in texts], terms, True) == want


def test_an_archive_expected_to_be_large_gets_its_helper_early() -> None:
    index = SearchIndex(keywords=KEYWORDS, helper_from=1_000)
    try:
        index.add(items(0, 5))
        index.expect(999)
        assert not index.helper_running
        index.expect(5_000)  # what loading says it will end with
        assert index.helper_running
        index.add(items(5, 10))
        assert index.filtered(KEYWORDS, match_all=False) == expected(index, KEYWORDS, match_all=False)
    finally:
        index.close()


def test_the_session_tells_the_index_how_many_items_loading_will_bring() -> None:
    index = SearchIndex(keywords=KEYWORDS, helper_from=100)
    session = ReviewSession(Settings(keywords=list(KEYWORDS)), index)
    try:
        first = LoadResult(entries=[Entry.of(item, None) for item in items(0, 5)])
        session.add_loaded([(None, first)], 1, 30)  # 5 items from 1 file of 30: about 150 to come
        assert index.helper_running
        session.toggle_keyword(0)
        assert session.rows == expected(index, KEYWORDS[:1], match_all=False)
    finally:
        index.close()


def test_whoever_feeds_the_index_is_told_to_wait_only_while_the_helper_is_far_behind(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filtering, "HELPER_BACKLOG", 20)
    index = SearchIndex(keywords=KEYWORDS, helper_from=10)
    try:
        index.add(items(0, 15))
        assert index.helper_running
        deadline = time.monotonic() + 30
        assert not index.helper_behind()  # at most 15 items wait: never "behind"
        index.add(items(15, 30))
        while index.helper_behind():  # 45 may wait at first; the helper catches up
            assert time.monotonic() < deadline, "the helper never caught up"
            time.sleep(0.01)
        assert index.filtered(KEYWORDS, match_all=True) == expected(index, KEYWORDS, match_all=True)
    finally:
        index.close()
