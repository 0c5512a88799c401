"""Tagging an item, and choosing the tag the list is narrowed to.

The analyst's tags are review state; what a tag may be is ``tags.normalise_tag``'s business. Tags
offered come from the loaded items and the review state, so every label is built as ``Content``
from plain text: tags come from files and from other analysts, never read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...tags import MAX_TAG, BadTag, has_tag, normalise_tag, tag_key


@dataclass(frozen=True)
class TagChoice:
    """The analyst's answer: add ``tag`` to the item, or remove it."""

    action: Literal["add", "remove"]
    tag: str


def _count(n: int) -> str:
    return f"{n} item{'s' * (n != 1)}"


class TagScreen(ModalScreen[TagChoice | None]):
    """Add a tag to the item (one in use, or a new one typed in) or remove one of the analyst's own."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="tag.cancel"),
                Binding("down", "to_list", "To the tags", show=False, id="tag.to_list")]
    DEFAULT_CSS = """
    TagScreen { align: center middle; }
    TagScreen > Vertical { width: 72; max-width: 100%; height: auto; max-height: 90%; border: thick $accent;
        background: $surface; padding: 1 2; }
    TagScreen Static { width: 100%; height: auto; }
    TagScreen #why { color: $error; }
    TagScreen OptionList { height: auto; max-height: 12; }
    """

    def __init__(self, title: str, source_tags: list[str], own: tuple[str, ...],
                 in_use: list[tuple[str, int]]) -> None:
        """``source_tags``: the item's from its file and its rules (not the analyst's to remove);
        ``own``: the analyst's; ``in_use``: every tag known, with how many loaded items carry it."""
        super().__init__()
        self.item_title, self.source_tags, self.own = title, source_tags, own
        self.in_use = [(t, n) for t, n in in_use if not has_tag(own, t) and not has_tag(source_tags, t)]
        self._shown: list[tuple[str, str]] = []  # (action, tag) of each option shown

    def compose(self) -> ComposeResult:
        with Vertical():
            title = self.item_title if len(self.item_title) <= 60 else self.item_title[:59] + "…"
            yield Static(Content("Tag ").stylize("bold") + Content(f"“{title}”"))
            if self.source_tags:
                yield Static(Content("From its source: " + " ".join(f"#{t}" for t in self.source_tags)))
            names = [t for t, _ in self.in_use] + list(self.own)
            yield Input(placeholder="a tag: type a new one, or pick one below", max_length=MAX_TAG + 8,
                        suggester=SuggestFromList(names, case_sensitive=False), id="typed")
            yield Static(id="why")
            yield OptionList(id="tags")
            yield Static(Content("Enter adds the tag typed (→ completes it) · ↓ to the list, where Enter adds or "
                                 "removes the highlighted tag · Esc cancels"))

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#typed", Input).focus()

    def _fill(self, typed: str) -> None:
        """The analyst's tags (to remove) and the tags in use (to add), narrowed to those holding ``typed``."""
        wanted = typed.strip().lstrip("#").casefold()
        shown = [("remove", t) for t in self.own if wanted in t.casefold()]
        shown += [("add", t) for t, _ in self.in_use if wanted in t.casefold()]
        counts = dict(self.in_use)
        options = []
        for k, (action, tag) in enumerate(shown):
            label = (f"✓ #{tag} — remove it" if action == "remove"
                     else f"#{tag} ({_count(counts[tag])})" if counts.get(tag) else f"#{tag}")
            options.append(Option(Content(label), id=f"tag-{k}"))
        self._shown = shown
        tags = self.query_one("#tags", OptionList)
        tags.clear_options()
        tags.add_options(options)
        tags.display = bool(options)

    @on(Input.Changed, "#typed")
    def _typed_changed(self, event: Input.Changed) -> None:
        self.query_one("#why", Static).update("")
        self._fill(event.value)

    def action_to_list(self) -> None:
        tags = self.query_one("#tags", OptionList)
        if tags.option_count:
            tags.highlighted = tags.highlighted or 0
            tags.focus()

    @on(OptionList.OptionSelected, "#tags")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        action, tag = self._shown[int((event.option.id or "tag-0").removeprefix("tag-"))]
        self.dismiss(TagChoice(action, tag))  # type: ignore[arg-type]

    @on(Input.Submitted, "#typed")
    def _submitted(self, event: Input.Submitted) -> None:
        why = self.query_one("#why", Static)
        try:
            tag = normalise_tag(event.value)
        except BadTag as exc:
            why.update(Content(f"Not a tag: {exc}"))
            return
        key = tag_key(tag)
        if has_tag(self.source_tags, tag):
            why.update(Content(f"#{tag} is on the item already, from its source or a rule"))
            return
        mine = next((t for t in self.own if tag_key(t) == key), None)
        if mine is not None:
            self.dismiss(TagChoice("remove", mine))
            return
        known = next((t for t, _ in self.in_use if tag_key(t) == key), tag)  # the spelling in use
        self.dismiss(TagChoice("add", known))


class TagFilterScreen(ModalScreen[str | None]):
    """Which tag the list shows only the items of; each with how many loaded items carry it."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="tag_filter.cancel")]
    DEFAULT_CSS = """
    TagFilterScreen { align: center middle; }
    TagFilterScreen > Vertical { width: 60; max-width: 100%; height: auto; max-height: 90%; border: thick $accent;
        background: $surface; padding: 1 2; }
    TagFilterScreen Static { width: 100%; height: auto; }
    TagFilterScreen OptionList { height: auto; max-height: 16; }
    """

    # What the screen answers for "show every item again": no tag can be empty.
    EVERY_ITEM = ""

    def __init__(self, counts: list[tuple[str, int]], active: str | None) -> None:
        super().__init__()
        self.counts, self.active = counts, active

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content("Show only the items tagged").stylize("bold"))
            options = []
            if self.active is not None:
                options.append(Option(Content(f"Every item again (now only #{self.active})"), id="every"))
            options += [Option(Content(f"#{tag} ({_count(n)})"), id=f"tag-{k}")
                        for k, (tag, n) in enumerate(self.counts)]
            if not options:
                yield Static(Content("No loaded item has a tag yet: t tags the highlighted item."))
            yield OptionList(*options, id="tag-filter")
            yield Static(Content("Enter chooses · Esc cancels"))

    def on_mount(self) -> None:
        options = self.query_one("#tag-filter", OptionList)
        if options.option_count:
            options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected, "#tag-filter")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id == "every":
            self.dismiss(self.EVERY_ITEM)
        else:
            self.dismiss(self.counts[int(option_id.removeprefix("tag-"))][0])
