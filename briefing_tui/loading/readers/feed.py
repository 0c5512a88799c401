"""Feed files (RSS 2.0, RSS 1.0/RDF, Atom, JSON Feed): every entry of a saved feed is one item.

A feed is untrusted on every field: titles carry markup and character references, bodies carry
scripts and styles, encodings are declared wrongly, XML is broken half-way, ids repeat. feedparser
reads the XML formats and recovers what it can from broken documents (``bozo``); JSON Feed, which
the released feedparser (6.0) does not read, is read with the json module. Each entry's body goes
through the same HTML reading as a news page and then through extraction (``build_item``), so a
feed entry has actors, quotes and figures like any article.

A feed subscribed with ``full_text`` has its entries' own pages saved beside it by the fetcher, in
the hidden folder ``.<stem>.pages`` (hidden, so a folder of feeds never lists the pages as articles
of their own), one ``<sha256 of the link>.html`` each. An entry whose page is there is read from it
as the HTML reader reads a page, keeping the feed's title, date, source and link; an entry without
one, or whose page gives no article text, keeps the feed's summary.

A subscription's ``tags`` are saved beside its file too, in ``.<stem>.feed.json`` (``{"layout": 1,
"tags": [...]}``): every item of the feed carries them.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from ...model import Item, Related, derive_id
from ...problems import LoadError, Problem, problem
from ...sanitize import clean_line, clean_text
from ...tags import BadTag, merged, normalise_tag
from .base import Reader

if TYPE_CHECKING:  # the parsers load when a feed is read, not when a warm cache answers (start-up)
    from ...article_text import ArticleText

# A news feed holds its latest 10 to 100 entries, well under 1 MB; a newsletter's 20 full posts can
# come near it. feedparser holds the whole document in memory, and every entry is read as a page
# and extracted. Measured on a 2-core machine: 2 MB of ordinary full-text entries read in about
# 2 s, 2 MB of dense prose, or of broken markup feedparser must read leniently, in about 10 s;
# still within a worker's time for one file (batch.PARSE_BUDGET, 15 s). Larger files are refused
# unread.
MAX_FEED_BYTES = 2 * 1024 * 1024
# Entries read from one file. A feed of thousands of short entries costs a few milliseconds each
# (the page reading and the extraction), so more than this is an archive dump, not a feed: the
# first ones are read and the rest reported.
MAX_FEED_ENTRIES = 1000
# An entry's categories kept as tags: feeds give a few; a page of them is keyword stuffing, not tags.
MAX_ENTRY_TAGS = 20
# A saved entry page is read whole, as the HTML reader would; the fetcher saves none larger.
MAX_PAGE_BYTES = 5 * 1024 * 1024
# The subscription's settings beside a feed hold a few tags: a few hundred bytes.
MAX_META_BYTES = 64 * 1024
META_LAYOUT = 1

_XML_SUFFIXES = (".rss", ".atom", ".rdf", ".xml")
_JSON_SUFFIXES = (".json", ".jsonfeed")

# What may stand before a feed's root element: a BOM, the XML declaration, processing
# instructions (a stylesheet), comments and a DOCTYPE; then `<rss`, `<feed` or `<rdf:RDF`.
# Patterns are compiled on first use (re's own cache), not at start-up, when every reader is imported.
_XML_PROLOG = r"(?s)\A\ufeff?(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*"
_FEED_ROOT = _XML_PROLOG + r"<(?:rss|RSS|(?:[\w.-]+:)?feed|(?:[\w.-]+:)?RDF)[\s/>]"
_ANY_ROOT = _XML_PROLOG + r"<([\w.:-]{1,40})"
# JSON Feed names its version first by custom; some writers escape the slashes (`https:\/\/`).
_JSON_FEED_VERSION = r'"version"\s*:\s*"https?:(?:\\?/){2}jsonfeed\.org\\?/version\\?/'
_JSON_FEED_URL = r"https?://jsonfeed\.org/version/"

_MARKUP = r"<[A-Za-z!/?]|&#?\w+;"  # a tag or a character reference: read as HTML
# An id that names its entry wherever it is found: a URL, a `tag:` or a `urn:`. Anything else
# (`4956764`, `t3_glvkc5`) is unique only within its feed.
_GLOBAL_ID = r"(?i)(?:[a-z][a-z0-9+.-]*://\S+|(?:urn|tag):\S+)\Z"
# Elements whose content a page never shows as text (each has an end tag, so skipping ends).
_HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "select",
                          "textarea", "head", "title"})  # fmt: skip
# What a malformed entry can raise while it is read: it costs that entry. (A worker's time-out,
# batch's ParseTimeout, is none of these and ends the file's reading as it should.)
_ENTRY_ERRORS = (ValueError, TypeError, LookupError, AttributeError, ArithmeticError, RecursionError)


class EntryMemo(Protocol):
    """Where entries read before are kept (the parse cache): a feed downloaded again is mostly the
    entries it had, and only the new or changed ones are read and extracted."""

    def get_entry(self, digest: str) -> Item | None: ...

    def put_entry(self, digest: str, item: Item) -> None: ...


class FeedReader(Reader):
    """A feed is many items, one an entry; a bad entry costs only itself."""

    name = "feed"
    suffixes = (*_XML_SUFFIXES, *_JSON_SUFFIXES)
    limit = MAX_FEED_BYTES
    # Items name their feed as their source, not the file, so the path is part of the cache key
    # (source_is_path stays False): served from the cache as the file's items, the source would be
    # overwritten with the path. What else is read, the saved pages and tags beside the file, is in
    # the key too (``beside``), so a feed may be cached.
    source_is_path = False
    # Each entry is read as a page and extracted: a folder of cold feeds is worth worker processes.
    parallel = True

    def __init__(self, memo: EntryMemo | None = None) -> None:
        self.memo = memo

    def remembering(self, memo: EntryMemo | None) -> FeedReader:
        """This reader, keeping each entry's item in ``memo`` and taking those it holds from it."""
        return FeedReader(memo) if memo is not None else self

    def sniff(self, path: Path, head: bytes) -> bool:
        """A file whose root element is `<rss>`, `<feed>` or `<rdf:RDF>`, or JSON naming a
        jsonfeed.org version: an HTML page or plain text starts with neither."""
        text = _head_text(head)
        if text.lstrip("\ufeff \t\r\n").startswith("{"):
            return re.search(_JSON_FEED_VERSION, text) is not None
        return re.match(_FEED_ROOT, text) is not None

    def beside(self, path: Path) -> bytes:
        """The saved pages' and the subscription's settings' names, sizes and times: a page saved
        later, or tags changed, for an unchanged feed file change the feed's cache key, so its items
        are read again with them."""
        listing = []
        with contextlib.suppress(OSError):
            st = os.stat(meta_file(path))
            listing.append(f"{meta_file(path).name}\0{st.st_size}\0{st.st_mtime_ns}")
        with contextlib.suppress(OSError), os.scandir(pages_folder(path)) as found:
            for entry in found:
                with contextlib.suppress(OSError):
                    st = entry.stat(follow_symlinks=False)
                    listing.append(f"{entry.name}\0{st.st_size}\0{st.st_mtime_ns}")
        return "\n".join(sorted(listing)).encode("utf-8", "surrogateescape")

    def prepare(self) -> None:
        import feedparser  # noqa: F401

        from ...extract import pipeline  # noqa: F401
        from .. import html  # noqa: F401

    def read(self, path: Path, data: bytes) -> Iterator[Item | Problem]:
        if not data.strip():
            raise LoadError(problem(path, "empty file: no feed"))
        feed = _read_json_feed(path, data) if _is_json(path, data) else _read_xml_feed(path, data)
        yield from feed.problems
        yield from _items(path, feed, self.memo)


# ------------------------------------------------------------------ one shape for every format


# Plain classes, not dataclasses: this module is imported at every start-up, and a dataclass costs
# a fraction of a millisecond to make.


class _Entry:
    """One entry in the same shape whatever the format."""

    __slots__ = ("body", "categories", "dates", "external", "key", "link", "parsed_date", "title")

    def __init__(self, *, key: str, link: str, title: str, body: str, dates: list[str],
                 parsed_date: str | None = None, external: str = "", categories: list[str] | None = None) -> None:
        self.key = key  # the entry's own id (guid, Atom id, JSON Feed id), or ""
        self.link = link
        self.title, self.body = title, body  # as the feed gives them: text, HTML, or text holding markup
        self.dates = dates  # as written, most telling first: published, then updated
        self.parsed_date = parsed_date  # feedparser's reading of a date the standard parsers refuse
        self.external = external  # JSON Feed's external_url: the article a link-blog post is about
        self.categories = categories or []  # as the feed gives them (RSS category, Atom term, JSON Feed tags)


class _Feed:
    """The feed's own fields, its raw entries and how to read one, and what was wrong with it."""

    __slots__ = ("entries", "entry", "identity", "link", "problems", "title")

    def __init__(self, title: str, link: str, identity: str, entries: list[Any],
                 entry: Callable[[Any], _Entry], problems: list[Problem] | None = None) -> None:
        self.title, self.link = title, link
        self.identity = identity  # what names the feed across downloads: its id, else its link, else its title
        self.entries, self.entry = entries, entry
        self.problems = problems or []


# ------------------------------------------------------------------ RSS, RDF and Atom (feedparser)


def _read_xml_feed(path: Path, data: bytes) -> _Feed:
    import io

    import feedparser

    try:
        # Bytes in a stream: a str or bytes argument would be tried as a URL or a file name first.
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    except RecursionError:
        raise LoadError(problem(path, "feed structure too deeply nested to read")) from None
    entries = list(parsed.get("entries") or [])
    broken = _bozo(parsed, bool(entries)) if parsed.get("bozo") else None
    if not entries:
        if not parsed.get("version"):
            raise LoadError(_not_a_feed(path, data, broken))
        raise LoadError(problem(path, *broken) if broken else problem(path, "the feed has no entries"))
    info = parsed.get("feed") or {}
    title = str(info.get("title") or "")
    link = str(info.get("link") or "")
    identity = next((str(v) for v in (info.get("id"), link, title) if v), "")
    problems = [problem(path, *broken)] if broken else []
    return _Feed(title, link, identity, entries, _xml_entry, problems)


def _bozo(parsed: Any, recovered: bool) -> tuple[str, int | None, int | None]:
    """What feedparser found wrong, once, with the line and column when it knows them; and what
    came of it (``recovered``: entries were read all the same)."""
    exc = parsed.get("bozo_exception")
    outcome = "; no entries could be read" if not recovered else ""
    if hasattr(exc, "getLineNumber"):  # the XML parser's error: not well-formed at a place
        line, column = exc.getLineNumber(), exc.getColumnNumber()
        outcome = outcome or "; its entries were read leniently and may be incomplete"
        return (clean_line(f"invalid XML: {exc.getMessage()}{outcome}"),
                line if isinstance(line, int) else None, column + 1 if isinstance(column, int) else None)
    if type(exc).__name__ == "CharacterEncodingOverride":  # e.g. declared utf-8, read as windows-1252
        return clean_line(f"wrong declared encoding: {exc}{outcome}"), None, None
    outcome = outcome or "; read what could be recovered"
    return clean_line(f"not a valid feed ({exc or 'unknown error'}){outcome}"), None, None


def _not_a_feed(path: Path, data: bytes, broken: tuple[str, int | None, int | None] | None) -> Problem:
    root = re.match(_ANY_ROOT, _head_text(data[:4096]))
    if root:
        return problem(path, f"not a feed: its document element is <{root.group(1)}>, not <rss>, <feed> or <rdf:RDF>")
    if broken is not None and broken[1] is not None:
        return problem(path, "not a feed: not XML, and no <rss>, <feed> or <rdf:RDF> element", broken[1], broken[2])
    return problem(path, "not a feed: no <rss>, <feed> or <rdf:RDF> element")


def _xml_entry(raw: Any) -> _Entry:
    # The full text when the feed carries it, else the summary (RSS's description). Whether the
    # feed declares either HTML does not matter: markup is found in the text itself (_article).
    contents = (str(content.get("value") or "") for content in raw.get("content") or [])
    body = next((value for value in contents if value.strip()), "") or str(raw.get("summary") or "")
    # Read as stored: feedparser's own `get("updated")` answers with `published` (and a warning).
    dates = [str(value) for k in ("published", "updated", "created") if (value := dict.get(raw, k))]
    parsed = next((t for k in ("published_parsed", "updated_parsed", "created_parsed") if (t := dict.get(raw, k))),
                  None)
    categories = [str(t.get("term") or t.get("label") or "") for t in raw.get("tags") or [] if isinstance(t, dict)]
    return _Entry(key=str(raw.get("id") or ""), link=str(raw.get("link") or ""), title=str(raw.get("title") or ""),
                  body=body, dates=dates, parsed_date=_struct_day(parsed), categories=categories)


def _struct_day(parsed: Any) -> str | None:
    try:
        year, month, day = int(parsed[0]), int(parsed[1]), int(parsed[2])
    except (TypeError, ValueError, IndexError):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= 31 else None


# ------------------------------------------------------------------ JSON Feed (json module)


def _read_json_feed(path: Path, data: bytes) -> _Feed:
    import json

    from ..articles import text_of

    text = text_of(path, data)  # decoded and cleaned as any file; LoadError for binary data
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(problem(path, f"not a JSON Feed: invalid JSON ({exc.msg})", exc.lineno, exc.colno)) from None
    except (ValueError, RecursionError) as exc:  # a number too long to read; nesting too deep to walk
        detail = "nested too deeply" if isinstance(exc, RecursionError) else clean_line(str(exc))
        raise LoadError(problem(path, f"not a JSON Feed: {detail}")) from None
    version = doc.get("version") if isinstance(doc, dict) else None
    if not isinstance(version, str) or not re.match(_JSON_FEED_URL, version):
        what = "JSON without" if isinstance(doc, dict) else f"a JSON {_json_kind(doc)}, not an object with"
        raise LoadError(problem(path, f"not a JSON Feed: {what} a \"version\" of https://jsonfeed.org/version/1.1"))
    items = doc.get("items")
    if not isinstance(items, list):
        raise LoadError(problem(path, "JSON Feed without an \"items\" list"))
    if not items:
        raise LoadError(problem(path, "the feed has no entries"))
    title = _json_text(doc.get("title"))
    link = _json_text(doc.get("home_page_url")) or _json_text(doc.get("feed_url"))
    identity = _json_text(doc.get("feed_url")) or link or title
    return _Feed(title, link, identity, items, _json_entry)


def _json_kind(value: Any) -> str:
    return {list: "list", str: "string", bool: "true or false", type(None): "null"}.get(type(value), "number")


def _json_text(value: Any) -> str:
    """A text field; JSON Feed says an id given as a number is read as text."""
    if isinstance(value, bool) or value is None:
        return ""
    return str(value) if isinstance(value, (str, int, float)) else ""


def _json_entry(raw: Any) -> _Entry:
    if not isinstance(raw, dict):
        raise TypeError(f"a JSON {_json_kind(raw)}, not an object")
    html, text = _json_text(raw.get("content_html")), _json_text(raw.get("content_text"))
    summary = _json_text(raw.get("summary"))
    body = html if html.strip() else text or summary
    dates = [d for d in (_json_text(raw.get("date_published")), _json_text(raw.get("date_modified"))) if d]
    tags = raw.get("tags")
    return _Entry(key=_json_text(raw.get("id")), link=_json_text(raw.get("url")),
                  title=_json_text(raw.get("title")), body=body, dates=dates,
                  external=_json_text(raw.get("external_url")),
                  categories=[t for t in tags if isinstance(t, str)] if isinstance(tags, list) else [])


# ------------------------------------------------------------------ entries to items


def _items(path: Path, feed: _Feed, memo: EntryMemo | None = None) -> Iterator[Item | Problem]:
    from ...article_text import ArticleText
    from ...extract.pipeline import build_item, cut_note
    from ..articles import source_label
    from ..html import PageRefused

    source = _plain_line(feed.title) or _host(feed.link) or source_label(path)
    identity = clean_line(feed.identity)
    raws = feed.entries
    if len(raws) > MAX_FEED_ENTRIES:
        yield problem(path, f"the feed has {len(raws):,} entries; only the first {MAX_FEED_ENTRIES:,} were read")
        raws = raws[:MAX_FEED_ENTRIES]
    pages = pages_folder(path)
    if not pages.is_dir():
        pages = None
    read: list[tuple[int, _Entry, ArticleText, Item | None, str | None]] = []
    for number, raw in enumerate(raws, 1):
        where = f"entry {number}"
        try:
            entry = feed.entry(raw)
            remembered = _remembered(entry, pages) if memo is not None else None
            known = memo.get_entry(remembered) if memo is not None and remembered is not None else None
            if known is not None:
                # Read before: the item's parts are the article's (build_item copies them), enough for its id.
                read.append((number, entry, ArticleText(title=known.title, date=known.date,
                                                        paragraphs=list(known.body)), known, remembered))
                continue
            article = _article(entry, pages)
        except PageRefused as exc:  # a body too large or complex to read as a page
            yield problem(path, f"{clean_line(str(exc))}; skipped", field=where)
            continue
        except _ENTRY_ERRORS as exc:
            yield problem(path, f"could not be read ({type(exc).__name__}: {clean_line(str(exc))[:160]}); skipped",
                          field=where)
            continue
        if not article.title and not article.paragraphs:
            label = _link(entry.link) or clean_line(entry.key)
            yield problem(path, "no title and no text; skipped", field=f"{where} ({label})" if label else where)
            continue
        for note in article.notes:
            yield problem(path, note, field=where)
        # An entry read with notes is not kept, so they are said again next time, as for a file.
        read.append((number, entry, article, None, None if article.notes else remembered))

    tags, bad = feed_tags(path)
    if bad:
        yield problem(meta_file(path), f"{bad}; the feed's tags are not applied")
    ids = _ids(identity, [(entry, article) for _, entry, article, _, _ in read])
    seen: dict[str, int] = {}
    for (number, entry, article, known, remembered), item_id in zip(read, ids, strict=True):
        where = f"entry {number}"
        if item_id in seen:
            yield problem(path, f"repeats entry {seen[item_id]} (same id, link, title, date and text); skipped",
                          field=where)
            continue
        seen[item_id] = number
        cut = cut_note(article.paragraphs)
        if cut:
            yield problem(path, cut, field=where)
        if known is not None:
            item = known
            item.id, item.source = item_id, source
        else:
            item = build_item(article, item_id=item_id, source=source)
            if memo is not None and remembered is not None:
                memo.put_entry(remembered, item)  # before the feed's tags: they are the feed's, not the entry's
        item.tags = merged(_categories(entry), item.tags, tags)
        yield item


def _categories(entry: _Entry) -> list[str]:
    """The entry's categories as tags (``tags.normalise_tag``); one that cannot be a tag is left out."""
    found = []
    for category in entry.categories[:MAX_ENTRY_TAGS]:
        try:
            found.append(normalise_tag(clean_line(category)))
        except BadTag:
            continue
    return found


def _article(entry: _Entry, pages: Path | None = None) -> ArticleText:
    """The entry as an article: its saved page's text, else its body read like a page's; its own
    title, date and links."""
    from ...article_text import ArticleText

    link = _link(entry.link)
    page = _page_article(pages, link) if pages is not None and link else None
    if page is not None:
        article = page
    # Markup is read as HTML whatever the feed declares (a "text" body may hold a typed <script>);
    # a body declared HTML that holds none is text, so its blank lines still part paragraphs.
    elif re.search(_MARKUP, entry.body):
        from ..articles import article_text_from

        # Read as a news page is: scripts, styles, comments and widgets dropped, paragraphs kept,
        # a dateline split off, a related-stories block found, character references cleaned.
        article = article_text_from(clean_text(entry.body), "html", base_url=link or None)
    else:
        from ..structure import split_dateline

        text = clean_text(entry.body)
        paragraphs = [p for p in (" ".join(block.split()) for block in re.split(r"\n\s*\n", text)) if p]
        article = ArticleText(paragraphs=paragraphs)
        if paragraphs:
            dateline, rest = split_dateline(paragraphs[0])
            if dateline:
                article.dateline = dateline
                paragraphs[0] = rest.strip()
                if not paragraphs[0]:
                    del paragraphs[0]
    article.title = _plain_line(entry.title) or None
    article.date = _day(entry.dates) or entry.parsed_date
    links = [Related(f"Full story on {_host(link)}", link)] if link else []
    external = _link(entry.external)
    if external and external != link:
        links.append(Related(f"Linked article on {_host(external)}", external))
    article.related = links + [r for r in article.related if r.url not in (link, external)]
    return article


def _remembered(entry: _Entry, pages: Path | None) -> str:
    """The key of an entry's item in the memo: all the entry gives the reader (its id, link, title,
    body and dates, its saved page's size and time), each part length-prefixed. The parser's
    fingerprint is the memo's own (the parse cache's), and the feed's source and the item's id are
    set again on an item taken from it."""
    link = _link(entry.link)
    page = ""
    if pages is not None and link:
        with contextlib.suppress(OSError):
            st = os.stat(page_file(pages, link))
            page = f"{st.st_size}:{st.st_mtime_ns}"
    digest = hashlib.blake2b(b"feed entry", digest_size=16)
    for part in (entry.key, entry.link, entry.title, entry.body, entry.parsed_date or "", entry.external, page,
                 str(len(entry.dates)), *entry.dates):
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _page_article(pages: Path, link: str) -> ArticleText | None:
    """The article on the entry's saved page, read as the HTML reader reads a page (``articles``);
    None when there is no page, or it gives no text: the entry then keeps the feed's summary."""
    from ...reading import read_bytes
    from ..articles import article_text_from, text_of
    from ..html import PageRefused

    path = page_file(pages, link)
    try:
        text = text_of(path, read_bytes(path, limit=MAX_PAGE_BYTES))
        article = article_text_from(text, "html", base_url=link)
    except (OSError, LoadError, PageRefused, *_ENTRY_ERRORS):
        # Not saved (the fetch failed or is still to come), damaged, or a page too large or complex
        # to read: the summary is the entry's text, as if the feed were not read in full.
        return None
    if not article.paragraphs:
        return None
    # The feed's own title and date are the entry's; what the page says of them may be a site's.
    article.title = None
    article.date = None
    article.related = []
    return article


def meta_file(path: Path) -> Path:
    """Where the fetcher keeps the subscription's settings (its tags) for the feed file ``path``."""
    return path.with_name(f".{path.stem}.feed.json")


def meta_bytes(tags: Sequence[str]) -> bytes:
    """The settings file's content for ``tags``, as ``feed_tags`` reads it."""
    import json

    return json.dumps({"layout": META_LAYOUT, "tags": list(tags)}, ensure_ascii=False).encode("utf-8")


def feed_tags(path: Path) -> tuple[list[str], str]:
    """The tags saved beside the feed file ``path`` (none when there is no settings file), and what
    is wrong with the file when it cannot be used ("" when nothing is)."""
    import json

    from ...reading import read_bytes

    meta = meta_file(path)
    if not os.path.lexists(meta):
        return [], ""
    try:
        data = read_bytes(meta, limit=MAX_META_BYTES)
    except LoadError as exc:
        return [], clean_line(exc.problem.message)
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError):
        return [], "not JSON"
    tags = doc.get("tags") if isinstance(doc, dict) and doc.get("layout") == META_LAYOUT else None
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        return [], f'expected {{"layout": {META_LAYOUT}, "tags": [...]}}'
    return [t for t in (clean_line(t).strip() for t in tags) if t], ""


def pages_folder(path: Path) -> Path:
    """Where the fetcher saves the entry pages of the feed file ``path``."""
    return path.with_name(f".{path.stem}.pages")


def page_file(pages: Path, link: str) -> Path:
    """The saved page of an entry's link: named by its hash, so any URL makes a short, safe name."""
    return pages / f"{hashlib.sha256(link.encode('utf-8', 'surrogatepass')).hexdigest()}.html"


def entry_links(path: Path, data: bytes) -> list[str]:
    """The http(s) links of a feed's entries, in order, each once: the pages a full-text feed has.
    Empty for a document that is not a feed."""
    try:
        feed = _read_json_feed(path, data) if _is_json(path, data) else _read_xml_feed(path, data)
    except LoadError:
        return []
    links: dict[str, None] = {}
    for raw in feed.entries[:MAX_FEED_ENTRIES]:
        try:
            link = _link(feed.entry(raw).link)
        except _ENTRY_ERRORS:
            continue
        if link:
            links[link] = None
    return list(links)


def _ids(identity: str, entries: list[tuple[_Entry, ArticleText]]) -> list[str]:
    """Stable ids: review marks are keyed on them, and a feed downloaded again must keep them.

    An entry is known by its own id, else its link, else its title and date, else its text: never
    by its place in the file, which changes with every new entry. An id that names the entry
    anywhere (a URL, `tag:`, `urn:`) is used alone, so the same story in two feeds is one item; a
    bare one (`4956764`) is unique only in its feed, so the feed's identity is part of it. Entries
    of one file that share an id (a careless feed) are told apart by their link, title and date,
    and only when those are the same too by their text."""
    ids = []
    for entry, article in entries:
        key = clean_line(entry.key) or _link(entry.link)
        if key and re.match(_GLOBAL_ID, key):
            ids.append(derive_id("feed entry", key))
        elif key:
            ids.append(derive_id("feed entry", identity, key))
        elif article.title:
            ids.append(derive_id("feed entry", identity, article.title, article.date))
        else:
            ids.append(derive_id("feed entry", identity, *article.paragraphs))
    for tell_apart in (lambda e, a: (_link(e.link), a.title, a.date), lambda e, a: a.paragraphs):
        shared = {i for i, n in Counter(ids).items() if n > 1}
        if not shared:
            break
        ids = [derive_id(i, *tell_apart(e, a)) if i in shared else i for i, (e, a) in zip(ids, entries, strict=True)]
    return ids


# ------------------------------------------------------------------ text, links and dates


def _plain_line(text: str) -> str:
    """One line of plain text: markup and character references reduced to the text they show,
    whatever the feed declares, then escape sequences and control characters removed (a
    reference can spell an ESC)."""
    value = clean_text(text)
    if re.search(_MARKUP, value):
        value = _markup_text(value)
    return clean_line(value)


def _markup_text(markup: str) -> str:
    """The text markup shows, character references decoded (the caller cleans what they spell)."""
    reader = _text_only()()
    reader.feed(markup)
    reader.close()
    return "".join(reader.parts)


@cache
def _text_only() -> type[Any]:
    """A tokenizer for a short piece of markup, a title's: the standard library's tolerant one,
    which decodes every reference (lxml refuses one that spells a control character) and never
    raises. What a page never shows as text (scripts, styles, comments) is dropped. Made on first
    use: html.parser is not imported at start-up."""
    from html.parser import HTMLParser

    class TextOnly(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.hidden = 0  # depth inside elements whose content is not text

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in _HIDDEN_TAGS:
                self.hidden += 1
            elif tag == "br":
                self.parts.append(" ")

        def handle_endtag(self, tag: str) -> None:
            if tag in _HIDDEN_TAGS and self.hidden:
                self.hidden -= 1

        def handle_data(self, data: str) -> None:
            if not self.hidden:
                self.parts.append(data)

    return TextOnly


def _link(url: str) -> str:
    """A web address a user can open, or "": only absolute http(s) links are kept."""
    url = clean_line(url)
    if not url or " " in url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else ""


def _host(url: str) -> str:
    link = _link(url)
    host = urlsplit(link).hostname if link else None
    return clean_line(host.removeprefix("www.")) if host else ""


def _day(dates: list[str]) -> str | None:
    """YYYY-MM-DD, as a page's date is given: the day the publisher wrote, in its own time zone.

    RFC 3339 (Atom, JSON Feed) and RFC 822 (RSS) are read here; feedparser's reading (in UTC) is
    the caller's fallback for the odd formats it knows."""
    import datetime as dt
    from email.utils import parsedate_to_datetime

    for raw in dates:
        text = raw.strip()
        when = None
        try:
            when = dt.datetime.fromisoformat(text)
        except ValueError:
            try:
                when = parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError, OverflowError):
                when = None
        if when is not None:
            return f"{when.year:04d}-{when.month:02d}-{when.day:02d}"
    return None


# ------------------------------------------------------------------ telling formats apart


def _head_text(head: bytes) -> str:
    """The first bytes as text, enough to find a root element or a JSON key: UTF-16 by its BOM or
    its NULs, anything else as Latin-1 (every byte a character, ASCII where markup is)."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return head[: len(head) // 2 * 2].decode("utf-16", "replace")
    if head[:1] == b"\x00" or head[1:2] == b"\x00":
        return head[: len(head) // 2 * 2].decode("utf-16-be" if head[:1] == b"\x00" else "utf-16-le", "replace")
    return head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")


def _is_json(path: Path, data: bytes) -> bool:
    """JSON or XML by the first character, whatever the suffix says; by the suffix when that tells
    nothing (a text file, say), so a `.json` that is not JSON is reported as such."""
    first = _head_text(data[:64]).lstrip("\ufeff \t\r\n")[:1]
    if first in ("{", "["):
        return True
    return first != "<" and path.suffix.lower() in _JSON_SUFFIXES


READER = FeedReader()
