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

# Words (with inner apostrophes), first: most tokens are words, and no word starts with a digit.
# Then digits with thousands commas and decimals; three or more numbers joined by bare commas
# ("3,1,4,1,5": a row of comma-separated values, data rather than quantities claimed in prose, which
# puts a space after a list's commas), the one captured group; digits; or any other single character.
TOKEN = re.compile(
    r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!,?\d)"
    r"|(\d+(?:\.\d+)?(?:,\d+(?:\.\d+)?){2,})"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    r"|\S"
)


@dataclass(slots=True)
class Tok:
    text: str
    low: str
    start: int
    end: int
    kind: str  # "num", "word", "punct" or "data" (a row of comma-separated numbers)


def tokenize(text: str) -> list[Tok]:
    out: list[Tok] = []
    for m in TOKEN.finditer(text):
        s = m.group()
        c = s[0]
        kind = "word" if c.isalpha() else ("data" if m.lastindex else "num") if c.isdigit() else "punct"
        start, end = m.span()
        out.append(Tok(s, s.lower(), start, end, kind))
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
            if last_small and not (r == "unit" and _after_tens(toks, j)):
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
        if j + 1 >= n:
            continue
        nxt = role(toks[j + 1].low)
        # "twenty-five", "Five-hundred": a hyphen glued to another number word continues the number
        glued = toks[j].start == toks[j - 1].end and toks[j + 1].start == toks[j].end
        joins = nxt == "scale" or (nxt == "unit" and role(toks[j - 1].low) == "ten")
        if toks[j].text == "-" and glued and joins:
            j += 1
            continue
        # "two hundred and fifty"
        if toks[j].low == "and" and not last_small and nxt in ("unit", "teen", "ten"):
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


def _after_tens(toks: list[Tok], j: int) -> bool:
    """Whether token j follows a tens word, through a hyphen or a space ("twenty-five", "ninety one")."""
    if j >= 1 and role(toks[j - 1].low) == "ten":
        return True
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


# ------------------------------------------------------------------ vocabulary of the figure rules
# Small closed classes of English grammar words; kept here so the rules in figures.py read as rules.


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Hedges that make a figure approximate (the spec's list plus close synonyms); "precisely" and
# "exactly" belong to the expression but keep it exact. Indexed by their last word.
_HEDGES = (
    "more than|less than|fewer than|up to|at least|at most|as many as|as much as|as few as|close to|"
    "an estimated|upwards of|upward of|in excess of|no more than|no fewer than|not more than|just over|"
    "just under|well over|nearly|almost|about|around|approximately|roughly|some|over|under|maybe|perhaps|"
    "estimated|circa|!precisely|!exactly"
)
HEDGE_BY_LAST: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
for _h in sorted(_HEDGES.split("|"), key=lambda h: -len(h.split())):
    _seq = tuple(_h.lstrip("!").split())
    HEDGE_BY_LAST.setdefault(_seq[-1], []).append((_seq, not _h.startswith("!")))

MONTHS = _words(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
CLOCK_AFTER = _words("am pm gmt bst utc cet cest est edt pst pdt hrs o'clock")
ORDINAL_SUFFIX = _words("st nd rd th s")  # "s": decades ("1990s")
# what a race named by its distance wins or runs in: "the 100m final", "World 100m champion", "800m gold"
RACE_NOUNS = _words(
    """champion champions championship championships title titles final finals gold silver bronze medal
    record race races heat heats hurdles freestyle backstroke breaststroke butterfly medley relay"""
)
# emergency telephone numbers (North America, UK, EU): "called 911", "a 999 call"
EMERGENCY_NUMBERS = frozenset({"911", "999", "112"})
# the line counts of high-definition video modes: "1080p" and "720p" name a picture format, not pence
VIDEO_LINES = frozenset({720, 1080, 1440, 2160, 4320})  # not 480: share prices run that low
# Nouns before a number that make it a label, not a quantity ("number 10", "page 5", "seeded three").
ID_NOUNS = _words(
    """no number page pages line room flight route platform gate channel level grade category version model
    size code chapter article section clause paragraph rule resolution item episode season series volume vol
    issue phase stage step bus exit junction highway interstate ward precinct lot track tier zone type mark
    figure table option proposition amendment pier week day round term game act scene psalm verse tweet
    post box ranked seeded seed rank ranking"""
)
# Capitalised words that may stand before a number without making it part of a name.
CAP_OK = _words(
    """the a an in on at for of and but or with from by to about some nearly almost over around just only
    all another those these its their his her our up more less fewer than least roughly approximately maybe
    perhaps after before since until during between among while when if as so under like including every
    each both i we they he she it you my your then now there here top estimated fully barely exactly
    precisely however yet still also even last next first within against versus plus minus what"""
)
# Words that end a noun phrase: after a number they mean nothing is named as counted.
STOP = _words(
    """a an the of in on at by for from to with without into onto over under and or but nor as than that
    which who whom whose this these those it its is are was were be been being has have had will would can
    could shall should may might must do does did not no he she they we you i me him her them us our their
    his my your per each every between about around after before since until ago later earlier last next
    apiece respectively alone so too also already still just only now then there here when where while if
    because though although including such like among against during through across within via up down out
    off away back ahead instead what how why all both either neither more most less least say said says
    remain remains remained die died dies take took come came go went get got make made see saw left
    compared versus vs toward towards beyond above below near thereafter worldwide overall annually
    altogether abroad today yesterday tomorrow tonight nationwide ever behind beside besides inside outside
    underneath throughout upon amid amidst despite except beneath along alongside onward past unlike
    whereas unless once won lost beat fell rose grew came took gave met ran sold paid held led saw told
    thought found felt kept spent built brought bought fought caught sent put let quit shut hurt
    became began"""
)
# Modifiers that may stand inside a counted noun phrase ("two more years", "three other people").
MODIFIERS = _words("more other additional extra further new old such most")
IRREGULAR_PLURALS = _words(
    """people children men women police staff aircraft personnel cattle sheep fish deer data media crew
    livestock feet teeth mice geese offspring spacecraft clergy infantry folk youth alumni militia persons"""
)
# Plurals that usually modify a following noun ("30,000 sports utility vehicles", "200 human rights groups").
PLURAL_MODIFIERS = _words(
    """sports arms rights drugs weapons savings goods sales services operations communications news
    systems securities futures"""
)
DETERMINERS = _words("the these those its their his her our your my this that all")
# Words after "N times" that make it a multiplier ("14 times as much") rather than a count of occasions.
MULTIPLIER_NEXT = _words(
    """as more less fewer bigger larger higher greater faster smaller lower the that over cheaper better
    worse longer stronger richer likelier"""
)
COMPOUND_ADJ = _words("strong odd plus")  # "50,000-strong force": the count is of the following noun
MEASURE_ADJ = _words("wide long high tall deep thick strong odd plus large heavy")  # "500-metre-wide"
OPENERS = frozenset({'"', "\u201c", "\u2018", "'", "(", "[", "\u2014", "\u2013"})
CLOSERS = frozenset({'"', "\u201d", "\u2019", "'", ")", "]"})
SENT_END = frozenset({".", "!", "?", ";", ":", "\u2026"})
DASHES = frozenset({"-", "\u2013"})
