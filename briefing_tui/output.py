"""Serialise items for ``briefing parse``: JSON Lines, one JSON array, or a loadable YAML file."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

import yaml

from .model import Item

FORMATS = ("jsonl", "json", "yaml")


class _Dumper(yaml.SafeDumper):
    """Block style, long lines kept whole, multi-line strings never folded."""


def _str_representer(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


def _list_representer(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.SequenceNode:
    # Spans and mention lists ([p, start, end]) read best on one line; text lists in blocks.
    flow = bool(data) and all(isinstance(v, int) or (isinstance(v, list) and all(isinstance(x, int) for x in v))
                              for v in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(str, _str_representer)
_Dumper.add_representer(list, _list_representer)


def dump_yaml(items: list[dict[str, Any]]) -> str:
    doc: Any = items[0] if len(items) == 1 else {"items": items}
    return yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000,
                     default_flow_style=False)


def write_items(items: Iterable[Item], fmt: str, out: TextIO) -> None:
    """Write items as they come for jsonl; json and yaml need them all first."""
    if fmt == "jsonl":
        for item in items:
            out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
        return
    dicts = [item.to_dict() for item in items]
    if fmt == "json":
        json.dump(dicts, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif dicts:
        out.write(dump_yaml(dicts))
