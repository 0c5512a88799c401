"""One article per file: the text, Markdown and HTML readers share all but their format's name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ...model import Item
from ...problems import LoadError, Problem, problem
from .base import Reader


class ArticleReader(Reader):
    """A file is one article, cut into its parts and run through extraction (``loading.articles``).

    The article parser tells text, Markdown and HTML apart by the same suffixes and the same
    sniffing as these readers (``sniff_kind``), so which reader took a file and how it is parsed agree.
    """

    kind: str  # the article parser's name for the format: 'text', 'markdown' or 'html'
    source_is_path = True
    parallel = True

    def prepare(self) -> None:
        from ...extract import pipeline  # noqa: F401

        if self.kind == "html":
            from .. import html  # noqa: F401

    def read(self, path: Path, data: bytes) -> Iterator[Item | Problem]:
        from ..articles import parse_article  # the parsers load when an article is read

        try:
            item, notes = parse_article(path, data)
        except RecursionError:
            raise LoadError(problem(path, "article structure too deeply nested to read")) from None
        yield item
        # What was cut down or skipped to read a pathological page in time.
        for note in notes:
            yield problem(path, note)
