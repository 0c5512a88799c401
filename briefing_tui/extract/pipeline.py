"""From an article cut into parts to a full briefing item: the parser's one entry point."""

from __future__ import annotations

from ..article_text import ArticleText
from ..model import Item
from .credits import without_credits
from .entities import extract_entities
from .figures import extract_figures
from .quotes import extract_quotes

# Extraction reads at most this many characters of body: five to ten times a long news article,
# and a bound on the time a hostile file (a 10 MB line) can cost. The whole body is
# kept and shown; only what is extracted from its tail is given up.
MAX_EXTRACTED_CHARS = 100_000


def extractable(paragraphs: list[str], budget: int = MAX_EXTRACTED_CHARS) -> list[str]:
    """The body's leading paragraphs within ``budget`` characters, the last one cut to fit.

    A prefix of the body, so every span found in it holds in the full body too.
    """
    out: list[str] = []
    for para in paragraphs:
        if budget <= 0:
            break
        out.append(para[:budget])
        budget -= len(para)
    return out


def cut_note(paragraphs: list[str], budget: int = MAX_EXTRACTED_CHARS) -> str | None:
    """What the analyst should know when extraction stopped short of the body's end, or None.

    The panels of such an item list only what the first part names; said once, where problems are
    shown, so that an empty tail of the actors or figures list is not taken for an absence."""
    total = sum(map(len, paragraphs))
    if total <= budget:
        return None
    return (f"the body is {total:,} characters long; actors, quotes and figures come from its "
            f"first {budget:,} characters (the whole text is shown)")


def build_item(article: ArticleText, *, item_id: str, source: str | None) -> Item:
    """Run every extractor over the body and assemble the item."""
    paragraphs = without_credits(extractable(article.paragraphs))
    actors, places = extract_entities(paragraphs)
    return Item(
        id=item_id,
        title=article.title,
        dateline=article.dateline,
        date=article.date,
        source=source,
        body=list(article.paragraphs),
        actors=actors,
        quotes=extract_quotes(paragraphs, actors),
        figures=extract_figures(paragraphs),
        related=list(article.related),
        places=places,
    )
