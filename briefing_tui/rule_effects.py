"""What the rules did to the loaded items: a computed view, never stored.

The analyst's own marks, notes and pins live in the review store; rules
write nothing there. Their tags, flags and hiding are worked out from the
items and the rules (``RuleSet.verdict``, off the screen's thread) and held
here by item position, so they are worked out again whenever an item is
loaded or reloaded or the rules change, and vanish with the rule that made
them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .rules import Rule, RuleSet


class RuleEffects:
    """Per loaded item (by position in the index), the rules it meets; sets per rule and per action."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self._by_position: dict[int, tuple[int, ...]] = {}
        self.per_rule: list[set[int]] = [set() for _ in rules.rules]
        self.hidden: set[int] = set()
        self.flagged: set[int] = set()
        self.slow: dict[int, int] = {}  # rule index -> items its regex gave up on
        self._due: list[int] = []  # positions to work out (loaded or reloaded since the last take)
        self.pending = 0  # positions taken to be worked out and not recorded yet
        self._hiding = frozenset(i for i, rule in enumerate(rules.rules) if rule.hide)
        self._flagging = frozenset(i for i, rule in enumerate(rules.rules) if rule.flag)

    def due(self, positions: Iterable[int]) -> None:
        """These items are new or changed: their rules must be worked out (again)."""
        if self.rules:
            self._due.extend(positions)

    def take_due(self) -> list[int]:
        due, self._due = self._due, []
        self.pending += len(due)
        return due

    @property
    def settled(self) -> bool:
        """Every item loaded so far is worked out."""
        return not self.pending and not self._due

    def record(self, results: Sequence[tuple[int, tuple[int, ...], tuple[int, ...]]]) -> bool:
        """(position, rules met, rules whose regex gave up) for some items; whether what is shown
        (hidden items, a rule's hotkey set) may have changed."""
        changed = False
        self.pending = max(self.pending - len(results), 0)
        hiding, flagging = self._hiding, self._flagging
        for position, matched, slow in results:
            old = self._by_position.get(position, ())
            for i in slow:
                self.slow[i] = self.slow.get(i, 0) + 1
            if old == matched:
                continue
            changed = True
            for i in old:
                self.per_rule[i].discard(position)
            for i in matched:
                self.per_rule[i].add(position)
            if matched:
                self._by_position[position] = matched
            else:
                self._by_position.pop(position, None)
            (self.hidden.discard if hiding.isdisjoint(matched) else self.hidden.add)(position)
            (self.flagged.discard if flagging.isdisjoint(matched) else self.flagged.add)(position)
        return changed

    def touched(self, position: int | None) -> list[Rule]:
        """The rules the item at ``position`` meets, in config order."""
        if position is None:
            return []
        return [self.rules.rules[i] for i in self._by_position.get(position, ())]

    def tags(self, position: int | None) -> list[str]:
        """The tags rules give the item, each once, in config order."""
        return list(dict.fromkeys(t for rule in self.touched(position) for t in rule.tags))

    def hotkey_rules(self) -> dict[str, int]:
        """Hotkey -> index of the rule it filters to."""
        return {rule.hotkey: i for i, rule in enumerate(self.rules.rules) if rule.hotkey}
