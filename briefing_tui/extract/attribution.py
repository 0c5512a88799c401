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
    BARE_CLAUSE_FINDINGS,
    CATENATIVES,
    CLAUSE_LINKS,
    CLAUSE_PRONOUNS,
    FINITE,
    FRAME_ONLY,
    INFINITIVE_FRAME,
    MEDIA_NOUNS,
    MODALS,
    NAMED_FRAME,
    NEGATIONS,
    NON_AGENT_NOUNS,
    NOT_ADVERBS,
    NOT_INTERJECTION,
    NOUNY,
    NP_BOUNDARY,
    NP_ONLY,
    OBJECT_FRAME_SPAN,
    OBJECT_FRAMES,
    OBJECT_VERBS,
    OBJECT_WORDS,
    PASSIVE_AUX,
    PERSONAL_PRONOUNS,
    PREDICATE_FRAME,
    PREPS,
    QUOTE_ONLY,
    SPEAKER_NOUNS,
    STATEMENT_HEADS,
    STATEMENT_NOUNS,
    SUBORDINATORS,
    TELL_VERBS,
    THAT_ONLY,
    TIME_NOUNS,
    TIME_WORDS,
    UNPLACED_DETERMINERS,
    VERBAL_AUX,
    Tok,
    VerbForm,
    reporting_verbs,
    tokenize,
)
from .speakers import DETERMINERS, MASK, ActorIndex, Discourse, Mention, Speaker, resolve_np, wordset

WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
TIME_PREPS = frozenset({"on", "last", "this", "late", "early"})
DAY_PARTS = frozenset({"night", "morning", "afternoon", "evening"})
REPORT_NOUNS = frozenset({"report", "article", "story", "piece", "editorial", "column", "interview", "op-ed"})
NAMING_PARTICIPLES = frozenset({"called", "named", "dubbed", "titled", "labelled", "labeled", "branded"})
# Objects that stand for something said elsewhere ("confirmed this", "promised more"): no report of
# their own.
PRO_OBJECTS = frozenset({"this", "that", "it", "more", "so", "them", "these", "those", "much"})
AGENT_STOP = frozenset({"to", "that", "as"})
_DANGLING = re.compile(r"(?:[.,;:!?\-–—]|\s(?:and|but|or|while|as))$")
# A sentence with more reporting verbs than this is not prose (a list, a transcript run together, a
# hostile file): its quotation marks still give direct quotes, but no attribution is looked for, as for a
# sentence too long to be one. Reading attributions weighs each verb against the others and against the
# whole sentence, so a sentence of hundreds of "said" would cost time in the square of its length.
# Well above what any sentence of news copy has.
MAX_REPORTING_VERBS = 24
DASHES = frozenset({"-", "–", "—"})
# Appositives and relative clauses between a subject and its verb, walked over leftwards: how many,
# and how many tokens each may hold ("Jim Press, vice president and chief operating officer of
# Toyota Motor Sales USA, said"). Bounds the walk for each verb, not the length of a real appositive.
MAX_APPOSITIVES = 3
APPOSITIVE_SPAN = 40
VAGUE = frozenset({"unnamed", "role", "unknown"})


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
    verb: str | None = None  # the reporting verb as written ("denied"); None for "according to X" and the like


@lru_cache(maxsize=1)
def _reporting_words() -> frozenset[str]:
    """Every word at which ``SentenceAnalyzer.attributions`` may find an attribution."""
    return frozenset(reporting_verbs()) | QUOTE_ONLY | STATEMENT_HEADS | MAKE_CLEAR | {"according", "put", "per"}


# "made (it) clear that ...": a speech act made of a verb and an adjective, reported as "say" is.
MAKE_CLEAR = frozenset({"make", "makes", "made", "making"})


def _adverbial(t: Tok) -> bool:
    """An auxiliary, adverb or time word between a subject and its verb ("has also", "Thursday").

    Only lowercase words count, so the names "Theresa May" and "Will Smith" are not read as modals;
    weekdays are the one capitalised exception."""
    if t.kind != "w":
        return False
    if t.text.islower():
        return (
            t.low in AUX_ADV
            or t.low in TIME_WORDS
            or (t.low.endswith("ly") and len(t.low) > 4 and t.low not in NOT_ADVERBS)  # not "his family said"
        )
    return t.low in WEEKDAYS


def _infinitive(t: Tok) -> bool:
    """Could this word after "to" be a bare verb ("to know"), not the object of "to" ("to the actor")?"""
    return (
        t.kind == "w"
        and t.text.islower()
        and t.low not in DETERMINERS
        and t.low not in PERSONAL_PRONOUNS
        and t.low not in ("his", "her", "their", "its", "our", "my", "your", "him", "them", "us", "me")
        and not t.low.endswith("ing")
    )


def _agent_noun(word: str) -> bool:
    """A noun for people or a body that can speak ("porter", "officers", "the company"), by the
    speaker lexicon or by the shape of an agent noun."""
    from .speakers import ORG_ROLES, PERSON_ROLES, UNNAMED_HEADS, people_plural

    stem = word[:-1] if word.endswith("s") else word
    if any(w in UNNAMED_HEADS or w in PERSON_ROLES or w in ORG_ROLES or w in SPEAKER_NOUNS for w in (word, stem)):
        return True
    if people_plural(word):
        return True
    return len(stem) > 4 and stem.endswith(("er", "or", "ist", "ian", "ant", "ent")) and stem not in NON_AGENT_NOUNS


QUANTITY_WORDS = wordset(
    """one two three four five six seven eight nine ten twenty thirty forty fifty sixty seventy eighty
    ninety hundred half third thirds quarter quarters majority minority percent"""
)
# Conjunctions that open a subordinate clause heading a reported one ("said before X is set up, ...").
CLAUSE_OPENERS = wordset("before after if when while although because unless once until")


def form_family_says(lemma: str) -> bool:
    """Is the lemma a verb of saying or claiming (which report a whole clause)?"""
    form = reporting_verbs().get(lemma)
    return form is not None and form.family in ("say", "claim")


PRONOUN_QUANTIFIERS = wordset("some many others most both several few")
LEADING_CONNECTIVES = wordset("but and yet so meanwhile meantime however also")


def _quantity(t: Tok) -> bool:
    """A number or a share: "7", "%", "fifty", "half", "majority"."""
    return t.text[:1].isdigit() or t.text == "%" or t.low in QUANTITY_WORDS


_CONTRACTION = re.compile(r"['’](?:s|re|m|d|ll|ve)$")


def _contracted(low: str) -> str:
    """The pronoun of a contraction ("he's" -> "he", "they’re" -> "they"); other words unchanged."""
    return _CONTRACTION.sub("", low) if "'" in low or "’" in low else low


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
            if t.low in WEEKDAYS and k + 1 < len(toks) and toks[k + 1].low in DAY_PARTS:
                k += 2  # "said Tuesday night in Columbia"
                continue
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
        named = e > caps
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
        if f > e and named and f - e <= 2 and (f == n or toks[f].text in (".", "!", "?")):
            return f  # "..., union officers told the AP news agency.": a named listener and its kind
        return e

    def _mention_ending(self, char: int) -> bool:
        """Does an actor mention end at ``char`` (a name right before a verb)?"""
        return any(m.end == char for m in self.mentions)

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
            if toks[j].low in TIME_NOUNS and j >= 1 and toks[j - 1].low in TIME_PREPS:
                j -= 2  # "The prime minister on Sunday said": "on Sunday" before "Sunday" alone
            elif _adverbial(toks[j]):
                j -= 1
            else:
                break
        appositives = 0
        self.appositive_person = None
        named: Mention | None = None  # an appositive that is exactly a name: ", Big Machine,"
        listed = False  # the appositive read last went on a list: ", a fellow at X in Munich, Germany, and co-author"
        while j >= 0:
            t = toks[j]
            if listed and t.kind == "w":
                # the words before it, up to a comma, belong to the same appositive ("Germany")
                listed = False
                k = j
                while k >= 0 and j - k <= APPOSITIVE_SPAN and toks[k].text not in (",", ";", ":"):
                    k -= 1
                if k > 0 and toks[k].text == "," and appositives < MAX_APPOSITIVES:
                    j = k
                    continue
            if t.text == ")":
                k = j - 1
                while k >= 0 and toks[k].text != "(":
                    k -= 1
                if k < 0:
                    return None
                j = k - 1
                continue
            if t.text in DASHES and appositives < MAX_APPOSITIVES:
                # "EADS - Airbus' majority owner - admitted": a dash-delimited appositive
                k = j - 1
                while k >= 0 and j - k <= APPOSITIVE_SPAN and toks[k].text not in DASHES and toks[k].text not in ",;:":
                    k -= 1
                if k <= 0 or toks[k].text not in DASHES or toks[k - 1].kind != "w" or k + 1 >= j:
                    return None
                seg = toks[k + 1 : j]
                if not (_appositive(seg) or _is_cap(seg[0])) or any(x.low in FINITE for x in seg):
                    return None
                appositives += 1
                j = k - 1
                continue
            if t.text == "," and appositives == 0 and j == i - 1:
                stray = self._name_before_stray_comma(j)
                if stray is not None:
                    return stray
            if t.text == "," and appositives < MAX_APPOSITIVES:
                k = j - 1
                while k >= 0 and toks[k].text not in (",", ";", ":"):
                    k -= 1
                while (
                    k > 1
                    and toks[k].text == ","
                    and 1 <= j - k - 1 <= 3
                    and all(_is_cap(x) for x in toks[k + 1 : j])
                    and _is_cap(toks[k - 1])
                    and self._mention_at(toks[k + 1].start) is None
                ):
                    # "a scientist at Goddard in Greenbelt, Maryland, said": a place and its region
                    # are one part of the appositive, not two
                    k2 = k - 1
                    while k2 >= 0 and toks[k2].text not in (",", ";", ":"):
                        k2 -= 1
                    if k2 < 0 or j - k2 > APPOSITIVE_SPAN or not any(
                        x.low in ("in", "of", "at", "from") for x in toks[k2 + 1 : k]
                    ):
                        break
                    k = k2
                if k + 1 < j and (k < 0 or toks[k].text != "," or j - k > APPOSITIVE_SPAN):
                    # "Meanwhile, Ford which posted its ninth drop in sales, said": a relative clause
                    # whose opening comma is missing; its antecedent is the subject
                    lo = max(k + 1, 0)
                    return self._relative_antecedent(lo, j) or self._shared_subject(lo, j)
                shared = self._shared_subject(k + 1, j)
                if shared is not None:
                    return shared  # "During the call, he asked about X, called Omar a liar"
                if k <= 0 or not (toks[k - 1].kind == "w" or toks[k - 1].text == ")"):
                    return None
                seg = toks[k + 1 : j]
                exact = next(
                    (m for m in self.mentions if m.start == toks[k + 1].start and m.end == toks[j - 1].end),
                    None,
                )
                titled_name = (
                    len(seg) <= 6
                    and all(x.kind == "w" and x.low not in FINITE and x.low not in ("and", "or") for x in seg)
                    and any(m.type == "person" and m.end == toks[j - 1].end for m in self.mentions)
                )
                if exact is None and not titled_name and not _appositive(seg):
                    # ", Oxfam's Barbara Stocking," in a list is not an appositive; a bare name after
                    # a role ("Authenti-corp's CEO, Cynthia Musselman, told ...") is, and so is a name
                    # after its title (", British playwright Eve Ensler,").
                    return self._relative_antecedent(k + 1, j)
                if appositives == 0:
                    lo, hi = toks[k].end, toks[j].start
                    persons = [m for m in self.mentions if lo <= m.start < hi and m.type == "person"]
                    self.appositive_person = persons[0] if persons else None
                    named = exact
                appositives += 1
                j = k - 1
                if j >= 2 and toks[j].text.isdigit() and len(toks[j].text) <= 3 and toks[j - 1].text == ",":
                    j -= 2  # "Jo Park, 54, who heads the union, told": an age before the appositive
                listed = len(seg) > 1 and seg[0].low in ("and", "or") and seg[1].text.islower()
                continue
            break
        if j < 0:
            return None
        t = toks[j]
        if t.low in ("and", "but"):
            return (Speaker(kind="inherit"), t.start, True, False)
        if t.low in ("who", "which"):
            k = j - 1
            if k >= 1 and toks[k].text == "," and toks[k - 1].text == ")":
                # "the Air Transport Association (IATA), which has attacked ...": skip the bracket
                b = k - 2
                while b > 0 and k - b < 12 and toks[b].text != "(":
                    b -= 1
                if b > 0 and toks[b].text == "(":
                    k = b
            if k >= 1 and toks[k].text in (",", "("):
                sub = self._subject_before_np_end(k - 1)
                if sub is not None:
                    return (sub[0], t.start, False, True)
            elif k >= 0 and toks[k].kind == "w" and not _is_cap(toks[k]):
                # "a career Army officer who described the call as ...": a restrictive relative
                sub = self._subject_before_np_end(k)
                if sub is not None:
                    return (sub[0], t.start, False, True)
            elif k >= 0 and t.low == "who":
                # "given by economics minister Heizo Takenaka who said ...": a person named right before
                m = next((m for m in self.mentions if m.end == toks[k].end and m.type == "person"), None)
                if m is not None:
                    return (Speaker(name=m.actor, kind="actor", type="person"), t.start, False, True)
            return None
        if t.kind != "w":
            return None
        sub = self._subject_before_np_end(j)
        if sub is None and appositives == 0:
            sub = self._before_restrictive_relative(j)
        if sub is None or (named is not None and named.type != "person" and sub[0].kind in VAGUE):
            # "The group that owns most of her music, Big Machine, says": the name is the subject
            if named is None:
                return None
            start = j
            while start > 0 and j - start < 15 and toks[start - 1].kind == "w":
                start -= 1
            return (Speaker(name=named.actor, kind="actor", type=named.type), toks[start].start, False, False)
        sp = sub[0]
        ap = self.appositive_person
        if ap is not None and (sp.kind in VAGUE or sp.type != "person"):
            # "The Bishop of Durham, the Rt Rev Dr Tom Wright, said": the appositive names the speaker
            sp = Speaker(name=ap.actor, kind="actor", type="person")
        elif ap is None and sp.kind in VAGUE:
            # "..., Rabbi Marvin Hier, founder of the Simon Wiesenthal Center said": an appositive
            # whose closing comma is missing still describes the name before it.
            from .speakers import PERSON_ROLES

            k0 = self._tok_at(sub[1])
            if k0 >= 2 and toks[k0 - 1].text == "," and toks[k0].text.islower() and toks[k0].low in PERSON_ROLES:
                persons = [m for m in self.mentions if m.type == "person" and m.end == toks[k0 - 2].end]
                if persons:
                    sp = Speaker(name=persons[0].actor, kind="actor", type="person")
        return (sp, sub[1], False, False)

    def _name_before_stray_comma(self, j: int) -> tuple[Speaker, int, bool, bool] | None:
        """'The men's solicitor Matthew Knight, said that ...': a person's name (after its title words)
        and a comma that opens no appositive right before the verb; the name is the subject."""
        toks = self.toks
        if j < 1:
            return None
        m = next((m for m in self.mentions if m.end == toks[j - 1].end and m.type == "person"), None)
        if m is None:
            return None
        k = self._tok_at(m.start) - 1
        while k >= 0 and toks[k].kind == "w" and toks[k].low not in NP_BOUNDARY and toks[k].low not in FINITE:
            k -= 1
        if k >= 0 and toks[k].text != ",":
            return None  # inside a bracket or after a dash: no subject of its own
        if k >= 0 and toks[0].low not in SUBORDINATORS:
            # "The chief executive, John Smith, said": the comma before the name opens an appositive;
            # after a leading subordinate clause ("Although details were scant, Mr Gates, said") not
            return None
        start = toks[k + 1].start
        return (Speaker(name=m.actor, kind="actor", type="person"), start, False, False)

    def _unplaced_subject(self, i: int, check_next: bool = True) -> tuple[Speaker, int, bool, bool] | None:
        """A common-noun subject that names no actor ("the suspect said", "union officers told"):
        an unnamed speaker, described by its words, rather than no statement at all."""
        toks = self.toks
        j = i - 1
        while j >= 0 and _adverbial(toks[j]):
            j -= 1
        k = j
        while (
            k >= 0
            and j - k < 6
            and toks[k].kind == "w"
            and (toks[k].text.islower() or self._in_pp_tail(k) or self._demonym_modifier(k, j))
        ):
            if toks[k].low in NP_BOUNDARY:
                break
            k -= 1
        if k == 0 and (toks[0].low in UNPLACED_DETERMINERS or self._mention_at(toks[0].start) is None):
            k = -1  # "The night porter said", "Low-cost airlines have": the sentence's own capital
        first = k + 1
        if first > j or toks[j].low in PERSONAL_PRONOUNS or toks[j].low in FINITE:
            return None
        if k >= 0 and toks[k].kind == "w":
            return None  # the noun phrase runs on into capitalised words or a clause: not placed
        # the head noun comes before any prepositional tail: "people familiar with the talks"
        h = next((e for e in range(first + 1, j + 1) if toks[e].low in PREPS), j + 1)
        head = toks[h - 1].low
        plural = any(t.low.endswith("s") or t.low == "people" for t in toks[first:h])
        if first == j and toks[j].low in PRONOUN_QUANTIFIERS:
            # "Some said they felt dejected", "Others say ...": people, unnamed
            return (Speaker(description=toks[j].text, kind="unnamed"), toks[j].start, False, False)
        if not (toks[first].low in UNPLACED_DETERMINERS or plural) or head in AUX_ADV:
            return None
        if not any(_agent_noun(t.low) for t in toks[first:h]):
            return None  # "the stock added 2%", "the scan revealed ...": not someone who speaks
        if check_next and i + 1 < len(toks) and toks[i + 1].low in PREPS:
            return None  # "a deal announced at the start of the week": a participle, not a verb
        d = first
        while d < j and (toks[d].low in LEADING_CONNECTIVES or toks[d].low == "now"):
            d += 1  # "But opposition parties said": the description is "opposition parties"
        words = " ".join(t.text for t in toks[d : j + 1])
        return (Speaker(description=words, kind="unnamed"), toks[first].start, False, False)

    def _quantified_subject(self, i: int) -> tuple[Speaker, int, bool, bool] | None:
        """A share of people as the subject, as polls report them ("Another 7% said", "A total of 53%
        of those polled said", "More than a third of respondents said", "nearly half those surveyed
        said"): an unnamed speaker described by those words."""
        toks = self.toks
        j = i - 1
        while j >= 0 and _adverbial(toks[j]):
            j -= 1
        k = j
        while k >= 0 and j - k < 12 and (toks[k].kind == "w" or toks[k].text == "%"):
            if (toks[k].low in NP_BOUNDARY and toks[k].low != "than") or toks[k].low in FINITE:
                break
            k -= 1
        if k >= 0 and toks[k].text not in (",", ";", ":", "(", "—", "–", "-"):
            return None
        first = k + 1
        while first < j and toks[first].low in LEADING_CONNECTIVES:
            first += 1
        if first > j or not any(
            _quantity(t) and not (e > 0 and toks[e - 1].low in TIME_NOUNS)  # not "An October 11 ..."
            for e, t in enumerate(toks[first : min(j + 1, first + 4)], start=first)
        ):
            return None
        if any((t.low in PREPS or t.low == "to") and t.low != "of" for t in toks[first:j]):
            return None  # "in 2003 her employers told her": a date, not a share
        words = " ".join(t.text for t in toks[first : j + 1]).replace(" %", "%")
        return (Speaker(description=words, kind="unnamed"), toks[first].start, False, False)

    def _bracketed(self, char: int, i: int) -> bool:
        """Is the position ``char`` inside a bracket that closes before token i?"""
        toks = self.toks
        k = self._tok_at(char)
        opened = any(t.text == "(" for t in toks[max(0, k - 12) : k]) and not any(
            t.text == ")" for t in toks[max(0, k - 12) : k]
        )
        return opened and any(t.text == ")" for t in toks[k:i])

    def _demonym_modifier(self, k: int, j: int) -> bool:
        """Is the capitalised word at token k a demonym modifying a common noun ("the Chinese state
        press", "Italian unions"), after a lowercase determiner or adjective or at the start?"""
        from .speakers import _is_demonym_like

        toks = self.toks
        return (
            k < j
            and toks[k + 1].text.islower()
            and self._mention_at(toks[k].start) is None
            and _is_demonym_like(toks[k].text)
            and (k == 0 or toks[k - 1].text.islower() or toks[k - 1].kind != "w")
        )

    def _in_pp_tail(self, k: int) -> bool:
        """Is the capitalised word at token k inside a prepositional tail of a common noun phrase
        ("unions at the Italian carmaker"), a lowercase preposition shortly before it?"""
        toks = self.toks
        return k >= 2 and toks[k - 1].low in DETERMINERS and toks[k - 2].low in PREPS and toks[k - 2].text.islower()

    def _before_restrictive_relative(self, j: int) -> tuple[Speaker, int] | None:
        """The subject before a relative clause with no commas that ends at token j ("Some
        consumers who sought help on launch day reported ..."), or None."""
        toks = self.toks
        for r in range(j - 1, max(0, j - 12), -1):
            t = toks[r]
            if t.kind != "w" or (t.low in FINITE and r < j - 1):
                return None
            if t.low in ("who", "that") and r >= 1 and toks[r - 1].kind == "w" and not _is_cap(toks[r - 1]):
                sub = self._subject_before_np_end(r - 1)
                if sub is None or sub[0].kind == "pronoun":
                    return None
                return sub
        return None

    def _shared_subject(self, lo: int, hi: int) -> tuple[Speaker, int, bool, bool] | None:
        """The subject of a list of verb phrases ("he asked about X, called Omar a liar and said ..."):
        the tokens from ``lo`` up to ``hi`` open with a pronoun or a name and a past-tense verb."""
        toks = self.toks
        if hi - lo < 2:
            return None
        first = toks[lo]
        m = self._mention_at(first.start)
        if m is None and first.low not in CLAUSE_PRONOUNS:
            return None
        v = lo + 1
        while m is not None and v < hi and toks[v].start < m.end:
            v += 1
        if v >= hi or not (toks[v].text.islower() and toks[v].low.endswith("ed")):
            return None
        end = m.end if m is not None else first.end
        sp = resolve_np(self.masked, first.start, end, self.index, self.memory)
        if not sp.found:
            return None
        return (sp, toks[hi + 1].start if hi + 1 < len(toks) else toks[hi].start, False, False)

    def _relative_antecedent(self, lo: int, hi: int) -> tuple[Speaker, int, bool, bool] | None:
        """The subject before "who/which" among the tokens from ``lo`` up to ``hi``, when the relative
        clause's opening comma is missing ("Ford which posted its ninth drop in sales, said ...")."""
        toks = self.toks
        for r in range(lo + 1, hi):
            if toks[r].low in ("who", "which") and toks[r - 1].kind == "w":
                sub = self._subject_before_np_end(r - 1)
                if sub is None or sub[1] != toks[lo].start or sub[0].kind in VAGUE:
                    return None
                return (sub[0], sub[1], False, False)
            if toks[r].kind != "w":
                return None
        return None

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

    def described_subject(self) -> tuple[int, int] | None:
        """(first, end) tokens of a definite description of a person by a title that opens the
        sentence as its subject, "The prime minister" in "The prime minister ratcheted up ...", "the
        French international defender" in "And the French international defender believes ..."."""
        from .speakers import PERSON_ROLES

        toks = self.toks
        first = 1 if toks and toks[0].low in ("and", "but", "yet", "so") else 0
        if len(toks) < first + 3 or toks[first].low != "the":
            return None
        j = first + 1  # the title's head: the first role word not followed by another
        while (
            j < len(toks) - 1
            and j <= first + 5
            and toks[j].kind == "w"
            and self._mention_at(toks[j].start) is None
            and not (toks[j].low in PERSON_ROLES and toks[j + 1].low not in PERSON_ROLES)
        ):
            j += 1
        end = j + 1
        if end >= len(toks) or toks[j].low not in PERSON_ROLES or not toks[j].text.islower():
            return None
        verb = toks[end]
        if verb.kind != "w" or not verb.text.islower() or verb.low in PREPS or verb.low in ("of", "and", "or", "who"):
            return None
        return first, end

    def sentence_subject(self, before: int) -> Speaker:
        """The subject of the sentence (first mention or pronoun near its start, or a description of
        a person by a title that opens it), for participles."""
        toks = self.toks
        described = self.described_subject()
        if described is not None and described[1] <= before:
            sp = resolve_np(self.masked, toks[described[0]].start, toks[described[1] - 1].end, self.index, self.memory)
            if sp.found:
                return sp
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
                if self.masked[m.end : m.end + 2] in ("'s", "’s"):
                    continue  # "upheld Ms Villalba's claim": a possessor is no subject
                named = self._appositive_name_after(m)
                if named is not None:
                    # "The Secretary of State for Culture, Media and Sport, Tessa Jowell, has ...": the
                    # name set off after the description is the subject, not a word inside it
                    return Speaker(name=named.actor, kind="actor", type="person")
                return Speaker(name=m.actor, kind="actor", type=m.type)
        return Speaker()

    def _appositive_name_after(self, m: Mention) -> Mention | None:
        """A person named between commas right after mention m when m stands inside a description
        ("... for Culture, Media and Sport, Tessa Jowell,"), not at the head of the sentence."""
        k = self._tok_at(m.end)
        toks = self.toks
        first = self._tok_at(m.start)
        if first == 0 or not (toks[first - 1].low in ("and", "of", "for") or toks[first - 1].text.islower()):
            return None
        if k + 1 >= len(toks) or toks[k].text != ",":
            return None
        p = self._mention_at(toks[k + 1].start)
        if p is None or p.type != "person":
            return None
        e = self._tok_at(p.end)
        return p if e < len(toks) and toks[e].text == "," else None

    def _words(self, a: int, b: int) -> tuple[int, int]:
        """(plain words, quoted words) among tokens a..b-1."""
        plain = sum(1 for t in self.toks[a:b] if t.kind == "w")
        quoted = sum(len(self.text[t.start : t.end].split()) for t in self.toks[a:b] if t.kind == "q")
        return plain, quoted

    def _clause_after(
        self, k: int, lemma: str, particles: tuple[str, ...], np_particles: tuple[str, ...] = ()
    ) -> int | None:
        """Token index where the reported clause after a verb starts, or None."""
        toks = self.toks
        n = len(toks)
        if lemma == "make" and k < n and toks[k].low == "it":
            k += 1  # "made it clear that"
        if k < n and toks[k].low in particles:
            k += 1
            if toks[k - 1].low in np_particles:
                # "ruled out Taliban involvement": after this particle the object is the report
                k = self._skip_time(k)
                self.k_after = k
                return k if k < n and toks[k].kind == "w" else None
        elif k < n and (toks[k].low in ("up", "off", "down", "away") or (lemma == "add" and toks[k].low == "to")):
            # a phrasal verb that is no speech act: "called up", "called off", "added up", "adding to
            # gains"
            return None
        k = self._skip_time(k)
        frame = OBJECT_FRAMES.get(lemma)
        if frame is not None and k < n and toks[k].low != frame and toks[k].kind == "w":
            content = 0
            for e in range(k, min(n, k + OBJECT_FRAME_SPAN)):
                if toks[e].low == frame and e > k:
                    return k  # the object and its judgement: "the package as a ..."
                if toks[e].kind == "q" and content and lemma in NAMED_FRAME:
                    return k  # the object and its label: 'the schemes "a pile of pants"'
                if toks[e].kind != "w" or toks[e].low == "that":
                    break
                content += toks[e].low not in DETERMINERS
        if lemma in PREDICATE_FRAME and k + 1 < n and toks[k].kind == "w":
            # "branded it a disgrace", "dubbed the plan a tax grab": an object, then "a"/"an" and its label
            if toks[k].low in ("it", "them", "him", "her", "this", "that") and toks[k + 1].low in ("a", "an"):
                return k
            if toks[k].low in DETERMINERS or _is_cap(toks[k]):
                for e in range(k + 1, min(n, k + 7)):
                    if toks[e].kind != "w" or toks[e].low in PREPS:
                        break
                    if toks[e].low in ("a", "an") and e + 1 < n and toks[e + 1].kind == "w":
                        return k
        if frame == "as" and k + 1 < n and toks[k].low == "as":
            return k + 1  # "which they cited as evidence of ...": the object came before the verb
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
            # "said that, as with other issues, ...": the clause opens after the comma
            return k + 2 if k + 2 < n and toks[k + 1].text == "," else k + 1
        if t.low == "as" and lemma in ("describe", "see", "cite", "call"):
            return k + 1
        if t.low == "as" and frame != "as" and k + 1 < n and (
            toks[k + 1].low in CLAUSE_PRONOUNS or _is_cap(toks[k + 1])
        ):
            return None  # "said as he presented the award": when it was said, not what
        if t.text in (",", ";", ".", ")", "(") or (t.kind == "p" and t.text not in ("“", '"', "‘")):
            return None
        if t.low == "to" and k + 1 < n and (toks[k + 1].low in ("the", "a", "an") or _is_cap(toks[k + 1])):
            # "confirmed to the BBC that ...", "..., Acme confirmed to the BBC.": who was told
            for e in range(k + 2, min(n, k + 8)):
                if toks[e].low == "that":
                    return e + 1
                if toks[e].text in (".", "!", "?"):
                    self.k_after = e
                    return None
                if toks[e].kind != "w":
                    break
            if k + 8 > n and all(x.kind == "w" for x in toks[k + 1 :]):
                self.k_after = n
                return None
        if t.low in PREPS and t.low != "to":
            short_pp = True
            infinitive = None
            for e in range(k + 1, min(n, k + 25)):
                if toks[e].low == "that" and toks[e - 1].low not in PREPS:
                    # not "said of that plan": after a preposition "that" points, it opens no clause
                    return e + 1
                if toks[e].text in (":", ";") or (
                    toks[e].kind == "q" and not (e + 1 < n and toks[e + 1].low == "that")
                ):
                    break  # but 'told CNN on "State of the Union" that ...' goes on to its clause
                if toks[e].kind != "w":
                    short_pp = False
                if (
                    short_pp
                    and infinitive is None
                    and lemma in INFINITIVE_FRAME
                    and e < k + 6
                    and toks[e].low == "to"
                    and e + 1 < n
                    and _infinitive(toks[e + 1])
                ):
                    # "claimed at the time not to know": a short adverbial, then the infinitive
                    infinitive = e - 1 if toks[e - 1].low == "not" else e
            if infinitive is not None:
                return infinitive
            if t.low in CLAUSE_OPENERS and form_family_says(lemma):
                # "It says before a new public body is set up, an assessment should be made": a
                # subordinate clause with its own verb, a comma, then the main clause reported
                for e in range(k + 2, min(n - 1, k + 16)):
                    if toks[e].text == "," and any(
                        x.low in FINITE or x.low in MODALS or (x.text.islower() and x.low.endswith("ed"))
                        for x in toks[k + 1 : e]
                    ):
                        nxt = toks[e + 1]
                        if nxt.kind == "w" and (nxt.low in DETERMINERS or nxt.low in CLAUSE_PRONOUNS or _is_cap(nxt)):
                            return k
                        break
                    if toks[e].kind != "w":
                        break
            # "had said before Wednesday's game he would ...", "said in a statement the firm had ...":
            # a short prepositional phrase, then a clause opening with a pronoun or a determiner
            for e in range(k + 2, min(n, k + 10)):
                if toks[e].kind != "w":
                    break
                if _contracted(toks[e].low) in CLAUSE_PRONOUNS:
                    return e
                if (
                    toks[e].low in ("the", "a", "an")
                    and k + 3 <= e < k + 6
                    and toks[e - 1].low not in DETERMINERS
                    and toks[e - 1].low not in PREPS
                ):
                    return e
            return None
        # "warned six months before ... that": skip a short adverbial gap up to "that". A verb that
        # takes its object as the report keeps it whole: "rejected suggestions that the Scot ...".
        if (
            t.kind == "w"
            and t.low not in DETERMINERS
            and _contracted(t.low) not in PERSONAL_PRONOUNS
            and not _is_cap(t)
            and lemma not in NP_ONLY
        ):
            for e in range(k + 1, min(n, k + 13)):
                if toks[e].low == "that":
                    return e + 1
                if toks[e].kind != "w":
                    break
        if lemma in BARE_CLAUSE_FINDINGS and self._bare_clause_at(k):
            return k  # "they found their population of galaxies were consistent with reality"
        if lemma in THAT_ONLY or lemma in QUOTE_ONLY:
            return None
        return k

    def _bare_clause_at(self, k: int) -> bool:
        """Does a clause without "that" open at token k: a short noun phrase, then a finite verb?"""
        toks = self.toks
        if k >= len(toks) or toks[k].low not in ("the", "their", "his", "her", "its", "our", "this", "these"):
            return False
        for e in range(k + 1, min(len(toks), k + 7)):
            t = toks[e]
            if t.kind != "w" or (t.low in PREPS and t.low != "of"):
                return False
            if t.low in FINITE and e > k + 1:
                return True
        return False

    # ------------------------------------------------------------------ main
    def attributions(self) -> list[Attribution]:
        toks = self.toks
        out: list[Attribution] = []
        words = _reporting_words()
        for i, t in enumerate(toks):
            if t.low not in words or t.kind != "w":
                continue  # one set lookup for the words that can start no attribution
            if t.low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
                a = self._according(i, out)
                if a:
                    out.append(a)
                continue
            if t.low == "put" and i + 1 < len(toks) and toks[i + 1].low == "it":
                a = self._as_put_it(i)
                if a:
                    out.append(a)
                continue
            if t.low == "per" and i >= 1 and toks[i - 1].text == ",":
                a = self._per(i, out)
                if a:
                    out.append(a)
                continue
            if t.low in STATEMENT_HEADS and i + 1 < len(toks) and toks[i + 1].low == "that":
                a = self._nominal(i)
                if a:
                    out.append(a)
                    continue
            form = self.verbs.get(t.low)
            if t.low in MAKE_CLEAR:
                form = self._make_clear(i)
                if form is None:
                    continue
            if form is None:
                if t.low not in QUOTE_ONLY or not (
                    any(tk.kind == "q" for tk in toks[max(0, i - 4) : i]) or self._parenthetical(i)
                ):
                    continue
                # '"...," he continued.': a manner verb right after a quotation attributes it
                form = VerbForm(t.low, False, True, ())
            self.memory.current_speakers = [a.speaker for a in out]
            self.memory.current_reports = [a.clause for a in out if a.clause is not None]
            a = self._verb(i, form, out)
            if a is not None:
                a.verb = t.low
                if form.lemma == "make":  # "made it clear", as written
                    end = next(e for e in range(i + 1, min(len(toks), i + 3)) if toks[e].low == "clear")
                    a.verb = " ".join(tk.low for tk in toks[i : end + 1])
                out.append(a)
        self.memory.current_speakers = []
        self.memory.current_reports = []
        self._finish(out)
        return out

    def _after_preposition(self, i: int) -> bool:
        """Is the word before token i a name that a preposition governs ("of IMF", "from Acme")?"""
        m = next((m for m in self.mentions if m.end == self.toks[i - 1].end), None)
        if m is None:
            return False
        k = self._tok_at(m.start)
        return k > 0 and (self.toks[k - 1].low in PREPS or self.toks[k - 1].low == "of")

    def _naming_participle(self, i: int) -> bool:
        """Does "called" at token i name something rather than report: after an indefinite noun
        phrase ("a mission called X") or opening the sentence after adverbs only ("Often called X")?"""
        toks = self.toks
        lead = [t for t in toks[:i] if t.kind == "w"]
        if len(lead) == 1 and lead[0].low not in FINITE and (lead[0].low in AUX_ADV or lead[0].low.endswith("ly")):
            return True
        p1 = toks[i - 1]
        if p1.kind != "w" or not p1.text.islower() or p1.low in FINITE or p1.low in AUX_ADV:
            return False
        for k in range(i - 2, max(-1, i - 5), -1):
            if toks[k].low in ("a", "an"):
                return True  # "a mission called", "an old firm called"
            if toks[k].kind != "w" or toks[k].low in FINITE or not toks[k].text.islower():
                return False
        return False

    def _make_clear(self, i: int) -> VerbForm | None:
        """The verb form of "made clear that", "made it clear that" at token i, or None."""
        toks = self.toks
        j = i + 2 if i + 1 < len(toks) and toks[i + 1].low == "it" else i + 1
        if j + 1 < len(toks) and toks[j].low == "clear" and toks[j + 1].low == "that":
            low = toks[i].low
            return VerbForm("make", low.endswith("ing"), low == "made", ("clear",), "say", frozenset({"that"}))
        return None

    def _verb(
        self,
        i: int,
        form: VerbForm,
        prior: list[Attribution],
    ) -> Attribution | None:
        toks = self.toks
        t = toks[i]
        p1 = toks[i - 1] if i else None
        if t.low == "said" and (
            (i >= 1 and toks[i - 1].low == "that" and (i == 1 or toks[i - 2].kind != "w"))
            or (i >= 1 and toks[i - 1].low == "having" and i + 1 < len(toks) and toks[i + 1].low == "that")
        ):
            return None  # "That said, ...", "Having said that, ...": a turn of phrase, no report
        if p1 is not None and _quantity(p1) and t.low.endswith("s") and t.low != "says":
            return None  # "had four points, 10 assists": a plural noun after a number, not a verb
        if p1 is not None and t.low.endswith("s") and t.low != "says" and self._after_preposition(i):
            return None  # "ahead of IMF forecasts": a noun after a name governed by a preposition
        if t.low in NAMING_PARTICIPLES and self._naming_participle(i):
            return None  # "a mission called Europa Clipper", "Often called ...": a name given, no speech
        if i == 0 or (i == 1 and toks[0].kind == "p"):
            if t.low in ("said", "says") and t.text[0].isupper():
                return self._inverted(i, form)
            if form.ing and t.text[0].isupper():
                return self._leading_participle(i, form)
            return None
        if t.text[0].isupper():  # "United States", "Reporting ..." inside a name or heading
            return None
        if (
            p1 is not None
            and p1.kind == "w"
            and (
                (
                    p1.low in DETERMINERS
                    and not (p1.low == "her" and (form.ing or form.past))
                    and not (p1.low in PRONOUN_QUANTIFIERS and i == 1 and not form.ing)  # "Some said ..."
                )
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
            if not verbal and b >= 1 and b == i - 1 and toks[b].kind == "w" and toks[b].text.islower():
                # "The prime minister claims this is ...": a definite noun phrase naming a speaker, then
                # the verb; "a spokesman for the company claims" but not "the legal claims"
                det = next((d for d in range(b - 1, max(-1, b - 4), -1) if toks[d].low in ("the", "a", "an")), None)
                verbal = (
                    _agent_noun(toks[b].low)
                    and det is not None
                    and (det == 0 or toks[det - 1].text == "," or toks[det - 1].low in ("and", "but"))
                )
            if (
                not verbal
                and b == i - 1
                and t.low == form.lemma
                and i + 1 < len(toks)
                and (toks[i + 1].low in ("the", "that", "this", "these", "there") or toks[i + 1].low in CLAUSE_PRONOUNS)
                and self._mention_ending(toks[b].end)
            ):
                # "Labour and the Tories claim the sums do not add up"; not "the US state of Louisiana"
                verbal = True
            if i == 1 and p1 is not None and p1.low in PRONOUN_QUANTIFIERS:
                verbal = True  # "Others claim it will ..."
            if p1 is not None and p1.low in self.verbs and self.verbs[p1.low].past and p1.text.islower():
                return None  # "rejected claims that ...": the object of a reporting verb, not a verb
            # "As Emily Feng reports for NPR, ...": a name after a sentence-opening "as" is a subject
            if not verbal and 1 < i <= 10 and _is_cap(toks[i - 1]):
                lead = [tk for tk in toks[:i] if tk.kind == "w"]
                verbal = 1 < len(lead) <= 8 and lead[0].low == "as"
            # "..., reports Reuters.": a name closing the sentence after the verb is its subject
            m = self._mention_at(toks[i + 1].start) if i + 1 < len(toks) else None
            verbal = verbal or (
                p1 is not None
                and p1.text == ","
                and m is not None
                and all(tk.kind == "p" for tk in toks[i + 1 :] if tk.start >= m.end)
            )
            if not verbal and k < len(toks) and not (toks[k].low == "that" or toks[k].kind != "w"):
                return None
        back = [tk.text for tk in toks[max(0, i - 3) : i]]  # case kept: "Mrs May said" has no modal
        while any(not w[:1].isalnum() for w in back):
            back.pop(0)  # 'are not "bolt-on things," Cook said': the negation is the quotation's
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
            if form.lemma in FRAME_ONLY:
                return None  # "were attacked by troops", "was cited in the report": no speech
            return self._passive(i, form)
        if form.ing:
            if t.low == "saying" and p1 is not None and p1.low == "as":
                return self._quoted_as_saying(i, form)
            if p1 is not None and (
                p1.text == ","
                or p1.low in ("and", "but", "while", "also", "before", "after", "when", "him", "her", "them")
                or (p1.low == "by" and t.low == "saying")  # "responded by saying ...", not "by adding 36 dishes"
                or p1.kind == "q"
            ):
                return self._participle(i, form, prior)
            if p1 is not None and p1.low in ("quoted", "heard") and i >= 2 and toks[i - 2].low in PASSIVE_AUX:
                # "Doherty was quoted calling Christie a failed governor": the passive subject spoke
                sub = self._subject_before(i - 2)
                if sub is None or sub[2]:
                    return None
                return self._participle(i, form, [], speaker=sub[0])
            if p1 is not None and p1.kind == "w" and p1.low in STATEMENT_NOUNS:
                # "issued a statement warning that ...": the statement's issuer speaks
                return self._participle(i, form, prior)
            with_np = self._with_subject(i)
            if with_np is not None:
                # "..., with the players' union accusing the club of ...": the NP after "with" speaks
                return self._participle(i, form, [], speaker=with_np)
            if self._after_main_clause(i, form, prior):
                # "Airlines have attacked the law saying they ...", "Swift posted on Twitter accusing
                # her label of ...": a participle closing its subject's clause, comma or not
                return self._participle(i, form, prior)
            if p1 is None or p1.low not in ("is", "was", "are", "were", "been", "be"):
                return None
        if (
            p1 is not None
            and p1.kind == "w"
            and p1.text.islower()
            and t.low in ("said", "says")
            and i + 1 < len(toks)
            and (
                self._mention_at(toks[i + 1].start) is not None
                or (
                    toks[i + 1].low.rstrip(".") in ("mr", "mrs", "ms", "dr")
                    and i + 2 < len(toks)
                    and self._mention_at(toks[i + 2].start) is not None
                )
            )
            and self._np_after(i + 1) >= len(toks) - 1
        ):
            # "... have educational elements said Mr Owen.": an inverted attribution closing the
            # sentence whose comma is missing
            inv = self._inverted(i, form)
            if inv is not None and inv.speaker.name and inv.clause is None:
                k0 = self._tok_at(self._strip_lead(0))
                if any(tk.low in FINITE or tk.low in MODALS for tk in toks[k0:i]):
                    inv.clause = (toks[k0].start, toks[i - 1].end)
                    inv.clause_mode = "before"
                    return inv
        # Inverted: '"...," said Moya.', '..., says Di Li, the chief scientist'.
        if p1 is not None and (p1.text in (",", ":") or p1.kind == "q") and (
            form.lemma not in OBJECT_VERBS or (p1.kind == "q" and form.lemma == "ask")
        ):
            inv = self._inverted(i, form)
            if inv is not None:
                return inv
        sub = self._subject_before(i)
        closing = i + 1 >= len(toks) or toks[i + 1].text in (".", "!", "?")  # "..., a senior figure has warned."
        if sub is None and (
            form.family in ("say", "claim") or closing or (i + 1 < len(toks) and toks[i + 1].low == "that")
        ):
            sub = self._unplaced_subject(i)  # "the tribunal decided that ...": any family before "that"
        if sub is None and form.family in ("say", "claim"):
            sub = self._quantified_subject(i)  # "Another 7% said ...", "Half of those polled said ..."
        if sub is None:
            return None
        speaker, region_start, coordinated, relative = sub
        if coordinated:
            # "A Reuters poll has lower numbers (44% of Americans say ...), but also shows ...": an
            # attribution inside a closed bracket is not the subject the verb shares
            outside = [p for p in prior if not self._bracketed(p.region_start, i)]
            speaker = outside[-1].speaker if outside else self.sentence_subject(i)
            if not speaker.found and not outside:
                # "Opponents of the directive welcomed the decision and said ...": the unnamed subject
                # of the sentence's first verb
                verb = next(
                    (
                        k
                        for k in range(1, i)
                        if toks[k].text.islower() and (toks[k].low in FINITE or toks[k].low.endswith("ed"))
                    ),
                    None,
                )
                first = self._unplaced_subject(verb, check_next=False) if verb is not None else None
                if first is not None and first[1] == toks[0].start:
                    speaker = first[0]
            if not speaker.found:
                return None
        if speaker.kind == "unknown" and speaker.description in ("he", "she"):
            # "Michael Howard has no doubt it is the prime minister who, he claims, is ...": a pronoun
            # the discourse cannot place yet refers back to the person this sentence is about
            subject = self.sentence_subject(self._tok_at(region_start))
            if subject.name and subject.type == "person":
                speaker = Speaker(name=subject.name, kind="pronoun", type="person")
        a = Attribution(i, form.lemma, speaker, region_start, t.end, relative=relative)
        if self._as_source(a):
            return a
        self._place_clause(a, i + 1, form, allow_interjection=True, prior=prior)
        if a.clause is not None and a.lemma == "add" and a.clause_mode == "after" and self._added_object(i, a.clause):
            a.clause = None  # "added 25 points", "added smaller landers to the contract": no clause added
        if a.clause is not None and a.clause_mode == "after" and self._pro_object(a.clause):
            a.clause = None  # "confirmed this in a statement", "promised more, and ...": nothing reported
        if a.clause is None and form.lemma in FRAME_ONLY:
            return None  # "attacked the village", "cited officials": outside its frame, no speech act
        self._agreed_with(a)
        return a

    def _pro_object(self, span: tuple[int, int]) -> bool:
        """Does the clause open with a pronoun object that stands for words reported elsewhere, then
        a preposition, a comma or its end ("this in a statement", "more, and ...")?"""
        k = self._tok_at(span[0])
        toks = self.toks
        if k >= len(toks) or toks[k].low not in PRO_OBJECTS or toks[k].text[:1].isupper():
            return False
        if k > 0 and (toks[k - 1].low == "that" or toks[k - 1].kind == "p"):
            return False  # "told Fox News that this, too, was not the truth": the subject of a clause
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        return nxt is None or nxt.start >= span[1] or nxt.kind == "p" or nxt.low in PREPS

    def _added_object(self, i: int, span: tuple[int, int]) -> bool:
        """Is what follows "added" (token i) an object, not a clause: a count ("added 25 points") or
        a thing added to something ("added smaller landers to the contract"), with no verb before
        its first comma?"""
        toks = self.toks
        k = self._tok_at(span[0])
        if k != i + 1:
            return False  # "added that ...", "added on Monday ...": a clause or an adjunct first
        piece = []
        for t in toks[k : self._tok_at(span[1])]:
            if t.text in (",", ";"):
                break
            if t.kind == "q" or t.low in FINITE or t.low in MODALS or _contracted(t.low) != t.low:
                return False
            if t.kind == "w" and t.text.islower() and t.low.endswith("ed") and len(t.low) > 4:
                return False
            piece.append(t)
        if not piece:
            return False
        if _quantity(piece[0]):
            return True
        return any(
            t.low == "to" and n + 1 < len(piece) and piece[n + 1].low in DETERMINERS for n, t in enumerate(piece)
        )

    def _as_source(self, a: Attribution) -> bool:
        """'As Emily Feng reports for NPR, the first cases came to light ...': a source clause that
        opens the sentence with "as"; the report is the main clause after its comma."""
        toks = self.toks
        k = self._tok_at(a.region_start) - 1
        if k < 0 or toks[k].low != "as" or any(t.kind == "w" for t in toks[:k]):
            return False
        comma = next((e for e in range(a.verb_index + 1, len(toks)) if toks[e].kind == "p"), None)
        if comma is None or toks[comma].text != "," or comma - a.verb_index > 12:
            return False
        self._set_clause_from(a, comma + 1)
        if a.clause is None:
            return False
        a.region_start = toks[k].start
        a.clause_mode = "as"
        return True

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
            head = self._catenative_head(j)
            if head is not None:
                # "preferred to state that ...", "went so far as to suggest ...": a speech act done
                sub = self._subject_before(head)
                if sub is None or sub[2]:
                    return None
                a = Attribution(i, form.lemma, sub[0], sub[1], toks[i].end)
                self._place_clause(a, i + 1, form, allow_interjection=False)
                return a
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

    def _catenative_head(self, to: int) -> int | None:
        """Index of the finite verb of "preferred to", "went so far as to", "was at pains to" before
        token ``to``, when that verb makes the infinitive a speech act done, not one planned."""
        toks = self.toks
        k = to - 1
        if k >= 2 and toks[k].low == "as" and toks[k - 1].low == "far" and toks[k - 2].low == "so":
            k -= 3  # "went so far as to"
        elif k >= 1 and toks[k].low == "on" and toks[k - 1].low in ("went", "goes", "go", "going"):
            k -= 1  # "went on to say that ..."
        if k < 0 or toks[k].kind != "w" or toks[k].low not in CATENATIVES:
            return None
        if toks[k].low in ("pains", "quick") and k >= 1 and toks[k - 1].low in ("at", "was", "is", "were", "are"):
            k -= 1
            while k >= 0 and toks[k].low in ("at", "was", "is", "were", "are"):
                k -= 1
            return k + 1
        return k

    def _inverted(self, i: int, form: VerbForm) -> Attribution | None:
        toks = self.toks
        j = self._np_after(i + 1)
        while j < len(toks) and toks[j].low in TIME_WORDS and toks[j - 1].low.endswith(("'s", "’s")) and j > i + 1:
            # "said Acme's recently appointed chair Jo Park": a possessive ends no noun phrase, so the
            # adverb after it is inside the phrase
            j = self._np_after(j + 1)
        if j == i + 1 or toks[i + 1].low in PREPS:
            return None  # "said in a statement" names no speaker after the verb
        if toks[i + 1].low in TIME_WORDS or (
            toks[i + 1].low in ("last", "this", "next") and i + 2 < len(toks) and toks[i + 2].low in TIME_NOUNS
        ):
            return None  # "Mayer, Disney's chairman, said Tuesday at ...": a time, not a speaker
        if toks[i + 1].low in ("he", "she", "they", "it", "we", "i") and j > i + 2:
            return None  # "X, who runs Y, said he looked forward to ...": a clause, not '"...," said he'
        if j < len(toks):
            nxt = toks[j]
            ok = nxt.kind == "p" or nxt.low in PREPS or nxt.low in TIME_WORDS or nxt.low in ("who", "which")
            if not ok:
                return None
        sp = resolve_np(self.masked, toks[i + 1].start, toks[j - 1].end, self.index, self.memory)
        if not sp.name and j + 1 < len(toks) and toks[j].low in ("by", "from"):
            # '..., says a report by the OECD': the named issuer of the document speaks
            e = j + 1
            while e < len(toks) and e - j < 10 and toks[e].kind == "w":
                e += 1
            owner = self._source_owner(i + 1, e)
            if owner is not None:
                sp, j = owner, e
        if not sp.found:
            return None
        if j + 1 < len(toks) and toks[j].text == "," and (sp.kind != "actor" or sp.type != "person"):
            # 'said Ms Smith's lawyer, John Doe.': the appositive names the speaker; so does one that
            # ends in the name ('said another witness, former White House adviser Jo Park.')
            named = self._mention_at(toks[j + 1].start) or self._appositive_ending_in_name(j + 1)
            if named is not None and named.type == "person":
                sp = Speaker(name=named.actor, kind="actor", type="person")
        elif not sp.name and j < len(toks) and toks[j].low in PREPS:
            # 'said another witness in the probe, former White House adviser Jo Park.'
            c = j
            while c < len(toks) and c - j < 8 and toks[c].kind == "w":
                c += 1
            named = self._appositive_ending_in_name(c + 1) if c + 1 < len(toks) and toks[c].text == "," else None
            if named is not None:
                sp = Speaker(name=named.actor, kind="actor", type="person")
        a = Attribution(i, form.lemma, sp, toks[i].start, toks[j - 1].end)
        if j < len(toks) and toks[j].text == ":":
            a.clause = None
        else:
            self._place_clause(a, None, form, allow_interjection=False, before_tok=i)
            if i >= 2 and toks[i - 1].text == ",":
                self._clause_after_parenthetical(a, j)
        return a

    def _appositive_ending_in_name(self, k: int) -> Mention | None:
        """The person named last in the appositive that starts at token k and closes the sentence or
        its clause ("former White House adviser Jo Park."), when no other name comes before it."""
        toks = self.toks
        e = k
        while e < len(toks) and e - k < 10 and toks[e].kind == "w":
            e += 1
        if e == k or (e < len(toks) and toks[e].text not in (".", ",", ";", "!", "?")):
            return None
        ms = [m for m in self.mentions if toks[k].start <= m.start and m.end <= toks[e - 1].end]
        if len(ms) == 0 or ms[-1].end != toks[e - 1].end or ms[-1].type != "person":
            return None
        if any(m.type == "person" for m in ms[:-1]) or any(t.low in FINITE for t in toks[k:e]):
            return None
        return ms[-1]

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
        if i + 2 < len(toks) and toks[i + 1].low == "in":
            # "it is revealed in Eurogamer's review that ...": the named owner of the source reports
            stops = range(i + 2, min(len(toks), i + 12))
            e = next((e for e in stops if toks[e].kind != "w" or toks[e].low == "that"), None)
            if e is not None and e > i + 2 and toks[e].low == "that":
                owner = self._source_owner(i + 2, e)
                if owner is not None:
                    a = Attribution(i, form.lemma, owner, t.start, toks[e - 1].end, passive=True)
                    self._set_clause_from(a, e + 1)
                    return a
        if form.lemma in THAT_ONLY:
            return None  # "plague is often found in small mammals": a finding verb in its other sense
        # No agent: the speaker is unnamed; it still attributes quotation marks in the sentence.
        return Attribution(i, form.lemma, Speaker(kind="unnamed"), t.start, t.end, passive=True)

    def _participle(
        self, i: int, form: VerbForm, prior: list[Attribution], speaker: Speaker | None = None
    ) -> Attribution | None:
        if speaker is None:
            prior = [p for p in prior if p.lemma != "nominal"]  # "X's insistence that ..., agreeing with Y"
            speaker = prior[-1].speaker if prior else (self._nearest_clause_subject(i) or self.sentence_subject(i))
        if not speaker.found and not prior:
            # "Low-cost airlines have criticised the levels, arguing that ...": an unnamed subject
            toks = self.toks
            verb = next((k for k in range(1, i) if toks[k].low in VERBAL_AUX and toks[k].text.islower()), None)
            sub = self._unplaced_subject(verb, check_next=False) if verb is not None else None
            if sub is not None and sub[1] == self.toks[0].start:
                speaker = sub[0]
        if not speaker.found:
            return None
        t = self.toks[i]
        region_start = self.toks[i - 1].start if self.toks[i - 1].text == "," else t.start
        a = Attribution(i, form.lemma, speaker, region_start, t.end)
        k = self._clause_after(i + 1, form.lemma, form.particles, form.np_particles)
        if k is not None:
            self._set_clause_from(a, k)
        if a.clause is None and form.lemma in FRAME_ONLY and form.lemma != "cite":
            return None  # "attacking the village" reports nothing
        self._agreed_with(a)
        return a

    def _leading_participle(self, i: int, form: VerbForm) -> Attribution | None:
        """'Arguing that voters are only now tuning in, Patrick has said ...': a participial clause
        that opens the sentence reports what the main clause's subject says, up to its comma."""
        toks = self.toks
        if form.lemma in QUOTE_ONLY or form.lemma in FRAME_ONLY:
            return None
        k = self._clause_after(i + 1, form.lemma, form.particles, form.np_particles)
        if k is None or k >= len(toks) or toks[k].kind == "q":
            return None
        comma = next((e for e in range(k + 1, len(toks)) if toks[e].text in (",", ";")), None)
        if comma is None or toks[comma].text != ",":
            return None
        speaker = None
        for e in range(comma, len(toks) - 1):
            if toks[e].text != ",":
                continue
            nxt = toks[e + 1]
            m = self._mention_at(nxt.start)
            if m is not None or nxt.low in CLAUSE_PRONOUNS:
                end = m.end if m is not None else nxt.end
                speaker = resolve_np(self.masked, nxt.start, end, self.index, self.memory)
                break
        if speaker is None or not speaker.found:
            return None
        a = Attribution(i, form.lemma, speaker, toks[i].start, toks[i].end)
        self._set_clause_from(a, k, end_char=toks[comma].start)
        a.clause_mode = "after" if a.clause else ""
        return a if a.clause else None

    def _after_main_clause(self, i: int, form: VerbForm, prior: list[Attribution]) -> bool:
        """Does the participle at token i (no comma before it) close a finite clause of the sentence's
        subject, with its own frame filled? Not after a preposition ("by saying") or a noun naming
        people ("a video of residents saying"), whose participle is theirs."""
        from .speakers import PERSON_ROLES, people_plural

        toks = self.toks
        p1 = toks[i - 1]
        if prior or p1.kind != "w" or p1.low in PREPS or p1.low in DETERMINERS or p1.low in NP_BOUNDARY:
            return False
        if p1.low in PERSON_ROLES or p1.low in SPEAKER_NOUNS or people_plural(p1.low):
            return False
        if form.lemma in QUOTE_ONLY or form.lemma in FRAME_ONLY:
            return False
        finite = any(
            t.kind == "w" and t.text.islower() and (t.low in FINITE or (t.low.endswith("ed") and t.low not in PREPS))
            for t in toks[1 : i - 1]
        )
        if not finite:
            return False
        k = self._clause_after(i + 1, form.lemma, form.particles, form.np_particles)
        if k is None or k >= len(toks):
            return False
        frame = OBJECT_FRAMES.get(form.lemma)
        if frame is not None:
            return any(t.low == frame for t in toks[k : k + OBJECT_FRAME_SPAN])
        first = toks[k]
        return toks[k - 1].low == "that" or _contracted(first.low) in CLAUSE_PRONOUNS or first.low in ("the", "a", "an")

    def _with_subject(self, i: int) -> Speaker | None:
        """The named subject of "with NP V-ing" ending just before token i, or None."""
        toks = self.toks
        for w in range(i - 2, max(-1, i - 10), -1):
            if toks[w].text in ("'", "’") and w + 1 < i and toks[w - 1].low.endswith("s"):
                continue  # "with the Professional Footballers' Association accusing ..."
            if toks[w].kind != "w":
                return None
            if toks[w].low == "with":
                if w + 1 > i - 1:
                    return None
                sp = resolve_np(self.masked, toks[w + 1].start, toks[i - 1].end, self.index, self.memory)
                return sp if sp.found and sp.name else None
        return None

    def _nearest_clause_subject(self, i: int) -> Speaker | None:
        """The subject of the clause just before a participle ('..., after Swift scolded her label,
        accusing it of ...'): a name or pronoun right after the closest subordinator or conjunction."""
        toks = self.toks
        if i < 2 or toks[i - 1].text != ",":
            return None
        for k in range(i - 2, max(-1, i - 30), -1):
            t = toks[k]
            if t.kind != "w":
                return None
            if t.low in CLAUSE_LINKS and k + 1 < i - 1:
                nxt = toks[k + 1]
                m = self._mention_at(nxt.start)
                if m is None and nxt.low not in CLAUSE_PRONOUNS:
                    return None
                end = m.end if m is not None else nxt.end
                sp = resolve_np(self.masked, nxt.start, end, self.index, self.memory)
                return sp if sp.found else None
        return None

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
            if i >= 4 and toks[i - 2].low == "record" and toks[i - 3].low == "on":
                # "X is on record as saying that ...": the subject said it
                sub = self._subject_before(i - 4)
                if sub is None or sub[2]:
                    return None
                a = Attribution(i, form.lemma, sub[0], sub[1], toks[i].end)
                self._place_clause(a, i + 1, form, allow_interjection=False)
                return a
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
            k = self._clause_after(i + 1, form.lemma, form.particles, form.np_particles)
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
        k = self._clause_after(i + 1, form.lemma, form.particles, form.np_particles)
        if k is not None:
            self._set_clause_from(a, k)
        return a

    def _according(self, i: int, prior: list[Attribution]) -> Attribution | None:
        toks = self.toks
        j = i + 2
        e = j
        while (
            e < len(toks)
            and e - j < 12
            and toks[e].text not in ",;.:)"
            and toks[e].text not in DASHES
            and toks[e].kind != "q"
        ):
            e += 1
        if e == j:
            return None
        np_end = e
        if e - j >= 10 or (e < len(toks) and toks[e].text not in (",", ".", ";", ")") and toks[e].text not in DASHES):
            # No comma closes the source: end it after the first named actor.
            ms = [m for m in self.mentions if toks[j].start <= m.start < toks[e - 1].end]
            if not ms:
                return None
            np_end = j
            while np_end < len(toks) and toks[np_end].end <= ms[0].end:
                np_end += 1
        sp = resolve_np(self.masked, toks[j].start, toks[np_end - 1].end, self.index, self.memory)
        if not sp.name:
            # "according to The Washington Post's Fact Checker", "according to guidance from the Mayo
            # Clinic": a source owned by or issued from a named body speaks for it
            owner = self._source_owner(j, np_end)
            if owner is not None:
                sp = owner
        if not sp.name and toks[j].low in ("its", "their"):
            # "according to its authors": the body "its" stands for is the source
            pronoun = "it" if toks[j].low == "its" else "they"
            owner = resolve_np(pronoun, 0, len(pronoun), self.index, self.memory)
            orgs = [m for m in self.mentions if m.end <= toks[i].start and m.type == "organization"]
            if orgs and not owner.name:
                # "Net browser Opera 8.0, ..., according to its authors": the body named in the clause
                sp = Speaker(name=orgs[0].actor, kind="pronoun", type=orgs[0].type)
            elif owner.name:
                sp = Speaker(name=owner.name, kind="pronoun", type=owner.type)
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
        elif (
            toks[i - 1].text == ","
            and np_end + 1 < len(toks)
            and toks[np_end].text == ","
            and toks[np_end + 1].kind == "w"
            and toks[np_end + 1].text.islower()
            and toks[np_end + 1].low not in DETERMINERS
            and toks[np_end + 1].low not in PREPS
            and len(lead) <= 8
            and self._subject_only(lead)
        ):
            # "President Trump, according to the White House, made an unscheduled trip ...": the
            # source sits between a subject and its predicate; the report is what follows it
            self._set_clause_from(a, np_end + 1)
            if a.clause:
                a.clause_mode = "after"
        else:
            self._clause_before(a, i, prior)
            if (
                a.clause is None
                and not prior
                and toks[i - 1].kind == "w"
                and np_end >= len(toks) - 1
                and self._words(0, i)[0] >= 4
            ):
                # "... rose in December for the first time since July according to new data.": the
                # source closes the sentence without its comma
                k0 = self._tok_at(self._strip_lead(0))
                a.clause = (toks[k0].start, toks[i - 1].end)
                a.clause_mode = "before"
        return a

    def _subject_only(self, lead: list[Tok]) -> bool:
        """Are the words before a parenthetical source a subject alone ("President Trump"), or a
        subject and its auxiliary ("He had, according to X, killed ...")?"""
        if len(lead) >= 2 and (lead[-1].low in FINITE or lead[-1].low in MODALS) and lead[-1].text.islower():
            lead = lead[:-1]
        return not any(t.low in FINITE or t.low in NP_BOUNDARY or t.low in self.verbs or t.kind == "q" for t in lead)

    def _source_owner(self, j: int, end: int) -> Speaker | None:
        """The named body that owns or issued the source named by the tokens from ``j`` up to ``end``
        ("The Washington Post's Fact Checker", "guidance from the Mayo Clinic"), or None: the spec
        lets a document or desk speak for its issuer."""
        toks = self.toks
        lo, hi = toks[j].start, toks[end - 1].end
        for m in self.mentions:
            if not (lo <= m.start and m.end <= hi) or m.type == "person":
                continue
            before = [w.lower() for w in self.masked[lo : m.start].split()]
            if before[-1:] == ["the"]:
                before.pop()
            if self.masked[m.end : m.end + 2] in ("'s", "’s") or before[-1:] in (["from"], ["by"], ["at"]) or (
                before[-1:] == ["in"] and len(before) >= 2 and before[-2] in REPORT_NOUNS
            ):
                # "a report in the Argus Leader": a document carried by a named outlet
                return Speaker(name=m.actor, kind="actor", type=m.type)
        return None

    def _parenthetical(self, i: int) -> bool:
        """', he continued,' inside a sentence: a pronoun or a name between commas before the verb."""
        toks = self.toks
        if i < 2 or i + 1 >= len(toks) or toks[i + 1].text != ",":
            return False
        m = next((m for m in self.mentions if m.end == toks[i - 1].end), None)
        first = self._tok_at(m.start) if m is not None else i - 1
        if m is None and toks[i - 1].low not in CLAUSE_PRONOUNS:
            return False
        return first >= 1 and toks[first - 1].text == ","

    def _per(self, i: int, prior: list[Attribution]) -> Attribution | None:
        """'..., per the WHO': a source adjunct after the clause it reports."""
        toks = self.toks
        e = i + 1
        while e < len(toks) and e - i <= 8 and toks[e].kind == "w":
            e += 1
        if e == i + 1 or (e < len(toks) and toks[e].text not in ",.;)"):
            return None
        ms = [m for m in self.mentions if toks[i + 1].start <= m.start and m.end <= toks[e - 1].end]
        if not ms:
            return None  # "per cent", "per year": not a source
        sp = resolve_np(self.masked, toks[i + 1].start, toks[e - 1].end, self.index, self.memory)
        if not sp.name:
            sp = self._source_owner(i + 1, e) or Speaker(name=ms[0].actor, kind="actor", type=ms[0].type)
        a = Attribution(i, "according", sp, toks[i].start, toks[e - 1].end)
        lead = [t for t in toks[: i - 1] if t.kind != "p"]
        if (
            e + 1 < len(toks)
            and toks[e].text == ","
            and toks[e + 1].kind == "w"
            and toks[e + 1].text.islower()
            and toks[e + 1].low not in DETERMINERS
            and toks[e + 1].low not in PREPS
            and 0 < len(lead) <= 8
            and self._subject_only(lead)
        ):
            # "Yersinia pestis, per the WHO, is often found in ...": the source sits between a subject
            # and its predicate; the report is what follows it
            self._set_clause_from(a, e + 1)
            if a.clause:
                a.clause_mode = "after"
                return a
        self._clause_before(a, i, prior)
        return a if a.clause else None

    def _nominal(self, i: int) -> Attribution | None:
        """"Van Der Beek's announcement that his wife ...": a statement noun with a that-clause reports
        what its possessor said."""
        toks = self.toks
        if i < 1:
            return None
        p = toks[i - 1]
        sp: Speaker | None = None
        if p.low in ("his", "her", "their", "its"):
            pron = {"his": "he", "her": "she", "their": "they", "its": "it"}[p.low]
            sp = resolve_np(pron, 0, len(pron), self.index, self.memory)
        else:
            m = next((m for m in self.mentions if m.end == p.end - 2 and p.low.endswith(("'s", "’s"))), None)
            if m is None:
                m = next((m for m in self.mentions if self.masked[m.end : m.end + 2] in ("'s", "’s")
                          and m.end + 2 == p.end), None)
            if m is not None:
                sp = Speaker(name=m.actor, kind="actor", type=m.type)
        if sp is None or not sp.found:
            return None
        a = Attribution(i, "nominal", sp, p.start, toks[i + 1].end)
        self._set_clause_from(a, i + 2)
        if a.clause:
            a.clause_mode = "after"
        return a if a.clause else None

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
        if plain + quoted < 3 or (plain == 0 and not (k > 0 and toks[k - 1].low == "that")):
            # a quotation alone is a direct quote; after "that" it is also the reported clause
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
            k = self._clause_after(after, form.lemma, form.particles, form.np_particles)
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
                if nxt.low not in NOT_INTERJECTION | PREPS and nxt.low != "via" and nxt.kind == "w" and (
                    not nxt.low.endswith("ing") or self._gerund_subject(k2 + 1)
                ):
                    lead = [t for t in toks if t.end <= a.region_start and t.kind == "w"]
                    rs = self._tok_at(a.region_start)
                    if (
                        len(lead) > 2
                        and rs > 0
                        and toks[rs - 1].text == ","
                        and a.lemma not in THAT_ONLY
                        and nxt.low in FINITE | MODALS
                        and lead[-1].low not in FINITE
                        and lead[-1].low not in ("not", "also", "never", "been", "be")
                        and lead[0].low not in SUBORDINATORS
                        and not any(t.kind == "q" for t in toks if t.end <= a.region_start)
                    ):
                        # "The larger landers, he said, could deliver ...": the report is what
                        # follows the parenthetical attribution, as the spec's annotators read it
                        self._set_clause_from(a, k2 + 1)
                    elif len(lead) <= 2:
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

    def _gerund_subject(self, k: int) -> bool:
        """Does the -ing word at token k open a clause as its subject ("digging up roads can take
        weeks"), a finite verb following before any punctuation, rather than a participle of the
        attribution ("he said, adding that ...")?"""
        toks = self.toks
        if toks[k].low in self.verbs:
            return False
        for e in range(k + 1, min(len(toks), k + 10)):
            if toks[e].kind != "w":
                return False
            if toks[e].low in FINITE or toks[e].low in MODALS:
                return True
        return False

    def _clause_after_parenthetical(self, a: Attribution, j: int) -> None:
        """'In some cases, said the report, people were able to ...': an inverted attribution inside the
        sentence whose words before it are no clause reports the clause after its comma."""
        toks = self.toks
        if a.clause is not None or j + 1 >= len(toks) or toks[j].text != ",":
            return
        nxt = toks[j + 1]
        if nxt.kind != "w" or nxt.low in NOT_INTERJECTION:
            return
        if nxt.low.endswith("ing") and not self._gerund_subject(j + 1):
            return
        for e in range(j + 1, len(toks)):
            if toks[e].kind != "w":
                return
            if toks[e].low in FINITE or toks[e].low in MODALS:
                break
        else:
            return
        self._set_clause_from(a, j + 1)
        if a.clause:
            a.clause_mode = "interjection"

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
            (
                p.region_end
                for p in prior or []
                if p.region_end <= toks[first - 1].start and p.clause is None and self._introduces_quotation(p)
            ),
            default=-1,
        )
        # "As X noted, CLAUSE, according to Y": the source clause that opens the sentence is X's
        floor = max([floor] + [p.clause[0] for p in prior or [] if p.clause_mode == "as" and p.clause])
        while k < first and toks[k].start < floor:
            k += 1
        while k < first and toks[k].low in ("but", "and", "yet", "so", "or", "however", ","):
            k += 1
        if last < k:
            return
        if toks[k].kind == "q" and k < last and toks[k + 1].kind == "w" and self._quote_ends_clause(toks[k]):
            # '"...," Jim Press, vice president of ..., said': a quotation and its speaker's name and
            # appositive, not a reported clause; the quotation is attributed as a direct quote
            return
        plain, quoted = self._words(k, last + 1)
        if plain < 2 and not (plain == 1 and quoted >= 2 and toks[k].kind == "w" and toks[k + 1].kind == "q"):
            # one plain word is enough only as the subject of a quoted predicate (a mixed quote):
            # 'Customers "began to say we want you to do this," Cook said'
            return
        lead = toks[k]
        adverbial = lead.low.endswith("ing") or lead.low in SUBORDINATORS
        finite = any(t.text == "," or t.low in FINITE or self._quoted_finite(t) for t in toks[k : last + 1])
        if adverbial and not finite:
            return  # "Collecting his award in Cannes, Bono said": an adverbial, not what was said
        a.clause = (toks[k].start, toks[last].end)
        a.clause_mode = "before"

    def _introduces_quotation(self, p: Attribution) -> bool:
        """Is a quotation next to attribution p ('He said: "..."', '"...," he said')? A verb that
        reported nothing ("The state is asking for about $320m ..., he said") sets no floor for the
        clause of a later one."""
        k = self._tok_at(p.region_end)
        toks = self.toks
        nxt = [t for t in toks[k : k + 3] if t.text not in (",", ":")]
        before = toks[self._tok_at(p.region_start) - 1] if self._tok_at(p.region_start) > 0 else None
        return bool(nxt and nxt[0].kind == "q") or (before is not None and before.kind == "q") or (
            k < len(toks) and toks[k].text == ":"
        )

    def _quote_ends_clause(self, t: Tok) -> bool:
        """Does the quotation end with a comma, question or exclamation mark inside its marks?"""
        inner = self.text[max(t.start, t.end - 4) : t.end].rstrip("\"”’'»“ ")
        return inner[-1:] in (",", "?", "!")

    def _quoted_finite(self, t: Tok) -> bool:
        """A quotation that opens with a finite verb ('Hosting Cook "is our dream," he said'): the
        quoted words are the predicate of what comes before them, so together they are a clause."""
        if t.kind != "q":
            return False
        words = self.text[t.start : min(t.end, t.start + 40)].split()
        return bool(words) and words[0].strip("\"“”‘’'").lower() in FINITE

    def _finish(self, out: list[Attribution]) -> None:
        """Trim clauses at the next attribution and fold nested reports ("X said Y told Z that ...")."""
        out.sort(key=lambda a: self.toks[a.verb_index].start)
        inner: set[int] = set()
        carriers = self._carriers(out)
        for a in out:
            if a.clause is None:
                continue
            for b in out:
                if b is a or id(b) in inner:
                    continue
                vb = self.toks[b.verb_index].start
                if a.clause_mode == "before" and a.clause[0] <= vb < a.clause[1]:
                    inner.add(id(b))  # a verb inside what someone else reported
                elif (
                    b.region_start == a.clause[0]
                    and b.lemma != "tell"
                    and vb > a.clause[0]
                    and not (a.lemma == "according" and b.clause is not None)
                ):
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
                    cut = self._relative_cut(b)
                    if cut is not None and cut > c0:
                        # "... two visits, which they cited as evidence of ...": the relative clause
                        # is its own report; the outer one ends at its comma
                        c1 = cut
                        break
                    if self._coordinated_at(b) or self._participle_after(a, b):
                        c1 = b.region_start
                        break
                    if a.clause_mode == "as" and b.clause is not None:
                        continue  # "As X reports, ... when officials announced that ...": both report
                    inner.add(id(b))  # "said they were freed after the government promised ..."
            c1 = self._trim_end(c0, c1)
            # a trimmed clause of one or two words ("who has denied wrongdoing,") reports nothing
            a.clause = (c0, c1) if len(self.text[c0:c1].split()) >= 3 else None
        out[:] = [a for a in out if id(a) not in inner and id(a) not in carriers]
        for n, a in enumerate(out):
            if a.clause is None or a.clause_mode != "after":
                continue
            for b in out[n + 1 :]:
                if b.region_start == a.clause[0] and b.clause is not None:
                    if b.speaker.via is None and a.speaker.label():
                        b.speaker.via = a.speaker.label()
                    a.clause = None
                    break

    def _carriers(self, out: list[Attribution]) -> set[int]:
        """The ids of "according to Y" sources that only carry someone else's report ("CLAUSE, X said,
        according to Y", "X said CLAUSE, according to Y"): X speaks and Y becomes the ``via``; the
        source reports nothing of its own and is dropped once the clauses are trimmed."""
        carriers: set[int] = set()
        for a in out:
            if a.lemma != "according" or a.clause is None:
                continue
            c0, c1 = a.clause
            for b in out:
                if b is a or b.lemma == "according" or b.clause is None or b.passive:
                    continue
                vb = self.toks[b.verb_index].start
                if not (c0 <= vb < c1) or b.clause[0] < c0 or not b.speaker.label():
                    continue
                rest = self.masked[b.region_end : self._trim_end(c0, c1)]
                if b.clause_mode == "before" and a.clause_mode == "before" and len(rest.split()) <= 6 and (
                    "," not in rest and MASK not in rest
                ):
                    pass  # "CLAUSE, X said (in a statement), according to Y": X's words close the clause
                elif b.clause_mode == "after" and b.region_start <= c0 + 2:
                    pass  # "X said CLAUSE, according to Y", "According to Y, X wrote that CLAUSE"
                else:
                    continue
                if b.speaker.via is None and a.speaker.label():
                    b.speaker.via = a.speaker.label()
                a.clause = None
                carriers.add(id(a))
                break
        return carriers

    def _relative_cut(self, b: Attribution) -> int | None:
        """Where a clause ends when attribution b sits in a relative clause after it (", which they
        cited ..."), or None."""
        k = self._tok_at(b.region_start)
        toks = self.toks
        if k >= 2 and toks[k - 1].low in ("which", "who", "whom") and toks[k - 2].text == ",":
            return toks[k - 2].start
        return None

    def _participle_after(self, a: Attribution, b: Attribution) -> bool:
        """Is b a participle after a comma that adds its own report by a's speaker to a reported
        clause ('said the year had begun well, adding it expected ...')? Then a's clause ends at the
        comma."""
        k = self._tok_at(b.region_start)
        toks = self.toks
        if a.clause is None or not any(
            t.kind == "w" and t.text.islower() and (t.low in FINITE or t.low.endswith("ed"))
            for t in toks[self._tok_at(a.clause[0]) : k]
        ):
            return False  # "revealed the news ..., noting that ...": an object, not a clause, before it
        return (
            b.clause is not None
            and toks[k].text == ","
            and b.verb_index == k + 1
            and toks[b.verb_index].low.endswith("ing")
            and b.speaker.label() is not None
            and b.speaker.label() == a.speaker.label()
        )

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
    if first.low in PERSON_ROLES and len(words) > 1 and words[1].low in ("of", "at", "for"):
        return True  # ", Head of Research at ICICI Securities,"
    return any(t.low in PERSON_ROLES or t.low in UNNAMED_HEADS for t in words if t.text.islower())
