"""Figures: every number expression in the body that quantifies something (spec, section Figures).

One left-to-right walk over each paragraph's tokens. At a number it first
asks whether the number is really a date, year, clock time, ordinal, age or
part of a name (those are not figures), then reads what belongs to the
expression: a hedge before it ("nearly"), a currency before or after it, a
scale ("bn", "million"), a unit ("km", "%", "years") and, for counts, the
head noun of what is counted. Ranges and bare numbers ("maybe two") borrow
the unit of their neighbour afterwards, as a reader would.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise
from typing import cast

from ..model import Figure, FigureKind, Span
from .numbers import (
    CAP_OK,
    CLOCK_AFTER,
    CLOSERS,
    COMPOUND_ADJ,
    DASHES,
    DETERMINERS,
    EMERGENCY_NUMBERS,
    HEDGE_BY_LAST,
    ID_NOUNS,
    IRREGULAR_PLURALS,
    MEASURE_ADJ,
    MODIFIERS,
    MONTHS,
    MULTIPLIER_NEXT,
    OPENERS,
    ORDINAL_SUFFIX,
    PLURAL_MODIFIERS,
    RACE_NOUNS,
    SENT_END,
    STOP,
    VIDEO_LINES,
    WEEKDAYS,
    Tok,
    digits_value,
    lexicon,
    match_money_word,
    match_unit,
    parse_words,
    role,
    tokenize,
    word_value,
)
from .speakers import PERSON_ROLES, SINGULAR_PERSON_HEADS

_WORD_STARTS = frozenset({"a", "an", "half", "tens", "several", "few", "many"})
_NOT_LABEL_BEFORE = frozenset({"every", "each", "a", "an", "per", "that", "this", "one", "same", "next"})
_MONEY_ONLY_SUFFIX = frozenset({"b", "k"})
_SIZE_ADJ = frozenset({"wide", "long", "high", "tall", "deep", "thick"})  # "a 5m-high wall": metres


@dataclass(slots=True)
class _Rec:
    start: int  # first token of the text (hedge or currency included)
    num: int  # first token of the number itself
    end: int  # token after the text
    value: float | None
    face: float | None = None  # value before the scale word
    mult: float = 1.0
    unit: str | None = None
    kind: str = "count"
    approx: bool = False
    bare: bool = False  # a count whose noun is not written next to it ("maybe two")


def extract_figures(paragraphs: list[str]) -> list[Figure]:
    """All figures of the body, in body order, each with an exact span."""
    out: list[Figure] = []
    for index, para in enumerate(paragraphs):
        if not isinstance(para, str) or not para:
            continue
        try:
            out.extend(_paragraph_figures(index, para))
        except Exception:  # a rule tripping on one odd paragraph must not cost the whole article
            continue
    return out


def _paragraph_figures(index: int, para: str) -> list[Figure]:
    toks = tokenize(para)
    recs = _scan(toks)
    _link_ranges(toks, recs)
    _inherit_units(toks, recs)
    out = []
    for r in recs:
        s, e = toks[r.start].start, toks[r.end - 1].end
        # A number too long for a float (309 digits and up) reads as infinity: no value is claimed then,
        # as for a vague one, and JSON and YAML output stay valid.
        value = r.value if r.value is None or math.isfinite(r.value) else None
        out.append(Figure(para[s:e], value, r.unit, r.approx, cast(FigureKind, r.kind), Span(index, s, e)))
    return out


# ------------------------------------------------------------------ scanning


def _scan(toks: list[Tok]) -> list[_Rec]:
    recs: list[_Rec] = []
    i, n = 0, len(toks)
    list_heads = _ListHeads(toks)
    while i < n:
        t = toks[i]
        rec: _Rec | None = None
        nxt = i + 1
        if t.kind == "num":
            rec, nxt = _digit_figure(toks, i, list_heads)
        elif t.kind == "word" and (t.low in _WORD_STARTS or role(t.low)) and _quoted_term(toks, i):
            nxt = i + 1  # 'the term "three amigos"': a coined name in quotation marks, not a count
        elif t.kind == "word" and (t.low in _WORD_STARTS or role(t.low)):
            rec, nxt = _word_figure(toks, i)
        if rec is not None:
            if recs and rec.start < recs[-1].end:  # a hedge cannot reach into the previous figure
                rec.start = min(max(recs[-1].end, rec.start), rec.num)
            recs.append(rec)
        i = nxt if nxt > i else i + 1
    return recs


def _quoted_term(toks: list[Tok], i: int) -> bool:
    """A number word opening a quoted phrase of at most three words that closes right after it."""
    if i == 0 or toks[i - 1].text not in ('"', "\u201c") or not _glued(toks, i - 1, i):
        return False
    for k in range(i + 1, min(i + 4, len(toks))):
        if toks[k].text in ('"', "\u201d"):
            words = range(i + 1, k)
            return (
                k > i + 1 and all(toks[x].kind == "word" for x in words) and not any(role(toks[x].low) for x in words)
            )
        if toks[k].kind != "word":
            return False
    return False


def _glued(toks: list[Tok], a: int, b: int) -> bool:
    """Tokens a and b touch (no space between them)."""
    n = len(toks)
    return 0 <= a < n and 0 <= b < n and toks[a].end == toks[b].start


def _low(toks: list[Tok], k: int) -> str:
    if k < 0:
        return ""
    try:
        return toks[k].low
    except IndexError:
        return ""


def _sentence_start(toks: list[Tok], k: int) -> bool:
    """Whether token k opens a sentence (quotes and brackets in front of it do not count)."""
    k -= 1
    while k >= 0 and toks[k].text in OPENERS:
        k -= 1
    if k < 0 or toks[k].text in SENT_END:
        return True
    return toks[k].text in CLOSERS and k > 0 and toks[k - 1].text in SENT_END


def _is_capital_name_part(toks: list[Tok], k: int, anywhere: bool = False) -> bool:
    """Token k is a capitalised word (other than a function word), so a number after it is part of a name.

    At a sentence start a capitalised word may be any word, so that counts only when ``anywhere``.
    """
    t = toks[k]
    if t.kind != "word" or not any(ch.isupper() for ch in t.text):
        return False
    if t.low in CAP_OK or t.text in MONTHS or t.text in WEEKDAYS:
        return False
    if t.low.endswith(("'s", "\u2019s")):
        return False
    return anywhere or not _sentence_start(toks, k)


def _hedge(toks: list[Tok], i: int) -> tuple[int, bool | None]:
    """(start token, approx) of a hedge ending just before token i; approx None if there is none."""
    k = i
    before = toks[k - 1].low if k >= 1 else ""
    # a number or a currency sign before one: "up to a $250,000 fine"
    numeric = toks[i].kind == "num" or (toks[i].kind == "punct" and i + 1 < len(toks) and toks[i + 1].kind == "num")
    article = before == "a" and numeric
    if article:  # "up to a 90 percent tax break" (but "over a 40m penalty" is a preposition)
        k -= 1
        before = toks[k - 1].low if k >= 1 else ""
    for words, approx in HEDGE_BY_LAST.get(before, ()):
        s = k - len(words)
        if article and len(words) < 2:
            continue
        if s >= 0 and all(toks[s + m].low == w for m, w in enumerate(words)):
            return s, approx
    return i, None


def _currency_before(toks: list[Tok], i: int) -> tuple[int, str] | None:
    """A currency symbol or code right before token i ("$", "US$", "£", "Rs", "USD")."""
    lex = lexicon()
    k = i - 1
    if k < 0:
        return None
    t = toks[k]
    if t.kind == "punct" and t.text in lex.symbols and toks[k].end >= toks[i].start - 1:
        if k >= 1 and _glued(toks, k - 1, k) and toks[k - 1].text + t.text in lex.symbols:
            return k - 1, lex.symbols[toks[k - 1].text + t.text]
        return k, lex.symbols[t.text]
    if t.text == "." and k >= 1 and toks[k - 1].text + "." in lex.symbols:  # "Rs. 500"
        return k - 1, lex.symbols[toks[k - 1].text + "."]
    if t.kind == "word" and (t.text in lex.codes or t.text in lex.symbols):
        return k, lex.codes.get(t.text) or lex.symbols[t.text]
    return None


def _scale_after(toks: list[Tok], j: int) -> tuple[int, float, bool]:
    """A scale after a number at token j ("bn", " million", "-billion"): (new j, multiplier, is metres)."""
    if j >= len(toks):
        return j, 1.0, False
    t = toks[j]
    suffix = t.kind == "word" and role(t.low) == "suffix" and t.text.islower()
    if suffix and (_glued(toks, j - 1, j) or len(t.low) > 1):  # "£3bn", "£1.5 bn", "300 mln"
        if t.low in _MONEY_ONLY_SUFFIX and _currency_before(toks, j - 1) is None:
            return j, 1.0, False  # "802.11b", "a 5k run": only money is written "$5b", "£20k"
        # "5m-high wall": metres, not millions
        if t.low == "m" and _low(toks, j + 1) == "-" and _low(toks, j + 2) in _SIZE_ADJ:
            return j, 1.0, True
        return j + 1, word_value(t.low), False
    if t.kind == "word" and role(t.low) == "scale" and t.low != "dozen":
        return j + 1, word_value(t.low), False
    hyphened = t.text == "-" and _glued(toks, j - 1, j) and _glued(toks, j, j + 1)
    if hyphened and role(_low(toks, j + 1)) == "scale":
        return j + 2, word_value(toks[j + 1].low), False
    return j, 1.0, False


def _unit_after(toks: list[Tok], j: int) -> tuple[int, str, str] | None:
    """A unit, percent sign or currency name after a number: (end, kind, unit)."""
    low = _low(toks, j)
    lex = lexicon()
    if low != "-" and low not in lex.units and low not in lex.money_first:
        return None  # what no unit or currency name starts with: most words, every other mark
    k = j
    glued = _glued(toks, j - 1, j)
    if _low(toks, j) == "-" and _glued(toks, j - 1, j) and _glued(toks, j, j + 1):
        k = j + 1
    u = match_unit(toks, k, glued=glued and k == j)
    if u is not None:
        end, kind, unit = u
        if kind in ("pence", "cents"):
            return end, "money", unit
        return end, kind, unit
    mw = match_money_word(toks, k)
    if mw is None:
        return None
    word = toks[k].low
    if word in ("pound", "pounds") and _low(toks, mw[0]) == "of":
        return mw[0], "measure", "pounds"  # "10 pounds of cocaine": weight
    if word in ("pound", "pounds") and any(_low(toks, x).startswith("weigh") for x in range(k - 5, k)):
        return mw[0], "measure", "pounds"  # "he weighs 243 pounds", "weighing about 90 pounds"
    if word == "won" and role(_low(toks, k - 1)) not in ("scale", "suffix"):
        return None  # "the 11 won the cup"; "5bn won" is money
    return mw[0], "money", mw[1]


def _is_age(toks: list[Tok], j: int) -> bool:
    """An age after the number: "52-year-old", "93 year-old", "18 years old", "six-month-old"."""
    k = j + 1 if _low(toks, j) == "-" else j
    if _low(toks, k) not in ("year", "years", "month", "months", "week", "weeks", "day", "days"):
        return False
    k += 1
    if _low(toks, k) == "-":
        k += 1
    return _low(toks, k) in _OLD


_QUOTE_OPEN = frozenset({'"', "\u201c", "'", "\u2018"})
_OLD = frozenset({"old", "olds", "old's", "olds'", "old\u2019s", "olds\u2019"})  # "the 52-year-old's career"
_LIST_LINKS = frozenset({",", "and", "or"})


class _ListHeads:
    """Where the list of bare numbers ending at a token starts ("8, 9 and 10": 8 for 10; a token no number
    is linked to from before starts its own).

    Each token's answer is worked out once and kept, and each is the one two tokens back when a number
    and a list word come before it: so asking at every number of a list thousands long costs a step each
    rather than a walk back to the list's start, and a paragraph without lists costs nothing."""

    def __init__(self, toks: list[Tok]) -> None:
        self.toks = toks
        self.known: dict[int, int] = {}

    def __call__(self, i: int) -> int:
        toks, known = self.toks, self.known
        chain: list[int] = []
        k = i
        while k not in known and k >= 2 and toks[k - 1].text in _LIST_LINKS and toks[k - 2].kind == "num":
            chain.append(k)
            k -= 2
        head = known.get(k, k)
        for c in chain:
            known[c] = head
        return head


def _listed_after_name(toks: list[Tok], i: int, heads: _ListHeads) -> bool:
    """The number continues a list of bare numbers that a name opens ("Solaris 8, 9 and 10")."""
    k = heads(i)
    return k < i and k >= 1 and _is_capital_name_part(toks, k - 1, anywhere=True)


_PERSON_NOUNS = (
    PERSON_ROLES
    | SINGULAR_PERSON_HEADS
    | frozenset({"boy", "girl", "mother", "father", "wife", "husband", "son", "daughter", "victim", "suspect"})
)


def _age_before(toks: list[Tok], i: int) -> bool:
    p = toks[i - 1].low if i >= 1 else ""
    if p in ("aged", "age", "ages") or (p == "of" and i >= 2 and toks[i - 2].low in ("age", "ages")):
        return True
    if p == "at" and _died_before(toks, i):
        return True  # "he died in Germany at 50."
    if p == "at" and _sentence_start(toks, i - 1) and _low(toks, i + 1) == "," and _small_whole(toks[i]):
        return True  # "At 23, Henson has the world at his feet"
    if _person_is(toks, i):
        return True  # "I'm only 27 and don't remember it", "by then I will be 35"
    # "Grace, 52, ...", "the prince, 20, apologised", "... Anthony Elgindy, 36." or "Smith (52)":
    # an age in apposition to a name or a person noun
    t = toks[i]
    if t.kind == "num" and "." not in t.text and len(t.text) <= 3 and i >= 2:
        after = toks[i + 1].low if i + 1 < len(toks) else ""
        before = toks[i - 2].text
        if before == "." and i >= 3 and _glued(toks, i - 3, i - 2):
            before = toks[i - 3].text  # "Patrick Carlineo Jr., 55, ..."
        if p == "now" and before == "," and after in (",", ".", ";") and int(t.text) <= 120 and i >= 3:
            return toks[i - 3].text[:1].isupper()  # "Agassi, now 34, ..."
        if p == ",":
            if after in (",", "-", "\u2013", "\u2014"):
                return before[:1].isupper() or before.lower() in _PERSON_NOUNS
            return after in (".", ";") and before[:1].isupper() and int(t.text) <= 120
        if p == "(" and after == ")" and before[:1].isupper():
            return True
    return False


_PERSONS = frozenset({"i", "he", "she", "you", "i'm", "he's", "she's", "you're", "i\u2019m", "he\u2019s", "she\u2019s"})
_COPULAS = frozenset({"am", "is", "are", "was", "were", "be", "turned", "turns", "turn"})
_CLAUSE_GOES_ON = frozenset({"and", "but", "so", "when", "now", "then", "or", "next", "this", "last", "in", "on"})


def _person_is(toks: list[Tok], i: int) -> bool:
    """A bare small number said of a person with "to be" or "turn": an age ("I'm not 10!", "she turns 40")."""
    t = toks[i]
    if t.kind == "num":
        if not t.text.isdigit() or int(t.text) > 120:
            return False
        end = i + 1
    else:
        parsed = parse_words(toks, i)
        if parsed is None or parsed[0] > 120 or parsed[0] != int(parsed[0]):
            return False
        end = parsed[1]
    if end < len(toks) and toks[end].kind != "punct" and toks[end].low not in _CLAUSE_GOES_ON:
        return False
    k = i - 1
    if _low(toks, k) in ("only", "not", "now", "just", "still", "nearly", "almost"):
        k -= 1
    if _low(toks, k) in _PERSONS and ("'" in toks[k].text or "\u2019" in toks[k].text):
        return True  # "I'm 27"
    if _low(toks, k) not in _COPULAS:
        return False
    k -= 1
    if _low(toks, k) in ("will", "would", "could", "might", "to"):
        k -= 1
    return _low(toks, k) in _PERSONS


_END_OF_LIFE = frozenset(
    {"died", "dies", "die", "dead", "retired", "retires", "retire", "became", "become", "becomes", "married"}
)


def _small_whole(t: Tok) -> bool:
    """Digits of a whole number a person's age could be."""
    return t.kind == "num" and t.text.isdigit() and int(t.text) <= 120


def _died_before(toks: list[Tok], i: int) -> bool:
    """ "died ... at 50", "became an MP at 27": a plain small number closing a clause whose verb marks a life event."""
    t = toks[i]
    if t.kind != "num" or not t.text.isdigit() or int(t.text) > 120:
        return False
    if i + 1 < len(toks) and toks[i + 1].text not in (".", ",", ";", ")") and toks[i + 1].low != "and":
        return False
    for k in range(i - 2, max(-1, i - 12), -1):
        if toks[k].text in SENT_END:
            return False
        if toks[k].low in _END_OF_LIFE:
            return True
    return False


def _skip_age(toks: list[Tok], j: int) -> int:
    """Past the rest of an age: "aged 18 years and 185 days"."""
    u = _unit_after(toks, j)
    if u is None:
        # "between the ages of six and 11", "aged 18 to 24"
        if _low(toks, j) in ("and", "to", "-", "\u2013") and j + 1 < len(toks):
            nxt = toks[j + 1]
            if nxt.kind == "num":
                return j + 2
            parsed = parse_words(toks, j + 1)
            return parsed[1] if parsed else j
        return j
    j = u[0]
    if _low(toks, j) == "and" and j + 1 < len(toks) and (toks[j + 1].kind == "num" or role(toks[j + 1].low)):
        k = j + 2 if toks[j + 1].kind == "num" else (parse_words(toks, j + 1) or (0.0, j + 2))[1]
        u = _unit_after(toks, k)
        if u is not None:
            return u[0]
    return j


def _is_date(toks: list[Tok], i: int, j: int) -> bool:
    """A day of the month: a month name before ("Aug. 6", "June 19") or after ("22 January")."""
    k = i - 1
    if _low(toks, k) == ".":
        k -= 1
    if k >= 0 and (toks[k].text in MONTHS or toks[k].text in WEEKDAYS):
        return True
    k = j
    if _low(toks, k) == "of":
        k += 1
    return 0 <= k < len(toks) and toks[k].text in MONTHS


def _labels(toks: list[Tok], i: int, j: int) -> bool:
    """A number after a noun like "page" or "seeded" labels something rather than counting it."""
    if _low(toks, i - 1) not in ID_NOUNS or toks[i - 1].kind != "word" or "." in toks[i].text:
        return False
    if _low(toks, i - 2) in _NOT_LABEL_BEFORE:
        return False  # "every day 78 million messages"
    if _scale_after(toks, j)[1] != 1.0 or _unit_after(toks, j) is not None:
        return False
    # but a number in words may start a new phrase: "in a week two people died"
    return toks[i].kind == "num" or not _is_plural(_noun_phrase(toks, j) or "")


def _is_year_like(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1000 <= int(text) <= 2100


def _digit_excluded(toks: list[Tok], i: int) -> int | None:
    """Where to resume if the digits at token i are not a quantity (identifier, time, ordinal...)."""
    t = toks[i]
    n = len(toks)
    if len(t.text) > 1 and t.text[0] == "0" and t.text[1] != ".":
        return i + 1  # phone numbers, "0900 GMT"
    p = toks[i - 1] if i >= 1 else None
    if p is not None and p.end == t.start:
        if p.kind in ("word", "num", "data") or p.text in ("#", "/", ".", ":", "'", "\u2019", "@", "_"):
            return i + 1  # "G7", "BA1478", "#1", "9/11", "'90s", "1.2.3"
        if p.text in DASHES and i >= 2 and toks[i - 2].end == p.start and toks[i - 2].kind == "word":
            return i + 1  # "F-16", "COVID-19", "mid-1990s"
        if p.text in DASHES and i >= 2 and toks[i - 2].end == p.start and _is_year_like(toks[i - 2].text):
            return i + 1  # "1965-71", "2008-09"
    k = i
    while k + 2 < n and toks[k + 1].text in DASHES and toks[k + 2].kind == "num":
        if not (_glued(toks, k, k + 1) and _glued(toks, k + 1, k + 2)):
            break
        k += 2
    if k >= i + 4:
        return k + 1  # "3-4-1" formations, "12-25-2014"
    if (
        i + 3 < n
        and toks[i + 1].text in DASHES
        and toks[i + 2].kind == "num"
        and toks[i + 3].kind == "word"
        and _glued(toks, i, i + 1)
        and _glued(toks, i + 1, i + 2)
        and _glued(toks, i + 2, i + 3)
        and match_unit(toks, i + 3, glued=True) is None
        and role(toks[i + 3].low) != "suffix"
    ):
        return i + 4  # "777-200LR"
    nx = toks[i + 1] if i + 1 < n else None
    nx_low = nx.low if nx is not None else ""
    if nx_low == "(" and _low(toks, i + 3) == ")" and nx.start == t.end:
        return i + 4  # "401(k)"
    if (
        i == 0
        and nx is not None
        and nx.text in (".", ")")
        and nx.start == t.end
        and i + 2 < n
        and toks[i + 2].start > nx.end
        and (toks[i + 2].text[:1].isupper() or toks[i + 2].text in _QUOTE_OPEN)
    ):
        return i + 2  # "2. Never urged Ukraine...": the number of a list item or heading
    if nx is not None and nx.start == t.end:
        if nx.low == "p" and t.text.isdigit() and int(t.text) in VIDEO_LINES:
            return i + 2  # "1080p": a picture format
        if nx.text in ("/", ":") and i + 2 < n and toks[i + 2].kind == "num" and _glued(toks, i + 1, i + 2):
            return i + 3  # "24/7", "10:45"
        if nx.text == "." and i + 2 < n and toks[i + 2].kind == "num" and _glued(toks, i + 1, i + 2):
            return i + 3  # "29.12.2014"
        if nx.kind == "word":
            if nx.low in ORDINAL_SUFFIX or nx.low in CLOCK_AFTER:
                return i + 2
            money_suffix = nx.low not in _MONEY_ONLY_SUFFIX or _currency_before(toks, i) is not None
            unit = match_unit(toks, i + 1, glued=True)
            known = (role(nx.low) == "suffix" and money_suffix) or unit is not None
            if not known and match_money_word(toks, i + 1) is None:
                return i + 2  # "4G", "3D", "A4"
        if nx.text in ("'", "\u2019") and _low(toks, i + 2) == "s":
            return i + 3  # "1990's"
    if nx_low in CLOCK_AFTER or (nx_low in ("a", "p") and (_low(toks, i + 2), _low(toks, i + 3)) == (".", "m")):
        return i + 2  # "11.30pm", "4:30 p.m."
    # groups of three or more digits set apart by spaces: a phone or reference number
    if len(t.text) >= 3 and "," not in t.text and "." not in t.text:
        for k in (i - 1, i + 1):
            if 0 <= k < n and toks[k].kind == "num" and len(toks[k].text) >= 3 and "," not in toks[k].text:
                return i + 1
    if t.text in EMERGENCY_NUMBERS and (
        _low(toks, i - 1).startswith(("call", "dial", "ring"))
        or _low(toks, i + 1).startswith(("call", "dispatch", "operator", "emergency"))
    ):
        return i + 1  # "called 911", "911 calls": a telephone number
    if _age_before(toks, i):
        return _skip_age(toks, i + 1)
    if _labels(toks, i, i + 1):
        return i + 1
    if p is not None and p.low == "." and _low(toks, i - 2) == "no":
        return i + 1  # "No. 1"
    return None


def _digit_figure(toks: list[Tok], i: int, list_heads: _ListHeads) -> tuple[_Rec | None, int]:
    free = i == 0 or not _glued(toks, i - 1, i) or toks[i - 1].text in ("(", "[")
    if not free and toks[i - 1].text == "," and i >= 2 and toks[i - 2].kind == "num":
        free = _score_at(toks, i) is not None  # "lost 1-6,4-6": set scores written without a space
    cur = _currency_before(toks, i)
    score = _score_at(toks, i) if free and cur is None else None
    if score is not None:
        return score  # before the label rules: "the eighth seed 6-1"
    skip = _digit_excluded(toks, i)
    if skip is not None:
        return None, skip
    t = toks[i]
    value = digits_value(t.text)
    if value is None:
        return None, i + 1
    dashed = i >= 2 and toks[i - 1].text in DASHES and _glued(toks, i - 2, i - 1) and _glued(toks, i - 1, i)
    if cur is None and dashed:
        first = _currency_before(toks, i - 2)  # "$10-25m": the second end shares the currency
        if first is not None:
            cur = (i, first[1])
    j, mult, metres = _scale_after(toks, i + 1)
    if _is_date(toks, i, j) and mult == 1.0:
        return None, j
    if metres:
        return _complete(toks, _Rec(i, i, j + 1, value, unit="m", kind="measure"), j + 1)
    u = _unit_after(toks, j)
    has_unit = mult != 1.0 or u is not None or cur is not None
    plain = "," not in t.text and "." not in t.text
    hedge = _hedge(toks, i)
    hedged = hedge[1]
    noun = _noun_phrase(toks, j)
    counts_noun = bool(noun) and _is_plural(noun)
    if not has_unit and noun and noun[0].isupper() and " " in noun and not counts_noun:
        return None, i + 1  # "7 Tim Henman (Britain)": a seeding list, not a count of Henmans
    if plain and _is_year_like(t.text) and not has_unit and (hedged is None or not counts_noun):
        return None, i + 1  # a year ("about 2005"), unless "some 1500 troops"
    if plain and len(t.text) >= 5 and not has_unit:
        return None, i + 1  # an identifier: news writes large quantities with commas
    if not has_unit and i >= 1 and _is_capital_name_part(toks, i - 1, anywhere=True):
        return None, i + 1  # "Spider-Man 2", "Number 73", "Boeing 747", "Kluivert 32" (a goal's minute)
    if not has_unit and _listed_after_name(toks, i, list_heads):
        return None, i + 1  # "Windows 95, 98, 2000 and XP": the list goes on naming versions
    if plain and len(t.text) == 4 and not has_unit and hedged is None and not counts_noun:
        return None, i + 1  # "the popular 6230": news writes counts of a thousand or more with a comma
    if cur is None and mult == 1e6 and toks[j - 1].text == "m" and u is None and _event_name(toks, i, j):
        return None, j  # "won the 100m and 200m titles": races are named by their distance
    if cur is None and mult == 1e6 and toks[j - 1].text == "m" and u is None and _low(toks, j) != "-":
        noun = _noun_phrase(toks, j)
        if noun is None or not _is_plural(noun):
            return _complete(toks, _Rec(i, i, j, value, unit="m", kind="measure"), j)  # "the 100m final"
    rec = _Rec(i, i, j, value * mult, value, mult)
    if cur is not None:
        rec.start, rec.kind, rec.unit = cur[0], "money", cur[1]
    return _complete(toks, rec, j, _Known(j, u, noun, i, hedge))


def _event_name(toks: list[Tok], i: int, j: int) -> bool:
    """A race named by its distance: "the 60m", "the 100m final", "the 100m and 200m" (not "the 5m people")."""
    if not _glued(toks, i, j - 1):
        return False
    if _low(toks, j) in RACE_NOUNS or (_low(toks, j) == "and" and _low(toks, j + 3) in RACE_NOUNS):
        return True  # "World 100m champion", "the 800m and 1,500m gold"
    if _low(toks, i - 1) == "the":
        if _low(toks, j) in ("and", "or") and _low(toks, j + 2) == "m" and _glued(toks, j + 1, j + 2):
            return True
        noun = _noun_phrase(toks, j)
        return noun is None or not _is_plural(noun)
    return (
        _low(toks, i - 1) in ("and", "or")
        and _low(toks, i - 2) == "m"
        and i >= 4
        and toks[i - 3].kind == "num"
        and _glued(toks, i - 3, i - 2)
        and _low(toks, i - 4) == "the"
    )


def _score_at(toks: list[Tok], i: int) -> tuple[_Rec | None, int] | None:
    """A sports score or tally ("6-2", "(7-5)", "3-1 lead"): kind other, no value."""
    n = len(toks)
    if not (i + 2 < n and toks[i + 1].text in DASHES and toks[i + 2].kind == "num"):
        return None
    if not (_glued(toks, i, i + 1) and _glued(toks, i + 1, i + 2)):
        return None
    a, b = toks[i].text, toks[i + 2].text
    if not (a.isdigit() and b.isdigit() and len(a) <= 3 and len(b) <= 3):
        return None
    if (
        i + 4 < n
        and toks[i + 3].text in DASHES | {"/", "."}
        and toks[i + 4].kind == "num"
        and _glued(toks, i + 2, i + 3)
        and _glued(toks, i + 3, i + 4)
    ):
        return None  # "12-25-2014"
    if _glued(toks, i + 2, i + 3) and toks[i + 3].kind == "word":
        return None
    if _unit_after(toks, i + 3) is not None or _scale_after(toks, i + 3)[1] != 1.0:
        return None  # "3-4 days": a range
    if i + 3 < n and toks[i + 3].text in MONTHS:
        return None, i + 4  # "10-16 January": dates
    rec = _Rec(start=i, num=i, end=i + 3, value=None, kind="other")
    rec.unit = _noun_phrase(toks, i + 3)
    return rec, i + 3


def _word_figure(toks: list[Tok], i: int) -> tuple[_Rec | None, int]:
    t = toks[i]
    low = t.low
    n = len(toks)
    # a capitalised number word inside a sentence is part of a name ("Five-hundred-meter Aperture Telescope")
    if t.text[0].isupper() and not _sentence_start(toks, i) and role(low):
        k = i + 1
        while k < n and (role(toks[k].low) or toks[k].text == "-") and _glued(toks, k - 1, k):
            k += 1
        return None, k
    if low in ("several", "few", "many") or (low == "a" and _low(toks, i + 1) == "few"):
        k = i + (2 if low == "a" else 1)
        if role(_low(toks, k)) in ("scale", "vague"):
            return _vague(toks, i, k + 1)
        return None, i + 1
    if low == "tens" or role(low) == "vague":
        if low == "tens" or low == "hundreds":
            if _low(toks, i + 1) == "of" and role(_low(toks, i + 2)) == "vague":
                return _vague(toks, i, i + 3)
            if low == "tens":
                return None, i + 1
        return _vague(toks, i, i + 1)
    if low == "half":
        return _half(toks, i)
    if low in ("a", "an"):
        nx = _low(toks, i + 1)
        r = role(nx)
        if r == "scale":
            value = word_value(nx)
            rec = _Rec(start=i, num=i, end=i + 2, value=value, face=1.0, mult=value)
            return _complete(toks, rec, i + 2)
        if r == "fraction" and nx not in ("half", "halves") and not _ordinal_use(toks, i + 1):
            return _fraction(toks, i, i + 2, 1.0, word_value(nx))
        return None, i + 1
    parsed = parse_words(toks, i)
    if parsed is None:
        return None, i + 1
    value, j = parsed
    # "two-thirds", "one third of", "three quarters of"
    k = j + 1 if _low(toks, j) == "-" and _glued(toks, j - 1, j) else j
    is_fraction = role(_low(toks, k)) == "fraction" and value >= 1
    if is_fraction and (k > j or _low(toks, k + 1) == "of" or (value == 1 and not _ordinal_use(toks, k))):
        return _fraction(toks, i, k + 1, value, word_value(toks[k].low))
    if low == "zero" and (
        _low(toks, i - 1) in ("ground", "net", "absolute") or _low(toks, j) in ("tolerance", "sum", "-")
    ):
        return None, j
    if low == "zero" and _zero_quality(toks, i, j):
        return None, j
    if j == i + 1 and low == "one":
        # the lone word "one" is not a figure; "one in five" and "one or two" are
        if _low(toks, j) == "-" and _glued(toks, i, j) and role(_low(toks, j + 1)):
            return None, j + 2  # "a one-two"
        if not (
            _low(toks, j) in ("in", "or") and (toks[j + 1].kind == "num" or role(_low(toks, j + 1)))
            if j + 1 < n
            else False
        ):
            return None, j
    if _age_before(toks, i):
        return None, _skip_age(toks, j)
    if _labels(toks, i, j):
        return None, j  # "at number five" in a chart, "seeded three"
    face = value
    j2, mult, _ = _scale_after(toks, j)
    rec = _Rec(start=i, num=i, end=j2, value=value * mult, face=face, mult=mult)
    return _complete(toks, rec, j2)


def _zero_quality(toks: list[Tok], i: int, j: int) -> bool:
    """ "zero shame", "zero chance", "start from zero": zero as a quality or a starting point, not a count.
    A count of none takes a plural ("zero deaths") or stands after a hedge ("precisely zero")."""
    if _low(toks, i - 1) == "from" and (j >= len(toks) or toks[j].kind == "punct"):
        return True
    if j >= len(toks) or toks[j].kind != "word" or not toks[j].text.islower():
        return False
    nx = toks[j].low
    if nx in STOP or role(nx) or _unit_after(toks, j) is not None or nx.endswith(("ly", "ed", "ing")):
        return False
    return not _is_plural(nx)


def _ordinal_use(toks: list[Tok], k: int) -> bool:
    """ "a third quarter", "a fifth term": an ordinal before a noun, not a fraction ("a third of")."""
    nx = _low(toks, k + 1)
    if nx in ("of", "") or nx in STOP or (k + 1 < len(toks) and toks[k + 1].kind == "punct" and nx != "-"):
        return False  # "a third of", "cut by a third for", "by a quarter."
    # "a quarter-century", not "a quarter-final"
    u = match_unit(toks, k + 2 if nx == "-" else k + 1, glued=False)
    return not (u is not None and u[1] in ("duration", "measure"))


def _vague(toks: list[Tok], i: int, j: int) -> tuple[_Rec, int]:
    """ "tens of thousands", "hundreds", "several hundred": a count with no exact value."""
    rec = _Rec(start=i, num=i, end=j, value=None, approx=True)
    k = j
    while _low(toks, k) in ("\u201d", '"', "\u2019"):
        k += 1
    if _low(toks, k) == "of":
        mw = match_money_word(toks, k + 1)
        if mw is not None:
            rec.kind, rec.unit = "money", mw[1]
            rec.end = mw[0]
            return rec, mw[0]
        u = _unit_after(toks, k + 1) if toks[k + 1 :] and toks[k + 1].kind == "word" else None
        if u is not None and u[1] in ("measure", "duration"):
            rec.kind, rec.unit = u[1], u[2]  # "thousands of light-years": a measure, the unit in its text
            rec.end = u[0]
            rec.start = _hedge(toks, i)[0]
            return rec, u[0]
    rec.unit = _noun_phrase(toks, k)
    rec.bare = rec.unit is None
    s, _ = _hedge(toks, i)
    rec.start = s
    return rec, j


def _half(toks: list[Tok], i: int) -> tuple[_Rec | None, int]:
    """ "half a decade", "half their 1960 levels", "half of the budget"; not "the second half"."""
    if _low(toks, i - 1) in ("the", "first", "second", "last", "latter", "other", "and", "a", "an", "one"):
        return None, i + 1
    if _glued(toks, i, i + 1) and _low(toks, i + 1) == "-":
        return None, i + 1
    nx = _low(toks, i + 1)
    if nx in ("a", "an"):
        after = _low(toks, i + 2)
        if role(after) == "scale":  # "half a million"
            value = 0.5 * word_value(after)
            rec = _Rec(start=i, num=i, end=i + 3, value=value, face=0.5, mult=word_value(after))
            return _complete(toks, rec, i + 3)
        u = match_unit(toks, i + 2, glued=False)
        if u is not None and u[1] in ("duration", "measure"):
            return _Rec(start=i, num=i, end=u[0], value=0.5, unit=u[2], kind=u[1]), u[0]
        return None, i + 1
    if nx == "of" or nx in DETERMINERS:
        return _fraction(toks, i, i + 1, 1.0, 2.0)
    if _hedge(toks, i)[1] is not None and (nx in ("were", "was", "are", "is", "said", "say") or nx in SENT_END):
        return _fraction(toks, i, i + 1, 1.0, 2.0)  # "just over half were women": a share of those just named
    return None, i + 1


def _fraction(toks: list[Tok], i: int, j: int, num: float, den: float) -> tuple[_Rec | None, int]:
    if _low(toks, j) == "of" and _low(toks, j + 1) in ("a", "an") and role(_low(toks, j + 2)) == "scale":
        scale = word_value(toks[j + 2].low)  # "a quarter of a million"
        rec = _Rec(start=i, num=i, end=j + 3, value=num / den * scale, face=num / den, mult=scale)
        return _complete(toks, rec, j + 3)
    rec = _Rec(start=i, num=i, end=j, value=round(num / den, 4), kind="other")
    u = match_unit(toks, j + 1 if _low(toks, j) == "-" else j, glued=False)
    if u is not None and u[1] in ("duration", "measure"):  # "a quarter century"
        rec.end, rec.kind, rec.unit = u[0], u[1], u[2]
        return rec, u[0]
    rec.unit = _noun_phrase(toks, j, allow_numbers=True)
    s, approx = _hedge(toks, i)
    rec.start, rec.approx = s, bool(approx)
    return rec, j


# ------------------------------------------------------------------ completing a figure


@dataclass(slots=True)
class _Known:
    """What a caller of ``_complete`` has already read, so it is not read twice: the unit after token
    ``at`` and the noun phrase from it, and the hedge before token ``hedged_at``."""

    at: int
    unit: tuple[int, str, str] | None
    noun: str | None
    hedged_at: int
    hedge: tuple[int, bool | None]


def _complete(toks: list[Tok], rec: _Rec, j: int, known: _Known | None = None) -> tuple[_Rec | None, int]:
    """Read what follows the number (alternative, unit, ratio, counted noun) and the hedge before it."""
    n = len(toks)
    # alternatives: "five or six", "six or seven million"
    if j + 1 < n and toks[j].low == "or" and rec.kind == "count" and rec.mult == 1.0:
        alt = _number_at(toks, j + 1)
        if alt is not None:
            j2, mult = alt
            rec.value, rec.approx, rec.mult = None, True, mult
            j = j2
            if _is_date(toks, rec.num, j):
                return None, j  # "on 4 or 5 April"
    if _is_age(toks, j):
        k = j
        while k < n and toks[k].low not in _OLD:
            k += 1
        return None, k + 1
    u = known.unit if known is not None and known.at == j else _unit_after(toks, j)
    if u is not None and not (rec.kind == "money" and u[1] in ("percent", "duration", "times")):
        end, kind, unit = u
        if kind == "money" and rec.kind == "money":
            pass  # "£5m sterling": the symbol already gave the currency
        elif kind == "times":
            rec.kind, rec.unit = _times_kind(toks, rec, end), "times"
        else:
            rec.kind, rec.unit = kind, unit
        j = end
    elif rec.kind == "count" and _low(toks, j) == "-" and _glued(toks, j - 1, j) and _glued(toks, j, j + 1):
        nx = toks[j + 1] if j + 1 < n else None
        if nx is not None and nx.kind == "word" and nx.text.islower() and not role(nx.low):
            after = toks[j + 2] if j + 2 < n else None
            if nx.low.endswith("er") and (after is None or after.kind == "punct" or after.low in STOP):
                return None, j + 2  # "a 3-pointer with a minute left", "a two-seater.": a thing named by a number
            j += 2  # "25-member", "three-page", "50,000-strong"
            if nx.low not in COMPOUND_ADJ:
                rec.unit = nx.text
    low = _low(toks, j)
    hyphen_adj = low == "-" and _glued(toks, j - 1, j) and _low(toks, j + 1) in MEASURE_ADJ
    if rec.kind != "count" and hyphen_adj:
        j += 2  # "a £30m-plus bid", "a 5m-high wall"
        low = _low(toks, j)
    rec.end = j
    # ratios: "one in five", "nine out of 10"
    if rec.kind == "count" and rec.value is not None and rec.unit is None:
        k = j + 1 if low == "in" else 0
        if low == "out" and _low(toks, j + 1) == "of":
            k = j + 2
        part_of = low == "of"  # "two of the three requirements", "12 of 13 games": a part of a whole
        if part_of:
            k = j + 2 if _low(toks, j + 1) == "the" else j + 1
        if k:
            den = _number_at(toks, k)
            dv = _plain_value(toks, k)
            whole = not part_of or (dv is not None and dv > rec.value and den is not None and den[1] == 1.0)
            if den is not None and dv and dv < 1000 and whole:
                rec.kind, rec.value, rec.end = "other", round(rec.value / dv, 4), den[0]
                j = den[0]
                low = _low(toks, j)
                rec.unit = _noun_phrase(toks, j)
    if rec.kind == "count" and rec.unit is None:
        rec.unit = known.noun if known is not None and known.at == j else _noun_phrase(toks, j)
        rec.bare = rec.unit is None
    if rec.bare and low in ("to", "-", "\u2013", "and") and j + 1 < n:
        other = _number_at(toks, j + 1)
        if other is not None and (_is_age(toks, other[0]) or _is_date(toks, j + 1, other[0])):
            return None, j  # "10 to 28-year-olds", "from 6 to 9 January"
    if known is not None and known.hedged_at == rec.start:
        s, approx = known.hedge
    else:
        s, approx = _hedge(toks, rec.start)
    over_under = toks[s].low in ("over", "under") and s == rec.start - 1
    if over_under and rec.bare and rec.value is not None and rec.value <= 120 and _is_plural(_low(toks, s - 1)):
        return None, rec.end  # "children under five", "people over 65": ages
    # "over two years" is a span of time, not a hedge
    span_of_time = over_under and rec.kind == "duration"
    if approx is not None and not span_of_time:
        rec.start = s
        rec.approx = rec.approx or approx
    return rec, rec.end


def _number_at(toks: list[Tok], k: int) -> tuple[int, float] | None:
    """A plain number (digits or words, with any scale) at token k: (end, multiplier)."""
    if k >= len(toks):
        return None
    if toks[k].kind == "num":
        j, mult, _ = _scale_after(toks, k + 1)
        return j, mult
    parsed = parse_words(toks, k)
    if parsed is None:
        return None
    j, mult, _ = _scale_after(toks, parsed[1])
    return j, mult


def _plain_value(toks: list[Tok], k: int) -> float | None:
    if k >= len(toks):
        return None
    if toks[k].kind == "num":
        return digits_value(toks[k].text)
    parsed = parse_words(toks, k)
    return parsed[0] if parsed else None


def _times_kind(toks: list[Tok], rec: _Rec, end: int) -> str:
    """ "14 times as much" multiplies (other); "lost three times" counts occasions."""
    if _low(toks, rec.start - 1) == "by" or _low(toks, end) in MULTIPLIER_NEXT:
        return "other"
    return "count"


# ------------------------------------------------------------------ counted nouns


def _is_plural(word: str) -> bool:
    last = word.split("-")[-1]
    if len(last) >= 3 and last.endswith("s") and last[:-1].isupper():
        return True  # "MPs", "CDs"
    if last.isupper():
        return False  # "CLPS", "NEWS": an acronym, not an English plural
    w = last.lower()
    if w in IRREGULAR_PLURALS:
        return True
    if len(w) <= 3 or not w.endswith("s") or w in STOP:
        return False
    return not w.endswith(("ss", "us", "is", "'s", "\u2019s"))


def _np_words(toks: list[Tok], j: int, allow_numbers: bool, depth: int = 0) -> list[tuple[str, int]]:
    """Words of a noun phrase from token j, joining hyphenated and glued parts ("clay-courters", "A321")."""
    words: list[tuple[str, int]] = []
    n = len(toks)
    k = j
    while k < n and len(words) < 5:
        t = toks[k]
        if t.kind == "punct" or t.kind == "data" or (t.kind == "num" and not allow_numbers):
            break
        e = k + 1
        while (
            e < n
            and e - k < 9
            and _glued(toks, e - 1, e)
            and (
                toks[e].kind != "punct"
                or (toks[e].text in DASHES and _glued(toks, e, e + 1) and toks[e + 1].kind != "punct")
            )
        ):
            e += 1
        text = "".join(x.text for x in toks[k:e])
        if e == k + 1 and t.kind == "word":
            acronym = len(t.text) >= 2 and t.text.isupper()  # "13,000 US troops": "US" is no pronoun
            if t.low in STOP and t.low not in MODIFIERS and not acronym:
                break
            if role(t.low) in ("unit", "teen", "ten", "scale", "vague"):
                break  # another number: "Five mailed thousands of ..."
            if t.low.endswith("ly") and len(t.low) > 4:
                break
        words.append((text, k))
        if t.kind == "word" and _is_plural(text):
            # "sports utility vehicles": a plural that usually modifies a later plural head; a capitalised
            # plural may name the place or body the head belongs to ("two United States service members")
            lead = depth == 0 and (text.lower() in PLURAL_MODIFIERS or _capital_modifier(toks, words))
            more = _np_words(toks, e, False, 1)[:2] if lead else []
            for m, (w, x) in enumerate(more):
                if _is_plural(w) and toks[x].kind == "word":
                    words.extend(more[: m + 1])
                    break
            break
        k = e
        # "13,000 false or misleading claims": adjectives joined before their one plural head
        if depth == 0 and _low(toks, k) in ("and", "or") and k + 1 < n and toks[k + 1].kind == "word":
            more = _np_words(toks, k + 1, False, 1)[:3]
            if more and more[-1][0].islower() and _is_plural(more[-1][0]):
                words.extend(more)
                break
    return words


def _capital_modifier(toks: list[Tok], words: list[tuple[str, int]]) -> bool:
    """The capitalised plural just read follows another capitalised word ("United States")."""
    return len(words) >= 2 and words[-2][0][:1].isupper() and words[-1][0][:1].isupper()


def _noun_phrase(toks: list[Tok], j: int, allow_numbers: bool = False) -> str | None:
    """The head noun of what a number counts, from token j ("individual aluminium panels" -> panels)."""
    k = j
    if _low(toks, k) == "of":
        k += 1
        allow_numbers = True
    if allow_numbers and _low(toks, k) in DETERMINERS:
        k += 1
        # "two of their last 10 League games"
        while _low(toks, k) in ("last", "first", "next", "past", "top", "other") or (
            k < len(toks) and (toks[k].kind == "num" or role(toks[k].low) in ("unit", "teen", "ten"))
        ):
            k += 1
    if k >= len(toks) or toks[k].kind == "punct":
        return None  # no word to read
    words = _np_words(toks, k, allow_numbers)
    words = [(w, x) for w, x in words if toks[x].kind == "word" or not w.isdigit()]
    while words and words[-1][0].lower() in MODIFIERS:
        words.pop()
    if not words:
        return None
    head, _ = words[-1]
    if len(words) == 1 and head.lower().endswith(("ed", "ing")) and not _is_plural(head):
        return None  # "50 died", "ten missing"
    if head[:1].isupper():  # "North Koreans"
        names = [head]
        for w, _ in reversed(words[:-1]):
            if not w[:1].isupper():
                break
            names.insert(0, w)
        head = " ".join(names)
    return head


# ------------------------------------------------------------------ neighbours


def _link_ranges(toks: list[Tok], recs: list[_Rec]) -> None:
    """ "3 to 3.5%", "between 2 and 3 million people": the first end borrows the second's unit and scale."""
    for a, b in pairwise(recs):
        vague_to = a.value is None and a.kind == "count" and a.bare and b.start - a.end == 1
        if vague_to and toks[a.end].low == "to" and b.unit is not None and b.kind == "count":
            a.unit, a.bare = b.unit, False  # "a few hundred to tens of thousands of machines"
            continue
        if a.value is None or b.value is None:
            continue
        gap = b.start - a.end
        dangling = gap == 2 and toks[a.end].text in DASHES and toks[a.end + 1].low == "to"
        if gap != 1 and not dangling:  # "the 200- to 300-seat sector"
            continue
        link = toks[b.start - 1].low
        between = link == "and" and _low(toks, a.start - 1) == "between"
        listed = link in ("and", "or") and a.kind == "count" and a.bare and b.kind not in ("count", "other")
        if not (link in ("to", "-", "\u2013") or between or listed):
            continue
        if a.kind == "count":
            if (a.unit is not None and not a.bare) or (b.kind == "count" and b.bare):
                continue
            a.kind, a.unit, a.bare = b.kind, b.unit, False
            if dangling:
                a.end += 1
        elif a.kind != "money" or b.kind != "money" or a.unit != b.unit:
            continue
        if a.mult == 1.0 and b.mult != 1.0 and a.face is not None and b.face is not None and a.face <= b.face:
            a.mult = b.mult
            a.value = a.face * b.mult


def _inherit_units(toks: list[Tok], recs: list[_Rec]) -> None:
    """A count with no noun of its own ("maybe two", "led with 11") counts what the sentence names."""
    last_unit: str | None = None
    nouns: list[int] | None = None  # worked out at the first bare count, for the whole paragraph
    prev: _Rec | None = None
    for r in recs:
        decimal = r.kind == "count" and r.mult == 1.0 and r.value is not None and r.value != int(r.value)
        if (
            decimal
            and prev is not None
            and prev.kind == "percent"
            and "." not in {t.text for t in toks[prev.end : r.start]}
        ):
            # "65 percent were white ... and 7.3 of another race": a share with a decimal in a list of shares
            r.kind, r.unit, r.bare = "percent", prev.unit, False
        prev = r
        if r.kind == "count" and r.bare:
            if nouns is None:
                nouns = _nouns_before(toks)
            unit = _noun_before(toks, nouns, r.start) or _subject_of(toks, r.start)
            r.unit = unit or last_unit
        elif r.kind == "other" and r.unit is None and r.value is not None:
            # a share with no noun of its own ("Of the participants, just over half were women") is a share
            # of what its sentence names
            if nouns is None:
                nouns = _nouns_before(toks)
            r.unit = _noun_before(toks, nouns, r.start)
        if r.kind == "count" and r.unit:
            last_unit = r.unit


_LEVEL_VERBS = frozenset(
    {"is", "was", "are", "were", "stood", "stands", "remained", "remains", "rose", "rises", "fell", "falls"}
    | {"climbed", "climbs", "dropped", "drops", "reached", "reaches", "hit", "hits", "totalled", "totaled"}
)
_ADVERBS = frozenset({"now", "right", "then", "still", "also", "currently", "already", "just"})


def _subject_of(toks: list[Tok], i: int) -> str | None:
    """ "the air quality index in Delhi right now is 218", "the index (PMI) fell to 51.8": a bare level takes
    the subject of its verb as what it measures."""
    k = i - 1
    if _low(toks, k) in ("to", "at", "by"):
        k -= 1
    if _low(toks, k) not in _LEVEL_VERBS:
        return None
    k -= 1
    stop = max(-1, k - 8)
    while k > stop:
        t = toks[k]
        if t.text in SENT_END or t.text == ",":
            return None
        if t.kind == "word":
            if t.text.isupper() and len(t.text) >= 2:
                return t.text  # "(PMI)"
            if t.text.islower() and t.low not in STOP and t.low not in _ADVERBS and not t.low.endswith("ly"):
                return t.text
        k -= 1
    return None


_NOUN_WINDOW = 60  # tokens: how far back in its sentence a bare count looks for its noun
_COUNTED_AFTER = frozenset({"of", "many", "some", "few", "other"})


def _nouns_before(toks: list[Tok]) -> list[int]:
    """For each token, the index of the nearest noun a bare count there could borrow, at or before it and
    not before the start of its sentence; -1 if there is none.

    One pass per paragraph, so that each of thousands of bare counts ("1, 1, 1, ...") costs a look-up
    rather than a walk back."""
    out = [-1] * len(toks)
    last = -1
    for k in range(1, len(toks)):
        t = toks[k]
        if t.text in SENT_END and not (t.text == "." and toks[k - 1].text[:1].isupper() and len(toks[k - 1].text) <= 3):
            last = -1  # a full stop after "Mr" or "U.S" does not end the sentence
        elif t.kind == "word" and t.low not in STOP:
            prev = toks[k - 1].low
            plural_head = _is_plural(t.text) and (prev in DETERMINERS or prev in _COUNTED_AFTER)
            if plural_head or (prev == "one" and t.text.islower()):
                last = k
        out[k] = last
    return out


def _noun_before(toks: list[Tok], nouns: list[int], i: int) -> str | None:
    """The nearest plural noun earlier in the sentence that a determiner introduces ("the nominations").

    ``nouns`` is ``_nouns_before(toks)``; a noun more than a window of tokens back is too far to count."""
    if i < 2:
        return None
    k = nouns[i - 1]
    return toks[k].text if k >= max(1, i - _NOUN_WINDOW) else None
