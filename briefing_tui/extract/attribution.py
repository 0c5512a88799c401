"""Reporting-verb attributions inside one sentence: who speaks and which clause they said.

Works on the *masked* paragraph, where everything between quotation marks is
replaced by MASK characters (same length), so verbs and commas inside
quotations never count and every offset is still an offset of the paragraph.
The patterns are the ones news copy uses for reported speech: ``X said (that)
...``, ``..., X said``, ``..., said X``, ``according to X, ...``, ``X told Y
...``, ``X, who said ...``, ``..., adding/saying ...``, ``was advised by X to
...`` and ``Z quoted X as saying ...``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .reporting import (
    AUX_ADV,
    CLAUSE_PRONOUNS,
    FINITE,
    FRAME_ONLY,
    MEDIA_NOUNS,
    MODALS,
    NEGATIONS,
    NOT_ADVERBS,
    NOT_INTERJECTION,
    NOUNY,
    NP_BOUNDARY,
    OBJECT_FRAME_SPAN,
    OBJECT_FRAMES,
    OBJECT_VERBS,
    OBJECT_WORDS,
    PASSIVE_AUX,
    PERSONAL_PRONOUNS,
    PREPS,
    QUOTE_ONLY,
    SUBORDINATORS,
    TELL_VERBS,
    THAT_ONLY,
    TIME_NOUNS,
    TIME_WORDS,
    VERBAL_AUX,
    Tok,
    VerbForm,
    reporting_verbs,
    tokenize,
)
from .speakers import DETERMINERS, MASK, ActorIndex, Discourse, Mention, Speaker, resolve_np

WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
TIME_PREPS = frozenset({"on", "last", "this", "late", "early"})
AGENT_STOP = frozenset({"to", "that", "as"})
_DANGLING = re.compile(r"(?:[.,;:!?\-–—]|\s(?:and|but|or|while|as))$")
# A sentence with more reporting verbs than this is not prose (a list, a transcript run together, a
# hostile file): its quotation marks still give direct quotes, but no attribution is looked for, as for a
# sentence too long to be one. Reading attributions weighs each verb against the others and against the
# whole sentence, so a sentence of hundreds of "said" would cost time in the square of its length.
# Well above what any sentence of news copy has.
MAX_REPORTING_VERBS = 24


@dataclass(slots=True)
class Attribution:
    verb_index: int
    lemma: str
    speaker: Speaker
    region_start: int  # char offset where the attribution phrase begins
    region_end: int  # char offset where it ends
    clause: tuple[int, int] | None = None
    clause_mode: str = ""  # after, before, interjection
    passive: bool = False
    relative: bool = False
    future: bool = False  # "will say", "is to tell": attributes quotations, reports no clause


@lru_cache(maxsize=1)
def _reporting_words() -> frozenset[str]:
    """Every word at which ``SentenceAnalyzer.attributions`` may find an attribution."""
    return frozenset(reporting_verbs()) | QUOTE_ONLY | {"according", "put"}


def _adverbial(t: Tok) -> bool:
    """An auxiliary, adverb or time word between a subject and its verb ("has also", "Thursday").

    Only lowercase words count, so the names "Theresa May" and "Will Smith" are not read as modals;
    weekdays are the one capitalised exception."""
    if t.kind != "w":
        return False
    if t.text.islower():
        return t.low in AUX_ADV or t.low in TIME_WORDS or (t.low.endswith("ly") and len(t.low) > 4)
    return t.low in WEEKDAYS


def _is_cap(t: Tok) -> bool:
    return t.kind == "w" and t.text[:1].isupper()


class SentenceAnalyzer:
    """Finds the attributions of one sentence of a masked paragraph."""

    def __init__(
        self,
        text: str,
        masked: str,
        start: int,
        end: int,
        index: ActorIndex,
        memory: Discourse,
        mentions: list[Mention],
    ) -> None:
        self.text = text
        self.masked = masked
        self.start = start
        self.end = end
        self.index = index
        self.memory = memory
        self.toks = tokenize(masked, start, end)
        self.starts = [t.start for t in self.toks]
        self.mentions = mentions
        self.mention_by_start: dict[int, Mention] = {}
        for m in mentions:
            self.mention_by_start.setdefault(m.start, m)
        memory.current = mentions
        self.verbs = reporting_verbs()
        self.k_after = 0  # token index after a verb's particles, time adverbials and object
        self.appositive_person: Mention | None = None

    # ------------------------------------------------------------------ helpers
    def _np_after(self, i: int) -> int:
        """Index one past the end of a noun phrase starting at token i (stops at punctuation/verbs)."""
        toks = self.toks
        j = i
        while j < len(toks) and j - i < 14:
            t = toks[j]
            if t.kind != "w" or t.low in FINITE or (t.low in PREPS and j > i and t.low not in ("of", "for")):
                break
            if t.low in TIME_WORDS and j > i:
                break
            j += 1
        return j

    def _skip_time(self, k: int) -> int:
        toks = self.toks
        while k < len(toks):
            t = toks[k]
            if t.kind != "w":
                break
            if (
                t.low in TIME_WORDS
                or (t.low in TIME_NOUNS and t.text[0].isupper())
                or (t.text.islower() and t.low.endswith("ly") and len(t.low) > 4 and t.low not in NOT_ADVERBS)
            ):
                k += 1
                continue
            if (
                t.low in ("on", "last", "this", "next", "late", "early", "in")
                and k + 1 < len(toks)
                and (toks[k + 1].low in TIME_NOUNS)
            ):
                k += 2
                continue
            if (
                t.low in ("for", "over")
                and k + 1 < len(toks)
                and toks[k + 1].low in ("years", "months", "weeks", "decades", "days")
            ):
                k += 2
                continue
            break
        return k

    def _skip_listener(self, k: int) -> int:
        """Skip who was told: "the audience", "the BBC", "BBC One's Breakfast With Frost programme"."""
        toks = self.toks
        n = len(toks)
        e = k
        if e < n and toks[e].low in ("the", "a", "an", "his", "her", "their", "its"):
            e += 1
        caps = e
        while (
            e < n
            and e - caps < 8
            and (
                _is_cap(toks[e])
                or toks[e].text[:1].isdigit()  # "BBC Radio 4's Today programme"
                or (toks[e].low in ("with", "of", "and", "the", "on") and e + 1 < n and _is_cap(toks[e + 1]))
            )
        ):
            e += 1
        if e == caps:
            if e < n and toks[e].kind == "w" and toks[e].text.islower() and toks[e].low != "that":
                e += 1
        elif e < n and toks[e].low in MEDIA_NOUNS:
            e += 1
        # "told the Commons foreign affairs committee:": a listener of lowercase words up to a colon
        f = e
        while f < n and f - e < 5 and toks[f].kind == "w" and toks[f].text.islower() and toks[f].low != "that":
            f += 1
        if f > e and f < n and toks[f].text == ":":
            return f
        return e

    def _mention_at(self, char: int) -> Mention | None:
        return self.mention_by_start.get(char)

    def too_busy(self) -> bool:
        """More reporting verbs than a sentence of prose has (``MAX_REPORTING_VERBS``)."""
        if len(self.toks) <= MAX_REPORTING_VERBS:
            return False
        words = _reporting_words()
        return sum(1 for t in self.toks if t.low in words) > MAX_REPORTING_VERBS

    def _subject_before(self, i: int) -> tuple[Speaker, int, bool, bool] | None:
        """(speaker, region start char, coordinated, relative) for the subject ending before token i."""
        toks = self.toks
        j = i - 1
        while j >= 0 and toks[j].kind == "w":
            if _adverbial(toks[j]):
                j -= 1
            elif toks[j].low in TIME_NOUNS and j >= 1 and toks[j - 1].low in TIME_PREPS:
                j -= 2
            else:
                break
        appositives = 0
        self.appositive_person = None
        while j >= 0:
            t = toks[j]
            if t.text == ")":
                k = j - 1
                while k >= 0 and toks[k].text != "(":
                    k -= 1
                if k < 0:
                    return None
                j = k - 1
                continue
            if t.text == "," and appositives < 2:
                k = j - 1
                while k >= 0 and toks[k].text not in (",", ";", ":"):
                    k -= 1
                if (
                    k <= 0
                    or toks[k].text != ","
                    or j - k > 18
                    or not (toks[k - 1].kind == "w" or toks[k - 1].text == ")")
                ):
                    return None
                name_only = any(
                    m.type == "person" and m.start == toks[k + 1].start and m.end == toks[j - 1].end
                    for m in self.mentions
                )
                if not (name_only or _appositive(toks[k + 1 : j])):
                    # ", Oxfam's Barbara Stocking," in a list is not an appositive; a bare name after
                    # a role ("Authenti-corp's CEO, Cynthia Musselman, told ...") is.
                    return None
                if appositives == 0:
                    lo, hi = toks[k].end, toks[j].start
                    persons = [m for m in self.mentions if lo <= m.start < hi and m.type == "person"]
                    self.appositive_person = persons[0] if persons else None
                appositives += 1
                j = k - 1
                continue
            break
        if j < 0:
            return None
        t = toks[j]
        if t.low in ("and", "but"):
            return (Speaker(kind="inherit"), t.start, True, False)
        if t.low in ("who", "which"):
            k = j - 1
            if k >= 1 and toks[k].text == ",":
                sub = self._subject_before_np_end(k - 1)
                if sub is not None:
                    return (sub[0], t.start, False, True)
            return None
        if t.kind != "w":
            return None
        sub = self._subject_before_np_end(j)
        if sub is None:
            return None
        sp = sub[0]
        ap = self.appositive_person
        if ap is not None and (sp.kind in ("unnamed", "role", "unknown") or sp.type != "person"):
            # "The Bishop of Durham, the Rt Rev Dr Tom Wright, said": the appositive names the speaker
            sp = Speaker(name=ap.actor, kind="actor", type="person")
        elif ap is None and sp.kind in ("unnamed", "role", "unknown"):
            # "..., Rabbi Marvin Hier, founder of the Simon Wiesenthal Center said": an appositive
            # whose closing comma is missing still describes the name before it.
            from .speakers import PERSON_ROLES

            k0 = self._tok_at(sub[1])
            if k0 >= 2 and toks[k0 - 1].text == "," and toks[k0].text.islower() and toks[k0].low in PERSON_ROLES:
                named = [m for m in self.mentions if m.type == "person" and m.end == toks[k0 - 2].end]
                if named:
                    sp = Speaker(name=named[0].actor, kind="actor", type="person")
        return (sp, sub[1], False, False)

    def _subject_before_np_end(self, j: int) -> tuple[Speaker, int] | None:
        toks = self.toks
        k = j
        while k >= 0 and j - k < 12:
            t = toks[k]
            if t.kind != "w" and t.text not in (".", "&"):
                break
            if t.low in NP_BOUNDARY and k != j:
                break
            # "Blair and Brown said": keep going over "and" only between two noun phrases.
            if (
                t.low in ("and", "but")
                and k != j
                and (t.low == "but" or k == 0 or toks[k - 1].kind != "w" or toks[k - 1].low in FINITE)
            ):
                break
            if t.kind == "w" and k != j and not _is_cap(t):
                vf = self.verbs.get(t.low)
                if vf is not None and (vf.past or vf.ing):
                    break
            k -= 1
        first = k + 1
        if first > j:
            return None
        while first <= j and toks[first].low in ("and", "but", "yet", "so", "both"):
            first += 1
        if first > j:
            return None
        sp = resolve_np(self.masked, toks[first].start, toks[j].end, self.index, self.memory)
        if not sp.found:
            return None
        return sp, toks[first].start

    def sentence_subject(self, before: int) -> Speaker:
        """The subject of the sentence (first mention or pronoun near its start), for participles."""
        toks = self.toks
        for k in range(min(before, 14)):
            t = toks[k]
            if t.kind != "w":
                continue
            if t.low in ("he", "she", "they", "it"):
                return resolve_np(self.masked, t.start, t.end, self.index, self.memory)
            m = self._mention_at(t.start)
            if m is not None:
                prev = toks[k - 1].low if k else ""
                if prev in PREPS or prev in ("of", "to", "for"):
                    continue
                return Speaker(name=m.actor, kind="actor", type=m.type)
        return Speaker()

    def _words(self, a: int, b: int) -> tuple[int, int]:
        """(plain words, quoted words) among tokens a..b-1."""
        plain = sum(1 for t in self.toks[a:b] if t.kind == "w")
        quoted = sum(len(self.text[t.start : t.end].split()) for t in self.toks[a:b] if t.kind == "q")
        return plain, quoted

    def _clause_after(self, k: int, lemma: str, particles: tuple[str, ...]) -> int | None:
        """Token index where the reported clause after a verb starts, or None."""
        toks = self.toks
        n = len(toks)
        if k < n and toks[k].low in particles:
            k += 1
        elif k < n and toks[k].low in ("up", "off", "down", "away"):
            return None  # a phrasal verb that is no speech act: "called up", "called off", "added up"
        k = self._skip_time(k)
        frame = OBJECT_FRAMES.get(lemma)
        if frame is not None and k < n and toks[k].low != frame and toks[k].kind == "w":
            for e in range(k + 1, min(n, k + OBJECT_FRAME_SPAN)):
                if toks[e].low == frame:
                    return k  # the object and its judgement: "the package as a ..."
                if toks[e].kind != "w" or toks[e].low == "that":
                    break
        if lemma in FRAME_ONLY:
            return None
        if lemma in OBJECT_VERBS and k < n:
            m = self._mention_at(toks[k].start)
            if toks[k].low in OBJECT_WORDS:
                k += 1
            elif m is not None:
                while k < n and toks[k].start < m.end:
                    k += 1
                possessive = k < n and (toks[k].low.startswith(("'s", "’s")) or toks[k].text[:1].isdigit())
                if lemma in TELL_VERBS and k < n and (_is_cap(toks[k]) or possessive):
                    k = self._skip_listener(k)  # "told BBC One's Breakfast With Frost programme"
            elif lemma in TELL_VERBS:
                k = self._skip_listener(k)
            k = self._skip_time(k)
            while k < n and toks[k].low in PREPS and k + 2 < n and _is_cap(toks[k + 1]):
                # "told reporters in Brussels:"
                k += 2
                while k < n and _is_cap(toks[k]):
                    k += 1
        self.k_after = k
        if k >= n:
            return None
        t = toks[k]
        if t.text == ":":
            # 'said: "..."' introduces a quotation, not a reported clause
            return None if k + 1 < n and toks[k + 1].kind == "q" else k + 1
        if t.low == "that":
            return k + 1
        if t.low == "as" and lemma in ("describe", "see", "cite", "call"):
            return k + 1
        if t.text in (",", ";", ".", ")", "(") or (t.kind == "p" and t.text not in ("“", '"', "‘")):
            return None
        if t.low in PREPS and t.low != "to":
            for e in range(k + 1, min(n, k + 25)):
                if toks[e].low == "that":
                    return e + 1
                if toks[e].text in (":", ";") or toks[e].kind == "q":
                    break
            # "had said before Wednesday's game he would ...", "said in a statement the firm had ...":
            # a short prepositional phrase, then a clause opening with a pronoun or a determiner
            for e in range(k + 2, min(n, k + 6)):
                if toks[e].kind != "w":
                    break
                if toks[e].low in CLAUSE_PRONOUNS:
                    return e
                if (
                    toks[e].low in ("the", "a", "an")
                    and e >= k + 3
                    and toks[e - 1].low not in DETERMINERS
                    and toks[e - 1].low not in PREPS
                ):
                    return e
            return None
        # "warned six months before ... that": skip a short adverbial gap up to "that".
        if t.kind == "w" and t.low not in DETERMINERS and t.low not in PERSONAL_PRONOUNS and not _is_cap(t):
            for e in range(k + 1, min(n, k + 13)):
                if toks[e].low == "that":
                    return e + 1
                if toks[e].kind != "w":
                    break
        if lemma in THAT_ONLY or lemma in QUOTE_ONLY:
            return None
        return k

    # ------------------------------------------------------------------ main
    def attributions(self) -> list[Attribution]:
        toks = self.toks
        out: list[Attribution] = []
        for i, t in enumerate(toks):
            if t.kind != "w":
                continue
            if t.low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
                a = self._according(i)
                if a:
                    out.append(a)
                continue
            if t.low == "put" and i + 1 < len(toks) and toks[i + 1].low == "it":
                a = self._as_put_it(i)
                if a:
                    out.append(a)
                continue
            form = self.verbs.get(t.low)
            if form is None:
                if t.low not in QUOTE_ONLY or not any(tk.kind == "q" for tk in toks[max(0, i - 4) : i]):
                    continue
                # '"...," he continued.': a manner verb right after a quotation attributes it
                form = VerbForm(t.low, False, True, ())
            self.memory.current_speakers = [a.speaker for a in out]
            a = self._verb(i, form, out)
            if a is not None:
                out.append(a)
        self.memory.current_speakers = []
        self._finish(out)
        return out

    def _verb(
        self,
        i: int,
        form: VerbForm,
        prior: list[Attribution],
    ) -> Attribution | None:
        toks = self.toks
        t = toks[i]
        p1 = toks[i - 1] if i else None
        if i == 0 or (i == 1 and toks[0].kind == "p"):
            if t.low in ("said", "says") and t.text[0].isupper():
                return self._inverted(i, form)
            return None
        if t.text[0].isupper():  # "United States", "Reporting ..." inside a name or heading
            return None
        if (
            p1 is not None
            and p1.kind == "w"
            and (
                (p1.low in DETERMINERS and not (p1.low == "her" and (form.ing or form.past)))
                or p1.low.endswith(("'s", "’s"))
                or p1.low in ("of",)
            )
        ):
            return None
        if form.lemma in NOUNY and not form.past and not form.ing:
            # "the US state of Louisiana", "calls for reform": a noun unless a clause or the end follows,
            # or an auxiliary or a pronoun makes it a verb ("had previously forecast", "it notes")
            k = self._skip_time(i + 1)
            if k < len(toks) and toks[k].low in form.particles:
                k += 1
            b = i - 1
            while b >= 0 and _adverbial(toks[b]) and toks[b].low not in VERBAL_AUX:
                b -= 1
            verbal = b >= 0 and (toks[b].low in VERBAL_AUX or toks[b].low in PERSONAL_PRONOUNS)
            if not verbal and k < len(toks) and not (toks[k].low == "that" or toks[k].kind != "w"):
                return None
        back = [tk.text for tk in toks[max(0, i - 3) : i]]  # case kept: "Mrs May said" has no modal
        if any(w in NEGATIONS or w.endswith(("n't", "n’t")) for w in back):
            return None
        near = [tk.low for tk in toks[max(0, i - 2) : i] if tk.low not in AUX_ADV or tk.low in MODALS]
        if "to" in near[-1:] or any(w in MODALS for w in back[-2:]):
            return self._future(i, form)
        # Passive: "was advised by X to ...", "is said to ...".
        k = i - 1
        while k >= 0 and toks[k].low in ("also", "not", "reportedly", "widely", "previously", "being"):
            k -= 1
        if form.past and k >= 0 and toks[k].low in PASSIVE_AUX:
            return self._passive(i, form)
        if form.ing:
            if t.low == "saying" and p1 is not None and p1.low == "as":
                return self._quoted_as_saying(i, form)
            if p1 is not None and (
                p1.text == ","
                or p1.low in ("and", "but", "while", "also", "before", "after", "when", "him", "her", "them")
                or p1.kind == "q"
            ):
                return self._participle(i, form, prior)
            if p1 is None or p1.low not in ("is", "was", "are", "were", "been", "be"):
                return None
        # Inverted: '"...," said Moya.', '..., says Di Li, the chief scientist'.
        if p1 is not None and (p1.text in (",", ":") or p1.kind == "q") and form.lemma not in OBJECT_VERBS:
            inv = self._inverted(i, form)
            if inv is not None:
                return inv
        sub = self._subject_before(i)
        if sub is None:
            return None
        speaker, region_start, coordinated, relative = sub
        if coordinated:
            speaker = prior[-1].speaker if prior else self.sentence_subject(i)
            if not speaker.found:
                return None
        a = Attribution(i, form.lemma, speaker, region_start, t.end, relative=relative)
        self._place_clause(a, i + 1, form, allow_interjection=True, prior=prior)
        self._agreed_with(a)
        return a

    def _future(self, i: int, form: VerbForm) -> Attribution | None:
        """'He will say: "..."', 'Mr Kennedy is to tell the audience: "..."' (a pre-released speech).

        Attributes quotation marks in the sentence but reports no clause: what someone will say,
        is expected to say or declined to say is not a statement yet."""
        toks = self.toks
        j = i - 1
        while j >= 0 and _adverbial(toks[j]) and toks[j].low not in MODALS:
            j -= 1
        if j >= 0 and toks[j].low in MODALS:
            pass
        elif j >= 0 and toks[j].low == "to":
            j -= 1
            if j >= 0 and toks[j].low in ("expected", "due", "set", "likely", "going", "about", "poised"):
                j -= 1
            if j < 0 or toks[j].low not in ("is", "are", "was", "were"):
                return None
        else:
            return None
        sub = self._subject_before(j)
        if sub is None or sub[2]:
            return None
        return Attribution(i, form.lemma, sub[0], sub[1], toks[i].end, future=True)

    def _inverted(self, i: int, form: VerbForm) -> Attribution | None:
        toks = self.toks
        j = self._np_after(i + 1)
        if j == i + 1:
            return None
        if toks[i + 1].low in ("he", "she", "they", "it", "we", "i") and j > i + 2:
            return None  # "X, who runs Y, said he looked forward to ...": a clause, not '"...," said he'
        if j < len(toks):
            nxt = toks[j]
            ok = nxt.kind == "p" or nxt.low in PREPS or nxt.low in TIME_WORDS or nxt.low in ("who", "which")
            if not ok:
                return None
        sp = resolve_np(self.masked, toks[i + 1].start, toks[j - 1].end, self.index, self.memory)
        if not sp.found:
            return None
        if j + 1 < len(toks) and toks[j].text == "," and (sp.kind != "actor" or sp.type != "person"):
            # 'said Ms Smith's lawyer, John Doe.': the appositive names the speaker
            named = self._mention_at(toks[j + 1].start)
            if named is not None and named.type == "person":
                sp = Speaker(name=named.actor, kind="actor", type="person")
        a = Attribution(i, form.lemma, sp, toks[i].start, toks[j - 1].end)
        if j < len(toks) and toks[j].text == ":":
            a.clause = None
        else:
            self._place_clause(a, None, form, allow_interjection=False, before_tok=i)
        return a

    def _passive(self, i: int, form: VerbForm) -> Attribution | None:
        toks = self.toks
        t = toks[i]
        if i + 1 < len(toks) and toks[i + 1].low == "by":
            j = i + 2
            e = j
            while e < len(toks) and e - j < 10 and toks[e].kind == "w" and toks[e].low not in AGENT_STOP:
                e += 1
            if e == j:
                return None
            sp = resolve_np(self.masked, toks[j].start, toks[e - 1].end, self.index, self.memory)
            if not sp.found:
                return None
            a = Attribution(i, form.lemma, sp, t.start, toks[e - 1].end, passive=True)
            if e < len(toks) and toks[e].low in ("to", "that"):
                start_tok = e + 1 if toks[e].low == "that" else e
                self._set_clause_from(a, start_tok)
            return a
        # No agent: the speaker is unnamed; it still attributes quotation marks in the sentence.
        return Attribution(i, form.lemma, Speaker(kind="unnamed"), t.start, t.end, passive=True)

    def _participle(self, i: int, form: VerbForm, prior: list[Attribution]) -> Attribution | None:
        speaker = prior[-1].speaker if prior else self.sentence_subject(i)
        if not speaker.found:
            return None
        t = self.toks[i]
        region_start = self.toks[i - 1].start if self.toks[i - 1].text == "," else t.start
        a = Attribution(i, form.lemma, speaker, region_start, t.end)
        k = self._clause_after(i + 1, form.lemma, form.particles)
        if k is not None:
            self._set_clause_from(a, k)
        self._agreed_with(a)
        return a

    def _agreed_with(self, a: Attribution) -> None:
        """'agreeing with Tim Flesher, her secretary, that ...': the view is the one agreed with."""
        toks = self.toks
        i = a.verb_index
        if a.lemma != "agree" or i + 2 >= len(toks) or toks[i + 1].low != "with":
            return
        e = i + 2
        while e < len(toks) and e - i < 8 and toks[e].kind == "w" and toks[e].low != "that":
            e += 1
        if e == i + 2:
            return
        sp = resolve_np(self.masked, toks[i + 2].start, toks[e - 1].end, self.index, self.memory)
        if sp.found and sp.kind != "pronoun":
            a.speaker = sp

    def _quoted_as_saying(self, i: int, form: VerbForm) -> Attribution | None:
        toks = self.toks
        q = None
        for k in range(i - 2, max(-1, i - 16), -1):
            if toks[k].low in ("quoted", "quotes", "quoting", "cited", "cites"):
                q = k
                break
        if q is None:
            return None
        if toks[q - 1].low in PASSIVE_AUX if q else False:
            # "X was quoted (by Reuters) as saying ...": the subject spoke, the agent passed it on
            sub = self._subject_before(q - 1)
            if sub is None or sub[2]:
                return None
            sp = sub[0]
            if q + 2 <= i - 2 and toks[q + 1].low == "by":
                via_sp = resolve_np(self.masked, toks[q + 2].start, toks[i - 2].end, self.index, self.memory)
                sp.via = via_sp.label()
            a = Attribution(i, form.lemma, sp, sub[1], toks[i].end)
            k = self._clause_after(i + 1, form.lemma, form.particles)
            if k is not None:
                self._set_clause_from(a, k)
            return a
        if q + 1 > i - 2:
            return None
        sp = resolve_np(self.masked, toks[q + 1].start, toks[i - 2].end, self.index, self.memory)
        if not sp.found:
            return None
        via = self._subject_before(q)
        if via is not None and via[0].label():
            sp.via = via[0].label()
        region_start = via[1] if via is not None else toks[q].start
        a = Attribution(i, form.lemma, sp, region_start, toks[i].end)
        k = self._clause_after(i + 1, form.lemma, form.particles)
        if k is not None:
            self._set_clause_from(a, k)
        return a

    def _according(self, i: int) -> Attribution | None:
        toks = self.toks
        j = i + 2
        e = j
        while e < len(toks) and e - j < 12 and toks[e].text not in ",;.:" and toks[e].kind != "q":
            e += 1
        if e == j:
            return None
        np_end = e
        if e - j >= 6 or e == len(toks) or toks[e].text not in (",", ".", ";"):
            # No comma closes the source: end it after the first named actor.
            ms = [m for m in self.mentions if toks[j].start <= m.start < toks[e - 1].end]
            if not ms:
                return None
            np_end = j
            while np_end < len(toks) and toks[np_end].end <= ms[0].end:
                np_end += 1
        sp = resolve_np(self.masked, toks[j].start, toks[np_end - 1].end, self.index, self.memory)
        if not sp.found:
            # "according to its authors": whoever the phrase names is the source
            desc = " ".join(self.masked[toks[j].start : toks[np_end - 1].end].split())
            if MASK in desc:
                return None
            sp = Speaker(description=desc, kind="unnamed")
        a = Attribution(i, "according", sp, toks[i].start, toks[np_end - 1].end)
        lead = [t for t in toks[:i] if t.kind != "p" and t.low not in ("but", "and", "yet", "so")]
        if not lead:
            k = np_end + 1 if np_end < len(toks) and toks[np_end].text == "," else np_end
            if k < len(toks) and toks[k].low in ("which", "who", "whose"):
                # "According to Standard & Poor's, which upgraded Mexico, the rise ..."
                k = next((e + 1 for e in range(k, len(toks)) if toks[e].text == ","), len(toks))
            self._set_clause_from(a, k)
        else:
            self._clause_before(a, i)
        return a

    def _as_put_it(self, i: int) -> Attribution | None:
        toks = self.toks
        k = i - 1
        while k >= 0 and toks[k].kind == "w" and toks[k].low != "as" and i - k < 8:
            k -= 1
        if k < 0 or toks[k].low != "as" or k + 1 > i - 1:
            return None
        sp = resolve_np(self.masked, toks[k + 1].start, toks[i - 1].end, self.index, self.memory)
        if not sp.found:
            return None
        a = Attribution(i, "put", sp, toks[k].start, toks[i + 1].end)
        self._clause_before(a, k)
        return a

    # ------------------------------------------------------------------ clauses
    def _set_clause_from(self, a: Attribution, k: int, end_char: int | None = None) -> None:
        toks = self.toks
        if k >= len(toks):
            return
        end = self.end if end_char is None else end_char
        last = k
        while last < len(toks) and toks[last].start < end:
            if toks[last].text == ":" and last + 1 < len(toks) and toks[last + 1].kind == "q":
                break  # 'told the programme: "..."': what follows the colon is a direct quote
            last += 1
        plain, quoted = self._words(k, last)
        if plain + quoted < 3 or plain == 0:
            return
        a.clause = (toks[k].start, toks[last - 1].end)

    def _place_clause(
        self,
        a: Attribution,
        after: int | None,
        form: VerbForm,
        *,
        allow_interjection: bool,
        before_tok: int | None = None,
        prior: list[Attribution] | None = None,
    ) -> None:
        toks = self.toks
        if after is not None:
            k = self._clause_after(after, form.lemma, form.particles)
            if k is not None and k < len(toks) and toks[k].text != ",":
                self._set_clause_from(a, k)
                if a.clause:
                    a.clause_mode = "after"
                    return
            ka = self.k_after
            if ka < len(toks) and (
                toks[ka].text == ":"
                or toks[ka].kind == "q"
                or (toks[ka].kind == "w" and toks[ka].low not in PREPS and toks[ka].low not in TIME_WORDS)
            ):
                # the verb introduces a quotation or has its own object: nothing reported before it
                return
            # Interjection: "Already, he said, PC owning friends had ...".
            k2 = self._skip_time(after)
            while k2 < len(toks) and toks[k2].low in PREPS:
                # "said in a post on Telegram on Monday, ..." is not an interjection
                break
            if allow_interjection and k2 < len(toks) and toks[k2].text == "," and k2 + 1 < len(toks):
                nxt = toks[k2 + 1]
                if nxt.low not in NOT_INTERJECTION and not nxt.low.endswith("ing") and nxt.kind == "w":
                    lead = [t for t in toks if t.end <= a.region_start and t.kind == "w"]
                    if len(lead) <= 2:
                        self._set_clause_from(a, k2 + 1)
                    elif (
                        lead[-1].low in FINITE
                        or lead[-1].low in ("not", "also", "never", "been", "be")
                        or lead[0].low in SUBORDINATORS
                    ):
                        # "Mrs Thatcher had not, Mr Addison added, been impressed", "Despite its bad
                        # luck, he pointed out, Aurora is ...": one clause around the attribution
                        self._set_clause_from(a, 0)
                        if a.clause:
                            a.clause = (self._strip_lead(0), a.clause[1])
                    if a.clause:
                        a.clause_mode = "interjection"
                        return
        first = before_tok if before_tok is not None else self._tok_at(a.region_start)
        self._clause_before(a, first, prior)

    def _tok_at(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect_left(self.starts, char)

    def _strip_lead(self, k: int) -> int:
        toks = self.toks
        while k < len(toks) and toks[k].low in ("but", "and", "yet", "so", "or") and k + 1 < len(toks):
            k += 1
        return toks[k].start if k < len(toks) else self.start

    def _clause_before(self, a: Attribution, first: int, prior: list[Attribution] | None = None) -> None:
        """The clause before ', X said' / ', said X' / ', according to X'."""
        toks = self.toks
        if first <= 0 or first > len(toks):
            return
        prev = toks[first - 1]
        if prev.kind == "q":
            # '... what's possible," he said': the comma sits inside the closing quotation
            if self.text[max(prev.start, prev.end - 3) : prev.end].rstrip("\"”’'")[-1:] != ",":
                return
            last = first - 1
        elif prev.text in (",", "—", "–", "-"):
            last = first - 2
        else:
            return
        k = 0
        floor = max(
            (p.region_end for p in prior or [] if p.region_end <= toks[first - 1].start and p.clause is None),
            default=-1,
        )
        while k < first and toks[k].start < floor:
            k += 1
        while k < first and toks[k].low in ("but", "and", "yet", "so", "or", "however", ","):
            k += 1
        if last < k:
            return
        if self._words(k, last + 1)[0] < 2:
            return
        lead = toks[k]
        adverbial = lead.low.endswith("ing") or lead.low in SUBORDINATORS
        if adverbial and not any(t.text == "," or t.low in FINITE for t in toks[k:last]):
            return  # "Collecting his award in Cannes, Bono said": an adverbial, not what was said
        a.clause = (toks[k].start, toks[last].end)
        a.clause_mode = "before"

    def _finish(self, out: list[Attribution]) -> None:
        """Trim clauses at the next attribution and fold nested reports ("X said Y told Z that ...")."""
        out.sort(key=lambda a: self.toks[a.verb_index].start)
        inner: set[int] = set()
        for a in out:
            if a.clause is None:
                continue
            for b in out:
                if b is a or id(b) in inner:
                    continue
                vb = self.toks[b.verb_index].start
                if a.clause_mode == "before" and a.clause[0] <= vb < a.clause[1]:
                    inner.add(id(b))  # a verb inside what someone else reported
                elif b.region_start == a.clause[0] and b.lemma != "tell" and vb > a.clause[0]:
                    inner.add(id(b))
        out[:] = [a for a in out if id(a) not in inner]
        for n, a in enumerate(out):
            if a.clause is None:
                continue
            c0, c1 = a.clause
            if a.relative:
                for t in self.toks:
                    if t.start > c0 + 1 and t.text == "," and t.start < c1:
                        c1 = t.start
                        break
            for b in out[n + 1 :]:
                if c0 < b.region_start < c1:
                    if self._coordinated_at(b):
                        c1 = b.region_start
                        break
                    inner.add(id(b))  # "said they were freed after the government promised ..."
            c1 = self._trim_end(c0, c1)
            # a trimmed clause of one or two words ("who has denied wrongdoing,") reports nothing
            a.clause = (c0, c1) if len(self.text[c0:c1].split()) >= 3 else None
        out[:] = [a for a in out if id(a) not in inner]
        for n, a in enumerate(out):
            if a.clause is None or a.clause_mode != "after":
                continue
            for b in out[n + 1 :]:
                if b.region_start == a.clause[0] and b.clause is not None:
                    if b.speaker.via is None and a.speaker.label():
                        b.speaker.via = a.speaker.label()
                    a.clause = None
                    break

    def _coordinated_at(self, b: Attribution) -> bool:
        """Does attribution b start a new coordinated clause (', and he noted', ', but X said')?"""
        k = self._tok_at(b.region_start)
        if k < len(self.toks) and self.toks[k].low in ("and", "but", "while", "whereas"):
            return True
        if k == 0:
            return True
        prev = self.toks[k - 1]
        if prev.text in (",", ";", ":", "-", "–", "—") or prev.low in ("and", "but", "while", "whereas"):
            return True
        return prev.kind == "q" and self.text[prev.end - 2 : prev.end - 1] in (",", ";")

    def _trim_end(self, c0: int, c1: int) -> int:
        """Drop trailing punctuation and a dangling conjunction, never a closing quotation mark."""
        text = self.masked
        while c1 > c0:
            while c1 > c0 and text[c1 - 1].isspace():
                c1 -= 1
            tail_start = max(c0, c1 - 8)
            m = _DANGLING.search(text, tail_start, c1)
            if m and text[c1 - 1] != MASK:
                c1 = m.start()
                continue
            break
        return c1


def _appositive(seg: list[Tok]) -> bool:
    """', BA's chief executive,' / ', the museum's president,' / ', who won ...,' but not ', France and'."""
    from .speakers import PERSON_ROLES, UNNAMED_HEADS

    words = [t for t in seg if t.kind == "w"]
    if not words:
        return False
    first = words[0]
    if first.low in DETERMINERS or first.low in (
        "who",
        "which",
        "then",
        "now",
        "former",
        "one",
        "himself",
        "herself",
        "for",
        "also",
        "in",
        "at",
        "speaking",
    ):
        return True
    if first.low.endswith(("'s", "’s")) or first.text.islower() or first.text[:1].isdigit():
        return True  # ", BA's chief executive,", ", 45,"
    return any(t.low in PERSON_ROLES or t.low in UNNAMED_HEADS for t in words if t.text.islower())
