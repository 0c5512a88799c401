"""Capitalised runs, their context cues and title splitting, for the entity extractor.

A run is the unit a name can be: consecutive capitalised tokens, joined by
name particles (de, van, bin) and by of/for (+ the), and by "and" only inside
an "X for A and B" body name, so "Germany and France" stays two runs.

A run stops at ``MAX_RUN`` tokens, far more than any name has: what is done with a
run (stripping titles, splitting off countries, affiliations) costs time in its length,
so a paragraph of ten thousand capitalised words is read as many runs, not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .names import Gazetteer, Tok, is_legal_form

CONNECT = {
    "de",
    "des",
    "du",
    "da",
    "di",
    "del",
    "della",
    "van",
    "von",
    "den",
    "der",
    "ter",
    "bin",
    "ibn",
    "y",
    "le",
    "la",
    "dos",
    "das",
    "el",
    "al",
    "zu",
}
OF = {"of", "for"}
# Broadcasters' channels are named by a number ("Radio 4", "Channel 4", "TV 2").
NUMBERED = {"Radio", "Channel", "TV"}
POSS = {"'s", "\u2019s"}
QUOTES = {'"', "\u201c", "\u201d", "\u2018", "\u2019", "'", "\u00ab", "\u00bb"}
ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI"}
# Generational suffixes: part of a person's full name ("James P. Kennedy Jr."), never the surname.
GENERATION = ROMAN | {"Jr", "Jr.", "Sr", "Sr."}
PARTY = {
    "Republican": "Republicans",
    "Democrat": "Democrats",
    "Conservative": "Conservatives",
    "Tory": "Tories",
    "Liberal": "Liberals",
    "Socialist": "Socialists",
    "Communist": "Communists",
}
SAY = {
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "reported",
    "reports",
    "announced",
    "announces",
    "warned",
    "warns",
    "claimed",
    "claims",
    "insisted",
    "insists",
    "denied",
    "denies",
    "confirmed",
    "confirms",
    "stated",
    "wrote",
    "writes",
    "noted",
    "notes",
    "argued",
    "argues",
    "urged",
    "urges",
    "agreed",
    "agrees",
    "declined",
    "declared",
    "describes",
    "described",
    "explained",
    "explains",
    "admitted",
    "admits",
    "quoted",
    "thanked",
    "vowed",
    "accused",
    "responded",
    "replied",
    "commented",
    "tweeted",
    "posted",
    "acknowledged",
    "asked",
}
AUX = {
    "has",
    "had",
    "have",
    "is",
    "was",
    "are",
    "were",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "does",
    "did",
    "plans",
    "expects",
    "hopes",
    "wants",
    "earned",
    "paid",
    "gave",
    "launched",
    "sold",
    "bought",
    "made",
    "makes",
    "took",
    "takes",
    "won",
    "lost",
    "helped",
    "helps",
    "supported",
    "supports",
    "opened",
    "closed",
    "issued",
    "released",
    "published",
    "cut",
    "raised",
    "signed",
    "ordered",
    "imposed",
    "blamed",
    "blames",
    "sees",
    "saw",
    "became",
    "remains",
    "continues",
    "needs",
    "seeks",
    "intends",
    "refused",
    "refuses",
    "believes",
    "thinks",
    "beat",
    "drew",
}
_AGENT_PREV = {"told", "by", "according", "via", "per"}
# What a source issues: the name after "<noun> from" is its author ("data from MarketAxess").
_SOURCE_NOUNS = {"report", "reports", "data", "study", "survey", "analysis", "statement", "figures", "estimates",
                 "research", "forecast", "poll", "note", "filing"}
_PLACE_PREP = {
    "in",
    "near",
    "at",
    "from",
    "outside",
    "across",
    "into",
    "around",
    "inside",
    "to",
    "toward",
    "towards",
    "throughout",
    "between",
}
_DETERMINERS = {
    "our",
    "their",
    "its",
    "his",
    "her",
    "my",
    "your",
    "this",
    "that",
    "these",
    "those",
    "every",
    "each",
    "any",
    "some",
    "no",
}
_KIN = {"wife", "husband", "son", "daughter", "brother", "sister", "mother", "father", "widow", "widower", "niece",
        "nephew", "cousin", "uncle", "aunt", "grandson", "granddaughter", "grandmother", "grandfather", "stepfather",
        "stepmother", "stepson", "stepdaughter", "fiancee", "fiancée", "fiance", "fiancé", "girlfriend", "boyfriend"}
# Roles that tie a person to a sports team: a place name right before one ("Gloucester centre Henry
# Paul", "Leeds manager Kevin Blackwell") names the club, not the town.
_TEAM_ROLES = {
    "coach",
    "manager",
    "captain",
    "skipper",
    "boss",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "keeper",
    "forward",
    "winger",
    "centre",
    "prop",
    "flanker",
    "lock",
    "hooker",
    "fly-half",
    "scrum-half",
    "full-back",
    "fullback",
    "batsman",
    "bowler",
    "wicketkeeper",
    "all-rounder",
    "spinner",
    "player",
    "quarterback",
    "pitcher",
}
_PLACE_OF = {"city", "town", "village", "province", "region", "state", "county", "island", "port", "district", "suburb",
             "neighborhood", "neighbourhood", "capital", "municipality", "township", "borough", "parish", "prefecture",
             "governorate", "hamlet", "enclave", "territory", "area"}
# "southwest of Ithaca": a direction from a place.
_COMPASS = {
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
}
# Prepositions that put a name inside a place ("in", not "at Google" or "to Apple").
_WITHIN = {"in", "near", "outside", "inside", "throughout", "across"}
# Lowercase words that start a new phrase after a name, so the name does not modify them.
_CLAUSE_NEXT = {"on", "in", "at", "for", "from", "to", "with", "by", "near", "since", "where", "which", "that", "last",
                "this", "next", "until", "after", "before", "during", "when", "while", "because", "but"}
_ROLE_AT = {
    "editor",
    "analyst",
    "fellow",
    "astronomer",
    "professor",
    "researcher",
    "economist",
    "director",
    "chief",
    "head",
    "president",
    "scientist",
    "spokesman",
    "spokeswoman",
    "engineer",
    "employee",
    "worker",
    "official",
    "partner",
    "strategist",
    "dean",
}
# Roles that speak for or run a body: the bare name after "for"/"of" names that body.
_SPEAKS_FOR = {"spokesman", "spokeswoman", "spokesperson", "executive", "chairman", "chairwoman", "ceo", "owner",
               "founder", "co-founder", "president", "director", "chief", "head", "boss", "representative", "official",
               "officials", "members", "employees", "staff", "shareholders"}
# Occupation suffixes: "biologist at", "physicist at", "radioastronomer at".
_ROLE_SUFFIX = ("ologist", "icist", "onomer", "ographer")


MAX_RUN = 48  # tokens: well above the longest names in news copy (titles of works, bodies "of the ... for ...")


@dataclass(slots=True)
class Cand:
    """One mention: a token slice of a paragraph, with a type guess and the cues around it."""

    par: int
    toks: list[Tok]
    kind: str  # person | organization | country | place | unknown | single | maybe_person | drop
    text: str = ""
    canon: str = ""  # grouping key override (countries, a country's bodies, parties)
    cues: set[str] = field(default_factory=set)

    @property
    def start(self) -> int:
        return self.toks[0].start

    @property
    def end(self) -> int:
        return self.toks[-1].end


def prev(toks: list[Tok], i: int, k: int = 1) -> str:
    return toks[i - k].text if i - k >= 0 else ""


def nxt(toks: list[Tok], j: int, k: int = 0) -> str:
    return toks[j + k].text if 0 <= j + k < len(toks) else ""


def runs(toks: list[Tok], g: Gazetteer | None = None) -> list[tuple[int, int]]:
    """Maximal capitalised runs as (start, end) token indexes."""
    stop = g.stop if g else frozenset()
    heads = g.org_head if g else frozenset()
    given = g.given if g else frozenset()
    and_pairs = g.and_pairs if g else frozenset()
    out: list[tuple[int, int]] = []
    n = len(toks)
    i = 0
    while i < n:
        if not toks[i].cap:
            i += 1
            continue
        j = i + 1
        has_of = False
        body_of = False  # the first "of/for" follows a body's head word ("Society for …")
        while j < n and j - i < MAX_RUN:
            t = toks[j]
            if t.cap and not t.initial and t.start - toks[j - 1].end <= 1:
                if t.text == "I" and j + 1 < n and toks[j + 1].text[:1].islower():
                    break  # the pronoun: "in defence of Keith I don't think"
                j += 1
                if len(t.text) == 2 and t.text.endswith(".") and j < n and toks[j].text in stop:
                    break  # "King Francois I. Between 2000 and 2013"
                continue
            low = t.text
            if toks[j - 1].text in NUMBERED and low.isdigit() and len(low) <= 2 and t.start - toks[j - 1].end == 1:
                j += 1  # "BBC Radio 4", "Channel 4": the number is part of the channel's name
                break
            k = j + 1
            if low in OF and k < n and toks[k].text == "the":
                k += 1
            elif low in CONNECT and k < n and toks[k].text in CONNECT:
                k += 1  # "Ursula von der Leyen", "Rodrigo de la Serna": particles come in pairs
            # "Society for the Prevention of Cruelty to Children": once a body's name has its "of/for"
            # complement, "and"/"to" go on inside it.
            joins = low in CONNECT or low in OF or (low == "and" and has_of) or (low == "to" and body_of) or low == "&"
            left_done = j - i > 1 and toks[j - 1].text in heads  # "US Airways and Delta Air Lines"
            if left_done and _closes_institution(toks, k, g):
                left_done = False  # "U.S. Securities and Exchange Commission": one institution's head ends both
            if low == "and" and not has_of and j - i <= 2 and toks[i].text not in given and not left_done:
                # "Securities and Exchange Commission": "and" inside a body's name.
                m = k
                while m < n and toks[m].cap and not toks[m].initial:
                    m += 1
                joins = m > k and toks[m - 1].text in heads
            if low == "and" and k < n and (toks[j - 1].text, toks[k].text) in and_pairs:
                joins = True  # "Trinidad and Tobago", "Bosnia and Herzegovina"
            name_next = k < n and toks[k].cap and not toks[k].initial
            if joins and name_next and (not toks[k].acronym or low == "&"):
                body_of = body_of or (low in OF and not has_of and toks[j - 1].text in heads)
                has_of = has_of or low in OF
                j = k + 1
                continue
            break
        out.append((i, j))
        i = j
    return out


def _closes_institution(toks: list[Tok], k: int, g: Gazetteer | None) -> bool:
    """The words after "and" are one word and an institution's type ("… and Exchange Commission"),
    so the head closes the whole phrase; a brand ("… and Delta Air Lines") names a body of its own."""
    if g is None or k + 1 >= len(toks):
        return False
    word, head = toks[k], toks[k + 1]
    after = toks[k + 2] if k + 2 < len(toks) else None
    two_words = after is None or not (after.cap and not after.initial and after.start - head.end <= 1)
    return two_words and word.cap and not word.initial and head.text in g.org_first and head.cap


def _place_before_possessive(toks: list[Tok], i: int, g: Gazetteer) -> bool:
    """ "Punjab's Bhatinda", "San Francisco's Moscone Center": the name owning the run is a place,
    however many words it has."""
    end = i - 1  # the possessive
    start = end
    while start > 0 and toks[start - 1].cap and start > end - 4:
        start -= 1
    for s in range(start, end):
        name = " ".join(t.text for t in toks[s:end])
        if name in g.places or name in g.regions:
            return True
    return False


_ABBREVIATED = re.compile(r"[A-Z][a-z]{1,4}")


def _abbreviated_region_at(toks: list[Tok], k: int, g: Gazetteer) -> bool:
    """`Calif.`, `Minn.`, `N.Y.` at toks[k]: a short capitalised word and its dot, or dotted capitals, and
    not a company's legal form (`Inc.`, `Co.`)."""
    if k + 1 >= len(toks):
        return False
    t, dot = toks[k], toks[k + 1]
    if t.acronym and t.text.endswith(".") and len(t.text) <= 5:
        return True
    if not (_ABBREVIATED.fullmatch(t.text) and dot.text == "." and dot.start == t.end):
        return False
    return not is_legal_form(t.text + ".", g) and t.text not in g.honorific and t.text not in g.title


def _listed_works(toks: list[Tok], i: int, g: Gazetteer) -> bool:
    """ "hits such as X", "his films include X", "albums including X": the name opens a list of works,
    or follows another item of one ("hits such as X and Y", "films include X plus Y")."""
    for _ in range(4):
        if prev(toks, i) not in {"and", ",", "plus", "or"} or i < 2 or not toks[i - 2].cap:
            break
        i -= 2
        while i > 0 and toks[i - 1].cap and not toks[i].initial:
            i -= 1
        if prev(toks, i) in {"The", "the"}:
            i -= 1
    p1, p2, p3 = prev(toks, i), prev(toks, i, 2), prev(toks, i, 3)

    def work(w: str) -> bool:
        return w in g.work or (w.endswith("s") and w[:-1] in g.work)

    if p1 == "as" and p2 == "such":
        return work(p3)
    return p1 in {"include", "includes", "included", "including"} and work(p2)


def cues_of(toks: list[Tok], i: int, j: int, g: Gazetteer) -> set[str]:
    """Context cues of the run toks[i:j]: the words just before and after it."""
    cues: set[str] = set()
    p1, p2 = prev(toks, i), prev(toks, i, 2)
    direct = True
    if p1 == "the":
        cues.add("the_before")
        p1, p2 = p2, prev(toks, i, 3)
        direct = False
    jn = j
    if nxt(toks, j) in POSS or (nxt(toks, j) in {"'", "\u2019"} and toks[j - 1].text.endswith("s")):
        cues.add("poss")
        jn = j + 1
    n1, n2 = nxt(toks, jn), nxt(toks, jn, 1)
    plural_role = p1.endswith("s") and p1[:-1] in g.role  # "backing singers Pepsi and Shirlie"
    if p1 in g.role or plural_role or p1 in g.honorific or (p1 == "," and p2 in g.role):
        cues.add("role_before")
    if p1 in _KIN or (p1 == "," and p2 in _KIN):
        cues.add("kin_before")
    if p1 in g.descriptor or (p1 == "," and p2 in g.descriptor):
        cues.add("desc_before")
    if p1 in g.work or (p1 in QUOTES and p2 in g.work) or _listed_works(toks, i, g):
        cues.add("work_before")
    if (p1 in SAY and direct) or n1 in SAY or (n1 == "," and n2 in SAY):
        cues.add("say")
    if jn == j and (n1 in SAY or n1 in AUX):
        cues.add("subject")
    if jn == j and n1 in g.role and n1 not in _KIN:
        cues.add("role_after")  # "Tesla chief executive Elon Musk": the body a person works for
        if n1 in _TEAM_ROLES and n2[:1].isupper():
            cues.add("team_role_after")
    if jn == j and (n1 in SAY or (n1 in AUX and n2 in SAY)):
        cues.add("say_after")  # "Pyongyang said", "Washington has warned"
    if jn > j and n1 in {"disease", "syndrome", "law"}:
        cues.add("eponym")  # "Alzheimer's disease"
    if p1 in _AGENT_PREV or (p1 == "to" and p2 == "according") or (p1 == "from" and p2 in _SOURCE_NOUNS):
        cues.add("agent")  # "according to X", "data from X", "a report from X"
    if p1 == "with" and p2 in {"interview", "interviews", "conversation"}:
        cues.add("interviewer")  # "in an interview with Le Figaro": an outlet
    elif p1 == "to" and p2 in {"statement", "interview", "comments", "remarks", "email"}:
        cues.add("interviewer")  # "said in a statement to Rolling Stone": the outlet it was given to
    if p1 == "at" and (p2 in _ROLE_AT or p2 in g.role or p2.endswith(_ROLE_SUFFIX)):
        cues.add("works_at")
    elif p1 in {"for", "at"} and p2 in {"works", "worked", "working", "work"}:
        cues.add("works_at")  # "Clegg now works for Facebook"
    elif p1 in {"for", "of"} and p2 in _SPEAKS_FOR:
        cues.add("speaks_for")  # "a spokesman for DaimlerChrysler", "chief executive of Siemens"
    if p1 == "for" and p2 in {"MP", "MPs", "MSP", "MEP", "AM", "member", "Member", "seat"}:
        cues.add("constituency")  # "the MP for Ealing North": the seat, a place
    if p1 == "of" and i >= 2 and toks[i - 2].cap:
        cues.add("of_after_name")
    if p1 == "of" and (p2 in _PLACE_OF or p2 in _COMPASS):
        cues.add("city_of")  # "the city of Mosul", "a village southwest of Ithaca"
    if p1 in _PLACE_PREP:
        cues.add("place_prep")
        if p1 in _WITHIN:
            cues.add("within")
        if p1 in {"at", "to"}:
            cues.add(p1 + "_before")
    if p1 in POSS:
        cues.add("poss_before")
        if p2 in g.places or p2 in g.regions or _place_before_possessive(toks, i, g):
            cues.add("place_poss")  # "Punjab's Bhatinda", "Delhi's Saket area": a part of a place
    if p1 in {"nicknamed", "dubbed"} or (p1 == "as" and p2 == "known"):
        cues.add("nickname")
    if p1 in _DETERMINERS:
        cues.add("det_before")
    if p1.isdigit():
        cues.add("num_before")
    if p1 in QUOTES and n1 in QUOTES:
        cues.add("quoted")
    if n1 in g.org_lower_head:
        cues.add("org_lower_head")
    if n1 in g.place_lower_head:
        cues.add("place_lower_head")
    if n1 == "," and n2 in {"who", "whose"}:
        cues.add("who_after")
    if n1 == "," and (n2 in g.country_of or n2 in g.places) and nxt(toks, jn, 2) not in POSS:
        cues.add("comma_place")  # "Fort Worth, Texas", not "Fathi Bin Shatwan, Libya's oil minister"
    elif n1 == "," and _abbreviated_region_at(toks, jn + 1, g):
        cues.add("comma_place")  # "Marin County, Calif.": a state as the agencies abbreviate it
    if n1 == "," and n2 in {"a", "an", "another"}:
        # "Lakshiwnder Singh, another deportee, said"; not "Acme, a valve maker," or "Xanadu, a region of…"
        described = [t.text for t in toks[jn + 2 : jn + 6]]
        if not any(w in g.descriptor or w in _PLACE_OF or w in g.place_lower_head for w in described):
            cues.add("apposition_someone")
    if n1 == ",":
        for w in (t.text for t in toks[jn + 1 : jn + 6]):
            if w in g.role or w.lower() in _ROLE_AT:  # ", Head of Research at …", ", a senior economist at …"
                cues.add("apposition_role")
                break
            if w in g.descriptor:
                cues.add("apposition_org")
                break
    if n1.islower() and n1.isalpha() and n1 not in SAY and n1 not in AUX and n1 not in {"and", "or"}:
        cues.add("lower_after")
        if n1 in _CLAUSE_NEXT:
            cues.add("prep_after")  # "in Sindelfingen on Monday": a preposition, not a noun the name modifies
    if n1 == "," and (n2 in {"near", "outside"} or (n2 in _COMPASS and nxt(toks, jn, 2) == "of")):
        cues.add("near_after")  # "Balado, near Kinross", "Mowden, north of Darlington": placed by another place
    if n1 == "," and n2 in {"a", "an", "the"} and nxt(toks, jn, 2) in _PLACE_OF:
        cues.add("apposition_place")  # "Addison, a village southwest of Ithaca"
    return cues


def title_split(seg: list[Tok], g: Gazetteer) -> tuple[list[Tok], list[Tok], bool]:
    """Cut "UK Prime Minister Tony Blair" into prefix ["UK"], name ["Tony", "Blair"], titled=True."""
    last_title = -1
    for k, t in enumerate(seg):
        if (t.text in g.honorific or t.text in g.title) and k + 1 < len(seg) and seg[k + 1].text not in OF:
            last_title = k
    if last_title < 0:
        return seg, [], False
    start = last_title
    while start > 0 and (
        seg[start - 1].text in g.modifier or seg[start - 1].text in g.title or seg[start - 1].text in g.honorific
    ):
        start -= 1
    return seg[:start], seg[last_title + 1 :], True
