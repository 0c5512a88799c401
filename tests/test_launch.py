"""The one way the dashboard reads items back (``open_item_source``): through a connection of its own
to the user's parse cache, opened only when first used, or from the files alone with --no-cache."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing_tui.cache import open_default_cache
from briefing_tui.loading.batch import load_many
from briefing_tui.loading.launch import open_item_source
from briefing_tui.loading.load import load_file
from briefing_tui.paths import cache_dir

from .conftest import SEEDS


def _folder(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SEEDS, tmp_path / "desk"))


def _cache_file() -> Path:
    return cache_dir() / "parse-cache.sqlite3"


def test_items_are_read_back_through_a_connection_opened_when_first_needed(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    loader = open_default_cache()  # the loading worker's own connection
    entries = [e for _p, r, _d, _t in load_many([folder], cache=loader, workers=1, lazy=True) for e in r.entries or ()]
    loader.close()
    refs = [e.ref for e in entries if e.ref is not None]
    assert len(refs) == len(entries) == 5

    with open_item_source() as source:
        assert source._cache is None  # nothing opened for a session that never reads
        for ref, entry in zip(refs, entries, strict=True):
            items = source.fetch(ref) or []
            assert items[ref.index].id == entry.summary.id
            assert items[ref.index].source == load_file(ref.path).items[ref.index].source
        assert source._cache is not None
    assert source._cache is None


def test_a_file_loaded_through_the_source_is_cached_for_other_connections(tmp_path: Path) -> None:
    path = _folder(tmp_path) / "desk-briefs.yaml"
    with open_item_source() as source:
        result = source.load(path)
        source.flush()
        other = open_default_cache()
        assert other is not None and other.digest_for(path, path.stat()) == result.digest
        other.close()
    assert result.items == load_file(path).items and result.digest is not None


def test_without_the_cache_items_come_from_the_files_and_no_cache_is_made(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    source = open_item_source(use_cache=False)
    [(path, result)] = [(p, r) for p, r, _d, _t in load_many([folder / "desk-briefs.yaml"], workers=1)]
    assert path is not None and source.load(path).items == result.items
    assert source.cache is None and not _cache_file().exists()
    source.close()
    source.close()  # twice is fine


def test_after_closing_the_source_reads_the_files(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    source = open_item_source()
    first = source.load(folder / "desk-briefs.yaml")
    source.close()
    again = source.load(folder / "desk-briefs.yaml")
    assert again.items == first.items and again.digest is None and source.cache is None
