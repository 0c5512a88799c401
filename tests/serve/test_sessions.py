"""The cap on app processes and their end, with real processes: one that quits when asked and one
that ignores everything but a signal."""

from __future__ import annotations

import asyncio
import sys

import pytest

from briefing_tui.serving import sessions as sessions_module
from briefing_tui.serving.sessions import Sessions


async def _ignore(_data: object) -> None:
    return None


async def _close() -> None:
    return None


def _open(sessions: Sessions, command: str):
    return sessions.open(command, "Ana", write_bytes=_ignore, write_str=_ignore, close=_close)


async def test_the_cap_is_counted_at_once_and_freed_by_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sessions_module, "QUIT_GRACE", 0.5)
    sessions = Sessions(limit=2)
    first, second = _open(sessions, "exec sleep 600"), _open(sessions, "exec sleep 600")
    assert first is not None and second is not None
    assert _open(sessions, "exec sleep 600") is None  # the cap holds before any process started
    await first.service.start(80, 24)
    await second.service.start(80, 24)
    assert len(sessions.pids()) == 2
    await sessions.end(first)
    assert len(sessions) == 1
    third = _open(sessions, "exec sleep 600")
    assert third is not None  # the place is free again
    await sessions.end_all()
    assert len(sessions) == 0 and sessions.pids() == []


async def test_an_app_that_ignores_quit_and_sigterm_is_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sessions_module, "QUIT_GRACE", 0.5)
    monkeypatch.setattr(sessions_module, "TERM_GRACE", 0.5)
    stubborn = (f"exec {sys.executable} -c 'import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
                "print(\"ready\", flush=True); time.sleep(600)'")
    sessions = Sessions(limit=1)
    session = _open(sessions, stubborn)
    assert session is not None
    await session.service.start(80, 24)
    process = sessions_module._process(session.service)
    assert process is not None
    await asyncio.wait_for(sessions.end(session), 60)
    assert process.returncode is not None and process.returncode < 0  # ended by a signal
    assert len(sessions) == 0


async def test_ending_twice_is_harmless(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sessions_module, "QUIT_GRACE", 0.5)
    sessions = Sessions(limit=1)
    session = _open(sessions, "exec sleep 600")
    assert session is not None
    await session.service.start(80, 24)
    await asyncio.gather(sessions.end(session), sessions.end(session))
    await sessions.end(session)
    assert len(sessions) == 0
