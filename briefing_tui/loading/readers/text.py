"""Plain-text articles: headline, dateline, paragraphs, credits and a related block, by layout."""

from __future__ import annotations

from pathlib import Path

from ..articles import suffixes_of
from .article import ArticleReader


class TextReader(ArticleReader):
    name = kind = "text"
    suffixes = suffixes_of("text")

    def sniff(self, path: Path, head: bytes) -> bool:
        return True  # any file no other reader takes is read as text: it stands last in the registry


READER = TextReader()
