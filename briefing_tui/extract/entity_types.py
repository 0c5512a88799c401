"""Typing of candidate names once the whole article has been read.

Multi-word names are typed from their heads, gazetteers and cues; single
words wait until the people are known, so "Moya" can be Carlos Moya's
surname, and then take the strongest reading any of their mentions gets.
"""

from __future__ import annotations

import itertools
import re

from .linking import person_key_text, spelling_stem
from .names import Gazetteer, Tok, is_legal_form, is_surname
from .runs import CONNECT, GENERATION, NUMBERED, OF, QUOTES, Cand

_FOREIGN_ARTICLE = {"Le", "La", "Les", "El", "Il", "Der", "Die", "Das", "Het", "Los", "Las"}
_PROPER_SINGLE_BODIES = {"Congress", "Parliament", "Senate", "Knesset", "Duma", "Bundestag", "Politburo"}
# Particles that open a surname of two words, which is then used on its own ("El Karkouri", "van Gaal").
_SURNAME_PARTICLES = frozenset(
    {"bin", "ibn", "van", "von", "de", "des", "al", "el", "da", "di", "du", "del", "della", "dos", "das", "le", "la"}
)
_SURNAME_HONORIFICS = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr."}


_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")  # "GCSEs", "MPs"
_MODEL_NUMBER = re.compile(r"[A-Z]{1,3}\d+")  # "PS2", "G8"
_ACRONYM_SUFFIX = re.compile(r"-[A-Z]{2,}$")  # "Zanu-PF"


def text_of(par: str, toks: list[Tok]) -> str:
    """The exact paragraph text a token slice covers, so mentions keep the article's own spelling."""
    return par[toks[0].start : toks[-1].end]


def orgish(texts: list[str], g: Gazetteer) -> bool:
    """An organization by its head: last word, the word before "of/for", or a typical first word."""
    if texts[-1] in g.org_head or texts[-1] in g.publication or texts[0] in g.org_first:
        return True
    if len(texts) > 1 and is_legal_form(texts[-1], g):
        return True  # "Brenner Logistik GmbH", "Vale S.A.": a company by its legal form
    for k, t in enumerate(texts):
        if t in {"of", "for"}:
            return k > 0 and texts[k - 1] in g.org_head
    return False


def _word_before(text: str, pos: int) -> str:
    """The last whitespace-separated word of ``text[:pos]`` ("" if none), read back from ``pos`` rather
    than by splitting all the text before it, which for every name of a long paragraph costs the square."""
    end = pos
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


class ArticleEvidence:
    """Article-wide evidence used to judge single capitalised words."""

    def __init__(self, paras: list[list[Tok]]) -> None:
        self.lower: set[str] = set()
        self.alone: set[str] = set()  # filled by the extractor once runs are known
        self.plural_acronyms: set[str] = set()
        self.titled: set[str] = set()  # words after a mid-sentence "The": titles of works
        self.after_honorific: set[str] = set()  # "Mr Fox": Fox is a person's surname
        for toks in paras:
            for k, t in enumerate(toks):
                if not t.cap:
                    if t.text.islower():
                        self.lower.add(t.text)
                    continue
                if _PLURAL_ACRONYM.fullmatch(t.text):
                    self.plural_acronyms.add(t.text[:-1])
                if t.text == "The" and not t.initial and k + 1 < len(toks):
                    self.titled.add(toks[k + 1].text)
                if t.text in _SURNAME_HONORIFICS and k + 1 < len(toks) and toks[k + 1].cap:
                    self.after_honorific.add(toks[k + 1].text)


# One word made of two or more capitalised parts, as companies and outlets coin names ("DaimlerChrysler",
# "PolitiFact"); surnames with a particle written the same way ("McDonald", "DeSantis", "LeBron") are not.
_CAMEL_NAME = re.compile(r"[A-Z][a-z]{2,}(?:[A-Z][a-z]+)+")
_CAMEL_SURNAME = re.compile(r"(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz|St)[A-Z]")
# A game's report: a score ("2-1", "24-20") and a word of sport somewhere in the article.
_SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b")
_SPORT_WORDS = re.compile(
    r"\b(?:match|game|goal|season|league|cup|coach|manager|striker|quarterback|innings|fixture)s?\b"
)
# What comes before a side in a game or a transfer ("a win over", "the replay against", "poised to join", "v"),
# or after it: its score ("Leeds 2-1").
_SIDE_BEFORE = re.compile(
    r"\b(?:against|beat|beats|beating|defeated|lost to|losing to|(?:draw|drew|game|match|tie|clash) with"
    r"|(?:win|victory) (?:over|against)|joined|join|signed for|sign for|playing for|played for|v|vs\.?)\s+(?:the\s+)?$"
)
_SCORE_AFTER = re.compile(r"\s+\d{1,3}-\d{1,3}\b")
_VENUE_BEFORE = re.compile(r"\b(?:at|in|on)\s+(?:the\s+)?$")
# An inquiry's object after "into": "an investigation into Burisma", "investigations, including into Acme".
_INQUIRY_INTO = re.compile(
    r"\b(?:investigat\w*|probes?|probing|inquir(?:y|ies)|enquir(?:y|ies)|audits?|review)(?:,?\s+including)?"
    r"\s+into\s+(?:the\s+)?$"
)
_HANDLE_PART = re.compile(r"[A-Z][a-z'\u2019-]*")
_SOURCE_BEFORE_NAME = re.compile(r"\b(?:[Aa]ccording to|told)\s+(?:the\s+)?$")
# A verb or noun of going before "to": what follows is where ("had to travel to Llanelli", "a trip to Hove").
_MOVED_TO = re.compile(
    r"\b(?:travel\w*|moved?|moving|flew|fly|flying|fled|flee\w*|drove|driven|return\w*|relocat\w*|trips?|journey\w*"
    r"|commut\w*|emigrat\w*|deport\w*|evacuat\w*|transferred|sent|bused|shipped)\s+to\s+$"
)
# Words that open a place's name before a family name or a saint's ("St Andrews", "Fort Worth").
_PLACE_PREFIXES = frozenset({"St", "St.", "Saint", "Ste", "Fort", "Ft", "Ft.", "San", "Santa", "Mt", "Mt."})
_SOURCE_BEFORE = re.compile(r"\b(?:[Aa]ccording to|told|tells) The\s+$")
# Heads of names of buildings whose bodies are also actors: a place where the text only puts
# something inside or at it.
_BUILDINGS = frozenset({"Embassy", "Consulate", "Church", "Cathedral", "Mosque", "Synagogue", "Temple", "University",
                        "Hospital", "Stadium", "Arena"})
_CAPITALISED_NEXT = re.compile(r" [A-Z][a-z]")
# Heads of street names: after a given name they still name a street, not a person ("George Street").
_STREETS = frozenset({"Street", "Road", "Avenue", "Square"})
# Heads of venue names that are also heads of bodies' names ("Pew Research Center"): a place only in
# a short name where something happens.
_VENUES = frozenset({"Center", "Centre"})
# Kinds of natural feature written before the name.
_FEATURES = frozenset({"Loch", "Lough", "Lake", "Mount", "Mt.", "River", "Isle", "Cape"})


class Typer:
    """Typing half of the extractor; the collecting half (entities.py) fills these attributes."""

    g: Gazetteer
    art: ArticleEvidence
    paras: list[str]
    cands: list[Cand]
    paren_alias: dict[str, str]
    lower_acronyms: set[str]
    persons_last: dict[str, str]
    persons_first: dict[str, str]
    countries: set[str]
    surname_stems: set[str]

    _capitals_acting: set[str] | None = None

    def classify(self) -> None:
        self.countries = {c.canon for c in self.cands if c.kind == "country"}  # for "the North"
        for c in self.cands:
            c.text = text_of(self.paras[c.par], c.toks)
        for c in self.cands:
            if c.kind == "unknown":
                c.kind = self._type_unknown(c)
        # Coordinated with a person ("Jonathan Moyo and Saviour Kasukuwere") makes a person.
        self._coordinate({"maybe_person"}, {"person"})
        self._listed_with_bodies()
        for c in self.cands:
            if c.kind == "person" and len(c.toks) > 1:
                self._register_person(c)
        # A full name whose last word is later used on its own ("Shaq Vann ... Vann said") is a person
        # named in the news way, full name first and surname after, whether or not the given name is known.
        alone_later = {
            c.text
            for c in self.cands
            if c.kind == "single"
            and not c.toks[0].acronym
            and not _PLURAL_ACRONYM.fullmatch(c.text)  # "MPs would get…" is not "Lib Dem MPs" as a surname
            and c.cues & {"say", "subject", "poss"}
        }
        for c in self.cands:
            first = c.toks[0]
            opener = first.initial and (first.text.lower() in self.art.lower or first.text.endswith("ing"))
            opener = opener or first.text in _FOREIGN_ARTICLE  # "At La Fenice Viotti was acclaimed"
            # "Google Stadia ... Stadia is", "Europa Clipper ... Clipper will": the first word is a name of
            # its own (standing alone elsewhere, or a moon's), so the pair is its product, no person.
            opener = opener or first.text in self.art.alone or first.text in self.g.celestial
            if c.kind == "maybe_person" and not opener and (c.toks[-1].text in alone_later or self._surnamed(c)):
                c.kind = "person"
                self._register_person(c)
        for c in self.cands:
            full = self.persons_last.get(c.text.casefold(), c.text) if len(c.toks) > 1 else c.text
            if c.kind in {"organization", "drop"} and not c.canon and full != c.text:
                c.kind = "person"  # "Van Der Beek said", after "James Van Der Beek": his surname, not a body
        for c in self.cands:
            if c.kind == "maybe_person":
                # "Bin Laden" after "Osama bin Laden"; otherwise too little evidence.
                c.kind = "person" if c.text.casefold() in self.persons_last else "drop"
        self._nicknames()
        self.surname_stems = {spelling_stem(k) for k in self.persons_last if len(k) >= 6}
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
        self._teams_named_after_towns()

    def _teams_named_after_towns(self) -> None:
        """ "an emphatic win over Aberdeen", "Weir is poised to join Sunderland", "Newcastle v Tottenham": in a
        report of a game, a town named as a side that is played, beaten or joined is its club, an actor, at
        every mention."""
        places = [c for c in self.cands if c.kind == "place"]
        if not places or not any(_SCORE.search(p) for p in self.paras):
            return
        if not any(_SPORT_WORDS.search(p) for p in self.paras):
            return
        teams = set()
        for c in places:
            par = self.paras[c.par]
            # "won the first leg at Stamford Bridge 3-1": a score after a venue is the game's, not the side's.
            scored = _SCORE_AFTER.match(par, c.end) and not _VENUE_BEFORE.search(par, max(0, c.start - 12), c.start)
            if _SIDE_BEFORE.search(par, max(0, c.start - 30), c.start) or scored:
                teams.add(c.text)
        for c in places:
            if c.text in teams:
                c.kind = "organization"

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
                if gap not in {"and", ",", ", and", "or", "&", "and the", ", the", "or the"}:
                    continue  # "the Hornets and the Lakers": each with its article
                if a.kind in strong and b.kind in weak:
                    b.kind = a.kind
                elif b.kind in strong and a.kind in weak:
                    a.kind = b.kind

    def _listed_with_bodies(self) -> None:
        """ "Astrobotic, Intuitive Machines, Lockheed Martin and OrbitBeyond": a name in a list of three or
        more that holds at least two bodies is a body too, given name or not."""
        by_par: dict[int, list[Cand]] = {}
        for c in self.cands:
            if c.kind in {"maybe_person", "organization", "person", "country"}:
                by_par.setdefault(c.par, []).append(c)
        for cs in by_par.values():
            cs.sort(key=lambda c: c.start)
            chain: list[Cand] = []
            for c in [*cs, None]:
                if c is not None and chain:
                    gap = self.paras[c.par][chain[-1].end : c.start].strip()
                    if gap in {",", ", and", "and", ", or", "or"}:
                        chain.append(c)
                        continue
                if len(chain) >= 3 and sum(x.kind == "organization" for x in chain) >= 2:
                    for x in chain:
                        if x.kind == "maybe_person":
                            x.kind = "organization"
                chain = [c] if c is not None else []

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

    def _surnamed(self, c: Cand) -> bool:
        """ "Nerlens Noel had 15", "Hoagy Carmichael's ballad": two or three capitalised words that end in a
        common family name and hold no word the article writes in lower case are a person's name, though
        the given name is in no list ("Plasma Blue", "Hosting Cook" are not). Two family names are a firm
        named after its founders ("Merrill Lynch", "Goldman Sachs"), so the first word must not be one."""
        g = self.g
        if not 2 <= len(c.toks) <= 3 or not is_surname(c.toks[-1].text, g) or is_surname(c.toks[0].text, g):
            return False
        first = c.toks[0].text
        if first in g.place_head or first in _PLACE_PREFIXES or first in g.places or first in g.demonyms:
            return False  # "St Andrews", "Port Talbot", "Mount Kenya", "London Irish": a place or a club
        if any(not p.isalpha() or p[:1].islower() for t in c.toks[:-1] for p in t.text.split("-")):
            return False  # "Third-placed Everton"
        return not any(t.text.lower() in self.art.lower or t.text.endswith(("ing", "ly")) for t in c.toks)

    def _known_surname(self, c: Cand) -> bool:
        return c.text.casefold() in self.persons_last

    def _register_person(self, c: Cand) -> None:
        toks = [t for t in c.toks if t.text not in GENERATION]
        if len(toks) < 2:
            return
        last = toks[-1].text
        self.persons_last.setdefault(last.casefold(), c.text)
        if "-" in last and last.split("-")[0] in {"al", "el"}:
            self.persons_last.setdefault(last.split("-", 1)[1].casefold(), c.text)
        for k, t in enumerate(toks[1:-1], 1):
            if t.text.lower() in _SURNAME_PARTICLES:
                self.persons_last.setdefault(text_of(self.paras[c.par], toks[k:]).casefold(), c.text)
        self.persons_first.setdefault(toks[0].text.casefold(), c.text)

    def _type_unknown(self, c: Cand) -> str:
        g = self.g
        texts = [t.text for t in c.toks]
        cues = c.cues
        first, last = texts[0], texts[-1]
        if c.text in g.seats:
            # "at the White House" is where something happens; "White House advisers", "concern to the
            # White House", "the White House said" are the office that acts.
            if cues & {"subject", "say", "agent", "poss", "to_before", "role_after"}:
                return "organization"
            # "at the White House", "Mugabe's Blue House": where something happens, or whose residence.
            return "place" if cues & {"place_prep", "poss_before"} or self._quoted(c) else "organization"
        if c.text in g.agencies:
            return "organization"
        if c.text in g.regions or "constituency" in cues:
            return "place"
        if c.text in g.places and "team_role_after" in cues and c.text not in g.regions:
            return "organization"  # "Gloucester centre Henry Paul": a club named after its town
        if c.text in g.cities and self._town_acts(c):
            pass  # "Toyota put its rise in sales down to…": a company that shares a town's name
        elif c.text in g.places:
            if "before_title" in cues and c.text not in g.capital_of:
                return "drop"  # "the New York State Attorney General": the office's jurisdiction, no place named
            if c.text in g.capital_of and "say_after" in cues and "place_prep" not in cues:
                c.canon = g.capital_of[c.text]
                return "country"
            if c.text in g.capital_of and c.text in self._acting_capitals():
                c.canon = g.capital_of[c.text]
                return "country"  # "after Beijing invaded", "Beijing is balking": the government, so every mention
            return "place"
        if len(texts) == 1:
            return "single"
        if "quoted" in cues:
            return "drop"
        if "lower_head" in cues:
            core = c.text.rsplit(" ", 1)[0]
            if core in g.country_of or first in g.demonyms or core in g.stop:
                return "drop"
            par = self.paras[c.par]
            indefinite = _word_before(par, c.toks[0].start).lower() in {"a", "an", "another"}
            if indefinite or _CAPITALISED_NEXT.match(par, c.toks[-1].end):
                # "a Hollywood newspaper", "Hollywood newspaper Daily Variety": a description, not a name;
                # a place in it still says where.
                if core in g.places or core in g.regions:
                    c.toks = c.toks[:-1]
                    c.text = core
                    c.cues.discard("lower_head")
                    return "place"
                return "drop"
            if last in g.place_lower_head:
                return "place"
            if last == "administration":
                named_after = first in g.given or cues & {"the_before", "subject", "agent"}
                return "organization" if named_after else "drop"
            return "organization"
        if last.isdigit() and texts[-2] in NUMBERED:
            return "organization"  # "BBC Radio 4", "Channel 4"
        named = [t for t in texts if t not in GENERATION and not t.isdigit()]
        before_of = next((texts[k - 1] for k in range(1, len(texts)) if texts[k] in OF), "")
        if any(t.isdigit() for t in texts) or (named and named[-1] in g.thing_head) or before_of in g.thing_head:
            return "drop"  # "World War II", "World Summit on the Information Society"
        if all(t.isupper() and len(t) > 2 for t in texts) and c.text not in g.agencies:
            return "drop"  # "KEY MATCH STATS": a heading in capitals
        if first in g.given and len(texts) == 2 and last in g.publication and "the_before" not in cues:
            return "person"  # "Jim Courier", not a newspaper
        if last in g.place_head and "role_after" in cues and "place_prep" not in cues and last not in _STREETS:
            return "organization"  # "Nottingham Forest manager Gary Megson": a club; "Wall Street analysts": a place
        if (
            first in g.given
            and len(texts) == 2
            and last in g.place_head
            and last not in _STREETS  # "the building on George Street"
            and not cues & {"place_prep", "comma_place"}  # "Marin County, Calif."
            and not ("lower_after" in cues and self._after_determiner(c))
        ):
            return "person"  # "Wayne Bridge", but not "a Beverly Hills park"
        if first in _FEATURES and len(texts) == 2 and not cues & {"say", "subject", "poss"}:
            return "place"  # "Loch Lomond", "Lake Geneva", "Mount Kenya": a feature named by its kind first
        if last in _VENUES and len(texts) == 2 and "the_before" not in cues and cues & {"place_prep", "place_poss"}:
            return "place"  # "at Staples Center", "San Francisco's Moscone Center": a venue, not "the Pew Center"
        if last in _BUILDINGS and len(texts) > 1 and self._only_where(c):
            return "place"  # "inside the Polytechnic University", "out of the Ecuadorean Embassy": where it happens
        if last in g.place_head or (first in g.place_head and len(texts) > 2 and last not in g.org_head):
            return "organization" if first in g.org_first else "place"
        if orgish(texts, g) or "&" in texts:
            return "organization"
        if first in g.places and len(texts) == 2 and "place_prep" in cues and "the_before" not in cues:
            return "place"  # "from London Heathrow"
        if first in _FOREIGN_ARTICLE and len(texts) == 2 and "within" in cues and not cues & {"say", "subject", "poss"}:
            return "place"  # "a camp in La Manga", "lives in Los Altos": inside it, so a place
        if first in _FOREIGN_ARTICLE and len(texts) == 2:
            # "Le Monde reported", "Milan's La Scala", "at La Fenice": a body acts, is owned or is a venue;
            # "followed by La Boheme, La Traviata": titles of works listed with no such role are not actors.
            institution = {"say", "subject", "poss", "poss_before", "place_prep", "desc_before", "works_at"}
            institution.add("interviewer")
            return "organization" if cues & institution else "drop"
        if self._initials_and_surname(c):
            return "person"  # "JK Rowling", "PJ Harvey": initials written without dots, then a surname
        if any(t.acronym and t.text not in g.non_acronym for t in c.toks) or "maker" in cues:
            return "organization"
        if "the_cap" in cues or cues & {"num_before", "work_before"}:
            return "drop"
        if any(t in {"of", "for"} for t in texts):
            # "chairman of the Joint Chiefs of Staff": a post's body
            return "organization" if cues & {"agent", "works_at", "speaks_for"} else "drop"
        given = first in g.given or first.split("-")[0] in g.given or "described" in cues
        if "comma_place" in cues and not given:
            return "place"  # "Fort Worth, Texas"
        initials = re.fullmatch(r"[A-Z]\.", first) or any(len(t) == 2 and t.endswith(".") for t in texts[1:-1])
        if given or initials or last in self.art.after_honorific:
            return "person"
        if cues & {"the_before", "det_before"}:
            return "drop"
        if "poss_before" in cues:
            # "Birmingham's Sion Simon": a place's or a club's person, named with a family name.
            return "maybe_person" if self._surnamed(c) else "drop"
        if cues & {"of_after_name", "works_at", "desc_before", "apposition_org", "role_after", "interviewer"}:
            return "organization"
        if cues & {"role_before", "apposition_role", "who_after"}:
            return "person"
        if "say" in cues:
            return "organization"  # a speaker named without a given name or a role: a company or body
        if "agent" in cues and _SOURCE_BEFORE_NAME.search(self.paras[c.par], max(0, c.start - 20), c.start):
            return "organization"  # "according to Box Office Mojo", "told Capital Radio": a source, a body
        if "comma_place" in cues or "city_of" in cues:
            return "place"
        if any(t.lower() in self.art.lower and t.lower() not in CONNECT for t in texts):
            return "drop"
        if "apposition_someone" in cues and len(texts) <= 3 and not c.toks[0].initial and "place_prep" not in cues:
            return "person"
        return "maybe_person" if len(texts) <= 3 else "drop"

    def _acting_capitals(self) -> set[str]:
        """Capitals that act somewhere in the article ("after Washington invaded", "Beijing is balking at",
        "Beijing also wants"): a verb follows with no preposition before, so the name is a government's."""
        if self._capitals_acting is None:
            acting: set[str] = set()
            for c in self.cands:
                if c.text not in self.g.capital_of or len(c.toks) != 1 or c.cues & {"place_prep", "poss_before"}:
                    continue
                after = self.paras[c.par][c.toks[-1].end : c.toks[-1].end + 40].split()[:2]
                if len(after) > 1 and after[0] in {"also", "has", "had", "is", "was", "have"}:
                    word = after[1]
                    verb = word.isalpha() and word.islower() and (after[0] == "also" or word.endswith(("ed", "ing")))
                else:
                    verb = bool(after) and after[0].isalpha() and after[0].islower() and after[0].endswith("ed")
                if verb:
                    acting.add(c.text)
            self._capitals_acting = acting
        return self._capitals_acting

    def _initials_and_surname(self, c: Cand) -> bool:
        """Two capitals that never stand alone in the article, then one plain word that names no body,
        place or country: a person's initials and surname, as British papers write them."""
        if len(c.toks) != 2 or not re.fullmatch(r"[A-Z]{2}", c.toks[0].text):
            return False
        g = self.g
        initials, word = c.toks[0].text, c.toks[1].text
        if initials in self.art.alone or initials in g.country_of or initials in g.agencies:
            return False
        if not re.fullmatch(r"[A-Z][a-z]+(?:['\u2019-][A-Z][a-z]+)?", word) or word.lower() in self.art.lower:
            return False
        known = word in g.org_head or word in g.publication or word in g.place_head or word in g.places
        return not (known or word in g.country_of or word in g.regions or word in g.thing_head or word in g.stop)

    def _only_where(self, c: Cand) -> bool:
        """Every mention of this name places something in it ("inside the X", "at X", "out of the X") and
        none acts, speaks, owns or employs."""
        acts = {"say", "subject", "poss", "agent", "works_at", "role_after", "desc_before", "speaks_for"}
        acts.add("of_after_name")
        mentions = [o for o in self.cands if o.text == c.text] or [c]
        for o in mentions:
            if o.cues & acts:
                return False
            before = _word_before(self.paras[o.par], o.toks[0].start)
            if before in {"the", "The"}:
                before = _word_before(self.paras[o.par], o.toks[0].start - 4)
            if c.toks[-1].text == "University":  # "a fellow at Harvard University": a body one works at
                if not (o.cues & {"within"} or before in {"inside", "outside"}):
                    return False
            elif not (o.cues & {"within", "at_before"} or before in {"of", "inside", "outside", "at"}):
                return False
        return True

    def _town_acts(self, c: Cand) -> bool:
        """A town's name that acts, speaks or owns with nothing placing it, or an ordinary word the
        article also writes in lowercase ("Orange", "Enterprise"), is not read as the town."""
        if any(t.text.lower() in self.art.lower for t in c.toks):
            return True
        # One name, one reading per article: "Toyota sales jumped" is the carmaker that "put its rise…".
        for other in self.cands:
            if other.text != c.text:
                continue
            where = other.cues & {"place_prep", "comma_place", "city_of", "based"}
            if not where and other.cues & {"subject", "say", "poss", "agent", "desc_before", "works_at"}:
                return True
        return False

    def _named_speaker(self, t: str, cues: set[str]) -> bool:
        """A sentence-opening word that speaks ("Audi said"), never written in lowercase: a name.

        Plural common nouns ("Analysts said", "Residents say") are capitalised only because they open
        the sentence, so a word ending in "s" needs more than this."""
        if "say_after" not in cues or t.endswith("s") or not t.isalpha():
            return False
        return t.lower() not in self.art.lower and t.lower() not in self.g.role

    def _after_determiner(self, c: Cand) -> bool:
        """The name follows an article or possessive ("a Beverly Hills park"), so it modifies a noun."""
        before = _word_before(self.paras[c.par], c.toks[0].start)
        return before.lower() in {"a", "an", "the", "his", "her", "its", "their", "this"}

    def _quoted(self, c: Cand) -> bool:
        par = self.paras[c.par]
        return par[c.toks[0].start - 1 : c.toks[0].start] in QUOTES

    def _lowercase_around(self, c: Cand) -> bool:
        """The words either side are in lowercase ("per the WHO, is"), so capitals here are no shouting."""
        par = self.paras[c.par]
        before = par[max(0, c.toks[0].start - 20) : c.toks[0].start].split()
        after = par[c.toks[-1].end : c.toks[-1].end + 20].split()
        return bool(before) and before[-1].islower() and (not after or not after[0].isupper())

    def _told_or_according(self, c: Cand) -> bool:
        """ "according to The Wrap", "told The Hill": the name a source is given as, or one told something."""
        before = self.paras[c.par][max(0, c.toks[0].start - 30) : c.toks[0].start]
        return bool(_SOURCE_BEFORE.search(before))

    def _named_plural(self, c: Cand) -> bool:
        """ "the Hornets", mid-sentence: a plural name that is no ordinary plural (never lowercase here), no
        family (no person of that surname) and no people (no demonym) names a team, a band or a party."""
        tok = c.toks[0]
        t = tok.text
        if tok.initial or tok.acronym or "the_before" not in c.cues or not t.isalpha():
            return False
        if not t.endswith("s") or t.endswith(("ss", "us", "is", "ics")) or len(t) < 5:
            return False
        g = self.g
        stem = t[:-3] + "y" if t.endswith("ies") else t[:-1]
        if t in g.regions or t in g.places or t in g.country_of or stem in g.demonyms or t in g.demonyms:
            return False
        if stem in g.org_head or stem in g.place_head or stem in g.thing_head or stem in g.title:
            return False  # "the Embassies", "the Ministries": a kind of body in capitals, not one body
        if t.lower() in self.art.lower or stem.lower() in self.art.lower:
            return False
        return t[:-1].casefold() not in self.persons_last

    def _type_single(self, c: Cand) -> str:
        g, art = self.g, self.art
        tok = c.toks[0]
        t = tok.text
        cues = c.cues
        if self.paras[c.par][tok.start - 1 : tok.start] == "@":
            # "@MattBevin" after "Matt Bevin": the person's handle, another name of theirs.
            parts = _HANDLE_PART.findall(t)
            full = self.persons_last.get(parts[-1].casefold(), "") if len(parts) > 1 else ""
            if full and full.replace(" ", "").casefold() == t.casefold():
                c.canon = person_key_text(full)
                return "person"
        if t in g.stop or t in g.demonyms or t in g.thing_head or t.lower() in g.role:
            return "drop"
        if t in g.celestial and "say" not in cues:
            return "drop"  # "Jupiter's moon Europa"; "Mars said" is the company
        if (not tok.initial or t in art.alone) and any(t in names for names in g.org_aliases):
            return "organization"  # "Labour", "GOP": a party's short name
        if t in g.honorific or t in g.title or (t in g.modifier and not tok.acronym):
            return "drop"
        if t in {"North", "South"} and "the_before" in cues:
            target = next((k for k in self.countries if k.startswith(t + " ")), None)
            if target:
                c.canon = target
                c.toks = [*c.toks]
                return "country"
            return "drop"
        only_initial = tok.initial and t not in art.alone and not tok.acronym
        if (
            only_initial
            and t.casefold() not in self.persons_last
            and not cues & {"org_lower_head", "place_lower_head", "titled"}
            and not self._named_speaker(t, cues)
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
            shouted = t.lower() in art.lower or t.title() in g.stop
            if shouted and not (cues & {"the_before", "agent"} and self._lowercase_around(c)):
                return "drop"  # "TO HEAD", "A FEMALE healthcare worker": a shouted word, not an acronym
            if _MODEL_NUMBER.fullmatch(t) and not cues & {"the_before", "det_before"}:
                return "drop"  # "PS2", "A321" are models; "the G8", "her G40 faction" are groups
            return "organization"
        if _PLURAL_ACRONYM.fullmatch(t):
            return "drop"  # "GCSEs": a plural acronym is a common noun
        family = {t[:-1].casefold(), t[:-2].casefold()} if t.endswith("es") else {t[:-1].casefold()}
        if t.endswith("s") and family & self.persons_last.keys() and t.casefold() not in self.persons_last:
            return "drop"  # "the Beckhams", "the Joneses": a family named after a person, not a new actor
        if t.casefold() in self.persons_last or t.casefold() in self.persons_first:
            return "person"
        if len(t) >= 6 and spelling_stem(t.casefold()) in self.surname_stems:
            return "person"  # "Zelenskiy" after "Volodymyr Zelensky"
        if "titled" in cues:
            return "person"
        tagged = self.paras[c.par][tok.start - 1 : tok.start] in {"#", "@"}  # a hashtag or a handle
        if _CAMEL_NAME.fullmatch(t) and not _CAMEL_SURNAME.match(t) and t.lower() not in art.lower and not tagged:
            return "organization"  # "DaimlerChrysler", "PolitiFact", "OrbitBeyond": a firm's or brand's coinage
        if cues & {"district", "constituency"} or ("near_after" in cues and not cues & {"say", "subject", "poss"}):
            return "place"
        if "place_poss" in cues and t not in g.given and not cues & {"say", "subject", "role_after"}:
            return "place"
        if "the_cap" in cues and self._told_or_according(c) and not cues & {"work_before", "num_before"}:
            return "organization"  # "according to The Wrap", "told The Hill": an outlet named with its "The"
        if t in art.titled or cues & {"work_before", "the_cap", "num_before"}:
            return "drop"
        if _ACRONYM_SUFFIX.search(t):
            return "organization"  # "Zanu-PF"
        if t in g.org_head and not tok.initial:
            return "organization" if t in _PROPER_SINGLE_BODIES else "drop"
        if t in g.publication and "the_before" in cues:
            return "organization"  # "the Telegraph", "the Guardian"
        if "place_lower_head" in cues or "city_of" in cues:
            return "place"
        if "org_lower_head" in cues or cues & {"desc_before", "works_at", "of_after_name", "maker", "role_after"}:
            return "organization"
        if "speaks_for" in cues and t not in g.given and t not in g.places:
            return "organization"
        if cues & {"kin_before"} or ("role_before" in cues and "the_before" not in cues):
            return "person"
        if t.endswith(("ian", "can", "ean", "ese", "ish")) and "the_before" in cues:
            return "drop"  # "the Mallorcan": a demonym used as a noun
        if t.lower() in art.lower or all(p in g.stop for p in t.split("-")):
            return "drop"  # "Children", "Police", "July-September": ordinary words in capitals
        if "apposition_place" in cues and not cues & {"say", "poss"}:
            return "place"
        within = "within" in cues and "say" not in cues and "poss" not in cues  # "in Woking is", not "in X said"
        if "place_prep" in cues and (within or not cues & {"subject", "say", "poss", "agent"}):
            plural = t.endswith("s") and not t.endswith(("ss", "us", "is"))  # "Kinross" is no plural
            modifier = "lower_after" in cues and "prep_after" not in cues
            generic = t in g.place_head  # "T in the Park": a bare "Park" names no place
            moved = "to_before" in cues and _MOVED_TO.search(self.paras[c.par], max(0, tok.start - 30), tok.start)
            if t in g.given or plural or modifier or generic or (cues & {"at_before", "to_before"} and not moved):
                return "drop"
            if _INQUIRY_INTO.search(self.paras[c.par], max(0, tok.start - 40), tok.start):
                return "organization"  # "investigations into Burisma": what is looked into is no place
            return "place"
        if t in g.given and cues & {"subject", "say"}:
            return "person"
        modifier = "lower_after" in cues and "prep_after" not in cues
        if not modifier and self._named_plural(c):
            return "organization"  # "played for the Hornets", "toured with the Ramblers": a team or a band
        if "lower_after" in cues and not cues & {"agent", "poss"}:
            return "drop"  # "Mac mini", "iPod owners": a name used as a modifier
        if cues & {"subject", "say", "agent", "poss"}:
            return "organization"
        return "weak"  # a name with no cue of its own; its neighbours may tell
