"""Direct and indirect quotes with their speakers, in body order.

Direct quotes are found from quotation marks alone (see ``quote_marks``);
indirect quotes from reporting verbs outside quotation marks (see
``attribution`` and the lexicon in ``reporting``). Speakers are resolved against the actor list with a
short discourse memory (see ``speakers``), so "he said" and "the company
said" point at the actor the text was talking about.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from heapq import heappop, heappush

from ..model import Actor, Quote, Span
from .attribution import Attribution, SentenceAnalyzer
from .quote_marks import QuoteRegion, find_quote_regions, is_speech, mask_paragraph, split_sentences
from .reporting import PREPS
from .speakers import MASK, PERSON_ROLES, ActorIndex, Discourse, Mention, SentenceFocus, Speaker

_DOCUMENT = re.compile(r"\b(?:report|study|survey|statement|analysis|review|paper|poll|audit)s?\b", re.I)
MAX_SENTENCE = 3000  # longer "sentences" are not prose (tables, run-on dumps): no attribution analysis

_SAY = r"(?:said|says|told|asked|declared|announced)"
_INNER_ATTRIBUTION = re.compile(r"([A-Z][\w’'\-]+)\s+(?:\w+\s+)?" + _SAY + r"\b[^.!?]*$")

__all__ = ["extract_quotes", "find_quote_regions"]


_LETTERS = re.compile(r"[A-Za-z]+")
# A break before a name: the end of a sentence or clause, not the dot of "Mr." or "U.S.".
_BREAK_BEFORE = re.compile(r"(?<![A-Z][a-z])(?<![A-Z])[.!?;:,](?=\s)")
_TITLE_MODIFIERS = frozenset({"former", "late", "then", "ex"})


def _pp_mention(masked: str, m: Mention) -> bool:
    """Is the mention the object of a preposition ("to former Tory Treasurer Lord Ashcroft")?

    The titles and honorifics before a name are read over to the word that governs it."""
    window = masked[max(0, m.start - 60) : m.start]
    breaks = list(_BREAK_BEFORE.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    for word in reversed(_LETTERS.findall(window)[-6:]):
        low = word.lower()
        if low in PREPS or low in ("of", "to", "for", "including"):
            return True
        if not (word[0].isupper() or low in _TITLE_MODIFIERS):
            return False
    return False


def _ends_sentence(text: str) -> bool:
    """A full stop, question or exclamation mark among the characters after the last word character.

    Read from the end: a search for such a mark followed by non-word characters up to the end would try
    every mark of a long run of punctuation ("....a") against the whole rest of the run."""
    k = len(text)
    while k > 0 and not (text[k - 1].isalnum() or text[k - 1] == "_"):
        k -= 1
        if text[k] in ".!?":
            return True
    return False


def _quote(
    kind: str, text: str, para: int, start: int, end: int, sp: Speaker | None, verb: str | None = None
) -> Quote:
    sp = sp or Speaker()
    evidence = sp.found_by()
    return Quote(
        kind=kind,  # type: ignore[arg-type]
        text=text[start:end],
        speaker=sp.name,
        # a group that speaks for its body keeps its words ("EU ministers" for the European Union)
        speaker_description=sp.description if not sp.name or sp.kind == "group" else None,
        via=sp.via,
        span=Span(para, start, end),
        evidence=evidence,  # type: ignore[arg-type]
        verb=verb if evidence is not None else None,
    )


def _copy(sp: Speaker, evidence: str | None = None) -> Speaker:
    """A speaker of its own for one quote; ``evidence`` overrides how it was found ("carried")."""
    return Speaker(name=sp.name, description=sp.description, via=sp.via, kind=sp.kind, type=sp.type,
                   evidence=evidence or sp.evidence)


def extract_quotes(paragraphs: list[str], actors: list[Actor]) -> list[Quote]:
    """Direct and indirect quotes of the body, in body order, each with an exact span.

    ``actors`` supplies the canonical names speakers resolve to; with an empty list every
    speaker is left unnamed (described) but the quotes themselves are still found.
    """
    index = ActorIndex(actors)
    memory = Discourse(index)
    quotes: list[Quote] = []
    state: dict[str, Speaker | None] = {"list": None}
    for p, text in enumerate(paragraphs):
        if not text or not text.strip():
            continue
        try:
            quotes.extend(_paragraph(p, text, index, memory, state))
        except Exception:  # pragma: no cover - the parse must go on; one odd paragraph costs only itself
            state["list"] = None
    _named_later(quotes, index)
    return _dedupe(quotes)


_DESCRIPTION_TAIL = re.compile(r"\s(?:of|for|at|to|from|with|in|on|who|which)\s.*$")


def _named_later(quotes: list[Quote], index: ActorIndex) -> None:
    """Give a speaker described by a title ("Austria's interior minister said ...") the one person
    the article names with that title, even later ("Interior Minister Wolfgang Peschorn"): a lede
    describes before it names. Only when exactly one person holds every title word of the head."""
    cache: dict[str, str | None] = {}
    for q in quotes:
        d = q.speaker_description
        if q.speaker is not None or not d or q.evidence != "named":
            continue
        if d not in cache:
            cache[d] = _title_holder(d, index)
        name = cache[d]
        if name is not None:
            q.speaker = name
            q.evidence = "description"


def _title_holder(description: str, index: ActorIndex) -> str | None:
    """The one person whose recorded titles hold the head role word of ``description`` and its last
    lowercase title words ("interior minister"), or None."""
    head = _DESCRIPTION_TAIL.sub("", description)
    found = [w for w in re.findall(r"[A-Za-z][\w\-]*", head) if not w.endswith(("'s", "’s"))]
    found = [w for w in found if w.lower() not in ("the", "a", "an", "its", "his", "her", "their", "s")]
    words = [w.lower() for w in found]
    if not words or words[-1] not in PERSON_ROLES:
        return None
    title = [w for w in found if w.islower()]  # "China's ambassador": the title words, not the country
    holders = [
        name
        for name, roles in index.roles.items()
        if index.types.get(name) == "person" and words[-1] in roles and all(w in roles for w in title[-2:])
    ]
    return holders[0] if len(holders) == 1 else None


def _paragraph(
    p: int, text: str, index: ActorIndex, memory: Discourse, state: dict[str, Speaker | None]
) -> list[Quote]:
    """The quotes of one paragraph; ``state["list"]`` carries an open "X said:" list across paragraphs."""
    list_speaker = state["list"]
    regions = find_quote_regions(text)
    masked = mask_paragraph(text, regions)
    mentions = index.find(masked)
    for m in mentions:
        index.learn_from_context(masked, m)
        m.in_pp = _pp_mention(masked, m)
    # A list introduced by "X said:" gives one indirect quote per item.
    if list_speaker is not None:
        if (not regions or regions[0].open_pos > 0) and len(text.split()) <= 60 and not _ends_sentence(text):
            return [_quote("indirect", text, p, 0, len(text.rstrip()), _copy(list_speaker, "carried"))]
        state["list"] = None
    para_quotes: list[Quote] = []
    body_end = len(text.rstrip())
    by_open = sorted(regions, key=lambda r: r.open_pos)
    opens = [r.open_pos for r in by_open]
    starts = [m.start for m in mentions]
    for s0, s1 in split_sentences(masked, text):
        s_mentions = mentions[bisect_left(starts, s0) : bisect_left(starts, s1)]
        sent_regions = by_open[bisect_left(opens, s0) : bisect_left(opens, s1)]
        if s1 - s0 > MAX_SENTENCE:
            _direct(text, p, sent_regions, [], memory, para_quotes, s0)
            continue
        analyzer = SentenceAnalyzer(text, masked, s0, s1, index, memory, s_mentions)
        if analyzer.too_busy():
            _direct(text, p, sent_regions, [], memory, para_quotes, s0)
            continue
        attrs = analyzer.attributions()
        _direct(text, p, sent_regions, attrs, memory, para_quotes, s0)
        for a in attrs:
            if a.clause is not None:
                c0, c1 = a.clause
                para_quotes.append(_quote("indirect", text, p, c0, c1, _copy(a.speaker), a.verb))
        for a in attrs:
            if a.speaker.found and not a.passive:
                memory.set_last_speaker(a.speaker, p)
        focus = _focus(attrs, s_mentions, analyzer, index)
        memory.push(focus)
        if _DOCUMENT.search(masked, s0, s1):
            orgs = [sp.name for sp in focus.speakers if sp.name and sp.type == "organization"]
            issuer = orgs[0] if orgs else None
            # a body named only after a preposition ("a statement to Rolling Stone") received the
            # document or is cited in it; it issued nothing
            issuer = issuer or next((m.actor for m in s_mentions if m.type == "organization" and not m.in_pp), None)
            memory.issuer = issuer or memory.issuer
        if attrs and s1 >= body_end - 1 and text[body_end - 1 : body_end] == ":" and not sent_regions:
            state["list"] = attrs[-1].speaker  # "President Obama also said:" introduces a list
    para_quotes.sort(key=lambda q: (q.span.start, q.kind) if q.span else (0, q.kind))
    return para_quotes


def _direct(
    text: str,
    p: int,
    regions: list[QuoteRegion],
    attrs: list[Attribution],
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
        sp, verb = _speaker_for(r, attrs, text, memory, p)
        outer_speaker[r.open_pos] = sp
        out.append(_quote("direct", text, p, r.start, r.end, _copy(sp), verb))
        if sp.found:
            memory.set_last_speaker(sp, p)
    enclosing = _Enclosing(regions)
    for r in regions:
        if not r.nested:
            continue
        content = text[r.start : r.end]
        if not is_speech(content, text[max(0, r.open_pos - 30) : r.open_pos]):
            continue
        outer = enclosing.first(r.open_pos)
        sp = outer_speaker.get(outer.open_pos, Speaker()) if outer else Speaker()
        inner = _inner_speaker(text, outer.start if outer else 0, r.open_pos, memory)
        if inner is not None and inner.name != sp.name:
            inner.via = sp.label()
            sp = inner
        out.append(_quote("direct", text, p, r.start, r.end, _copy(sp)))


class _Enclosing:
    """The first top-level quotation, in the order given, whose text holds a position, for positions
    asked in increasing order (the nested quotations of a sentence, by opening mark).

    A quotation opening after the position cannot hold it, nor can one that ends before it hold any later
    one; so each quotation is taken in once and dropped once, rather than every nested quotation trying
    every quotation of the sentence."""

    def __init__(self, regions: list[QuoteRegion]) -> None:
        self.regions = regions  # sorted by opening mark
        self.next = 0
        self.open: list[int] = []  # heap of indexes into regions, the top-level ones opened so far

    def first(self, pos: int) -> QuoteRegion | None:
        regions = self.regions
        while self.next < len(regions) and regions[self.next].start <= pos:
            if not regions[self.next].nested:
                heappush(self.open, self.next)
            self.next += 1
        while self.open and regions[self.open[0]].end <= pos:
            heappop(self.open)
        return regions[self.open[0]] if self.open else None


def _scare_quote(content: str, before: str) -> bool:
    """A short unpunctuated phrase inside a sentence without any attribution: "the 'war on terror'"."""
    short = len(content.split()) <= 6 and not re.search(r"[.,!?;:]", content)
    return short and bool(re.search(r"\w", before))


def _speaker_for(
    r: QuoteRegion, attrs: list[Attribution], text: str, memory: Discourse, p: int
) -> tuple[Speaker, str | None]:
    """The attribution right after the quotation, else the nearest before it, else later, else the
    speaker of the last quotation (within two paragraphs), else the person the text is about; with
    the attribution's verb. Those last two are carried over: no attribution stands with the quotation."""
    usable = [a for a in attrs if a.speaker.found or a.passive]
    end = r.close_pos + 1 if r.close_pos is not None else r.end
    for a in usable:
        if a.region_end <= r.open_pos and re.fullmatch(r"\s*[,:]\s*", text[a.region_end : r.open_pos]):
            # '... and said, "somebody ought to ...," the office said': the verb that introduces the
            # quotation owns it; the one after reports the whole sentence
            return a.speaker, a.verb
    for a in usable:
        if a.region_start >= end and re.fullmatch(r"[\s,.;:!?\-–—]*", text[end : a.region_start]):
            return a.speaker, a.verb
        gap = text[end : a.region_start].replace(MASK, "")
        if a.region_start >= end and re.fullmatch(r"[\s,;:\-–—]*", gap):
            return a.speaker, a.verb
    before = [a for a in usable if a.region_end <= r.open_pos]
    if before:
        return before[-1].speaker, before[-1].verb
    after = [a for a in usable if a.region_start >= end]
    if after:
        return after[0].speaker, after[0].verb
    labelled = _labelled(r, text, end, memory.index)
    if labelled is not None:
        return labelled, None
    if memory.last_speaker is not None and p - memory.last_speaker_paragraph <= 2:
        return _copy(memory.last_speaker, "carried"), None
    name = memory.resolve_person()
    if name is not None:
        return Speaker(name=name, kind="role", type="person", evidence="carried"), None
    return _copy(memory.last_speaker or Speaker(), "carried"), None


_TURN = re.compile(r"(?:^|(?<=[.!?\n]))\s*((?:[A-Z][\w.’'\-]*\s+){0,4}[A-Z][\w.’'\-]*)\s*:\s*$")
_SIGNED = re.compile(r"\s*[-–—]\s*((?:[A-Z][\w.’'\-]*\s+){0,4}[A-Z][\w.’'\-]*)\s*(?:[,.(]|$)")


def _labelled(r: QuoteRegion, text: str, end: int, index: ActorIndex) -> Speaker | None:
    """The actor a quotation is labelled with, where no verb attributes it: a transcript turn
    ('Jo Park: "..."') or a quote list ('"..." — Jo Park'), as the spec reads both."""
    lo = max(0, r.open_pos - 80)  # a label is a few words: look no further back than that
    if text[lo : r.open_pos].rstrip()[-1:] != ":":
        turn = None
    else:
        turn = _TURN.search(text, lo if lo == 0 or text[lo - 1] in ".!?\n" else text.find(" ", lo) + 1, r.open_pos)
    for m in (turn, _SIGNED.match(text, end)):
        if m is None:
            continue
        found = index.find(text, m.start(1), m.end(1))
        if len(found) == 1 and found[0].end == m.end(1):
            mn = found[0]
            return Speaker(name=mn.actor, kind="actor", type=mn.type)
    return None


def _inner_speaker(text: str, outer_start: int, inner_open: int, memory: Discourse) -> Speaker | None:
    """'... when Gov. Christie said to be ‘Big cities ...' -> the actor named before 'said'."""
    seg = text[max(outer_start, inner_open - 200) : inner_open]
    m = _INNER_ATTRIBUTION.search(seg)
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
    described = _described_subject(analyzer) if not speakers else None
    if described is not None:
        # "The prime minister toured the country": the subject is the title's holder on record, so
        # "he" in the next sentence is them; else the description itself, never a guess
        holder = analyzer.memory.resolve_person(role_words=set(described.split()) & PERSON_ROLES, only_roles=True)
        subj = Speaker(name=holder, kind="role", type="person") if holder else Speaker()
        described = None if holder else described
    else:
        subj = analyzer.sentence_subject(len(analyzer.toks))
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
    subject = subj.name if subj.name and (subj.type or index.types.get(subj.name)) == "person" else None
    free = {name for name, _ in ranked[: len(ranked) - sum(1 for m in mentions if m.in_pp)]}
    oblique = {m.actor for m in mentions if m.in_pp} - free
    return SentenceFocus(ranked=uniq, speakers=speakers, subject=subject, described=described, oblique=oblique)


def _described_subject(analyzer: SentenceAnalyzer) -> str | None:
    """"prime minister" for "The prime minister ratcheted up ...": the title a sentence's subject
    describes a person by (see ``SentenceAnalyzer.described_subject``)."""
    found = analyzer.described_subject()
    if found is None:
        return None
    first, end = found
    return " ".join(t.text for t in analyzer.toks[first + 1 : end])


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
