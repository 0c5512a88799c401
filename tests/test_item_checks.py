"""Warnings for hand-written briefing items: speakers who are no actor, quotes not in the body."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.cli import main
from briefing_tui.item_checks import item_warnings
from briefing_tui.model import Actor, Item, Quote

from .conftest import SEEDS


def _item(quotes: list[Quote], body: list[str] | None = None) -> Item:
    return Item(id="x", body=body if body is not None else ["The minister said the “plan is sound”, officials added."],
                actors=[Actor("Anna Berg", aliases=["Berg"]), Actor("Ministry of Finance", "organization")],
                quotes=quotes)


def test_a_consistent_item_has_no_warnings() -> None:
    quotes = [Quote("direct", "\u201cplan is sound\u201d", "Anna Berg"),
              Quote("indirect", "the plan  is sound", "berg"),  # spacing, case and alias are the same speaker
              Quote("direct", "plan is sound.", None, speaker_description="a ministry official")]
    assert item_warnings(_item(quotes)) == []


def test_typographic_variants_count_as_the_same_words() -> None:
    body = ["She said it was \u201cthe end \u2014 for now\u201d and it wasn\u2019t over."]
    quotes = [Quote("direct", '"the end - for now"', "Anna Berg"), Quote("indirect", "it wasn't over", "Anna Berg")]
    assert item_warnings(_item(quotes, body)) == []


def test_a_speaker_who_is_no_actor_and_a_quote_not_in_the_body_are_named() -> None:
    warnings = item_warnings(_item([Quote("direct", "plan is sound", "Ana Berg"),
                                    Quote("direct", "we never said that", "Anna Berg")]))
    assert [(w.field, w.message.split(" ")[0]) for w in warnings] == [("quotes[0].speaker", "speaker"),
                                                                      ("quotes[1].text", "the")]
    assert "'Ana Berg'" in warnings[0].message


def test_an_item_without_a_body_is_not_held_to_it() -> None:
    assert item_warnings(_item([Quote("direct", "anything", "Anna Berg")], body=[])) == []


BRIEFING = """\
items:
  - id: desk-1
    title: Harbour reopens
    body:
      - The harbour reopened on Monday, the port authority said.
    actors:
      - {name: Mara Lind, type: person}
    quotes:
      - {kind: indirect, text: The harbour reopened on Monday, speaker: Port Authority}
      - {kind: direct, text: We are open for business, speaker: Mara Lind}
"""


def test_check_prints_warnings_at_the_item_and_does_not_fail(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "day.yaml").write_text(BRIEFING, encoding="utf-8")
    code = main(["check", str(tmp_path)])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0].startswith(f"{tmp_path / 'day.yaml'}:2:") and "items[0].quotes[0].speaker: warning: speaker " \
        "'Port Authority' is none of the item's actors" in out[0]
    assert "items[0].quotes[1].text: warning: the quote 'We are open for business' is not in the body" in out[1]
    assert out[-1] == "1 file, 1 item, no problems, 2 warnings"


def test_the_bundled_samples_are_consistent(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEEDS)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "3 files, 5 items, no problems"


def test_a_file_of_one_item_names_the_field_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = BRIEFING.replace("items:\n  - ", "").replace("\n    ", "\n").replace("\n  ", "\n")
    (tmp_path / "one.yaml").write_text(one, encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert ": quotes[0].speaker: warning:" in out[0], out
