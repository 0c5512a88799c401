"""Issue 14: nothing a file or folder holds can crash or hang a command or the dashboard.

One folder holds every input the issue's audit found to crash or hang something (tests/hostile/breakers.py).
The commands must report each, keep every good item and print their summary; the dashboard must show the
good items, list every problem, keep answering keys and quit. Bounds on waits are for hangs only: speed is
measured in benchmarks/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_tui.cli import main
from briefing_tui.loading import batch
from briefing_tui.ui.screens.problems import ProblemsScreen

from ..bounded import HANG, finishes
from ..ui.helpers import cursor, make_app, wait_for
from .breakers import UNREADABLE_VALUES, Breakers, build, unlock
from .test_hostile_dashboard import all_loaded
from .test_hostile_loading import CONTROL, strings
from .unprivileged import run_obeying_modes


@pytest.fixture(scope="module")
def breakers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Breakers]:
    built = build(tmp_path_factory.mktemp("breakers") / "desk")
    yield built
    unlock(built)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """The command in a thread, so a hang fails this test rather than the whole run."""
    code = finishes(lambda: main(list(argv)))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("cache", [True, False])
def test_check_reports_every_breaker_and_still_summarises(breakers: Breakers, capsys: pytest.CaptureFixture[str],
                                                          cache: bool) -> None:
    code, out, err = run_cli(capsys, "check", str(breakers.root), *([] if cache else ["--no-cache"]))
    assert code == 1
    assert "Traceback" not in out + err and "internal error" not in out
    summary = out.splitlines()[-1]
    assert re.fullmatch(r"\d+ files, (\d+) items, \d+ problems", summary), summary
    assert int(summary.split(", ")[1].split()[0]) >= len(breakers.good_titles)
    for path, part in breakers.reported.items():
        assert any(line.startswith(f"{path}:") and part in line for line in out.splitlines()), (path, out)


def test_parse_writes_every_good_item(breakers: Breakers, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "parse", "--no-cache", str(breakers.root))
    assert code == 1 and "Traceback" not in err
    for title in breakers.good_titles:
        assert f'"title": "{title}"' in out, title
    for name, value in UNREADABLE_VALUES.items():
        assert f"value-{name}.yaml:2:7: date: " in err, (name, value)


def test_export_writes_the_digest_past_every_breaker(breakers: Breakers, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "digest.md"
    code, _, err = run_cli(capsys, "export", str(breakers.root), "-o", str(out_file))
    assert code == 1 and "Traceback" not in err
    digest = out_file.read_text(encoding="utf-8")
    for title in breakers.good_titles:
        assert title in digest, title


async def test_the_dashboard_shows_the_good_items_lists_every_problem_and_quits(breakers: Breakers,
                                                                                monkeypatch: pytest.MonkeyPatch
                                                                                ) -> None:
    monkeypatch.setattr(batch, "POOL_THRESHOLD", 10**9)  # parse in the load thread, as a small folder does
    app = make_app(paths=[breakers.root])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await all_loaded(pilot, timeout=HANG)
        titles = {s.title for s in screen.index.summaries}
        assert set(breakers.good_titles) <= titles
        problem_paths = {p.path for p in screen.session.problems}
        for path in breakers.reported:
            assert path in problem_paths, path
        await pilot.press("j")
        await wait_for(pilot, lambda: cursor(screen) == 1, timeout=HANG, what="j to move")
        await pilot.press("P")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen), timeout=HANG, what="the problems")
        await pilot.press("escape", "q")
    assert app.return_code == 0


def test_an_unreadable_subfolder_is_reported_by_check(breakers: Breakers, tmp_path: Path) -> None:
    """As root every folder is readable, so this runs where modes apply: in a child that gave up root's
    power to ignore them (the dashboard's watcher side is tests/e2e/test_breakers_tmux.py)."""
    result = run_obeying_modes(["check", "--no-cache", str(breakers.root)], tmp_path)
    assert result.returncode == 1, result.stderr
    assert f"{breakers.locked}: cannot read folder: Permission denied" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_character_references_in_a_page_never_decode_to_controls(tmp_path: Path) -> None:
    """The page's markup was cleaned, but `&#x1b;` and `&#x202e;` only become an escape or a bidi override
    once the HTML parser decodes them."""
    from briefing_tui.loading.load import load_file

    page = tmp_path / "references.html"
    page.write_text("<html><head><title>Ent &#x202e;test&#x1b;[2J</title></head><body><h1>Ent &#x202e;test</h1>"
                    "<p>Para with &#27;]0;title&#7; and &#x202e;evil&#x202c; text that is long enough to be kept as "
                    "an article paragraph by the extractor.</p><p>Another paragraph of words, so that the page "
                    "reads as an article with more than one paragraph in it.</p>"
                    '<h2>Related stories</h2><ul><li><a href="/x&#x1b;[2J">Linked &#x202e;story</a></li></ul>'
                    "</body></html>", encoding="utf-8")
    result = load_file(page)
    assert result.items and not result.problems
    for where, text in strings(result.items[0].to_dict()):
        assert not CONTROL.search(text), (where, text)
