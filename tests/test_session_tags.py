"""The tag filter, without a terminal: source tags and the analyst's both count, any case; it narrows
what the keyword and review filters show, the status line says so, and 0 and Esc clear it."""

from __future__ import annotations

from briefing_tui.review_state import ReviewState
from briefing_tui.rules import read_rules

from .test_session import ITEMS, item, plain, session_with, shown_ids

TAGGED = [*ITEMS[:3], item("d", "Korea money", "South Korea pledged £50m and more for Korea.", tags=["Korea", "money"])]


def test_source_and_review_tags_count_in_any_case_and_combine_with_the_other_filters() -> None:
    session = session_with(TAGGED)
    session.states_loaded({"a": ReviewState("a", tags=("korea",)), "b": ReviewState("b", reviewed=True,
                                                                                    tags=("Money",))})
    assert session.tag_counts() == [("korea", 2), ("Money", 2)]  # the analyst's spelling first met
    session.set_tag_filter("KOREA")
    assert shown_ids(session) == ["a", "d"]
    text = plain(session)
    assert "only #KOREA" in text and "2/4 shown" in text
    session.toggle_keyword(1)  # Money (£...m): with the tag, the items that pass both
    assert shown_ids(session) == ["d"]
    session.clear_keywords()  # 0 clears the tag filter with the keywords
    assert session.tag_filter is None and shown_ids(session) == ["a", "b", "c", "d"]
    session.set_tag_filter("money")
    session.toggle_review_filter("unreviewed")
    assert shown_ids(session) == ["d"]
    session.toggle_review_filter("unreviewed")
    session.back(focused_pane="items")  # Esc clears it too
    assert session.tag_filter is None and len(session.rows) == 4
    assert "only #" not in plain(session)


def test_tagging_under_the_filter_moves_the_list_and_choosing_the_tag_again_turns_it_off() -> None:
    session = session_with(TAGGED)
    session.set_tag_filter("money")
    assert shown_ids(session) == ["d"]
    session.state_saved(ReviewState("b", tags=("MONEY",)))
    assert shown_ids(session) == ["b", "d"]
    session.select_row(0)
    session.state_saved(ReviewState("b"))  # untagged: it leaves, the selection goes to the item that followed
    assert shown_ids(session) == ["d"] and session.item is not None and session.item.id == "d"
    session.set_tag_filter("Money")
    assert session.tag_filter is None and len(session.rows) == 4
    session.set_tag_filter("nothing-has-it")
    assert session.rows == [] and session.empty_list_reason() == "No item matches the filters. Esc clears them."


def test_a_rule_s_tag_counts_for_the_filter() -> None:
    rules, problems = read_rules([{"name": "Spain", "when": {"title": ["davis"]}, "tag": "sport"}], "config.yaml",
                                 lambda keys: None)
    assert not problems
    session = session_with(TAGGED)
    session.set_rules(rules)
    effects = session.rule_effects
    effects.take_due()
    session.rules_matched(effects, [(2, (0,), ())])
    assert ("sport", 1) in session.tag_counts()
    session.set_tag_filter("Sport")
    assert shown_ids(session) == ["c"]


def test_tags_in_use_include_the_analyst_s_on_items_not_loaded() -> None:
    session = session_with(TAGGED)
    session.states_loaded({"gone": ReviewState("gone", tags=("archive",)), "a": ReviewState("a", tags=("Korea",))})
    assert session.tags_in_use() == [("Korea", 2), ("money", 1), ("archive", 0)]
    assert session.review_tags() == {"gone": ("archive",), "a": ("Korea",)}
