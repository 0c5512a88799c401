"""The fast word wrap agrees with Rich's ``Text.wrap``, line for line and span for span."""

import random

import pytest
from rich.console import Console
from rich.style import Style
from rich.text import Text

from briefing_tui.ui.widgets.lines import wrapped_lines
from briefing_tui.ui.widgets.wrap import line_breaks

from .conftest import SEEDS

CONSOLE = Console(width=200)
EDGES = [
    "", " ", "   lead", "trail   ", "a" * 50, "x " * 40, "word " + "y" * 95 + " end", "  " + "z" * 33 + "   q",
    "a  b   c    d", "Rod Eddington  reported: the results were \"respectable\" in a third quarter",
    "£75m ($141m) – “nearly” 40%", "中文 text wide", "tab\there", "combining e\u0301 x", "emoji 🙂 here",
]


def _paragraphs() -> list[str]:
    texts = []
    for path in sorted(SEEDS.rglob("*")):
        if path.suffix in (".txt", ".md", ".yaml", ".html"):
            texts += [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    return texts + EDGES


def _lines(lines) -> list[tuple[str, list[tuple]]]:
    return [(line.plain, [tuple(span) for span in line.spans]) for line in lines]


@pytest.mark.parametrize("width", [1, 2, 5, 17, 22, 33, 80])
def test_same_lines_as_rich(width: int) -> None:
    rnd = random.Random(width)
    for paragraph in _paragraphs():
        text = Text(paragraph)
        for _ in range(3 if len(paragraph) > 10 else 0):
            start = rnd.randrange(len(paragraph))
            text.stylize(Style(bold=True), start, min(len(paragraph), start + rnd.randrange(1, 12)))
        ours = [line.text for line in wrapped_lines(text, CONSOLE, width)]
        assert _lines(ours) == _lines(text.wrap(CONSOLE, width)), (paragraph, width)


def test_what_the_fast_path_leaves_to_rich() -> None:
    assert line_breaks(Text("中文 text wide"), 5) is None  # two-cell characters
    assert line_breaks(Text("tab\there"), 5) is None
    assert line_breaks(Text("two\nlines"), 5) is None
    assert line_breaks(Text("centred text here", justify="center"), 5) is None
    assert line_breaks(Text("cropped text here", overflow="ellipsis"), 5) is None
    assert line_breaks(Text("plain words here"), 0) is None
    assert line_breaks(Text("plain words here"), 6) == [6, 12]


def test_lines_are_cut_only_when_one_is_drawn() -> None:
    text = Text("one two three four five six seven eight nine ten " * 4)
    lines = list(wrapped_lines(text, CONSOLE, 12))
    source = lines[0]._source
    assert source is not None and source._lines is None  # nothing cut yet
    assert lines[2].text.plain.startswith("five")
    assert source._lines is not None
