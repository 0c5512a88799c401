"""Issue 14's "Done when", timed: the dashboard on the breakers folder, in a real terminal.

    python benchmarks/breakers.py [--runs 5] [--briefing PATH]

The folder (tests/hostile/breakers.py) holds every minimal YAML value that crashed the loader, a
huge hex figure, an unreadable subfolder, a FIFO, a link to /dev/zero and the 1 MB page with
100,000 attributes, beside good files. Each run starts the installed ``briefing`` on it in tmux
(120x40; as root, under setpriv so the subfolder really is unreadable), and times:

- launch -> every good item's title visible, loading finished;
- ``j`` -> the cursor on the next row (five presses, the worst reported);
- ``P`` -> the problems list showing the unreadable folder;
- ``q`` -> the process gone (its exit status written by the shell).

It also counts the problems listed. Times come from polling ``tmux capture-pane`` every 10 ms, so
they include tmux's own drawing; they are for docs/performance.md, not for asserts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile.breakers import build, unlock  # noqa: E402

DROP_OVERRIDES = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


class Pane:
    def __init__(self, socket: Path, name: str) -> None:
        self.socket, self.name = socket, name

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-S", str(self.socket), *args], capture_output=True, text=True).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def until(self, condition: Callable[[str], bool], timeout: float = 60.0) -> float:
        """Seconds until ``condition`` holds on screen (from now); raises after ``timeout``."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if condition(self.screen()):
                return time.monotonic() - start
            time.sleep(0.01)
        raise TimeoutError(f"not seen within {timeout} s; screen:\n{self.screen()}")


def one_run(briefing: list[str], folder: Path, titles: list[str], home: Path) -> dict[str, float]:
    socket = home / "tmux.sock"
    exit_file = home / "exit"
    exit_file.unlink(missing_ok=True)
    env = " ".join(f"{k}={home / k.lower()}" for k in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"))
    prefix = DROP_OVERRIDES if os.geteuid() == 0 and shutil.which("setpriv") else []
    command = (f"env -i PATH={os.environ['PATH']} HOME={home} TERM=xterm-256color LANG=C.UTF-8 {env} "
               f"{subprocess.list2cmdline([*prefix, *briefing, str(folder)])}; echo $? > {exit_file}")
    start = time.monotonic()
    subprocess.run(["tmux", "-S", str(socket), "new-session", "-d", "-s", "b", "-x", "120", "-y", "40", command,
                    ";", "set-option", "-s", "exit-empty", "off"], check=True)
    pane = Pane(socket, "b")
    try:
        pane.until(lambda s: all(t[:40] in s for t in titles[:3]) and "loading" not in s)
        loaded = time.monotonic() - start
        problems = int(pane.screen().split("⚠ ")[1].split()[0]) if "⚠ " in pane.screen() else 0
        moves = []
        for _ in range(5):
            before = next((line for line in pane.screen().splitlines() if "▶" in line), "")
            pane.tmux("send-keys", "-t", "b", "j")
            moves.append(pane.until(lambda s, b=before: next((x for x in s.splitlines() if "▶" in x), "") != b))
        pane.tmux("send-keys", "-t", "b", "P")
        problems_shown = pane.until(lambda s: "locked" in s)
        pane.tmux("send-keys", "-t", "b", "Escape")
        pane.until(lambda s: "locked" not in s)
        pane.tmux("send-keys", "-t", "b", "q")
        quit_start = time.monotonic()
        while not (exit_file.exists() and exit_file.read_text().strip()):
            if time.monotonic() - quit_start > 60:
                raise TimeoutError("briefing did not exit")
            time.sleep(0.005)
        quit_time = time.monotonic() - quit_start
        return {"loaded": loaded, "worst_move": max(moves), "problems_view": problems_shown, "quit": quit_time,
                "problems": problems, "status": int(exit_file.read_text())}
    finally:
        subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--briefing", default=str(ROOT / ".venv" / "bin" / "briefing"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="breakers-") as tmp:
        base = Path(tmp)
        os.chmod(base, 0o755)
        breakers = build(base / "desk")
        titles = [t for t in breakers.good_titles if t.startswith(("A good", "Desk"))]  # the first rows
        try:
            rows = []
            for run in range(args.runs):
                home = base / f"home-{run}"
                home.mkdir()
                rows.append(one_run([args.briefing], breakers.root, titles, home))
                print(f"run {run + 1}: " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                                                     for k, v in rows[-1].items()), flush=True)
        finally:
            unlock(breakers)
    print("\n| measure | median | worst |\n|---|---|---|")
    for key, label in (("loaded", "launch → good items shown, loading done"), ("worst_move", "`j` → cursor moved"),
                       ("problems_view", "`P` → problems listed"), ("quit", "`q` → process gone")):
        values = [r[key] for r in rows]
        print(f"| {label} | {statistics.median(values) * 1000:.0f} ms | {max(values) * 1000:.0f} ms |")
    print(f"\nproblems listed: {sorted({r['problems'] for r in rows})}; exit statuses: "
          f"{sorted({r['status'] for r in rows})}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
