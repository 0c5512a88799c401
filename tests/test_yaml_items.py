"""The YAML loader: what loads, and the exact FILE:LINE:COL: field: message for what does not."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from briefing_tui.loading.yaml_items import load_yaml_file, load_yaml_text
from briefing_tui.model import Span

from .conftest import SEEDS


def load(tmp_path: Path, text: str, name: str = "b.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    result = load_yaml_file(path)
    return result, [str(p).replace(str(tmp_path) + "/", "") for p in result.problems]


def test_seed_files_load_without_problems() -> None:
    one = load_yaml_file(SEEDS / "kursk-desk-summary.yaml")
    several = load_yaml_file(SEEDS / "desk-briefs.yaml")
    assert one.problems == [] and several.problems == []
    assert [i.id for i in one.items] == ["desk-2024-11-12-kursk"]
    assert [i.id for i in several.items] == ["desk-2024-11-12-treaty", "desk-2005-ba-fuel", "desk-2004-davis-cup"]


def test_one_item_with_every_field(tmp_path: Path) -> None:
    result, problems = load(tmp_path, """\
        id: x1
        title: "Troops in Kursk"
        dateline: TAIPEI, Taiwan
        date: 2024-11-12
        source: https://example.org/a
        tags: [ukraine, russia]
        body: |
          Zelenskyy said nearly 50,000 troops are there.

          "We hold the line," he said.
        actors:
          - {name: Volodymyr Zelenskyy, type: person, aliases: [Zelenskyy]}
        quotes:
          - {kind: direct, text: "We hold the line,", speaker: Volodymyr Zelenskyy}
        figures:
          - {text: "nearly 50,000", value: 50000, unit: troops, approx: true, kind: count}
        related:
          - {title: Earlier story, url: https://example.org/b}
        places:
          - {name: Kursk Oblast, aliases: [Kursk]}
        """)
    assert problems == []
    (item,) = result.items
    assert item.id == "x1" and item.date == "2024-11-12" and item.tags == ["ukraine", "russia"]
    assert item.body == ["Zelenskyy said nearly 50,000 troops are there.", '"We hold the line," he said.']
    assert item.actors[0].mentions == [Span(0, 0, 9)]
    assert item.quotes[0].span == Span(1, 1, 18)
    assert item.figures[0].span == Span(0, 15, 28) and item.figures[0].value == 50000.0
    assert item.related[0].url == "https://example.org/b"


def test_body_as_list_and_derived_id_is_stable(tmp_path: Path) -> None:
    text = "title: T\nbody:\n  - First paragraph.\n  - Second   one.\n"
    a = load_yaml_text(text, tmp_path / "a.yaml").items[0]
    b = load_yaml_text(text.replace("T\n", "T  \n"), tmp_path / "elsewhere" / "b.yaml").items[0]
    assert a.body == ["First paragraph.", "Second one."]
    assert a.id == b.id and len(a.id) == 16


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: a\ntitle: b\n", "b.yaml:2:1: title: duplicate key (first set on line 1)"),
        ("title: [1, 2]\n", "b.yaml:1:8: title: expected text, got a list"),
        ("title: t\ntags: ukraine\n", "b.yaml:2:7: tags: expected a list, got text"),
        ("title: t\nqoutes: []\n", "b.yaml:2:9: qoutes: unknown field (did you mean 'quotes'?)"),
        ("title: t\nbody: x\nfigures:\n  - {text: x, value: lots}\n",
         "b.yaml:4:22: figures[0].value: expected a number or null, got text"),
        ("title: t\nfigures:\n  - {text: x, approx: maybe}\n",
         "b.yaml:3:23: figures[0].approx: expected true or false, got text"),
        ("title: t\nactors:\n  - {name: A, type: alien}\n",
         "b.yaml:3:21: actors[0].type: 'alien' is not one of: person, organization, country"),
        ("title: t\nactors:\n  - {type: person}\n", "b.yaml:3:5: actors[0].name: required field is missing"),
        ("title: t\nbody: abc\nquotes:\n  - {text: abc, span: [0, 1, 2]}\n",
         "b.yaml:4:23: quotes[0].span: span does not match the text in the body"),
        ("title: t\nbody: abc\nquotes:\n  - {text: abc, span: [0, 1]}\n",
         "b.yaml:4:23: quotes[0].span: expected [paragraph, start, end] as three whole numbers"),
        ("title: t\nbody: 5\n", "b.yaml:2:7: body: expected text or a list of paragraphs, got a number"),
        ("- a\n- b\n", "b.yaml:1:1: expected a mapping (one item) or `items:` (a list of items), got a list"),
        ("just words\n", "b.yaml:1:1: expected a mapping (one item) or `items:` (a list of items), got a single value"),
        ("title: x\n---\ntitle: y\n",
         "b.yaml:2:1: several YAML documents in one file; put the items in one `items:` list"),
        ('title: "open\n', "b.yaml:2:1: YAML syntax: while scanning a quoted scalar: found unexpected end of stream"),
        ("items: {title: x}\n", "b.yaml:1:8: items: expected a list of items, got a mapping"),
        ("items: []\nextra: 1\n", "b.yaml:2:1: extra: a file with `items:` holds nothing else at the top level"),
        ("items: []\n", "b.yaml: `items:` is empty"),
        ("", "b.yaml: empty file: no briefing items"),
        ("# only a comment\n", "b.yaml: empty file: no briefing items"),
    ],
)
def test_errors_name_file_line_column_field(tmp_path: Path, text: str, expected: str) -> None:
    result, problems = load(tmp_path, text)
    assert problems == [expected]
    assert result.items == []


@pytest.mark.parametrize(
    "text",
    [
        '!!python/object/apply:os.system ["touch {marker}"]\n',
        "title: !!python/object/apply:os.system [\"touch {marker}\"]\n",
        "items:\n  - !!python/object/new:os.system [\"touch {marker}\"]\n",
        "title: !!python/name:os.system\n",
    ],
)
def test_unsafe_tags_never_run(tmp_path: Path, text: str) -> None:
    marker = tmp_path / "ran"
    result, problems = load(tmp_path, text.format(marker=marker))
    assert not marker.exists()
    assert result.items == []
    assert len(problems) == 1 and "b.yaml:" in problems[0]
    assert "not allowed" in problems[0] or "could not determine a constructor" in problems[0]


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    result, problems = load(tmp_path, "\n".join(lines) + "\n")
    assert result.items == []
    assert len(problems) == 1 and "alias bomb" in problems[0]


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    result, problems = load(tmp_path, "title: " + "[" * 5000 + "]" * 5000 + "\n")
    assert result.items == [] and len(problems) == 1
    assert problems[0].startswith("b.yaml:1:")


def test_one_bad_item_never_stops_the_others(tmp_path: Path) -> None:
    result, problems = load(tmp_path, """\
        items:
          - title: first
          - title: second
            title: again
          - !!python/object:os.system {a: 1}
          - title: fourth
            figures: [{text: "3", value: three}]
          - title: fifth
        """)
    assert [i.title for i in result.items] == ["first", "fifth"]
    assert problems == [
        "b.yaml:4:5: items[1].title: duplicate key (first set on line 3)",
        "b.yaml:5:5: items[2]: the tag tag:yaml.org,2002:python/object:os.system is not allowed in a briefing file",
        "b.yaml:7:34: items[3].figures[0].value: expected a number or null, got text",
    ]


def test_duplicate_ids_in_one_file(tmp_path: Path) -> None:
    result, problems = load(tmp_path, "items:\n  - {id: a, title: x}\n  - {id: a, title: y}\n")
    assert [i.title for i in result.items] == ["x"]
    assert problems == ["b.yaml:3:5: items[1].id: id 'a' is used by another item in this file; skipped"]


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("title: t\nbody: |\n" + ("  " + "x" * 1000 + "\n") * 6000, encoding="utf-8")
    result = load_yaml_file(path)
    assert result.items == []
    assert [p.message for p in result.problems] == ["file is 5.7 MB; the limit is 5.0 MB"]


def test_control_characters_in_values_are_removed(tmp_path: Path) -> None:
    result, problems = load(tmp_path, 'title: "A\\e]0;pwned\\aB\\e[2J"\nbody: "x\\e]52;c;aGk=\\ay"\n')
    assert problems == []
    assert result.items[0].title == "AB" and result.items[0].body == ["xy"]


def test_article_key_fills_missing_fields_and_yaml_wins(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Headline here\n\nLONDON — The minister said the plan would cost £3bn, officials said.\n", encoding="utf-8")
    result, problems = load(tmp_path, "article: a.txt\ntitle: My own title\ntags: [x]\n")
    assert problems == []
    (item,) = result.items
    assert item.title == "My own title" and item.dateline == "LONDON" and item.tags == ["x"]
    assert item.body == ["The minister said the plan would cost £3bn, officials said."]
    assert item.source.endswith("a.txt")


def test_missing_article_is_reported_on_its_line(tmp_path: Path) -> None:
    result, problems = load(tmp_path, "title: t\narticle: nope.txt\n")
    assert result.items == []
    assert len(problems) == 1 and problems[0].startswith("b.yaml:2:10: article: cannot read")


# ------------------------------------------------------------------ values YAML cannot read (issue 14, defect 1)

# Each used to raise out of the loader (ValueError, AttributeError, KeyError, OverflowError...) and take every
# file after it, and the dashboard, down with it.
UNREADABLE = {
    "2024-13-45": "'2024-13-45' is not a date or time (month must be in 1..12)",
    "2024-02-30": "'2024-02-30' is not a date or time (day is out of range for month)",
    "0000-01-01": "'0000-01-01' is not a date or time (year 0 is out of range)",
    "2024-01-01T25:00:00": "'2024-01-01T25:00:00' is not a date or time (hour must be in 0..23)",
    "2024-01-01T10:00:00+99:00": "'2024-01-01T10:00:00+99:00' is not a date or time (time zone offset out of range)",
    "!!timestamp soon": "'soon' is not a date or time",
    "!!int abc": "'abc' is not a whole number",
    "!!float abc": "'abc' is not a number",
    "!!bool maybe": "'maybe' is not true or false",
    "1" * 4301: "number too long (4,301 digits)",
    "0x" + "F" * 400: "number too large (400 digits)",
}
GOOD_ITEM = "  - id: good\n    title: The good item after it\n    body: It still loads.\n"


@pytest.mark.parametrize("value", list(UNREADABLE), ids=lambda v: v[:24])
@pytest.mark.parametrize("where", ["field", "nested field", "list entry", "list of mappings"])
def test_an_unreadable_value_costs_that_field_not_the_file(tmp_path: Path, value: str, where: str) -> None:
    placed = {
        "field": (f"    date: {value}\n", "items[0].date", 4, 11),
        "nested field": (f"    quotes:\n      - text: Body\n        speaker: {value}\n", "items[0].quotes[0].speaker",
                         6, 18),
        "list entry": (f"    tags: [one, {value}]\n", "items[0].tags[1]", 4, 17),
        "list of mappings": (f"    related:\n      - {value}\n", "items[0].related[0]", 5, 9),
    }
    text, field, line, col = placed[where]
    result, problems = load(tmp_path, "items:\n  - title: Kept\n    body: Body text.\n" + text + GOOD_ITEM)
    assert problems == [f"b.yaml:{line}:{col}: {field}: {UNREADABLE[value]}; ignored"]
    assert [i.title for i in result.items] == ["Kept", "The good item after it"]


@pytest.mark.parametrize("value", [v for v in UNREADABLE if len(v) < 1024], ids=lambda v: v[:24])  # YAML's key limit
def test_an_unreadable_mapping_key_costs_its_item_only(tmp_path: Path, value: str) -> None:
    result, problems = load(tmp_path, f"items:\n  - title: Lost\n    {value}: x\n" + GOOD_ITEM)
    assert problems == [f"b.yaml:3:5: items[0]: mapping key: {UNREADABLE[value]}"]
    assert [i.id for i in result.items] == ["good"]


def test_a_required_field_that_cannot_be_read_costs_its_entry(tmp_path: Path) -> None:
    result, problems = load(tmp_path, "title: T\nbody: Some text\nquotes:\n  - text: !!int abc\n")
    assert problems == ["b.yaml:4:11: quotes[0].text: 'abc' is not a whole number"]
    assert result.items == []


def test_a_huge_hex_figure_value_is_reported_not_overflowed(tmp_path: Path) -> None:
    """A hex integer constructs (no digit limit applies to it) but no float holds it: math.isfinite raised
    OverflowError, and str() of it raised ValueError in a text field."""
    big = "0x" + "f" * 3000
    result, problems = load(tmp_path, f"title: T\nbody: x\nfigures:\n  - text: x\n    value: {big}\nid: {big}\n")
    assert problems == ["b.yaml:5:12: figures[0].value: number too large (3,000 digits); ignored",
                        "b.yaml:6:5: id: number too large (3,000 digits); ignored"]
    assert result.items[0].figures[0].value is None
    assert len(result.items[0].id) == 16  # derived, since the one given could not be read


def test_problems_of_one_item_come_in_file_order(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "title: T\ntags: [!!int a]\nbody: b\nquotes:\n  - text: b\n    via: !!float x\n"
                                 "date: !!bool no-way\n")
    assert [p.split(":")[1] for p in problems] == ["2", "6", "7"]


def test_an_alias_of_an_unreadable_value_says_the_same(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "title: T\nbody: b\ndate: &d 2024-13-45\ndateline: *d\n")
    assert [p.split(": ", 2)[2] for p in problems] == [UNREADABLE["2024-13-45"] + "; ignored"] * 2
