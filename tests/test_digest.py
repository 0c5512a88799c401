"""The digest: exact Markdown for a small case, filters, orphans, hostile text, atomic writes."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing_tui import writing as writing_module
from briefing_tui.digest import build_json, build_markdown, collect, dumps_json, md_escape
from briefing_tui.loading.load import load_paths
from briefing_tui.model import Figure, Item, Quote, Related
from briefing_tui.review_state import Pin, ReviewState
from briefing_tui.sqlite_store import SQLiteStore
from briefing_tui.writing import write_atomic

ROOT = Path(__file__).resolve().parents[1]
WHEN = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _items() -> list[Item]:
    troops = Item(
        id="i1", title="Troops *massing* near Kursk", source="RFA", date="2024-11-12",
        quotes=[Quote("direct", "We are holding the line,", speaker_description="a Ukrainian commander",
                      via="Reuters")],
        figures=[Figure("11,000", 11000.0, "North Koreans")],
        related=[Related("Earlier story", "https://example.org/a_(b)"), Related("No link"),
                 Related("Bad link", "javascript:alert(1)")],
    )
    return [troops, Item(id="i2", title="Quiet day", source="BBC")]


def _states() -> dict[str, ReviewState]:
    troops = _items()[0]
    return {
        "i1": ReviewState("i1", reviewed=True, flagged=True, note="Check the figure.\nAsk desk.",
                          pins=(Pin.of_quote(troops.quotes[0]), Pin.of_figure(troops.figures[0]))),
        "gone": ReviewState("gone", flagged=True, note="old", title="Moved item", source="old/path.txt",
                            updated_at="2026-01-02T03:04:05+00:00"),
        "cleared": ReviewState("cleared", title="Nothing recorded"),
    }


EXPECTED = """\
# Briefing digest

Generated 2026-11-25 10:00 UTC · 3 items · 1 reviewed · 2 flagged · 1 with pins

## Troops \\*massing\\* near Kursk

**Source:** RFA\\
**Date:** 2024-11-12\\
**Mark:** ✓ reviewed · ⚑ flagged

**Note:** Check the figure.\\
Ask desk.

**Pinned quotes**

> “We are holding the line”\\
> — a Ukrainian commander, via Reuters

**Pinned figures**

- **11,000** — 11,000 North Koreans

**Related stories**

- [Earlier story](<https://example.org/a_(b)>)
- No link
- Bad link

## Quiet day

**Source:** BBC\\
**Mark:** not reviewed

## Reviewed items not loaded now

State recorded for items that are not in the files opened now (moved, edited or from another session).

### Moved item

**Source:** old/path.txt\\
**Mark:** ⚑ flagged\\
**Last changed:** 2026-01-02T03:04:05+00:00

**Note:** old
"""


def test_markdown_of_a_small_case_is_exactly_this() -> None:
    assert build_markdown(collect(_items(), _states()), generated=WHEN) == EXPECTED


@pytest.mark.parametrize(("only", "titles"), [
    (None, ["Troops", "Quiet day", "Moved item"]),
    ("flagged", ["Troops", "Moved item"]),
    ("reviewed", ["Troops"]),
    ("pinned", ["Troops"]),
])
def test_only_filters_items_and_orphans(only: str | None, titles: list[str]) -> None:
    entries = collect(_items(), _states())
    text = build_markdown(entries, only=only, generated=WHEN)
    headings = [line.split(" ", 1)[1] for line in text.splitlines() if line.startswith(("## ", "### "))]
    headings = [h for h in headings if h != "Reviewed items not loaded now"]
    assert [h.replace("\\*massing\\* near Kursk", "").strip() for h in headings] == titles
    data = build_json(entries, only=only, generated=WHEN)
    firsts = [e["title"].split(" ")[0] for e in data["items"] + data["not_loaded"]]
    assert firsts == [t.split()[0] for t in titles]
    assert data["counts"]["items"] == len(titles)


def test_no_match_says_so() -> None:
    text = build_markdown(collect([_items()[1]], {}), only="flagged", generated=WHEN)
    assert "0 items" in text and "_No items match._" in text


def test_unknown_only_is_refused() -> None:
    with pytest.raises(ValueError, match="flagged"):
        build_markdown([], only="starred")


def test_json_has_the_same_content_plus_state() -> None:
    data = json.loads(dumps_json(build_json(collect(_items(), _states()), generated=WHEN)))
    first = data["items"][0]
    assert first["state"] == {"reviewed": True, "flagged": True, "note": "Check the figure.\nAsk desk.",
                              "tags": [], "updated_at": None}
    assert first["tags"] == []
    assert first["pinned_quotes"] == [{"text": "We are holding the line,", "speaker": None,
                                       "speaker_description": "a Ukrainian commander", "via": "Reuters",
                                       "kind": "direct"}]
    assert first["pinned_figures"] == [{"text": "11,000", "value": 11000.0, "unit": "North Koreans"}]
    assert first["related"][0] == {"title": "Earlier story", "url": "https://example.org/a_(b)"}
    assert data["not_loaded"][0]["id"] == "gone" and not data["not_loaded"][0]["loaded"]
    assert data["generated"] == "2026-11-25T10:00:00+00:00"


def test_pins_show_the_current_parse_when_the_item_is_loaded() -> None:
    item = _items()[0]
    old = ReviewState("i1", pins=(Pin("quote", item.quotes[0].text, speaker="Old guess"),
                                  Pin("quote", "text the new parser no longer finds", speaker="Kept")))
    text = build_markdown(collect([item], {"i1": old}), generated=WHEN)
    assert "— a Ukrainian commander, via Reuters" in text and "— Kept" in text and "Old guess" not in text


HOSTILE = "# Boom\x1b]52;c;ZXZpbA==\x07 [click](javascript:x) <script>alert(1)</script> \u202eevil_name"


def test_hostile_text_cannot_break_the_document_or_reach_the_terminal() -> None:
    item = Item(id="h", title=HOSTILE, source="src\x1b[2J`x`",
                quotes=[Quote("direct", "**loud** > quiet\n\n# not a heading", speaker="*Who*\x07")],
                related=[Related("](x) [y", "https://e.org/<x>")])
    state = ReviewState("h", reviewed=True, pins=(Pin.of_quote(item.quotes[0]),),
                        note="first\n\n- fake list\n## fake heading\n1. fake number\n\x00\x07end\n---\n")
    text = build_markdown(collect([item], {"h": state}), generated=WHEN)
    assert not CONTROL.search(text)
    assert [line for line in text.splitlines() if line.startswith("#")] == [
        "# Briefing digest",
        "## \\# Boom \\[click\\](javascript:x) \\<script\\>alert(1)\\</script\\> evil\\_name",
    ]
    assert "\\- fake list\\\n\\#\\# fake heading\\\n1\\. fake number\\\nend\\\n\\---" in text
    assert "> “\\*\\*loud\\*\\* \\> quiet \\# not a heading”\\" in text
    assert "> — \\*Who\\*" in text
    assert "(<https://e.org/%3Cx%3E>)" in text and "[\\](x) \\[y]" in text
    data = dumps_json(build_json(collect([item], {"h": state}), generated=WHEN))
    first = json.loads(data)["items"][0]
    assert not CONTROL.search(first["title"] + first["state"]["note"])
    assert "\\u001b" not in data and "\\u0007" not in data and "\\u0000" not in data


def test_md_escape_keeps_plain_text_plain() -> None:
    plain = "BA blames fuel for a 40% drop; £75m (2005)"
    assert md_escape(plain) == plain
    assert md_escape("2024. A year") == "2024\\. A year"


def test_digest_of_the_seeds_reads_as_a_document(tmp_path: Path) -> None:
    items = [item for _, result in load_paths([ROOT / "seeds"]) for item in result.items]
    with SQLiteStore.open(tmp_path / "state.sqlite3") as store:
        for item in items[:3]:
            store.toggle_reviewed(item)
            if item.quotes:
                store.pin(item, Pin.of_quote(item.quotes[0]))
            if item.figures:
                store.pin(item, Pin.of_figure(item.figures[0]))
        store.toggle_flagged(items[1])
        store.set_note(items[1], "Compare with the\nannual report.")
        store.set_note("edited-away", "kept after an edit")
        states = store.all_states()
    text = build_markdown(collect(items, states), only="reviewed", generated=WHEN)
    assert text.startswith("# Briefing digest\n\nGenerated 2026-11-25 10:00 UTC · 3 items · 3 reviewed")
    assert text.count("\n## ") == 3 and "**Pinned quotes**" in text and "**Pinned figures**" in text
    assert "**Note:** Compare with the\\\nannual report." in text
    assert "\n\n\n" not in text and text.endswith("\n") and not text.endswith("\n\n")
    everything = build_markdown(collect(items, states), generated=WHEN)
    assert "## Reviewed items not loaded now" in everything and "kept after an edit" in everything


# -- atomic writes --------------------------------------------------------------------------------

def test_write_atomic_replaces_and_keeps_permissions(tmp_path: Path) -> None:
    out = tmp_path / "digest.md"
    out.write_text("old")
    out.chmod(0o640)
    write_atomic(out, "new ✓\n")
    assert out.read_text(encoding="utf-8") == "new ✓\n"
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["digest.md"]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
@pytest.mark.parametrize("existed", [True, False])
def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        failing: str, existed: bool) -> None:
    out = tmp_path / "digest.md"
    if existed:
        out.write_text("old complete digest\n")

    def boom(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writing_module.os, failing, boom)
    with pytest.raises(OSError, match="No space"):
        write_atomic(out, "new " * 100_000)
    monkeypatch.undo()
    assert (out.read_text() if out.exists() else None) == ("old complete digest\n" if existed else None)
    assert [p.name for p in tmp_path.iterdir()] == (["digest.md"] if existed else [])


KILLED_WRITER = r"""
import sys
from pathlib import Path
from briefing_tui.writing import write_atomic
write_atomic(Path(sys.argv[1]), "N" * 40_000_000)
"""


def _temp_bytes(folder: Path) -> int:
    """Bytes in the writer's temp file so far (0 if there is none yet, or it was just renamed)."""
    total = 0
    for path in folder.glob(".*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            total += path.stat().st_size
    return total


def test_sigkill_during_a_write_leaves_old_or_new_never_a_part(tmp_path: Path) -> None:
    out = tmp_path / "digest.md"
    out.write_text("old\n")
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(out)],
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 10
    while _temp_bytes(tmp_path) == 0 and proc.poll() is None:  # kill it mid-write
        assert time.monotonic() < deadline, "the writer never started writing its temp file"
        time.sleep(0.001)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    content = out.read_bytes()
    assert content == b"old\n" or content == b"N" * 40_000_000


def test_reported_speech_is_never_put_in_quotation_marks() -> None:
    item = Item(id="r1", title="Talks", quotes=[Quote("indirect", "the talks would resume next week", speaker="Kim"),
                                               Quote("direct", "We are ready", speaker="Kim")])
    state = ReviewState("r1", pins=tuple(Pin.of_quote(q) for q in item.quotes))
    text = build_markdown(collect([item], {"r1": state}), generated=WHEN)
    assert "> the talks would resume next week\\" in text and "> — reported, Kim" in text
    assert "“the talks would resume" not in text and "> “We are ready”\\" in text
    data = build_json(collect([item], {"r1": state}))
    kinds = [p["kind"] for entry in data["items"] for p in entry.get("pinned_quotes", [])]
    assert kinds == ["indirect", "direct"]


def test_tags_the_source_s_and_the_analyst_s_are_in_every_format() -> None:
    from dataclasses import replace

    from briefing_tui.output import dump_yaml

    items = _items()
    items[0] = replace(items[0], tags=["Ukraine", "war"])
    states = _states()
    states[items[0].id] = replace(states[items[0].id], tags=("WAR", "follow *up*"))
    states["gone"] = replace(states["gone"], tags=("kept",))
    entries = collect(items, states)
    text = build_markdown(entries, generated=WHEN)
    assert "**Tags:** \\#Ukraine · \\#war · \\#follow \\*up\\*" in text
    assert "**Tags:** \\#kept" in text  # an item not loaded has the analyst's tags
    assert "Quiet day" in text and text.count("**Tags:**") == 2  # an item without tags has no line
    data = build_json(entries, generated=WHEN)
    first = data["items"][0]
    assert first["tags"] == ["Ukraine", "war", "follow *up*"]
    assert first["state"]["tags"] == ["WAR", "follow *up*"]
    assert data["not_loaded"][0]["tags"] == ["kept"] and data["not_loaded"][0]["state"]["tags"] == ["kept"]
    assert "- follow *up*" in dump_yaml([entries[0].item.to_dict()])
    assert items[0].tags == ["Ukraine", "war"]  # the loaded item itself is left as its file has it
