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

import itertools
import re

from ..model import Actor, Place
from .linking import group_candidates, person_key_text
from .names import Gazetteer, Tok, fold, gazetteer, tokenize
from .runs import CONNECT, PARTY, QUOTES, ROMAN, Cand, cues_of, prev, runs, title_split
from .runs import OF as _OF

# Real articles run to tens of thousands of characters; past this much body text the rest is not read,
# so a pathological input (a 10 MB line) costs a bounded time.
MAX_CHARS = 400_000
_FOREIGN_ARTICLE = {"Le", "La", "Les", "El", "Il", "Der", "Die", "Das", "Het", "Los", "Las"}
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
_PROPER_SINGLE_BODIES = {"Congress", "Parliament", "Senate", "Knesset", "Duma", "Bundestag", "Politburo"}
_LEGISLATURES = {"Senate", "Assembly", "House", "Legislature"}
_POSTNOMINAL = {
    "QC",
    "KC",
    "MP",
    "MEP",
    "MSP",
    "AM",
    "Jr",
    "Jr.",
    "Sr",
    "Sr.",
    "PhD",
    "OBE",
    "MBE",
    "CBE",
    "KBE",
    "DBE",
    "Esq",
}
_SURNAME_HONORIFICS = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr."}
_COMPOUND = re.compile(r"-(?:based|born|owned|led|backed|run|funded|controlled|made|listed)$")
_PREFIXED = re.compile(r"(?:[Ee]x|[Pp]ro|[Aa]nti|[Nn]on|[Pp]ost|[Pp]re)-[A-Z][\w.]*$")
_ACRONYM_WORD = re.compile(r"[A-Z]{2,}|(?:[A-Z]\.){2,}")


def _text(par: str, toks: list[Tok]) -> str:
    return par[toks[0].start : toks[-1].end]


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


def _orgish(texts: list[str], g: Gazetteer) -> bool:
    """An organization by its head: last word, the word before "of/for", or a typical first word."""
    if texts[-1] in g.org_head or texts[-1] in g.publication or texts[0] in g.org_first:
        return True
    for k, t in enumerate(texts):
        if t in {"of", "for"}:
            return k > 0 and texts[k - 1] in g.org_head
    return False


class _Article:
    """Article-wide evidence used to judge single capitalised words."""

    def __init__(self, paras: list[list[Tok]]) -> None:
        self.lower: set[str] = set()
        self.mid_caps: set[str] = set()
        self.plural_acronyms: set[str] = set()
        self.titled: set[str] = set()  # words after a mid-sentence "The": titles of works
        self.after_honorific: set[str] = set()  # "Mr Fox": Fox is a person's surname
        for toks in paras:
            for k, t in enumerate(toks):
                if not t.cap:
                    if t.text.islower():
                        self.lower.add(t.text)
                    continue
                if not t.initial:
                    self.mid_caps.add(t.text)
                if re.fullmatch(r"[A-Z]{2,}s", t.text):
                    self.plural_acronyms.add(t.text[:-1])
                if t.text == "The" and not t.initial and k + 1 < len(toks):
                    self.titled.add(toks[k + 1].text)
                if t.text in _SURNAME_HONORIFICS and k + 1 < len(toks) and toks[k + 1].cap:
                    self.after_honorific.add(toks[k + 1].text)


class _Extractor:
    def __init__(self, paragraphs: list[str]) -> None:
        self.g = gazetteer()
        self.paras = paragraphs
        self.toks = []
        budget = MAX_CHARS
        for p in paragraphs:
            self.toks.append(tokenize(p[: max(budget, 0)]))
            budget -= len(p)
        self.art = _Article(self.toks)
        self.cands: list[Cand] = []
        self.paren_alias: dict[str, str] = {}
        self.lower_acronyms: set[str] = set()
        self.persons_last: dict[str, str] = {}
        self.persons_first: dict[str, str] = {}
        self.countries: set[str] = set()

    # ------------------------------------------------------------------ candidates

    def collect(self) -> None:
        for pi, toks in enumerate(self.toks):
            for i, j in runs(toks, self.g.stop, self.g.org_head):
                self._defined_acronym(pi, toks, i, j)
                self._run(pi, toks, i, j)
            for k, t in enumerate(toks):
                self._special_token(pi, toks, k, t)

    def _special_token(self, pi: int, toks: list[Tok], k: int, t: Tok) -> None:
        g = self.g
        text = t.text
        # `(R-Warren)`: the US convention for a legislator's party and home district.
        if t.cap and re.fullmatch(r"[RDI]-[A-Z][\w.'-]+", text) and prev(toks, k) == "(":
            district = Tok(text[2:], t.start + 2, t.end, True, False)
            self.cands.append(Cand(pi, [district], "place", cues={"district"}))
        # `Paris-based`, `Viacom-owned`: the name part of a compound adjective.
        elif t.cap and _COMPOUND.search(text):
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
        # `the state Senate`: a US state legislature named by its generic name.
        elif text in _LEGISLATURES and prev(toks, k) == "state" and k >= 1:
            self.cands.append(Cand(pi, [toks[k - 1], t], "organization"))
        # `ex-BBC`, `anti-EU`, `pro-Kremlin`: the name after a prefix.
        elif _PREFIXED.match(text):
            cut = text.index("-") + 1
            base = Tok(text[cut:], t.start + cut, t.end, True, bool(_ACRONYM_WORD.fullmatch(text[cut:])))
            self._segment(pi, toks, [base], set())

    def _defined_acronym(self, pi: int, toks: list[Tok], i: int, j: int) -> None:
        """`Five-hundred-meter ... Telescope (FAST)`, `LVMH (LVMHF)`: the bracket names the same thing."""
        n = len(toks)
        if j + 2 < n and toks[j].text == "(" and toks[j + 2].text == ")" and toks[j + 1].cap:
            full = _text(self.paras[pi], toks[i:j])
            if full.startswith(("The ", "the ")):
                full = full[4:]
            if _abbreviates(toks[j + 1].text, full):
                self.paren_alias[toks[j + 1].text] = full
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
            t = _text(self.paras[pi], seg[:k])
            if t in g.regions or t in g.places or t in g.country_of or t in g.seats or t in g.agencies:
                return True
        return False

    def _run(self, pi: int, toks: list[Tok], i: int, j: int) -> None:
        g = self.g
        seg = toks[i:j]
        if len(seg) == 1 and re.fullmatch(r"[RDI]-[A-Z].*", seg[0].text) and prev(toks, i) == "(":
            return
        cues = cues_of(toks, i, j, g)
        # Leading closed-class words ("However", "The", "A") are not part of a name.
        titled_lead = False
        if not self._known_lead(pi, seg):
            while seg and seg[0].text in g.stop and seg[0].text not in g.country_of and not self._joined(seg):
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
        # Post-nominals ("Guy Mansfield QC", "Martin Luther King Jr.") are not part of the name.
        while len(seg) > 1 and seg[-1].text in _POSTNOMINAL:
            seg = seg[:-1]
            j -= 1
        if not seg:
            return
        if titled_lead:
            cues.add("the_cap")
        # A sentence-initial word that is otherwise only lowercase is an ordinary word.
        if seg[0].initial and len(seg) > 1 and self._ordinary_initial(seg[0]) and not self._known_lead(pi, seg):
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
            and toks[j + 1].text not in g.places
        ):
            k = j + 1
            while k < len(toks) and toks[k].cap and not toks[k].initial:
                k += 1
            seg = toks[i:k]
            j = k
        # "Commander-in-Chief of Ukraine": a title and "of" before a name.
        if len(seg) > 2 and (seg[0].text in g.title or seg[0].text in g.role) and seg[1].text in _OF:
            skip = 3 if seg[2].text == "the" else 2
            seg = seg[skip:]
            i += skip
            cues = cues_of(toks, i, j, g)
            if not seg:
                return
        # "Ukraine's Armed Forces": a country's generic body.
        if self._country_body(pi, toks, i, j, seg, cues):
            return
        if j < len(toks):
            nxt = toks[j].text
            core = _text(self.paras[pi], seg)
            place_head = nxt in g.place_lower_head and (nxt != "state" or core in g.places)
            if nxt in g.org_lower_head or place_head:
                seg = [*seg, toks[j]]
                cues.add("lower_head")
                if prev(toks, i) in QUOTES and j + 1 < len(toks) and toks[j + 1].text in QUOTES:
                    cues.add("quoted")
        prefix, name, titled = title_split(seg, g)
        if titled and name and _orgish([t.text for t in name], g) and seg[0].text not in g.honorific:
            prefix, name, titled = seg, [], False  # "General Motors", "Crown Prosecution Service"
        if titled:
            while name and (name[0].text in g.title or name[0].text in g.modifier):
                name = name[1:]
            if prefix:
                self._segment(pi, toks, prefix, cues_of(toks, i, i + len(prefix), g) | {"before_title"})
            if name:
                self._person_from_title(pi, name, cues, seg)
            return
        self._segment(pi, toks, seg, cues)

    def _country_body(self, pi: int, toks: list[Tok], i: int, j: int, seg: list[Tok], cues: set[str]) -> bool:
        g = self.g
        texts = [t.text for t in seg]
        if not all(t in _GENERIC_ORG or t in g.org_head for t in texts) or texts[-1] not in g.org_head:
            owner = toks[i - 2] if i >= 2 and "poss_before" in cues else None
            lone_owner = owner is not None and owner.cap and (i < 3 or not toks[i - 3].cap)
            if lone_owner and texts[-1] in g.org_head and len(texts) > 1 and self._founder(owner):
                # "Barnard's Retail Consulting Group": a founder's name is part of a firm's.
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

    @staticmethod
    def _joined(seg: list[Tok]) -> bool:
        """"Public and Commercial Services Union": the first word is joined to the name."""
        return len(seg) > 1 and seg[1].text in {"and", "&"}

    def _founder(self, owner: Tok | None) -> bool:
        return owner is not None and owner.text not in self.g.country_of and owner.text not in self.g.demonyms

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
        if not name or all(t.text in g.title or t.text in g.modifier or t.text in ROMAN for t in name):
            return
        if len(name) == 1 and (name[0].text in g.country_of or name[0].acronym):
            return
        plain_title = not any(t.text in g.honorific for t in seg)
        word = name[0].text
        if plain_title and len(name) == 1 and (word in g.thing_head or word.lower() in self.art.lower):
            return  # "the General Election": a title word before an ordinary noun
        c = self._add(pi, name, "person", cues | {"titled"})
        if any(t.text in g.honorific for t in seg):
            c.cues.add("honorific")

    def _segment(self, pi: int, toks: list[Tok], seg: list[Tok], cues: set[str]) -> None:
        """Type one title-free segment, splitting off a leading country where it is only a modifier."""
        g = self.g
        texts = [t.text for t in seg]
        full = _text(self.paras[pi], seg)
        if full in g.country_of:
            if full in {"US", "UK"} and toks and self._followed_by_currency(pi, seg[-1]):
                return
            self._add(pi, seg, "country", cues, canon=g.country_of[full])
            return
        if full in g.demonyms:
            return
        if full in g.regions or full in g.places:
            self._add(pi, seg, "unknown", cues)
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
            head = _text(self.paras[pi], seg[:k])
            if head in g.country_of:
                rest = seg[k:]
                if not rest[0].cap:
                    self._add(pi, seg[:k], "country", cues, canon=g.country_of[head])
                    return
                rest_texts = [t.text for t in rest]
                generic_gov = rest_texts == ["Government"] and "lower_after" in cues
                if _orgish(rest_texts, g) and not generic_gov:
                    self._add(pi, seg, "organization", cues)
                else:
                    self._add(pi, seg[:k], "country", cues - {"subject", "say"}, canon=g.country_of[head])
                    if rest_texts[0] not in {"Government"}:
                        self._segment(pi, toks, rest, cues | {"after_country"})
                return
        # "Mike Powell of Dresdner Kleinwort Wasserstein": a person and an affiliation.
        for k, t in enumerate(texts):
            if t in {"of", "for"} and 2 <= k <= 3 and texts[0] in g.given and not _orgish(texts[:k], g):
                self._add(pi, seg[:k], "person", cues)
                self._segment(pi, toks, seg[k + 1 :], {"of_after_name"})
                return
        for demonym_len in (2, 1):
            dem = " ".join(texts[:demonym_len])
            if len(texts) >= demonym_len and dem in g.demonyms:
                if len(texts) > demonym_len and _orgish(texts[demonym_len:], g):
                    self._add(pi, seg, "organization", cues)
                elif len(texts) > demonym_len and texts[demonym_len] in g.given:
                    self._segment(pi, toks, seg[demonym_len:], cues)
                return
        if texts[0] in PARTY and len(texts) == 1:
            self._add(pi, seg, "organization", cues, canon="party:" + self._alias_key(PARTY[texts[0]]))
            return
        # "Fly-half Charlie Hodgson", "Liberal Democrat David Laws": a description before a full name.
        if not _orgish(texts, g) and not seg[0].acronym and texts[0] not in g.given:
            k = next((k for k in range(1, len(texts) - 1) if texts[k] in g.given), 0)
            if k and seg[k + 1].text[:1].isupper() and (seg[0].initial or all(map(self._descriptive, texts[:k]))):
                seg, texts = seg[k:], texts[k:]
                cues = cues | {"described"}
        # A product model after its maker ("Airbus A321"): the maker is the actor.
        if len(seg) > 1 and re.fullmatch(r"[A-Z]{1,3}-?\d+\w*", texts[-1]) and texts[0] not in g.org_first:
            self._add(pi, seg[:-1], "unknown", cues | {"maker"})
            return
        self._add(pi, seg, "unknown", cues)

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

    def classify(self) -> None:
        self.countries = {c.canon for c in self.cands if c.kind == "country"}  # for "the North"
        for c in self.cands:
            c.text = _text(self.paras[c.par], c.toks)
        for c in self.cands:
            if c.kind == "unknown":
                c.kind = self._type_unknown(c)
        # Coordinated with a person ("Jonathan Moyo and Saviour Kasukuwere") makes a person.
        self._coordinate({"maybe_person"}, {"person"})
        for c in self.cands:
            if c.kind == "person" and len(c.toks) > 1:
                self._register_person(c)
        for c in self.cands:
            if c.kind == "maybe_person":
                # "Bin Laden" after "Osama bin Laden"; otherwise too little evidence.
                c.kind = "person" if c.text.casefold() in self.persons_last else "drop"
        self._nicknames()
        singles = [c for c in self.cands if c.kind == "single"]
        for c in singles:
            c.kind = self._type_single(c)
        self._agree(singles)
        # "the likes of Wal-Mart", "Amazon and Alphabet": a bare name listed with a company is one.
        self._coordinate({"weak"}, {"organization", "person"})
        for c in singles:
            if c.kind == "weak":
                c.kind = "drop"
        for c in self.cands:
            if c.kind == "place" and len(c.toks) == 1 and "place_prep" not in c.cues and self._known_surname(c):
                c.kind = "person"  # "Houston" after "John Houston"

    def _coordinate(self, weak: set[str], strong: set[str]) -> None:
        """Give a weakly typed name the type of a name it is listed with ("A and B", "A, B")."""
        by_par: dict[int, list[Cand]] = {}
        for c in self.cands:
            if c.kind in weak or c.kind in strong:
                by_par.setdefault(c.par, []).append(c)
        for cs in by_par.values():
            cs.sort(key=lambda c: c.start)
            for a, b in itertools.pairwise(cs):
                gap = self.paras[a.par][a.end : b.start].strip().removeprefix("'s").removeprefix("\u2019s").strip()
                if gap not in {"and", ",", ", and", "or", "&"}:
                    continue
                if a.kind in strong and b.kind in weak:
                    b.kind = a.kind
                elif b.kind in strong and a.kind in weak:
                    a.kind = b.kind

    def _nicknames(self) -> None:
        """`Moya, nicknamed Charly,`: the nickname is another name of the person just mentioned."""
        last_person: Cand | None = None
        for c in sorted(self.cands, key=lambda c: (c.par, c.start)):
            if last_person is not None and last_person.par != c.par:
                last_person = None
            if c.kind == "person" or (c.kind == "single" and self._known_surname(c)):
                last_person = c
            elif "nickname" in c.cues and last_person is not None and c.kind in {"single", "unknown", "drop"}:
                full = last_person.text
                if len(last_person.toks) == 1:
                    full = self.persons_last.get(full.casefold(), full)
                c.kind = "person"
                c.canon = person_key_text(full)

    def _agree(self, singles: list[Cand]) -> None:
        """One word names one thing in an article: the strongest reading of any mention wins."""
        best: dict[str, str] = {}
        rank = {"person": 3, "organization": 2, "country": 2, "place": 1}
        for c in singles:
            if c.kind in rank and rank[c.kind] > rank.get(best.get(c.text, ""), 0):
                best[c.text] = c.kind
        for c in singles:
            kind = best.get(c.text)
            if kind and c.kind in rank and c.kind != kind and c.kind != "country":
                c.kind = kind

    def _known_surname(self, c: Cand) -> bool:
        return c.text.casefold() in self.persons_last

    def _register_person(self, c: Cand) -> None:
        toks = [t for t in c.toks if t.text not in ROMAN]
        if len(toks) < 2:
            return
        last = toks[-1].text
        self.persons_last.setdefault(last.casefold(), c.text)
        if "-" in last and last.split("-")[0] in {"al", "el"}:
            self.persons_last.setdefault(last.split("-", 1)[1].casefold(), c.text)
        for k, t in enumerate(toks[1:-1], 1):
            if t.text.lower() in {"bin", "ibn", "van", "von", "de", "des", "al"}:
                self.persons_last.setdefault(_text(self.paras[c.par], toks[k:]).casefold(), c.text)
        self.persons_first.setdefault(toks[0].text.casefold(), c.text)

    def _type_unknown(self, c: Cand) -> str:
        g = self.g
        texts = [t.text for t in c.toks]
        cues = c.cues
        first, last = texts[0], texts[-1]
        if c.text in g.seats:
            return "organization" if cues & {"subject", "say", "agent", "poss"} else "place"
        if c.text in g.agencies:
            return "organization"
        if c.text in g.regions:
            return "place"
        if c.text in g.places:
            if c.text in g.capital_of and "say_after" in cues and "place_prep" not in cues:
                c.canon = g.capital_of[c.text]
                return "country"
            return "place"
        if len(texts) == 1:
            return "single"
        if "quoted" in cues:
            return "drop"
        if "lower_head" in cues:
            core = c.text.rsplit(" ", 1)[0]
            if core in g.country_of or first in g.demonyms or core in g.stop:
                return "drop"
            if last in g.place_lower_head:
                return "place"
            if last == "administration":
                named_after = first in g.given or cues & {"the_before", "subject", "agent"}
                return "organization" if named_after else "drop"
            return "organization"
        named = [t for t in texts if t not in ROMAN and not t.isdigit()]
        before_of = next((texts[k - 1] for k in range(1, len(texts)) if texts[k] in _OF), "")
        if any(t.isdigit() for t in texts) or (named and named[-1] in g.thing_head) or before_of in g.thing_head:
            return "drop"  # "World War II", "World Summit on the Information Society"
        if all(t.isupper() and len(t) > 2 for t in texts) and c.text not in g.agencies:
            return "drop"  # "KEY MATCH STATS": a heading in capitals
        if first in g.given and len(texts) == 2 and last in g.place_head and "place_prep" not in cues:
            return "person"  # "Wayne Bridge"
        if last in g.place_head or (first in g.place_head and len(texts) > 2):
            return "organization" if first in g.org_first else "place"
        if _orgish(texts, g) or "&" in texts:
            return "organization"
        if first in g.places and len(texts) == 2 and "place_prep" in cues and "the_before" not in cues:
            return "place"  # "from London Heathrow"
        if first in _FOREIGN_ARTICLE and len(texts) == 2:
            return "organization"
        if any(t.acronym and t.text not in g.non_acronym for t in c.toks) or "maker" in cues:
            return "organization"
        if "the_cap" in cues or cues & {"num_before", "work_before"}:
            return "drop"
        if any(t in {"of", "for"} for t in texts):
            return "organization" if cues & {"agent", "works_at"} else "drop"
        given = first in g.given or first.split("-")[0] in g.given or "described" in cues
        if "comma_place" in cues and not given:
            return "place"  # "Fort Worth, Texas"
        initials = re.fullmatch(r"[A-Z]\.", first) or any(len(t) == 2 and t.endswith(".") for t in texts[1:-1])
        if given or initials or last in self.art.after_honorific:
            return "person"
        if cues & {"the_before", "poss_before", "det_before"}:
            return "drop"
        if cues & {"of_after_name", "works_at", "desc_before", "apposition_org", "role_after"}:
            return "organization"
        if cues & {"role_before", "apposition_role", "who_after"}:
            return "person"
        if "say" in cues:
            return "organization"  # a speaker named without a given name or a role: a company or body
        if "comma_place" in cues or "city_of" in cues:
            return "place"
        if any(t.lower() in self.art.lower and t.lower() not in CONNECT for t in texts):
            return "drop"
        return "maybe_person" if len(texts) <= 3 else "drop"

    def _type_single(self, c: Cand) -> str:
        g, art = self.g, self.art
        tok = c.toks[0]
        t = tok.text
        cues = c.cues
        if t in g.stop or t in g.demonyms or t in g.thing_head or t.lower() in g.role:
            return "drop"
        if t in g.honorific or t in g.title or (t in g.modifier and not tok.acronym):
            return "drop"
        if t in {"North", "South"} and "the_before" in cues:
            target = next((k for k in self.countries if k.startswith(t + " ")), None)
            if target:
                c.canon = target
                c.toks = [*c.toks]
                return "country"
            return "drop"
        only_initial = tok.initial and t not in art.mid_caps and not tok.acronym
        if (
            only_initial
            and t.casefold() not in self.persons_last
            and not cues & {"org_lower_head", "place_lower_head", "titled"}
        ):
            return "drop"
        if "quoted" in cues or "eponym" in cues:
            return "drop"
        if tok.acronym:
            plain = t.replace(".", "")
            if t in self.lower_acronyms:
                return "drop"
            if t in self.paren_alias:
                return "organization"
            if t in g.non_acronym or plain in art.plural_acronyms or (len(plain) > 5 and "agent" not in cues):
                return "drop"
            if t.lower() in art.lower or t.title() in g.stop:
                return "drop"  # "TO HEAD", "A FEMALE healthcare worker": a shouted word, not an acronym
            if re.fullmatch(r"[A-Z]{1,3}\d+", t) and not cues & {"the_before", "det_before"}:
                return "drop"  # "PS2", "A321" are models; "the G8", "her G40 faction" are groups
            return "organization"
        if re.fullmatch(r"[A-Z]{2,}s", t):
            return "drop"  # "GCSEs": a plural acronym is a common noun
        if t.casefold() in self.persons_last or t.casefold() in self.persons_first:
            return "person"
        if "titled" in cues:
            return "person"
        if "district" in cues:
            return "place"
        if t in art.titled or cues & {"work_before", "the_cap", "num_before"}:
            return "drop"
        if re.search(r"-[A-Z]{2,}$", t):
            return "organization"  # "Zanu-PF"
        if t in g.org_head and not tok.initial:
            return "organization" if t in _PROPER_SINGLE_BODIES else "drop"
        if t in g.publication and "the_before" in cues:
            return "organization"  # "the Telegraph", "the Guardian"
        if "place_lower_head" in cues or "city_of" in cues:
            return "place"
        if "org_lower_head" in cues or cues & {"desc_before", "works_at", "of_after_name", "maker", "role_after"}:
            return "organization"
        if cues & {"kin_before"} or ("role_before" in cues and "the_before" not in cues):
            return "person"
        if t.endswith(("ian", "can", "ean", "ese", "ish")) and "the_before" in cues:
            return "drop"  # "the Mallorcan": a demonym used as a noun
        if t.lower() in art.lower or all(p in g.stop for p in t.split("-")):
            return "drop"  # "Children", "Police", "July-September": ordinary words in capitals
        if "place_prep" in cues and not cues & {"subject", "say", "poss"}:
            if t in g.given or t.endswith("s") or "lower_after" in cues or cues & {"at_before", "to_before"}:
                return "drop"
            return "place"
        if t in g.given and cues & {"subject", "say"}:
            return "person"
        if "lower_after" in cues and not cues & {"agent", "poss"}:
            return "drop"  # "Mac mini", "iPod owners": a name used as a modifier
        if cues & {"subject", "say", "agent", "poss"}:
            return "organization"
        return "weak"  # a name with no cue of its own; its neighbours may tell

    def group(self) -> tuple[list[Actor], list[Place]]:
        return group_candidates(self.cands, self.paren_alias, self.persons_last, self.persons_first, self.g)


def extract_entities(paragraphs: list[str]) -> tuple[list[Actor], list[Place]]:
    """Every named person, organization and country (actors) and sub-national or regional place."""
    try:
        ex = _Extractor(paragraphs)
        ex.collect()
        ex.classify()
        return ex.group()
    except Exception:  # extraction must never take the parser down
        return [], []
