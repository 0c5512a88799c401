"""Issue 18, defect 6: a duplicate item is one rule (``loading.duplicates``) that the dashboard's
session and `briefing check` both follow; its problem names the later copy's file and line (for a
YAML item) and the file it repeats, never the item's `source:`."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.cli import main
from briefing_tui.filtering import SearchIndex
from briefing_tui.loading.duplicates import ItemIds
from briefing_tui.loading.load import load_file, with_entries
from briefing_tui.session import ReviewSession
from briefing_tui.settings import Settings

FIRST = """\
items:
  - id: desk-1
    title: First copy
    source: https://example.com/story
    body: One paragraph.
"""

LATER = """\
# the desk's second file, which repeats desk-1
items:
  - id: other
    title: Another story
    body: Another paragraph.
  - id: desk-1
    title: Second copy
    source: https://example.com/story
    body: One paragraph again.
"""

ARTICLE = "Troops gather\n\nLONDON — The minister said the plan would cost £3bn, officials said.\n"


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    monkeypatch.chdir(tmp_path)
    Path("first.yaml").write_text(FIRST, encoding="utf-8")
    Path("later.yaml").write_text(LATER, encoding="utf-8")
    return [Path("first.yaml"), Path("later.yaml")]


EXPECTED = "later.yaml:6:5: items[1].id: item id 'desk-1' was already loaded from first.yaml:2; this copy is skipped"


def session_of(paths: list[Path]) -> ReviewSession:
    session = ReviewSession(Settings(), SearchIndex())
    session.add_loaded([(p, with_entries(p, load_file(p))) for p in paths], len(paths), len(paths))
    return session


def test_the_problem_names_the_later_file_and_line_and_the_file_it_repeats(desk: list[Path]) -> None:
    session = session_of(desk)
    assert [str(p) for p in session.problems] == [EXPECTED]
    assert "example.com" not in str(session.problems[0])
    assert [s.title for s in session.index.summaries] == ["First copy", "Another story"]


def test_check_and_the_dashboard_agree(desk: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", *map(str, desk)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [EXPECTED, "2 files, 2 items, 1 problem"]  # the items the dashboard lists
    assert out[0] == str(session_of(desk).problems[0])
    assert main(["check", "--no-cache", *map(str, desk)]) == 1  # read fresh, not from the cache: the same
    assert capsys.readouterr().out.splitlines() == out


def test_articles_with_one_text_are_duplicates_named_by_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(ARTICLE, encoding="utf-8")
    Path("copy.txt").write_text(ARTICLE, encoding="utf-8")
    paths = [Path("a.txt"), Path("copy.txt")]
    [problem] = session_of(paths).problems
    assert str(problem).startswith("copy.txt: item id '") and str(problem).endswith(
        "' was already loaded from a.txt; this copy is skipped")
    assert main(["check", *map(str, paths)]) == 1
    assert capsys.readouterr().out.splitlines() == [str(problem), "2 files, 1 item, 1 problem"]


def test_a_reloaded_file_keeps_its_own_ids_and_a_new_clash_is_placed(desk: list[Path]) -> None:
    session = session_of(desk[:1])
    Path("first.yaml").write_text(FIRST.replace("First copy", "First copy, edited"), encoding="utf-8")
    session.apply_reload([(desk[0], load_file(desk[0]))], [])
    assert session.problems == [] and session.index.summaries[0].title == "First copy, edited"
    session.apply_reload([(desk[1], load_file(desk[1]))], [])
    assert [str(p) for p in session.problems] == [EXPECTED]


def test_ids_are_owned_by_the_first_file_only() -> None:
    ids = ItemIds()
    assert ids.admit(Path("x.txt"), with_entries(Path("x.txt"), _result("a", "b"))) == []
    later = with_entries(Path("y.txt"), _result("b", "c"))
    [problem] = ids.admit(Path("y.txt"), later)
    assert [e.summary.id for e in later.entries or []] == ["c"]
    assert str(problem) == "y.txt: item id 'b' was already loaded from x.txt; this copy is skipped"
    assert "a" in ids and "c" in ids


def _result(*ids: str):
    from briefing_tui.loading.result import LoadResult
    from briefing_tui.model import Item

    return LoadResult(items=[Item(id=i, title=i.upper(), body=[f"Paragraph {i}."]) for i in ids])


async def test_the_dashboard_lists_the_same_problem_under_p(desk: list[Path]) -> None:
    from briefing_tui.ui.screens.problems import ProblemsScreen

    from .ui.helpers import loaded, make_app

    app = make_app(paths=[Path(".")])  # the folder, as `briefing .` opens it
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 2)
        await pilot.press("P")
        assert isinstance(app.screen, ProblemsScreen)
        assert [str(p) for p in app.screen.problems] == [EXPECTED]
        assert [s.title for s in screen.index.summaries] == ["First copy", "Another story"]
