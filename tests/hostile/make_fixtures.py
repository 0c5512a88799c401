"""Write the hostile-input catalogue (issue 7) into a folder: every file a colleague or the web could send.

Importable (``build(folder)``) for the tests, and a script for looking at the files by hand:

    python tests/hostile/make_fixtures.py /tmp/hostile [--many N]

Layout of ``folder`` (the returned dict maps a fixture name to its path):

- ``set/``     the catalogue proper: markup, terminal control, bytes, YAML and path fixtures, every one
               small enough to load well inside the 2 s bound. The dashboard and tmux tests open it.
- ``slow/``    the two byte fixtures that are big on purpose: a single 10 MB line and 20,000-long
               regex-hostile runs (kept apart so they cannot slow every other test down).
- ``many/``    a folder of ``many`` (20,000) small articles.
- ``raw/``     file names that are not UTF-8 at all.
- ``config.yaml``  settings with markup and escapes in keyword names.
- ``canary``   never created: the ``!!python/object`` fixtures would create it if they ever ran.

Nothing here is committed: the big files are generated at test time into temporary folders.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

URL = "https://evil.example/osc8-planted"
# Exact escape payloads planted in files; none may reach the terminal or any output.
PAYLOADS: dict[str, str] = {
    "csi_clear": "\x1b[2J",
    "csi_home": "\x1b[H",
    "csi_move": "\x1b[7;13H",
    "csi_up": "\x1b[3A",
    "csi_sgr": "\x1b[5;31m",
    "osc0_title": "\x1b]0;PWNED-TITLE-0\x07",
    "osc2_title": "\x1b]2;PWNED-TITLE-2\x1b\\",
    "osc8_link": f"\x1b]8;;{URL}\x1b\\click-here\x1b]8;;\x1b\\",
    "osc52_clipboard": "\x1b]52;c;cHduZWQgY2xpcGJvYXJk\x07",
    "dcs": "\x1bP+q544e\x1b\\",
    "c1_csi": "\x9b2J",
    "c1_osc": "\x9d0;PWNED-C1-TITLE\x9c",
    "bel": "\x07",
    "backspace": "ab\x08\x08XY",
    "bidi_override": "\u202eevil\u202c",
    "bidi_isolate": "\u2066iso\u2069",
    "zero_width": "z\u200bw\u200d\u2060j\ufeff",
}
# Text that must never show on screen: it lives only inside an escape sequence.
HIDDEN = ("PWNED-TITLE-0", "PWNED-TITLE-2", "PWNED-C1-TITLE", "cHduZWQgY2xpcGJvYXJk")
ALL_PAYLOADS = "".join(f" <{name}>{payload}" for name, payload in PAYLOADS.items())

# Rich/Textual markup that must show literally (and never act).
MARKUP = "[bold red]LOUD[/] [@click=app.quit]QUIT[/] [link=https://evil.example/markup]LINK[/link] [/] [b"
MARKUP_TITLE = "Markup title [bold red]LOUD[/] [@click=app.quit]QUIT[/]"
MARKUP_FILE_NAME = "[@click=app.quit]named [b].txt"

# What each fixture must give: "load" (items, no problem), "report" (a problem, FILE[:LINE]: message,
# and no item), "both" (the good items of the file and a problem for each bad one), or "either".
# Keys are the names ``build`` returns.
EXPECT: dict[str, str] = {}


def _put(out: dict[str, Path], name: str, path: Path, expect: str, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if path.exists() and not path.is_symlink():
        path.chmod(0o644)
    path.write_bytes(data)
    out[name] = path
    EXPECT[name] = expect
    return path


def _yaml_dq(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (escapes for every control and non-ASCII character)."""
    out = []
    for ch in text:
        o = ord(ch)
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif o < 0x20 or 0x7F <= o <= 0x9F:
            out.append(f"\\x{o:02x}")
        elif o > 0x7E:
            out.append(f"\\u{o:04x}" if o <= 0xFFFF else f"\\U{o:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _yaml_sq(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# ------------------------------------------------------------------ markup


def _markup(set_dir: Path, out: dict[str, Path]) -> None:
    d = set_dir / "markup"
    _put(out, "markup/article.txt", d / "article.txt", "load",
         f"{MARKUP_TITLE}\n\n"
         f"SEOUL – Body {MARKUP} said the minister.\n\n"
         f'"We will not stop [bold]now[/bold]," said John Smith [/], the [@click=app.quit]envoy.\n\n'
         "RELATED STORIES\n[@click=app.quit]Related [b]story\n")
    _put(out, "markup/article.md", d / "article.md", "load",
         "# Markdown [bold red]LOUD[/] heading\n\n"
         "Text with [[@click=app.quit]QUIT](https://evil.example/md) and [link=https://evil.example]x[/link].\n")
    _put(out, "markup/article.html", d / "article.html", "load",
         "<html><head><title>HTML [bold red]LOUD[/] [@click=app.quit]QUIT[/]</title></head><body><article>"
         "<h1>HTML [bold red]LOUD[/] [@click=app.quit]QUIT[/]</h1>"
         f"<p>First paragraph {MARKUP} of a long enough article body to be kept by the extractor.</p>"
         "<p>\u201cWe are ready [/]\u201d, said Kim Jong Un [b] in Pyongyang on Tuesday, the agency said.</p>"
         "</article></body></html>\n")
    _put(out, "markup/items.yaml", d / "items.yaml", "load",
         f"title: {_yaml_sq('YAML ' + MARKUP)}\n"
         "dateline: '[@click=app.quit]PARIS'\n"
         "tags: ['[b]tag', '[/]']\n"
         f"body:\n  - {_yaml_sq('Body ' + MARKUP + ' words [i]quoted words here[/i] end')}\n"
         "actors:\n  - {name: '[@click=app.quit]Evil Corp', type: organization}\n"
         "quotes:\n  - {text: '[i]quoted words here[/i]', speaker: '[@click=app.quit]Evil Corp'}\n"
         "figures:\n  - {text: '[b]', value: 1, unit: '[@click=app.quit]u'}\n"
         "related:\n  - {title: '[@click=app.quit]Related [b]', url: 'https://evil.example/[x]'}\n")
    _put(out, "markup/file-name", d / MARKUP_FILE_NAME, "load", "A title\n\nA body that is named with markup.\n")
    _put(out, "markup/broken [@click=app.quit].yaml", d / "broken [@click=app.quit][/].yaml", "report",
         "title: [unclosed\n")


# ------------------------------------------------------------------ terminal control


def _control(set_dir: Path, out: dict[str, Path]) -> None:
    d = set_dir / "control"
    p = PAYLOADS
    _put(out, "control/article.txt", d / "article.txt", "load",
         f"Control title{ALL_PAYLOADS}\n\n"
         f"TAIPEI{p['osc52_clipboard']}, Taiwan – Body paragraph{ALL_PAYLOADS} ends here.\n\n"
         f'"We will act{p["osc0_title"]} now," said John{p["csi_clear"]} Smith{p["bidi_override"]}.\n\n'
         f"Officials said 1{p['c1_csi']}2,000 troops{p['dcs']} had moved{p['backspace']}.\n\n"
         f"RELATED STORIES\nRelated {p['osc8_link']} headline\nAnother{p['osc2_title']} story\n")
    _put(out, "control/article.md", d / "article.md", "load",
         f"# Markdown control{ALL_PAYLOADS}\n\nA paragraph [link{p['osc8_link']}]({URL}) and{ALL_PAYLOADS}.\n")
    _put(out, "control/article.html", d / "article.html", "load",
         f"<html><head><title>HTML control{ALL_PAYLOADS}</title></head><body><article>"
         f"<h1>HTML control{ALL_PAYLOADS}</h1>"
         f"<p>First paragraph{ALL_PAYLOADS} of a long enough article body for the extractor to keep it.</p>"
         f"<p>\u201cWe are ready{p['osc52_clipboard']}\u201d, said Kim{p['c1_osc']} Jong Un in Pyongyang.</p>"
         f'<p><a href="{URL}">Related{p["osc8_link"]}</a></p>'
         "</article></body></html>\n")
    fields = ("id", "title", "dateline", "source")
    lines = [f"{f}: {_yaml_dq(f.upper() + ALL_PAYLOADS)}" for f in fields]
    lines += [
        f"tags: [{_yaml_dq('tag' + ALL_PAYLOADS)}]",
        f"body:\n  - {_yaml_dq('Body one' + ALL_PAYLOADS + ' quoted words end')}\n  - {_yaml_dq('Body two')}",
        f"actors:\n  - {{name: {_yaml_dq('Evil' + p['osc52_clipboard'] + ' Corp')}, type: organization, "
        f"aliases: [{_yaml_dq('EC' + p['csi_clear'])}]}}",
        f"quotes:\n  - {{text: {_yaml_dq('quoted words')}, speaker: {_yaml_dq('Evil Corp')}, "
        f"speaker_description: {_yaml_dq('desc' + ALL_PAYLOADS)}}}",
        f"figures:\n  - {{text: {_yaml_dq('one')}, value: 1, unit: {_yaml_dq('u' + p['osc0_title'])}}}",
        f"related:\n  - {{title: {_yaml_dq('Related' + ALL_PAYLOADS)}, url: {_yaml_dq(URL + p['osc8_link'])}}}",
        f"places:\n  - {_yaml_dq('Place' + p['bidi_override'])}",
    ]
    _put(out, "control/items.yaml", d / "items.yaml", "load", "\n".join(lines) + "\n")
    # Raw control bytes inside a YAML file (not escapes): the loader must still read it.
    _put(out, "control/raw.yaml", d / "raw.yaml", "load",
         f"title: Raw control{ALL_PAYLOADS}\nbody: Raw body{ALL_PAYLOADS} end\n")
    # A YAML error whose message would quote the hostile bytes back.
    _put(out, "control/error.yaml", d / "error.yaml", "report",
         f"title: fine\nqoutes{p['osc52_clipboard']}{p['c1_osc']}: [x]\ntitle{p['csi_clear']}: again\n")
    # Latin-1 (a cp1252 hole byte forces it): raw 0x9b / 0x9d bytes decode to C1 CSI / OSC.
    _put(out, "control/latin1-c1.txt", d / "latin1-c1.txt", "load",
         b"Latin-1 C1 title \x9b2J \x9d0;PWNED-C1-TITLE\x9c end \x81\n\nCaf\xe9 body \x9b5;5H with C1 \x9b"
         b"31m bytes.\n")


# ------------------------------------------------------------------ bytes


def _bytes(set_dir: Path, slow_dir: Path, out: dict[str, Path]) -> None:
    d = set_dir / "bytes"
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    _put(out, "bytes/binary.txt", d / "binary.txt", "report", png)
    _put(out, "bytes/binary.yaml", d / "binary.yaml", "report", png)
    _put(out, "bytes/binary.html", d / "binary.html", "report", b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 16)
    _put(out, "bytes/invalid-utf8.txt", d / "invalid-utf8.txt", "load",
         b"Invalid UTF-8 title\n\nBody \xff\xfe\xc3\x28 \xe2\x82 bytes \xf0\x28\x8c\x28 here.\n")
    _put(out, "bytes/invalid-utf8.yaml", d / "invalid-utf8.yaml", "either",
         b"title: Invalid \xff\xfe\xc3\x28 bytes\nbody: text\n")
    text = "UTF-16 title\n\nKim Jong Un said 11,000 troops were in Kursk – caf\u00e9 \u201cquoted\u201d.\n"
    for name, enc in (("utf16-bom", "utf-16"), ("utf16le-nobom", "utf-16-le"), ("utf16be-nobom", "utf-16-be")):
        _put(out, f"bytes/{name}.txt", d / f"{name}.txt", "load", text.replace("title", name).encode(enc))
    _put(out, "bytes/utf16-bom.yaml", d / "utf16-bom.yaml", "load",
         "title: UTF-16 YAML caf\u00e9\nbody: text\n".encode("utf-16"))
    _put(out, "bytes/cp1252.txt", d / "cp1252.txt", "load",
         "cp1252 title \u2013 caf\u00e9\n\n\u201cQuoted,\u201d said Jos\u00e9 M\u00fcller \u2013 \u20ac5 million.\n"
         .encode("cp1252"))
    _put(out, "bytes/empty.txt", d / "empty.txt", "report", b"")
    _put(out, "bytes/empty.yaml", d / "empty.yaml", "report", b"")
    _put(out, "bytes/empty.html", d / "empty.html", "report", b"")
    _put(out, "bytes/whitespace.txt", d / "whitespace.txt", "report", b" \n\t\n   \r\n\n  ")
    _put(out, "bytes/whitespace.yaml", d / "whitespace.yaml", "report", b"  \n\n\t\n")
    # loads, and says that extraction read only the first part of its 200,000 characters
    _put(out, "bytes/unclosed-quote.txt", d / "unclosed-quote.txt", "both",
         'Unclosed quotation\n\nSEOUL – The minister said "' + ("word " * 40_000)[:200_000] + "\n")
    runs = ['"' * 2_000, "'" * 2_000, "\u201c" * 2_000, "1" * 2_000, "." * 2_000, "1." * 1_000, "1," * 1_000,
            "." * 500 + "1" * 500 + '"' * 500, "$" + "9" * 1_000 + "%", "Mr." * 500, '"." ' * 500]
    _put(out, "bytes/regex-hostile.txt", d / "regex-hostile.txt", "load",
         "Regex-hostile runs\n\n" + "\n\n".join(f"Run {i}: {r} end." for i, r in enumerate(runs)) + "\n")
    _put(out, "bytes/related-5000.txt", d / "related-5000.txt", "load",
         "Five thousand related stories\n\nSEOUL – A short body said Kim Jong Un.\n\nRELATED STORIES\n"
         + "".join(f"Related story number {i} about Seoul\n" for i in range(5_000)))
    wide = "\u6f22\u5b57\u304b\u306a\u30ab\u30ca\ud55c\uad6d\uc5b4" * 300
    emoji = "\U0001f600\U0001f4a5\U0001f1f0\U0001f1f7\U0001f468\u200d\U0001f469\u200d\U0001f467" * 300
    _put(out, "bytes/wide.txt", d / "wide.txt", "load",
         f"\u5bbd\u6807\u9898 {wide[:200]} {emoji[:100]}\n\n{wide}\n\n{emoji}\n\n\u201c{wide[:500]}\u201d said Kim.\n")
    _put(out, "bytes/wide.yaml", d / "wide.yaml", "load",
         f"title: {_yaml_dq(wide[:300] + emoji[:50])}\nbody: {_yaml_dq(wide + emoji)}\n"
         f"actors: [{_yaml_dq(wide[:40])}]\n")
    # The big ones, outside the set.
    sentence = "The minister said 1,234 troops moved. "
    _put(out, "slow/long-line.txt", slow_dir / "long-line.txt", "either",
         (sentence * (10_000_000 // len(sentence) + 1))[:10_000_000])
    _put(out, "slow/regex-runs.txt", slow_dir / "regex-runs.txt", "either",
         "Long regex-hostile runs\n\n" + "\n\n".join(f"Run: {c * 20_000} end." for c in ('"', "1", ".")) + "\n")


# ------------------------------------------------------------------ YAML


def _yaml(set_dir: Path, canary: Path, out: dict[str, Path]) -> None:
    d = set_dir / "yaml"
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    _put(out, "yaml/alias-bomb.yaml", d / "alias-bomb.yaml", "report", "\n".join(bomb) + "\ntitle: *i\n")
    # The bomb inside one item of several: the good item before it still loads, or the file is refused.
    levels = ["      - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"      - &{n} [{', '.join([f'*{p}'] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi", strict=True)]
    _put(out, "yaml/alias-bomb-items.yaml", d / "alias-bomb-items.yaml", "both",
         "items:\n  - {title: good item before the bomb, body: kept}\n  - title: bomb\n    tags:\n"
         + "\n".join(levels) + "\n    body: *i\n")
    cmd = f"touch {canary}"
    _put(out, "yaml/python-object.yaml", d / "python-object.yaml", "report",
         f'title: !!python/object/apply:os.system ["{cmd}"]\nbody: text\n')
    _put(out, "yaml/python-object-root.yaml", d / "python-object-root.yaml", "report",
         f'!!python/object/apply:os.system ["{cmd}"]\n')
    _put(out, "yaml/python-object-map.yaml", d / "python-object-map.yaml", "report",
         f"!!python/object/new:subprocess.Popen\nargs: [[sh, -c, '{cmd}']]\n")
    _put(out, "yaml/python-name.yaml", d / "python-name.yaml", "report", "title: !!python/name:os.system\n")
    _put(out, "yaml/unsafe-tags.yaml", d / "unsafe-tags.yaml", "both",
         "items:\n  - {title: ok item, body: kept}\n  - {title: !!set {a, b}}\n  - {title: !evil x}\n"
         "  - !!omap [{title: x}]\n  - {title: !!binary aGVsbG8=}\n"
         f"  - {{title: !!python/object/apply:os.system [\"{cmd}\"]}}\n")
    depth = 10_000
    _put(out, "yaml/deep-flow.yaml", d / "deep-flow.yaml", "report", "title: " + "[" * depth + "]" * depth + "\n")
    _put(out, "yaml/deep-block.yaml", d / "deep-block.yaml", "report", "title:\n  " + "- " * depth + "x\n")
    _put(out, "yaml/deep-map-flow.yaml", d / "deep-map-flow.yaml", "report", "{a: " * depth + "1" + "}" * depth + "\n")
    _put(out, "yaml/duplicate-keys.yaml", d / "duplicate-keys.yaml", "both",
         "items:\n  - title: first\n    title: again\n  - {title: kept, body: fine}\n")
    _put(out, "yaml/duplicate-items.yaml", d / "duplicate-items.yaml", "report", "items: []\nitems: [{title: x}]\n")
    wrong = [
        "title: [a, list]", "title: {a: map}", "body: {a: map}", "body: 12", "tags: text", "tags: [[nested]]",
        "actors: text", "actors: [{name: [x]}]", "actors: [{name: X, type: dragon}]", "quotes: 5",
        "quotes: [{text: [x]}]", "quotes: [{text: q, kind: shout}]", "figures: [{text: f, value: many}]",
        "figures: [{text: f, approx: sometimes}]", "figures: [{text: f, span: [a, b]}]", "related: [[x]]",
        "related: [{title: t, url: 5}]", "places: {a: 1}", "date: [2024]", "id: [x]", "qoutes: []",
        "title: .nan", "figures: [{text: f, value: .inf}]", "span: 1", "body: [1, 2]",
    ]
    wrong_yaml = "items:\n  - {title: good item, body: kept}\n" + "".join(f"  - {{{w}}}\n" for w in wrong)
    _put(out, "yaml/wrong-types.yaml", d / "wrong-types.yaml", "both", wrong_yaml)
    _put(out, "yaml/syntax-error.yaml", d / "syntax-error.yaml", "report", "title: ok\nbody: [unclosed\n  - x: : y\n")
    _put(out, "yaml/tab-indent.yaml", d / "tab-indent.yaml", "report", "title: ok\n\tbody: tab\n")
    _put(out, "yaml/scalar.yaml", d / "scalar.yaml", "report", "just a string\n")
    _put(out, "yaml/number.yaml", d / "number.yaml", "report", "42\n")
    _put(out, "yaml/list.yaml", d / "list.yaml", "report", "- title: a\n- title: b\n")
    _put(out, "yaml/items-scalar.yaml", d / "items-scalar.yaml", "report", "items: 5\n")
    _put(out, "yaml/items-mapping.yaml", d / "items-mapping.yaml", "report", "items: {title: x}\n")
    _put(out, "yaml/items-of-scalars.yaml", d / "items-of-scalars.yaml", "report", "items: [1, text, null, [x]]\n")
    _put(out, "yaml/items-and-more.yaml", d / "items-and-more.yaml", "report", "title: x\nitems: [{title: y}]\n")
    _put(out, "yaml/null.yaml", d / "null.yaml", "report", "~\n")
    _put(out, "yaml/multi-doc.yaml", d / "multi-doc.yaml", "report", "title: one\n---\ntitle: two\n---\ntitle: 3\n")
    _put(out, "yaml/merge-key.yaml", d / "merge-key.yaml", "report", "base: &b {title: x}\n<<: *b\n")
    _put(out, "yaml/non-string-keys.yaml", d / "non-string-keys.yaml", "report",
         "? [a, b]\n: value\n1: one\nnull: none\n")
    _put(out, "yaml/good.yaml", d / "good.yaml", "load", "title: A good YAML item\nbody: Plain words.\n")


# ------------------------------------------------------------------ paths


HOSTILE_NAMES = {
    "paths/name-newline": "new\nline.txt",
    "paths/name-osc0": "title\x1b]0;NAME-TITLE\x07.txt",  # shown escaped, so not one of HIDDEN
    "paths/name-csi": "clear\x1b[2J\x1b[H.txt",
    "paths/name-c1": "c1\x9b2J.txt",
    "paths/name-bidi": "bidi\u202etxt.exe\u202c.txt",
    "paths/name-bel": "bel\x07\x08.txt",
}


def _paths(set_dir: Path, out: dict[str, Path]) -> None:
    d = set_dir / "paths"
    loop = d / "loop"
    _put(out, "paths/loop/inside.txt", loop / "inside.txt", "load", "Inside a loop\n\nA body inside a symlink loop.\n")
    (loop / "sub").mkdir(parents=True, exist_ok=True)
    for link, target in ((loop / "self", "."), (loop / "up", "../loop/sub"), (loop / "sub" / "back", "..")):
        if not link.is_symlink():
            link.symlink_to(target, target_is_directory=True)
    dangling = d / "dangling.txt"
    if not dangling.is_symlink():
        dangling.symlink_to("no-such-target.txt")
    out["paths/dangling.txt"] = dangling
    EXPECT["paths/dangling.txt"] = "report"
    unreadable = _put(out, "paths/unreadable.txt", d / "unreadable.txt", "report",
                      "Unreadable\n\nNobody can read this file.\n")
    unreadable.chmod(0)
    if os.access(unreadable, os.R_OK):  # root reads anything: then it simply loads
        EXPECT["paths/unreadable.txt"] = "load"
    fifo = d / "fifo.txt"
    if not fifo.exists():
        os.mkfifo(fifo)
    out["paths/fifo.txt"] = fifo
    EXPECT["paths/fifo.txt"] = "report"
    folder_txt = d / "folder.txt"
    folder_txt.mkdir(exist_ok=True)
    _put(out, "paths/folder.txt/inner.txt", folder_txt / "inner.txt", "load",
         "Inner\n\nA file in a folder named .txt.\n")
    for name, file_name in HOSTILE_NAMES.items():
        _put(out, name, d / "names" / file_name, "load", f"Hostile name {name[6:]}\n\nA body for {name[6:]}.\n")
        # The same names on files that fail, so the names appear in problem reports.
        _put(out, name + "-empty", d / "names-failing" / file_name, "report", b"")
        bad_yaml = d / "names-failing" / (file_name[:-4] + ".yaml")
        _put(out, name + "-bad.yaml", bad_yaml, "report", "title: [\n")


def _raw_names(raw_dir: Path, out: dict[str, Path]) -> None:
    """Names that are not UTF-8 at all (bytes on disk, surrogate escapes in Python); kept out of ``set/``."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    for name, raw, data in (("raw/name-invalid-utf8.txt", b"raw\xff\xfe\x1b[31m.txt", b"Raw name\n\nA body.\n"),
                            ("raw/name-invalid-utf8-empty.txt", b"empty\xff\x9b2J.txt", b"")):
        path = os.fsencode(raw_dir) + b"/" + raw
        with open(path, "wb") as fh:
            fh.write(data)
        out[name] = Path(os.fsdecode(path))
        EXPECT[name] = "load" if data else "report"


def _many(many_dir: Path, n: int, out: dict[str, Path]) -> None:
    many_dir.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (many_dir / f"a{i:05d}.txt").write_bytes(b"Item %d\n\nOfficials said %d people came.\n" % (i, i))
    out["many"] = many_dir


def _config(folder: Path, out: dict[str, Path]) -> None:
    p = PAYLOADS
    _put(out, "config.yaml", folder / "config.yaml", "config",
         "keywords:\n"
         "  - {key: '1', name: '[@click=app.quit]Evil [b]', terms: ['[bold]', Seoul]}\n"
         f"  - {{key: '2', name: {_yaml_dq('Esc' + p['osc52_clipboard'] + p['osc0_title'] + ' kw')}, "
         "terms: ['/(a+)+$/', Kim]}\n")


def build(folder: Path, *, many: int = 20_000, slow: bool = True) -> dict[str, Path]:
    """Write every catalogue fixture under ``folder``; return fixture name -> path (see the module doc)."""
    folder = Path(folder)
    out: dict[str, Path] = {}
    set_dir, slow_dir = folder / "set", folder / "slow"
    canary = folder / "canary"
    _markup(set_dir, out)
    _control(set_dir, out)
    _bytes(set_dir, slow_dir, out)
    if not slow:
        for name in ("slow/long-line.txt", "slow/regex-runs.txt"):
            out.pop(name).unlink()
    _yaml(set_dir, canary, out)
    _paths(set_dir, out)
    _config(folder, out)
    _raw_names(folder / "raw", out)
    if many:
        _many(folder / "many", many, out)
    out["set"], out["canary"], out["raw"] = set_dir, canary, folder / "raw"
    if slow:
        out["slow"] = slow_dir
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the hostile-input fixtures (issue 7) into FOLDER.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--many", type=int, default=20_000, help="files in many/ (default 20,000; 0 for none)")
    parser.add_argument("--no-slow", action="store_true", help="skip the 10 MB line and the long regex runs")
    args = parser.parse_args(argv)
    made = build(args.folder, many=args.many, slow=not args.no_slow)
    for name, path in sorted(made.items()):
        print(f"{name}\t{os.fsencode(path)!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
