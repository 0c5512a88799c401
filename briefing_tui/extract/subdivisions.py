"""Names of the world's first-level regions (states, provinces, counties, UK unitary authorities) as places.

The hand list in ``data/places.txt`` holds the places news names most; the ISO 3166-2 table that
``pycountry`` maintains holds the rest (Punjab, Yunnan, Aberdeenshire, Darlington) without anyone
fitting a list to articles. Its JSON file is read directly: building pycountry's objects for five
thousand entries costs more than the whole parse of a short article, and only the names are needed.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

# Kinds of subdivision small or generic enough that their names are mostly ordinary words or villages
# ("Capital", "Centre", "Sport" parishes and communes): left out.
_SMALL_KINDS = frozenset(
    {
        "Municipality",
        "Parish",
        "Commune",
        "Rural municipality",
        "Local council",
        "Popularate",
        "Administrative atoll",
        "Quarter",
        "Urban municipality",
        "District municipality",
        "Island council",
        "Town council",
        "Village",
        "Ward",
        "Rayon",
    }
)
# Romanised Chinese kind words written after a name ("Yunnan Sheng", "Xizang Zizhiqu"): the name is before.
_KIND_TAIL = re.compile(r"\s+(?:Sheng|Shi|Zizhiqu|Huizu|Uygur|Zhuangzu|Zangzu|Tebie)\b.*$")
# A name is a run of capitalised words joined by the few lowercase words place names use.
_WORD = r"(?:[A-Z][\w'\-]*|and|of|upon|on|the|de|del|la|le|du|am|an|der)"
_NAME_OK = re.compile(rf"[A-Z][\w'\-]*(?: {_WORD})*")
# Names that are only a direction or a rank ("Central", "North") read as ordinary words in English copy.
_GENERIC = frozenset(
    {
        "Central",
        "Capital",
        "North",
        "South",
        "East",
        "West",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Upper",
        "Lower",
        "Coast",
        "Islands",
        "Lakes",
        "Centre",
        "Center",
        "Plateau",
        "Highland",
        "Border",
        "Interior",
        "Littoral",
        "Atlantic",
        "Pacific",
        "Mountain",
        "Valley",
        "Lake",
        "Delta",
        "Savanes",
        "Federal",
    }
)


def _database() -> Path | None:
    spec = importlib.util.find_spec("pycountry")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "databases" / "iso3166-2.json"
    return path if path.is_file() else None


def _clean(raw: str) -> list[str]:
    """The English surface forms of one ISO name: "Swansea [Abertawe GB-ATA]" → Swansea,
    "Durham, County" → County Durham, "Yunnan Sheng" → Yunnan, "Bruxelles/Brussel" → both."""
    if "[" in raw:
        raw = re.sub(r"\s*\[.*?\]", "", raw).strip()
    out = []
    for part in raw.split("/") if "/" in raw else (raw,):
        part = part.strip()
        if " " in part:
            part = _KIND_TAIL.sub("", part)
        if ", " in part:
            head, _, kind = part.partition(", ")
            part = f"{kind} {head}"
        if len(part) >= 4 and part not in _GENERIC and _NAME_OK.fullmatch(part):
            out.append(part)
    return out


def subdivision_names() -> frozenset[str]:
    """Names of first-level regions worldwide, or none when pycountry's table is not installed."""
    path = _database()
    if path is None:
        return frozenset()
    try:
        rows = json.loads(path.read_text(encoding="utf-8")).get("3166-2", [])
    except (OSError, ValueError):
        return frozenset()
    names: set[str] = set()
    for row in rows:
        if row.get("type") in _SMALL_KINDS:
            continue
        names.update(_clean(str(row.get("name", ""))))
    return frozenset(names)
