"""Remove what a file could use to take over a terminal, before the text goes anywhere.

Article and YAML text is untrusted: an ESC or C1 byte could move the
cursor, retitle the window or write the clipboard (OSC 52) when printed,
and bidi overrides can make text read differently from what it is.
Everything read from a file passes through ``clean_text`` once, at load,
so spans, search, the screen and every export see the same safe text.
"""

from __future__ import annotations

import re

# Whole escape sequences first, so their parameters do not survive as text:
# CSI (ESC [ or 0x9b) ... final byte; OSC/DCS/SOS/PM/APC (ESC ] P X ^ _ or
# their C1 forms) ... up to BEL or ST; two-byte ESC sequences.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
_ESCAPE_START = re.compile("[\x1b\x90\x98\x9b-\x9f]")
# Remaining C0 controls except tab and newline, DEL, C1 controls; bidi marks (including the
# Arabic letter mark), embeddings, overrides and isolates; zero-width and other invisible
# format characters (soft hyphen, Mongolian vowel separator, the deprecated shaping controls,
# Hangul fillers that render as blanks, musical formatting); and Unicode tag characters, which
# draw nothing yet carry hidden ASCII.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U0001d173-\U0001d17a\U000e0000-\U000e007f]"
)
_SEPARATORS = re.compile("[\u2028\u2029]")  # Unicode's own line and paragraph separators


def clean_text(text: str) -> str:
    """Text with escape sequences, control, bidi-control and zero-width characters removed.

    Carriage returns become newlines so Windows and old-Mac files read as lines.
    """
    if not text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _SEPARATORS.search(text):
        text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    if _ESCAPE_START.search(text):
        text = _ESCAPE_SEQUENCE.sub("", text)
    return _INVISIBLE.sub("", text)


def clean_line(text: str) -> str:
    """``clean_text`` for single-line fields (titles, names): newlines and tabs become spaces."""
    return " ".join(clean_text(text).split())


_SHOW_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u206f\ufeff\ud800-\udfff"
    "\U000e0000-\U000e007f]"
)


def _shown(ch: str) -> str:
    if "\udc80" <= ch <= "\udcff":  # a byte that was not UTF-8 in a file name (surrogateescape)
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ch.encode("unicode_escape").decode("ascii")


def visible(text: str) -> str:
    """Control characters shown as escapes (``\\x1b``, ``\\n``), for file names in messages.

    Bytes of a file name that are not UTF-8 (lone surrogates once decoded) show as ``\\xff``:
    printed raw they would make every later write to stdout fail.
    """
    return _SHOW_CONTROL.sub(lambda m: _shown(m.group(0)), text)


# ------------------------------------------------------------------ checking instead of cleaning
#
# Text read back from what this program wrote (the parse cache) was cleaned when it was first read;
# a string the cleaners would change did not come from here. These checks say so with one
# character-class search instead of cleaning and comparing.

# What ``clean_text`` removes or changes (kept in step with _INVISIBLE above; a test compares the two on
# every code point): C0 controls but tab and newline, CR and the Unicode line and paragraph
# separators (which become newlines), DEL, C1 controls, bidi marks and controls, zero-width and
# other invisible format characters, blank fillers, tag characters. Lone surrogates too: no decoded
# file holds them, the cache could not have stored them (its UTF-8 encoding refuses them), and
# printed they make every later write fail.
_UNCLEAN_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e"
    "\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U0001d173-\U0001d17a\U000e0000-\U000e007f"
    "\ud800-\udfff]"
)
# What ``clean_line`` changes on top of that: every whitespace character but the space (the set
# ``str.split`` splits on: tab, newline, no-break and typographic spaces, line/paragraph separators).
_UNCLEAN_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00a0\u00ad\u061c\u115f\u1160\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f"
    "\u3000\u3164\ufeff\uffa0\ufff9-\ufffb\U0001d173-\U0001d17a\U000e0000-\U000e007f\ud800-\udfff]"
)
# What may not stand in an item's ``source``: a path label (``sanitize.visible``) shows control,
# bidi, zero-width and tag characters and undecodable bytes as escapes, so it holds none raw; a
# briefing file's own ``source:`` passed ``clean_line``. Refused: what neither could hold. (A file
# name may hold a soft hyphen or a blank filler, which ``visible`` keeps and ``clean_text`` would
# remove: allowed here, they move no cursor.)
_UNSHOWN_SOURCE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u206f\ufeff"
    "\U000e0000-\U000e007f\ud800-\udfff]"
)


# ASCII text (which ``isascii`` knows without a scan) can only hold the ASCII controls of these
# classes, and ``isprintable`` finds those in one fast C loop (tab and newline, which it counts as
# unprintable, are left to the search): ids, counts, dates and most paths and titles never reach
# the search, which is slower on a character class with astral ranges.


def is_clean_text(text: str) -> bool:
    """True when ``clean_text(text) == text``: text as every loader hands it on."""
    return (text.isascii() and text.isprintable()) or _UNCLEAN_TEXT.search(text) is None


def is_clean_line(text: str) -> bool:
    """True when ``clean_line(text) == text``: one line, spaces single and inside, nothing unclean."""
    return (((text.isascii() and text.isprintable()) or _UNCLEAN_LINE.search(text) is None)
            and "  " not in text and text[:1] != " " and text[-1:] != " ")


def is_shown_source(text: str) -> bool:
    """True for a ``source`` this program could have set: a path label or a cleaned line."""
    return (text.isascii() and text.isprintable()) or _UNSHOWN_SOURCE.search(text) is None
