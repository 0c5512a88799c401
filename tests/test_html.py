"""Tests for briefing_tui.loading.html: HTML news pages to ArticleText."""

from __future__ import annotations

import html as html_lib
import re
import time
from pathlib import Path

import pytest

from briefing_tui.loading.html import normalize_text, parse_html
from briefing_tui.loading.structure import ArticleText, split_article

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
CORPUS = SHARED / "corpus"
PAGES = sorted((CORPUS / "html").glob("*.html")) if (CORPUS / "html").is_dir() else []

needs_pages = pytest.mark.skipif(not PAGES, reason="shared/corpus/html is not next to the repo")

BODY = [
    "The city council voted on Tuesday to close the old harbour bridge for repairs that will take two years.",
    "Engineers said cracks found in the main span last month made the work urgent, and traffic will be "
    "diverted over the river crossing further north.",
    "Local businesses warned that the closure would cost them customers, but the mayor said safety "
    "came first.",
    "A public meeting on the diversion plans will be held next week at the town hall.",
]


def page(body: str, head: str = "", title: str = "Council closes harbour bridge for two years") -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{title} - Example News</title>{head}</head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer><p>Copyright Example News 2024. All rights reserved.</p></footer></body></html>"
    )


def paras(*texts: str) -> str:
    return "".join(f"<p>{html_lib.escape(t)}</p>" for t in texts)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _text_version(path: Path) -> ArticleText:
    return split_article((CORPUS / "articles" / f"{path.stem}.txt").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the corpus pages


@needs_pages
@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_corpus_page_matches_its_text_version(path: Path) -> None:
    got = parse_html(path.read_text(encoding="utf-8", errors="replace"))
    want = _text_version(path)
    assert got.title == want.title
    assert got.dateline == want.dateline
    assert [r.title for r in got.related] == [r.title for r in want.related]
    assert all(r.url and r.url.startswith("http") for r in got.related)
    found = set(map(_norm, got.paragraphs))
    covered = sum(_norm(p) in found for p in want.paragraphs)
    assert covered >= 0.9 * len(want.paragraphs)
    expected = set(map(_norm, want.paragraphs))
    assert sum(_norm(p) in expected for p in got.paragraphs) >= 0.9 * len(got.paragraphs)
    assert got.date is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", got.date)


@needs_pages
def test_corpus_page_details() -> None:
    by_name = {p.stem: p for p in PAGES}

    def parsed(name: str) -> ArticleText:
        return parse_html(by_name[name].read_text(encoding="utf-8", errors="replace"))

    # site suffix of og:title/<title> ("- Telegraph") is not part of the headline; the h2 deck leads the body
    thatcher = parsed("telegraph-thatcher-gcse-fears")
    assert thatcher.title == "Margaret Thatcher feared GCSEs would lower school standards"
    assert thatcher.paragraphs[0].startswith("Files released by the National Archives show")
    assert thatcher.date == "2014-12-29"
    # related links are made absolute from the canonical URL
    assert thatcher.related[0].url == (
        "http://www.telegraph.co.uk/news/politics/margaret-thatcher/11313380/"
        "Margaret-Thatcher-conducted-covert-war-against-BBC.html"
    )
    # <br><br> inside one <p> separates paragraphs; the dateline is cut off the first one
    nj = parsed("njcom-doherty-rips-christie")
    assert nj.dateline == "TRENTON"
    assert nj.paragraphs[0].startswith("Gov. Chris Christie’s State of the State speech")
    assert "“And he didn’t,” Doherty said in a phone interview." in nj.paragraphs
    # hidden "Video" labels and dates are not part of related headlines
    bbc = parsed("bbc-obama-gun-laws-frustration")
    assert [r.title for r in bbc.related][2] == "Obama 'distress' over gun laws"
    assert "Read the full transcript of his interview" not in bbc.paragraphs  # a line that is only a link
    # an embedded tweet: its text and its attribution line are two paragraphs
    star = parsed("dailystar-ebola-nurse-named")
    assert "— Scottish Government (@scotgov) December 29, 2014" in star.paragraphs


@needs_pages
def test_corpus_pages_are_fast() -> None:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in PAGES]
    parse_html(texts[0])  # warm-up: imports and compiled patterns
    for text in texts:
        parse_html(text)


# ---------------------------------------------------------------- hand-written pages


@pytest.mark.parametrize(
    "junk",
    ["", "   \n", "<", "<<<>>>", "&&&;", "<html></html>", "<p>", "\x00\x00", "plain text, no markup at all",
     "<?xml version='1.0' encoding='utf-8'?>", "<!-- only a comment -->", "<script>var x = 1;</script>"],
)  # fmt: skip
def test_junk_input_gives_an_empty_article(junk: str) -> None:
    got = parse_html(junk)
    assert isinstance(got, ArticleText)
    assert got.related == []
    assert all(p.strip() for p in got.paragraphs)


def test_page_without_an_article() -> None:
    html = (
        "<html><head><title>Example News - Home</title></head><body>"
        "<nav><ul><li><a href='/uk'>UK</a></li><li><a href='/world'>World</a></li></ul></nav>"
        "<footer><a href='/about'>About us</a> <a href='/contact'>Contact</a></footer></body></html>"
    )
    got = parse_html(html)
    assert got.paragraphs == []
    assert got.related == []
    assert got.dateline is None


def test_full_article_parts() -> None:
    head = (
        '<meta property="og:title" content="Council closes harbour bridge for two years | Example News">'
        '<meta property="og:site_name" content="Example News">'
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
        '<link rel="canonical" href="https://news.example.com/uk/harbour-bridge-123">'
    )
    body = (
        '<p class="standfirst">Repairs to the 90-year-old crossing will start in the spring.</p>'
        '<p class="byline">By Jane Smith</p>'
        f"<p>BRISTOL — {BODY[0]}</p>"
        '<figure><img src="a.jpg"><figcaption>The bridge at dusk. Photo: Jane Smith</figcaption></figure>'
        + paras(BODY[1])
        + "<h2>Traffic plans</h2>"
        + paras(BODY[2])
        + "<ul><li>Buses will use the north crossing.</li><li>Cyclists can use a temporary ferry.</li></ul>"
        + "<blockquote><p>We cannot take risks with a bridge this old.</p></blockquote>"
        + paras(BODY[3])
    )
    got = parse_html(page(body + "<p>Additional reporting by Tom Brown</p>", head))
    assert got.title == "Council closes harbour bridge for two years"
    assert got.date == "2024-03-05"
    assert "Additional reporting by Tom Brown" in got.credits
    assert got.dateline == "BRISTOL"
    assert got.paragraphs == [
        "Repairs to the 90-year-old crossing will start in the spring.",
        BODY[0],
        BODY[1],
        "Traffic plans",
        BODY[2],
        "Buses will use the north crossing.",
        "Cyclists can use a temporary ferry.",
        "We cannot take risks with a bridge this old.",
        BODY[3],
    ]


def test_script_and_style_never_leak() -> None:
    body = (
        "<script>var SECRET_SCRIPT = 'tracking';</script>"
        "<style>.SECRET_STYLE { color: red }</style>"
        + paras(BODY[0])
        + "<p>Engineers said <script>document.write('SECRET_INLINE')</script>cracks were found.</p>"
        + "<noscript>SECRET_NOSCRIPT enable javascript</noscript>"
        + '<div style="display:none"><p>SECRET_HIDDEN paragraph that nobody sees on the page.</p></div>'
        + paras(*BODY[1:])
        + "<template><p>SECRET_TEMPLATE</p></template>"
    )
    got = parse_html(page(body, head="<script>SECRET_HEAD</script><style>SECRET_HEADSTYLE</style>"))
    everything = " ".join([got.title or "", *got.paragraphs, *(r.title for r in got.related)])
    assert "SECRET" not in everything
    assert "Engineers said cracks were found." in got.paragraphs


def test_related_block_with_relative_urls_dates_and_hidden_labels() -> None:
    related = (
        '<div class="story-more"><h2>Related articles</h2><ul>'
        '<li><a href="/uk/ferry-456"><span class="visually-hidden">Video</span>'
        '<span class="title">Temporary ferry to carry cyclists across the river</span></a>'
        "<time>4 March 2024</time></li>"
        '<li><a href="https://news.example.com/uk/bridge-history-789">'
        '<span class="kicker">ANALYSIS</span> A short history of the harbour bridge</a></li>'
        '<li><a href="other-1011"><img src="x.jpg" alt="picture"></a>'
        '<a href="other-1011">Why old bridges crack in cold winters</a></li>'
        "</ul></div>"
    )
    html = page(
        paras(*BODY) + related, head='<link rel="canonical" href="https://news.example.com/uk/bridge-123">'
    )
    got = parse_html(html)
    assert [(r.title, r.url) for r in got.related] == [
        ("Temporary ferry to carry cyclists across the river", "https://news.example.com/uk/ferry-456"),
        ("A short history of the harbour bridge", "https://news.example.com/uk/bridge-history-789"),
        ("Why old bridges crack in cold winters", "https://news.example.com/uk/other-1011"),
    ]
    assert not any("ferry to carry" in p for p in got.paragraphs)
    # the caller's base URL wins over the canonical one; without either, the link stays as written
    assert parse_html(html, base_url="https://mirror.example.org/a/b").related[0].url == (
        "https://mirror.example.org/uk/ferry-456"
    )
    no_base = parse_html(re.sub(r'<link rel="canonical"[^>]*>', "", html))
    assert no_base.related[0].url == "/uk/ferry-456"


def test_related_headline_without_its_teaser() -> None:
    related = (
        "<section><h3>More on this story</h3>"
        '<a href="https://news.example.com/uk/ferry-456"><h4>Temporary ferry for cyclists</h4>'
        "<p>The council has hired a boat to carry bicycles across the river while the bridge is shut.</p></a>"
        '<a href="https://news.example.com/uk/history-789"><h4>A short history of the harbour bridge</h4>'
        "<p>Opened in 1934, the bridge has carried trams, buses and, one summer, a circus elephant.</p></a>"
        "</section>"
    )
    got = parse_html(page(paras(*BODY) + related))
    assert [r.title for r in got.related] == [
        "Temporary ferry for cyclists",
        "A short history of the harbour bridge",
    ]
    assert got.paragraphs == BODY


def _story_list(heading: str, *items: tuple[str, str]) -> str:
    links = "".join(f'<li><a href="{href}">{html_lib.escape(title)}</a></li>' for href, title in items)
    return f"<h2>{heading}</h2><ul>{links}</ul>"


def test_site_rails_and_popular_lists_are_not_the_story_s_related_block() -> None:
    own = _story_list("Related stories", ("/uk/ferry-456", "Temporary ferry to carry cyclists across the river"))
    rail = _story_list("Related stories", ("/money/rates-1", "Five things to know before rates move again"))
    popular = _story_list(
        "Related",
        ("/uk/bridge-123", "Council closes harbour bridge for two years"),
        ("/sport/derby-9", "Late goal settles the derby in front of a record crowd"),
    )
    html = (
        "<!DOCTYPE html><html><head><title>Council closes harbour bridge for two years</title>"
        '<link rel="canonical" href="https://news.example.com/uk/bridge-123"></head><body>'
        f"<div class='main-col'><article><h1>Council closes harbour bridge for two years</h1>{paras(*BODY)}"
        f"<aside class='article__aside'><div class='related'>{own}</div></aside></article></div>"
        f"<div class='right-col'><section class='story-list'>{rail}</section></div>"
        f"<div class='footer-box'>{popular}</div></body></html>"
    )
    got = parse_html(html)
    # the rail's list sits in a side column, the last one lists this very page: both are the site's
    assert [r.title for r in got.related] == ["Temporary ferry to carry cyclists across the river"]
    assert got.paragraphs == BODY


def test_related_list_after_a_title_bar_with_a_back_to_top_link() -> None:
    related = (
        "<div class='section-title'><h2>Related Articles</h2>"
        "<div class='tools'><a href='#top'>Scroll back to top</a></div></div>"
        "<div class='list'><ul>"
        "<li><a href='/uk/ferry-456'>Temporary ferry to carry cyclists across the river</a></li>"
        "<li><a href='/uk/history-789'>A short history of the harbour bridge</a></li>"
        "</ul></div>"
    )
    got = parse_html(page(paras(*BODY) + related), base_url="https://news.example.com/uk/bridge")
    assert [r.title for r in got.related] == [
        "Temporary ferry to carry cyclists across the river",
        "A short history of the harbour bridge",
    ]
    assert got.paragraphs == BODY


def test_a_more_colon_heading_over_one_list_per_headline() -> None:
    related = "<h4>More:</h4>" + "".join(
        f"<ul><li><h4><a href='/uk/{k}'>{title}</a></h4></li></ul>\n"
        for k, title in enumerate(
            ["Temporary ferry to carry cyclists across the river", "A short history of the harbour bridge"]
        )
    )
    got = parse_html(page(paras(*BODY[:2]) + related + paras(*BODY[2:])), base_url="https://news.example.com/uk/b")
    assert [(r.title, r.url) for r in got.related] == [
        ("Temporary ferry to carry cyclists across the river", "https://news.example.com/uk/0"),
        ("A short history of the harbour bridge", "https://news.example.com/uk/1"),
    ]
    assert got.paragraphs == BODY


def test_a_list_the_page_marks_as_related_under_a_heading_of_its_own() -> None:
    related = (
        "<div class='story-related'><h2>Earlier on this story</h2><ul>"
        "<li><a href='/uk/ferry-456'>Temporary ferry to carry cyclists across the river</a></li>"
        "<li><a href='/uk/history-789'>A short history of the harbour bridge</a></li></ul></div>"
    )
    unmarked = (
        "<div class='more-box'><h2>Earlier on this story</h2><ul>"
        "<li><a href='/uk/ferry-456'>Temporary ferry to carry cyclists across the river</a></li></ul></div>"
    )
    got = parse_html(page(paras(*BODY) + related), base_url="https://news.example.com/uk/b")
    assert [r.title for r in got.related] == [
        "Temporary ferry to carry cyclists across the river",
        "A short history of the harbour bridge",
    ]
    assert got.paragraphs == BODY
    assert parse_html(page(paras(*BODY) + unmarked)).related == []


def test_a_list_marked_related_without_any_heading() -> None:
    related = (
        "<div id='relatedLinks'><ul>"
        "<li><a href='/uk/ferry-456'>Temporary ferry to carry cyclists across the river</a></li>"
        "<li><a href='/uk/history-789'>A short history of the harbour bridge</a></li></ul></div>"
    )
    tags = (
        "<div class='related-tags'><a href='/t/a'>Bridges in the north</a> "
        "<a href='/t/b'>Council budget cuts</a></div>"
    )
    one = "<div class='related'><a href='/uk/ferry-456'>Temporary ferry to carry cyclists across the river</a></div>"
    got = parse_html(page(paras(*BODY) + related + tags), base_url="https://news.example.com/uk/b")
    assert [r.title for r in got.related] == [
        "Temporary ferry to carry cyclists across the river",
        "A short history of the harbour bridge",
    ]
    assert got.paragraphs == BODY
    feed = "<div class='related'><ul>" + "".join(
        f"<li><a href='/uk/{k}'>Another story from the site, number {k}</a></li>" for k in range(12)
    ) + "</ul></div>"
    # one link alone, a list marked as tags or a wall of stories is not taken without a heading
    assert parse_html(page(paras(*BODY) + one + tags)).related == []
    assert parse_html(page(paras(*BODY) + feed)).related == []


def test_without_trafilatura_the_lxml_fallback_still_reads_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_tui.loading import html as html_module

    monkeypatch.setattr(html_module, "trafilatura", None)
    got = parse_html(page(paras(*BODY)))
    assert got.title == "Council closes harbour bridge for two years"
    assert got.paragraphs == BODY


def test_tag_lists_and_read_more_lines() -> None:
    body = (
        paras(*BODY[:2])
        + '<p><strong>Read more:</strong> <a href="/uk/ferry">'
        + "Temporary ferry to carry cyclists across the river</a></p>"
        + paras(*BODY[2:])
        + '<div class="tags"><h3>Related Topics</h3><ul><li><a href="/t/bridges">Bridges</a></li>'
        + '<li><a href="/t/bristol">Bristol</a></li></ul></div>'
    )
    got = parse_html(page(body), base_url="https://news.example.com/uk/bridge")
    assert [(r.title, r.url) for r in got.related] == [
        ("Temporary ferry to carry cyclists across the river", "https://news.example.com/uk/ferry")
    ]
    assert got.paragraphs == BODY


def test_text_normalisation_and_line_breaks() -> None:
    body = (
        "<p>The coun\u00adcil\u00a0voted\u200b on   Tuesday to close the old harbour bridge for repairs."
        "<br><br>"
        "Engineers said cracks found in the main span last month made the work urgent.</p>"
        "<p>One line<br>continues here after a single break, as poems and addresses do.</p>"
        + paras(*BODY[2:])
    )
    got = parse_html(page(body))
    assert got.paragraphs[:3] == [
        "The council voted on Tuesday to close the old harbour bridge for repairs.",
        "Engineers said cracks found in the main span last month made the work urgent.",
        "One line continues here after a single break, as poems and addresses do.",
    ]


def test_link_only_lines_and_interface_strings_are_dropped() -> None:
    body = (
        paras(BODY[0])
        + '<p><a href="/uk/other-story">Five things we learned from the council meeting</a></p>'
        + "<p>Advertisement</p>"
        + paras(BODY[1])
        + '<p>Engineers <a href="/report">published a report</a> on the cracks in January.</p>'
        + "<p>Continue reading the main story</p>"
        + paras(*BODY[2:])
    )
    got = parse_html(page(body))
    linked = "Engineers published a report on the cracks in January."
    assert got.paragraphs == [BODY[0], BODY[1], linked, *BODY[2:]]


def test_embedded_post_attribution_is_its_own_paragraph() -> None:
    body = (
        paras(*BODY[:2])
        + '<blockquote class="twitter-tweet">'
        + "<p>The bridge will close on Monday. Please plan your journeys.</p>"
        + "&mdash; Bristol Council (@bristolcouncil) "
        + '<a href="https://twitter.com/x/status/1">March 4, 2024</a>'
        + "</blockquote>"
        + paras(*BODY[2:])
    )
    got = parse_html(page(body))
    i = got.paragraphs.index("The bridge will close on Monday. Please plan your journeys.")
    assert got.paragraphs[i + 1] == "— Bristol Council (@bristolcouncil) March 4, 2024"


def test_title_sources() -> None:
    # the h1 wins; a headline's own dash is kept
    assert parse_html(page(paras(*BODY), title="UK rebate 'unjustified' - Chirac")).title == (
        "UK rebate 'unjustified' - Chirac"
    )
    # no h1: og:title without the site name
    no_h1 = (
        '<html><head><meta property="og:title" content="Harbour bridge to close - Example News">'
        '<meta property="og:site_name" content="Example News"></head><body>' + paras(*BODY) + "</body></html>"
    )
    assert parse_html(no_h1).title == "Harbour bridge to close"
    # a logo h1 unrelated to the page title is not the headline
    logo = (
        "<html><head><title>Harbour bridge to close for two years | Example</title></head><body>"
        "<h1>Example Daily Gazette</h1>" + paras(*BODY) + "</body></html>"
    )
    assert parse_html(logo).title == "Harbour bridge to close for two years | Example"


def test_bytes_and_xml_declaration() -> None:
    html = page(paras(*BODY))
    assert parse_html(html.encode("utf-8")).paragraphs == BODY
    xhtml = "<?xml version='1.0' encoding='utf-8'?>\n" + html
    assert parse_html(xhtml).paragraphs == BODY


def test_pathological_input_is_fast_and_safe() -> None:
    start = time.perf_counter()
    huge_line = page("<p>" + "word " * 2_000_000 + "</p>")  # a 10 MB paragraph
    parse_html(huge_line)
    deep = "<div>" * 5000 + paras(*BODY) + "</div>" * 5000
    assert parse_html(page(deep)).title
    unclosed = page("<p>" + "“" + "an unclosed quotation " * 10_000 + "<p><b><i><a href='/x'>")
    parse_html(unclosed)
    assert time.perf_counter() - start < 60  # a hang detector (catastrophic backtracking), not a speed check


def test_control_characters_are_dropped() -> None:
    body = (
        paras(*BODY[:2])
        + "<blockquote><p>Bell\x07 text &#7;here</p>\x1f loose</blockquote>"
        + paras(*BODY[2:])
    )
    got = parse_html(page(body))
    assert "Bell text here" in got.paragraphs
    assert "loose" in got.paragraphs


def test_clean_text() -> None:
    assert normalize_text("  a\u00a0\u00a0b\u00adc\u200bd \n\t e ") == "a bcd e"


# ---------------------------------------------------------------- the BBC corpus as HTML


@pytest.mark.skipif(not (CORPUS / "bbc").is_dir(), reason="shared/corpus/bbc is not next to the repo")
def test_bbc_corpus_as_html() -> None:
    """Every BBC text, wrapped in a simple page, comes back with its title and paragraphs, quickly."""
    files = sorted((CORPUS / "bbc").glob("*/*.txt"))
    assert len(files) > 2000
    for path in files:
        article = split_article(path.read_bytes().decode("utf-8", errors="replace"))
        title = article.title or ""
        html = (
            f"<html><head><title>{html_lib.escape(title)} - BBC News</title></head><body>"
            f"<h1>{html_lib.escape(title)}</h1>{paras(*article.paragraphs)}</body></html>"
        )
        got = parse_html(html)
        if article.title:
            assert got.title == normalize_text(article.title), path
        want = [normalize_text(p) for p in article.paragraphs if any(c.isalpha() for c in p)]
        # on a page this bare trafilatura falls back to its "wild text" pass, which collapses repeats
        assert got.paragraphs in (want, list(dict.fromkeys(want))), path
