"""The review dashboard: item list, article, and the actors / quotes / figures / related panels.

The screen presents a ``ReviewSession`` (``briefing_tui/session.py``), which
holds the state and the rules; the screen turns keys and clicks into session
calls and applies the ``Update`` each returns to its widgets. Loading, live
reload and the review store are collaborators on threads of their own that
report back as messages.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from ..filtering import SearchIndex
from ..loading.launch import ReadAhead, begin_head_start, open_item_source
from ..paths import feeds_dir, fetch_state_file, rule_memo_dir
from ..problems import Problem
from ..review_state import wrong_target
from ..session import ReviewSession, Update
from ..settings import Settings
from . import render
from .config_reload import ConfigChanged, ConfigReload
from .feed_refresh import FeedFetched, FeedRefresh, FeedsProgress
from .live_reload import FilesChanged, LiveReload
from .loader import BackgroundFailed, ItemsLoaded, KeywordSetsReady, Loader, LoadingFinished, TextsIndexed
from .pane_layout import WIDE_AT, ListSplit
from .review import ReviewDesk, StoreDone
from .rule_runner import RuleRunner, RulesMatched
from .saved_searches import SearchCounter, SearchesCounted
from .textual_internals import add_binding, drop_bindings, exit_requested, key_names
from .widgets.item_list import ItemList

if TYPE_CHECKING:  # imported where used: the first frame needs none of them (start-up time)
    from textual.timer import Timer
    from textual.widgets import Tabs

    from ..grouping import GroupingWorker
    from ..model import Item, Quote
    from ..rules import RuleSet
    from .widgets.article_view import ArticleView
    from .widgets.find_input import FindInput
    from .widgets.panels import Panel

PANES = ("items", "article", "actors", "quotes", "figures", "related")
DETAILS_AT_THE_LATEST = 0.3  # seconds after the screen is mounted
# How often the list looks whether a claim lapsed: a claim lasts minutes, so within this is soon enough.
CLAIM_TICK = 15.0


def _shown(widget: Widget) -> bool:
    return bool(widget.display) and widget.region.area > 0
DETAIL_PANES = PANES[1:]


# Seconds without a key or click before what the grouper found is folded into the list.
GROUPS_QUIET = 0.4


class GroupsFound(Message):
    """The grouper placed items in groups: (position, lead position) pairs."""

    bubble = False  # for the screen alone

    def __init__(self, found: list[tuple[int, int]]) -> None:
        super().__init__()
        self.found = found


class MainScreen(Screen[None]):
    """Presents the review session; domain work (loading, filtering) happens in workers and the index."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_AT, "-wide")]
    ALLOW_IN_MAXIMIZED_VIEW = "#status, #find, Footer"  # a maximised pane keeps the status line and keys

    BINDINGS = [
        Binding("tab", "pane(1)", "Next pane", show=False, id="pane.next"),
        Binding("shift+tab", "pane(-1)", "Previous pane", show=False, id="pane.previous"),
        # Straight to a pane (digits are keyword filters): pinning the first quote is Q then p.
        Binding("I", "pane_to('items')", "Items pane", show=False, id="pane.items"),
        Binding("T", "pane_to('article')", "Article pane (text)", show=False, id="pane.article"),
        Binding("A", "pane_to('actors')", "Actors pane", show=False, id="pane.actors"),
        Binding("Q", "pane_to('quotes')", "Quotes pane", show=False, id="pane.quotes"),
        Binding("V", "pane_to('figures')", "Figures pane (values)", show=False, id="pane.figures"),
        Binding("R", "pane_to('related')", "Related pane", show=False, id="pane.related"),
        Binding("less_than_sign", "list_share(-1)", "Narrower list (or lower)", show=False, id="pane.list_smaller"),
        Binding("greater_than_sign", "list_share(1)", "Wider list (or taller)", show=False, id="pane.list_larger"),
        Binding("Z", "maximise", "Maximise the pane / back", show=False, id="pane.maximise"),
        Binding("right_square_bracket", "with_actor(1)", "Next item with this actor", show=False,
                id="actor.next_item"),
        Binding("left_square_bracket", "with_actor(-1)", "Previous item with this actor", show=False,
                id="actor.previous_item"),
        Binding("L", "actor_limit", "Only the items with this actor / all", show=False, id="actor.limit"),
        Binding("escape", "back", "Back / clear", show=False, id="app.back"),
        Binding("slash", "find", "Find", id="find.start"),
        Binding("n", "find_next(1)", "Next hit", show=False, id="find.next"),
        Binding("N", "find_next(-1)", "Previous hit", show=False, id="find.previous"),
        Binding("l", "find_limit", "Only what find matches", show=False, id="find.limit"),
        Binding("0", "clear_keywords", "Clear keyword and tag filters", show=False, id="filter.clear"),
        Binding("m", "toggle_match", "Keywords: any / all", show=False, id="filter.mode"),
        Binding("P", "problems", "Problems", show=False, id="app.problems"),
        Binding("x", "toggle_group", "Same story: sources / one row", show=False, id="group.toggle"),
        Binding("r", "toggle_reviewed", "Reviewed", id="review.reviewed"),
        Binding("f", "toggle_flagged", "Flag", id="review.flagged"),
        Binding("a", "note", "Note", id="review.note"),
        Binding("p", "pin", "Pin quote/figure", show=False, id="review.pin"),
        Binding("u", "review_filter('unreviewed')", "Only unreviewed", show=False, id="review.only_unreviewed"),
        Binding("F", "review_filter('flagged')", "Only flagged", show=False, id="review.only_flagged"),
        Binding("space", "next_unreviewed", "Next unreviewed", show=False, id="review.next_unreviewed"),
        Binding("c", "toggle_claim", "Claim / release", show=False, id="review.claim"),
        Binding("v", "toggle_picked", "Select / unselect (r, f, e act on all)", show=False, id="select.toggle"),
        Binding("asterisk", "pick_all", "Select every shown item / none", show=False, id="select.all"),
        Binding("t", "tag", "Tag / untag", show=False, id="review.tag"),
        Binding("number_sign", "tag_filter", "Only items with a tag", show=False, id="filter.tag"),
        Binding("z", "undo", "Undo", show=False, id="review.undo"),
        Binding("S", "cycle_sort", "Sort: next order", show=False, id="list.sort"),
        Binding("b", "cycle_sections", "Group: source/day", show=False, id="list.group_by"),
        Binding("s", "correct_speaker", "Correct the speaker", show=False, id="correct.speaker"),
        Binding("w", "toggle_wrong", "Mark wrong / right", show=False, id="correct.wrong"),
        Binding("plus", "add_actor", "Add a missed actor", show=False, id="correct.add_actor"),
        Binding("e", "export", "Export", id="output.export"),
        Binding("y", "copy_quote", "Copy quote", show=False, id="output.copy_quote"),
        Binding("o", "open_related", "Open related link", show=False, id="output.open_related"),
        Binding("H", "toggle_hidden", "Show items rules hide", show=False, id="rules.show_hidden"),
        Binding("question_mark", "help", "Help", id="app.help"),
    ]

    def __init__(self, paths: list[Path], settings: Settings, *, use_cache: bool = True,
                 state_path: str | Path | None = None, head_start: ReadAhead | None = None) -> None:
        super().__init__()
        self.paths = paths
        self._head = head_start or begin_head_start(paths, use_cache=use_cache)
        self.state_path = state_path
        self.use_cache = use_cache
        self.settings = settings
        self._items = open_item_source(use_cache)  # the selected item, read again from the parse cache
        # The hotkeys' keywords come answered with each item (the loader reads or works out each
        # entry's keyword flags): their sets are whole as items come in.
        index = SearchIndex(self._items.fetch, keywords=settings.keywords, look_up=self._items.search_rows)
        self.session = ReviewSession(settings, index)
        self.loader = Loader(self._head, self, self.give_way, keywords=self.index.flagged)
        self.live_reload = LiveReload([p for p in paths if p.is_dir()], self, use_cache=use_cache)
        # Open on the fetched-feeds folder (`briefing` with no PATH and feeds in config.yaml): the
        # feeds are fetched again in the background as their refresh intervals pass.
        self.feed_refresh = FeedRefresh(settings.feeds if feeds_dir() in paths else [], feeds_dir(),
                                        fetch_state_file(), self, use_cache=use_cache)
        self.review = ReviewDesk(self, state_path, use_cache=use_cache)
        self.rule_runner = RuleRunner(self, self.give_way, use_cache=use_cache,
                                      memo_folder=rule_memo_dir() if use_cache else None)
        self._rule_keys: set[str] = set()  # keys bound to rule hotkeys (bindings stay; rules may change)
        self._grouping: GroupingWorker | None = None  # started with the first items to group
        # What the grouper found while keys were coming: folded in once they pause (GROUPS_QUIET).
        self._groups_pending: list[tuple[int, int]] = []
        self._groups_timer: Timer | None = None
        self._pane = "items"
        self._relayout = False
        self._focus_epoch = 0
        self.split = ListSplit()  # the list's share of the screen, < and >; kept for the session
        self.details_ready = False  # the panes beside the list exist (see compose) ...
        self.details_mounted = False  # ... and have finished mounting, the footer with its keys
        self._items_title = ""
        self._status_drawn: Text | None = None  # the status line as last drawn
        self.details_built = asyncio.Event()
        self.config_reload: ConfigReload | None = None  # once loading is done
        self.search_counter = SearchCounter(self)
        self._bind_keywords()
        self._rule_key_problems = self._bind_rule_keys(settings.rules) + self._bind_search_keys()

    def _bind_keywords(self) -> None:
        """Bind the keyword hotkeys; again after config.yaml changed (the old ones go first)."""
        drop_bindings(self, "keyword.")
        keys = [k.key for k in self.settings.keywords]
        for i, keyword in enumerate(self.settings.keywords):
            # The footer shows the first as "1-5 Keywords" so the hotkeys are discoverable.
            add_binding(self,
                Binding(keyword.key, f"toggle_keyword({i})", "Keywords" if i == 0 else f"Keyword: {keyword.name}",
                        show=i == 0, key_display=f"{keys[0]}-{keys[-1]}" if i == 0 and len(keys) > 1 else None,
                        tooltip=f"Keyword: {keyword.name}", id=f"keyword.{i + 1}")
            )

    def _bind_search_keys(self) -> list[str]:
        """Bind each saved search's key (afresh after config.yaml changed); a key the dashboard, a keyword
        or a rule uses stays theirs, and the search is in the palette only (said in the messages)."""
        from .widgets.article_view import ArticleView
        from .widgets.panels import Panel

        drop_bindings(self, "search.")
        taken: set[str] = set()
        for key in [k.key for k in self.settings.keywords] + sorted(self._rule_keys):
            taken |= key_names(key)
        for owner in (type(self), type(self.app), ItemList, ArticleView, Panel):
            for binding in owner.BINDINGS:
                taken |= key_names(binding.key if isinstance(binding, Binding) else binding[0])
        problems = []
        for i, search in enumerate(self.settings.searches):
            if search.key is None:
                continue
            if key_names(search.key) & taken:
                problems.append(f"Search {search.name}: the key {search.key} is taken by the dashboard, a keyword "
                                "or a rule; the search is in the command palette (Ctrl+P) only")
                continue
            taken |= key_names(search.key)
            add_binding(self, Binding(search.key, f"run_search({i})", f"Search: {search.name}", show=False,
                                      id=f"search.{i + 1}"))
        return problems

    @property
    def index(self) -> SearchIndex:
        return self.session.index

    @property
    def item(self) -> Item | None:
        return self.session.item

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
        # On a 16-colour terminal (TERM=xterm, screen) the accent of a focused pane comes out bright
        # red, which reads as an error: focus is shown by a double border in the text colour there.
        # (Headless, as under test, the console reads no terminal and says "standard" too.)
        if not self.app.is_headless and self.app.console.color_system in ("standard", "windows"):
            self.add_class("-ansi16")
        items = self.query_one(ItemList)
        items.follow = self._follow_cursor
        items.painted = lambda: self.call_later(self._build_details)
        self.set_focus(items)
        ready = self._head.take_ready()
        if ready:  # rows for the first frame
            self._loaded([(path, result) for path, result, _, _ in ready], *ready[-1][2:])
        else:
            self._update_status()
        # Built after the first frame with rows (items.painted); at the latest after this long, when
        # loading is slow (cold files), so the dashboard never waits on the parser.
        self.set_timer(DETAILS_AT_THE_LATEST, self._details_soon)
        if self.settings.problems:
            self.notify(Content(f"{len(self.settings.problems)} problem(s) in the config; defaults used. Press P."),
                        severity="warning")
        for text in self._rule_key_problems:
            self.notify(Content(text), severity="warning", timeout=8)
        if not ready:
            self._load_rest()
        # else once the panes are built: the loading thread would slow the main thread down (the
        # GIL) while it draws the first frames, and the rest of the items can wait that long.

    def _load_rest(self) -> None:
        if not self.loader.started:
            session = self.session
            self.loader.start(len(session.index), session.load_progress or (0, 0), session.load_complete)

    def _details_soon(self) -> None:
        if not self.details_ready:
            self.call_after_refresh(self._build_details)

    async def _build_details(self) -> None:
        if self.details_ready or not self.is_attached:
            return
        self.review.start()  # opens on its thread while the panes mount; marks follow
        self.set_interval(CLAIM_TICK, self._claims_tick)
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
        self.split.apply(self)
        self.details_ready = True
        self.details_built.set()
        self.apply(self.session.show_items())
        for done in mounted:
            await done
        self.refresh_bindings()  # the footer lists the keys once it is mounted
        self.details_mounted = True
        self._load_rest()

    def on_unmount(self) -> None:
        self.details_built.set()  # nothing may wait for widgets that will never come
        if self.loader.started:
            self.loader.cancel()
            from ..loading.batch import stop_all_pools

            stop_all_pools()  # a worker process mid-parse is stopped, not waited for
        else:
            self._head.take_ready()  # quit before loading began: the head start stops, unwaited for
        self.live_reload.stop()
        if self.config_reload is not None:
            self.config_reload.stop()
        self.search_counter.stop()
        self.feed_refresh.stop()
        self.rule_runner.stop()
        if self._grouping is not None:
            self._grouping.stop()
        self.review.stop()
        self._items.close()
        self.index.close()

    def on_resize(self) -> None:
        self.split.apply(self)
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

    # ------------------------------------------------------------------ applying the session's updates

    def apply(self, update: Update) -> None:
        """Show what a session call changed; the one place widgets follow the session."""
        session = self.session
        items = self.query_one(ItemList)
        if update.rows:
            items.stale = session.stale
            items.groups, items.expanded, items.sections = session.groups, session.expanded, session.sections
            items.set_rows(session.rows, session.index.summaries, keep_position=session.position)
            if not session.rows and session.load_complete:
                self._details_soon()  # no rows to wait for
        if update.select_row is not None and update.select_row != items.cursor:
            items.move_to(update.select_row)
        if update.marks:
            items.marks = session.marks()
            items.claims = session.claims()
            items.set_review(session.noted(), session.reviewed_ids(), session.review_tags())
            items.picked = session.picked.ids
            items.refresh()
        if self.details_ready:
            if update.item or update.panels:
                self._fill_panels(keep_place=not update.item)
            elif update.quotes:
                self._fill_quotes()
            if update.item or update.article:
                self._redraw_article(new_item=update.item)
            if update.reveal is not None:
                self._article().reveal(update.reveal)
            if update.focus is not None:
                self.focus_pane(update.focus)
        for notice in update.notices:
            self.notify(Content(notice.text), title=notice.title or "", severity=notice.severity,
                        timeout=notice.timeout)
        effects = session.rule_effects
        due = effects.take_due()
        if due:
            self.rule_runner.submit(effects, session.index, due)
        self._update_status()

    # ------------------------------------------------------------------ loading

    def _loaded(self, batch: list, done: int, total: int) -> None:
        self.apply(self.session.add_loaded(batch, done, total))
        self._group_new_items()

    def _group_new_items(self) -> None:
        """Hand the items loaded since the last call to the grouper, on its thread, once loading is
        over: a grouper running beside the loader takes the GIL from it and its deliveries refold the
        list every quarter second, and a warm archive loaded several times slower that way."""
        if not self.session.load_complete or self.settings.grouping is None:
            return
        to_group = self.session.take_to_group()
        if not to_group:
            return
        if self._grouping is None:
            from ..grouping import GroupingWorker

            def failed(error: BaseException) -> None:
                self.post_message(BackgroundFailed(error, "Grouping the same story"))

            from ..tuning import GiveWay

            app = self.app
            # A GiveWay of its own: one instance serves one background thread (loading has the app's).
            give_way = GiveWay(lambda: app.last_input)  # type: ignore[attr-defined]
            self._grouping = GroupingWorker(self.settings.grouping, lambda found: self.post_message(GroupsFound(found)),
                                            self.index.texts_of, pause=give_way, on_error=failed)
        self._grouping.submit(to_group)

    def on_groups_found(self, message: GroupsFound) -> None:
        """Stories fold in when the keys pause: each fold refilters the whole list, which at a
        desk's archive size would hold up the next key, and rows folding away under a moving
        cursor are hard to follow. Deliveries that come meanwhile are folded in together."""
        self._groups_pending.extend(message.found)
        self._fold_groups_later()

    def _fold_groups_later(self) -> None:
        if self._groups_timer is None:
            since = time.monotonic() - getattr(self.app, "last_input", 0.0)
            # (A timer of 0 s divides by zero in Textual 8.2: a hundredth is the least.)
            self._groups_timer = self.set_timer(max(0.01, GROUPS_QUIET - since), self._fold_groups)

    def _fold_groups(self) -> None:
        self._groups_timer = None
        if time.monotonic() - getattr(self.app, "last_input", 0.0) < GROUPS_QUIET:
            self._fold_groups_later()  # a key came since: wait for the next pause
            return
        found, self._groups_pending = self._groups_pending, []
        if found and self.is_attached:
            self.apply(self.session.groups_found(found))

    def on_items_loaded(self, message: ItemsLoaded) -> None:
        try:
            self._loaded(message.batch, message.done, message.total)
        finally:
            message.handled.set()

    def on_loading_finished(self, _: LoadingFinished) -> None:
        if not self.is_attached or exit_requested(self.app):  # quit while loading ended
            return
        self.live_reload.start()
        if self.config_reload is None:
            from .screens.rules_dry_run import config_path

            self.config_reload = ConfigReload(config_path(self.settings), self)
            self.config_reload.start()
        self._count_searches()
        self.feed_refresh.start()
        self.app.pace_collector()  # type: ignore[attr-defined]
        self._group_new_items()
        # The hotkeys' sets came whole with the items; a keyword they lack is answered now, on a thread.
        if missing := self.index.unanswered(self.settings.keywords):
            self.loader.compute_keyword_sets(self.index, missing)
        if self.use_cache:
            self.loader.index_texts(self.index.waiting_for_index())

    def on_texts_indexed(self, message: TextsIndexed) -> None:
        for digest, number, placed in message.entries:
            self.index.indexed(digest, number, placed)

    def on_keyword_sets_ready(self, message: KeywordSetsReady) -> None:
        self.index.adopt(message.computed)  # type: ignore[arg-type]

    def on_files_changed(self, message: FilesChanged) -> None:
        self.apply(self.session.apply_reload(message.results, message.removed))
        self._group_new_items()
        self._count_searches()

    def _count_searches(self) -> None:
        """Count what each saved search finds among the loaded items, off this thread (find reads them all)."""
        self.session.search_counts = None
        if self.settings.searches:
            self.search_counter.count(self.index, self.settings.searches)

    def on_searches_counted(self, message: SearchesCounted) -> None:
        if message.round == self.search_counter.round:
            self.session.search_counts = message.counts

    def action_run_search(self, i: int) -> None:
        if 0 <= i < len(self.settings.searches):
            self.cursor_item()
            self.apply(self.session.run_search(self.settings.searches[i]))

    def on_config_changed(self, message: ConfigChanged) -> None:
        """config.yaml was edited: a sound file takes effect now, a bad one is only reported."""
        import datetime as dt

        from .config_reload import config_problems

        new, path = message.settings, self.config_reload.path if self.config_reload else None
        if path is None:
            return
        old_rules = self.settings.rules_data
        update = self.session.config_edited(new, str(path))
        if not config_problems(new, path):
            self._bind_keywords()
            if new.rules_data != old_rules:
                self.apply_rules(new.rules, [])
                self.settings.rules_data = new.rules_data
            warnings = self._bind_search_keys()  # after the rules: a rule's new hotkey is theirs
            if self.review.store is not None:
                self.review.store.claim_lapse = dt.timedelta(seconds=self.settings.claim_lapse)
            self.refresh_bindings()
            if self.session.load_complete and (missing := self.index.unanswered(self.settings.keywords)):
                self.loader.compute_keyword_sets(self.index, missing)
            self._count_searches()
            for text in warnings:
                self.notify(Content(text), severity="warning", timeout=8)
        self.apply(update)

    def on_feeds_progress(self, message: FeedsProgress) -> None:
        self.apply(self.session.feeds_progress(message.done, message.total))

    def on_feed_fetched(self, message: FeedFetched) -> None:
        from ..feeds.fetch import shown_url

        result = message.result
        trouble = result.trouble()  # its error, or the full-text pages that failed
        error = None if trouble is None else f"fetching {message.sub.name}: {trouble}"
        self.apply(self.session.feed_fetched(shown_url(message.sub.url), error))

    def on_background_failed(self, message: BackgroundFailed) -> None:
        """Work that should never fail did. The dashboard stays up with what it has; the analyst is
        told, and the traceback is kept for a report."""
        from ..crash_report import save_traceback

        saved = save_traceback(message.error, context=message.what)
        where = f"; details in {saved}" if saved else ""
        text = f"{message.what} stopped: internal error ({type(message.error).__name__}: {message.error}){where}"
        self.apply(self.session.loading_failed(Problem("briefing", text)))

    def give_way(self) -> None:
        """Called often by background work (loading, keyword sets), on its thread: it pauses while the
        analyst is typing (``tuning.GiveWay``, the app's)."""
        self.app.give_way()  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ filtering

    def action_toggle_keyword(self, i: int) -> None:
        self.apply(self.session.toggle_keyword(i))

    # ------------------------------------------------------------------ rules

    def on_rules_matched(self, message: RulesMatched) -> None:
        self.apply(self.session.rules_matched(message.effects, message.results))

    def action_toggle_rule_key(self, key: str) -> None:
        self.apply(self.session.toggle_rule_key(key))

    def action_toggle_hidden(self) -> None:
        self.apply(self.session.toggle_hidden())

    def action_rules_dry_run(self) -> None:
        from .screens.rules_dry_run import RulesDryRunScreen, config_path

        def chosen(read: tuple[RuleSet, list[Problem]] | None) -> None:
            if read is not None:
                self.apply_rules(*read)

        self.app.push_screen(RulesDryRunScreen(config_path(self.settings), self.index, self.session.rule_effects,
                                               use_cache=self.use_cache), chosen)

    def apply_rules(self, rules: RuleSet, problems: list[Problem] | None = None) -> None:
        """Rules edited in config.yaml take effect now, on every loaded item (they would at the next launch);
        ``problems``: the file's, as read with them (they replace its earlier ones under P)."""
        from ..rules import without_keys

        rules, dropped = without_keys(rules, {k.key for k in self.settings.keywords})
        warnings = [f"Rule {r.name}: the key {r.hotkey} is a keyword's; the rule applies without it" for r in dropped]
        warnings += self._bind_rule_keys(rules)
        self.apply(self.session.set_rules(rules, problems))
        count = len(rules)
        self.notify(Content(f"{count} rule{'s' * (count != 1)} applied to the {len(self.index)} loaded items"),
                    timeout=4)
        for text in warnings:
            self.notify(Content(text), severity="warning", timeout=8)

    def _bind_rule_keys(self, rules: RuleSet) -> list[str]:
        """Bind each rule hotkey not bound yet; a key the dashboard or a keyword uses is left to them,
        and the rule filters from the palette only (said in the returned messages)."""
        from .widgets.article_view import ArticleView
        from .widgets.panels import Panel

        taken = {k.key for k in self.settings.keywords}
        for owner in (type(self), type(self.app), ItemList, ArticleView, Panel):
            for binding in owner.BINDINGS:
                keys = binding.key if isinstance(binding, Binding) else binding[0]
                taken.update(k.strip() for k in keys.split(","))
        problems = []
        for rule in rules.rules:
            key = rule.hotkey
            if key is None or key in self._rule_keys:
                continue
            if key in taken:
                problems.append(f"Rule {rule.name}: the key {key} is taken by the dashboard or a keyword; "
                                "its filter is in the command palette (Ctrl+P) only")
                continue
            self._rule_keys.add(key)
            add_binding(self, Binding(key, f"toggle_rule_key({key!r})", f"Rule filter: {rule.name}", show=False,
                                      id=f"rules.hotkey.{len(self._rule_keys)}"))
        return problems

    def action_clear_keywords(self) -> None:
        self.apply(self.session.clear_keywords())

    def action_toggle_match(self) -> None:
        self.apply(self.session.toggle_match())

    # ------------------------------------------------------------------ the current item

    @on(ItemList.Highlighted)
    def _on_item_highlighted(self, event: ItemList.Highlighted) -> None:
        self._follow_cursor(event.position)

    def _follow_cursor(self, position: int | None) -> None:
        if position != self.session.position or position is None:
            self.apply(self.session.select(position))

    def cursor_item(self) -> Item | None:
        """The item under the list cursor, shown first if its Highlighted message is still queued:
        keys typed fast (j then r) must act on the item the cursor is on."""
        position = self.query_one(ItemList).current_position
        if position != self.session.position:
            self.apply(self.session.select(position))
        return self.session.item

    @on(ItemList.Opened)
    def _on_item_opened(self, event: ItemList.Opened) -> None:
        self._chose_focus()
        self.focus_pane("article")

    def _redraw_article(self, *, new_item: bool = False) -> None:
        if self.details_ready:
            self._article().show(self.session.item, self.session.highlights(), new_item=new_item)

    def _fill_panels(self, *, keep_place: bool = True) -> None:
        """Refill the panels; on the same item each keeps its highlighted entry."""
        if not self.details_ready:
            return
        item = self.session.item
        state = self.session.state_of(item)
        actors, quotes, figures, related = (self._panel(p) for p in DETAIL_PANES[1:])
        if item is None:
            for panel in (actors, quotes, figures, related):
                panel.set_entries([])
            return
        said = self.session.said_counts()
        wrong = {c.target for c in state.corrections if c.kind == "wrong"} if state else set()
        added = self.session.added_actors()
        actors.set_entries([(render.actor_row(a, said.get(a.name, 0), wrong=wrong_target("actor", a.name) in wrong), i)
                            for i, a in enumerate(item.actors)]
                           + [(render.actor_row(a, said.get(a.name, 0), added=True), len(item.actors) + k)
                              for k, a in enumerate(added)], keep_place=keep_place)
        self._fill_quotes(keep_place=keep_place)
        figures.set_entries([(render.figure_row(f, pinned=bool(state and state.pinned("figure", f.text)),
                                                wrong=wrong_target("figure", f.text) in wrong), i)
                             for i, f in enumerate(item.figures)], keep_place=keep_place)
        related.set_entries([(render.related_row(r.title, r.url), i) for i, r in enumerate(item.related)],
                            keep_place=keep_place)

    def _fill_quotes(self, *, keep_place: bool = True) -> None:
        if not self.details_ready:
            return
        item = self.session.item
        quotes = self._panel("quotes")
        if item is None:
            quotes.set_entries([])
            return
        speaker = self.session.quote_speaker
        state = self.session.state_of(item)

        def row(quote: Quote) -> Text:
            fix = state.correction("speaker", quote.text) if state else None
            return render.quote_row(quote, pinned=bool(state and state.pinned("quote", quote.text)),
                                    speaker=fix.value if fix else None,
                                    wrong=bool(state and state.correction("wrong", wrong_target("quote", quote.text))))

        entries = [(row(item.quotes[i]), i) for i in self.session.shown_quotes()]
        quotes.set_entries(entries, note=speaker or "", empty=f"no quotes from {speaker}" if speaker else "none",
                           keep_place=keep_place)

    def _article(self) -> ArticleView:
        return self.query_one("#article")  # type: ignore[return-value]

    def _panel(self, name: str) -> Panel:
        return self.query_one(f"#{name}")  # type: ignore[return-value]

    def on_panel_target(self, event: Panel.Target) -> None:
        if event.index is not None and event.panel.id:
            self.apply(self.session.target_entry(event.panel.id, event.index))

    def on_panel_chosen(self, event: Panel.Chosen) -> None:
        if event.panel.id:
            self.apply(self.session.choose_entry(event.panel.id, event.index))

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
        if self.maximized is not None:  # the pane chosen takes the whole screen in its turn
            self.maximize(self.query_one(f"#{name}"), container=False)

    def _focused_pane(self) -> str | None:
        node = self.focused
        while node is not None:
            if node.id in PANES:
                return node.id
            node = node.parent  # type: ignore[assignment]
        return None

    def action_list_share(self, step: int) -> None:
        if self.split.change(self.size.width, step):
            self.split.apply(self)

    def action_maximise(self) -> None:
        if self.maximized is not None:
            self.minimize()
        else:
            self.maximize(self.query_one(f"#{self._focused_pane() or 'items'}"), container=False)

    def watch_maximized(self) -> None:
        """Z, Esc or Tab while maximised: the narrow layout's list gets all the height or its share
        again (its share is set inline, which the maximised view's rules cannot override)."""
        if self.is_mounted and self.details_mounted:
            self.split.apply(self)

    def action_with_actor(self, step: int) -> None:
        self.apply(self.session.next_with_actor(step))

    def action_actor_limit(self) -> None:
        self.apply(self.session.toggle_actor_limit())

    def action_pane_to(self, name: str) -> None:
        if name in PANES:
            self._chose_focus()
            self.focus_pane(name)

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

    # ------------------------------------------------------------------ review (the desk does the work)

    def on_store_done(self, message: StoreDone) -> None:
        self.review.done(message)

    def highlighted_entry(self, panes: tuple[str, ...]) -> tuple[str, int] | None:
        for pane in panes:
            panel = self._panel(pane)
            if panel.has_focus and panel.highlighted is not None and panel.highlighted < len(panel.indices):
                return pane, panel.indices[panel.highlighted]
        return None

    def action_toggle_reviewed(self) -> None:
        self._mark_and_move_on("reviewed", self.review.toggle_reviewed)

    def action_toggle_flagged(self) -> None:
        self._mark_and_move_on("flagged", self.review.toggle_flagged)

    def _mark_and_move_on(self, which: str, toggle: Callable[[], object]) -> None:
        """The mark goes to the item under the cursor now; setting one (not clearing it) moves on, so
        a run of items is reviewed with one key each. A read-only state moves nothing. With items
        picked out, it goes to them instead, and the cursor stays."""
        if self.session.picked_shown():
            self.review.mark_picked(which)  # type: ignore[arg-type]
            return
        state = self.session.state_of(self.cursor_item())
        setting = not getattr(state, which, False)
        toggle()
        if setting and not self.review.read_only:
            self.apply(self.session.advance_after_mark(which))

    def action_note(self) -> None:
        self.review.edit_note()

    def action_pin(self) -> None:
        self.review.toggle_pin()

    def action_toggle_group(self) -> None:
        self.cursor_item()
        self.apply(self.session.toggle_group())

    def action_review_filter(self, which: str) -> None:
        self.apply(self.session.toggle_review_filter(which))  # type: ignore[arg-type]

    def action_correct_speaker(self) -> None:
        self.review.correct_speaker()

    def action_toggle_wrong(self) -> None:
        self.review.toggle_wrong()

    def action_add_actor(self) -> None:
        self.review.add_actor()

    def action_cycle_sort(self) -> None:
        self.apply(self.session.cycle_sort())

    def action_cycle_sections(self) -> None:
        self.cursor_item()
        self.apply(self.session.cycle_sections())

    def action_undo(self) -> None:
        self.review.undo()

    def action_toggle_claim(self) -> None:
        self.review.toggle_claim()

    def action_toggle_picked(self) -> None:
        self.cursor_item()
        self.apply(self.session.toggle_picked())

    def action_pick_all(self) -> None:
        self.apply(self.session.pick_all_shown())

    def action_clear_picked(self) -> None:
        self.apply(self.session.clear_picked())

    def action_tag(self) -> None:
        self.review.edit_tags()

    def action_tag_filter(self, tag: str | None = None) -> None:
        """Show only the items with a tag: ``tag``, or one chosen from the tags in use (with their counts)."""
        if tag is not None:
            self.apply(self.session.set_tag_filter(tag))
            return
        from .screens.tags import TagFilterScreen

        def chosen(choice: str | None) -> None:
            if choice is not None:
                self.apply(self.session.set_tag_filter(choice or None))

        self.app.push_screen(TagFilterScreen(self.session.tag_counts(), self.session.tag_filter), chosen)

    def _claims_tick(self) -> None:
        """A claim lapses with nobody writing: the list and status follow the clock."""
        if self.session.claims() != self.query_one(ItemList).claims:
            self.apply(Update(marks=True))

    def action_next_unreviewed(self) -> None:
        self.cursor_item()
        self.apply(self.session.next_unreviewed())

    def action_copy_quote(self) -> None:
        self.review.copy_quote()

    def action_open_related(self) -> None:
        self.review.open_related()

    def action_orphans(self) -> None:
        self.review.show_orphans()

    def action_export(self) -> None:
        self.review.export()

    # ------------------------------------------------------------------ find

    def action_find(self) -> None:
        self._chose_focus()
        box = self._find_box()
        self.session.find_begin()
        box.display = True
        box.value = self.session.find_query
        self.set_focus(box)

    def _find_box(self) -> FindInput:
        return self.query_one("#find")  # type: ignore[return-value]

    def _find_typed(self, value: str) -> None:
        self.apply(self.session.find_typed(value))

    def action_find_accept(self) -> None:
        """Enter in the find box: keep the query and go back to the list, at once (see FindInput)."""
        self._close_find()
        self.apply(self.session.find_accept())

    def _close_find(self) -> None:
        box = self._find_box()
        box.display = False
        self.set_focus(self.query_one(ItemList))

    def action_find_next(self, step: int) -> None:
        self.cursor_item()
        self.apply(self.session.find_next(step))

    def action_find_limit(self) -> None:
        self.cursor_item()
        self.apply(self.session.toggle_find_limit())

    # ------------------------------------------------------------------ navigation helpers

    def go_to_position(self, position: int) -> None:
        if position in self.session.rows:
            self.query_one(ItemList).move_to(self.session.rows.index(position))
            self.focus_pane("items")

    def action_back(self) -> None:
        box = self._find_box()
        if box.display:
            self._close_find()
            self.apply(self.session.cancel_find())
            return
        self.apply(self.session.back(focused_pane=self._focused_pane()))

    def action_help(self) -> None:
        from .screens.help import HelpScreen, binding_rows

        self.app.push_screen(HelpScreen(binding_rows(self.app, self)))

    def action_problems(self) -> None:
        from .screens.problems import ProblemsScreen

        self.app.push_screen(ProblemsScreen(self.session.problems))

    # ------------------------------------------------------------------ status line

    def _update_status(self) -> None:
        session = self.session
        session.read_only_state = self.review.read_only
        (head, line_style), *rest = session.status_line()
        status = Text(head, style=line_style)
        for text, style in rest:
            status.append(text, style=style or None)
        if status != self._status_drawn:  # most moves leave it as it was: no repaint then
            self._status_drawn = status
            self.query_one("#status", Static).update(status, layout=False)  # one line: a repaint, not a layout
        self.query_one(ItemList).empty_reason = session.empty_list_reason()
        title = session.list_title()
        if title != self._items_title:  # setting it, even unchanged, repaints the whole list
            self._items_title = title
            self.query_one(ItemList).border_title = Content(title)
