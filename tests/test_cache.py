"""The parse cache and the batch loader: hits are equal to fresh parses, bad entries are never shown."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from briefing_tui.cache import ParseCache
from briefing_tui.loading.batch import POOL_THRESHOLD, load_many
from briefing_tui.loading.load import load_file as load_article

from .conftest import SEED_ARTICLE


def test_hit_equals_a_fresh_parse_and_follows_a_rename(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "c.sqlite3")
    article = tmp_path / "a" / "story.txt"
    article.parent.mkdir()
    shutil.copy(SEED_ARTICLE, article)
    fresh = load_article(article, cache).items[0]
    cache.flush()
    hit = load_article(article, cache).items[0]
    assert hit == fresh
    moved = tmp_path / "b" / "renamed.txt"
    moved.parent.mkdir()
    article.rename(moved)
    again = load_article(moved, cache).items[0]
    assert again.id == fresh.id and again.source == str(moved) and again.quotes == fresh.quotes


def test_changed_file_is_parsed_again(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "c.sqlite3")
    article = tmp_path / "s.txt"
    article.write_text("Old title\n\nThe minister said the plan would cost £3bn.\n", encoding="utf-8")
    assert load_article(article, cache).items[0].title == "Old title"
    article.write_text("New title\n\nThe minister said the plan would cost £4bn more.\n", encoding="utf-8")
    item = load_article(article, cache).items[0]
    assert item.title == "New title" and item.figures[0].text == "£4bn"


def test_corrupt_entry_is_dropped_and_reparsed(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "c.sqlite3")
    article = tmp_path / "s.txt"
    shutil.copy(SEED_ARTICLE, article)
    fresh = load_article(article, cache).items[0]
    cache.flush()
    cache._db.execute("UPDATE results SET data = CAST('{\"id\": \"evil\"}' AS BLOB)")
    assert load_article(article, cache).items[0] == fresh
    cache._db.execute("UPDATE results SET data = CAST('not json' AS BLOB), checksum = 'x'")
    assert load_article(article, cache).items[0] == fresh


def test_parser_change_misses(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "c.sqlite3")
    article = tmp_path / "s.txt"
    shutil.copy(SEED_ARTICLE, article)
    load_article(article, cache)
    cache.flush()
    cache.parser = "another-parser"
    assert cache.get(cache.digest_for(article, article.stat()), str(article)) is None


def test_corrupt_database_is_moved_aside(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    cache = ParseCache(db)
    article = tmp_path / "s.txt"
    shutil.copy(SEED_ARTICLE, article)
    assert load_article(article, cache).items
    assert [p.name.split(".corrupt-")[0] for p in tmp_path.glob("*.corrupt-*")] == ["c.sqlite3"]


def test_two_processes_share_one_cache(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(12):
        (folder / f"{i}.txt").write_text(f"Title {i}\n\nOfficials said {i + 2} people were hurt.\n", encoding="utf-8")
    code = (
        "import sys; from pathlib import Path\n"
        "from briefing_tui.cache import ParseCache\n"
        "from briefing_tui.loading.batch import load_many\n"
        "c = ParseCache(Path(sys.argv[1]))\n"
        "for _ in range(3):\n"
        "    n = sum(len(r.items) for _, r, _, _ in load_many([Path(sys.argv[2])], cache=c, workers=1))\n"
        "    assert n == 12, n\n"
        "c.close()\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "c.sqlite3"), str(folder)])
             for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    rows = sqlite3.connect(tmp_path / "c.sqlite3").execute("SELECT count(*) FROM results").fetchone()[0]
    assert rows == 12


def test_worker_processes_give_the_same_items_in_order(tmp_path: Path, shared: Path) -> None:
    files = sorted((shared / "corpus" / "bbc" / "politics").glob("*.txt"))[: POOL_THRESHOLD + 6]
    folder = tmp_path / "in"
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder / f.name)
    inline = [(p, r.items) for p, r, _, _ in load_many([folder], workers=1)]
    pooled = [(p, r.items) for p, r, _, _ in load_many([folder], workers=2)]
    assert pooled == inline and len(inline) == len(files)
    cache = ParseCache(tmp_path / "c.sqlite3")
    cold = [r.items for _, r, _, _ in load_many([folder], cache=cache, workers=2)]
    warm = [r.items for _, r, _, _ in load_many([folder], cache=cache, workers=2)]
    assert cold == warm == [items for _, items in inline]


def test_briefing_files_are_cached_when_clean(tmp_path: Path) -> None:
    from briefing_tui.loading.load import load_file

    cache = ParseCache(tmp_path / "c.sqlite3")
    desk = tmp_path / "desk.yaml"
    desk.write_text("items:\n  - {id: a, title: First, body: One line.}\n  - {id: b, title: Second}\n",
                    encoding="utf-8")
    fresh = load_file(desk, cache)
    cache.flush()
    assert cache.get_many(cache.digest_for(desk, desk.stat())) == fresh.items
    assert load_file(desk, cache).items == fresh.items
    desk.write_text("items:\n  - {id: a, title: \"First, changed\"}\n", encoding="utf-8")
    assert [i.title for i in load_file(desk, cache).items] == ["First, changed"]
    broken = tmp_path / "broken.yaml"
    broken.write_text("items:\n  - {id: a, title: [x]}\n  - {id: c, title: Fine}\n", encoding="utf-8")
    first = load_file(broken, cache)
    assert first.problems and cache.digest_for(broken, broken.stat()) is None  # problems: not cached
    assert load_file(broken, cache).problems == first.problems


def test_a_pool_that_parsed_everything_is_wound_down_before_load_many_returns(tmp_path: Path, shared: Path) -> None:
    """Left running past the last result, the pool's manager thread raced the interpreter's exit hook
    (CPython < 3.13) and `briefing parse` sometimes ended with "OSError: Bad file descriptor"."""
    import threading

    files = sorted((shared / "corpus" / "bbc" / "tech").glob("*.txt"))[: POOL_THRESHOLD + 2]
    folder = tmp_path / "in"
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder / f.name)
    before = set(threading.enumerate())
    results = list(load_many([folder], workers=2))
    assert len(results) == len(files)
    left = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    assert left == [], left
