"""Correcting the parser in place: a quote's speaker, entries marked wrong, a missed actor. The
corrections are review state, shown in the panels and used by the copy and the digest."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.corrections import corrected
from briefing_tui.digest import build_markdown, collect
from briefing_tui.sqlite_store import SQLiteStore
from briefing_tui.ui.screens.correction import ActorScreen, SpeakerScreen
from briefing_tui.ui.widgets.panels import Panel

from .helpers import loaded_with_store, make_app, wait_for


def _state(path: Path, item_id: str):
    with SQLiteStore.open(path, read_only=True) as store:
        return store.get(item_id)


async def test_a_speaker_corrected_a_figure_marked_wrong_and_an_actor_added(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded_with_store(pilot, 5)
        await pilot.press("j")  # BA's results: quotes and figures
        await wait_for(pilot, lambda: screen.item is not None and screen.item.figures, what="an item with figures")
        item = screen.item
        quote = item.quotes[0]
        await pilot.press("Q", "s")
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakerScreen), what="the speaker chooser")
        await pilot.press("tab", *"Jo Park", "enter")
        await wait_for(pilot, lambda: _state(state, item.id).correction("speaker", quote.text) is not None,
                       what="the correction saved")
        assert _state(state, item.id).correction("speaker", quote.text).value == "Jo Park"
        quotes = screen.query_one("#quotes", Panel)
        await wait_for(pilot, lambda: "✎ Jo Park" in quotes.entry_text(0), what="the panel shows it")
        await pilot.press("y")
        assert "Jo Park" in app.clipboard
        await pilot.press("V", "w")  # the first figure is wrong
        figure = item.figures[0].text
        await wait_for(pilot, lambda: _state(state, item.id).correction("wrong", f"figure:{figure}") is not None,
                       what="the figure marked wrong")
        await pilot.press("plus")
        await wait_for(pilot, lambda: isinstance(app.screen, ActorScreen), what="the actor form")
        await pilot.press(*"Acme Foods", "tab", "down", "enter")  # an organization
        await wait_for(pilot, lambda: _state(state, item.id).correction("actor", "Acme Foods") is not None,
                       what="the actor added")
        assert _state(state, item.id).correction("actor", "Acme Foods").value == "organization"
        actors = screen.query_one("#actors", Panel)
        await wait_for(pilot, lambda: any("Acme Foods" in actors.entry_text(k) and "added by you"
                                          in actors.entry_text(k) for k in range(len(actors.indices))),
                       what="the added actor in the panel")
        fixed = corrected(item, _state(state, item.id).corrections)
        assert fixed.quotes[0].speaker == "Jo Park" and figure not in [f.text for f in fixed.figures]
        assert any(a.name == "Acme Foods" and a.type == "organization" for a in fixed.actors)
        await pilot.press("z")  # undo: the actor goes again
        await wait_for(pilot, lambda: _state(state, item.id).correction("actor", "Acme Foods") is None,
                       what="the added actor undone")


def test_the_digest_carries_the_corrected_speaker(tmp_path: Path) -> None:
    from briefing_tui.model import Item, Quote
    from briefing_tui.review_state import Correction, Pin

    path = tmp_path / "s.sqlite3"
    item = Item("a", title="Strike called off", quotes=[Quote("direct", "We will not back down", "Deputy Finance")])
    with SQLiteStore.open(path, reviewer="ana") as store:
        store.pin("a", Pin.of_quote(item.quotes[0]))
        store.correct("a", Correction("speaker", "We will not back down", "Ana Ruiz"))
        states = store.all_states()
    text = build_markdown(collect([item], states))
    assert "> — Ana Ruiz" in text and "Deputy Finance" not in text



async def test_a_panel_not_laid_out_yet_keeps_its_highlight_when_redrawn() -> None:
    """At 80x24 one pane shows at a time: V then w at once reach the Figures panel before it is laid
    out (no lines yet), and redrawing it with its entry highlighted crashed the dashboard (exit 70)."""
    from rich.text import Text
    from textual.app import App, ComposeResult

    class Hidden(App[None]):
        def compose(self) -> ComposeResult:
            panel = Panel("Figures", id="figures")
            panel.display = False  # as an inactive pane in the narrow layout: width 0, no lines
            yield panel

    app = Hidden()
    async with app.run_test(size=(80, 24)):
        panel = app.query_one(Panel)
        panel.set_entries([(Text("£75m"), 0), (Text("$141m"), 1)])
        panel.highlighted = 1
        panel.set_entries([(Text("✗ £75m"), 0), (Text("$141m"), 1)], keep_place=True)
        assert panel.highlighted == 1 and panel.indices == [0, 1]
