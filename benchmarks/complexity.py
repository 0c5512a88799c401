"""Does the parser's time grow in step with its input (issue 22)? Cold parses of adversarial paragraphs at three sizes.

    python benchmarks/complexity.py [--python PATH] [--sizes LIST] [--runs N] [--families 'quotes-*,news']
                                    [--timeout S] [--markdown FILE] [--json FILE] [--keep DIR] [--list]

Why
---
Every extractor walks a paragraph's tokens and at some of them looks back or ahead: through a
list of numbers, along a capitalised run, over the quotation marks, across every actor's name. A
look-back that is not bounded makes one long paragraph of the right tokens cost the square of its
length, and a hostile or merely odd file (a table dumped as one line, a list of figures, a
transcript in capitals) then takes minutes. The example tests cannot see that, and must not time
anything; this script measures it, on a quiet machine, before and after a change.

What it does
------------
1. Builds the inputs in a temp folder (``--keep DIR`` writes and keeps them there): for every
   family of ``tests/token_soup.py`` (number lists, conjunction chains, capitalised runs,
   initials, honorifics, quotation marks of every kind, brackets, dashes, dates, money, units,
   names, reporting verbs, transcripts, runs without a sentence end, ...) and every size of
   ``--sizes``, a ``.txt`` file of a headline line, a blank line and one paragraph of that many
   bytes, the same in every run (``--seed``). Then two real documents: the longest BBC articles of
   ``../shared/corpus/bbc`` (the reserved ones left out) one after another, to each size of
   ``--news-sizes``; and the page of ``tests/hostile/breakers.py`` whose one ``<p>`` carries
   ``PAGE_ATTRIBUTES`` attributes, as ``.html``.
2. Parses each file cold in a fresh interpreter (``--python``, so the same script measures the
   install before a change and the one after it), with
   ``briefing_tui.loading.articles.parse_article_file``, the entry point of every article format.
   The child imports the parser, parses a small article of the same format untimed (so the word
   lists are read and the HTML libraries imported), then times the one parse call: interpreter
   start-up, imports and that warm-up are not in the seconds reported. The child runs in an empty
   folder without ``PYTHONPATH``, so it imports ``briefing_tui`` from the interpreter's own
   install, which it reports.
3. Runs the cases one at a time, each ``--runs`` times in a fresh child after waiting (briefly)
   until a core is free for it, keeps the least time (the machine only ever adds to a run: on this
   shared machine runs of one case spread by a third) and records the most background load seen
   (another job on the same core doubles the numbers). A case
   still running at ``--timeout`` is killed and reported as longer than it; a family whose smaller
   size timed out is not run at the larger.
4. Reports, per family, the seconds at each size and the growth per doubling of the input
   (t(2n) / t(n) over the two largest sizes whose paragraph extraction reads whole, taken per
   doubling when they are not a doubling apart), and judges them against the issue's targets
   (``PATTERN_LIMIT_S``, ``DOUBLING_LIMIT``, ``NEWS_LIMIT_S``, ``PAGE_LIMIT_S`` below): every
   pattern within the limit at the largest size and within the doubling limit (the doubling is
   judged only when the larger time is above ``NOISE_FLOOR_S``, below which it is timer and
   allocator noise); ordinary news and the attribute page within theirs at their largest size.
   A parse that raises fails its row. Markdown table on stdout and in ``--markdown``, every
   measurement in ``--json``.

Extraction reads only the first ``MAX_EXTRACTED_CHARS`` characters of a body
(``briefing_tui/extract/pipeline.py``); the child reports that limit, and the table says where a
size is past it: a doubling there doubles less than the extracted text, so the growth is read
below it (30 → 60 KB by default) and the time limit at the largest size (120 KB).

Nothing here is asserted by the test suite; ``tests/test_extraction_soup.py`` holds the parser's
invariants on small soups of the same families.
"""

from __future__ import annotations

import argparse
import fnmatch
import html as html_lib
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "corpus" / "bbc"
RESERVED = ROOT.parent / "shared" / "corpus" / "RESERVED.md"
sys.path.insert(0, str(ROOT))

from tests.token_soup import FAMILIES, article_text  # noqa: E402

# The targets.
PATTERN_LIMIT_S = 1.0  # any pattern, at the largest size (the issue: 120 KB)
DOUBLING_LIMIT = 2.5  # t(2n) / t(n)
NEWS_LIMIT_S = 2.0  # ordinary news, at the largest news size (the issue: 1 MB)
PAGE_LIMIT_S = 2.0  # the page with a hundred thousand attributes on one <p>
NOISE_FLOOR_S = 0.05  # a doubling is judged only when the larger time is at least this

NEWS = "news"
PAGE = "html-attributes"
PAGE_ATTRIBUTES = 100_000

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
import briefing_tui
from briefing_tui.loading.articles import parse_article_file
t1 = time.perf_counter()
try:
    from briefing_tui.extract.pipeline import MAX_EXTRACTED_CHARS as limit
except ImportError:
    limit = None
target, warm = Path(sys.argv[1]), Path(sys.argv[2])
w0 = time.perf_counter()
parse_article_file(warm)
w1 = time.perf_counter()
counts, outcome = {}, "item"
p0 = time.perf_counter()
try:
    item = parse_article_file(target)
except Exception as exc:
    p1 = time.perf_counter()
    outcome = (type(exc).__name__ + ": " + str(exc))[:300]
else:
    p1 = time.perf_counter()
    counts = {"paragraphs": len(item.body), "chars": sum(map(len, item.body)), "actors": len(item.actors),
              "places": len(item.places), "quotes": len(item.quotes), "figures": len(item.figures)}
print(json.dumps({"seconds": p1 - p0, "import": t1 - t0, "warm_up": w1 - w0, "outcome": outcome,
                  "counts": counts, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "module": briefing_tui.__file__, "version": getattr(briefing_tui, "__version__", "?"),
                  "python": sys.version.split()[0], "max_extracted_chars": limit}))
"""

WARM_TEXT = ("Warm-up article\n\nLONDON — “We will hold,” Volodymyr Zelenskyy said on Monday, as nearly 11,000 "
             "North Korean troops massed near Kursk, officials told Reuters. The plan would cost £3bn (about "
             "$3.8bn), the minister said, up 40% on last year.\n")
WARM_PAGE = ("<!DOCTYPE html><html><head><title>Warm-up article</title></head><body><article><h1>Warm-up article"
             "</h1><p>" + html_lib.escape(WARM_TEXT.split("\n\n", 1)[1].strip()) + "</p><p>Officials said the "
             "bridge would stay shut for two years.</p></article></body></html>")


# ---------------------------------------------------------------------- inputs


@dataclass
class Case:
    name: str  # a family's name, NEWS or PAGE
    size: int  # bytes asked for
    suffix: str = ".txt"
    seconds: float | None = None
    timed_out: bool = False
    skipped: bool = False  # not run: a smaller size of the same case timed out
    outcome: str = ""
    bytes: int = 0  # bytes written
    chars: int = 0  # characters of the one paragraph (or of the body)
    child: dict = field(default_factory=dict)
    background: float = 0.0  # CPU busy fraction seen just before the case
    error: str = ""  # the child failed outside the parse (a crash of the interpreter, an import error)
    runs: list[float] = field(default_factory=list)  # seconds of every cold parse; ``seconds`` is the least


def parse_size(text: str) -> int:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmM]?)[bB]?\s*", text)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (say 60000, 60K or 1M)")
    scale = {"": 1, "k": 1000, "m": 1000_000}[m.group(2).lower()]
    return int(float(m.group(1)) * scale)


def sizes_arg(text: str) -> list[int]:
    return sorted({parse_size(part) for part in text.split(",") if part.strip()})


def human(n: int) -> str:
    if n >= 1000_000:
        return f"{n / 1000_000:.3g} MB"
    if n >= 1000:
        return f"{n / 1000:.3g} KB"
    return f"{n:,} B"


def reserved_names() -> set[str]:
    """``category/NNN`` of the BBC files kept for independent measurement (left out of the news text)."""
    try:
        text = RESERVED.read_text(encoding="utf-8")
    except OSError:
        return set()
    return set(re.findall(r"\b(business|entertainment|politics|sport|tech)/(\d{3})\b", text))


def bbc_paragraphs() -> list[list[str]]:
    """Body paragraphs of every BBC article (headline dropped), longest article first."""
    reserved = reserved_names()
    files = [p for p in BBC.glob("*/*.txt") if (p.parent.name, p.stem) not in reserved]
    files.sort(key=lambda p: (-p.stat().st_size, str(p)))
    out = []
    for path in files:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text.strip())]
        body = [b for b in blocks[1:] if b]
        if body:
            out.append(body)
    return out


def news_text(articles: list[list[str]], size: int) -> str:
    """The longest articles' paragraphs, one article after another, until ``size`` bytes."""
    paragraphs: list[str] = []
    total = 0
    while total < size:
        for body in articles:
            for para in body:
                paragraphs.append(para)
                total += len(para.encode("utf-8")) + 2
            if total >= size:
                break
    return article_text(paragraphs, "Long news: the longest BBC articles, one after another")


def attribute_page() -> str:
    """tests/hostile/breakers.py's page: one paragraph with a hundred thousand attributes."""
    attrs = " ".join(f'a{i}="x"' for i in range(PAGE_ATTRIBUTES))
    return f"<html><body><p {attrs}>A paragraph with a hundred thousand attributes.</p></body></html>"


# ---------------------------------------------------------------------- running


def cpu_times() -> tuple[int, int]:
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return sum(fields), fields[3] + fields[4]


def busy_fraction(seconds: float = 0.3) -> float:
    a_total, a_idle = cpu_times()
    time.sleep(seconds)
    b_total, b_idle = cpu_times()
    return 1 - (b_idle - a_idle) / max(b_total - a_total, 1)


def wait_idle(limit: float = 15.0) -> float:
    """Wait (up to ``limit`` seconds) until a core is free for the child; the busy fraction last seen."""
    cores = os.cpu_count() or 1
    threshold = 1 - 1 / cores + 0.1 if cores > 1 else 0.2
    start = time.perf_counter()
    while True:
        busy = busy_fraction()
        if busy < threshold or time.perf_counter() - start > limit:
            return busy


def run_case(case: Case, path: Path, warm: Path, python: str, timeout: float, workdir: Path, runs: int) -> None:
    """Parse the case cold ``runs`` times, each in a fresh child; the least time stands for the case.

    The least, because what else runs on the machine only ever adds time: the spread between runs of
    the same case is the machine's, and the least is the one closest to the parser's own cost."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME")}
    busy = []
    for _ in range(max(runs, 1)):
        busy.append(wait_idle())
        try:
            out = subprocess.run([python, "-c", CHILD, str(path), str(warm)], cwd=workdir, env=env,
                                 capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            case.timed_out = True
            case.outcome = f"killed at the timeout ({timeout:g} s)"
            break
        if out.returncode != 0 or not out.stdout.strip():
            case.error = (out.stderr.strip().splitlines() or [f"exit status {out.returncode}"])[-1][:300]
            case.outcome = f"child failed: {case.error}"
            break
        child = json.loads(out.stdout.strip().splitlines()[-1])
        case.runs.append(child["seconds"])
        if case.seconds is None or child["seconds"] < case.seconds:
            case.child, case.seconds = child, child["seconds"]
        case.outcome = child["outcome"]
        if child["outcome"] != "item":
            break  # a parse that raised or refused: once is enough to say so
    if case.timed_out or case.error:
        case.seconds = None
    case.background = max(busy)


# ---------------------------------------------------------------------- report


def seconds_text(case: Case, timeout: float) -> str:
    if case.skipped:
        return "not run"
    if case.timed_out:
        return f"> {timeout:g} s"
    if case.seconds is None:
        return "failed"
    return f"{case.seconds:.3f} s" if case.seconds < 10 else f"{case.seconds:.1f} s"


def doubling(a: Case, b: Case, timeout: float) -> tuple[float | None, str]:
    """Growth per doubling from case a (smaller) to b: (value or a lower bound, text)."""
    steps = math.log2(b.size / a.size)
    if a.seconds is None or a.seconds <= 0 or steps <= 0:
        return None, "—"
    if b.seconds is not None:
        r = (b.seconds / a.seconds) ** (1 / steps)
        return r, f"{r:.2f}×"
    if b.timed_out:
        r = (timeout / a.seconds) ** (1 / steps)
        return r, f"> {r:.1f}×"
    return None, "—"


def crashed(case: Case) -> bool:
    """The parse raised (a page may be refused with a LoadError; nothing else may raise), or the child died."""
    if case.error:
        return True
    refused = case.suffix == ".html" and case.outcome.startswith("LoadError")
    return case.seconds is not None and case.outcome != "item" and not refused


def doubling_pair(cases: list[Case], cap: int | None) -> tuple[Case, Case] | None:
    """The two sizes the growth is read between: the two largest whose paragraph extraction reads whole
    (past the cap a doubling of the file doubles less of the text that is parsed), else the two largest."""
    within = [c for c in cases if cap is None or c.chars <= cap]
    pool = within if len(within) >= 2 else cases
    return (pool[-2], pool[-1]) if len(pool) >= 2 else None


def judge_family(cases: list[Case], timeout: float, cap: int | None = None) -> tuple[str, str, bool]:
    """(doubling text, verdict text, passed) for one family's cases, smallest size first."""
    big = cases[-1]
    ratio, ratio_text = (None, "—")
    pair = doubling_pair(cases, cap)
    if pair is not None:
        ratio, ratio_text = doubling(pair[0], pair[1], timeout)
        big_of_pair = pair[1]
    else:
        big_of_pair = big
    problems = []
    if any(crashed(c) for c in cases):
        problems.append("raised: " + next(c.outcome for c in cases if crashed(c)))
    if big.timed_out or big.skipped:
        problems.append(f"> {timeout:g} s at {human(big.size)}")
    elif big.seconds is not None and big.seconds > PATTERN_LIMIT_S:
        problems.append(f"> {PATTERN_LIMIT_S:g} s at {human(big.size)}")
    judged = big_of_pair.timed_out or big_of_pair.skipped or (
        big_of_pair.seconds is not None and big_of_pair.seconds >= NOISE_FLOOR_S)
    if ratio is not None and judged and ratio > DOUBLING_LIMIT:
        problems.append(f"> {DOUBLING_LIMIT:g}× per doubling")
    if ratio is not None and not judged:
        ratio_text += " (too fast to judge)"
    if problems:
        return ratio_text, "FAIL: " + "; ".join(problems), False
    return ratio_text, "pass", True


def report(cases: list[Case], sizes: list[int], timeout: float, python: str, runs: int) -> tuple[str, list[dict]]:
    verdicts: list[dict] = []
    children = [c.child for c in cases if c.child]
    limit_chars = next((ch.get("max_extracted_chars") for ch in children if ch.get("max_extracted_chars")), None)
    fam_cases: dict[str, list[Case]] = {}
    for c in cases:
        if c.name not in (NEWS, PAGE):
            fam_cases.setdefault(c.name, []).append(c)
    lines = []
    if fam_cases:
        lines.append("| pattern | " + " | ".join(f"t({human(s)})" for s in sizes) + " | per doubling | verdict |")
        lines.append("|---|" + "---|" * len(sizes) + "---|---|")
        for name, cs in fam_cases.items():
            cs.sort(key=lambda c: c.size)
            by_size = {c.size: c for c in cs}
            cells = [seconds_text(by_size[s], timeout) if s in by_size else "" for s in sizes]
            ratio_text, verdict, ok = judge_family(cs, timeout, limit_chars)
            lines.append(f"| {name} | " + " | ".join(cells) + f" | {ratio_text} | {verdict} |")
            verdicts.append({"case": name, "passed": ok, "verdict": verdict, "per_doubling": ratio_text})
        lines.append("")
    docs = [c for c in cases if c.name in (NEWS, PAGE)]
    if docs:
        lines.append("| document | size | seconds | target | verdict | outcome |")
        lines.append("|---|---|---|---|---|---|")
        news_sizes = sorted(c.size for c in docs if c.name == NEWS)
        for c in docs:
            if c.name == NEWS:
                label = "news: the longest BBC articles, one after another"
                judged = c.size == news_sizes[-1]
                limit = NEWS_LIMIT_S
            else:
                label = f"HTML page, {PAGE_ATTRIBUTES:,} attributes on one `<p>`"
                judged, limit = True, PAGE_LIMIT_S
            ok = None
            if judged:
                ok = c.seconds is not None and c.seconds <= limit and not crashed(c)
                verdicts.append({"case": f"{c.name} {human(c.size)}", "passed": ok,
                                 "verdict": "pass" if ok else "FAIL", "seconds": c.seconds})
            outcome = c.outcome
            if c.child.get("counts"):
                k = c.child["counts"]
                outcome = (f"item: {k['actors']} actors, {k['quotes']} quotes, {k['figures']} figures"
                           if c.outcome == "item" else c.outcome)
            lines.append(f"| {label} | {human(c.size)} | {seconds_text(c, timeout)} | "
                         f"{f'≤ {limit:g} s' if judged else '—'} | {'—' if ok is None else ('pass' if ok else 'FAIL')} "
                         f"| {outcome.replace('|', '/')} |")
        lines.append("")
    failed = [v["case"] for v in verdicts if not v["passed"]]
    lines.append(f"Targets: every pattern ≤ {PATTERN_LIMIT_S:g} s at the largest size and ≤ {DOUBLING_LIMIT:g}× "
                 f"per doubling (judged when the larger time is ≥ {NOISE_FLOOR_S:g} s); news ≤ {NEWS_LIMIT_S:g} s "
                 f"at its largest size; the attribute page ≤ {PAGE_LIMIT_S:g} s. "
                 f"{len(verdicts) - len(failed)} of {len(verdicts)} cases pass.")
    if limit_chars:
        past = [human(s) for s in sizes if s > limit_chars]
        note = (f"; the paragraph at {', '.join(past)} is past it, so the growth per doubling is read between "
                "the two largest sizes within it" if past else "")
        lines.append(f"Extraction reads the first {limit_chars:,} characters of a body{note}.")
    if children:
        ch = children[0]
        lines.append(f"Measured: `{python}` (Python {ch['python']}), briefing {ch['version']} from `{ch['module']}`; "
                     f"seconds are the least of {runs} cold parse calls, each in a fresh interpreter, imports "
                     f"and a warm-up parse not counted; "
                     f"timeout {timeout:g} s per case.")
    busy = [c.background for c in cases if not c.skipped]
    if busy:
        lines.append(f"Machine: {os.cpu_count()} × {cpu_model()}; background CPU before the cases: "
                     f"median {sorted(busy)[len(busy) // 2] * 100:.0f} %, max {max(busy) * 100:.0f} %.")
    return "\n".join(lines), verdicts


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


# ---------------------------------------------------------------------- main


def selected(name: str, patterns: list[str] | None) -> bool:
    return patterns is None or any(fnmatch.fnmatchcase(name, p) for p in patterns)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--python", default=sys.executable, help="the interpreter whose briefing_tui is measured")
    ap.add_argument("--sizes", type=sizes_arg, default=sizes_arg("30K,60K,120K"),
                    help="paragraph sizes in bytes, comma-separated (default 30K,60K,120K)")
    ap.add_argument("--runs", type=int, default=3, help="cold parses per case, the least counts (default 3)")
    ap.add_argument("--news-sizes", type=sizes_arg, default=sizes_arg("120K,1M"),
                    help="sizes of the concatenated BBC text (default 120K,1M)")
    ap.add_argument("--families", help="comma-separated names or globs of the cases to run: families of "
                                       f"tests/token_soup.py, {NEWS!r}, {PAGE!r} (default: all)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per case (default 120)")
    ap.add_argument("--seed", type=int, default=0, help="the families' seed (default 0)")
    ap.add_argument("--keep", type=Path, help="write the inputs here and keep them")
    ap.add_argument("--markdown", type=Path, help="write the tables here")
    ap.add_argument("--json", type=Path, help="write every measurement here")
    ap.add_argument("--list", action="store_true", help="list the families and exit")
    args = ap.parse_args()
    if args.list:
        for f in FAMILIES:
            print(f"{f.name:26} {f.about}")
        return 0
    python = shutil.which(args.python) or args.python
    patterns = [p.strip() for p in args.families.split(",") if p.strip()] if args.families else None
    families = [f for f in FAMILIES if selected(f.name, patterns)]
    known = {f.name for f in FAMILIES} | {NEWS, PAGE}
    for p in patterns or []:
        if not any(fnmatch.fnmatchcase(n, p) for n in known):
            print(f"no case matches {p!r}; --list shows the families", file=sys.stderr)
            return 2

    cases: list[Case] = []
    with tempfile.TemporaryDirectory(prefix="briefing-complexity-") as tmp:
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        workdir = Path(tmp) / "cwd"
        workdir.mkdir()
        warm_txt, warm_html = base / "warm-up.txt", base / "warm-up.html"
        warm_txt.write_text(WARM_TEXT, encoding="utf-8")
        warm_html.write_text(WARM_PAGE, encoding="utf-8")

        def measure(case: Case, text: str, chars: int) -> None:
            path = base / f"{case.name}-{case.size}{case.suffix}"
            data = text.encode("utf-8")
            path.write_bytes(data)
            case.bytes, case.chars = len(data), chars
            run_case(case, path, warm_html if case.suffix == ".html" else warm_txt, python, args.timeout,
                     workdir, args.runs)
            if not args.keep:
                path.unlink()
            cases.append(case)
            shown = seconds_text(case, args.timeout)
            print(f"{case.name:26} {human(case.size):>8}  {shown:>10}  {case.outcome[:80]}", file=sys.stderr)

        for family in families:
            gave_up = False
            for size in args.sizes:
                case = Case(family.name, size)
                if gave_up:
                    case.skipped = True
                    case.outcome = "not run: a smaller size timed out"
                    cases.append(case)
                    continue
                para = family.make(size, args.seed)
                measure(case, article_text([para], f"Token soup: {family.name}"), len(para))
                gave_up = case.timed_out
        if selected(NEWS, patterns):
            if BBC.is_dir():
                articles = bbc_paragraphs()
                for size in args.news_sizes:
                    text = news_text(articles, size)
                    measure(Case(NEWS, size), text, len(text))
            else:
                print(f"{BBC} is missing: no news case", file=sys.stderr)
        if selected(PAGE, patterns):
            page = attribute_page()
            measure(Case(PAGE, len(page.encode("utf-8")), suffix=".html"), page, len(page))

    text, verdicts = report(cases, args.sizes, args.timeout, python, args.runs)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({
            "python": python, "sizes": args.sizes, "news_sizes": args.news_sizes, "timeout": args.timeout,
            "seed": args.seed, "cpu": cpu_model(), "nproc": os.cpu_count(), "verdicts": verdicts,
            "cases": [asdict(c) for c in cases],
        }, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
