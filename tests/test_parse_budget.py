"""A worker's parse budget holds even where a parser catches every Exception to save the rest of the
file: the time-out is not one of them. Real signals, in this process; bounds only a hang can break."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_tui.loading.batch import out_of_time, parse_within
from briefing_tui.model import Item
from briefing_tui.problems import Problem

HANG = 60.0  # seconds: only a budget that never fires gets there


class StubbornReader:
    """Reads like a parser with a catch-all per paragraph: whatever goes wrong in one, it goes on."""

    name = "stubborn"
    suffixes = (".stubborn",)
    limit = 1 << 20
    source_is_path = True
    parallel = True

    def sniff(self, path: Path, head: bytes) -> bool:
        return False

    def cacheable(self, data: bytes) -> bool:
        return True

    def prepare(self) -> None:
        pass

    def read(self, path: Path, data: bytes) -> Iterator[Item | Problem]:
        deadline = time.monotonic() + HANG
        while time.monotonic() < deadline:
            try:
                sum(range(10_000))  # one paragraph's work
            except Exception:  # the catch-all under test
                continue
        yield from ()


@pytest.fixture
def alarm_handler() -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, out_of_time)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_the_budget_ends_a_parse_that_catches_every_exception(tmp_path: Path, alarm_handler: None) -> None:
    path = tmp_path / "slow.stubborn"
    path.write_text("anything\n", encoding="utf-8")
    started = time.monotonic()
    digest, _st, result = parse_within(path, StubbornReader(), 0.2)
    assert time.monotonic() - started < HANG / 2  # the alarm ended it, not the reader's own deadline
    assert result.items == [] and digest is not None
    [message] = [str(p) for p in result.problems]
    assert message.startswith(str(path)) and "took longer than" in message and "skipped" in message
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # put away: nothing goes off later
