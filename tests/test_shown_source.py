"""Issue 18, defect 9: one rule names an item's source in the header, the copied citation and every
digest (``resources.shown_source``), so `briefing export` writes what the dashboard's export writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import briefing_tui.resources as resources
from briefing_tui.cli import main
from briefing_tui.resources import shown_source

from .conftest import SEEDS

ARTICLE = "Troops gather\n\nLONDON — The minister said the plan would cost £3bn, officials said.\n"


def test_a_bundled_seed_is_named_by_its_seeds_path_wherever_it_is_installed(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site-packages" / "briefing_tui"
    (package / "_data" / "seeds").mkdir(parents=True)
    monkeypatch.setattr(resources, "_PACKAGE", package)
    monkeypatch.chdir(tmp_path)
    seed = package / "_data" / "seeds" / "rfa-kursk-north-korean-troops.txt"
    assert shown_source(str(seed)) == "seeds/rfa-kursk-north-korean-troops.txt"


def test_paths_are_relative_to_the_current_folder_or_home_and_labels_stay(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path.parent))
    assert shown_source(str(tmp_path / "news" / "a.txt")) == "news/a.txt"
    assert shown_source(str(tmp_path.parent / "other" / "a.txt")) == "~/other/a.txt"
    for kept in ("news/a.txt", "BBC News (business)", "https://example.com/a", "", None):
        assert shown_source(kept) == kept


def _sources(digest: Path) -> list[str | None]:
    return [entry["source"] for entry in json.loads(digest.read_text(encoding="utf-8"))["items"]]


def test_export_writes_the_same_source_however_the_path_was_given(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(SEEDS / "desk-briefs.yaml", tmp_path / "news" / "desk.yaml")
    given = {"relative": "news", "absolute": str(tmp_path / "news")}
    sources = {}
    for how, path in given.items():
        out = tmp_path / f"{how}.json"
        assert main(["export", path, "--format", "json", "-o", str(out)]) == 0
        sources[how] = _sources(out)
    assert sources["relative"] == sources["absolute"]
    assert "news/a.txt" in sources["absolute"]
