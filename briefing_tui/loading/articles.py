"""Raw articles (plain text, Markdown, HTML) to briefing items."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Item, derive_id
from ..problems import LoadError, problem
from ..reading import MAX_ARTICLE_BYTES, read_bytes
from ..sanitize import clean_line, clean_text, visible

if TYPE_CHECKING:  # the parsers load when an article is read, not when a warm cache answers (start-up)
    from ..article_text import ArticleText

# The article parser's formats by suffix: the text, Markdown and HTML readers claim these, and an
# `article:` key's file is read by them.
ARTICLE_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                    ".html": "html", ".htm": "html", ".xhtml": "html"}
SNIFF_BYTES = 4096  # of a file's start: enough to tell a page or Markdown from plain text

_HTML_SNIFF = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<p[\s>]", re.I)
_MD_SNIFF = re.compile(r"^\s{0,3}#{1,6}\s+\S|^\s{0,3}\[[^\]]+\]\([^)]+\)", re.M)


def suffixes_of(kind: str) -> tuple[str, ...]:
    """The suffixes of one of the article parser's formats ('text', 'markdown', 'html')."""
    return tuple(suffix for suffix, k in ARTICLE_SUFFIXES.items() if k == kind)


def looks_like_html(head: bytes) -> bool:
    return _HTML_SNIFF.search(head[:SNIFF_BYTES]) is not None


def looks_like_markdown(head: bytes) -> bool:
    return _MD_SNIFF.search(head[:SNIFF_BYTES].decode("utf-8", "replace")) is not None


def sniff_kind(path: Path, head: bytes) -> str:
    """'html', 'markdown' or 'text': by extension, then by content."""
    kind = ARTICLE_SUFFIXES.get(path.suffix.lower())
    if kind:
        return kind
    if looks_like_html(head):
        return "html"
    if looks_like_markdown(head):
        return "markdown"
    return "text"


def text_of(path: Path, data: bytes) -> str:
    """Decoded, cleaned text of ``data`` read from ``path``; LoadError for binary input."""
    from .decode import DecodeError, decode_bytes

    try:
        text, _encoding = decode_bytes(data)
    except DecodeError as exc:
        raise LoadError(problem(path, str(exc))) from None
    return clean_text(text)


def read_text(path: Path, *, limit: int = MAX_ARTICLE_BYTES) -> str:
    """The file's text, decoded and cleaned; LoadError names the file and what is wrong."""
    return text_of(path, read_bytes(path, limit=limit))


def source_label(path: Path) -> str:
    """The path as items carry it: control and bidi characters in a file name shown as escapes."""
    return visible(str(path))


def article_text_from(text: str, kind: str, *, base_url: str | None = None) -> ArticleText:
    if kind == "html":
        from .html import parse_html  # lxml and trafilatura load only when a page is read

        article = parse_html(text, base_url=base_url)
        _clean_page_text(article)
    else:
        from .structure import split_article

        article = split_article(text, markdown=kind == "markdown")
    article.title = clean_line(article.title) if article.title else None
    return article


def _clean_page_text(article: ArticleText) -> None:
    """A page's text was clean as markup, but its character references were not: ``&#x1b;`` or
    ``&#x202e;`` become an escape or a bidi override once the parser decodes them. So what the page
    gives is cleaned again, as the text of any file is."""
    from ..model import Related

    article.paragraphs = [p for p in (" ".join(clean_text(p).split()) for p in article.paragraphs) if p]
    article.credits = [c for c in (clean_line(c) for c in article.credits) if c]
    article.dateline = clean_line(article.dateline) or None if article.dateline else None
    article.date = clean_line(article.date) or None if article.date else None
    article.related = [Related(title, clean_line(r.url) or None if r.url else None)
                       for r in article.related if (title := clean_line(r.title))]


def parse_article_file(path: Path) -> Item:
    """Parse one article file into an item; raises LoadError for unreadable or empty input."""
    return parse_article_bytes(path, read_bytes(path))


def parse_article_bytes(path: Path, data: bytes) -> Item:
    """Parse an article's bytes as read from ``path`` (its suffix and content decide the format)."""
    return parse_article(path, data)[0]


def parse_article(path: Path, data: bytes) -> tuple[Item, list[str]]:
    """The item, and notes on what was cut down or skipped to read it in time (pathological pages);
    LoadError for input that gives no article, or a page too large to read at all."""
    from ..extract.pipeline import build_item, cut_note

    kind = sniff_kind(path, data[:SNIFF_BYTES])
    text = text_of(path, data)
    if not text.strip():
        raise LoadError(problem(path, "empty file: no article text"))
    if kind == "html":
        from .html import PageRefused

        try:
            article = article_text_from(text, kind)
        except PageRefused as exc:
            raise LoadError(problem(path, str(exc))) from None
    else:
        article = article_text_from(text, kind)
    if not article.paragraphs and not article.title:
        raise LoadError(problem(path, "no article text found"))
    cut = cut_note(article.paragraphs)
    notes = [*article.notes, cut] if cut else article.notes
    return build_item(article, item_id=derive_id(text), source=source_label(path)), notes


def parse_article_text(text: str, *, source: str | None = None, kind: str = "text") -> Item:
    """Parse article text held in memory (tests, the YAML `article:` key, pipes)."""
    from ..extract.pipeline import build_item

    text = clean_text(text)
    return build_item(article_text_from(text, kind), item_id=derive_id(text), source=source)
