"""Issue 14: the state file is input too. It may be shared or come from another machine, be a FIFO or a link,
and two windows may edit one note. None of that may hang, hijack the terminal or lose anyone's words."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from briefing_tui.review_store import open_store
from briefing_tui.sqlite_store import SQLiteStore

from .bounded import HANG, finishes
from .hostile.make_fixtures import PAYLOADS

ROOT = Path(__file__).resolve().parents[1]
ESCAPES = "".join(PAYLOADS.values())
CONTROL_OR_BIDI = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# ------------------------------------------------------------------ what the path is


def test_a_fifo_as_the_state_file_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "state.sqlite3"
    os.mkfifo(fifo)
    store, message = finishes(lambda: open_store(fifo, timeout=0.5))
    assert store.read_only and store.path is None
    assert "not a regular file" in str(message)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # left as it was


def test_export_with_a_fifo_as_the_state_file_still_writes_the_digest(tmp_path: Path) -> None:
    fifo = tmp_path / "state.sqlite3"
    os.mkfifo(fifo)
    article = tmp_path / "a.txt"
    article.write_text("A story\n\nLONDON — Words.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "briefing_tui", "export", str(article), "--state", str(fifo)],
                         capture_output=True, text=True, timeout=HANG, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr
    assert "A story" in run.stdout and "not a regular file" in run.stderr


def test_a_link_to_nothing_or_to_an_empty_file_is_not_written_through(tmp_path: Path) -> None:
    dangling = tmp_path / "dangling.sqlite3"
    dangling.symlink_to(tmp_path / "elsewhere" / "state.sqlite3")
    empty_target = tmp_path / "empty-target"
    empty_target.write_bytes(b"")
    to_empty = tmp_path / "to-empty.sqlite3"
    to_empty.symlink_to(empty_target)
    for link, says in ((dangling, "which does not exist"), (to_empty, "a symbolic link to an empty file")):
        store, message = open_store(link, timeout=0.5)
        assert store.read_only and says in str(message), message
    assert not (tmp_path / "elsewhere").exists()
    assert empty_target.read_bytes() == b""


def test_a_link_to_a_state_file_is_followed_knowingly(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "review.sqlite3"
    real.parent.mkdir()
    with SQLiteStore.open(real) as store:
        store.set_flagged("x", True)
    link = tmp_path / "review.sqlite3"
    link.symlink_to(real)
    with SQLiteStore.open(link) as store:
        assert store.path == real and store.get("x").flagged
        store.set_reviewed("x", True)
    assert link.is_symlink()
    with SQLiteStore.open(real) as store:
        assert store.get("x").reviewed


def test_new_state_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new-folder" / "review.sqlite3"
    with SQLiteStore.open(path) as store:
        store.set_note("x", "Only for me")
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        for companion in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            assert stat.S_IMODE(os.stat(companion).st_mode) == 0o600, companion
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700


def test_an_existing_state_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    with SQLiteStore.open(path) as store:
        store.set_flagged("x", True)
    path.chmod(0o640)
    with SQLiteStore.open(path) as store:
        store.set_flagged("y", True)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


# ------------------------------------------------------------------ what the file holds


def crafted(path: Path) -> None:
    """A state file written by someone else, with escape sequences in every text column."""
    with SQLiteStore.open(path) as store:
        store.set_note("item-1", "note")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE item_state SET note = ?, title = ?, source = ?, updated_at = ?",
                     (f"A note{ESCAPES}\nsecond line", f"Title{ESCAPES}", f"src{ESCAPES}", f"2024{ESCAPES}"))
        conn.execute("INSERT INTO pin (item_id, kind, text, speaker, speaker_description, via, value, unit, "
                     "pinned_at) VALUES ('item-1', 'quote', ?, ?, ?, ?, 'not a number', ?, 'now')",
                     (f"quoted{ESCAPES}", f"Spk{ESCAPES}", f"desc{ESCAPES}", f"via{ESCAPES}", f"u{ESCAPES}"))
    conn.close()


def test_text_read_from_a_state_file_is_cleaned_like_file_text(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    crafted(path)
    with SQLiteStore.open(path, read_only=True) as store:
        state = store.get("item-1")
    texts = [state.note, state.title, state.source, state.updated_at]
    texts += [v for pin in state.pins for v in (pin.text, pin.speaker, pin.speaker_description, pin.via, pin.unit)]
    for text in texts:
        assert text is not None and not CONTROL_OR_BIDI.search(text), repr(text)
        assert "PWNED" not in text
    assert state.note.startswith("A note") and state.note.endswith("\nsecond line")  # lines kept
    assert state.pins[0].value is None  # a value of the wrong type reads as none


def test_export_of_a_crafted_state_file_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    crafted(path)
    article = tmp_path / "a.txt"
    article.write_text("A story\n\nLONDON — Words.\n", encoding="utf-8")
    for fmt in ("md", "json"):
        run = subprocess.run([sys.executable, "-m", "briefing_tui", "export", str(article), "--state", str(path),
                              "--format", fmt], capture_output=True, text=True, timeout=HANG, cwd=ROOT,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert run.returncode == 0, run.stderr
        assert not CONTROL_OR_BIDI.search(run.stdout.replace("\n", "")), fmt
        assert "A note" in run.stdout and "PWNED" not in run.stdout


# ------------------------------------------------------------------ two windows, one note


def test_a_note_without_an_expected_base_is_written_as_before(tmp_path: Path) -> None:
    with SQLiteStore.open(tmp_path / "s.sqlite3") as store:
        store.set_note("x", "one")
        assert store.set_note("x", "two").note == "two"
