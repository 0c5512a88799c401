"""An article reduced to text and cut into its parts: what the readers hand to extraction.

Its own module so extraction (``extract``) and the format readers' parsers (``loading``) both
use it without extraction depending on loading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Related


@dataclass(slots=True)
class ArticleText:
    """An article reduced to text and cut into its parts, before extraction."""

    title: str | None = None
    dateline: str | None = None
    date: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
