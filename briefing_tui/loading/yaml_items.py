"""YAML briefing files to briefing items, with errors that say file, line, field and what is wrong.

A file holds one item (a mapping) or several (``items:`` list). Only the
safe loader is used (the libyaml one where available); a file is composed
into nodes first so every error can point at its line and column, and
each item is validated on its own so one bad item never hides the rest.
The format is documented in ``docs/format.md``.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ..model import (
    ACTOR_TYPES,
    FIGURE_KINDS,
    QUOTE_KINDS,
    SPEAKER_EVIDENCE,
    Actor,
    Figure,
    Item,
    Place,
    Quote,
    Related,
    Span,
    derive_id,
)
from ..problems import LoadError, Problem, problem
from ..reading import MAX_YAML_BYTES
from ..sanitize import clean_line, clean_text
from ..yaml_values import SafeLoader, UnreadableValue, construct_scalar, describe
from .articles import read_text, source_label
from .locate import locate_all, locate_text
from .result import LoadResult

MAX_NODES = 200_000
MAX_DEPTH = 32

ITEM_FIELDS = ("id", "title", "dateline", "date", "source", "source_path", "article", "tags", "body",
               "actors", "quotes", "figures", "related", "places")


class _Invalid(Exception):
    def __init__(self, node: yaml.Node, path: str, message: str) -> None:
        super().__init__(message)
        self.node, self.path, self.message = node, path, message


class _Unreadable:
    """A scalar YAML could not turn into a value (``2024-13-45``, ``!!int abc``): reported where it is
    met, and the field treated as absent where the item is otherwise sound."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


Sink = list[_Invalid]  # problems that cost a field or a list entry, not the item


# ------------------------------------------------------------------ nodes to values


_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


class _Builder:
    """Turns composed nodes into plain values, refusing what a briefing file never needs."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.count = 0

    def value(self, node: yaml.Node, path: str, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Invalid(node, path, f"more than {MAX_NODES:,} values (an alias bomb?); refusing the file")
        if depth > MAX_DEPTH:
            raise _Invalid(node, path, f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
            raise _Invalid(node, path, f"the tag {node.tag} is not allowed in a briefing file")
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            lines: dict[Any, yaml.Node] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _Invalid(key_node, path, "merge keys (<<) are not supported")
                key = self.value(key_node, path, depth + 1)
                if isinstance(key, _Unreadable):
                    raise _Invalid(key_node, path, f"mapping key: {key.message}")
                if isinstance(key, (list, dict)):
                    raise _Invalid(key_node, path, "a mapping key must be a plain value")
                if key in out:
                    first = lines[key].start_mark.line + 1
                    raise _Invalid(key_node, _join(path, key), f"duplicate key (first set on line {first})")
                lines[key] = key_node
                out[key] = _Located(self.value(value_node, _join(path, key), depth + 1), value_node)
            return _LocatedDict(out, node)
        if isinstance(node, yaml.SequenceNode):
            return _LocatedList(
                [_Located(self.value(n, f"{path}[{i}]", depth + 1), n) for i, n in enumerate(node.value)], node
            )
        try:
            return construct_scalar(self.loader, node)
        except UnreadableValue as exc:
            if exc.foreign:
                raise _Invalid(node, path, exc.message) from None
            return _Unreadable(exc.message)


class _Located:
    """A value with the node it came from, so later checks can point at its line."""

    __slots__ = ("node", "value")

    def __init__(self, value: Any, node: yaml.Node) -> None:
        self.value, self.node = value, node


class _LocatedDict(dict):
    def __init__(self, data: dict[Any, _Located], node: yaml.Node) -> None:
        super().__init__(data)
        self.node = node


class _LocatedList(list):
    def __init__(self, data: list[_Located], node: yaml.Node) -> None:
        super().__init__(data)
        self.node = node


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "invalid value"


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _kind(value: Any) -> str:
    if isinstance(value, _Unreadable):
        return f"a value that cannot be read: {value.message}"
    return describe(value)


def _readable(located: _Located, path: str, sink: Sink) -> bool:
    """False (and the reason kept in ``sink``) for a value that could not be read."""
    if isinstance(located.value, _Unreadable):
        sink.append(_Invalid(located.node, path, f"{located.value.message}; ignored"))
        return False
    return True


# ------------------------------------------------------------------ field checks


class _Fields:
    """Typed reads of a mapping's fields; every failure names the field path and its node."""

    def __init__(self, data: _LocatedDict, path: str, allowed: tuple[str, ...], sink: Sink) -> None:
        self.data, self.path, self.sink = data, path, sink
        self._dropped: set[str] = set()
        for key, located in data.items():
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else f"; expected one of: {', '.join(allowed)}"
                raise _Invalid(located.node, _join(path, key), f"unknown field{hint}")

    def node(self, key: str) -> yaml.Node:
        return self.data[key].node if key in self.data else self.data.node

    def raw(self, key: str, *, required: bool = False) -> Any:
        """The field's value; one that cannot be read is reported once and reads as absent, unless
        the item cannot do without it."""
        located = self.data.get(key)
        if located is None:
            return None
        value = located.value
        if isinstance(value, _Unreadable):
            if required:
                raise _Invalid(located.node, _join(self.path, key), value.message)
            if key not in self._dropped:
                self._dropped.add(key)
                self.sink.append(_Invalid(located.node, _join(self.path, key), f"{value.message}; ignored"))
            return None
        return value

    def fail(self, key: str, message: str) -> _Invalid:
        return _Invalid(self.node(key), _join(self.path, key), message)

    def text(self, key: str, *, required: bool = False, raw: bool = False) -> str | None:
        """A text field; ``raw`` keeps inner space as written, since spans index into it."""
        value = self.raw(key, required=required)
        if value is None:
            if required:
                raise _Invalid(self.data.node, _join(self.path, key), "required field is missing")
            return None
        if hasattr(value, "isoformat"):  # a YAML date or time
            value = value.isoformat()
        elif isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.fail(key, f"expected text, got {_kind(value)}")
        text = clean_text(str(value)) if raw else clean_line(str(value))
        if required and not text:
            raise self.fail(key, "must not be empty")
        return text

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.text(key)
        if value is None:
            return default
        if value.lower() not in choices:
            raise self.fail(key, f"'{value}' is not one of: {', '.join(choices)}")
        return value.lower()

    def boolean(self, key: str, default: bool) -> bool:
        value = self.raw(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {_kind(value)}")
        return value

    def number(self, key: str) -> float | None:
        value = self.raw(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, f"expected a number or null, got {_kind(value)}")
        try:
            number = float(value)
        except OverflowError:
            raise self.fail(key, "number too large") from None
        if not math.isfinite(number):
            raise self.fail(key, "must be a finite number")
        return number

    def items(self, key: str) -> list[_Located]:
        value = self.raw(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list, got {_kind(value)}")
        return value

    def texts(self, key: str) -> list[str]:
        out = []
        for i, located in enumerate(self.items(key)):
            path = f"{_join(self.path, key)}[{i}]"
            if not _readable(located, path, self.sink):
                continue
            value = located.value
            if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                raise _Invalid(located.node, path, f"expected text, got {_kind(value)}")
            text = clean_line(str(value))
            if text:
                out.append(text)
        return out

    def span(self, key: str) -> Span | None:
        value = self.raw(key)
        if value is None:
            return None
        return _span_from(value, self.node(key), _join(self.path, key))


def _span_from(value: Any, node: yaml.Node, path: str) -> Span:
    if isinstance(value, list):
        value = [v.value for v in value]
    if (
        not isinstance(value, list)
        or len(value) != 3
        or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
    ):
        raise _Invalid(node, path, "expected [paragraph, start, end] as three whole numbers")
    return Span(*value)


def _mapping(located: _Located, path: str, allowed: tuple[str, ...], sink: Sink,
             shorthand: str | None = None) -> _Fields:
    value = located.value
    if shorthand and isinstance(value, (str, int, float)) and not isinstance(value, bool):
        value = _LocatedDict({shorthand: located}, located.node)
    if not isinstance(value, dict):
        raise _Invalid(located.node, path, f"expected a mapping, got {_kind(value)}")
    return _Fields(value, path, allowed, sink)


# ------------------------------------------------------------------ items


def _body(fields: _Fields) -> list[str]:
    value = fields.raw("body")
    if value is None:
        return []
    if isinstance(value, str):
        text = clean_text(value)
        return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    if isinstance(value, list):
        out = []
        for i, located in enumerate(value):
            path = f"{_join(fields.path, 'body')}[{i}]"
            if not _readable(located, path, fields.sink):
                continue
            if not isinstance(located.value, str):
                raise _Invalid(located.node, path, f"expected a paragraph of text, got {_kind(located.value)}")
            para = " ".join(clean_text(located.value).split())  # the parser folds space the same way
            if para:
                out.append(para)
        return out
    raise fields.fail("body", f"expected text or a list of paragraphs, got {_kind(value)}")


def _checked_span(span: Span | None, text: str, body: list[str], node: yaml.Node, path: str) -> Span | None:
    if span is None:
        return locate_text(body, text)
    if span.text_in(body) != text:
        raise _Invalid(node, path, "span does not match the text in the body")
    return span


def _mentions(fields: _Fields, names: list[str], body: list[str]) -> list[Span]:
    value = fields.raw("mentions")
    if value is None:
        return locate_all(body, names)
    if not isinstance(value, list):
        raise fields.fail("mentions", f"expected a list of spans, got {_kind(value)}")
    spans = []
    for i, located in enumerate(value):
        path = f"{_join(fields.path, 'mentions')}[{i}]"
        span = _span_from(located.value, located.node, path)
        if span.text_in(body) is None:
            raise _Invalid(located.node, path, "span points outside the body")
        spans.append(span)
    return spans


def _actor(located: _Located, path: str, body: list[str], sink: Sink) -> Actor:
    f = _mapping(located, path, ("name", "type", "aliases", "mentions"), sink, shorthand="name")
    name = f.text("name", required=True) or ""
    aliases = f.texts("aliases")
    return Actor(
        name=name,
        type=f.choice("type", ACTOR_TYPES, "person"),  # type: ignore[arg-type]
        aliases=aliases,
        mentions=_mentions(f, [name, *aliases], body),
    )


def _place(located: _Located, path: str, body: list[str], sink: Sink) -> Place:
    f = _mapping(located, path, ("name", "aliases", "mentions"), sink, shorthand="name")
    name = f.text("name", required=True) or ""
    aliases = f.texts("aliases")
    return Place(name=name, aliases=aliases, mentions=_mentions(f, [name, *aliases], body))


def _quote(located: _Located, path: str, body: list[str], sink: Sink) -> Quote:
    f = _mapping(located, path, ("kind", "text", "speaker", "speaker_description", "via", "span", "evidence", "verb"),
                 sink, shorthand="text")
    text = f.text("text", required=True, raw=True) or ""
    return Quote(
        kind=f.choice("kind", QUOTE_KINDS, "direct"),  # type: ignore[arg-type]
        text=text,
        speaker=f.text("speaker") or None,
        speaker_description=f.text("speaker_description") or None,
        via=f.text("via") or None,
        span=_checked_span(f.span("span"), text, body, f.node("span"), _join(path, "span")),
        evidence=f.choice("evidence", SPEAKER_EVIDENCE, "") or None,  # type: ignore[arg-type]
        verb=f.text("verb") or None,
    )


def _figure(located: _Located, path: str, body: list[str], sink: Sink) -> Figure:
    f = _mapping(located, path, ("text", "value", "unit", "approx", "kind", "span"), sink, shorthand="text")
    text = f.text("text", required=True, raw=True) or ""
    return Figure(
        text=text,
        value=f.number("value"),
        unit=f.text("unit") or None,
        approx=f.boolean("approx", False),
        kind=f.choice("kind", FIGURE_KINDS, "other"),  # type: ignore[arg-type]
        span=_checked_span(f.span("span"), text, body, f.node("span"), _join(path, "span")),
    )


def _related(located: _Located, path: str, body: list[str], sink: Sink) -> Related:
    f = _mapping(located, path, ("title", "url"), sink, shorthand="title")
    return Related(title=f.text("title", required=True) or "", url=f.text("url") or None)


Build = Callable[[_Located, str, list[str], Sink], Any]


def _list_of(fields: _Fields, key: str, build: Build, body: list[str]) -> list[Any]:
    out = []
    for i, located in enumerate(fields.items(key)):
        path = f"{_join(fields.path, key)}[{i}]"
        if _readable(located, path, fields.sink):
            out.append(build(located, path, body, fields.sink))
    return out


def _item(located: _Located, path: str, file: Path, sink: Sink) -> Item:
    f = _mapping(located, path, ITEM_FIELDS, sink)
    base: Item | None = None
    article = f.text("article")
    if article:
        from .articles import parse_article_file

        article_path = (file.parent / article) if not Path(article).is_absolute() else Path(article)
        try:
            base = parse_article_file(article_path)
        except LoadError as exc:
            raise f.fail("article", exc.problem.message + f" ({article_path})") from None

    body = _body(f) if "body" in f.data else (base.body if base else [])
    spans_from_base = base is not None and "body" not in f.data

    def pick(key: str, build: Build) -> list[Any]:
        if key in f.data:
            return _list_of(f, key, build, body)
        if base is not None and spans_from_base:
            return list(getattr(base, key))
        return []

    title = f.text("title") if "title" in f.data else (base.title if base else None)
    dateline = f.text("dateline") if "dateline" in f.data else (base.dateline if base else None)
    source = f.text("source") or f.text("source_path") or (base.source if base else None) or source_label(file)
    item_id = f.text("id") or (base.id if base else derive_id(title, dateline, *body))
    return Item(
        id=item_id,
        title=title,
        dateline=dateline,
        date=f.text("date") or (base.date if base else None),
        source=source,
        body=body,
        actors=pick("actors", _actor),
        quotes=pick("quotes", _quote),
        figures=pick("figures", _figure),
        related=pick("related", _related) if "related" in f.data else (list(base.related) if base else []),
        places=pick("places", _place),
        tags=f.texts("tags"),
    )


# ------------------------------------------------------------------ files


def _compose(text: str) -> tuple[yaml.Node | None, Any]:
    try:
        loader = SafeLoader(text)
    except UnicodeError:  # a lone surrogate in text handed over in memory (files are decoded strictly)
        raise _YamlError("text that is not valid Unicode", None) from None
    try:
        node = loader.get_single_node()
    except yaml.composer.ComposerError as exc:
        if "expected a single document" in str(exc):
            mark = exc.problem_mark
            raise _YamlError("several YAML documents in one file; put the items in one `items:` list", mark) from None
        raise _YamlError(_first_line(exc.problem or str(exc)), exc.problem_mark) from None
    except yaml.MarkedYAMLError as exc:
        message = _first_line(exc.problem or str(exc))
        if exc.context:
            message = f"{_first_line(exc.context)}: {message}"
        raise _YamlError(f"YAML syntax: {message}", exc.problem_mark) from None
    except yaml.YAMLError as exc:
        raise _YamlError(_first_line(str(exc)), None) from None
    except RecursionError:
        raise _YamlError(f"nested deeper than {MAX_DEPTH} levels", None) from None
    return node, loader


class _YamlError(Exception):
    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message, self.mark = message, mark


def _item_nodes(root: yaml.Node) -> list[tuple[yaml.Node, str]]:
    """The item nodes of a file: the file itself, or each entry of its ``items:`` list.

    Items are built from their nodes one by one, so an error inside one item
    (a duplicate key, a bad tag) costs only that item.
    """
    if isinstance(root, (yaml.MappingNode, yaml.SequenceNode)) and root.tag not in _PLAIN_TAGS:
        raise _Invalid(root, "", f"the tag {root.tag} is not allowed in a briefing file")
    if isinstance(root, yaml.MappingNode):
        keys = [(k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)]
        items = [v for k, v in keys if k.value == "items"]
        if not items:
            return [(root, "")]
        others = [k for k, _ in root.value if not (isinstance(k, yaml.ScalarNode) and k.value == "items")]
        if others:
            raise _Invalid(others[0], str(getattr(others[0], "value", "")),
                           "a file with `items:` holds nothing else at the top level")
        if len(items) > 1:
            raise _Invalid(items[1], "items", "duplicate key `items`")
        seq = items[0]
        if not isinstance(seq, yaml.SequenceNode) or seq.tag not in _PLAIN_TAGS:
            kind = "a mapping" if isinstance(seq, yaml.MappingNode) else "a single value"
            raise _Invalid(seq, "items", f"expected a list of items, got {kind}")
        return [(node, f"items[{i}]") for i, node in enumerate(seq.value)]
    kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
    raise _Invalid(root, "", f"expected a mapping (one item) or `items:` (a list of items), got {kind}")


def _problem_at(path: Path, exc: _Invalid) -> Problem:
    line, col = _mark(exc.node)
    return problem(path, exc.message, line, col, exc.path or None)


def _problems_at(path: Path, found: list[_Invalid]) -> list[Problem]:
    """In the order they stand in the file, as an editor shows them."""
    return sorted((_problem_at(path, exc) for exc in found), key=lambda p: (p.line or 0, p.column or 0))


# Where an item stands in its file: (line, column, field), as a problem about it names the place.
ItemPlace = tuple[int, int, str | None]


def load_yaml_text(text: str, path: Path, *, places: dict[str, ItemPlace] | None = None) -> LoadResult:
    """Items and problems from YAML ``text`` read from ``path`` (used for messages and `article:`).

    ``places``, when given, gets each loaded item's place by id: the parse cache keeps no lines, so
    a problem found after loading (an id another file gave first) asks for them again.
    """
    result = LoadResult()
    try:
        node, loader = _compose(text)
    except _YamlError as exc:
        line = exc.mark.line + 1 if exc.mark is not None else None
        col = exc.mark.column + 1 if exc.mark is not None else None
        result.problems.append(problem(path, exc.message, line, col))
        return result
    if node is None:
        result.problems.append(problem(path, "empty file: no briefing items"))
        return result
    try:
        entries = _item_nodes(node)
    except _Invalid as exc:
        result.problems.append(_problem_at(path, exc))
        return result
    if not entries:
        result.problems.append(problem(path, "`items:` is empty"))
    builder = _Builder(loader)
    seen: set[str] = set()
    for item_node, item_path in entries:
        sink: Sink = []
        try:
            item = _item(_Located(builder.value(item_node, item_path), item_node), item_path, path, sink)
        except _Invalid as exc:
            result.problems.extend(_problems_at(path, [*sink, exc]))
            if builder.count > MAX_NODES:
                break
            continue
        except RecursionError:
            line, col = _mark(item_node)
            result.problems.append(problem(path, f"nested deeper than {MAX_DEPTH} levels", line, col,
                                           item_path or None))
            continue
        except Exception as exc:  # a loader bug must cost this item, never the file or the session
            line, col = _mark(item_node)
            result.problems.append(problem(path, f"internal error ({type(exc).__name__}) while reading this item; "
                                           "skipped", line, col, item_path or None))
            continue
        result.problems.extend(_problems_at(path, sink))
        if item.id in seen:
            line, col = _mark(item_node)
            result.problems.append(problem(path, f"id '{item.id}' is used by another item in this file; skipped",
                                           line, col, _join(item_path, "id")))
            continue
        seen.add(item.id)
        result.items.append(item)
        if places is not None:
            line, col = _mark(item_node)
            places[item.id] = (line, col, _join(item_path, "id") if _has_key(item_node, "id") else item_path or None)
    return result


def _has_key(node: yaml.Node, key: str) -> bool:
    return isinstance(node, yaml.MappingNode) and any(
        isinstance(k, yaml.ScalarNode) and k.value == key for k, _ in node.value)


def yaml_item_places(path: Path) -> dict[str, ItemPlace]:
    """Where each item of the briefing file at ``path`` stands, by id (empty if it cannot be read)."""
    try:
        text = read_text(path, limit=MAX_YAML_BYTES)
    except LoadError:
        return {}
    places: dict[str, ItemPlace] = {}
    load_yaml_text(text, path, places=places)
    return places


def load_yaml_file(path: Path) -> LoadResult:
    """Items and problems from one YAML briefing file; never raises for bad content."""
    try:
        text = read_text(path, limit=MAX_YAML_BYTES)
    except LoadError as exc:
        return LoadResult(problems=[exc.problem])
    return load_yaml_text(text, path)
