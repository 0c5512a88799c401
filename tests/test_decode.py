import codecs

import pytest

from briefing_tui.loading.decode import DecodeError, decode_bytes

TEXT = "Zelenskyy said “nearly 50,000” troops — café, £3bn, naïve."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16"),
        (TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_text_encodings_decode_exactly(data: bytes, encoding: str) -> None:
    text, used = decode_bytes(data)
    assert text == TEXT
    assert used == encoding


def test_latin1_with_bytes_cp1252_leaves_undefined() -> None:
    data = "Caf\xe9 \x81 au lait".encode("latin-1")
    text, used = decode_bytes(data)
    assert used == "latin-1"
    assert text.startswith("Café")


def test_bbc_latin1_pound_sign() -> None:
    text, used = decode_bytes(b"The \xa3300m deal")
    assert text == "The £300m deal"
    assert used == "cp1252"


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 40,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        b"%PDF-1.7\n" + bytes([0, 1, 2, 3, 250, 251]) * 300,
        bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 100,
    ],
)
def test_binary_is_refused_with_a_reason(data: bytes) -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(data)


def test_empty_input_is_empty_text() -> None:
    assert decode_bytes(b"") == ("", "utf-8")
