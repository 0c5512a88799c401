"""Command palette (Ctrl+P): the app's own commands and a jump to any item by title.

Every label is built as ``Content`` from plain text: item titles and
keyword names come from files, and the palette would read a plain string
as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..tags import tag_key

if TYPE_CHECKING:
    from .main_screen import MainScreen

MAX_ITEM_HITS = 40


class BriefingCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        screen: MainScreen = self.screen  # type: ignore[assignment]
        commands: list[tuple[str, Callable[[], object], str]] = []
        for i, keyword in enumerate(screen.settings.keywords):
            state = "off" if keyword.key in screen.session.active_keys else "on"
            count = screen.session.keyword_count(keyword)
            commands.append((f"Keyword filter {keyword.key}: {keyword.name} ({count} item{'s' * (count != 1)}) — "
                             f"turn {state}",
                             partial(screen.action_toggle_keyword, i), "Show only items that mention it"))
        counts = screen.session.search_counts
        for i, search in enumerate(screen.settings.searches):
            count = "counting…" if counts is None or search.query not in counts else (
                f"{counts[search.query]} item{'s' * (counts[search.query] != 1)}")
            key = f" (key {search.key})" if search.key else ""
            commands.append((f"Search: {search.name} ({count})", partial(screen.action_run_search, i),
                             f"Find “{search.query}” and show only what it matches{key}; l shows every item"))
        commands += [
            ("Clear keyword and tag filters", screen.action_clear_keywords, "Show every item"),
            ("Keyword filters: switch between any and all", screen.action_toggle_match, "OR / AND"),
            ("Find in items…", screen.action_find, "Search titles, bodies, actors and quotes"),
            ("Show problems", screen.action_problems, "Files that failed to load"),
            (f"Show review state of items not loaded now ({len(screen.session.orphaned_states())})",
             screen.action_orphans,
             "Marks, notes and pins kept for items that are not open"),
            ("Export digest…", screen.action_export, "Markdown or JSON"),
            ("Undo my last review change", screen.action_undo, "A mark, a note or a pin, newest first (z)"),
            ("Select every shown item", screen.action_pick_all, "r, f and export then act on them all (*)"),
            ("Clear the selection", screen.action_clear_picked, "Esc"),
            ("Show only unreviewed items (toggle)", lambda: screen.action_review_filter("unreviewed"), ""),
            ("Show only flagged items (toggle)", lambda: screen.action_review_filter("flagged"), ""),
            ("Show help", screen.action_help, "Every key"),
            ("Group the list: next (by source, by day, none)", screen.action_cycle_sections, "A header per source or "
             "day, with its count (b)"),
            ("Rules: dry run", screen.action_rules_dry_run,
             "Count what config.yaml's rules would match, read again from disk; a applies them"),
            ("Rules: show items they hide (toggle)", screen.action_toggle_hidden, "H"),
        ]
        rules = screen.session.rule_effects.rules.rules
        for rule in rules:
            if rule.hotkey:
                state = "off" if rule.hotkey in screen.session.active_keys else "on"
                commands.append((f"Rule filter {rule.hotkey}: {rule.name} — turn {state}",
                                 partial(screen.action_toggle_rule_key, rule.hotkey), "Show only items it matches"))
        commands += [("Tag the highlighted item…", screen.action_tag, "Add a tag or remove one of yours (t)"),
                     ("Filter by tag…", screen.action_tag_filter, "Show only the items with a tag (#)")]
        active = screen.session.tag_filter
        for tag, count in screen.session.tag_counts():
            state = "off" if active is not None and tag_key(active) == tag_key(tag) else "on"
            commands.append((f"Tag filter: #{tag} ({count} item{'s' * (count != 1)}) — turn {state}",
                             partial(screen.action_tag_filter, tag), "Show only the items with this tag"))
        for pane in ("items", "article", "actors", "quotes", "figures", "related"):
            commands.append((f"Show panel: {pane.capitalize()}", partial(screen.focus_pane, pane), ""))
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, Content(name), callback, text=name, help=help_text)
        screen: MainScreen = self.screen  # type: ignore[assignment]
        scored = []
        summaries = screen.index.summaries
        for position in screen.session.rows:
            title = summaries[position].label
            score = matcher.match(title)
            if score > 0:
                scored.append((score, position, title))
        scored.sort(key=lambda s: -s[0])
        for score, position, title in scored[:MAX_ITEM_HITS]:
            yield Hit(score * 0.9, Content("Go to: ") + Content(title), partial(screen.go_to_position, position),
                      text=title)
