"""The review session's rules, without a terminal: rows, filters, find, selection, marks, reload slotting.

These are the rules the dashboard's pilot tests exercise through Textual; here they are called
directly, and each call's ``Update`` is checked for what a view would have to redraw.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from briefing_tui.catalog import Entry
from briefing_tui.filtering import SearchIndex
from briefing_tui.loading.result import LoadResult
from briefing_tui.model import Actor, Item, Quote, Span
from briefing_tui.problems import Problem
from briefing_tui.review_state import ReviewState
from briefing_tui.session import STALE_BROKEN, STALE_GONE, STALE_REMOVED, ReviewSession, Update
from briefing_tui.settings import Keyword, Settings


def kw(key: str, name: str, *terms: str) -> Keyword:
    return Keyword(key=key, name=name, terms=terms)


KEYWORDS = [kw("1", "Korea", "korea"), kw("2", "Money", "/£\\d+m/"), kw("3", "Spain", "spain")]


def item(item_id: str, title: str, *body: str, **fields: object) -> Item:
    return Item(id=item_id, title=title, body=list(body), **fields)  # type: ignore[arg-type]


ITEMS = [
    item("a", "Kim meets Putin", "North Korea and Russia sign a treaty."),
    item("b", "BA profits", "Fuel costs rose by £106m at British Airways.", actors=[Actor("British Airways")]),
    item("c", "Davis Cup", "Moya beat Roddick. Spain won.", quotes=[Quote("direct", "What a day for Spain",
                                                                           speaker="Carlos Moya")]),
    item("d", "Korea money", "South Korea pledged £50m and more for Korea."),
]


def result(*items: Item, problems: list[Problem] | None = None) -> LoadResult:
    return LoadResult(items=list(items), problems=problems or [], entries=[Entry.of(i, None) for i in items])


def session_with(items: list[Item] = ITEMS, *, reading: bool = True) -> ReviewSession:
    session = ReviewSession(Settings(keywords=list(KEYWORDS)), SearchIndex())
    session.add_loaded([(Path("one.yaml"), result(*items))], 1, 1)
    if reading:
        session.show_items()
    return session


def plain(session: ReviewSession) -> str:
    return "".join(text for text, _ in session.status_line())


def shown_ids(session: ReviewSession) -> list[str]:
    return [session.index.summaries[p].id for p in session.rows]


# ---------------------------------------------------------------------- loading


def test_batches_add_rows_in_order_and_the_first_row_is_selected() -> None:
    session = ReviewSession(Settings(keywords=list(KEYWORDS)), SearchIndex())
    update = session.add_loaded([(Path("x.yaml"), result(ITEMS[0], ITEMS[1]))], 1, 2)
    assert update.rows and shown_ids(session) == ["a", "b"]
    assert session.position == 0 and session.item is None  # no view reads items yet
    assert "loading 1/2 files…" in plain(session) and not session.load_complete
    session.add_loaded([(Path("y.yaml"), result(ITEMS[2]))], 2, 2)
    assert shown_ids(session) == ["a", "b", "c"] and session.load_complete
    assert "loading" not in plain(session)
    assert session.file_items == {Path("x.yaml"): ["a", "b"], Path("y.yaml"): ["c"]}
    update = session.show_items()
    assert update.item and session.item is not None and session.item.id == "a"


def test_a_repeated_id_is_a_problem_and_file_problems_are_announced_once_loading_ends() -> None:
    session = ReviewSession(Settings(), SearchIndex())
    session.add_loaded([(Path("x.yaml"), result(ITEMS[0]))], 1, 2)
    bad = Problem("y.yaml", "YAML syntax", line=3)
    update = session.add_loaded([(Path("y.yaml"), result(item("a", "Again"), ITEMS[1], problems=[bad]))], 2, 2)
    assert shown_ids(session) == ["a", "b"]
    # The later copy's file, and the file it repeats (issue 18, defect 6): not its `source:`, not "?".
    assert [str(p) for p in session.problems] == [
        str(bad), "y.yaml: item id 'a' was already loaded from x.yaml; this copy is skipped"]
    assert [n.text for n in update.notices] == ["2 file problem(s): press P to see them"]
    assert plain(session).endswith("⚠ 2 problems (P)")


def test_a_failure_in_background_work_ends_loading_and_is_listed() -> None:
    session = ReviewSession(Settings(), SearchIndex())
    update = session.loading_failed(Problem("briefing", "loading stopped: internal error (OSError: x)"))
    assert session.load_complete and session.load_progress is None
    assert update.notices[0].severity == "error" and "internal error" in update.notices[0].text


# ---------------------------------------------------------------------- keywords and review filters


def test_keywords_filter_any_or_all_and_the_selection_stays_while_shown() -> None:
    session = session_with()
    session.select(3)
    update = session.toggle_keyword(0)
    assert update.rows and update.article and shown_ids(session) == ["a", "d"]
    assert session.position == 3  # still shown: still selected
    session.toggle_keyword(1)
    assert shown_ids(session) == ["a", "b", "d"]
    assert "[1 Korea] OR [2 Money] · 3/4 shown" in plain(session)
    session.toggle_match()
    assert shown_ids(session) == ["d"] and "[1 Korea] AND [2 Money] · 1/4 shown" in plain(session)
    session.toggle_keyword(1)
    session.toggle_keyword(0)
    session.toggle_keyword(2)
    assert shown_ids(session) == ["c"]
    assert session.item is not None and session.item.id == "c"  # d hidden: the first row is selected
    update = session.clear_keywords()
    assert shown_ids(session) == ["a", "b", "c", "d"] and session.item.id == "c"
    assert session.clear_keywords() == Update()  # nothing to clear: nothing to redraw


def test_keyword_hits_are_highlighted_in_the_selected_article() -> None:
    session = session_with()
    session.select(3)
    assert session.highlights().keyword_hits == []
    session.toggle_keyword(0)
    hits = session.highlights().keyword_hits
    assert hits and all(ITEMS[3].body[h.paragraph][h.start:h.end].lower() == "korea" for h in hits
                        if h.paragraph >= 0)


def test_review_filters_marks_and_next_unreviewed() -> None:
    session = session_with()
    update = session.states_loaded({"a": ReviewState("a", reviewed=True), "c": ReviewState("c", flagged=True)})
    assert update.marks and update.panels
    assert session.marks() == {"a": "reviewed", "c": "flagged"}
    assert "4 items · 3 to review · ⚑ 1" in plain(session)
    session.toggle_review_filter("unreviewed")
    assert shown_ids(session) == ["b", "c", "d"] and "only unreviewed · 3/4 shown" in plain(session)
    session.state_saved(ReviewState("b", reviewed=True))  # marked here: drops out of the filtered rows
    assert shown_ids(session) == ["c", "d"]
    session.toggle_review_filter("flagged")
    assert shown_ids(session) == ["c"]
    session.toggle_review_filter("flagged")
    assert shown_ids(session) == ["a", "b", "c", "d"]
    session.select(2)
    update = session.next_unreviewed()
    assert update.select_row == 3 and session.item.id == "d"
    update = session.next_unreviewed()  # wraps past the reviewed a and b
    assert update.select_row == 2 and session.item.id == "c"
    session.states_changed({"c": ReviewState("c", reviewed=True), "d": ReviewState("d", reviewed=True)})
    assert [n.text for n in session.next_unreviewed().notices] == ["Every item shown is reviewed"]
    session.states_changed({"a": ReviewState("a")})  # emptied elsewhere: no longer a mark
    assert "a" not in session.marks()


def test_orphaned_states_are_the_unloaded_ones_newest_first() -> None:
    session = session_with()
    session.states_loaded({
        "a": ReviewState("a", reviewed=True, updated_at="2024-01-03"),
        "old": ReviewState("old", note="x", updated_at="2024-01-01"),
        "new": ReviewState("new", flagged=True, updated_at="2024-01-02"),
        "empty": ReviewState("empty", updated_at="2024-01-04"),
    })
    assert [s.item_id for s in session.orphaned_states()] == ["new", "old"]


# ---------------------------------------------------------------------- selection and panels


def test_selecting_an_item_resets_what_was_targeted_in_the_last_one() -> None:
    session = session_with()
    session.select(2)
    update = session.target_entry("quotes", 0)
    assert update.article and update.reveal == ITEMS[2].quotes[0].span == session.target
    update = session.choose_entry("actors", 0)  # c has no actors: nothing happens
    assert update == Update()
    update = session.select(1)
    assert update.item and session.target is None
    update = session.target_entry("actors", 0)
    assert session.actor_name == "British Airways" and session.highlights().actor is not None
    assert session.select(1) == Update()  # the same item: nothing to redraw


def test_choosing_an_actor_filters_the_quotes_and_esc_clears_one_thing_at_a_time() -> None:
    quotes = [Quote("direct", "One", speaker="Ann"), Quote("direct", "Two", speaker="Bob"),
              Quote("direct", "Three", speaker="Ann", span=Span(0, 0, 4))]
    session = session_with([item("q", "Quotes", "Body about Korea.", actors=[Actor("Ann"), Actor("Bob")],
                                 quotes=quotes)])
    assert session.said_counts() == {"Ann": 2, "Bob": 1}
    update = session.choose_entry("actors", 0)
    assert update.quotes and session.shown_quotes() == [0, 2]
    assert update.notices[0].text == "Quotes filtered to Ann; Esc clears"
    assert "quotes by Ann" in plain(session)
    session.target_entry("quotes", 2)
    session.toggle_keyword(0)
    session.find_query = "body"
    assert session.back(focused_pane="quotes").quotes and session.quote_speaker is None
    assert session.back(focused_pane="quotes").article and session.target is None
    assert session.back(focused_pane="quotes").rows and not session.active_keys
    assert session.back(focused_pane="quotes").article and session.find_query == ""
    assert session.back(focused_pane="quotes").focus == "items"
    assert session.back(focused_pane="items") == Update()


def test_a_related_story_is_told_and_a_quote_opens_the_article() -> None:
    from briefing_tui.model import Related

    session = session_with([item("r", "Related", "Body.", related=[Related("Older story", "https://example.org/x"),
                                                                  Related("No link", None)],
                                 quotes=[Quote("direct", "Q")])])
    first = session.choose_entry("related", 0).notices[0]
    assert (first.title, first.text) == ("Related story", "Older story\nhttps://example.org/x")
    assert session.choose_entry("related", 1).notices[0].text == "No link\n(no link given)"
    assert session.choose_entry("quotes", 0).focus == "article"


# ---------------------------------------------------------------------- find


def test_find_jumps_from_where_it_started_and_n_walks_hits_then_items() -> None:
    session = session_with()
    session.select(1)
    session.find_begin()
    update = session.find_typed("korea")
    assert update.select_row == 3 and session.item.id == "d"  # the first match at or after b
    assert len(session.find_hits) == 3 and session.find_at == 0 and update.reveal == session.find_hits[0]
    assert "find “korea” 2 items, hit 1/3" in plain(session)  # the title's and the body's two
    session.find_next(1)
    session.find_next(1)
    assert session.item.id == "d" and session.find_at == 2
    update = session.find_next(1)  # past the last hit: the next matching item, wrapping
    assert update.select_row == 0 and session.item.id == "a" and session.find_at == 0
    update = session.find_next(-1)  # back: the previous item's last hit
    assert session.item.id == "d" and session.find_at == 2
    assert session.find_accept().reveal == session.find_hits[0]
    assert session.find_typed("korea") == Update()  # unchanged query


def test_a_longer_query_searches_only_the_previous_matches() -> None:
    session = session_with()
    session.find_begin()
    session.find_typed("k")
    assert session.find_matches() == [0, 2, 3]  # Kim, Roddick, Korea
    session.find_typed("kor")
    session.find_typed("korea")
    assert session.find_matches() == [0, 3]
    session.find_typed("korea and")
    assert session.find_matches() == [0]


def test_find_with_nothing_found_and_cancel_going_back_to_the_start() -> None:
    session = session_with()
    assert session.find_next(1).notices[0].text == "Press / to find first"
    session.select(2)
    session.find_begin()
    session.find_typed("putin")
    assert session.item.id == "a"
    update = session.cancel_find()
    assert session.find_query == "" and session.item.id == "c" and update.select_row == 2
    session.find_typed("zebra")
    assert session.item.id == "c" and session.find_hits == []
    assert session.find_next(1).notices[0].text == "Not found: zebra"


# ---------------------------------------------------------------------- live reload


def test_a_changed_file_replaces_its_items_in_place_and_the_selection_follows() -> None:
    session = session_with(reading=True)
    session.select(1)
    changed = item("b", "BA profits, revised", "Now £200m.")
    update = session.apply_reload([(Path("one.yaml"), result(ITEMS[0], changed, ITEMS[2], ITEMS[3]))], [])
    assert update.item and session.item is not None and session.item.title == "BA profits, revised"
    assert shown_ids(session) == ["a", "b", "c", "d"] and session.position == 1


def test_a_renamed_item_takes_its_old_slot_and_a_vanished_one_stays_marked() -> None:
    session = session_with()
    session.select(1)
    renamed = item("b2", "BA profits", "Fuel costs rose by £106m at British Airways.")
    session.apply_reload([(Path("one.yaml"), result(ITEMS[0], renamed, ITEMS[2]))], [])
    assert shown_ids(session) == ["a", "b2", "c", "d"]
    assert session.item.id == "b2" and session.position == 1  # the selection followed the rename
    assert session.stale == {"d": STALE_GONE}
    assert session.file_items[Path("one.yaml")] == ["a", "b2", "c", "d"]
    session.select(3)
    assert session.highlights().stale == STALE_GONE


def test_a_broken_or_removed_file_keeps_its_last_good_items_marked_stale() -> None:
    session = session_with()
    bad = Problem("one.yaml", "YAML syntax", line=2)
    update = session.apply_reload([(Path("one.yaml"), LoadResult(problems=[bad]))], [])
    assert shown_ids(session) == ["a", "b", "c", "d"]
    assert set(session.stale.values()) == {STALE_BROKEN} and session.problems == [bad]
    assert update.notices[0].text == str(bad)
    session.apply_reload([(Path("one.yaml"), result(*ITEMS))], [])  # fixed: marks and the problem go
    assert session.stale == {} and session.problems == []
    session.apply_reload([], [Path("one.yaml")])
    assert set(session.stale.values()) == {STALE_REMOVED}


def test_a_new_file_appends_and_an_id_loaded_from_another_file_is_a_problem() -> None:
    session = session_with()
    session.apply_reload([(Path("two.yaml"), result(item("e", "New"), item("a", "Clash")))], [])
    assert shown_ids(session) == ["a", "b", "c", "d", "e"]
    assert session.index.summaries[0].title == "Kim meets Putin"
    assert [str(p) for p in session.problems] == [
        "two.yaml: item id 'a' was already loaded from one.yaml; this copy is skipped"]
    session.apply_reload([(Path("two.yaml"), result(item("e", "New, edited"), item("a", "Clash")))], [])
    assert shown_ids(session) == ["a", "b", "c", "d", "e"] and len(session.problems) == 1  # its own id stays its


# ---------------------------------------------------------------------- status and what a view needs


def test_the_status_line_and_list_title() -> None:
    session = ReviewSession(Settings(), SearchIndex())
    assert plain(session) == " briefing  0 items · loading…"
    session = session_with()
    assert plain(session) == " briefing  4 items · 4 to review"
    assert session.list_title() == "Items 4"
    session.toggle_keyword(2)
    assert session.list_title() == "Items 1/4"
    session.read_only_state = True
    assert plain(session).endswith("· state read-only")


def test_updates_combine() -> None:
    span = Span(0, 0, 1)
    merged = Update(rows=True, select_row=1) | Update(article=True, reveal=span, select_row=None)
    assert merged.rows and merged.article and merged.select_row == 1 and merged.reveal == span


def test_the_session_imports_no_textual() -> None:
    code = ("import sys, briefing_tui.session\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'briefing_tui.ui'))\n"
            "assert not loaded, loaded\n"
            "assert not any(m.startswith('briefing_tui.ui') for m in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_feeds_fetched_in_the_background_show_progress_and_problems_until_fixed() -> None:
    session = session_with()
    session.feeds_progress(0, 2)
    assert " · fetching feeds 0/2…" in [text for text, _ in session.status_line()]
    update = session.feed_fetched("https://example.com/rss", "fetching Wire: HTTP 404 Not Found")
    assert [n.text for n in update.notices] == ["https://example.com/rss: fetching Wire: HTTP 404 Not Found"]
    again = session.feed_fetched("https://example.com/rss", "fetching Wire: HTTP 404 Not Found")
    assert again.notices == [] and len(session.problems) == 1  # the same failure is not announced twice
    session.feed_fetched("https://example.com/other", None)
    session.feeds_progress(2, 0)
    status = "".join(text for text, _ in session.status_line())
    assert "fetching" not in status and "⚠ 1 problem (P)" in status
    session.feed_fetched("https://example.com/rss", None)  # a later round that succeeds
    assert session.problems == []


def test_find_can_limit_the_list_to_its_matches_and_follows_the_query() -> None:
    session = session_with()
    assert session.toggle_find_limit().notices  # nothing to limit to yet: said, list unchanged
    assert shown_ids(session) == ["a", "b", "c", "d"]
    session.find_begin()
    session.find_typed("korea")
    update = session.toggle_find_limit()
    assert update.rows and shown_ids(session) == ["a", "d"]
    assert "find “korea” 2 items only" in plain(session)
    session.find_typed("korea and")  # the list follows what is typed
    assert shown_ids(session) == ["a"]
    session.find_typed("spain")
    assert shown_ids(session) == ["c"] and session.item.id == "c"
    session.toggle_find_limit()  # l again: every item
    assert shown_ids(session) == ["a", "b", "c", "d"] and session.item.id == "c"
    session.toggle_find_limit()
    assert session.toggle_keyword(1).rows and shown_ids(session) == []  # with keywords: both must hold
    session.toggle_keyword(1)
    session.back(focused_pane="items")  # Esc clears the query, and with it the limit
    assert session.find_query == "" and not session.find_limit and shown_ids(session) == ["a", "b", "c", "d"]
    session.find_begin()
    session.find_typed("korea")
    session.toggle_find_limit()
    session.cancel_find()  # Esc in the find box too
    assert not session.find_limit and shown_ids(session) == ["a", "b", "c", "d"]


def test_s_cycles_the_list_order_and_keeps_the_selected_item() -> None:
    from briefing_tui.session import SORTS

    items = [Item(id="a", title="Zeta", date="2024-01-02", source="bbc", quotes=[Quote("direct", "x")] * 1),
             Item(id="b", title="alpha", date="2024-03-01", source="afp", quotes=[Quote("direct", "y")] * 3),
             Item(id="c", title="Mid", date=None, source="cnn")]
    s = ReviewSession(Settings(), SearchIndex())
    s.add_loaded([(Path("desk.yaml"), LoadResult(items=items, problems=[],
                                                 entries=[Entry.of(i, None) for i in items]))], 1, 1)
    s.show_items()
    s.states_loaded({"c": ReviewState("c", flagged=True)})
    ids = lambda: [s.index.summaries[p].id for p in s.rows]  # noqa: E731
    s.select_row(2)
    orders = []
    for _ in SORTS:
        update = s.cycle_sort()
        orders.append((s.sort_by, ids()))
        assert s.item.id == "c" and s.cursor_row == ids().index("c")
    assert orders == [("date", ["b", "a", "c"]), ("source", ["b", "a", "c"]), ("title", ["b", "c", "a"]),
                      ("quotes", ["b", "a", "c"]), ("flagged", ["c", "a", "b"]), (None, ["a", "b", "c"])]
    s.cycle_sort()
    assert any("newest first" in text for text, _ in s.status_line()) and update.notices


def test_rows_in_another_order_are_found_by_position_and_a_hidden_or_unknown_one_has_none() -> None:
    s = session_with()
    s.cycle_sort()  # newest first: the rows are no longer ascending
    for row, position in enumerate(s.rows):
        assert s.row_of(position) == row
    s.toggle_keyword(0)  # Korea: a and d only
    assert sorted(s.rows) == [0, 3] and s.row_of(1) is None and s.row_of(2) is None
    assert s.row_of(len(s.index) + 5) is None and s.row_of(-1) is None and s.row_of(None) is None
    assert s.positions == {"a": 0, "b": 1, "c": 2, "d": 3}


def test_find_in_a_sorted_list_jumps_to_the_first_match_at_or_after_the_origin_row() -> None:
    s = session_with()
    s.cycle_sort()  # newest first (no dates: another order than load order, rows found by position)
    order = [s.index.summaries[p].id for p in s.rows]
    s.select_row(order.index("b"))
    s.find_begin()
    s.find_typed("korea")
    after = [i for i in order[order.index("b"):] if i in ("a", "d")]
    assert s.item.id == (after[0] if after else next(i for i in order if i in ("a", "d")))
    assert s.cursor_row == order.index(s.item.id)
