"""Real use over SSH: `ssh -t` into `briefing` inside tmux, mark an item, quit, reconnect, see the mark.

sshd runs on 127.0.0.1 on a free high port with a throwaway host key and
user key in a temp folder, and is stopped at the end. .ci/run installs
openssh-server; without it the test is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import SEEDS
from .terminal import Terminal, briefing_command

SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if Path("/usr/sbin/sshd").exists() else None)

pytestmark = [
    pytest.mark.skipif(SSHD is None, reason="openssh-server is not installed (.ci/run installs it)"),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"),
    pytest.mark.skipif(shutil.which("ssh") is None, reason="ssh client is not installed"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            return s.recv(4).startswith(b"SSH-")
    except OSError:
        return False


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    keys = tmp_path / "keys"
    keys.mkdir(mode=0o700)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / "host")], check=True)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / "user")], check=True)
    authorized = keys / "authorized_keys"
    authorized.write_text((keys / "user.pub").read_text())
    authorized.chmod(0o600)
    port = free_port()
    config = keys / "sshd_config"
    user = os.environ.get("USER") or subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {keys / 'host'}\nPidFile {keys / 'sshd.pid'}\n"
        f"AuthorizedKeysFile {authorized}\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        f"PubkeyAuthentication yes\nPermitRootLogin prohibit-password\nStrictModes no\nUsePAM no\n"
        f"AllowUsers {user}\nPermitUserEnvironment no\nPrintMotd no\nLogLevel ERROR\n"
    )
    Path("/run/sshd").mkdir(exist_ok=True)  # the privilege-separation folder sshd insists on
    proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE)
    try:
        wait_until(lambda: accepts(port) or proc.poll() is not None, "sshd to listen")
        if proc.poll() is not None:
            pytest.fail(f"sshd did not start: {proc.stderr.read().decode(errors='replace')}")
        yield port, keys
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_mark_over_ssh_survives_reconnect(sshd: tuple[int, Path], tmp_path: Path) -> None:
    port, keys = sshd
    state = tmp_path / "state.sqlite3"
    remote = " ".join(
        [
            "env", f"XDG_CONFIG_HOME={tmp_path / 'cfg'}", f"XDG_CACHE_HOME={tmp_path / 'cache'}",
            "TERM=xterm-256color", "LANG=C.UTF-8",
            *briefing_command(), "--state", str(state), str(SEEDS),
        ]
    )
    ssh = (
        f"ssh -t -p {port} -i {keys / 'user'} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
        f"-o LogLevel=ERROR -o BatchMode=yes 127.0.0.1 {remote!r}"
    )
    socket_path = tmp_path / "tmux.sock"

    def session(name: str) -> Terminal:
        subprocess.run(["tmux", "-S", str(socket_path), "new-session", "-d", "-s", name, "-x", "80", "-y", "24",
                        f"{ssh}; echo SSH-EXIT=$?; sleep 30"], check=True)
        return Terminal(name, socket_path)

    try:
        first = session("first")
        first.wait_for(lambda s: "5 items" in s and "Russia and North Korea" in s, "briefing over ssh")
        first.keys("r")
        first.wait_for(lambda s: "4 to review" in s, "the mark to be saved")
        first.keys("q")
        first.wait_for(lambda s: "SSH-EXIT=0" in s, "a clean exit")

        second = session("second")
        screen = second.wait_for(lambda s: "5 items" in s and "4 to review" in s, "the mark after reconnecting")
        row = next(line for line in screen.splitlines() if "Russia and North Korea" in line)
        assert "✓" in row
        second.keys("q")
        second.wait_for(lambda s: "SSH-EXIT=0" in s, "a clean exit")
    finally:
        subprocess.run(["tmux", "-S", str(socket_path), "kill-server"], capture_output=True)
