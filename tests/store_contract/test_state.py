"""What every review store does on its own: marks, notes, pins, forget, drafts, who and when, read-only."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from briefing_tui.model import Figure, Item, Quote
from briefing_tui.review_state import Pin, ReviewState, StoreReadOnly
from briefing_tui.review_store import ReviewStore

from ..hostile.make_fixtures import PAYLOADS
from .conftest import Backend

ESCAPES = "".join(PAYLOADS.values())
CONTROL_OR_BIDI = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _item(item_id: str = "abc123", title: str | None = "Troops at 11,000") -> Item:
    return Item(id=item_id, title=title, source="seeds/kursk.txt",
                quotes=[Quote("direct", "We hold", speaker=None, speaker_description="a Ukrainian officer",
                              via="Reuters")],
                figures=[Figure("11,000", 11000.0, "troops")])


def test_it_is_a_review_store_that_says_where_and_who(store: ReviewStore) -> None:
    assert isinstance(store, ReviewStore)
    assert isinstance(store.location, str) and store.location
    assert store.reviewer == "ana" and not store.read_only


def test_an_item_without_state_reads_as_empty(store: ReviewStore) -> None:
    assert store.get("nothing-here") == ReviewState("nothing-here")
    assert store.all_states() == {}


def test_marks_set_and_toggle_the_committed_value(store: ReviewStore) -> None:
    item = _item()
    assert store.toggle_reviewed(item).reviewed
    assert store.set_flagged(item, True).flagged
    assert not store.toggle_reviewed(item).reviewed
    state = store.get(item.id)
    assert (state.reviewed, state.flagged) == (False, True)
    assert (state.title, state.source) == ("Troops at 11,000", "seeds/kursk.txt")
    assert store.set_reviewed(item.id, True).reviewed  # by id alone: title and source are kept
    assert store.get(item.id).title == "Troops at 11,000"
    assert not store.toggle_flagged(item.id).flagged


def test_clearing_every_mark_removes_the_item(store: ReviewStore) -> None:
    store.set_reviewed("x", True)
    store.set_note("x", "n")
    store.set_reviewed("x", False)
    assert store.set_note("x", "   ").is_empty  # a blank note is no note
    assert store.all_states() == {}


def test_notes_replace_and_check_the_base_they_were_written_on(store: ReviewStore) -> None:
    assert store.set_note("x", "one").note == "one"
    assert store.set_note("x", "two\nlines").note == "two\nlines"
    assert store.set_note("x", "three", expected="two\nlines").note == "three"
    assert store.get("x").note == "three"


def test_pins_are_keyed_on_kind_and_text_kept_in_order_and_refreshed(store: ReviewStore) -> None:
    item = _item()
    store.pin(item, Pin.of_quote(item.quotes[0]))
    state = store.pin(item, Pin.of_figure(item.figures[0]))
    assert [p.key for p in state.pins] == [("quote", "We hold"), ("figure", "11,000")]
    assert state.pins[0].speaker_description == "a Ukrainian officer" and state.pins[0].via == "Reuters"
    assert (state.pins[1].value, state.pins[1].unit) == (11000.0, "troops")
    state = store.pin(item, Pin("quote", "We hold", speaker="A named officer"))  # a re-parse found the speaker
    assert [(p.text, p.speaker) for p in state.pins] == [("We hold", "A named officer"), ("11,000", None)]
    assert state.pinned("figure", "11,000")
    assert not store.toggle_pin(item, Pin("figure", "11,000")).pinned("figure", "11,000")
    assert store.toggle_pin(item, Pin("figure", "11,000")).pinned("figure", "11,000")
    assert [p.text for p in store.unpin(item, "quote", "We hold").pins] == ["11,000"]
    assert store.get(item.id).pins == (Pin("figure", "11,000"),)


def test_forget_removes_marks_note_and_pins(store: ReviewStore) -> None:
    store.set_flagged("x", True)
    store.set_note("x", "n")
    store.pin("x", Pin("quote", "q"))
    store.set_reviewed("y", True)
    store.forget("x")
    assert store.get("x") == ReviewState("x")
    assert list(store.all_states()) == ["y"]
    store.forget("never-had-state")  # nothing to forget is no error
    assert list(store.all_states()) == ["y"]


def test_each_change_records_who_made_it_and_when(backend: Backend) -> None:
    with backend.open(reviewer="ana") as store:
        state = store.set_flagged("x", True)
        assert state.updated_by == "ana" and store.get("x").updated_by == "ana"
        assert state.updated_at is not None
        assert datetime.fromisoformat(state.updated_at).utcoffset() is not None  # a moment, not a local time
    if backend.shared:
        with backend.open(reviewer="ben") as other:
            assert other.set_note("x", "checked").updated_by == "ben"
        with backend.open(reviewer="ana") as store:
            assert store.get("x").updated_by == "ben"


def test_values_come_back_cleaned_of_escape_sequences(store: ReviewStore) -> None:
    item = Item(id="x", title=f"Title{ESCAPES}", source=f"src{ESCAPES}")
    store.set_note(item, f"A note{ESCAPES}\nsecond line")
    state = store.pin(item, Pin("quote", f"quoted{ESCAPES}", speaker=f"Spk{ESCAPES}", via=f"via{ESCAPES}",
                                unit=f"u{ESCAPES}"))
    for got in (state, store.get("x"), store.all_states()["x"]):
        texts = [got.note, got.title, got.source, got.updated_at, got.updated_by]
        texts += [v for pin in got.pins for v in (pin.text, pin.speaker, pin.via, pin.unit)]
        for text in texts:
            assert text is not None and not CONTROL_OR_BIDI.search(text), repr(text)
            assert "PWNED" not in text
        assert got.note.startswith("A note") and got.note.endswith("\nsecond line")  # lines are kept


def test_a_read_only_store_refuses_every_write(backend: Backend) -> None:
    with backend.open() as store:
        store.set_flagged("x", True)
    with backend.open(read_only=True) as store:
        assert store.read_only
        before = store.all_states()
        for write in (lambda: store.toggle_reviewed("x"), lambda: store.set_flagged("x", False),
                      lambda: store.set_note("x", "n"), lambda: store.pin("x", Pin("quote", "q")),
                      lambda: store.unpin("x", "quote", "q"), lambda: store.forget("x")):
            with pytest.raises(StoreReadOnly, match="not saved"):
                write()
        assert store.all_states() == before


def test_a_store_that_keeps_no_drafts_accepts_and_forgets_them(backend: Backend) -> None:
    with backend.open(read_only=True) as store:
        store.save_draft("x", "half a thought")
        assert store.draft("x") is None
        store.drop_draft("x")
    if not backend.keeps_drafts:
        with backend.open() as store:
            store.save_draft("x", "half a thought")
            assert store.draft("x") is None


def test_drafts_are_kept_per_item_until_dropped(backend: Backend) -> None:
    if not backend.keeps_drafts:
        pytest.skip(f"{backend.name} keeps no drafts")
    with backend.open() as store:
        assert store.draft("x") is None
        store.save_draft("x", "half a thought")
        store.save_draft("x", "half a thought, and more")
        store.save_draft("y\x00odd id/../", "another")
        assert store.draft("x") == "half a thought, and more"
        assert store.draft("y\x00odd id/../") == "another"
        store.drop_draft("x")
        store.drop_draft("x")  # twice is no error
        assert store.draft("x") is None
    with backend.open() as store:  # a draft outlives the window that wrote it (a crash, a killed terminal)
        assert store.draft("y\x00odd id/../") == "another"


def test_a_pinned_quote_keeps_whether_it_is_reported_speech(store: ReviewStore) -> None:
    item = Item(id="rep", title="Talks", quotes=[Quote("indirect", "the talks would resume", speaker="Kim"),
                                                  Quote("direct", "We will talk", speaker="Kim")])
    store.pin(item, Pin.of_quote(item.quotes[0]))
    store.pin(item, Pin.of_quote(item.quotes[1]))
    assert [(p.text, p.reported) for p in store.get("rep").pins] == [("the talks would resume", True),
                                                                    ("We will talk", False)]
