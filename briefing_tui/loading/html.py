"""Reduce an HTML news page to an ``ArticleText``: headline, date, dateline, body and related block.

trafilatura finds the main text (it knows far more page layouts than a rule
list here would). lxml handles what trafilatura drops or gets wrong for this
project: the related-stories block (boilerplate to trafilatura, scored by the
spec), a standfirst printed beside the headline, ``<br><br>`` paragraph
breaks, embedded posts, and the headline without the site name. The body
follows the corpus rules (``shared/corpus/SOURCES.md``): paragraphs,
crossheads, list items and blockquotes; no captions, bylines, interface
strings or lines that only link to another story.
"""

from __future__ import annotations

import functools
import html as html_lib
import logging
import re
import time
import warnings
from collections.abc import Iterator
from itertools import islice
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lxml_html

from ..article_text import ArticleText
from ..model import Related
from .related_headings import RELATED_HEADING_PAGE, RELATED_HEADING_START
from .structure import CREDIT_LINE, split_dateline

try:  # without trafilatura (or its lxml_html_clean dependency) the simple lxml fallback runs
    import trafilatura
    from trafilatura.settings import use_config
except ImportError:  # pragma: no cover - depends on the environment
    trafilatura = None
try:
    from htmldate import find_date
except ImportError:  # pragma: no cover - depends on the environment
    find_date = None

# trafilatura logs every page it discards; a page without an article is normal input here.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

DEFAULT_BUDGET = 3.0  # seconds a page may take before its optional passes are skipped

_MAX_CHARS = 5_000_000  # longer input is cut: no article page is this large
_MAX_ELEMENTS = 250_000  # more and the page is refused: even the simple reading would take too long
_MAX_ATTRIBUTES = 64  # kept per tag: real tags have a few dozen at most
_MAX_DEPTH = 200  # nesting kept when libxml2 gives up on a page, safely under its own limit
_FULL_MAX_ELEMENTS = 30_000  # larger pages get the simple reading: trafilatura is far too slow on them
_FULL_MAX_BLOCKS = 5_000  # paragraphs, list items and divs: trafilatura's cost grows fastest with these
_FULL_MAX_ATTRIBUTES = 100_000  # trafilatura reads every element's attributes, several times over
_FULL_MAX_TEXT = 1_000_000  # characters of text outside scripts: each pass cleans up all of it, some several times
_FULL_MAX_NESTING = 100_000  # elements times levels of nesting: trafilatura's work on an element grows with its depth
_FULL_ANY_NESTING = 32  # nesting this shallow never costs a page its full reading: real pages seldom go deeper
_RESCUE_BELOW = 1500  # characters of body text: shorter than nearly every real news story
_RESCUE_MAX_ELEMENTS = 6000  # full mode's justext pass takes seconds on pages much larger than this
_RESCUE_MAX_BLOCKS = 2500  # justext's time grows with the square of a run of short blocks
_MAX_PARAGRAPHS = 2_000  # of body text kept: far beyond any article, so later stages stay quick
_MAX_TEXT = 500_000  # characters of body text kept, for the same reason
_MAX_UNHEADED_RELATED = 10  # stories in a related list that has no heading, past which it is a site feed
_MAX_RELATED_HEADINGS = 20  # related-block headings examined: each one reads its whole parent

# Optional passes, as named in the note saying they were skipped for time.
_DATE = "the date"
_RELATED = "the related stories"
_MAIN_TEXT = "the full main-text extraction"
_RESCUE = "the second-opinion extraction"

# Separate counts: one path with a predicate naming all the tags is many times slower in libxml2.
_COUNT_BLOCKS = "+".join(
    f"count(//{tag})" for tag in ("p", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd", "dt", "pre")
)
_COUNT_CELLS = "count(//td)+count(//th)"

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]")
_WS = re.compile(r"\s+")

# Elements whose text no reader sees as article text.
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
              "button", "select", "textarea", "input")  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Galleries, players, pop-ups and recommendation widgets, which trafilatura sometimes keeps.
_WIDGET_HINT = re.compile(
    r"(?:^|[\s_-])(?:gallery|carousel|slideshow|lightbox|modal|vjs|video-?js|outbrain|taboola|newsletter"
    r"|cookie|consent|paywall)(?:$|[\s_-])",
    re.IGNORECASE,
)

# Containers that hold a site's own widgets, beside or below the story, whatever their heading says.
_SITE_LIST_HINT = re.compile(
    r"(?:^|[\s_-])(?:sidebar|side-bar|rail|right-?col|rt-col|widget|most-?popular|mostpopular"
    r"|most-?read|trending)(?:$|[\s_-])",
    re.IGNORECASE,
)
# A container a page marks as its related block, whatever its heading says.
_RELATED_CLASS = re.compile(r"related", re.IGNORECASE)
_TAG_HINT = re.compile(r"tag|topic|term|keyword|categor|subject", re.IGNORECASE)
# Parts of a teaser link that are not its headline: dates, kickers, counters, hidden labels.
_NOT_HEADLINE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:date|time|timestamp|dateline|kicker|eyebrow|flag|off-?screen|sr-only|screen-?reader"
    r"|visually-?hidden|hidden|teaser|summary|standfirst|byline|author|meta|icon|count|comments?|label"
    r"|section|category|tag)(?:$|[\s_-])",
    re.IGNORECASE,
)
_HEADLINE_CLASS = re.compile(r"(?:^|[\s_-])(?:title|headline|cta)(?:$|[\s_-])", re.IGNORECASE)
_GENERIC_LINK = re.compile(
    r"^(?:more|read more|see (?:all|more)|view (?:all|more)|next|previous|prev|comments?|share"
    r"|click here|full story|continue reading)\W*$",
    re.IGNORECASE,
)
_NOT_BLOCK = frozenset({"body", "html", "h1", "h2", "h3", "h4", "h5", "h6"})

# Interface strings (matched on short lines only): they appear on pages, never in stories.
_UI_LINE = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|continue reading(?: the main story)?"
    r"|loading(?: photo gallery| video| comments)?\W*|click here.*|share this(?: article| story)?"
    r"|(?:view|post|show|hide)(?:/post)? comments|\d+ comments?|image copyright.*|media caption.*"
    r"|skip (?:to|advertisement)\b.*|follow us\b.*|sign up\b.*|subscribe\b.*|print this\b.*)$",
    re.IGNORECASE,
)
# An author's contact line is a credit, not article text.
_CONTACT_LINE = re.compile(
    r"\b(?:may|can) be (?:reached|contacted) at\b|^(?:e-?mail|follow|contact) (?:him|her|them|the author)\b",
    re.IGNORECASE,
)
# A journal citation or DOI printed under a science story (`Nature 574, 16-17 (2019)`).
_CITATION_LINE = re.compile(
    r"^(?:doi:\s*\S+|[A-Z][\w.&' ]{1,60}\s\d+,\s*\d+(?:\s*[-\u2013]\s*\d+)?\s*\(\d{4}\)\.?)$", re.IGNORECASE
)
# A line that is only a date or time stamp (`24 July 2015`, `Updated: Jan. 3, 2024 at 5:31 PM`).
_DATE_LINE = re.compile(
    r"^(?:(?:published|updated|posted|last updated)\s*:?\s*)?(?:on\s+)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:\d{1,2}\s+[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?\.?$",
    re.IGNORECASE,
)
# A photo credit or caption label left alone on a line (`Source: Reuters`, `AFP/Getty Images`).
_CREDIT_LABEL = re.compile(
    r"^(?:(?:photo|image|picture|video|graphic|illustration)s?(?:\s+credit)?|source|credit)\s*:\s*\S.{0,60}$",
    re.IGNORECASE,
)
_AGENCY = re.compile(
    r"\b(?:getty images|getty|reuters|afp|ap photo|epa|pa wire|corbis|shutterstock|rex features)\b",
    re.IGNORECASE,
)


def _is_credit(text: str) -> bool:
    """A short line naming a photo agency, with no lower-case word but `via`/`and` (not a sentence)."""
    if len(text) > 70 or _CREDIT_LABEL.match(text):
        return len(text) <= 70
    if not _AGENCY.search(text):
        return False
    words = re.findall(r"[^\W\d_]+", _AGENCY.sub(" ", text))
    return len(words) <= 4 and all(w[0].isupper() or w in ("via", "and") for w in words)


_BYLINE = re.compile(r"^by\s+[A-Z]", re.IGNORECASE)
_TITLE_SEPARATORS = re.compile(r"\s+(?:[-|\u2013\u2014:\u00b7\u2022]|::)\s+")
_STANDFIRST_HINT = re.compile(
    r"standfirst|\bdek\b|deck|teaser|summary|intro|subtitle|sub-title|subhead|strapline|lede"
    r"|alternativeheadline|description|excerpt",
    re.IGNORECASE,
)


def normalize_text(text: str) -> str:
    """Fold whitespace runs (non-breaking spaces too) and drop soft hyphens and zero-width characters."""
    return _WS.sub(" ", _INVISIBLE.sub("", text)).strip()


def parse_html(html: str | bytes, base_url: str | None = None, *, budget: float = DEFAULT_BUDGET) -> ArticleText:
    """Parse a news page. An empty, broken or article-less page gives an empty ``ArticleText``.

    ``base_url`` is the page's address, used to make related-story links
    absolute; without it the page's own canonical URL is used, if any.

    A page is one of many a user loads, so it gets ``budget`` seconds: the
    clock is read between passes, and once it has run out the optional ones
    (date, related stories, trafilatura) are skipped for what was found so far.
    Markup that would make the parsers crawl is cut down first, and a page too
    large to read at all raises ``PageRefused``. Whatever was cut or skipped is
    said in the article's ``notes``.
    """
    reading = _Reading(budget)
    try:
        root = _load(html, reading)
        article = _parse_tree(root, base_url, reading) if root is not None else ArticleText()
    except PageRefused:
        raise
    except Exception as err:  # lxml, trafilatura and htmldate on arbitrary markup: never raise
        logging.getLogger(__name__).debug("HTML page not parsed: %s", err)
        article = ArticleText()
    article.notes.extend(reading.notes())
    return article


def _load(html: str | bytes, reading: _Reading) -> etree._Element | None:
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    if not isinstance(html, str) or not html.strip():
        return None
    html = _shorten(html, reading)
    # control characters (which lxml refuses in text it is given) are never article text
    html = _CONTROL.sub(" ", html)
    # lxml refuses str input that declares an encoding, so it gets UTF-8 bytes without the declaration.
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html, count=1)
    reading.tags = html.count("<")  # at least the number of elements; cutting tags down only lowers it
    _refuse_if_too_many_elements(html, reading.tags)
    html = _cut_attributes(html, reading)
    reading.size = len(html)
    root, parser = _parse_markup(html)
    failure = parser.error_log.last_error
    if failure is not None and failure.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT and "depth" in failure.message:
        # libxml2 stops reading at its nesting limit, and the rest of the page with it
        html = _flatten(html)
        reading.cut.append(
            f"page markup cut down before parsing: elements nested deeper than {_MAX_DEPTH} levels were flattened"
        )
        root, parser = _parse_markup(html)
        failure = parser.error_log.last_error
    if failure is not None and failure.level == etree.ErrorLevels.FATAL:
        reading.cut.append(f"the page could not be read to its end: {failure.message.strip()}")
    return root


def _parse_markup(html: str) -> tuple[etree._Element, lxml_html.HTMLParser]:
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    return lxml_html.document_fromstring(html.encode("utf-8", errors="replace"), parser=parser), parser


def _parse_tree(root: etree._Element, base_url: str | None, reading: _Reading) -> ArticleText:
    meta = _meta(root)
    base = _page_base(root, meta, base_url)
    title = _title(root, meta)
    _drop_invisible(root)
    too_large = _too_large(root, reading)
    full = too_large is None
    if too_large:
        reading.cut.append(
            f"page too large for a full reading: {too_large}; only its text was read, without the "
            "date, the related stories or the main-text extractor"
        )
    date = _date(root, base) if full and reading.has_time(_DATE) else None
    related = []
    if full and reading.has_time(_RELATED):
        related = [r for r in _take_related(root, base) if _norm(r.title) != _norm(title or "") and r.url != base]

    standfirst = None
    if full and reading.has_time(_MAIN_TEXT):
        _split_br_paragraphs(root)
        _wrap_blockquote_text(root)
        _drop_link_lines(root)
        headline = _find_headline(root, title)
        _drop_widgets(root, headline)
        standfirst = _standfirst(headline, meta)
        texts = _main_text(root, reading)
    else:
        texts = _fallback_text(root)

    norm_title = _norm(title or "")
    paragraphs, credits = [], []
    for p in texts:
        if _norm(p) == norm_title:
            continue
        # bylines and credit lines (`By Jane Smith`, `Reporting by ...`) go aside, as split_article does
        (credits if CREDIT_LINE.match(p) and len(p.split()) <= 14 else paragraphs).append(p)
    if standfirst and all(_norm(standfirst) != _norm(p) for p in paragraphs[:5]):
        paragraphs.insert(0, standfirst)
    first_body = 1 if standfirst and paragraphs and _norm(paragraphs[0]) == _norm(standfirst) else 0
    paragraphs = _limit_text(paragraphs, reading)

    article = ArticleText(title=title, date=date, paragraphs=paragraphs, related=related, credits=credits)
    # The dateline opens the first body paragraph, which follows the standfirst when there is one.
    for i in range(min(first_body + 1, len(paragraphs))):
        dateline, rest = split_dateline(paragraphs[i])
        if dateline:
            article.dateline = dateline
            paragraphs[i] = rest.strip()
            if not paragraphs[i]:
                del paragraphs[i]  # the dateline stood apart, in a paragraph of its own
            break
    return article


# ------------------------------------------------------------------ size and time limits


class PageRefused(Exception):
    """A page too large or too complex to read at all within a page's time.

    Raised rather than returning an empty article so that the loader can tell
    the user why the page gave nothing; ``str(err)`` is that sentence.
    """


class _Reading:
    """One page's clock, and what was cut down or skipped on the way: the article's notes."""

    def __init__(self, budget: float) -> None:
        self.budget = budget
        self.deadline = time.monotonic() + budget
        self.cut: list[str] = []
        self.skipped: list[str] = []
        self.tags = 0  # `<` in the markup given to lxml: at least its number of elements
        self.size = 0  # characters in that markup: at least those of its text

    def has_time(self, what: str) -> bool:
        """Whether an optional pass may start; if not, it is noted as skipped."""
        if time.monotonic() < self.deadline:
            return True
        if what not in self.skipped:
            self.skipped.append(what)
        return False

    def notes(self) -> list[str]:
        """Sentences for the user, one per thing cut down and one for all the passes skipped for time."""
        notes = list(self.cut)
        if self.skipped:
            *rest, last = self.skipped
            names = f"{', '.join(rest)} and {last}" if rest else last
            verb = "were" if rest else "was"
            notes.append(f"parsing took longer than {self.budget:g} s; {names} {verb} skipped")
        return notes


# These patterns read tags the way HTML's tokenizer does (a quoted value may hold `>` or `<`; a name may
# hold `<` or start with `=`; `/` separates attributes) so that no trick hides a tag from them. Every
# quantifier in them is possessive: a run once consumed is never given back, so no match backtracks,
# and each alternative that starts always succeeds, so a scan never restarts inside text it has passed.
# Together that makes every scan linear in the length of the page.

_SPACE = "\t\n\f\r "  # HTML's whitespace: Python's \s has more
_RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes")  # text to their end tag
# Kept some levels deeper than other elements when nesting is flattened, so that the text keeps its paragraphs;
# still under libxml2's limit.
_PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", *_RAW_TEXT, "plaintext"})
_PARAGRAPH_EXTRA_DEPTH = 40
# libxml2's ranks for end tags: one closes no element above its own, in the open ones, that ranks higher.
_END_RANK = {"div": 150, "td": 160, "th": 160, "tr": 170, "thead": 180, "tbody": 180, "tfoot": 180, "table": 190,
             "head": 200, "body": 200, "html": 220}  # fmt: skip
_CLOSE_THEIR_LIKE = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})  # a new one closes the last
_CLOSE_P = frozenset({"address", "article", "aside", "blockquote", "div", "dl", "fieldset", "footer", "form", "h1",
                      "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "pre", "section", "table",
                      "ul"})  # fmt: skip
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr", "basefont", "bgsound", "frame", "keygen"})  # fmt: skip

# One attribute: separators, a name, and maybe `=` and a value, quoted (to its closing quote or the
# end of the page) or bare.
_ATTR = (
    rf"[{_SPACE}/]*+[^{_SPACE}/>][^{_SPACE}/>=]*+"
    rf"""(?:[{_SPACE}]*+=[{_SPACE}]*+(?:"[^"]*+"?|'[^']*+'?|[^{_SPACE}>]*+))?+"""
)
_FEW_ATTRS = rf"(?:{_ATTR}){{0,{_MAX_ATTRIBUTES}}}+[{_SPACE}/]*+"
_ANY_ATTRS = rf"(?:{_ATTR})*+[{_SPACE}/]*+"
_END_OR_EOF = r"(?:>|\Z)"


def _start_tag(attrs: str, end: str) -> str:
    """A start tag, and for an element whose content is raw text (a script) that content too:
    a `<` in a script opens no tag, and what looks like one there must not be counted.

    A start tag ending in `/>` has no content: libxml2 takes it as closing the element.
    """
    raw = "|".join(
        rf"(?i:{name})(?=[{_SPACE}/>]){attrs}(?:(?<=/)>|>(?:[^<]++|<(?!/(?i:{name})[{_SPACE}/>]))*+|\Z)"
        for name in _RAW_TEXT
    )
    return (
        rf"(?:(?=[sStTxXiInNpP])(?:{raw}|(?i:plaintext)(?=[{_SPACE}/>]){attrs}(?:(?<=/)>|>[\s\S]*+|\Z))"
        rf"|[A-Za-z][^{_SPACE}/>]*+{attrs}{end})"
    )


_OTHER_MARKUP = (
    r"!--(?:-?>|(?:[^-]++|-(?!-!?>))*+(?:--!?>)?)"  # a comment, up to its end or the end of the page
    rf"|/[A-Za-z][^{_SPACE}/>]*+{_ANY_ATTRS}>?"  # an end tag
    r"|[!?][^>]*+>?|/(?![A-Za-z])[^>]*+>?"  # a doctype, processing instruction or bogus comment
)
# The whole page, up to a start tag with more than _MAX_ATTRIBUTES attributes (or to its end).
_SCAN = re.compile(rf"(?:[^<]++|<(?:{_start_tag(_FEW_ATTRS, _END_OR_EOF)}|{_OTHER_MARKUP}|(?![A-Za-z!?/])))*+")


@functools.cache
def _tokens() -> re.Pattern[str]:
    """One piece of markup at a time; group 1 (the first letter of its name) is set for a start tag.

    Compiled on first use: only pathological pages need it.
    """
    return re.compile(rf"<(?:(?=([A-Za-z])){_start_tag(_ANY_ATTRS, '>?')}|{_OTHER_MARKUP})")


_TAG_START = re.compile(r"<(?=[A-Za-z])")
_OPEN_TAG = re.compile(rf"<[A-Za-z][^{_SPACE}/>]*+{_ANY_ATTRS}>?")
_TAG_NAME = re.compile(rf"</?[A-Za-z][^{_SPACE}/>]*+")
_ATTRIBUTE = re.compile(_ATTR)
_FIRST_ATTRIBUTES = re.compile(rf"(?:{_ATTR}){{{_MAX_ATTRIBUTES}}}+")
# For a page over the size limit: comments, and scripts and styles other than JSON-LD metadata (which
# the date is read from), each up to its end or the end of the page. These scan the text alone, not
# the tags around it: good enough for a page that is cut anyway.
_BIG_COMMENT = re.compile(r"<!--(?:[^-]++|-(?!->))*+(?:-->)?")
_BIG_SCRIPT = re.compile(
    rf"<(script|style)(?=[{_SPACE}/>])(?![^>]{{0,200}}ld\+json)(?:[^<]++|<(?!/\1[{_SPACE}/>]))*+", re.IGNORECASE
)


def _shorten(html: str, reading: _Reading) -> str:
    """Drop comments, scripts and styles from a page over the size limit, then cut what is still over.

    They are dropped first because they are what makes most giant pages
    giant, and the article text behind them would otherwise be cut away.
    """
    if len(html) <= _MAX_CHARS:
        return html
    size = len(html)
    html = _BIG_COMMENT.sub("", html)
    html = _BIG_SCRIPT.sub("", html)  # its end tag is left, and ignored
    if len(html) > _MAX_CHARS:
        html = html[:_MAX_CHARS]
        reading.cut.append(
            f"page cut down before parsing: only its first {_MAX_CHARS:,} characters were read (it has {size:,})"
        )
    return html


def _refuse_if_too_many_elements(html: str, tags: int) -> None:
    """Refuse the page before lxml sees it: on this many elements even the simple reading is slow."""
    if tags <= _MAX_ELEMENTS or len(_TAG_START.findall(html)) <= _MAX_ELEMENTS:
        return  # quick upper bounds: every element starts with `<` and a letter
    tokens = _tokens().findall(html)
    elements = len(tokens) - tokens.count("")
    if elements > _MAX_ELEMENTS:
        raise PageRefused(f"page too complex to read: {elements:,} elements (the limit is {_MAX_ELEMENTS:,})")


def _cut_attributes(html: str, reading: _Reading) -> str:
    """Keep the first few attributes of a tag that has more.

    libxml2 checks each attribute of a tag against all the ones before it,
    so a tag's parse time grows with the square of their number (and
    trafilatura and htmldate copy them all); no real page needs more than a
    few dozen.
    """
    stop = _SCAN.match(html).end()
    if stop == len(html):
        return html  # the usual case: the one scan found no such tag
    parts: list[str] = []
    counts: list[int] = []
    done = 0
    while stop < len(html):
        tag = _OPEN_TAG.match(html, stop)
        name_end = _TAG_NAME.match(html, stop).end()
        attributes = list(_ATTRIBUTE.finditer(html, name_end, tag.end()))
        counts.append(len(attributes))
        kept = _FIRST_ATTRIBUTES.match(html, name_end).end()
        # `/>` closes the element unless the `/` ends an unquoted value; the space keeps it off the last one kept
        closed = html.startswith("/>", tag.end() - 2, tag.end()) and attributes[-1].end() < tag.end() - 1
        parts += [html[done:kept], " />" if closed else ">" if tag.group().endswith(">") else ""]
        done = tag.end()
        name = html[stop + 1 : name_end].lower()
        if closed:
            pass
        elif name in _RAW_TEXT:  # its content is text up to its end tag, not markup
            end = re.compile(rf"</{name}[{_SPACE}/>]", re.IGNORECASE).search(html, done)
            parts.append(html[done : end.start() if end else len(html)])
            done = end.start() if end else len(html)
        elif name == "plaintext":
            parts.append(html[done:])
            done = len(html)
        stop = _SCAN.match(html, done).end()
    parts.append(html[done:])
    if len(counts) == 1:
        what = f"a tag had {counts[0]:,} attributes (kept the first {_MAX_ATTRIBUTES})"
    else:
        what = (
            f"{len(counts):,} tags had more than {_MAX_ATTRIBUTES} attributes, up to {max(counts):,} "
            f"(kept the first {_MAX_ATTRIBUTES} of each)"
        )
    reading.cut.append(f"page markup cut down before parsing: {what}")
    return "".join(parts)


def _flatten(html: str) -> str:
    """Drop the start and end tags of elements nested deeper than the limit, keeping what they hold.

    The open elements are followed as libxml2 nests them, roughly: a new
    paragraph, list item or cell closes the one before it, and an end tag
    closes what was opened after its start tag. Paragraphs, headings and the
    like get some levels more than other elements, so that the text keeps its
    paragraphs; elements holding raw text (scripts) are always kept.
    """
    stack: list[str] = []  # the open elements that were kept
    dropped: dict[str, int] = {}
    names: dict[str, str] = {}  # deep nesting repeats the same few tags

    def fix(m: re.Match[str]) -> str:
        token = m.group()
        name = names.get(token)
        if name is None:
            tag = _TAG_NAME.match(token) if m.group(1) or token.startswith("</") else None
            if tag is None:
                return token  # a comment, doctype, processing instruction or bogus end tag
            name = tag.group().lstrip("</").lower()
            if len(names) < 1000 and len(token) < 200:
                names[token] = name
        if token[1] == "/":
            if dropped.get(name):
                dropped[name] -= 1
                return ""
            if name in stack:  # an end tag with no start tag closes nothing
                at = len(stack) - 1 - stack[::-1].index(name)
                rank = _END_RANK.get(name, 100)
                if all(_END_RANK.get(above, 100) <= rank for above in stack[at + 1 :]):
                    del stack[at:]
            return token
        # `<x/>` is closed as it opens; `<x a=b/>` is open (its value is `b/`), and when unsure, count it open
        if name in _VOID or (token.endswith("/>") and (token[-3] in _SPACE + "\"'" or token[1:-2] == name)):
            return token
        if len(stack) >= _MAX_DEPTH + (_PARAGRAPH_EXTRA_DEPTH if name in _PARAGRAPH_TAGS else 0):
            dropped[name] = dropped.get(name, 0) + 1
            return ""
        if stack and (stack[-1] == name in _CLOSE_THEIR_LIKE or (stack[-1] == "p" and name in _CLOSE_P)):
            stack.pop()
        stack.append(name)
        return token

    return _tokens().sub(fix, html)


def _too_large(root: etree._Element, reading: _Reading) -> str | None:
    """What makes the page too large for trafilatura and htmldate, if anything.

    The size of the markup bounds every count, which spares counting on the
    pages that are far from the limits: nearly all of them.
    """
    tags, size = reading.tags, reading.size
    if tags > _FULL_MAX_ELEMENTS and (n := int(root.xpath("count(//*)"))) > _FULL_MAX_ELEMENTS:
        return f"{n:,} elements (the limit is {_FULL_MAX_ELEMENTS:,})"
    if tags > _FULL_MAX_BLOCKS and (n := int(root.xpath(_COUNT_BLOCKS))) > _FULL_MAX_BLOCKS:
        return f"{n:,} paragraphs and blocks (the limit is {_FULL_MAX_BLOCKS:,})"
    if tags * _MAX_ATTRIBUTES > _FULL_MAX_ATTRIBUTES and (n := int(root.xpath("count(//@*)"))) > _FULL_MAX_ATTRIBUTES:
        return f"{n:,} attributes (the limit is {_FULL_MAX_ATTRIBUTES:,})"
    if size > _FULL_MAX_TEXT and (n := int(root.xpath("string-length(string(/))"))) > _FULL_MAX_TEXT:
        return f"{n:,} characters of text (the limit is {_FULL_MAX_TEXT:,})"
    if _nested(root, max(_FULL_ANY_NESTING, -(-_FULL_MAX_NESTING // max(tags, 1)))):
        n = int(root.xpath("count(//*)"))
        if _nested(root, depth := max(_FULL_ANY_NESTING, -(-_FULL_MAX_NESTING // n))):
            return (
                f"{n:,} elements, some nested {depth} levels deep "
                f"(the limit is {_FULL_MAX_NESTING:,} elements times levels)"
            )
    return None


def _nested(root: etree._Element, depth: int) -> bool:
    """Whether an element sits ``depth`` levels down (libxml2 allows no more than 256)."""
    return depth <= 256 and bool(_deeper_than(depth)(root))


@functools.cache
def _deeper_than(depth: int) -> etree.XPath:
    # each element's ancestors are walked up to the limit: on a normal page, a few levels each
    return etree.XPath(f"boolean(//*[ancestor::*[{depth - 1}]])")


def _limit_text(paragraphs: list[str], reading: _Reading) -> list[str]:
    """Cut the body text to what any article needs, so that later stages stay quick on a giant page."""
    total = 0
    for i, p in enumerate(paragraphs):
        if i == _MAX_PARAGRAPHS:
            reading.cut.append(f"article text cut to its first {_MAX_PARAGRAPHS:,} paragraphs")
            return paragraphs[:i]
        if total + len(p) > _MAX_TEXT:
            last = p[: _MAX_TEXT - total].rsplit(" ", 1)[0]
            reading.cut.append(f"article text cut to its first {_MAX_TEXT:,} characters")
            return paragraphs[:i] + ([last] if last else [])
        total += len(p)
    return paragraphs


# ------------------------------------------------------------------ metadata and headline


def _meta(root: etree._Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in islice(root.iter("meta"), 2000):  # a page has a few dozen
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if key and content and key not in out:
            out[key] = normalize_text(content)
    return out


def _page_base(root: etree._Element, meta: dict[str, str], base_url: str | None) -> str | None:
    """The URL relative links resolve against: <base href> on top of the page's own address."""
    address = base_url
    if not address:
        for el in islice(root.iter("link"), 2000):
            if "canonical" in (el.get("rel") or "").lower() and el.get("href", "").startswith("http"):
                address = el.get("href")
                break
    if not address and meta.get("og:url", "").startswith("http"):
        address = meta["og:url"]
    for el in islice(root.iter("base"), 1):
        href = (el.get("href") or "").strip()
        joined = urljoin(address or "", href) if href else ""
        if joined.startswith("http"):
            return joined
    return address


def _title(root: etree._Element, meta: dict[str, str]) -> str | None:
    """The headline as printed (the h1), chosen with the page title's help, else og:title without the site."""
    site = meta.get("og:site_name", "")
    og = meta.get("og:title") or meta.get("twitter:title")
    page_titles = [t for t in (og, _doc_title(root)) if t]
    stripped = [_strip_site(t, site) for t in page_titles]
    h1s = []  # each h1 as shown, and without a kicker, time stamp or hidden label inside it
    for el in islice(root.iter("h1"), 20):
        if _inside(el, ("a", "nav", "footer")):
            continue
        full = normalize_text(_text_with_breaks(el))
        visible = normalize_text(_visible_text(el)) or full
        if 1 <= len(full.split()) <= 40:
            h1s.append((visible, full))
    for variants in h1s:
        for h1 in variants:
            if any(_same_headline(h1, t) for t in page_titles + stripped):
                return h1
    # An h1 that differs from the page title is still the printed headline if it is about the same
    # thing (shares a content word with what the page title says, its site name aside).
    topic = og or (_TITLE_SEPARATORS.split(page_titles[0])[0] if page_titles else "")
    words = _content_words(topic) - _content_words(site)
    for h1, _full in h1s:
        if len(h1.split()) >= 3 and _norm(h1) != _norm(site) and (not words or words & _content_words(h1)):
            return h1
    return stripped[0] if stripped else None


def _same_headline(h1: str, page_title: str) -> bool:
    a, b = _norm(h1), _norm(page_title)
    if not a or not b:
        return False
    if a == b:
        return True
    # `Headline - Site`: the page title continues the h1 after a separator with something short.
    rest = b[len(a) :]
    if b.startswith(a) and _TITLE_SEPARATORS.match(rest + " "):
        return len(a.split()) >= 3 or len(rest.split()) <= 6
    return False


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", _norm(text)) if len(w) >= 4}


def _doc_title(root: etree._Element) -> str | None:
    for el in islice(root.iter("title"), 100):  # svg images have titles too
        parent = el.getparent()
        if parent is not None and parent.tag in ("head", "html"):
            return normalize_text(el.text_content()) or None
    return None


def _strip_site(title: str, site: str) -> str:
    """Cut a site-name part (`... - BBC News`, `NJ.com | ...`) off a page title.

    Only a part naming the site goes: headlines themselves contain dashes
    (`UK rebate 'unjustified' - Chirac`).
    """
    seps = list(_TITLE_SEPARATORS.finditer(title))
    if not seps:
        return title
    site_n = _norm(site).replace(" ", "")

    def is_site(part: str) -> bool:
        p = _norm(part).replace(" ", "")
        if site_n and p and (p in site_n or site_n in p):
            return True
        return len(part.split()) <= 4 and bool(re.search(r"\.(?:com|co\.uk|org|net)\b|\bnews\b", part, re.I))

    head, tail = title[: seps[-1].start()], title[seps[-1].end() :]
    if is_site(tail) and len(head.split()) >= 3:
        return head.strip()
    head, tail = title[: seps[0].start()], title[seps[0].end() :]
    if is_site(head) and len(tail.split()) >= 3:
        return tail.strip()
    return title


def _find_headline(root: etree._Element, title: str | None) -> etree._Element | None:
    if not title:
        return None
    want = _norm(title)
    for el in islice(root.iter("h1", "h2"), 50):
        if _norm(el.text_content()) == want:
            return el
    return None


def _standfirst(headline: etree._Element | None, meta: dict[str, str]) -> str | None:
    """A deck printed right under the headline, which trafilatura tends to drop as header matter.

    It is marked as such (class or itemprop) or repeats the page's description,
    and it comes before the first body paragraph.
    """
    if headline is None:
        return None
    desc = _norm(meta.get("og:description") or meta.get("description") or "")
    for el in headline.xpath("following::*[position() <= 80]"):
        if el.tag not in ("p", "div", "h2", "h3", "span", "section"):
            continue
        text = normalize_text(el.text_content())
        words = len(text.split())
        if words < 5:
            continue
        if words > 80 or (el.tag == "p" and not _hinted(el)):
            return None  # reached the body without a deck
        if _BYLINE.match(text) or _inside(el, ("figure", "figcaption", "a")):
            continue
        if _hinted(el) or (desc and _token_f1(_norm(text), desc) >= 0.8):
            return text
    return None


def _hinted(el: etree._Element) -> bool:
    hint = " ".join(filter(None, (el.get("class"), el.get("itemprop"), el.get("id"))))
    return bool(_STANDFIRST_HINT.search(hint))


def _date(root: etree._Element, base: str | None) -> str | None:
    """Publication date as YYYY-MM-DD from the page's metadata, URL or time stamps (htmldate, offline)."""
    if find_date is None:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateutil warns about time-zone names it cannot place
        found = find_date(root, extensive_search=False, original_date=True, url=base)
    return found if isinstance(found, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", found) else None


# ------------------------------------------------------------------ tree preparation


def _drop_invisible(root: etree._Element) -> None:
    """Remove scripts, styles, form widgets and hidden elements (JSON-LD in <head> stays for the date)."""
    doomed = [
        el
        for el in root.iter(*_DROP_TAGS)
        if not (el.tag == "script" and "ld+json" in (el.get("type") or "") and _inside(el, ("head",)))
    ]
    doomed += [
        el
        for el in root.xpath("//*[@hidden or @style]")
        if el.tag not in ("html", "body")
        and (el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or ""))
    ]
    for el in doomed:
        _remove(el)


def _remove(el: etree._Element) -> None:
    """Remove an element and its content, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _split_br_paragraphs(root: etree._Element) -> None:
    """`<br><br>` inside one `<p>` separates paragraphs: make each its own `<p>`."""
    double_br = re.compile(r"<br\s*/?>(?:\s|&nbsp;|&#160;|\u00a0)*<br\s*/?>", re.IGNORECASE)
    for p in list(root.iter("p")):
        parent = p.getparent()
        if parent is None or sum(1 for _ in islice(p.iter("br"), 2)) < 2:
            continue
        inner = html_lib.escape(p.text or "", quote=False) + "".join(
            etree.tostring(child, encoding="unicode", with_tail=True) for child in p
        )
        pieces = [x for x in double_br.split(inner) if x.strip()]
        if len(pieces) < 2:
            continue
        tail, new = p.tail, None
        for piece in pieces:  # each goes in just before the old paragraph: no search for its index
            new = lxml_html.fragment_fromstring(piece, create_parent="p")
            p.addprevious(new)
        parent.remove(p)
        if new is not None:
            new.tail = tail


def _wrap_blockquote_text(root: etree._Element) -> None:
    """An embedded post's attribution (`— Name (@handle) date`) after its `<p>` is its own paragraph."""
    for bq in list(root.iter("blockquote")):
        paras = [c for c in bq if c.tag == "p"]
        if not paras:
            continue
        loose = [c for c in bq if c.tag != "p"]
        parts = [c.tail or "" for c in paras] + [c.text_content() + " " + (c.tail or "") for c in loose]
        extra = normalize_text(" ".join(parts))
        if not extra:
            continue
        for c in paras:
            c.tail = None
        for c in loose:
            bq.remove(c)
        etree.SubElement(bq, "p").text = extra


def _drop_link_lines(root: etree._Element) -> None:
    """A paragraph, list item or crosshead that is only a link points to another story: not body text."""
    doomed = []
    for el in root.iter("p", "li", "h2", "h3", "h4", "h5", "h6"):
        links = [a for a in el.iter("a") if a.get("href")]
        if not links:
            continue
        text = _bare(el.text_content())
        if text and text == _bare("".join(a.text_content() for a in links)):
            doomed.append(el)
    for el in doomed:
        _remove(el)


def _drop_widgets(root: etree._Element, headline: etree._Element | None) -> None:
    """Remove widget containers, unless one holds the headline or most of the page's paragraph text
    (a page may wrap its whole article in, say, a "modal" container)."""
    total = sum(len(p.text_content()) for p in root.iter("p")) or 1
    doomed: list[etree._Element] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body") or not _WIDGET_HINT.search(_hints(el)):
            continue
        if any(_contains(d, el) for d in doomed[-1:]):
            continue  # already inside a doomed element (document order: its ancestor came just before)
        if headline is not None and (el is headline or _contains(el, headline)):
            continue
        if sum(len(p.text_content()) for p in el.iter("p")) > 0.5 * total:
            continue
        doomed.append(el)
    for el in doomed:
        _remove(el)


# ------------------------------------------------------------------ related block


def _take_related(root: etree._Element, base: str | None) -> list[Related]:
    """Read every related-stories block and cut it out of the tree so it cannot reach the body."""
    related: list[Related] = []
    seen_titles: set[str] = set()
    blocks: list[etree._Element] = []
    cut: list[etree._Element] = []
    for heading in islice(_related_headings(root), _MAX_RELATED_HEADINGS):
        block = _related_block(heading)
        if block is None or any(block is b or _contains(b, block) for b in blocks):
            continue
        items = _block_items(block, heading, base)
        # a block of one- to three-word links, or one marked as tags, is a tag list, not headlines
        if not items or max(len(i.title.split()) for i in items) < 4:
            continue
        if _TAG_HINT.search(_hints(block, heading)):
            continue
        blocks.append(block)
        if not _contains(block, heading):  # a heading set before its list goes with it
            cut.append(heading)
        if _is_site_widget(block, items, base):
            continue
        for item in items:
            key = _norm(item.title)
            if key not in seen_titles:
                seen_titles.add(key)
                related.append(item)
    for block in _marked_related_lists(root, blocks):
        items = _block_items(block, block.makeelement("span", {}), base)
        # with no heading to say so, two to a handful of headlines is the story's block; a wall of
        # them is the site's own feed
        if not 2 <= len(items) <= _MAX_UNHEADED_RELATED or max(len(i.title.split()) for i in items) < 4:
            continue
        if _is_site_widget(block, items, base):
            continue
        blocks.append(block)
        for item in items:
            if _norm(item.title) not in seen_titles:
                seen_titles.add(_norm(item.title))
                related.append(item)
    for card in _related_cards(root, blocks):
        item = _card_item(card, base)
        if item is not None and _norm(item.title) not in seen_titles:
            seen_titles.add(_norm(item.title))
            related.append(item)
            cut.append(card)
    for el in blocks + cut:
        _remove(el)
    return related


def _related_cards(root: etree._Element, found: list[etree._Element]) -> list[etree._Element]:
    """Links set in the text as a card that labels itself a related story (`<a><span>Also on rt.com</span>
    <span class="title">…</span></a>`): the label is a heading of its own, inside the link."""
    cards = []
    for a in root.iter("a"):
        if not a.get("href") or any(_contains(b, a) for b in found) or len(a) == 0:
            continue
        label = next((e for e in a.iterdescendants() if _is_card_label(e)), None)
        if label is not None:
            cards.append(a)
    return cards


def _is_card_label(el: etree._Element) -> bool:
    text = normalize_text(el.text_content())
    return bool(text) and len(text) <= 60 and bool(RELATED_HEADING_PAGE.match(text))


def _card_item(card: etree._Element, base: str | None) -> Related | None:
    titled = next((e for e in card.iterdescendants() if _HEADLINE_CLASS.search(e.get("class") or "")), None)
    if titled is None or _is_card_label(titled):
        return None
    title = normalize_text(_visible_text(titled))
    if len(title.split()) < 4:
        return None
    href = (card.get("href") or "").strip()
    return Related(title=title, url=urljoin(base, href) if base else href)


def _marked_related_lists(root: etree._Element, found: list[etree._Element]) -> Iterator[etree._Element]:
    """Link lists the page marks as related in their class or id but gives no heading at all."""
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in _NOT_BLOCK or el.tag == "a":
            continue
        hints = _hints(el)
        if not _RELATED_CLASS.search(hints) or _TAG_HINT.search(hints):
            continue
        if any(el is b or _contains(b, el) or _contains(el, b) for b in found):
            continue
        if _is_link_list(el, None):
            found = [*found, el]
            yield el


def _related_headings(root: etree._Element) -> Iterator[etree._Element]:
    """Outermost elements whose whole text is a related-block heading.

    Found from the text nodes that start like one, so the page is walked once.
    `<p>Read more: <a>…</a></p>` gets its label wrapped in a `<span>` heading. Then any short
    heading (h2–h6) whose wrapper or next element is marked "related" by the page, as sites give
    their related lists headings of their own ("Story Timeline", "Catch up").
    """
    done: set[etree._Element] = set()  # the elements themselves: an id() can be reused (see _block_items)
    for node in root.xpath("//body//text()"):
        text = node.strip()
        if not text or len(text) > 60 or not RELATED_HEADING_START.match(text) or node.is_tail:
            continue
        el = node.getparent()
        if el is None:
            continue
        if len(el) and RELATED_HEADING_PAGE.match(text) and el.tag in ("p", "li", "div", "dd"):
            label = el.makeelement("span", {})
            label.text, el.text = el.text, None
            el.insert(0, label)
            el = label
        best = None
        for _ in range(6):
            if el is None or el.tag in ("body", "html", "a") or sum(1 for _ in islice(el.iter(), 25)) > 20:
                break
            full = normalize_text(el.text_content())
            if RELATED_HEADING_PAGE.match(full):
                best = el
            elif best is not None or len(full) > 60:
                break
            el = el.getparent()
        if best is not None and best not in done and not _inside(best, ("a", "button", "nav")):
            done.add(best)
            yield best
    # a short heading over a list its page marks as related ("Story Timeline" in `related-posts`)
    for el in root.iter("h2", "h3", "h4", "h5", "h6"):
        text = normalize_text(el.text_content())
        if el in done or not text or len(text.split()) > 5 or text.endswith(".") or _inside(el, ("a", "nav")):
            continue
        near = [el.getparent(), el.getnext()]
        if near[0] is not None:
            near.append(near[0].getparent())
        if any(n is not None and isinstance(n.tag, str) and _RELATED_CLASS.search(_hints(n)) for n in near):
            done.add(el)
            yield el


def _is_site_widget(block: etree._Element, items: list[Related], base: str | None) -> bool:
    """A list the site shows on every page (a side rail, a most-read box), not this story's own links.

    Told by where it sits (a rail or sidebar container) or by listing the page itself, which a story's
    related block never does but a site-wide "popular" list often does. An `<aside>` alone says
    nothing: pages set their own related block beside the text in one.
    """
    if base and any(i.url == base for i in items):
        return True
    return any(_SITE_LIST_HINT.search(_hints(a)) for a in (block, *block.iterancestors()))


def _related_block(heading: etree._Element) -> etree._Element | None:
    """The element holding the heading and its links, or the first link-rich element after it.

    The links may follow the heading's wrapper rather than the heading itself (a title bar holding
    the heading and a "back to top" link, then the list), so the wrapper's followers are tried too.
    """
    parent = heading.getparent()
    if (
        parent is not None
        and parent.tag not in _NOT_BLOCK
        and _is_link_list(parent, heading)
        and _has_headline_links(parent, heading)
    ):
        return parent
    for el in (heading, parent):
        if el is None or el.tag in ("body", "html"):
            break
        for sib in islice(el.itersiblings(), 4):
            if (
                isinstance(sib.tag, str)
                and sib.tag not in _NOT_BLOCK
                and _is_link_list(sib, None)
                and _has_headline_links(sib, heading)
            ):
                return _with_following_lists(sib)
    return None


def _with_following_lists(block: etree._Element) -> etree._Element:
    """A list and the lists of links right after it, as one block.

    Some pages write each related headline as a list of its own (`<ul><li>…</li></ul>` three times), so
    the first list alone would hold one story of the block. The run is wrapped in a `<div>` in place.
    """
    if block.tag not in ("ul", "ol"):
        return block
    run = [block]
    for sib in block.itersiblings():
        if sib.tag != block.tag or not _is_link_list(sib, None):
            break
        run.append(sib)
    if len(run) == 1:
        return block
    wrapper = block.makeelement("div", {})
    block.addprevious(wrapper)
    for el in run:
        tail, el.tail = el.tail, None
        wrapper.append(el)
        el.tail = tail
    return wrapper


def _has_headline_links(el: etree._Element, heading: etree._Element) -> bool:
    """Whether some link under `el`, outside the heading, goes to another page."""
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        if href and not href.startswith(("#", "javascript:", "mailto:")) and not _contains(heading, a):
            return True
    return False


def _is_link_list(el: etree._Element, skip: etree._Element | None) -> bool:
    total = len(normalize_text(el.text_content()))
    if skip is not None:
        total -= len(normalize_text(skip.text_content()))
    if total <= 0 or total > 4000:
        return False
    linked = sum(len(normalize_text(a.text_content())) for a in el.iter("a") if a.get("href"))
    return linked >= 0.6 * total


def _block_items(block: etree._Element, heading: etree._Element, base: str | None) -> list[Related]:
    """One headline per story: links are grouped by list item, and an item's longest link text wins."""
    # Keyed by the element itself, not id(): lxml makes a Python proxy for an element on demand and
    # frees it when unused, so an id can come back for another list item and merge two stories.
    # Held as a key, a proxy stays alive and is the one lxml hands back for that element.
    groups: dict[etree._Element, list[tuple[str, str]]] = {}
    for a in block.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")) or _contains(heading, a):
            continue
        title = _headline_text(a)
        if not title or _GENERIC_LINK.match(title) or not 2 <= len(title.split()) <= 40:
            continue
        item = next((x for x in a.iterancestors() if x.tag in ("li", "article")), None)
        key = item if item is not None and _contains(block, item) else a
        groups.setdefault(key, []).append((title, href))
    out: list[Related] = []
    seen_urls: set[str] = set()
    for links in groups.values():
        title, href = max(links, key=lambda link: len(link[0]))
        url = urljoin(base, href) if base else href
        if url not in seen_urls:
            seen_urls.add(url)
            out.append(Related(title=title, url=url))
    return out


def _headline_text(a: etree._Element) -> str:
    """The link's headline: a part marked as title or set as a heading, else all its visible text."""
    titled = next((e for e in a.iterdescendants() if _HEADLINE_CLASS.search(e.get("class") or "")), None)
    if titled is None:
        titled = next(a.iterdescendants("h1", "h2", "h3", "h4", "h5", "h6"), None)
    text = normalize_text(_visible_text(titled)) if titled is not None else ""
    return text or normalize_text(_visible_text(a))


def _visible_text(el: etree._Element) -> str:
    """Text without hidden labels, dates and kickers."""
    if el.tag in ("time", "img", "picture") or _NOT_HEADLINE_CLASS.search(el.get("class") or ""):
        return ""
    return _text_with_breaks(el, _visible_text)


def _text_with_breaks(el: etree._Element, inner=None) -> str:  # type: ignore[no-untyped-def]
    """An element's text, with a space where a block-level child or line break separates words."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):
            sep = " " if child.tag in _BLOCK_LEVEL else ""
            parts += [sep, (inner or _text_with_breaks)(child), sep]
        parts.append(child.tail or "")
    return "".join(parts)


_BLOCK_LEVEL = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul",
})  # fmt: skip


# ------------------------------------------------------------------ main text


def _main_text(root: etree._Element, reading: _Reading) -> list[str]:
    """trafilatura's fast mode, and its full mode (second-opinion extractors) when that finds little.

    Full mode rescues pages whose article fast mode misses; on a normal page it
    tends to pull in galleries and player strings, and it is slower.
    """
    if trafilatura is None or not reading.has_time(_MAIN_TEXT):
        return _fallback_text(root)
    paragraphs = _extract(root, fast=True)
    found = sum(map(len, paragraphs))
    # prose on the page: paragraphs of 15 words or more, which menus and teasers seldom have
    texts = (normalize_text(p.text_content()) for p in root.iter("p"))
    prose = sum(len(t) for t in texts if t.count(" ") >= 14)
    if found < _RESCUE_BELOW or found < 0.5 * prose:
        rescued = _rescue(root, reading)
        if sum(map(len, rescued)) > found:
            paragraphs = rescued
    return paragraphs or _fallback_text(root)


def _rescue(root: etree._Element, reading: _Reading) -> list[str]:
    """Full mode, unless the page is large enough for justext to take seconds, or time is up, or
    its markup had to be cut down: a page built to stall parsers gets the cheaper reading."""
    if reading.cut:
        reading.cut.append(f"{_RESCUE} was skipped, as the markup had to be cut down")
        return []
    if next(islice(root.iter(), _RESCUE_MAX_ELEMENTS, None), None) is not None:
        reading.cut.append(f"page too large for {_RESCUE}: over {_RESCUE_MAX_ELEMENTS:,} elements")
        return []
    blocks = int(root.xpath(_COUNT_BLOCKS)) + int(root.xpath(_COUNT_CELLS))
    if blocks > _RESCUE_MAX_BLOCKS:
        reading.cut.append(
            f"page too large for {_RESCUE}: {blocks:,} paragraphs and blocks (the limit is {_RESCUE_MAX_BLOCKS:,})"
        )
        return []
    return _extract(root, fast=False) if reading.has_time(_RESCUE) else []


def _extract(root: etree._Element, *, fast: bool) -> list[str]:
    doc = trafilatura.bare_extraction(
        root,
        fast=fast,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        with_metadata=False,  # the date comes from htmldate directly; the rest of the metadata is unused
        deduplicate=False,
        config=_CONFIG,
    )
    if doc is None or doc.body is None:
        return []
    walker = _Body()
    walker.container(doc.body)
    return walker.out


# trafilatura's body: its XML vocabulary in fast mode, HTML tags from its fallback extractors.
_BLOCK = ("p", "head", "h1", "h2", "h3", "h4", "h5", "h6", "item", "li", "quote", "blockquote", "code", "pre",
          "dd", "dt")  # fmt: skip
_LISTS = ("list", "ul", "ol", "dl")
_HEADINGS = frozenset({"head", "h1", "h2", "h3", "h4", "h5", "h6"})
_SKIP = frozenset({"graphic", "img", "figure", "figcaption", "table", "caption", "picture", "video", "audio"})
_BREAK = frozenset({"lb", "br"})
_INLINE_IN_TEXT = frozenset({"code", "quote"})
_TEXT_BLOCKS = frozenset({"p", "head", "item", "li", "hi", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt"})


class _Body:
    """Turn an extracted body tree into paragraphs: one per block, loose text split at double breaks."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.run: list[str] = []
        self.prev_break = False
        self.started = False  # before the first real paragraph, a list of short items is header matter

    def flush(self, heading: bool = False) -> None:
        before = len(self.out)
        _add_text("".join(self.run), self.out)
        self.run, self.prev_break = [], False
        if not heading and len(self.out) > before and len(self.out[-1].split()) >= 8:
            self.started = True

    def container(self, el: etree._Element) -> None:
        self.inline(el)
        self.flush(heading=el.tag in _HEADINGS)

    def inline(self, el: etree._Element) -> None:
        self.text(el.text)
        for child in el:
            self.child(child)
            self.text(child.tail)

    def child(self, el: etree._Element) -> None:
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP:
            return
        if tag in _BREAK:
            if self.prev_break:
                self.flush()
            else:
                self.run.append(" ")
                self.prev_break = True
        elif tag in _LISTS:
            self.flush()
            if self.started or not _short_items(el):
                self.container(el)
        elif tag in _INLINE_IN_TEXT and el.getparent() is not None and el.getparent().tag in _TEXT_BLOCKS:
            self.inline(el)  # inline code or a short quotation inside a sentence
        elif tag in _BLOCK or next(el.iterdescendants(*_BLOCK, *_LISTS), None) is not None:
            self.flush()
            self.container(el)
        else:
            self.inline(el)

    def text(self, text: str | None) -> None:
        if text:
            self.run.append(text)
            if text.strip():
                self.prev_break = False


def _short_items(el: etree._Element) -> bool:
    items = [x for x in el if x.tag in ("item", "li", "dd", "dt")]
    return bool(items) and all(len(normalize_text("".join(x.itertext())).split()) <= 6 for x in items)


def _add_text(text: str, out: list[str]) -> None:
    text = normalize_text(text)
    if (
        not any(ch.isalpha() for ch in text)  # page numbers, bullets, close buttons
        or (len(text) < 80 and _UI_LINE.match(text))  # short lines only: "Subscribers to ..." is news
        or _CONTACT_LINE.search(text)
        or _CITATION_LINE.match(text)
        or _DATE_LINE.match(text)
        or _is_credit(text)
    ):
        return
    out.append(text)


def _fallback_text(root: etree._Element) -> list[str]:
    """Without trafilatura: the paragraphs of the element holding the most paragraph text."""
    best, best_len = None, 0
    holders = (el for el in _PARAGRAPH_HOLDERS(root) if el.tag in ("article", "main", "div", "section", "td", "body"))
    for el in islice(holders, _MAX_HOLDERS):  # a page has a few hundred at most
        length = _PARAGRAPH_TEXT_LENGTH(el)
        if length > best_len:
            best, best_len = el, length
    out: list[str] = []
    if best is not None:
        total = 0
        for el in islice(best.iter("p", "h2", "h3", "li", "blockquote"), 20 * _MAX_PARAGRAPHS):
            if not (el.tag == "blockquote" and el.find("p") is not None):
                kept = len(out)
                # a text longer than the limit is cut by _limit_text anyway: no need to clean it all up
                _add_text(el.text_content()[: 2 * _MAX_TEXT], out)
                total += len(out[-1]) if len(out) > kept else 0
                if len(out) > _MAX_PARAGRAPHS or total > _MAX_TEXT:
                    break  # _limit_text cuts it to size and says so
    return out


# The elements with <p> children, and the length of the text of those: in C, as a page given the simple
# reading may have hundreds of thousands of elements. (`//p/..` would be quadratic: libxml2 checks each
# parent it adds against all those it has.)
_MAX_HOLDERS = 5_000
_PARAGRAPH_HOLDERS = etree.XPath("//*[p]")
_PARAGRAPH_TEXT_LENGTH = etree.XPath("string-length(str:concat(p))", namespaces={"str": "http://exslt.org/strings"})


# ------------------------------------------------------------------ helpers


def _build_config():  # type: ignore[no-untyped-def]
    if trafilatura is None:
        return None
    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no signal-based timeout: may run off the main thread
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "100")
    return config


_CONFIG = _build_config()


def _inside(el: etree._Element, tags: tuple[str, ...]) -> bool:
    return any(a.tag in tags for a in el.iterancestors())


def _contains(outer: etree._Element, inner: etree._Element) -> bool:
    return any(a is outer for a in inner.iterancestors())


def _hints(*els: etree._Element) -> str:
    return " ".join(el.get(attr) or "" for el in els for attr in ("class", "id"))


def _norm(text: str) -> str:
    text = normalize_text(text).casefold()
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')


def _bare(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def _token_f1(a: str, b: str) -> float:
    ta, tb = re.findall(r"\w+", a), re.findall(r"\w+", b)
    common: dict[str, int] = {}
    for t in ta:
        common[t] = common.get(t, 0) + 1
    overlap = 0
    for t in tb:
        if common.get(t, 0) > 0:
            common[t] -= 1
            overlap += 1
    if not overlap:
        return 0.0
    p, r = overlap / len(ta), overlap / len(tb)
    return 2 * p * r / (p + r)
