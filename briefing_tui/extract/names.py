"""Gazetteers and the tokenizer behind the actor and place extractor.

The data files under ``briefing_tui/data/`` are read once, lazily, so that
importing the parser stays cheap; each file states its source in its header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefing_tui.extract.subdivisions import subdivision_names

DATA = Path(__file__).resolve().parent.parent / "data"

# One token: dotted abbreviations (U.S., J.P.), abbreviated titles (Gov.), a middle initial (J.),
# words with inner hyphens/apostrophes (al-Bashir, d’Orsay), a possessive, or one other character.
# Every branch consumes at least one character and none nests a quantifier, so it cannot backtrack.
# A web address's name part is read at most 63 characters ahead (the longest a domain label may be):
# unbounded, it would scan to the end of "a--a--a--..." from every "a" and find no dot.
TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"
    r"|[A-Za-z][\w-]{0,62}\.(?:com|org|net|gov|edu|io|co\.uk)\b"
    r"|(?:Mr|Mrs|Ms|Dr|Prof|Gov|Sen|Rep|Gen|Lt|Col|Capt|Sgt|Adm|Maj|Rev|St|Jr|Sr|Mt|Ft|Det|Cmdr|Supt|Insp|Pvt|Cpl|Msgr)\.(?=\s)"
    r"|[JS]r\.(?=[,;:)])"
    r"|\b[A-Z]!(?= [A-Z])"  # "E! News": a one-letter brand written with "!"
    r"|[A-Z]\.(?=\s[A-Z])"
    r"|\w+(?:[-\u2010]\w+)*(?:['\u2019](?!s\b)\w+(?:-\w+)*)*"
    r"|['\u2019]s\b"
    r"|\S"
)
_CAP_WORD = re.compile(r"^(?:[A-Z\u00c0-\u00de]|[a-z]{1,2}['\u2019][A-Z]|(?:al|el|ad|as|an|ar)-[A-Z])")
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z&]*[A-Z](?:\d+)?$|^[A-Z]{1,3}\d{1,3}$")


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int
    cap: bool  # starts like a name
    acronym: bool
    initial: bool = False  # first word of a sentence (or of a quotation)


_SENT_END = {".", "!", "?", ":", ";", "\u2026"}
_OPEN_QUOTES = {'"', "\u201c", "\u2018", "'", "\u00ab"}


def tokenize(text: str) -> list[Tok]:
    """Tokens with offsets and the flags the name finder needs."""
    toks: list[Tok] = []
    for m in TOKEN.finditer(text):
        t = m.group()
        if t.isspace():
            continue
        c = t[0]
        if "a" <= c <= "z":  # only "d'Orsay", "al-Bashir" and the like start lowercase and read as names
            cap = len(t) > 2 and (t[1] in "'\u2019" or t[2] in "'\u2019-") and bool(_CAP_WORD.match(t))
        else:
            cap = "A" <= c <= "Z" or "\u00c0" <= c <= "\u00de"  # what _CAP_WORD's first branch reads
        start, end = m.span()
        toks.append(Tok(t, start, end, cap, cap and bool(_ACRONYM.match(t))))
    prev_end = True
    for i, tok in enumerate(toks):
        t = tok.text
        if tok.cap or t[0].isalnum():
            tok.initial = prev_end
            prev_end = False
        elif t in _SENT_END:
            prev_end = True
        elif (
            t in _OPEN_QUOTES
            and i + 1 < len(toks)
            and toks[i + 1].start == tok.end
            and (i == 0 or toks[i - 1].end < tok.start)
        ):
            prev_end = True  # a capital right after an opening quotation mark starts a quotation
    return toks


def _lines(name: str) -> list[str]:
    out = []
    with open(DATA / name, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line)
    return out


def _sections(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for line in _lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            out.setdefault(current, [])
        else:
            out.setdefault(current, []).append(line)
    return out


@dataclass(frozen=True, slots=True)
class Gazetteer:
    country_of: dict[str, str]  # surface form -> canonical country
    demonyms: frozenset[str]
    capital_of: dict[str, str]  # capital city -> canonical country
    given: frozenset[str]
    honorific: frozenset[str]
    title: frozenset[str]
    modifier: frozenset[str]
    role: frozenset[str]
    org_head: frozenset[str]
    org_first: frozenset[str]
    publication: frozenset[str]
    org_lower_head: frozenset[str]
    seats: frozenset[str]
    descriptor: frozenset[str]
    agencies: frozenset[str]
    regions: frozenset[str]
    places: frozenset[str]  # states, cities, capitals
    cities: frozenset[str]  # GeoNames' towns (in places too): a weaker reading, many share a company's name
    place_head: frozenset[str]
    place_lower_head: frozenset[str]
    stop: frozenset[str]
    thing_head: frozenset[str]
    non_acronym: frozenset[str]
    work: frozenset[str]
    celestial: frozenset[str]
    org_aliases: tuple[tuple[str, ...], ...]
    and_pairs: frozenset[tuple[str, str]]  # words either side of "and" inside a country's name
    legal_forms: frozenset[str] = frozenset()  # company legal forms, casefolded ("gmbh", "s.a.", "inc.")
    surnames: str = ""  # common family names, letters only, lowercased, one a line between newlines ("\norourke\n")


# Day names that the census and faker lists hold as given names ("Sunday"); in news copy they date
# things and name papers' editions ("the Sunday Times"), not people.
WEEKDAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """All word lists, loaded on first use."""
    country_of: dict[str, str] = {}
    demonyms: set[str] = set()
    capital_of: dict[str, str] = {}
    for line in _lines("countries.txt"):
        parts = [p.strip() for p in line.split("|")]
        parts += [""] * (4 - len(parts))
        canon = parts[0]
        country_of[canon] = canon
        for alias in filter(None, (a.strip() for a in parts[1].split(","))):
            country_of[alias] = canon
        demonyms.update(filter(None, (d.strip() for d in parts[2].split(","))))
        for cap in filter(None, (c.strip() for c in parts[3].split(","))):
            capital_of[cap] = canon
    hon = _sections("honorifics.txt")
    org = _sections("organizations_generic.txt")
    pl = _sections("places.txt")
    ne = _sections("non_entities.txt")
    places = set(pl.get("state", [])) | set(pl.get("city", [])) | set(capital_of)
    given_names = frozenset(_lines("given_names.txt")) - set(country_of) - places - WEEKDAYS
    stop = frozenset(ne.get("word", []))
    # A region that shares its name with a given name, a country or an ordinary word stays as it was read.
    regions_iso = subdivision_names() - given_names - set(country_of) - stop - set(capital_of)
    cities = frozenset(_lines("places_cities.txt")) - given_names - set(country_of) - stop
    return Gazetteer(
        country_of=country_of,
        demonyms=frozenset(demonyms) | frozenset(ne.get("demonym", [])),
        capital_of=capital_of,
        given=given_names,
        honorific=frozenset(hon.get("honorific", [])),
        title=frozenset(hon.get("title", [])),
        modifier=frozenset(hon.get("modifier", [])),
        role=frozenset(hon.get("role", [])),
        org_head=frozenset(org.get("head", [])),
        org_first=frozenset(org.get("first", [])),
        publication=frozenset(org.get("publication", [])),
        org_lower_head=frozenset(org.get("lower_head", [])),
        seats=frozenset(org.get("seat", [])),
        descriptor=frozenset(org.get("descriptor", [])),
        agencies=frozenset(_lines("news_agencies.txt")),
        regions=frozenset(pl.get("region", [])),
        places=frozenset(places) | regions_iso | cities,
        cities=cities - places - regions_iso,
        place_head=frozenset(pl.get("head", [])),
        place_lower_head=frozenset(pl.get("lower_head", [])),
        stop=stop,
        thing_head=frozenset(ne.get("head", [])),
        non_acronym=frozenset(ne.get("acronym", [])),
        work=frozenset(ne.get("work", [])),
        celestial=frozenset(ne.get("celestial", [])),
        and_pairs=frozenset(
            (left.split()[-1], right.split()[0])
            for name in country_of
            if " and " in name
            for left, right in [name.split(" and ", 1)]
        ),
        org_aliases=tuple(tuple(p.strip() for p in line.split("|")) for line in org.get("alias", [])),
        legal_forms=_legal_forms(),
        # Kept as the file's text, "\nadams\n...": looked up a few times an article, it costs no set's memory
        # or start-up time.
        surnames="\n" + (DATA / "surnames.txt").read_text(encoding="utf-8"),
    )


def _legal_forms() -> frozenset[str]:
    """The legal forms of companies the world over (AG, GmbH, S.A., Oyj, Pty), as `cleanco` maintains
    them; one-word forms only, since a name's last word is what is compared."""
    from cleanco.termdata import terms_by_type

    return frozenset(t.strip() for terms in terms_by_type.values() for t in terms if " " not in t.strip())


def is_legal_form(word: str, g: Gazetteer) -> bool:
    """`GmbH`, `AG`, `Inc.`, `S.A.`, `Co`: a company's legal form. Two-letter forms count in capitals
    ("AG") or when the form is also written with a dot ("Co."), so "As" is not read as one."""
    folded = word.casefold()
    if folded not in g.legal_forms and folded + "." not in g.legal_forms:
        return False
    letters = word.replace(".", "")
    return len(letters) >= 3 or letters.isupper() or letters.casefold() + "." in g.legal_forms  # "Co", "Co."


_FOLDED = re.compile(r"[\s.\u2019'\-]")
_NOT_LETTER = re.compile(r"[^a-z]")


def is_surname(word: str, g: Gazetteer) -> bool:
    """A common family name ("Noel", "O'Rourke"); a double-barrelled one ("Caldwell-Pope") by its first part."""
    key = _NOT_LETTER.sub("", word.split("-")[0].casefold())
    return bool(key) and f"\n{key}\n" in g.surnames


def fold(name: str) -> str:
    """A key that treats U.N./UN, J.P. Morgan/JPMorgan and curly/straight apostrophes alike."""
    return _FOLDED.sub("", name).casefold()
