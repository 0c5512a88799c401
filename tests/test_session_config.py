"""The session's side of saved searches and of a config.yaml edited while the dashboard is open."""

from __future__ import annotations

from briefing_tui.problems import Problem
from briefing_tui.settings import SavedSearch, Settings

from .test_session import kw, plain, session_with, shown_ids

CONFIG = "/home/ana/.config/briefing/config.yaml"


def test_a_saved_search_finds_its_query_and_narrows_the_list_until_l() -> None:
    s = session_with()
    update = s.run_search(SavedSearch(name="Korea desk", query="korea"))
    assert shown_ids(s) == ["a", "d"] and s.item.id == "a" and update.rows
    assert "Korea desk: 2 items shown" in update.notices[0].text
    assert "find “korea” 2 items only" in plain(s)
    s.toggle_find_limit()
    assert shown_ids(s) == ["a", "b", "c", "d"] and s.find_query == "korea"


def test_a_sound_edit_brings_keywords_and_searches_in_and_drops_a_gone_keywords_filter() -> None:
    s = session_with()
    s.problems = [Problem(CONFIG, "keywords[0].terms: bad regular expression", 3), Problem("x.yaml", "bad")]
    s.toggle_keyword(0)  # Korea, key 1
    s.toggle_keyword(2)  # Spain, key 3
    new = Settings(keywords=[kw("3", "Spain", "spain"), kw("7", "Airlines", "airways")],
                   searches=[SavedSearch("Cup", "davis cup", "K")], mark_advances=False, claim_lapse=600)
    s.config_edited(new, CONFIG)
    assert s.active_keys == ["3"] and shown_ids(s) == ["c"]
    assert [k.name for k in s.settings.keywords] == ["Spain", "Airlines"]
    assert s.settings.searches == new.searches and not s.settings.mark_advances and s.settings.claim_lapse == 600
    assert s.problems == [Problem("x.yaml", "bad")]  # the config's old problem went, the file's stays


def test_a_bad_edit_changes_nothing_but_the_configs_problems() -> None:
    s = session_with()
    before = list(s.settings.keywords)
    bad = Settings(keywords=[], problems=[Problem(CONFIG, "mark_advances: expected true or false", 9)])
    update = s.config_edited(bad, CONFIG)
    assert s.settings.keywords == before and s.settings.mark_advances
    assert s.problems == bad.problems
    assert update.notices[0].severity == "warning" and f"{CONFIG}:9: mark_advances" in update.notices[0].text
