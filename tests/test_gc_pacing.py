"""The collector paced to the keyboard: thresholds raised and restored, collections where due."""

import gc

import pytest

from briefing_tui.gc_pacing import KeyPacedCollector


@pytest.fixture
def collector():
    before = gc.get_threshold()
    pacer = KeyPacedCollector(young=40_000, middle_every=5, full_every=3, idle_after=1.0)
    yield pacer
    pacer.release()
    assert gc.get_threshold() == before


def test_engage_raises_the_thresholds_and_release_puts_them_back(collector: KeyPacedCollector) -> None:
    before = gc.get_threshold()
    assert not collector.engaged
    collector.engage()
    assert collector.engaged and gc.get_threshold() == (40_000, 5, 3)
    collector.engage()  # twice: still restores the original ones
    collector.release()
    assert not collector.engaged and gc.get_threshold() == before


def test_one_young_collection_is_scheduled_per_burst(collector: KeyPacedCollector) -> None:
    assert not collector.after_input()  # not engaged (still loading): nothing to schedule
    collector.engage()
    assert collector.after_input()
    assert not collector.after_input()  # one is pending already
    assert collector.collect_young() is not None
    assert collector.after_input()


def test_full_collection_waits_for_the_analyst_to_pause(collector: KeyPacedCollector) -> None:
    collector.engage()
    gc.collect(0)  # a full collection is due
    assert not collector.when_idle(last_input=10.0, now=10.5)  # typed half a second ago
    assert collector.when_idle(last_input=10.0, now=11.5)
    assert gc.get_count()[2] == 0
    assert not collector.when_idle(last_input=10.0, now=12.5)  # nothing due since


def test_cyclic_garbage_is_still_collected(collector: KeyPacedCollector) -> None:
    import weakref

    class Node:
        pass

    collector.engage()
    a, b = Node(), Node()
    a.other, b.other = b, a
    alive = weakref.ref(a)
    del a, b
    collector.after_input()
    collector.collect_young()
    assert alive() is None


def test_after_each_frame_the_generation_cpython_would_collect(collector: KeyPacedCollector) -> None:
    """The youngest every key, the middle one every 5th, all every 3rd middle one (15 keys)."""
    collector.engage()
    gc.collect()
    chosen = [collector.collect_young() for _ in range(30)]
    assert chosen == ([0] * 4 + [1] + [0] * 4 + [1] + [0] * 4 + [2]) * 2
