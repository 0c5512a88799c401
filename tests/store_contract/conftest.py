"""The review-store implementations the contract runs against, one fixture parameter each.

A new store is one more ``Backend`` in ``BACKENDS``: how to open a connection to one shared state,
and what it keeps. Tests that need a second connection to the same state, or drafts, use
``shared_backend``; the rest run on every backend. PostgreSQL runs on a real server the session
starts (``pg_server``), each test in a database of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing_tui.review_store import ReviewStore, connect, in_memory_store

from ..pg_server import PgServer

Opener = Callable[..., ReviewStore]


@dataclass
class Backend:
    name: str
    # open(read_only=False, reviewer=None): a new connection; with ``shared`` every one sees the same state.
    open: Opener
    shared: bool
    keeps_drafts: bool


def sqlite_file(tmp_path: Path) -> Backend:
    path = tmp_path / "state" / "review.sqlite3"

    def open_(*, read_only: bool = False, reviewer: str | None = None) -> ReviewStore:
        if read_only and not path.exists():
            connect(path, reviewer=reviewer).close()  # a read-only connection needs a state to read
        return connect(path, read_only=read_only, reviewer=reviewer)

    return Backend("sqlite-file", open_, shared=True, keeps_drafts=True)


def in_memory(tmp_path: Path) -> Backend:
    def open_(*, read_only: bool = False, reviewer: str | None = None) -> ReviewStore:
        return in_memory_store(read_only=read_only, reviewer=reviewer)

    return Backend("in-memory", open_, shared=False, keeps_drafts=False)


def postgresql(url: str) -> Backend:
    def open_(*, read_only: bool = False, reviewer: str | None = None) -> ReviewStore:
        if read_only:
            connect(url, reviewer=reviewer).close()  # as with a file: a read-only connection needs a state
        return connect(url, read_only=read_only, reviewer=reviewer)

    return Backend("postgresql", open_, shared=True, keeps_drafts=True)


BACKENDS = ["sqlite-file", "in-memory", "postgresql"]
SHARED = [name for name in BACKENDS if name != "in-memory"]


def _backend(name: str, request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if name == "postgresql":
        server: PgServer = request.getfixturevalue("pg_server")
        return postgresql(server.url(server.fresh_database()))
    return sqlite_file(tmp_path) if name == "sqlite-file" else in_memory(tmp_path)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    return _backend(request.param, request, tmp_path)


@pytest.fixture(params=SHARED)
def shared_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    return _backend(request.param, request, tmp_path)


@pytest.fixture
def store(backend: Backend) -> Iterator[ReviewStore]:
    with backend.open(reviewer="ana") as opened:
        yield opened
