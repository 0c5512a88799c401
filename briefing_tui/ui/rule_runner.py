"""Working out which rules the loaded items meet, off the event loop, handed to the screen as messages.

Most loaded items are not in memory (``catalog``): each is read back from the
parse cache, a file's items at a time, on one daemon thread with its own cache
connection. Jobs run in the order given (items as they load, items reloaded,
every item when the rules change); a job for rules since replaced stops at
its next item. Results reach the screen a few times a second, so hidden
items leave the list and flags appear while a large set is still being read.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from ..background import SerialWorker
from .loader import BackgroundFailed

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from ..catalog import ItemShelf, Ref
    from ..filtering import SearchIndex
    from ..loading.launch import ItemSource
    from ..model import Item
    from ..rule_effects import RuleEffects
    from ..rule_memo import RuleMemo

SEND_EVERY = 0.2  # seconds between batches of results handed to the screen
SEND_MAX = 5_000  # results in one batch (remembered verdicts come fast): the screen takes each in a few ms
GIVE_WAY_EVERY = 32  # items between pauses for the analyst's typing
STOP_WAIT = 1.0  # seconds quitting waits for the verdicts to be written (a few ms for a large archive)

Result = tuple[int, tuple[int, ...], tuple[int, ...]]


class RulesMatched(Message):
    """Some items' rules, for the effects they were worked out for (``RuleEffects.record``)."""

    bubble = False  # for the screen alone

    def __init__(self, effects: RuleEffects, results: list[Result]) -> None:
        super().__init__()
        self.effects, self.results = effects, results


class RuleRunner:
    """Runs rule jobs on one daemon thread and posts their results to ``to``."""

    def __init__(self, to: MessagePump, give_way: Callable[[], None], *, use_cache: bool,
                 memo_folder: Path | None = None) -> None:
        """``memo_folder``: where verdicts are remembered between launches (``rule_memo``); None: never."""
        self._to = to
        self._memo_folder = memo_folder
        self._memo: RuleMemo | None = None
        self._give_way = give_way
        self._use_cache = use_cache
        self._worker: SerialWorker | None = None
        self._source: ItemSource | None = None  # opened on the worker's thread, used there alone
        self._latest: RuleEffects | None = None
        self._stopped = False

    def submit(self, effects: RuleEffects, index: SearchIndex, positions: Sequence[int]) -> None:
        """Work out ``effects.rules`` for the items at ``positions`` (taken from ``index`` now)."""
        if self._stopped or not positions:
            return
        if self._worker is None:
            self._worker = SerialWorker(name="briefing-rules")
        self._latest = effects
        wanted = list(positions)
        shelf = index.items.detached(wanted, self._fetch)
        self._worker.submit(lambda: self._run(effects, shelf, wanted))

    def _fetch(self, ref: Ref) -> Sequence[Item] | None:
        if self._source is None:
            from ..loading.launch import open_item_source

            self._source = open_item_source(self._use_cache)
        return self._source.fetch(ref)

    def _memo_for(self, effects: RuleEffects) -> RuleMemo | None:
        folder, key = self._memo_folder, effects.rules.key
        if folder is None or not key or not self._use_cache:
            return None
        if self._memo is None or self._memo.path.stem != key:
            if self._memo is not None:
                self._memo.save()
            from ..rule_memo import RuleMemo

            self._memo = RuleMemo(folder, key)
            self._memo.load()
        return self._memo

    def _run(self, effects: RuleEffects, shelf: ItemShelf, positions: list[int]) -> None:
        if self._stopped or self._latest is not effects:
            return  # queued before the screen closed or the rules changed
        try:
            self._work_out(effects, shelf, positions)
        finally:
            worker = self._worker
            if self._memo is not None and worker is not None and worker.pending <= 1:
                self._memo.save()  # nothing else queued: a quiet moment to write

    def _work_out(self, effects: RuleEffects, shelf: ItemShelf, positions: list[int]) -> None:
        rules = effects.rules
        memo = self._memo_for(effects)
        failed = False
        results: list[Result] = []
        last = time.monotonic()
        for n, position in enumerate(positions):
            if self._stopped or self._latest is not effects:
                return  # the screen's effects were replaced: it drops their results anyway
            ref = shelf.ref(position) if memo is not None else None
            known = memo.get(ref) if memo is not None and ref is not None else None
            if known is not None:
                results.append((position, known, ()))
            else:
                if n % GIVE_WAY_EVERY == 0:
                    self._give_way()
                try:
                    item = shelf[position]
                except Exception:  # an entry the cache cannot give back: the item meets no rule
                    item = None
                try:
                    verdict = rules.verdict(item) if item is not None else None
                except Exception as exc:  # a bug, not the item's fault: said once, the item meets no rule
                    if not failed:
                        self._to.post_message(BackgroundFailed(exc, "applying rules to an item"))
                    failed, verdict = True, None
                if verdict is None:
                    results.append((position, (), ()))
                else:
                    results.append((position, verdict.matched, verdict.slow))
                    if memo is not None and ref is not None and not verdict.slow:
                        memo.put(ref, verdict.matched)
            now = time.monotonic()
            if now - last > SEND_EVERY or len(results) >= SEND_MAX:
                self._to.post_message(RulesMatched(effects, results))
                results, last = [], now
        if results:
            self._to.post_message(RulesMatched(effects, results))

    def stop(self) -> None:
        """Stop at the next item; the verdicts so far are remembered and the cache connection closed,
        on the worker's thread, waited for a moment at most (quitting never waits for more)."""
        self._stopped = True
        if self._worker is not None:
            self._worker.submit(self._close)
            self._worker.shutdown(STOP_WAIT)

    def _close(self) -> None:
        if self._memo is not None:
            self._memo.save()
        if self._source is not None:
            self._source.close()
            self._source = None
