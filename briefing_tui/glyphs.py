"""The characters the dashboard draws, and their ASCII stand-ins for a terminal whose locale is not UTF-8.

A terminal set up for LANG=C or a Latin-1 charmap cannot show box drawing, the list's marks (✓ ⚑ ✎ ◆)
or typographic quotes: it shows mojibake, or the program writing them fails. Python itself writes UTF-8
under LANG=C (it coerces the C locale), so nothing fails, but the bytes mean nothing to such a terminal.
There the dashboard sends ASCII only: every character outside ASCII goes through ``GLYPHS`` (the app's
own marks, borders and punctuation, each with a stand-in of the same width) or, for text the table does
not know (an accented name, a CJK title), loses its accent or becomes ``?`` per cell, so columns stay
where the layout put them.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Mapping

# Each glyph the dashboard draws -> one ASCII character of the same width (one cell).
GLYPHS: dict[str, str] = {
    # the item list's gutter and rows
    "▶": ">",  # the cursor row
    "✓": "v",  # reviewed
    "⚑": "!",  # flagged by you
    "⚐": "^",  # flagged by a rule
    "✎": "=",  # a note; a corrected speaker
    "◇": "o",  # claimed by you
    "◆": "@",  # claimed by a colleague; a country in the Actors panel
    "▸": "+",  # a story of several sources, folded; a related story
    "▾": "-",  # ... unfolded
    "↳": "|",  # one of the story's sources
    # panels
    "●": "o",  # a person
    "■": "#",  # an organisation
    "★": "*",  # pinned
    "✗": "x",  # marked wrong
    "≈": "~",  # an approximate figure
    "⚠": "!",  # a warning
    "▌": "|",  # beside the paragraph a panel points at
    "↑": "^",  # lines above the view
    "↓": "v",  # lines below
    "←": "<",
    "→": ">",
    # punctuation in the app's text and in items
    "·": ".",
    "…": "~",  # a cut: one cell, as the layout counted it
    "—": "-",
    "–": "-",
    "“": '"',
    "”": '"',
    "„": '"',
    "‘": "'",
    "’": "'",
    "•": "*",
    "⏎": "<",
    # borders (Textual's own: round, double and heavy lines, its tall and outer edges)
    "─": "-", "━": "=", "═": "=", "╍": "-",
    "│": "|", "┃": "#", "║": "#", "╏": "|",
    "╭": "+", "╮": "+", "╰": "+", "╯": "+",
    "┌": "+", "┐": "+", "└": "+", "┘": "+",
    "┏": "#", "┓": "#", "┗": "#", "┛": "#",
    "╔": "#", "╗": "#", "╚": "#", "╝": "#",
    "█": "#", "▀": "#", "▄": "#",  # thick borders (the help box's)
    # block elements: scroll bars' ends, Textual's tall and outer borders, the footer's separator; the
    # colour around them carries what they show
    **dict.fromkeys("▁▂▃▅▆▇▉▊▋▍▎▏▐▔▕▖▗▘▙▛▜▝▟", " "),
}


class _AsciiTable(dict[int, str]):
    """``str.translate`` table: the glyphs above, and any other character worked out once and kept."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if code < 128:
            stand_in = char  # ASCII, escape sequences included, as it is
        elif unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            stand_in = ""  # takes no cell
        else:
            base = unicodedata.normalize("NFKD", char)[:1]
            if unicodedata.east_asian_width(char) in ("W", "F"):
                stand_in = "??"  # two cells
            elif base.isascii() and base.isprintable():
                stand_in = base  # é -> e
            else:
                stand_in = "?"
        self[code] = stand_in
        return stand_in


_TABLE = _AsciiTable({ord(k): v for k, v in GLYPHS.items()})
_TABLE[ord("🔎")] = "> "  # the command palette's search icon: two cells


def to_ascii(text: str) -> str:
    """``text`` with every character outside ASCII replaced by a stand-in of the same width."""
    return text if text.isascii() else text.translate(_TABLE)


# What Python sets LC_CTYPE to when it coerces the C locale at start (PEP 538).
_COERCED = ("C.UTF-8", "C.utf8", "UTF-8")


def is_utf8(codeset: str) -> bool:
    return codeset.lower().replace("-", "").replace("_", "") == "utf8"


def locale_is_utf8(environ: Mapping[str, str], *, coerced: bool, codeset: str = "") -> bool:
    """Whether the locale the terminal was given writes UTF-8, by POSIX precedence: LC_ALL, then
    LC_CTYPE, then LANG. ``coerced``: Python replaced a C locale's LC_CTYPE with its own UTF-8 one (the
    terminal was still set up for C). ``codeset``: the C library's answer for a locale named without a
    charmap (``en_US`` is Latin-1 on glibc)."""
    names = ("LC_ALL", "LANG") if coerced else ("LC_ALL", "LC_CTYPE", "LANG")
    name = next((environ[key] for key in names if environ.get(key)), "")
    _, dot, charmap = name.partition(".")
    if dot:
        return is_utf8(charmap.partition("@")[0])
    if name in ("", "C", "POSIX") or coerced:
        return False
    return is_utf8(codeset)


def terminal_is_utf8() -> bool:
    """This process's terminal, decided once at start from its locale."""
    import locale

    if os.name == "nt":  # no locale variables; Textual's Windows driver writes UTF-8 to a console that shows it
        return True
    coerced = (bool(sys.flags.utf8_mode) and "LC_ALL" not in os.environ
               and os.environ.get("LC_CTYPE") in _COERCED)
    try:
        codeset = locale.nl_langinfo(locale.CODESET)
    except (AttributeError, ValueError):  # no nl_langinfo (Windows): Python's own choice
        codeset = locale.getpreferredencoding(False)
    return locale_is_utf8(os.environ, coerced=coerced, codeset=codeset)
