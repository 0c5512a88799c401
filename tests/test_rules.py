"""Rules: reading them from config.yaml (good and broken, each reported at its line), matching each
kind of condition on each field, and what their actions do to the loaded items (a computed view)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.filtering import SearchIndex
from briefing_tui.model import Actor, Item, Quote
from briefing_tui.review_state import ReviewState
from briefing_tui.rule_effects import RuleEffects
from briefing_tui.rules import REGEX_TIMEOUT, RuleSet, dry_run, read_rules
from briefing_tui.session import ReviewSession
from briefing_tui.settings import Settings, load_settings, load_settings_file


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _rules(tmp_path: Path, text: str) -> tuple[RuleSet, list[str]]:
    settings = load_settings_file(_config(tmp_path, text))
    return settings.rules, [str(p) for p in settings.problems]


def _one(tmp_path: Path, when: str) -> RuleSet:
    rules, problems = _rules(tmp_path, f"rules:\n  - name: R\n    when: {when}\n    flag: true\n")
    assert not problems and len(rules) == 1, problems
    return rules


ITEM = Item(
    id="x1", title="EU widens sanctions on Russian steel", source="https://wire.example/eu",
    body=["Brussels agreed an asset  freeze on Tuesday.", "Critics called the move (a) half-measure."],
    tags=["economy", "eu-policy"],
    actors=[Actor("Ursula von der Leyen", aliases=["von der Leyen"]), Actor("Kremlin", "organization")],
    quotes=[Quote("direct", "This is a turning point.", speaker="Ursula von der Leyen"),
            Quote("indirect", "the measures would fail", speaker=None, speaker_description="a Kremlin aide")],
)


# ---------------------------------------------------------------------- reading


def test_good_rules_are_read_with_their_lines_and_actions(tmp_path: Path) -> None:
    rules, problems = _rules(tmp_path, """\
keywords:
  - {key: "1", name: Russia, terms: [Russia]}
rules:
  - name: Sanctions watch
    when:
      any:
        - title: [sanction*, embargo]
        - body: {phrases: [asset freeze]}
    tag: [sanctions, "#watch"]
    flag: true
    hotkey: "6"
  - name: Noise
    when: {tags: sport}
    hide: true
""")
    assert problems == []
    assert [(r.name, r.line, r.actions()) for r in rules.rules] == [
        ("Sanctions watch", 4, ["tag: sanctions", "tag: watch", "flag", "hotkey 6"]),
        ("Noise", 12, ["hide"]),
    ]


@pytest.mark.parametrize(("rule", "line", "message"), [
    ("  - when: {title: x}\n    flag: true\n", 2, "rules[0]: name: required"),
    ("  - name: A\n    flag: true\n", 2, "rules[0]: when: required"),
    ("  - name: A\n    when: {title: x}\n", 2, "rules[0]: no action"),
    ("  - name: A\n    when:\n      colour: red\n    flag: true\n", 4, "rules[0].when.colour: unknown condition"),
    ("  - name: A\n    when:\n      body: {regex: '(open'}\n    flag: true\n", 4,
     "rules[0].when.body.regex: bad regular expression '(open'"),
    ("  - name: A\n    when:\n      any:\n        - title: x\n        - body: {regex: ['ok', 'a{2,1}']}\n"
     "    flag: true\n", 6, "rules[0].when.any[1].body.regex[1]: bad regular expression"),
    ("  - name: A\n    when:\n      title: {words: [two words]}\n    flag: true\n", 4,
     "'two words' is more than one word; put it under phrases:"),
    ("  - name: A\n    when:\n      title: {words: ['*']}\n    flag: true\n", 4, "a * stands for the end of a word"),
    ("  - name: A\n    when:\n      title: {sounds: x}\n    flag: true\n", 4, "unknown kind 'sounds'"),
    ("  - name: A\n    when:\n      all: []\n    flag: true\n", 4, "all: expected a list of conditions"),
    ("  - name: A\n    when: {title: x}\n    flag: yes please\n", 4, "flag: expected true or false"),
    ("  - name: A\n    when: {title: x}\n    hotkey: ab\n", 4, "hotkey: 'ab' is not a single key"),
    ("  - name: A\n    when: {title: x}\n    colour: red\n", 4, "unknown field 'colour'"),
    ("  - name: A\n    when: {title: ''}\n    flag: true\n", 3, "a blank entry"),
    ("  - just text\n", 2, "rules[0]: expected a mapping"),
])
def test_a_broken_rule_is_reported_at_its_line_and_the_others_apply(tmp_path: Path, rule: str, line: int,
                                                                    message: str) -> None:
    rules, problems = _rules(tmp_path, "rules:\n" + rule + "  - name: Good\n    when: {title: x}\n    flag: true\n")
    assert [r.name for r in rules.rules] == ["Good"]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{tmp_path / 'config.yaml'}:{line}: "), problems
    assert message in problems[0] and problems[0].endswith("this rule is left out"), problems


def test_duplicate_names_and_hotkeys_leave_the_second_rule_out(tmp_path: Path) -> None:
    rules, problems = _rules(tmp_path, """\
rules:
  - {name: A, when: {title: x}, hotkey: "6"}
  - {name: a, when: {title: y}, flag: true}
  - {name: B, when: {title: z}, hotkey: "6"}
""")
    assert [r.name for r in rules.rules] == ["A"]
    assert [p.split(": ", 1)[0].rsplit(":", 1)[1] for p in problems] == ["3", "4"]
    assert "another rule is named 'a'" in problems[0] and "is the hotkey of rule 'A'" in problems[1]


def test_rules_not_a_list_is_one_problem_and_no_rule(tmp_path: Path) -> None:
    rules, problems = _rules(tmp_path, "rules:\n  name: A\n")
    assert not rules and len(problems) == 1 and ":2: rules: expected a list of rules" in problems[0]


def test_remembered_settings_keep_the_rules(tmp_path: Path) -> None:
    config = _config(tmp_path, "rules:\n  - {name: A, when: {title: sanctions}, hide: true}\n")
    remember = tmp_path / "cache" / "settings.json"
    first = load_settings(config, remember=remember)
    assert remember.exists()
    again = load_settings(config, remember=remember)
    assert [r.name for r in again.rules.rules] == [r.name for r in first.rules.rules] == ["A"]
    assert again.rules.rules[0].hide and again.rules.rules[0].matches(Item(id="i", title="New sanctions"))


# ---------------------------------------------------------------------- matching


@pytest.mark.parametrize(("when", "expected"), [
    ("{title: sanctions}", True),
    ("{title: SANCTIONS}", True),  # case-insensitive
    ("{title: sanction}", False),  # whole words
    ("{title: sanction*}", True),  # a trailing * is any ending
    ("{title: [embargo, steel]}", True),  # any of the words
    ("{body: {phrases: [asset freeze]}}", True),  # any whitespace between a phrase's words
    ("{body: {phrases: [freeze asset]}}", False),  # in order
    ("{body: {phrases: [tuesday critics]}}", False),  # never across paragraphs
    ("{text: [steel, nothing]}", True),  # title and body
    ("{body: steel}", False),
    ("{source: {regex: 'wire\\.example/'}}", True),
    ("{source: wire}", True),  # words in a URL
    ("{tags: economy}", True),
    ("{tags: eu}", True),  # "eu-policy" holds the word "eu"
    ("{tags: {regex: 'eu-pol'}}", True),  # a regular expression matches anywhere, not only whole words
    ("{actors: leyen}", True),
    ("{actors: {phrases: [von der leyen]}}", True),  # names and aliases
    ("{speakers: {phrases: [Ursula von der Leyen]}}", True),
    ("{speakers: Kremlin}", False),  # an actor, and in a speaker description, but no speaker
    ("{quotes: {phrases: [turning point]}}", True),
    ("{body: {regex: '\\(a\\) half'}}", True),
    ("{body: {regex: '(?-i:brussels)'}}", False),  # case-sensitive where asked
    ("{body: {regex: 'BRUSSELS'}}", True),
])
def test_each_condition_kind_on_each_field(tmp_path: Path, when: str, expected: bool) -> None:
    assert _one(tmp_path, when).rules[0].matches(ITEM) is expected


@pytest.mark.parametrize(("when", "expected"), [
    ("{all: [{title: sanctions}, {body: brussels}]}", True),
    ("{all: [{title: sanctions}, {body: moscow}]}", False),
    ("{any: [{title: moscow}, {body: brussels}]}", True),
    ("{not: {title: sanctions}}", False),
    ("{not: {title: moscow}}", True),
    ("{title: sanctions, source: tabloid}", False),  # a mapping of several fields is all of them
    ("[{title: sanctions}, {not: {source: tabloid}}]", True),  # and so is a list
    ("{any: [{all: [{title: steel}, {not: {tags: sport}}]}, {title: moscow}]}", True),
])
def test_all_any_and_not_combine(tmp_path: Path, when: str, expected: bool) -> None:
    assert _one(tmp_path, when).rules[0].matches(ITEM) is expected


def test_an_empty_item_meets_no_field_test(tmp_path: Path) -> None:
    rules = _one(tmp_path, "{any: [{title: x}, {body: x}, {source: x}, {tags: x}, {actors: x}, {speakers: x}]}")
    assert not rules.rules[0].matches(Item(id="e"))


def test_a_catastrophic_regex_gives_up_on_the_item_and_says_so(tmp_path: Path) -> None:
    rules, problems = _rules(tmp_path, """\
rules:
  - {name: Slow, when: {body: {regex: '(x+x+)+y'}}, flag: true}
  - {name: Fast, when: {body: x}, flag: true}
""")
    assert not problems
    item = Item(id="s", body=["x" * 5000, "x"])
    started = time.monotonic()
    verdict = rules.verdict(item)
    elapsed = time.monotonic() - started
    assert verdict.matched == (1,) and verdict.slow == (0,)
    assert elapsed < 100 * REGEX_TIMEOUT  # a bound on a hang, not a timing assert: unbounded is hours


def test_dry_run_counts_and_gives_examples() -> None:
    rules, problems = read_rules([{"name": "Steel", "when": {"text": "steel"}, "tag": "steel"},
                                  {"name": "None", "when": {"title": "zzz"}, "hide": True}],
                                 "config.yaml", lambda keys: None)
    assert not problems
    items = [Item(id=str(i), title=f"Steel story {i}") for i in range(5)] + [None, Item(id="o", title="Other")]
    seen, counts = dry_run(rules, items)
    assert seen == 6
    assert [(c.rule.name, c.matched, c.examples) for c in counts] == [
        ("Steel", 5, ["Steel story 0", "Steel story 1", "Steel story 2"]), ("None", 0, [])]


# ---------------------------------------------------------------------- actions: a computed view


def _session(rules: list[dict], items: list[Item]) -> ReviewSession:
    ruleset, problems = read_rules(rules, "config.yaml", lambda keys: None)
    assert not problems
    index = SearchIndex()
    session = ReviewSession(Settings(rules=ruleset), index)
    session.positions = {item.id: p for p, item in enumerate(items)}
    session.rule_effects.due(index.add(items))
    session.load_complete = True
    return session


def _work_out(session: ReviewSession) -> None:
    """What the dashboard's rule runner does on its thread, here on this one."""
    effects = session.rule_effects
    results = []
    for position in effects.take_due():
        verdict = effects.rules.verdict(session.index.items[position])
        results.append((position, verdict.matched, verdict.slow))
    session.rules_matched(effects, results)


ITEMS = [Item(id="a", title="Sanctions on steel"), Item(id="b", title="Football", tags=["sport"]),
         Item(id="c", title="Weather")]
RULES = [{"name": "Watch", "when": {"title": "sanctions"}, "tag": "sanctions", "flag": True, "hotkey": "6"},
         {"name": "Noise", "when": {"tags": "sport"}, "hide": True}]


def test_tag_flag_hide_and_hotkey_as_a_view() -> None:
    session = _session(RULES, ITEMS)
    _work_out(session)
    assert session.rule_effects.settled
    assert session.rows == [0, 2]  # Football hidden
    assert session.hidden_count() == 1
    assert any("1 hidden by rules (H)" in text for text, _ in session.status_line())
    assert session.marks() == {"a": "rule-flag"}
    assert session.rule_effects.tags(0) == ["sanctions"]
    assert [r.name for r in session.rule_effects.touched(1)] == ["Noise"]
    session.toggle_rule_key("6")
    assert session.rows == [0]
    session.toggle_rule_key("6")
    session.toggle_hidden()
    assert session.rows == [0, 1, 2]
    assert any("showing 1 hidden by rules" in text for text, _ in session.status_line())


def test_rules_never_touch_what_the_analyst_wrote() -> None:
    session = _session(RULES, ITEMS)
    mine = {"a": ReviewState("a", reviewed=True), "b": ReviewState("b", note="keep an eye on this")}
    session.states_loaded(dict(mine))
    _work_out(session)
    assert session.states == mine  # nothing written, nothing erased
    assert session.marks() == {"a": "reviewed"}  # the analyst's mark is the one shown
    assert session.rows == [0, 1, 2]  # an item with the analyst's note is never hidden
    assert session.hidden_count() == 0


def test_reloaded_items_and_new_rules_are_worked_out_again() -> None:
    session = _session(RULES, ITEMS)
    _work_out(session)
    session.index.replace(1, Item(id="b", title="Football", tags=["culture"]))
    session.rule_effects.due([1])
    _work_out(session)
    assert session.rows == [0, 1, 2] and not session.rule_effects.hidden
    old = session.rule_effects
    session.set_rules(read_rules([{"name": "Weather", "when": {"title": "weather"}, "hide": True}],
                                 "config.yaml", lambda keys: None)[0])
    session.rules_matched(old, [(0, (0,), ())])  # late results for the old rules are dropped
    assert session.rule_effects is not old and not session.rule_effects.hidden
    _work_out(session)
    assert session.rows == [0, 1] and session.marks() == {}


def test_effects_record_only_changes() -> None:
    rules = read_rules(RULES, "config.yaml", lambda keys: None)[0]
    effects = RuleEffects(rules)
    assert effects.record([(0, (0,), ()), (1, (1,), ())])
    assert not effects.record([(0, (0,), ())])
    assert effects.record([(1, (), ())])
    assert effects.hidden == set() and effects.flagged == {0} and effects.per_rule == [{0}, set()]


# ---------------------------------------------------------------------- verdicts remembered between launches


def test_memo_round_trip_and_what_it_ignores(tmp_path: Path) -> None:
    from briefing_tui.catalog import Ref
    from briefing_tui.rule_memo import KEEP, RuleMemo

    folder = tmp_path / "verdicts"
    a, b = Ref(Path("/d/a.yaml"), "d1", 0), Ref(Path("/d/a.yaml"), "d1", 1)
    memo = RuleMemo(folder, "k1")
    memo.put(a, (0, 2))
    memo.put(b, ())
    memo.save()
    again = RuleMemo(folder, "k1")
    again.load()
    assert again.get(a) == (0, 2) and again.get(b) == ()
    assert again.get(Ref(Path("/d/a.yaml"), "d2", 0)) is None  # the file changed: a new digest
    assert again.get(Ref(Path("/e/a.yaml"), "d1", 0)) is None  # the same content elsewhere: its source differs
    # Damaged, or written by another version: ignored, never an error.
    for text in ("{", '{"layout": 1, "version": "0.0.0", "verdicts": {}}', '{"layout": 1}', "[]"):
        (folder / "k2.json").write_text(text, encoding="utf-8")
        damaged = RuleMemo(folder, "k2")
        damaged.load()
        assert damaged.get(a) is None
    # Only the files used this launch are written back; only the last KEEP rule sets are kept.
    partial = RuleMemo(folder, "k1")
    partial.load()
    partial.put(Ref(Path("/d/c.yaml"), "d3", 0), (1,))
    partial.save()
    reread = RuleMemo(folder, "k1")
    reread.load()
    assert reread.get(a) is None and reread.get(Ref(Path("/d/c.yaml"), "d3", 0)) == (1,)
    for n in range(KEEP + 3):
        extra = RuleMemo(folder, f"x{n}")
        extra.put(a, ())
        extra.save()
    assert len(list(folder.glob("*.json"))) == KEEP


def test_the_rule_set_key_follows_the_rules_as_written(tmp_path: Path) -> None:
    first = _one(tmp_path, "{title: sanctions}")
    same = _one(tmp_path, "{title: sanctions}")
    other = _one(tmp_path, "{title: embargo}")
    assert first.key and first.key == same.key != other.key


def test_a_rule_hotkey_a_keyword_uses_stays_the_keywords(tmp_path: Path) -> None:
    config = _config(tmp_path, """\
keywords:
  - {key: "1", name: Russia, terms: [Russia]}
rules:
  - {name: A, when: {title: x}, hotkey: "1", flag: true}
  - {name: B, when: {title: y}, hotkey: "2"}
""")
    settings = load_settings(config)
    assert [(r.name, r.hotkey) for r in settings.rules.rules] == [("A", None), ("B", "2")]
    assert [str(p) for p in settings.problems] == [
        f"{config}:4: rules: A: hotkey '1' is a keyword's key; the rule applies without it"]


def test_an_empty_field_is_found_with_not(tmp_path: Path) -> None:
    rules = _one(tmp_path, "{not: {speakers: {regex: '.'}}}")
    assert rules.rules[0].matches(Item(id="e", quotes=[Quote("direct", "words")]))
    assert not rules.rules[0].matches(ITEM)


def test_a_list_emptied_by_rules_says_how_to_see_the_items() -> None:
    session = _session([{"name": "All", "when": {"title": {"regex": "."}}, "hide": True}], ITEMS)
    _work_out(session)
    assert session.rows == []
    assert session.empty_list_reason() == "Every item is hidden by a rule. H shows them."


def test_keys_of_several_types_cost_only_their_rule() -> None:
    rules, problems = read_rules([{"name": "A", "when": {"title": "a"}, "flag": True},
                                  {"name": "B", "when": {1: "x", "title": "y"}, "flag": True}],
                                 "config.yaml", lambda keys: None)
    assert [r.name for r in rules.rules] == ["A"] and rules.key
    assert len(problems) == 1 and "unknown condition '1'" in str(problems[0])


def test_whole_words_at_both_ends() -> None:
    rules, _ = read_rules([{"name": "A", "when": {"title": "sanctions"}, "flag": True}], "c", lambda keys: None)
    assert not rules.rules[0].matches(Item(id="1", title="Desanctions eased"))
    assert rules.rules[0].matches(Item(id="2", title="New Sanctions, again"))


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12),
                     st.sampled_from(["title", "body", "all", "any", "not", "words", "phrases", "regex", "(", "*",
                                      "a*", "name", "when", "tag", "flag", "hide", "hotkey"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(_SCALARS, inner, max_size=4)), max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.lists(_VALUES, max_size=4))
def test_any_rules_data_gives_rules_or_problems_never_an_exception(data: list) -> None:
    rules, problems = read_rules(data, "config.yaml", lambda keys: 1)
    assert len(rules) + len(problems) >= len(data) or len(data) == 0
    for rule in rules.rules:
        rule.matches(ITEM)


def test_a_rule_filter_marks_its_words_in_the_article_not_what_it_excludes() -> None:
    from briefing_tui.filtering import hits_in

    rules, _ = read_rules([{"name": "A", "hotkey": "6", "when": {
        "all": [{"any": [{"title": "sanction*"}, {"body": {"phrases": ["asset freeze"]}}]},
                {"not": {"body": "critics"}}, {"source": "wire"}, {"body": {"regex": "brussels"}}]}}],
        "c", lambda keys: None)
    patterns = rules.rules[0].shown_patterns()
    hits = [(h.paragraph, ITEM.title[h.start:h.end] if h.paragraph < 0 else ITEM.body[h.paragraph][h.start:h.end])
            for p in patterns for h in hits_in(ITEM, p)]
    assert hits == [(-1, "sanctions"), (0, "asset  freeze")]  # not "critics", the source, or the regex
    session = _session([{"name": "A", "when": {"title": "sanctions"}, "hotkey": "6"}], ITEMS)
    _work_out(session)
    session.reading_items = True
    session.toggle_rule_key("6")
    assert [(h.paragraph, h.start, h.end) for h in session.highlights().keyword_hits] == [(-1, 0, 9)]
