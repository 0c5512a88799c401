"""Fuzz audit of ``briefing`` (issue 14): generated hostile inputs through the command line, counted.

What it is for: the closing note of issue 14 needs counts anyone can reproduce of how ``briefing``
takes hostile input: inputs tried, problems reported, crashes (a traceback, a signal, an exit
status other than 0 or 1) and hangs. It is a development tool, not a test: nothing is asserted,
it generates, runs, classifies and reports.

    .venv/bin/python benchmarks/fuzz_audit.py [--n 1000] [--seed 1] [--timeout 20] [--jobs 2]
        [--dashboard] [--keep DIR] [--report FILE] [--markdown FILE]

What it does
------------
1. Generates ``--n`` inputs from ``--seed`` (the same seed and N give the same files; nothing is
   committed), spread evenly over *kinds*. A kind is a family and the one hostile ingredient an
   input is built around, e.g. ``yaml/huge-int`` or ``html/many-attributes``:
   - ``yaml``: briefing files (docs/format.md) holding one hostile scalar (impossible dates,
     ``!!int abc`` and other bad tags, integers of 4,301+ digits, huge hex, ``.inf``/``.nan``,
     long strings, escape sequences, Rich markup, odd unicode) in a random field, nested field,
     list entry or mapping key, or one hostile structure (anchors and aliases, alias bombs, merge
     keys, duplicate keys, bad spans, deep nesting, ``!!python/...``, ``!!set``, ``!!omap``,
     empty and several documents, broken syntax and encodings, wrong types, ``article:`` paths);
   - ``text`` and ``md``: articles mixing headlines, datelines, odd quotation marks, numbers,
     control characters, invalid UTF-8, UTF-16 without BOM, NULs and long lines; about a third
     of them carry one or two further ingredients besides their own;
   - ``html``: pages with many attributes on one tag, deep nesting, broken markup, scripts and
     JSON-LD, entities, huge comments, odd charsets and dates, hostile links;
   - ``config`` (only with ``--dashboard``: the command line has no use for a settings file):
     the same scalars and structures in a ``config.yaml`` (``keywords:``, ``keys:``).
   Each input is one file under ``DIR/inputs`` (``--keep DIR``, else a temp folder removed at the
   end); every input stays under 200 kB.
2. Runs ``briefing parse --no-cache FILE`` and ``briefing check --no-cache FILE`` for each input,
   ``--jobs`` at a time, each in its own process group with its own empty XDG config, state and
   cache folders, killed after ``--timeout`` seconds. A run is:
   ``ok`` (exit 0); ``problem`` (exit 1 and at least one ``FILE[:LINE[:COL]]: message`` line naming
   the file, no traceback); ``crash`` ("Traceback (most recent call last)" printed, a signal, an
   exit status other than 0 and 1, or a crash report left in the run's state folder); ``hang``
   (killed at the timeout); ``other`` (exit 1 with no line naming the file). An input's verdict
   is the worse of its two runs.
   A crash's signature is the exception type and the last frame (``file:line``) of the traceback.
   Problem lines saying ``internal error (Type...)`` (or a parse stopped at its time budget) are
   errors briefing did not foresee but caught: counted apart, with the type as their signature.
   Every crash and hang is run a second time at the end, and the report says which did not do the
   same again (a machine busy with other work, or code edited while the audit runs, can cause
   those). Runs that finished but took over ``--slow`` seconds are listed.
3. Runs ``briefing check --no-cache`` once on the folder of all inputs, and reports for how many
   files it printed problems and whether the summary line ("N files, M items, ...") came last.
4. Shrinks one example per crash or caught-error signature (the smallest input with it, lines then
   words removed while the same signature stays; ``--shrink-budget`` runs per signature) and
   writes it to ``DIR/examples``.
5. ``--dashboard``: for each kind whose inputs crashed the command line (its smallest crashing
   input; with ``--dashboard-every-kind`` the smallest input of every other kind too), for every
   config input (``--config-per-kind``), starts the dashboard in tmux on a private socket (120x40),
   waits until the screen shows something and loading ended (or the process ended), presses ``q``
   and waits up to 5 s for the exit status. The folder of all inputs is opened twice: ``q`` once
   loading ended (waiting up to 300 s), and ``q`` two seconds after the first screen. ``ok``: exit 0 after
   ``q``; ``crash``: ended by itself, non-zero status or a traceback on the screen; ``hang``: no
   exit within 5 s of ``q`` (or nothing on the screen within the timeout); ``caught``: exit 0
   after ``q``, but an internal error was shown or a crash report written. A launch that is not
   ``ok`` is made a second time.
6. Prints a Markdown summary on stdout (also ``--markdown FILE``) and, with ``--report FILE``, writes
   it and every per-input result as JSON. Progress goes to stderr.

Child processes run with an address-space limit (``--memory-mb``), so an input that would eat
the machine's memory ends as a MemoryError (a crash) instead. ``PYTHONFAULTHANDLER`` is set so a
fatal signal prints where it happened.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MAX_INPUT_BYTES = 200_000
QUIT_GRACE = 5.0  # seconds the dashboard gets to exit after `q`
SEVERITY = {"ok": 0, "problem": 1, "other": 2, "hang": 3, "crash": 4}
STATUSES = ("ok", "problem", "crash", "hang", "other")
FAMILY_WEIGHTS = {"yaml": 45, "text": 18, "md": 10, "html": 27}
SUFFIXES = {"yaml": (".yaml", ".yml"), "text": (".txt",), "md": (".md",), "html": (".html", ".htm"),
            "config": (".yaml",)}


# ====================================================================== YAML source building


class Raw(str):
    """YAML source text, written as it is (a hostile scalar, a flow collection, an alias...)."""

    __slots__ = ()


class M(list):
    """A YAML mapping as (key, value) pairs: keys may repeat or be Raw source."""


class S(list):
    """A YAML sequence."""


Node = Any  # M | S | Raw | str | int | float | bool | None


def _scalar(value: Node) -> str:
    if isinstance(value, Raw):
        return str(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)


def _key(key: Node) -> str:
    if isinstance(key, Raw):
        return str(key)
    if isinstance(key, str) and re.fullmatch(r"[A-Za-z_][\w.]*", key):
        return key
    return _scalar(key)


def emit(node: Node, indent: int = 0) -> list[str]:
    """Block-style YAML lines for ``node``."""
    pad = " " * indent
    if isinstance(node, M):
        if not node:
            return [pad + "{}"]
        out: list[str] = []
        for key, value in node:
            if isinstance(value, (M, S)) and value:
                out.append(f"{pad}{_key(key)}:")
                out.extend(emit(value, indent + 2))
            elif isinstance(value, (M, S)):
                out.append(f"{pad}{_key(key)}: {'{}' if isinstance(value, M) else '[]'}")
            else:
                out.append(f"{pad}{_key(key)}: {_scalar(value)}")
        return out
    if isinstance(node, S):
        if not node:
            return [pad + "[]"]
        out = []
        for value in node:
            if isinstance(value, (M, S)) and value:
                sub = emit(value, indent + 2)
                sub[0] = pad + "- " + sub[0][indent + 2:]
                out.extend(sub)
            elif isinstance(value, (M, S)):
                out.append(f"{pad}- {'{}' if isinstance(value, M) else '[]'}")
            else:
                out.append(f"{pad}- {_scalar(value)}")
        return out
    return [pad + _scalar(node)]


def yaml_text(node: Node) -> str:
    return "\n".join(emit(node)) + "\n"


def containers(node: Node, path: str = "") -> list[tuple[M | S, str]]:
    """Every mapping and sequence in the tree, with its path."""
    found: list[tuple[M | S, str]] = []
    if isinstance(node, M):
        found.append((node, path or "<top>"))
        for key, value in node:
            found.extend(containers(value, f"{path}.{key}" if path else str(key)))
    elif isinstance(node, S):
        found.append((node, path or "<top>"))
        for i, value in enumerate(node):
            found.extend(containers(value, f"{path}[{i}]"))
    return found


def place(rng: random.Random, tree: Node, raw: str, *, action: str | None = None) -> str:
    """Put ``raw`` somewhere in ``tree``: as a value, a list entry or a mapping key. Returns where."""
    spots = containers(tree)
    action = action or rng.choices(["value", "entry", "key"], weights=[5, 2, 2])[0]
    maps = [(c, p) for c, p in spots if isinstance(c, M)]
    seqs = [(c, p) for c, p in spots if isinstance(c, S)]
    if action == "entry" and seqs:
        seq, path = rng.choice(seqs)
        seq.insert(rng.randint(0, len(seq)), Raw(raw))
        return f"entry of {path}"
    if action == "key" and maps:
        mapping, path = rng.choice(maps)
        if mapping and rng.random() < 0.5:
            i = rng.randrange(len(mapping))
            old = mapping[i][0]
            mapping[i] = (Raw(raw), mapping[i][1])
            return f"key of {path} (instead of {str(old)[:20]})"
        mapping.insert(rng.randint(0, len(mapping)), (Raw(raw), "x"))
        return f"key in {path}"
    values = [(c, i, p) for c, p in spots for i in range(len(c))]
    if not values:
        tree_c = maps[0][0] if maps else None
        if tree_c is not None:
            tree_c.append(("title", Raw(raw)))
        return "<top>.title"
    container, i, path = rng.choice(values)
    if isinstance(container, M):
        container[i] = (container[i][0], Raw(raw))
        return f"{path}.{container[i][0]}"
    container[i] = Raw(raw)
    return f"{path}[{i}]"


def set_field(item: M, path: list[str | int], raw: Node) -> str:
    """Set the value at ``path`` (keys and indexes) in ``item``, creating what is missing."""

    def fresh(step: str | int) -> M | S:
        return S() if isinstance(step, int) else M()

    node: M | S = item
    for depth, step in enumerate(path):
        last = depth == len(path) - 1
        if isinstance(step, int):
            assert isinstance(node, S)
            while len(node) <= step:
                node.append("x" if last else fresh(path[depth + 1]))
            if last:
                node[step] = raw
            else:
                if not isinstance(node[step], (M, S)) or isinstance(node[step], S) != isinstance(path[depth + 1], int):
                    node[step] = fresh(path[depth + 1])
                node = node[step]
            continue
        assert isinstance(node, M)
        index = next((i for i, (key, _value) in enumerate(node) if key == step), None)
        if last:
            if index is None:
                node.append((step, raw))
            else:
                node[index] = (step, raw)
            break
        if index is None:
            node.append((step, fresh(path[depth + 1])))
            index = len(node) - 1
        value = node[index][1]
        if not isinstance(value, (M, S)) or isinstance(value, S) != isinstance(path[depth + 1], int):
            value = fresh(path[depth + 1])
            node[index] = (step, value)
        node = value
    return ".".join(str(s) for s in path)


# ====================================================================== story material


PEOPLE = ["Kim Jong Un", "Vladimir Putin", "Volodymyr Zelenskyy", "Martin Broughton", "Nick Van den Brul",
          "José Müller", "Ana María López", "Li Wei", "Seán O'Brien", "Jean-Luc Martin", "Yoon Suk Yeol",
          "Lloyd Austin", "Mariam Al-Hashimi"]
ORGS = ["TASS", "Korean Central News Agency", "British Airways", "BNP Paribas", "the Pentagon", "Reuters",
        "Yonhap", "the United Nations", "NATO"]
PLACES = [("Kursk", "Russia"), ("Pyongyang", "North Korea"), ("Seoul", "South Korea"), ("Taipei", "Taiwan"),
          ("London", "UK"), ("Kyiv", "Ukraine"), ("Moscow", "Russia"), ("Geneva", "Switzerland")]
FIGURES = [("11,000", 11000, "troops", "count"), ("£75m", 75_000_000, "GBP", "money"),
           ("3.5%", 3.5, "%", "percent"), ("2,000km", 2000, "km", "measure"), ("40 days", 40, "days", "duration"),
           ("$1.2bn", 1_200_000_000, "USD", "money")]
QUOTES = ["We will not stop until the job is done", "The treaty takes effect at once",
          "Nobody expected the talks to collapse", "Fuel costs rose faster than we planned",
          "This is a grave escalation"]
WORDS = ["the", "troops", "moved", "near", "border", "officials", "said", "talks", "would", "resume", "after", "weeks",
         "of", "tension", "over", "sanctions", "and", "trade", "while", "analysts", "expected", "further", "delays",
         "in", "the", "region"]
TAGS = ["north-korea", "russia", "treaty", "aviation", "earnings", "ukraine", "sanctions", "talks"]
BINDING_IDS = ["app.back", "app.help", "app.palette", "app.problems", "filter.clear", "filter.mode", "find.next",
               "find.previous", "find.start", "list.first", "list.last", "list.next", "list.previous", "pane.next",
               "output.export", "review.flagged", "review.note", "review.pin", "review.reviewed"]


@dataclass
class Story:
    person: str
    org: str
    place: str
    country: str
    quote: str
    figure: tuple[str, float, str, str]
    title: str
    dateline: str
    paragraphs: list[str]
    related: list[str]


def _sentence(rng: random.Random, n: int | None = None) -> str:
    words = rng.choices(WORDS, k=n or rng.randint(6, 16))
    return " ".join(words).capitalize() + "."


def story(rng: random.Random) -> Story:
    person, org = rng.choice(PEOPLE), rng.choice(ORGS)
    place, country = rng.choice(PLACES)
    quote, figure = rng.choice(QUOTES), rng.choice(FIGURES)
    title = rng.choice([f"{person} says {figure[0]} in {place}", f"{org} reports talks in {place}",
                        f"{place}: {person} warns of escalation"])
    dateline = f"{place.upper()}, {country}"
    paragraphs = [
        f"{person} said {figure[0]}{' troops' if figure[3] == 'count' else ''} had been spent in {place}, {org} "
        "reported.",
        f"\u201c{quote},\u201d {person} told reporters. {_sentence(rng)}",
        _sentence(rng) + " " + _sentence(rng),
    ]
    paragraphs += [_sentence(rng) for _ in range(rng.randint(0, 3))]
    related = [f"{rng.choice(PEOPLE)} visits {rng.choice(PLACES)[0]}" for _ in range(rng.randint(0, 3))]
    return Story(person, org, place, country, quote, figure, title, dateline, paragraphs, related)


def briefing_item(rng: random.Random, st: Story | None = None) -> M:
    """A sound briefing item (docs/format.md): quotes and figures are found in its body."""
    st = st or story(rng)
    item = M()
    if rng.random() < 0.5:
        item.append(("id", f"fuzz-{rng.randrange(10**6)}"))
    item.append(("title", st.title))
    if rng.random() < 0.6:
        item.append(("dateline", st.dateline))
    if rng.random() < 0.6:
        item.append(("date", Raw(f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")))
    if rng.random() < 0.3:
        item.append(("source", f"https://news.example/{rng.randrange(10**5)}"))
    if rng.random() < 0.6:
        item.append(("tags", S(rng.sample(TAGS, rng.randint(1, 3)))))
    item.append(("body", S(st.paragraphs)))
    if rng.random() < 0.8:
        surname = st.person.split()[-1]
        actors = S([M([("name", st.person), ("type", "person"), ("aliases", S([surname]))]),
                    M([("name", st.org), ("type", "organization")])])
        if rng.random() < 0.3:
            start = st.paragraphs[0].index(st.person)
            actors[0].append(("mentions", S([S([0, start, start + len(st.person)])])))
        item.append(("actors", actors))
    if rng.random() < 0.8:
        quote = M([("kind", "direct"), ("text", st.quote), ("speaker", st.person)])
        if rng.random() < 0.4:
            start = st.paragraphs[1].index(st.quote)
            quote.append(("span", S([1, start, start + len(st.quote)])))
        item.append(("quotes", S([quote])))
    if rng.random() < 0.8:
        text, value, unit, kind = st.figure
        fig = M([("text", text), ("value", value), ("unit", unit), ("approx", False), ("kind", kind)])
        if rng.random() < 0.4:
            start = st.paragraphs[0].index(text)
            fig.append(("span", S([0, start, start + len(text)])))
        item.append(("figures", S([fig])))
    if st.related and rng.random() < 0.7:
        item.append(("related", S([M([("title", t), ("url", f"https://news.example/r{i}")])
                                   for i, t in enumerate(st.related)])))
    if rng.random() < 0.6:
        item.append(("places", S([M([("name", st.place)])])))
    return item


def briefing_doc(rng: random.Random) -> tuple[M, M]:
    """A whole briefing file (one item, or ``items:`` with a few) and the item to make hostile."""
    if rng.random() < 0.5:
        item = briefing_item(rng)
        return item, item
    items = [briefing_item(rng) for _ in range(rng.randint(1, 4))]
    return M([("items", S(items))]), rng.choice(items)


def config_doc(rng: random.Random) -> M:
    """A sound config.yaml: keyword hotkeys and key remaps (never on `q`, so `q` still quits)."""
    keywords = S([
        M([("key", "1"), ("name", "North Korea"), ("terms", S(["North Korea", "Pyongyang", "KCNA"]))]),
        M([("key", "2"), ("name", "Money"), ("terms", S(["/[$£€]\\s?\\d/", "revenue"]))]),
    ])
    if rng.random() < 0.5:
        keywords.append(M([("key", "3"), ("name", "Kursk"), ("terms", S(["Kursk"]))]))
    doc = M([("keywords", keywords)])
    if rng.random() < 0.7:
        doc.append(("keys", M([("review.flagged", "x"), ("find.start", "ctrl+f")])))
    return doc


# ====================================================================== hostile scalars


def _digits(rng: random.Random, n: int) -> str:
    return str(rng.randint(1, 9)) + "".join(rng.choices("0123456789", k=n - 1))


def _long_words(rng: random.Random, size: int) -> str:
    out: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(WORDS)
        out.append(word)
        total += len(word) + 1
    return " ".join(out)


def _dq(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, every control and non-ASCII character escaped."""
    out = []
    for ch in text:
        o = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif o < 0x20 or 0x7F <= o <= 0x9F:
            out.append(f"\\x{o:02x}")
        elif 0xD800 <= o <= 0xDFFF or o > 0x7E:
            out.append(f"\\u{o:04x}" if o <= 0xFFFF else f"\\U{o:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


ESCAPES = ["\x1b[2J", "\x1b[H", "\x1b]52;c;cHduZWQgY2xpcGJvYXJk\x07", "\x1b]0;PWNED\x07", "\x1b[5;31m",
           "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "\x9b2J", "\x9d0;PWNED\x9c", "\x07", "ab\x08\x08XY",
           "\x1bP+q544e\x1b\\", "\x1b[?1049h", "\x1b[6n"]
MARKUP = ["[bold]x[/]", "[@click=app.quit]x[/]", "[link=https://evil.example]x[/link]", "[/]", "[bold red on blue]",
          "[b][i][u]", "\\[b]", "[[x]]", "[", "]", "[on #ff0000]x"]
UNICODE = ["\u202eevil\u202c", "z\u200bw\u200d\u2060j\ufeff", "a" + "\u0301" * 500, "\x85\u2028\u2029",
           "\U0001f469\u200d\U0001f469\u200d\U0001f467", "\uff21\uff22\uff23\uff11\uff12\uff13",
           "\u0627\u0644\u062e\u0628\u0631 \u0627\u0644\u0639\u0627\u062c\u0644", "\U0010ffff", "\ufffe\uffff",
           "\u2066iso\u2069", "\ud800", "\udfff x", "\u0000", "\u00ad\u180e", "\U0001d7cf\U0001d7d0", "\u0345" * 50]
DATES_BAD = ["2024-13-45", "2024-02-30", "0000-01-01", "2024-01-01T25:00:00", "2024-01-01T10:00:00+99:00",
             "0000-00-00", "9999-99-99", "2024-00-10", "2023-02-29", "2024-01-01 24:61:61", "99999-01-01"]


def _s_long_string(rng: random.Random) -> str:
    text = _long_words(rng, rng.choice([5_000, 40_000, 150_000]))
    return rng.choice([text, _dq(text), "'" + text + "'", "x" * len(text)])


def _s_escape(rng: random.Random) -> str:
    picked = "".join(rng.sample(ESCAPES, rng.randint(1, 4)))
    return rng.choice([_dq(f"Before{picked}after"), _dq(picked), '"\\e[2J\\e]52;c;cHduZWQ=\\a x"'])


def _s_markup(rng: random.Random) -> str:
    m = rng.choice(MARKUP)
    return rng.choice(["'" + m.replace("'", "''") + "'", _dq(f"Title {m} end"), m])


def _s_unicode(rng: random.Random) -> str:
    u = rng.choice(UNICODE)
    if rng.random() < 0.3 and not any(0xD800 <= ord(c) <= 0xDFFF or ord(c) < 0x20 for c in u):
        return "'" + u + "'"
    return _dq(f"Text {u} end" if rng.random() < 0.5 else u)


def _radix_number(rng: random.Random) -> str:
    """A huge integer in a power-of-two base (no digit limit applies when Python reads it)."""
    prefix, digits = rng.choice([("0x", "0123456789abcdef"), ("-0x", "0123456789ABCDEF"), ("0o", "01234567"),
                                 ("0b", "01")])
    return prefix + "1" + "".join(rng.choices(digits, k=rng.randint(2000, 8000)))


def _sexagesimal(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(["190:20:30", "-1:30", "1:99", "0:0:0:0"])
    return "1" + ":59" * rng.choice([50, 500, 3000])


SCALARS: dict[str, Callable[[random.Random], str]] = {
    "bad-month": lambda r: r.choice(["2024-13-45", "2024-13-01", "2024-00-10"]),
    "bad-day": lambda r: r.choice(["2024-02-30", "2023-02-29", "2024-04-31", "2024-01-00"]),
    "year-zero": lambda r: r.choice(["0000-01-01", "0000-01-01T00:00:00Z"]),
    "bad-hour": lambda r: r.choice(["2024-01-01T25:00:00", "2024-01-01 24:61:61", "2024-01-01t99:00:00Z"]),
    "bad-offset": lambda r: r.choice(["2024-01-01T10:00:00+99:00", "2024-01-01T10:00:00-24:00",
                                      "2024-01-01 10:00:00 +24:30"]),
    "tag-timestamp": lambda r: r.choice(["!!timestamp soon", "!!timestamp 2024-13-45", "!!timestamp ''"]),
    "tag-int": lambda r: r.choice(["!!int abc", "!!int ''", "!!int 1.5", "!!int 0x"]),
    "tag-float": lambda r: r.choice(["!!float abc", "!!float ''", "!!float 1.2.3"]),
    "tag-bool": lambda r: r.choice(["!!bool maybe", "!!bool ''", "!!bool 2"]),
    "tag-binary": lambda r: r.choice(["!!binary ###", "!!binary AAA", "!!binary 'é'"]),
    "tag-str": lambda r: r.choice(["!!str", "!!str ''", "!!str 5"]),
    "tag-null": lambda r: r.choice(["!!null x", "!!null 5"]),
    "huge-int": lambda r: r.choice(["", "-", "+"]) + _digits(r, r.randint(4301, 9000)),
    "huge-hex": lambda r: _radix_number(r),
    "sexagesimal": _sexagesimal,
    "inf": lambda r: r.choice([".inf", "+.inf", ".Inf", ".INF"]),
    "neg-inf": lambda r: r.choice(["-.inf", "-.Inf"]),
    "nan": lambda r: r.choice([".nan", ".NaN", ".NAN"]),
    "float-overflow": lambda r: r.choice(["1.0e999", "-1.0e9999", "1.0e-9999", "1.5e+308"]),
    "long-string": _s_long_string,
    "escape-seq": _s_escape,
    "markup": _s_markup,
    "unicode": _s_unicode,
    "yaml11-bool-null": lambda r: r.choice(["yes", "no", "on", "off", "~", "null", "Null", "y"]),
    "empty-collection": lambda r: r.choice(["[]", "{}", "[[]]", "{a: }", "[~]"]),
}

# Where a scalar kind is most telling, tried for half the inputs of that kind.
HINTS: dict[str, list[list[str | int]]] = {
    "date": [["date"]],
    "number": [["figures", 0, "value"], ["quotes", 0, "span", 1], ["figures", 0, "span", 2],
               ["actors", 0, "mentions", 0, 0]],
    "text": [["title"], ["body", 0], ["actors", 0, "name"], ["quotes", 0, "text"], ["id"], ["tags", 0]],
}
SCALAR_HINT = {k: "date" for k in ("bad-month", "bad-day", "year-zero", "bad-hour", "bad-offset", "tag-timestamp")}
SCALAR_HINT.update({k: "number" for k in ("huge-int", "huge-hex", "sexagesimal", "inf", "neg-inf", "nan",
                                          "float-overflow", "tag-int", "tag-float")})


def with_scalar(rng: random.Random, kind: str, doc: M, item: M | None) -> str:
    raw = SCALARS[kind](rng)
    hint = SCALAR_HINT.get(kind, "text")
    if item is not None and rng.random() < 0.5:
        return set_field(item, rng.choice(HINTS[hint]), Raw(raw)) + " = " + _brief(raw)
    return place(rng, doc, raw) + " = " + _brief(raw)


def _brief(text: str, limit: int = 60) -> str:
    text = text.encode("unicode_escape", "backslashreplace").decode("ascii")
    return text if len(text) <= limit else f"{text[:limit // 2]}…[{len(text)} chars]…{text[-10:]}"


# ====================================================================== YAML structures (briefing and config)


def _deep(rng: random.Random, depth: int) -> str:
    style = rng.choice(["seq", "map", "mixed", "unclosed"])
    if style == "seq":
        return "[" * depth + "x" + "]" * depth
    if style == "map":
        return "{a: " * depth + "x" + "}" * depth
    if style == "mixed":
        return "[{a: " * (depth // 2) + "x" + "}]" * (depth // 2)
    return "[" * depth + "x"


def y_deep_nesting(rng: random.Random, doc: M, item: M | None) -> str:
    depth = rng.choice([33, 40, 100, 1000, 5000, 10000])
    if rng.random() < 0.2 and depth <= 200:
        # Block-style nesting: `- - - x` one level per line.
        lines = [" " * (8 + 2 * i) + "-" for i in range(depth)]
        target = item if item is not None else doc
        target.append(("tags", Raw("\n" + "\n".join(lines) + " x")))
        return f"tags = block nesting {depth} deep"
    return place(rng, doc, _deep(rng, depth), action=rng.choice(["value", "entry", "key"])) + f" = nested {depth}"


PYTHON_TAGS = ['!!python/object/apply:os.system ["touch {canary}"]', "!!python/name:os.system",
               "!!python/object:__main__.X {{a: 1}}", "!!python/tuple [1, 2]", "!!python/str x", "!!python/unicode x",
               "!<tag:yaml.org,2002:python/object/new:builtins.list> []", "!custom x", "! x", "!<!> x",
               '!!python/object/new:subprocess.check_output [["touch", "{canary}"]]', "!!python/module:os"]


def y_python_tag(rng: random.Random, doc: M, item: M | None, canary: str) -> str:
    raw = rng.choice(PYTHON_TAGS).format(canary=canary)
    return place(rng, doc, raw) + " = " + raw


def y_set(rng: random.Random, doc: M, item: M | None) -> str:
    raw = rng.choice(["!!set {a, b}", "!!set {Kursk, Seoul}", "{a, b}", "!!set [a]", "!!set {}", "!!set {[a]: b}"])
    return place(rng, doc, raw, action=rng.choice(["value", "entry"])) + " = " + raw


def y_omap(rng: random.Random, doc: M, item: M | None) -> str:
    raw = rng.choice(["!!omap [{a: 1}, {b: 2}]", "!!pairs [{a: 1}, {a: 2}]", "!!omap {a: 1}", "!!omap [a]",
                      "!!omap [{a: 1, b: 2}]"])
    return place(rng, doc, raw, action=rng.choice(["value", "entry"])) + " = " + raw


def y_duplicate_key(rng: random.Random, doc: M, item: M | None) -> str:
    maps = [(c, p) for c, p in containers(doc) if isinstance(c, M) and c]
    mapping, path = rng.choice(maps)
    choice = rng.random()
    if choice < 0.6:
        key, _value = rng.choice(mapping)
        mapping.insert(rng.randint(0, len(mapping)), (key, "again"))
        return f"{path}.{key} twice"
    if choice < 0.8:
        pair = rng.choice([(Raw("1"), Raw('"1"')), (Raw(".nan"), Raw(".nan")), (Raw("null"), Raw("~")),
                           (Raw("2024-01-01"), Raw("2024-01-01")), (Raw("true"), Raw("yes"))])
        mapping.append((pair[0], "a"))
        mapping.append((pair[1], "b"))
        return f"{path}: keys {pair[0]} and {pair[1]}"
    key = mapping[0][0]
    for _ in range(rng.choice([2, 50, 2000])):
        mapping.append((key, "again"))
    return f"{path}.{key} many times"


def y_anchors(rng: random.Random, doc: M, item: M | None) -> str:
    target = item if item is not None else doc
    variant = rng.randrange(8)
    if variant == 0:
        set_field(target, ["title"], Raw("&t Anchored title"))
        set_field(target, ["body"], Raw("[*t, *t]"))
        set_field(target, ["tags"], Raw("*t"))
        return "title anchored, aliased as body entries and as tags"
    if variant == 1:
        set_field(target, ["actors"], Raw("[&p {name: Kim Jong Un, type: person}, *p]"))
        set_field(target, ["quotes"], Raw("[{text: We will not stop, speaker: *p}]"))
        return "actor mapping aliased as a quote speaker"
    if variant == 2:
        set_field(target, ["title"], Raw("&t Anchored title"))
        target.append((Raw("*t "), "value"))
        return "alias as a mapping key"
    if variant == 3:
        set_field(target, ["title"], Raw("*undefined"))
        return "undefined alias"
    if variant == 4:
        field_name = rng.choice(["actors", "tags", "body", "related"])
        set_field(target, [field_name], Raw("&a [*a]"))
        return f"{field_name}: recursive alias"
    if variant == 5:
        set_field(target, ["title"], Raw("&a &b two anchors"))
        return "two anchors on one node"
    if variant == 6:
        set_field(target, ["title"], Raw("&t x"))
        set_field(target, ["dateline"], Raw("&t y"))
        set_field(target, ["body"], Raw("[*t]"))
        return "anchor redefined"
    set_field(target, ["tags"], Raw("&k [a, b]"))
    set_field(target, ["places"], Raw("*k"))
    set_field(target, ["related"], Raw("*k"))
    return "list aliased into places and related"


def y_merge_key(rng: random.Random, doc: M, item: M | None) -> str:
    target = item if item is not None else doc
    raw = rng.choice(["{title: merged title}", "*base", "[*base, *base]", "5", "[1, 2]", "null"])
    if "*base" in raw:
        set_field(target, ["title"], Raw("&base {title: x}") if rng.random() < 0.5 else Raw("&base base title"))
    target.append((Raw("<<"), Raw(raw)))
    return f"<<: {raw}"


def _corrupt_syntax(rng: random.Random, text: str) -> tuple[str, str]:
    variant = rng.randrange(11)
    lines = text.splitlines()
    if variant == 0:
        cut = rng.randrange(1, max(2, len(text)))
        return text[:cut], f"truncated at {cut}"
    if variant == 1:
        i = rng.randrange(len(lines))
        lines[i] = "\t" + lines[i]
        return "\n".join(lines), f"tab before line {i + 1}"
    if variant == 2:
        i = rng.randrange(len(lines))
        lines[i] += ' "unclosed'
        return "\n".join(lines), f"unclosed quote on line {i + 1}"
    if variant == 3:
        i = rng.randrange(len(lines))
        lines[i] += " [unbalanced, {flow"
        return "\n".join(lines), f"unbalanced flow on line {i + 1}"
    if variant == 4:
        return rng.choice(["%YAML 1.3\n---\n", "%YAML 2.0\n---\n", "%YAML 1.1\n%YAML 1.1\n---\n",
                           "%TAG ! !garbage\n---\n", "%FOO bar\n---\n"]) + text, "odd directive"
    if variant == 5:
        i = rng.randrange(len(lines))
        lines.insert(i, rng.choice(["key: : :", "- - -", "&", "*", "!", "? ", ": x", "|||", ">-+", "@x", "`x"]))
        return "\n".join(lines), f"junk line {i + 1}"
    if variant == 6:
        i = rng.randrange(len(lines))
        lines[i] = " " * rng.randint(1, 7) + lines[i]
        return "\n".join(lines), f"bad indentation on line {i + 1}"
    if variant == 7:
        return ("k" * rng.choice([1025, 5000])) + ": x\n" + text, "implicit key over 1024 characters"
    if variant == 8:
        i = rng.randrange(len(lines))
        lines.insert(i, "? [complex, key]\n: value")
        return "\n".join(lines), "complex key"
    if variant == 9:
        i = rng.randrange(len(lines))
        lines[i] += " # comment \ufeff with BOM"
        lines.insert(i, "\ufeffbom: in the middle")
        return "\n".join(lines), "BOM in the middle"
    return text.replace(": ", ":", rng.randint(1, 5)), "missing spaces after colons"


def y_syntax(rng: random.Random, text: str) -> tuple[bytes, str]:
    out, what = _corrupt_syntax(rng, text)
    return out.encode("utf-8", "surrogatepass"), what


def y_encoding(rng: random.Random, text: str) -> tuple[bytes, str]:
    variant = rng.randrange(9)
    if variant == 0:
        return text.encode("utf-16"), "UTF-16 with BOM"
    if variant == 1:
        enc = rng.choice(["utf-16-le", "utf-16-be"])
        return text.encode(enc), f"{enc} without BOM"
    if variant == 2:
        return text.encode("utf-32"), "UTF-32 with BOM"
    if variant == 3:
        data = bytearray(text.encode())
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data)):rng.randrange(len(data))] = rng.choice(
                [b"\xff", b"\xfe", b"\xc3\x28", b"\xe2\x82", b"\xed\xa0\x80", b"\xc0\xaf"])
        return bytes(data), "invalid UTF-8 bytes"
    if variant == 4:
        return text.replace("\u2019", "'").encode("latin-1", "replace") + "caf\xe9: \xfc\n".encode("latin-1"), "Latin-1"
    if variant == 5:
        data = bytearray(text.encode())
        for _ in range(rng.randint(1, 5)):
            data.insert(rng.randrange(len(data)), 0)
        return bytes(data), "NUL bytes"
    if variant == 6:
        return text.replace("\n", "\r").encode(), "CR-only line ends"
    if variant == 7:
        return text.replace("\n", "\x85").encode(), "NEL line ends"
    lines = text.splitlines()
    i = rng.randrange(len(lines))
    lines[i] += " " + "".join(rng.sample(["\x01", "\x1b", "\x7f", "\x9b", "\x00", "\x08"], 3))
    return "\n".join(lines).encode(), f"raw control characters on line {i + 1}"


def y_empty_doc(rng: random.Random) -> tuple[bytes, str]:
    data = rng.choice([b"", b"---\n", b"--- ~\n", b"...\n", b"# only a comment\n", b"null\n", b"~", b"   \n\n",
                       b"\xef\xbb\xbf", b"---\n...\n", b"%YAML 1.1\n---\n", b"''\n", b"items:\n", b"items: []\n",
                       b"items: [{}]\n", b"{}\n", b"[]\n", b"\n" * 5000, b"keywords:\n", b"keys: {}\n"])
    return data, f"document {data[:20]!r}"


def y_multi_doc(rng: random.Random, texts: list[str]) -> tuple[bytes, str]:
    variant = rng.randrange(4)
    if variant == 0:
        return "---\n".join(texts).encode(), f"{len(texts)} documents"
    if variant == 1:
        return ("---\n" + "...\n---\n".join(texts)).encode(), f"{len(texts)} documents with ends"
    if variant == 2:
        return (texts[0] + "...\ngarbage after the end\n").encode(), "text after the document end"
    return ("---\n" * rng.choice([2, 1000, 20000])).encode(), "many empty documents"


# ---------------------------------------------------------------------- briefing-only structures


SPANS = ["[0, 5, 2]", "[-1, 0, 3]", "[99, 0, 3]", "[0, 0, 100000]", "[0, a, 3]", "[true, 0, 3]", "[0, 0]",
         "[0, 0, 1, 2]", "3", "'0,1,2'", "{p: 0}", "[0, 0, 99999999999999999999999]", "[0, 0.5, 3]", "[0, .nan, 3]",
         "[0, -.inf, .inf]", "[]", "[null, null, null]", "[[0, 1, 2]]", "[0, 0, 3]", "[1, 1, 1]",
         "[0, 0, " + "9" * 5000 + "]", "[0, -5, -1]", "[0, 0x10, 0o7]"]


def y_bad_span(rng: random.Random, doc: M, item: M) -> str:
    span = rng.choice(SPANS)
    path: list[str | int] = rng.choice([["quotes", 0, "span"], ["figures", 0, "span"], ["actors", 0, "mentions"],
                                        ["places", 0, "mentions"], ["actors", 0, "mentions", 0]])
    if path[-1] == "mentions" and rng.random() < 0.5:
        span = f"[{span}, [0, 0, 3]]"
    return set_field(item, path, Raw(span)) + " = " + _brief(span)


WRONG_TYPES: list[tuple[list[str | int], str]] = [
    (["title"], "[a, b]"), (["title"], "{a: b}"), (["body"], "{a: b}"), (["body"], "[[a]]"), (["body"], "5"),
    (["tags"], "5"), (["tags"], "[[a], {b: c}]"), (["actors"], "{name: x}"), (["actors"], "[[x]]"),
    (["actors", 0, "name"], "[x]"), (["actors", 0, "type"], "alien"), (["actors", 0, "aliases"], "x"),
    (["quotes", 0, "kind"], "shouted"), (["quotes", 0, "speaker"], "[a]"), (["quotes", 0, "text"], "null"),
    (["figures", 0, "kind"], "huge"), (["figures", 0, "value"], "'12'"), (["figures", 0, "approx"], "maybe"),
    (["figures", 0, "value"], "[1]"), (["figures", 0, "value"], "true"), (["related", 0, "url"], "5"),
    (["related", 0], "[x]"), (["places", 0, "name"], "null"), (["date"], "[2024]"), (["date"], "20241112"),
    (["date"], "1.5"), (["id"], "[1]"), (["id"], "5"), (["id"], "null"), (["source"], "{a: b}"),
    (["qoutes"], "x"), (["items"], "[]"), (["quotes"], "7"), (["figures"], "'eleven'"), (["places"], "{}"),
]


WHOLE_FILES = ["- title: x\n", "hello\n", "5\n", "items: 5\n", "items: {title: x}\n", "items: [5, x, [], null]\n",
               "items: [{items: []}]\n", "title: x\nitems: []\n", "items:\n  -\n  - title: x\n"]


def y_wrong_type(rng: random.Random, doc: M, item: M) -> str:
    path, raw = rng.choice(WRONG_TYPES)
    return set_field(item, path, Raw(raw)) + " = " + raw


ARTICLE_REFS = ["nope.txt", ".", "..", "/", "/dev/null", "{self}", "''", '"a\\0b.txt"', "{long}", "~/x.txt",
                "http://example.com/a.html", "../inputs", "[a, b]", "5", "null", '"\\x1b[2J.txt"', "{self_dir}"]


def y_article_ref(rng: random.Random, doc: M, item: M, name: str) -> str:
    ref = rng.choice(ARTICLE_REFS).format(self=name, long="a" * rng.choice([300, 5000]) + ".txt",
                                          self_dir="./" + name)
    if rng.random() < 0.5:
        for field_name in ("body", "title"):
            for i, (key, _value) in enumerate(item):
                if key == field_name:
                    del item[i]
                    break
    return set_field(item, ["article"], Raw(ref)) + " = " + _brief(ref)


def y_many_values(rng: random.Random, doc: M, item: M) -> str:
    what = rng.choice(["tags", "actors", "body", "quotes", "items", "figures", "mentions"])
    n = rng.choice([1000, 5000])
    if what == "tags":
        set_field(item, ["tags"], S([f"t{i}" for i in range(n)]))
    elif what == "actors":
        set_field(item, ["actors"], Raw("[" + ", ".join(f"A{i} B{i}" for i in range(n)) + "]"))
    elif what == "body":
        set_field(item, ["body"], S([f"Paragraph {i}." for i in range(n // 2)]))
    elif what == "quotes":
        set_field(item, ["quotes"], Raw("[" + ", ".join(f"q{i}" for i in range(n)) + "]"))
    elif what == "figures":
        set_field(item, ["figures"], Raw("[" + ", ".join(f"{{text: '{i}', value: {i}}}" for i in range(n // 2)) + "]"))
    elif what == "mentions":
        set_field(item, ["actors"], Raw("[{name: the, mentions: [" + ", ".join("[0, 0, 3]" for _ in range(n)) + "]}]"))
    else:
        doc.clear()
        doc.append(("items", Raw("[" + ", ".join(f"{{title: Item {i}}}" for i in range(n // 2)) + "]")))
    return f"{what} x{n}"


def y_bad_ids(rng: random.Random, doc: M, item: M) -> str:
    raw = rng.choice(['""', '"a\\nb"', "a" * 5000, "5", "1.5", "null", "true", "2024-01-01", '"\\x1b[2J"',
                      "'[bold]id[/]'", "'  '", "'../../etc/passwd'"])
    if rng.random() < 0.4:
        doc.clear()
        doc.append(("items", S([M([("id", Raw(raw)), ("title", "One")]), M([("id", Raw(raw)), ("title", "Two")])])))
        return f"two items with id {_brief(raw)}"
    return set_field(item, ["id"], Raw(raw)) + " = " + _brief(raw)


def y_alias_bomb(rng: random.Random, doc: M, item: M) -> str:
    width, depth = rng.choice([(9, 9), (10, 6), (4, 12), (3, 5)])
    if rng.random() < 0.3:
        blob = "x" * rng.choice([1000, 5000])
        set_field(item, ["title"], Raw(f"&s {blob}"))
        set_field(item, ["tags"], Raw("[" + ", ".join(["*s"] * rng.choice([500, 2000])) + "]"))
        return "long string aliased many times"
    fields = ["tags", "places", "related", "actors", "quotes", "figures", "body", "dateline", "source", "date",
              "id", "title"]
    depth = min(depth, len(fields))
    item[:] = [(k, v) for k, v in item if k not in fields[:depth]]  # anchors must come before their aliases
    for i in range(depth):
        inner = ", ".join(['"lol"'] * width) if i == 0 else ", ".join([f"*a{i - 1}"] * width)
        set_field(item, [fields[i]], Raw(f"&a{i} [{inner}]"))
    return f"alias bomb {width}^{depth}"


# ---------------------------------------------------------------------- config-only structures


def c_regex(rng: random.Random, doc: M) -> str:
    term = rng.choice(["/(/", "/[/", "/(a+)+$/", "/(a|aa)+$/", "/(?<=a+)b/", "/(?P<x>a)(?P<x>b)/", "/", "//", "///",
                       "/" + "(a)" * 2000 + "/", "/\\/", "/(?i)x(?-i)/", "/" + "a?" * 500 + "a" * 500 + "/",
                       "/\\N{BOGUS}/", "/x{99999999999}/"])
    set_field(doc, ["keywords", 0, "terms"], S([Raw(_dq(term))]))
    return f"keywords[0].terms = [{_brief(term)}]"


def c_too_many(rng: random.Random, doc: M) -> str:
    n = rng.choice([21, 25, 200])
    keys = [c for c in "123456789abcdeghijklmnoprstuvwyz"]
    set_field(doc, ["keywords"], S([M([("key", keys[i % len(keys)]), ("name", f"K{i}"), ("terms", S([f"t{i}"]))])
                                    for i in range(n)]))
    return f"{n} keywords"


def c_wrong_type(rng: random.Random, doc: M) -> str:
    path, raw = rng.choice([
        (["keywords"], "{key: 1}"), (["keywords"], "5"), (["keywords", 0], "just text"),
        (["keywords", 0, "terms"], "{a: b}"),
        (["keywords", 0, "terms"], "[]"), (["keywords", 0, "terms"], "[[a]]"), (["keywords", 0, "key"], "[1]"),
        (["keywords", 0, "name"], "{a: b}"), (["keywords", 0, "name"], "''"), (["keys"], "[a, b]"), (["keys"], "5"),
        (["keys", "find.start"], "[a]"), (["keys", "find.start"], "5"), (["colors"], "{a: b}"),
        (["keywords", 0, "extra"], "x"),
        (["keywords", 0, "key"], "'12'"), (["keywords", 0, "key"], "ctrl+"), (["keywords", 1, "key"], "'1'"),
    ])
    return set_field(doc, path, Raw(raw)) + " = " + raw


def c_key_remap(rng: random.Random, doc: M) -> str:
    keys = M()
    for binding in rng.sample(BINDING_IDS, rng.randint(1, 5)):
        keys.append((binding, Raw(_dq(rng.choice(["ctrl+@", "f99", "ä", "", " ", "ctrl+shift+alt+x", "x,y,z", "1",
                                                     "escape", "tab", "\x1b", "a" * 300, "ctrl+c", "enter",
                                                     "[bold]k[/]", "space,", ",", "f1,f2,f3"])))))
    if rng.random() < 0.3:
        keys.append((rng.choice(["nope.binding", "", "app", "a" * 500, "[b]x"]), "z"))
    set_field(doc, ["keys"], keys)
    return "keys = " + _brief(yaml_text(keys), 100)


# ====================================================================== articles (text and Markdown)


@dataclass
class Doc:
    title: str
    paras: list[str]
    related: list[str]
    markdown: bool
    prefix: str = ""

    def render(self) -> str:
        if self.markdown:
            head = f"# {self.title}\n\n" if self.title else ""
            rel = ("\n\n## Related\n\n" + "\n".join(f"- [{r}](https://news.example/{i})"
                                                    for i, r in enumerate(self.related))) if self.related else ""
        else:
            head = f"{self.title}\n\n" if self.title else ""
            rel = ("\n\nRELATED STORIES\n" + "\n".join(self.related)) if self.related else ""
        return self.prefix + head + "\n\n".join(self.paras) + rel + "\n"


def new_doc(rng: random.Random, markdown: bool) -> Doc:
    st = story(rng)
    paras = list(st.paragraphs)
    if rng.random() < 0.7:
        paras[0] = f"{st.dateline} \u2013 {paras[0]}"
    return Doc(st.title, paras, st.related, markdown)


def _insert(rng: random.Random, doc: Doc, piece: str, *, where: str = "para") -> None:
    if where == "title":
        doc.title += " " + piece
        return
    if where == "new" or not doc.paras:
        doc.paras.insert(rng.randint(0, len(doc.paras)), piece)
        return
    i = rng.randrange(len(doc.paras))
    words = doc.paras[i].split(" ")
    words.insert(rng.randint(0, len(words)), piece)
    doc.paras[i] = " ".join(words)


OPEN_CLOSE = ["\u201c", "\u201d", "\u201e", "\u201f", "\u00ab", "\u00bb", "\u2039", "\u203a", "\u300c", "\u300d",
              "\u300e", "\u300f", '"', "'", "\u2018", "\u2019", "\u201a", "``", "''", "\u301d", "\u301e", "\uff02",
              "\u275d", "\u275e"]


def t_odd_quotes(rng: random.Random, doc: Doc) -> str:
    for _ in range(rng.randint(1, 6)):
        o, c = rng.choice(OPEN_CLOSE), rng.choice(OPEN_CLOSE)
        speaker = rng.choice([*PEOPLE, "he", "", "the the the"])
        form = rng.randrange(5)
        if form == 0:
            piece = f"{o}{_sentence(rng)}{c} {speaker} said."
        elif form == 1:
            piece = f"{o}{o}{_sentence(rng)} {o}{_sentence(rng)}{c}{c}{c}, said {speaker}."
        elif form == 2:
            piece = f"{o}{_sentence(rng)}"  # never closed
        elif form == 3:
            piece = "".join(rng.choices(OPEN_CLOSE, k=rng.randint(5, 200)))
        else:
            piece = f"{speaker} said: {o}{_sentence(rng)}{c}" * rng.randint(1, 50)
        _insert(rng, doc, piece, where=rng.choice(["para", "new", "title"]))
    return "odd quotation marks"


def t_long_quote(rng: random.Random, doc: Doc) -> str:
    o = rng.choice(["\u201c", '"', "\u00ab", "'"])
    body = _long_words(rng, rng.choice([5_000, 30_000, 120_000]))
    close = rng.choice(["\u201d", '"', "", "\u00bb"])
    _insert(rng, doc, f"{o}{body}{close}, {rng.choice(PEOPLE)} said.", where="new")
    return "one long quote"


NUMBERS = ["1. First", "2) Second", "$1.5bn", "£75m ($141m)", "3% to 3.5%", "between 10,000 and 12,000", "1,2345",
           "1.000.000,50", "12-15", "-5", "\u221240 \u00b0C", "5 million billion", "0.0000001%",
           "99999999999999999999 troops", "1e6", "10\u2079", "3/4", "1 1/2", "1,000,000,000,000,000,000,000,000",
           "11,000troops", "No. 5", "2024-11-12", "10:30", "1st", "21st century", "+1 (555) 010-9999",
           "ISBN 978-3-16-148410-0", "v1.2.3", "0x1F", "1_000", "nearly 3,000km", "about 40%", "$-5", "1..2",
           "1,,000", ".5", "5.", "1e999", "1E-999", "100,000,000,000,000,000,000,000,000,000,000,000,000%"]


def t_numbers(rng: random.Random, doc: Doc) -> str:
    picked = rng.sample(NUMBERS, rng.randint(3, 15))
    if rng.random() < 0.5:
        doc.paras.insert(rng.randint(0, len(doc.paras)), "\n".join(f"{i + 1}. {n}" for i, n in enumerate(picked)))
    else:
        for n in picked:
            _insert(rng, doc, f"{n} {rng.choice(['troops', 'people', 'dollars', 'km', 'percent', ''])}")
    return ", ".join(picked)


def t_huge_number(rng: random.Random, doc: Doc) -> str:
    variant = rng.randrange(7)
    if variant == 0:
        n = _digits(rng, rng.randint(4301, 9000))
    elif variant == 1:
        n = ",".join(["123"] * rng.choice([1500, 3000]))
    elif variant == 2:
        n = "0." + _digits(rng, 5000)
    elif variant == 3:
        n = "$" + _digits(rng, 5000) + "bn"
    elif variant == 4:
        n = rng.choice(["1e99999", "10^99999", "1.5e308", "1e-99999"])
    elif variant == 5:
        n = ".".join(["1"] * 5000)
    else:
        n = _digits(rng, 4400) + "%"
    _insert(rng, doc, f"{n} troops")
    return f"number of {len(n)} characters"


UNICODE_DIGITS = ["\u00b2\u00b3", "\uff11\uff12,\uff10\uff10\uff10 troops", "\u0663\u0660\u0660 troops",
                  "\u096b\u0966\u0966 soldiers", "\u00bd of", "\u2154", "\u216b", "\U0001d7cf\U0001d7d0\U0001d7d1",
                  "\u2460\u2461", "\u00b9\u2070\u2070%", "1\u00bd million", "\u0968\u0966\u0968\u096a",
                  "\u2075\u2070,\u2070\u2070\u2070", "\u0e51\u0e52\u0e53", "\u00b2" * 200, "12\u00b2 km"]


def t_unicode_digits(rng: random.Random, doc: Doc) -> str:
    picked = rng.sample(UNICODE_DIGITS, rng.randint(1, 5))
    for u in picked:
        _insert(rng, doc, f"{u} {rng.choice(['troops', 'dollars', 'percent'])}")
    return _brief(" ".join(picked))


DATELINES = ["SEOUL, South Korea (AP) \u2014", "TAIPEI, Taiwan \u2013", "LONDON (Reuters) -",
             "KYIV, Ukraine, Nov. 12 \u2014",
             "\u2014", "(AP) \u2014", "NEW YORK,\u2014 \u2014\u2014 \u2013", "\u041f\u0410\u0420\u0418\u0416 \u2014",
             "\u6771\u4eac \u2014", "SEOUL, Nov. 99 (Yonhap) --", "WASHINGTON \u2014 \u2014 \u2014"]


def t_datelines(rng: random.Random, doc: Doc) -> str:
    line = rng.choice([*DATELINES, "A" * rng.choice([300, 5000]) + " \u2014", "SEOUL, " * rng.choice([20, 2000]),
                       "[bold]SEOUL[/] \u2014", "\x1b[2JSEOUL \u2014"])
    if rng.random() < 0.3:
        doc.paras = [line]
    else:
        doc.paras[0] = line + " " + doc.paras[0]
        for _ in range(rng.randint(0, 5)):
            _insert(rng, doc, rng.choice(DATELINES), where="new")
    return _brief(line)


def t_headlines(rng: random.Random, doc: Doc) -> str:
    variant = rng.randrange(5)
    if variant == 0:
        doc.paras = [doc.title.upper() for _ in range(rng.randint(5, 500))]
        return "headlines only"
    if variant == 1:
        doc.title = "BREAKING: " + _long_words(rng, rng.choice([500, 20000])).title()
        return "long headline"
    if variant == 2:
        doc.title = rng.choice(["!!!", "...", "\u2014", "#", "   ", "\u201c", "1."])
        return f"headline {doc.title!r}"
    if variant == 3:
        doc.title = ""
        return "no headline"
    for _ in range(rng.randint(3, 30)):
        _insert(rng, doc, _sentence(rng, 5).upper().rstrip("."), where="new")
    return "headline-like lines in the body"


def t_speakers(rng: random.Random, doc: Doc) -> str:
    forms = ["\u201cX,\u201d said Mr.", "\u201cX,\u201d said.", "\u201cX,\u201d said said said",
             "\u201cX,\u201d he said, citing \u201cY,\u201d she said", "according to according to",
             "\u201cX,\u201d said " + " ".join(w.title() for w in rng.choices(WORDS, k=50)),
             "\u201cX,\u201d said [bold]Kim[/]", "\u201cX,\u201d said 12", "\u201cX,\u201d said O'-'-O",
             "\u201cX,\u201d said \u202eKim\u202c", "said \u201cX\u201d said \u201cY\u201d said \u201cZ\u201d",
             "\u201cX\u201d \u2014 Kim Jong Un \u2014 \u201cY\u201d \u2014 Putin"]
    picked = rng.sample(forms, rng.randint(1, 6))
    for f in picked:
        _insert(rng, doc, f.replace("X", _sentence(rng).rstrip(".")).replace("Y", "yes"), where="new")
    return f"{len(picked)} odd attributions"


def t_control(rng: random.Random, doc: Doc) -> str:
    density = rng.choice([0.001, 0.01, 0.05, 0.2])
    pool = [chr(c) for c in [*range(1, 9), 11, 12, *range(14, 32), *range(0x7F, 0xA0)]]
    for i, p in enumerate(doc.paras):
        doc.paras[i] = "".join(ch + (rng.choice(pool) if rng.random() < density else "") for ch in p)
    return f"control characters at density {density}"


def t_escape_seq(rng: random.Random, doc: Doc) -> str:
    for _ in range(rng.randint(1, 10)):
        _insert(rng, doc, rng.choice(ESCAPES), where=rng.choice(["para", "title", "new"]))
    return "terminal escape sequences"


def t_markup(rng: random.Random, doc: Doc) -> str:
    for _ in range(rng.randint(1, 12)):
        _insert(rng, doc, rng.choice(MARKUP), where=rng.choice(["para", "title", "new"]))
    if rng.random() < 0.5:
        doc.paras.append("\u201cWe are ready [/],\u201d said [bold]Kim Jong Un[/] in [@click=app.quit]Pyongyang.")
    return "Rich markup"


def t_unicode(rng: random.Random, doc: Doc) -> str:
    picked = [u for u in rng.sample(UNICODE, rng.randint(1, 6)) if not 0xD800 <= ord(u[0]) <= 0xDFFF and u != "\u0000"]
    for u in picked:
        _insert(rng, doc, u, where=rng.choice(["para", "title"]))
    return _brief("".join(picked))


def t_long_line(rng: random.Random, doc: Doc) -> str:
    size = rng.choice([50_000, 120_000, 190_000])
    variant = rng.randrange(4)
    if variant == 0:
        line = _long_words(rng, size)
    elif variant == 1:
        line = "a" * size
    elif variant == 2:
        line = " ".join(f"{_sentence(rng)} \u201c{_sentence(rng)}\u201d {rng.choice(PEOPLE)} said "
                        f"{rng.randint(1, 99999)}" for _ in range(size // 150))
    else:
        line = rng.choice(["-", ".", "=", "\u2014", "*"]) * size
    doc.paras.insert(rng.randint(0, len(doc.paras)), line)
    return f"line of {len(line)} characters"


def t_repetition(rng: random.Random, doc: Doc) -> str:
    unit = rng.choice(["said ", "\u201c", "(", ".", "Mr. ", "A. ", "Kim ", "John Smith ", "1,", '"a" said b. ',
                       ", said ", "\u201cx,\u201d ", "$", "% ", "- ", "[", "The ", "U.S. "])
    n = min(rng.choice([1000, 5000, 20000]), 100_000 // len(unit.encode()))
    _insert(rng, doc, unit * n, where=rng.choice(["para", "new"]))
    return f"{unit!r} x{n}"


def t_whitespace(rng: random.Random, doc: Doc) -> str:
    variant = rng.choice(["cr", "crlf-mixed", "formfeed", "vtab", "ls", "nel", "tabs", "blank-lines", "trailing"])
    text_sep = {"cr": "\r", "crlf-mixed": rng.choice(["\r\n", "\n\r", "\r"]), "formfeed": "\f", "vtab": "\v",
                "ls": "\u2028", "nel": "\x85"}.get(variant)
    if text_sep is not None:
        doc.paras = [p.replace(" ", text_sep, rng.randint(0, 5)) for p in doc.paras]
        doc.prefix = text_sep * rng.randint(0, 3)
    elif variant == "tabs":
        doc.paras = ["\t" * rng.randint(1, 50) + p for p in doc.paras]
    elif variant == "blank-lines":
        doc.paras.insert(1, "\n" * rng.choice([100, 10000]))
    else:
        doc.paras = [p + " " * rng.randint(1, 2000) for p in doc.paras]
    return variant


def t_empty(rng: random.Random, doc: Doc) -> str:
    doc.title = ""
    doc.related = []
    doc.paras = [rng.choice(["", " ", "\n" * 1000, "x", "\ufeff", "\ufeff\n", "\u201c", ".", "\t", "RELATED STORIES"])]
    return f"almost empty: {doc.paras[0][:10]!r}"


def t_related(rng: random.Random, doc: Doc) -> str:
    n = rng.choice([1, 10, 2000])
    doc.related = [rng.choice(["", "http://[::1", "https://news.example/x", "[bold]x[/]", "RELATED STORIES", "\u201c",
                               _sentence(rng), "a" * 3000]) for _ in range(n)]
    return f"{n} related entries"


def md_structure(rng: random.Random, doc: Doc) -> str:
    pieces = ["####### seven", "Setext\n======", "```python\nunclosed fence",
              "> " * rng.choice([10, 500]) + "deep quote",
              "\n".join("  " * i + "- item" for i in range(rng.choice([10, 200]))),
              "|" + "|".join(f"c{i}" for i in range(rng.choice([5, 500]))) + "|\n|" + "---|" * 5,
              "<script>alert(1)</script>", "<div>\n<p>html block</p>", "![img](http://[bad)", "***\n---\n___",
              "[ref]: http://example.com 'title'\n[x][ref]", "* * *", "1. a\n1. b\n1. c", "$$\nx^2\n$$"]
    picked = rng.sample(pieces, rng.randint(1, 6))
    for p in picked:
        doc.paras.insert(rng.randint(0, len(doc.paras)), p)
    return f"{len(picked)} Markdown structures"


def md_links(rng: random.Random, doc: Doc) -> str:
    variant = rng.randrange(4)
    if variant == 0:
        _insert(rng, doc, " ".join(f"[link {i}](https://news.example/{i})" for i in range(rng.choice([100, 3000]))))
        return "many links"
    if variant == 1:
        _insert(rng, doc, "[x](https://news.example/" + "a" * 100_000 + ")")
        return "link with a long URL"
    if variant == 2:
        n = rng.choice([100, 5000])
        _insert(rng, doc, "[" * n + "x" + "]" * n + "(y)")
        return f"brackets {n} deep"
    _insert(rng, doc, rng.choice(["[x](http://[::1)", "[x](javascript:alert(1))", "[x](<>)", "[](", "[x]( )",
                                  "[\x1b[2J](x)", "[x](http://exa mple.com)"]))
    return "odd link"


def md_front_matter(rng: random.Random, doc: Doc) -> str:
    raw = SCALARS[rng.choice(list(SCALARS))](rng)
    doc.prefix = f"---\ntitle: {raw}\ndate: {rng.choice(DATES_BAD)}\n---\n\n"
    return "front matter " + _brief(raw)


TextIngredient = Callable[[random.Random, Doc], str]
TEXT_INGREDIENTS: dict[str, TextIngredient] = {
    "odd-quotes": t_odd_quotes, "long-quote": t_long_quote, "numbers": t_numbers, "huge-number": t_huge_number,
    "unicode-digits": t_unicode_digits, "datelines": t_datelines, "headlines": t_headlines, "speakers": t_speakers,
    "control-chars": t_control, "escape-seq": t_escape_seq, "markup": t_markup, "unicode": t_unicode,
    "long-line": t_long_line, "repetition": t_repetition, "whitespace": t_whitespace, "empty": t_empty,
    "related": t_related,
}
MD_INGREDIENTS: dict[str, TextIngredient] = {"md-structure": md_structure, "md-links": md_links,
                                             "md-front-matter": md_front_matter}
# Ingredients that act on the encoded bytes.
BYTE_INGREDIENTS = ("invalid-utf8", "utf16-nobom", "nul")


def bytes_ingredient(rng: random.Random, kind: str, data: bytes) -> tuple[bytes, str]:
    if kind == "invalid-utf8":
        buf = bytearray(data)
        n = rng.choice([1, 10, 200])
        for _ in range(n):
            buf[rng.randrange(len(buf) + 1):rng.randrange(len(buf) + 1)] = rng.choice(
                [b"\xff", b"\xfe", b"\xc3\x28", b"\xe2\x82", b"\xf0\x28\x8c\x28", b"\xed\xa0\x80", b"\xc0\xaf",
                 b"\x81"])
        return bytes(buf), f"{n} invalid UTF-8 sequences"
    if kind == "utf16-nobom":
        text = data.decode("utf-8", "replace")
        if rng.random() < 0.3:
            text += " \U0001f600 \ud800"
        enc = rng.choice(["utf-16-le", "utf-16-be"])
        out = text.encode(enc, "surrogatepass")
        if rng.random() < 0.3:
            out = out[:-1]
        return out, f"{enc} without BOM"
    buf = bytearray(data)
    n = rng.choice([1, 5, 500])
    for _ in range(n):
        buf.insert(rng.randrange(len(buf) + 1), 0)
    return bytes(buf), f"{n} NUL bytes"


def make_article(rng: random.Random, kind: str, markdown: bool) -> tuple[bytes, str, list[str]]:
    doc = new_doc(rng, markdown)
    extras: list[str] = []
    notes: list[str] = []
    if kind in TEXT_INGREDIENTS or kind in MD_INGREDIENTS:
        notes.append((TEXT_INGREDIENTS.get(kind) or MD_INGREDIENTS[kind])(rng, doc))
    if rng.random() < 0.35:  # a mix: one or two more ingredients of the same family
        pool = sorted(set(TEXT_INGREDIENTS) - {kind, "empty"})
        for extra in rng.sample(pool, rng.randint(1, 2)):
            extras.append(extra)
            notes.append(TEXT_INGREDIENTS[extra](rng, doc))
    data = doc.render().encode("utf-8", "surrogatepass")
    if kind in BYTE_INGREDIENTS:
        data, note = bytes_ingredient(rng, kind, data)
        notes.append(note)
    return data, "; ".join(notes), extras


# ====================================================================== HTML pages


@dataclass
class Page:
    head: list[str]
    body: list[str]
    before: list[str]
    after: list[str]
    html_attrs: str = ' lang="en"'
    body_attrs: str = ""
    prefix: str = ""
    doctype: str = "<!DOCTYPE html>"
    whole: str | None = None
    post: list[Callable[[str], str]] = field(default_factory=list)

    def render(self) -> str:
        if self.whole is not None:
            return self.whole
        text = (f"{self.prefix}{self.doctype}\n<html{self.html_attrs}>\n<head>\n" + "\n".join(self.head)
                + f"\n</head>\n<body{self.body_attrs}>\n" + "\n".join(self.before) + "\n<article>\n"
                + "\n".join(self.body) + "\n</article>\n" + "\n".join(self.after) + "\n</body>\n</html>\n")
        for fix in self.post:
            text = fix(text)
        return text


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def new_page(rng: random.Random) -> Page:
    st = story(rng)
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": st.title,
          "datePublished": "2024-11-12T10:00:00Z", "author": {"@type": "Person", "name": rng.choice(PEOPLE)}}
    head = ['<meta charset="utf-8">', f"<title>{_esc(st.title)} | News</title>",
            f'<meta property="og:title" content="{_esc(st.title)}">',
            f'<meta name="description" content="{_esc(st.paragraphs[0])}">',
            '<meta property="article:published_time" content="2024-11-12T10:00:00Z">',
            f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>']
    body = [f"<h1>{_esc(st.title)}</h1>", f'<p class="dateline">{_esc(st.dateline)} \u2014</p>']
    body += [f"<p>{_esc(p)}</p>" for p in st.paragraphs]
    if st.related:
        body.append('<ul class="related">' + "".join(f'<li><a href="/story/{i}">{_esc(t)}</a></li>'
                                                      for i, t in enumerate(st.related)) + "</ul>")
    before = ['<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a>'
              "</nav></header>"]
    after = ["<footer><p>&copy; 2024 News Example</p></footer>"]
    return Page(head, body, before, after)


def _in_body(rng: random.Random, page: Page, piece: str) -> None:
    page.body.insert(rng.randint(0, len(page.body)), piece)


def h_many_attributes(rng: random.Random, page: Page) -> str:
    n = rng.choice([100, 1000, 5000, 10000, 20000])
    style = rng.choice(["distinct", "same", "valued", "events"])
    if style == "distinct":
        attrs = "".join(f" a{i}" for i in range(n))
    elif style == "same":
        attrs = ' x="1"' * n
    elif style == "valued":
        n = min(n, 12000)
        attrs = "".join(f' d{i}="v"' for i in range(n))
    else:
        n = min(n, 12000)
        attrs = "".join(f" on{i}=f()" for i in range(n))
    tag = rng.choice(["p", "div", "article", "a", "img", "meta", "html", "body", "h1", "span", "time", "title"])
    if tag == "html":
        page.html_attrs += attrs
    elif tag == "body":
        page.body_attrs += attrs
    elif tag in ("meta", "title"):
        page.head.append(f"<meta{attrs}>" if tag == "meta" else f"<title{attrs}>Attr title</title>")
    else:
        _in_body(rng, page, f"<{tag}{attrs}>Some text of the article here.</{tag}>")
    return f"{n} {style} attributes on <{tag}>"


def h_deep_nesting(rng: random.Random, page: Page) -> str:
    depth = rng.choice([50, 300, 1000, 3000, 5000])
    opener, closer = rng.choice([("<div>", "</div>"), ("<span>", "</span>"), ("<b>", "</b>"),
                                 ("<blockquote>", "</blockquote>"), ("<ul><li>", "</li></ul>"),
                                 ("<table><tr><td>", "</td></tr></table>"), ("<section>", "</section>"),
                                 ("<a>", "</a>"), ("<p>", "</p>"), ("<font>", "</font>"), ("<i><b>", "</b></i>")])
    closed = rng.random() < 0.6
    text = f"<p>{_sentence(rng)} \u201c{_sentence(rng)}\u201d said {rng.choice(PEOPLE)}.</p>"
    _in_body(rng, page, opener * depth + text + (closer * depth if closed else ""))
    return f"{opener} x{depth}{'' if closed else ' unclosed'}"


def h_broken(rng: random.Random, page: Page) -> str:
    notes: list[str] = []

    def fix(text: str) -> str:
        for _ in range(rng.randint(1, 4)):
            variant = rng.randrange(8)
            if variant == 0:
                cut = rng.randrange(len(text))
                text = text[:cut]
                notes.append(f"truncated at {cut}")
            elif variant == 1:
                for _ in range(rng.randint(1, 30)):
                    i = rng.randrange(len(text))
                    if text[i] in "<>":
                        text = text[:i] + text[i + 1:]
                notes.append("some < > removed")
            elif variant == 2:
                i = rng.randrange(len(text))
                text = text[:i] + "</p></p></div></article></body></html>" + text[i:]
                notes.append("stray end tags")
            elif variant == 3:
                i = rng.randrange(len(text))
                text = text[:i] + "<p<p<p><a href=\"x>text<<>></></>" + text[i:]
                notes.append("garbled tags")
            elif variant == 4:
                text = text.replace("<body>", "<body><html><body><head><title>again</title></head>", 1)
                notes.append("html/body twice")
            elif variant == 5:
                i = rng.randrange(len(text))
                text = text[:i] + "<![CDATA[ cdata ]]><?php echo 1; ?><!DOCTYPE garbage>" + text[i:]
                notes.append("CDATA, PI, doctype in the body")
            elif variant == 6:
                text = text.replace('"', "", rng.randint(1, 10))
                notes.append("quotes removed")
            else:
                text = text.replace("</p>", "", rng.randint(1, 10))
                notes.append("unclosed paragraphs")
        return text

    page.post.append(fix)
    return "broken markup"


def h_scripts(rng: random.Random, page: Page) -> str:
    variant = rng.randrange(7)
    if variant == 0:
        _in_body(rng, page, '<script>var s = "</p><p>not text</p>"; // <!-- <script> </script>')
    elif variant == 1:
        _in_body(rng, page, "<script>var unclosed = 1;")
    elif variant == 2:
        _in_body(rng, page, "<script>" + "var x = 1;\n" * rng.choice([1000, 10000]) + "</script>")
    elif variant == 3:
        page.head.append("<style>" + "p { color: red }\n" * rng.choice([1000, 8000]) + "</style>")
    elif variant == 4:
        _in_body(rng, page, "<noscript><p>Enable JavaScript to read this article.</p></noscript>"
                 "<template><article><p>Template text</p></article></template>")
    elif variant == 5:
        _in_body(rng, page, '<script>document.write("<h1>Written</h1>")</script><p onclick="alert(1)">Click</p>')
    else:
        page.head.append("<script><!-- <script> var a = '</script>' --></script>")
    return f"script variant {variant}"


def h_json_ld(rng: random.Random, page: Page) -> str:
    variant = rng.randrange(10)
    contents = [
        '{"headline": "x",}', "[" * rng.choice([1000, 10000, 50000]) + "]" * 10,
        '{"@type": "NewsArticle", "headline": ' + _digits(rng, 5000) + "}",
        '{"@type": "NewsArticle", "headline": "x", "wordCount": 1e999999}',
        '{"@type": "NewsArticle", "headline": NaN}',
        json.dumps({"@type": "NewsArticle", "datePublished": rng.choice(DATES_BAD),
                    "dateModified": rng.choice(DATES_BAD),
                    "headline": ["a", {"b": 1}], "author": {"name": {"x": []}}}),
        json.dumps({"@graph": [{"@type": "NewsArticle", "headline": f"H{i}"} for i in range(rng.choice([10, 3000]))]}),
        '{"headline": "\\ud800 lone surrogate", "description": "\\u0000"}', "null", "",
    ]
    page.head.append(f'<script type="application/ld+json">{contents[variant]}</script>')
    return f"JSON-LD variant {variant}"


ENTITIES = ["&#0;", "&#xD800;", "&#x110000;", "&#99999999999999999999;", "&bogus;", "&amp;amp;", "&#x;", "&#-1;",
            "&lt;script&gt;alert(1)&lt;/script&gt;", "&#27;[2J", "&#x9b;2J", "&#x202e;", "&#x1b;]52;c;cHduZWQ=&#x07;",
            "&nbsp" * 10, "&#128512;", "&#x1F600", "&NotAnEntity;"]


def h_entities(rng: random.Random, page: Page) -> str:
    picked = rng.sample(ENTITIES, rng.randint(1, 6))
    if rng.random() < 0.3:
        picked.append(rng.choice(["&#" + _digits(rng, 5000) + ";", "&nbsp;" * 5000, "&" + "x" * 5000 + ";"]))
    for e in picked:
        where = rng.randrange(3)
        if where == 0:
            _in_body(rng, page, f"<p>Entity {e} inside a paragraph of text.</p>")
        elif where == 1:
            page.head.append(f"<title>Title {e}</title>")
        else:
            _in_body(rng, page, f'<a href="https://news.example/{e}" title="{e}">link</a>')
    return _brief(" ".join(picked))


def h_comment(rng: random.Random, page: Page) -> str:
    variant = rng.randrange(4)
    if variant == 0:
        blob = _long_words(rng, rng.choice([100_000, 150_000]))
        (page.head if rng.random() < 0.5 else page.body).insert(0, f"<!-- {blob} -->")
        return "huge comment"
    if variant == 1:
        page.before.append("<!-- never closed")
        return "unclosed comment before the article"
    if variant == 2:
        _in_body(rng, page, "<!--><!---><p>after</p>--!><!-- <!-- nested --> -->")
        return "odd comments"
    _in_body(rng, page, "<!--[if IE]><p>IE only</p><![endif]-->" * rng.choice([1, 2000]))
    return "conditional comments"


def h_charset(rng: random.Random, page: Page) -> str:
    variant = rng.randrange(7)
    if variant == 0:
        page.prefix = rng.choice(['<?xml version="1.0" encoding="ISO-8859-1"?>\n',
                                  '<?xml version="1.0" encoding="utf-16"?>\n',
                                  '<?xml version="1.0" encoding="bogus"?>\n', '<?xml version="1.0"?>\n'])
        return "XML declaration " + page.prefix.strip()
    charset = rng.choice(["utf-7", "x-unknown", "utf-16", "", "a" * 500, "utf-32", "ebcdic-cp-us", "\x1b[2J"])
    page.head[0] = f'<meta charset="{charset}">' if variant < 4 else \
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    return f"charset {_brief(charset)}"


def h_dates(rng: random.Random, page: Page) -> str:
    date = rng.choice([*DATES_BAD, "1e10", "99999999999999", "-2024-01-01", "2024-13-45T25:61:61+99:00", "yesterday",
                       "", "31/02/2024", "2024/13/45", "1900-01-01", "0001-01-01T00:00:00-23:59"])
    where = rng.randrange(6)
    if where == 0:
        page.head[4] = f'<meta property="article:published_time" content="{date}">'
    elif where == 1:
        page.head.append(f'<meta name="date" content="{date}"><meta name="dc.date" content="{date}">')
    elif where == 2:
        _in_body(rng, page, f'<time datetime="{date}">{date}</time>')
    elif where == 3:
        page.head.append(f'<link rel="canonical" href="https://news.example/{date.replace("-", "/")}/story">')
    elif where == 4:
        _in_body(rng, page, f"<p>Published on 31 February 2024, updated {date}.</p>")
    else:
        page.head[5] = f'<script type="application/ld+json">{json.dumps({"datePublished": date})}</script>'
    return f"date {date!r} in place {where}"


def h_long_text(rng: random.Random, page: Page) -> str:
    size = rng.choice([100_000, 180_000])
    text = _long_words(rng, size) if rng.random() < 0.7 else "x" * size
    where = rng.randrange(5)
    if where == 0:
        page.head.append(f"<title>{text}</title>")
    elif where == 1:
        page.body.insert(0, f"<h1>{text}</h1>")
    elif where == 2:
        _in_body(rng, page, f"<p>{text}</p>")
    elif where == 3:
        _in_body(rng, page, f'<img alt="{text}" src="x.png">')
    else:
        _in_body(rng, page, f'<a href="https://news.example/{text.replace(" ", "-")}">a</a>')
    return f"{len(text)} characters in place {where}"


def h_empty(rng: random.Random, page: Page) -> str:
    page.whole = rng.choice(["<html></html>", "<html><body></body></html>",
                             "<html><head><title>T</title></head></html>",
                             "<script>var x;</script>", "   \n", "<!DOCTYPE html>", "just text, no tags at all",
                             "<p></p>" * 1000, "<html><body><article></article></body></html>", "<", "<html",
                             "<body><p>\u201c</p></body>", ""])
    return f"page {page.whole[:30]!r}"


HREFS = ["http://[::1", "http://[bad", "https://a:b:c/", "http://:99999999/", "javascript:alert(1)", "//////",
         "http://%zz", "mailto:", "http://exa mple.com/ x", "\nhttp://x", "http://ex\u202eample.com", "http://xn--",
         "ftp://", "http://256.256.256.256", "http://example.com:-1", "http://example.com:99999", "\x1b[2J",
         "http://[::1]:80:80/", "https://user:pa ss@host/", "data:text/html;base64,PHA+eDwvcD4="]


def h_links(rng: random.Random, page: Page) -> str:
    variant = rng.randrange(4)
    if variant == 0:
        href = rng.choice(HREFS)
        page.head.append(f'<base href="{href}">')
        return f"base href {href!r}"
    if variant == 1:
        picked = rng.sample(HREFS, rng.randint(1, 8))
        page.body.append('<ul class="related">' + "".join(f'<li><a href="{h}">Related {i}</a></li>'
                                                          for i, h in enumerate(picked)) + "</ul>")
        return _brief(" ".join(picked))
    if variant == 2:
        n = rng.choice([500, 3000])
        page.body.append('<ul class="related">' + "".join(f'<li><a href="/s/{i}">Story {i}</a></li>' for i in range(n))
                         + "</ul>")
        return f"{n} related links"
    _in_body(rng, page, '<a href="data:text/html;base64,' + "A" * 100_000 + '">data</a>')
    return "long data: URL"


def h_embedded(rng: random.Random, page: Page) -> str:
    piece = rng.choice(["<svg><text>svg text</text><foreignObject><p>inside</p></foreignObject></svg>",
                        "<math><mi>x</mi><annotation-xml><p>inside</p></annotation-xml></math>",
                        '<iframe srcdoc="<p>framed &lt;b&gt;html</p>"></iframe>', "<object><embed src=x></object>",
                        "<frameset><frame src=x></frameset>", "<xmp><p>not a tag</p></xmp>",
                        "<plaintext><p>everything after is text", "<textarea>unclosed", "<title>unclosed in body",
                        "<select><option>x<p>inside</select>", "<marquee><blink>old</blink></marquee>"])
    _in_body(rng, page, piece)
    return _brief(piece, 40)


def h_tables(rng: random.Random, page: Page) -> str:
    cols = rng.choice([50, 500, 2000])
    variant = rng.randrange(3)
    if variant == 0:
        _in_body(rng, page, "<table><tr>" + "<td>c</td>" * cols + "</tr></table>")
    elif variant == 1:
        _in_body(rng, page, '<table><tr><td colspan="99999999" rowspan="-1">x</td></tr></table>')
    else:
        page.body = ["<table><tr><td>" + "</td></tr><tr><td>".join(page.body) + "</td></tr></table>"]
    return f"table variant {variant}"


def h_control_text(rng: random.Random, page: Page) -> str:
    picked = rng.sample(ESCAPES + MARKUP + UNICODE[:10], rng.randint(2, 8))
    for p in picked:
        _in_body(rng, page, f"<p>Text {p} end of text.</p>")
    return _brief("".join(picked))


HtmlIngredient = Callable[[random.Random, Page], str]
HTML_INGREDIENTS: dict[str, HtmlIngredient] = {
    "many-attributes": h_many_attributes, "deep-nesting": h_deep_nesting, "broken-markup": h_broken,
    "scripts": h_scripts, "json-ld": h_json_ld, "entities": h_entities, "comments": h_comment, "charset": h_charset,
    "dates": h_dates, "long-text": h_long_text, "empty-ish": h_empty, "links": h_links, "embedded": h_embedded,
    "tables": h_tables, "control-text": h_control_text,
}


def make_html(rng: random.Random, kind: str) -> tuple[bytes, str, list[str]]:
    page = new_page(rng)
    notes = []
    extras: list[str] = []
    if kind in HTML_INGREDIENTS:
        notes.append(HTML_INGREDIENTS[kind](rng, page))
    if rng.random() < 0.2:
        extra = rng.choice(sorted(set(HTML_INGREDIENTS) - {kind, "empty-ish", "long-text", "many-attributes"}))
        extras.append(extra)
        notes.append(HTML_INGREDIENTS[extra](rng, page))
    data = page.render().encode("utf-8", "surrogatepass")
    if kind in BYTE_INGREDIENTS:
        data, note = bytes_ingredient(rng, kind, data)
        notes.append(note)
    return data, "; ".join(notes), extras


# ====================================================================== kinds and cases


GENERIC_STRUCTURES = ("deep-nesting", "python-tag", "set", "omap", "duplicate-key", "anchors", "merge-key", "syntax",
                      "encoding", "empty-doc", "multi-doc")
BRIEFING_STRUCTURES = ("bad-span", "wrong-type", "article-ref", "many-values", "bad-ids", "alias-bomb")
CONFIG_STRUCTURES = ("regex", "too-many", "wrong-type", "key-remap")

KINDS: dict[str, list[str]] = {
    "yaml": [*SCALARS, *GENERIC_STRUCTURES, *BRIEFING_STRUCTURES],
    "text": [*TEXT_INGREDIENTS, *BYTE_INGREDIENTS],
    "md": [*TEXT_INGREDIENTS, *MD_INGREDIENTS, *BYTE_INGREDIENTS],
    "html": [*HTML_INGREDIENTS, *BYTE_INGREDIENTS],
    "config": [*SCALARS, *GENERIC_STRUCTURES, *CONFIG_STRUCTURES],
}


@dataclass
class Case:
    index: int
    family: str
    ingredient: str
    name: str
    data: bytes
    note: str
    extras: list[str]

    @property
    def kind(self) -> str:
        return f"{self.family}/{self.ingredient}"


def make_yaml(rng: random.Random, family: str, kind: str, name: str, canary: str) -> tuple[bytes, str]:
    """A briefing file (family ``yaml``) or a config file (family ``config``) built around ``kind``."""
    if family == "config":
        doc: M = config_doc(rng)
        item: M | None = None
    else:
        doc, item = briefing_doc(rng)
    if kind == "empty-doc":
        return y_empty_doc(rng)
    if kind == "multi-doc":
        texts = [yaml_text(config_doc(rng) if family == "config" else briefing_item(rng))
                 for _ in range(rng.randint(2, 4))]
        return y_multi_doc(rng, texts)
    if kind in SCALARS:
        note = with_scalar(rng, kind, doc, item)
    elif kind == "deep-nesting":
        note = y_deep_nesting(rng, doc, item)
    elif kind == "python-tag":
        note = y_python_tag(rng, doc, item, canary)
    elif kind == "set":
        note = y_set(rng, doc, item)
    elif kind == "omap":
        note = y_omap(rng, doc, item)
    elif kind == "duplicate-key":
        note = y_duplicate_key(rng, doc, item)
    elif kind == "anchors":
        note = y_anchors(rng, doc, item if item is not None else _first_keyword(doc))
    elif kind == "merge-key":
        note = y_merge_key(rng, doc, item if item is not None else _first_keyword(doc))
    elif kind == "wrong-type" and family == "yaml" and rng.random() < 0.2:
        text = rng.choice(WHOLE_FILES)
        return text.encode(), f"file {text!r}"
    elif kind in ("syntax", "encoding"):
        text = yaml_text(doc)
        return y_syntax(rng, text) if kind == "syntax" else y_encoding(rng, text)
    elif family == "config":
        note = {"regex": c_regex, "too-many": c_too_many, "wrong-type": c_wrong_type, "key-remap": c_key_remap}[kind](
            rng, doc)
    else:
        assert item is not None
        if kind == "article-ref":
            note = y_article_ref(rng, doc, item, name)
        else:
            note = {"bad-span": y_bad_span, "wrong-type": y_wrong_type, "many-values": y_many_values,
                    "bad-ids": y_bad_ids, "alias-bomb": y_alias_bomb}[kind](rng, doc, item)
    return yaml_text(doc).encode("utf-8", "surrogatepass"), note


def _first_keyword(doc: M) -> M:
    for key, value in doc:
        if key == "keywords" and isinstance(value, S) and value and isinstance(value[0], M):
            return value[0]
    return doc


def _largest_remainder(n: int, weights: list[float]) -> list[int]:
    total = sum(weights)
    exact = [n * w / total for w in weights]
    counts = [int(e) for e in exact]
    for i in sorted(range(len(weights)), key=lambda i: (exact[i] - counts[i], -i), reverse=True)[: n - sum(counts)]:
        counts[i] += 1
    return counts


def spread(n: int, rng: random.Random) -> list[tuple[str, str]]:
    """``n`` (family, kind) pairs: families by FAMILY_WEIGHTS, then evenly over each family's kinds (the
    kinds that get one more are drawn from the seed), in a seeded order."""
    families = list(FAMILY_WEIGHTS)
    out: list[tuple[str, str]] = []
    for family, count in zip(families, _largest_remainder(n, [FAMILY_WEIGHTS[f] for f in families]), strict=True):
        kinds = list(KINDS[family])
        rng.shuffle(kinds)
        out += [(family, kinds[i % len(kinds)]) for i in range(count)]
    rng.shuffle(out)
    return out


def make_case(seed: int, index: int, family: str, ingredient: str, canary: str) -> Case:
    rng = random.Random(f"{seed}:{family}:{index}")
    suffix = rng.choice(SUFFIXES[family])
    name = f"{index:04d}-{family}-{ingredient}{suffix}"
    extras: list[str] = []
    if family in ("yaml", "config"):
        data, note = make_yaml(rng, family, ingredient, name, canary)
    elif family == "html":
        data, note, extras = make_html(rng, ingredient)
    else:
        data, note, extras = make_article(rng, ingredient, family == "md")
    if len(data) > MAX_INPUT_BYTES:
        data = data[:MAX_INPUT_BYTES]
        note += f"; clipped to {MAX_INPUT_BYTES} bytes"
    return Case(index, family, ingredient, name, data, note, extras)


def generate(n: int, seed: int, canary: str) -> list[Case]:
    order = spread(n, random.Random(seed))
    return [make_case(seed, i, family, kind, canary) for i, (family, kind) in enumerate(order, 1)]


def generate_configs(per_kind: int, seed: int, canary: str) -> list[Case]:
    return [make_case(seed, 10_000 + i * per_kind + j, "config", kind, canary)
            for i, kind in enumerate(KINDS["config"]) for j in range(per_kind)]


# ====================================================================== running the command line


@dataclass
class Run:
    command: str
    status: str
    rc: int | None
    seconds: float
    signature: str | None = None
    problems: int = 0
    detail: str = ""
    caught: str | None = None  # a problem line that is an unforeseen error caught by briefing's last defence
    trace: str = ""  # for a crash, hang or caught error: the end of stderr or of the crash report
    again: str | None = None  # a crash or hang is run a second time: what that gave (same signature: "same")

    @property
    def mark(self) -> str | None:
        return self.signature or self.caught


@dataclass
class Env:
    briefing: str
    work: Path
    timeout: float
    scratch: Path

    def child_env(self) -> tuple[dict[str, str], Path]:
        home = Path(tempfile.mkdtemp(prefix="xdg-", dir=self.scratch))
        env = dict(os.environ)
        for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            (home / var).mkdir()
            env[var] = str(home / var)
        env["PYTHONFAULTHANDLER"] = "1"
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        return env, home


def run_process(cmd: list[str], cwd: Path, env: dict[str, str],
                timeout: float) -> tuple[int | None, str, str, float, bool]:
    """(exit status, stdout, stderr, seconds, hung); a process still running at ``timeout`` is killed with its group."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        hung = False
    except subprocess.TimeoutExpired:
        hung = proc.poll() is None  # else: it ended, and something it started kept the pipes open
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
    seconds = time.monotonic() - start
    return proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), seconds, hung


TRACEBACK = "Traceback (most recent call last)"
_FRAME = re.compile(r'^\s*File "(.+)", line (\d+)')
_RICH_FRAME = re.compile(r"(/[^\s:]+):(\d+) in \S")
_EXC_LINE = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning|Iteration|Fault))(?::|$)")


def short_path(path: str) -> str:
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1]
    if "briefing_tui/" in path:
        return "briefing_tui/" + path.split("briefing_tui/", 1)[1]
    if path.startswith(f"{ROOT}/"):
        return path[len(str(ROOT)) + 1:]
    m = re.search(r"(python3\.\d+/.*)$", path)
    return m.group(1) if m else path


def signature_of(text: str) -> str | None:
    """Exception type and last frame of the last Python traceback in ``text`` (plain or Rich's boxes)."""
    if TRACEBACK in text:
        block = text[text.rindex(TRACEBACK):]
        lines = block.splitlines()
        frame = exc = None
        if any(_FRAME.match(line) for line in lines):
            for line in lines[1:]:
                m = _FRAME.match(line)
                if m:
                    frame = f"{short_path(m.group(1))}:{m.group(2)}"
                elif frame and line and not line[0].isspace():
                    exc = line.split(":", 1)[0].strip()
                    break
        else:  # Rich's boxed traceback (the dashboard's)
            frames = _RICH_FRAME.findall(block)
            if frames:
                frame = f"{short_path(frames[-1][0])}:{frames[-1][1]}"
            excs = [m.group(1) for line in lines if (m := _EXC_LINE.match(line.strip("│ ")))]
            exc = excs[-1] if excs else None
        return f"{exc or '?'} at {frame or '?'}"
    if "Fatal Python error" in text:
        fatal = re.search(r"Fatal Python error: ([^\n]+)", text)
        frames = re.findall(r'File "(.+)", line (\d+)', text)
        where = f"{short_path(frames[0][0])}:{frames[0][1]}" if frames else "?"
        return f"fatal {fatal.group(1).strip() if fatal else '?'} at {where}"
    return None


def problem_lines(text: str, rel: str) -> list[str]:
    pattern = re.compile(rf"^{re.escape(rel)}(?::\d+(?::\d+)?)?: \S")
    return [line for line in text.splitlines() if pattern.match(line)]


_INTERNAL = re.compile(r"internal error \((\w+)")


def caught_of(lines: list[str]) -> str | None:
    """What a problem line says when briefing caught an error it did not foresee (its last line of
    defence: "internal error (Type...)", or a parse stopped at its time budget)."""
    for line in lines:
        m = _INTERNAL.search(line)
        if m:
            where = " while reading an item" if "while reading this item" in line else ""
            return f"internal error ({m.group(1)}){where}; {line.rsplit(';', 1)[-1].strip()[:40]}"
        if "took longer than" in line:
            return "parse stopped at its time budget"
    return None


def classify(rc: int | None, out: str, err: str, hung: bool, rel: str) -> tuple[str, str | None, int, str]:
    """(status, crash signature, problem lines naming the file, a detail line)."""
    traced = TRACEBACK in err or any(line.startswith(TRACEBACK) for line in out.splitlines())
    named = problem_lines(out, rel) + problem_lines(err, rel)
    last_err = next((line for line in reversed(err.splitlines()) if line.strip()), "")
    if hung:
        return "hang", None, len(named), last_err[:200]
    if traced or rc is None or rc < 0 or rc not in (0, 1):
        sig = signature_of(err) or signature_of(out)
        if sig is None:
            sig = f"signal {signal.Signals(-rc).name}" if rc is not None and rc < 0 else f"exit status {rc}"
        return "crash", sig, len(named), last_err[:200]
    if rc == 0:
        return "ok", None, len(named), ""
    if named:
        return "problem", None, len(named), named[0][:200]
    return "other", None, 0, (last_err or (out.strip().splitlines() or [""])[-1])[:200]


def crash_reports(home: Path) -> list[str]:
    """Tracebacks briefing kept as crash reports (``crashes/`` in its state folder) instead of printing them."""
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(home.glob("**/crashes/crash-*.txt"))]


def run_cli(env: Env, command: str, rel: str, timeout: float | None = None) -> tuple[Run, str]:
    child_env, home = env.child_env()
    try:
        rc, out, err, seconds, hung = run_process([env.briefing, command, "--no-cache", rel], env.work, child_env,
                                                  timeout or env.timeout)
        reports = crash_reports(home)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    status, sig, named, detail = classify(rc, out, err, hung, rel)
    if reports and status != "crash":  # a traceback kept in a file is a crash all the same
        status, sig, detail = "crash", signature_of(reports[-1]) or "crash report", f"crash report; {detail}"
    caught = caught_of(problem_lines(out, rel) + problem_lines(err, rel)) if status != "crash" else None
    trace = ""
    if status not in ("ok", "problem") or caught:
        trace = (reports[-1] if reports else err)[-2000:]
    return Run(command, status, rc, round(seconds, 3), sig, named, detail, caught, trace), err[-3000:]


# ====================================================================== shrinking


def shrink(env: Env, case: Case, command: str, target: str, budget: int) -> tuple[bytes, int]:
    """A smaller input (lines, then words of the longest line, removed) that still crashes with ``target``."""
    folder = Path(tempfile.mkdtemp(prefix="shrink-", dir=env.scratch))
    path = folder / case.name
    rel = os.path.relpath(path, env.work)
    runs = 0

    def same(data: bytes) -> bool:
        nonlocal runs
        runs += 1
        path.write_bytes(data)
        run, _ = run_cli(env, command, rel)
        return run.mark == target

    def ddmin(parts: list[bytes], join: Callable[[list[bytes]], bytes]) -> list[bytes]:
        chunk = max(1, len(parts) // 2)
        while runs < budget and parts:
            i, progress = 0, False
            while i < len(parts) and runs < budget:
                candidate = parts[:i] + parts[i + chunk:]
                if candidate and same(join(candidate)):
                    parts, progress = candidate, True
                else:
                    i += chunk
            if chunk == 1 and not progress:
                break
            chunk = max(1, chunk // 2) if not progress else chunk
        return parts

    lines = ddmin(case.data.splitlines(keepends=True), b"".join)
    if lines and runs < budget:
        longest = max(range(len(lines)), key=lambda i: len(lines[i]))
        if len(lines[longest]) > 200:
            words = re.split(rb"(?<= )", lines[longest])

            def join_words(ws: list[bytes], i: int = longest) -> bytes:
                return b"".join([*lines[:i], b"".join(ws), *lines[i + 1:]])

            lines[longest] = b"".join(ddmin(words, join_words))
    shutil.rmtree(folder, ignore_errors=True)
    return b"".join(lines), runs


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def preview(data: bytes, max_lines: int = 14, width: int = 110) -> str:
    """The bytes as readable text: controls escaped, long lines and runs cut; for a long file the
    first lines and those around its longest line."""
    text = data.decode("utf-8", "backslashreplace")
    lines = text.splitlines()
    if len(lines) > max_lines:
        longest = max(range(len(lines)), key=lambda i: len(lines[i]))
        head = max_lines // 2
        if longest < max_lines:
            picked = [*range(max_lines)]
        else:
            picked = [*range(head), -1, *range(max(head, longest - 3), min(len(lines), longest + 3))]
    else:
        picked = list(range(len(lines)))
    out = []
    for i in picked:
        if i < 0:
            out.append("…")
            continue
        line = "".join(ch if (ch.isprintable() or ch == "\t") and ch not in BIDI
                       else ch.encode("unicode_escape").decode("ascii") for ch in lines[i])
        line = re.sub(r"(.{1,3}?)\1{19,}", lambda m: f"{m.group(1)}…×{len(m.group(0)) // len(m.group(1))}…", line)
        if len(line) > width:
            line = f"{line[: width - 30]}…[{len(line)} chars]…{line[-12:]}"
        out.append(line)
    if picked and picked[-1] < len(lines) - 1:
        out.append(f"… {len(lines) - 1 - picked[-1]} more lines")
    if not text:
        out.append("(empty file)")
    return "\n".join(out)


# ====================================================================== the dashboard in tmux


class Tmux:
    """A private tmux server (its own socket and config) whose panes stay after their process ends."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sock = root / "tmux.sock"
        self.conf = root / "tmux.conf"
        self.conf.write_text("set -g remain-on-exit on\nset -g history-limit 20000\nset -g status off\n")

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["tmux", "-S", str(self.sock), "-f", str(self.conf), *args], capture_output=True,
                              text=True, timeout=20, check=False)

    def screen(self, name: str, history: bool = False) -> str:
        args = ["capture-pane", "-p", "-J", "-t", name] + (["-S", "-"] if history else [])
        return self(*args).stdout

    def close(self) -> None:
        self("kill-server")


@dataclass
class DashRun:
    label: str
    kind: str
    input: str
    status: str
    exit: int | None
    seconds: float
    note: str = ""
    signature: str | None = None
    trace: str = ""
    again: str | None = None  # a launch that was not ok is made a second time: what that gave


def run_dashboard(tmux: Tmux, env: Env, label: str, kind: str, args: list[str], n: int, *,
                  load_wait: float | None = None, quit_while_loading: bool = False) -> DashRun:
    """One launch: wait for a screen, then for loading to end (up to ``load_wait``, default the
    timeout; with ``quit_while_loading``, only two seconds), press ``q``, classify."""
    child_env, home = env.child_env()
    status_file = home / "status"
    assigns = " ".join(f"{var}={shlex.quote(child_env[var])}" for var in
                       ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "PYTHONFAULTHANDLER"))
    command = (f"cd {shlex.quote(str(env.work))} && env {assigns} {shlex.quote(env.briefing)} "
               f"{' '.join(shlex.quote(a) for a in args)}; echo $? > {shlex.quote(str(status_file))}")
    name = f"d{n}"
    start = time.monotonic()
    tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", command)

    def ended() -> bool:
        return status_file.exists() and status_file.read_text().strip() != ""

    def wait(cond: Callable[[], bool], seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if cond():
                return True
            time.sleep(0.1)
        return cond()

    def loading_done() -> bool:
        screen = tmux.screen(name)
        return bool(screen.strip()) and not re.search(r"· loading", screen)

    notes: list[str] = []
    shown = wait(lambda: ended() or tmux.screen(name).strip() != "", env.timeout)
    if quit_while_loading:
        time.sleep(2.0)
        loaded = loading_done()
    else:
        loaded = shown and wait(lambda: ended() or loading_done(), load_wait or env.timeout)
        if shown and not ended():
            time.sleep(0.5)  # a crash just after loading shows now
    by_itself = ended()
    screen_before = tmux.screen(name)
    if not shown:
        notes.append("nothing on screen")
    elif not loaded and not by_itself:
        notes.append("q pressed while loading" if quit_while_loading else "still loading at the deadline")
    if "\u26a0" in screen_before:
        notes.append("problems shown (\u26a0)")
    note = "; ".join(notes)
    quit_ok = True
    if not by_itself:
        tmux("send-keys", "-t", name, "q")
        quit_ok = wait(ended, QUIT_GRACE)
    seconds = time.monotonic() - start
    full = tmux.screen(name, history=True)
    rc = int(status_file.read_text().strip()) if ended() else None
    tmux("kill-session", "-t", name)
    reports = crash_reports(home)
    shutil.rmtree(home, ignore_errors=True)
    traced = TRACEBACK in full or "Fatal Python error" in full
    sig = signature_of(full) if traced else (signature_of(reports[-1]) if reports else None)
    if reports:
        note = "; ".join(filter(None, [f"{len(reports)} crash report(s) written", note]))
    if by_itself or traced or (rc is not None and rc != 0):
        status = "crash"
        if by_itself:
            note = "; ".join(filter(None, ["ended by itself", note]))
    elif not shown or not quit_ok:
        status = "hang"
        if not quit_ok:
            note = "; ".join(filter(None, [f"no exit within {QUIT_GRACE:g} s of q", note]))
    elif reports or "internal error" in screen_before:
        status = "caught"  # exit 0 after q, but an internal error was caught, shown and kept as a report
    else:
        status = "ok"
    shown_input = args[args.index("--config") + 1] if "--config" in args else args[-1]
    at = full.rfind(TRACEBACK)
    trace = (reports[-1] if reports else full[max(at, 0):] if traced else "")[-3000:]
    return DashRun(label, kind, shown_input, status, rc, round(seconds, 2), note, sig, trace)


# ====================================================================== the audit


@dataclass
class Result:
    name: str
    kind: str
    family: str
    bytes: int
    note: str
    extras: list[str]
    parse: Run
    check: Run

    @property
    def verdict(self) -> str:
        return max(self.parse.status, self.check.status, key=SEVERITY.__getitem__)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_all(env: Env, cases: list[Case], jobs: int) -> list[Result]:
    tasks = [(case, command) for case in cases for command in ("parse", "check")]
    runs: dict[tuple[str, str], Run] = {}
    done = 0
    lock = threading.Lock()
    started = time.monotonic()

    def one(case: Case, command: str) -> tuple[str, str, Run]:
        run, _ = run_cli(env, command, f"inputs/{case.name}")
        return case.name, command, run

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(one, case, command) for case, command in tasks]
        for future in as_completed(futures):
            name, command, run = future.result()
            with lock:
                runs[name, command] = run
                done += 1
                if done % 100 == 0 or done == len(tasks):
                    counts = Counter(r.status for r in runs.values())
                    _log(f"  {done}/{len(tasks)} runs, {time.monotonic() - started:.0f} s: "
                         + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    # Crashes and hangs once more, after the rest: a machine busy with other work, or code edited while
    # the audit ran (an ImportError), must not pass for what the input does.
    suspects = [(name, command) for (name, command), run in runs.items() if run.status in ("crash", "hang")]
    if suspects:
        _log(f"  running the {len(suspects)} crashes and hangs a second time")
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for (name, command), (second, _) in zip(suspects, pool.map(
                    lambda nc: run_cli(env, nc[1], f"inputs/{nc[0]}"), suspects), strict=True):
                first = runs[name, command]
                same = second.status == first.status and second.mark == first.mark
                first.again = "same" if same else f"{second.status} {second.mark or ''}".strip()
    return [Result(c.name, c.kind, c.family, len(c.data), c.note, c.extras, runs[c.name, "parse"],
                   runs[c.name, "check"]) for c in cases]


SUMMARY_LINE = re.compile(r"^\d+ files?, \d+ items?, (?:no problems|\d+ problems?)$")


def run_batch(env: Env, cases: list[Case], results: list[Result], timeout: float) -> dict[str, Any]:
    child_env, home = env.child_env()
    try:
        rc, out, err, seconds, hung = run_process([env.briefing, "check", "--no-cache", "inputs"], env.work, child_env,
                                                  timeout)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    names = {c.name for c in cases}
    reported: set[str] = set()
    for line in out.splitlines():
        m = re.match(r"^inputs/([^:/]+?)(?::\d+(?::\d+)?)?: ", line)
        if m and m.group(1) in names:
            reported.add(m.group(1))
    lines = [line for line in out.splitlines() if line.strip()]
    traced = TRACEBACK in err
    single_bad = {r.name for r in results if r.check.status in ("problem", "crash", "hang", "other")}
    only_here = {}
    for line in out.splitlines():
        m = re.match(r"^inputs/([^:/]+?)(?::\d+(?::\d+)?)?: ", line)
        if m and m.group(1) in reported - single_bad:
            only_here.setdefault(m.group(1), line[:240])
    return {
        "command": "briefing check --no-cache inputs", "files": len(cases), "exit": rc, "seconds": round(seconds, 1),
        "hung": hung, "traceback": traced, "signature": signature_of(err) if traced else None,
        "files_reported": len(reported),
        "files_bad_alone": len(single_bad),
        "bad_alone_not_reported": len(single_bad - reported),
        "summary_printed": bool(lines) and bool(SUMMARY_LINE.match(lines[-1])),
        "last_line": lines[-1][:200] if lines else "",
        "reported_only_here": only_here,
    }


def tally(results: Iterable[Result], attr: str = "verdict") -> Counter[str]:
    counts: Counter[str] = Counter()
    for r in results:
        counts[r.verdict if attr == "verdict" else getattr(r, attr).status] += 1
    return counts


def _row(label: str, counts: Counter[str], total: int, extra: str = "") -> str:
    cells = " | ".join(str(counts.get(s, 0)) for s in STATUSES)
    return f"| {label} | {total} | {cells} |{extra}"


def markdown(meta: dict[str, Any], results: list[Result], signatures: list[dict[str, Any]], batch: dict[str, Any],
             dash: list[DashRun]) -> str:
    out = [f"# Fuzz audit of briefing ({meta['started']})", ""]
    out.append(f"`{meta['command']}`  ")
    out.append(f"`{meta['briefing']}` (work tree at {meta['git']}); seed {meta['seed']}, {meta['n']} inputs, "
               f"timeout {meta['timeout']:g} s, "
               f"{meta['jobs']} jobs; whole run {meta['wall_seconds'] / 60:.1f} min; load average (1 min) "
               f"{meta['load_average'][0]} at the start, {meta['load_average'][1]} at the end, on {meta['cpus']} CPUs "
               "(other work on the machine slows runs and can turn a slow one into a hang).")
    out.append("")
    total = tally(results)

    def caught(rs: list[Result]) -> int:
        return sum(r.parse.caught is not None or r.check.caught is not None for r in rs)

    out.append(f"**{len(results)} inputs: {total.get('ok', 0)} ok, {total.get('problem', 0)} problem reported, "
               f"{total.get('crash', 0)} crash, {total.get('hang', 0)} hang"
               + (f", {total['other']} other" if total.get("other") else "") + f"**; {caught(results)} of them with "
               "a caught internal error among their problems (an input's verdict is the worse of its `parse` and "
               "`check` runs; crash = traceback, signal, exit status other than 0/1 or a crash report written; other "
               "= exit 1 with no line naming the file; internal error = a problem line saying `internal error (...)` "
               "or a parse stopped at its time budget)")
    out.append("")
    out.append("| command | runs | " + " | ".join(STATUSES) + " | internal error |")
    out.append("|---|---|" + "---|" * len(STATUSES) + "---|")
    for command in ("parse", "check"):
        n_caught = sum(getattr(r, command).caught is not None for r in results)
        out.append(_row(f"`{command}`", tally(results, command), len(results), f" {n_caught} |"))
    out.append("")
    tried = [(r, run) for r in results for run in (r.parse, r.check) if run.again is not None]
    if tried:
        differ = [(r, run) for r, run in tried if run.again != "same"]
        out.append(f"Every crash and hang was run a second time: {len(tried) - len(differ)} of {len(tried)} gave the "
                   "same result" + (", these did not:" if differ else "."))
        out.append("")
        for r, run in differ:
            out.append(f"- `briefing {run.command} inputs/{r.name}`: {run.status} `{run.mark}`, then {run.again}")
        if differ:
            out.append("")
    timed = sorted(((max(r.parse.seconds, r.check.seconds), r) for r in results
                    if "hang" not in (r.parse.status, r.check.status)), key=lambda t: -t[0])
    slow = [(sec, r) for sec, r in timed if sec > meta["slow"]]
    out.append(f"Runs that finished but took over {meta['slow']:g} s: {len(slow)} inputs"
               + (", the slowest:" if slow else "."))
    out.append("")
    if slow:
        out.append("| input | kind | bytes | parse s | check s | what |")
        out.append("|---|---|---|---|---|---|")
        for _sec, r in slow[:10]:
            out.append(f"| `{r.name}` | {r.kind} | {r.bytes} | {r.parse.seconds:.1f} | {r.check.seconds:.1f} | "
                       f"{r.note[:80]} |")
        out.append("")
    out.append("## By kind")
    out.append("")
    out.append("| kind | inputs | " + " | ".join(STATUSES) + " | internal error | signatures |")
    out.append("|---|---|" + "---|" * len(STATUSES) + "---|---|")
    sig_ids = {s["signature"]: s["id"] for s in signatures}
    by_family: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_family[r.family].append(r)
    for family in FAMILY_WEIGHTS:
        fam = by_family.get(family, [])
        by_kind: dict[str, list[Result]] = defaultdict(list)
        for r in fam:
            by_kind[r.kind].append(r)
        for kind in sorted(by_kind):
            rs = by_kind[kind]
            sigs = sorted({sig_ids[run.mark] for r in rs for run in (r.parse, r.check) if run.mark},
                          key=lambda s: (s[0] == "c", int(s[1:])))
            out.append(_row(kind, tally(rs), len(rs), f" {caught(rs)} | {' '.join(sigs)} |"))
        out.append(_row(f"**{family} (all)**", tally(fam), len(fam), f" {caught(fam)} | |"))
    out.append(_row("**overall**", total, len(results), f" {caught(results)} | |"))
    out.append("")
    for is_caught, title, empty in ((False, "Crash signatures", "No crashes."),
                                 (True, "Caught internal errors",
                                  "No problem line says `internal error` or a parse over its time budget.")):
        chosen = [s for s in signatures if s["caught"] == is_caught]
        out.append(f"## {title}")
        out.append("")
        if is_caught:
            out.append("Problem lines (exit 1, no traceback) in which briefing reports an error it did not foresee, "
                       "caught by its last line of defence: not crashes, but bugs all the same.")
            out.append("")
        if not chosen:
            out.append(empty)
            out.append("")
            continue
        out.append("| id | signature | inputs | runs | " + ("" if is_caught else "same on a second try | ")
                   + "kinds | example |")
        out.append("|---|---|---|---|" + ("" if is_caught else "---|") + "---|---|")
        for s in chosen:
            kinds = ", ".join(s["kinds"][:6]) + (f" +{len(s['kinds']) - 6}" if len(s["kinds"]) > 6 else "")
            again = "" if is_caught else f"{s['same_again']} | "
            out.append(f"| {s['id']} | `{s['signature']}` | {s['inputs']} | {s['runs']} | {again}{kinds} | "
                       f"`{s['example']['file']}` |")
        out.append("")
        for s in chosen:
            ex = s["example"]
            out.append(f"**{s['id']}** `{s['signature']}`: `briefing {ex['command']} {ex['file']}` "
                       f"({ex['bytes']} bytes, shrunk from {ex['from']}, {ex['from_bytes']} bytes; {ex['note']})")
            out.append("")
            out.append("```")
            out.append(ex["preview"])
            out.append("```")
            out.append("")
    out.append("## Many files at once")
    out.append("")
    out.append(f"`{batch['command']}` on the folder of all {batch['files']} inputs: exit {batch['exit']}"
               f"{' (killed at its timeout)' if batch['hung'] else ''}, {batch['seconds']} s; "
               f"{'a traceback (' + str(batch['signature']) + ')' if batch['traceback'] else 'no traceback'}; "
               f"problems printed for {batch['files_reported']} files (alone, `check` reported, crashed or hung on "
               f"{batch['files_bad_alone']}; {batch['bad_alone_not_reported']} of those were not reported); summary "
               f"line at the end: {'yes' if batch['summary_printed'] else 'no'} (last line: `{batch['last_line']}`).")
    out.append("")
    if batch["reported_only_here"]:
        out.append("Reported in this run but not alone:")
        out.append("")
        for line in batch["reported_only_here"].values():
            out.append(f"- `{line}`")
        out.append("")
    if dash:
        out.append("## Dashboard")
        out.append("")
        out.append("Launches in tmux (120x40); ok = exit 0 after `q`; caught = exit 0 after `q` but an internal error "
                   "was shown or a crash report written; crash = ended by itself, non-zero status or a traceback on "
                   f"the screen; hang = no exit within {QUIT_GRACE:g} s of `q` (or nothing on the screen in time).")
        out.append("")
        out.append("| launches | count | ok | caught | crash | hang |")
        out.append("|---|---|---|---|---|---|")
        for label in dict.fromkeys(d.label for d in dash):
            counts = Counter(d.status for d in dash if d.label == label)
            out.append(f"| {label} | {sum(counts.values())} | "
                       + " | ".join(str(counts.get(s, 0)) for s in ("ok", "caught", "crash", "hang")) + " |")
        out.append("")
        out.append("| what | kind | input | result | exit | seconds | note | signature | second try |")
        out.append("|---|---|---|---|---|---|---|---|---|")
        for d in dash:
            out.append(f"| {d.label} | {d.kind} | `{d.input}` | {d.status} | {d.exit} | {d.seconds} | {d.note} | "
                       f"{'`' + d.signature + '`' if d.signature else ''} | {d.again or ''} |")
        out.append("")
    if meta.get("canary"):
        out.append("**The canary file exists: a `!!python/...` tag was executed.**")
        out.append("")
    out.append(f"Inputs: `{meta['inputs']}`{' (removed at the end)' if not meta['kept'] else ''}; "
               f"examples: `{meta['examples']}`.")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0],
                                     formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="inputs to generate (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per run before it counts as a hang")
    parser.add_argument("--jobs", type=int, default=2, help="runs at a time")
    parser.add_argument("--dashboard", action="store_true",
                        help="also launch the dashboard in tmux (see the module docstring)")
    parser.add_argument("--dashboard-every-kind", action="store_true",
                        help="with --dashboard, also launch it on the smallest input of every kind that did not crash")
    parser.add_argument("--config-per-kind", type=int, default=2, help="config inputs per kind with --dashboard")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="write inputs and examples here and keep them")
    parser.add_argument("--report", type=Path, metavar="FILE", help="write the summary and every result as JSON")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the Markdown summary here")
    parser.add_argument("--batch-timeout", type=float, help="seconds for the one run over all inputs "
                        "(default: 120 plus the single `check` runs' total)")
    parser.add_argument("--slow", type=float, default=5.0, help="list runs that took longer than this (seconds)")
    parser.add_argument("--shrink-budget", type=int, default=80, help="runs spent shrinking each crash example")
    parser.add_argument("--memory-mb", type=int, default=4096, help="address-space limit of every child (0: none)")
    parser.add_argument("--briefing", default=None, help="the briefing program (default: beside this Python)")
    args = parser.parse_args(argv)

    briefing = args.briefing or str(Path(sys.executable).parent / "briefing")
    if not Path(briefing).exists():
        briefing = shutil.which("briefing") or ""
    if not briefing:
        parser.error("no briefing program found; pass --briefing")
    if args.dashboard and shutil.which("tmux") is None:
        parser.error("--dashboard needs tmux")
    if args.memory_mb:
        limit = args.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))  # inherited by every child

    started = time.monotonic()
    load_before = os.getloadavg()[0]
    if args.keep:
        work = args.keep.resolve()
        if (work / "inputs").exists():
            shutil.rmtree(work / "inputs")
        for sub in ("examples", "configs"):
            if (work / sub).exists():
                shutil.rmtree(work / sub)
        work.mkdir(parents=True, exist_ok=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="fuzz-audit-"))
    scratch = Path(tempfile.mkdtemp(prefix="scratch-", dir=work))
    (work / "inputs").mkdir()
    (work / "examples").mkdir()
    canary = work / "canary"
    canary.unlink(missing_ok=True)
    env = Env(briefing, work, args.timeout, scratch)
    git = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True, text=True,
                         check=False).stdout.strip() or "?"

    try:
        _log(f"generating {args.n} inputs (seed {args.seed}) in {work / 'inputs'}")
        cases = generate(args.n, args.seed, str(canary))
        for case in cases:
            (work / "inputs" / case.name).write_bytes(case.data)
        _log(f"running parse and check on each ({args.jobs} at a time, timeout {args.timeout:g} s)")
        results = run_all(env, cases, args.jobs)

        batch_timeout = args.batch_timeout or 120 + sum(r.check.seconds for r in results)
        _log(f"one check over the whole folder (timeout {batch_timeout:.0f} s)")
        batch = run_batch(env, cases, results, batch_timeout)

        signatures = collect_signatures(env, cases, results, args.shrink_budget, args.jobs)

        dash: list[DashRun] = []
        if args.dashboard:
            dash = run_dashboards(env, cases, results, args)

        wall = time.monotonic() - started
        meta = {"started": time.strftime("%Y-%m-%d %H:%M"), "git": git, "seed": args.seed, "n": args.n,
                "timeout": args.timeout, "jobs": args.jobs, "wall_seconds": round(wall, 1),
                "command": "python benchmarks/fuzz_audit.py " + " ".join(argv if argv is not None else sys.argv[1:]),
                "briefing": briefing, "inputs": str(work / "inputs"), "examples": str(work / "examples"),
                "kept": bool(args.keep), "canary": canary.exists(), "slow": args.slow,
                "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)], "cpus": os.cpu_count()}
        text = markdown(meta, results, signatures, batch, dash)
        sys.stdout.write(text)
        if args.markdown:
            args.markdown.write_text(text, encoding="utf-8")
        if args.report:
            report = {"meta": meta, "markdown": text, "batch": batch, "signatures": signatures,
                      "totals": dict(tally(results)),
                      "by_kind": {k: dict(tally([r for r in results if r.kind == k]))
                                  for k in sorted({r.kind for r in results})},
                      "results": [{**asdict(r), "verdict": r.verdict} for r in results],
                      "dashboard": [asdict(d) for d in dash]}
            args.report.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
        _log(f"done in {wall / 60:.1f} min")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def collect_signatures(env: Env, cases: list[Case], results: list[Result], budget: int,
                       jobs: int) -> list[dict[str, Any]]:
    """Distinct crash signatures (ids s1, s2...) and caught internal errors (c1, c2...), most inputs
    first, each with a shrunk example."""
    by_name = {c.name: c for c in cases}
    found: dict[str, dict[str, Any]] = {}
    for r in results:
        for run in (r.parse, r.check):
            if run.mark is None:
                continue
            entry = found.setdefault(run.mark, {"signature": run.mark, "caught": run.signature is None,
                                                "inputs": set(), "runs": 0, "kinds": Counter(), "candidates": []})
            entry["runs"] += 1
            entry["same_again"] = entry.get("same_again", 0) + (run.again == "same")
            if r.name not in entry["inputs"]:
                entry["inputs"].add(r.name)
                entry["kinds"][r.kind] += 1
            entry["candidates"].append((r.bytes, r.name, run.command))
    ordered = sorted(found.values(), key=lambda e: (e["caught"], -len(e["inputs"]), e["signature"]))
    numbers: Counter[bool] = Counter()
    ids = []
    for entry in ordered:
        numbers[entry["caught"]] += 1
        ids.append(f"{'c' if entry['caught'] else 's'}{numbers[entry['caught']]}")
    _log(f"shrinking an example for each of {len(ordered)} crash and caught-error signatures")

    def one(sig_id: str, entry: dict[str, Any]) -> dict[str, Any]:
        size, name, command = min(entry["candidates"])
        case = by_name[name]
        data, runs = shrink(env, case, command, entry["signature"], budget) if budget else (case.data, 0)
        example = env.work / "examples" / f"{sig_id}-{case.name}"
        example.write_bytes(data)
        return {
            "id": sig_id, "signature": entry["signature"], "caught": entry["caught"], "inputs": len(entry["inputs"]),
            "runs": entry["runs"], "same_again": entry["same_again"],
            "kinds": [k for k, _ in entry["kinds"].most_common()],
            "example": {"file": os.path.relpath(example, env.work), "path": str(example), "command": command,
                        "bytes": len(data), "from": name, "from_bytes": size, "note": case.note[:200],
                        "shrink_runs": runs, "preview": preview(data),
                        "text": data[:20_000].decode("utf-8", "backslashreplace")},
        }

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(lambda pair: one(*pair), zip(ids, ordered, strict=True)))


def run_dashboards(env: Env, cases: list[Case], results: list[Result], args: argparse.Namespace) -> list[DashRun]:
    tmux = Tmux(env.scratch)
    dash: list[DashRun] = []
    try:
        crashing: dict[str, Result] = {}
        smallest: dict[str, Result] = {}
        for r in sorted(results, key=lambda r: r.bytes):
            if r.verdict == "crash" and r.kind not in crashing:
                crashing[r.kind] = r
            smallest.setdefault(r.kind, r)
        plan: list[tuple[str, str, list[str], str]] = [("crashing kind", kind, [f"inputs/{r.name}"], "")
                                                       for kind, r in sorted(crashing.items())]
        if args.dashboard_every_kind:
            plan += [("every kind", kind, [f"inputs/{r.name}"], "") for kind, r in sorted(smallest.items())
                     if kind not in crashing]
        configs = generate_configs(args.config_per_kind, args.seed, str(env.work / "canary"))
        (env.work / "configs").mkdir(exist_ok=True)
        article = env.work / "configs" / "article.txt"
        article.write_text("Kim Jong Un says 11,000 troops in Kursk\n\nPYONGYANG, North Korea \u2013 Kim Jong Un said "
                           "11,000 troops had been sent to Kursk, KCNA reported. Revenue rose by $5m.\n\n"
                           "\u201cWe will not stop,\u201d Kim Jong Un told reporters.\n", encoding="utf-8")
        for case in configs:
            (env.work / "configs" / case.name).write_bytes(case.data)
            plan.append(("config", case.kind, ["--config", f"configs/{case.name}", "configs/article.txt"], ""))
        plan.append(("all inputs, q once loaded", "folder", ["inputs"], "loaded"))
        plan.append(("all inputs, q while loading", "folder", ["inputs"], "early"))
        _log(f"dashboard: {len(plan)} launches in tmux")
        for n, (label, kind, dash_args, mode) in enumerate(plan):
            options: dict[str, Any] = {"quit_while_loading": mode == "early",
                                       "load_wait": max(args.timeout, 300.0) if mode == "loaded" else None}
            run = run_dashboard(tmux, env, label, kind, dash_args, n, **options)
            if run.status != "ok":
                second = run_dashboard(tmux, env, label, kind, dash_args, n + len(plan), **options)
                same = second.status == run.status and second.signature == run.signature
                run.again = "same" if same else f"{second.status} {second.signature or ''}".strip()
            dash.append(run)
            if run.status != "ok":
                _log(f"  dashboard {kind} {' '.join(dash_args)}: {run.status} {run.note} {run.signature or ''}")
    finally:
        tmux.close()
    return dash


if __name__ == "__main__":
    sys.exit(main())
