"""Load any supported file into items: the one loader the CLI and the dashboard share."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..problems import LoadError, problem
from .articles import parse_article_file
from .discover import discover, is_yaml
from .yaml_items import LoadResult, load_yaml_file, load_yaml_text


def _sniff_yaml(path: Path) -> bool:
    """A file without a known suffix whose first line looks like a YAML key."""
    try:
        with path.open("rb") as fh:
            head = fh.read(512).lstrip()
    except OSError:
        return False
    first = head.split(b"\n", 1)[0].strip()
    return first in (b"---", b"items:") or first.startswith((b"title:", b"id:", b"items:"))


def load_file(path: Path) -> LoadResult:
    """Items and problems of one file; never raises for bad content, so one file cannot stop others."""
    if is_yaml(path) or (path.suffix == "" and _sniff_yaml(path)):
        return load_yaml_file(path)
    try:
        return LoadResult(items=[parse_article_file(path)])
    except LoadError as exc:
        return LoadResult(problems=[exc.problem])
    except RecursionError:
        return LoadResult(problems=[problem(path, "article structure too deeply nested to read")])
    except Exception as exc:  # a parser bug must cost one file, never the session
        message = f"could not be parsed (internal error: {type(exc).__name__}: {exc})"
        return LoadResult(problems=[problem(path, message)])


def load_paths(paths: list[Path]) -> Iterator[tuple[Path | None, LoadResult]]:
    """Every file under ``paths`` with what it gave, in a stable order."""
    for found in discover(paths):
        if found.problem is not None:
            yield None, LoadResult(problems=[found.problem])
        elif found.path is not None:
            yield found.path, load_file(found.path)


__all__ = ["LoadResult", "load_file", "load_paths", "load_yaml_text"]
