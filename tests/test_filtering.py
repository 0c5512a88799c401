"""Keyword filters and find over the index."""

from briefing_tui.filtering import SearchIndex, find_pattern, hits_in
from briefing_tui.model import Actor, Item, Quote
from briefing_tui.settings import Keyword, compile_terms


def kw(key: str, *terms: str) -> Keyword:
    return Keyword(key=key, name=key, terms=terms)


def index() -> SearchIndex:
    idx = SearchIndex()
    idx.add([
        Item(id="a", title="Kim meets Putin", body=["North Korea and Russia sign a treaty."]),
        Item(id="b", title="BA profits", body=["Fuel costs rose by £106m."], actors=[Actor("British Airways")]),
        Item(id="c", title="Davis Cup", body=["Moya beat Roddick."], quotes=[Quote("direct", "What a day for Spain")]),
    ])
    return idx


def test_keywords_whole_words_any_case_and_regex() -> None:
    idx = index()
    assert idx.filtered([kw("1", "north korea")], match_all=False) == [0]
    assert idx.filtered([kw("1", "Korea"), kw("2", "/£\\d+m/")], match_all=False) == [0, 1]
    assert idx.filtered([kw("1", "Korea"), kw("2", "/£\\d+m/")], match_all=True) == []
    assert idx.filtered([kw("3", "Kor")], match_all=False) == []  # whole words only
    assert idx.filtered([], match_all=True) == [0, 1, 2]


def test_precomputed_keyword_sets_are_adopted_only_if_nothing_changed() -> None:
    idx = index()
    k = kw("1", "spain")
    computed = idx.keyword_sets([k])
    idx.add([Item(id="d", title="Spain again")])
    idx.adopt(computed)  # stale: ignored, computed afresh
    assert idx.filtered([k], match_all=False) == [2, 3]
    fresh = idx.keyword_sets([k])
    idx.adopt(fresh)
    assert idx.keyword_matches(k) == {2, 3}


def test_find_is_smart_case_and_searches_actors_and_quotes() -> None:
    idx = index()
    assert idx.find("british", [0, 1, 2]) == [1]
    assert idx.find("What a day", [0, 1, 2]) == [2]
    assert idx.find("what A day", [0, 1, 2]) == []  # a capital makes it case-sensitive
    assert idx.find("  ", [0, 1, 2]) == []
    hits = hits_in(idx.items[0], find_pattern("korea"))
    assert [(h.paragraph, h.start, h.end) for h in hits] == [(0, 6, 11)]


def test_keyword_sets_pause_between_slices_for_the_screen() -> None:
    idx = index()
    k = kw("1", "russia")
    calls: list[int] = []
    computed = idx.keyword_sets([k], pause=lambda: calls.append(1), every=1)
    assert len(calls) == 3  # once per item here: the screen's thread may take the GIL
    assert computed[1] == idx.keyword_sets([k])[1]


def test_keyword_sets_computed_before_a_replace_are_not_adopted() -> None:
    """Live reload replaces an item while the sets are computed on a worker: they would answer from the
    old text (the item count, which adopt compared, does not change on a replace)."""
    idx = index()
    k = kw("1", "russia")
    computed = idx.keyword_sets([k])
    first = idx.items[0]
    assert first is not None
    idx.replace(0, Item(id=first.id, title="Nothing about that country now"))
    idx.adopt(computed)
    assert 0 not in idx.keyword_matches(k)


def test_folded_keyword_finds_what_the_keyword_pattern_finds() -> None:
    """The str.find scan must agree with the keyword's own (case-insensitive, whole-word) pattern."""
    from briefing_tui.filtering import folded_keyword

    terms = ("Russia", "Russians", "North Korea", "Zelensky", "Zelenskyy", "/dea(d|ths?)/", "/[$£€]\\s?\\d/")
    fk = folded_keyword(terms)
    assert fk.words == ("russia", "north", "zelensky")  # "russians" is found through "russia"
    pattern = compile_terms(terms)
    texts = [
        "russians gather", "a belarussian view", "north\n  korea talks", "northkorea", "zelenskyy said",
        "ten deaths", "deadline", "it cost $5", "cost $x", "prussia", "xrussia russia", "RUSSIA",
        "straße", "North  Korean", "death",
    ]
    for text in texts:
        assert fk.found_in(text.casefold()) == bool(pattern.search(text)), text


def test_folded_keyword_checks_every_place_a_term_starts() -> None:
    """A place inside an earlier candidate still counts ("a b" fails at "xa b", "b c" matches)."""
    from briefing_tui.filtering import folded_keyword

    fk = folded_keyword(("a b", "b c"))
    assert fk.found_in("xa b c")
    assert not fk.found_in("xa bc")


def test_summaries_share_one_copy_of_each_source_date_counts_and_tags() -> None:
    from briefing_tui.catalog import Entry, Summary

    def entry(item_id: str) -> Entry:
        # Strings built at run time, as read from the parse cache: equal, never the same object.
        source, date, tags = "".join(["desk/", "a.yaml"]), "".join(["2005-", "10-14"]), ["".join(["wo", "rld"])]
        counts = "".join(["2q", " 1f"])
        summary = Summary.from_list([item_id, "T " + item_id, "T " + item_id, source, date, counts, tags])
        return Entry(summary, "text " + item_id, item=Item(id=item_id, title="T " + item_id))

    idx = SearchIndex()
    idx.add_entries([entry("x"), entry("y")])
    first, second = idx.summaries
    for name in ("source", "date", "counts", "tags"):
        assert getattr(first, name) is getattr(second, name)
    assert first.tags == ("world",) and first.source == "desk/a.yaml" and first.date == "2005-10-14"
    assert first.counts == "2q 1f" and (first.id, first.title) == ("x", "T x")
    assert idx.source_tagged("World") == {0, 1}


def test_source_tags_follow_replaced_items_and_positions_out_of_order() -> None:
    idx = SearchIndex()
    idx.add([Item(id="a", title="A", tags=["World"]), Item(id="b", title="B", tags=["world", "Tech"]),
             Item(id="c", title="C")])
    assert idx.source_tagged("WORLD") == {0, 1} and idx.source_tagged("tech") == {1}
    idx.replace(0, Item(id="a", title="A", tags=["tech"]))  # a reload moves a from world to tech
    idx.replace(2, Item(id="c", title="C", tags=["world"]))
    assert idx.source_tagged("world") == {1, 2} and idx.source_tagged("tech") == {0, 1}
    assert sorted((name, sorted(found)) for name, found in idx.source_tags()) == [("Tech", [0, 1]),
                                                                                   ("World", [1, 2])]
    idx.replace(1, Item(id="b", title="B"))
    assert idx.source_tagged("world") == {2} and idx.source_tagged("none") == set()
    idx.source_tagged("world").add(9)  # the caller's own set
    assert idx.source_tagged("world") == {2}


def test_the_unfiltered_list_is_a_fresh_copy_of_every_position() -> None:
    idx = index()
    every = idx.filtered([], match_all=False)
    assert every == [0, 1, 2]
    every.append(7)
    assert idx.filtered([], match_all=True) == [0, 1, 2]
