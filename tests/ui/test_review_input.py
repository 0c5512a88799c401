"""Issue 14 in the dashboard's review side: a state file that is a FIFO or was crafted, a disk that fills while a
note is typed, two windows saving one note. The app stays up and nothing anyone wrote is lost."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_tui.sqlite_store import SQLiteStore
from briefing_tui.ui.screens.note_conflict import NoteConflictScreen
from briefing_tui.ui.screens.note_editor import NoteEditor
from briefing_tui.ui.screens.orphans import OrphansScreen

from ..hostile.make_fixtures import HIDDEN, PAYLOADS
from .helpers import loaded, make_app, status, wait_for

ESCAPES = "".join(PAYLOADS.values())
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def screen_segments(app) -> str:
    return "".join(seg.text for strip in app.screen._compositor.render_strips() for seg in strip)


async def store_ready(pilot, screen) -> None:
    await wait_for(pilot, lambda: screen.review.store is not None, what="review store open")


async def test_a_fifo_as_the_state_file_opens_read_only_and_quits(tmp_path: Path) -> None:
    fifo = tmp_path / "state.sqlite3"
    os.mkfifo(fifo)
    app = make_app(state_path=fifo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await store_ready(pilot, screen)
        assert screen.review.store.read_only and "not a regular file" in str(screen.review.store_message)
        await wait_for(pilot, lambda: "state read-only" in status(screen), what="the read-only mark")
        await pilot.press("r")  # refused with a message, not a hang
        await pilot.press("q")
    assert app.return_code == 0


async def test_a_crafted_state_file_never_reaches_the_terminal(tmp_path: Path) -> None:
    state = tmp_path / "shared.sqlite3"
    with SQLiteStore.open(state) as store:
        store.set_note("gone-item", "note")
    conn = sqlite3.connect(state)
    with conn:
        conn.execute("UPDATE item_state SET note = ?, title = ?, source = ?",
                     (f"Follow up{ESCAPES}", f"Orphan title{ESCAPES}", f"src{ESCAPES}"))
    conn.close()
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await wait_for(pilot, lambda: "gone-item" in screen.session.states, what="states loaded")
        screen.action_orphans()
        await wait_for(pilot, lambda: isinstance(app.screen, OrphansScreen) and app.screen.query("OptionList"))
        await pilot.pause()
        raw = screen_segments(app)
        assert "Orphan title" in raw and "Follow up" in raw
        assert not CONTROL.search(raw), [hex(ord(c)) for c in CONTROL.findall(raw)][:5]
        for hidden in HIDDEN:
            assert hidden not in raw


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real, nearly full file system: a 1 MiB tmpfs (mounting needs root; skipped otherwise)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    run = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True,
                         text=True)
    if run.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {run.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path) -> None:
    with contextlib.suppress(OSError), open(folder / "filler", "wb") as fh:
        while True:
            fh.write(b"\0" * 65536)


async def test_a_full_disk_while_typing_a_note_loses_nothing(small_disk: Path) -> None:
    state = small_disk / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await store_ready(pilot, screen)
        fill(small_disk)
        await pilot.press("a", *"Written on a full disk")
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        await wait_for(pilot, lambda: editor._draft_failed, what="the draft write to fail")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Not saved" in str(editor.query_one("#note-help").render()),
                       what="the save to fail visibly")
        assert app.screen is editor and editor.query_one("#note-text").text == "Written on a full disk"
        (small_disk / "filler").unlink()  # room again: the same Ctrl+S now saves
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen, what="the editor to close")
        await pilot.press("q")
    assert app.return_code == 0
    with SQLiteStore.open(state, read_only=True) as store:
        assert [s.note for s in store.all_states().values()] == ["Written on a full disk"]


async def open_note_and_let_another_window_save(pilot, state: Path, theirs: str) -> tuple:
    screen = await loaded(pilot, 5)
    await store_ready(pilot, screen)
    item = screen.item
    with SQLiteStore.open(state) as other:
        other.set_note(item.id, "Base line")
    await wait_for(pilot, lambda: getattr(screen.session.states.get(item.id), "note", "") == "Base line",
                   what="the note from the other window")
    await pilot.press("a", "end", *", mine")
    with SQLiteStore.open(state) as other:  # another window saves while this one edits
        other.set_note(item.id, theirs)
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, NoteConflictScreen), what="the conflict")
    return screen, item


@pytest.mark.parametrize("choice, kept", [
    ("m", "Base line, mine"),
    ("t", "Base line, theirs"),
])
async def test_two_windows_saving_one_note_are_shown_both_versions(tmp_path: Path, choice: str, kept: str) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, item = await open_note_and_let_another_window_save(pilot, state, "Base line, theirs")
        shown = screen_segments(app)
        assert "Base line, mine" in shown and "Base line, theirs" in shown
        await pilot.press(choice)
        await wait_for(pilot, lambda: app.screen is screen, what="back on the dashboard")
        await wait_for(pilot, lambda: getattr(screen.session.states.get(item.id), "note", "") == kept, what="the note")
    with SQLiteStore.open(state, read_only=True) as store:
        assert store.get(item.id).note == kept


async def test_merging_two_windows_notes_keeps_both_lines(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, item = await open_note_and_let_another_window_save(pilot, state, "Base line\nTheir new line")
        await pilot.press("b")
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        text = editor.query_one("#note-text").text
        assert text == "Base line, mine\nTheir new line"  # each changed different lines: both kept
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen, what="the merged note saved")
    with SQLiteStore.open(state, read_only=True) as store:
        assert store.get(item.id).note == text


async def test_quitting_does_not_wait_for_a_locked_state_file(tmp_path: Path) -> None:
    """Another program holds the state file's write lock: a mark waits for it (up to the busy timeout), but
    quitting leaves after a short grace and says the change may not be saved, instead of hanging."""
    state = tmp_path / "state.sqlite3"
    app = make_app(state_path=state)
    holder = None
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await loaded(pilot, 5)
            await store_ready(pilot, screen)
            holder = sqlite3.connect(state, isolation_level=None)
            holder.execute("BEGIN EXCLUSIVE")
            await pilot.press("r")
            await wait_for(pilot, lambda: screen.review._store_pool.pending > 0, what="the mark waiting on the lock")
            await pilot.press("q")
    finally:  # only once the app is gone: it must not have waited for this
        if holder is not None:
            holder.rollback()
            holder.close()
    assert app.return_code == 0
    assert any("may not have been saved" in note for note in app.exit_notes), app.exit_notes
