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


# ---------------------------------------------------------------- the head start in a child process
# Forking is only safe in a process with one thread, which pytest's is not always: these run in a
# fresh interpreter, as `briefing` itself does.

_FORKED = r"""
import json, os, sys, threading, time
from pathlib import Path
from briefing_tui.cache import ParseCache
from briefing_tui.loading.forked_head_start import ForkedHeadStart
from briefing_tui.loading.launch import begin_head_start as begin

paths = [Path(p) for p in json.loads(sys.argv[1])]
mode = sys.argv[2]
ids = lambda rs: [e.summary.id for _p, r, _d, _t in rs for e in r.entries or ()]
problems = lambda rs: [p.message for _p, r, _d, _t in rs for p in r.problems]
out = {}
if mode == "thread-running":
    stop = threading.Event()
    other = threading.Thread(target=stop.wait); other.start()
    out["kind"] = type(begin(paths)).__name__
    stop.set(); other.join()
else:
    head = begin(paths, first=int(sys.argv[3]))
    out["kind"] = type(head).__name__
    if mode == "close-untaken":
        pid = head._pid
        head.close()
        try:
            os.waitpid(pid, os.WNOHANG); out["reaped"] = False
        except ChildProcessError:
            out["reaped"] = True
    else:
        # Let the child finish its screenful, as it has by the time the screen mounts (a child that
        # cannot finish, blocked on a full pipe, is taken from as it stands after the deadline).
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if os.waitpid(head._pid, os.WNOHANG) != (0, 0):
                head._pid = None
                break
            time.sleep(0.01)
        taken = head.take_ready()
        reader = ParseCache(head_cache := Path(os.environ["XDG_CACHE_HOME"]) / "briefing" / "parse-cache.sqlite3")
        refs = [e.ref for _p, r, _d, _t in taken for e in r.entries or () if e.ref]
        out["readable"] = bool(refs) and all(reader.get_items(ref.digest) for ref in refs)
        reader.close()
        rest = list(head.rest())
        head.close()
        out.update(taken=ids(taken), rest=ids(rest), done=[d for _p, _r, d, _t in taken + rest],
                   problems=problems(taken + rest))
print(json.dumps(out))
"""


def _run_forked(paths: list[Path], mode: str, first: int = 60) -> dict:
    import json
    import os
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", _FORKED, json.dumps([str(p) for p in paths]), mode, str(first)],
                          capture_output=True, text=True, env=dict(os.environ), timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # the child printed nothing (it shares the user's terminal)
    return json.loads(proc.stdout)


def test_a_forked_head_start_and_the_rest_are_everything_once_in_order(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    missing = tmp_path / "gone"
    cache = open_default_cache()
    expected = _ids(load_many([missing, folder], cache=cache, lazy=True))
    cache.close()
    out = _run_forked([missing, folder], "take", first=3)
    assert out["kind"] == "ForkedHeadStart"
    assert 3 <= len(out["taken"]) < len(expected)  # it stopped after a screenful
    assert out["taken"] + out["rest"] == expected
    assert out["done"] == list(range(1, len(out["done"]) + 1))
    assert out["problems"] == ["no such file or folder"]  # taken with the first results, not met again


def test_what_a_forked_head_start_parsed_cold_is_readable_when_taken(tmp_path: Path) -> None:
    out = _run_forked([_folder(tmp_path, copies=2)], "take", first=2)  # a cold cache: the child parsed
    assert out["readable"] is True
    assert len(out["taken"] + out["rest"]) == 2 * 5


def test_a_forked_head_start_nobody_took_is_stopped_and_reaped(tmp_path: Path) -> None:
    out = _run_forked([_folder(tmp_path)], "close-untaken")
    assert out == {"kind": "ForkedHeadStart", "reaped": True}


def test_a_process_with_other_threads_gets_a_thread_head_start_not_a_fork(tmp_path: Path) -> None:
    assert _run_forked([_folder(tmp_path, copies=1)], "thread-running")["kind"] == "HeadStart"


def test_without_the_cache_the_head_start_is_a_thread_that_parses(tmp_path: Path) -> None:
    from briefing_tui.loading.launch import begin_head_start as begin

    head = begin([SEEDS], use_cache=False)
    assert isinstance(head, HeadStart)
    results = head.take_ready() + list(head.rest())
    head.close()
    assert len(_ids(results)) == 5


def test_a_forked_head_start_hands_over_a_whole_screenful_of_long_articles(tmp_path: Path) -> None:
    # A pipe holds 64 kB unless enlarged: 60 entries of long text are more than that, and the
    # screen, which reads only at mount, would have had a third of a screen of rows.
    folder = tmp_path / "long"
    folder.mkdir()
    text = SEEDS.joinpath("rfa-kursk-north-korean-troops.txt").read_text(encoding="utf-8")
    for k in range(70):
        (folder / f"article-{k:02d}.txt").write_text(f"Article number {k}\n\n{text}", encoding="utf-8")
    out = _run_forked([folder], "take", first=60)
    assert len(out["taken"]) == 60
    assert len(out["taken"]) + len(out["rest"]) == 70
