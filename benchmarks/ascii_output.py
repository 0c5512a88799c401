"""Issue 18: what writing ASCII only costs, per frame. In a terminal whose locale is not UTF-8 every string
the dashboard writes passes ``glyphs.to_ascii`` on the event loop (the driver's write), so a full repaint
pays it once per frame.

    python benchmarks/ascii_output.py [--repeat 200]

Frames are built like Textual's output: SGR codes, box drawing and list rows with marks and typographic
punctuation; one of pure ASCII (the fast path), one of text and glyphs, one all borders (the worst case).
Prints milliseconds per frame (median of five rounds) for docs/performance.md.
"""

from __future__ import annotations

import argparse
import statistics
import time

from briefing_tui.glyphs import to_ascii


def frames(width: int, height: int) -> dict[str, str]:
    row = "\x1b[38;5;245m│\x1b[0m▶✓✎ Russia and North Korea both sign off their “defence” treaty … · 3q │"
    rows = (row * (width // len(row) + 1))[:width]
    return {
        "ascii only": ("x" * width + "\n") * height,
        "rows with glyphs": (rows + "\n") * height,
        "all borders": ("╭" + "─" * (width - 2) + "╮\n") * height,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    for size in ((80, 24), (120, 40), (200, 50)):
        for name, frame in frames(*size).items():
            rounds = []
            for _ in range(5):
                start = time.perf_counter()
                for _ in range(args.repeat):
                    to_ascii(frame)
                rounds.append((time.perf_counter() - start) / args.repeat * 1000)
            print(f"{size[0]}x{size[1]}  {name:<17} {statistics.median(rounds):.3f} ms")


if __name__ == "__main__":
    main()
