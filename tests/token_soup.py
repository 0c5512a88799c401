"""Token soups: adversarial paragraphs for the article parser (issue 22), for a benchmark and a test alike.

A news paragraph is short and varied; a hostile one repeats what the parser looks at hardest. Every
extractor walks tokens and, at some of them, looks back or ahead: the figures walk at a number looks
back through a list of numbers ("Windows 95, 98 and 2000"), the entity finder trims a capitalised run
word by word and recurses into what is left of it, the quote finder pairs every mark, the speaker
finder tries every actor's name at every position. Each family below is one such pattern, grown to
any size: a paragraph of one line (no sentence end unless the pattern has one), so that nothing
but the pattern itself bounds what a look-back may cross.

A family has a ``name``, a line saying what it is (``about``) and a ``piece`` function drawing one
token or short phrase from a ``random.Random``; ``Family.make(target_bytes, seed)`` joins pieces
into one paragraph of about ``target_bytes`` bytes of UTF-8, the same for the same seed in every
process. ``soup`` mixes families (runs of each, or their pieces shuffled together) for the property
test; ``article_text`` is the file layout both use (a headline, a blank line, the paragraphs).

Used by ``benchmarks/complexity.py`` (time against size, cold, per family) and
``tests/test_extraction_soup.py`` (the parser's invariants on small mixed soups).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Piece = Callable[[random.Random], str]


@dataclass(frozen=True)
class Family:
    name: str
    about: str
    piece: Piece
    sep: str = " "

    def make(self, target_bytes: int, seed: int = 0) -> str:
        """One paragraph of about ``target_bytes`` bytes (UTF-8): pieces joined by ``sep`` until it is reached."""
        rng = random.Random(f"{self.name}/{seed}")
        return _grow(itertools.repeat((self.sep, self.piece)), rng, target_bytes)


def _grow(pieces: Iterable[tuple[str, Piece]], rng: random.Random, target_bytes: int) -> str:
    out: list[str] = []
    size = 0
    for sep, piece in pieces:
        if size >= target_bytes:
            break
        text = piece(rng)
        if out:
            out.append(sep)
            size += len(sep.encode("utf-8"))
        out.append(text)
        size += len(text.encode("utf-8"))
    return "".join(out).strip()


def const(text: str) -> Piece:
    return lambda rng: text


def pick(*options: str) -> Piece:
    return lambda rng: rng.choice(options)


# ------------------------------------------------------------------ word pools

SPEECH = ["we", "will", "not", "go", "back", "said", "he", "she", "it", "is", "the", "minister", "and", "told",
          "We", "They", "Smith", "on", "Monday", "never,", "again.", "yes", "no", "it's", "don't"]
PROSE = ["the", "minister", "said", "that", "and", "Smith", "would", "not", "go", "who", "which", ",", ",", "of",
         "in", "a", "government", "officials", "told", "reporters", "Jones", "has", "been", "while", "but",
         "Britain", "U.S.", "nearly", "troops", "were", "sent", "to", "Kursk", "on", "Tuesday", "as", "her", "it"]
CAPITAL_WORDS = ["Foo", "Bar", "Baz", "Qux", "Quux", "Corge", "Grault", "Garply", "Waldo", "Fred", "Plugh", "Xyzzy",
                 "Thud", "North", "Korean", "New", "York", "Kim", "Jong", "Un"]
UPPER_NAMES = ["SMITH", "JONES", "BROWN", "MR SMITH", "DR JONES", "THE PRESIDENT", "Q", "A", "REPORTER", "KIM"]
SYLLABLES = ["ka", "lo", "mi", "ren", "van", "tesh", "bor", "dal", "ek", "fi", "gru", "hol", "ist", "jor", "kel",
             "mun", "nor", "ost", "pra", "quin", "rus", "sal", "tor", "ul", "vik", "wen", "yar", "zol", "ba", "dre"]
ORG_HEADS = ["Group", "Corporation", "Bank", "Party", "Council", "Agency", "Holdings", "Institute", "Union",
             "Ministry", "Commission", "Airlines"]


def invented_name(rng: random.Random) -> str:
    """A capitalised word of a few syllables: so many can be made that most pieces name someone new."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def words(rng: random.Random, pool: list[str], lo: int, hi: int) -> str:
    return " ".join(rng.choice(pool) for _ in range(rng.randint(lo, hi)))


def marked(opens: tuple[str, ...], closes: tuple[str, ...]) -> Piece:
    """A speech word with an opening or closing mark glued to it now and then, or a mark standing alone."""

    def piece(rng: random.Random) -> str:
        word = rng.choice(SPEECH)
        r = rng.random()
        if r < 0.3:
            return rng.choice(opens) + word
        if r < 0.6:
            return word + rng.choice(closes)
        if r < 0.7:
            return rng.choice(opens + closes)
        return word

    return piece


def _transcript(rng: random.Random) -> str:
    return f"{rng.choice(UPPER_NAMES)}: {words(rng, SPEECH, 1, 8)}"


def _distinct_person(rng: random.Random) -> str:
    verb = rng.choice(["said", "says", "told", "added", "and", ",", "of", "warned"])
    return f"{invented_name(rng)} {invented_name(rng)} {verb}"


def _distinct_org(rng: random.Random) -> str:
    if rng.random() < 0.4:
        acronym = "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVWXYZ") for _ in range(rng.randint(2, 4)))
        return f"the {acronym} said"
    name = " ".join(invented_name(rng) for _ in range(rng.randint(1, 2)))
    return f"{name} {rng.choice(ORG_HEADS)} {rng.choice(['said', 'and', ',', 'of'])}"


def _quotes_in_sentence(rng: random.Random) -> str:
    opening, closing = rng.choice([('"', '"'), ("“", "”"), ("‘", "’"), ("'", "'")])
    said = rng.choice(["he said", "she said", "said Smith", "Smith said", "they added", "the minister told MPs"])
    return f"{opening}{words(rng, SPEECH, 1, 6)},{closing} {said},"


def _appositive(rng: random.Random) -> str:
    name = rng.choice(["Smith", "Jones", "Mr Brown", "Ms Green", "Dr Kim", "the BBC"])
    role = rng.choice(["the minister", "its chief executive", "45", "who won", "BA's chief", "a spokesman"])
    return f"{name}, {role}, {rng.choice(['said', 'told', 'and', ''])},"


def _hyphen_compound(rng: random.Random) -> str:
    return "-".join(rng.choice(["state", "of", "the", "art", "well", "known", "Paris", "based", "anti", "EU",
                                "non", "ex", "BBC", "owned", "year", "old", "five", "hundred"])
                    for _ in range(rng.randint(2, 40)))


BASE: tuple[Family, ...] = (
    # numbers and their lists
    Family("number-commas", "`1,1,1,…`: one list of numbers, no spaces", const("1"), sep=","),
    Family("number-list", "`1, 2 and 3, …`: a list of numbers with commas, and, or",
           lambda rng: f"{rng.randint(1, 99)}{rng.choice([',', ',', ' and', ' or', ','])}"),
    Family("conjunction-chain", "`1 and 2 or 1 and 2 or …`", const("1 and 2 or")),
    Family("number-words", "`two hundred and fifty thousand and a half …`: numbers in words, chained",
           pick("one", "two", "hundred", "thousand", "and", "a", "half", "million", "twenty-five", "several",
                "tens", "of", "dozen", "third", "quarter", "one in five")),
    # capitalised words
    Family("capital-run", "`A A A …`: one capitalised run", const("A")),
    Family("capital-words", "`Foo Bar Baz …`: one run of capitalised words", pick(*CAPITAL_WORDS)),
    Family("capital-stopwords", "`The However But …`: capitalised words that are never names",
           pick("The", "A", "An", "However", "But", "And", "This", "In", "It", "We")),
    Family("country-run", "`US UK France US …`: countries run together", pick("US", "UK", "France", "China", "Russia",
                                                                             "Britain", "Germany", "Japan")),
    Family("party-run", "`Texas Republicans Democrats …`: a place and parties run together",
           pick("Texas", "Republicans", "Republicans", "Democrats", "Tories", "Conservatives", "Ohio")),
    Family("capital-and", "`Securities and Exchange and …`: capitalised words joined by and/of/&",
           pick("Securities", "and", "Exchange", "of", "the", "Commission", "&", "for", "Trinidad", "Tobago", "Bank")),
    Family("initials-us", "`U.S. U.S. …`", const("U.S.")),
    Family("initials-names", "`J. R. R. …`: initials of names", lambda rng: rng.choice("ABCDEFGHJKLMPRSTW") + "."),
    Family("honorifics", "`Mr Mr Dr …`: honorifics", pick("Mr", "Mrs", "Ms", "Dr", "Mr.", "Dr.", "Sir", "Lord",
                                                           "Prof.", "Rev", "Gov.", "Sen.", "Dame")),
    Family("titles", "`President Prime Minister Secretary …`: title words",
           pick("President", "Prime", "Minister", "Secretary", "Chancellor", "General", "Foreign", "Chief",
                "Executive", "Deputy", "Health")),
    Family("postnominals", "`QC MP OBE …`: post-nominal letters", pick("QC", "MP", "OBE", "CBE", "Jr.", "PhD", "MBE")),
    Family("hyphen-apostrophe-names", "`O'Neill-Smith D'Arcy-Jones …`",
           pick("O'Neill-Smith", "D'Arcy-Jones", "al-Bashir", "Jean-Luc", "Ould-Abdallah", "N'Golo", "McDonald's",
                "Smith's", "O’Brien-Kelly", "d’Orsay")),
    Family("distinct-names", "`Kalomi Vantesh said …`: a new person in every piece", _distinct_person),
    Family("distinct-orgs", "`the QXV said Lomiren Bank …`: a new organization in every piece", _distinct_org),
    # quotation marks
    Family("quotes-straight", 'straight double quotes `"`, glued to words or alone', marked(('"',), ('"',))),
    Family("quotes-curly", "curly quotes `“ ” ‘ ’`", marked(("“", "‘"), ("”", "’"))),
    Family("quotes-typewriter", "typewriter quotes ``` `` ``` and `''`", marked(("``", "`"), ("''", "'"))),
    Family("quotes-guillemets", "guillemets `« » ‹ ›`, both ways round",
           marked(("«", "»", "‹", "« "), ("»", "«", "›", " »"))),
    Family("quotes-single", "single quotes and apostrophes `' ‘ ’`", marked(("'", "‘"), ("'", "’", "'s"))),
    Family("quotes-unbalanced", "opening marks never closed",
           lambda rng: rng.choice(['"', "“", "‘", "«", "„", "'"]) + words(rng, SPEECH, 1, 4)),
    Family("quotes-in-sentence", "`\"…,\" he said, \"…,\" she said, …`: many quotations in one sentence",
           _quotes_in_sentence),
    # brackets, dashes, punctuation
    Family("brackets-nested", "`(((a [b {c …`: brackets opened and rarely closed",
           pick("(", "[", "{", "((", "(a", "[b", "{c", "c)", "d]", "(R-Texas)")),
    Family("brackets-unbalanced", "`) ] ( x) (y …`: closing brackets without openers",
           pick(")", "]", "}", "(", ")", "x)", "(y", "said)", "(FAST)")),
    Family("dashes", "`— – - -- ---` between words", pick("—", "–", "-", "--", "---", "word—word", "a-b", "- said",
                                                            "–", "Smith —")),
    Family("dots", "`Mr. St. e.g. … .`: abbreviations and dots without sentence ends",
           pick("Mr.", "St.", "e.g.", "i.e.", "No.", "...", ".", "etc.", "Inc.", "Jan.", "…", "J.", "a.m.")),
    # dates, money, units
    Family("dates", "`12 January 2024, Jan. 5, 2024-01-05 …`",
           pick("12 January 2024", "Jan. 5", "2024-01-05", "Monday", "3 March", "1990s", "5/6/2024", "on 4 or 5 April",
                "10-16 January", "21st", "11.30pm", "10:45", "2005", "'90s", "mid-1990s")),
    Family("money", "`$1.2bn £3m €4 …`", pick("$1.2bn", "£3m", "€4", "US$5", "Rs. 500", "¥6", "$10-25m", "£20k",
                                             "5bn won", "€0.5m", "$1.2 trillion", "300 mln", "£", "$", "50p")),
    Family("units", "`5km 6kg 7% …`", pick("5km", "6kg", "7%", "8 miles", "9mph", "10°C", "3.5 km", "20C", "5m-high",
                                          "500-metre-wide", "40 per cent", "3-4 days", "2.5 times")),
    # speakers
    Family("reporting-chain", "`said Smith said Jones told …`",
           pick("said", "said", "told", "added", "according to", "Smith", "Jones", "he", "she", "the minister",
                "Mr Smith", "who said", "as saying", "quoted")),
    Family("transcript", "`SMITH: … JONES: …`", _transcript),
    Family("appositives", "`Smith, the minister, said, Jones, …`", _appositive),
    # runs without an end
    Family("run-on", "ordinary words and commas, never a sentence end", pick(*PROSE)),
    Family("and-run", "`and and and …`", const("and")),
    Family("hyphen-compounds", "`state-of-the-art-well-known-…`: long hyphenated compounds", _hyphen_compound),
    Family("hyphen-giant", "one hyphenated compound the size of the paragraph",
           pick("state", "of", "the", "art", "Paris", "based", "EU"), sep="-"),
)


def _mixed(rng: random.Random) -> str:
    return rng.choice(BASE).piece(rng)


FAMILIES: tuple[Family, ...] = (*BASE, Family("mixed", "a piece of any family above, at random", _mixed))
BY_NAME: dict[str, Family] = {f.name: f for f in FAMILIES}


def soup(names: list[str], target_bytes: int, seed: int = 0, *, mode: str = "shuffled") -> list[str]:
    """Paragraphs mixing the named families, about ``target_bytes`` bytes in all.

    ``shuffled``: one paragraph of pieces of every family, interleaved at random. ``runs``: one
    paragraph, a run of each family in turn. ``paragraphs``: a paragraph of each family.
    """
    families = [BY_NAME[n] for n in names]
    rng = random.Random(f"soup/{'+'.join(names)}/{mode}/{seed}")
    if mode == "shuffled":
        return [_grow(((" ", rng.choice(families).piece) for _ in itertools.count()), rng, target_bytes)]
    share = max(1, target_bytes // len(families))
    parts = [f.make(share, rng.randrange(1 << 30)) for f in families]
    if mode == "runs":
        return [" ".join(parts)]
    if mode == "paragraphs":
        return parts
    raise ValueError(f"unknown mode {mode!r}")


def article_text(paragraphs: list[str], headline: str = "Token soup") -> str:
    """The file both the benchmark and the test parse: a headline, a blank line, then the paragraphs."""
    return headline + "\n\n" + "\n\n".join(paragraphs) + "\n"
