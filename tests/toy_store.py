"""A toy store module, as a new kind of review store would be one: ``describe`` and ``connect``.

Registered under the ``toy://`` scheme by a test, to show the dispatch needs nothing else.
"""

from __future__ import annotations

from briefing_tui.review_store import ReviewStore, in_memory_store

OPENED: list[tuple[str | None, bool, str]] = []


def describe(spec: str | None) -> str:
    return f"the toy store at {spec}"


def connect(spec: str | None, *, read_only: bool, timeout: float, reviewer: str) -> ReviewStore:
    OPENED.append((spec, read_only, reviewer))
    return in_memory_store(read_only=read_only, reviewer=reviewer)
