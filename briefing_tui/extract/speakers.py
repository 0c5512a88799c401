"""Who is speaking: actor surface forms, a short discourse memory and noun-phrase resolution.

Quotes name their speaker in many ways: a full name, a short name, a pronoun
("he said"), a role noun ("the foreign secretary", "the company"), a
document ("the report said") or an unnamed source ("a U.S. official"). This
module turns such a noun phrase into the canonical actor name, or into a
description when no actor fits, using only the actor list and what the text
has said so far.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Actor
from .names import gazetteer

MASK = "\x1a"  # stands for quoted text in the masked paragraph, so offsets stay exact


def wordset(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (keeps long word lists readable)."""
    return frozenset(text.split())


MALE_HONORIFICS = wordset(
    """mr sir lord baron monsieur herr senor señor
    father king"""
)
FEMALE_HONORIFICS = frozenset(
    {"mrs", "ms", "miss", "lady", "dame", "baroness", "madame", "mme", "frau", "queen", "sister"}
)
PRONOUNS_PERSON = {"he": "m", "she": "f"}
PRONOUNS_GROUP = frozenset({"they", "it"})

# Head nouns of unnamed speakers ("a U.S. official", "analysts", "state media").
UNNAMED_HEADS = wordset(
    """official officials spokesman spokeswoman spokesperson spokesmen spokeswomen source sources
    analyst analysts expert experts critic critics observer observers diplomat diplomats aide aides
    witness witnesses resident residents people researcher researchers scientist scientists
    economist economists investor investors lawyer lawyers police officer officers doctor doctors
    medic medics activist activists campaigner campaigners insider insiders media watchers fans
    users voters members commentators historians protesters students teachers workers staff
    authorities representative representatives person man woman men women military army someone
    insiders executives traders dealers bankers lawmakers legislators opponents supporters allies
    officials critics colleagues friends neighbours neighbors relatives family families parents
    sources estimates reports prosecutors prosecutor investigators investigator detectives judges
    ministers leaders organisers organizers negotiators rescuers villagers locals survivors victims
    owners managers players engineers nurses paramedics firefighters soldiers troops rebels militants
    demonstrators employees consumers shoppers passengers travellers travelers pilots academics
    pollsters forecasters strategists pupils scholars clergy bishops judges jurors coaches partners"""
)


def people_plural(word: str) -> bool:
    """A plural agent noun naming people ("prosecutors", "scientists", "politicians")."""
    return word in UNNAMED_HEADS or (len(word) > 6 and word.endswith(("ors", "ists", "ians")))


SINGULAR_PERSON_HEADS = wordset(
    """official spokesman spokeswoman spokesperson source analyst expert critic observer diplomat aide
    witness resident researcher scientist economist investor lawyer officer doctor activist campaigner
    insider representative person man woman"""
)
# A document or data set speaks for whoever issued it.
REPORT_HEADS = wordset(
    """report reports study studies statement statements survey surveys data figures statistics
    analysis poll polls research paper document documents review audit letter filing release website
    assessment findings communique communiqué memo briefing note notes results evidence complaint
    lawsuit indictment affidavit petition ruling judgment judgement verdict email tweet agreement"""
)
PERSON_ROLES = wordset(
    """president prime minister premier chancellor secretary leader governor senator mayor chairman
    chairwoman chair director editor chief executive boss manager coach captain star actor actress
    singer player ambassador envoy commissioner judge justice general commander king queen prince
    princess pope founder head spokesman spokeswoman professor author writer striker midfielder
    defender keeper goalkeeper champion winner candidate official secretary-general vice-president
    analyst nominee president-elect lawmaker senator congressman congresswoman athlete runner sprinter
    swimmer cyclist driver rider boxer golfer jockey batsman bowler forward winger veteran youngster
    teenager rapper musician singer-songwriter comedian presenter host novelist businessman
    businesswoman tycoon billionaire entrepreneur mp minister deputy shadow skipper striker ceo cfo
    coo cto md chief-executive boss founder co-founder owner president suspect defendant accused
    agent"""
)
ORG_ROLES = wordset(
    """company firm airline bank group carrier charity organisation organization museum agency ministry
    department government administration party club team union council committee court board
    regulator retailer manufacturer maker broadcaster newspaper network observatory university
    institute watchdog commission authority corporation business giant conglomerate lender insurer
    operator supermarket chain studio label publisher channel station paper magazine outlet service
    military army brokerage seller provider developer producer distributor platform startup"""
)
# Adjectives that follow the noun they modify ("people familiar with the talks", "sources close to
# him"): the head is the noun before them, not the adjective.
POSTNOMINAL = wordset("familiar close aware knowledgeable involved briefed present")
# Nouns for the business an article is about ("the company said"), as opposed to bodies cited
# along the way (an agency, a group, a court), which are the ones named last.
COMPANY_ROLES = wordset(
    """company firm business corporation conglomerate carrier airline retailer manufacturer maker
    lender insurer operator bank brokerage seller provider developer startup"""
)
COUNTRY_ROLES = frozenset({"country", "nation", "state", "kingdom", "republic"})
GOVERNING_ROLES = frozenset({"government", "administration"})
DETERMINERS = wordset(
    """the a an this that these those his her its their our my your some any
    no each every another"""
)
LEADING_FILLER = wordset(
    """but and yet so however meanwhile earlier later also still already instead now then previously
    separately similarly initially originally"""
)


@dataclass(slots=True)
class Speaker:
    """A resolved speaker: a canonical actor name, or a description of an unnamed one."""

    name: str | None = None
    description: str | None = None
    via: str | None = None
    kind: str = "none"  # actor, pronoun, role, report, unnamed, group, unknown, none
    type: str | None = None  # actor type when name is set
    evidence: str | None = None  # how it was found (model.SPEAKER_EVIDENCE) where ``kind`` does not say

    @property
    def found(self) -> bool:
        return self.kind != "none"

    def found_by(self) -> str | None:
        """How the speaker was found, for the analyst: None when nobody was.

        A pronoun's speaker was resolved from the discourse; a role noun's or a document's from a
        description ("the company", "the report") unless set otherwise where the name is at hand;
        anything else was named (or described, when unnamed) where the words are attributed."""
        if not self.label():
            return None
        if self.evidence is not None:
            return self.evidence
        if self.kind == "pronoun":
            return "pronoun"
        if self.kind in ("role", "report"):
            return "description"
        return "named"

    def label(self) -> str | None:
        return self.name or self.description


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    actor: str
    type: str
    in_pp: bool = False


# A plain personal name: two to four capitalised words, initials allowed ("Pankaj Pandey").
_PERSON_NAME = re.compile(r"[A-Z][a-z][\w'’\-]*(?: (?:[A-Z]\.|[A-Z][a-z][\w'’\-]*)){1,3}")
_NAME_WORD = re.compile(r"[A-Za-z][\w\-]*")
_PUNCTUATION_BEFORE = re.compile(r"[,;:.()\"“”]\s*$")


class ActorIndex:
    """Finds the surface forms of the known actors in text; case-sensitive, longest form first."""

    def __init__(self, actors: list[Actor]) -> None:
        self.types: dict[str, str] = {}
        self.gender: dict[str, str] = {}
        self.roles: dict[str, set[str]] = {}
        self.bindings: dict[str, str] = {}  # "The group, WeWorkers Coalition,": noun -> the body named
        surfaces: dict[str, str] = {}
        last_names: dict[str, set[str]] = {}
        for actor in actors:
            if not actor.name:
                continue
            self.types.setdefault(actor.name, actor.type)
            self.roles.setdefault(actor.name, set())
            for form in actor.names():
                for variant in _variants(form):
                    surfaces.setdefault(variant, actor.name)
            if actor.type == "person":
                parts = actor.name.split()
                if len(parts) > 1 and parts[-1][:1].isupper() and len(parts[-1]) > 2:
                    last_names.setdefault(parts[-1], set()).add(actor.name)
        for last, owners in last_names.items():
            if len(owners) == 1 and last not in surfaces:
                surfaces[last] = next(iter(owners))
        self.surfaces = surfaces
        self.regex = re.compile(r"(?<![\w\-])" + longest_form_pattern(surfaces)) if surfaces else None

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        if self.regex is None:
            return []
        end = len(text) if end is None else end
        out = []
        for m in self.regex.finditer(text, start, end):
            name = self.surfaces[m.group(0)]
            out.append(Mention(m.start(), m.end(), name, self.types.get(name, "person")))
        return out

    def learn_from_context(self, text: str, mention: Mention) -> None:
        """Record gender (from an honorific) and role words (from a title) standing before a mention."""
        before = text[max(0, mention.start - 60) : mention.start]
        words = _NAME_WORD.findall(before)[-4:]
        if mention.type == "person" and mention.actor not in self.gender:
            # "the actress Jane Doe", "Jane Doe, the company's chairwoman,": a gendered title or noun
            after = _APPOSITIVE_AFTER.match(text, mention.end)
            near = [w.lower() for w in words[-2:]] + (_NAME_WORD.findall(after.group(1).lower()) if after else [])
            gender = next((GENDERED_NOUNS[w] for w in near if w in GENDERED_NOUNS), None)
            if gender is not None:
                self.gender[mention.actor] = gender
        if not words:
            return
        last = words[-1].lower()
        apposed = _APPOSED_NOUN.search(before)
        if apposed and mention.type == "organization" and apposed.group(1) in ORG_ROLES:
            # "The group, WeWorkers Coalition, ...": later "the group" means this body
            self.bindings[apposed.group(1)] = mention.actor
        if mention.type == "organization" and (
            ((last in MALE_HONORIFICS or last in FEMALE_HONORIFICS) and not before.rstrip().endswith(("'s", "’s")))
            or _AGE_AFTER.match(text, mention.end)
        ):
            # "Mr Brown said", "said Singh Jabarjung, 24, from ...": a person, whatever the actor list's
            # type says, so "he" can find them
            self.types[mention.actor] = "person"
            mention.type = "person"
        if mention.type == "person":
            if last in MALE_HONORIFICS:
                self.gender.setdefault(mention.actor, "m")
            elif last in FEMALE_HONORIFICS:
                self.gender.setdefault(mention.actor, "f")
        # Title words directly before the name ("Foreign Secretary Jack Straw", "BA chairman ...").
        if _PUNCTUATION_BEFORE.search(before):
            return
        roles = self.roles.setdefault(mention.actor, set())
        g = gazetteer()
        after: str = ""
        for w in reversed(words):
            lw = w.lower()
            if lw in DETERMINERS or lw in LEADING_FILLER:
                break
            if lw in ("to", "of", "for") and after[:1].isupper() and not _role_noun(after):
                after = w
                continue  # "ambassador to Britain Liu Xiaming": the title's complement, then the title
            after = w
            if w.islower() and not (lw in PERSON_ROLES or lw in g.role or lw.rsplit("-", 1)[-1] in PERSON_ROLES):
                # a lowercase word that is no title ends the title: in "the defender believes
                # Mourinho is ..." neither "believes" nor "defender" is Mourinho's
                break
            roles.add(lw)

    def learn_apposition(self, actor: str, text: str) -> None:
        """Role words from an appositive after a name ("Rod Eddington, BA's chief executive,")."""
        roles = self.roles.setdefault(actor, set())
        for w in _NAME_WORD.findall(text)[:8]:
            roles.add(w.lower())


_APPOSITIVE_AFTER = re.compile(r",\s+((?:the|a|an|his|her|its|[A-Z][\w.\-]*['’]s)\s+[^,.;:]{0,60}),")
# Nouns and titles that say whether a person is a man or a woman ("actress", "chairman", "wife").
GENDERED_NOUNS: dict[str, str] = {
    **{w: "f" for w in wordset(
        """actress chairwoman spokeswoman businesswoman congresswoman sportswoman policewoman wife mother
        daughter sister queen princess duchess countess baroness dame widow grandmother girlfriend
        granddaughter niece aunt"""
    )},
    **{w: "m" for w in wordset(
        """chairman spokesman businessman congressman sportsman policeman husband father son brother
        king prince duke earl baron widower grandfather boyfriend grandson nephew uncle"""
    )},
}
_AGE_AFTER = re.compile(r",\s*\d{1,3}\s*,")
_APPOSED_NOUN = re.compile(r"(?<![\w\-])(?:[Tt]he|[Tt]his)\s+([a-z]+)\s*,\s*$")
_NAME_END = r"(?![\w\-])"
_TRIE_DEPTH = 40  # branchings spelled as nested groups; below that, the rest of the forms are listed
_LISTED_FORMS = 100  # up to this many forms (more than a news article has), a plain list


def longest_form_pattern(forms: Collection[str]) -> str:
    """A pattern matching, where it is tried, the longest of ``forms`` that ends where a word does.

    An article's few dozen forms are listed, longest first. Past ``_LISTED_FORMS`` they share their
    prefixes, as in a trie ("Smith", "Smith Jones" and "Smiths" are one "Smith" followed by a choice),
    so at each position the pattern reads one choice of next character at a time: listed, every one
    of thousands of actors' names would be tried at every position of the text. (A listed pattern
    compiles faster, which for an ordinary article is most of its cost.) Where the forms fork very deep
    (a long run of names each extending the last), the rest are listed, to keep the nesting shallow."""
    if len(forms) <= _LISTED_FORMS:
        return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")" + _NAME_END
    root: dict[str, dict] = {}
    for form in forms:
        node = root
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}  # a form ends here
    return _trie_pattern(root, 0)


def _trie_pattern(node: dict[str, dict], depth: int) -> str:
    if depth >= _TRIE_DEPTH:
        tails = sorted(_tails(node), key=len, reverse=True)
        return "(?:" + "|".join(re.escape(t) + _NAME_END for t in tails) + ")"
    alternatives = []
    for ch, child in node.items():
        if not ch:
            continue
        literal = ch
        while len(child) == 1 and "" not in child:  # no fork and no form ending: one literal run
            ((nxt, child),) = child.items()
            literal += nxt
        alternatives.append(re.escape(literal) + _trie_pattern(child, depth + 1))
    if "" in node:
        alternatives.append(_NAME_END)  # tried last: a longer form, if it ends at a word's end, wins
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


def _tails(node: dict[str, dict]) -> list[str]:
    """Every form's remainder below ``node`` ("" for a form ending at it)."""
    out: list[str] = []
    stack = [("", node)]
    while stack:
        prefix, n = stack.pop()
        for ch, child in n.items():
            if ch:
                stack.append((prefix + ch, child))
            else:
                out.append(prefix)
    return out


def _variants(form: str) -> list[str]:
    form = form.strip()
    if not form:
        return []
    out = [form]
    low = form.lower()
    if low.startswith("the "):
        out.append(form[4:])
    return out


@dataclass
class SentenceFocus:
    """The entities a sentence talks about, most salient first (speakers, then subjects, then others)."""

    ranked: list[tuple[str, str]] = field(default_factory=list)  # (actor name, type)
    speakers: list[Speaker] = field(default_factory=list)
    subject: str | None = None  # the person who is the subject of the sentence's main clause
    new_persons: list[str] = field(default_factory=list)  # people the article names here first
    described: str | None = None  # a person the main clause's subject describes, not names: "prime minister"
    oblique: set[str] = field(default_factory=set)  # named only after a preposition ("set by Beta Oil")


class Discourse:
    """Memory of recent sentences, used to resolve pronouns and role nouns to actors."""

    def __init__(self, index: ActorIndex) -> None:
        self.index = index
        self.sentences: list[SentenceFocus] = []
        self.last_speaker: Speaker | None = None
        self.last_speaker_paragraph = -1
        self.current: list[Mention] = []  # mentions of the sentence being read
        self.current_speakers: list[Speaker] = []  # speakers already found in that sentence
        self.current_reports: list[tuple[int, int]] = []  # the clauses they reported, as offsets
        self.issuer: str | None = None  # organization that last issued a report, study or statement
        self.seen_persons: set[str] = set()
        self.mention_counts: dict[str, int] = {}  # sentences naming each actor so far: its prominence
        self.spoken_counts: dict[str, int] = {}  # sentences in which each actor spoke so far
        self.free_counts: dict[str, int] = {}  # sentences naming each actor outside a prepositional phrase

    def set_last_speaker(self, speaker: Speaker, paragraph: int) -> None:
        self.last_speaker = speaker
        self.last_speaker_paragraph = paragraph

    def push(self, focus: SentenceFocus) -> None:
        last = self.last_speaker
        if (
            focus.subject
            and not focus.speakers
            and last is not None
            and last.name
            and last.type == "person"
            and focus.subject != last.name
        ):
            # "Forster said ... Ruddock, though, is keen to protect his players. '...'": a new person
            # as the subject of a main clause takes over the floor, so an unattributed quotation after
            # it is theirs rather than the earlier speaker's.
            self.last_speaker = Speaker(name=focus.subject, kind="role", type="person")
        for name in {sp.name for sp in focus.speakers if sp.name}:
            self.spoken_counts[name] = self.spoken_counts.get(name, 0) + 1
        for name, typ in focus.ranked:
            self.mention_counts[name] = self.mention_counts.get(name, 0) + 1
            if name not in focus.oblique:
                self.free_counts[name] = self.free_counts.get(name, 0) + 1
            if typ == "person" and name not in self.seen_persons:
                self.seen_persons.add(name)
                focus.new_persons.append(name)
        self.sentences.append(focus)
        if len(self.sentences) > 40:
            del self.sentences[:10]

    def _walk(self):
        for focus in reversed(self.sentences):
            yield from focus.ranked

    def resolve_person(
        self,
        gender: str | None = None,
        role_words: set[str] | None = None,
        before: int = -1,
        only_roles: bool = False,
    ) -> str | None:
        """Latest fitting person: by title words if given, else by salience; role nouns may look back
        into the current sentence ("Oxfam's Barbara Stocking said ..., the charity's director added").
        With ``only_roles`` nobody is guessed when no recorded title fits."""
        current = [m for m in self.current if m.end <= before and m.type == "person"] if before >= 0 else []
        if role_words:
            for m in reversed(current):
                if role_words & self.index.roles.get(m.actor, set()):
                    return m.actor
            best, best_score = None, 0
            for name, typ in self._walk():
                if typ != "person":
                    continue
                score = len(role_words & self.index.roles.get(name, set()))
                if score > best_score:
                    best, best_score = name, score
            if best or only_roles:
                return best
            if not current:
                # A description no recorded role fits ("the real estate agent") is the person the
                # text is about, never whoever was named last in passing.
                return self.topic_person()
        if current:
            return current[-1].actor
        if gender:
            # Speaker continuity: "he said" goes on with the person of known, fitting gender last
            # reported as speaking a sentence or three ago, unless another person has since spoken,
            # been a sentence subject or been introduced; people named again only inside what was
            # reported ("They could picture Michael Howard ...") do not take over.
            for focus in reversed(self.sentences[-3:]):
                people = [sp.name for sp in focus.speakers if sp.name and sp.type == "person"]
                if people:
                    # a speaker of unknown gender ("Dr Fox") goes on too: no honorific is no mismatch;
                    # but a subject known to fit ("she acquiesced, agreeing with Tim Flesher") is surer
                    fit = self._salient_fit(people[-1], focus.subject, gender)
                    if fit is not None:
                        return fit
                    break
                fits = [n for n in [focus.subject, *focus.new_persons] if n]
                if any(self.index.gender.get(n, gender) == gender for n in fits):
                    break
        for focus in reversed(self.sentences):
            if not focus.ranked:
                continue
            persons = [name for name, typ in focus.ranked if typ == "person"]
            if not persons:
                continue
            if not gender:
                return persons[0]
            # within one sentence its speaker or subject, if not known not to fit, comes first
            # (salience: "Dr Fox accused Mr Blair ... he told" is Fox); after them a person known
            # to fit ("Mrs Thatcher" for "she") beats one of unknown gender; a person known not to
            # fit is never chosen
            salient = {sp.name for sp in focus.speakers if sp.name} | {focus.subject}
            fit = self._salient_fit(persons[0], focus.subject, gender) if persons[0] in salient else None
            if fit is not None:
                return fit
            known = [n for n in persons if self.index.gender.get(n) == gender]
            unknown = [n for n in persons if n not in self.index.gender]
            if known or unknown:
                return (known or unknown)[0]
        return None

    def described_subject(self) -> str | None:
        """The description of the person the last sentence was about, when it named nobody as its
        subject and nobody spoke in it ("The prime minister toured the country. He insisted ...")."""
        if not self.sentences:
            return None
        last = self.sentences[-1]
        return last.described if last.described and not last.subject and not last.speakers else None

    def _salient_fit(self, name: str, subject: str | None, gender: str) -> str | None:
        """``name`` (a sentence's speaker or subject) for a pronoun of ``gender`` unless known not to
        fit; when its gender is unknown and the sentence's subject is known to fit, the subject."""
        known = self.index.gender.get(name)
        if known == gender:
            return name
        if known is not None:
            return None
        if subject and subject != name and self.index.gender.get(subject) == gender:
            return subject
        return name

    def topic_person(self) -> str | None:
        """The person the last sentence naming anyone is about: its speaker or its subject.

        Centering: a mention in object position or inside what was reported does not become the
        topic, so a sentence naming people none of whom is its subject gives no topic at all."""
        for focus in reversed(self.sentences[-3:]):
            people = [sp.name for sp in focus.speakers if sp.name and sp.type == "person"]
            if people:
                return people[-1]
            if focus.subject:
                return focus.subject
            if any(typ == "person" for _, typ in focus.ranked):
                return None
        return None

    def resolve_group(
        self,
        want: tuple[str, ...] = ("organization", "country"),
        before: int = -1,
    ) -> str | None:
        """Latest organization/country: earlier in this sentence, then in the sentences before."""
        for m in reversed(self.current):
            if m.end <= before and m.type in want:
                return m.actor
        for name, typ in self._walk():
            if typ in want:
                return name
        return None

    def prominent_group(
        self,
        want: tuple[str, ...],
        before: int = -1,
        window: int = 3,
        fallback: bool = True,
        exclude: Callable[[str], bool] | None = None,
    ) -> str | None:
        """The most prominent body of a fitting kind among those named lately ("the company said").

        A definite description picks out the body the article is about, not whichever was named last:
        a news agency cited in passing or a rival named in an aside must not take over. Prominence is
        how many sentences so far have named it; between bodies named as often, the one that has
        spoken in more sentences ("the company said" goes on with the company that has been
        speaking, not with a unit it spoke about), then the one named more often as a subject or
        object rather than after a preposition ("prices set by Beta Oil"), then the latest named."""
        candidates: list[str] = [m.actor for m in self.current if m.end <= before and m.type in want]
        for focus in self.sentences[-window:]:
            candidates.extend(name for name, typ in focus.ranked if typ in want)
        if exclude is not None and any(not exclude(n) for n in candidates):
            # "the company said" in a wire story: the business it covers, not the agency reporting it
            candidates = [n for n in candidates if not exclude(n)]
        if not candidates:
            return self.resolve_group(want, before=before) if fallback else None
        latest = {name: i for i, name in enumerate(candidates)}
        return max(
            latest,
            key=lambda n: (
                self.mention_counts.get(n, 0),
                self.spoken_counts.get(n, 0),
                self.free_counts.get(n, 0),
                latest[n],
            ),
        )

    def recent_group_speaker(self) -> Speaker | None:
        """The latest speaker of the last two sentences if it is a group or body ("they said")."""
        for focus in self.sentences[-2:][::-1]:
            for sp in reversed(focus.speakers):
                if sp.kind in ("unnamed", "group") or sp.type in ("organization", "country"):
                    return sp
        return None

    def previous_unnamed_person(self) -> Speaker | None:
        """The last speaker of a recent sentence if it is one unnamed person ("a spokesman"), or a
        person the actor list lacks ("Pankaj Pandey, head of research, said"), and nobody else has
        spoken or been named since: "he said" goes on with them, not with someone named earlier."""
        sp = None
        for focus in reversed(self.sentences[-3:]):
            if focus.speakers:
                sp = focus.speakers[-1]
                break
            if any(typ == "person" for _, typ in focus.ranked):
                return None
        if sp is None or not sp.description or sp.name:
            return None
        if sp.kind == "unknown" and _PERSON_NAME.fullmatch(sp.description):
            return sp
        if sp.kind != "unnamed":
            return None
        core = re.split(r"\s(?:of|for|at|from|with|in|who)\s", sp.description)[0].split()
        return sp if core and core[-1].lower() in SINGULAR_PERSON_HEADS else None

    def last_org_speaker(self) -> str | None:
        for focus in reversed(self.sentences):
            for sp in reversed(focus.speakers):
                if sp.name and sp.type in ("organization", "country"):
                    return sp.name
        return None


_WORD = re.compile(r"[^\W\d_][\w’'\-.]*|\d[\w,.\-]*")


_PP_WORDS = "of|for|at|from|with|in|on|to|by|who|which|seen|gathered|issued|published|close"
_PP_CUT = re.compile(r"\s(?:" + _PP_WORDS + r")\s")
_CONNECTIVES = "but|and|yet|so|however|meanwhile|earlier|later|also|both"
_LEADING_CONNECTIVES = re.compile(r"^(?:(?:" + _CONNECTIVES + r")\s+)+", re.I)


def _clean_description(text: str) -> str:
    text = " ".join(text.replace(MASK, "").split()).strip(" ,;:-–—")
    text = _LEADING_CONNECTIVES.sub("", text)
    text = re.sub(r"^(?:a|an|the)\s+", "", text, flags=re.I)
    return text


_LINKING_WORDS = {"for", "of", "to", "with", "by", "at", "from", "on", "in", "and", "or", "'s", "’s", "s"}


def _appositive_name(between: str) -> bool:
    """The words between a post's head and a person name end in a name, not a preposition: in
    "ambassador to Britain Liu Xiaming" the person holds the post; in "a spokesman for Senator Jo
    Park" (titles skipped) the person is whom the post serves."""
    g = gazetteer()
    words = _WORD.findall(between)
    while words and (words[-1] in g.title or words[-1] in g.honorific or words[-1] in g.modifier):
        words.pop()
    return bool(words) and words[-1][:1].isupper() and words[-1].lower() not in _LINKING_WORDS


def resolve_np(text: str, start: int, end: int, index: ActorIndex, memory: Discourse) -> Speaker:
    """Resolve the noun phrase ``text[start:end]`` (a subject of a reporting verb) to a speaker."""
    np = text[start:end].strip()
    if not np or MASK in np:
        return Speaker()
    words = _WORD.findall(np)
    if not words:
        return Speaker()
    low = [w.lower().rstrip(".") for w in words]
    # A pronoun subject, possibly after an adverbial ("Backstage, he").
    if low[-1] in PRONOUNS_PERSON:
        gender = PRONOUNS_PERSON[low[-1]]
        for sp in reversed(memory.current_speakers):
            # '"X said: "..." "...," he added': a speaker earlier in the same sentence
            if sp.name and sp.type == "person" and index.gender.get(sp.name, gender) == gender:
                return Speaker(name=sp.name, kind="pronoun", type="person")
        subject = _sentence_subject_before(text, start, memory, gender)
        if subject is not None:
            # "Carlineo was arrested for a call in which he said ...": the subject of the main clause
            return Speaker(name=subject, kind="pronoun", type="person")
        described = memory.described_subject()
        if described is not None:
            # "The prime minister toured the country. He insisted ...": the person just described, not
            # someone named before; left a description when no recorded title says who holds it
            return Speaker(description=described, kind="unnamed", evidence="pronoun")
        prev = memory.previous_unnamed_person()
        if prev is not None:
            # "A Home Office spokesman said ... He added": the unnamed speaker goes on speaking
            return Speaker(description=prev.description, kind=prev.kind, evidence="pronoun")
        name = memory.resolve_person(PRONOUNS_PERSON[low[-1]])
        if name is None:
            return Speaker(kind="unknown", description=low[-1], evidence="pronoun")
        return Speaker(name=name, kind="pronoun", type="person")
    if low[-1] in PRONOUNS_GROUP:
        if low[-1] == "they":
            sp = memory.recent_group_speaker()
            if sp is not None:
                return Speaker(name=sp.name, description=sp.description, kind=sp.kind, type=sp.type,
                               evidence="pronoun")
        name = _group_subject_before(text, start, memory) if low[-1] == "it" else None
        name = name or memory.resolve_group(before=start)
        if name is None:
            return Speaker(kind="unknown", description=low[-1], evidence="pronoun")
        return Speaker(name=name, kind="pronoun", type=index.types.get(name))
    if low[-1] in ("i", "we", "you", "who", "which", "that", "what") and not words[-1][1:2].isupper():
        # a pronoun, but not an acronym spelled like one ("according to WHO")
        return Speaker()

    mentions = index.find(text, start, end)
    capital = _capital_country(words, mentions, index)
    if capital is not None:
        # "Beijing said", "Washington has warned": a capital speaks for its country's government
        return Speaker(name=capital, kind="actor", type=index.types.get(capital))
    # Head region: the phrase before a prepositional tail ("a spokeswoman for the Department ...").
    head_end = end
    for m in _PP_CUT.finditer(text[start:end]):
        pos = start + m.start()
        if not any(mn.start <= pos < mn.end for mn in mentions):
            head_end = pos
            break
    head_text = text[start:head_end]
    head_words = [w.lower().rstrip(".") for w in _WORD.findall(head_text)] or low
    while len(head_words) > 1 and head_words[-1] in POSTNOMINAL:
        head_words = head_words[:-1]
    head = head_words[-1]
    head_mentions = [mn for mn in mentions if mn.end <= head_end]

    # Two or more speakers together ("Blair and Brown said", "the prime minister and Chancellor Brown").
    conj = list(re.finditer(r"\s(?:and|&)\s", head_text))
    if conj:
        left = head_text[: conj[-1].start()]
        left_words = {w.lower() for w in _WORD.findall(left)}
        left_has = any(mn.end <= start + conj[-1].start() for mn in head_mentions) or bool(
            left_words & (UNNAMED_HEADS | PERSON_ROLES | ORG_ROLES)
        )
        right_start = start + conj[-1].end()
        left_tail = _WORD.findall(left)[-1:]
        persons = [mn for mn in head_mentions if mn.type == "person"]
        right_words = _WORD.findall(text[right_start : persons[0].start]) if persons else []
        if (
            left_tail
            and _role_noun(left_tail[0])
            and len(persons) == 1
            and persons[0].start >= right_start
            and re.fullmatch(r"[\s.,)]*", text[persons[0].end : head_end])
            and right_words
            and _role_noun(right_words[-1])
            and all(_title_word(w) or w[:1].isupper() for w in right_words)
        ):
            # "GM chairman and chief executive Rick Wagoner", "lead researcher and NASA planetary
            # scientist Jo Park": two titles of the one person named last
            return Speaker(name=persons[0].actor, kind="actor", type="person")
        if left_has and (head_mentions or head in UNNAMED_HEADS | PERSON_ROLES):
            return Speaker(description=_clean_description(np), kind="group")
        if head in UNNAMED_HEADS:
            return Speaker(description=_clean_description(np), kind="unnamed")
    if head_words[0] == "its" and len(head_words) == 2 and head in INSIDER_HEADS:
        # "its officials say", "its developers say": people who act for the body "it" stands for
        name = _group_subject_before(text, start, memory) or memory.resolve_group(("organization",), before=start)
        if name is not None:
            return Speaker(name=name, description=_clean_description(np), kind="group", type=index.types.get(name))
    if head in GROUP_HEADS or head in GOVERNING_ROLES:
        body = _group_body(text, head_text, head_mentions, head_end, index)
        if body is not None:
            # "EU ministers", "Chinese authorities", "Labour officials": a group named by its body or
            # country speaks for it; the words stay as the description
            if head in GOVERNING_ROLES:
                return Speaker(name=body, kind="actor", type=index.types.get(body))
            return Speaker(name=body, description=_clean_description(np), kind="group", type=index.types.get(body))
    owner = _owner(text, head_mentions, head_end, head)
    if owner is not None:
        return Speaker(name=owner.actor, kind="role", type=owner.type, evidence="named")
    named = _named_before_appositive(text, start, end, mentions)
    if named is not None:
        return Speaker(name=named.actor, kind="actor", type=named.type)
    if head_mentions and re.fullmatch(r"[\s.,)]*", text[head_mentions[-1].end : head_end]):
        mn = head_mentions[-1]
        return Speaker(name=mn.actor, kind="actor", type=mn.type)
    if mentions and re.fullmatch(r"[\s.,)]*", text[mentions[-1].end : end]):
        mn = mentions[-1]
        if head_end < mn.start and mn.type == "person" and _appositive_name(text[head_end : mn.start]):
            # "China's ambassador to Britain Liu Xiaming said": the post's holder, named after its complement
            return Speaker(name=mn.actor, kind="actor", type="person")
        if head_end < mn.start and (head in UNNAMED_HEADS or head in PERSON_ROLES):
            return Speaker(description=_clean_description(np), kind="unnamed")
        return Speaker(name=mn.actor, kind="actor" if head not in REPORT_HEADS else "report", type=mn.type,
                       evidence="named")
    if head in REPORT_HEADS:
        orgs = [mn for mn in mentions if mn.type in ("organization", "country")] or mentions
        owned_by = re.search(r"[\w.\-]+['’]s\s", text[start:head_end])
        if owned_by is not None:
            # "The Verge's Stadia review": a body named after the owner is what the report is about
            cut = start + owned_by.end()
            orgs = [mn for mn in orgs if mn.start < cut]
        if orgs:
            return Speaker(name=orgs[-1].actor, kind="report", type=orgs[-1].type, evidence="named")
        definite = head_words[0] in ("the", "its", "their", "this", "his", "her", "that")
        if any(w.endswith(("'s", "’s")) for w in head_words[:-1]):
            # "The Wrap's report claims": owned by a body the actor list lacks, not the last issuer
            definite = False
        name = (memory.issuer or memory.last_org_speaker() or memory.resolve_group()) if definite else None
        if name:
            return Speaker(name=name, kind="report", type=index.types.get(name))
        return Speaker(description=_clean_description(np), kind="unnamed")
    if head in UNNAMED_HEADS or people_plural(head):
        return Speaker(description=_clean_description(np), kind="unnamed")
    # "co-chairman", "vice-president": a compound title is a title
    compound_role = "-" in head and head not in PERSON_ROLES and head.rsplit("-", 1)[1] in PERSON_ROLES
    if (
        head in PERSON_ROLES
        or compound_role
        or re.fullmatch(r"\d+-year-old", head)
        or (
            len(head_words) >= 2
            and head_words[0] == "the"
            and words[-1][:1].isupper()
            and not head_mentions
            and _is_demonym_like(words[-1])
        )
    ):
        role_words = {w for w in head_words if w not in DETERMINERS and not w.endswith(("'s", "’s"))}
        # "Austria's interior minister": a title held for a named country or body picks out one
        # person, so unless someone is known to hold it, guessing would name the wrong one; and "an
        # FBI agent" introduces someone rather than pointing back
        owned = any(
            mn.type in ("country", "organization") and text[mn.end : mn.end + 2] in ("'s", "’s") for mn in head_mentions
        )
        name = memory.resolve_person(
            role_words=role_words & (PERSON_ROLES | {head} if compound_role else PERSON_ROLES) or None,
            before=start,
            only_roles=(owned or head_words[0] in ("a", "an")) and bool(role_words),
        )
        if name is None:
            return Speaker(description=_clean_description(np), kind="unnamed")
        return Speaker(name=name, kind="role", type="person")
    if head in ORG_ROLES and head_mentions:
        mn = head_mentions[-1]
        between = text[mn.end : head_end]
        if mn.type == "organization" and re.fullmatch(r"(?:\s+[a-z][a-z-]*)+\s*", between):
            # "the Associated Press news agency", "the Sophos security firm": the named body itself
            return Speaker(name=mn.actor, kind="actor", type=mn.type)
        if mn.type == "person" and between[:2] in ("'s", "’s"):
            # "Mr Elgindy's team", "Smith's lawyers": people acting for a person, not the person
            return Speaker(description=_clean_description(np), kind="unnamed")
    if head in ORG_ROLES or head in COUNTRY_ROLES:
        if head in COUNTRY_ROLES:
            want: tuple[str, ...] = ("country",)
        elif head in ("government", "administration", "ministry", "department", "authority"):
            want = ("organization", "country")
        else:
            want = ("organization",)
        if head in ("military", "army", "police"):
            return Speaker(description=_clean_description(np), kind="unnamed")
        if head_mentions and text[head_mentions[-1].end : head_mentions[-1].end + 2] in ("'s", "’s"):
            # "WeWork's parent company", "Sony's label": a body related to the possessor, not it
            return Speaker(description=_clean_description(np), kind="unnamed")
        if head_words[0] in ("the", "this") and len(head_words) == 2 and head in index.bindings:
            # the noun an earlier appositive gave a name ("the group said" after "The group, X,")
            name = index.bindings[head]
            return Speaker(name=name, kind="role", type=index.types.get(name))
        if head_words[0] in ("a", "an"):
            # "a group of employees", "an agency in Delhi": some body, not one already named
            return Speaker(description=_clean_description(np), kind="unnamed")
        kind_named = _body_of_kind(head_words, index, memory) if head_words[0] in ("the", "this") else None
        if kind_named is not None:
            # "the production company said" after "Dick Clark Productions": the one body named so far
            # whose name says what kind of body it is
            name = kind_named
        elif head in COMPANY_ROLES and head_words[0] in ("the", "this"):
            name = memory.prominent_group(want, before=start, exclude=_is_news_outlet)
        elif head in GOVERNING_ROLES:
            # "the island's government said": a government governs a country, so the country the text
            # is about speaks, not a company named since; a body only when no country is at hand
            name = memory.prominent_group(("country",), before=start, fallback=False)
            name = name or memory.resolve_group(want, before=start)
        else:
            name = memory.resolve_group(want, before=start)
        if name is None:
            return Speaker(description=_clean_description(np), kind="unnamed")
        return Speaker(name=name, kind="role", type=index.types.get(name))
    if head_mentions:
        mn = head_mentions[-1]
        tail = _WORD.findall(text[mn.end : head_end])
        if tail and tail[-1][:1].isupper():
            # "England sevens coach Mike Friday": a name the actor list lacks, not "England"
            return Speaker(description=_clean_description(np), kind="unknown")
        if text[mn.end : mn.end + 2] in ("'s", "’s"):
            # "Germany's BdB private banks association said": the possessor is not the speaker
            return Speaker(description=_clean_description(np), kind="unnamed")
        return Speaker(name=mn.actor, kind="actor", type=mn.type)
    last_word = _WORD.findall(head_text)
    if last_word and last_word[-1][:1].isupper() and len(head_words) <= 6:
        return Speaker(description=_clean_description(np), kind="unknown")
    return Speaker()


def _role_noun(word: str) -> bool:
    """A noun for what one person is ("scientist", "chairman", "co-founder")."""
    low = word.lower()
    return low in PERSON_ROLES or low in gazetteer().role or low.rsplit("-", 1)[-1] in PERSON_ROLES


def _title_word(word: str) -> bool:
    """A word that can stand in a person's title: a role noun or a lowercase modifier of one
    ("lead", "planetary"); not a plural noun for people."""
    if _role_noun(word):
        return True
    low = word.lower()
    return word.islower() and not people_plural(low) and low not in UNNAMED_HEADS


def _capital_country(words: list[str], mentions: list[Mention], index: ActorIndex) -> str | None:
    """The country whose capital the noun phrase is, alone ("Beijing", "Washington"), when that
    country is an actor and the capital is no actor of its own."""
    if mentions or not words or not words[0][:1].isupper():
        return None
    country = gazetteer().capital_of.get(" ".join(words))
    return country if country is not None and country in index.types else None


# Plural nouns for people who act for a body or country ("EU ministers", "Chinese authorities").
GROUP_HEADS = wordset(
    """officials authorities ministers diplomats lawmakers legislators negotiators leaders representatives
    envoys"""
)


# People who act or speak for a body when it is their possessor ("its executives", "its lawyers"),
# unlike those who only deal with it ("its critics", "its users").
INSIDER_HEADS = GROUP_HEADS | wordset(
    """executives developers researchers scientists engineers authors staff bosses managers directors
    spokesmen spokeswomen spokespeople spokesman spokeswoman spokesperson lawyers attorneys leadership
    management owners founders"""
)


@lru_cache(maxsize=1)
def _country_of_demonym() -> dict[str, str]:
    """Demonym -> country, from the countries table ("Chinese" -> China)."""
    from .names import _lines

    out: dict[str, str] = {}
    for line in _lines("countries.txt"):
        parts = [p.strip() for p in line.split("|")] + ["", "", ""]
        for d in filter(None, (d.strip() for d in parts[2].split(","))):
            out.setdefault(d, parts[0])
    return out


def _group_body(
    text: str, head_text: str, head_mentions: list[Mention], head_end: int, index: ActorIndex
) -> str | None:
    """The body or country that modifies a group noun ("EU ministers", "senior Labour officials",
    "Chinese authorities", "the Chinese government"), or None."""
    for mn in reversed(head_mentions):
        between = text[mn.end : head_end]
        if mn.type in ("organization", "country") and re.fullmatch(r"(?:\s+[a-z][a-z\-]*){1,3}\s*", between):
            return mn.actor
    words = _WORD.findall(head_text)
    demonyms = _country_of_demonym()
    for n, w in enumerate(words[:-1]):
        country = demonyms.get(w)
        if country and all(x.islower() for x in words[n + 1 :]):
            # the country as the actor list names it ("British" -> United Kingdom -> "Britain")
            country_of = gazetteer().country_of
            named = [a for a, t in index.types.items() if t == "country" and country_of.get(a, a) == country]
            return named[0] if len(named) == 1 else None
    return None


_MASTHEAD_WORDS = wordset("news times post journal herald telegraph guardian tribune gazette press reporter wire")


def _is_news_outlet(name: str) -> bool:
    """A news agency or outlet ("Reuters", "Bloomberg News", "The Hollywood Reporter"): a body that
    reports on companies, never "the company" of the story."""
    words = name.split()
    return name in gazetteer().agencies or (len(words) > 1 and words[-1].lower() in _MASTHEAD_WORDS)


def _same_stem(a: str, b: str) -> bool:
    """"production" and "productions", "record" and "records": one word, singular or plural."""
    a, b = a.removesuffix("s"), b.removesuffix("s")
    return len(a) >= 4 and a == b


def _body_of_kind(head_words: list[str], index: ActorIndex, memory: Discourse) -> str | None:
    """The one organization named so far whose name holds the head or a modifier of a definite
    description of a body ("the production company" -> Dick Clark Productions, "the record label" ->
    Big Machine Records, "the council" -> Leeds City Council), or None when none or several do."""
    mods = [w for w in head_words[1:] if w.isalpha() and w not in DETERMINERS]
    if not mods:
        return None
    found = {
        name
        for name in memory.mention_counts
        if index.types.get(name) in ("organization", "person")  # a body the actor list took for a person
        and any(_same_stem(m, w) for m in mods for w in name.lower().split())
    }
    return found.pop() if len(found) == 1 else None


# Bodies that act for whoever owns them: "China's commerce ministry said" is China speaking.
OWNED_BODIES = wordset(
    """ministry government administration office military army navy cabinet embassy foreign-ministry
    department presidency"""
)
_OWNED_BETWEEN = re.compile(r"['’]s(?:\s+[a-z][a-z\-]*){0,4}(?:['’]s(?:\s+[a-z][a-z\-]*){0,3})?\s*")


_COUNTRY_MODIFIER = re.compile(r"(?:\s+[a-z][a-z\-]*){0,3}\s*")


def _owner(text: str, head_mentions: list[Mention], head_end: int, head: str) -> Mention | None:
    """The country or organisation owning the body that speaks ("Bolivia's public defender's office").

    Only lowercase words may stand between the possessor and the body, so a named person or body in
    between ("Germany's BdB association") keeps its own voice."""
    if head not in OWNED_BODIES or not head_mentions:
        return None
    mn = head_mentions[-1]
    if mn.type not in ("country", "organization"):
        return None
    if _OWNED_BETWEEN.fullmatch(text, mn.end, head_end):
        return mn
    if mn.type == "country" and _COUNTRY_MODIFIER.fullmatch(text, mn.end, head_end):
        return mn  # "the US military", "the UK foreign ministry": the country as a modifier
    return None


_APPOSITIVE_START = re.compile(r"\s*,\s+(?:[a-z]|[A-Z][\w.\-]*['’]s\s)")


def _named_before_appositive(text: str, start: int, end: int, mentions: list[Mention]) -> Mention | None:
    """The name a subject opens with when an appositive follows it ("Dylan Nelson, a fellow at the
    institute in Garching, Germany, said"): the places and bodies inside the appositive describe the
    speaker and are not the speaker."""
    if not mentions:
        return None
    first = mentions[0]
    lead = [w.lower() for w in _WORD.findall(text[start : first.start])]
    if any(w not in LEADING_FILLER for w in lead):
        return None
    if not _APPOSITIVE_START.match(text, first.end, end):
        return None
    if re.search(r"\s(?:and|&)\s", text[first.end : end]) and first.type != "person":
        return None
    return first


# Words that open a subordinate clause, whose subject pronoun looks to the main clause's subject.
SUBORDINATORS = wordset(
    """which whom where when whenever while after before because since as although though once until
    if unless whereas and but"""
)
CLAUSE_LINKS = wordset("which whom and but")  # inside a sentence only: "And Hill will lead, he said"
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]*\s+")


def _word_before(text: str, pos: int) -> str:
    words = _WORD.findall(text[max(0, pos - 30) : pos])
    return words[-1].lower() if words else ""


def _sentence_subject_before(text: str, start: int, memory: Discourse, gender: str) -> str | None:
    """The person opening the current sentence, when a pronoun later in it has no closer rival.

    A pronoun in a subordinate clause takes the main clause's subject; people named in passing
    (after a preposition, or as a possessor) do not compete, but a second plain mention makes it
    ambiguous, and then the discourse decides."""
    rivals = [
        m
        for m in memory.current
        if m.end <= start
        and m.type == "person"
        and (not m.in_pp or _word_before(text, m.start) in SUBORDINATORS)  # "as", "since" open clauses too
        and text[m.end : m.end + 2] not in ("'s", "’s")
    ]
    if len(rivals) != 1:
        return None
    first = rivals[0]
    if any(m.start < first.start for m in memory.current):
        return None
    if memory.index.gender.get(first.actor, gender) != gender:
        return None
    before = _WORD.findall(text[max(first.end, start - 40) : start])
    if before and before[-1].lower() in SUBORDINATORS:
        return first.actor  # "... a call in which he said", "... and he said"
    lead = _SENTENCE_BREAK.split(text[max(0, first.start - 200) : first.start])[-1]
    opener = _WORD.findall(lead)[:1]
    if opener and opener[0].lower() in SUBORDINATORS - CLAUSE_LINKS and text[:start].rstrip().endswith(","):
        return first.actor  # "When Carlineo was approached, he told police"
    # otherwise the pronoun may be a parenthetical after reported speech ("Hill will lead, he said")
    return None


def _group_subject_before(text: str, start: int, memory: Discourse) -> str | None:
    """The body a sentence is about, for an "it" later in it that has no closer rival: "It intends to
    adjust how it accounts for a stake in AOL Europe, which it had reported ..." is one body
    throughout. Bodies named after a preposition, as a possessor or inside a reported clause do not
    compete; a second plain mention makes it ambiguous, and then the latest named decides."""
    lead = _SENTENCE_BREAK.split(text[max(0, start - 400) : start])[-1]
    words = _WORD.findall(lead)
    if not words:
        return None
    opener = 1 if words[0].lower() in LEADING_FILLER and len(words) > 1 else 0
    sentence_start = start - len(lead)
    rivals = [
        m
        for m in memory.current
        if sentence_start <= m.start and m.end <= start
        and m.type in ("organization", "country")
        and not m.in_pp
        and text[m.end : m.end + 2] not in ("'s", "’s")
        # named inside what the subject reported ("GM added that US truck sales fell ..., however it
        # did acknowledge"): what was said about, not who is talked about
        and not any(c0 <= m.start < c1 for c0, c1 in memory.current_reports)
    ]
    if words[opener].lower() == "it" and not rivals:
        return memory.resolve_group()  # the body the opening "it" stood for, from the sentences before
    if len(rivals) == 1 and rivals[0].start == sentence_start + lead.find(words[opener]):
        return rivals[0].actor  # "Acme, which bought a stake in Beta, said it ..."
    return None


def _is_demonym_like(word: str) -> bool:
    return word.endswith(("an", "ian", "ese", "ish", "i")) and word[:1].isupper()
