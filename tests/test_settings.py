"""Settings remembered between launches: read back only while the YAML files are unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_tui import settings as settings_mod
from briefing_tui.settings import load_settings

CONFIG = """\
keywords:
  - {key: "1", name: Sanctions, terms: [sanction, embargo]}
  - {key: "2", name: Nuclear, terms: ["/nuclear|atomic/"]}
keys:
  item.next: ctrl+n
"""


def _as_plain(settings) -> tuple:
    return ([(k.key, k.name, k.terms, k.pattern.pattern, k.pattern.flags) for k in settings.keywords],
            settings.keymap, settings.source, settings.problems)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def test_a_second_launch_reads_the_remembered_settings_not_the_yaml(tmp_path, config, monkeypatch) -> None:
    remember = tmp_path / "cache" / "settings.json"
    first = load_settings(config, remember=remember)
    assert remember.exists() and not first.problems
    monkeypatch.setattr(settings_mod, "_load_settings", lambda *a, **k: pytest.fail("read the YAML again"))
    again = load_settings(config, remember=remember)
    assert _as_plain(again) == _as_plain(first)
    assert again.keywords[1].pattern.search("an atomic plant")


def test_an_edited_config_is_read_again(tmp_path, config) -> None:
    remember = tmp_path / "settings.json"
    load_settings(config, remember=remember)
    config.write_text(CONFIG.replace("Sanctions", "Embargoes") + "\n", encoding="utf-8")
    assert load_settings(config, remember=remember).keywords[0].name == "Embargoes"


def test_a_config_created_later_is_read(tmp_path) -> None:
    remember = tmp_path / "settings.json"
    config = tmp_path / "config.yaml"
    defaults = load_settings(config, remember=remember)
    config.write_text(CONFIG, encoding="utf-8")
    assert [k.name for k in load_settings(config, remember=remember).keywords] == ["Sanctions", "Nuclear"]
    assert [k.name for k in defaults.keywords] != ["Sanctions", "Nuclear"]


@pytest.mark.parametrize("content", ["", "{", "[]", '{"layout": 1}', "\x00\xff"])
def test_a_damaged_remembered_file_only_costs_a_yaml_read(tmp_path, config, content) -> None:
    remember = tmp_path / "settings.json"
    remember.write_text(content, encoding="utf-8", errors="surrogateescape")
    assert [k.name for k in load_settings(config, remember=remember).keywords] == ["Sanctions", "Nuclear"]


def test_settings_with_problems_are_not_remembered(tmp_path) -> None:
    remember = tmp_path / "settings.json"
    config = tmp_path / "config.yaml"
    config.write_text("keywords: 3\n", encoding="utf-8")
    first = load_settings(config, remember=remember)
    assert first.problems and not remember.exists()
    assert load_settings(config, remember=remember).problems  # reported on every launch


def test_a_launch_with_remembered_settings_does_not_import_yaml(tmp_path, config) -> None:
    remember = tmp_path / "settings.json"
    load_settings(config, remember=remember)
    code = ("import sys; from pathlib import Path; from briefing_tui.settings import load_settings; "
            f"s = load_settings(Path({str(config)!r}), remember=Path({str(remember)!r})); "
            "print(len(s.keywords), 'yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["2", "False"]


# ------------------------------------------------------------------ values YAML cannot read (issue 14, defect 1)

@pytest.mark.parametrize("value, message", [
    ("2024-13-45", "'2024-13-45' is not a date or time (month must be in 1..12)"),
    ("!!int abc", "'abc' is not a whole number"),
    ("!!bool maybe", "'maybe' is not true or false"),
    ("!!timestamp soon", "'soon' is not a date or time"),
    ("0x" + "f" * 2000, "number too large (2,000 digits)"),
])
def test_a_config_value_yaml_cannot_read_is_reported_and_the_rest_applies(tmp_path: Path, value: str,
                                                                           message: str) -> None:
    """Such a value used to raise out of the settings loader at every launch; now its section is reported at
    the value's line and column, the defaults stand for it, and the other sections apply."""
    path = tmp_path / "config.yaml"
    path.write_text(f'keywords:\n  - key: "1"\n    name: Sanctions\n    terms: [sanction, {value}]\n'
                    "keys:\n  item.next: ctrl+n\n", encoding="utf-8")
    settings = load_settings(path, explicit=True)
    assert [str(p) for p in settings.problems] == [f"{path}:4:23: {message}"]
    assert settings.keymap == {"item.next": "ctrl+n"}
    assert [k.name for k in settings.keywords] == [k.name for k in load_settings(None).keywords]  # the defaults


def test_a_config_that_is_a_fifo_is_reported_not_waited_on(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    os.mkfifo(path)
    settings = load_settings(path, explicit=True)
    assert [str(p) for p in settings.problems] == [f"{path}: not a regular file (a FIFO); not read"]


# ------------------------------------------------------------------ feeds:

FEEDS_CONFIG = """\
feeds:
  - url: https://www.example.com/news/rss.xml
  - url: ftp://example.com/feed.xml
    name: Old FTP
  - name: No address
  - url: https://example.org/a.atom
    refresh: 1m
  - url: https://example.org/b.atom
    refresh: soon
  - url: https://example.org/c.atom
    name: Example.com News / RSS.xml
  - url: https://example.org/wire.json
    name: Wire
    refresh: 2h
    tags: [wire]
  - url: https://example.org/feed
    refesh: 1h
  - https://example.net/plain.rss
  - url: "javascript:alert(1)"
  - url: https://user:secret@example.net/private.rss
"""


def test_feed_entries_are_checked_one_by_one_with_their_lines(tmp_path: Path) -> None:
    from briefing_tui.feeds.subscriptions import Subscription
    from briefing_tui.settings import load_settings_file

    path = tmp_path / "config.yaml"
    path.write_text(FEEDS_CONFIG, encoding="utf-8")
    settings = load_settings_file(path)
    assert settings.feeds == [
        Subscription(url="https://www.example.com/news/rss.xml", name="example.com/news/rss.xml", refresh=1800),
        Subscription(url="https://example.org/wire.json", name="Wire", refresh=7200, tags=("wire",)),
        Subscription(url="https://example.net/plain.rss", name="example.net/plain.rss", refresh=1800),
    ]
    assert [str(p) for p in settings.problems] == [
        f"{path}:3: feeds[1].url: 'ftp://example.com/feed.xml': a URL of scheme ftp:; only http:// and https:// "
        "feeds are fetched; this feed is left out",
        f"{path}:5: feeds[2].url: required: the feed's http:// or https:// address; this feed is left out",
        f"{path}:7: feeds[3].refresh: 1m is too often: at least 5m, to be polite to the publisher; this feed is "
        "left out",
        f"{path}:9: feeds[4].refresh: 'soon' is not an interval such as 15m, 1h or 1d; this feed is left out",
        f"{path}:11: feeds[5].name: 'Example.com News / RSS.xml' is the name of feeds[0] too (names are compared "
        "as file names); this feed is left out",
        f"{path}:16: feeds[7]: unknown field 'refesh'; expected url, name, refresh, full_text, tags; this feed is "
        "left out",
        f"{path}:19: feeds[9].url: 'javascript:alert(1)': a URL of scheme javascript:; only http:// and https:// "
        "feeds are fetched; this feed is left out",
        f"{path}:20: feeds[10].url: a user name or password in the URL is not supported (it would be shown and "
        "saved); this feed is left out",
    ]


@pytest.mark.parametrize(("text", "message"), [
    ("feeds: https://example.com/rss\n", "feeds: expected a list of {url, name, refresh}"),
    ("feeds:\n  - url: 'https://exa mple.com/rss'\n",
     "feeds[0].url: 'https://exa mple.com/rss': spaces or control characters in a URL; this feed is left out"),
    ("feeds:\n  - url: 'https://example.com:99999/rss'\n",
     "feeds[0].url: 'https://example.com:99999/rss' is not a URL (Port out of range 0-65535); this feed is left "
     "out"),
    ("feeds:\n  - url: 'https:///rss'\n", "feeds[0].url: 'https:///rss': no host; this feed is left out"),
    ("feeds:\n  - url: https://example.com/rss\n    refresh: 8d\n",
     "feeds[0].refresh: 8d is too long: at most 7d; this feed is left out"),
    ("feeds:\n  - url: https://example.com/rss\n    refresh: 30\n",
     "feeds[0].refresh: expected an interval such as 15m, 1h or 1d; this feed is left out"),
    ("feeds:\n  - url: https://example.com/rss\n    name: \"\\x1b]0;t\\x07\"\n",
     "feeds[0].name: empty once control characters are removed; this feed is left out"),
])
def test_bad_feed_sections_and_values(tmp_path: Path, text: str, message: str) -> None:
    from briefing_tui.settings import load_settings_file

    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    settings = load_settings_file(path)
    assert settings.feeds == []
    assert [p.message for p in settings.problems] == [message]
    assert all(p.line is not None for p in settings.problems)


def test_escape_sequences_are_dropped_from_a_name(tmp_path: Path) -> None:
    from briefing_tui.settings import load_settings_file

    path = tmp_path / "config.yaml"
    path.write_text('feeds:\n  - url: https://a.example/rss\n    name: "\\x1b[31mRed\\x1b[0m Wire"\n',
                    encoding="utf-8")
    settings = load_settings_file(path)
    assert [f.name for f in settings.feeds] == ["Red Wire"] and not settings.problems


def test_duplicate_names_keep_the_first(tmp_path: Path) -> None:
    from briefing_tui.settings import load_settings_file

    path = tmp_path / "config.yaml"
    path.write_text("feeds:\n  - url: https://a.example/rss\n    name: Wire\n"
                    "  - url: https://b.example/rss\n    name: WIRE\n", encoding="utf-8")
    settings = load_settings_file(path)
    assert [f.url for f in settings.feeds] == ["https://a.example/rss"]
    assert [(p.line, p.message) for p in settings.problems] == [
        (5, "feeds[1].name: 'WIRE' is the name of feeds[0] too (names are compared as file names); this feed is "
            "left out")]


def test_feeds_are_remembered_with_the_other_settings(tmp_path: Path, monkeypatch) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("feeds:\n  - url: https://a.example/rss\n    name: Wire\n    refresh: 1h\n", encoding="utf-8")
    remember = tmp_path / "cache" / "settings.json"
    first = load_settings(config, remember=remember)
    monkeypatch.setattr(settings_mod, "_load_settings", lambda *a, **k: pytest.fail("read the YAML again"))
    again = load_settings(config, remember=remember)
    assert again.feeds == first.feeds and [f.refresh for f in again.feeds] == [3600]


def test_state_and_reviewer_are_read_and_remembered(tmp_path: Path, monkeypatch) -> None:
    config = tmp_path / "conf" / "config.yaml"
    config.parent.mkdir()
    config.write_text("state: postgresql://ana@db.example/desk\nreviewer: \"Ana\\x1b[2J Duarte\"\n", encoding="utf-8")
    remember = tmp_path / "cache" / "settings.json"
    first = load_settings(config, remember=remember)
    assert not first.problems
    assert first.state == "postgresql://ana@db.example/desk" and first.reviewer == "Ana Duarte"
    monkeypatch.setattr(settings_mod, "_load_settings", lambda *a, **k: pytest.fail("read the YAML again"))
    again = load_settings(config, remember=remember)
    assert (again.state, again.reviewer) == (first.state, first.reviewer)


def test_a_state_path_is_read_from_the_configs_folder(tmp_path: Path) -> None:
    config = tmp_path / "conf" / "config.yaml"
    config.parent.mkdir()
    config.write_text("state: desk/review.sqlite3\n", encoding="utf-8")
    assert load_settings(config).state == str(tmp_path / "conf" / "desk" / "review.sqlite3")
    config.write_text("state: sqlite:///rel.sqlite3\n", encoding="utf-8")
    assert load_settings(config).state == "sqlite:///rel.sqlite3"  # a URL is as written: relative to the folder run in


@pytest.mark.parametrize(("text", "message"), [
    ("state: mysql://db/desk\n", "1: state: "),
    ("state: [a, b]\n", "1: state: expected a text value"),
    ("keys: {}\nreviewer: 12\n", "2: reviewer: expected a text value"),
    ("reviewer: \"\\x1b[0m\"\n", "1: reviewer: expected a name"),
    ("stat: x\n", "unknown section 'stat'; expected keywords, keys, feeds, rules, grouping, searches, state, reviewer, "
                  "claim_lapse or mark_advances"),
])
def test_bad_state_or_reviewer_is_reported_at_its_line_and_left_out(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(text, encoding="utf-8")
    settings = load_settings(config)
    assert any(message in str(p) for p in settings.problems), settings.problems
    assert settings.state is None and settings.reviewer is None


SEARCHES = """\
searches:
  - {name: Ceasefire talks, find: ceasefire, key: "^"}
  - {name: No query}
  - {name: Bad key, find: x, key: "not a key"}
  - {name: Sanctions, find: "  sanctions  "}
  - {name: sanctions, find: again}
  - name: Moscow
    find: Moscow
    colour: red
"""


def test_saved_searches_are_read_and_a_bad_one_is_reported_at_its_line(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(SEARCHES, encoding="utf-8")
    settings = load_settings(config)
    assert [(s.name, s.query, s.key) for s in settings.searches] == [("Ceasefire talks", "ceasefire", "^"),
                                                                     ("Sanctions", "sanctions", None)]
    assert [(p.line, p.message.split(":")[0]) for p in settings.problems] == [
        (3, "searches[1].find"), (4, "searches[2].key"), (6, "searches[4].name"), (7, "searches[5]")]


def test_saved_searches_are_remembered_with_the_other_settings(tmp_path: Path, monkeypatch) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("searches:\n  - {name: Talks, find: ceasefire talks, key: f5}\n", encoding="utf-8")
    remember = tmp_path / "cache" / "settings.json"
    first = load_settings(config, remember=remember)
    monkeypatch.setattr(settings_mod, "_load_settings", lambda *a, **k: pytest.fail("read the YAML again"))
    assert load_settings(config, remember=remember).searches == first.searches != []


def test_a_searches_section_that_is_not_a_list_is_reported(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("keywords: []\nsearches: ceasefire\n", encoding="utf-8")
    settings = load_settings(config)
    assert settings.searches == [] and [(p.line, p.message) for p in settings.problems if "searches" in p.message] == [
        (2, "searches: expected a list of {name, find, key}")]
