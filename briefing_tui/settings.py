"""User settings: keyword hotkeys and key remaps, from the shipped defaults and the user's file.

The shipped ``config/keywords.yaml`` gives the defaults. A user file
(``config.yaml`` in the XDG config folder, or ``--config FILE``) may hold
``keywords:`` (which replaces the defaults), ``keys:`` (binding id to
key), ``feeds:`` (subscriptions, read by ``feeds.subscriptions``) and
``rules:`` (read by ``rules``), ``grouping:`` (how alike two outlets' stories must be to show as one)
and ``searches:`` (saved find queries, each with a name and perhaps a key). A
bad user file is reported and the defaults stand, so a typo never locks
anyone out of the app; a bad feed entry or rule costs only that feed or rule.

Sound settings are remembered in a small JSON file beside the parse cache,
keyed on the files' identities: a launch with unchanged files reads that
instead of importing PyYAML (start-up time; see docs/performance.md).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__
from .feeds.subscriptions import Subscription, read_subscriptions
from .grouping import GroupingSettings
from .problems import Problem, problem
from .resources import default_config_dir
from .review_state import URL_PATTERN
from .rules import RuleSet, read_rules, without_keys
from .sanitize import clean_line

MAX_KEYWORDS = 20
_KEY = re.compile(r"^(?:[!-~]|f\d{1,2}|ctrl\+[a-z0-9])$")


@dataclass(frozen=True, slots=True)
class Keyword:
    """A keyword filter: a hotkey, a name for the screen, and the terms it matches."""

    key: str
    name: str
    terms: tuple[str, ...]

    @property
    def pattern(self) -> re.Pattern[str]:
        # Compiled when first used, not at start-up; the terms were checked when the config was read.
        return compile_terms(self.terms)


MAX_SEARCHES = 20


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A find query the analyst runs often, under a name (and perhaps a key): choosing it narrows the list."""

    name: str
    query: str
    key: str | None = None


DEFAULT_CLAIM_LAPSE = 30 * 60
# A claim shorter than a minute lapses while its holder reads the article; one longer than a day
# keeps an item from the desk after its holder went home.
_CLAIM_LAPSE_BOUNDS = (60, 24 * 3600)
_DURATION = re.compile(r"^\s*(\d{1,6})\s*([mh]?)\s*$", re.IGNORECASE)


@dataclass
class Settings:
    keywords: list[Keyword] = field(default_factory=list)
    keymap: dict[str, str] = field(default_factory=dict)
    feeds: list[Subscription] = field(default_factory=list)
    rules: RuleSet = field(default_factory=RuleSet)
    # ``rules:`` as read from the file (plain values), kept so sound settings can be remembered.
    rules_data: Any = None
    # The review state to open when neither --state nor BRIEFING_STATE names one (a desk's URL, say),
    # and who changes are recorded as when neither --reviewer nor BRIEFING_REVIEWER says.
    state: str | None = None
    reviewer: str | None = None
    # Seconds a desk claim holds without a change to its item by its holder (``claim_lapse:``).
    claim_lapse: int = DEFAULT_CLAIM_LAPSE
    # `r` and `f` move on to the next item once they set a mark, as mutt's `d` does (``mark_advances:``).
    mark_advances: bool = True
    # The same story from many outlets shown once (``grouping``); None when the user turned it off.
    grouping: GroupingSettings | None = field(default_factory=GroupingSettings)
    searches: list[SavedSearch] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    source: Path | None = None


@lru_cache(maxsize=MAX_KEYWORDS * 4)
def compile_terms(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for all terms: whole words, case-insensitive; ``/.../`` terms are regexes."""
    parts = []
    for term in terms:
        if len(term) > 2 and term.startswith("/") and term.endswith("/"):
            parts.append(f"(?:{term[1:-1]})")
        else:
            words = [re.escape(w) for w in term.split()]
            parts.append(r"\s+".join(words))
    with warnings.catch_warnings():  # re's FutureWarnings ("possible nested set") would print over the screen
        warnings.simplefilter("ignore")
        return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


class _Bad(Exception):
    def __init__(self, message: str, node: Any = None) -> None:
        super().__init__(message)
        self.message, self.node = message, node


MAX_CONFIG_BYTES = 1024 * 1024


def _read(path: Path) -> tuple[Any, Any, list[Problem]]:
    """(data, root node, problems) of the file. A section holding a value that cannot be read
    (``2024-13-45``, ``!!int abc``) is left out and reported at that value's line, so the other
    sections still apply."""
    import yaml

    from .reading import read_bytes
    from .yaml_values import SafeLoader, UnreadableValue, plain_value

    text = read_bytes(path, limit=MAX_CONFIG_BYTES).decode("utf-8-sig")
    loader = SafeLoader(text)
    problems: list[Problem] = []

    def unreadable(exc: UnreadableValue) -> None:
        mark = exc.node.start_mark if exc.node is not None else None
        problems.append(problem(path, exc.message, mark.line + 1 if mark else None,
                                mark.column + 1 if mark else None))

    try:
        node = loader.get_single_node()
        if not isinstance(node, yaml.MappingNode) or node.tag != "tag:yaml.org,2002:map":
            try:
                return (plain_value(loader, node) if node is not None else None), node, problems
            except UnreadableValue as exc:
                unreadable(exc)
                return None, node, problems
        data: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            try:
                key = plain_value(loader, key_node, max_depth=0)
                data[key] = plain_value(loader, value_node)
            except UnreadableValue as exc:
                unreadable(exc)
        return data, node, problems
    finally:
        loader.dispose()


def _node_for(root: Any, *keys: Any) -> Any:
    """The YAML node at a key path, to report its line."""
    import yaml

    node = root
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == key), node)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
    return node


def _keywords(data: Any, root: Any) -> list[Keyword]:
    if not isinstance(data, list):
        raise _Bad("keywords: expected a list of {key, name, terms}", _node_for(root, "keywords"))
    if len(data) > MAX_KEYWORDS:
        raise _Bad(f"keywords: at most {MAX_KEYWORDS} keywords", _node_for(root, "keywords"))
    out: list[Keyword] = []
    seen: set[str] = set()
    for i, entry in enumerate(data):
        where = f"keywords[{i}]"
        node = _node_for(root, "keywords", i)
        if not isinstance(entry, dict):
            raise _Bad(f"{where}: expected a mapping with key, name and terms", node)
        unknown = set(entry) - {"key", "name", "terms"}
        if unknown:
            raise _Bad(f"{where}: unknown field {sorted(map(str, unknown))[0]!r}", node)
        key = str(entry.get("key", "")).strip()
        if not _KEY.match(key):
            raise _Bad(f"{where}.key: {key!r} is not a single key (a character, f1-f12 or ctrl+letter)", node)
        if key in seen:
            raise _Bad(f"{where}.key: {key!r} is used by another keyword", node)
        seen.add(key)
        name = clean_line(str(entry.get("name") or ""))
        terms = entry.get("terms")
        if isinstance(terms, str):
            terms = [terms]
        if not name:
            raise _Bad(f"{where}.name: required", node)
        if not isinstance(terms, list) or not terms or not all(isinstance(t, (str, int)) for t in terms):
            raise _Bad(f"{where}.terms: expected a list of words or /regexes/", node)
        terms_t = tuple(clean_line(str(t)) for t in terms if clean_line(str(t)))
        if not terms_t:  # an empty pattern would match almost anything
            raise _Bad(f"{where}.terms: no word or /regex/ left once blank and control characters are removed", node)
        try:
            compile_terms(terms_t)  # a bad regex is reported here, with its line
        except re.error as exc:
            raise _Bad(f"{where}.terms: bad regular expression: {exc}", node) from None
        except (OverflowError, RecursionError, MemoryError) as exc:  # re's limits: a repeat too big, too deep
            raise _Bad(f"{where}.terms: regular expression too large or too deeply nested "
                       f"({type(exc).__name__})", node) from None
        out.append(Keyword(key=key, name=name, terms=terms_t))
    return out


def _searches(data: Any, root: Any, path: Path) -> tuple[list[SavedSearch], list[Problem]]:
    """``searches:``, a list of {name, find, key}; a bad entry is reported at its line and left out,
    the others stand."""
    if not isinstance(data, list):
        raise _Bad("searches: expected a list of {name, find, key}", _node_for(root, "searches"))
    out: list[SavedSearch] = []
    problems: list[Problem] = []
    names: set[str] = set()
    keys: set[str] = set()
    for i, entry in enumerate(data):
        where, node = f"searches[{i}]", _node_for(root, "searches", i)

        def bad(message: str, node: Any = node) -> None:
            problems.append(problem(path, message, node.start_mark.line + 1 if node is not None else None))

        if len(out) >= MAX_SEARCHES:
            bad(f"searches: at most {MAX_SEARCHES} saved searches; the rest are left out")
            break
        if not isinstance(entry, dict):
            bad(f"{where}: expected a mapping with name and find (and perhaps key)")
            continue
        unknown = set(entry) - {"name", "find", "key"}
        if unknown:
            bad(f"{where}: unknown field {sorted(map(str, unknown))[0]!r}; expected name, find or key")
            continue
        name = clean_line(str(entry.get("name") or ""))[:80]
        query = clean_line(str(entry.get("find") or "")).strip()
        if not name:
            bad(f"{where}.name: required")
            continue
        if not query:
            bad(f"{where}.find: required (the words find looks for, as typed after /)")
            continue
        if name.casefold() in names:
            bad(f"{where}.name: {name!r} names another saved search")
            continue
        key = entry.get("key")
        if key is not None:
            key = str(key).strip()
            if not _KEY.match(key):
                bad(f"{where}.key: {key!r} is not a single key (a character, f1-f12 or ctrl+letter)")
                continue
            if key in keys:
                bad(f"{where}.key: {key!r} is used by another saved search")
                continue
            keys.add(key)
        names.add(name.casefold())
        out.append(SavedSearch(name=name, query=query, key=key))
    return out, problems


def _keymap(data: Any, root: Any) -> dict[str, str]:
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise _Bad("keys: expected a mapping of binding id to key, e.g. `item.next: ctrl+n`", _node_for(root, "keys"))
    return {k.strip(): v.strip() for k, v in data.items()}


def _grouping(data: Any, root: Any) -> GroupingSettings | None:
    """``grouping: off`` (or ``false``), or a mapping with ``threshold`` (a cosine, above 0 and at most
    1) and ``days`` (how far apart two dated items may be, 0 to 365); what is not given keeps its default."""
    node = _node_for(root, "grouping")
    if data is False or (isinstance(data, str) and data.strip().lower() in ("off", "no", "false")):
        return None
    if data is True or (isinstance(data, str) and data.strip().lower() in ("on", "yes", "true")):
        return GroupingSettings()
    if not isinstance(data, dict):
        raise _Bad("grouping: expected `off`, or a mapping with threshold and/or days", node)
    unknown = set(data) - {"threshold", "days"}
    if unknown:
        raise _Bad(f"grouping: unknown field {sorted(map(str, unknown))[0]!r}; expected threshold or days", node)
    default = GroupingSettings()
    threshold, days = data.get("threshold", default.threshold), data.get("days", default.days)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
        raise _Bad(f"grouping.threshold: {threshold!r} is not a number above 0 and at most 1 (the default is "
                   f"{default.threshold}; higher groups fewer items)", _node_for(root, "grouping", "threshold"))
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 365:
        raise _Bad(f"grouping.days: {days!r} is not a whole number of days from 0 to 365 (the default is "
                   f"{default.days})", _node_for(root, "grouping", "days"))
    return GroupingSettings(threshold=float(threshold), days=days)


def load_settings_file(path: Path) -> Settings:
    """Settings from one file; problems are collected, never raised."""
    import yaml

    from .problems import LoadError

    settings = Settings(source=path)
    try:
        data, root, settings.problems = _read(path)
    except LoadError as exc:  # missing, unreadable, not a regular file, too big
        settings.problems.append(exc.problem)
        return settings
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        message = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        settings.problems.append(problem(path, f"YAML syntax: {message}", mark.line + 1 if mark else None))
        return settings
    except RecursionError:
        settings.problems.append(problem(path, "nested too deeply to read"))
        return settings
    if data is None:
        return settings
    if not isinstance(data, dict):
        settings.problems.append(problem(path, "expected a mapping with `keywords:`, `keys:`, `feeds:`, `rules:`, "
                                         "`grouping:`, `searches:`, `state:`, `reviewer:`, `claim_lapse:` and/or "
                                         "`mark_advances:`", 1))
        return settings
    if "feeds" in data:
        def line_of(index: int | None, name: str | None) -> int | None:
            keys = ("feeds", *(() if index is None else (index,)), *(() if name is None else (name,)))
            return _node_for(root, *keys).start_mark.line + 1

        try:
            settings.feeds, feed_problems = read_subscriptions(data["feeds"], path, line_of)
        except Exception as exc:  # a value no check foresaw: the section is reported, no feed is fetched
            feed_problems = [problem(path, f"feeds: cannot be read ({type(exc).__name__})", line_of(None, None))]
        settings.problems.extend(feed_problems)
    if "rules" in data:
        def rule_line(keys: tuple[Any, ...]) -> int | None:
            return _node_for(root, "rules", *keys).start_mark.line + 1

        try:
            settings.rules, rule_problems = read_rules(data["rules"], path, rule_line)
            settings.rules_data = data["rules"] if settings.rules else None
        except Exception as exc:  # a value no check foresaw: the section is reported, no rule applies
            rule_problems = [problem(path, f"rules: cannot be read ({type(exc).__name__})", rule_line(()))]
        settings.problems.extend(rule_problems)
    if "searches" in data:
        try:
            settings.searches, search_problems = _searches(data["searches"], root, path)
        except Exception as exc:
            if not isinstance(exc, _Bad):  # a value no check foresaw: the section is reported, none is saved
                exc = _Bad(f"searches: cannot be read ({type(exc).__name__})", _node_for(root, "searches"))
            line = exc.node.start_mark.line + 1 if exc.node is not None else None
            search_problems = [problem(path, exc.message, line)]
        settings.problems.extend(search_problems)
    for section, reader in (("keywords", _keywords), ("keys", _keymap), ("grouping", _grouping)):
        if section not in data:
            continue
        try:
            value = reader(data[section], root)
        except Exception as exc:
            if not isinstance(exc, _Bad):  # a value no check foresaw: the section is reported, defaults stand
                exc = _Bad(f"{section}: cannot be read ({type(exc).__name__})", _node_for(root, section))
            line = exc.node.start_mark.line + 1 if exc.node is not None else None
            settings.problems.append(problem(path, exc.message, line))
            continue
        if section == "keywords":
            settings.keywords = value
        elif section == "grouping":
            settings.grouping = value
        else:
            settings.keymap = value
    for key in ("state", "reviewer"):
        if key in data:
            try:
                value = _scalar_setting(key, data[key])
            except _Bad as exc:
                settings.problems.append(problem(path, exc.message, _node_for(root, key).start_mark.line + 1))
                continue
            if key == "state" and not URL_PATTERN.match(value):
                value = str(path.parent / Path(value).expanduser())  # a path is read from the config's folder
            setattr(settings, key, value)
    if "claim_lapse" in data:
        try:
            settings.claim_lapse = claim_lapse_seconds(data["claim_lapse"])
        except ValueError as exc:
            settings.problems.append(problem(path, f"claim_lapse: {exc}; claims lapse after "
                                             f"{DEFAULT_CLAIM_LAPSE // 60} minutes",
                                             _node_for(root, "claim_lapse").start_mark.line + 1))
    if "mark_advances" in data:
        if isinstance(data["mark_advances"], bool):
            settings.mark_advances = data["mark_advances"]
        else:
            settings.problems.append(problem(path, "mark_advances: expected true or false; r and f move on to "
                                             "the next item", _node_for(root, "mark_advances").start_mark.line + 1))
    unknown = [k for k in data if k not in SECTIONS]
    for key in unknown:
        line = _node_for(root, key).start_mark.line + 1
        settings.problems.append(problem(path, f"unknown section {key!r}; expected {', '.join(SECTIONS[:-1])} or "
                                         f"{SECTIONS[-1]}", line))
    return settings


SECTIONS = ("keywords", "keys", "feeds", "rules", "grouping", "searches", "state", "reviewer", "claim_lapse",
            "mark_advances")


def claim_lapse_seconds(value: Any) -> int:
    """Seconds of a ``claim_lapse:`` written as minutes (``20``, ``20m``) or hours (``2h``)."""
    match = _DURATION.match(str(value)) if isinstance(value, (int, str)) and not isinstance(value, bool) else None
    if match is None:
        shown = clean_line(str(value))[:40]
        raise ValueError(f"expected minutes such as 30 or 30m, or hours such as 2h, not {shown!r}")
    seconds = int(match.group(1)) * (3600 if match.group(2).lower() == "h" else 60)
    low, high = _CLAIM_LAPSE_BOUNDS
    if not low <= seconds <= high:
        raise ValueError(f"{clean_line(str(value))} is outside {low // 60} minute to {high // 3600} hours")
    return seconds


def _scalar_setting(key: str, value: Any) -> str:
    """``state:`` must name a store this version can open (checked now, not when the dashboard is
    already up); ``reviewer:`` is a name on one line."""
    if not isinstance(value, str) or not value.strip():
        raise _Bad(f"{key}: expected a text value" + (" (a file path or a sqlite:/// or postgresql:// URL)"
                                                      if key == "state" else " (your name as the desk knows it)"))
    if key == "reviewer":
        name = clean_line(value.strip())[:200]
        if not name:
            raise _Bad("reviewer: expected a name")
        return name
    from .review_state import StoreUnavailable
    from .review_store import describe

    try:
        describe(value.strip())
    except StoreUnavailable as exc:
        raise _Bad(f"state: {exc}") from None
    return value.strip()


def load_settings(user_file: Path | None, *, explicit: bool = False, remember: Path | None = None) -> Settings:
    """Shipped defaults, overlaid with the user's file where it exists and is sound.

    ``explicit`` is for a file named with ``--config``: its absence is then a problem.
    ``remember``: a JSON file that keeps sound settings for the next launch (see the module note).
    """
    if remember is None:
        return _load_settings(user_file, explicit=explicit)
    stamps = [_stamp(default_config_dir() / "keywords.yaml"), _stamp(user_file) if user_file else None]
    known = _recall(remember, stamps, explicit)
    if known is not None:
        return known
    settings = _load_settings(user_file, explicit=explicit)
    if not settings.problems:
        _keep(remember, stamps, explicit, settings)
    return settings


def _load_settings(user_file: Path | None, *, explicit: bool) -> Settings:
    defaults = load_settings_file(default_config_dir() / "keywords.yaml")
    if user_file is None or not user_file.exists():
        if explicit and user_file is not None:
            defaults.problems.append(problem(user_file, "no such config file; using the defaults"))
        return defaults
    user = load_settings_file(user_file)
    merged = Settings(keywords=defaults.keywords, keymap={}, problems=defaults.problems + user.problems,
                      source=user_file)
    if user.keywords:
        merged.keywords = user.keywords
    merged.keymap = user.keymap
    merged.feeds = user.feeds
    merged.rules, merged.rules_data = user.rules, user.rules_data
    if merged.rules:
        merged.rules, dropped = without_keys(merged.rules, {k.key for k in merged.keywords})
        merged.problems += [problem(user_file, f"rules: {r.name}: hotkey {r.hotkey!r} is a keyword's key; the rule "
                                    "applies without it", r.line) for r in dropped]
    merged.state, merged.reviewer = user.state, user.reviewer
    merged.claim_lapse, merged.mark_advances = user.claim_lapse, user.mark_advances
    merged.grouping = user.grouping
    merged.searches = user.searches
    return merged


_REMEMBERED = 5  # the remembered file's layout: a new one is simply written again


def _stamp(path: Path) -> list[Any]:
    """What tells a changed file: identity, size and time, or that it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return [str(path), None]
    return [str(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]


def _recall(remember: Path, stamps: list[Any], explicit: bool) -> Settings | None:
    from .problems import LoadError
    from .reading import read_bytes

    try:
        data = json.loads(read_bytes(remember, limit=MAX_CONFIG_BYTES))
        if data["layout"] != _REMEMBERED or data["version"] != __version__ or data["explicit"] != explicit:
            return None
        if data["stamps"] != stamps:
            return None
        keywords = [Keyword(key=key, name=name, terms=tuple(terms))
                    for key, name, terms in data["keywords"]]
        keymap = {str(k): str(v) for k, v in data["keymap"].items()}
        feeds = [Subscription(url=str(url), name=str(name), refresh=int(refresh))
                 for url, name, refresh in data["feeds"]]
        source = Path(data["source"]) if data["source"] is not None else None
        state, reviewer = (None if v is None else str(v) for v in (data["state"], data["reviewer"]))
        claim_lapse, mark_advances = int(data["claim_lapse"]), bool(data["mark_advances"])
        grouping = None if data["grouping"] is None else GroupingSettings(float(data["grouping"][0]),
                                                                           int(data["grouping"][1]))
        searches = [SavedSearch(name=str(name), query=str(query), key=None if key is None else str(key))
                    for name, query, key in data["searches"]]
        rules_data = data["rules"]
        rules, rule_problems = read_rules(rules_data, source or "config.yaml", lambda keys: None)
        if rule_problems:
            return None
    except (LoadError, OSError, ValueError, KeyError, TypeError, re.error):  # missing, damaged, foreign: read YAML
        return None
    return Settings(keywords=keywords, keymap=keymap, feeds=feeds, rules=rules, rules_data=rules_data, state=state,
                    reviewer=reviewer, claim_lapse=claim_lapse, mark_advances=mark_advances, grouping=grouping,
                    searches=searches, source=source)


def _keep(remember: Path, stamps: list[Any], explicit: bool, settings: Settings) -> None:
    data = {"layout": _REMEMBERED, "version": __version__, "explicit": explicit, "stamps": stamps,
            "keywords": [[k.key, k.name, list(k.terms)] for k in settings.keywords], "keymap": settings.keymap,
            "feeds": [[f.url, f.name, f.refresh] for f in settings.feeds],
            "rules": settings.rules_data,
            "state": settings.state, "reviewer": settings.reviewer, "claim_lapse": settings.claim_lapse,
            "mark_advances": settings.mark_advances,
            "grouping": None if settings.grouping is None else [settings.grouping.threshold, settings.grouping.days],
            "searches": [[s.name, s.query, s.key] for s in settings.searches],
            "source": str(settings.source) if settings.source is not None else None}
    try:
        text = json.dumps(data)
    except (TypeError, ValueError):  # a rule term YAML read as a date, say: the YAML is read every time
        return
    partial = remember.with_name(f"{remember.name}.{os.getpid()}.tmp")
    try:
        remember.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, remember)  # whole or not at all, with another launch writing too
    except OSError:  # a read-only cache folder: the YAML is read every time, as without this
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
