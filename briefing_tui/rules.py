"""Rules: conditions on an item's fields and what to do with the items that meet them.

An analyst writes them under ``rules:`` in config.yaml (the shape is in
docs/rules.md). Each rule is checked when the config is read: a broken rule
is reported at its line and left out, the others apply. Matching is plain
Python over an ``Item``, so the dashboard, ``briefing rules --dry-run`` and
the tests share it.

Words and phrases are compiled into one pattern per field test and searched
in case-folded text, after a ``str`` containment test of each term's first
word: most items hold none of a rule's words, and that test runs at C speed.
Regular expressions are the analyst's own, so they run through the ``regex``
module with a time-out per field: a pattern that backtracks without end on
one item gives up on that item (counted, and said in the dry run) instead
of freezing whoever runs it.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .problems import Problem, problem
from .sanitize import clean_line
from .term_search import matched_where_words_stand

if TYPE_CHECKING:
    from .model import Item

FIELDS = ("title", "body", "text", "source", "tags", "actors", "speakers", "quotes")
KINDS = ("words", "phrases", "regex")
ACTIONS = ("tag", "flag", "hide", "hotkey")
MAX_RULES = 100
MAX_TERMS = 500  # terms in one field test
MAX_DEPTH = 12  # all/any/not nesting
# Seconds one regular expression may spend on one field of one item before it gives up there.
REGEX_TIMEOUT = 0.05
_KEY = re.compile(r"^(?:[!-~]|f\d{1,2}|ctrl\+[a-z0-9])$")
_SEP = "\0"  # between paragraphs, tags, names: never in item text, and neither a word nor a space


class Bad(Exception):
    """A rule that cannot be used; ``where`` is the path into the rule (``when.any[1].title``)."""

    def __init__(self, message: str, where: tuple[Any, ...] = ()) -> None:
        super().__init__(message)
        self.message, self.where = message, where


class Facts:
    """One item's fields as rules read them, each built when a test first asks for it."""

    __slots__ = ("_folded", "_raw", "item", "slow")

    def __init__(self, item: Item) -> None:
        self.item = item
        self._raw: dict[str, str] = {}
        self._folded: dict[str, str] = {}
        self.slow = False  # a regular expression gave up on this item (REGEX_TIMEOUT)

    def raw(self, name: str) -> str:
        text = self._raw.get(name)
        if text is None:
            joined = name == "text"  # title and body, each kept for their own tests too
            text = self.raw("title") + _SEP + self.raw("body") if joined else _SEP.join(_values(self.item, name))
            self._raw[name] = text
        return text

    def folded(self, name: str) -> str:
        text = self._folded.get(name)
        if text is None:
            joined = name == "text"  # title and body, folded once for their own tests too
            text = self.folded("title") + _SEP + self.folded("body") if joined else self.raw(name).casefold()
            self._folded[name] = text
        return text


def _values(item: Item, name: str) -> list[str]:
    if name == "title":
        return [item.title or ""]
    if name == "body":
        return item.body
    if name == "source":
        return [item.source or ""]
    if name == "tags":
        return item.tags
    if name == "actors":
        return [n for actor in item.actors for n in actor.names()]
    if name == "speakers":
        return [q.speaker for q in item.quotes if q.speaker]
    return [q.text for q in item.quotes]  # quotes


class Condition:
    """Something an item meets or not."""

    __slots__ = ()

    def holds(self, facts: Facts) -> bool:
        raise NotImplementedError

    def shown_terms(self) -> list[str]:
        """Patterns of what this condition looks for in the title and body, for marking in the
        article (what a ``not`` excludes is never marked)."""
        return []


class FieldTest(Condition):
    """Any of some words, phrases or regular expressions in one field."""

    __slots__ = ("firsts", "name", "parts", "pattern", "regexes")

    def __init__(self, name: str, words: Sequence[str], phrases: Sequence[str], regexes: Sequence[str]) -> None:
        self.name = name
        parts: list[str] = []
        firsts = []
        for term in [*words, *phrases]:
            tokens = term.casefold().split()
            parts.append(r"\s+".join(_token(t) for t in tokens))
            firsts.append(tokens[0].rstrip("*"))
        # A first word that another starts with is found wherever that one is ("sanction" in "sanctions").
        self.firsts = tuple(w for w in dict.fromkeys(firsts) if not any(w.startswith(o) and w != o for o in firsts))
        self.parts = tuple(parts)
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)") if parts else None
        self.regexes = tuple(compile_regex(r) for r in regexes)

    def shown_terms(self) -> list[str]:
        # Words and phrases only: the article is drawn on the screen's thread, where an analyst's
        # regular expression, with no time-out in ``re``, could hold it.
        if self.name not in ("title", "body", "text"):
            return []
        return [r"(?<!\w)(?:" + p + r")(?!\w)" for p in self.parts]

    def holds(self, facts: Facts) -> bool:
        # Where a term's first word stands, the pattern is tried there alone: a search of the whole
        # text would try every position (see the module note).
        if self.pattern is not None and matched_where_words_stand(facts.folded(self.name), self.firsts,
                                                                  self.pattern):
            return True
        if self.regexes:
            text = facts.raw(self.name)
            # The time-out costs a fixed few µs per call (docs/performance.md, "Rules"): an empty
            # field (no speakers, no tags) is not searched.
            for regex in self.regexes if text.strip(_SEP) else ():
                try:
                    if regex.search(text, timeout=REGEX_TIMEOUT):
                        return True
                except TimeoutError:
                    facts.slow = True
        return False


def _token(word: str) -> str:
    """A folded word as a pattern; a trailing ``*`` stands for any ending (``sanction*``)."""
    if word.endswith("*"):
        return re.escape(word.rstrip("*")) + r"\w*"
    return re.escape(word)


def compile_regex(pattern: str) -> Any:
    """An analyst's regular expression, case-insensitive (``(?-i:...)`` makes a part case-sensitive).
    Raises ``Bad`` with the reason when it does not compile."""
    import regex

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return regex.compile(pattern, regex.IGNORECASE | regex.V0)
    except regex.error as exc:
        raise Bad(f"bad regular expression {clean_line(pattern)[:60]!r}: {exc}") from None
    except (OverflowError, RecursionError, MemoryError) as exc:
        raise Bad(f"regular expression too large or too deeply nested ({type(exc).__name__})") from None


class AllOf(Condition):
    __slots__ = ("parts",)

    def __init__(self, parts: Sequence[Condition]) -> None:
        self.parts = tuple(parts)

    def holds(self, facts: Facts) -> bool:
        return all(p.holds(facts) for p in self.parts)

    def shown_terms(self) -> list[str]:
        return [t for p in self.parts for t in p.shown_terms()]


class AnyOf(Condition):
    __slots__ = ("parts",)

    def __init__(self, parts: Sequence[Condition]) -> None:
        self.parts = tuple(parts)

    def holds(self, facts: Facts) -> bool:
        return any(p.holds(facts) for p in self.parts)

    def shown_terms(self) -> list[str]:
        return [t for p in self.parts for t in p.shown_terms()]


class Not(Condition):
    __slots__ = ("part",)

    def __init__(self, part: Condition) -> None:
        self.part = part

    def holds(self, facts: Facts) -> bool:
        return not self.part.holds(facts)


@dataclass(frozen=True, eq=False)
class Rule:
    """A named condition and its actions; ``line``: where it starts in its file, for messages."""

    name: str
    when: Condition
    tags: tuple[str, ...] = ()
    flag: bool = False
    hide: bool = False
    hotkey: str | None = None
    line: int | None = None

    def matches(self, item: Item) -> bool:
        return self.when.holds(Facts(item))

    def shown_patterns(self) -> list[re.Pattern[str]]:
        """The words and phrases the rule looks for in the title and body, case-insensitive, for
        marking in the article while its hotkey filter is on."""
        return [re.compile(term, re.IGNORECASE) for term in self.when.shown_terms()]

    def actions(self) -> list[str]:
        """What the rule does, in the words the screen and the dry run use."""
        out = [f"tag: {t}" for t in self.tags]
        out += ["flag"] * self.flag + ["hide"] * self.hide
        if self.hotkey:
            out.append(f"hotkey {self.hotkey}")
        return out


@dataclass(frozen=True)
class Verdict:
    """Which rules (their indices) an item meets, and which gave up on it (a regex too slow)."""

    matched: tuple[int, ...]
    slow: tuple[int, ...] = ()


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...] = ()
    # Names the rules as written (``read_rules``): the same key, the same verdicts (``rule_memo``).
    key: str = ""

    def __len__(self) -> int:
        return len(self.rules)

    def __bool__(self) -> bool:
        return bool(self.rules)

    def verdict(self, item: Item) -> Verdict:
        facts = Facts(item)
        matched, slow = [], []
        for i, rule in enumerate(self.rules):
            if rule.when.holds(facts):
                matched.append(i)
            if facts.slow:
                slow.append(i)
                facts.slow = False
        return Verdict(tuple(matched), tuple(slow))


def without_keys(rules: RuleSet, taken: set[str]) -> tuple[RuleSet, list[Rule]]:
    """The rules with no hotkey among ``taken`` (the keyword hotkeys' keys), and the rules whose
    hotkey was dropped: a key toggles one filter, and the keyword's was there first."""
    dropped = [rule for rule in rules.rules if rule.hotkey in taken]
    if not dropped:
        return rules, []
    kept = tuple(replace(rule, hotkey=None) if rule.hotkey in taken else rule for rule in rules.rules)
    return RuleSet(kept, rules.key), dropped


# ---------------------------------------------------------------------- reading rules: from config.yaml


def read_rules(data: Any, path: Path | str,
               line_of: Callable[[tuple[Any, ...]], int | None]) -> tuple[RuleSet, list[Problem]]:
    """The sound rules of ``rules:`` and a problem for each rule left out.

    ``line_of(keys)``: the line of the value at ``keys`` under ``rules`` (``(2, "when", "any", 0)``),
    or the nearest one above it, so each message names config.yaml and the line like every setting.
    """
    if data is None:
        return RuleSet(), []
    if not isinstance(data, list):
        return RuleSet(), [problem(path, "rules: expected a list of rules, each with name, when and actions",
                                   line_of(()))]
    problems: list[Problem] = []
    if len(data) > MAX_RULES:
        problems.append(problem(path, f"rules: at most {MAX_RULES} rules; the rest are left out",
                                line_of((MAX_RULES,))))
        data = data[:MAX_RULES]
    rules: list[Rule] = []
    names: set[str] = set()
    keys: dict[str, str] = {}
    for i, entry in enumerate(data):
        try:
            rule = _rule(entry)
            if rule.name.casefold() in names:
                raise Bad(f"another rule is named {rule.name!r}", ("name",))
            if rule.hotkey and rule.hotkey in keys:
                raise Bad(f"hotkey {rule.hotkey!r} is the hotkey of rule {keys[rule.hotkey]!r}", ("hotkey",))
        except Bad as exc:
            where = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in exc.where)
            problems.append(problem(path, f"rules[{i}]{where}: {exc.message}; this rule is left out",
                                    line_of((i, *exc.where))))
            continue
        except Exception as exc:  # a value no check foresaw: this rule is reported, the others apply
            problems.append(problem(path, f"rules[{i}]: cannot be read ({type(exc).__name__}); this rule is "
                                    "left out", line_of((i,))))
            continue
        names.add(rule.name.casefold())
        if rule.hotkey:
            keys[rule.hotkey] = rule.name
        rules.append(Rule(rule.name, rule.when, rule.tags, rule.flag, rule.hide, rule.hotkey, line_of((i,))))
    return RuleSet(tuple(rules), _key(data)), problems


def _key(data: list[Any]) -> str:
    import hashlib
    import json

    try:
        text = json.dumps(data, sort_keys=True, default=repr, ensure_ascii=False)
    except (TypeError, ValueError):  # keys of several types cannot be sorted: the order as written
        text = repr(data)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def _rule(entry: Any) -> Rule:
    if not isinstance(entry, dict):
        raise Bad("expected a mapping with name, when and at least one of tag, flag, hide, hotkey")
    unknown = [k for k in entry if k not in ("name", "when", *ACTIONS)]
    if unknown:
        raise Bad(f"unknown field {str(unknown[0])!r}; expected name, when, {', '.join(ACTIONS)}", (unknown[0],))
    name = clean_line(str(entry.get("name") or ""))[:80]
    if not name:
        raise Bad("name: required", ("name",) if "name" in entry else ())
    if "when" not in entry:
        raise Bad("when: required (the condition, see docs/rules.md)")
    when = _condition(entry["when"], ("when",), 0)
    tags = entry.get("tag", [])
    if isinstance(tags, (str, int)):
        tags = [tags]
    if not isinstance(tags, list) or not all(isinstance(t, (str, int)) for t in tags):
        raise Bad("tag: expected a tag or a list of tags", ("tag",))
    tag_names = tuple(dict.fromkeys(t for t in (clean_line(str(t)).strip().lstrip("#") for t in tags) if t))
    if tags and not tag_names:
        raise Bad("tag: no tag left once blank and control characters are removed", ("tag",))
    flag, hide = (_flag(entry, k) for k in ("flag", "hide"))
    hotkey = None
    if "hotkey" in entry:
        hotkey = str(entry["hotkey"]).strip()
        if not _KEY.match(hotkey):
            raise Bad(f"{hotkey!r} is not a single key (a character, f1-f12 or ctrl+letter)", ("hotkey",))
    if not (tag_names or flag or hide or hotkey):
        raise Bad("no action: give at least one of tag, flag: true, hide: true, hotkey")
    return Rule(name, when, tag_names, flag, hide, hotkey)


def _flag(entry: dict[Any, Any], key: str) -> bool:
    value = entry.get(key, False)
    if not isinstance(value, bool):
        raise Bad(f"expected true or false, not {value!r}", (key,))
    return value


def _condition(node: Any, where: tuple[Any, ...], depth: int) -> Condition:
    """``all: [...]``, ``any: [...]``, ``not: ...``, ``FIELD: terms``; a mapping of several is all of
    them, and so is a list."""
    if depth > MAX_DEPTH:
        raise Bad(f"conditions nested deeper than {MAX_DEPTH} levels", where)
    if isinstance(node, list):
        if not node:
            raise Bad("an empty list of conditions", where)
        return AllOf([_condition(n, (*where, i), depth + 1) for i, n in enumerate(node)])
    if not isinstance(node, dict) or not node:
        raise Bad("expected a condition: all, any, not, or a field (" + ", ".join(FIELDS) + ")", where)
    parts: list[Condition] = []
    for key, value in node.items():
        at = (*where, key)
        if key in ("all", "any"):
            if not isinstance(value, list) or not value:
                raise Bad(f"{key}: expected a list of conditions", at)
            inner = [_condition(n, (*at, i), depth + 1) for i, n in enumerate(value)]
            parts.append(AllOf(inner) if key == "all" else AnyOf(inner))
        elif key == "not":
            parts.append(Not(_condition(value, at, depth + 1)))
        elif key in FIELDS:
            parts.append(_field_test(str(key), value, at))
        else:
            raise Bad(f"unknown condition {str(key)!r}; expected all, any, not or a field: {', '.join(FIELDS)}", at)
    return parts[0] if len(parts) == 1 else AllOf(parts)


def _terms(value: Any, where: tuple[Any, ...], kind: str) -> list[str]:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list) or not value or not all(
            isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        raise Bad(f"{kind}: expected a {kind.rstrip('s')} or a list of them", where)
    if len(value) > MAX_TERMS:
        raise Bad(f"{kind}: at most {MAX_TERMS}", where)
    terms = [clean_line(str(v)).strip() for v in value]
    if not all(terms):
        raise Bad(f"{kind}: a blank entry would match everything or nothing", where)
    return terms


def _field_test(name: str, value: Any, where: tuple[Any, ...]) -> FieldTest:
    """``title: sanctions`` and ``title: [a, b]`` are words; a mapping names words, phrases, regex."""
    spec = value if isinstance(value, dict) else {"words": value}
    unknown = [k for k in spec if k not in KINDS]
    if unknown:
        raise Bad(f"unknown kind {str(unknown[0])!r}; expected {', '.join(KINDS)}", (*where, unknown[0]))
    if not spec:
        raise Bad("expected words, phrases or regex", where)
    at = (lambda k: (*where, k)) if isinstance(value, dict) else (lambda k: where)
    words = _terms(spec["words"], at("words"), "words") if "words" in spec else []
    phrases = _terms(spec["phrases"], at("phrases"), "phrases") if "phrases" in spec else []
    regexes = _terms(spec["regex"], at("regex"), "regex") if "regex" in spec else []
    for word in words:
        if len(word.split()) > 1:
            raise Bad(f"words: {word!r} is more than one word; put it under phrases:", at("words"))
    for term in [*words, *phrases]:
        if any(not t.rstrip("*") for t in term.split()) or any("*" in t.rstrip("*") for t in term.split()):
            raise Bad(f"{term!r}: a * stands for the end of a word (sanction*), after at least one letter",
                      at("words" if term in words else "phrases"))
    for i, pattern in enumerate(regexes):
        try:
            compile_regex(pattern)
        except Bad as exc:
            raise Bad(exc.message, at("regex") if len(regexes) == 1 else (*at("regex"), i)) from None
    return FieldTest(name, words, phrases, regexes)


# ---------------------------------------------------------------------- a dry run: what rules would do


@dataclass
class RuleCount:
    """How many items one rule matches, a few of their titles, and where its regex gave up."""

    rule: Rule
    matched: int = 0
    examples: list[str] = field(default_factory=list)
    slow: int = 0


MAX_EXAMPLES = 3


def dry_run(rules: RuleSet, items: Iterable[Item | None], *, pause: Callable[[int], bool] | None = None,
            each: Callable[[int, Verdict], None] | None = None) -> tuple[int, list[RuleCount]]:
    """(items seen, a count per rule) over ``items``; nothing is applied. ``pause`` is called now and
    then with the items seen so far, and stops the run when it returns True (the analyst closed the
    screen); ``each`` gets every verdict with the item's place in ``items``."""
    from .summary import display_title

    counts = [RuleCount(rule) for rule in rules.rules]
    seen = 0
    for place, item in enumerate(items):
        if item is None:
            continue
        if pause is not None and seen % 64 == 0 and pause(seen):
            break
        seen += 1
        verdict = rules.verdict(item)
        if each is not None:
            each(place, verdict)
        for i in verdict.matched:
            count = counts[i]
            count.matched += 1
            if len(count.examples) < MAX_EXAMPLES:
                count.examples.append(clean_line(display_title(item)[0])[:120])
        for i in verdict.slow:
            counts[i].slow += 1
    return seen, counts
