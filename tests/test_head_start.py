"""Loading that starts with the process (HeadStart) hands over to the screen's worker losing nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing_tui.cache import ParseCache, open_default_cache
from briefing_tui.loading.batch import load_many
from briefing_tui.loading.head_start import HeadStart

from .conftest import SEEDS


def _ids(results) -> list[str]:
    return [entry.summary.id for _path, result, _done, _total in results for entry in result.entries or ()]


def _folder(tmp_path: Path, copies: int = 4) -> Path:
    folder = tmp_path / "items"
    for k in range(copies):
        shutil.copytree(SEEDS, folder / f"copy{k}")
    return folder


def test_what_is_taken_and_the_rest_are_everything_once_in_order(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    cache = open_default_cache()
    expected = _ids(load_many([folder], cache=cache, lazy=True))
    cache.close()
    head = HeadStart([folder], first=3).start()
    head._thread.join()  # the first few are ready: take them as the screen does at mount
    taken = head.take_ready()
    assert taken
    rest = list(head.rest())
    head.close()
    assert _ids(taken) + _ids(rest) == expected
    assert [done for _p, _r, done, _t in taken + rest] == list(range(1, len(taken) + len(rest) + 1))


def test_taking_at_once_gives_what_there_is_and_the_rest_follows(tmp_path: Path) -> None:
    folder = _folder(tmp_path, copies=2)
    head = HeadStart([folder]).start()
    taken = head.take_ready()  # possibly nothing yet: the screen never waits for it
    rest = list(head.rest())
    head.close()
    assert len(_ids(taken) + _ids(rest)) == 2 * 5


def test_entries_parsed_cold_are_readable_by_another_connection_when_taken(tmp_path: Path) -> None:
    # The screen reads a shown item back through its own connection while loading goes on: the
    # head start's writes must be committed by then (they once held the lock and the read parsed
    # the file again and failed to write: "database is locked").
    folder = _folder(tmp_path, copies=2)
    head = HeadStart([folder], first=2).start()
    head._thread.join()  # stopped after two entries, in the middle of the folder
    taken = head.take_ready()
    reader = ParseCache(head.cache.path)
    try:
        refs = [entry.ref for _p, result, _d, _t in taken for entry in result.entries or () if entry.ref]
        assert refs
        assert all(reader.get_items(ref.digest) for ref in refs)
    finally:
        reader.close()
        list(head.rest())
        head.close()


def test_closing_a_head_start_nobody_took_over_releases_the_cache(tmp_path: Path) -> None:
    head = HeadStart([_folder(tmp_path, copies=1)]).start()
    head.close()
    assert head._thread.is_alive() is False
    cache = ParseCache(open_default_cache().path)  # not locked by the abandoned writer
    cache._write("DELETE FROM summaries WHERE digest = ?", ("none",))
    cache.close()


def test_a_head_start_without_cache_parses(tmp_path: Path) -> None:
    head = HeadStart([SEEDS], use_cache=False).start()
    results = head.take_ready() + list(head.rest())
    head.close()
    assert len(_ids(results)) == 5 and head.cache is None
