"""Quotation marks and sentences in one paragraph: pairing marks, masking quotations, splitting.

Pairs straight and curly double quotes, single quotes and guillemets in one linear pass, tolerating
the BBC habit of opening a new quotation without closing the previous one (each such run becomes its
own quotation, as the extraction spec wants one quote per paragraph or sentence run). Everything here
is regex- or scan-based with bounded look-behind, so a 200,000-character unclosed quotation costs
no more than reading it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .speakers import MASK, wordset

MIN_WORDS = 3
_SMALL_WORDS = wordset("of the and a an in on for to at by de la le du des von van &")
_NAMING_WORDS = r"known\s+as|dubbed|titled|entitled|nicknamed|headlined|hashtag|slogan|called"
_NAMING = re.compile(r"(?:" + _NAMING_WORDS + r"|as\s+if\s+to\s+(?:say|ask))\s*$", re.I)
_ABBREV = wordset(
    """mr mrs ms dr st sen rep gov gen lt col capt sgt prof rev jr sr inc corp ltd co no mt ft vs etc
    jan feb mar apr jun jul aug sep sept oct nov dec supt"""
)
_OPEN_BEFORE = set(" \t\n([{—–-/") | {""}
_QUOTE_CHARS = re.compile("[\"“”„‘’'«»]")


@dataclass(slots=True)
class QuoteRegion:
    """Quotation marks in a paragraph: content [start, end), marks at open_pos and close_pos."""

    open_pos: int
    start: int
    end: int
    close_pos: int | None  # None when the quotation is left open (paragraph-style)
    nested: bool = False


def find_quote_regions(text: str) -> list[QuoteRegion]:
    """Pair quotation marks in one paragraph; linear, never backtracks."""
    regions: list[QuoteRegion] = []
    n = len(text)
    dbl: int | None = None  # position of the open double mark
    sgl: int | None = None  # position of an open single mark
    guil: int | None = None
    skip = -1  # the second mark of a doubled apostrophe, already read as part of a closing mark
    for qm in _QUOTE_CHARS.finditer(text):
        i = qm.start()
        if i == skip:
            continue
        ch = qm.group(0)
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        opening = (prev in _OPEN_BEFORE or prev.isspace() or prev in '"“') and nxt != "" and not nxt.isspace()
        closing = prev != "" and not prev.isspace()
        if ch == "«":
            guil = i
            continue
        if ch == "»":
            if guil is not None:
                regions.append(QuoteRegion(guil, guil + 1, i, i))
                guil = None
            continue
        if ch in '"“”„':
            if dbl is None:
                if ch == "“" or ch == "„" or (opening and not (closing and ch == "”")):
                    dbl = i
                    sgl = None
                continue
            low9 = text[dbl] == "„"  # German/Polish style „...“ closes with a high mark
            straight_open = ch == '"' and opening and not closing
            clearly_open = (ch in "“„" and not (low9 and ch == "“")) or straight_open
            if sgl is not None and sgl > dbl:
                _close_single(regions, text, sgl, i, nested=True)
                sgl = None
            if clearly_open:
                end = _rstrip_pos(text, dbl + 1, i)
                if end > dbl + 1:
                    regions.append(QuoteRegion(dbl, dbl + 1, end, None))
                dbl = i
            else:
                regions.append(QuoteRegion(dbl, dbl + 1, i, i))
                dbl = None
            continue
        if dbl is not None and ch in "’'" and nxt == ch and closing:
            # AP style closes a double quotation with two apostrophes (’’ or ''), not one mark
            if sgl is not None and sgl > dbl:
                _close_single(regions, text, sgl, i, nested=True)
                sgl = None
            regions.append(QuoteRegion(dbl, dbl + 1, i, i + 1))
            dbl = None
            skip = i + 1
            continue
        # single marks
        if ch == "‘" or (ch == "'" and opening and nxt.isalpha()):
            if sgl is None:
                sgl = i
            continue
        if sgl is not None and closing and not (nxt.isalnum()):
            _close_single(regions, text, sgl, i, nested=dbl is not None, close_pos=i)
            sgl = None
    if dbl is not None:
        if sgl is not None and sgl > dbl:
            _close_single(regions, text, sgl, n, nested=True)
        end = _rstrip_pos(text, dbl + 1, n)
        if end > dbl + 1:
            regions.append(QuoteRegion(dbl, dbl + 1, end, None))
    regions.sort(key=lambda r: (r.start, -r.end))
    return regions


def _close_single(
    regions: list[QuoteRegion],
    text: str,
    open_pos: int,
    stop: int,
    *,
    nested: bool,
    close_pos: int | None = None,
) -> None:
    end = stop if close_pos is not None else _rstrip_pos(text, open_pos + 1, stop)
    if end > open_pos + 1:
        regions.append(QuoteRegion(open_pos, open_pos + 1, end, close_pos, nested=nested))


def _rstrip_pos(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


_WORDS = re.compile(r"[^\W_][\w’'\-]*")
_PUNCTUATED = re.compile(r"[.!?,;:]")
_LAST_WORD = re.compile(r"([\w.’']+)$")
_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")  # "j.", "u.s" before a full stop that ends no sentence


def is_speech(content: str, before: str) -> bool:
    """At least three words, and not a title or a name in quotation marks."""
    words = content.split()
    if len(words) < MIN_WORDS:
        return False
    if _NAMING.search(before):
        return False
    sig = [w for w in _WORDS.findall(content) if w.lower() not in _SMALL_WORDS]
    titlecase = all(w[0].isupper() or w[0].isdigit() for w in sig)
    return not (sig and titlecase and len(words) <= 10 and not _PUNCTUATED.search(content))


def mask_paragraph(text: str, regions: list[QuoteRegion]) -> str:
    """The paragraph with every top-level quotation (marks included) replaced by MASK characters."""
    pieces = []
    pos = 0
    for r in sorted((r for r in regions if not r.nested), key=lambda r: r.open_pos):
        stop = r.close_pos + 1 if r.close_pos is not None else r.end
        if r.open_pos < pos:
            continue
        pieces.append(text[pos : r.open_pos])
        pieces.append(MASK * (stop - r.open_pos))
        pos = stop
    pieces.append(text[pos:])
    return "".join(pieces)


# The lookbehind makes a run of dots one candidate, not one per dot: linear, not quadratic, on "....".
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]+[)\]]*(?=\s+[A-Z0-9" + MASK + r"(‘'])|" + MASK + r"(?=\s+[A-Z])")


# After a quotation that ends with its own "?", "!" or ".", a name (one to four capitalised words), an
# optional manner adverb and a past or present speech verb closing the attribution ('"Can I go?"
# Brooke asked before ...'): the attribution belongs to the quotation's sentence.
_NAME_THEN_VERB = re.compile(
    r"\s+(?:[A-Z][\w’'.\-]*\s+){1,4}(?:[a-z]+ly\s+)?([a-z]+)(?=\s*[.,;!?]|\s+(?:[a-z]+ly|before|after|as|while|when|in|at|on|during|to|from|with)\b)"
)


def _attribution_follows(masked: str, pos: int) -> bool:
    from .reporting import QUOTE_ONLY, reporting_verbs

    m = _NAME_THEN_VERB.match(masked, pos, min(len(masked), pos + 120))
    if m is None:
        return False
    verb = m.group(1)
    form = reporting_verbs().get(verb)
    return verb in QUOTE_ONLY or (form is not None and (form.past or verb.endswith("s")) and not form.ing)


def split_sentences(masked: str, text: str) -> list[tuple[int, int]]:
    """Sentence spans of a masked paragraph; quotations never split, chains of quotations stay together."""
    out = []
    start = 0
    for m in _BOUNDARY.finditer(masked):
        end = m.end()
        if masked[m.start()] == MASK:
            # a closed quotation ends a sentence only if its own text does ('..." The foreign secretary')
            inner = text[max(0, m.start() - 6) : m.start() + 1].rstrip("\"”’'")
            if not inner or inner[-1] not in ".!?" or _attribution_follows(masked, m.end()):
                continue
        else:
            word = _LAST_WORD.search(masked[max(start, m.start() - 24) : m.start()])
            if word:
                w = word.group(1).lower()  # "Blunkett's." ends a sentence, "Mr." and "J." do not
                if w in _ABBREV or _INITIALS.fullmatch(w):
                    continue
        out.append((start, end))
        start = end
        while start < len(masked) and masked[start].isspace():
            start += 1
    if start < len(masked):
        out.append((start, len(masked)))
    return [(a, b) for a, b in out if b > a]
