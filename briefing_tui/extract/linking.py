"""Group typed mentions into actors and places, linking the forms that name the same one.

Links are the ones news copy relies on: a surname after the full name, an
acronym after (or before) the spelled-out name, a bare name after "X magazine"
or "X group", a country's short forms, a party's singular ("Republican") and
plural, and "Kursk" / "Kursk region" / "Kursk Oblast".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Actor, Place, Span
from .names import Gazetteer, fold
from .runs import ROMAN, Cand

_ADMIN = {"region", "province", "oblast", "prefecture", "Oblast", "Province", "Region", "Prefecture"}
_SKIP_INITIAL = {"of", "for", "and", "the", "The", "&", "de", "des", "du", "la", "le"}


@dataclass(slots=True)
class _Group:
    kind: str
    forms: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    first: tuple[int, int] = (0, 0)
    extra: list[str] = field(default_factory=list)  # aliases implied by a form ("Islamic State")


def _person_key(c: Cand, persons_last: dict[str, str], persons_first: dict[str, str]) -> str:
    toks = [t.text for t in c.toks if t.text not in ROMAN]
    if len(toks) == 1:
        low = toks[0].casefold()
        if low in persons_last:
            return person_key_text(persons_last[low])
        if low in persons_first:
            return person_key_text(persons_first[low])  # "Sir Keith" after "Sir Keith Joseph"
        return fold(c.text)
    low = c.text.casefold()
    if low in persons_last and persons_last[low] != c.text:
        return person_key_text(persons_last[low])  # "Bin Laden" after "Osama bin Laden"
    return person_key_text(c.text)


def person_key_text(text: str) -> str:
    """First and last word, so "Donald J. Trump" and "Donald Trump" are one person."""
    words = [w for w in text.split() if w not in ROMAN]
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
    groups: dict[str, _Group] = {}
    for c in cands:
        if c.kind not in {"person", "organization", "country", "place"}:
            continue
        if c.canon:
            key = c.canon
        elif c.kind == "person":
            key = _person_key(c, persons_last, persons_first)
        elif c.text in paren_alias:
            key = fold(paren_alias[c.text])
        else:
            key = fold(c.text)
            key = alias_of.get(key, key)
            if c.kind == "organization" and key.endswith("s") and key[:-1] in groups:
                key = key[:-1]  # "National Archives" / "National Archive"
            elif c.kind == "organization" and key + "s" in groups:
                key = key + "s"
        grp = groups.get(key)
        if grp is None:
            grp = groups[key] = _Group(c.kind, first=(c.par, c.start))
        if c.text not in grp.forms:
            grp.forms.append(c.text)
        grp.mentions.append(Span(c.par, c.start, c.end))
        core, _, head = c.text.rpartition(" ")
        if "lower_head" in c.cues and core and head != "administration" and core not in grp.extra:
            grp.extra.append(core)  # "Islamic State group" is also "Islamic State"; not so "Obama administration"
    _link(groups, g)
    actors: list[Actor] = []
    places: list[Place] = []
    for key in sorted(groups, key=lambda k: groups[k].first):
        grp = groups[key]
        name = _pick_name(key, grp)
        aliases = []
        for f in [*grp.forms, *grp.extra]:
            bare = f[4:] if f.lower().startswith("the ") else f
            if bare != name and f != name and f not in aliases:
                aliases.append(f)
        mentions = sorted(set(grp.mentions), key=lambda s: (s.paragraph, s.start, s.end))
        if grp.kind == "place":
            places.append(Place(name=name, aliases=aliases, mentions=mentions))
        else:
            actors.append(Actor(name=name, type=grp.kind, aliases=aliases, mentions=mentions))  # type: ignore[arg-type]
    return actors, places


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
        capital_head = [f for f in forms if len(f.split()) > 1 and f.split()[-1][:1].isupper()]
        name = max(capital_head or forms, key=len)
    else:
        name = max(forms, key=lambda f: (len(f.split()), len(f)))
    return name[4:] if name.lower().startswith("the ") else name


def _merge(groups: dict[str, _Group], src: str, dst: str) -> None:
    if src == dst or src not in groups or dst not in groups:
        return
    a, b = groups[dst], groups.pop(src)
    a.forms.extend(f for f in b.forms if f not in a.forms)
    a.extra.extend(b.extra)
    a.mentions.extend(b.mentions)
    a.first = min(a.first, b.first)


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s]+", name) if w and w not in _SKIP_INITIAL]
    # An acronym inside a name keeps all its letters: "UK Independence Party" gives UKIP.
    return "".join(w.replace(".", "") if w.replace(".", "").isupper() else w[0] for w in words if w[0].isupper())


def _link(groups: dict[str, _Group], g: Gazetteer) -> None:
    expansions: dict[str, str] = {}
    # Acronyms and spelled-out names ("KCNA" / "Korean Central News Agency", "EU" / "European Union").
    for k in list(groups):
        if k not in groups or groups[k].kind != "organization":
            continue
        plain = groups[k].forms[0].replace(".", "")
        if not re.fullmatch(r"[A-Z][A-Z&]+", plain):
            continue
        for k2 in list(groups):
            grp2 = groups[k2]
            if k2 == k or grp2.kind not in {"organization"}:
                continue
            longest = max(grp2.forms, key=len)
            if len(longest.split()) > 1 and _initials(longest) == plain:
                expansions[plain] = longest
                _merge(groups, k, k2)
                break
    orgs = [k for k in groups if groups[k].kind == "organization"]
    for k in orgs:
        if k not in groups:
            continue
        ws = max(groups[k].forms, key=len).split()
        for k2 in orgs:
            if k2 == k or k2 not in groups:
                continue
            ws2 = max(groups[k2].forms, key=len).split()
            # "EU Commission" / "European Commission" once "EU" is known as "European Union".
            exp = expansions.get(ws[0].replace(".", ""))
            if exp and len(ws) > 1 and ws2 in ([*exp.split()[:1], *ws[1:]], [*exp.split(), *ws[1:]]):
                _merge(groups, k, k2)
                break
            if len(ws2) <= len(ws):
                continue
            same_start = ws2[: len(ws)] == ws
            # "Time" / "Time magazine", "JPMorgan" / "JPMorgan Chase", "Congress" / "US Congress".
            if (same_start and (ws2[-1].islower() or len(ws2) == 2)) or (ws2[1:] == ws and ws2[0] in g.country_of):
                _merge(groups, k, k2)
                break
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
    for k in [k for k in groups if groups[k].kind == "place"]:
        if k not in groups:
            continue
        ws = groups[k].forms[0].split()
        if len(ws) != 2 or ws[1] not in _ADMIN:
            continue
        for k2 in [k2 for k2 in groups if groups[k2].kind == "place" and k2 != k]:
            ws2 = groups[k2].forms[0].split()
            if ws2[0] == ws[0] and (len(ws2) == 1 or (len(ws2) == 2 and ws2[1] in _ADMIN)):
                _merge(groups, k2, k)
