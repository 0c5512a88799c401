"""Fetching subscribed feeds: politely, within bounds, and saving each one where the dashboard opens it.

Every server is untrusted. A fetch is bounded in time (a connect and a read time-out, and a deadline
for the whole feed), in size (the body, counted again after decompression, so a gzip bomb stops at
the cap) and in hops (a few redirects, only ever to http or https). It is polite: a conditional GET
with the ETag and Last-Modified the server gave last time, a pause between requests to one host, and
a User-Agent that names briefing. Whatever goes wrong is one ``FetchResult`` with a one-line message
for that feed; no exception leaves ``Fetcher.fetch``.

A body is saved only once the feed reader has found entries in it: the file (``<stem>.rss``,
``.atom``, ``.xml`` or ``.json`` in the feeds folder) is replaced whole, so a dashboard watching the
folder never reads half a download, and a failed fetch leaves the last good copy as it was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import http
import json
import os
import re
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..loading.articles import SNIFF_BYTES, looks_like_html
from ..loading.load import entry_digest, read_with, store_parsed
from ..loading.readers import feed as feed_reader
from ..problems import LoadError, Problem, problem
from ..reading import read_bytes
from ..sanitize import clean_line
from ..writing import write_atomic
from .subscriptions import Subscription

if TYPE_CHECKING:
    # httpx is imported when a fetch begins, not with this module: importing it imports its command
    # line's libraries too (rich among them), which nothing else in the domain pulls in.
    import httpx

    from ..cache import ParseCache
    from ..loading.result import LoadResult

# The reader refuses a feed file larger than this unread (see loading/readers/feed.py), so reading
# more from the server would only cost the publisher bandwidth and us memory.
MAX_BODY_BYTES = feed_reader.MAX_FEED_BYTES
# HTTP clients commonly stop at 5 to 20; a feed that moved needs one or two. More is a loop or a
# redirect chain leading somewhere it should not.
MAX_REDIRECTS = 5
# A server that has not accepted the connection in this long is down or unreachable; cron runs
# again soon.
CONNECT_TIMEOUT = 10.0
# Seconds of silence while a response is being read: a live server sends a feed's next bytes in
# well under this; a stalled one would otherwise hold the run forever.
READ_TIMEOUT = 20.0
# The whole fetch of one feed, every redirect and every byte: a server trickling one byte just
# before each read time-out would otherwise hold a run for hours.
FEED_DEADLINE = 60.0
# Between two requests to one host (feeds of one publisher, redirects to it): crawlers commonly
# wait a second or more so they never look like a burst to a small site.
HOST_DELAY = 1.0
# Entry pages fetched for one full-text feed in one run: a first run of a feed of 100 entries would
# otherwise send 100 requests to one publisher (a minute and more at the host delay); the rest
# come in the next runs. A page saved is never fetched again.
MAX_PAGES_PER_RUN = 30
# All of one feed's pages in one run: thirty pages of a server that stalls each one up to the read
# time-out would otherwise hold a run for ten minutes. Pages not begun by then come in the next runs.
PAGES_DEADLINE = 120.0
# Entries of a feed that get their page (feeds list the newest first): each saved page is read with
# the feed, about a tenth of a second a news page (docs/performance.md), and the feed's file must
# still be read well within a worker's parse budget (loading/batch.py). Pages of later entries are
# not fetched, and removed once their entry falls past this.
MAX_FULL_TEXT_ENTRIES = 50
# The reader reads no saved page larger than this (loading/readers/feed.py).
MAX_PAGE_BYTES = feed_reader.MAX_PAGE_BYTES
# Sent with every request so publishers can see who fetches and how to reach the project.
USER_AGENT = f"briefing/{__version__} (news briefing reader; feed fetcher)"
# Stored validators are echoed back to the server: a sane ETag or date is short and printable.
_MAX_VALIDATOR_CHARS = 256
_VALIDATOR = re.compile(r"^[\x20-\x7e]*$")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PAGE_HEADERS = {"Accept": "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"}
_STATE_LAYOUT = 1
_MAX_STATE_BYTES = 4 * 1024 * 1024  # the state file holds a few hundred bytes a feed
_SUFFIXES = (".rss", ".atom", ".xml", ".json")
# The document element's name, after an XML declaration, processing instructions, comments, a DOCTYPE.
_ROOT = r"(?s)\A(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*<([\w.:-]{1,40})"


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds of one fetch; the defaults are the module's constants (tests pass small ones)."""

    max_bytes: int = MAX_BODY_BYTES
    max_redirects: int = MAX_REDIRECTS
    connect_timeout: float = CONNECT_TIMEOUT
    read_timeout: float = READ_TIMEOUT
    deadline: float = FEED_DEADLINE
    host_delay: float = HOST_DELAY
    max_pages: int = MAX_PAGES_PER_RUN
    pages_deadline: float = PAGES_DEADLINE
    max_page_bytes: int = MAX_PAGE_BYTES


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What fetching one feed came to: ``saved`` (a new copy), ``not-modified`` or ``error``."""

    name: str
    outcome: str
    message: str = ""  # for an error: what went wrong, one clean line
    path: Path | None = None  # the feed's file, when it has one
    entries: int = 0
    size: int = 0  # bytes of the document saved
    problems: tuple[Problem, ...] = field(default=())  # what the reader found wrong in a saved feed
    pages: _Pages | None = None  # a full-text feed's entry pages fetched in this run

    @property
    def ok(self) -> bool:
        return self.outcome != "error"

    def trouble(self) -> str | None:
        """What the problems view lists for this fetch: its error, or the entry pages that failed."""
        if not self.ok:
            return self.message
        failed = self.pages.failed if self.pages is not None else []
        if not failed:
            return None
        first = failed[0].message
        more = f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""
        return clean_line(f"{first}{more}; those entries show the feed's summary")

    def line(self) -> str:
        """``name: 23 entries, 48 KB`` / ``name: not modified`` / ``name: error: …``: one line, clean."""
        if self.outcome == "saved":
            what = f"{self.entries} entr{'y' if self.entries == 1 else 'ies'}, {_size(self.size)}"
            if self.problems:
                what += f" ({len(self.problems)} problem{'s' * (len(self.problems) != 1)} in the feed: " \
                        f"`briefing check` lists them)"
        elif self.outcome == "not-modified":
            what = "not modified"
        else:
            what = f"error: {self.message}"
        if self.pages is not None and (self.pages.saved or self.pages.failed or self.pages.later):
            what += f"; {self.pages.describe()}"
        return clean_line(f"{self.name}: {what}")


@dataclass(slots=True)
class _Pages:
    """A full-text feed's entry pages in one run: saved, failed (one problem each), left for later."""

    saved: int = 0
    failed: list[Problem] = field(default_factory=list)
    later: int = 0  # past the run's limit: fetched in the next runs
    limit: int = MAX_PAGES_PER_RUN
    out_of_time: bool = False  # the run's time for pages ran out before ``later`` of them

    def describe(self) -> str:
        parts = [f"{self.saved} full-text page{'s' * (self.saved != 1)} saved"]
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        if self.later:
            why = "the time for pages ran out" if self.out_of_time else f"at most {self.limit} a run"
            parts.append(f"{self.later} left for the next run ({why})")
        return ", ".join(parts)


class FetchFailed(Exception):
    """One feed's fetch stopped; the message is the one line the user sees."""


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{round(n / 1024)} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def shown_url(url: str | httpx.URL) -> str:
    """A URL as a message may show it: no user name or password, no control characters, not too long."""
    import httpx

    text = str(url)
    with contextlib.suppress(Exception):
        parsed = httpx.URL(text)
        if parsed.userinfo:
            text = str(parsed.copy_with(username=None, password=None))
    text = clean_line(text)
    return text if len(text) <= 120 else text[:117] + "..."


# ------------------------------------------------------------------ politeness


class HostPacer:
    """Keeps requests to one host ``delay`` seconds apart, however many feeds and redirects go there."""

    def __init__(self, delay: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay = delay
        self._clock, self._sleep = clock, sleep
        self._last: dict[str, float] = {}

    def wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None and self.delay > 0:
            # Sleep until the delay has passed: time.sleep may wake early on some platforms.
            while (left := last + self.delay - self._clock()) > 0:
                self._sleep(left)
        self._last[host] = self._clock()


# ------------------------------------------------------------------ the state file


class FetchState:
    """ETag, Last-Modified and when each subscription was last tried, kept between runs.

    Keyed on the subscription's file stem; the URL is kept too, so a subscription pointed at another
    URL starts afresh. A damaged or foreign file is treated as empty: the cost is one unconditional GET.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.feeds: dict[str, dict[str, Any]] = {}
        try:
            data = json.loads(read_bytes(path, limit=_MAX_STATE_BYTES))
            if isinstance(data, dict) and data.get("layout") == _STATE_LAYOUT and isinstance(data.get("feeds"), dict):
                self.feeds = {str(k): v for k, v in data["feeds"].items() if isinstance(v, dict)}
        except (LoadError, OSError, ValueError):
            pass

    def of(self, sub: Subscription) -> dict[str, Any]:
        """What is remembered of ``sub``, empty when nothing is (or it was for another URL)."""
        entry = self.feeds.get(sub.file_stem)
        return entry if entry is not None and entry.get("url") == sub.url else {}

    def last_tried(self, sub: Subscription) -> float | None:
        tried = self.of(sub).get("tried")
        return float(tried) if isinstance(tried, (int, float)) and not isinstance(tried, bool) else None

    def record(self, sub: Subscription, **values: Any) -> None:
        entry = dict(self.of(sub))
        entry.update(url=sub.url, **values)
        self.feeds[sub.file_stem] = {k: v for k, v in entry.items() if v is not None}

    def save(self) -> None:
        """Written whole or not at all; a folder that cannot be written costs only the next run's 304s."""
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps({"layout": _STATE_LAYOUT, "feeds": self.feeds}, indent=1,
                                               sort_keys=True))


def _validator(value: Any) -> str | None:
    """A stored or received ETag / Last-Modified, if it is safe to send back."""
    if isinstance(value, str) and 0 < len(value) <= _MAX_VALIDATOR_CHARS and _VALIDATOR.match(value):
        return value
    return None


# ------------------------------------------------------------------ reading a body within the cap


class _Decoder:
    """Content-Encoding undone with a bound: zlib is asked for at most what is left under the cap, so
    a few kilobytes that inflate to gigabytes never get past the cap in memory."""

    def __init__(self, encoding: str) -> None:
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip() and c.strip().lower() != "identity"]
        if len(codings) > 1:
            raise FetchFailed(f"the server compressed the feed twice ({clean_line(encoding)[:40]}); not read")
        self.coding = codings[0] if codings else ""
        if self.coding in ("gzip", "x-gzip"):
            self._zlib: Any = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif self.coding == "deflate":
            self._zlib = zlib.decompressobj()  # zlib-wrapped, as the standard says; raw deflate is tried below
        elif self.coding:
            raise FetchFailed(f"unsupported Content-Encoding {clean_line(self.coding)[:40]!r} (only gzip and "
                              "deflate were asked for)")
        else:
            self._zlib = None
        self._read_any = False  # whether the stream has decoded without error yet

    def decode(self, data: bytes, room: int) -> Iterator[bytes]:
        """The decoded bytes of ``data``, in pieces, never more than ``room + 1`` of them in all."""
        if self._zlib is None:
            yield data
            return
        given = 0
        while data and given <= room:
            try:
                out = self._zlib.decompress(data, room + 1 - given)
            except zlib.error as exc:
                if self.coding == "deflate" and not self._read_any:
                    self._read_any = True  # many servers send raw deflate without the zlib header
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise FetchFailed(f"the {self.coding} data is damaged ({exc})") from None
            self._read_any = True
            data = self._zlib.unconsumed_tail
            if self._zlib.eof:
                data = b""  # bytes after the end of the compressed stream are not part of the feed
            given += len(out)
            yield out

    def finish(self) -> bytes:
        if self._zlib is None or self._zlib.eof:
            return b""
        try:
            # All input was given: what is left is at most zlib's window (32 KB), not an expansion.
            return self._zlib.flush()
        except zlib.error as exc:
            raise FetchFailed(f"the {self.coding} data is damaged ({exc})") from None


def _read_body(response: httpx.Response, cap: int, limits: Limits, deadline: float, clock: Callable[[], float],
               what: str) -> bytes:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > cap:
        raise FetchFailed(f"too large: the server announced {_size(int(length))}, more than the "
                          f"{_size(cap)} a {what} may have")
    decoder = _Decoder(response.headers.get("content-encoding", ""))
    body = bytearray()
    raw = 0
    for chunk in response.iter_raw():  # as the socket gives them: a chunk size would wait to fill it
        raw += len(chunk)
        if raw > cap:
            raise FetchFailed(f"too large: more than {_size(cap)}; stopped reading")
        for piece in decoder.decode(chunk, cap - len(body)):
            body += piece
            if len(body) > cap:
                raise FetchFailed(f"too large: more than {_size(cap)} once decompressed; stopped reading")
        if clock() > deadline:
            raise FetchFailed(f"took longer than {limits.deadline:g} s; stopped reading")
    body += decoder.finish()
    if len(body) > cap:
        raise FetchFailed(f"too large: more than {_size(cap)} once decompressed; stopped reading")
    return bytes(body)


# ------------------------------------------------------------------ what a body is


def _suffix(body: bytes) -> str:
    """The suffix under which the feed reader reads the document: it tells XML from JSON by the
    first character, and the root element names the dialect."""
    head = body[:4096].decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        return ".json"
    root = re.match(_ROOT, head)
    name = root.group(1).lower().rsplit(":", 1)[-1] if root else ""
    return {"rss": ".rss", "feed": ".atom"}.get(name, ".xml")


def _not_a_feed(body: bytes, content_type: str) -> str:
    head = body[:4096].decode("utf-8", "replace").lstrip("\ufeff \t\r\n").lower()
    kind = clean_line(content_type.split(";")[0].strip())[:60]
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(?:head|body)[\s>]", head[:2048]):
        what = "an HTML page"
    elif not head:
        what = "an empty document"
    else:
        what = "a document that is not RSS, Atom or JSON Feed"
    return f"not a feed: the server sent {what}" + (f" ({kind})" if kind else "")


# ------------------------------------------------------------------ the fetcher


def _reason(exc: BaseException) -> str:
    """A network failure in a few words: what the operating system said, not httpx's wrapping."""
    import socket

    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, socket.gaierror):
            return "host not found (DNS)"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror.lower()
        cause = cause.__cause__ or cause.__context__
    text = str(exc)
    if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
        return "host not found (DNS)"
    if "Connection refused" in text:
        return "connection refused"
    return clean_line(" ".join(text.split()))[:160] or type(exc).__name__


class Fetcher:
    """Fetches subscriptions into ``folder``; one HTTP client and one host pacer for a whole run."""

    def __init__(self, folder: Path, state_file: Path, *, limits: Limits | None = None,
                 cache: ParseCache | None = None, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.folder = folder
        self.limits = limits or Limits()
        self.state = FetchState(state_file)
        self.cache = cache
        # Entries read from an earlier download are taken from the cache, not read again.
        self._reader = feed_reader.READER.remembering(cache)
        self._clock = clock
        self._pacer = HostPacer(self.limits.host_delay, clock=clock, sleep=sleep)
        import httpx

        self._client = httpx.Client(
            timeout=httpx.Timeout(connect=self.limits.connect_timeout, read=self.limits.read_timeout,
                                  write=self.limits.read_timeout, pool=self.limits.connect_timeout),
            follow_redirects=False,  # each hop is checked here: its scheme, the count, the host's pause
            headers={"User-Agent": USER_AGENT,
                     "Accept": "application/rss+xml, application/atom+xml, application/feed+json, "
                               "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1",
                     # Only what _Decoder undoes within the cap; brotli and zstd are not asked for.
                     "Accept-Encoding": "gzip, deflate"},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def existing_file(self, sub: Subscription) -> Path | None:
        """The feed's saved document, if there is one."""
        for suffix in _SUFFIXES:
            candidate = self.folder / f"{sub.file_stem}{suffix}"
            if candidate.is_file():
                return candidate
        return None

    def fetch(self, sub: Subscription) -> FetchResult:
        """Fetch one feed; every failure, even a bug, is this feed's result, never an exception."""
        try:
            result = self._fetch(sub)
        except Exception as exc:  # a bug too must cost this feed only, and say what it was
            result = FetchResult(sub.name, "error", _failure(exc, self.limits, "feed"))
        if not result.ok:
            self.state.record(sub, tried=time.time())
        return dataclasses.replace(result, message=clean_line(result.message))

    def fetch_all(self, subs: Iterable[Subscription]) -> Iterator[FetchResult]:
        """Each feed's result as it is done; the state is saved after each, so a run cut short keeps
        what it learnt."""
        for sub in subs:
            result = self.fetch(sub)
            self.state.save()
            yield result

    def _get(self, url: str, headers: dict[str, str], cap: int, what: str,
             home: str | None = None) -> tuple[int, bytes, httpx.Headers]:
        """(200 or 304, the body, the response's headers) of a GET within every bound: the deadline,
        the size cap (``cap``, for a ``what``), the redirect limit and schemes, each host's pause;
        with ``home`` (a feed's host, for its entry pages), no hop to a local or private address
        other than that host. FetchFailed or httpx's errors otherwise."""
        import httpx

        deadline = self._clock() + self.limits.deadline
        target = httpx.URL(url)
        for _hop in range(self.limits.max_redirects + 1):
            if self._clock() > deadline:
                raise FetchFailed(f"took longer than {self.limits.deadline:g} s")
            if home is not None and target.host != home and _local(target.host):
                raise FetchFailed(f"refused: {clean_line(target.host)[:60]} is a local or private address, and "
                                  "not the feed's own host")
            self._pacer.wait(target.host)
            with self._client.stream("GET", target, headers=headers) as response:
                status = response.status_code
                if status in _REDIRECTS:
                    target = self._next_hop(response)
                    continue
                if status == 304:
                    return status, b"", response.headers
                if status != 200:
                    raise FetchFailed(_status_text(status))
                return status, _read_body(response, cap, self.limits, deadline, self._clock, what), response.headers
        raise FetchFailed(f"too many redirects (more than {self.limits.max_redirects})")

    def _fetch(self, sub: Subscription) -> FetchResult:
        known = self.state.of(sub)
        existing = self.existing_file(sub)
        headers: dict[str, str] = {}
        if existing is not None and known.get("file") == existing.name:
            # Conditional only while the copy the validators belong to is still there.
            if etag := _validator(known.get("etag")):
                headers["If-None-Match"] = etag
            if modified := _validator(known.get("last_modified")):
                headers["If-Modified-Since"] = modified
        status, body, received = self._get(sub.url, headers, self.limits.max_bytes, "feed")
        if status == 304:
            if not headers:
                raise FetchFailed("HTTP 304 Not Modified, but nothing was asked conditionally")
            self.state.record(sub, tried=time.time())
            pages = _Pages()
            # The feed is as it was, but its tags may have changed in config.yaml, and pages that
            # failed or were left for later are still due.
            retagged = existing is not None and _write_meta(sub, existing)
            old = None
            if existing is not None and (retagged or sub.full_text):
                with contextlib.suppress(OSError, LoadError):
                    old = read_bytes(existing, limit=self.limits.max_bytes)
            if old is not None and existing is not None:
                if sub.full_text:
                    pages = self._fetch_pages(sub, existing, old)
                if retagged or pages.saved:
                    self._write_feed(sub, existing, old)
            return FetchResult(sub.name, "not-modified", path=existing, pages=pages)
        return self._save(sub, body, received)

    def _next_hop(self, response: httpx.Response) -> httpx.URL:
        import httpx

        location = response.headers.get("location", "").strip()
        if not location:
            raise FetchFailed(f"{_status_text(response.status_code)} without a Location to go to")
        try:
            target = response.url.join(location)
        except (httpx.InvalidURL, ValueError):
            raise FetchFailed(f"redirected to an address that is not a URL ({shown_url(location)})") from None
        if target.scheme not in ("http", "https"):
            scheme = clean_line(target.scheme)[:20] or "unknown"
            raise FetchFailed(f"redirect to a {scheme}: URL refused ({shown_url(location)}); only http and https "
                              "are followed")
        if not target.host:
            raise FetchFailed(f"redirected to an address with no host ({shown_url(target)})")
        return target

    def _save(self, sub: Subscription, body: bytes, received: httpx.Headers) -> FetchResult:
        content_type = received.get("content-type", "")
        if not feed_reader.READER.sniff(Path("fetched"), body[:4096]):
            raise FetchFailed(_not_a_feed(body, content_type))
        target = self.folder / f"{sub.file_stem}{_suffix(body)}"
        parsed = read_with(self._reader, target, body)
        if not parsed.items:
            why = parsed.problems[0].message if parsed.problems else "no entries"
            raise FetchFailed(f"not saved: {why}")
        self.folder.mkdir(parents=True, exist_ok=True)
        pages = _Pages()
        if sub.full_text:
            pages = self._fetch_pages(sub, target, body)
        else:
            _remove_pages(target)  # full_text was turned off: its pages would still be read
        if _write_meta(sub, target) or pages.saved:  # the items as read with the new tags or pages
            parsed = read_with(self._reader, target, body)
        self._write_feed(sub, target, body, parsed)
        self.state.record(sub, tried=time.time(), file=target.name,
                          etag=_validator(received.get("etag")),
                          last_modified=_validator(received.get("last-modified")))
        return FetchResult(sub.name, "saved", path=target, entries=len(parsed.items), size=len(body),
                           problems=tuple(parsed.problems), pages=pages)

    def _write_feed(self, sub: Subscription, target: Path, body: bytes, parsed: LoadResult | None = None) -> None:
        """Replace the feed's file, always after its pages and its tags.

        The parse cache finds a file's entry in two steps, and each must miss once a page or the
        tags changed: the path index (file identity: device, inode, size, mtime) answers for an
        unchanged file without reading it, so the file is written again, a new inode and time,
        even when the feed's bytes are the same; and the entry's key is of the bytes, which a
        rewrite keeps, so the reader's ``beside`` (the names, sizes and times of the pages and of
        the tags file) is part of the key too. Either alone would serve the items read before the
        page came. Written last, a dashboard watching the folder reloads the feed once all is there."""
        write_atomic(target, body)
        for suffix in _SUFFIXES:  # the feed changed format: its old copy would show every entry twice
            other = self.folder / f"{sub.file_stem}{suffix}"
            if other != target:
                with contextlib.suppress(FileNotFoundError):
                    other.unlink()
        if self.cache is not None:  # the dashboard opens it warm
            with contextlib.suppress(Exception):
                if parsed is None:
                    parsed = read_with(self._reader, target, body)
                store_parsed(self.cache, target, entry_digest(feed_reader.READER, target, body), os.stat(target),
                             parsed)

    def _fetch_pages(self, sub: Subscription, target: Path, body: bytes) -> _Pages:
        """Fetch the pages of the feed's entries not saved yet, at most ``max_pages`` of them and for
        ``pages_deadline`` seconds at most, each within the same bounds as a feed; pages of entries the
        feed no longer has are removed.

        The links are the publisher's, not the analyst's: a page on the analyst's own machine or
        network (``localhost``, ``10.0.0.1``) is fetched only when the feed itself is there."""
        import httpx

        home = httpx.URL(sub.url).host
        links = feed_reader.entry_links(target, body)[:MAX_FULL_TEXT_ENTRIES]
        folder = feed_reader.pages_folder(target)
        wanted = {feed_reader.page_file(folder, link).name for link in links}
        with contextlib.suppress(OSError):
            for old in folder.iterdir():
                if old.name not in wanted and old.suffix == ".html":
                    old.unlink()
        missing = [link for link in links if not feed_reader.page_file(folder, link).is_file()]
        todo, later = missing[:self.limits.max_pages], len(missing) - self.limits.max_pages
        pages = _Pages(later=max(0, later), limit=self.limits.max_pages)
        deadline = self._clock() + self.limits.pages_deadline
        for n, link in enumerate(todo):
            if self._clock() > deadline:
                pages.later += len(todo) - n
                pages.out_of_time = True
                break
            try:
                self._fetch_page(folder, link, home)
            except Exception as exc:  # one page never costs the feed or the other pages
                why = _failure(exc, self.limits)
                pages.failed.append(problem(target, clean_line(f"full text of {shown_url(link)}: {why}")))
            else:
                pages.saved += 1
        return pages

    def _fetch_page(self, folder: Path, link: str, home: str) -> None:
        _status, body, received = self._get(link, _PAGE_HEADERS, self.limits.max_page_bytes, "page", home)
        if _status != 200:
            raise FetchFailed(f"HTTP {_status} to a request that asked nothing conditionally")
        kind = clean_line(received.get("content-type", "").split(";")[0].strip().lower())[:60]
        # By its type when the server names one (a JSON or PDF document may hold a `<p>` too), else by
        # its first bytes.
        if kind not in ("", "text/html", "application/xhtml+xml") or not looks_like_html(body[:SNIFF_BYTES]):
            raise FetchFailed("not an HTML page" + (f" ({kind})" if kind else ""))
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(feed_reader.page_file(folder, link), body)


def _failure(exc: Exception, limits: Limits, what: str = "page") -> str:
    """What stopped a fetch, in one line for its feed's result."""
    import httpx

    if isinstance(exc, FetchFailed):
        return str(exc)
    if isinstance(exc, httpx.ConnectTimeout):
        return f"timed out connecting (after {limits.connect_timeout:g} s)"
    if isinstance(exc, (httpx.ReadTimeout, httpx.WriteTimeout, httpx.PoolTimeout)):
        return f"timed out: the server sent nothing for {limits.read_timeout:g} s"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect: {_reason(exc)}"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke the HTTP protocol ({_reason(exc)})"
    if isinstance(exc, httpx.HTTPError):
        return f"network error: {_reason(exc)}"
    if isinstance(exc, OSError):  # writing the file: a full disk, a read-only folder
        return f"cannot save the {what}: {exc.strerror or exc}"
    return f"internal error ({type(exc).__name__}: {_reason(exc)})"


def _local(host: str) -> bool:
    """Whether ``host`` names this machine or a private network: ``localhost``, or an address that
    is loopback, private, link-local or otherwise not on the internet. (A public name that resolves
    to such an address is not caught: that would need the name resolved here.)"""
    import ipaddress

    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    return not address.is_global


def _write_meta(sub: Subscription, target: Path) -> bool:
    """Keep the subscription's tags beside the feed's file, where the feed reader finds them (or no
    file, when it has none); whether the file changed. Before the feed's file, like its pages."""
    meta = feed_reader.meta_file(target)
    want = feed_reader.meta_bytes(sub.tags) if sub.tags else None
    try:
        have: bytes | None = read_bytes(meta, limit=feed_reader.MAX_META_BYTES)
    except LoadError:
        have = None
    if have == want:
        return False
    if want is None:
        meta.unlink(missing_ok=True)
    else:
        write_atomic(meta, want)
    return True


def _remove_pages(target: Path) -> None:
    folder = feed_reader.pages_folder(target)
    with contextlib.suppress(OSError):
        for old in folder.iterdir():
            if old.suffix == ".html":
                old.unlink()
        folder.rmdir()


def _status_text(status: int) -> str:
    """``HTTP 404 Not Found``: the standard phrase, never the server's own (untrusted) reason text."""
    try:
        return f"HTTP {status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def seconds_until_due(sub: Subscription, state: FetchState, now: float) -> float:
    """How long until ``sub`` is to be fetched again; 0 or less when it is due now: never tried, its
    refresh interval passed, or a clock set back to before its last try."""
    tried = state.last_tried(sub)
    if tried is None or tried > now:
        return 0.0
    return sub.refresh - (now - tried)


def due(subs: Iterable[Subscription], state: FetchState, now: float) -> list[Subscription]:
    """The subscriptions whose refresh interval has passed since they were last tried."""
    return [sub for sub in subs if seconds_until_due(sub, state, now) <= 0]
