"""Model to screen text. All file text goes through here as ``Text``/``Content``, never markup.

Styles are chosen to stay distinguishable without colour (NO_COLOR):
actor mentions underlined, quotes italic, figures bold, keyword hits
reversed, find hits reversed and bold, the selected quote, figure or actor
marked in the gutter as well.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from rich.style import Style
from rich.text import Text

from ..catalog import Summary, cut, display_title
from ..filtering import Hit
from ..loading.readers import readable_suffixes
from ..resources import shown_source
from ..tags import has_tag

if TYPE_CHECKING:  # items are decoded only when one is shown (start-up time)
    from ..model import Actor, Figure, Item, Quote, Span
    from ..rules import Rule

MAX_DISPLAY_CHARS = 20_000

ACTOR_GLYPH = {"person": "●", "organization": "■", "country": "◆"}

STYLE_ACTOR = Style(underline=True)
STYLE_ACTOR_SELECTED = Style(underline=True, bold=True, reverse=True)
STYLE_QUOTE = Style(italic=True, color="cyan")
STYLE_FIGURE = Style(bold=True, color="yellow")
STYLE_KEYWORD = Style(reverse=True, color="magenta")
STYLE_FIND = Style(reverse=True, bold=True, color="green")
STYLE_FIND_CURRENT = Style(reverse=True, bold=True, underline=True, color="bright_green")
STYLE_TARGET = Style(reverse=True, bold=True)


def short_source(source: str | None) -> str:
    """A short label for where an item came from: a host, a file name, or the text itself."""
    if not source:
        return ""
    if re.match(r"^[a-z][a-z0-9+.-]*://", source, re.I):
        host = urlparse(source).hostname or source
        return host.removeprefix("www.")
    if "/" in source or "\\" in source:
        return PurePath(source).name
    return source


def item_row(item: Summary, width: int, *, meta_style: Style, stale: bool = False, claim: str | None = None,
             lead: str = "", more: int = 0, tags: Sequence[str] = ()) -> Text:
    """One list row: title on the left, source · date · counts on the right, cut to ``width``.

    The title gets the room first: the date goes when the row is narrow,
    then the source is shortened. ``claim``: who works on the item ("you" or a colleague's name),
    said before the rest so a desk sees it at any width. ``lead`` goes before the title (a group's
    ▸/▾, a member's ↳), ``more`` (the other sources on the story) after the counts. ``tags``: the
    analyst's own, the first named and the rest counted (``#energy +2``), left out when narrow.
    """
    source = short_source(item.source)
    stem, dot, suffix = source.rpartition(".")
    if dot and stem and dot + suffix in readable_suffixes():  # a file name: what the reader needs is noise
        source = stem
    source = cut(source, 16) if width >= 70 else (cut(source, 10) if width >= 50 else "")
    date = item.date if width >= 90 else ""
    held = f"claimed by {cut(claim, 16)}" if claim else ""
    group = f"+{more} source{'s' * (more != 1)}" if more else ""
    tagged = (f"#{cut(tags[0], 14)}" + (f" +{len(tags) - 1}" if len(tags) > 1 else "")) if tags and width >= 50 else ""
    meta = " · ".join(p for p in ("stale" if stale else "", held, tagged, source, date or "", item.counts, group) if p)
    title = item.label
    room = max(width - len(meta) - len(lead) - 2, 8)
    row = Text(no_wrap=True, overflow="ellipsis", end="")
    row.append(lead)
    row.append(cut(title, room))
    pad = max(width - row.cell_len - len(meta) - 1, 1)
    row.append(" " * pad)
    row.append(meta, style=meta_style)
    row.truncate(width, overflow="ellipsis")
    return row


def paragraph_text(
    item: Item,
    index: int,
    *,
    keyword_hits: list[Hit],
    find_hits: list[Hit],
    current_find: Hit | None,
    target: Span | None,
    selected_actor: Actor | None,
) -> Text:
    """One body paragraph with actors, quotes, figures, keyword and find hits styled."""
    para = item.body[index]
    cut = len(para) > MAX_DISPLAY_CHARS
    text = Text(para[:MAX_DISPLAY_CHARS] if cut else para)
    limit = len(text.plain)

    def style(span_start: int, span_end: int, s: Style) -> None:
        if span_start < limit:
            text.stylize(s, span_start, min(span_end, limit))

    for quote in item.quotes:
        if quote.span and quote.span.paragraph == index and quote.kind == "direct":
            style(quote.span.start, quote.span.end, STYLE_QUOTE)
    for figure in item.figures:
        if figure.span and figure.span.paragraph == index:
            style(figure.span.start, figure.span.end, STYLE_FIGURE)
    for actor in item.actors:
        chosen = selected_actor is not None and actor.name == selected_actor.name
        for m in actor.mentions:
            if m.paragraph == index:
                style(m.start, m.end, STYLE_ACTOR_SELECTED if chosen else STYLE_ACTOR)
    for hit in keyword_hits:
        if hit.paragraph == index:
            style(hit.start, hit.end, STYLE_KEYWORD)
    for hit in find_hits:
        if hit.paragraph == index:
            style(hit.start, hit.end, STYLE_FIND_CURRENT if hit == current_find else STYLE_FIND)
    if target is not None and target.paragraph == index:
        style(target.start, target.end, STYLE_TARGET)
    if cut:
        text.append(f" … [{len(para) - MAX_DISPLAY_CHARS:,} more characters not shown]", style="dim italic")
    return text


def title_text(item: Item, keyword_hits: list[Hit], find_hits: list[Hit], current_find: Hit | None) -> Text:
    title, derived = display_title(item)
    if derived:
        # An article without a headline line is headed by its first sentence, marked as such, rather
        # than by an empty placeholder: the reader sees at once what it is about.
        return Text.assemble((title, "italic"), ("  · no headline: its first sentence", "dim italic"))
    text = Text(title, style="bold")
    for hit in keyword_hits:
        if hit.paragraph == -1:
            text.stylize(STYLE_KEYWORD, hit.start, hit.end)
    for hit in find_hits:
        if hit.paragraph == -1:
            text.stylize(STYLE_FIND_CURRENT if hit == current_find else STYLE_FIND, hit.start, hit.end)
    return text


def byline_text(item: Item, stale: str | None = None, rules: Sequence[Rule] = (), tags: Sequence[str] = ()) -> Text:
    """Dateline, date, source and tags under the headline; why it is stale, if it is; and which rules
    touched the item: their tags join its own (in italics: they are not in the file), and a line
    names each rule with what it did. ``tags``: the analyst's own (review state), in bold after the
    file's."""
    text = Text(style="dim")
    if stale:
        text.append(f"⚠ stale: {stale}\n", style="bold")
    parts = [p for p in (item.dateline, item.date, shown_source(item.source)) if p]
    text.append(" · ".join(parts))
    own = set(item.tags)
    added = [t for t in dict.fromkeys(t for rule in rules for t in rule.tags) if t not in own]
    yours = [t for t in tags if not has_tag(item.tags, t) and not has_tag(added, t)]
    if item.tags or added or yours:
        text.append("  ")
    for tag in item.tags:
        text.append(f" #{tag}")
    for tag in added:
        text.append(f" #{tag}", style="italic")
    for tag in yours:
        text.append(f" #{tag}", style="bold not dim")
    if rules:
        text.append("\n")
        if any(rule.flag for rule in rules):
            text.append(RULE_FLAG_MARK + " ", style="bold")
        text.append("rules: ")
        for n, rule in enumerate(rules):
            if n:
                text.append(", ")
            text.append(rule.name, style="bold")
            text.append(" (" + ", ".join(rule.actions()) + ")")
    return text


RULE_FLAG_MARK = "⚐"


def speaker_label(quote: Quote) -> str:
    if quote.speaker:
        label = quote.speaker
    elif quote.speaker_description:
        label = f"({quote.speaker_description})"
    else:
        label = "(unattributed)"
    if quote.via:
        label += f" via {quote.via}"
    return label


PIN_MARK = "★ "


WRONG_MARK = "✗ "  # an entry the analyst marked wrong: kept in the panel (w takes the mark back), left out elsewhere
WRONG_STYLE = "dim strike"


# How the parser found a speaker, shown after it unless it was named where the words are attributed:
# those are the attributions the analyst should check.
EVIDENCE_NOTES = {"pronoun": "by pronoun", "description": "by description", "carried": "carried over"}


def quote_row(quote: Quote, *, pinned: bool = False, speaker: str | None = None, wrong: bool = False) -> Text:
    """A quote; ``speaker``: the analyst's correction of who said it, shown with the parser's."""
    text = Text(no_wrap=False, style=WRONG_STYLE if wrong else "")
    if wrong:
        text.append(WRONG_MARK, style="bold")
    if pinned:
        text.append(PIN_MARK, style="bold")
    if speaker:
        text.append("✎ " + speaker, style="bold")
        text.append(f" (parser: {speaker_label(quote)})", style="dim")
    else:
        text.append(speaker_label(quote), style="bold")
    note = EVIDENCE_NOTES.get(quote.evidence or "")
    if note:
        text.append(f" ({note})", style="dim")
    text.append("  ")
    if quote.kind == "direct":
        text.append("“" + cut(quote.text, 400) + "”", style=STYLE_QUOTE)
    else:
        # the verb as written keeps a report's stance: "denied: X" is not "reported: X"
        text.append(f"{quote.verb or 'reported'}: ", style="dim")
        text.append(cut(quote.text, 400))
    return text


def figure_value(figure: Figure) -> str:
    if figure.value is None:
        return "—"
    value = figure.value
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def figure_row(figure: Figure, *, pinned: bool = False, wrong: bool = False) -> Text:
    """``≈ 50,000 troops`` then, dimmed, the text as written and the kind."""
    text = Text(style=WRONG_STYLE if wrong else "")
    if wrong:
        text.append(WRONG_MARK, style="bold")
    if pinned:
        text.append(PIN_MARK, style="bold")
    text.append("≈ " if figure.approx else "  ", style="bold")
    text.append(figure_value(figure), style=STYLE_FIGURE)
    if figure.unit:
        text.append(f" {figure.unit}")
    text.append(f"  “{cut(figure.text, 80)}” {figure.kind}", style="dim")
    return text


def actor_row(actor: Actor, quotes: int, *, wrong: bool = False, added: bool = False) -> Text:
    """An actor; ``added``: one the analyst added (the parser missed it), ``wrong``: marked wrong."""
    text = Text(style=WRONG_STYLE if wrong else "")
    if wrong:
        text.append(WRONG_MARK, style="bold")
    text.append(ACTOR_GLYPH.get(actor.type, "?") + " ")
    text.append(actor.name, style="bold")
    if actor.aliases:
        text.append("  (" + ", ".join(actor.aliases) + ")", style="dim")
    if quotes:
        text.append(f"  {quotes}q")
    if added:
        text.append("  + added by you", style="italic")
    return text


def related_row(title: str, url: str | None) -> Text:
    text = Text("▸ ", style="dim")
    text.append(title)
    if url:
        text.append("\n  " + url, style="dim underline")
    return text


GROUP_LISTED = 8  # other sources named under an article's byline; the rest are counted


NOTE_LINES = 4  # the start of a long note under the header; `a` opens all of it


def note_lines(note: str) -> list[Text]:
    """Under the header: the analyst's note, so it is read with the article, not only in the editor."""
    lines = [line for line in note.splitlines() if line.strip()]
    if not lines:
        return []
    shown = [Text("✎ ", style="bold")]
    shown[0].append(lines[0], style="italic")
    shown += [Text("  " + line, style="italic") for line in lines[1:NOTE_LINES]]
    more = len(lines) - NOTE_LINES
    if more > 0:
        shown.append(Text(f"  … {more} more line{'s' * (more != 1)} (a opens the note)", style="dim"))
    return shown


def group_lines(others: list[tuple[str | None, str]]) -> list[Text]:
    """Under the byline: the other outlets on the same story, each as source — title."""
    if not others:
        return []
    count = len(others)
    lines = [Text(f"Also on this story: {count} other source{'s' * (count != 1)} (x lists them in Items to open)",
                  style="bold")]
    for source, title in others[:GROUP_LISTED]:
        line = Text("  · ")
        line.append(short_source(source) or "(no source)", style="italic")
        line.append(" — " + title)
        lines.append(line)
    if count > GROUP_LISTED:
        lines.append(Text(f"  … and {count - GROUP_LISTED} more", style="dim"))
    return lines
