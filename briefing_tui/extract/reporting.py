"""The lexicon of reported speech: reporting verbs (from the data file), function-word lists and a
tokenizer for masked sentences.

Kept apart from the attribution logic so the word lists, which carry most of the English-specific
knowledge, can be read and extended in one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .speakers import MASK, wordset

VERBS_FILE = Path(__file__).resolve().parent.parent / "data" / "reporting_verbs.txt"


# The frames a family may name in the data file's "[family: frames]" headers.
FRAMES = frozenset({"clause", "that", "np", "infinitive", "as", "of", "for", "to", "named", "predicate", "only"})
OBJECT_PREPOSITIONS = ("as", "of", "for", "to")


@dataclass(frozen=True, slots=True)
class VerbForm:
    lemma: str
    ing: bool
    past: bool
    particles: tuple[str, ...]
    family: str = ""
    frames: frozenset[str] = frozenset({"clause", "np"})
    np_particles: tuple[str, ...] = ()  # particles after which the object is the report ("rule out")


def _family_header(line: str) -> tuple[str, frozenset[str]] | None:
    """("claim", {"clause", "np", "infinitive"}) for "[claim: clause np infinitive]".

    Unknown frames are dropped, so a typo in the data file narrows a family rather than widening it."""
    if not (line.startswith("[") and line.endswith("]")):
        return None
    name, _, rest = line[1:-1].partition(":")
    return name.strip(), frozenset(w for w in rest.split() if w in FRAMES)


@lru_cache(maxsize=1)
def reporting_verbs() -> dict[str, VerbForm]:
    """Inflected form -> VerbForm, read once from the data file (empty if it is missing).

    A verb is a member of a family, and the family's frames say what may follow it and still be a
    report; so adding a verb to the right family is all a new verb needs."""
    forms: dict[str, VerbForm] = {}
    try:
        lines = VERBS_FILE.read_text(encoding="utf-8").splitlines()
    except OSError:
        return forms
    family, frames = "", frozenset({"clause", "np"})
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        header = _family_header(line)
        if header is not None:
            family, frames = header
            continue
        words = line.split()
        marked = [w[1:] for w in words if w.startswith("+")]
        particles = tuple(w.split(":")[0] for w in marked)
        np_particles = tuple(w.split(":")[0] for w in marked if w.endswith(":np"))
        infl = [w for w in words if not w.startswith("+")]
        lemma = infl[0]
        for pos, w in enumerate(infl):
            is_ing = w.endswith("ing") and pos == len(infl) - 1
            is_past = pos >= 2 and not is_ing
            forms.setdefault(w, VerbForm(lemma, is_ing, is_past, particles, family, frames, np_particles))
    return forms


def _lemmas_where(test: Callable[[frozenset[str]], bool]) -> frozenset[str]:
    """The lemmas whose family's frames pass ``test``: the attribution code asks about frames, so a
    verb moved to another family in the data file changes behaviour without a code change."""
    return frozenset(f.lemma for f in reporting_verbs().values() if test(f.frames))


_TOKEN = re.compile(
    MASK + r"+"
    r"|(?:[A-Z]\.){2,}"
    r"|(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Prof|Rev|Jr|Sr|Inc|Corp|Ltd|Co|No|Mt|Ft|Gov|Supt)\."
    r"|[^\W_](?:\w|[’'\-](?=\w)|(?<=\d)[.,](?=\d)|\.(?=[^\W\d_]\.))*"
    r"|[^\s\w]"
)


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str
    low: str
    kind: str  # w(ord), q(uotation), p(unctuation)


def tokenize(masked: str, start: int, end: int) -> list[Tok]:
    out = []
    for m in _TOKEN.finditer(masked, start, end):
        t = m.group(0)
        kind = "q" if t[0] == MASK else ("w" if t[0].isalnum() else "p")
        out.append(Tok(m.start(), m.end(), t, t.lower(), kind))
    return out


AUX_ADV = wordset(
    """has have had also previously earlier later then again already recently repeatedly publicly
    privately personally meanwhile reportedly would will did does do is are was were been being just
    further once still now today yesterday separately initially first last originally subsequently
    quickly immediately formally officially openly angrily simply bluntly flatly firmly always often
    frequently has've shall might may could should must can"""
)
PASSIVE_AUX = frozenset({"was", "were", "is", "are", "be", "been", "being", "am", "get", "got"})
NEGATIONS = frozenset({"not", "never", "nor", "neither", "no"})
NP_BOUNDARY = wordset(
    """that which who whom whose when while as because since although though if unless whether where
    than until so or after before once whereas what how why"""
)
PREPS = wordset(
    """in at on during after before from with without by via through while when following over across
    amid among behind under into inside outside near about around ahead for against of"""
)
TIME_WORDS = wordset(
    """yesterday today tonight earlier later afterwards afterward meanwhile also again recently
    previously late early now then separately privately publicly repeatedly once finally further
    initially monday tuesday wednesday thursday friday saturday sunday"""
)
TIME_NOUNS = wordset(
    """monday tuesday wednesday thursday friday saturday sunday week month year night morning afternoon
    evening weekend day january february march april may june july august september october november
    december"""
)
OBJECT_VERBS = wordset(
    """tell inform assure ask urge advise warn remind
    promise quote"""
)
# Verbs that report a judgement of something named as their object, with the preposition that
# carries it: "described the package as a bad piece of legislation", "accused the club of failing
# in its duty". The reported clause is the object and what follows it, as the spec's annotators
# read it; without the preposition the verb takes a clause as any other ("described how ...").
OBJECT_FRAMES: dict[str, str] = {
    f.lemma: p for f in reporting_verbs().values() for p in OBJECT_PREPOSITIONS if p in f.frames
}
# Tokens an object may run over before its preposition: "the package", "casino-related schemes".
OBJECT_FRAME_SPAN = 10
# Of those, the verbs that report nothing outside their frame: "citing officials, reported that ...":
# the report is the clause after "reported", not what follows "citing".
FRAME_ONLY = _lemmas_where(lambda fr: "only" in fr)
# Verbs whose object may be followed by its label in quotation marks: 'labelled the schemes "a pile
# of pants"'.
NAMED_FRAME = _lemmas_where(lambda fr: "named" in fr)
# Verbs whose object may be followed by a noun phrase that labels it: "branded it a disgrace".
PREDICATE_FRAME = _lemmas_where(lambda fr: "predicate" in fr)
# Verbs whose object is itself the report and never a gap before a clause: "rejected suggestions
# that the Scot ...", "expressed disappointment that ...".
NP_ONLY = _lemmas_where(lambda fr: "np" in fr and "clause" not in fr)
# Verbs whose infinitive complement is what they report: "claimed not to know", "requested to have".
INFINITIVE_FRAME = _lemmas_where(lambda fr: "infinitive" in fr)
OBJECT_WORDS = wordset(
    """him her them us me you reporters journalists aides lawmakers supporters members parliament mps
    officials investors analysts listeners viewers readers delegates colleagues staff students
    audience crowd"""
)
PERSONAL_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "there"})
NOT_INTERJECTION = wordset(
    """who which whose where when as in at on after before during while according without with from for
    but and or who's"""
)
MODALS = frozenset({"will", "shall", "may", "might", "could", "should", "must", "can", "’ll", "'ll"})
MEDIA_NOUNS = wordset(
    """programme program show newspaper paper website radio television
    channel magazine station"""
)
NOT_ADVERBS = wordset("family italy july reply supply apply rely ally assembly early only")
# Verbs that attribute a quotation only when they follow it ("...," she laughed); never a clause.
QUOTE_ONLY = wordset(
    """continued laughed smiled shouted cried whispered sighed screamed exclaimed yelled joked chuckled
    grinned snapped muttered added quipped recalled enthused beamed read reads"""
)
CLAUSE_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
# Verbs that report only with a that-clause: writing and agreeing, and testimony, rulings and
# findings ("the court ruled that", not "ruled the country").
THAT_ONLY = _lemmas_where(lambda fr: "that" in fr and not fr & {"clause", "np"})
# Of those, the verbs of finding that also take a clause without "that" when a short noun phrase and
# a finite verb follow ("they found their galaxies were consistent with reality"); "showed his
# immune system was exposed" is a test result, not a statement.
BARE_CLAUSE_FINDINGS = frozenset({"find", "discover", "conclude", "testify"})
SUBORDINATORS = wordset(
    """despite although though while if in on after before as with for when because since unlike like
    given without unless whereas even once until"""
)
VERBAL_AUX = frozenset({"has", "have", "had", "did", "does", "do", "having"})
TELL_VERBS = frozenset({"tell", "inform", "assure", "remind"})
# Verbs whose base and -s forms are more often nouns ("state", "calls", "reports").
NOUNY = frozenset(
    {
        "state",
        "report",
        "claim",
        "call",
        "note",
        "estimate",
        "forecast",
        "demand",
        "promise",
        "stress",
        "point",
        "joke",
        "reply",
        "respond",
        "remark",
        "tweet",
        "caution",
        "pledge",
        "blame",
        "vow",
        "threaten",
        "quip",
        "boast",
    }
)  # verbs whose bare object is rarely a clause ("wrote a book")
FINITE = wordset("""is was were are has have had will would could can may might should must did does do""")
# Finite verbs after which "to" + a reporting verb is a speech act performed, not planned or
# wanted: "preferred to state that", "went so far as to suggest", "was at pains to point out".
CATENATIVES = wordset(
    """preferred prefers chose chooses tried tries sought seeks went goes proceeded proceeds hastened
    rushed moved pains quick"""
)
# Nouns naming a statement, after which a participle reports its content: "issued a statement
# warning that ...", "posted a tweet saying ...".
STATEMENT_NOUNS = wordset("statement statements letter tweet post release note message video")
# Words that open a clause whose subject follows them: "after Swift scolded her label, accusing ...".
CLAUSE_LINKS = wordset("after when while because as since before although though and but whereas")
# Nouns of a speech act that take a that-clause of what was said: "Van Der Beek's announcement that
# his wife ...", "her claim that ...".
STATEMENT_HEADS = wordset(
    """announcement claim assertion admission warning suggestion allegation denial statement
    prediction pledge promise revelation acknowledgement acknowledgment"""
)
# Determiners that open a common-noun subject of a reporting verb ("the suspect said", "some
# officials say"): such a subject is an unnamed speaker even when no actor fits it.
UNPLACED_DETERMINERS = wordset("the a an some many several two three four most other both few")
# Nouns shaped like agent nouns that name things, not speakers ("the number said" is no speaker).
NON_AGENT_NOUNS = wordset(
    """number member paper letter order border corner water matter quarter chapter computer center
    centre power poster monitor factor sector motor error mirror floor tenant variant moment element
    payment event comment content percent segment incident equipment investment treatment movement
    development environment agreement amendment"""
)
# People and bodies named by a common noun that has no agent shape ("the suspect said", "the
# brokerage said").
SPEAKER_NOUNS = wordset(
    """suspect victim wife husband mother father son daughter brother sister friend neighbour neighbor
    child parent girl boy man woman guard nurse chef pilot coach person people brokerage consultancy
    coalition alliance association federation foundation trust society league campaign tribunal panel
    jury inquiry respondent participant country countries nation nations office assembly parliament senate
    congress cabinet legislature embassy think-tank thinktank lord figure press opposition"""
)
