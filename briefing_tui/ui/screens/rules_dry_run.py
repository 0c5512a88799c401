"""The rules dry run: config.yaml's rules read again from disk, counted over the loaded items.

The analyst edits the rules while the dashboard is open and checks here what
each would match before it takes effect; ``a`` applies them to the open
dashboard (otherwise they are read at the next launch). Rule names and item
titles come from files: they reach the screen as ``Text``, never markup.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...background import Background
from ...problems import Problem
from ...rules import RuleCount, RuleSet, Verdict, dry_run

PROGRESS_EVERY = 0.5  # seconds between progress lines while counting

if TYPE_CHECKING:
    from ...filtering import SearchIndex
    from ...rule_effects import RuleEffects
    from ...settings import Settings


def config_path(settings: Settings) -> Path:
    """The analyst's own config file: the one the dashboard read, else where it would be."""
    from ...paths import user_config_file
    from ...resources import default_config_dir

    source = settings.source
    if source is None or source.parent == default_config_dir():
        return user_config_file()
    return source


class RulesDryRunScreen(ModalScreen["tuple[RuleSet, list[Problem]] | None"]):
    """Dismissed with the rules read and their file's problems when the analyst applies them."""

    BINDINGS = [
        Binding("escape,q", "dismiss(None)", "Close", id="rules.dry_run.close"),
        Binding("a", "apply_rules", "Apply to the dashboard", id="rules.dry_run.apply"),
        Binding("r", "read_again", "Read config.yaml again", id="rules.dry_run.read_again"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="rules.dry_run.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="rules.dry_run.up"),
    ]
    DEFAULT_CSS = """
    RulesDryRunScreen { align: center middle; }
    RulesDryRunScreen > VerticalScroll { width: 95%; height: 85%; border: thick $accent; background: $surface;
                                         padding: 0 1; }
    """

    def __init__(self, path: Path, index: SearchIndex, applied: RuleEffects | None = None, *,
                 use_cache: bool = True) -> None:
        super().__init__()
        self.path = path
        self.index = index
        self.applied = applied
        self.use_cache = use_cache
        self.rules: RuleSet | None = None  # read and counted: what ``a`` applies
        self.problems: list[Problem] = []
        self.report = Text()
        self._job: Background | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = Content("Rules: dry run  (a applies · r reads again · Esc closes)")
            yield Static(id="dry-run-report")

    def on_mount(self) -> None:
        self._start()

    def on_unmount(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def _start(self) -> None:
        if self._job is not None:
            self._job.cancel()
        self.rules = None
        total = len(self.index)
        self._show(Text.assemble(("Reading ", "italic"), (str(self.path), "italic"),
                                 (f" and counting over {total} loaded item{'s' * (total != 1)}…", "italic")))
        positions = list(range(total))
        shelf_of = self.index.items.detached
        path, use_cache = self.path, self.use_cache

        def run(job: Background) -> None:
            from ...loading.launch import open_item_source
            from ...paths import rule_memo_dir
            from ...problems import problem
            from ...rule_memo import RuleMemo
            from ...settings import load_settings_file

            if path.exists():
                settings = load_settings_file(path)
                rules, problems = settings.rules, settings.problems
            else:
                rules, problems = RuleSet(), [problem(path, "no such file: add a rules: section to it (see "
                                                      "docs/rules.md)")]
            started = shown = time.monotonic()

            def pause(seen: int) -> bool:
                nonlocal shown
                if time.monotonic() - shown > PROGRESS_EVERY and not job.is_cancelled:
                    shown = time.monotonic()
                    self.app.call_from_thread(self._progress, job, seen, total)
                return job.is_cancelled

            # The verdicts are remembered as the rule thread remembers its own (rule_memo): applying
            # these rules then reads no item back again.
            memo = RuleMemo(rule_memo_dir(), rules.key) if use_cache and rules.key else None

            def remember(place: int, verdict: Verdict) -> None:
                ref = shelf.ref(positions[place])
                if memo is not None and ref is not None and not verdict.slow:
                    memo.put(ref, verdict.matched)

            with open_item_source(use_cache) as source:
                shelf = shelf_of(positions, source.fetch)
                seen, counts = dry_run(rules, (shelf[p] for p in positions), pause=pause, each=remember)
            if memo is not None and not job.is_cancelled:
                memo.save()
            if not job.is_cancelled:
                self.app.call_from_thread(self._counted, job, rules, problems, seen, counts,
                                          time.monotonic() - started)

        def failed(exc: BaseException) -> None:
            self.app.call_from_thread(self._show, Text(f"The dry run stopped: {type(exc).__name__}: {exc}",
                                                       style="bold"))

        self._job = Background(run, name="briefing-rules-dry-run", on_error=failed).start()

    def _progress(self, job: Background, seen: int, total: int) -> None:
        if job is self._job and self.is_attached and self.rules is None:
            self._show(Text(f"Counting over the loaded items… {seen} of {total}", style="italic"))

    def _counted(self, job: Background, rules: RuleSet, problems: list[Problem], seen: int,
                 counts: list[RuleCount], seconds: float) -> None:
        if job is not self._job or not self.is_attached:
            return
        self.rules, self.problems = rules, problems
        self._show(self._report(rules, problems, seen, counts, seconds))

    def _report(self, rules: RuleSet, problems: list[Problem], seen: int, counts: list[RuleCount],
                seconds: float) -> Text:
        text = Text()
        text.append(str(self.path), style="bold")
        text.append(f"  read {time.strftime('%H:%M:%S')}\n\n", style="dim")
        if problems:
            text.append(f"{len(problems)} problem{'s' * (len(problems) != 1)} (a broken rule is left out):\n",
                        style="bold")
            for p in problems:
                text.append(f"  {p}\n")
            text.append("\n")
        if not rules:
            text.append("No rule to apply. Rules go under rules: in this file (docs/rules.md).\n")
            return text
        applied = self._applied_counts()
        text.append(f"{len(rules)} rule{'s' * (len(rules) != 1)} over {seen} loaded item{'s' * (seen != 1)} "
                    f"({seconds:.1f} s); nothing is applied until you press a.\n\n")
        for count in counts:
            rule = count.rule
            text.append(rule.name, style="bold")
            if rule.line is not None:
                text.append(f"  line {rule.line}", style="dim")
            text.append(f"  {count.matched} item{'s' * (count.matched != 1)}")
            now = applied.get(rule.name)
            text.append(f"  (applied now: {now})" if now is not None else "  (new)", style="dim")
            text.append("  " + " · ".join(rule.actions()) + "\n")
            for title in count.examples:
                text.append(f"    · {title}\n", style="dim")
            if count.slow:
                text.append(f"    its regular expression gave up on {count.slow} item{'s' * (count.slow != 1)} "
                            "(too slow there; those items do not match)\n", style="bold")
        return text

    def _applied_counts(self) -> dict[str, int]:
        effects = self.applied
        if effects is None:
            return {}
        return {rule.name: len(effects.per_rule[i]) for i, rule in enumerate(effects.rules.rules)}

    def _show(self, text: Text) -> None:
        self.report = text
        self.query_one("#dry-run-report", Static).update(text)

    def action_apply_rules(self) -> None:
        if self.rules is None:
            self.notify(Content("Still counting: apply once the counts are shown"), timeout=3)
            return
        self.dismiss((self.rules, self.problems))

    def action_read_again(self) -> None:
        self._start()

    def action_scroll(self, step: int) -> None:
        box = self.query_one(VerticalScroll)
        box.scroll_relative(y=step, animate=False)
