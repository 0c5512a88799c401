"""Which terminals get ASCII, and what the ASCII stand-ins are (issue 18)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from briefing_tui.glyphs import GLYPHS, locale_is_utf8, to_ascii


@pytest.mark.parametrize(("environ", "coerced", "codeset", "utf8"), [
    ({"LANG": "en_GB.UTF-8"}, False, "UTF-8", True),
    ({"LANG": "C.UTF-8"}, False, "UTF-8", True),
    ({"LANG": "de_DE.utf8"}, False, "UTF-8", True),
    ({"LANG": "C"}, False, "ANSI_X3.4-1968", False),
    ({}, False, "ANSI_X3.4-1968", False),
    ({"LANG": "en_GB.ISO-8859-1"}, False, "ISO-8859-1", False),
    ({"LANG": "de_DE.ISO-8859-15@euro"}, False, "ISO-8859-15", False),
    ({"LANG": "en_US"}, False, "ISO-8859-1", False),  # no charmap in the name: the C library's
    # LC_ALL beats LC_CTYPE beats LANG
    ({"LC_ALL": "C", "LANG": "en_GB.UTF-8"}, False, "ANSI_X3.4-1968", False),
    ({"LC_ALL": "POSIX", "LC_CTYPE": "C.UTF-8"}, False, "ANSI_X3.4-1968", False),
    ({"LC_CTYPE": "en_GB.UTF-8", "LANG": "C"}, False, "UTF-8", True),
    ({"LC_CTYPE": "C", "LANG": "en_GB.UTF-8"}, False, "ANSI_X3.4-1968", False),
    # LANG=C, and Python replaced LC_CTYPE with its C.UTF-8 at start: the terminal is still a C one
    ({"LANG": "C", "LC_CTYPE": "C.UTF-8"}, True, "UTF-8", False),
    ({"LC_CTYPE": "C.UTF-8"}, True, "UTF-8", False),
    # ... as for a UTF-8 locale this machine does not have (Python falls back to C, then coerces)
    ({"LANG": "en_GB.UTF-8", "LC_CTYPE": "C.UTF-8"}, True, "UTF-8", True),
    ({"LANG": "en_GB.ISO-8859-1", "LC_CTYPE": "C.UTF-8"}, True, "UTF-8", False),
])
def test_the_locale_decides(environ: dict[str, str], coerced: bool, codeset: str, utf8: bool) -> None:
    assert locale_is_utf8(environ, coerced=coerced, codeset=codeset) is utf8


def test_every_glyph_has_a_one_cell_ascii_stand_in() -> None:
    for glyph, stand_in in GLYPHS.items():
        assert stand_in.isascii() and stand_in.isprintable(), glyph
        assert cell_len(stand_in) == cell_len(glyph) == 1, glyph


@pytest.mark.parametrize(("text", "shown"), [
    ("╭─ Items 5 ─╮", "+- Items 5 -+"),
    ("▶✓✎ Storm · 3q ⚑ 1", ">v= Storm . 3q ! 1"),
    ("“Zelenskyy’s plan” — a cut…", "\"Zelenskyy's plan\" - a cut~"),
    ("Café in Kraków, e\u0301", "Cafe in Krakow, e"),  # accents dropped; a combining one takes no cell
    ("東京 ok", "???? ok"),  # a wide character keeps its two cells
    ("\x1b[1;7mbold\x1b[0m ✓", "\x1b[1;7mbold\x1b[0m v"),  # escape sequences pass as they are
])
def test_text_keeps_its_width_in_ascii(text: str, shown: str) -> None:
    assert to_ascii(text) == shown
    assert cell_len(to_ascii(text)) == cell_len(text)
