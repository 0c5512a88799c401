"""One list of related-story headings: a heading opens the related block in a text article and on a
page alike, and a tag list or a recommendation widget opens it in neither."""

from __future__ import annotations

import pytest

from briefing_tui.loading.html import parse_html
from briefing_tui.loading.related_headings import RELATED_HEADING, RELATED_HEADING_PAGE, RELATED_HEADING_START
from briefing_tui.loading.structure import split_article

BODY = ["The city council voted on Tuesday to close the old harbour bridge for repairs that will take two years.",
        "Engineers said cracks found in the main span last month made the work urgent.",
        "Local businesses warned that the closure would cost them customers, but the mayor said safety came first."]
HEADLINES = ["Temporary ferry to carry cyclists across the river", "A short history of the harbour bridge"]

HEADINGS = ["Related", "RELATED STORIES", "Related coverage", "Related articles", "Related posts",
            "More on this story", "More on this topic", "More about this story", "More stories", "Read more",
            "Read more on this story", "Read more:", "Also read", "Read also", "See also", "Further reading",
            "In depth", "Recommended", "Recommended stories", "More:"]
NOT_HEADINGS = ["Related Topics", "You may also like", "Most read", "More", "Recommended by Outbrain"]


def _text(heading: str) -> str:
    return "Council closes harbour bridge\n\n" + "\n\n".join(BODY) + f"\n\n{heading}\n" + "\n".join(HEADLINES) + "\n"


def _page(heading: str) -> str:
    links = "".join(f'<li><a href="https://news.example.com/uk/story-{k}">{h}</a></li>'
                    for k, h in enumerate(HEADLINES))
    body = "".join(f"<p>{p}</p>" for p in BODY)
    return (f"<!DOCTYPE html><html><head><title>Council closes harbour bridge</title></head><body><article>"
            f"<h1>Council closes harbour bridge</h1>{body}<div><h2>{heading}</h2><ul>{links}</ul></div>"
            f"</article></body></html>")


@pytest.mark.parametrize("heading", HEADINGS)
def test_a_heading_opens_the_related_block_in_text_and_on_a_page(heading: str) -> None:
    assert RELATED_HEADING.match(heading) and RELATED_HEADING_PAGE.match(heading)
    assert RELATED_HEADING_START.match(heading)  # the page parser looks for headings starting so
    text = split_article(_text(heading))
    assert [r.title for r in text.related] == HEADLINES and text.paragraphs == BODY
    page = parse_html(_page(heading))
    assert [r.title for r in page.related] == HEADLINES and page.paragraphs == BODY


@pytest.mark.parametrize("heading", NOT_HEADINGS)
def test_tag_lists_and_recommendations_are_not_related_blocks(heading: str) -> None:
    assert not RELATED_HEADING.match(heading) and not RELATED_HEADING_PAGE.match(heading)
    assert split_article(_text(heading)).related == []
    assert parse_html(_page(heading)).related == []


def test_a_markdown_heading_line_is_a_heading() -> None:
    assert RELATED_HEADING.match("## Related stories") and RELATED_HEADING.match("  More on this story:  ")


def test_a_heading_ends_in_spaces_with_at_most_one_colon() -> None:
    assert RELATED_HEADING.match("Related  :  ") and RELATED_HEADING.match("Related:")
    assert not RELATED_HEADING.match("Related : :")
    assert not RELATED_HEADING.match("Related" + " " * 5000 + "x")


def test_markdown_links_give_their_text_and_the_related_urls() -> None:
    text = (
        "# Council closes harbour bridge\n\n" + "\n\n".join(BODY) + "\n\n## Related\n"
        "- [Temporary ferry to carry cyclists](https://news.example.com/a \"Ferry\")\n"
        "- [A short history of the bridge](https://news.example.com/b)\n"
    )
    article = split_article(text, markdown=True)
    assert [(r.title, r.url) for r in article.related] == [
        ("Temporary ferry to carry cyclists", "https://news.example.com/a"),
        ("A short history of the bridge", "https://news.example.com/b"),
    ]
    junk = "[a](" * 2000 + "x"  # link openers that never close stay text
    assert split_article("Headline here\n\n" + junk + "\n", markdown=True).paragraphs == [junk]


def test_a_headline_that_asks_a_question_is_a_headline_in_text() -> None:
    text = (
        "Will the harbour bridge ever reopen?\n\n" + "\n\n".join(BODY) + "\n\nRelated stories\n"
        "Who pays for the harbour bridge repairs?\nA short history of the harbour bridge\n"
    )
    got = split_article(text)
    assert got.title == "Will the harbour bridge ever reopen?"
    assert [r.title for r in got.related] == [
        "Who pays for the harbour bridge repairs?",
        "A short history of the harbour bridge",
    ]
    assert got.paragraphs == BODY


def test_a_long_question_is_a_sentence_not_a_headline() -> None:
    asked = ("Why would a council that has spent years promising to keep the harbour bridge open to every "
             "cyclist and walker now close it for two whole years?")
    got = split_article("Council closes harbour bridge\n\n" + "\n\n".join(BODY) + f"\n\nRelated\n{asked}\n")
    assert got.related == [] and got.paragraphs[-1] == asked
