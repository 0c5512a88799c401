"""News pages: the article found among the page's markup (``loading.html``)."""

from __future__ import annotations

from pathlib import Path

from ..articles import looks_like_html, suffixes_of
from .article import ArticleReader


class HtmlReader(ArticleReader):
    name = kind = "html"
    suffixes = suffixes_of("html")

    def sniff(self, path: Path, head: bytes) -> bool:
        return looks_like_html(head)


READER = HtmlReader()
