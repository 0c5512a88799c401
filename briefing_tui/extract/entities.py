"""Actors (people, organizations, countries) and places named in an article body.

Rule-based: capitalised token runs are cut at titles, possessives and
affiliations ("Mike Powell of Dresdner Kleinwort Wasserstein"), typed from
gazetteers, head words and the words around them, then linked across the
article (surnames to full names, acronyms to spelled-out names, "Time" to
"Time magazine"). Article-level evidence decides single words, because a
word seen capitalised mid-sentence elsewhere is a name, and one that is only
ever capitalised at a sentence start usually is not.
"""

from __future__ import annotations

import re

from ..model import Actor, Place
from .entity_types import ArticleEvidence, Typer, orgish, text_of
from .linking import group_candidates
from .names import WEEKDAYS, Tok, fold, gazetteer, tokenize
from .runs import GENERATION, MAX_RUN, PARTY, QUOTES, Cand, cues_of, prev, runs, title_split
from .runs import OF as _OF

# Real articles run to tens of thousands of characters; past this much body text the rest is not read,
# so a pathological input (a 10 MB line) costs a bounded time.
MAX_CHARS = 400_000
_GENERIC_ORG = {
    "Armed",
    "Air",
    "Naval",
    "Special",
    "Security",
    "Defence",
    "Defense",
    "National",
    "Border",
    "Foreign",
    "Interior",
    "Health",
    "Finance",
    "Justice",
    "State",
    "Federal",
    "Central",
    "Royal",
}
_ROYAL = {"King", "Queen", "Prince", "Princess", "Emperor", "Empress"}
_LEGISLATURES = {"Senate", "Assembly", "House", "Legislature"}
_POSTNOMINAL = {
    "QC",
    "KC",
    "MP",
    "MEP",
    "MSP",
    "AM",
    "PhD",
    "OBE",
    "MBE",
    "CBE",
    "KBE",
    "DBE",
    "Esq",
}
_COMPOUND = re.compile(r"-(?:based|born|owned|led|backed|run|funded|controlled|made|listed)$")
_PREFIXED = re.compile(r"(?:[Ee]x|[Pp]ro|[Aa]nti|[Nn]on|[Pp]ost|[Pp]re)-[A-Z][\w.]*$")
_ACRONYM_WORD = re.compile(r"[A-Z]{2,}|(?:[A-Z]\.){2,}")
# A product model ("A321", "F-16", "PS2"): letters, then a digit and any word characters. Written with
# one digit rather than "\d+\w*", whose two loops over the same digits retry every split of a long one.
_MODEL = re.compile(r"[A-Z]{1,3}-?\d\w*")
# Locative adjectives that open a part's name (a closed class): "Greater London", "Upper Austria".
_LOCATIVE = frozenset(
    {"Inner", "Outer", "Upper", "Lower", "Greater", "Northern", "Southern", "Eastern", "Western", "Central",
     "Northeastern", "Northwestern", "Southeastern", "Southwestern"}
)
# Words written in capitals only in headline-case titles of works (songs, films, books).
_TITLE_CASE_WORDS = frozenset(
    {"My", "Me", "Your", "You", "It", "We", "Our", "Us", "Him", "Them", "Is", "Are", "Was", "Be", "On", "In", "At",
     "To", "With", "Into", "Up"}
)
_COMPASS_PARTS = {"north", "south", "east", "west", "central", "mid", "middle", "old", "new", "great", "little",
                  "greater", "upper", "lower", "inner", "outer", "far", "near"}
# A football match report's lists of players: names (one to three capitalised words), each perhaps with the
# minute of a goal or a substitute and that minute in brackets, comma-separated up to a full stop.
_PLAYER = r"[A-Z][\w'\u2019-]*(?: (?:[A-Z][\w'\u2019-]*)){0,2}"
_SUBS_LABEL = re.compile(r"\bSubs(?: [Nn]ot [Uu]sed)?:")
_LINE_UP = re.compile(
    rf"(?:(?<=^)|(?<=: )|(?<=\. ))(?P<label>(?:Subs(?: [Nn]ot [Uu]sed)?|Booked|Goals|Sent off|Scorers?): )?"
    rf"(?P<list>{_PLAYER}(?: \d{{1,3}}(?: (?:pen|og))?| \({_PLAYER} \d{{1,3}}\))?"
    rf"(?:, ?{_PLAYER}(?: \d{{1,3}}(?: (?:pen|og))?| \({_PLAYER} \d{{1,3}}\))?)*)(?=\.(?: |$)|$)"
)
_LINE_UP_NAME = re.compile(rf"{_PLAYER}")
# The referee, by initial and surname, and his county or area in brackets: "Ref: S Bennett (Kent)", "M Riley
# (W Yorkshire)." alone in its paragraph.
_REFEREE = re.compile(
    r"(?:(?<=Ref: )|(?<=Referee: )|^)(?P<ref>[A-Z] [A-Z][\w'\u2019-]+) \((?P<area>[A-Z][\w ]{2,30})\)"
)
# Compass words that name a part of a place when written in lower case before it ("north London", "mid Wales").
_COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                            "mid", "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
                            "southeastern", "southwestern"})
# Months that are also given names ("April Ryan", "Jan Smith"), and the words that put a month in a date.
_MONTH_NAMES = frozenset({"January", "Jan", "April", "May", "June", "July", "August"})
_BEFORE_DATE = frozenset({"in", "on", "since", "until", "till", "by", "from", "last", "next", "this", "early", "late",
                          "mid", "of", "during", "through", "before", "after", "to", "between", "each", "every",
                          "that", "-", "\u2013", "end"})
# A state or province as agencies abbreviate it after a town or in a legislator's tag: `Calif.`, `Minn.`,
# `W.Va.`, `D.C.`. Its shape is what tells it: a capital, up to four small letters or a second capital, a dot.
_REGION_ABBREVIATION = re.compile(r"(?:[A-Z][a-z]{1,4}|[A-Z]\.[A-Z][a-z]?|[A-Z]\.[A-Z])\.(?=[\s,;:)]|$)")


def _abbreviates(short: str, full: str) -> bool:
    """`FAST` for "Five-hundred-meter Aperture Spherical Radio Telescope", `LVMHF` for "LVMH": the
    short form's letters run in order through the capitals of the full one, or extend it."""
    short = short.replace(".", "")
    if len(short) < 2 or not short[0].isupper() or full.count(" ") > 12:
        return False
    if short.upper().startswith(full.replace(" ", "").upper()):
        return True
    caps = "".join(w[0] for w in full.replace("-", " ").split() if w[:1].isupper())
    caps_all = "".join(ch for ch in full if ch.isupper())
    for letters in (caps, caps_all):
        it = iter(letters)
        if short[0] == letters[:1] and all(ch in it for ch in short.upper()):
            return True
    return False


class _Extractor(Typer):
    def __init__(self, paragraphs: list[str]) -> None:
        self.g = gazetteer()
        self.paras = paragraphs
        self.toks = []
        budget = MAX_CHARS
        for p in paragraphs:
            self.toks.append(tokenize(p[: max(budget, 0)]))
            budget -= len(p)
        self.art = ArticleEvidence(self.toks)
        self.cands: list[Cand] = []
        self.paren_alias: dict[str, str] = {}
        self.lower_acronyms: set[str] = set()
        self.persons_last: dict[str, str] = {}
        self.persons_first: dict[str, str] = {}
        self.countries: set[str] = set()
        self.surname_stems: set[str] = set()
        self._taken = 0  # in the paragraph being read, tokens before this one already belong to a name
        self._run_texts: set[str] = set()  # every capitalised run of the article, leading closed-class words off

    # ------------------------------------------------------------------ candidates

    def collect(self) -> None:
        g = self.g
        all_runs = [runs(toks, g) for toks in self.toks]
        # Words that stand as a name of their own mid-sentence ("for Apple"), not only inside a longer one.
        for toks, rs in zip(self.toks, all_runs, strict=True):
            for i, j in rs:
                while i < j - 1 and toks[i].text in g.stop:
                    i += 1
                if j - i == 1 and not toks[i].initial:
                    self.art.alone.add(toks[i].text)
                self._run_texts.add(" ".join(t.text for t in toks[i:j]))
        for pi, (toks, rs) in enumerate(zip(self.toks, all_runs, strict=True)):
            self._taken = 0
            for i, j in rs:
                if i < self._taken:
                    continue  # the campus of "University of California, Berkeley" is inside the body's name
                if self._region_abbreviation(pi, toks, i) or self._plural_possessor_body(pi, toks, i, j, rs):
                    continue
                self._defined_acronym(pi, toks, i, j)
                self._run(pi, toks, i, j)
            self._compass_parts(pi, toks, rs)
            for k, t in enumerate(toks):
                self._special_token(pi, toks, k, t)

    def _compass_parts(self, pi: int, toks: list[Tok], rs: list[tuple[int, int]]) -> None:
        """ "from north London", "in south-east Leeds": a compass word in lower case before a known place below
        country level is part of how the article names that place; the mention keeps the place and the
        fuller form is its name ("north London", also "London"). Before a country ("southern China") it
        only says where in the country."""
        g = self.g
        para = self.paras[pi]
        for i, j in rs:
            if i == 0 or toks[i - 1].cap or toks[i - 1].end + 1 != toks[i].start:
                continue
            word = toks[i - 1].text
            if word not in _COMPASS_WORDS and not (word.count("-") == 1 and set(word.split("-")) <= _COMPASS_WORDS):
                continue
            base = text_of(para, toks[i:j])
            if base in g.country_of or (base not in g.places and base not in g.regions):
                continue
            start = toks[i - 1].start
            whole = Tok(para[start : toks[j - 1].end], start, toks[j - 1].end, True, False)
            self.cands.append(Cand(pi, [whole], "place", canon=fold(base), cues={"compass"}))

    def line_ups(self) -> None:
        """A football match report's line-ups ("Nash, Reiziger (Graham 82), Riggott, ..."), with the lists
        labelled "Subs Not Used:", "Booked:" or "Goals:" and the referee ("Ref: S Bennett (Kent)"): each
        name is a player's or the referee's, a person, whatever a word could name elsewhere ("Holland 14").
        Read only in an article that labels its substitutes, so a list in a sentence stays as it was."""
        if not any(_SUBS_LABEL.search(p) for p in self.paras):
            return
        for pi, para in enumerate(self.paras):
            spans: list[tuple[int, int]] = []
            for m in _LINE_UP.finditer(para):
                whole = m.start() == 0 and para[m.end() :].strip() in {"", "."}
                labelled = bool(m.group("label"))
                if not (labelled or whole or m.group(0).count(",") >= 4):
                    continue
                base = m.start("list")
                spans.extend((base + n.start(), base + n.end()) for n in _LINE_UP_NAME.finditer(m.group("list")))
            for m in _REFEREE.finditer(para):
                spans.append(m.span("ref"))
                self._replace(pi, m.start("area"), m.end("area"), "place")
            for a, b in spans:
                self._replace(pi, a, b, "person")

    def _replace(self, pi: int, a: int, b: int, kind: str) -> None:
        name = self.paras[pi][a:b]
        known = [t.text for t in tokenize(name)]
        if not known or any(w in self.g.stop or w in self.g.title for w in known):
            return
        self.cands = [c for c in self.cands if not (c.par == pi and c.start < b and c.end > a)]
        self.cands.append(Cand(pi, [Tok(name, a, b, True, False)], kind, cues={"line_up"}))

    def _special_token(self, pi: int, toks: list[Tok], k: int, t: Tok) -> None:
        g = self.g
        text = t.text
        # `(R-Warren)`, `, D-Minn.,`: the US convention for a legislator's party and home district or state.
        if t.cap and text[1:2] == "-" and re.fullmatch(r"[RDI]-[A-Z][\w.'-]*", text) and prev(toks, k) in {"(", ","}:
            para = self.paras[pi]
            m = _REGION_ABBREVIATION.match(para, t.start + 2)
            end = m.end() if m else t.end
            district = Tok(para[t.start + 2 : end], t.start + 2, end, True, False)
            self.cands.append(Cand(pi, [district], "place", cues={"district"}))
        # `US-China trade`, `the India-Pakistan border`: two countries joined by a hyphen, each an actor.
        elif t.cap and "-" in text and text not in g.country_of and self._country_pair(pi, toks, k, t):
            pass
        # `Paris-based`, `Viacom-owned`: the name part of a compound adjective.
        elif t.cap and "-" in text and _COMPOUND.search(text):
            base = text[: text.rindex("-")]
            part = Tok(base, t.start, t.start + len(base), True, bool(re.fullmatch(r"[A-Z]{2,}", base)))
            if base in g.country_of:
                self.cands.append(Cand(pi, [part], "country", canon=g.country_of[base]))
            elif base in g.demonyms or base in g.stop:
                pass
            elif text.endswith(("-based", "-born")):
                self.cands.append(Cand(pi, [part], "place", cues={"based"}))
            else:
                self.cands.append(Cand(pi, [part], "organization", cues={"compound"}))
        # `Las Vegas-style super-casinos`: a known place in a compound adjective of manner.
        elif t.cap and text.endswith("-style"):
            start, end = t.start, t.end - len("-style")
            if k >= 1 and toks[k - 1].cap and toks[k - 1].end + 1 == t.start:
                start = toks[k - 1].start  # "Las" of "Las Vegas-style"
            name = self.paras[pi][start:end]
            if name in g.places or name in g.regions:
                self.cands.append(Cand(pi, [Tok(name, start, end, True, False)], "place", cues={"based"}))
        # `the state Senate`: a US state legislature named by its generic name.
        elif text in _LEGISLATURES and prev(toks, k) == "state" and k >= 1:
            self.cands.append(Cand(pi, [toks[k - 1], t], "organization"))
        # `ex-BBC`, `anti-EU`, `pro-Kremlin`: the name after a prefix.
        elif "-" in text and _PREFIXED.match(text):
            cut = text.index("-") + 1
            base = Tok(text[cut:], t.start + cut, t.end, True, bool(_ACRONYM_WORD.fullmatch(text[cut:])))
            self._segment(pi, toks, [base], set())

    def _country_pair(self, pi: int, toks: list[Tok], k: int, t: Tok) -> bool:
        g = self.g
        parts = t.text.split("-")
        if len(parts) != 2 or not all(p in g.country_of for p in parts) or parts[0] == parts[1]:
            return False
        self.cands = [c for c in self.cands if not (c.par == pi and c.start <= t.start and c.end >= t.end)]
        split = t.start + len(parts[0])
        for text, start, end in ((parts[0], t.start, split), (parts[1], split + 1, t.end)):
            tok = Tok(text, start, end, True, bool(_ACRONYM_WORD.fullmatch(text)))
            self.cands.append(Cand(pi, [tok], "country", canon=g.country_of[text]))
        return True

    def _plural_possessor_body(self, pi: int, toks: list[Tok], i: int, j: int, rs: list[tuple[int, int]]) -> bool:
        """ "Professional Footballers' Association", "National Farmers' Union": a plural possessor written
        with a bare apostrophe, then a body's head, is one body's name (a person's name takes "'s")."""
        if j + 1 >= len(toks) or toks[j].text not in {"'", "\u2019"} or toks[j].start != toks[j - 1].end:
            return False
        if not toks[j - 1].text.endswith("s") or toks[j - 1].acronym:
            return False
        after = next(((a, b) for a, b in rs if a == j + 1), None)
        if after is None or not orgish([t.text for t in toks[after[0] : after[1]]], self.g):
            return False
        start = i + 1 if toks[i].text in {"The", "A", "An"} else i
        if start >= j:
            return False
        self._add(pi, toks[start : after[1]], "organization", cues_of(toks, start, after[1], self.g))
        self._taken = after[1]
        return True

    def _region_abbreviation(self, pi: int, toks: list[Tok], i: int) -> bool:
        """`Orange County, Calif.,`: an abbreviated state after a place's name is a place of its own.

        The name before the comma must read as a place (listed, or headed like one: `County`), so
        `Acme, Inc.` stays a firm's legal form."""
        if i < 2 or toks[i - 1].text != "," or not toks[i - 2].cap:
            return False
        para = self.paras[pi]
        m = _REGION_ABBREVIATION.match(para, toks[i].start)
        if not m or m.group() in self.g.title or m.group() in self.g.honorific:
            return False  # "Sioux Falls, Gov. Kristi Noem": a title after the comma, no state
        start = i - 2
        while start > 0 and toks[start - 1].cap and toks[start].start - toks[start - 1].end <= 1:
            start -= 1
        before = toks[start : i - 1]
        named = text_of(para, before)
        placed = named in self.g.places or named in self.g.regions or before[-1].text in self.g.place_head
        if not placed:
            return False
        joined = f"{named}, {m.group()}"
        if joined in self.g.places:  # "Washington, D.C.": the abbreviation is part of the city's name
            whole = Tok(para[before[0].start : m.end()], before[0].start, m.end(), True, False)
            self.cands = [c for c in self.cands if not (c.par == pi and c.toks[0].start == before[0].start)]
            self.cands.append(Cand(pi, [whole], "place", cues={"district"}))
        else:
            self.cands.append(Cand(pi, [Tok(m.group(), m.start(), m.end(), True, False)], "place", cues={"district"}))
        self._taken = next((k for k in range(i, len(toks)) if toks[k].start >= m.end()), len(toks))
        return True

    def _defined_acronym(self, pi: int, toks: list[Tok], i: int, j: int) -> None:
        """`Five-hundred-meter ... Telescope (FAST)`, `LVMH (LVMHF)`: the bracket names the same thing."""
        n = len(toks)
        if j + 2 < n and toks[j].text == "(" and toks[j + 2].text == ")" and toks[j + 1].cap:
            full = text_of(self.paras[pi], toks[i:j])
            if full.startswith(("The ", "the ")):
                full = full[4:]
            if _abbreviates(toks[j + 1].text, full):
                self.paren_alias[toks[j + 1].text] = full
            # "the Growth and Opportunity Act (AGOA)": the short form of a law, event or document is no actor.
            if toks[j - 1].text in self.g.thing_head and toks[j + 1].acronym:
                self.lower_acronyms.add(toks[j + 1].text)
        # `fast radio burst (FRB)`: an acronym spelled out in lowercase is a common noun.
        bracketed = j - i == 1 and prev(toks, i) == "(" and j < n and toks[j].text == ")"
        if bracketed and toks[i].acronym and i >= 2 and toks[i - 2].text.islower():
            self.lower_acronyms.add(toks[i].text)

    def _add(self, pi: int, seg: list[Tok], kind: str, cues: set[str], canon: str = "") -> Cand:
        c = Cand(pi, seg, kind, cues=set(cues), canon=canon)
        self.cands.append(c)
        return c

    def _known_lead(self, pi: int, seg: list[Tok]) -> bool:
        """The run opens with a gazetteer name ("Eastern Europe", "New York"), so keep its first word."""
        g = self.g
        for k in range(min(len(seg), 4), 0, -1):
            t = text_of(self.paras[pi], seg[:k])
            listed = t in g.places and t not in g.cities  # "Oklahoma City Thunder" stays one team
            if t in g.regions or listed or t in g.country_of or t in g.seats or t in g.agencies:
                return True
        return False

    def _run(self, pi: int, toks: list[Tok], i: int, j: int) -> None:
        g = self.g
        seg = toks[i:j]
        if self._headline_case_title(pi, seg):
            return
        if len(seg) == 1 and re.fullmatch(r"[RDI]-[A-Z].*", seg[0].text) and prev(toks, i) in {"(", ","}:
            return  # "(D-Minn.)", "Rep. David McKinley, R-W.Va.,": a legislator's party and state
        # "SpaceX and Tyvak Nano-Satellite Systems": joined as one body's name ("Securities and Exchange
        # Commission"), but the first word stands alone as a name elsewhere, so these are two.
        # So too where the part after "and" is a name of its own elsewhere in the article ("the Arsenal and
        # Manchester United game" after "Manchester United manager ...").
        if j - i > 2 and toks[i + 1].text in {"and", "&"} and self._two_names(toks, i, j):
            self._run(pi, toks, i, i + 1)
            self._run(pi, toks, i + 2, j)
            return
        cues = cues_of(toks, i, j, g)
        # Leading closed-class words ("However", "The", "A") are not part of a name.
        titled_lead = False
        if not self._known_lead(pi, seg):
            while (
                seg
                and seg[0].text in g.stop
                and seg[0].text not in g.country_of
                and not self._joined(seg)
                and not self._adjective_of_body(seg)
                and not (seg[0].text in g.honorific and len(seg) > 1)  # "Mrs May": the honorific's surname
                and not self._month_named(toks, i, seg)
            ):
                if seg[0].text in {"The", "A", "An"} and not seg[0].initial:
                    titled_lead = True
                if seg[0].text in {"The", "A", "An"} and seg[0].initial:
                    cues.add("the_before")
                seg = seg[1:]
                i += 1
        # "UK-based TCI": the compound adjective is handled as a token of its own.
        while seg and _COMPOUND.search(seg[0].text):
            seg = seg[1:]
            i += 1
        # Post-nominals ("Guy Mansfield QC") are not part of the name; a generational "Jr." is.
        while len(seg) > 1 and seg[-1].text in _POSTNOMINAL:
            seg = seg[:-1]
            j -= 1
        if not seg:
            return
        if titled_lead:
            cues.add("the_cap")
        # A sentence-initial word that is otherwise only lowercase is an ordinary word, when a name
        # of its own follows ("Yesterday Microsoft said"); "Standard Life said" keeps its first word.
        ordinary = seg[0].initial and len(seg) > 1 and self._ordinary_initial(seg[0])
        ordinary = ordinary and not self._adjective_of_body(seg)
        if ordinary and not self._known_lead(pi, seg) and self._name_follows(seg[0], seg[1]):
            seg = seg[1:]
            i += 1
            cues = cues_of(toks, i, j, g) | (cues & {"the_before"})
        # "Interior and Technology", "Seven of LeBron's" with the first word cut: a name does not open
        # with a joining word.
        while seg and seg[0].text in {"and", "or", "&", "of", "for", "the"}:
            seg = seg[1:]
            i += 1
            cues = cues_of(toks, i, j, g)
        if not seg:
            return
        # "Remember New Jersey's quest", "Meanwhile Sioux Falls …": a word that opens the sentence, run on
        # into a known place's full name, is not part of it.
        if len(seg) > 1 and seg[0].initial and self._opener_before_place(pi, seg):
            seg = seg[1:]
            i += 1
            cues = cues_of(toks, i, j, g) | (cues & {"the_before"})
        # "Comedian Chris Rock": a capitalised role noun opening the sentence.
        if len(seg) > 1 and seg[0].initial and seg[0].text.lower() in g.role and seg[0].text not in g.title:
            seg = seg[1:]
            i += 1
            cues = cues_of(toks, i, j, g) | {"role_before"}
        # A trailing title with no name after it: "the LVMH CEO", "BA Chairman".
        while len(seg) > 1 and seg[-1].text in g.title and seg[-2].text not in g.modifier | g.title | {"of", "for"}:
            seg = seg[:-1]
            j -= 1
            cues = cues_of(toks, i, j, g)
        # "A Boating Party for the Musee d'Orsay": a work title, then the body it went to.
        if titled_lead:
            for k in range(1, len(seg) - 2):
                if seg[k].text in {"for", "of"} and toks[i + k + 1].text == "the":
                    self._run(pi, toks, i + k + 2, j)
                    return
        # "University of California, Berkeley": a campus after the comma.
        campus = j + 1 < len(toks) and toks[j].text == "," and toks[j + 1].cap
        if (
            campus
            and seg[0].text in {"University", "College"}
            and toks[j + 1].text not in g.country_of
            and (toks[j + 1].text not in g.places or toks[j + 1].text in g.cities)
        ):
            k = j + 1
            while k < len(toks) and toks[k].cap and not toks[k].initial and k - j <= MAX_RUN:
                k += 1
            seg = toks[i:k]
            j = k
            self._taken = k
        # "Commander-in-Chief of Ukraine", "Director General of the British Chambers of Commerce": a post's
        # title words and "of" before a name.
        posts = 0
        while posts < len(seg):
            word = seg[posts].text
            if word not in g.title and word not in g.role and word != "Head":  # "Head of Research at …": a post
                break
            posts += 1
        # "Secretary of State for Culture" is one title, its department no body named here.
        if posts and len(seg) > posts + 1 and seg[posts].text in _OF and seg[posts + 1].text != "State":
            skip = posts + 2 if seg[posts + 1].text == "the" else posts + 1
            seg = seg[skip:]
            i += skip
            if not seg:
                return
            cues = cues_of(toks, i, j, g)
            where = text_of(self.paras[pi], seg)
            if where not in g.places and where not in g.regions and where not in g.country_of:
                cues.add("works_at")  # the body whose post it is; "Bishop of Durham" is a see, a place
        # "Ukraine's Armed Forces": a country's generic body.
        if self._country_body(pi, toks, i, j, seg, cues):
            return
        if j < len(toks):
            nxt = toks[j].text
            core = text_of(self.paras[pi], seg)
            place_head = nxt in g.place_lower_head and (nxt != "state" or core in g.places)
            if nxt in g.org_lower_head or place_head:
                seg = [*seg, toks[j]]
                cues.add("lower_head")
                if prev(toks, i) in QUOTES and j + 1 < len(toks) and toks[j + 1].text in QUOTES:
                    cues.add("quoted")
        prefix, name, titled = title_split(seg, g)
        if titled and name and orgish([t.text for t in name], g) and seg[0].text not in g.honorific:
            prefix, name, titled = seg, [], False  # "General Motors", "Crown Prosecution Service"
        if titled:
            while name and (name[0].text in g.title or name[0].text in g.modifier):
                name = name[1:]
            if not name and prefix and prefix[-1].text in {"of", "for", "the"}:
                self._segment(pi, toks, seg, cues)  # "Office of the Deputy Prime Minister": a body's name
                return
            lead = 0
            while lead < len(prefix) - 1 and prefix[lead].text in g.modifier:
                lead += 1  # "Interim BART Police Chief Ed Alvarez": the modifier is the chief's, not the body's
            if prefix[lead:]:
                prefix_cues = cues_of(toks, i + lead, i + len(prefix), g) | {"before_title"}
                self._segment(pi, toks, prefix[lead:], prefix_cues)
            if name:
                self._person_from_title(pi, name, cues, seg)
            return
        self._segment(pi, toks, seg, cues)

    def _two_names(self, toks: list[Tok], i: int, j: int) -> bool:
        if toks[i].text in self.art.alone:
            return True
        right = " ".join(t.text for t in toks[i + 2 : j])
        return j - i > 3 and right in self._run_texts and toks[i].text not in self.g.stop

    def _month_named(self, toks: list[Tok], i: int, seg: list[Tok]) -> bool:
        """ "reporter April Ryan", "Jan Smith, the mayor": a month that is also a given name, before a
        capitalised word that is no date's ("May 5", "June sales", "In May Tesco said"), opens a name."""
        if len(seg) < 2 or seg[0].text not in _MONTH_NAMES or not seg[1].cap or seg[1].acronym:
            return False
        nxt = seg[1].text
        if nxt in self.g.stop or nxt in _MONTH_NAMES or nxt in WEEKDAYS or not nxt.isalpha():
            return False
        before = prev(toks, i)
        return not (before.lower() in _BEFORE_DATE or before.isdigit())

    def _headline_case_title(self, pi: int, seg: list[Tok]) -> bool:
        """ "Georgia On My Mind", "Super Size Me", "Hit The Road Jack": a pronoun, a copula or a short
        preposition capitalised inside a name is the headline case of a work's title; bodies' names keep
        such words lowercase or leave them out ("Save the Children", "Bank of America")."""
        if len(seg) < 2 or text_of(self.paras[pi], seg) in self.g.places:
            return False
        return any(t.text in _TITLE_CASE_WORDS and not t.initial for t in seg[1:])

    def _country_body(self, pi: int, toks: list[Tok], i: int, j: int, seg: list[Tok], cues: set[str]) -> bool:
        g = self.g
        texts = [t.text for t in seg]
        owner = toks[i - 2] if i >= 2 and "poss_before" in cues else None
        if owner is not None and owner.text in g.title and texts[0] in g.org_head:
            # "the U.S. Attorney's Office for the Western District": an office named after its holder.
            start = i - 2
            while start > 0 and toks[start - 1].cap and toks[start].start - toks[start - 1].end <= 1:
                start -= 1
            self._add(pi, toks[start:j], "organization", cues)
            return True
        if not all(t in _GENERIC_ORG or t in g.org_head for t in texts) or texts[-1] not in g.org_head:
            lone_owner = owner is not None and owner.cap and (i < 3 or not toks[i - 3].cap)
            if lone_owner and len(texts) > 1 and orgish(texts, g) and self._founder(owner):
                # "Barnard's Retail Consulting Group", "People's Liberation Army": the possessor is part of
                # the body's name, not a name of its own.
                if owner.text not in g.places and owner.text not in g.regions:  # "Munich's Radio Orchestra"
                    self.cands = [c for c in self.cands if not (c.par == pi and c.toks == [owner])]
                self._add(pi, [owner, *toks[i - 1 : j]], "organization", cues)
                return True
            if len(texts) > 2 and texts[-2] == "of" and texts[-1] in g.country_of:
                body = texts[:-2]
                if all(t in _GENERIC_ORG or t in g.org_head for t in body) and body[-1] in g.org_head:
                    canon = "body:" + g.country_of[texts[-1]] + ":" + " ".join(body).lower()
                    self._add(pi, seg, "organization", cues, canon=canon)
                    return True
            return False
        if "poss_before" in cues and i >= 2 and toks[i - 2].text in g.country_of and len(texts) > 1:
            canon = "body:" + g.country_of[toks[i - 2].text] + ":" + " ".join(texts).lower()
            self._add(pi, [toks[i - 2], *toks[i - 1 : j]], "organization", cues, canon=canon)
            self._add(pi, [toks[i - 2]], "country", set(), canon=g.country_of[toks[i - 2].text])
            return True
        return False

    def _opener_before_place(self, pi: int, seg: list[Tok]) -> bool:
        g = self.g
        first = seg[0].text
        if self._known_lead(pi, seg) or text_of(self.paras[pi], seg) in g.places:
            return False  # "New York", "North Carolina": the first word is the place's own
        rest = text_of(self.paras[pi], seg[1:])
        if rest not in g.places and rest not in g.regions and rest not in g.country_of:
            return False
        known = first in g.given or first in g.demonyms or first in g.modifier or first in g.title
        known = known or first in g.honorific or first in g.org_first or first in g.country_of or first in g.places
        # "Greater London", "Upper Austria", "Northern Cape": comparatives and compass adjectives name a part.
        part = first.endswith("ern") or first.lower() in _COMPASS_PARTS
        return not known and not part and not seg[0].acronym and first not in g.place_head

    def _name_follows(self, first: Tok, second: Tok) -> bool:
        g = self.g
        if first.text in g.stop or first.text in g.modifier or first.text.lower() in g.role:
            return True
        t = second.text
        known = t in g.given or t in g.country_of or t in g.places or t in g.regions or t in g.agencies
        return known or second.acronym or t in self.art.alone or t in g.honorific or t in g.title

    def _adjective_of_body(self, seg: list[Tok]) -> bool:
        """ "English Chamber Orchestra", "Muslim Brotherhood", "Sunday Times": a word kept out of names on
        its own (a language, a faith, a weekday) opens a body's name when what follows is headed like one."""
        if len(seg) < 2 or seg[0].text[:1].islower() or seg[0].text in {"The", "A", "An"}:
            return False
        if seg[0].text in WEEKDAYS and seg[-1].text in self.g.publication:
            return True  # "the Sunday Times", "the Sunday Mirror": a paper's edition
        adjective = seg[0].text.endswith(("ish", "ian", "an", "ese", "ch", "im"))
        return adjective and orgish([t.text for t in seg[1:]], self.g)

    @staticmethod
    def _joined(seg: list[Tok]) -> bool:
        """ "Public and Commercial Services Union": the first word is joined to the name."""
        return len(seg) > 1 and seg[1].text in {"and", "&"}

    def _founder(self, owner: Tok | None) -> bool:
        """A firm is named after a person ("Barnard's Retail Consulting Group"), never after an acronym:
        "NASA's Goddard Space Flight Center" is NASA's centre, a body of its own."""
        if owner is None or owner.acronym:
            return False
        return owner.text not in self.g.country_of and owner.text not in self.g.demonyms

    def _ordinary_initial(self, tok: Tok) -> bool:
        g, t = self.g, tok.text
        if t in g.country_of or t in g.places or t in g.regions or t in g.given or t in g.agencies:
            return False
        if t in g.honorific or t in g.title or tok.acronym or t in g.demonyms:
            return False
        if t in g.stop or t in g.modifier:
            return True
        return t.lower() in self.art.lower

    def _person_from_title(self, pi: int, name: list[Tok], cues: set[str], seg: list[Tok]) -> None:
        g = self.g
        # "Lord Baker of Dorking": the territorial part is not the name.
        for k, t in enumerate(name):
            if t.text in {"of", "for"} and k:
                rest = name[k + 1 :]
                if rest and rest[0].text == "the":
                    rest = rest[1:]
                name = name[:k]
                if rest and seg[0].text not in {"Lord", "Lady", "Baroness", "Baron"}:
                    self._segment(pi, [], rest, {"of_after_name"})
                break
        if not name or all(t.text in g.title or t.text in g.modifier or t.text in GENERATION for t in name):
            return
        if len(name) == 1 and (name[0].text in g.country_of or name[0].acronym):
            return
        plain_title = not any(t.text in g.honorific for t in seg)
        word = name[0].text
        if plain_title and len(name) == 1 and (word in g.thing_head or word.lower() in self.art.lower):
            return  # "the General Election": a title word before an ordinary noun
        # "Deputy Trade Envoy Robert Tallis": the title's own complement and post run up to the given name.
        post = next((k for k in range(len(name) - 3, -1, -1) if name[k].text.lower() in g.role), None)
        if post is not None and name[post + 1].text in g.given:
            name = name[post + 1 :]
        name = self._royal(seg, name)
        c = self._add(pi, name, "person", cues | {"titled"})
        if any(t.text in g.honorific for t in seg):
            c.cues.add("honorific")

    def _royal(self, seg: list[Tok], name: list[Tok]) -> list[Tok]:
        """ "Queen Elizabeth II", "Prince Andrew": a royal has a given name and no surname, so the title
        stays part of the name; "Queen fan Jo Park" or "Prince Andrew Smith" keep only the name."""
        at = next((k for k, t in enumerate(seg) if t is name[0]), 0)
        if at == 0 or seg[at - 1].text not in _ROYAL or name[0].text not in self.g.given:
            return name
        if all(t.text in GENERATION for t in name[1:]):
            return [seg[at - 1], *name]
        return name

    def _segment(self, pi: int, toks: list[Tok], seg: list[Tok], cues: set[str]) -> None:
        """Type one title-free segment, splitting off a leading country where it is only a modifier."""
        g = self.g
        texts = [t.text for t in seg]
        full = text_of(self.paras[pi], seg)
        if full in g.country_of:
            if full in {"US", "UK"} and toks and self._followed_by_currency(pi, seg[-1]):
                return
            self._add(pi, seg, "country", cues, canon=g.country_of[full])
            return
        if len(full) > 3 and full.isupper() and full.title() in g.country_of:
            # "CHINA has sent troops": a tabloid's capitals, the country as it is written elsewhere.
            self._add(pi, seg, "country", cues, canon=g.country_of[full.title()])
            return
        if full in g.demonyms:
            return
        if full in g.seats:  # "Scotland Yard": a seat of power named after a country, not the country
            self._add(pi, seg, "unknown", cues)
            return
        if full in g.regions or full in g.places:
            self._add(pi, seg, "unknown", cues)
            return
        # "from Inner Mongolia", "across Northern Syria": a locative adjective before a country or a place
        # names a part of it, a place and not the country, where the sentence places it ("Eastern
        # Michigan rolled past…" is a university's team).
        placed = cues & {"place_prep", "comma_place", "apposition_place", "city_of", "near_after"}
        if len(seg) > 1 and texts[0] in _LOCATIVE and placed:
            rest = text_of(self.paras[pi], seg[1:])
            if rest in g.country_of or rest in g.regions or rest in g.places:
                self._add(pi, seg, "place", cues)
                return
        # "New Jersey Republicans": members of a party in a place are the party.
        if texts[-1] in PARTY.values():
            canon = self._alias_key(texts[-1])
            if len(seg) > 1 and self._known_lead(pi, seg[:-1]):
                self._segment(pi, toks, seg[:-1], cues)
                self._add(pi, seg[-1:], "organization", cues, canon=canon)
                return
            if len(seg) == 1:
                self._add(pi, seg, "organization", cues, canon=canon)
                return
        # Leading country: "UK Independence Party" stays whole, "UK Government official" does not.
        for k in range(min(len(seg) - 1, 4), 0, -1):
            head = text_of(self.paras[pi], seg[:k])
            if head in g.country_of:
                rest = seg[k:]
                if not rest[0].cap:
                    self._add(pi, seg[:k], "country", cues, canon=g.country_of[head])
                    if rest[0].text in _OF and len(rest) > 1:
                        # "the occupation by Russia of Crimea": a country is no body's head, so what
                        # follows "of" is a name of its own.
                        after = rest[2:] if rest[1].text == "the" else rest[1:]
                        if after:
                            self._segment(pi, toks, after, set())
                    return
                rest_texts = [t.text for t in rest]
                if rest_texts[-1] in g.thing_head:
                    return  # "US Open", "UK Budget": an event or document named after the country
                generic_gov = rest_texts == ["Government"] and "lower_after" in cues
                if orgish(rest_texts, g) and not generic_gov:
                    self._add(pi, seg, "organization", cues)
                else:
                    self._add(pi, seg[:k], "country", cues - {"subject", "say"}, canon=g.country_of[head])
                    if rest_texts[0] not in {"Government"}:
                        self._segment(pi, toks, rest, cues | {"after_country"})
                return
        # "Mike Powell of Dresdner Kleinwort Wasserstein": a person and an affiliation. "Wee of the Times":
        # a reporter and the paper, whatever the given name.
        for k, t in enumerate(texts):
            if t not in {"of", "for"} or not 1 <= k <= 3 or orgish(texts[:k], g):
                continue
            rest = seg[k + 2 :] if texts[k + 1 : k + 2] == ["the"] else seg[k + 1 :]
            outlet = bool(rest) and rest[-1].text in g.publication and len(rest) <= 4
            if (k >= 2 and (texts[0] in g.given or "role_before" in cues)) or outlet:  # "virologist X Y of Z"
                self._add(pi, seg[:k], "person" if k >= 2 else "unknown", cues)
                self._segment(pi, toks, rest if outlet else seg[k + 1 :], {"of_after_name"})
                return
        # "BBC Michael Howard" (a heading run into a name), "Ambassador to the European Union Gordon
        # Sondland" (a role's complement run into its holder): a body, then a full name.
        k = self._person_after_body(texts, seg)
        if k:
            self._segment(pi, toks, seg[:k], set())
            self._segment(pi, toks, seg[k:], cues)
            return
        if "&" in texts and len(texts) >= 3:
            self._add(pi, seg, "organization", cues)  # "Scottish & Newcastle": a firm named "X & Y"
            return
        for demonym_len in (2, 1):
            dem = " ".join(texts[:demonym_len])
            if len(texts) >= demonym_len and dem in g.demonyms:
                body = len(texts) > demonym_len and texts[demonym_len][:1].isupper()  # not "the French newspaper"
                if body and (orgish(texts[demonym_len:], g) or "works_at" in cues):
                    self._add(pi, seg, "organization", cues)
                elif len(texts) > demonym_len and texts[-1] in g.place_head and texts[demonym_len][:1].isupper():
                    self._add(pi, seg, "unknown", cues)  # "the Arabian Peninsula", "the Caspian Sea": a place
                elif len(texts) > demonym_len and texts[demonym_len] in g.given:
                    self._segment(pi, toks, seg[demonym_len:], cues)
                return
        if texts[0] in PARTY and len(texts) == 1:
            self._add(pi, seg, "organization", cues, canon="party:" + self._alias_key(PARTY[texts[0]]))
            return
        # "Fly-half Charlie Hodgson", "Liberal Democrat David Laws": a description before a full name.
        if not orgish(texts, g) and not seg[0].acronym and (texts[0] not in g.given or texts[0] in PARTY):
            k = next((k for k in range(1, len(texts) - 1) if texts[k] in g.given), 0)
            # "National Security Adviser John Bolton": a post, then the name.
            post = k and texts[k - 1].lower() in g.role
            described = post or seg[0].initial or all(map(self._descriptive, texts[:k]))
            if k and seg[k + 1].text[:1].isupper() and described:
                seg, texts = seg[k:], texts[k:]
                cues = cues | {"described"}
        # A product model after its maker ("Airbus A321"): the maker is the actor.
        if len(seg) > 1 and _MODEL.fullmatch(texts[-1]) and texts[0] not in g.org_first:
            self._add(pi, seg[:-1], "unknown", cues | {"maker"})
            return
        self._add(pi, seg, "unknown", cues)

    def _person_after_body(self, texts: list[str], seg: list[Tok]) -> int:
        """Where a full name ("Gordon Sondland") starts after a complete body's name in one run, or 0.

        The body is an acronym or is headed like an organization; the name is a known given name
        and one or two capitalised words, so "Bank of England Governor" or "Delta Air Lines" stay whole."""
        g = self.g
        for k in range(1, len(texts) - 1):
            if texts[k] not in g.given or len(texts) - k > 3 or texts[k] in g.org_head:
                continue
            tail = texts[k + 1 :]
            if not all(t[:1].isupper() and t not in g.org_head and t not in g.publication for t in tail):
                continue
            body = texts[:k]
            if (k == 1 and seg[0].acronym) or (k > 1 and orgish(body, g) and body[-1] not in {"of", "for"}):
                return k
        return 0

    def _alias_key(self, name: str) -> str:
        key = fold(name)
        for names in self.g.org_aliases:
            if key in {fold(n) for n in names}:
                return fold(names[0])
        return key

    def _descriptive(self, word: str) -> bool:
        """A word that can describe a person before the name ("Liberal Democrat", "Treasury")."""
        g = self.g
        low = word.lower()
        return (
            word in PARTY
            or word in g.modifier
            or word in g.title
            or word in g.demonyms
            or low in g.role
            or low in self.art.lower
        )

    def _followed_by_currency(self, pi: int, tok: Tok) -> bool:
        return self.paras[pi][tok.end : tok.end + 1] in {"$", "\u00a3", "\u20ac"}

    # ------------------------------------------------------------------ typing

    def group(self) -> tuple[list[Actor], list[Place]]:
        return group_candidates(self.cands, self.paren_alias, self.persons_last, self.persons_first, self.g)


def extract_entities(paragraphs: list[str]) -> tuple[list[Actor], list[Place]]:
    """Every named person, organization and country (actors) and sub-national or regional place."""
    try:
        ex = _Extractor(paragraphs)
        ex.collect()
        ex.line_ups()
        ex.classify()
        return ex.group()
    except Exception:  # extraction must never take the parser down
        return [], []
