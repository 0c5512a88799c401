from briefing_tui.sanitize import clean_line, clean_text, visible


def test_escape_sequences_are_removed_whole() -> None:
    hostile = (
        "a\x1b[2J\x1b[1;1Hb"  # clear screen, cursor home
        "\x1b]0;pwned\x07c"  # window title
        "\x1b]52;c;aGVsbG8=\x07d"  # clipboard write
        "\x1b]8;;http://x\x1b\\e\x1b]8;;\x1b\\"  # hyperlink
        "\x1bP1$qm\x1b\\f"  # DCS
        "\x9b31mg"  # C1 CSI
    )
    assert clean_text(hostile) == "abcdefg"


def test_controls_bidi_and_zero_width_are_removed_but_lines_kept() -> None:
    text = "one\x07\x08\x00 two\u202eowt\u200b\u2066x\u2069\ufeff\r\nthree\tfour\u00ad"
    assert clean_text(text) == "one twoowtx\nthree\tfour"


def test_clean_line_folds_whitespace() -> None:
    assert clean_line("  A\n  title\twith   gaps ") == "A title with gaps"


def test_visible_shows_controls_as_escapes() -> None:
    assert visible("bad\nname\x1b[31m.txt") == "bad\\nname\\x1b[31m.txt"


def test_plain_text_is_unchanged() -> None:
    text = "Zelenskyy said “nearly 50,000” — 北朝鮮 🇺🇦 café"
    assert clean_text(text) == text


def test_hidden_format_characters_and_tag_characters_are_removed() -> None:
    """Issue 14 (11): the Arabic letter mark (a bidi control), the deprecated shaping controls, fillers
    that draw as blanks and Unicode tag characters (invisible, yet they spell ASCII) survived cleaning."""
    hidden_ascii = "".join(chr(0xE0000 + ord(c)) for c in "ignore this")
    text = f"a\u061cb\u180ec\u206ad\u206fe\u3164f\uffa0g{hidden_ascii}\U000e0001h\U0001d173i"
    assert clean_text(text) == "abcdefghi"
    assert visible("name\U000e0041\u061c.txt") == "name\\U000e0041\\u061c.txt"


def test_unicode_line_and_paragraph_separators_become_newlines() -> None:
    assert clean_text("one\u2028two\u2029three") == "one\ntwo\n\nthree"
    assert clean_line("one\u2028two") == "one two"


def test_emoji_with_variation_selectors_and_flags_are_kept() -> None:
    text = "❤️ 🇺🇦 👍🏽"
    assert clean_text(text) == text
