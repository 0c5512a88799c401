"""What the screen looks like: main view, help and a filtered view at 80x24, 120x40 and 200x50.

Update after an intended change with `pytest tests/snapshots --snapshot-update`
and look at the SVGs in __snapshots__/ before committing them.
"""

from __future__ import annotations

import pytest

from ..ui.helpers import loaded, make_app

SIZES = [(80, 24), (120, 40), (200, 50)]


async def _ready(pilot) -> None:
    await loaded(pilot, 5)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=_ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_screen(snap_compare, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=_ready, press=["question_mark"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_filtered_view(snap_compare, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=_ready, press=["1", "3", "j", "tab", "tab"])
