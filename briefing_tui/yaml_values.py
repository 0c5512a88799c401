"""YAML scalars that can always be read: a value, or a reason it cannot be one, never an exception.

PyYAML's safe constructors raise whatever the standard library raises for a
value that matches a tag's pattern but not its range: ``2024-13-45`` and
``2024-01-01T25:00:00`` (``ValueError``), ``!!timestamp soon``
(``AttributeError``), ``!!bool maybe`` (``KeyError``), an integer too long
for ``int()``; and a hex integer with thousands of digits constructs but
breaks every later float or text conversion. Briefing files and the config
both come from people, so each such value is turned into a one-line reason
that the caller reports at the value's line and column.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

try:
    SafeLoader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    SafeLoader = yaml.SafeLoader

# Larger integers do not fit a float (a figure's value) and read as text only in the tens of
# thousands of digits; nothing in a briefing or the config needs them.
MAX_INT_BITS = 1023

_TAG_NAMES = {
    "tag:yaml.org,2002:timestamp": "a date or time",
    "tag:yaml.org,2002:int": "a whole number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:binary": "base64 binary data",
    "tag:yaml.org,2002:null": "null",
}

_KNOWN_TAGS = frozenset({*_TAG_NAMES, "tag:yaml.org,2002:str"})


class UnreadableValue(Exception):
    """A scalar YAML cannot turn into a value; ``message`` says why, for the user.

    ``foreign``: the tag is none of YAML's own (``!!python/name:...``): a file written to attack a
    loader rather than a typo, which callers refuse outright.
    """

    def __init__(self, message: str, *, foreign: bool = False, node: yaml.Node | None = None) -> None:
        super().__init__(message)
        self.message, self.foreign, self.node = message, foreign, node


def construct_scalar(loader: Any, node: yaml.ScalarNode) -> Any:
    """The value of a scalar node; raises ``UnreadableValue`` (only) when it has none."""
    try:
        value = loader.construct_object(node, deep=True)
    except Exception as exc:  # every kind the constructors raise: see the module note
        # A node that failed stays in the constructor's bookkeeping and would read as "recursive"
        # when an alias reaches it again; the reason given should be the real one.
        getattr(loader, "recursive_objects", {}).pop(node, None)
        raise UnreadableValue(_reason(node, exc), foreign=node.tag not in _KNOWN_TAGS, node=node) from None
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise UnreadableValue(f"number too large ({_digits(node.value)} digits)", node=node)
    return value


_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


def plain_value(loader: Any, node: yaml.Node, *, max_depth: int = 32, max_nodes: int = 100_000) -> Any:
    """A whole node as dicts, lists and scalars, for small files like the config.

    Raises ``UnreadableValue`` (with the node at fault) for a value that cannot be read, a tag
    other than YAML's own mappings and lists, merge keys, nesting deeper than ``max_depth`` or more
    than ``max_nodes`` values (an alias bomb).
    """
    count = 0

    def build(node: yaml.Node, depth: int) -> Any:
        nonlocal count
        count += 1
        if count > max_nodes:
            raise UnreadableValue(f"more than {max_nodes:,} values (an alias bomb?)", node=node)
        if depth > max_depth:
            raise UnreadableValue(f"nested deeper than {max_depth} levels", node=node)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
            raise UnreadableValue(f"the tag {node.tag} is not allowed here", foreign=True, node=node)
        if isinstance(node, yaml.SequenceNode):
            return [build(child, depth + 1) for child in node.value]
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise UnreadableValue("merge keys (<<) are not supported", node=key_node)
                key = build(key_node, depth + 1)
                if isinstance(key, (dict, list)):
                    raise UnreadableValue("a mapping key must be a plain value", node=key_node)
                out[key] = build(value_node, depth + 1)
            return out
        return construct_scalar(loader, node)

    return build(node, 0)


def _reason(node: yaml.ScalarNode, exc: Exception) -> str:
    shown = _shown(node.value)
    wanted = _TAG_NAMES.get(node.tag)
    if isinstance(exc, yaml.constructor.ConstructorError):
        detail = _first_line(exc.problem or str(exc))
        return f"{shown} is not {wanted} ({detail})" if wanted else detail
    if wanted is None:
        return f"{shown} cannot be read ({type(exc).__name__})"
    if node.tag == "tag:yaml.org,2002:int" and "digits" in str(exc):
        return f"number too long ({_digits(node.value)} digits)"
    if node.tag == "tag:yaml.org,2002:timestamp" and isinstance(exc, ValueError):
        # The standard library's own words name the part that is out of range ("month must be in
        # 1..12"); the time-zone one is a paragraph, said shortly here.
        detail = "time zone offset out of range" if "offset" in str(exc) else _first_line(str(exc))
        return f"{shown} is not {wanted} ({detail})"
    return f"{shown} is not {wanted}"


def _shown(text: str) -> str:
    text = " ".join(str(text).split())
    if len(text) > 40:
        text = text[:39] + "…"
    return repr(text)


def _digits(text: str) -> str:
    body = str(text).strip().lstrip("+-")
    if body[:2].lower() in ("0x", "0o", "0b"):
        body = body[2:]
    return f"{sum(ch.isalnum() for ch in body):,}"


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "invalid value"


def describe(value: Any) -> str:
    """What kind of value this is, in the words a message to the user uses."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    if isinstance(value, (bytes, bytearray)):
        return "binary data"
    return "text"
