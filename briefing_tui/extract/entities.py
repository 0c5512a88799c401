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
from .linking import group_candidates
from .names import Gazetteer, Tok, gazetteer, tokenize
from .runs import PARTY, ROMAN, Cand, cues_of, prev, runs, title_split

_AUX_NEXT = re.compile(r"^[a-z]+ed$")
_FOREIGN_ARTICLE = {"Le", "La", "Les", "El", "Il", "Der", "Die", "Das", "Het", "Los", "Las"}
_GENERIC_ORG = {"Armed", "Air", "Naval", "Special", "Security", "Defence", "Defense", "National", "Border",
                "Foreign", "Interior", "Health", "Finance", "Justice", "State", "Federal", "Central", "Royal"}
_PROPER_SINGLE_BODIES = {"Congress", "Parliament", "Senate", "Knesset", "Duma", "Bundestag", "Politburo"}
_LEGISLATURES = {"Senate", "Assembly", "House", "Legislature"}
_ADMIN_HEADS = {"region", "province", "oblast", "prefecture", "Oblast", "Province", "Region", "Prefecture"}
_KIN = {"wife", "husband", "son", "daughter", "brother", "sister", "mother", "father", "widow"}


def _text(par: str, toks: list[Tok]) -> str:
    return par[toks[0].start : toks[-1].end]


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


class _Extractor:
    def __init__(self, paragraphs: list[str]) -> None:
        self.g = gazetteer()
        self.paras = paragraphs
        self.toks = [tokenize(p) for p in paragraphs]
        self.art = _Article(self.toks)
        self.cands: list[Cand] = []
        self.paren_alias: dict[str, str] = {}
        self.lower_acronyms: set[str] = set()
        self.persons_last: dict[str, str] = {}
        self.persons_first: dict[str, str] = {}

    # ------------------------------------------------------------------ candidates

    def collect(self) -> None:
        for pi, toks in enumerate(self.toks):
            for i, j in runs(toks, self.g.stop):
                self._defined_acronym(pi, toks, i, j)
                self._run(pi, toks, i, j)
            for k, t in enumerate(toks):
                self._special_token(pi, toks, k, t)

    def _special_token(self, pi: int, toks: list[Tok], k: int, t: Tok) -> None:
        g = self.g
        text = t.text
        # `(R-Warren)`: the US convention for a legislator's party and home district.
        if t.cap and re.fullmatch(r"[RDI]-[A-Z][\w.'-]+", text) and prev(toks, k) == "(":
            self.cands.append(Cand(pi, [Tok(text[2:], t.start + 2, t.end, True, False)], "place", cues={"district"}))
        # `Paris-based`: the place part of a compound adjective.
        elif t.cap and text.endswith("-based") and len(text) > 7:
            part = Tok(text[:-6], t.start, t.end - 6, True, False)
            if part.text in g.country_of:
                self.cands.append(Cand(pi, [part], "country", canon=g.country_of[part.text]))
            else:
                self.cands.append(Cand(pi, [part], "place", cues={"based"}))
        # `the state Senate`: a US state legislature named by its generic name.
        elif text in _LEGISLATURES and prev(toks, k) == "state" and k >= 1:
            self.cands.append(Cand(pi, [toks[k - 1], t], "organization"))

    def _defined_acronym(self, pi: int, toks: list[Tok], i: int, j: int) -> None:
        """`Five-hundred-meter ... Telescope (FAST)`, `LVMH (LVMHF)`: the bracket names the same thing."""
        n = len(toks)
        if j + 2 < n and toks[j].text == "(" and toks[j + 2].text == ")" and toks[j + 1].cap:
            full = _text(self.paras[pi], toks[i:j])
            if full.startswith(("The ", "the ")):
                full = full[4:]
            self.paren_alias[toks[j + 1].text] = full
        # `fast radio burst (FRB)`: an acronym spelled out in lowercase is a common noun.
        if j - i == 1 and toks[i].acronym and prev(toks, i) == "(" and j < n and toks[j].text == ")":
            if i >= 2 and toks[i - 2].text.islower():
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
            if t in g.regions or t in g.places or t in g.country_of:
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
            while seg and seg[0].text in g.stop and seg[0].text not in g.country_of:
                if seg[0].text in {"The", "A", "An"} and not seg[0].initial:
                    titled_lead = True
                if seg[0].text in {"The", "A", "An"} and seg[0].initial:
                    cues.add("the_before")
                seg = seg[1:]
                i += 1
        if not seg:
            return
        if titled_lead:
            cues.add("the_cap")
        # A sentence-initial word that is otherwise only lowercase is an ordinary word.
        if seg[0].initial and len(seg) > 1 and self._ordinary_initial(seg[0]) and not self._known_lead(pi, seg):
            seg = seg[1:]
            i += 1
            cues = cues_of(toks, i, j, g) | (cues & {"the_before"})
        # "Commander-in-Chief of Ukraine": a title and "of" before a name.
        if len(seg) > 2 and (seg[0].text in g.title or seg[0].text in g.role) and seg[1].text in {"of", "for"}:
            seg = seg[2:]
            i += 2
            cues = cues_of(toks, i, j, g)
        # "Ukraine's Armed Forces": a country's generic body.
        if self._country_body(pi, toks, i, j, seg, cues):
            return
        if j < len(toks):
            nxt = toks[j].text
            if nxt in g.org_lower_head or (nxt in g.place_lower_head and not (nxt == "state" and len(seg) > 1)):
                seg = seg + [toks[j]]
                cues.add("lower_head")
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

    def _ordinary_initial(self, tok: Tok) -> bool:
        g, t = self.g, tok.text
        if t in g.country_of or t in g.places or t in g.regions or t in g.given or t in g.agencies:
            return False
        if t in g.honorific or t in g.title or tok.acronym or t in g.demonyms:
            return False
        if t in g.stop or t in g.modifier:
            return True
        return t.lower() in self.art.lower or t not in self.art.mid_caps and t.endswith(("ly", "ing", "ed"))

    def _person_from_title(self, pi: int, name: list[Tok], cues: set[str], seg: list[Tok]) -> None:
        g = self.g
        # "Lord Baker of Dorking": the territorial part is not the name.
        for k, t in enumerate(name):
            if t.text in {"of", "for"} and k:
                name = name[:k]
                break
        if not name or all(t.text in g.title or t.text in g.modifier or t.text in ROMAN for t in name):
            return
        if len(name) == 1 and (name[0].text in g.country_of or name[0].acronym):
            return
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
        # Leading country: "UK Independence Party" stays whole, "UK Government official" does not.
        for k in range(min(len(seg) - 1, 4), 0, -1):
            head = _text(self.paras[pi], seg[:k])
            if head in g.country_of:
                rest = seg[k:]
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
        if texts[0] in PARTY:
            if len(texts) == 1:
                self._add(pi, seg, "organization", cues, canon="party:" + PARTY[texts[0]])
                return
            if texts[1] in g.given:  # "Conservative Graham Brady"
                seg, texts = seg[1:], texts[1:]
        # A product model after its maker ("Airbus A321"): the maker is the actor.
        if len(seg) > 1 and re.fullmatch(r"[A-Z]{1,3}-?\d+\w*", texts[-1]) and texts[0] not in g.org_first:
            self._add(pi, seg[:-1], "unknown", cues | {"maker"})
            return
        self._add(pi, seg, "unknown", cues)

    def _followed_by_currency(self, pi: int, tok: Tok) -> bool:
        return self.paras[pi][tok.end : tok.end + 1] in {"$", "\u00a3", "\u20ac"}

    # ------------------------------------------------------------------ typing

    def classify(self) -> None:
        for c in self.cands:
            c.text = _text(self.paras[c.par], c.toks)
        for c in self.cands:
            if c.kind == "unknown":
                c.kind = self._type_unknown(c)
        # Coordinated with a person ("Jonathan Moyo and Saviour Kasukuwere") makes a person.
        by_par: dict[int, list[Cand]] = {}
        for c in self.cands:
            by_par.setdefault(c.par, []).append(c)
        for cs in by_par.values():
            cs.sort(key=lambda c: c.start)
            for a, b in zip(cs, cs[1:], strict=False):
                gap = self.paras[a.par][a.end : b.start].strip()
                if gap in {"and", ",", ", and"}:
                    if a.kind == "person" and b.kind == "maybe_person":
                        b.kind = "person"
                    elif b.kind == "person" and a.kind == "maybe_person":
                        a.kind = "person"
        for c in self.cands:
            if c.kind == "maybe_person":
                c.kind = "drop"
            if c.kind == "person" and len(c.toks) > 1:
                self._register_person(c)
        for c in self.cands:
            if c.kind == "single":
                c.kind = self._type_single(c)

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
            if c.text in g.capital_of and cues & {"subject", "say"} and "place_prep" not in cues:
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
                return "organization" if first in g.given or cues & {"the_before", "subject", "agent"} else "drop"
            return "organization"
        named = [t for t in texts if t not in ROMAN and not t.isdigit()]
        if any(t.isdigit() for t in texts) or (named and named[-1] in g.thing_head):
            return "drop"
        if first in g.places | g.regions and len(texts) == 2 and last not in g.org_head | g.publication:
            return "place"  # "London Heathrow"
        if last in g.place_head or first in g.place_head and len(texts) > 2:
            return "organization" if first in g.org_first else "place"
        if _orgish(texts, g):
            return "organization"
        if first in _FOREIGN_ARTICLE and len(texts) == 2:
            return "organization"
        if any(t.acronym for t in c.toks) or "maker" in cues:
            return "organization"
        if "the_cap" in cues or cues & {"num_before", "work_before"}:
            return "drop"
        if any(t in {"of", "for"} for t in texts):
            return "organization" if cues & {"agent", "works_at"} else "drop"
        given = first in g.given or first.split("-")[0] in g.given
        if given or any(len(t) == 2 and t.endswith(".") for t in texts[1:-1]):
            return "person"
        if cues & {"the_before", "poss_before", "det_before"}:
            return "drop"
        if cues & {"of_after_name", "works_at", "desc_before", "apposition_org"}:
            return "organization"
        if cues & {"role_before", "say", "apposition_role"}:
            return "person"
        return "maybe_person" if len(texts) <= 3 else "drop"

    def _type_single(self, c: Cand) -> str:
        g, art = self.g, self.art
        tok = c.toks[0]
        t = tok.text
        cues = c.cues
        if t in g.stop or t in g.demonyms or t in g.thing_head or t.lower() in g.role:
            return "drop"
        if t in g.honorific or t in g.title or t in g.modifier and not tok.acronym:
            return "drop"
        if t in {"North", "South"} and "the_before" in cues:
            target = next((k for k in g.country_of.values() if k.startswith(t + " ") and k in self._countries), None)
            if target:
                c.canon = target
                c.toks = [*c.toks]
                return "country"
            return "drop"
        if tok.initial and t not in art.mid_caps and t.casefold() not in self.persons_last and not tok.acronym:
            if not cues & {"org_lower_head", "place_lower_head", "titled"}:
                return "drop"
        if "quoted" in cues:
            return "drop"
        if tok.acronym:
            plain = t.replace(".", "")
            if t in self.lower_acronyms:
                return "drop"
            if t in self.paren_alias:
                return "organization"
            if t in g.non_acronym or plain in art.plural_acronyms or (len(plain) > 5 and "agent" not in cues):
                return "drop"
            return "organization"
        if t.casefold() in self.persons_last:
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
        if "org_lower_head" in cues or cues & {"desc_before", "works_at", "of_after_name", "maker"}:
            return "organization"
        if cues & {"kin_before"} or ("role_before" in cues and "the_before" not in cues):
            return "person"
        if t.endswith(("ian", "can", "ean", "ese", "ish")) and "the_before" in cues:
            return "drop"  # "the Mallorcan": a demonym used as a noun
        if "place_prep" in cues and not cues & {"subject", "say"}:
            if t in g.given or t.endswith("s") or "lower_after" in cues:
                return "drop"
            return "place"
        if cues & {"subject", "say", "agent", "poss"}:
            return "organization"
        return "drop"

    def group(self) -> tuple[list[Actor], list[Place]]:
        return group_candidates(self.cands, self.paren_alias, self.persons_last, self.persons_first, self.g)


def extract_entities(paragraphs: list[str]) -> tuple[list[Actor], list[Place]]:
    """Every named person, organization and country (actors) and sub-national or regional place."""
    try:
        ex = _Extractor(paragraphs)
        ex._countries = set()  # filled below so "the North" can find "North Korea"
        ex.collect()
        ex._countries = {c.canon for c in ex.cands if c.kind == "country"}
        ex.classify()
        return ex.group()
    except Exception:  # noqa: BLE001 - extraction must never take the parser down
        return [], []
