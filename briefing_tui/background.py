"""Long-running work on daemon threads, so that quitting never waits for it.

Textual's thread workers run in the event loop's default executor, and closing the loop joins
every thread of that executor: a parse that takes a minute, a read that blocks on a network
share or a watcher that does not notice its stop flag held ``q`` for as long. A daemon thread is
left behind when the process exits; the work it was doing (loading, parsing, watching) is never
the analyst's, and what is (marks, notes) is written by the review store, which has its own
bounded wait on the way out.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Self


class Background:
    """One daemon thread running ``target(self)``; ``target`` checks ``is_cancelled`` as it goes.

    An exception that escapes ``target`` while the work is still wanted goes to ``on_error`` (on
    the thread), so the caller decides how the analyst hears of it; it never reaches the terminal.
    """

    def __init__(self, target: Callable[[Background], None], *, name: str,
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        self._target = target
        self._on_error = on_error
        self._cancelled = threading.Event()
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> Self:
        self.thread.start()
        return self

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def is_set(self) -> bool:
        """The stop-flag protocol (``threading.Event.is_set``) for APIs that poll one."""
        return self._cancelled.is_set()

    def pause(self, seconds: float) -> bool:
        """Sleep on the thread until ``seconds`` pass or the work is cancelled; True when cancelled.
        Long waits between rounds of work (fetching feeds) then never hold up quitting."""
        return self._cancelled.wait(seconds)

    def wait(self, timeout: float | None = None) -> bool:
        """Whether the thread ended within ``timeout`` seconds (tests and orderly shutdowns)."""
        self.thread.join(timeout)
        return not self.thread.is_alive()

    def _run(self) -> None:
        try:
            self._target(self)
        except BaseException as exc:  # the thread's own last line: nothing may print to the terminal
            if not self.is_cancelled and self._on_error is not None:
                with contextlib.suppress(Exception):  # the app is gone: nobody left to tell
                    self._on_error(exc)


class SerialWorker:
    """Calls run one at a time, in the order submitted, on one daemon thread: review-state writes
    keep the analyst's order and never block the screen, and a store stuck on a dead network
    share cannot hold the process open (a ``ThreadPoolExecutor``'s threads are joined at exit)."""

    _STOP = object()

    def __init__(self, *, name: str) -> None:
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._pending = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, call: Callable[[], Any]) -> Future[Any]:
        future: Future[Any] = Future()
        with self._lock:
            self._pending += 1
        self._queue.put((call, future))
        return future

    @property
    def pending(self) -> int:
        """Calls submitted and not finished yet."""
        with self._lock:
            return self._pending

    def shutdown(self, timeout: float) -> bool:
        """Let what was submitted finish, for up to ``timeout`` seconds; True if it all did."""
        self._queue.put(self._STOP)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is self._STOP:
                return
            call, future = job
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(call())
                except BaseException as exc:
                    future.set_exception(exc)
            with self._lock:
                self._pending -= 1
