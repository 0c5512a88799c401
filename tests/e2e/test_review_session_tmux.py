"""An analyst's whole review session in a real terminal (tmux) running the installed `briefing`: 200
BBC articles opened, sorted by source, narrowed by find, a speaker corrected, a quote pinned, five
items flagged at once, that undone as one step and flagged again, one of them unflagged, the digest
exported; the digest holds exactly that (issue 18)."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_tui.review_store import connect

from .terminal import Terminal, briefing_command

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)")

ARTICLES_PER_SECTION = 40  # five BBC sections: 200 articles
LOADING = 180.0  # cold: every article parsed once (the bound only catches a hang)


def _copy_articles(shared: Path, folder: Path) -> int:
    """The first 40 articles of each BBC section, a section a folder; a file whose bytes another
    copied file has already (the corpus repeats a few) is passed over, so 200 distinct items load."""
    seen: set[str] = set()
    for section in sorted(p for p in (shared / "corpus" / "bbc").iterdir() if p.is_dir()):
        copied = 0
        for path in sorted(section.glob("*.txt")):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            (folder / section.name).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, folder / section.name / path.name)
            copied += 1
            if copied == ARTICLES_PER_SECTION:
                break
    return len(seen)


@pytest.fixture
def tmux_socket(tmp_path: Path) -> Iterator[Path]:
    socket = tmp_path / "tmux.sock"
    yield socket
    subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True)


def _dashboard(socket: Path, args: list[str], exit_file: Path) -> Terminal:
    name = f"session-{uuid.uuid4().hex[:8]}"
    # PYTHONPATH too, when set: run from a checkout, the terminal runs that checkout's code.
    environment = {k: os.environ[k] for k in ("PATH", "HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME",
                                               "XDG_CACHE_HOME", "XDG_DATA_HOME", "PYTHONPATH") if k in os.environ}
    environment.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", "BRIEFING_REVIEWER": "ana"})
    exports = " ".join(f"{k}={subprocess.list2cmdline([v])}" for k, v in environment.items())
    command = f"env -i {exports} {subprocess.list2cmdline(briefing_command() + args)}; echo $? > {exit_file}"
    subprocess.run(["tmux", "-S", str(socket), "new-session", "-d", "-s", name, "-x", "120", "-y", "40", command,
                    ";", "set-option", "-s", "exit-empty", "off"], check=True)
    return Terminal(name, socket)


def _status(screen: str) -> str:
    return screen.splitlines()[0] if screen else ""


def _rows(screen: str) -> list[str]:
    """The item list's rows as drawn: the left pane, between its borders."""
    rows = []
    for line in screen.splitlines()[2:]:
        if line.startswith("╰"):
            break
        rows.append(line[1:line.index("│", 1)] if "│" in line[1:] else line[1:])
    return [row for row in rows if row.strip()]


def _title_start(row: str) -> str:
    """What a row shows of its item's title: after the gutter (4 columns), before the cut or, when the
    list is wide enough for all of it, before the gap in front of the row's source and counts."""
    return re.split(r"…|\s{2,}", row[4:].removeprefix("▸ ").strip())[0].strip()


def test_a_whole_review_session_ends_in_the_digest_it_should(shared: Path, tmp_path: Path,
                                                             tmux_socket: Path) -> None:
    folder = tmp_path / "bbc"
    assert _copy_articles(shared, folder) == 200
    state, digest, exit_file = tmp_path / "state.sqlite3", tmp_path / "digest.md", tmp_path / "exit-status"
    term = _dashboard(tmux_socket, ["--state", str(state), str(folder)], exit_file)
    term.wait_for(lambda s: "200 items" in _status(s) and "loading" not in _status(s) and "Quotes" in s,
                  "200 articles loaded", timeout=LOADING)

    term.keys("S", "S")  # in loading order, newest first, by source
    term.wait_for(lambda s: "· by source" in _status(s), "sorted by source")

    term.keys("/")
    term.type("Microsoft")
    term.keys("Enter", "l")
    screen = term.wait_for(lambda s: "find “Microsoft”" in _status(s) and " only" in _status(s)
                           and re.search(r"Items \d+/200", s) is not None, "the list narrowed by find")
    shown = int(re.search(r"Items (\d+)/200", screen).group(1))  # type: ignore[union-attr]
    assert 5 < shown < 20 and len(_rows(screen)) == shown

    term.keys("Q", "s")  # the first quote of the first item: who said it
    term.wait_for(lambda s: "Who said it?" in s, "the speaker dialog")
    term.keys("Tab")
    term.type("Jo Park")
    term.keys("Enter")
    term.wait_for(lambda s: "✎ Jo Park (parser:" in s, "the corrected speaker in the Quotes panel")
    term.keys("p")  # the quote still highlighted: pinned
    term.wait_for(lambda s: "★ ✎ Jo Park" in s, "the quote pinned")

    term.keys("I", "v", "v", "v", "v", "v")
    screen = term.wait_for(lambda s: "· 5 selected" in _status(s), "five items selected")
    picked = [_title_start(row) for row in _rows(screen)[:5]]
    assert all("●" in row for row in _rows(screen)[:5]) and "●" not in _rows(screen)[5]
    term.keys("f")
    term.wait_for(lambda s: "⚑ 5 · 5 selected" in _status(s), "five flagged at once")

    term.keys("z")  # the five flags were one change: one z takes them all back
    term.wait_for(lambda s: "⚑" not in _status(s) and "· 5 selected" in _status(s), "the bulk flag undone")
    with connect(state, read_only=True) as store:
        assert not any(s.flagged for s in store.all_states().values())
    term.keys("f")  # still selected: flagged again
    term.wait_for(lambda s: "⚑ 5 · 5 selected" in _status(s), "five flagged again")

    term.keys("Escape")
    screen = term.wait_for(lambda s: "selected" not in _status(s), "the selection cleared")
    # The undo put the cursor on the first item it changed; one of the five, the second, is unflagged.
    assert "▶" in _rows(screen)[0]
    term.keys("j", "f")
    term.wait_for(lambda s: "⚑ 4" in _status(s), "one of the five unflagged")

    term.keys("e")
    term.wait_for(lambda s: "Export digest" in s, "the export dialog")
    term.keys("C-u")
    term.type(str(digest))
    term.keys("Enter")
    term.wait_for(lambda s: "Digest written" in s, "the digest written")
    term.keys("q")
    deadline = time.monotonic() + 60
    while not exit_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert exit_file.read_text().strip() == "0"

    text = digest.read_text(encoding="utf-8")
    assert "· 200 items · 0 reviewed · 4 flagged · 1 with pins" in text.splitlines()[2]
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    flagged = [s.splitlines()[0] for s in sections if "**Mark:** ⚑ flagged" in s]
    expected = [start for k, start in enumerate(picked) if k != 1]
    assert len(flagged) == 4
    assert all(any(title.startswith(start) for title in flagged) for start in expected)
    assert not any(title.startswith(picked[1]) for title in flagged)
    pinned = [s for s in sections if "**Pinned quotes**" in s]
    assert len(pinned) == 1 and pinned[0].startswith(picked[0]) and "Jo Park" in pinned[0]
    assert "Jo Park" not in text.replace(pinned[0], "")
