"""Find over a desk's archive (issue 17): which items hold a query is worked out once per query (and
narrowed from the query it extends), so what only changes the list (stories folding in as grouping goes
on, a sort, the find limit, the actor followed) never searches the texts again."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.catalog import Entry
from briefing_tui.filtering import SearchIndex
from briefing_tui.loading.result import LoadResult
from briefing_tui.model import Item
from briefing_tui.session import ReviewSession
from briefing_tui.settings import Settings
from briefing_tui.spill import SpilledTexts

BODIES = ["Sanctions on the port were widened.", "A quiet day at sea.", "The sanitary board met.",
          "Sandra Lee spoke for the port.", "Nothing to report."]
ITEMS = [Item(id=f"i{n}", title=f"Story {n}", body=[BODIES[n % len(BODIES)]]) for n in range(20)]


@pytest.fixture
def searches(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int | None]]:
    """(query, how many candidates it was searched within; None: every item) of each search of the texts."""
    seen: list[tuple[str, int | None]] = []
    real = SpilledTexts.find

    def counted(self: SpilledTexts, query: str, wanted: object = None, ints: object = None) -> set[int]:
        seen.append((query, None if wanted is None else len(wanted)))  # type: ignore[arg-type]
        return real(self, query, wanted, ints)  # type: ignore[arg-type]

    monkeypatch.setattr(SpilledTexts, "find", counted)
    return seen


def session() -> ReviewSession:
    s = ReviewSession(Settings(), SearchIndex())
    s.add_loaded([(Path("desk.yaml"), LoadResult(entries=[Entry.of(i, None) for i in ITEMS]))], 1, 1)
    s.show_items()
    return s


def holding(word: str) -> list[int]:
    return [p for p, item in enumerate(ITEMS) if word.casefold() in " ".join([item.title or "", *item.body]).casefold()]


def test_a_query_is_searched_once_whatever_the_list_does(searches: list[tuple[str, int | None]]) -> None:
    s = session()
    s.find_typed("port")
    assert s.find_matches() == holding("port")
    assert searches == [("port", None)]
    s.groups_found([(5, 0), (10, 0)])  # stories fold in: the list changes, the answer does not
    s.cycle_sort()  # a sort: the same again
    s.find_limit = True
    s.refilter()
    assert s.rows and all(p in holding("port") for p in s.rows)
    assert s.find_matches() == [p for p in s.rows if p in holding("port")]
    assert searches == [("port", None)]


def test_each_key_typed_searches_only_what_the_query_before_it_found(searches: list[tuple[str, int | None]]) -> None:
    s = session()
    for typed in ("s", "sa", "san", "sanc"):
        s.find_typed(typed)
        assert s.find_matches() == holding(typed)
    assert searches[0] == ("s", None)
    assert [(q, n) for q, n in searches[1:]] == [("sa", len(holding("s"))), ("san", len(holding("sa"))),
                                                 ("sanc", len(holding("san")))]


def test_an_added_or_replaced_item_is_searched_again() -> None:
    s = session()
    s.find_typed("ferry")
    assert s.find_matches() == []
    s.index.replace(3, Item(id="i3", title="Story 3", body=["The ferry sank."]))
    assert s.find_matches() == [3]
    s.index.add([Item(id="new", title="Ferry news")])
    assert 20 in s.index.find_all("ferry")


def test_answers_kept_beyond_the_latest_sets_come_back_without_a_search(
        searches: list[tuple[str, int | None]]) -> None:
    from briefing_tui.filtering import FOUND_KEPT, FOUND_SETS

    assert FOUND_SETS < FOUND_KEPT
    index = session().index
    queries = ["s", "sa", "san", "sanc"][:FOUND_KEPT]
    answers = [set(index.find_all(q)) for q in queries]
    assert len(index._found_sets) == FOUND_SETS  # the rest kept as arrays of positions
    assert [index.find_all(q) for q in queries] == answers  # the oldest again: from its array
    assert answers == [set(holding(q)) for q in queries]
    assert [q for q, _ in searches] == queries  # searched once each


def test_an_answer_holds_the_index_own_position_ints() -> None:
    index = SearchIndex()
    index.add([Item(id=f"n{n}", title=f"Story {n}", body=[BODIES[n % len(BODIES)]]) for n in range(600)])
    every = {id(p) for p in index.filtered([], match_all=False)}  # past 256: ints Python does not share itself
    for query in ("port", "port were"):  # the whole texts, then within the first answer
        found = index.find_all(query)
        assert max(found) > 256 and all(id(p) in every for p in found)
