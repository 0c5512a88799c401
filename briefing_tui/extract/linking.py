"""Group typed mentions into actors and places, linking the forms that name the same one.

Links are the ones news copy relies on: a surname after the full name, an
acronym after (or before) the spelled-out name, a bare name after "X magazine"
or "X group", a country's short forms, a party's singular ("Republican") and
plural, and "Kursk" / "Kursk region" / "Kursk Oblast".
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Actor, Place, Span
from .names import Gazetteer, fold, is_legal_form
from .runs import GENERATION, Cand

_ADMIN = {"region", "province", "oblast", "prefecture", "Oblast", "Province", "Region", "Prefecture"}
_SKIP_INITIAL = {"of", "for", "and", "the", "The", "&", "de", "des", "du", "la", "le"}


@dataclass(slots=True)
class _Group:
    kind: str
    forms: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    first: tuple[int, int] = (0, 0)
    extra: list[str] = field(default_factory=list)  # aliases implied by a form ("Islamic State")
    # The same forms and extras as sets: an article naming one person a thousand ways ("John A Smith",
    # "John B Smith") must not compare each new form with every one before it.
    form_set: set[str] = field(default_factory=set)
    extra_set: set[str] = field(default_factory=set)


def spelling_stem(surname: str) -> str:
    """ "zelensky", "zelenskyy", "zelenskiy" → "zelensk": transliterations differ in a final -y/-iy/-yy."""
    return surname.rstrip("iy") if len(surname) >= 6 else surname


def _person_key(
    c: Cand, persons_last: dict[str, str], persons_first: dict[str, str], stems: dict[str, str] | None = None
) -> str:
    toks = [t.text for t in c.toks if t.text not in GENERATION]
    if len(toks) == 1:
        low = toks[0].casefold()
        if low in persons_last:
            return person_key_text(persons_last[low])
        variant = stems.get(spelling_stem(low)) if stems and len(low) >= 6 else None
        if variant is not None:
            return person_key_text(variant)  # "President Zelenskyy" after "Volodymyr Zelensky"
        if low in persons_first:
            return person_key_text(persons_first[low])  # "Sir Keith" after "Sir Keith Joseph"
        return fold(c.text)
    low = c.text.casefold()
    if low in persons_last and persons_last[low] != c.text:
        return person_key_text(persons_last[low])  # "Bin Laden" after "Osama bin Laden"
    return person_key_text(c.text)


def person_key_text(text: str) -> str:
    """First and last word, so "Donald J. Trump" and "Donald Trump" are one person."""
    words = [w for w in text.split() if w not in GENERATION]
    if len(words) > 2:
        words = [words[0], words[-1]]
    return "p:" + fold(" ".join(words))


def group_candidates(
    cands: list[Cand],
    paren_alias: dict[str, str],
    persons_last: dict[str, str],
    persons_first: dict[str, str],
    g: Gazetteer,
) -> tuple[list[Actor], list[Place]]:
    alias_of = _known_aliases(g)
    stems = {spelling_stem(k): full for k, full in persons_last.items() if len(k) >= 6}
    groups: dict[str, _Group] = {}
    for c in cands:
        if c.kind not in {"person", "organization", "country", "place"}:
            continue
        if c.canon:
            key = c.canon
        elif c.kind == "person":
            key = _person_key(c, persons_last, persons_first, stems)
        elif c.text in paren_alias:
            key = fold(paren_alias[c.text])
        elif c.text in g.seats:
            key = c.kind[0] + ":" + fold(c.text)  # the White House as an office and as a building: both listed
        else:
            key = fold(c.text)
            core, _, head = c.text.rpartition(" ")
            if c.kind == "place" and "lower_head" in c.cues and core and head in _AREA_HEADS:
                key = fold(core)  # "the Mowden area" and "in Mowden": one place; not so "Glasgow airport"
            key = alias_of.get(key, key)
            if c.kind == "organization" and key.endswith("s") and key[:-1] in groups:
                key = key[:-1]  # "National Archives" / "National Archive"
            elif c.kind == "organization" and key + "s" in groups:
                key = key + "s"
        grp = groups.get(key)
        if grp is None:
            grp = groups[key] = _Group(c.kind, first=(c.par, c.start))
        if c.text not in grp.form_set:
            grp.forms.append(c.text)
            grp.form_set.add(c.text)
        grp.mentions.append(Span(c.par, c.start, c.end))
        core, _, head = c.text.rpartition(" ")
        if "lower_head" in c.cues and core and head != "administration" and core not in grp.extra_set:
            grp.extra.append(core)  # "Islamic State group" is also "Islamic State"; not so "Obama administration"
            grp.extra_set.add(core)
    _link(groups, g)
    actors: list[Actor] = []
    places: list[Place] = []
    for key in sorted(groups, key=lambda k: groups[k].first):
        grp = groups[key]
        name = _pick_name(key, grp)
        aliases = []
        seen: set[str] = set()
        for f in [*grp.forms, *grp.extra]:
            bare = f[4:] if f.lower().startswith("the ") else f
            if bare != name and f != name and f not in seen:
                aliases.append(f)
                seen.add(f)
        mentions = sorted(set(grp.mentions), key=lambda s: (s.paragraph, s.start, s.end))
        if grp.kind == "place":
            places.append(Place(name=name, aliases=aliases, mentions=mentions))
        else:
            actors.append(Actor(name=name, type=grp.kind, aliases=aliases, mentions=mentions))  # type: ignore[arg-type]
    return actors, places


# Lowercase heads after a place's name that name the same area, not a site in it ("airport", "hospital").
_AREA_HEADS = frozenset({"area", "region", "province", "county", "district", "prefecture", "state", "city", "town",
                         "village", "suburb", "neighborhood", "neighbourhood", "township", "borough", "municipality",
                         "governorate", "oblast", "ward"})


_LOOSE_AREA_HEADS = frozenset({"area", "suburb", "neighborhood", "neighbourhood"})


def _known_aliases(g: Gazetteer) -> dict[str, str]:
    out: dict[str, str] = {}
    for names in g.org_aliases:
        key = fold(names[0])
        for n in names:
            out[fold(n)] = key
    return out


def _pick_name(key: str, grp: _Group) -> str:
    forms = grp.forms
    if grp.kind == "country":
        return key if key in forms else max(forms, key=len)
    if grp.kind == "place":
        # "the Saket area" is Saket: a loose area word is no part of the name ("Guizhou province" keeps its own).
        bare = [f for f in [*forms, *grp.extra] if f.rpartition(" ")[2] not in _LOOSE_AREA_HEADS]
        # "Kursk Oblast" over "southwestern Kursk": a form opening with a compass word in lower case names a part.
        capital_head = [f for f in bare if len(f.split()) > 1 and f.split()[-1][:1].isupper() and f[:1].isupper()]
        name = max(capital_head or bare or forms, key=len)
    else:
        name = max(forms, key=lambda f: (len(f.split()), len(f)))
    return name[4:] if name.lower().startswith("the ") else name


def _merge(groups: dict[str, _Group], src: str, dst: str) -> list[str]:
    """Fold group ``src`` into ``dst``; the forms ``dst`` gained, in order."""
    if src == dst or src not in groups or dst not in groups:
        return []
    a, b = groups[dst], groups.pop(src)
    gained = [f for f in b.forms if f not in a.form_set]
    a.forms.extend(gained)
    a.form_set.update(gained)
    a.extra.extend(b.extra)
    a.extra_set.update(b.extra)
    a.mentions.extend(b.mentions)
    a.first = min(a.first, b.first)
    return gained


_SPACES = re.compile(r"[\s]+")


def _initials(name: str) -> str:
    words = [w for w in _SPACES.split(name) if w and w not in _SKIP_INITIAL]
    # An acronym inside a name keeps all its letters: "UK Independence Party" gives UKIP.
    return "".join(w.replace(".", "") if w.replace(".", "").isupper() else w[0] for w in words if w[0].isupper())


class _Longest:
    """Each group's longest form (the first of the longest, as ``max`` gives it), kept current as groups
    merge, with a version that changes whenever it does, so index entries made for an older longest
    form are known to be stale."""

    def __init__(self, groups: dict[str, _Group]) -> None:
        self.form = {k: max(grp.forms, key=len) for k, grp in groups.items()}
        self.version = dict.fromkeys(groups, 0)

    def grew(self, key: str, gained: list[str]) -> bool:
        """Take in forms ``key`` gained by a merge; whether its longest form changed."""
        best = self.form[key]
        for f in gained:
            if len(f) > len(best):
                best = f
        if best is self.form[key]:
            return False
        self.form[key] = best
        self.version[key] += 1
        return True


class _Index:
    """Groups filed under keys, each key's groups in the article's order, for finding the first group
    that fits without trying every group: linking a thousand organizations would otherwise compare each
    with all the others."""

    def __init__(self, groups: dict[str, _Group], longest: _Longest, order: dict[str, int]) -> None:
        self.groups = groups
        self.longest = longest
        self.order = order
        self.heaps: dict[object, list[tuple[int, int, str]]] = {}

    def add(self, keys: Iterable[object], group: str) -> None:
        entry = (self.order[group], self.longest.version[group], group)
        for key in keys:
            heapq.heappush(self.heaps.setdefault(key, []), entry)

    def _live(self, entry: tuple[int, int, str]) -> bool:
        _, version, group = entry
        return group in self.groups and self.longest.version[group] == version

    def first(self, key: object, besides: str) -> tuple[int, str] | None:
        """(order, group) of the earliest group still filed under ``key`` as it now is, other than ``besides``."""
        heap = self.heaps.get(key)
        if not heap:
            return None
        while heap and not self._live(heap[0]):
            heapq.heappop(heap)
        if not heap:
            return None
        if heap[0][2] != besides:
            return heap[0][0], heap[0][2]
        own = heapq.heappop(heap)
        while heap and not self._live(heap[0]):
            heapq.heappop(heap)
        found = (heap[0][0], heap[0][2]) if heap else None
        heapq.heappush(heap, own)
        return found


def _acronym_keys(longest: str) -> list[object]:
    return [_initials(longest)] if len(longest.split()) > 1 else []


def _extension_keys(longest: str, g: Gazetteer) -> list[object]:
    """Keys a shorter name finds this one under: "Time magazine" under ("Time",), "US Congress" under
    ("Congress",) marked as a country's, and the words themselves for a spelled-out acronym."""
    ws = tuple(longest.split())
    keys: list[object] = [("same", ws)]
    if len(ws) > 1 and ws[-1].islower():
        keys.extend(("prefix", ws[:m]) for m in range(1, len(ws)))
    elif len(ws) == 2:
        keys.append(("prefix", ws[:1]))
    if len(ws) > 1 and ws[0] in g.country_of:
        keys.append(("country", ws[1:]))
    if len(ws) > 1 and ws[-1] in g.publication:
        keys.append(("outlet", ws[-1:]))  # "the Times" after "The New York Times"
    return keys


def _link(groups: dict[str, _Group], g: Gazetteer) -> None:
    expansions: dict[str, str] = {}
    order = {k: n for n, k in enumerate(groups)}
    longest = _Longest(groups)
    # Acronyms and spelled-out names ("KCNA" / "Korean Central News Agency", "EU" / "European Union"):
    # each acronym joins the first organization, in article order, whose longest name it abbreviates.
    by_initials = _Index(groups, longest, order)
    for k, grp in groups.items():
        if grp.kind == "organization":
            by_initials.add(_acronym_keys(longest.form[k]), k)
    for k in list(groups):
        if k not in groups or groups[k].kind != "organization":
            continue
        plain = groups[k].forms[0].replace(".", "")
        if not re.fullmatch(r"[A-Z][A-Z&]+", plain):
            continue
        found = by_initials.first(plain, k)
        if found is not None:
            k2 = found[1]
            expansions[plain] = longest.form[k2]
            if longest.grew(k2, _merge(groups, k, k2)):
                by_initials.add(_acronym_keys(longest.form[k2]), k2)
    # Each organization joins the first other one, in article order, that is a longer name for it.
    orgs = [k for k in groups if groups[k].kind == "organization"]
    longer = _Index(groups, longest, order)
    for k in orgs:
        longer.add(_extension_keys(longest.form[k], g), k)
    for k in orgs:
        if k not in groups:
            continue
        ws = tuple(longest.form[k].split())
        keys: list[object] = [("prefix", ws), ("country", ws), ("outlet", ws)]
        # "EU Commission" / "European Commission" once "EU" is known as "European Union".
        exp = expansions.get(ws[0].replace(".", ""))
        if exp and len(ws) > 1:
            keys += [("same", (*exp.split()[:1], *ws[1:])), ("same", (*exp.split(), *ws[1:]))]
        hits = [hit for key in keys if (hit := longer.first(key, k)) is not None]
        if hits:
            k2 = min(hits)[1]
            if longest.grew(k2, _merge(groups, k, k2)):
                longer.add(_extension_keys(longest.form[k2], g), k2)
    # Party singulars ("Republican") join their plural group, or go.
    for k in [k for k in groups if k.startswith("party:")]:
        plural = k.split(":", 1)[1]
        others = (k2 for k2 in groups if k2 != k and not k2.startswith("party:"))
        target = next((k2 for k2 in others if k2.endswith(plural)), None)
        if target:
            _merge(groups, k, target)
        else:
            groups.pop(k, None)
    # Places: "Kursk region" / "Kursk Oblast" / "Kursk".
    by_first: dict[str, list[str]] = {}
    for k, grp in groups.items():
        if grp.kind == "place":
            ws = grp.forms[0].split()
            if len(ws) == 1 or (len(ws) == 2 and ws[1] in _ADMIN):
                by_first.setdefault(ws[0], []).append(k)
    for k in [k for k in groups if groups[k].kind == "place"]:
        if k not in groups:
            continue
        ws = groups[k].forms[0].split()
        if len(ws) != 2 or ws[1] not in _ADMIN:
            continue
        same = by_first.pop(ws[0], [])
        for k2 in same:
            if k2 != k:
                _merge(groups, k2, k)
        if k in same:
            by_first[ws[0]] = [k]
    _abbreviated_places(groups)
    _legal_form_short_names(groups, g)


def abbreviates_place(short: str, full: str) -> bool:
    """`N.Y.` for New York, `Calif.` for California, `W.Va.` for West Virginia: each dotted part of the
    abbreviation starts one word of the full name and takes its other letters from that word in order."""
    parts = [p for p in short.split(".") if p]
    words = full.split()
    if not short.endswith(".") or not parts or len(parts) != len(words):
        return False
    return all(p != w and p[0] == w[0] and _in_order(p[1:], w[1:]) for p, w in zip(parts, words, strict=True))


def _in_order(letters: str, word: str) -> bool:
    rest = iter(word)
    return all(ch in rest for ch in letters)


def _abbreviated_places(groups: dict[str, _Group]) -> None:
    """An abbreviated state joins the place the article also names in full (`(D-N.Y.)` and New York)."""
    places = [k for k in groups if groups[k].kind == "place"]
    for k in places:
        short = groups[k].forms[0] if k in groups else ""
        if " " in short or not short.endswith("."):
            continue
        fulls = (k2 for k2 in places if k2 != k and k2 in groups)
        target = next((k2 for k2 in fulls if any(abbreviates_place(short, f) for f in groups[k2].forms)), None)
        if target:
            _merge(groups, k, target)


def _legal_form_short_names(groups: dict[str, _Group], g: Gazetteer) -> None:
    """ "Walt Disney Co" ... "Disney": a company named after its founder (two words, then the legal form)
    is then called by the founder's surname. The surname must name one such company only."""
    companies: dict[str, list[str]] = {}
    for k, grp in groups.items():
        if grp.kind != "organization":
            continue
        for form in grp.forms:
            words = form.split()
            if len(words) < 3 or not is_legal_form(words[-1], g):
                continue
            base = words[:-1]
            if len(base) == 2 and base[0][:1].isupper() and base[1][:1].isupper() and base[0] not in g.org_head:
                w = base[1]
                if w not in g.org_head and w not in g.stop:
                    companies.setdefault(w, [])
                    if k not in companies[w]:
                        companies[w].append(k)
    for k in [k for k, grp in groups.items() if grp.kind == "organization"]:
        grp = groups.get(k)
        if grp is None or any(" " in f for f in grp.forms):
            continue
        owners = companies.get(grp.forms[0], [])
        if len(owners) == 1 and owners[0] != k:
            _merge(groups, k, owners[0])
