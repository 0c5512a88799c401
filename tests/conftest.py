"""Shared fixtures: paths to the repo's seeds and to ../shared when it is beside the repo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .feed_server import bomb, feed_server  # noqa: F401 - the local feed server, for every test that asks
from .pg_server import NoPostgreSQL, PgServer, running_server

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "rfa-kursk-north-korean-troops.txt"


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared (the corpus beside the repo) is not present")
    return SHARED


@pytest.fixture(autouse=True)
def isolated_xdg(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own config, state and cache folders: never the user's real ones."""
    base = tmp_path_factory.mktemp("xdg")
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(name, str(base / name.lower()))
    return base


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One PostgreSQL server for the session (per xdist worker); skipped only when none is installed."""
    try:
        with running_server() as server:
            yield server
    except NoPostgreSQL as exc:
        pytest.skip(str(exc))
