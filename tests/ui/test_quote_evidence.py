"""The Quotes panel says how each speaker was found, so the analyst knows which attributions to check."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.ui.widgets.panels import Panel

from .helpers import loaded, make_app, wait_for

ARTICLE = (
    "Acme results\n\n"
    "Acme Corp cut its debt last year, said John Smith. The company said the year had begun well.\n\n"
    "Mr Smith denied that the firm would be sold. \"We are not for sale,\" he said.\n\n"
    "\"Nobody can buy us.\"\n"
)


async def test_quotes_panel_marks_speakers_not_named_at_the_quote(tmp_path: Path) -> None:
    (tmp_path / "acme.txt").write_text(ARTICLE, encoding="utf-8")
    app = make_app([tmp_path])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 1)
        panel = screen.query_one("#quotes", Panel)
        await wait_for(pilot, lambda: len(panel.texts) == 5, what="the article's five quotes")
        rows = [panel.entry_text(n) for n in range(len(panel.texts))]
        assert rows[0].startswith("John Smith  said: Acme Corp cut its debt")  # named: no mark
        assert rows[1].startswith("Acme Corp (by description)  said: the year had begun well")
        assert rows[2].startswith("John Smith  denied: the firm would be sold")
        assert rows[3].startswith("John Smith (by pronoun)  “We are not for sale,")
        assert rows[4].startswith("John Smith (carried over)  “Nobody can buy us.")


async def test_evidence_and_verb_from_a_briefing_file_are_shown_as_plain_text(tmp_path: Path) -> None:
    (tmp_path / "desk.yaml").write_text(
        "title: Desk\nbody: Smith spoke of [bold]cuts[/bold].\nquotes:\n"
        "  - text: of [bold]cuts[/bold]\n    kind: indirect\n    speaker: '[red]Smith'\n"
        "    evidence: pronoun\n    verb: \"denied\\e[31m[i]\"\n",
        encoding="utf-8")
    app = make_app([tmp_path])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 1)
        panel = screen.query_one("#quotes", Panel)
        await wait_for(pilot, lambda: len(panel.texts) == 1, what="the quote")
        row = panel.entry_text(0)
        assert row.startswith("[red]Smith (by pronoun)  denied")
        assert row.endswith("[i]: of [bold]cuts[/bold]")
        assert "\x1b" not in row
