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
# Remaining C0 controls except tab and newline, DEL, C1 controls; bidi
# embeddings, overrides and isolates; zero-width characters and soft hyphen.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\ufff9-\ufffb]"
)


def clean_text(text: str) -> str:
    """Text with escape sequences, control, bidi-control and zero-width characters removed.

    Carriage returns become newlines so Windows and old-Mac files read as lines.
    """
    if not text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _ESCAPE_START.search(text):
        text = _ESCAPE_SEQUENCE.sub("", text)
    return _INVISIBLE.sub("", text)


def clean_line(text: str) -> str:
    """``clean_text`` for single-line fields (titles, names): newlines and tabs become spaces."""
    return " ".join(clean_text(text).split())


_SHOW_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")


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
