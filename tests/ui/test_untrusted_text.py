"""File text reaches the screen as text: markup shows literally, action links do nothing."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.settings import load_settings
from briefing_tui.ui.screens.problems import ProblemsScreen

from .helpers import loaded, make_app, status, wait_for

HOSTILE = "[bold red]loud[/] [@click=app.quit]click me[/] [link=https://evil.example]x[/link] [/] [b"


def hostile_item(tmp_path: Path) -> Path:
    path = tmp_path / "[@click=app.quit]items.yaml"
    path.write_text(
        "title: 'Title " + HOSTILE.replace("'", "''") + "'\n"
        "dateline: '[@click=app.quit]PARIS'\n"
        "tags: ['[b]tag']\n"
        "body:\n"
        "  - 'Body " + HOSTILE.replace("'", "''") + " said \"[i]quoted words here[/i]\"'\n"
        "  - \"Escapes: \\e]0;pwned\\a \\e[2J \\e]52;c;aGk=\\a end\"\n"
        "actors:\n"
        "  - {name: '[@click=app.quit]Evil Corp', type: organization}\n"
        "quotes:\n"
        "  - {text: '[i]quoted words here[/i]', speaker: '[@click=app.quit]Evil Corp'}\n"
        "figures:\n"
        "  - {text: '[b]', value: 1, unit: '[@click=app.quit]u'}\n"
        "related:\n"
        "  - {title: '[@click=app.quit]Related [b]', url: 'https://example.org/[x]'}\n",
        encoding="utf-8",
    )
    return path


def screen_text(app) -> str:
    """Every line on screen, as plain text."""
    return "\n".join(app.screen._compositor.render_strips()[y].text for y in range(app.size.height))


async def test_markup_in_every_field_shows_literally_and_never_acts(tmp_path: Path) -> None:
    hostile_item(tmp_path)
    app = make_app(paths=[tmp_path])
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await loaded(pilot, 1)
        shown = screen_text(app)
        for literal in ("[bold red]loud[/]", "[@click=app.quit]click me[/]", "[@click=app.quit]PARIS",
                        "[@click=app.quit]Evil Corp", "[i]quoted words here[/i]", "[@click=app.quit]u",
                        "[@click=app.quit]Related [b]", "#[b]tag"):
            assert literal in shown, literal
        assert "Escapes: end" in shown  # escape sequences were removed at load
        assert "\x1b" not in shown and "\x07" not in shown
        # Clicking every cell of the headline and the body must not run any action.
        article = screen.query_one("#article")
        region = article.content_region
        for y in range(region.y, region.y + 5):
            for x in range(region.x, region.x + region.width, 6):
                await pilot.click(offset=(x, y))
        assert app.is_running and app.return_value is None
        await pilot.press("P")
        assert "[@click=app.quit]items.yaml" not in str(app.screen.problems)  # no problems: it loaded


async def test_markup_in_keyword_names_and_file_names_is_text(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("keywords:\n  - {key: '1', name: '[@click=app.quit]Evil', terms: [words]}\n", encoding="utf-8")
    bad = tmp_path / "docs" / "[b]broken[@click=app.quit].yaml"
    bad.parent.mkdir()
    bad.write_text("title: [\n", encoding="utf-8")
    (tmp_path / "docs" / "ok.yaml").write_text("title: Some words\nbody: some words here\n", encoding="utf-8")
    app = make_app(paths=[tmp_path / "docs"], settings=load_settings(config, explicit=True))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 1)
        await pilot.press("1")
        assert "[1 [@click=app.quit]Evil]" in status(screen)
        assert "[1 [@click=app.quit]Evil]" in screen_text(app)
        await pilot.press("P")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen), what="problems view")
        await pilot.pause()
        shown = screen_text(app)
        assert "[b]broken[@click=app.quit].yaml" in shown, shown
        problem = str(app.screen.problems[0])
        assert problem.endswith("[b]broken[@click=app.quit].yaml:2:1: YAML syntax: while parsing a "
                               "flow node: did not find expected node content")
        await pilot.press("escape", "question_mark")
        assert ("Filtering by keyword", "1", "Keyword: [@click=app.quit]Evil", "everywhere") in app.screen.rows
        assert app.is_running
