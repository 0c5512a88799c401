"""The ``feeds:`` section of config.yaml: each entry checked on its own, so one bad entry costs only itself.

An entry is ``url`` (required, http or https), ``name`` (default: the URL's host and path),
``refresh`` (how often ``briefing fetch --due`` fetches it; default 30m, at least 5m),
``full_text`` (true: each entry's own page is fetched too and read for the entry's text; default
false) and ``tags`` (given to every item of the feed). Names become file names in the feeds
folder, so two names that make the same file name are refused as duplicates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..problems import Problem, problem
from ..sanitize import clean_line

# A desk follows tens of outlets; hundreds of entries is a pasted list gone wrong, and each one is a
# request to someone's server on every run.
MAX_FEEDS = 200
DEFAULT_REFRESH = 30 * 60  # seconds: news feeds change every few minutes to hours
# Below five minutes a feed is polled faster than most publishers update or ask to be polled.
MIN_REFRESH = 5 * 60
MAX_REFRESH = 7 * 24 * 3600  # a week: longer than that is a feed nobody reads
# Browsers and servers handle URLs up to about 2,000 characters; a longer one is a mistake or a trap.
MAX_URL_CHARS = 2048
MAX_NAME_CHARS = 80  # shown in the list's source column and in `briefing fetch` lines
# Tags name a desk's topics and regions: a few a feed, each a word or two. More, or longer, is a
# list pasted into the wrong place.
MAX_TAGS = 20
MAX_TAG_CHARS = 60
_FILE_STEM_CHARS = 60  # file names stay well under every file system's limit
_FIELDS = ("url", "name", "refresh", "full_text", "tags")
_INTERVAL = re.compile(r"^\s*(\d{1,7})\s*(s|m|h|d)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True, slots=True)
class Subscription:
    """One feed the analyst follows: where it is, what it is called, how often it is fetched."""

    url: str
    name: str
    refresh: int = DEFAULT_REFRESH  # seconds
    full_text: bool = False  # each entry's linked page is fetched and read for its text
    tags: tuple[str, ...] = ()  # every item of the feed carries them

    @property
    def file_stem(self) -> str:
        """The name of its file in the feeds folder, without the suffix (which the document decides)."""
        return file_stem(self.name)


def file_stem(name: str) -> str:
    """A name made safe as a file name: lower-case letters, digits and dashes, never hidden or empty."""
    stem = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:_FILE_STEM_CHARS].strip("-")
    return stem or "feed"


def default_name(url: str) -> str:
    """The URL's host and path made readable: ``https://www.example.com/news/rss.xml`` is
    ``example.com/news/rss.xml``."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path.rstrip("/")
    return clean_line(f"{host}{path}")[:MAX_NAME_CHARS] or "feed"


def parse_interval(value: Any) -> int:
    """Seconds of an interval written ``90s``, ``15m``, ``2h`` or ``1d``; ValueError says what is wrong."""
    if isinstance(value, bool) or not isinstance(value, str):
        raise ValueError("expected an interval such as 15m, 1h or 1d")
    match = _INTERVAL.match(value)
    if match is None:
        raise ValueError(f"{clean_line(value)[:40]!r} is not an interval such as 15m, 1h or 1d")
    seconds = int(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]
    if seconds < MIN_REFRESH:
        raise ValueError(f"{value.strip()} is too often: at least {MIN_REFRESH // 60}m, to be polite to the publisher")
    if seconds > MAX_REFRESH:
        raise ValueError(f"{value.strip()} is too long: at most {MAX_REFRESH // 86400}d")
    return seconds


def format_interval(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def check_url(value: Any) -> str:
    """The URL as it will be fetched; ValueError says why it cannot be."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected an http:// or https:// URL")
    url = value.strip()
    shown = clean_line(url)[:80]
    if len(url) > MAX_URL_CHARS:
        raise ValueError(f"longer than {MAX_URL_CHARS} characters")
    if clean_line(url) != url or any(ch.isspace() for ch in url):
        raise ValueError(f"{shown!r}: spaces or control characters in a URL")
    try:
        parts = urlsplit(url)
        port = parts.port  # ValueError on a port that is not a number or out of range
    except ValueError as exc:
        raise ValueError(f"{shown!r} is not a URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        what = f"a URL of scheme {parts.scheme}:" if parts.scheme else "no scheme"
        raise ValueError(f"{shown!r}: {what}; only http:// and https:// feeds are fetched")
    if not parts.hostname:
        raise ValueError(f"{shown!r}: no host")
    if parts.username is not None or parts.password is not None:
        raise ValueError("a user name or password in the URL is not supported (it would be shown and saved)")
    del port
    return url


class _Bad(ValueError):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message, self.field = message, field


def read_subscriptions(data: Any, path: Path | str,
                       line_of: Callable[[int | None, str | None], int | None]) -> tuple[list[Subscription],
                                                                                   list[Problem]]:
    """The sound entries of ``feeds:`` and a problem for each entry left out.

    ``line_of(index, field)``: the line of an entry's field (or of the entry, or of the section), for
    problems that name config.yaml and the line like every other setting.
    """
    problems: list[Problem] = []
    if data is None:
        return [], problems
    if not isinstance(data, list):
        return [], [problem(path, "feeds: expected a list of {url, name, refresh}", line_of(None, None))]
    if len(data) > MAX_FEEDS:
        problems.append(problem(path, f"feeds: at most {MAX_FEEDS} feeds; the rest are left out",
                                line_of(MAX_FEEDS, None)))
        data = data[:MAX_FEEDS]
    out: list[Subscription] = []
    stems: dict[str, int] = {}
    for i, entry in enumerate(data):
        where = f"feeds[{i}]"
        try:
            sub = _entry(entry)
        except _Bad as exc:
            field = f".{exc.field}" if exc.field else ""
            problems.append(problem(path, f"{where}{field}: {exc.message}; this feed is left out",
                                    line_of(i, exc.field)))
            continue
        first = stems.get(sub.file_stem)
        if first is not None:
            problems.append(problem(path, f"{where}.name: {sub.name!r} is the name of feeds[{first}] too (names "
                                    "are compared as file names); this feed is left out", line_of(i, "name")))
            continue
        stems[sub.file_stem] = i
        out.append(sub)
    return out, problems


def _entry(entry: Any) -> Subscription:
    if isinstance(entry, str):
        entry = {"url": entry}  # `- https://example.com/feed.xml`: a URL alone is an entry
    if not isinstance(entry, dict):
        raise _Bad("expected a mapping with url (and optionally name and refresh)")
    unknown = sorted(str(k) for k in entry if k not in _FIELDS)
    if unknown:
        raise _Bad(f"unknown field {clean_line(unknown[0])[:40]!r}; expected url, name, refresh, full_text, "
                   "tags")
    if "url" not in entry:
        raise _Bad("required: the feed's http:// or https:// address", "url")
    try:
        url = check_url(entry["url"])
    except ValueError as exc:
        raise _Bad(str(exc), "url") from None
    name = entry.get("name")
    if name is None:
        name = default_name(url)
    elif not isinstance(name, (str, int, float)) or isinstance(name, bool):
        raise _Bad("expected text", "name")
    else:
        name = clean_line(str(name)).strip()
        if not name:
            raise _Bad("empty once control characters are removed", "name")
        if len(name) > MAX_NAME_CHARS:
            raise _Bad(f"longer than {MAX_NAME_CHARS} characters", "name")
    refresh = DEFAULT_REFRESH
    if entry.get("refresh") is not None:
        try:
            refresh = parse_interval(entry["refresh"])
        except ValueError as exc:
            raise _Bad(str(exc), "refresh") from None
    full_text = entry.get("full_text", False)
    if full_text is None:
        full_text = False
    if not isinstance(full_text, bool):
        # YAML reads `yes`, `on` and `true` as true already: anything else (a string, a number) is a slip.
        raise _Bad(f"expected true or false, not {clean_line(str(full_text))[:40]!r}", "full_text")
    tags = _tags(entry.get("tags"))
    return Subscription(url=url, name=name, refresh=refresh, full_text=full_text, tags=tags)


def _tags(value: Any) -> tuple[str, ...]:
    """``tags: [wire, europe]`` or ``tags: wire``: each once, in order, as one clean line."""
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    if len(values) > MAX_TAGS:
        raise _Bad(f"at most {MAX_TAGS} tags", "tags")
    out: dict[str, None] = {}
    for tag in values:
        if isinstance(tag, bool) or not isinstance(tag, (str, int, float)):
            raise _Bad("expected a list of tags, each a word or a few", "tags")
        text = clean_line(str(tag)).strip()
        if len(text) > MAX_TAG_CHARS:
            raise _Bad(f"a tag longer than {MAX_TAG_CHARS} characters ({text[:40]!r}…)", "tags")
        if text:
            out[text] = None
    return tuple(out)
