"""Copying one review store into another: a personal file into the desk, the desk into an archive file.

Why a merge and not a dump: the store copied into may already hold someone's work, and nothing there
may be lost. Marks, pins and tags are unions (one present on either side stays); a note is copied
only where the target has none, and a note that differs on both sides is reported and left as the
target has it, because the copier cannot know which words are right. So running it twice changes
nothing the second time. It goes through the ``ReviewStore`` interface only, so it copies between any
two kinds of store, and every change it makes is recorded with the copier as its reviewer. No
Textual or Rich imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Item
from .review_state import NoteConflict, ReviewState
from .review_store import ReviewStore
from .tags import has_tag


@dataclass(frozen=True, slots=True)
class NoteClash:
    """A note that differs on both sides: the target kept its own; the lengths say how big the gap is."""

    item_id: str
    source_chars: int
    target_chars: int


@dataclass(slots=True)
class CopyReport:
    """What a copy did, item by item and pin by pin, for the closing line and the exit status."""

    items_copied: int = 0
    items_same: int = 0
    pins_copied: int = 0
    pins_there: int = 0
    clashes: list[NoteClash] = field(default_factory=list)

    def summary(self) -> str:
        clashes = len(self.clashes)
        left = "it was" if clashes == 1 else "they were"
        conflict = f", {clashes} note conflict{'s' * (clashes != 1)} left as {left}"
        return (f"items: {self.items_copied} copied, {self.items_same} already the same"
                f"{conflict if clashes else ''}; pins: {self.pins_copied} copied, {self.pins_there} already there")


def copy_state(source: ReviewStore, target: ReviewStore, report: CopyReport | None = None) -> CopyReport:
    """Merge every item of ``source`` into ``target``; ``StoreError`` stops it (what was done stays done).

    Each change is its own committed write, so a copy cut short is finished by running it again;
    pass ``report`` to still have the counts of what was done when it is cut short.
    """
    report = report if report is not None else CopyReport()
    for theirs in source.all_states().values():
        if not theirs.is_empty:  # a claim only says who works on the item now, there: not copied
            copy_item(theirs, target, report)
    return report


def copy_item(theirs: ReviewState, target: ReviewStore, report: CopyReport) -> None:
    """Merge one item's state into ``target``, counting what it did into ``report``."""
    ours = target.get(theirs.item_id)
    # The item's remembered title and source travel with it; the target's own are kept if it has them.
    item = Item(theirs.item_id, title=ours.title or theirs.title, source=ours.source or theirs.source)
    wrote = False
    if theirs.reviewed and not ours.reviewed:
        target.set_reviewed(item, True)
        wrote = True
    if theirs.flagged and not ours.flagged:
        target.set_flagged(item, True)
        wrote = True
    clash = False
    if theirs.note and theirs.note != ours.note:
        if ours.note:
            clash = True
        else:
            try:  # expected="": if someone wrote a note meanwhile, theirs is not overwritten either
                target.set_note(item, theirs.note, expected="")
                wrote = True
            except NoteConflict as exc:
                ours = exc.theirs
                clash = theirs.note != ours.note
    if clash:
        report.clashes.append(NoteClash(theirs.item_id, len(theirs.note), len(ours.note)))
    for pin in theirs.pins:
        if ours.pinned(pin.kind, pin.text):
            report.pins_there += 1
            continue
        target.pin(item, pin)
        report.pins_copied += 1
        wrote = True
    for fix in theirs.corrections:  # the target's own correction of the same thing is never replaced
        if ours.correction(*fix.key) is None:
            target.correct(item, fix)
            wrote = True
    for tag in theirs.tags:  # a tag the target has, in any case, is the same tag
        if not has_tag(ours.tags, tag):
            target.add_tag(item, tag)
            wrote = True
    if clash:
        return
    if wrote:
        report.items_copied += 1
    else:
        report.items_same += 1
