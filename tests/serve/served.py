"""A real `briefing serve` for tests: the installed command on a free port, its address read from
what it prints, its app processes found in /proc, and a browser (Debian's chromium) through
Playwright."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..e2e.terminal import briefing_command

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
URL_LINE = re.compile(r"open (http://[^\s?]+)(?:\?token=(\S+))?")


def wait_until(condition: Callable[[], object], what: str, timeout: float = 60.0) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (the server's app processes; ``exec`` leaves no shell)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: the fields after it are fixed.
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


@dataclass
class Served:
    process: subprocess.Popen[str]
    base: str  # http://127.0.0.1:PORT/
    token: str | None
    state: Path
    log: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"{self.base}?token={self.token}"

    def apps(self) -> list[int]:
        return children_of(self.process.pid)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def start_served(tmp: Path, *args: str, paths: tuple[Path, ...] = ()) -> Served:
    """``briefing serve`` with a state file of its own; returns once it prints the address."""
    state = tmp / "state.sqlite3"
    command = [*briefing_command(), "serve", "--port", "0", "--state", str(state), *args,
               *(str(p) for p in paths)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "BRIEFING_REVIEWER": "Ana Duarte"}, cwd=tmp)
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        found = URL_LINE.search(line)
        if found:
            token = found.group(2) if found.group(2) != "TOKEN" else None  # TOKEN: each reviewer's own
            served = Served(process, found.group(1), token, state, lines)
            _drain(process, lines)
            return served
    process.kill()
    raise AssertionError("briefing serve printed no address:\n" + "".join(lines))


def _drain(process: subprocess.Popen[str], lines: list[str]) -> None:
    """Keep reading the server's log so it never blocks on a full pipe; the lines stay for asserts."""
    import threading

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)

    threading.Thread(target=read, daemon=True).start()


def chromium_args() -> list[str]:
    # Chromium's sandbox needs user namespaces a root CI container does not give.
    return ["--no-sandbox"] if os.geteuid() == 0 else []


class Tab:
    """A browser page on the served dashboard, with every byte its terminal was sent."""

    def __init__(self, page: object) -> None:
        self.page = page
        self.frames: list[bytes] = []
        self.sockets: list[object] = []
        page.on("websocket", self._watch)  # type: ignore[attr-defined]

    def _watch(self, socket: object) -> None:
        self.sockets.append(socket)
        socket.on("framereceived", lambda payload: self.frames.append(  # type: ignore[attr-defined]
            payload if isinstance(payload, bytes) else payload.encode()))

    def received(self) -> str:
        return b"".join(self.frames).decode("utf-8", "replace")

    def until(self, condition: Callable[[], object], what: str, timeout: float = 90.0) -> None:
        """Like wait_until, but waiting inside Playwright: its events (frames, pages, downloads) are
        only delivered while a call into it runs, never during a plain sleep."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            self.page.wait_for_timeout(100)  # type: ignore[attr-defined]
        raise AssertionError(f"timed out waiting for {what}; the page's terminal was sent:\n{self.received()[-3000:]}")

    def wait_for_text(self, text: str, timeout: float = 90.0) -> None:
        self.until(lambda: text in self.received(), f"{text!r} on the page", timeout)


def tabs_of(browser: object, url: str, count: int) -> Iterator[Tab]:
    for _ in range(count):
        page = browser.new_page(viewport={"width": 1200, "height": 700})  # type: ignore[attr-defined]
        tab = Tab(page)
        page.goto(url)
        yield tab
