"""Grouping on real articles: ECB+ pairs of one event from two outlets, and of two events of one kind.

The set and how it was labelled: benchmarks/grouping/SOURCES.md. The floors sit a few points under
what the default settings measure (docs/performance.md, "Grouping"), so only a real change in what
groups breaks them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing_tui.grouping import Grouper, GroupingSettings

PAIRS = Path(__file__).resolve().parent.parent / "benchmarks" / "grouping" / "ecbplus_pairs.json"


@pytest.fixture(scope="module")
def labelled() -> tuple[dict, Grouper]:
    data = json.loads(PAIRS.read_text(encoding="utf-8"))
    grouper = Grouper(GroupingSettings())
    for doc in data["docs"]:
        grouper.add(doc["id"], doc["title"], "\n".join(doc["body"]), doc["date"])
    return data, grouper


def precision_recall(pairs: list[dict], grouped: list[bool]) -> tuple[float, float]:
    tp = sum(1 for p, g in zip(pairs, grouped, strict=True) if g and p["same"])
    fp = sum(1 for p, g in zip(pairs, grouped, strict=True) if g and not p["same"])
    fn = sum(1 for p, g in zip(pairs, grouped, strict=True) if not g and p["same"])
    return tp / (tp + fp), tp / (tp + fn)


def test_the_set_is_large_enough_and_balanced(labelled) -> None:
    data, _ = labelled
    same = sum(p["same"] for p in data["pairs"])
    assert same >= 150 and len(data["pairs"]) - same >= 150


def test_same_event_pairs_are_grouped_and_other_events_are_not(labelled) -> None:
    data, grouper = labelled
    pairs = data["pairs"]
    precision, recall = precision_recall(pairs, [grouper.same_group(p["a"], p["b"]) for p in pairs])
    assert precision >= 0.97 and recall >= 0.75, (precision, recall)


def test_text_alone_keeps_most_events_of_one_kind_apart(labelled) -> None:
    """Without the date window (every negative shares the topic's words): the cosine on its own."""
    data, grouper = labelled
    pairs, threshold = data["pairs"], grouper.settings.threshold
    precision, recall = precision_recall(pairs, [grouper.similarity(p["a"], p["b"]) >= threshold for p in pairs])
    assert precision >= 0.75 and recall >= 0.75, (precision, recall)
