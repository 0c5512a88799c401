"""Hostile input (issue 7) end to end: the installed `briefing` in tmux, with the raw terminal output captured.

`tmux pipe-pane -o` copies every byte the app writes to its terminal into a file, from before
the app starts (the pane's shell waits for Enter until the pipe is in place). The test walks the
cursor over every item and then looks through those bytes for what the fixtures planted: no
clipboard write (OSC 52), no title change (OSC 0/2), no OSC 8 link to the planted URL, no DCS,
no C1 control, no bidi override, none of the planted payloads; and the screen (capture-pane)
shows markup literally. Every wait has a deadline; nothing sleeps a fixed time.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefing_tui.loading.load import load_paths

from ..hostile.make_fixtures import HIDDEN, PAYLOADS, URL, build
from .terminal import Terminal, briefing_command

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)")

# Payloads Textual never writes itself: looked for bare. The cursor moves and SGR of the fixtures
# are sequences the app does write, so they are looked for right after the marker planted before them.
BARE = ("osc0_title", "osc2_title", "osc8_link", "osc52_clipboard", "dcs", "c1_csi", "c1_osc", "bidi_override",
        "bidi_isolate")
FORBIDDEN = {
    "OSC 52 clipboard write": "\x1b]52",
    "OSC 0 title": "\x1b]0;",
    "OSC 2 title": "\x1b]2;",
    "OSC 8 link to the planted URL": "\x1b]8;;" + URL,
    "DCS": "\x1bP",
    "C1 CSI": "\x9b",
    "C1 OSC": "\x9d",
    "bidi override": "\u202e",
}


class RawTerminal(Terminal):
    """A tmux pane running `briefing`, with every byte it writes piped to ``self.raw``."""

    def __init__(self, socket: Path, name: str, raw: Path) -> None:
        super().__init__(name, socket)
        self.raw = raw

    def settled(self, timeout: float = 5.0) -> str:
        """The screen once two captures 50 ms apart agree (the panels are drawn after the cursor moves)."""
        deadline = time.monotonic() + timeout
        previous = self.screen()
        while time.monotonic() < deadline:
            time.sleep(0.05)
            current = self.screen()
            if current == previous:
                return current
            previous = current
        raise AssertionError(f"the screen did not settle; it was:\n{previous}")

    def wait_exit(self, timeout: float = 20.0) -> None:
        """Until the app has exited (the pane stays, dead, so what it printed last can be read)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            dead = self.tmux("display-message", "-p", "-t", self.name, "#{pane_dead}").strip() == "1"
            if dead and "\x1b[?1049l" in self.output():  # gone, and its last bytes piped
                return
            time.sleep(0.05)
        raise AssertionError(f"briefing did not exit; screen was:\n{self.screen()}")

    def output(self) -> str:
        return self.raw.read_bytes().decode("utf-8", "surrogateescape")


@pytest.fixture
def raw_terminal(tmp_path: Path, isolated_xdg: Path) -> Iterator[Callable[..., RawTerminal]]:
    socket = tmp_path / "tmux.sock"
    # The walks visit every item, one row each: the story grouping would fold near-copies into one row.
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "briefing" / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("grouping: off\n", encoding="utf-8")

    def start(args: list[str], cwd: Path, width: int = 160, height: int = 48,
              env: dict[str, str] | None = None) -> RawTerminal:
        name = f"hostile-{uuid.uuid4().hex[:8]}"
        raw = tmp_path / f"{name}.raw"
        raw.touch()
        environment = {k: os.environ[k] for k in ("PATH", "HOME", "PYTHONPATH", "XDG_CONFIG_HOME", "XDG_STATE_HOME",
                                                   "XDG_CACHE_HOME", "XDG_DATA_HOME") if k in os.environ}
        environment.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", **(env or {})})
        exports = " ".join(f"{k}={subprocess.list2cmdline([v])}" for k, v in environment.items())
        run = subprocess.list2cmdline(briefing_command() + args)
        command = f"read _; cd {subprocess.list2cmdline([str(cwd)])} && exec env -i {exports} {run}"
        subprocess.run(["tmux", "-S", str(socket), "new-session", "-d", "-s", name, "-x", str(width), "-y",
                        str(height), command], check=True)
        term = RawTerminal(socket, name, raw)
        term.tmux("set-option", "-t", name, "remain-on-exit", "on")  # a crash leaves its traceback to read
        term.tmux("pipe-pane", "-o", "-t", name, f"cat >> {subprocess.list2cmdline([str(raw)])}")
        term.keys("Enter")  # now the shell execs briefing, with the pipe already in place
        return term

    yield start
    subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True)


def warm_cache(paths: list[str], cwd: Path) -> None:
    """Parse the articles once with `briefing check` (same XDG folders), so the dashboard reads them from the
    parse cache: opened cold, a folder of 24+ new articles crashes the dashboard's worker pool
    (tests/hostile/test_hostile_dashboard.py::test_a_cold_folder_loads_through_the_worker_pool)."""
    run = subprocess.run([*briefing_command(), "check", *paths], capture_output=True, text=True, timeout=120,
                         cwd=cwd)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr[-2000:]


def cursor_line(screen: str) -> str:
    """The item list's row under the cursor (the row marked ▶)."""
    row = next((line.split("││")[0] for line in screen.splitlines() if line.startswith("│▶")), "")
    return row[4:].lstrip().split("  ")[0]  # the title, without the mark column nor the counts beside it


def focus_the_list(term: RawTerminal) -> None:
    """Make sure j moves through the items: Tab until it does. A slow file at the start of a load can leave
    focus on a panel (test_hostile_dashboard.py::test_focus_stays_on_the_list_when_the_first_file_is_slow)."""
    for _ in range(7):
        before = cursor_line(term.settled())
        term.keys("j")
        try:
            term.wait_for(lambda s, before=before: cursor_line(s) != before, "j to move the cursor", timeout=1.5)
        except AssertionError:
            term.keys("Tab")
            continue
        term.keys("g")
        term.wait_for(lambda s, before=before: cursor_line(s) == before, "g to go back to the first item")
        return
    raise AssertionError("no pane focus makes j move through the items")


def walk_every_item(term: RawTerminal, count: int) -> list[str]:
    """Press j until the cursor has been on every item; each press must move it within 5 s."""
    focus_the_list(term)
    screens = [term.settled()]
    for n in range(count - 1):
        before = cursor_line(screens[-1])
        term.keys("j")
        term.wait_for(lambda s, before=before: cursor_line(s) != before, f"the cursor to reach item {n + 2} of {count}",
                      timeout=5)
        screens.append(term.settled())
    return screens


def assert_clean(raw: str) -> None:
    for what, seq in FORBIDDEN.items():
        assert seq not in raw, f"{what} reached the terminal: ...{raw[max(0, raw.find(seq) - 80):raw.find(seq) + 40]!r}"
    for name in BARE:
        assert PAYLOADS[name] not in raw, name
    for name, payload in PAYLOADS.items():
        assert f"<{name}>{payload}" not in raw, name
    for hidden in HIDDEN:
        assert hidden not in raw, hidden


def test_hostile_folder_never_reaches_the_terminal(raw_terminal: Callable[..., RawTerminal], tmp_path: Path) -> None:
    fx = build(tmp_path / "fixtures", many=0, slow=False)
    folders = [fx["set"]]
    count = sum(len(r.items) for _, r in load_paths(folders))
    # Relative paths, so source paths show whole, on one line; the cache is keyed on the path as given.
    warm_cache(["set"], cwd=fx["set"].parent)
    files_before = {p: p.lstat().st_mtime_ns for p in fx["set"].parent.rglob("*")}
    term = raw_terminal(["set"], cwd=fx["set"].parent)
    term.wait_for(lambda s: f"{count} items" in s and "loading" not in s, f"{count} items to load")
    screens = walk_every_item(term, count)
    shown = "\n".join(screens)
    for literal in ("Markup title [bold red]LOUD[/] [@click=app.quit]QUIT[/]", "[@click=app.quit]Evil Corp",
                    "YAML [bold red]LOUD[/]", "set/markup/[@click=app.quit]named [b].txt"):
        assert literal in shown, literal
    term.keys("P")
    # Waiting for the line itself: a late "press P" toast can cover part of the view for a moment.
    term.wait_for(lambda s: "Esc closes" in s and "broken [@click=app.quit][/].yaml:2:1: YAML syntax" in s,
                  "the problems view with the broken file's line")
    term.keys("Escape")
    term.wait_for(lambda s: "Esc closes" not in s, "the problems view to close")
    term.keys("q")
    term.wait_exit()
    raw = term.output()
    assert len(raw) > 10_000  # the capture really holds the session
    assert_clean(raw)
    # The app left the alternate screen once, when `q` was pressed: no planted [@click=app.quit] ran.
    assert raw.count("\x1b[?1049l") == 1
    # Nothing was written beside the files (state and caches live in the test's XDG folders).
    assert {p: p.lstat().st_mtime_ns for p in fx["set"].parent.rglob("*")} == files_before


def test_hostile_file_names_never_reach_the_terminal(raw_terminal: Callable[..., RawTerminal], tmp_path: Path) -> None:
    fx = build(tmp_path / "fixtures", many=0, slow=False)
    names = fx["set"] / "paths" / "names"
    term = raw_terminal([str(names)], cwd=tmp_path)
    term.wait_for(lambda s: "6 items" in s and "loading" not in s, "6 items to load")
    walk_every_item(term, 6)
    raw = term.output()
    assert not re.search("[\x08\x9b\u202e]", raw)  # (BEL is fine: Textual ends its own OSC 22 with it)
    assert_clean(raw)


# SGR parameters that set a colour: 30-38 and 40-48 (38/48 start 256-colour and RGB), 90-97, 100-107.
COLOUR_PARAMS = {*range(30, 39), *range(40, 49), *range(90, 98), *range(100, 108)}


def test_no_color_sends_no_colour_codes_at_all(raw_terminal: Callable[..., RawTerminal], tmp_path: Path) -> None:
    """NO_COLOR=1 (no-color.org): attributes only — bold, reverse, underline, italic — and never a
    colour, not even a grey; checked on the bytes the terminal received, not on the screen."""
    term = raw_terminal([], cwd=tmp_path, width=120, height=40, env={"NO_COLOR": "1"})
    term.wait_for(lambda s: "5 items" in s and "Russia and North Korea" in s, "the seeds to show")
    term.keys("j")
    term.wait_for(lambda s: any("▶" in line and "BA blames fuel" in line for line in s.splitlines()),
                  "the cursor to move")
    term.keys("Tab")
    term.settled()
    term.keys("q")
    term.wait_exit()
    raw = term.output()
    sgr = re.findall(r"\x1b\[([0-9;:]*)m", raw)
    assert len(sgr) > 50  # the session really is in the capture, styled
    colours = [params for params in sgr if COLOUR_PARAMS & {int(p) for p in re.split("[;:]", params) if p.isdigit()}]
    assert colours == [], colours[:5]
    assert any("7" in params.split(";") for params in sgr)  # reverse: the cursor row still stands out


@pytest.mark.parametrize("locale", [{"LANG": "C"}, {"LC_ALL": "C", "LANG": "en_GB.UTF-8"},
                                    {"LANG": "C", "TERM": "screen"}],
                         ids=["LANG=C", "LC_ALL=C", "LANG=C,TERM=screen"])
def test_a_c_locale_gets_ascii_only(raw_terminal: Callable[..., RawTerminal], tmp_path: Path,
                                    locale: dict[str, str]) -> None:
    """A terminal set up for the C locale gets nothing but ASCII: borders, marks, the status line's
    separators, and the items' own curly quotes, accents and CJK (each kept to its width), read on the
    bytes the terminal received."""
    folder = tmp_path / "items"
    folder.mkdir()
    (folder / "kraków.txt").write_text(
        "“Storm” hits Kraków’s coast — 東京 watches\n\nThe mayor said: “We are ready.” Café owners… waited.\n",
        encoding="utf-8")
    (folder / "second.txt").write_text("Second story\n\nPlain words only.\n", encoding="utf-8")
    term = raw_terminal([str(folder)], cwd=tmp_path, width=120, height=40, env=locale)
    article = term.wait_for(lambda s: "Second story" in s and "Cafe owners" in s, "the items and the article")
    assert '"Storm" hits Krakow\'s coast - ???? watches' in article  # the title: each cell kept
    assert '"We are ready." Cafe owners~ waited.' in article
    term.keys("r")  # reviewed, and on to the second
    term.keys("f")  # flagged
    screen = term.wait_for(lambda s: "! 1" in s, "the flag counted")
    # Focus: the accent colour, or on 16 colours (TERM=screen) the double border, in ASCII.
    assert ("#= Items 2 =" if locale.get("TERM") == "screen" else "+- Items 2 -") in screen
    rows = [line[1:] for line in screen.splitlines()]  # inside the list's left border
    assert any(row.startswith(' v  "Storm" hits Krakow') for row in rows), screen
    assert any(row.startswith(">!  Second story") for row in rows), screen
    term.keys("q")
    term.wait_exit()
    raw = term.raw.read_bytes()
    assert b"Storm" in raw  # the session really is in the capture
    assert raw.isascii(), sorted({chr(b) for b in raw if b > 127})[:10]
