"""Direct and indirect quotes with their speakers, in body order.

Direct quotes are found from quotation marks alone (paired per paragraph,
tolerating the BBC habit of opening a new quotation without closing the
previous one); indirect quotes from reporting verbs outside quotation marks
(see ``attribution``). Speakers are resolved against the actor list with a
short discourse memory (see ``speakers``), so "he said" and "the company
said" point at the actor the text was talking about.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..model import Actor, Quote, Span
from .attribution import PREPS, Attribution, SentenceAnalyzer, Tok
from .speakers import MASK, ActorIndex, Discourse, Mention, SentenceFocus, Speaker, wordset

MIN_WORDS = 3
_DOCUMENT = re.compile(r"\b(?:report|study|survey|statement|analysis|review|paper|poll|audit)s?\b", re.I)
_SMALL_WORDS = wordset("of the and a an in on for to at by de la le du des von van &")
_NAMING = re.compile(
    r"(?:known\s+as|dubbed|titled|entitled|nicknamed|headlined|hashtag|slogan|called)\s*$", re.I
)
_ABBREV = wordset(
    """mr mrs ms dr st sen rep gov gen lt col capt sgt prof rev jr sr inc corp ltd co no mt ft vs etc
    jan feb mar apr jun jul aug sep sept oct nov dec supt"""
)
_OPEN_BEFORE = set(" \t\n([{—–-/") | {""}
_QUOTE_CHARS = re.compile("[\"“”„‘’'«»]")
MAX_SENTENCE = 3000  # longer "sentences" are not prose (tables, run-on dumps): no attribution analysis


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
    for qm in _QUOTE_CHARS.finditer(text):
        i = qm.start()
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
            clearly_open = (ch in "“„" and not (low9 and ch == "“")) or (
                ch == '"' and opening and not closing
            )
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


def is_speech(content: str, before: str) -> bool:
    """At least three words, and not a title or a name in quotation marks."""
    words = content.split()
    if len(words) < MIN_WORDS:
        return False
    if _NAMING.search(before):
        return False
    sig = [w for w in re.findall(r"[^\W_][\w’'\-]*", content) if w.lower() not in _SMALL_WORDS]
    titlecase = all(w[0].isupper() or w[0].isdigit() for w in sig)
    return not (sig and titlecase and len(words) <= 10 and not re.search(r"[.!?,;:]", content))


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


_BOUNDARY = re.compile(r"[.!?]+[)\]]*(?=\s+[A-Z0-9" + MASK + r"(‘'])|" + MASK + r"(?=\s+[A-Z])")


def split_sentences(masked: str, text: str) -> list[tuple[int, int]]:
    """Sentence spans of a masked paragraph; quotations never split, chains of quotations stay together."""
    out = []
    start = 0
    for m in _BOUNDARY.finditer(masked):
        end = m.end()
        if masked[m.start()] == MASK:
            # a closed quotation ends a sentence only if its own text does ('..." The foreign secretary')
            inner = text[max(0, m.start() - 6) : m.start() + 1].rstrip("\"”’'")
            if not inner or inner[-1] not in ".!?":
                continue
        else:
            word = re.search(r"([\w.’']+)$", masked[max(start, m.start() - 24) : m.start()])
            if word:
                w = word.group(1).lower()  # "Blunkett's." ends a sentence, "Mr." and "J." do not
                if w in _ABBREV or re.fullmatch(r"(?:[a-z]\.)*[a-z]", w):
                    continue
        out.append((start, end))
        start = end
        while start < len(masked) and masked[start].isspace():
            start += 1
    if start < len(masked):
        out.append((start, len(masked)))
    return [(a, b) for a, b in out if b > a]


def _pp_mention(masked: str, m: Mention) -> bool:
    before = re.findall(r"[A-Za-z]+", masked[max(0, m.start - 20) : m.start])
    return bool(before) and (
        before[-1].lower() in PREPS or before[-1].lower() in ("of", "to", "for", "including")
    )


def _quote(kind: str, text: str, para: int, start: int, end: int, sp: Speaker | None) -> Quote:
    sp = sp or Speaker()
    return Quote(
        kind=kind,  # type: ignore[arg-type]
        text=text[start:end],
        speaker=sp.name,
        speaker_description=None if sp.name else sp.description,
        via=sp.via,
        span=Span(para, start, end),
    )


def _copy(sp: Speaker) -> Speaker:
    return Speaker(name=sp.name, description=sp.description, via=sp.via, kind=sp.kind, type=sp.type)


def extract_quotes(paragraphs: list[str], actors: list[Actor]) -> list[Quote]:
    """Direct and indirect quotes of the body, in body order, each with an exact span."""
    try:
        return _extract(paragraphs, actors)
    except RecursionError:  # pragma: no cover - defensive: never fail the whole parse
        return []


def _extract(paragraphs: list[str], actors: list[Actor]) -> list[Quote]:
    index = ActorIndex(actors)
    memory = Discourse(index)
    quotes: list[Quote] = []
    list_speaker: Speaker | None = None
    for p, text in enumerate(paragraphs):
        if not text or not text.strip():
            continue
        regions = find_quote_regions(text)
        masked = mask_paragraph(text, regions)
        mentions = index.find(masked)
        for m in mentions:
            index.learn_from_context(masked, m)
            m.in_pp = _pp_mention(masked, m)
        # A list introduced by "X said:" gives one indirect quote per item.
        if list_speaker is not None:
            if (
                (not regions or regions[0].open_pos > 0)
                and len(text.split()) <= 60
                and not re.search(r"[.!?]\W*$", text.strip())
            ):
                quotes.append(_quote("indirect", text, p, 0, len(text.rstrip()), _copy(list_speaker)))
                continue
            list_speaker = None
        para_quotes: list[Quote] = []
        body_end = len(text.rstrip())
        by_open = sorted(regions, key=lambda r: r.open_pos)
        opens = [r.open_pos for r in by_open]
        starts = [m.start for m in mentions]
        for s0, s1 in split_sentences(masked, text):
            s_mentions = mentions[bisect_left(starts, s0) : bisect_left(starts, s1)]
            sent_regions = by_open[bisect_left(opens, s0) : bisect_left(opens, s1)]
            if s1 - s0 > MAX_SENTENCE:
                _direct(text, p, sent_regions, [], [], memory, para_quotes, s0)
                continue
            analyzer = SentenceAnalyzer(text, masked, s0, s1, index, memory, s_mentions)
            attrs = analyzer.attributions()
            _direct(text, p, sent_regions, attrs, analyzer.toks, memory, para_quotes, s0)
            for a in attrs:
                if a.clause is not None:
                    para_quotes.append(
                        _quote("indirect", text, p, a.clause[0], a.clause[1], _copy(a.speaker))
                    )
            for a in attrs:
                if a.speaker.found and not a.passive:
                    memory.set_last_speaker(a.speaker, p)
            focus = _focus(attrs, s_mentions, analyzer, index)
            memory.push(focus)
            if _DOCUMENT.search(masked, s0, s1):
                issuer = next(
                    (sp.name for sp in focus.speakers if sp.name and sp.type == "organization"), None
                )
                issuer = issuer or next((n for n, t in focus.ranked if t == "organization"), None)
                memory.issuer = issuer or memory.issuer
            if attrs and s1 >= body_end - 1 and text[body_end - 1 : body_end] == ":" and not sent_regions:
                list_speaker = attrs[-1].speaker  # "President Obama also said:" introduces a list
        para_quotes.sort(key=lambda q: (q.span.start, q.kind) if q.span else (0, q.kind))
        quotes.extend(para_quotes)
    return _dedupe(quotes)


def _direct(
    text: str,
    p: int,
    regions: list[QuoteRegion],
    attrs: list[Attribution],
    toks: list[Tok],
    memory: Discourse,
    out: list[Quote],
    s0: int,
) -> None:
    outer_speaker: dict[int, Speaker] = {}
    for r in regions:
        if r.nested:
            continue
        content = text[r.start : r.end]
        if not is_speech(content, text[max(0, r.open_pos - 30) : r.open_pos]) or (
            not attrs and _scare_quote(content, text[max(s0, r.open_pos - 40) : r.open_pos])
        ):
            outer_speaker[r.open_pos] = Speaker()
            continue
        sp = _speaker_for(r, attrs, text, memory, p)
        outer_speaker[r.open_pos] = sp
        out.append(_quote("direct", text, p, r.start, r.end, _copy(sp)))
        if sp.found:
            memory.set_last_speaker(sp, p)
    for r in regions:
        if not r.nested:
            continue
        content = text[r.start : r.end]
        if not is_speech(content, text[max(0, r.open_pos - 30) : r.open_pos]):
            continue
        outer = next((q for q in regions if not q.nested and q.start <= r.open_pos < q.end), None)
        sp = outer_speaker.get(outer.open_pos, Speaker()) if outer else Speaker()
        inner = _inner_speaker(text, outer.start if outer else 0, r.open_pos, memory)
        if inner is not None and inner.name != sp.name:
            inner.via = sp.label()
            sp = inner
        out.append(_quote("direct", text, p, r.start, r.end, _copy(sp)))


def _scare_quote(content: str, before: str) -> bool:
    """A short unpunctuated phrase inside a sentence without any attribution: "the 'war on terror'"."""
    return (
        len(content.split()) <= 6 and not re.search(r"[.,!?;:]", content) and bool(re.search(r"\w", before))
    )


def _speaker_for(r: QuoteRegion, attrs: list[Attribution], text: str, memory: Discourse, p: int) -> Speaker:
    """The attribution right after the quotation, else the nearest before it, else later, else the
    speaker of the last quotation (within two paragraphs), else the person the text is about."""
    usable = [a for a in attrs if a.speaker.found or a.passive]
    end = r.close_pos + 1 if r.close_pos is not None else r.end
    for a in usable:
        if a.region_start >= end and re.fullmatch(r"[\s,.;:!?\-–—]*", text[end : a.region_start]):
            return a.speaker
        if a.region_start >= end and re.fullmatch(
            r"[\s,;:\-–—]*", text[end : a.region_start].replace(MASK, "")
        ):
            return a.speaker
    before = [a for a in usable if a.region_end <= r.open_pos]
    if before:
        return before[-1].speaker
    after = [a for a in usable if a.region_start >= end]
    if after:
        return after[0].speaker
    if memory.last_speaker is not None and p - memory.last_speaker_paragraph <= 2:
        return memory.last_speaker
    name = memory.resolve_person()
    if name is not None:
        return Speaker(name=name, kind="role", type="person")
    return memory.last_speaker or Speaker()


def _inner_speaker(text: str, outer_start: int, inner_open: int, memory: Discourse) -> Speaker | None:
    """'... when Gov. Christie said to be ‘Big cities ...' -> the actor named before 'said'."""
    seg = text[max(outer_start, inner_open - 200) : inner_open]
    m = re.search(
        r"([A-Z][\w’'\-]+)\s+(?:\w+\s+){0,1}(?:said|says|told|asked|declared|announced)\b[^.!?]*$", seg
    )
    if not m:
        return None
    name = memory.index.surfaces.get(m.group(1))
    if not name:
        return None
    return Speaker(name=name, kind="actor", type=memory.index.types.get(name))


def _focus(
    attrs: list[Attribution], mentions: list[Mention], analyzer: SentenceAnalyzer, index: ActorIndex
) -> SentenceFocus:
    ranked: list[tuple[str, str]] = []
    speakers = []
    for a in attrs:
        if a.speaker.found and not a.passive:
            speakers.append(a.speaker)
            if a.speaker.name:
                ranked.append((a.speaker.name, a.speaker.type or index.types.get(a.speaker.name, "person")))
    subj = analyzer._sentence_subject(len(analyzer.toks))
    if subj.name:
        ranked.append((subj.name, subj.type or index.types.get(subj.name, "person")))
    ranked.extend((m.actor, m.type) for m in mentions if not m.in_pp)
    ranked.extend((m.actor, m.type) for m in mentions if m.in_pp)
    seen: set[str] = set()
    uniq = []
    for name, typ in ranked:
        if name not in seen:
            seen.add(name)
            uniq.append((name, typ))
    return SentenceFocus(ranked=uniq, speakers=speakers)


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    seen: set[tuple] = set()
    out = []
    for q in quotes:
        key = (
            q.kind,
            q.span.paragraph if q.span else -1,
            q.span.start if q.span else -1,
            q.span.end if q.span else -1,
        )
        if key in seen:
            continue
        seen.add(key)
        out.append(q)
    return out
