"""The installed `briefing` in a real terminal (tmux): what a person sees and types."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ..conftest import SEEDS
from .terminal import Terminal, briefing_command

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)")


@pytest.fixture
def terminal(tmp_path: Path, isolated_xdg: Path) -> Iterator[Callable[..., Terminal]]:
    socket = tmp_path / "tmux.sock"
    started: list[Terminal] = []

    def start(args: list[str], width: int = 80, height: int = 24, env: dict[str, str] | None = None) -> Terminal:
        name = f"briefing-{uuid.uuid4().hex[:8]}"
        exit_file = tmp_path / "exit-status"
        environment = {k: os.environ[k] for k in ("PATH", "HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME",
                                                   "XDG_CACHE_HOME", "XDG_DATA_HOME") if k in os.environ}
        environment.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", **(env or {})})
        exports = " ".join(f"{k}={subprocess.list2cmdline([v])}" for k, v in environment.items())
        command = f"env -i {exports} {subprocess.list2cmdline(briefing_command() + args)}; echo $? > {exit_file}"
        # The server outlives its sessions (exit-empty off): a test that starts briefing again after
        # the first one ended (kill -9) would otherwise race the emptied server's shutdown.
        subprocess.run(["tmux", "-S", str(socket), "new-session", "-d", "-s", name, "-x", str(width), "-y",
                        str(height), command, ";", "set-option", "-s", "exit-empty", "off"], check=True)
        term = Terminal(name, socket)
        term.exit_file = exit_file  # type: ignore[attr-defined]
        started.append(term)
        return term

    yield start
    subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True)


def exit_status(term: Terminal, timeout: float = 60.0) -> str:
    """The exit status briefing left in the terminal's exit file, once it has quit (the bound only
    catches a hang)."""
    exit_file: Path = term.exit_file  # type: ignore[attr-defined]
    deadline = time.monotonic() + timeout
    while not exit_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return exit_file.read_text().strip()


def test_seeds_find_keyword_help_and_quit(terminal: Callable[..., Terminal]) -> None:
    term = terminal([])
    term.wait_for(lambda s: "5 items" in s and "Russia and North Korea" in s, "the seeds to show")
    # The list comes first; the article and panels are mounted right after it is painted.
    term.wait_for(lambda s: "Items 5" in s and "Article" in s and "Actors" in s, "the whole dashboard")
    term.keys("/")
    term.type("moya")
    screen = term.wait_for(lambda s: "find “moya” 1 item" in s, "find to match")
    assert "Moya calls Davis Cup" in screen
    term.keys("Enter")
    term.keys("1")
    screen = term.wait_for(lambda s: "[1 North Korea]" in s, "the keyword filter")
    assert "3/5 shown" in screen
    term.keys("?")
    term.wait_for(lambda s: "Moving through items" in s, "the help screen")
    term.keys("Escape")
    term.wait_for(lambda s: "Moving through items" not in s, "help to close")
    term.keys("q")
    assert exit_status(term) == "0"


def test_wide_terminal_shows_every_panel(terminal: Callable[..., Terminal]) -> None:
    term = terminal([], width=160, height=48)
    screen = term.wait_for(lambda s: "5 items" in s and "Related" in s, "the wide layout")
    for title in ("Items 5", "Article", "Actors", "Quotes", "Figures", "Related"):
        assert title in screen


@pytest.mark.parametrize("env", [{"TERM": "screen"}, {"TERM": "xterm-256color", "NO_COLOR": "1"}],
                         ids=["TERM=screen", "NO_COLOR"])
def test_plain_terminals_work(terminal: Callable[..., Terminal], env: dict[str, str]) -> None:
    term = terminal([], env=env)
    term.wait_for(lambda s: "5 items" in s and "Russia and North Korea" in s, "the seeds to show")
    term.keys("j")
    term.wait_for(lambda s: any("▶" in line and "BA blames fuel" in line for line in s.splitlines()),
                  "the cursor to move")
    term.keys("q")


def test_marks_notes_and_pins_survive_kill_9(terminal: Callable[..., Terminal], tmp_path: Path) -> None:
    state = tmp_path / "kill9-state.sqlite3"
    term = terminal(["--state", str(state)])
    term.wait_for(lambda s: "5 to review" in s, "the seeds to show")
    term.keys("r")  # marks the first item and moves on to the second
    term.wait_for(lambda s: "4 to review" in s, "the mark to show")
    term.keys("f")  # flags the second and moves on to the third, whose note follows
    term.wait_for(lambda s: "⚑ 1" in s, "the flag to show")
    term.keys("a")
    term.wait_for(lambda s: "Ctrl+S saves" in s, "the note editor")
    term.type("Call the desk about this one")
    term.keys("C-s")
    term.wait_for(lambda s: "Ctrl+S saves" not in s, "the note to be saved")
    # Only briefing, the pane shell's child: `pgrep -f` on its arguments also matched the shell and the tmux
    # server (their command lines hold the same words), and a killed server failed the next new-session.
    shell = term.tmux("display-message", "-p", "-t", term.name, "#{pane_pid}").strip()
    pids = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
    assert pids, "the briefing process"
    for pid in pids:
        os.kill(int(pid), 9)

    again = terminal(["--state", str(state)])
    screen = again.wait_for(lambda s: "4 to review" in s and "⚑ 1" in s, "the marks after kill -9")
    assert "✓" in next(line for line in screen.splitlines() if "Russia and North Korea" in line)
    again.keys("j", "j", "a")
    again.wait_for(lambda s: "Call the desk about this one" in s, "the note after kill -9")
    again.keys("Escape", "q")


@pytest.mark.parametrize("term_name", ["xterm", "screen"])
def test_focus_on_a_16_colour_terminal_is_a_double_border_not_red(terminal: Callable[..., Terminal],
                                                                  term_name: str) -> None:
    term = terminal([], width=80, height=24, env={"TERM": term_name})
    term.wait_for(lambda s: "╔═ Items" in s and "╭─ Article" in s, "the focused list double, the article round")
    styled = term.tmux("capture-pane", "-p", "-e", "-t", term.name)
    focused_border = next(line for line in styled.splitlines() if "╔" in line)
    assert "\x1b[91m" not in focused_border and "\x1b[31m" not in focused_border  # no red
    term.keys("Tab")
    term.wait_for(lambda s: "╭─ Items" in s and "╔═ Article" in s, "focus moved to the article")
    term.keys("q")


def test_state_and_reviewer_come_from_the_environment_config_and_flags(terminal: Callable[..., Terminal],
                                                                     tmp_path: Path, isolated_xdg: Path) -> None:
    """--reviewer beats BRIEFING_REVIEWER beats reviewer: in config.yaml; BRIEFING_STATE beats state:."""
    from briefing_tui.review_store import connect

    config = isolated_xdg / "xdg_config_home" / "briefing" / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("state: from-config.sqlite3\nreviewer: Config Name\n", encoding="utf-8")
    from_config, from_env = config.parent / "from-config.sqlite3", tmp_path / "from-env.sqlite3"

    def flag_first_and_quit(term: Terminal) -> None:
        term.wait_for(lambda s: "Russia and North Korea" in s, "the seeds")
        term.keys("f")
        term.wait_for(lambda s: "⚑ 1" in s, "the flag counted")
        term.keys("q")
        assert exit_status(term) == "0"
        term.exit_file.unlink()  # type: ignore[attr-defined]  # the next terminal of this test writes it again

    flag_first_and_quit(terminal([str(SEEDS)]))
    flag_first_and_quit(terminal(["--reviewer", "Flag Name", str(SEEDS)], env={"BRIEFING_STATE": str(from_env),
                                                                              "BRIEFING_REVIEWER": "Env Name"}))
    with connect(from_config, read_only=True) as store:
        assert [s.updated_by for s in store.all_states().values()] == ["Config Name"]
    with connect(from_env, read_only=True) as store:
        assert [s.updated_by for s in store.all_states().values()] == ["Flag Name"]
