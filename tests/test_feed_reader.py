"""Feed files: every entry of an RSS, RDF, Atom or JSON Feed file is an item, through the real loader.

The feeds in tests/feeds are real publishers' (from another parser's test data, see SOURCES.md)
and broken ones written for these tests. Nothing here touches the network.
"""

from __future__ import annotations

import pickle
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_tui.cache import ParseCache
from briefing_tui.item_decode import item_from_dict
from briefing_tui.loading.batch import load_many
from briefing_tui.loading.discover import discover
from briefing_tui.loading.load import load_file
from briefing_tui.loading.readers import feed, readable_suffixes, reader_for
from briefing_tui.model import Item, Related
from briefing_tui.problems import Problem
from briefing_tui.sanitize import is_clean_line, is_clean_text
from briefing_tui.summary import Summary

FEEDS = Path(__file__).parent / "feeds"

# file: (format as feedparser or JSON Feed names it, source, its entries as (title, date))
REAL = {
    "nbc-new-york.rss": ("rss20", "NBC New York", [
        ("NYC cops search for stabbing suspect after leaving 18-year-old to bleed out on sidewalk", "2023-12-16")]),
    "il-giornale.xml": ("rss20", "Il Giornale - Cronache", [
        ("Arrestato in Pakistan Shabbar Abbas. In Italia è accusato per l'omicidio di Saman", "2022-11-15")]),
    "spiegel-update.rss": ("rss20", "SPIEGEL Update – Die Nachrichten", [
        ("07.02. – die Wochenvorschau: Lockdown-Verlängerung, Kriegsverbrecher vor Gericht, Super Bowl, Karneval",
         "2021-02-06")]),
    "wirecutter.xml": ("rss20", "Wirecutter: Reviews for the Real World", [
        ("How to Teach Someone a Board Game (and Even Have Fun Doing It)", "2022-09-20")]),
    "reddit-rust.atom": ("atom10", "The Rust Programming Language", [
        ("Hey Rustaceans! Got an easy question? Ask here (21/2020)!", "2020-05-18")]),
    "planet-gnome.atom": ("atom10", "Planet GNOME", [
        ("High resolution wheel scrolling in the desktop stack", "2020-04-04")]),
    "debian-news.rdf": ("rss10", "Debian News", [("Updated Debian 11: 11.6 released", "2022-12-17")]),
    "biorxiv-genomics.rdf": ("rss10", "bioRxiv Subject Collection: Genomics", [
        ("Complete genome of the Medicago anthracnose fungus, Colletotrichum destructivum, reveals a "
         "mini-chromosome-like region within a core chromosome.", "2023-12-16")]),
    "daring-fireball.json": ("json1", "Daring Fireball", [
        ("How Jeff Bezos’s iPhone X Was Hacked", "2020-01-24"), ("Instagram for Windows 95", "2020-01-21")]),
    "influxdata.jsonfeed": ("json1.1", "Blog – InfluxData", [
        ("InfluxDB vs. Graphite for Time Series Data & Metrics Benchmark", "2019-05-31"),
        ("InfluxDB vs. Elasticsearch for Time Series Data & Metrics Benchmark", "2018-02-06"),
        ("Fake item", None)]),
}

DESK_WIRE = ["Port strike halts grain exports", "Central bank holds rates at 4.5%",
             "Storm closes northern ferry routes"]

# What no item may hold once read: control and escape characters, bidi controls, markup.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MARKUP = re.compile(r"<[A-Za-z/!]|script|alert\(|onerror|onclick|color: red|tracking comment|injected", re.I)


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[ParseCache]:
    c = ParseCache(tmp_path / "cache" / "parse.sqlite3")
    yield c
    c.close()


def load(name: str) -> tuple[list[Item], list[Problem]]:
    result = load_file(FEEDS / name)
    return result.items, result.problems


def by_title(items: list[Item]) -> dict[str | None, Item]:
    return {item.title: item for item in items}


def texts(item: Item) -> list[str]:
    """Every text of an item a reader or an export shows."""
    out = [item.title or "", item.dateline or "", item.date or "", item.source or "", *item.body, *item.tags]
    out += [r.title for r in item.related] + [r.url or "" for r in item.related]
    out += [name for actor in item.actors for name in actor.names()]
    out += [q.text for q in item.quotes] + [f.text for f in item.figures]
    return out


def _rss_items(text: str) -> tuple[str, list[str], str]:
    """(what comes before the first item, the items, what comes after the last)."""
    start, end = text.index("<item>"), text.rindex("</item>") + len("</item>")
    return text[:start], re.findall(r"(?s)<item>.*?</item>", text), text[end:]


# ------------------------------------------------------------------ real feeds


@pytest.mark.parametrize("name", sorted(REAL))
def test_each_entry_of_a_real_feed_is_an_item_with_title_date_source_and_body(name: str) -> None:
    _format, source, entries = REAL[name]
    items, problems = load(name)
    assert problems == []
    assert [(item.title, item.date) for item in items] == entries
    assert {item.source for item in items} == {source}
    assert len({item.id for item in items}) == len(items)
    for item in items:
        if item.title != "Fake item":  # an entry of a title and a link only
            assert item.body and all(p.strip() for p in item.body)
        for text in texts(item):
            assert not _UNSAFE.search(text) and "<" not in text, text


def test_the_real_feeds_are_of_every_format() -> None:
    import io
    import json

    import feedparser

    for name, (fmt, _source, _entries) in REAL.items():
        data = (FEEDS / name).read_bytes()
        if fmt.startswith("json"):
            assert json.loads(data)["version"] == "https://jsonfeed.org/version/" + fmt.removeprefix("json"), name
        else:
            assert feedparser.parse(io.BytesIO(data)).version == fmt, name
        assert reader_for(FEEDS / name) is feed.READER
    assert {fmt for fmt, _source, _entries in REAL.values()} == {"rss20", "rss10", "atom10", "json1", "json1.1"}


def test_a_body_is_read_as_paragraphs_of_text() -> None:
    gnome = load("planet-gnome.atom")[0][0]  # Atom XHTML content
    assert len(gnome.body) >= 8
    assert gnome.body[1].startswith("Let's recap: in v5.0 the kernel added new axes REL_WHEEL_HI_RES")
    reddit = load("reddit-rust.atom")[0][0]  # escaped HTML with comments and links
    assert reddit.body[0].startswith("Mystified about strings? Borrow checker have you in a headlock?")
    assert not any("SC_OFF" in p or "&#39;" in p for p in reddit.body)
    wirecutter = load("wirecutter.xml")[0][0]  # content:encoded is preferred to the description
    assert "teach your friends how to play a new board game" in " ".join(wirecutter.body)
    assert "Dismiss" not in wirecutter.body  # the interface string the page ends with
    debian = load("debian-news.rdf")[0][0]  # a description of escaped markup, lines wrapped in the file
    assert len(debian.body) == 1
    assert debian.body[0].startswith("The Debian project is pleased to announce the sixth update of its stable "
                                     "distribution Debian 11 (codename bullseye")
    assert debian.body[0].endswith("have already been published separately and are referenced where available.")


def test_people_quotes_and_figures_are_extracted_from_entry_bodies() -> None:
    items, problems = load("desk-wire.rss")
    assert problems == [] and [item.title for item in items] == DESK_WIRE
    strike, rates, storm = items
    assert strike.dateline == "ODESA, Ukraine"
    assert strike.body[0].startswith("Dockworkers walked out on Monday, leaving 42 ships")
    assert "Olena Kovalenko" in [actor.name for actor in strike.actors]
    assert any(q.speaker == "Olena Kovalenko" and "We will not go back" in q.text for q in strike.quotes)
    assert {"42", "$15 million"} <= {f.text for f in strike.figures}
    assert "Maria Lindqvist" in [actor.name for actor in rates.actors]
    assert {"4.5 per cent", "2.9%"} <= {f.text for f in rates.figures}
    # A description without markup is text: its blank line parts paragraphs.
    assert storm.body == ["Ferries stayed in harbour all day as gusts reached 110 km/h.",
                          "The coast guard said 3 crossings were cancelled."]
    assert "110 km/h" in {f.text for f in storm.figures}
    biorxiv = load("biorxiv-genomics.rdf")[0][0]  # a real one
    assert {"51.7", "15,631", "484"} <= {f.text for f in biorxiv.figures}


def test_dates_are_the_day_the_publisher_wrote() -> None:
    strike = load("desk-wire.rss")[0][0]
    assert strike.date == "2024-05-06"  # 23:40 at -04:00, already the 7th in UTC
    careless = load("careless.json")[0][0]
    assert careless.date == "2024-05-10"  # 21:30 at -07:00
    nbc = load("nbc-new-york.rss")[0][0]
    assert nbc.date == "2023-12-16"  # `Sat, Dec 16 2023 02:02:33 PM`: read by feedparser's own parsers
    reddit = load("reddit-rust.atom")[0][0]
    assert reddit.date == "2020-05-18"  # Atom `updated` when there is no `published`


def test_the_entry_link_is_the_first_related_story_and_only_web_links_are_kept() -> None:
    strike = load("desk-wire.rss")[0][0]
    assert strike.related[0] == Related("Full story on deskwire.example.com",
                                        "https://deskwire.example.com/2024/05/06/port-strike")
    fireball = load("daring-fireball.json")[0][0]
    assert fireball.related == [
        Related("Full story on daringfireball.net", "https://daringfireball.net/linked/2020/01/24/bezos-iphone-x"),
        Related("Linked article on nytimes.com",
                "https://www.nytimes.com/2020/01/22/technology/jeff-bezos-hack-iphone.html")]
    gnome = load("planet-gnome.atom")[0][0]
    assert all((r.url or "").startswith("https://") for r in gnome.related)  # not its `tag:` id
    hostile = by_title(load("hostile-markup.rss")[0])
    assert hostile["Escaped markup & entities in a title"].related == []  # a javascript: link


# ------------------------------------------------------------------ ids


def test_ids_stay_the_same_when_the_feed_is_downloaded_again(tmp_path: Path) -> None:
    original = load("desk-wire.rss")[0]
    ids = {item.title: item.id for item in original}
    assert len(set(ids.values())) == 3
    assert [item.id for item in load_file(FEEDS / "desk-wire.rss").items] == list(ids.values())

    head, entries, tail = _rss_items((FEEDS / "desk-wire.rss").read_text(encoding="utf-8"))
    reordered = tmp_path / "elsewhere" / "wire-tuesday.rss"  # another name, another folder
    reordered.parent.mkdir()
    reordered.write_text(head + "".join(reversed(entries)) + tail, encoding="utf-8")
    items = load_file(reordered).items
    assert [item.title for item in items] == list(reversed(DESK_WIRE))
    assert {item.title: item.id for item in items} == ids

    # Next day: a new entry on top, the oldest gone, and every remaining text edited by the desk.
    new = ("<item><title>Ferries sail again</title><guid>https://deskwire.example.com/2024/05/09/ferries</guid>"
           "<description>Services resumed at dawn.</description></item>")
    edited = [e.replace("Monday", "Monday night").replace("4.5 per cent", "4.50 per cent") for e in entries[1:]]
    later = tmp_path / "wire-thursday.rss"
    later.write_text(head + new + "".join(edited) + tail, encoding="utf-8")
    items = load_file(later).items
    assert [item.title for item in items] == ["Ferries sail again", *DESK_WIRE[1:]]
    assert {item.title: item.id for item in items[1:]} == {t: ids[t] for t in DESK_WIRE[1:]}
    assert items[0].id not in ids.values()


def test_json_feed_ids_survive_reordering(tmp_path: Path) -> None:
    import json

    doc = json.loads((FEEDS / "influxdata.jsonfeed").read_text(encoding="utf-8"))
    ids = {item.title: item.id for item in load("influxdata.jsonfeed")[0]}
    doc["items"].reverse()
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert {item.title: item.id for item in load_file(path).items} == ids


def _one_entry_feed(path: Path, channel: str, guid: str, permalink: bool = False) -> Path:
    path.write_text(
        f'<rss version="2.0"><channel><title>{channel}</title><link>https://{channel.lower()}.example/</link>'
        f'<item><title>Same story</title><guid isPermaLink="{str(permalink).lower()}">{guid}</guid>'
        "<description>Text.</description></item></channel></rss>", encoding="utf-8")
    return path


def test_a_bare_guid_is_unique_only_in_its_feed_and_a_url_guid_everywhere(tmp_path: Path) -> None:
    north = load_file(_one_entry_feed(tmp_path / "north.rss", "North", "1")).items[0]
    south = load_file(_one_entry_feed(tmp_path / "south.rss", "South", "1")).items[0]
    assert north.id != south.id  # `1` in two feeds: two stories
    url = "https://agency.example/story/77"
    north = load_file(_one_entry_feed(tmp_path / "north-url.rss", "North", url, True)).items[0]
    south = load_file(_one_entry_feed(tmp_path / "south-url.rss", "South", url, True)).items[0]
    assert north.id == south.id  # one story carried by two feeds: one item, reviewed once


def test_entries_sharing_a_guid_are_told_apart_and_an_exact_repeat_is_reported() -> None:
    items, problems = load("repeated-guids.rss")
    assert [item.title for item in items] == ["Mayor opens new library", "Council approves budget"]
    assert len({item.id for item in items}) == 2
    assert [(p.field, p.message) for p in problems] == [
        ("entry 3", "repeats entry 1 (same id, link, title, date and text); skipped")]


# ------------------------------------------------------------------ hostile and broken input


def test_nothing_from_markup_or_escapes_reaches_an_item() -> None:
    hostile, problems = load("hostile-markup.rss")
    assert problems == []
    assert [item.title for item in hostile] == ["Minister resigns after vote", "Escaped markup & entities in a title",
                                                "[bold red]Console markup[/] stays text reversed"]
    assert {item.source for item in hostile} == {"Hostile Wire"}
    assert hostile[0].body == ["The minister, Anna Berg, resigned on Monday after losing the vote by 214 to 198.",
                               '"I take full responsibility," Berg said in a statement.']
    assert hostile[1].body == ["Escaped HTML in the summary."]
    assert hostile[2].body == ["Plain text with a tag typed as text."]

    escapes, problems = load("escapes.atom")
    assert [item.title for item in escapes] == ["Red alert and a bell in a title", "Reference [31mescape[0m and bidi"]
    assert {item.source for item in escapes} == {"Escapes Daily"}
    assert escapes[0].body == ["Clipboard write and a clear screen."]

    careless, _problems = load("careless.json")
    assert careless[1].title == "Escapes in JSON" and careless[1].body == ["Summary only, red."]
    assert {item.source for item in careless} == {"Careless JSON Desk"}

    for item in [*hostile, *escapes, *careless]:
        assert item.title is None or is_clean_line(item.title)
        assert all(is_clean_text(p) for p in item.body)
        for text in texts(item):
            assert not _UNSAFE.search(text), text
            assert not _MARKUP.search(text), text
        assert item_from_dict(item.to_dict()) == item  # as the parse cache checks what it reads back


@pytest.mark.parametrize(("name", "titles", "problems"), [
    ("broken-markup.rss", ["First story survives", "Second story survives", "Third story has bad markup",
                           "Fourth story after the break"],
     [(20, None, "invalid XML: mismatched tag; its entries were read leniently and may be incomplete")]),
    ("escapes.atom", ["Red alert and a bell in a title", "Reference [31mescape[0m and bidi"],
     [(4, None, "invalid XML: not well-formed (invalid token); its entries were read leniently and may be "
                "incomplete")]),
    ("wrong-encoding.rss", ["Zürich talks end – no deal"],
     [(None, None, "wrong declared encoding: document declared as utf-8, but parsed as windows-1252")]),
    ("untitled-undated.rss", [None, "A headline with no date and no text", "Undated story"],
     [(None, "entry 3 (https://sparse.example.com/nothing)", "no title and no text; skipped")]),
    ("careless.json", ["Numbered id, read as text", "Escapes in JSON"],
     [(None, "entry 2", "could not be read (TypeError: a JSON string, not an object); skipped"),
      (None, "entry 3 (102)", "no title and no text; skipped")]),
    ("empty.atom", [], [(None, None, "the feed has no entries")]),
    ("sitemap.xml", [], [(None, None, "not a feed: its document element is <urlset>, not <rss>, <feed> or <rdf:RDF>")]),
    ("not-a-feed.json", [], [(None, None, 'not a JSON Feed: JSON without a "version" of '
                                          "https://jsonfeed.org/version/1.1")]),
])
def test_broken_feeds_give_what_they_can_and_problems_naming_the_file(
        name: str, titles: list[str | None], problems: list[tuple[int | None, str | None, str]]) -> None:
    path = FEEDS / name
    result = load_file(path)
    assert [item.title for item in result.items] == titles
    assert [(p.line, p.field, p.message) for p in result.problems] == problems
    for p in result.problems:
        assert p.path == str(path) and str(p).startswith(f"{path}:")


def test_the_wrongly_declared_encoding_is_read_right() -> None:
    item = load("wrong-encoding.rss")[0][0]
    assert item.source == "Café Wire"
    assert item.body == ["Jürg Müller said the talks had “run their course”."]


def test_an_untitled_entry_is_listed_by_its_first_sentence() -> None:
    untitled = load("untitled-undated.rss")[0][0]
    assert untitled.title is None and untitled.date == "2024-05-09"
    assert Summary.of(untitled).label == "Officials confirmed the bridge would reopen on Friday."


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("empty.rss", b"", (None, "empty file: no feed")),
    ("blank.json", b"  \n", (None, "empty file: no feed")),
    ("notes.xml", b"Just some notes\n\nnot XML at all.\n", (2, "not a feed: not XML, and no <rss>, <feed> or "
                                                                "<rdf:RDF> element")),
    ("page.xml", b"<!DOCTYPE html><html><body><p>A page.</p></body></html>",
     (None, "not a feed: its document element is <html>, not <rss>, <feed> or <rdf:RDF>")),
    ("broken.json", b'{"version": "https://jsonfeed.org/version/1.1",\n "items": [}',
     (2, "not a JSON Feed: invalid JSON (Expecting value)")),
    ("list.json", b"[1, 2, 3]", (None, 'not a JSON Feed: a JSON list, not an object with a "version" of '
                                       "https://jsonfeed.org/version/1.1")),
    ("deep.json", b"[" * 100_000 + b"]" * 100_000, (None, "not a JSON Feed: nested too deeply")),
    ("no-items.json", b'{"version": "https://jsonfeed.org/version/1", "title": "T"}',
     (None, 'JSON Feed without an "items" list')),
    ("binary.json", bytes(range(256)) * 4, (None, "binary data, not text (NUL bytes)")),
    ("cut-short.rss", b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>',
     (1, "invalid XML: no element found; no entries could be read")),
])
def test_input_that_gives_no_entries_is_one_problem_naming_the_file(tmp_path: Path, name: str, data: bytes,
                                                                     expected: tuple[int | None, str]) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = load_file(path)
    assert result.items == []
    assert [(p.path, p.line, p.message) for p in result.problems] == [(str(path), *expected)]


def test_entities_never_read_files_or_multiply(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN", encoding="utf-8")
    xxe = tmp_path / "xxe.rss"
    xxe.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>\n'
                   '<rss version="2.0"><channel><title>T</title><item><title>Leak: &leak;</title>'
                   "<description>Text.</description></item></channel></rss>", encoding="utf-8")
    lol = tmp_path / "lol.rss"
    laughs = "".join(f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("abcdefgh", "bcdefghi", strict=True))
    lol.write_text('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">' + laughs + "]>\n"
                   '<rss version="2.0"><channel><title>T</title><item><title>&i;</title>'
                   "<description>Text.</description></item></channel></rss>", encoding="utf-8")
    for path in (xxe, lol):
        items = load_file(path).items
        assert len(items) == 1 and "TOP-SECRET" not in " ".join(texts(items[0]))
        assert sum(map(len, texts(items[0]))) < 1000


def test_a_feed_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.rss"
    path.write_bytes(b'<rss version="2.0"><channel><title>T</title>' + b" " * feed.MAX_FEED_BYTES + b"</channel></rss>")
    assert [p.message for p in load_file(path).problems] == ["file is 2.0 MB; the limit is 2.0 MB"]


def test_entries_past_the_cap_are_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feed, "MAX_FEED_ENTRIES", 2)
    items, problems = load("desk-wire.rss")
    assert [item.title for item in items] == DESK_WIRE[:2]
    assert [p.message for p in problems] == ["the feed has 3 entries; only the first 2 were read"]


# ------------------------------------------------------------------ which files are feeds


def test_feed_suffixes_are_claimed_and_searched_for() -> None:
    for suffix in (".rss", ".atom", ".rdf", ".xml", ".json", ".jsonfeed", ".RSS"):
        assert reader_for(Path("desk" + suffix)) is feed.READER
        assert suffix.lower() in readable_suffixes()
    found = {found.path.name for found in discover([FEEDS]) if found.path}
    assert found == {p.name for p in FEEDS.iterdir()}  # every feed, and SOURCES.md as a Markdown article


_PROLOG = b'\xef\xbb\xbf<?xml version="1.0"?>\n<?xml-stylesheet href="s.css"?>\n<!-- saved 2024-05-10 -->\n'


@pytest.mark.parametrize(("head", "reader"), [
    (_PROLOG + b'<rss version="2.0"><channel><title>T</title></channel></rss>', "feed"),
    (b'<!DOCTYPE rss [<!ENTITY x "y">]>\n<rss version="0.91"><channel/></rss>', "feed"),
    (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>', "feed"),
    (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', "feed"),
    ('<?xml version="1.0" encoding="utf-16"?><rss version="2.0"/>'.encode("utf-16"), "feed"),
    (b'{\n  "version": "https://jsonfeed.org/version/1.1", "items": []}', "feed"),
    (b'{"title": "T", "version": "https:\\/\\/jsonfeed.org\\/version\\/1"}', "feed"),
    # Not feeds: pages (even with a feed's words in them), text, Markdown, YAML, other JSON.
    (b'<?xml version="1.0"?><!DOCTYPE html><html><body><p>Our <feed> and rss.</p></body></html>', "html"),
    (b"<html><head><link rel=alternate type=application/rss+xml href=/rss></head><body><p>x</p></body></html>",
     "html"),
    (b"The <rss> feed is down today.\n\nMore later.\n", "text"),
    (b"# Feeds\n\nHow to read <feed> elements.\n", "markdown"),
    (b"title: RSS\nbody: <rss> is a feed.\n", "yaml"),
    (b'{"name": "x", "version": "1.0"}', "text"),
])
def test_a_file_without_a_suffix_is_a_feed_only_when_its_first_bytes_say_so(tmp_path: Path, head: bytes,
                                                                             reader: str) -> None:
    path = tmp_path / "download"
    path.write_bytes(head)
    assert reader_for(path).name == reader


def test_a_feed_saved_without_a_suffix_or_under_the_other_format_s_suffix_still_reads(tmp_path: Path) -> None:
    shutil.copy(FEEDS / "desk-wire.rss", tmp_path / "download")
    shutil.copy(FEEDS / "daring-fireball.json", tmp_path / "fireball.xml")  # JSON under an XML suffix
    shutil.copy(FEEDS / "reddit-rust.atom", tmp_path / "reddit.json")  # and the other way round
    assert [item.title for item in load_file(tmp_path / "download").items] == DESK_WIRE
    assert [item.title for item in load_file(tmp_path / "fireball.xml").items] == [
        "How Jeff Bezos’s iPhone X Was Hacked", "Instagram for Windows 95"]
    assert len(load_file(tmp_path / "reddit.json").items) == 1
    utf16 = tmp_path / "wide.rss"
    utf16.write_bytes((FEEDS / "wrong-encoding.rss").read_bytes().decode("cp1252")
                      .replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16"))
    assert [item.title for item in load_file(utf16).items] == ["Zürich talks end – no deal"]


# ------------------------------------------------------------------ the app's loading


def test_a_folder_of_feeds_loads_through_the_app_loader_and_its_cache(tmp_path: Path, cache: ParseCache,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    for name in ("desk-wire.rss", "daring-fireball.json", "debian-news.rdf", "sitemap.xml", "broken-markup.rss"):
        shutil.copy(FEEDS / name, folder / name)
    (folder / "notes.txt").write_text("Harbour notes\n\nThe harbour master said 12 ships were waiting.\n",
                                      encoding="utf-8")
    cold = {path.name: result for path, result, _d, _t in load_many([folder], cache=cache, workers=1, lazy=True)
            if path}
    assert [e.summary.title for e in cold["desk-wire.rss"].entries or []] == DESK_WIRE
    assert {e.summary.source for e in cold["desk-wire.rss"].entries or []} == {"Desk Wire"}
    assert len(cold["daring-fireball.json"].entries or []) == 2 and len(cold["notes.txt"].entries or []) == 1
    assert [p.message[:23] for p in cold["sitemap.xml"].problems] == ["not a feed: its documen"]
    assert len(cold["broken-markup.rss"].entries or []) == 4 and len(cold["broken-markup.rss"].problems) == 1

    def refuse(*_args: object) -> Iterator[Item | Problem]:
        raise AssertionError("read a cached feed again")

    monkeypatch.setattr(feed.FeedReader, "read", refuse)
    warm = {path.name: result for path, result, _d, _t in load_many([folder], cache=cache, workers=1, lazy=True)
            if path and path.name in ("desk-wire.rss", "daring-fireball.json", "debian-news.rdf")}
    for name, result in warm.items():  # served from the cache, with their feed's name as the source
        assert [(e.summary, e.text) for e in result.entries or []] == [
            (e.summary, e.text) for e in cold[name].entries or []], name
    assert load_file(folder / "desk-wire.rss", cache).items[0].source == "Desk Wire"


def test_the_reader_goes_to_worker_processes_ready_and_imports_nothing_at_start_up() -> None:
    import subprocess
    import sys

    assert feed.READER.parallel and not feed.READER.source_is_path
    assert pickle.loads(pickle.dumps(feed.READER)).name == "feed"  # sent to the workers with each file
    feed.READER.prepare()
    code = ("import sys, briefing_tui.loading.readers\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('feedparser', 'sgmllib', 'lxml')\n"
            "             or m in ('html.parser', 'email.utils')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


async def test_the_dashboard_lists_a_feed_s_entries(tmp_path: Path) -> None:
    from briefing_tui.ui.widgets.item_list import ItemList

    from .ui.helpers import loaded, make_app

    path = tmp_path / "wire.rss"
    shutil.copy(FEEDS / "desk-wire.rss", path)
    app = make_app(paths=[path])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 3)
        assert [row.title for row in screen.query_one(ItemList).rows] == DESK_WIRE
        assert screen.item.title == DESK_WIRE[0] and screen.item.source == "Desk Wire"
        assert "Olena Kovalenko" in [actor.name for actor in screen.item.actors]
        await pilot.press("j")
        assert screen.item.title == DESK_WIRE[1]
