"""Find where given texts stand in the body, for items whose YAML gives no spans."""

from __future__ import annotations

import re

from ..model import Span


def locate_text(body: list[str], text: str) -> Span | None:
    """The first place ``text`` occurs in the body, or None."""
    if not text:
        return None
    for i, para in enumerate(body):
        start = para.find(text)
        if start >= 0:
            return Span(i, start, start + len(text))
    return None


def locate_all(body: list[str], names: list[str]) -> list[Span]:
    """Every whole-word occurrence of any of ``names``, longest name first, without overlaps."""
    names = sorted({n for n in names if n}, key=len, reverse=True)
    if not names:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    return [Span(i, m.start(), m.end()) for i, para in enumerate(body) for m in pattern.finditer(para)]
