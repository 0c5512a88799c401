"""The review dashboard: item list, article, and the actors / quotes / figures / related panels."""

from __future__ import annotations

import asyncio
import time
from bisect import bisect_left
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from ..filtering import Hit, SearchIndex, find_pattern, hits_in
from ..loading.head_start import HeadStart
from ..problems import Problem
from ..settings import Keyword, Settings
from . import render
from .live_reload import LiveReload
from .review import ReviewActions
from .widgets.item_list import ItemList

if TYPE_CHECKING:  # imported where used: the first frame needs none of them (start-up time)
    from textual.widgets import Tabs

    from ..background import Background
    from ..cache import ParseCache
    from ..catalog import Ref
    from ..loading.forked_head_start import ForkedHeadStart
    from ..loading.result import LoadResult
    from ..model import Item, Span
    from .widgets.article_view import ArticleView
    from .widgets.find_input import FindInput
    from .widgets.panels import Panel

PANES = ("items", "article", "actors", "quotes", "figures", "related")
FIRST_SCREENFUL = 60  # items: more rows than a tall terminal shows
DETAILS_AT_THE_LATEST = 0.3  # seconds after the screen is mounted


def _shown(widget: Widget) -> bool:
    return bool(widget.display) and widget.region.area > 0
DETAIL_PANES = PANES[1:]


class MainScreen(ReviewActions, LiveReload, Screen[None]):
    """Holds the view state; domain work (loading, filtering) happens in workers and the index."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    BINDINGS = [
        Binding("tab", "pane(1)", "Next pane", show=False, id="pane.next"),
        Binding("shift+tab", "pane(-1)", "Previous pane", show=False, id="pane.previous"),
        Binding("escape", "back", "Back / clear", show=False, id="app.back"),
        Binding("slash", "find", "Find", id="find.start"),
        Binding("n", "find_next(1)", "Next hit", show=False, id="find.next"),
        Binding("N", "find_next(-1)", "Previous hit", show=False, id="find.previous"),
        Binding("0", "clear_keywords", "Clear keyword filters", show=False, id="filter.clear"),
        Binding("m", "toggle_match", "Keywords: any / all", show=False, id="filter.mode"),
        Binding("P", "problems", "Problems", show=False, id="app.problems"),
        Binding("r", "toggle_reviewed", "Reviewed", id="review.reviewed"),
        Binding("f", "toggle_flagged", "Flag", id="review.flagged"),
        Binding("a", "note", "Note", id="review.note"),
        Binding("p", "pin", "Pin quote/figure", show=False, id="review.pin"),
        Binding("u", "review_filter('unreviewed')", "Only unreviewed", show=False, id="review.only_unreviewed"),
        Binding("F", "review_filter('flagged')", "Only flagged", show=False, id="review.only_flagged"),
        Binding("space", "next_unreviewed", "Next unreviewed", show=False, id="review.next_unreviewed"),
        Binding("e", "export", "Export", id="output.export"),
        Binding("y", "copy_quote", "Copy quote", show=False, id="output.copy_quote"),
        Binding("o", "open_related", "Open related link", show=False, id="output.open_related"),
        Binding("question_mark", "help", "Help", id="app.help"),
    ]

    def __init__(self, paths: list[Path], settings: Settings, *, use_cache: bool = True,
                 state_path: Path | None = None, head_start: HeadStart | ForkedHeadStart | None = None) -> None:
        super().__init__()
        self.paths = paths
        self._head = head_start or HeadStart(paths, use_cache=use_cache).start()
        self.state_path = state_path
        self.use_cache = use_cache
        self.settings = settings
        self.index = SearchIndex(self._fetch)
        self._fetch_cache: ParseCache | None = None
        self.rows: list[int] = []  # positions in the index, as shown
        self.active_keys: list[str] = []
        self.match_all = False
        self.problems: list[Problem] = list(settings.problems)
        self.load_progress: tuple[int, int] | None = None  # not `loading`: that is Textual's overlay switch
        self.load_complete = False
        self.item: Item | None = None
        self.position: int | None = None  # the shown item's place in the index
        self.target: Span | None = None
        self.actor_name: str | None = None
        self.quote_speaker: str | None = None
        self.find_query = ""
        self.find_hits: list[Hit] = []
        self.find_at = -1
        self._find_origin: str | None = None
        self._find_memo: tuple[tuple[str, int, int, int], list[int]] | None = None
        self.states = {}
        self._positions: dict[str, int] = {}
        self._pane = "items"
        self.file_items: dict[Path, list[str]] = {}
        self.stale: dict[str, str] = {}  # item id -> why its file no longer gives it
        self._relayout = False
        self._focus_epoch = 0
        self.details_ready = False  # the panes beside the list exist (see compose) ...
        self.details_mounted = False  # ... and have finished mounting, the footer with its keys
        self._load_started = False
        self._loader: Background | None = None
        self._worked_since = 0.0  # see give_way
        self._items_title = ""
        self._status_drawn: Text | None = None  # the status line as last drawn
        self.details_built = asyncio.Event()
        keys = [k.key for k in settings.keywords]
        for i, keyword in enumerate(settings.keywords):
            # The footer shows the first as "1-5 Keywords" so the hotkeys are discoverable.
            self._bindings.key_to_bindings.setdefault(keyword.key, []).append(
                Binding(keyword.key, f"toggle_keyword({i})", "Keywords" if i == 0 else f"Keyword: {keyword.name}",
                        show=i == 0, key_display=f"{keys[0]}-{keys[-1]}" if i == 0 and len(keys) > 1 else None,
                        tooltip=f"Keyword: {keyword.name}", id=f"keyword.{i + 1}")
            )

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        # The first frame is the status line and the list. Styling and laying out the whole dashboard
        # (~30 widgets) takes Textual longer than starting itself, so the article, the panels, the
        # tab bar, the find box and the footer are mounted once the first rows are on screen
        # (_build_details); until then keys wait for them (BriefingApp.run_action).
        yield Static(id="status")
        with Container(id="body"):
            items = ItemList(id="items")
            items.border_title = "Items"
            yield items

    def on_mount(self) -> None:
        items = self.query_one(ItemList)
        items.follow = self._follow_cursor
        items.painted = lambda: self.call_later(self._build_details)
        self.set_focus(items)
        ready = self._head.take_ready()
        if ready:  # rows for the first frame
            self._add_loaded([(path, result) for path, result, _, _ in ready], *ready[-1][2:])
        else:
            self._update_status()
        # Built after the first frame with rows (items.painted); at the latest after this long, when
        # loading is slow (cold files), so the dashboard never waits on the parser.
        self.set_timer(DETAILS_AT_THE_LATEST, self._details_soon)
        if self.settings.problems:
            self.notify(Content(f"{len(self.settings.problems)} problem(s) in the config; defaults used. Press P."),
                        severity="warning")
        if not ready:
            self._load_rest()
        # else once the panes are built: the loading thread would slow the main thread down (the
        # GIL) while it draws the first frames, and the rest of the items can wait 50 ms.

    def _load_rest(self) -> None:
        if not self._load_started:
            self._load_started = True
            self._load(self.paths)

    def _details_soon(self) -> None:
        if not self.details_ready:
            self.call_after_refresh(self._build_details)

    async def _build_details(self) -> None:
        if self.details_ready or not self.is_attached:
            return
        self._start_store(self.state_path)  # opens on its thread while the panes mount; marks follow
        from textual.widgets import Footer, Tab, Tabs

        from .widgets.article_view import ArticleView
        from .widgets.find_input import FindInput
        from .widgets.panels import Panel

        tabs = Tabs(*(Tab(p.capitalize(), id=f"tab-{p}") for p in DETAIL_PANES), id="pane-tabs")
        tabs.can_focus = False
        article = ArticleView(id="article")
        article.add_class("pane", "-active")
        article.border_title = "Article"
        panels = [Panel(p.capitalize(), id=p) for p in DETAIL_PANES[1:]]
        find = FindInput(placeholder="find in titles, bodies, actors, quotes — Enter keeps, Esc cancels", id="find")
        find.follow = self._find_typed
        mounted = [self.query_one("#body").mount(tabs, article, *panels), self.mount(find, Footer(compact=True))]
        # Queryable from here on: show the selected item and let waiting keys through.
        self.details_ready = True
        self.details_built.set()
        self._show_position(self.position)
        for done in mounted:
            await done
        self.refresh_bindings()  # the footer lists the keys once it is mounted
        self.details_mounted = True
        self._load_rest()

    def on_unmount(self) -> None:
        self.details_built.set()  # nothing may wait for widgets that will never come
        if self._loader is not None:
            self._loader.cancel()
            from ..loading.batch import stop_all_pools

            stop_all_pools()  # a worker process mid-parse is stopped, not waited for
        else:
            self._head.take_ready()  # quit before loading began: the head start stops, unwaited for
        self._stop_watching()
        self._stop_store()
        if self._fetch_cache is not None:
            self._fetch_cache.close()
        self.index.close()

    def _fetch(self, ref: Ref) -> Sequence[Item] | None:
        """A selected item's full form, read again from the parse cache (one small row)."""
        from ..cache import open_default_cache
        from ..loading.load import fetch_items

        if self._fetch_cache is None and self.use_cache:
            self._fetch_cache = open_default_cache()
        return fetch_items(ref, self._fetch_cache)

    def on_resize(self) -> None:
        # Switching between the wide and narrow layouts hides and re-shows
        # panes for a frame, which moves focus; put it back where it was.
        self._relayout = True
        self.call_after_refresh(self._after_relayout)

    def _after_relayout(self) -> None:
        self._relayout = False
        self._restore_focus_soon()

    def on_descendant_focus(self) -> None:
        """Remember the pane the analyst chose; undo focus moves Textual makes when a pane is hidden."""
        wanted = self.query_one(f"#{self._pane}")
        pane = self._focused_pane()
        if self._relayout or (pane != self._pane and not _shown(wanted)):
            self._restore_focus_soon()
            return
        self._pane = pane or self._pane

    def _restore_focus_soon(self, tries: int = 40, epoch: int | None = None) -> None:
        """Focus the remembered pane once it is on screen again (a layout pass may take a few frames).

        Given up as soon as the analyst moves focus themselves (``/``, Tab, Enter): a restore
        still pending from start-up must not pull the find box's keys back to the list.
        """
        epoch = self._focus_epoch if epoch is None else epoch

        def attempt() -> None:
            if epoch != self._focus_epoch:
                return
            widget = self.query_one(f"#{self._pane}")
            if _shown(widget):
                if self._focused_pane() != self._pane:
                    self.focus_pane(self._pane)
            elif tries > 0:
                self.set_timer(0.05, lambda: self._restore_focus_soon(tries - 1, epoch))

        self.call_after_refresh(attempt)

    def _chose_focus(self) -> None:
        """The analyst moved focus: pending restores are void."""
        self._focus_epoch += 1

    # ------------------------------------------------------------------ loading

    def _load(self, paths: list[Path]) -> None:
        """Load every file off the event loop, through the parse cache, parsing cold files in worker
        processes; the screen gets batches a few times a second, not one call per file. On a daemon
        thread: quitting never waits for a file still being parsed."""
        from ..background import Background

        self._loader = Background(lambda job: self._load_in_background(job, paths), name="briefing-load",
                                  on_error=lambda exc: self._background_failed(exc, "loading")).start()

    def _load_in_background(self, job: Background, paths: list[Path]) -> None:
        from ..memory import release_free_memory

        head = self._head
        batch: list[tuple[Path | None, LoadResult]] = []
        last = time.monotonic()
        done, total = self.load_progress or (0, 0)
        first = len(self.index)  # items shown so far: a screenful goes at once, the rest in batches
        try:
            for path, result, done, total in head.rest():
                if job.is_cancelled:
                    return
                self.give_way()
                cache = head.cache
                batch.append((path, result))
                if first >= 0:
                    first += len(result.entries or ())
                now = time.monotonic()
                if now - last > 0.1 or done == total or first >= FIRST_SCREENFUL:
                    first = -1
                    if cache is not None:
                        cache.flush()  # the screen reads these entries back through its own connection
                    self.app.call_from_thread(self._add_loaded, batch, done, total)
                    batch, last = [], now
        finally:
            head.close()
        if job.is_cancelled:
            return
        if batch or not self.load_complete:
            self.app.call_from_thread(self._add_loaded, batch, done, total)
        # Loading decoded megabytes of text now on disk: give those pages back, and freeze what
        # stays (first: until then the collector's full passes walk every loaded object).
        release_free_memory()
        self.app.call_from_thread(self._start_watching)
        self.app.call_from_thread(self.app.pace_collector)  # type: ignore[attr-defined]
        # Keyword hotkeys answer from sets computed here, not by a scan on the first press.
        computed = self.index.keyword_sets(self.settings.keywords, pause=self.give_way)
        if not job.is_cancelled:
            self.app.call_from_thread(self.index.adopt, computed)

    def _background_failed(self, exc: BaseException, what: str) -> None:
        """On a background thread: work that should never fail did. The dashboard stays up with what it
        has; the analyst is told, and the traceback is kept for a report."""
        from ..crash_report import save_traceback

        saved = save_traceback(exc, context=what)
        where = f"; details in {saved}" if saved else ""
        message = f"{what} stopped: internal error ({type(exc).__name__}: {exc}){where}"
        self.app.call_from_thread(self._report_failure, Problem("briefing", message))

    def _report_failure(self, failure: Problem) -> None:
        self.problems.append(failure)
        if self.load_progress is not None or not self.load_complete:
            self.load_progress, self.load_complete = None, True
        self.notify(Content(str(failure)), severity="error", timeout=12)
        self._update_status()

    def give_way(self, *, slice_: float = 0.005, recent: float = 0.12, longest: float = 0.03) -> None:
        """Called often by background work (loading, keyword sets): after each ``slice_`` of work,
        if a key or click came in the last ``recent`` seconds, sleep up to ``longest``. A thread
        holding the GIL makes the screen's thread wait for it again and again within one key, so a
        key during loading took twice as long; now the work mostly waits, yet keeps a share (about
        a seventh) while keys keep coming, so loading and the keyword sets still finish. A key
        that comes in during a slice ends it at the next call."""
        now = time.monotonic()
        app = self.app
        if now - self._worked_since < slice_ and getattr(app, "last_input", 0.0) < self._worked_since:
            return  # within the slice, and no key since it began
        end = now + longest
        while now < end and now - getattr(app, "last_input", 0.0) < recent:
            time.sleep(0.005)
            now = time.monotonic()
        self._worked_since = now

    def _add_loaded(self, batch: list[tuple[Path | None, LoadResult]], done: int, total: int) -> None:
        problems: list[Problem] = []
        added = False
        for path, result in batch:
            ids: list[str] = []
            fresh = []
            for entry in result.entries or []:
                summary = entry.summary
                if summary.id in self._positions:
                    problems.append(Problem(summary.source or "?",
                                            f"item id '{summary.id}' was already loaded; skipped"))
                    continue
                self._positions[summary.id] = len(self.index) + len(fresh)
                fresh.append(entry)
                ids.append(summary.id)
            if fresh:
                self.index.add_entries(fresh)
                added = True
            if path is not None:
                self.file_items[path] = ids
            problems.extend(result.problems)
        self.problems.extend(problems)
        self.load_progress = (done, total) if done < total else None
        self.load_complete = done >= total
        if added:
            self._refilter()
        if self.load_complete and not self.rows:
            self._details_soon()  # no rows to wait for
        if self.problems and done == total and problems:
            self.notify(Content(f"{len(self.problems)} file problem(s): press P to see them"), severity="warning")
        self._update_status()

    # ------------------------------------------------------------------ filtering

    @property
    def active_keywords(self) -> list[Keyword]:
        return [k for k in self.settings.keywords if k.key in self.active_keys]

    def _refilter(self, *, keep_id: str | None = None) -> None:
        rows = self.index.filtered(self.active_keywords, match_all=self.match_all)
        summaries = self.index.summaries
        if self.review_filter == "unreviewed":
            rows = [p for p in rows if not getattr(self.states.get(summaries[p].id), "reviewed", False)]
        elif self.review_filter == "flagged":
            rows = [p for p in rows if getattr(self.states.get(summaries[p].id), "flagged", False)]
        self.rows = rows
        items = self.query_one(ItemList)
        keep = self._positions.get(keep_id) if keep_id else items.current_position
        items.stale = self.stale
        items.set_rows(rows, summaries, keep_position=keep)
        if not self.rows:
            self._show_position(None)
        self._update_status()

    def action_toggle_keyword(self, i: int) -> None:
        keyword = self.settings.keywords[i]
        if keyword.key in self.active_keys:
            self.active_keys.remove(keyword.key)
        else:
            self.active_keys.append(keyword.key)
        self._refilter()
        self._redraw_article()

    def action_clear_keywords(self) -> None:
        if self.active_keys:
            self.active_keys.clear()
            self._refilter()
            self._redraw_article()

    def action_toggle_match(self) -> None:
        self.match_all = not self.match_all
        self._refilter()

    # ------------------------------------------------------------------ the current item

    @on(ItemList.Highlighted)
    def _on_item_highlighted(self, event: ItemList.Highlighted) -> None:
        self._follow_cursor(event.position)

    def _follow_cursor(self, position: int | None) -> None:
        if position != self.position or position is None:
            self._show_position(position)

    def _show_position(self, position: int | None) -> None:
        self.position = position
        if not self.details_ready:
            return  # the item is read and shown when the panes are there (_build_details)
        self._show_item(self.index.items[position] if position is not None else None)

    @on(ItemList.Opened)
    def _on_item_opened(self, event: ItemList.Opened) -> None:
        self._chose_focus()
        self.focus_pane("article")

    def _show_item(self, item: Item | None) -> None:
        new = item is not self.item
        self.item = item
        if new:
            self.target = None
            self.actor_name = None
            self.quote_speaker = None
            self.find_at = -1
        self.find_hits = hits_in(item, find_pattern(self.find_query)) if item else []
        self._fill_panels(keep_place=not new)
        self._redraw_article(new_item=new)
        self._update_status()

    def _keyword_hits(self) -> list[Hit]:
        if not self.item or not self.active_keys:
            return []
        hits: list[Hit] = []
        for keyword in self.active_keywords:
            hits.extend(hits_in(self.item, keyword.pattern))
        return hits

    def _redraw_article(self, *, new_item: bool = False) -> None:
        if not self.details_ready:
            return
        from .widgets.article_view import Highlights

        actor = self.item.actor_named(self.actor_name) if self.item else None
        current = self.find_hits[self.find_at] if 0 <= self.find_at < len(self.find_hits) else None
        highlights = Highlights(keyword_hits=self._keyword_hits(), find_hits=self.find_hits, current_find=current,
                                target=self.target, actor=actor,
                                stale=self.stale.get(self.item.id) if self.item else None)
        self._article().show(self.item, highlights, new_item=new_item)

    def _sync_marks(self) -> None:
        items = self.query_one(ItemList)
        items.marks = {i: "flagged" if s.flagged else "reviewed" for i, s in self.states.items()
                       if s.flagged or s.reviewed}
        items.refresh()

    def _fill_panels(self, *, keep_place: bool = True) -> None:
        """Refill the panels; on the same item each keeps its highlighted entry."""
        if not self.details_ready:
            return
        item = self.item
        state = self.state_of(item)
        actors, quotes, figures, related = (self._panel(p) for p in DETAIL_PANES[1:])
        if item is None:
            for panel in (actors, quotes, figures, related):
                panel.set_entries([])
            return
        said: dict[str, int] = {}
        for q in item.quotes:
            if q.speaker:
                said[q.speaker] = said.get(q.speaker, 0) + 1
        actors.set_entries([(render.actor_row(a, said.get(a.name, 0)), i) for i, a in enumerate(item.actors)],
                           keep_place=keep_place)
        self._fill_quotes(keep_place=keep_place)
        figures.set_entries([(render.figure_row(f, pinned=bool(state and state.pinned("figure", f.text))), i)
                             for i, f in enumerate(item.figures)], keep_place=keep_place)
        related.set_entries([(render.related_row(r.title, r.url), i) for i, r in enumerate(item.related)],
                            keep_place=keep_place)

    def _fill_quotes(self, *, keep_place: bool = True) -> None:
        if not self.details_ready:
            return
        item = self.item
        quotes = self._panel("quotes")
        if item is None:
            quotes.set_entries([])
            return
        speaker = self.quote_speaker
        state = self.state_of(item)
        entries = [(render.quote_row(q, pinned=bool(state and state.pinned("quote", q.text))), i)
                   for i, q in enumerate(item.quotes) if speaker is None or q.speaker == speaker]
        quotes.set_entries(entries, note=speaker or "", empty=f"no quotes from {speaker}" if speaker else "none",
                           keep_place=keep_place)

    def _article(self) -> ArticleView:
        return self.query_one("#article")  # type: ignore[return-value]

    def _panel(self, name: str) -> Panel:
        return self.query_one(f"#{name}")  # type: ignore[return-value]

    def on_panel_target(self, event: Panel.Target) -> None:
        item = self.item
        if item is None or event.index is None:
            return
        panel_id = event.panel.id
        span: Span | None = None
        if panel_id == "quotes" and event.index < len(item.quotes):
            span = item.quotes[event.index].span
            self.actor_name = None
        elif panel_id == "figures" and event.index < len(item.figures):
            span = item.figures[event.index].span
            self.actor_name = None
        elif panel_id == "actors" and event.index < len(item.actors):
            actor = item.actors[event.index]
            self.actor_name = actor.name
            span = actor.mentions[0] if actor.mentions else None
            self.target = None
            self._redraw_article()
            self._article().reveal(span)
            return
        else:
            return
        self.target = span
        self._redraw_article()
        self._article().reveal(span)

    def on_panel_chosen(self, event: Panel.Chosen) -> None:
        item = self.item
        if item is None:
            return
        if event.panel.id == "actors" and event.index < len(item.actors):
            name = item.actors[event.index].name
            self.quote_speaker = None if self.quote_speaker == name else name
            self._fill_quotes()
            self._update_status()
            if self.quote_speaker:
                self.notify(Content(f"Quotes filtered to {name}; Esc clears"), timeout=3)
        elif event.panel.id in ("quotes", "figures"):
            self.focus_pane("article")
        elif event.panel.id == "related" and event.index < len(item.related):
            related = item.related[event.index]
            message = Content(related.title) + (Content("\n" + related.url) if related.url else Content(
                "\n(no link given)"))
            self.notify(message, title="Related story", timeout=8)

    # ------------------------------------------------------------------ panes

    def focus_pane(self, name: str) -> None:
        self._pane = name
        if name in DETAIL_PANES:
            for pane in DETAIL_PANES:
                self.query_one(f"#{pane}").set_class(pane == name, "-active")
            tabs: Tabs = self.query_one("#pane-tabs")  # type: ignore[assignment]
            if tabs.active != f"tab-{name}":
                tabs.active = f"tab-{name}"
        # Focus now, not on the next turn of the loop (Widget.focus defers): a key typed right after
        # Tab or / must land in the pane or box just chosen.
        self.set_focus(self.query_one(f"#{name}"))

    def _focused_pane(self) -> str | None:
        node = self.focused
        while node is not None:
            if node.id in PANES:
                return node.id
            node = node.parent  # type: ignore[assignment]
        return None

    def action_pane(self, step: int) -> None:
        self._chose_focus()
        current = self._focused_pane() or "items"
        self.focus_pane(PANES[(PANES.index(current) + step) % len(PANES)])

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tabs.id != "pane-tabs":
            return
        name = (event.tab.id or "").removeprefix("tab-")
        if name in DETAIL_PANES and not self.query_one(f"#{name}").has_class("-active"):
            self._chose_focus()
            self.focus_pane(name)

    # ------------------------------------------------------------------ find

    def action_find(self) -> None:
        self._chose_focus()
        box = self._find_box()
        self._find_origin = self.item.id if self.item else None
        box.display = True
        box.value = self.find_query
        self.set_focus(box)

    def _find_box(self) -> FindInput:
        return self.query_one("#find")  # type: ignore[return-value]

    def _find_typed(self, value: str) -> None:
        if value != self.find_query:
            self.find_query = value
            self._jump_to_match(start_at_origin=True)

    def action_find_accept(self) -> None:
        """Enter in the find box: keep the query and go back to the list, at once (see FindInput)."""
        self._close_find()
        if self.find_hits:
            self.find_at = 0
            self._redraw_article()
            self._article().reveal(self.find_hits[0])

    def _close_find(self) -> None:
        box = self._find_box()
        box.display = False
        self.set_focus(self.query_one(ItemList))

    def _find_matches(self) -> list[int]:
        """Positions (in list order) of the shown items that hold the find query; one search per query.

        A query that extends the previous one searches only the previous matches.
        """
        key = (self.find_query.strip(), id(self.rows), len(self.rows), len(self.index))
        memo = self._find_memo
        if memo is not None and memo[0] == key:
            return memo[1]
        candidates = self.rows
        if memo is not None and memo[0][1:] == key[1:] and memo[0][0] and key[0].startswith(memo[0][0]):
            candidates = memo[1]
        found = self.index.find(key[0], candidates)
        self._find_memo = (key, found)
        return found

    def _jump_to_match(self, *, start_at_origin: bool) -> None:
        matches = self._find_matches()
        if matches:
            origin = self._find_origin if start_at_origin else (self.item.id if self.item else None)
            origin_pos = self._positions.get(origin, -1) if origin is not None else -1
            # rows and matches are both in position order: bisect, no scan of the list
            k = bisect_left(matches, origin_pos)
            target_pos = matches[k] if k < len(matches) else matches[0]
            target = bisect_left(self.rows, target_pos)
            if target != self.query_one(ItemList).cursor:
                self._select_row(target)
        self.find_hits = hits_in(self.item, find_pattern(self.find_query)) if self.item else []
        self.find_at = 0 if self.find_hits else -1
        self._redraw_article()
        if self.find_hits:
            self._article().reveal(self.find_hits[0])
        self._update_status()

    def action_find_next(self, step: int) -> None:
        if not self.find_query.strip():
            self.notify("Press / to find first", timeout=2)
            return
        if self.find_hits and 0 <= self.find_at + step < len(self.find_hits):
            self.find_at += step
        else:
            matches = set(self._find_matches())
            if not matches:
                self.notify(Content(f"Not found: {self.find_query}"), severity="warning", timeout=2)
                return
            items = self.query_one(ItemList)
            n = len(self.rows)
            for k in range(1, n + 1):
                i = (items.cursor + step * k) % n
                if self.rows[i] in matches:
                    self._select_row(i)
                    break
            self.find_hits = hits_in(self.item, find_pattern(self.find_query)) if self.item else []
            self.find_at = (0 if step > 0 else len(self.find_hits) - 1) if self.find_hits else -1
        self._redraw_article()
        if 0 <= self.find_at < len(self.find_hits):
            self._article().reveal(self.find_hits[self.find_at])
        self._update_status()

    # ------------------------------------------------------------------ navigation helpers

    def _select_row(self, row: int) -> None:
        """Move the list cursor and show that item now, so callers can use it at once."""
        self.query_one(ItemList).move_to(row)
        self._cursor_item()

    def go_to_position(self, position: int) -> None:
        if position in self.rows:
            self.query_one(ItemList).move_to(self.rows.index(position))
            self.focus_pane("items")

    def action_back(self) -> None:
        box = self._find_box()
        if box.display:
            self.find_query = ""
            self._close_find()
            origin_pos = self._positions.get(self._find_origin) if self._find_origin else None
            k = bisect_left(self.rows, origin_pos) if origin_pos is not None else len(self.rows)
            if k < len(self.rows) and self.rows[k] == origin_pos:
                self._select_row(k)
            self._jump_to_match(start_at_origin=True)
            return
        if self.quote_speaker:
            self.quote_speaker = None
            self._fill_quotes()
        elif self.target is not None or self.actor_name:
            self.target = None
            self.actor_name = None
            self._redraw_article()
        elif self.active_keys:
            self.action_clear_keywords()
        elif self.find_query:
            self.find_query = ""
            self.find_hits = []
            self.find_at = -1
            self._redraw_article()
        elif self._focused_pane() != "items":
            self.focus_pane("items")
        self._update_status()

    def action_help(self) -> None:
        from .screens.help import HelpScreen, binding_rows

        self.app.push_screen(HelpScreen(binding_rows(self.app, self)))

    def action_problems(self) -> None:
        from .screens.problems import ProblemsScreen

        self.app.push_screen(ProblemsScreen(self.problems))

    # ------------------------------------------------------------------ status line

    def _update_status(self) -> None:
        total = len(self.index)
        shown = len(self.rows)
        status = Text(" briefing ", style="bold reverse")
        status.append(f" {total} item{'s' * (total != 1)}")
        if self.active_keys:
            joiner = " AND " if self.match_all else " OR "
            status.append(" · ")
            for n, keyword in enumerate(self.active_keywords):
                if n:
                    status.append(joiner, style="bold")
                status.append(f"[{keyword.key} {keyword.name}]", style="reverse")
            status.append(f" · {shown}/{total} shown")
        # Counted over the (few) marked items, not over every loaded item.
        reviewed = sum(1 for i, s in self.states.items() if s.reviewed and i in self._positions)
        flagged = sum(1 for i, s in self.states.items() if s.flagged and i in self._positions)
        if total:
            status.append(f" · {total - reviewed} to review")
        if flagged:
            status.append(f" · ⚑ {flagged}")
        if self.review_filter:
            status.append(f" · only {self.review_filter}", style="reverse")
            if not self.active_keys:
                status.append(f" · {shown}/{total} shown")
        if self.quote_speaker:
            status.append(" · quotes by ")
            status.append(self.quote_speaker, style="bold")
        if self.find_query.strip():
            matched = len(self._find_matches())
            status.append(" · find “")
            status.append(self.find_query)
            status.append(f"” {matched} item{'s' * (matched != 1)}")
            if self.find_hits:
                status.append(f", hit {max(self.find_at, 0) + 1}/{len(self.find_hits)}")
        if self.load_progress:
            done, files = self.load_progress
            status.append(f" · loading {done}/{files} files…", style="italic")
        elif not self.load_complete:
            status.append(" · loading…", style="italic")
        if self.store is not None and self.store.read_only:
            status.append(" · state read-only", style="bold reverse")
        if self.problems:
            status.append(f" · ⚠ {len(self.problems)} problem{'s' * (len(self.problems) != 1)} (P)", style="bold")
        if status != self._status_drawn:  # most moves leave it as it was: no repaint then
            self._status_drawn = status
            self.query_one("#status", Static).update(status, layout=False)  # one line: a repaint, not a layout
        title = f"Items {shown}" + (f"/{total}" if shown != total else "")
        if title != self._items_title:  # setting it, even unchanged, repaints the whole list
            self._items_title = title
            self.query_one(ItemList).border_title = Content(title)
