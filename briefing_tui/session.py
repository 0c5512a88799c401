"""The dashboard's state and rules, without a screen: a review session.

Which rows are shown (keywords, any/all, review filters), which item is
selected, find and its hits, marks, stale items, live-reload slotting, the
problems list and the status line are decided here, in plain Python, so
they can be tested without a terminal and reused by any front end (the
dashboard today, a browser view later). Every method that changes
something returns an ``Update`` saying what a view must redraw; the view
applies it to its widgets and decides nothing itself.

Workers (loading, watching, the review store) stay outside: they hand their
results to the session's methods on the view's thread.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .filtering import Hit, SearchIndex, find_pattern, hits_in
from .grouping import GroupedRows, Placings
from .loading.duplicates import ItemIds
from .problems import Problem
from .review_state import claim_time
from .rule_effects import RuleEffects
from .sections import SECTIONING_NAMES, SECTIONINGS, Section, in_sections
from .selection import Selection, bulk_value
from .settings import Keyword, SavedSearch, Settings

if TYPE_CHECKING:
    from .loading.result import LoadResult
    from .model import Actor, Item, Span
    from .review_state import ReviewState
    from .rules import Rule, RuleSet
    from .summary import Summary

ReviewFilter = Literal["unreviewed", "flagged"]
Severity = Literal["information", "warning", "error"]
# One styled run of the status line: (text, style), the style a Rich style string or "". The first
# run's style is the whole line's, the others' are laid over it.
StatusSegment = tuple[str, str]

STALE_REMOVED = "its file was removed"
STALE_BROKEN = "its file has errors; this is the last good version"
STALE_GONE = "no longer in its file"


# The orders S cycles through; None is the order items were loaded in.
SORTS: tuple[str | None, ...] = (None, "date", "source", "title", "quotes", "flagged")
SORT_NAMES = {None: "in loading order", "date": "newest first", "source": "by source", "title": "by title",
              "quotes": "most quotes first", "flagged": "flagged first"}


def quote_count(counts: str) -> int:
    """The quotes in a summary's counts ("17q 7f" -> 17)."""
    head = counts.split("q", 1)[0] if "q" in counts else ""
    return int(head) if head.isdigit() else 0


def _descending(text: str) -> tuple[int, ...]:
    """A key that sorts ISO dates newest first."""
    return tuple(-ord(ch) for ch in text)


@dataclass(frozen=True)
class Notice:
    """A passing message for the analyst."""

    text: str
    severity: Severity = "information"
    timeout: float | None = None
    title: str | None = None


@dataclass
class Update:
    """What a view must redraw after a session call; several calls' updates combine with ``|``."""

    rows: bool = False  # the shown rows changed: give the list the new rows, cursor on ``position``
    item: bool = False  # another item is selected: refill its panels and draw its article afresh
    panels: bool = False  # the panels' contents changed (pins, marks), same item: keep their places
    quotes: bool = False  # the quotes panel's speaker filter changed
    article: bool = False  # the article's highlights changed
    marks: bool = False  # the list's reviewed / flagged marks changed
    select_row: int | None = None  # move the list cursor to this row
    reveal: Span | Hit | None = None  # scroll the article to this
    focus: str | None = None  # move focus to this pane
    notices: list[Notice] = field(default_factory=list)

    def __or__(self, other: Update) -> Update:
        return Update(
            rows=self.rows or other.rows, item=self.item or other.item, panels=self.panels or other.panels,
            quotes=self.quotes or other.quotes, article=self.article or other.article,
            marks=self.marks or other.marks,
            select_row=other.select_row if other.select_row is not None else self.select_row,
            reveal=other.reveal if other.reveal is not None else self.reveal,
            focus=other.focus or self.focus, notices=[*self.notices, *other.notices])


@dataclass
class Highlights:
    """What to mark in the article besides its own actors, quotes and figures."""

    keyword_hits: list[Hit] = field(default_factory=list)
    find_hits: list[Hit] = field(default_factory=list)
    current_find: Hit | None = None
    target: Span | None = None
    actor: Actor | None = None
    stale: str | None = None
    rules: list[Rule] = field(default_factory=list)  # the rules the item meets (their tags shown with its own)
    # The other items of the selected item's group (the same story from other outlets): (source, title).
    group: list[tuple[str | None, str]] = field(default_factory=list)
    note: str = ""  # the analyst's note on the item, shown under its header
    tags: tuple[str, ...] = ()  # the analyst's own tags on the item, shown with its source's


def _rows_by_position(rows: list[int], count: int) -> array[int]:
    """Each position's row in ``rows`` (-1 where it is not shown), for ``count`` positions: 4 bytes a
    position, where a dict of 100,000 rows took ~7 MiB."""
    found = array("i", [-1]) * max(count, max(rows, default=-1) + 1)
    for row, position in enumerate(rows):
        found[position] = row
    return found


class ReviewSession:
    """One analyst's view of the loaded items: filters, selection, find, marks and what loading said."""

    def __init__(self, settings: Settings, index: SearchIndex) -> None:
        self.settings = settings
        self.index = index
        self.rows: list[int] = []  # positions in the index, as shown, ascending
        self.active_keys: list[str] = []
        self.match_all = False
        self.review_filter: ReviewFilter | None = None
        self.tag_filter: str | None = None  # only the items with this tag: their source's, the analyst's or a rule's
        self.states: dict[str, ReviewState] = {}
        self.problems: list[Problem] = list(settings.problems)
        self.load_progress: tuple[int, int] | None = None
        self.fetch_progress: tuple[int, int] | None = None  # feeds fetched in the background: done, total
        self.load_complete = False
        self.position: int | None = None  # the selected item's place in the index
        self.item: Item | None = None
        # Items are read (a cache row each) only once a view shows them: until then a selection is a
        # position. The dashboard's first frame is the list alone (start-up time).
        self.reading_items = False
        self.target: Span | None = None
        self.actor_name: str | None = None
        # The actor followed across items with ] and [: their name and the names they go by.
        self.followed: tuple[str, tuple[str, ...]] | None = None
        # The list narrowed to the items that mention one actor (L): (name, aliases), as ``followed``.
        self.actor_limit: tuple[str, tuple[str, ...]] | None = None
        self.quote_speaker: str | None = None
        self.find_query = ""
        self.find_hits: list[Hit] = []
        self.find_at = -1
        # The list narrowed to the items find matches (mutt's "limit"), while there is a query.
        self.find_limit = False
        self.sort_by: str | None = None  # None: the order items were loaded in (SORTS)
        # The list in sections, by "source" or "day" (None: none), and their headers over the rows.
        self.section_by: str | None = None
        self.sections: list[Section] = []
        # Items each saved search's query finds (counted off the screen's thread); None while counting.
        self.search_counts: dict[str, int] | None = None
        self._keyword_counts: tuple[tuple[int, bool], dict[str, int]] = ((-1, False), {})
        self._find_origin: str | None = None
        self._find_memo: tuple[tuple[str, int, int, int], list[int]] | None = None
        self.positions: dict[str, int] = {}  # item id -> position in the index
        self.ids = ItemIds()  # which file gave each id first: what a duplicate is (as `briefing check` says)
        self.file_items: dict[Path, list[str]] = {}  # file -> ids of the items it gave
        self.stale: dict[str, str] = {}  # item id -> why its file no longer gives it
        self.read_only_state = False
        self.reviewer: str | None = None  # who this window's changes are recorded as, once the store is open
        self.rule_effects = RuleEffects(settings.rules)
        self.show_hidden = False  # items rules hide are listed too
        self._kept: set[int] | None = None  # see _kept_in_view; None: to be found again
        # The same story from many outlets (grouping.py): groups found so far, the expanded ones (by
        # their lead's position), the loaded items not yet handed to the grouper, and each shown
        # position's row once grouping has reordered the rows (None while they are ascending).
        self.groups = GroupedRows()
        self.expanded: set[int] = set()
        self.to_group: list[int] = []  # positions of the items the grouper has not had yet
        self._row_of: array[int] | None = None  # position -> its row (-1: not shown), when not ascending
        # Items picked out (v, *) for r, f and export to act on together; not the list cursor.
        self.picked = Selection()

    # ------------------------------------------------------------------ reading what is shown

    @property
    def active_keywords(self) -> list[Keyword]:
        return [k for k in self.settings.keywords if k.key in self.active_keys]

    @property
    def active_rules(self) -> list[int]:
        """Indices of the rules whose hotkey filter is on."""
        keys = self.rule_effects.hotkey_rules()
        return [keys[k] for k in self.active_keys if k in keys]

    @property
    def cursor_row(self) -> int | None:
        """The selected item's row among those shown, if it is shown."""
        return self.row_of(self.position)

    def row_of(self, position: int | None) -> int | None:
        """The row showing ``position``, if it is shown."""
        if position is None:
            return None
        if self._row_of is not None:
            row = self._row_of[position] if 0 <= position < len(self._row_of) else -1
            return row if row >= 0 else None
        k = bisect_left(self.rows, position)
        return k if k < len(self.rows) and self.rows[k] == position else None

    def state_of(self, item: Item | None) -> ReviewState | None:
        return self.states.get(item.id) if item is not None else None

    def marks(self) -> dict[str, str]:
        """Item id -> "flagged" or "reviewed", for the list's marks column."""
        marks = {i: "flagged" if s.flagged else "reviewed" for i, s in self.states.items() if s.flagged or s.reviewed}
        summaries = self.index.summaries
        for position in self.rule_effects.flagged:  # the analyst's own mark, if any, is the one shown
            marks.setdefault(summaries[position].id, "rule-flag")
        return marks

    def noted(self) -> set[str]:
        """Ids of the items with a note, for the list's mark column."""
        return {i for i, s in self.states.items() if s.note}

    def review_tags(self) -> dict[str, tuple[str, ...]]:
        """Item id -> the analyst's tags on it, for the list's rows."""
        return {i: s.tags for i, s in self.states.items() if s.tags}

    def reviewed_ids(self) -> set[str]:
        """Ids of the items marked reviewed (a flagged one too: the list dims it and keeps the flag)."""
        return {i for i, s in self.states.items() if s.reviewed}

    def claims(self, now: datetime | None = None) -> dict[str, str]:
        """Item id -> "you" or the holder's name, for every claim that holds at ``now``."""
        now = now or datetime.now(UTC)
        held = {}
        for item_id, state in self.states.items():
            holder = state.claim_holder(now) if state.claimed_by else None
            if holder is not None:
                held[item_id] = "you" if holder == self.reviewer else holder
        return held

    def claimed_by_other(self, item_id: str, now: datetime | None = None) -> str | None:
        """The colleague who holds the item's claim at ``now``, if it is not this window's reviewer."""
        state = self.states.get(item_id)
        holder = state.claim_holder(now) if state is not None and state.claimed_by else None
        return holder if holder is not None and holder != self.reviewer else None

    def highlights(self) -> Highlights:
        item = self.item
        current = self.find_hits[self.find_at] if 0 <= self.find_at < len(self.find_hits) else None
        group = []
        if item is not None and self.position is not None and self.groups:
            summaries = self.index.summaries
            group = [(summaries[p].source, summaries[p].label) for p in self.groups.others(self.position)]
        return Highlights(keyword_hits=self._keyword_hits(), find_hits=self.find_hits, current_find=current,
                          target=self.target, actor=item.actor_named(self.actor_name) if item else None,
                          stale=self.stale.get(item.id) if item else None,
                          rules=self.rule_effects.touched(self.position) if item else [], group=group,
                          note=state.note if (state := self.state_of(item)) is not None else "",
                          tags=state.tags if state is not None else ())

    def added_actors(self) -> list[Actor]:
        """Actors the analyst added to the selected item (the parser missed them), after its own."""
        from .corrections import added_actors

        state = self.state_of(self.item)
        if self.item is None or state is None:
            return []
        return added_actors(self.item.actors, state.corrections)

    def said_counts(self) -> dict[str, int]:
        """Speaker -> quotes they said in the selected item, for the actors panel."""
        said: dict[str, int] = {}
        for quote in self.item.quotes if self.item else ():
            if quote.speaker:
                said[quote.speaker] = said.get(quote.speaker, 0) + 1
        return said

    def shown_quotes(self) -> list[int]:
        """Indices of the selected item's quotes the quotes panel lists (all, or one speaker's)."""
        if self.item is None:
            return []
        speaker = self.quote_speaker
        return [i for i, q in enumerate(self.item.quotes) if speaker is None or q.speaker == speaker]

    def orphaned_states(self) -> list[ReviewState]:
        """Review state of items not loaded now, most recently changed first."""
        return sorted((s for i, s in self.states.items() if i not in self.positions and not s.is_empty),
                      key=lambda s: s.updated_at or "", reverse=True)

    def list_title(self) -> str:
        total, shown = len(self.index), len(self.rows)
        return f"Items {shown}" + (f"/{total}" if shown != total else "")

    def empty_list_reason(self) -> str | None:
        """Why the list shows no row, said in the list itself: an empty pane says nothing by itself,
        and the status line's "0 items" does not say whether to wait, look at problems or clear a
        filter. None when there are rows."""
        if self.rows:
            return None
        if not self.load_complete:
            return "Loading…"
        count = len(self.problems)
        if not len(self.index):
            if count:
                return f"No items: {count} problem{'s' * (count != 1)} with what was given. Press P to see them."
            return "No items: nothing here is a briefing file, an article or a feed."
        if not (self.active_keys or self.review_filter or self.find_limit or self.tag_filter or self.actor_limit) \
                and self.hidden_count():
            return "Every item is hidden by a rule. H shows them."
        return "No item matches the filters. Esc clears them."

    def keyword_count(self, keyword: Keyword) -> int:
        """How many loaded items a keyword hotkey would show on its own (remembered until more load)."""
        loaded = (len(self.index), self.load_complete)
        if self._keyword_counts[0] != loaded:
            self._keyword_counts = (loaded, {})
        counts = self._keyword_counts[1]
        if keyword.key not in counts:
            counts[keyword.key] = len(self.index.filtered([keyword], match_all=False))
        return counts[keyword.key]

    def status_line(self) -> tuple[StatusSegment, ...]:
        total = len(self.index)
        shown = len(self.rows)
        out: list[StatusSegment] = [(" briefing ", "bold reverse"), (f" {total} item{'s' * (total != 1)}", "")]
        if self.active_keys:
            joiner = " AND " if self.match_all else " OR "
            out.append((" · ", ""))
            rules = self.rule_effects.rules.rules
            names = [(k.key, k.name) for k in self.active_keywords]
            names += [(rules[i].hotkey, f"rule: {rules[i].name}") for i in self.active_rules]
            for n, (key, name) in enumerate(names):
                if n:
                    out.append((joiner, "bold"))
                out.append((f"[{key} {name}]", "reverse"))
            out.append((f" · {shown}/{total} shown", ""))
        # Counted over the (few) marked items, not over every loaded item.
        reviewed = sum(1 for i, s in self.states.items() if s.reviewed and i in self.positions)
        flagged = sum(1 for i, s in self.states.items() if s.flagged and i in self.positions)
        if total:
            out.append((f" · {total - reviewed} to review", ""))
        if flagged:
            out.append((f" · ⚑ {flagged}", ""))
        if self.picked:
            picked = len(self.picked_shown())
            hidden = len(self.picked) - picked
            out.append((f" · {picked} selected" + (f" (+{hidden} not shown)" if hidden else ""), "bold reverse"))
        if self.review_filter:
            out.append((f" · only {self.review_filter}", "reverse"))
        if self.tag_filter is not None:
            out.append((f" · only #{self.tag_filter}", "reverse"))
        if self.actor_limit is not None:
            out.append((f" · only items with {self.actor_limit[0]}", "reverse"))
        if (self.review_filter or self.tag_filter is not None or self.actor_limit is not None) and not self.active_keys:
            out.append((f" · {shown}/{total} shown", ""))
        state = self.states.get(self.item.id) if self.item is not None else None
        until = claim_time(state.claimed_until) if state is not None and state.claim_holder() else None
        if state is not None and until is not None:
            holder = "you" if state.claimed_by == self.reviewer else state.claimed_by
            out.append((f" · claimed by {holder} until {until.astimezone():%H:%M}", "bold"))
        out.extend(self._rules_status())
        if self.sort_by is not None:
            out.append((f" · {SORT_NAMES[self.sort_by]}", "reverse"))
        if self.section_by is not None:
            out.append((f" · {SECTIONING_NAMES[self.section_by]}", "reverse"))
        if self.quote_speaker:
            out += [(" · quotes by ", ""), (self.quote_speaker, "bold")]
        if self.find_query.strip():
            matched = len(self.find_matches())
            out += [(" · find “", ""), (self.find_query, ""), (f"” {matched} item{'s' * (matched != 1)}", "")]
            if self.find_limit:
                out.append((" only", "reverse"))
            if self.find_hits:
                out.append((f", hit {max(self.find_at, 0) + 1}/{len(self.find_hits)}", ""))
        if self.load_progress:
            done, files = self.load_progress
            out.append((f" · loading {done}/{files} files…", "italic"))
        elif not self.load_complete:
            out.append((" · loading…", "italic"))
        if self.fetch_progress:
            done, feeds = self.fetch_progress
            out.append((f" · fetching feeds {done}/{feeds}…", "italic"))
        if self.read_only_state:
            out.append((" · state read-only", "bold reverse"))
        if self.problems:
            out.append((f" · ⚠ {len(self.problems)} problem{'s' * (len(self.problems) != 1)} (P)", "bold"))
        return tuple(out)

    # ------------------------------------------------------------------ selection

    def show_items(self) -> Update:
        """The view can show items from now on: read the selected one."""
        self.reading_items = True
        return self._show(self.position)

    def select(self, position: int | None) -> Update:
        """The list cursor is on ``position`` (or on nothing)."""
        if position == self.position and position is not None:
            return Update()
        return self._show(position)

    def select_row(self, row: int) -> Update:
        """Move the selection to a shown row, and read its item now, so what follows can use it."""
        if not self.rows:
            return Update()
        row = max(0, min(row, len(self.rows) - 1))
        return Update(select_row=row) | self.select(self.rows[row])

    def select_id(self, item_id: str) -> Update:
        """Move the selection to an item, if it is loaded and shown (an undo shows what it undid)."""
        row = self.row_of(self.positions.get(item_id))
        return self.select_row(row) if row is not None else Update()

    def _show(self, position: int | None) -> Update:
        self.position = position
        if not self.reading_items:
            return Update()
        item = self.index.items[position] if position is not None else None
        new = item is not self.item
        self.item = item
        if new:
            self.target = None
            self.actor_name = None
            self.quote_speaker = None
            self.find_at = -1
        self.find_hits = hits_in(item, find_pattern(self.find_query)) if item else []
        return Update(item=new, panels=True, article=True)

    # ------------------------------------------------------------------ loading and live reload

    def add_loaded(self, batch: Iterable[tuple[Path | None, LoadResult]], done: int, total: int) -> Update:
        """A batch of loaded files: their items go at the end, in order; a duplicate (``ItemIds``) is
        skipped and listed as a problem."""
        problems: list[Problem] = []
        added = False
        for path, result in batch:
            ids: list[str] = []
            fresh = []
            duplicates = self.ids.admit(path, result)
            for entry in result.entries or []:
                fresh.append(entry)
                ids.append(entry.summary.id)
            if fresh:
                placed = self.index.add_entries(fresh)
                # The index's own position numbers: one int object per item, not one per structure.
                positions, grouping = self.positions, self.settings.grouping is not None
                for entry, position in zip(fresh, placed, strict=True):
                    summary = entry.summary
                    positions[summary.id] = position
                    if grouping:
                        self.to_group.append(position)
                self.rule_effects.due(placed)
                added = True
            if path is not None:
                self.file_items[path] = ids
            problems.extend(result.problems)
            problems.extend(duplicates)
        self.problems.extend(problems)
        self.load_progress = (done, total) if done < total else None
        self.load_complete = done >= total
        update = self.refilter() if added else Update()
        if self.problems and done == total and problems:
            update.notices.append(Notice(f"{len(self.problems)} file problem(s): press P to see them", "warning"))
        return update

    def loading_failed(self, failure: Problem) -> Update:
        """Background work stopped: the session keeps what it has and says so."""
        self.problems.append(failure)
        if self.load_progress is not None or not self.load_complete:
            self.load_progress, self.load_complete = None, True
        return Update(notices=[Notice(str(failure), "error", 12)])

    def feeds_progress(self, done: int, total: int) -> Update:
        """A background round of fetching feeds, shown on the status line until it is over (``total`` 0)."""
        self.fetch_progress = (done, total) if total else None
        return Update()

    def feed_fetched(self, source: str, error: str | None) -> Update:
        """One feed fetched in the background (``source``: its URL as shown). A failure is listed as a
        problem until a later fetch of that feed succeeds; a new failure is also announced."""
        before = [p for p in self.problems if p.path == source]
        self.problems = [p for p in self.problems if p.path != source]
        if error is None:
            return Update()
        failure = Problem(source, error)
        self.problems.append(failure)
        return Update() if failure in before else Update(notices=[Notice(str(failure), "warning", 6)])

    def apply_reload(self, results: list[tuple[Path, LoadResult]], removed: list[Path]) -> Update:
        """Files changed on disk: their items are put in place; the selection follows its item."""
        keep = self.item.id if self.item else None
        update = Update()
        for path in removed:
            for item_id in self.file_items.get(path, []):
                self.stale[item_id] = STALE_REMOVED
        for path, result in results:
            keep = self._apply_file(path, result, keep, update)
        update |= self.refilter(keep_id=keep)
        if self.reading_items and self.position is not None and self.index.items[self.position] is not self.item:
            update |= self._show(self.position)
        return update | Update(article=True)

    def _apply_file(self, path: Path, result: LoadResult, keep: str | None, update: Update) -> str | None:
        """Put one reloaded file's items in place; returns the id the selection should follow."""
        index, positions = self.index, self.positions
        old = self.file_items.get(path, [])
        self.problems = [p for p in self.problems if p.path != str(path)]
        self.problems.extend(result.problems)
        if not result.items and result.problems:
            for item_id in old:
                self.stale[item_id] = STALE_BROKEN
            update.notices.append(Notice(str(result.problems[0]), "warning", 6))
            return keep
        self.problems.extend(self.ids.admit(path, result, again=True))
        new_ids = {item.id for item in result.items}
        free = [i for i in old if i not in new_ids and i in positions]  # slots of items that changed id
        ids: list[str] = []
        for item in result.items:
            if item.id in positions:
                index.replace(positions[item.id], item)
            elif free:
                gone = free.pop(0)
                position = positions.pop(gone)
                index.replace(position, item)
                positions[item.id] = position
                if keep == gone:
                    keep = item.id
            else:
                positions[item.id] = len(index)
                index.add([item])
                if self.settings.grouping is not None:  # a new item on a story may join its group
                    self.to_group.append(positions[item.id])
            self.rule_effects.due([positions[item.id]])
            self.stale.pop(item.id, None)
            ids.append(item.id)
        for gone in free:
            self.stale[gone] = STALE_GONE
            ids.append(gone)
        self.file_items[path] = ids
        return keep

    # ------------------------------------------------------------------ filters

    def refilter(self, *, keep_id: str | None = None) -> Update:
        """Recompute the shown rows; the selection stays on its item if it is still shown, else it goes to
        the item that followed it (marking an item reviewed under "only unreviewed" moves on)."""
        effects = self.rule_effects
        self._kept = None
        rows = self.index.filtered(self.active_keywords, match_all=self.match_all,
                                   extra=[effects.per_rule[i] for i in self.active_rules])
        summaries = self.index.summaries
        if effects.hidden and not self.show_hidden:
            hidden = effects.hidden - self._kept_in_view()
            rows = [p for p in rows if p not in hidden]
        if self.review_filter == "unreviewed":
            rows = [p for p in rows if not getattr(self.states.get(summaries[p].id), "reviewed", False)]
        elif self.review_filter == "flagged":
            rows = [p for p in rows if getattr(self.states.get(summaries[p].id), "flagged", False)]
        if self.tag_filter is not None:
            tagged = self.tagged_positions(self.tag_filter)
            rows = [p for p in rows if p in tagged]
        if self.actor_limit is not None:
            found = self._mentioning(self.actor_limit)
            rows = [p for p in rows if p in found]
        if self.find_limit and self.find_query.strip():
            holding = self.index.find_all(self.find_query)
            rows = [p for p in rows if p in holding]
        if self.groups:  # a group shows once, as its lead, when any of its items passes
            rows = self.groups.arrange(rows, self.expanded)
        if self.sort_by is not None:
            rows = self._sorted(rows)
        self.sections = []
        if self.section_by is not None:
            rows, self.sections = in_sections(rows, self.index.summaries, self.section_by, self.groups.lead)
        old_rows, old_row = self.rows, self.row_of(self.position)
        # Folding groups in keeps the list ascending unless a group stands where a member passes
        # and its lead does not (or one is expanded): checked at C speed, as the map is not.
        reordered = self.sort_by or self.section_by or (self.groups and rows != sorted(rows))
        self._row_of = _rows_by_position(rows, len(self.index)) if reordered else None
        self.rows = rows
        wanted = self.positions.get(keep_id) if keep_id else self.position
        if wanted == self.position and old_row is not None and self.row_of(wanted) is None:
            # The selected item left the list: the item that followed it on screen takes its place.
            after = next((p for p in old_rows[old_row + 1:] if self.row_of(p) is not None), None)
            if after is not None:
                return Update(rows=True) | self.select(after)
        if wanted is not None and self.row_of(wanted) is None and self.row_of(self.groups.lead_of(wanted)) is not None:
            wanted = self.groups.lead_of(wanted)  # its group was collapsed, or it joined one: its lead
        if wanted is None or self.row_of(wanted) is not None:
            position = wanted if wanted is not None else (rows[0] if rows else None)
        else:
            position = self._following(wanted)
        return Update(rows=True) | self.select(position)

    def cycle_sort(self) -> Update:
        """The next order of the list (S): as loaded, newest first, by source, by title, most quotes,
        flagged first; the selected item stays selected."""
        k = SORTS.index(self.sort_by)
        self.sort_by = SORTS[(k + 1) % len(SORTS)]
        keep = self.item.id if self.item is not None else None
        return self.refilter(keep_id=keep) | Update(notices=[Notice(
            f"Sorted {SORT_NAMES[self.sort_by]}", timeout=2)])

    def cycle_sections(self) -> Update:
        """The list's next grouping: none, by source, by day; each section in the current sort order under
        a header with its count. The selected item stays selected."""
        k = SECTIONINGS.index(self.section_by)
        self.section_by = SECTIONINGS[(k + 1) % len(SECTIONINGS)]
        keep = self.item.id if self.item is not None else None
        return self.refilter(keep_id=keep) | Update(notices=[Notice(
            f"List {SECTIONING_NAMES[self.section_by]}", timeout=2)])

    def _sorted(self, rows: list[int]) -> list[int]:
        """``rows`` in ``sort_by`` order, stable; a story's sources stay under their lead."""
        summaries, lead_of = self.index.summaries, self.groups.lead
        blocks: list[list[int]] = []
        for position in rows:
            if blocks and lead_of.get(position) == blocks[-1][0]:
                blocks[-1].append(position)
            else:
                blocks.append([position])
        key = self._sort_key(summaries)
        blocks.sort(key=lambda block: key(block[0]))
        return [p for block in blocks for p in block]

    def _sort_key(self, summaries: list[Summary]) -> Callable[[int], tuple]:
        states, by = self.states, self.sort_by
        if by == "date":  # newest first, undated last
            return lambda p: (summaries[p].date is None, _descending(summaries[p].date or ""))
        if by == "source":
            return lambda p: ((summaries[p].source or "\uffff").casefold(),)
        if by == "title":
            return lambda p: (summaries[p].label.casefold(),)
        if by == "quotes":
            return lambda p: (-quote_count(summaries[p].counts),)
        return lambda p: (not getattr(states.get(summaries[p].id), "flagged", False),)

    def _following(self, position: int) -> int | None:
        """The shown item that followed ``position`` in the list (the last one at the end)."""
        rows = self.rows
        if not rows:
            return None
        if self._row_of is None:  # ascending
            k = bisect_left(rows, position)
            return rows[k] if k < len(rows) else rows[-1]
        return min((p for p in rows if p > position), default=rows[-1])

    def _kept_in_view(self) -> set[int]:
        """Positions of the items the analyst flagged or wrote a note on: listed even when a rule would
        hide them. Found from the review states when they or the rows change, not per status line."""
        if self._kept is None:
            positions = self.positions
            self._kept = {positions[i] for i, s in self.states.items() if (s.flagged or s.note) and i in positions}
        return self._kept

    def groups_found(self, found: list[tuple[int, int]]) -> Update:
        """The grouper placed items in groups ((position, lead position)): the list shows each group once."""
        if not found:
            return Update()
        reading = self.groups.lead_of(self.position) if self.position is not None else None
        for position, lead in found:
            self.groups.join(position, lead)
            if position == self.position:  # the item being read stays on the list: its group opens
                self.expanded.add(lead)
        # The article names the other sources on its story: redrawn only when that story grew (a
        # delivery every quarter second would otherwise rewrap the article being read each time).
        touched = self.position is not None and any(
            position == self.position or lead in (self.position, reading) for position, lead in found)
        return self.refilter() | Update(article=touched)

    def take_to_group(self) -> Placings:
        """The loaded items the grouper has not had yet: (position, title, date), the title and date
        read from their summaries and their texts from the index as the grouper reaches them (a tuple
        per item waiting took ~7 MiB at 100,000 items)."""
        positions, self.to_group = self.to_group, []
        return Placings(positions, self.index.summaries)

    def toggle_group(self) -> Update:
        """Show the selected item's group item by item under its lead, or as one row again. Marks stay
        per item: expanding is how each member is opened and marked."""
        if self.settings.grouping is None:
            return Update(notices=[Notice("Grouping is off (grouping: in config.yaml)", timeout=3)])
        if self.position is None or not self.groups.others(self.position):
            return Update(notices=[Notice("This item is the only one on its story", timeout=3)])
        lead = self.groups.lead_of(self.position)
        if lead in self.expanded:
            self.expanded.discard(lead)
            return self.refilter(keep_id=self.index.summaries[lead].id)
        self.expanded.add(lead)
        return self.refilter()

    def toggle_keyword(self, i: int) -> Update:
        key = self.settings.keywords[i].key
        if key in self.active_keys:
            self.active_keys.remove(key)
        else:
            self.active_keys.append(key)
        return self.refilter() | Update(article=True)

    def clear_keywords(self) -> Update:
        """`0`: the keyword filters go, and the tag filter with them (they narrow the list the same way)."""
        if not self.active_keys and self.tag_filter is None:
            return Update()
        self.active_keys.clear()
        self.tag_filter = None
        return self.refilter() | Update(article=True)

    def toggle_match(self) -> Update:
        self.match_all = not self.match_all
        return self.refilter()

    def toggle_find_limit(self) -> Update:
        """Show only the items find matches, or every item again; the status line says which."""
        if not self.find_query.strip():
            return Update(notices=[Notice("Find something first (/), then this key shows only the items it "
                                          "matches", timeout=4)])
        self.find_limit = not self.find_limit
        return self.refilter()

    def toggle_review_filter(self, which: ReviewFilter) -> Update:
        self.review_filter = None if self.review_filter == which else which
        return self.refilter()

    # ------------------------------------------------------------------ tags

    def tagged_positions(self, tag: str) -> set[int]:
        """Positions of the loaded items with ``tag`` (any case): from their source, from the analyst,
        or from a rule."""
        from .tags import tag_key

        key = tag_key(tag)
        found = set(self.index.source_tagged(tag))
        positions = self.positions
        found.update(positions[i] for i, s in self.states.items()
                     if s.tags and i in positions and any(tag_key(t) == key for t in s.tags))
        effects = self.rule_effects
        for i, rule in enumerate(effects.rules.rules):
            if any(tag_key(t) == key for t in rule.tags):
                found |= effects.per_rule[i]
        return found

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag the loaded items carry, with how many items carry it, most used first: what the tag
        filter offers. A tag is named as first met (the analyst's spelling before a source's)."""
        from .tags import tag_key

        names: dict[str, str] = {}
        extra: dict[str, set[int]] = {}  # holders besides the source's, which the index keeps

        def add(tag: str, found: Iterable[int]) -> None:
            key = tag_key(tag)
            names.setdefault(key, tag)
            extra.setdefault(key, set()).update(found)

        positions = self.positions
        for item_id, state in self.states.items():
            if state.tags and item_id in positions:
                for tag in state.tags:
                    add(tag, (positions[item_id],))
        effects = self.rule_effects
        for i, rule in enumerate(effects.rules.rules):
            for tag in rule.tags:
                add(tag, effects.per_rule[i])
        source = {tag_key(tag): (tag, found) for tag, found in self.index.source_tags()}
        counts = []
        for key, (tag, found) in source.items():
            more = extra.pop(key, set())
            counts.append((names.get(key, tag), len(found) + len(more - found)))
        counts += [(names[key], len(found)) for key, found in extra.items() if found]
        return sorted(counts, key=lambda c: (-c[1], c[0].casefold()))

    def tags_in_use(self) -> list[tuple[str, int]]:
        """The tags to offer when tagging an item, with how many loaded items carry each: those of the
        loaded items, then the analyst's on items not loaded now (none loaded: 0)."""
        from .tags import has_tag

        counts = self.tag_counts()
        names = [t for t, _ in counts]
        for state in self.states.values():
            for tag in state.tags:
                if not has_tag(names, tag):
                    names.append(tag)
                    counts.append((tag, 0))
        return counts

    def set_tag_filter(self, tag: str | None) -> Update:
        """Show only the items with ``tag`` (None: every item again); with keyword and review filters on,
        an item must pass them too."""
        from .tags import tag_key

        if tag is not None and self.tag_filter is not None and tag_key(tag) == tag_key(self.tag_filter):
            tag = None  # the tag shown already: choosing it again turns it off, as a keyword's key does
        self.tag_filter = tag
        return self.refilter() | Update(article=True)

    # ------------------------------------------------------------------ rules

    def hidden_count(self) -> int:
        """Items rules hide from the list now (those the analyst flagged or noted stay listed)."""
        hidden = self.rule_effects.hidden
        return len(hidden) - len(self._kept_in_view() & hidden) if hidden else 0

    def _rules_status(self) -> list[StatusSegment]:
        effects = self.rule_effects
        out: list[StatusSegment] = []
        if effects.pending:
            out.append((" · applying rules…", "italic"))
        if effects.flagged:
            out.append((f" · ⚐ {len(effects.flagged)} by rules", ""))
        hidden = self.hidden_count()
        if self.show_hidden:
            out.append((f" · showing {hidden} hidden by rules (H)", "reverse"))
        elif hidden:
            out.append((f" · {hidden} hidden by rules (H)", ""))
        return out

    def toggle_rule_key(self, key: str) -> Update:
        """A rule's hotkey: show only the items it matches (with the keywords on, by any/all), or stop."""
        if key in self.active_keys:
            self.active_keys.remove(key)
        elif key in self.rule_effects.hotkey_rules():
            self.active_keys.append(key)
        else:
            return Update(notices=[Notice(f"No rule has the hotkey {key} now", timeout=3)])
        return self.refilter() | Update(article=True)

    def toggle_hidden(self) -> Update:
        """List the items rules hide, or hide them again."""
        self.show_hidden = not self.show_hidden
        if not self.rule_effects.hidden:
            note = "No item is hidden by a rule" if self.rule_effects.rules else "No rule is set: nothing is hidden"
            return self.refilter() | Update(notices=[Notice(note, timeout=3)])
        return self.refilter()

    def rules_matched(self, effects: RuleEffects,
                      results: list[tuple[int, tuple[int, ...], tuple[int, ...]]]) -> Update:
        """Rules worked out for some items (off this thread); results for rules since replaced are dropped."""
        if effects is not self.rule_effects:
            return Update()
        changed = effects.record(results)
        update = Update(marks=True)
        touched = self.position is not None and any(p == self.position for p, _, _ in results)
        if touched:
            update |= Update(panels=True, article=True)
        if changed and (effects.hidden or self.active_rules or self.show_hidden or self.tag_filter is not None
                        or any(r.hide for r in effects.rules.rules)):
            update |= self.refilter()
        return update

    def set_rules(self, rules: RuleSet, problems: list[Problem] | None = None) -> Update:
        """Rules edited and applied: every loaded item is worked out again; the old effects go.
        ``problems``: the config file's as just read; they replace the ones it had under P."""
        if problems is not None:
            source = str(self.settings.source) if self.settings.source is not None else None
            paths = {p.path for p in problems} | ({source} if source else set())
            self.problems = [p for p in self.problems if p.path not in paths] + list(problems)
        old_keys = self.rule_effects.hotkey_rules()
        self.active_keys = [k for k in self.active_keys if k not in old_keys]
        self.settings.rules = rules
        self.rule_effects = RuleEffects(rules)
        self.rule_effects.due(range(len(self.index)))
        return self.refilter() | Update(marks=True, panels=True, article=True)

    def config_edited(self, new: Settings, path: str) -> Update:
        """config.yaml at ``path`` was edited. With any problem in it, the problems replace its earlier
        ones under P and nothing else changes (the settings in force stay). A sound file brings its
        keywords, saved searches, ``mark_advances`` and ``claim_lapse`` into force now; its rules go
        through ``set_rules`` (the caller's, as they bind keys). What needs a restart is left alone."""
        problems = [p for p in new.problems if p.path == path]
        self.problems = [p for p in self.problems if p.path != path] + problems
        if problems:
            first = problems[0]
            return Update(notices=[Notice(f"{first} — the settings in force stay; P lists every problem",
                                          "warning", 8)])
        settings = self.settings
        settings.keywords, settings.searches = new.keywords, new.searches
        settings.mark_advances, settings.claim_lapse = new.mark_advances, new.claim_lapse
        keys = {k.key for k in new.keywords} | set(self.rule_effects.hotkey_rules())
        self.active_keys = [k for k in self.active_keys if k in keys]
        self._keyword_counts = ((-1, False), {})
        return self.refilter() | Update(article=True, notices=[Notice("config.yaml read again", timeout=3)])

    def _keyword_hits(self) -> list[Hit]:
        if not self.item or not self.active_keys:
            return []
        hits: list[Hit] = []
        for keyword in self.active_keywords:
            hits.extend(hits_in(self.item, keyword.pattern))
        for i in self.active_rules:  # a rule's filter marks its words like a keyword's
            for pattern in self.rule_effects.rules.rules[i].shown_patterns():
                hits.extend(hits_in(self.item, pattern))
        return hits

    # ------------------------------------------------------------------ review state

    def states_loaded(self, states: dict[str, ReviewState]) -> Update:
        self.states = dict(states)
        return self._review_changed()

    def states_changed(self, changed: dict[str, ReviewState]) -> Update:
        """Some items' state changed (another window, this one): empty states are dropped. Nothing is
        redrawn when every state was known already (a poll reporting this window's own changes)."""
        applied: set[str] = set()
        for item_id, state in changed.items():
            if state.is_blank:
                if self.states.pop(item_id, None) is not None:
                    applied.add(item_id)
            elif self.states.get(item_id) != state:
                self.states[item_id] = state
                applied.add(item_id)
        if not applied:
            return Update()
        return self._review_changed(article=self.item is not None and self.item.id in applied)

    def state_saved(self, state: ReviewState) -> Update:
        return self.states_changed({state.item_id: state})

    def _review_changed(self, *, article: bool = True) -> Update:
        """``article``: the selected item's own state changed, so its note under the header is redrawn;
        a colleague's mark elsewhere on the desk does not redraw the article being read."""
        self._kept = None
        update = Update(marks=True, panels=True, article=article)
        if self.review_filter or self.tag_filter is not None:
            update |= self.refilter()
        return update

    def advance_after_mark(self, which: str) -> Update:
        """After `r` or `f` set a mark: on to the next shown item (``mark_advances:``). Not when the mark
        takes the item out of the list (only unreviewed), which moves on by itself, nor past the end."""
        if not self.settings.mark_advances or (self.review_filter == "unreviewed" and which == "reviewed"):
            return Update()
        row = self.cursor_row
        if row is None or row + 1 >= len(self.rows):
            return Update()
        return self.select_row(row + 1)

    def next_unreviewed(self) -> Update:
        """Select the next shown item (after the selected one, wrapping) not marked reviewed and not
        claimed by a colleague: on a desk, Space never leads two analysts to the same item."""
        rows, summaries = self.rows, self.index.summaries
        if not rows:
            return Update()
        current = self.cursor_row or 0
        now = datetime.now(UTC)
        skipped = 0
        for step in range(1, len(rows) + 1):
            row = (current + step) % len(rows)
            lead = rows[row]
            # A story shown as one row: its other sources count too, and the group opens on the one found.
            hidden = (self.groups.members.get(lead, []) if self.groups and lead not in self.expanded
                      and lead not in self.groups.lead else [])
            for position in (lead, *hidden):
                item_id = summaries[position].id
                state = self.states.get(item_id)
                if state is not None and state.reviewed:
                    continue
                if self.claimed_by_other(item_id, now) is not None:
                    skipped += 1
                    continue
                if position == lead:
                    return self.select_row(row)
                self.expanded.add(lead)
                update = self.refilter()
                member_row = self.row_of(position)
                return update | self.select_row(member_row if member_row is not None else row)
        if skipped:
            return Update(notices=[Notice(f"Every unreviewed item shown is claimed by a colleague ({skipped})",
                                          timeout=4)])
        return Update(notices=[Notice("Every item shown is reviewed", timeout=3)])

    # ------------------------------------------------------------------ picking items to act on together

    def picked_shown(self) -> list[str]:
        """Ids of the picked items the list shows now, in its order: what r, f and export act on."""
        summaries = self.index.summaries
        return self.picked.among(summaries[p].id for p in self.rows) if self.picked else []

    def picked_positions(self) -> list[int]:
        """Index positions of ``picked_shown``, in the list's order."""
        summaries = self.index.summaries
        return [p for p in self.rows if summaries[p].id in self.picked] if self.picked else []

    def toggle_picked(self) -> Update:
        """Pick the highlighted item, or put it back, and move on to the next row (``v``), so a run of
        items is picked with one key each."""
        row = self.cursor_row
        if row is None:
            return Update()
        first = not self.picked
        self.picked.toggle(self.index.summaries[self.rows[row]].id)
        update = Update(marks=True, notices=[Notice(
            "Selected: v selects more, r and f mark every selected item, e exports them; Esc clears",
            timeout=4)] if first else [])
        if row + 1 < len(self.rows):
            update |= self.select_row(row + 1)
        return update

    def pick_all_shown(self) -> Update:
        """Pick every item the list shows (``*``); when every one is picked already, put them all back."""
        shown = [self.index.summaries[p].id for p in self.rows]
        if not shown:
            return Update()
        if len(self.picked.among(shown)) == len(shown):
            return self.clear_picked()
        self.picked.add(shown)
        count = len(shown)
        return Update(marks=True, notices=[Notice(
            f"{count} item{'s' * (count != 1)} selected: r, f and e act on them; Esc clears", timeout=4)])

    def clear_picked(self) -> Update:
        count = self.picked.clear()
        if not count:
            return Update()
        return Update(marks=True, notices=[Notice("Selection cleared", timeout=2)])

    def bulk_mark(self, which: str) -> tuple[list[int], bool]:
        """What ``r`` (``which`` "reviewed") or ``f`` ("flagged") does with items picked: the positions it
        acts on (the picked items shown) and the value it sets on all of them (``bulk_value``)."""
        positions = self.picked_positions()
        summaries = self.index.summaries
        return positions, bulk_value(self.states, (summaries[p].id for p in positions), which)

    # ------------------------------------------------------------------ panels

    def _follow_highlighted(self) -> tuple[str, tuple[str, ...]] | None:
        """The actor highlighted in the Actors panel becomes the one followed; the one followed."""
        item = self.item
        actor = item.actor_named(self.actor_name) if item is not None and self.actor_name else None
        if actor is not None:
            self.followed = (actor.name, tuple(a for a in actor.aliases if len(a) >= 3))
        return self.followed

    def _mentioning(self, actor: tuple[str, tuple[str, ...]]) -> set[int]:
        """Positions of the items that mention the actor (callers keep those of their rows): by name or
        by an alias of three letters or more (as find does, smart case: "EU" alone would be every
        "neutral"). Read only: the set may be the index's own."""
        name, aliases = actor
        terms = (name, *aliases)
        if len(terms) == 1:
            return self.index.find_all(name)
        found: set[int] = set()
        for term in terms:
            found.update(self.index.find_all(term))
        return found

    def toggle_actor_limit(self) -> Update:
        """L: only the items that mention the actor highlighted in the Actors panel (or followed last with
        ] and [), or every item again."""
        if self.actor_limit is not None:
            name = self.actor_limit[0]
            self.actor_limit = None
            keep = self.item.id if self.item is not None else None
            return self.refilter(keep_id=keep) | Update(notices=[Notice(f"Every item again, not only {name}'s",
                                                                        timeout=3)])
        followed = self._follow_highlighted()
        if followed is None:
            return Update(notices=[Notice("Highlight an actor in the Actors panel (A), then L lists the items "
                                          "that mention them", timeout=5)])
        self.actor_limit = followed
        keep = self.item.id if self.item is not None else None
        update = self.refilter(keep_id=keep)
        count = len(self.rows)
        says = f"{count} items mention" if count != 1 else "1 item mentions"
        update.notices.append(Notice(f"{says} {followed[0]}; ] and [ go through them, L or Esc shows every item",
                                     timeout=5))
        return update

    def next_with_actor(self, step: int) -> Update:
        """To the next (``step`` 1) or previous (-1) shown item that mentions the actor highlighted in the
        Actors panel (or the one followed last), wrapping; the actor stays highlighted there."""
        if self._follow_highlighted() is None:
            return Update(notices=[Notice("Highlight an actor in the Actors panel (A), then ] and [ go through "
                                          "the items that mention them", timeout=5)])
        assert self.followed is not None
        name = self.followed[0]
        found = self._mentioning(self.followed)
        rows = [row for row, position in enumerate(self.rows) if position in found]
        if not rows:
            return Update(notices=[Notice(f"No item shown mentions {name}", timeout=4)])
        current = self.cursor_row if self.cursor_row is not None else -1
        later = [r for r in rows if (r - current) * step > 0]
        target = (later[0] if step > 0 else later[-1]) if later else (rows[0] if step > 0 else rows[-1])
        update = self.select_row(target)
        landed = self.item.actor_named(name) if self.item is not None else None
        if landed is not None:
            self.actor_name = landed.name
            update |= Update(article=True, panels=True,
                             reveal=landed.mentions[0] if landed.mentions else None)
        k = rows.index(target) + 1
        wrapped = " (from the top)" if later == [] and step > 0 else (" (from the end)" if later == [] else "")
        update.notices.append(Notice(f"{name}: item {k} of {len(rows)} that mention them{wrapped}; ] next, "
                                     "[ previous", timeout=4))
        return update

    def target_entry(self, panel: str, index: int) -> Update:
        """An entry of a panel is highlighted: mark it in the article and scroll to it."""
        item = self.item
        if item is None:
            return Update()
        if panel == "quotes" and index < len(item.quotes):
            self.target, self.actor_name = item.quotes[index].span, None
            return Update(article=True, reveal=self.target)
        if panel == "figures" and index < len(item.figures):
            self.target, self.actor_name = item.figures[index].span, None
            return Update(article=True, reveal=self.target)
        if panel == "actors" and index < len(item.actors):
            actor = item.actors[index]
            self.actor_name, self.target = actor.name, None
            return Update(article=True, reveal=actor.mentions[0] if actor.mentions else None)
        return Update()

    def choose_entry(self, panel: str, index: int) -> Update:
        """Enter on a panel entry: an actor filters the quotes to theirs; a quote or figure opens the
        article; a related story says its title and link."""
        item = self.item
        if item is None:
            return Update()
        if panel == "actors" and index < len(item.actors):
            name = item.actors[index].name
            self.quote_speaker = None if self.quote_speaker == name else name
            notices = [Notice(f"Quotes filtered to {name}; Esc clears", timeout=3)] if self.quote_speaker else []
            return Update(quotes=True, notices=notices)
        if panel in ("quotes", "figures"):
            return Update(focus="article")
        if panel == "related" and index < len(item.related):
            related = item.related[index]
            loaded = self.loaded_related(related.title, related.url)
            if loaded is not None and loaded != self.position:
                if self.row_of(loaded) is None and self.row_of(self.groups.lead_of(loaded)) is None:
                    return Update(notices=[Notice(f"“{related.title}” is loaded but the filters hide it; Esc "
                                                  "clears them", timeout=5, title="Related story")])
                row = self.row_of(loaded)
                row = row if row is not None else self.row_of(self.groups.lead_of(loaded))
                assert row is not None
                return self.select_row(row) | Update(focus="items", notices=[Notice(
                    f"Opened the related story “{related.title}”, which is loaded", timeout=4)])
            text = related.title + ("\n" + related.url if related.url else "\n(no link given)")
            return Update(notices=[Notice(text, timeout=8, title="Related story")])
        return Update()

    def loaded_related(self, title: str, url: str | None) -> int | None:
        """The position of a loaded item that is this related story: the same link as its source, else
        the same title (case and spacing aside); None when it is not loaded."""
        def plain(text: str) -> str:
            return " ".join(text.casefold().split())

        link = url.rstrip("/") if url else None
        wanted = plain(title)
        by_title = None
        for position, summary in enumerate(self.index.summaries):
            if link and summary.source and summary.source.rstrip("/") == link:
                return position
            if by_title is None and summary.title and plain(summary.title) == wanted:
                by_title = position
        return by_title

    # ------------------------------------------------------------------ find

    def find_begin(self) -> None:
        """The find box opens: Esc will come back to the item selected now."""
        self._find_origin = self.item.id if self.item else None

    def find_matches(self) -> list[int]:
        """Positions (in list order) of the shown items that hold the find query.

        The index remembers which items hold a query (``SearchIndex.find_all``), so a change to the
        list alone (stories folding in as grouping goes on, a sort) only filters the rows again.
        """
        key = (self.find_query.strip(), id(self.rows), len(self.rows), self.index.version)
        memo = self._find_memo
        if memo is not None and memo[0] == key:
            return memo[1]
        holding = self.index.find_all(key[0])
        if len(holding) * 8 < len(self.rows):  # few: where each stands, rather than a pass over every row
            row_of = self.row_of
            placed = sorted((row, p) for p in holding if (row := row_of(p)) is not None)
            found = [p for _, p in placed]
        else:
            found = [p for p in self.rows if p in holding]
        self._find_memo = (key, found)
        return found

    def find_typed(self, value: str) -> Update:
        if value == self.find_query:
            return Update()
        self.find_query = value
        if self.find_limit:  # the list follows the query as it is typed
            if not value.strip():
                self.find_limit = False
            return self.refilter() | self._jump_to_match(start_at_origin=True)
        return self._jump_to_match(start_at_origin=True)

    def run_search(self, search: SavedSearch) -> Update:
        """A saved search: find its query and show only the items it matches (``l`` shows every item)."""
        self._find_origin = self.item.id if self.item else None
        self.find_query = search.query
        self.find_limit = True
        update = self.refilter() | self._jump_to_match(start_at_origin=True)
        found = len(self.rows)
        return update | Update(notices=[Notice(f"{search.name}: {found} item{'s' * (found != 1)} shown; l shows "
                                               "every item, Esc clears the search", timeout=4)])

    def find_accept(self) -> Update:
        """Enter in the find box: keep the query, go to its first hit in the selected item."""
        if not self.find_hits:
            return Update()
        self.find_at = 0
        return Update(article=True, reveal=self.find_hits[0])

    def _jump_to_match(self, *, start_at_origin: bool) -> Update:
        update = Update()
        matches = self.find_matches()
        if matches:
            origin = self._find_origin if start_at_origin else (self.item.id if self.item else None)
            origin_pos = self.positions.get(origin, -1) if origin is not None else -1
            # rows and matches are both in list order: bisect, no scan of the list
            row_of = self._row_of
            if row_of is None:
                k = bisect_left(matches, origin_pos)
            else:
                origin_row = self.row_of(origin_pos)
                k = bisect_left(matches, -1 if origin_row is None else origin_row, key=row_of.__getitem__)
            target_pos = matches[k] if k < len(matches) else matches[0]
            target = self.row_of(target_pos)
            if target != self.cursor_row:
                update |= self.select_row(target)
        self.find_hits = hits_in(self.item, find_pattern(self.find_query)) if self.item else []
        self.find_at = 0 if self.find_hits else -1
        return update | Update(article=True, reveal=self.find_hits[0] if self.find_hits else None)

    def find_next(self, step: int) -> Update:
        """``n`` / ``N``: the next hit in this item, else the next shown item that matches, wrapping."""
        if not self.find_query.strip():
            return Update(notices=[Notice("Press / to find first", timeout=2)])
        update = Update()
        if self.find_hits and 0 <= self.find_at + step < len(self.find_hits):
            self.find_at += step
        else:
            matches = set(self.find_matches())
            if not matches:
                return Update(notices=[Notice(f"Not found: {self.find_query}", "warning", 2)])
            n = len(self.rows)
            current = self.cursor_row or 0
            for k in range(1, n + 1):
                i = (current + step * k) % n
                if self.rows[i] in matches:
                    update |= self.select_row(i)
                    break
            self.find_hits = hits_in(self.item, find_pattern(self.find_query)) if self.item else []
            self.find_at = (0 if step > 0 else len(self.find_hits) - 1) if self.find_hits else -1
        reveal = self.find_hits[self.find_at] if 0 <= self.find_at < len(self.find_hits) else None
        return update | Update(article=True, reveal=reveal)

    # ------------------------------------------------------------------ Esc

    def cancel_find(self) -> Update:
        """Esc in the find box: the query goes, the selection goes back to where find started."""
        self.find_query = ""
        update = Update()
        if self.find_limit:  # the whole list comes back with the query gone
            self.find_limit = False
            update |= self.refilter()
        origin_pos = self.positions.get(self._find_origin) if self._find_origin else None
        row = self.row_of(origin_pos)
        if row is not None:
            update |= self.select_row(row)
        return update | self._jump_to_match(start_at_origin=True)

    def back(self, *, focused_pane: str | None) -> Update:
        """Esc outside the find box clears one thing at a time: speaker filter, target, the items picked,
        keywords, find; then focus goes back to the list."""
        if self.quote_speaker:
            self.quote_speaker = None
            return Update(quotes=True)
        if self.target is not None or self.actor_name:
            self.target = None
            self.actor_name = None
            return Update(article=True)
        if self.picked:
            return self.clear_picked()
        if self.active_keys or self.tag_filter is not None:
            return self.clear_keywords()
        if self.actor_limit is not None:
            return self.toggle_actor_limit()
        if self.find_query:
            self.find_query = ""
            self.find_hits = []
            self.find_at = -1
            if self.find_limit:
                self.find_limit = False
                return self.refilter() | Update(article=True)
            return Update(article=True)
        if focused_pane != "items":
            return Update(focus="items")
        return Update()
