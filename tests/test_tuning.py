"""Process tuning: the collector paced to the keyboard (thresholds raised and restored, collections
where due), memory released, the switch interval, background work giving way to keys, and the
one switch (BRIEFING_TUNING=off) that turns each of them off."""

import gc
import json
import os
import platform
import subprocess
import sys
import time

import pytest

from briefing_tui.tuning import SWITCH, GiveWay, KeyPacedCollector, tuning_enabled


@pytest.fixture(autouse=True)
def tuning_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SWITCH, raising=False)


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


def test_background_work_waits_while_keys_come_in() -> None:
    give_way = GiveWay(time.monotonic)  # a key "just now", every time it looks
    give_way()
    assert give_way.waits > 0


def test_background_work_runs_on_when_nobody_types() -> None:
    give_way = GiveWay(lambda: 0.0)
    for _ in range(100):
        give_way()
    assert give_way.waits == 0


@pytest.mark.parametrize("value", ["off", "OFF", " Off "])
def test_the_switch_reads_off_in_any_case(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(SWITCH, value)
    assert not tuning_enabled()


@pytest.mark.parametrize("value", ["", "on", "1"])
def test_anything_but_off_leaves_tuning_on(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(SWITCH, value)
    assert tuning_enabled()


def test_switched_off_the_collector_keeps_cpythons_schedule(monkeypatch: pytest.MonkeyPatch,
                                                            collector: KeyPacedCollector) -> None:
    monkeypatch.setenv(SWITCH, "off")
    before = gc.get_threshold()
    assert not collector.engage()
    assert not collector.engaged and gc.get_threshold() == before
    assert not collector.after_input()
    assert collector.collect_young() is None
    gc.collect(0)  # a full collection would be due
    assert not collector.when_idle(last_input=10.0, now=20.0)


def test_switched_off_background_work_never_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SWITCH, "off")
    give_way = GiveWay(time.monotonic)
    for _ in range(10):
        give_way()
    assert give_way.waits == 0


# What the process-wide pieces change (thresholds, frozen objects, switch interval) is seen in a
# fresh interpreter of its own, so that this one's state is left alone.
PROCESS = """
import gc, json, sys
from briefing_tui import tuning
before = {"threshold": list(gc.get_threshold()), "frozen": gc.get_freeze_count(),
          "interval": sys.getswitchinterval()}
engaged = tuning.KeyPacedCollector().engage()
released = tuning.release_free_memory()
shortened = tuning.shorten_switch_interval()
mapped = tuning.map_large_blocks()
after = {"threshold": list(gc.get_threshold()), "frozen": gc.get_freeze_count(),
         "interval": sys.getswitchinterval()}
print(json.dumps({"before": before, "after": after, "engaged": engaged, "released": released,
                  "shortened": shortened, "mapped": mapped}))
"""


def run_tuned(switch: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != SWITCH}
    if switch is not None:
        env[SWITCH] = switch
    done = subprocess.run([sys.executable, "-c", PROCESS], env=env, capture_output=True, text=True, timeout=120,
                          check=True)
    return json.loads(done.stdout)


def test_tuning_sets_the_process_up_for_quick_keys() -> None:
    from briefing_tui.tuning import SWITCH_INTERVAL

    out = run_tuned(None)
    paced = KeyPacedCollector()
    assert out["engaged"] and out["released"] and out["shortened"]
    assert out["mapped"] == (sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc")
    assert out["after"]["threshold"] == [paced.young, paced.middle_every, paced.full_every]
    assert out["after"]["frozen"] > out["before"]["frozen"]  # what loading left is out of the collector's view
    assert out["after"]["interval"] == SWITCH_INTERVAL != out["before"]["interval"]


def test_switched_off_the_process_keeps_pythons_defaults() -> None:
    out = run_tuned("off")
    assert not (out["engaged"] or out["released"] or out["shortened"] or out["mapped"])
    assert out["after"] == out["before"]
