"""Shared fixtures: paths to the repo's seeds and to ../shared when it is beside the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "rfa-kursk-north-korean-troops.txt"


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared (the corpus beside the repo) is not present")
    return SHARED
