"""The digest an analyst hands on: reviewed, flagged and pinned items as Markdown or JSON.

Built from loaded items plus their review state, and from state whose item is
not loaded now (listed by its remembered title, so nothing recorded is
silently dropped). File text is untrusted: it is cleaned of control
characters and escaped so a title or note cannot break the document's
structure. Written atomically so a reader never sees half a digest.
No Textual or Rich imports.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from .model import Item, Quote
from .resources import shown_source
from .review_credit import Credit
from .review_state import Pin, ReviewState, item_title
from .sanitize import clean_line, clean_text, visible
from .tags import has_tag, merged

Only = Literal["flagged", "reviewed", "pinned"]
ONLY_CHOICES: tuple[str, ...] = ("flagged", "reviewed", "pinned")
FORMATS: tuple[str, ...] = ("md", "json")
DIGEST_VERSION = 1


@dataclass(frozen=True, slots=True)
class DigestEntry:
    """One item with its state; ``item`` is None for state whose item is not loaded now."""

    item_id: str
    item: Item | None
    state: ReviewState
    # Who did what, from the audit trail (a desk's digest names them); None when it is not known.
    credit: Credit | None = None

    @property
    def title(self) -> str:
        found = item_title(self.item) if self.item is not None else None
        return clean_line(found or self.state.title or "") or f"(untitled item {visible(self.item_id)})"

    @property
    def source(self) -> str:
        """Named by ``shown_source``, the rule the header and the copied citation use too: the
        dashboard's export and ``briefing export`` then write the same source for the same item."""
        found = self.item.source if self.item is not None else None
        return clean_line(shown_source(found or self.state.source) or "")

    @property
    def tags(self) -> list[str]:
        """The item's tags: its source's and the analyst's, each once (``collect`` has merged them into a
        loaded item's own)."""
        return [clean_line(t) for t in (self.item.tags if self.item is not None else self.state.tags)]


def fresh_digest_path(folder: Path, day: date, suffix: str = ".md") -> Path:
    """The day's digest name in ``folder`` that no file has yet: a second export the same day is
    offered ``digest-DAY-2.md`` rather than replacing the first one's file."""
    stem = f"digest-{day.isoformat()}"
    candidate = folder / f"{stem}{suffix}"
    number = 1
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = folder / f"{stem}-{number}{suffix}"
    return candidate


def collect(items: Iterable[Item], states: Mapping[str, ReviewState],
            credits: Mapping[str, Credit] | None = None, *, reviewer: str | None = None) -> list[DigestEntry]:
    """Loaded items in their order (each id once), then orphaned non-empty states by last change.

    ``credits`` (from the audit trail) say who did what; with ``reviewer`` only that analyst's work
    is kept: their marks, pins and notes, and only the items they did something to.
    """
    from .corrections import corrected
    from .review_credit import work_of

    credits = credits or {}
    if reviewer is not None:
        states = {i: work_of(reviewer, s, credits.get(i)) for i, s in states.items()}
        states = {i: s for i, s in states.items() if not s.is_empty}
    entries: list[DigestEntry] = []
    seen: set[str] = set()
    for item in items:
        if item.id not in seen and (reviewer is None or item.id in states):
            seen.add(item.id)
            state = states.get(item.id) or ReviewState(item.id)
            # What the analyst corrected (a speaker, an entry marked wrong, a missed actor) is what is handed on.
            fixed = corrected(item, state.corrections)
            if state.tags:  # the analyst's tags join the source's: the YAML export writes them too
                fixed = replace(fixed, tags=merged(fixed.tags, state.tags))
            entries.append(DigestEntry(item.id, fixed, state, credits.get(item.id)))
    orphans = [s for iid, s in states.items() if iid not in seen and not s.is_empty]
    orphans.sort(key=lambda s: (s.updated_at or "", s.item_id))
    entries.extend(DigestEntry(s.item_id, None, s, credits.get(s.item_id)) for s in orphans)
    return entries


def reviewers_in(entries: Iterable[DigestEntry]) -> list[str]:
    """Everyone credited with something in ``entries``, by name."""
    return sorted({name for e in entries if e.credit is not None for name in e.credit.names()})


def select(entries: Iterable[DigestEntry], only: str | None, tag: str | None = None) -> list[DigestEntry]:
    """Entries matching ``only`` and carrying ``tag`` (their source's or the analyst's, any case); with
    None every loaded item and every orphan with state."""
    if only is not None and only not in ONLY_CHOICES:
        raise ValueError(f"only must be one of {', '.join(ONLY_CHOICES)}, not {only!r}")
    keep = {
        None: lambda s: True,
        "flagged": lambda s: s.flagged,
        "reviewed": lambda s: s.reviewed,
        "pinned": lambda s: bool(s.pins),
    }[only]
    return [e for e in entries if keep(e.state) and (tag is None or has_tag(e.tags, tag))]


# -- Markdown ---------------------------------------------------------------------------------

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&])")
_LINE_START = re.compile(r"^([>+=-])")
_LINE_NUMBER = re.compile(r"^(\d+)([.)])")


def md_escape(text: str) -> str:
    """One line of file text as literal Markdown: emphasis, links, HTML and block markers disarmed."""
    text = _INLINE_SPECIAL.sub(r"\\\1", clean_line(text))
    text = _LINE_START.sub(r"\\\1", text)
    return _LINE_NUMBER.sub(r"\1\\\2", text)


def _md_paragraphs(text: str) -> list[str]:
    """Multi-line text (a note) as escaped paragraphs; single newlines become hard breaks."""
    paragraphs = re.split(r"\n\s*\n", clean_text(text).strip())
    out = []
    for para in paragraphs:
        lines = [md_escape(line) for line in para.split("\n") if line.strip()]
        if lines:
            out.append("\\\n".join(lines))
    return out


def cited(words: str, who: str, reported: bool) -> tuple[str, str]:
    """(words, attribution) as a quote is cited, in a digest and in a copied citation alike: reported
    speech is the article's words for what was said, never put in quotation marks (that would
    misquote the speaker), and its attribution says it is reported."""
    return (words, f"reported, {who}") if reported else (f"“{words}”", who)


def _speaker_label(pin: Pin) -> str:
    who = pin.speaker or pin.speaker_description or "unattributed"
    label = clean_line(who)
    if pin.via and clean_line(pin.via) != label:
        label += f", via {clean_line(pin.via)}"
    return label


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.6g}"


def _figure_detail(pin: Pin) -> str:
    if pin.value is None:
        return ""
    unit = clean_line(pin.unit or "")
    return f"{_number(pin.value)} {unit}".strip()


def _current_pins(entry: DigestEntry) -> list[Pin]:
    """The stored pins, with speaker/value refreshed from the loaded item when it still has that text."""
    if entry.item is None:
        return list(entry.state.pins)
    quotes: dict[str, Quote] = {q.text: q for q in entry.item.quotes}
    figures = {f.text: f for f in entry.item.figures}
    fresh = []
    for pin in entry.state.pins:
        if pin.kind == "quote" and pin.text in quotes:
            fresh.append(Pin.of_quote(quotes[pin.text]))
        elif pin.kind == "figure" and pin.text in figures:
            fresh.append(Pin.of_figure(figures[pin.text]))
        else:
            fresh.append(pin)
    return fresh


def _safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for a Markdown link target, or None (never a javascript: or file: link)."""
    url = clean_line(url or "")
    if not re.match(r"^https?://[^\s]+$", url, re.I):
        return None
    return url.replace("<", "%3C").replace(">", "%3E")


def _by(credit: Credit | None, name: str | None, named: bool) -> str:
    return f" by {md_escape(name)}" if named and credit is not None and name else ""


def _mark(state: ReviewState, credit: Credit | None = None, named: bool = False) -> str:
    marks = []
    if state.reviewed:
        marks.append("✓ reviewed" + _by(credit, credit.reviewed_by if credit else None, named))
    if state.flagged:
        marks.append("⚑ flagged" + _by(credit, credit.flagged_by if credit else None, named))
    return " · ".join(marks) or "not reviewed"


def _counts(entries: list[DigestEntry]) -> dict[str, int]:
    return {
        "items": len(entries),
        "reviewed": sum(e.state.reviewed for e in entries),
        "flagged": sum(e.state.flagged for e in entries),
        "pinned": sum(bool(e.state.pins) for e in entries),
        "not_loaded": sum(e.item is None for e in entries),
    }


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _md_entry(entry: DigestEntry, level: str, named: bool = False) -> list[str]:
    """One item; ``named``: say who did what (a digest with more than one analyst's work)."""
    credit = entry.credit
    lines = [f"{level} {md_escape(entry.title)}", ""]
    facts = [f"**Mark:** {_mark(entry.state, credit, named)}"]
    if entry.source:
        facts.insert(0, f"**Source:** {md_escape(entry.source)}")
    if entry.item is not None and entry.item.date:
        facts.insert(1, f"**Date:** {md_escape(entry.item.date)}")
    if entry.tags:
        facts.append("**Tags:** " + " · ".join(md_escape(f"#{t}") for t in entry.tags))
    if entry.item is None and entry.state.updated_at:
        facts.append(f"**Last changed:** {md_escape(entry.state.updated_at)}")
    lines += ["\\\n".join(facts), ""]
    if entry.state.note.strip():
        paragraphs = _md_paragraphs(entry.state.note)
        writers = ", ".join(md_escape(n) for n in credit.note_by) if named and credit else ""
        lines += [f"**Note{f' ({writers})' if writers else ''}:** {paragraphs[0]}", ""]
        for para in paragraphs[1:]:
            lines += [para, ""]
    pins = _current_pins(entry)
    quotes = [p for p in pins if p.kind == "quote"]
    figures = [p for p in pins if p.kind == "figure"]
    if quotes:
        lines += ["**Pinned quotes**", ""]
        for pin in quotes:
            said, who = cited(md_escape(pin.text.rstrip(" ,;:")), md_escape(_speaker_label(pin)), pin.reported)
            pinner = _by(credit, credit.pinner(pin) if credit else None, named)
            lines += [f"> {said}\\", f"> — {who}" + (f" · pinned{pinner}" if pinner else ""), ""]
    if figures:
        lines += ["**Pinned figures**", ""]
        for pin in figures:
            detail = _figure_detail(pin)
            pinner = _by(credit, credit.pinner(pin) if credit else None, named)
            lines.append(f"- **{md_escape(pin.text)}**" + (f" — {md_escape(detail)}" if detail else "")
                         + (f" · pinned{pinner}" if pinner else ""))
        lines.append("")
    related = entry.item.related if entry.item is not None else []
    if related:
        lines += ["**Related stories**", ""]
        for rel in related:
            url = _safe_url(rel.url)
            title = md_escape(rel.title) or "(untitled)"
            lines.append(f"- [{title}](<{url}>)" if url else f"- {title}")
        lines.append("")
    return lines


def build_markdown(entries: Iterable[DigestEntry], *, only: str | None = None,
                   title: str = "Briefing digest", generated: datetime | None = None,
                   reviewer: str | None = None, tag: str | None = None, selected: bool = False) -> str:
    """The digest as a Markdown document: a header with date and counts, then one section per item.

    When more than one analyst's work is in it, each mark, note and pin says whose it is; one
    analyst's digest (``reviewer``, or a desk of one) names them once, in the header. ``selected``:
    the entries are the items the analyst picked out, which the header says, so a reader does not
    take them for everything loaded.
    """
    chosen = select(entries, only, tag)
    names = reviewers_in(chosen)
    named = reviewer is None and len(names) > 1
    when = (generated or datetime.now(UTC)).astimezone(UTC)
    counts = _counts(chosen)
    summary = [_plural(counts["items"], "item"), f"{counts['reviewed']} reviewed",
               f"{counts['flagged']} flagged", f"{counts['pinned']} with pins"]
    lines = [f"# {md_escape(title)}", "", f"Generated {when:%Y-%m-%d %H:%M} UTC · " + " · ".join(summary)]
    if only:
        lines[-1] += f" · only {only}"
    if selected:
        lines[-1] += " · only the items selected"
    if tag is not None:
        lines[-1] += " · tagged " + md_escape(f"#{clean_line(tag)}")
    if reviewer is not None:
        lines[-1] += f" · the work of {md_escape(reviewer)}"
    elif len(names) > 1:
        lines[-1] += " · by " + ", ".join(md_escape(n) for n in names)
    lines.append("")
    loaded = [e for e in chosen if e.item is not None]
    orphans = [e for e in chosen if e.item is None]
    if not chosen:
        lines += ["_No items match._", ""]
    for entry in loaded:
        lines += _md_entry(entry, "##", named)
    if orphans:
        lines += ["## Reviewed items not loaded now", "",
                  "State recorded for items that are not in the files opened now "
                  "(moved, edited or from another session).", ""]
        for entry in orphans:
            lines += _md_entry(entry, "###", named)
    return "\n".join(lines).rstrip("\n") + "\n"


# -- JSON ---------------------------------------------------------------------------------------

def _pin_dict(pin: Pin, credit: Credit | None = None) -> dict[str, Any]:
    by = {"pinned_by": _opt(credit.pinner(pin))} if credit is not None else {}
    if pin.kind == "quote":
        return {"text": clean_text(pin.text), "speaker": _opt(pin.speaker),
                "speaker_description": _opt(pin.speaker_description), "via": _opt(pin.via),
                "kind": "indirect" if pin.reported else "direct", **by}
    return {"text": clean_text(pin.text), "value": pin.value, "unit": _opt(pin.unit), **by}


def _opt(text: str | None) -> str | None:
    return clean_line(text) if text is not None else None


def _json_entry(entry: DigestEntry) -> dict[str, Any]:
    pins = _current_pins(entry)
    item = entry.item
    related = item.related if item is not None else []
    credit = entry.credit
    who = {} if credit is None else {
        "reviewed_by": _opt(credit.reviewed_by) if entry.state.reviewed else None,
        "flagged_by": _opt(credit.flagged_by) if entry.state.flagged else None,
        "note_by": [clean_line(n) for n in credit.note_by] if entry.state.note else [],
    }
    return {
        "id": entry.item_id,
        "loaded": item is not None,
        "title": entry.title,
        "source": entry.source or None,
        "date": _opt(item.date) if item is not None else None,
        "tags": entry.tags,
        "state": {
            "reviewed": entry.state.reviewed,
            "flagged": entry.state.flagged,
            "note": clean_text(entry.state.note),
            "tags": [clean_line(t) for t in entry.state.tags],
            "updated_at": entry.state.updated_at,
            **who,
        },
        "pinned_quotes": [_pin_dict(p, credit) for p in pins if p.kind == "quote"],
        "pinned_figures": [_pin_dict(p, credit) for p in pins if p.kind == "figure"],
        "related": [{"title": clean_line(r.title), "url": _opt(r.url)} for r in related],
    }


def build_json(entries: Iterable[DigestEntry], *, only: str | None = None,
               generated: datetime | None = None, reviewer: str | None = None,
               tag: str | None = None, selected: bool = False) -> dict[str, Any]:
    """The same content as the Markdown digest plus the review state and who did what, for tools."""
    chosen = select(entries, only, tag)
    when = (generated or datetime.now(UTC)).astimezone(UTC)
    return {
        "digest_version": DIGEST_VERSION,
        "generated": when.isoformat(timespec="seconds"),
        "only": only,
        "tag": clean_line(tag) if tag is not None else None,
        "selected": selected,
        "reviewer": reviewer,
        "reviewers": reviewers_in(chosen),
        "counts": _counts(chosen),
        "items": [_json_entry(e) for e in chosen if e.item is not None],
        "not_loaded": [_json_entry(e) for e in chosen if e.item is None],
    }


def dumps_json(digest: dict[str, Any]) -> str:
    return json.dumps(digest, ensure_ascii=False, indent=2) + "\n"
