"""Tokens and number lexicons for the figures extractor.

Figures are found by walking a paragraph's tokens rather than by one big
regular expression: the rules (dates, ages, names, ranges, hedges) need to
look a few tokens either way, and a linear token walk cannot backtrack
catastrophically on hostile input. The word lists live in ``data/`` so they
can be reviewed without reading code; they are loaded once, on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"

# Digits (with thousands commas and decimals), words (with inner apostrophes), or any other single character.
TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[^\W\d_]+(?:['\u2019][^\W\d_]+)*|\S")


@dataclass(slots=True)
class Tok:
    text: str
    low: str
    start: int
    end: int
    kind: str  # "num", "word" or "punct"


def tokenize(text: str) -> list[Tok]:
    out: list[Tok] = []
    for m in TOKEN.finditer(text):
        s = m.group()
        c = s[0]
        kind = "num" if c.isdigit() else "word" if c.isalpha() else "punct"
        out.append(Tok(s, s.lower(), m.start(), m.end(), kind))
    return out


def _rows(name: str) -> list[list[str]]:
    rows = []
    try:
        lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    except OSError:
        return rows
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([part.strip() for part in line.split("\t")])
    return rows


@dataclass(slots=True)
class Lexicon:
    words: dict[str, tuple[float, str]]  # number word -> (value, role)
    symbols: dict[str, str]  # currency symbol (with any country prefix) -> ISO code
    codes: dict[str, str]  # ISO code written as a word -> code
    money_words: dict[tuple[str, ...], str]  # lower-case token sequence -> code
    money_first: set[str]  # first tokens of money words and codes, to reject most tokens at once
    units: dict[str, list[tuple[tuple[str, ...], bool, bool, str, str]]]  # first token -> (seq, exact, glued,
    # kind, canonical unit)


def _unit_key(form: str) -> tuple[tuple[str, ...], bool, bool]:
    """(tokens, case-exact, must be glued to the digits): "5km" and "5 km", but only "20C" and "50p"."""
    exact = len(form) <= 2 or any(ch.isupper() for ch in form)
    toks = tuple(t.text if exact else t.low for t in tokenize(form))
    return toks, exact, len(form) == 1 and form.isalpha()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load the data files once; a missing file gives an empty list, never an error."""
    words = {}
    for row in _rows("number_words.txt"):
        if len(row) >= 3:
            words[row[0]] = (float(row[1]), row[2])
    symbols, codes, money_words = {}, {}, {}
    for row in _rows("currencies.txt"):
        if len(row) < 3:
            continue
        form, code, where = row[0], row[1], row[2]
        if where == "symbol":
            symbols[form] = code
        elif where == "code":
            codes[form] = code
        else:
            money_words[tuple(t.low for t in tokenize(form))] = code
    units: dict[str, list[tuple[tuple[str, ...], bool, bool, str, str]]] = {}
    for row in _rows("units.txt"):
        if len(row) < 3:
            continue
        seq, exact, glued = _unit_key(row[0])
        if seq:
            units.setdefault(seq[0].lower(), []).append((seq, exact, glued, row[1], row[2]))
    for entries in units.values():
        entries.sort(key=lambda e: -len(e[0]))
    money_first = {seq[0] for seq in money_words} | {c.lower() for c in codes}
    return Lexicon(words, symbols, codes, money_words, money_first, units)


def role(word: str) -> str | None:
    entry = lexicon().words.get(word)
    return entry[1] if entry else None


def word_value(word: str) -> float:
    return lexicon().words[word][0]


def digits_value(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def parse_words(toks: list[Tok], i: int) -> tuple[float, int] | None:
    """Read a cardinal written in words from token i: ("two hundred and fifty", "twenty-five").

    Returns (value, index after the last token used) or None. "and a half"
    is folded in ("two and a half" = 2.5).
    """
    n = len(toks)
    total = 0.0
    current = 0.0
    j = i
    used = False
    last_small = False  # a unit/teen/ten was just read: another one would start a new number
    while j < n:
        t = toks[j]
        r = role(t.low) if t.kind == "word" else None
        if r in ("unit", "teen", "ten"):
            if last_small and not (r == "unit" and _prev_is_tens(toks, j)):
                break
            current += word_value(t.low)
            last_small = True
        elif r == "scale" and used:
            scale = word_value(t.low)
            if scale < 1000:
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = 0.0
            last_small = False
        else:
            break
        used = True
        j += 1
        # "twenty-five", "Five-hundred": a hyphen glued to another number word continues the number
        if (
            j + 1 < n
            and toks[j].text == "-"
            and toks[j].start == toks[j - 1].end
            and toks[j + 1].start == toks[j].end
            and role(toks[j + 1].low) in ("unit", "scale")
        ):
            j += 1
            continue
        # "two hundred and fifty"
        if (
            j + 1 < n
            and toks[j].low == "and"
            and not last_small
            and role(toks[j + 1].low) in ("unit", "teen", "ten")
        ):
            j += 1
    if not used:
        return None
    value = total + current
    if j + 2 < n and toks[j].low == "and" and toks[j + 1].low == "a" and toks[j + 2].low == "half":
        value += 0.5
        j += 3
        if j < n and role(toks[j].low) == "scale" and word_value(toks[j].low) >= 1000:
            value *= word_value(toks[j].low)  # "two and a half million"
            j += 1
    return value, j


def _prev_is_tens(toks: list[Tok], j: int) -> bool:
    """Whether token j follows a tens word through a hyphen ("twenty-five")."""
    return j >= 2 and toks[j - 1].text == "-" and role(toks[j - 2].low) == "ten"


def match_unit(toks: list[Tok], j: int, *, glued: bool) -> tuple[int, str, str] | None:
    """A unit of measure, time or percent starting at token j: (end index, kind, unit as written)."""
    if j >= len(toks):
        return None
    entries = lexicon().units.get(toks[j].low)
    if not entries:
        return None
    for seq, exact, glued_only, kind, canon in entries:
        end = j + len(seq)
        if end > len(toks):
            continue
        if glued_only and not glued:
            continue
        if not exact and not toks[j].text.islower():
            continue  # "the 2000 Millennium Declaration": a capitalised word is a name, not a unit
        ok = True
        for k, want in enumerate(seq):
            got = toks[j + k].text if exact else toks[j + k].low
            if got != want:
                ok = False
                break
        if ok:
            written = " ".join(t.text for t in toks[j:end]) if len(seq) > 1 else toks[j].text
            if kind in ("duration", "percent", "times", "pence", "cents"):
                written = canon
            return end, kind, written
    return None


def match_money_word(toks: list[Tok], j: int) -> tuple[int, str] | None:
    """A currency name after a number ("euros", "US dollars"): (end index, ISO code)."""
    lex = lexicon()
    if j >= len(toks) or toks[j].low not in lex.money_first:
        return None
    for length in (3, 2, 1):
        if j + length > len(toks):
            continue
        key = tuple(t.low for t in toks[j : j + length])
        code = lex.money_words.get(key)
        if code:
            return j + length, code
    if j < len(toks) and toks[j].text in lex.codes:
        return j + 1, lex.codes[toks[j].text]
    return None
