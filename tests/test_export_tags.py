"""`briefing export --tag`: only the items with a tag, the source's or an analyst's, in any format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing_tui.cli import main
from briefing_tui.sqlite_store import SQLiteStore

from .conftest import SEEDS


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_only_the_items_with_a_tag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = tmp_path / "state.sqlite3"
    with SQLiteStore.open(state, reviewer="ana") as store:
        store.add_tag("desk-2005-ba-fuel", "Energy")
        store.add_tag("gone-now", "energy")
    code, out, err = run(capsys, "export", str(SEEDS), "--state", str(state), "--tag", "ENERGY")
    assert code == 0, err
    assert "· tagged \\#ENERGY" in out.splitlines()[2]
    assert "## BA blames fuel for a 40% drop in quarterly profit" in out and "**Tags:** \\#aviation" in out
    assert "Moya calls Davis Cup" not in out and "gone-now" in out  # an item not loaded keeps its tag
    code, out, err = run(capsys, "export", str(SEEDS), "--state", str(state), "--tag", "#north-korea",
                         "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["tag"] == "north-korea" and len(data["items"]) == 2 and data["not_loaded"] == []
    code, out, err = run(capsys, "export", str(SEEDS), "--state", str(state), "--tag", "energy", "--format", "yaml")
    assert code == 0 and out.count("title:") == 1 and "- Energy" in out
    code, out, err = run(capsys, "export", str(SEEDS), "--tag", "   ")
    assert code == 2 and out == "" and "--tag: a tag needs at least one letter or digit" in err
