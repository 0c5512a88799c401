"""`briefing serve` as browser tabs see it: time from opening the address to the dashboard's first
rows in the page, and the memory each tab's app process takes.

    python benchmarks/serve_tabs.py [--tabs 4] [PATH...]

Starts the installed `briefing serve` on a free port (state in a temporary folder) and opens the
tabs one after another in Debian's chromium through Playwright, as tests/serve/ does. The first
rows are seen in the WebSocket frames the page receives (the page draws on a canvas).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.serve.served import CHROMIUM, Tab, chromium_args, start_served  # noqa: E402


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tabs", type=int, default=4)
    parser.add_argument("--text", default="Russia and North Korea", help="text of the first rows to wait for")
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "seeds"])
    args = parser.parse_args()
    if CHROMIUM is None:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        served = start_served(Path(folder), "--max-sessions", str(args.tabs), paths=tuple(args.paths))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=chromium_args())
        try:
            times = []
            for _ in range(args.tabs):
                page = browser.new_page(viewport={"width": 1200, "height": 700})
                tab = Tab(page)
                start = time.perf_counter()
                page.goto(served.url)
                tab.wait_for_text(args.text, timeout=120)
                times.append(time.perf_counter() - start)
            apps = served.apps()
            per_tab = [rss_mib(pid) for pid in apps]
            server = rss_mib(served.process.pid)
            print("| measure | value |")
            print("|---|---|")
            print(f"| tabs | {args.tabs} |")
            print(f"| address opened → first rows in the page, median / worst | "
                  f"{statistics.median(times) * 1000:.0f} / {max(times) * 1000:.0f} ms |")
            print(f"| RSS per tab's app process, median / worst | {statistics.median(per_tab):.0f} / "
                  f"{max(per_tab):.0f} MiB |")
            print(f"| RSS of the server itself | {server:.0f} MiB |")
        finally:
            browser.close()
            served.stop()


if __name__ == "__main__":
    main()
