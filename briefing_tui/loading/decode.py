"""Bytes to text for articles and briefing files, refusing binary input with a reason.

News files arrive as UTF-8 (with or without BOM), UTF-16 from Windows tools,
and legacy cp1252/Latin-1 from older archives; each must read correctly,
and a binary file renamed ``.txt`` must be refused rather than shown as junk.
"""

from __future__ import annotations

import codecs


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Bytes cp1252 leaves undefined; a file with them is read as Latin-1.
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows as NULs on every other byte for ASCII-range text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    for ratio, other, enc in ((odd_nul, even_nul, "utf-16-le"), (even_nul, odd_nul, "utf-16-be")):
        if ratio > 0.6 and other < 0.05:
            try:
                return data[: len(data) // 2 * 2].decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for c in sample if (c < " " and c not in "\n\r\t\x0c\x1b") or "\x7f" <= c <= "\x9f")
    return controls / len(sample) > 0.1


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data``: (text, encoding name). Raises DecodeError for binary input."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(enc)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {enc} after its byte-order mark at byte {exc.start + len(bom)}") from None
            if _looks_binary(text):
                raise DecodeError("binary data, not text")
            return text, enc
    if b"\x00" in data[:4096]:
        text16 = _utf16_without_bom(data)
        if text16 is not None and not _looks_binary(text16):
            return text16, "utf-16"
        raise DecodeError("binary data, not text (NUL bytes)")
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        enc = "latin-1" if _CP1252_HOLES.intersection(data) else "cp1252"
        text = data.decode(enc)
    if _looks_binary(text):
        raise DecodeError("binary data, not text")
    return text, enc
