"""Markdown articles: read as text once headings, links and emphasis are taken off."""

from __future__ import annotations

from pathlib import Path

from ..articles import looks_like_markdown, suffixes_of
from .article import ArticleReader


class MarkdownReader(ArticleReader):
    name = kind = "markdown"
    suffixes = suffixes_of("markdown")

    def sniff(self, path: Path, head: bytes) -> bool:
        return looks_like_markdown(head)


READER = MarkdownReader()
