"""Calls that might block for ever (a FIFO, a lock) run on a thread with a bound only a hang can miss."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
HANG = 60.0  # seconds: far beyond any real wait; speed is for benchmarks/, never asserted in tests


def finishes(call: Callable[[], T], within: float = HANG) -> T:
    """``call()``'s result; the test fails (the thread is left behind) if it is still running after ``within``."""
    box: list[T] = []
    thread = threading.Thread(target=lambda: box.append(call()), daemon=True)
    thread.start()
    thread.join(within)
    assert box, f"still running after {within} s (a hang)"
    return box[0]
