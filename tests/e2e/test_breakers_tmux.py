"""Issue 14 with the installed `briefing` in a real terminal: the breakers folder, quitting, and a crash.

Run where file modes apply (see tests/hostile/unprivileged.py), so the locked subfolder is really
unreadable to the dashboard and its folder watcher. Every wait has a deadline that only a hang misses;
how fast things happen is measured by benchmarks/, not asserted here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ..hostile.breakers import Breakers, build, unlock
from ..hostile.unprivileged import obeying_modes
from .terminal import Terminal, briefing_command

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)")

HANG = 60.0


@pytest.fixture
def run_in_tmux(tmp_path: Path, isolated_xdg: Path) -> Iterator[Callable[..., Terminal]]:
    socket = tmp_path / "tmux.sock"

    def start(command: list[str], width: int = 120, height: int = 40) -> Terminal:
        name = f"briefing-{uuid.uuid4().hex[:8]}"
        exit_file = tmp_path / f"exit-{name}"
        environment = {k: os.environ[k] for k in ("PATH", "HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME",
                                                   "XDG_CACHE_HOME", "XDG_DATA_HOME", "PYTHONPATH")
                       if k in os.environ}
        environment.update({"TERM": "xterm-256color", "LANG": "C.UTF-8"})
        exports = " ".join(f"{k}={subprocess.list2cmdline([v])}" for k, v in environment.items())
        shell = f"env -i {exports} {subprocess.list2cmdline(command)}; echo $? > {exit_file}"
        subprocess.run(["tmux", "-S", str(socket), "new-session", "-d", "-s", name, "-x", str(width), "-y",
                        str(height), shell, ";", "set-option", "-s", "exit-empty", "off", ";",
                        "set-option", "-g", "remain-on-exit", "on"], check=True)
        term = Terminal(name, socket)
        term.exit_file = exit_file  # type: ignore[attr-defined]
        return term

    yield start
    subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True)


def exit_status(term: Terminal, timeout: float = HANG) -> int:
    exit_file: Path = term.exit_file  # type: ignore[attr-defined]
    deadline = time.monotonic() + timeout
    while not (exit_file.exists() and exit_file.read_text().strip()):
        assert time.monotonic() < deadline, f"briefing did not exit within {timeout} s; screen:\n{term.screen()}"
        time.sleep(0.02)
    return int(exit_file.read_text())


@pytest.fixture
def breakers(tmp_path: Path) -> Iterator[Breakers]:
    built = build(tmp_path / "desk")
    yield built
    unlock(built)


def test_the_breakers_folder_shows_good_items_lists_problems_and_quits(run_in_tmux: Callable[..., Terminal],
                                                                       breakers: Breakers) -> None:
    term = run_in_tmux([*obeying_modes(), *briefing_command(), str(breakers.root)])
    screen = term.wait_for(lambda s: "A good article" in s and "loading" not in s, "the good items, loaded",
                           timeout=HANG)
    assert "problems (P)" in screen
    term.keys("P")
    problems = term.wait_for(lambda s: "locked" in s, "the problems, with the locked folder", timeout=HANG)
    assert "cannot read folder" in problems and "not a regular file" in problems
    term.keys("Escape")
    term.wait_for(lambda s: "locked" not in s, "the problems to close", timeout=HANG)
    term.keys("j")
    term.wait_for(lambda s: not any("▶" in line and "A good article" in line for line in s.splitlines()),
                  "the cursor to move", timeout=HANG)
    # A file dropped into the watched folder that would block a reader or never end: reported, nothing hangs.
    os.mkfifo(breakers.root / "late-fifo.txt")
    (breakers.root / "late-zero.txt").symlink_to("/dev/zero")
    (breakers.root / "late-good.txt").write_text("A late story\n\nPARIS — More words.\n", encoding="utf-8")
    term.wait_for(lambda s: "A late story" in s, "the late good file", timeout=HANG)
    term.keys("q")
    assert exit_status(term) == 0


def test_quitting_while_a_file_is_still_parsing_does_not_wait_for_it(run_in_tmux: Callable[..., Terminal],
                                                                     tmp_path: Path) -> None:
    """A parse that never ends (stood in for by a launcher whose parser sleeps) must not hold `q`."""
    desk = tmp_path / "slow-desk"
    desk.mkdir()
    (desk / "a.yaml").write_text("title: Loaded first\nbody: x\n", encoding="utf-8")
    (desk / "b.txt").write_text("Never finishes\n\nWords.\n", encoding="utf-8")
    launcher = (
        "import sys, time\n"
        "from briefing_tui.loading import articles\n"
        "real = articles.parse_article\n"
        "def slow(path, data):\n"
        "    if path.name == 'b.txt':\n"
        "        while True: time.sleep(1)\n"
        "    return real(path, data)\n"
        "articles.parse_article = slow\n"
        "from briefing_tui.loading import load\n"
        "load.parse_article = slow\n"
        "from briefing_tui.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    term = run_in_tmux([sys.executable, "-c", launcher, "--no-cache", str(desk)])
    term.wait_for(lambda s: "Loaded first" in s and "loading" in s, "the first file, the second still loading",
                  timeout=HANG)
    term.keys("q")
    assert exit_status(term, timeout=10) == 0


def test_a_crash_restores_the_terminal_saves_the_traceback_and_exits_non_zero(
        run_in_tmux: Callable[..., Terminal], isolated_xdg: Path) -> None:
    """No input is known to crash the dashboard any more, so a launcher plants a bug behind `?`."""
    launcher = (
        "import sys\n"
        "from briefing_tui.ui import main_screen\n"
        "def broken(self): raise RuntimeError('planted bug for the crash test')\n"
        "main_screen.MainScreen.action_help = broken\n"
        "from briefing_tui.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    term = run_in_tmux([sys.executable, "-c", launcher])
    term.wait_for(lambda s: "5 items" in s, "the seeds", timeout=HANG)
    term.keys("?")
    assert exit_status(term) == 70
    # With its history, lines joined: the pane may have scrolled, and the report's path may wrap.
    screen = term.tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", term.name)
    assert "the dashboard stopped on an internal error (RuntimeError: planted bug for the crash test)" in screen
    assert "Items" not in screen  # the normal screen is back, not the dashboard's last frame
    reports = list((isolated_xdg / "xdg_state_home" / "briefing" / "crashes").glob("crash-*.txt"))
    assert len(reports) == 1 and str(reports[0]) in screen
    assert "RuntimeError: planted bug for the crash test" in reports[0].read_text()
    assert (reports[0].stat().st_mode & 0o777) == 0o600
