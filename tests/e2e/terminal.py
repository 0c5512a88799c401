"""A real terminal for end-to-end tests: tmux running a command, read with capture-pane."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def briefing_command() -> list[str]:
    exe = Path(sys.executable).parent / "briefing"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "briefing_tui"]


class Terminal:
    """One tmux session running a command at a fixed size."""

    def __init__(self, name: str, socket: Path) -> None:
        self.name, self.socket = name, socket

    def tmux(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-S", str(self.socket), *args], capture_output=True, text=True, check=True)
        return out.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def wait_for(self, condition: Callable[[str], bool], what: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if condition(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}; screen was:\n{screen}")
