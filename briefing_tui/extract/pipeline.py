"""From an article cut into parts to a full briefing item: the parser's one entry point."""

from __future__ import annotations

from ..loading.structure import ArticleText
from ..model import Item
from .entities import extract_entities
from .figures import extract_figures
from .quotes import extract_quotes

PARSER_VERSION = "1"


def build_item(article: ArticleText, *, item_id: str, source: str | None) -> Item:
    """Run every extractor over the body and assemble the item."""
    paragraphs = article.paragraphs
    actors, places = extract_entities(paragraphs)
    return Item(
        id=item_id,
        title=article.title,
        dateline=article.dateline,
        date=article.date,
        source=source,
        body=list(paragraphs),
        actors=actors,
        quotes=extract_quotes(paragraphs, actors),
        figures=extract_figures(paragraphs),
        related=list(article.related),
        places=places,
    )
