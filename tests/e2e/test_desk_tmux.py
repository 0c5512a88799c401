"""Two analysts on one desk, each in a real terminal (tmux) running the installed `briefing` on a
real PostgreSQL server: a mark in one shows in the other, and marks on both sides of a server
restart survive."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_tui.review_store import connect

from ..conftest import SEEDS
from ..pg_server import PgServer
from .terminal import Terminal, briefing_command

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)")


@pytest.fixture
def tmux_socket(tmp_path: Path) -> Iterator[Path]:
    socket = tmp_path / "tmux.sock"
    yield socket
    subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True)


def _dashboard(socket: Path, args: list[str], reviewer: str) -> Terminal:
    name = f"desk-{reviewer}-{uuid.uuid4().hex[:6]}"
    environment = {k: os.environ[k] for k in ("PATH", "HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME",
                                               "XDG_CACHE_HOME", "XDG_DATA_HOME") if k in os.environ}
    environment.update({"TERM": "xterm-256color", "LANG": "C.UTF-8"})
    # shlex, not list2cmdline: the desk's URL holds & and ?, which only POSIX quoting keeps from the shell.
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in environment.items())
    command = f"env -i {exports} {shlex.join([*briefing_command(), '--reviewer', reviewer, *args])}"
    subprocess.run(["tmux", "-S", str(socket), "new-session", "-d", "-s", name, "-x", "160", "-y", "40", command,
                    ";", "set-option", "-s", "exit-empty", "off"], check=True)
    return Terminal(name, socket)


def test_two_analysts_see_each_others_marks_across_a_server_restart(pg_server: PgServer, tmux_socket: Path) -> None:
    url = pg_server.url(pg_server.fresh_database())
    ana = _dashboard(tmux_socket, ["--state", url, str(SEEDS)], "ana")
    ben = _dashboard(tmux_socket, ["--state", url, str(SEEDS)], "ben")
    for term in (ana, ben):
        term.wait_for(lambda s: "Russia and North Korea" in s and "5 to review" in s, "the seeds on the desk")

    ana.keys("f")  # Ana flags the first item
    ben.wait_for(lambda s: "⚑ 1" in s, "Ana's flag on Ben's screen")

    pg_server.stop()
    try:
        ben.wait_for(lambda s: "keeps trying" in s, "the outage said on Ben's screen", timeout=60)
    finally:
        pg_server.start()
    ben.wait_for(lambda s: "answers again" in s, "the desk back on Ben's screen", timeout=60)
    ben.keys("j", "r")  # Ben marks the second item reviewed, after the restart
    ana.wait_for(lambda s: "4 to review" in s, "Ben's mark on Ana's screen", timeout=60)

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with connect(url, read_only=True) as store:
            states = store.all_states()
        if len(states) == 2:
            break
        time.sleep(0.1)
    marks = sorted((s.flagged, s.reviewed, s.updated_by) for s in states.values())
    assert marks == [(False, True, "ben"), (True, False, "ana")]
    for term in (ana, ben):
        term.keys("q")


def test_a_claim_in_one_dashboard_is_skipped_by_space_in_the_other(pg_server: PgServer, tmux_socket: Path) -> None:
    url = pg_server.url(pg_server.fresh_database())
    ana = _dashboard(tmux_socket, ["--state", url, str(SEEDS)], "ana")
    ben = _dashboard(tmux_socket, ["--state", url, str(SEEDS)], "ben")
    for term in (ana, ben):
        term.wait_for(lambda s: "Russia and North Korea" in s and "5 to review" in s, "the seeds on the desk")

    ana.keys("j", "c")  # Ana claims the second item
    ana.wait_for(lambda s: "claimed by you until" in s, "Ana's claim on her screen")
    ben.wait_for(lambda s: "claimed by ana" in s, "Ana's claim on Ben's screen")
    with connect(url, read_only=True) as store:
        claimed = [s for s in store.all_states().values() if s.claim_holder()]
    assert [s.claimed_by for s in claimed] == ["ana"]

    ben.keys("space")  # from the first item: past Ana's, to the third
    ben.wait_for(lambda s: "claimed by ana until" not in s and "▶" in s, "Ben on another item")
    ben.keys("c")
    ben.wait_for(lambda s: "claimed by you until" in s, "Ben's own claim")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with connect(url, read_only=True) as store:
            holders = {s.item_id: s.claim_holder() for s in store.all_states().values() if s.claim_holder()}
        if len(holders) == 2:
            break
        time.sleep(0.1)
    assert sorted(holders.values()) == ["ana", "ben"] and claimed[0].item_id in holders
    assert holders[claimed[0].item_id] == "ana"  # Space took Ben past Ana's item, not onto it
    for term in (ana, ben):
        term.keys("q")
