"""Correcting the parser in place: who said a quote, and an actor it missed.

Names offered come from the article (its actors); a typed name is taken as written, cleaned of
control characters. Every label is built as ``Content``/``Text`` from plain text: names come from
files and from the analyst, never read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...model import ACTOR_TYPES
from ...sanitize import clean_line

MAX_NAME = 200


@dataclass(frozen=True)
class SpeakerChoice:
    """The analyst's answer: a name, or None to go back to the parser's speaker."""

    name: str | None


class SpeakerScreen(ModalScreen[SpeakerChoice | None]):
    """Who said this quote: one of the article's actors, or a name typed in; Esc leaves it as it is."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="correct.cancel")]
    DEFAULT_CSS = """
    SpeakerScreen { align: center middle; }
    SpeakerScreen > Vertical { width: 72; max-width: 100%; height: auto; max-height: 90%; border: thick $accent;
        background: $surface; padding: 1 2; }
    SpeakerScreen Static { width: 100%; height: auto; }
    SpeakerScreen OptionList { height: auto; max-height: 14; }
    """

    def __init__(self, quote: str, parser_speaker: str, names: list[str], corrected: str | None) -> None:
        super().__init__()
        self.quote, self.parser_speaker, self.names, self.corrected = quote, parser_speaker, names, corrected

    def compose(self) -> ComposeResult:
        with Vertical():
            head = Content("Who said it? ").stylize("bold", 0, 12)
            yield Static(head + Content(f"“{self.quote[:160]}{'…' if len(self.quote) > 160 else ''}”"))
            yield Static(Content(f"The parser says: {self.parser_speaker}"
                                 + (f"; you said: {self.corrected}" if self.corrected else "")))
            options = [Option(Content(name), id=f"name-{k}") for k, name in enumerate(self.names)]
            if self.corrected:
                options.append(Option(Content(f"Back to the parser's: {self.parser_speaker}"), id="parser"))
            yield OptionList(*options, id="speakers")
            yield Input(placeholder="or type a name, then Enter", max_length=MAX_NAME, id="typed")
            yield Static(Content("Enter chooses · Tab switches between the list and the name · Esc cancels"))

    def on_mount(self) -> None:
        speakers = self.query_one("#speakers", OptionList)
        if speakers.option_count:
            speakers.highlighted = 0
            speakers.focus()
        else:
            self.query_one("#typed", Input).focus()

    @on(OptionList.OptionSelected, "#speakers")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id == "parser":
            self.dismiss(SpeakerChoice(None))
        else:
            self.dismiss(SpeakerChoice(self.names[int(option_id.removeprefix("name-"))]))

    @on(Input.Submitted, "#typed")
    def _typed(self, event: Input.Submitted) -> None:
        name = clean_line(event.value)[:MAX_NAME]
        if name:
            self.dismiss(SpeakerChoice(name))


@dataclass(frozen=True)
class NewActor:
    name: str
    type: str


class ActorScreen(ModalScreen[NewActor | None]):
    """An actor the parser missed: a name and a type (person, organization, country)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="correct.cancel_actor")]
    DEFAULT_CSS = """
    ActorScreen { align: center middle; }
    ActorScreen > Vertical { width: 64; max-width: 100%; height: auto; border: thick $accent;
        background: $surface; padding: 1 2; }
    ActorScreen Static { width: 100%; height: auto; }
    ActorScreen OptionList { height: auto; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content("Add an actor the parser missed").stylize("bold"))
            yield Input(placeholder="name as the article writes it", max_length=MAX_NAME, id="name")
            yield OptionList(*(Option(Content(kind), id=kind) for kind in ACTOR_TYPES), id="kind")
            yield Static(Content("Type the name, Tab to the type (person unless you choose), Enter adds · Esc "
                                 "cancels"))

    def on_mount(self) -> None:
        self.query_one("#kind", OptionList).highlighted = 0
        self.query_one("#name", Input).focus()

    def _add(self) -> None:
        name = clean_line(self.query_one("#name", Input).value)[:MAX_NAME]
        if not name:
            self.notify("Type the actor's name first", timeout=3)
            self.query_one("#name", Input).focus()
            return
        kinds = self.query_one("#kind", OptionList)
        kind = ACTOR_TYPES[kinds.highlighted] if kinds.highlighted is not None else "person"
        self.dismiss(NewActor(name, kind))

    @on(Input.Submitted, "#name")
    def _name_done(self, event: Input.Submitted) -> None:
        self._add()

    @on(OptionList.OptionSelected, "#kind")
    def _kind_chosen(self, event: OptionList.OptionSelected) -> None:
        self._add()
