"""``briefing log``: the audit trail of a review store as lines a person reads, and the ``--since`` it takes.

Kept apart from the stores so any store's ``history`` prints the same way, and from the command line
so it can be tested without one. Everything printed came from a store that may be shared: titles,
notes, pin text and reviewer names are shown through ``sanitize.visible``, so no escape sequence in
them reaches the terminal. No Textual or Rich imports.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from .review_state import LoggedChange
from .sanitize import clean_line, visible

PIN_WORDS = 8  # a pinned quote is named by its first few words
_SPAN = re.compile(r"^\s*(\d+)\s*(m|min|h|d|w)\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """``--since`` as an aware time: a span back from ``now`` (``30m``, ``2h``, ``3d``, ``1w``) or an ISO
    date or date-time (local time when it names no zone, as an analyst means it). ``ValueError`` says
    what is accepted."""
    now = now or datetime.now(UTC)
    found = _SPAN.match(text)
    if found is not None:
        return now - timedelta(**{_UNITS[found.group(2).lower()]: int(found.group(1))})
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{visible(text)!r} is not a time: give an ISO date or time (2026-12-07, "
                         "2026-12-07T14:00) or a span back from now (30m, 2h, 3d, 1w)") from None
    return when if when.tzinfo is not None else when.astimezone()


def _when(at: str) -> str:
    """The change's time in the analyst's own zone, to the minute; a time that cannot be read is shown as stored."""
    try:
        return datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return visible(at)


def _first_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:PIN_WORDS]) + (" …" if len(words) > PIN_WORDS else "")


def describe_action(change: LoggedChange) -> str:
    """What was done, in words: "flagged", "note edited (120 chars)", "pinned quote: We will rebuild"."""
    if change.action == "note edited":
        return f"note edited ({change.detail or '?'} chars)"
    if change.action in ("tagged", "untagged") and change.detail:
        return f"{change.action} #{change.detail}"
    if change.action.startswith(("pinned ", "unpinned ")) and change.detail:
        return f"{change.action}: {_first_words(change.detail)}"
    return change.action


def format_change(change: LoggedChange) -> str:
    """One line of the trail: ``2026-12-07 14:03  ana  flagged  Storm hits the coast``."""
    item = clean_line(change.title or "") or visible(change.item_id)  # an id is shown escaped, never dropped
    return visible(f"{_when(change.at)}  {clean_line(change.reviewer)}  {clean_line(describe_action(change))}  {item}")
