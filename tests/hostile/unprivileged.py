"""Run briefing where file modes apply, even when the tests run as root.

Root ignores read and search permissions (the DAC override capabilities), so an unreadable folder
reads fine for it. ``setpriv`` (util-linux) drops those two capabilities for the child: it stays
root (the interpreter under /root stays reachable) but a mode-000 folder is refused as for anyone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ..e2e.terminal import briefing_command

DROP_OVERRIDES = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


def obeying_modes() -> list[str]:
    """The prefix that makes a command obey file modes (empty when not root); skips without setpriv."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is needed to make root obey file modes")
    return DROP_OVERRIDES


def run_obeying_modes(argv: list[str], home: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **{name: str(home / name.lower()) for name in
                            ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME")}}
    return subprocess.run([*obeying_modes(), *briefing_command(), *argv], capture_output=True, text=True,
                          timeout=timeout, env=env)
