"""The dashboards a server runs: one app process per browser tab, at most so many, none left behind.

Each tab is a whole Python process (textual-serve's AppService), so a page reloaded in a loop or
left open in twenty tabs must not exhaust the server: a session is only started under the cap, and
a tab that goes away ends its process, by force if the app does not quit on request.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from asyncio.subprocess import Process
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

log = logging.getLogger("briefing.serve")

# How long an app is given to quit when its tab has gone, and then to die after SIGTERM.
QUIT_GRACE = 5.0
TERM_GRACE = 3.0


def _process(service: AppService) -> Process | None:
    """The app process of a service. AppService keeps it private; briefing pins textual-serve to the
    minor version this is tested on (tests/serve/test_sessions.py ends processes through it)."""
    return getattr(service, "_process", None)


@dataclass
class Session:
    number: int
    reviewer: str
    service: AppService


@dataclass
class Sessions:
    """The running sessions, under a cap."""

    limit: int
    downloads: DownloadManager = field(default_factory=DownloadManager)
    _running: dict[int, Session] = field(default_factory=dict)
    _counter: int = 0

    def __len__(self) -> int:
        return len(self._running)

    def pids(self) -> list[int]:
        return [p.pid for s in self._running.values() if (p := _process(s.service)) is not None]

    def open(self, command: str, reviewer: str, *, write_bytes: Callable[[bytes], Awaitable[None]],
             write_str: Callable[[str], Awaitable[None]], close: Callable[[], Awaitable[None]]) -> Session | None:
        """A new session counted against the cap at once, or None when the cap is reached.

        Counting happens before any await, so two tabs connecting together cannot both take the
        last place.
        """
        if len(self._running) >= self.limit:
            return None
        self._counter += 1
        service = AppService(command, write_bytes=write_bytes, write_str=write_str, close=close,
                             download_manager=self.downloads)
        session = Session(self._counter, reviewer, service)
        self._running[session.number] = session
        return session

    async def end(self, session: Session) -> None:
        """Ask the app to quit; if it does not, terminate and then kill it. Always leaves the cap.

        Ending a session twice is harmless: the server's shutdown ends every session before the
        tabs' handlers notice their sockets closing and end theirs.
        """
        try:
            try:
                await asyncio.wait_for(session.service.stop(), QUIT_GRACE)
            except TimeoutError:
                log.warning("session %d: the app did not quit when asked; ending it", session.number)
            except Exception as exc:  # a broken app still has to go
                log.warning("session %d: stopping the app failed (%s)", session.number, type(exc).__name__)
            process = _process(session.service)
            if process is not None and process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.terminate()
                try:
                    await asyncio.wait_for(process.wait(), TERM_GRACE)
                except TimeoutError:
                    with contextlib.suppress(ProcessLookupError):
                        process.kill()
                    await process.wait()
        finally:
            self._running.pop(session.number, None)

    async def end_all(self) -> None:
        await asyncio.gather(*(self.end(s) for s in list(self._running.values())))
