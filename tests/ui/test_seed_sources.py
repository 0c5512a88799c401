"""Issue 18, defect 9: the bundled seeds, opened by `briefing` with no PATH from an installed copy,
show their headline and a `seeds/…` source (never a site-packages path) in the header, the copied
citation and the digest; the dashboard's export writes the same sources as `briefing export`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import briefing_tui.resources as resources
from briefing_tui.cli import default_inputs, main
from briefing_tui.settings import load_settings
from briefing_tui.ui.screens.export import ExportScreen

from ..conftest import SEEDS
from .helpers import loaded, make_app, store_ready, wait_for

# The seed article has no headline line: it is headed, and cited, by the start of its first paragraph.
SEED_ARTICLE_START = "Ukrainian forces are holding off nearly 50,000 troops, including 11,000 North Koreans"


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The package as a wheel installs it: the seeds under site-packages/briefing_tui/_data/seeds."""
    package = tmp_path / "venv" / "lib" / "python3.11" / "site-packages" / "briefing_tui"
    shutil.copytree(SEEDS, package / "_data" / "seeds")
    monkeypatch.setattr(resources, "_PACKAGE", package)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)  # the analyst's folder, not the install
    return work


async def test_the_installed_seeds_show_a_headline_or_first_sentence_and_a_seeds_source(installed: Path) -> None:
    settings = load_settings(None)
    paths = default_inputs(settings)
    assert "site-packages" in str(paths[0])  # what `briefing` with no PATH opens
    app = make_app(paths, settings, state_path=installed / "state.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await store_ready(pilot, screen)
        await pilot.press("G")
        view = screen.query_one("ArticleView")
        assert view.headline.plain.startswith(SEED_ARTICLE_START)
        assert view.headline.plain.endswith("· no headline: its first sentence")
        assert "seeds/rfa-kursk-north-korean-troops.txt" in view.byline.plain
        assert "site-packages" not in view.byline.plain

        await pilot.press("tab", "tab", "tab", "y")  # the first quote, copied with its citation
        assert app.clipboard.endswith(" (seeds/rfa-kursk-north-korean-troops.txt)")  # no headline to cite
        assert "site-packages" not in app.clipboard

        await pilot.press("shift+tab", "shift+tab", "shift+tab", "e")
        assert isinstance(app.screen, ExportScreen)
        target = installed / "dashboard.json"
        await pilot.press("ctrl+u", *str(target), "enter")
        await wait_for(pilot, target.exists, what="digest written")
    dashboard = {e["id"]: e["source"] for e in json.loads(target.read_text(encoding="utf-8"))["items"]}

    cli = installed / "cli.json"
    assert main(["export", str(paths[0]), "--format", "json", "-o", str(cli)]) == 0
    exported = {e["id"]: e["source"] for e in json.loads(cli.read_text(encoding="utf-8"))["items"]}
    assert dashboard == exported
    assert sorted(set(exported.values())) == ["BBC News (business)", "BBC News (sport)",
                                              "seeds/rfa-kursk-north-korean-troops.txt"]
