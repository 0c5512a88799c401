"""Size and time limits of briefing_tui.loading.html: pathological pages are cut down, read simply or refused.

The pages are built here, at test time. No test measures speed: the only clock is a deadline that just a
hang (or a pass gone quadratic again) could reach, so a slow machine cannot break these tests.
"""

from __future__ import annotations

import html as html_lib
import threading
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefing_tui.loading import html as html_module
from briefing_tui.loading.html import PageRefused, parse_html
from briefing_tui.loading.structure import ArticleText

PAGES = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "html"
HANG = 60  # seconds

TITLE = "Council closes harbour bridge for two years"
BODY = [
    "The city council voted on Tuesday to close the old harbour bridge for repairs that will take two years.",
    "Engineers said cracks found in the main span last month made the work urgent, and traffic will be "
    "diverted over the river crossing further north.",
    "Local businesses warned that the closure would cost them customers, but the mayor said safety came first.",
    "A public meeting on the diversion plans will be held next week at the town hall.",
]


def paras(*texts: str) -> str:
    return "".join(f"<p>{html_lib.escape(t)}</p>" for t in texts)


def page(body: str, head: str = "", before: str = "", after: str = "") -> str:
    """A news page: ``before`` and ``after`` go around the article, inside <body>."""
    return (
        f"<!DOCTYPE html><html><head><title>{TITLE} - Example News</title>{head}</head><body>{before}"
        f"<article><h1>{TITLE}</h1>{body}</article>{after}</body></html>"
    )


def within_deadline(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run ``fn`` in a daemon thread, failing (not hanging) if it is still running at the deadline."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # handed to the test below
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(HANG)
    assert not worker.is_alive(), f"still parsing after {HANG} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def parse(html: str, **kwargs: Any) -> ArticleText:
    return within_deadline(parse_html, html, **kwargs)


def note_with(article: ArticleText, *parts: str) -> str:
    """The one note containing all of ``parts``."""
    found = [n for n in article.notes if all(p in n for p in parts)]
    assert len(found) == 1, article.notes
    return found[0]


# ---------------------------------------------------------------- ordinary pages


def test_a_normal_page_has_no_notes() -> None:
    head = (
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
        '<link rel="canonical" href="https://news.example.com/uk/harbour-bridge-123">'
    )
    related = (
        '<div class="related"><h2>Related stories</h2><ul>'
        '<li><a href="/uk/ferry-456">Temporary ferry to carry cyclists across the river</a></li>'
        '<li><a href="/uk/history-789">A short history of the harbour bridge and its repairs</a></li></ul></div>'
    )
    got = parse(page(paras(*BODY), head=head, after=related))
    assert got.notes == []
    assert got.paragraphs == BODY
    assert got.date == "2024-03-05"
    assert len(got.related) == 2
    assert ArticleText().notes == []


@pytest.mark.skipif(not PAGES.is_dir(), reason="shared/corpus/html is not next to the repo")
def test_the_corpus_pages_have_no_notes() -> None:
    for path in sorted(PAGES.glob("*.html")):
        got = parse(path.read_text(encoding="utf-8", errors="replace"))
        assert got.notes == [], path.name
        assert got.paragraphs, path.name


def test_markup_inside_scripts_comments_and_values_is_left_alone() -> None:
    many = " ".join(f"a{i}" for i in range(200))
    junk = (
        f"<script>if (x<y {many}) {{ run(); }}</script>"  # `<y` followed by hundreds of words, in a script
        f"<!-- <p {many}> -->"  # a tag with 200 attributes, commented out
        f"<style>p<q {many} {{ color: red }}</style>"
        f'<img alt="<p {many}>" src="a.jpg">'  # and one inside an attribute value
    )
    got = parse(page(paras(*BODY), before=junk))
    assert got.notes == []
    assert got.paragraphs == BODY


# ---------------------------------------------------------------- attributes


def test_a_tag_with_a_hundred_thousand_attributes_is_cut_down() -> None:
    attrs = " ".join(f'a{i}="x"' for i in range(100_000))
    got = parse(f"<html><body><p {attrs}>Hello world this is text.</p></body></html>")
    assert got.paragraphs == ["Hello world this is text."]
    assert note_with(got, "cut down before parsing") == (
        "page markup cut down before parsing: a tag had 100,000 attributes (kept the first 64)"
    )


@pytest.mark.parametrize(
    "attribute",
    [
        'a{}=">"',  # a quoted `>` does not end the tag
        "a{}='<b>'",
        "a{}<b",  # `<` inside a name does not start a tag
        "a{}=<b",
        "a{}/",  # `/` separates attributes as a space does
        '=a{}="x"',  # a name may start with `=` (a bare `=a1` after `=a0` would be its value)
    ],
)
def test_attributes_are_counted_as_html_counts_them(attribute: str) -> None:
    attrs = " ".join(attribute.format(i) for i in range(20_000))
    got = parse(page(paras(*BODY), before=f"<div {attrs}>Hello world this is text.</div>"))
    assert got.paragraphs[-len(BODY) :] == BODY
    note_with(got, "a tag had 20,000 attributes (kept the first 64)")


def test_attributes_written_without_spaces_and_on_a_script() -> None:
    packed = "".join(f'a{i}="x"' for i in range(20_000))  # a quoted value needs no space after it
    got = parse(page(paras(*BODY), before=f"<span {packed}>x</span><script {packed}>var x = '<p>';</script>"))
    assert got.paragraphs == BODY
    note_with(got, "2 tags had more than 64 attributes, up to 20,000 (kept the first 64 of each)")


def test_many_tags_with_too_many_attributes() -> None:
    tag = "<p " + " ".join(f"d{i}=y" for i in range(100)) + ">x</p>"
    got = parse(page(paras(*BODY), after=tag * 300))
    assert BODY[0] in got.paragraphs
    note_with(got, "300 tags had more than 64 attributes, up to 100 (kept the first 64 of each)")


# ---------------------------------------------------------------- size


def test_a_page_with_too_many_elements_is_refused() -> None:
    with pytest.raises(PageRefused) as refused:
        parse(page(paras(*BODY), after="<b></b>" * 300_000))
    assert str(refused.value) == "page too complex to read: 300,010 elements (the limit is 250,000)"


def test_a_large_page_gets_the_simple_reading() -> None:
    got = parse(page(paras(*BODY), after="<p>word word word word</p>" * 100_000))
    assert got.title == TITLE
    assert got.paragraphs[: len(BODY)] == BODY
    assert len(got.paragraphs) == 2000
    assert got.date is None and got.related == []
    note_with(got, "page too large for a full reading: 100,0", "elements (the limit is 30,000)")
    note_with(got, "article text cut to its first 2,000 paragraphs")


def test_many_paragraphs_alone_are_too_many_for_a_full_reading() -> None:
    got = parse(page(paras(*BODY), after="<div>item</div>" * 6000))
    assert got.paragraphs[: len(BODY)] == BODY
    note_with(got, "page too large for a full reading: 6,00", "paragraphs and blocks (the limit is 5,000)")


def test_deep_nesting_around_many_paragraphs_gets_the_simple_reading() -> None:
    # trafilatura's work on an element grows with its depth: 40 levels around 4,000 paragraphs is too much
    body = "<div>" * 40 + paras(*BODY) + "<p>word word word word</p>" * 4000
    got = parse(page(body))
    assert got.paragraphs[: len(BODY)] == BODY
    note_with(got, "page too large for a full reading: 4,0", "elements, some nested", "levels deep")


def test_comments_and_scripts_go_before_a_long_page_is_cut() -> None:
    comment = "<!--" + "x" * 20_000_000 + "-->"
    scripts = "<script>var x = 1; if (a < b) { y = 2; }</script>" * 50_000
    got = parse(page(paras(*BODY), before=comment + scripts))
    assert got.paragraphs == BODY
    assert got.notes == []  # nothing the reader sees was cut


def test_a_page_over_the_size_limit_is_cut() -> None:
    got = parse(page(paras(*BODY), after="<p>" + "word " * 1_200_000 + "</p>"))
    assert got.paragraphs[: len(BODY)] == BODY
    note_with(got, "page cut down before parsing: only its first 5,000,000 characters were read (it has 6,00")


def test_an_enormous_paragraph_is_cut() -> None:
    got = parse(page("<p>" + "word " * 800_000 + "</p>"))
    assert len(got.paragraphs) == 1
    assert 499_000 < len(got.paragraphs[0]) <= 500_000
    assert got.paragraphs[0].endswith("word")
    note_with(got, "page too large for a full reading: 4,00", "characters of text (the limit is 1,000,000)")
    note_with(got, "article text cut to its first 500,000 characters")


# ---------------------------------------------------------------- nesting


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("<div>", "</div>"),
        ("<div>", ""),
        ("<section><article>", ""),
        ("<blockquote>", ""),
        ("<b><i><u><span>", ""),  # unclosed formatting, as old pages have
        ("<font>", ""),
        ("<ul><li>", ""),
        ("<ul><li>", "</li></ul>"),
        ("<dl><dd>", ""),
    ],
)
def test_deep_nesting_is_flattened_and_the_article_kept(opening: str, closing: str) -> None:
    depth = 20_000
    got = parse(page(opening * depth + paras(*BODY) + closing * depth))
    assert got.title == TITLE
    assert got.paragraphs == BODY
    note_with(got, "elements nested deeper than 200 levels were flattened")


def test_deeply_nested_tables_keep_their_text() -> None:
    got = parse(page("<table><tr><td>" * 20_000 + paras(*BODY)))
    text = " ".join(got.paragraphs)
    assert all(p in text for p in BODY)
    note_with(got, "elements nested deeper than 200 levels were flattened")


# ---------------------------------------------------------------- time


def test_a_spent_budget_skips_the_optional_passes() -> None:
    head = '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
    got = parse(page(paras(*BODY), head=head), budget=0)
    assert got.title == TITLE
    assert got.paragraphs == BODY  # the simple reading
    assert got.date is None
    assert got.notes == [
        "parsing took longer than 0 s; the date, the related stories and the full main-text extraction were skipped"
    ]


def test_the_clock_is_read_between_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The date is read in time; the budget then runs out, and the passes after it are skipped."""
    now = [0.0]
    monkeypatch.setattr(html_module, "time", types.SimpleNamespace(monotonic=lambda: now[0]))
    read_date = html_module._date

    def slow_date(*args: Any) -> str | None:
        now[0] += 10
        return read_date(*args)

    monkeypatch.setattr(html_module, "_date", slow_date)
    head = '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
    got = parse(page(paras(*BODY), head=head), budget=3)
    assert got.date == "2024-03-05"
    assert got.paragraphs == BODY
    assert got.notes == [
        "parsing took longer than 3 s; the related stories and the full main-text extraction were skipped"
    ]


def test_a_large_table_skips_the_second_opinion_extraction() -> None:
    # fast mode finds little on this page, which would send it to full mode, whose justext pass is
    # quadratic in runs of short blocks
    table = "<table><tr>" + "<td>xxxxx yy</td>" * 3000 + "</tr></table>"
    got = parse(page(paras(*BODY[:2]), after=table))
    assert got.paragraphs[:2] == BODY[:2]
    note_with(got, "page too large for the second-opinion extraction: 3,0", "(the limit is 2,500)")


# ---------------------------------------------------------------- the scan before lxml


@pytest.mark.parametrize(
    "markup",
    [
        "<a" * 1_000_000,  # one tag whose name runs to the end of the page
        '<a b="' * 300_000,  # quoted values that open and never close
        "<a =\"'" * 300_000,
        "<!--" * 500_000,  # comments that never end
        "<script>" * 300_000,  # a script that never ends
        "<style>" + "<" * 2_000_000,
        "</a " * 500_000,
        "<" + "a " * 1_000_000,  # a tag with a million attributes, no `>`
        ("<p" + " x" * 60) * 30_000,  # tags just under the attribute limit, never closed
    ],
    ids=["tag-name", "open-quotes", "mixed-quotes", "comments", "scripts", "style", "end-tags", "no-end", "near-limit"],
)
def test_adversarial_markup_finishes(markup: str) -> None:
    try:
        got = parse(page(paras(*BODY), after=markup))
    except PageRefused:
        return
    assert got.title == TITLE
