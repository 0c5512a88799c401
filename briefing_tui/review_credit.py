"""Who did what to each item, read from the audit trail: the desk's digest says who reviewed, who
flagged, who wrote the note and who pinned each quote, and ``briefing export --reviewer`` keeps one
analyst's work. A state's ``updated_by`` names only the last change; the trail names every one.
No Textual or Rich imports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .review_state import LoggedChange, Pin, ReviewState
from .sanitize import clean_line
from .tags import tag_key


@dataclass
class Credit:
    """Who did what to one item, as its state stands now (a mark undone is nobody's)."""

    reviewed_by: str | None = None
    flagged_by: str | None = None
    note_by: list[str] = field(default_factory=list)  # everyone who wrote the note as it stands, first first
    # (kind, text on one line) -> who pinned it: the trail keeps a pin's text on one line
    pinned_by: dict[tuple[str, str], str] = field(default_factory=dict)
    tagged_by: dict[str, str] = field(default_factory=dict)  # tag_key(tag) -> who tagged the item with it

    def pinner(self, pin: Pin) -> str | None:
        return self.pinned_by.get((pin.kind, clean_line(pin.text)))

    def names(self) -> set[str]:
        found = {n for n in (self.reviewed_by, self.flagged_by) if n}
        return found | set(self.note_by) | set(self.pinned_by.values()) | set(self.tagged_by.values())


def credits(trail: Iterable[LoggedChange]) -> dict[str, Credit]:
    """Item id -> its credit, from the trail oldest first. Changes made before the trail existed
    credit nobody: a digest then says what was done, not by whom."""
    found: dict[str, Credit] = {}
    for change in trail:
        credit = found.setdefault(change.item_id, Credit())
        action, who = change.action, change.reviewer
        if action == "reviewed":
            credit.reviewed_by = who
        elif action == "unreviewed":
            credit.reviewed_by = None
        elif action == "flagged":
            credit.flagged_by = who
        elif action == "unflagged":
            credit.flagged_by = None
        elif action == "note edited":
            if who not in credit.note_by:
                credit.note_by.append(who)
        elif action == "note removed":
            credit.note_by.clear()
        elif action.startswith("pinned ") and change.detail is not None:
            credit.pinned_by[(action.removeprefix("pinned "), clean_line(change.detail))] = who
        elif action.startswith("unpinned ") and change.detail is not None:
            credit.pinned_by.pop((action.removeprefix("unpinned "), clean_line(change.detail)), None)
        elif action == "tagged" and change.detail is not None:
            credit.tagged_by[tag_key(change.detail)] = who
        elif action == "untagged" and change.detail is not None:
            credit.tagged_by.pop(tag_key(change.detail), None)
        elif action == "forgotten":
            found[change.item_id] = Credit()
    return found


def work_of(reviewer: str, state: ReviewState, credit: Credit | None) -> ReviewState:
    """The part of ``state`` that ``reviewer`` did: their marks, pins and tags, the note if they wrote
    in it. An empty state when they did nothing to the item."""
    credit = credit or Credit()
    return replace(
        state,
        reviewed=state.reviewed and credit.reviewed_by == reviewer,
        flagged=state.flagged and credit.flagged_by == reviewer,
        note=state.note if reviewer in credit.note_by else "",
        pins=tuple(p for p in state.pins if credit.pinner(p) == reviewer),
        tags=tuple(t for t in state.tags if credit.tagged_by.get(tag_key(t)) == reviewer),
    )
