"""What the analyst recorded about an item (marks, a note, pins), the errors a review store reports,
and what every store shares (who is acting, how long to wait, what a URL looks like).

Kept apart from every store so the digest, the dashboard and each store implementation share one
vocabulary without depending on how or where the state is kept. No SQLite, Textual or Rich imports.
"""

from __future__ import annotations

import getpass
import json
import os
import re
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Literal, Protocol

from .model import Figure, Item, Quote
from .sanitize import clean_line, clean_text
from .tags import has_tag, normalise_tag, tag_key

PinKind = Literal["quote", "figure"]
PIN_KINDS: tuple[str, ...] = ("quote", "figure")

# How long a store waits for another window (or another analyst) holding the state before a
# change fails with a clear message instead of freezing whoever asked.
DEFAULT_TIMEOUT = 5.0
REVIEWER_ENV = "BRIEFING_REVIEWER"
# How long a claim lasts without a change to its item by the analyst holding it (``claim_lapse:``).
DEFAULT_CLAIM_LAPSE = timedelta(minutes=30)
URL_PATTERN = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def current_reviewer() -> str:
    """Who is acting: ``$BRIEFING_REVIEWER``, else the login name, else "unknown"."""
    name = clean_line(os.environ.get(REVIEWER_ENV, ""))
    if not name:
        try:
            name = clean_line(getpass.getuser())
        except Exception:  # no login name (a container without a passwd entry): still usable
            name = ""
    return name[:200] or "unknown"


class StoreError(Exception):
    """A review-state problem worth one line on screen."""


class StoreProblem(StoreError):
    """The state cannot be opened for writing: locked, read-only, damaged or from a newer version."""


class StoreMissing(StoreProblem):
    """Nothing is stored at the place named yet, and it was asked for without creating it."""


class StoreUnavailable(StoreError):
    """The state names a kind of store (a URL scheme) this version cannot open."""


class StoreReadOnly(StoreError):
    """A write was attempted on a store opened read-only."""


class StoreBusy(StoreError):
    """Another process held the state longer than the busy timeout."""


class ClaimTaken(StoreError):
    """Another reviewer holds the item's claim; nothing was written.

    ``theirs`` is the state as committed now (who holds the claim, until when), for the screen.
    """

    def __init__(self, theirs: ReviewState) -> None:
        until = claim_time(theirs.claimed_until)
        when = f" until {until.astimezone():%H:%M}" if until else ""
        super().__init__(f"claimed by {theirs.claimed_by}{when}; the claim was not taken")
        self.theirs = theirs


class NoteConflict(StoreError):
    """The note changed in another window since this edit began; nothing was written.

    ``theirs`` is the state as committed now, so the analyst can see both versions and choose.
    """

    def __init__(self, theirs: ReviewState) -> None:
        super().__init__("the note was changed in another window while you edited it")
        self.theirs = theirs


@dataclass(frozen=True, slots=True)
class Pin:
    """A pinned quote or figure, with enough to render it when its item is not loaded.

    Identified by ``(kind, text)`` so a re-parse that finds the same text keeps the pin.
    """

    kind: PinKind
    text: str
    speaker: str | None = None
    speaker_description: str | None = None
    via: str | None = None
    value: float | None = None
    unit: str | None = None
    # Reported speech (the spec's indirect quote): the speaker's meaning in the article's words, so
    # never shown or exported inside quotation marks, which would put words in the speaker's mouth.
    reported: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.text)

    @classmethod
    def of_quote(cls, quote: Quote) -> Pin:
        return cls("quote", quote.text, quote.speaker, quote.speaker_description, quote.via,
                   reported=quote.kind == "indirect")

    @classmethod
    def of_figure(cls, figure: Figure) -> Pin:
        return cls("figure", figure.text, value=figure.value, unit=figure.unit)


CorrectionKind = Literal["speaker", "wrong", "actor"]
CORRECTION_KINDS: tuple[str, ...] = ("speaker", "wrong", "actor")
ENTRY_KINDS: tuple[str, ...] = ("quote", "actor", "figure")


@dataclass(frozen=True, slots=True)
class Correction:
    """What the analyst says the parser got wrong about an item: review state, never written into
    the item's file, applied wherever the item is shown, copied or exported (``corrections.py``).

    ``speaker``: the quote whose text is ``target`` was said by ``value``. ``wrong``: the entry
    ``target`` ("quote:TEXT", "actor:NAME" or "figure:TEXT") is not in the article as the parser
    read it. ``actor``: ``target`` is an actor the parser missed, of type ``value``.
    Identified by ``(kind, target)``: a second correction of the same thing replaces the first.
    """

    kind: CorrectionKind
    target: str
    value: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.target)

    @classmethod
    def wrong(cls, entry_kind: str, text: str) -> Correction:
        return cls("wrong", wrong_target(entry_kind, text))


def wrong_target(entry_kind: str, text: str) -> str:
    """How a correction names the entry it marks wrong: "quote:TEXT", "actor:NAME", "figure:TEXT"."""
    return f"{entry_kind}:{text}"


@dataclass(frozen=True, slots=True)
class ReviewState:
    """Everything the analyst recorded about one item, as last committed, and who committed it when.

    An empty state (``is_empty``) stands for an item with nothing recorded, including one whose
    state was just forgotten: that is how a change feed reports a deletion.
    """

    item_id: str
    reviewed: bool = False
    flagged: bool = False
    note: str = ""
    pins: tuple[Pin, ...] = ()
    title: str | None = None
    source: str | None = None
    updated_at: str | None = None
    updated_by: str | None = None
    # Who is working on the item, so nobody else on the desk takes it up, and until when (ISO, UTC).
    # Not part of what the analyst recorded: never copied to another store, never in a digest.
    claimed_by: str | None = None
    claimed_until: str | None = None
    corrections: tuple[Correction, ...] = ()
    # The analyst's own tags (``tags.py``), each once whatever its case, in the order added.
    tags: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Nothing recorded about the item (a claim is not a record: it is who works on it now)."""
        return not (self.reviewed or self.flagged or self.note or self.pins or self.corrections or self.tags)

    def correction(self, kind: str, target: str) -> Correction | None:
        return next((c for c in self.corrections if c.key == (kind, target)), None)

    @property
    def is_blank(self) -> bool:
        """Nothing at all to keep: no record and no claim, live or lapsed."""
        return self.is_empty and self.claimed_by is None

    def claim_holder(self, now: datetime | None = None) -> str | None:
        """Who holds a claim on the item at ``now`` (default: this moment); None once it lapsed."""
        until = claim_time(self.claimed_until)
        if self.claimed_by is None or until is None:
            return None
        return self.claimed_by if until > (now or datetime.now(UTC)) else None

    def pinned(self, kind: PinKind, text: str) -> bool:
        return any(p.key == (kind, text) for p in self.pins)


def item_title(item: Item) -> str | None:
    """The title to remember for an item: its own, else the start of its first paragraph."""
    if item.title:
        return item.title
    if item.body and item.body[0].strip():
        first = " ".join(item.body[0].split())
        return first if len(first) <= 100 else first[:99].rstrip() + "…"
    return None


# -- the audit trail -------------------------------------------------------------------------------

# What one logged change did; a store keeps these words, so they never change meaning.
LOG_ACTIONS: tuple[str, ...] = ("reviewed", "unreviewed", "flagged", "unflagged", "note edited", "note removed",
                                "pinned quote", "pinned figure", "unpinned quote", "unpinned figure", "forgotten",
                                "claimed", "claim released", "corrected speaker", "corrected wrong",
                                "corrected actor", "uncorrected speaker", "uncorrected wrong", "uncorrected actor",
                                "tagged", "untagged")


@dataclass(frozen=True, slots=True)
class LoggedChange:
    """One line of the audit trail: who changed what about an item, and when (ISO time, UTC).

    ``detail`` is the note's length for a note edited, the pin's text for a pin; ``title`` the item's
    title as known when the change was made, so the trail still reads after the item is forgotten.
    """

    at: str
    reviewer: str
    item_id: str
    action: str
    detail: str | None = None
    title: str | None = None


def log_entries(old: ReviewState, new: ReviewState, now: datetime | None = None) -> list[tuple[str, str | None]]:
    """The (action, detail) pairs that take ``old`` to ``new``, for the change log a store writes
    in the same transaction as the change: one per mark, note, pin and claim that differs."""
    found: list[tuple[str, str | None]] = []
    if old.reviewed != new.reviewed:
        found.append(("reviewed" if new.reviewed else "unreviewed", None))
    if old.flagged != new.flagged:
        found.append(("flagged" if new.flagged else "unflagged", None))
    if old.note != new.note:
        found.append(("note edited", str(len(new.note))) if new.note else ("note removed", None))
    old_keys, new_keys = {p.key for p in old.pins}, {p.key for p in new.pins}
    found.extend((f"unpinned {p.kind}", p.text) for p in old.pins if p.key not in new_keys)
    found.extend((f"pinned {p.kind}", p.text) for p in new.pins if p.key not in old_keys)
    old_fixes, new_fixes = {c.key: c for c in old.corrections}, {c.key: c for c in new.corrections}
    for key, fix in new_fixes.items():
        if old_fixes.get(key) != fix:
            found.append((f"corrected {fix.kind}", f"{fix.target} → {fix.value}" if fix.value else fix.target))
    found.extend((f"uncorrected {fix.kind}", fix.target) for key, fix in old_fixes.items() if key not in new_fixes)
    found.extend(("untagged", t) for t in old.tags if not has_tag(new.tags, t))
    found.extend(("tagged", t) for t in new.tags if not has_tag(old.tags, t))
    # A claim taken (or taken over once lapsed) and a claim given up while it held; renewing one and
    # clearing a lapsed one are not news.
    held = old.claim_holder(now)
    if new.claimed_by is not None and new.claimed_until != old.claimed_until and held != new.claimed_by:
        found.append(("claimed", None))
    elif new.claimed_by is None and held is not None:
        found.append(("claim released", None))
    return found


def reverted(s: ReviewState, before: ReviewState, after: ReviewState) -> tuple[ReviewState, list[str]]:
    """``s`` taken back from ``after`` to ``before`` (a change this analyst made), field by field,
    where the committed value is still what the change left: a colleague's later mark, note, pin,
    correction or tag is never undone with it. Also what was left as someone changed it since."""
    kept: list[str] = []
    new = s
    for field_name in ("reviewed", "flagged", "note"):
        was, made = getattr(before, field_name), getattr(after, field_name)
        if was == made:
            continue
        if getattr(s, field_name) == made:
            new = replace(new, **{field_name: was})
        elif getattr(s, field_name) != was:
            kept.append(field_name)
    before_keys, after_keys = {p.key for p in before.pins}, {p.key for p in after.pins}
    for key in after_keys - before_keys:  # pinned by the change: unpinned (if still there)
        new = replace(new, pins=without_pin(new.pins, key))
    for pin in before.pins:  # unpinned by the change: pinned again (if nobody did)
        if pin.key not in after_keys and not new.pinned(*pin.key):
            new = replace(new, pins=with_pin(new.pins, pin))
    was = {c.key: c for c in before.corrections}
    made = {c.key: c for c in after.corrections}
    fixes = {c.key: c for c in new.corrections}
    for key in was.keys() | made.keys():
        if was.get(key) == made.get(key):
            continue
        if fixes.get(key) != made.get(key):  # someone changed this correction since
            kept.append("correction")
        elif key in was:
            fixes[key] = was[key]
        else:
            fixes.pop(key, None)
    new = replace(new, corrections=tuple(fixes.values()))
    tags = list(new.tags)
    for tag in after.tags:  # tagged by the change: untagged (if still there)
        if not has_tag(before.tags, tag):
            tags = [t for t in tags if tag_key(t) != tag_key(tag)]
    for tag in before.tags:  # untagged by the change: tagged again (if nobody did)
        if not has_tag(after.tags, tag) and not has_tag(tags, tag):
            tags.append(tag)
    return replace(new, tags=tuple(tags)), kept


class StoredRows(Protocol):
    """An item's row inside a store's write transaction (``StateWrites._rows``)."""

    def read(self, item_id: str) -> ReviewState:
        """The committed state (a blank one for an item with no row)."""
        ...

    def write(self, old: ReviewState, new: ReviewState, item_id: str, title: str | None,
              source: str | None) -> ReviewState:
        """Write ``new`` over ``old`` with its change number, log what changed; the state as stored."""
        ...


class StateWrites:
    """Every write of review state, for a store whose ``_update`` reads an item's committed state,
    applies a change and writes it back in one transaction: stores differ in how they lock and
    write, not in what setting a mark, a note or a pin means. A flip reads the committed value,
    not a copy a window shows, so two windows flipping at once end where they started."""

    # Why a store that was asked for writing opened read-only (a desk's viewer role), for the screen.
    read_only_reason: str | None = None
    # How long a claim holds without a change to its item by its holder; the dashboard sets the
    # analyst's ``claim_lapse:``.
    claim_lapse: timedelta = DEFAULT_CLAIM_LAPSE
    reviewer: str
    # The committed state before and after this store's last change of marks, a note or pins, so
    # the dashboard can undo it; read on the thread that made the change, right after it.
    last_change: tuple[ReviewState, ReviewState] | None = None

    def _rows(self) -> AbstractContextManager[StoredRows]:
        """One write transaction of the store's, holding its lock, with its rows to read and write."""
        raise NotImplementedError

    def _update(self, item: Item | str, change: Callable[[ReviewState], ReviewState]) -> ReviewState:
        """Read, change and write one item in one write transaction: the read is never stale."""
        item_id, title, source = (item, None, None) if isinstance(item, str) else (
            item.id, item_title(item), item.source)
        with self._rows() as rows:
            old = rows.read(item_id)
            return rows.write(old, change(old), item_id, title, source)

    def _update_many(self, items: Sequence[Item | str], change: Callable[[int, ReviewState], ReviewState]
                     ) -> list[tuple[ReviewState, ReviewState | None]]:
        """``change`` (the item's place in ``items``, its committed state) on each item, all in one
        write transaction, so a bulk change is whole or not made and its commit is paid once:
        (committed state before, after) per item, (before, before) where nothing changed (nothing
        written, logged or to undo), or (before, None) where ``change`` raised ``ClaimTaken``."""
        out: list[tuple[ReviewState, ReviewState | None]] = []
        with self._rows() as rows:
            for k, item in enumerate(items):
                item_id, title, source = (item, None, None) if isinstance(item, str) else (
                    item.id, item_title(item), item.source)
                old = rows.read(item_id)
                try:
                    new = change(k, old)
                except ClaimTaken:
                    out.append((old, None))
                    continue
                out.append((old, old if new == old else rows.write(old, new, item_id, title, source)))
        return out

    def _claim_aware(self, s: ReviewState, new: ReviewState) -> ReviewState:
        """What a change means for a claim on the item: any change by the claim's holder renews it
        (the holder is at work), marking the item reviewed ends it (the work is done), and a lapsed
        claim is cleared whoever writes."""
        now = datetime.now(UTC)
        holder = new.claim_holder(now)
        if holder is None:
            return replace(new, claimed_by=None, claimed_until=None)
        if holder == self.reviewer:
            if new.reviewed and not s.reviewed:
                return replace(new, claimed_by=None, claimed_until=None)
            return replace(new, claimed_until=claim_stamp(now + self.claim_lapse))
        return new

    def _change(self, item: Item | str, change: Callable[[ReviewState], ReviewState]) -> ReviewState:
        """``change``, with what it means for a claim on the item (``_claim_aware``). Called inside the
        store's write transaction, where no other writer can come between the read and the write."""
        def claim_aware(s: ReviewState) -> ReviewState:
            new = self._claim_aware(s, change(s))
            self.last_change = (s, new)
            return new

        self.last_change = None
        return self._update(item, claim_aware)

    def undo(self, item: Item | str, before: ReviewState, after: ReviewState) -> tuple[ReviewState, list[str]]:
        """Take the item back from ``after`` to ``before`` (``reverted``). Returns the state and what
        was left as someone changed it since ("reviewed", "flagged", "note", "correction")."""
        kept: list[str] = []

        def revert(s: ReviewState) -> ReviewState:
            new, left = reverted(s, before, after)
            kept[:] = left
            return new

        state = self._change(item, revert)
        return state, list(kept)

    def undo_many(self, steps: Sequence[tuple[Item | str, ReviewState, ReviewState]]
                  ) -> list[tuple[ReviewState, list[str]]]:
        """A bulk change taken back in one transaction, as it was made: every item, or none."""
        kept: dict[int, list[str]] = {}

        def revert(k: int, s: ReviewState) -> ReviewState:
            _, before, after = steps[k]
            new, kept[k] = reverted(s, before, after)
            return self._claim_aware(s, new)

        results = self._update_many([item for item, _, _ in steps], revert)
        return [(after if after is not None else before, kept.get(k, []))
                for k, (before, after) in enumerate(results)]

    def correct(self, item: Item | str, fix: Correction) -> ReviewState:
        """Record a correction (replacing one of the same thing)."""
        return self._change(item, lambda s: replace(s, corrections=(
            *(c for c in s.corrections if c.key != fix.key), fix)))

    def uncorrect(self, item: Item | str, kind: str, target: str) -> ReviewState:
        return self._change(item, lambda s: replace(s, corrections=tuple(
            c for c in s.corrections if c.key != (kind, target))))

    def toggle_wrong(self, item: Item | str, entry_kind: str, text: str) -> ReviewState:
        """Mark an entry (a quote, an actor, a figure) as wrong, or take the mark back."""
        fix = Correction.wrong(entry_kind, text)

        def flip(s: ReviewState) -> ReviewState:
            if s.correction(*fix.key) is not None:
                return replace(s, corrections=tuple(c for c in s.corrections if c.key != fix.key))
            return replace(s, corrections=(*s.corrections, fix))

        return self._change(item, flip)

    def add_tag(self, item: Item | str, tag: str) -> ReviewState:
        """Tag the item; a tag it has, in any case, is kept as first written. ``tags.BadTag`` (nothing
        written) for text that cannot be a tag: every caller's tag is checked, not only the dialog's."""
        tag = normalise_tag(tag)
        return self._change(item, lambda s: s if has_tag(s.tags, tag) else replace(s, tags=(*s.tags, tag)))

    def remove_tag(self, item: Item | str, tag: str) -> ReviewState:
        """Take the analyst's tag off the item, whatever its case."""
        return self._change(item, lambda s: replace(s, tags=tuple(t for t in s.tags if tag_key(t) != tag_key(tag))))

    def claim(self, item: Item | str) -> ReviewState:
        """Take the item for this reviewer (or renew their claim), for ``claim_lapse`` from now.

        Raises ``ClaimTaken`` when another reviewer's claim still holds: the check and the write are
        one transaction, so two reviewers can never both hold an item.
        """
        def take(s: ReviewState) -> ReviewState:
            holder = s.claim_holder()
            if holder is not None and holder != self.reviewer:
                raise ClaimTaken(s)
            return replace(s, claimed_by=self.reviewer,
                           claimed_until=claim_stamp(datetime.now(UTC) + self.claim_lapse))

        return self._update(item, take)

    def release_claim(self, item: Item | str) -> ReviewState:
        """Give up this reviewer's claim on the item; another reviewer's live claim is left alone
        (``ClaimTaken``): only its holder, or time, ends it."""
        def release(s: ReviewState) -> ReviewState:
            holder = s.claim_holder()
            if holder is not None and holder != self.reviewer:
                raise ClaimTaken(s)
            return replace(s, claimed_by=None, claimed_until=None)

        return self._update(item, release)

    def toggle_claim(self, item: Item | str) -> ReviewState:
        """Claim the item, or release it when this reviewer already holds it (the committed claim decides)."""
        def flip(s: ReviewState) -> ReviewState:
            holder = s.claim_holder()
            if holder == self.reviewer:
                return replace(s, claimed_by=None, claimed_until=None)
            if holder is not None:
                raise ClaimTaken(s)
            return replace(s, claimed_by=self.reviewer,
                           claimed_until=claim_stamp(datetime.now(UTC) + self.claim_lapse))

        return self._update(item, flip)

    def set_reviewed(self, item: Item | str, value: bool) -> ReviewState:
        return self._change(item, lambda s: replace(s, reviewed=value))

    def set_flagged(self, item: Item | str, value: bool) -> ReviewState:
        return self._change(item, lambda s: replace(s, flagged=value))

    def mark_many(self, items: Sequence[Item | str], which: Literal["reviewed", "flagged"], value: bool
                  ) -> list[tuple[ReviewState, ReviewState | None]]:
        """A bulk mark, all in one transaction: every item gets the mark, or (on an error) none does,
        so a bulk change is never half made; an item a colleague holds is left as it is (one key over
        many picked items must not change work someone else has taken up). Per item, (committed
        state before, after), or (theirs, None) for an item left to its holder."""
        def change(_: int, s: ReviewState) -> ReviewState:
            holder = s.claim_holder()
            if holder is not None and holder != self.reviewer:
                raise ClaimTaken(s)
            return self._claim_aware(s, replace(s, **{which: value}))

        self.last_change = None
        return self._update_many(items, change)

    def toggle_reviewed(self, item: Item | str) -> ReviewState:
        return self._change(item, lambda s: replace(s, reviewed=not s.reviewed))

    def toggle_flagged(self, item: Item | str) -> ReviewState:
        return self._change(item, lambda s: replace(s, flagged=not s.flagged))

    def set_note(self, item: Item | str, note: str, *, expected: str | None = None) -> ReviewState:
        """Replace the note; an empty or blank note removes it.

        ``expected``: the note as it was when the edit began. If another window or analyst has
        committed a different note since (and not this very text), ``NoteConflict`` is raised and
        nothing is written: the last save must never silently win over someone's words.
        """
        new = note if note.strip() else ""

        def change(s: ReviewState) -> ReviewState:
            if expected is not None and s.note != expected and s.note != new:
                raise NoteConflict(s)
            return replace(s, note=new)

        return self._change(item, change)

    def pin(self, item: Item | str, pin: Pin) -> ReviewState:
        """Pin (or refresh the stored speaker/value of) a quote or figure; pin order is kept."""
        return self._change(item, lambda s: replace(s, pins=with_pin(s.pins, pin)))

    def unpin(self, item: Item | str, kind: PinKind, text: str) -> ReviewState:
        return self._change(item, lambda s: replace(s, pins=without_pin(s.pins, (kind, text))))

    def toggle_pin(self, item: Item | str, pin: Pin) -> ReviewState:
        def change(s: ReviewState) -> ReviewState:
            if s.pinned(pin.kind, pin.text):
                return replace(s, pins=without_pin(s.pins, pin.key))
            return replace(s, pins=with_pin(s.pins, pin))

        return self._change(item, change)


def corrections_json(fixes: tuple[Correction, ...]) -> str | None:
    """How a store keeps an item's corrections: one JSON list in the item's row (None for none)."""
    if not fixes:
        return None
    return json.dumps([[c.kind, c.target, c.value] for c in fixes], ensure_ascii=False)


def corrections_from_json(value: object) -> tuple[Correction, ...]:
    """An item's corrections as a store read them; anything malformed (a hand-edited or damaged
    row) is left out rather than trusted, and text is cleaned like any other input."""
    if not isinstance(value, str) or not value:
        return ()
    try:
        rows = json.loads(value)
    except ValueError:
        return ()
    found: dict[tuple[str, str], Correction] = {}
    for row in rows if isinstance(rows, list) else ():
        if not (isinstance(row, list) and len(row) == 3 and row[0] in CORRECTION_KINDS and isinstance(row[1], str)
                and (row[2] is None or isinstance(row[2], str))):
            continue
        target = clean_text(row[1]).strip()
        fix = Correction(row[0], target, clean_line(row[2]) if row[2] is not None else None)
        if target:
            found[fix.key] = fix
    return tuple(found.values())


def claim_time(value: str | None) -> datetime | None:
    """A stored claim's end as an aware time; None for none, or for text that is not a time (a
    damaged or hand-edited row must not keep an item claimed for ever)."""
    if not value:
        return None
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        return None
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def claim_stamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="seconds")


def without_pin(pins: tuple[Pin, ...], key: tuple[str, str]) -> tuple[Pin, ...]:
    return tuple(p for p in pins if p.key != key)


def with_pin(pins: tuple[Pin, ...], pin: Pin) -> tuple[Pin, ...]:
    """The pins with ``pin`` added at the end, or put in place of the pin it refreshes."""
    if any(p.key == pin.key for p in pins):
        return tuple(pin if p.key == pin.key else p for p in pins)
    return (*pins, pin)
