"""Issue 14's catalogue: a folder of everything that crashed, hung or hijacked the dashboard before.

``build(folder)`` writes it and returns what each entry must give. Generated at test time (the
attribute page is 1 MB); nothing here is committed but this script. Also a script, to look at the
files by hand or open the dashboard on them:

    python tests/hostile/breakers.py /tmp/breakers
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

# Each value, in any field, used to raise out of the YAML loader (and the settings loader).
UNREADABLE_VALUES = {
    "month-13": "2024-13-45",
    "feb-30": "2024-02-30",
    "year-0": "0000-01-01",
    "hour-25": "2024-01-01T25:00:00",
    "offset-99": "2024-01-01T10:00:00+99:00",
    "timestamp-tag": "!!timestamp soon",
    "int-tag": "!!int abc",
    "float-tag": "!!float abc",
    "bool-tag": "!!bool maybe",
    "int-4301-digits": "1" * 4301,
}
GOOD_TITLES = ("A good article", "Desk note one", "Desk note two")


@dataclass
class Breakers:
    root: Path
    good_titles: list[str] = field(default_factory=list)  # items that must load, whatever else is there
    reported: dict[str, str] = field(default_factory=dict)  # path -> a part of its problem message
    locked: Path | None = None  # the unreadable subfolder (unreadable only to a process that obeys modes)


def build(folder: Path) -> Breakers:
    folder.mkdir(parents=True, exist_ok=True)
    out = Breakers(folder)

    def put(name: str, text: str) -> Path:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    put("a-good.txt", f"{GOOD_TITLES[0]}\n\nLONDON — The minister said the plan would cost £3bn, officials said.\n")
    put("b-good.yaml", "items:\n" + "".join(f"  - id: good-{n}\n    title: {t}\n    body: It still loads.\n"
                                             for n, t in enumerate(GOOD_TITLES[1:])))
    out.good_titles.extend(GOOD_TITLES)
    for name, value in UNREADABLE_VALUES.items():
        title = f"Item with {name}"
        path = put(f"value-{name}.yaml", f"title: {title}\ndate: {value}\nbody: The rest of the item is sound.\n")
        out.good_titles.append(title)
        out.reported[str(path)] = "date: "
    path = put("value-huge-hex.yaml", "title: Item with a huge hex figure\nbody: x\nfigures:\n  - text: x\n"
               f"    value: 0x{'f' * 3000}\n")
    out.good_titles.append("Item with a huge hex figure")
    out.reported[str(path)] = "number too large"
    # Unclosed Markdown runs: each made the link and emphasis patterns scan to the end of the line from every
    # character (seconds at 20 KB, minutes at 200 KB).
    for name, run in (("brackets", "[" * 20_000), ("emphasis", "_x " * 7_000)):
        title = f"Markdown with an unclosed {name} run"
        put(f"run-{name}.md", f"# {title}\n\n{run}\n")
        out.good_titles.append(title)
    fifo = folder / "fifo.txt"
    os.mkfifo(fifo)
    out.reported[str(fifo)] = "not a regular file"
    zero = folder / "zero.txt"
    zero.symlink_to("/dev/zero")
    out.reported[str(zero)] = "not a regular file"
    attrs = " ".join(f'a{i}="x"' for i in range(100_000))
    page = put("attributes.html", f"<html><body><p {attrs}>A paragraph with a hundred thousand attributes.</p>"
               "</body></html>")
    out.reported.setdefault(str(page), "")  # parsed (with a note) or refused: either way, named
    locked = folder / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("Hidden story\n\nNobody may read this folder.\n", encoding="utf-8")
    locked.chmod(0)
    out.locked = locked
    return out


def unlock(breakers: Breakers) -> None:
    """Give the locked folder its mode back, so the temp folder can be removed."""
    if breakers.locked is not None and breakers.locked.exists():
        breakers.locked.chmod(0o755)


if __name__ == "__main__":
    built = build(Path(sys.argv[1]))
    print(f"{built.root}: {len(built.good_titles)} good items, {len(built.reported)} files to report")
