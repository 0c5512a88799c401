"""The list in sections: by source or by day, each under a header with its count.

The rows keep the order they are in (the analyst's sort, ``S``) within each section; a story's
other sources (``grouping``) stay under their lead, in the lead's section. Headers are not rows:
every key acts on an item, so moving goes from item to item and the headers are only drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .resources import shown_source
from .sanitize import clean_line

if TYPE_CHECKING:
    from .catalog import Summary

# What the grouping key cycles through; None is a list without sections.
SECTIONINGS: tuple[str | None, ...] = (None, "source", "day")
SECTIONING_NAMES = {None: "not grouped", "source": "grouped by source", "day": "grouped by day"}
NO_SOURCE = "No source"
NO_DATE = "No date"


@dataclass(frozen=True, slots=True)
class Section:
    """A header: drawn above row ``row`` (the section's first), with the rows under it."""

    row: int
    label: str
    count: int


def _source_key(summary: Summary) -> tuple[bool, str, str]:
    name = clean_line(summary.source or "").strip()
    return (not name, name.casefold(), name)


def _day(summary: Summary) -> str:
    """The ISO day of an item's date ("" when it has none or it cannot be read as one)."""
    text = (summary.date or "").strip()[:10]
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return ""


def _day_label(day: str) -> str:
    return f"{date.fromisoformat(day):%a %d %b %Y}" if day else NO_DATE


def in_sections(rows: Sequence[int], summaries: Sequence[Summary], by: str,
                lead_of: dict[int, int]) -> tuple[list[int], list[Section]]:
    """``rows`` (positions, in the order shown) put in sections ``by`` "source" (A to Z, items with
    no source last) or "day" (newest first, undated last), and the sections' headers.

    ``lead_of``: a story member's lead (``GroupedRows.lead``); a member keeps to its lead's section.
    """
    attr = "source" if by == "source" else "date"
    # Rows by their source or date as written (one look-up per row), then those by section: "Wire" and
    # "wire", or two times of one day, are one section.
    by_raw: dict[str | None, list[int]] = {}
    raw_of: dict[int, str | None] = {}  # a shown item's value, for its story's members to follow
    for position in rows:
        lead = lead_of.get(position) if lead_of else None
        raw = raw_of[lead] if lead is not None and lead in raw_of else getattr(summaries[position], attr)
        if lead_of:
            raw_of[position] = raw
        block = by_raw.get(raw)
        if block is None:
            block = by_raw[raw] = []
        block.append(position)
    keyed: dict[tuple, list[list[int]]] = {}
    labels: dict[tuple, str] = {}
    for block in by_raw.values():
        summary = summaries[block[0]]
        if attr == "source":
            missing, folded, name = _source_key(summary)
            key: tuple = (missing, folded)
            # Named as the article header names it: the bundled seeds as seeds/NAME, not the installed path.
            labels.setdefault(key, (shown_source(name) or name) if name else NO_SOURCE)
        else:
            day = _day(summary)
            key = (not day, tuple(-ord(ch) for ch in day))  # newest first
            labels.setdefault(key, _day_label(day))
        keyed.setdefault(key, []).append(block)
    out: list[int] = []
    sections: list[Section] = []
    rank: dict[int, int] | None = None
    for key in sorted(keyed):
        blocks = keyed[key]
        if len(blocks) == 1:
            merged = blocks[0]
        else:  # several spellings of one section: back in the order they were shown in
            rank = rank or {p: k for k, p in enumerate(rows)}
            merged = sorted((p for block in blocks for p in block), key=rank.__getitem__)
        sections.append(Section(row=len(out), label=labels[key], count=len(merged)))
        out.extend(merged)
    return out, sections

