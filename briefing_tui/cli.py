"""The ``briefing`` command line: parse, check and export; the dashboard is imported only when run.

Each command imports what it uses when it runs: launching the dashboard is mostly start-up time,
and it needs neither the YAML writer nor argparse for the common ``briefing [PATH...]``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, TextIO

from . import __version__

if TYPE_CHECKING:
    import argparse
    from datetime import datetime

    from .loading.duplicates import ItemIds
    from .loading.result import LoadResult
    from .model import Item
    from .problems import Problem
    from .settings import Settings


def _add_inputs(command: argparse.ArgumentParser) -> None:
    """The inputs every command reads the same way as the dashboard."""
    command.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    command.add_argument("--no-cache", action="store_true", help="parse every article again (no parse cache)")


STATE_HELP = ("review state (marks, notes, pins): a file path, a sqlite:/// URL (sqlite:////absolute/path, "
              "sqlite:///relative/path) or a postgresql:// URL (a desk's server; credentials the libpq way); "
              "default: review.sqlite3 in the user state folder")


def _state_target(value: str) -> str:
    """``--state`` as given, refused at once when it names a store this version cannot open."""
    import argparse

    from .review_state import StoreUnavailable
    from .review_store import describe

    try:
        describe(value)
    except StoreUnavailable as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def _build_parser() -> argparse.ArgumentParser:
    import argparse

    from .output import FORMATS

    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Review news briefings in the terminal: parse articles and YAML briefing files "
        "into items with actors, quotes, figures and related stories.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    parse = sub.add_parser(
        "parse",
        help="parse articles and briefing files; print one object per item",
        description="Parse articles (.txt, .md, .html) and YAML briefing files (folders are read "
        "recursively) and print one object per item, in input order. Problems go to stderr as "
        "FILE:LINE: message; the exit status is 1 if any input failed.",
    )
    _add_inputs(parse)
    parse.add_argument("--format", "-f", choices=FORMATS, default="jsonl",
                       help="jsonl: one JSON object per line (default); json: one array; "
                       "yaml: a briefing file that loads back to the same items")

    check = sub.add_parser(
        "check",
        help="load files and folders as the dashboard would and list every problem",
        description="Load every file as the dashboard would; print one line per problem and a "
        "summary. Exit status 1 if there was any problem.",
    )
    _add_inputs(check)
    check.add_argument("--quiet", "-q", action="store_true", help="print only the problems")
    check.add_argument("--index", action="store_true",
                       help="also put the items in the parse cache's find index now, which the dashboard "
                       "otherwise does in the background after loading (for a large archive: run it after "
                       "new files arrive, and find answers from the index from the first key)")

    rules = sub.add_parser(
        "rules",
        help="check the rules of config.yaml; with --dry-run PATH..., count what each would match",
        description="Read the rules: of config.yaml (or of --config FILE, which may be a draft holding only "
        "rules:) and list each with its line and actions. With --dry-run, load PATH... as the dashboard would "
        "and print, for each rule, how many items it matches, what it would do and a few of their titles; "
        "nothing is applied or stored. Exit status 1 if a rule is broken (reported as FILE:LINE: message), "
        "2 on a usage error.",
    )
    rules.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    rules.add_argument("--dry-run", action="store_true",
                       help="load PATH... and count the items each rule matches")
    rules.add_argument("--config", type=Path, metavar="FILE",
                       help="the file whose rules: to read; default: config.yaml in the user config folder")
    rules.add_argument("--no-cache", action="store_true", help="parse every article again (no parse cache)")

    export = sub.add_parser(
        "export",
        help="write the digest: marks, notes and pinned quotes and figures of the items",
        description="Load the items as the dashboard would, join them with the review state and write a "
        "digest: Markdown (default) or JSON with the full review state. Written atomically.",
    )
    _add_inputs(export)
    export.add_argument("--format", "-f", choices=("md", "json", "yaml"), default="md",
                        help="md: the digest; json: the digest for tools; yaml: the items themselves as the analyst "
                        "corrected them (a briefing file that loads back: corrections as gold for the parser)")
    export.add_argument("--only", choices=("flagged", "reviewed", "pinned"),
                        help="only flagged, reviewed, or pinned-from items")
    export.add_argument("--tag", metavar="TAG", help="only the items with this tag: their source's or an "
                        "analyst's, in any case")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here (default: standard output)")
    export.add_argument("--state", type=_state_target, metavar="FILE|URL", help=STATE_HELP)
    export.add_argument("--reviewer", metavar="NAME", help="only this analyst's work: the items they marked, "
                        "noted or pinned from, with their marks, notes and pins (from the desk's audit trail)")

    fetch = sub.add_parser(
        "fetch",
        help="fetch the feeds of config.yaml once, into the user data folder (for cron)",
        description="Fetch every feed listed under feeds: in config.yaml (or only those named with --feed) "
        "and save each into the feeds folder of the user data folder, where the dashboard opens it. Prints "
        "one line per feed; the exit status is 0 when every feed was fetched or not modified, 1 when any "
        "failed, 2 on a usage error.",
    )
    fetch.add_argument("--config", type=Path, metavar="FILE",
                       help="settings file naming the feeds; default: config.yaml in the user config folder")
    fetch.add_argument("--feed", action="append", metavar="NAME", default=[],
                       help="fetch only the feed of this name (may be given more than once)")
    fetch.add_argument("--due", action="store_true",
                       help="fetch only the feeds whose refresh interval has passed since they were last tried "
                       "(for a cron job that runs every few minutes)")
    fetch.add_argument("--no-cache", action="store_true", help="do not put the fetched feeds' items in the parse "
                       "cache")
    state = sub.add_parser(
        "state",
        help="work on review state as a whole: copy one store into another",
        description="Commands on a whole review store (marks, notes and pins).",
    )
    state_sub = state.add_subparsers(dest="state_command", metavar="STATE_COMMAND", required=True)
    copy = state_sub.add_parser(
        "copy",
        help="copy one review store into another, merging with what is there",
        description="Copy the review state of FROM into TO (each a file path, a sqlite:/// URL or a postgresql:// "
        "URL, as --state takes): a personal file into the desk, or the desk into a file for an archive. Nothing TO "
        "holds is lost: marks and pins are merged, a note is copied only where TO has none, and a note that "
        "differs on both sides is reported and left as TO has it. Copying twice changes nothing the second "
        "time. Every change is recorded with the copier as reviewer. Exit status 0 when all was copied, 1 when "
        "a note conflict was left or a store could not be read or written, 2 on a usage error.",
    )
    copy.add_argument("source", type=_state_target, metavar="FROM", help="the store to copy from (only read)")
    copy.add_argument("target", type=_state_target, metavar="TO", help="the store to copy into (created if need be)")
    copy.add_argument("--reviewer", metavar="NAME", help="who the changes are recorded as; default: "
                      "$BRIEFING_REVIEWER, else the login name")

    log = sub.add_parser(
        "log",
        help="print the audit trail: who changed what, and when",
        description="Print every change recorded in the review state, oldest first, one line each: the time "
        "(in your time zone), the reviewer, what was done and the item's title (or id). Changes made before "
        "this version kept the log are not in it. Exit status 0, 1 when the state cannot be read, 2 on a "
        "usage error.",
    )
    log.add_argument("--state", type=_state_target, metavar="FILE|URL", help=STATE_HELP)
    log.add_argument("--item", metavar="ID", help="only the changes to the item of this id")
    log.add_argument("--reviewer", metavar="NAME", help="only the changes this reviewer made")
    log.add_argument("--since", type=_since, metavar="WHEN",
                     help="only changes from this time on: an ISO date or time (2026-12-07, 2026-12-07T14:00, "
                     "local time unless a zone is given) or a span back from now (30m, 2h, 3d, 1w)")

    serve = sub.add_parser(
        "serve",
        help="serve the dashboard to web browsers (each tab its own dashboard, behind an access token)",
        description="Serve the dashboard on PATHs (as `briefing PATH...` opens them) to web browsers: each tab "
        "runs its own dashboard, and all share the review state (--state), so tabs see each other's marks. "
        "Every request needs an access token: by default a new one is made at start and printed once, in the "
        "address to open. The server listens on 127.0.0.1 only unless --host says otherwise, and a host "
        "reachable from the network needs --token-file (or --token). Stop it with Ctrl+C.",
    )
    serve.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this machine only; use ssh -L to reach it)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000; 0 picks a free one)")
    who = serve.add_mutually_exclusive_group()
    who.add_argument("--token-file", type=Path, metavar="FILE",
                     help="access tokens, one `TOKEN NAME` line per reviewer; readable by you alone (chmod 600). "
                     "Changes made with a token are recorded as its NAME")
    who.add_argument("--token", metavar="TOKEN", help="the one access token (at least 16 letters, digits, - _ . ~); "
                     "note that other users of this machine can see a command line: prefer --token-file")
    serve.add_argument("--reviewer", metavar="NAME", help="who changes are recorded as, with the generated token or "
                       "--token; default: $BRIEFING_REVIEWER, else the login name")
    serve.add_argument("--max-sessions", type=_positive, default=4, metavar="N",
                       help="browser tabs served at once (each is a dashboard process; default 4)")
    serve.add_argument("--public-url", metavar="URL",
                       help="the address browsers use when a reverse proxy is in front (https://briefing.example/); "
                       "pages from there may connect")
    serve.add_argument("--config", type=Path, metavar="FILE", help="settings file for every tab's dashboard")
    serve.add_argument("--state", type=_state_target, metavar="FILE|URL", help=STATE_HELP)
    serve.add_argument("--no-cache", action="store_true", help="parse every article again (no parse cache)")
    return parser


def _positive(value: str) -> int:
    import argparse

    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


STATE_ENV = "BRIEFING_STATE"


class _Refused(Exception):
    """A setting that names something unusable: one line for the user, exit status 2."""


def _chosen_state(given: str | None, settings: Settings | None) -> str | None:
    """The review state to open: ``--state``, else ``$BRIEFING_STATE``, else ``state:`` in config.yaml,
    else None (the user's own file)."""
    if given is not None:
        return given
    from_env = os.environ.get(STATE_ENV, "").strip()
    if from_env:
        from .review_state import StoreUnavailable
        from .review_store import describe

        try:
            describe(from_env)
        except StoreUnavailable as exc:
            raise _Refused(f"{STATE_ENV}: {exc}") from None
        return from_env
    return settings.state if settings is not None else None


def _user_settings() -> Settings | None:
    """config.yaml for the commands that have no --config (export, log, state copy): only its
    ``state:`` and ``reviewer:`` matter to them, and a config they cannot read changes nothing."""
    from .paths import user_config_file
    from .settings import load_settings

    try:
        return load_settings(user_config_file())
    except Exception:
        return None


def _reviewer(given: str | None, settings: Settings | None) -> str:
    """Who changes are recorded as: ``--reviewer``, else ``$BRIEFING_REVIEWER``, else ``reviewer:`` in
    config.yaml, else the login name."""
    from .review_state import REVIEWER_ENV, current_reviewer
    from .sanitize import clean_line

    name = clean_line(given or "")[:200]
    if name:
        return name
    if not clean_line(os.environ.get(REVIEWER_ENV, "")) and settings is not None and settings.reviewer:
        return settings.reviewer
    return current_reviewer()


def _since(value: str) -> datetime:
    import argparse

    from .audit_log import parse_since

    try:
        return parse_since(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _results(args: argparse.Namespace, problems: list[Problem], counts: dict[str, int], report: TextIO, *,
             lazy: bool = False, ids: ItemIds | None = None,
             warn: Callable[[Path, TextIO], int] | None = None, index: bool = False) -> Iterator[LoadResult]:
    """What every file gave, in order; each problem is printed to ``report`` as soon as it is met.

    ``lazy``: entries instead of items (see catalog), read from the cache's summaries as the dashboard
    reads them, without decoding every item. ``ids``: duplicates are dropped and reported by the rule
    the dashboard follows (``loading.duplicates``). ``warn``: prints a file's warnings and says how
    many (counted apart from problems, which fail a check). ``index``: each file's cache entry is put
    in the find index if it is not yet (``ParseCache.index_entry``).
    """
    from .cache import open_default_cache
    from .loading.batch import load_many

    cache = None if args.no_cache else open_default_cache()
    for path, result, _done, _total in load_many(args.paths, cache=cache, lazy=lazy):
        if ids is not None:
            result.problems.extend(ids.admit(path, result))
        counts["files"] += path is not None
        counts["failed"] += bool(result.problems)
        problems.extend(result.problems)
        for p in result.problems:
            print(p, file=report, flush=True)
        if warn is not None and path is not None and result.entries:
            counts["warnings"] = counts.get("warnings", 0) + warn(path, report)
        if index and cache is not None and result.digest and result.entries and result.entries[0].indexed is None:
            counts["indexed"] = counts.get("indexed", 0) + (cache.index_entry(result.digest) is not None)
        yield result
    if cache is not None:
        cache.close()


def _load(args: argparse.Namespace, problems: list[Problem], counts: dict[str, int],
          report: TextIO) -> Iterator[Item]:
    """Items of every file in order; each problem is printed to ``report`` as soon as it is met."""
    for result in _results(args, problems, counts, report):
        yield from result.items


def _cmd_parse(args: argparse.Namespace) -> int:
    from .output import write_items

    problems: list[Problem] = []
    counts = {"files": 0, "failed": 0}
    write_items(_load(args, problems, counts, sys.stderr), args.format, sys.stdout)
    return 1 if problems else 0


def _cmd_check(args: argparse.Namespace) -> int:
    from .loading.duplicates import ItemIds

    problems: list[Problem] = []
    counts = {"files": 0, "failed": 0}
    # The items the dashboard would list: a duplicate is reported and not counted, as it skips it.
    n_items = sum(len(r.entries or ()) for r in _results(args, problems, counts, sys.stdout, lazy=True,
                                                         ids=ItemIds(), warn=_warn_briefing_file,
                                                         index=getattr(args, "index", False)))
    if not args.quiet:
        verdict = "no problems" if not problems else f"{len(problems)} problem{'s' * (len(problems) != 1)}"
        warned = counts.get("warnings", 0)
        verdict += f", {warned} warning{'s' * (warned != 1)}" if warned else ""
        print(f"{counts['files']} file{'s' * (counts['files'] != 1)}, {n_items} item{'s' * (n_items != 1)}, "
              f"{verdict}")
        if getattr(args, "index", False):
            indexed = counts.get("indexed", 0)
            print(f"{indexed} file{'s' * (indexed != 1)} newly indexed for find" if not args.no_cache
                  else "nothing indexed: --no-cache")
    return 1 if problems else 0


def _cmd_rules(args: argparse.Namespace) -> int:
    """The rules as the dashboard would read them; with --dry-run, what each would do to PATH...'s items."""
    from .loading.duplicates import ItemIds
    from .paths import user_config_file
    from .rules import dry_run
    from .sanitize import visible
    from .settings import load_settings_file

    if args.dry_run != bool(args.paths):
        print("briefing rules: " + ("--dry-run needs the files or folders to count over (PATH...)" if args.dry_run
                                    else "PATH... is counted over with --dry-run"), file=sys.stderr)
        return 2
    config = args.config or user_config_file()
    if not config.is_file():
        print(f"briefing rules: no such file: {visible(str(config))}", file=sys.stderr)
        return 2
    settings = load_settings_file(config)
    for p in settings.problems:
        print(p, file=sys.stderr)
    # Every message about a rule starts with "rules" (rules.read_rules): those fail the command; a problem
    # in another section is printed and left to the dashboard, which reports it too.
    broken = sum(p.message.startswith("rules") for p in settings.problems)
    rules = settings.rules
    where = visible(str(config))
    if not rules:
        print(f"no rule to apply in {where}" + (f" ({broken} broken)" if broken else ""))
        return 1 if broken else 0
    if not args.dry_run:
        for rule in rules.rules:
            print(f"{where}:{rule.line}: {visible(rule.name)}: {', '.join(rule.actions())}")
        return 1 if broken else 0
    problems: list[Problem] = []
    counts = {"files": 0, "failed": 0}
    # The items the dashboard would list: a duplicate is reported (to stderr) and not counted.
    items = (item for result in _results(args, problems, counts, sys.stderr, ids=ItemIds()) for item in result.items)
    seen, rule_counts = dry_run(rules, items)
    for count in rule_counts:
        rule = count.rule
        print(f"{where}:{rule.line}: {visible(rule.name)}: {count.matched} of {seen} item{'s' * (seen != 1)}; "
              f"{', '.join(rule.actions())}")
        for title in count.examples:
            print(f"    · {visible(title)}")
        if count.slow:
            print(f"    its regular expression gave up on {count.slow} item{'s' * (count.slow != 1)} (too slow "
                  "there; those items do not match)")
    files = counts["files"]
    print(f"{len(rules)} rule{'s' * (len(rules) != 1)}" + (f" ({broken} broken, left out)" if broken else "")
          + f" over {seen} item{'s' * (seen != 1)} from {files} file{'s' * (files != 1)}"
          + (f"; {len(problems)} file problem{'s' * (len(problems) != 1)}" if problems else "")
          + "; nothing applied")
    return 1 if broken else 0


def _warn_briefing_file(path: Path, report: TextIO) -> int:
    """Warnings for the items of a hand-written briefing file (item_checks), printed at the item's
    line; they do not fail the check: the items load and show as written."""
    from .item_checks import item_warnings
    from .loading.readers import reader_for
    from .loading.readers.yaml_briefing import READER as YAML_READER

    if reader_for(path) is not YAML_READER:
        return 0
    from .loading.yaml_items import load_yaml_file, yaml_item_places
    from .problems import problem

    places = yaml_item_places(path)
    count = 0
    for item in load_yaml_file(path).items:
        line, column, prefix = places.get(item.id, (None, None, None))
        # The place of an item is its id's: "items[3].id", or "id" in a file of one item.
        prefix = prefix.removesuffix("id").rstrip(".") if prefix else prefix
        for warning in item_warnings(item):
            where = f"{prefix}.{warning.field}" if prefix else warning.field
            print(problem(path, f"warning: {warning.message}", line, column, where), file=report, flush=True)
            count += 1
    return count


COMMANDS = ("parse", "check", "export", "fetch", "state", "log", "serve", "rules")


def _build_app_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="briefing",
        usage="briefing [--config FILE] [--state FILE|URL] [--reviewer NAME] [PATH ...]\n"
              "       briefing {parse,check,export,fetch,state,log,serve,rules} ...",
        description="Review news briefings in the terminal. PATHs are articles (.txt, .md, .html), "
        "YAML briefing files, feed files, or folders of them (read recursively); with none, the fetched feeds "
        "open when config.yaml lists feeds, else the bundled samples.",
        epilog="commands:\n  parse    parse files and print one object per item (briefing parse --help)\n"
        "  check    load files as the dashboard would and list every problem (briefing check --help)\n"
        "  export   write the digest of marks, notes and pins (briefing export --help)\n"
        "  fetch    fetch the feeds of config.yaml into the user data folder (briefing fetch --help)\n"
        "  state    copy one review store into another (briefing state copy --help)\n"
        "  log      print the audit trail of the review state (briefing log --help)\n"
        "  serve    serve the dashboard to web browsers (briefing serve --help)\n"
        "  rules    check config.yaml's rules; --dry-run PATH... counts what each matches (briefing rules --help)\n\n"
        "In the dashboard press ? for every key.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="settings file (keyword hotkeys, key remaps, feeds, rules); default: config.yaml in the "
                        "user config folder")
    parser.add_argument("--state", type=_state_target, metavar="FILE|URL", help=STATE_HELP + "; also "
                        "$BRIEFING_STATE or state: in config.yaml")
    parser.add_argument("--reviewer", metavar="NAME", help="who your changes are recorded as; default: "
                        "$BRIEFING_REVIEWER, else reviewer: in config.yaml, else the login name")
    parser.add_argument("--no-cache", action="store_true", help="parse every article again; do not read or "
                        "write the parse cache")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    return parser


def _run_app(args: argparse.Namespace) -> int:
    served = os.environ.get("TEXTUAL_DRIVER", "").startswith("textual.drivers.web_driver")  # briefing serve's tab
    if not served and not (sys.stdin.isatty() and sys.stdout.isatty()):
        print("briefing: the dashboard needs a terminal; for scripts use `briefing parse` or `briefing check`",
              file=sys.stderr)
        return 2
    from .loading.launch import begin_head_start

    # With no PATH the settings say what opens (the fetched feeds, or the samples): they are read
    # first. Otherwise loading begins before the settings and the UI are even read and imported, so
    # the first rows are ready when the screen mounts.
    if args.paths:
        paths = args.paths
        head_start = begin_head_start(paths, use_cache=not args.no_cache)
        settings = _settings(args)
    else:
        settings = _settings(args)
        paths = default_inputs(settings)
        head_start = begin_head_start(paths, use_cache=not args.no_cache)

    state = _chosen_state(args.state, settings)
    # Every part of the dashboard that records a change asks current_reviewer(), which reads this.
    from .review_state import REVIEWER_ENV

    os.environ[REVIEWER_ENV] = _reviewer(args.reviewer, settings)
    from .glyphs import terminal_is_utf8
    from .ui.app import BriefingApp

    app = BriefingApp(paths, settings, use_cache=not args.no_cache, state_path=state, head_start=head_start,
                      ascii_only=not served and not terminal_is_utf8())  # a browser tab shows Unicode
    result = app.run()
    for note in app.exit_notes:
        print(f"briefing: {note}", file=sys.stderr)
    if app.crash is not None:
        _report_crash(app.crash, app.crash_report, "the dashboard stopped on an internal error")
        return EXIT_CRASH
    return app.return_code or result or 0


def _settings(args: argparse.Namespace) -> Settings:
    from .paths import cache_dir, user_config_file
    from .settings import load_settings

    try:
        return load_settings(args.config or user_config_file(), explicit=args.config is not None,
                             remember=cache_dir() / "settings.json")
    except Exception as exc:  # a settings bug must not keep anyone out of their briefing: defaults stand
        from .crash_report import save_traceback
        from .problems import problem
        from .resources import default_config_dir
        from .settings import load_settings_file

        saved = save_traceback(exc, context="reading the settings")
        settings = load_settings_file(default_config_dir() / "keywords.yaml")
        settings.problems.append(problem(args.config or user_config_file(), f"internal error reading the settings "
                                         f"({type(exc).__name__}); defaults used" + (f"; details in {saved}"
                                                                                      if saved else "")))
        return settings


def default_inputs(settings: Settings) -> list[Path]:
    """What ``briefing`` with no PATH opens: the folder of fetched feeds when config.yaml lists feeds
    (made if need be, so it is watched and a later ``briefing fetch`` shows up live), else the samples."""
    from .resources import seeds_dir

    if settings.feeds:
        import contextlib

        from .paths import feeds_dir

        folder = feeds_dir()
        with contextlib.suppress(OSError):  # the dashboard reports a folder it cannot read, as for any PATH
            folder.mkdir(parents=True, exist_ok=True)
        return [folder]
    return [seeds_dir()]


EXIT_CRASH = 70  # EX_SOFTWARE: an internal error, not something the user did


def _report_crash(exc: BaseException, saved: Path | None, what: str) -> None:
    from .sanitize import visible

    detail = visible(" ".join(f"{type(exc).__name__}: {exc}".split()))[:300]
    where = (f"The details are in {visible(str(saved))}; please send that file with a line on what you were "
             "doing." if saved else "The details could not be saved (the state folder is not writable).")
    print(f"briefing: {what} ({detail}).\n"
          "Marks, notes and pins you saved are safe in the review state.\n" + where, file=sys.stderr)


def _cmd_export(args: argparse.Namespace) -> int:
    from .digest import build_json, build_markdown, collect, dumps_json
    from .review_credit import credits
    from .review_state import StoreError, StoreMissing
    from .review_store import connect
    from .sanitize import clean_line, visible
    from .writing import write_atomic

    problems: list[Problem] = []
    counts = {"files": 0, "failed": 0}
    reviewer = clean_line(args.reviewer) if args.reviewer is not None else None
    if args.reviewer is not None and not reviewer:
        print("briefing export: --reviewer: expected a name", file=sys.stderr)
        return 2
    tag = None
    if args.tag is not None:
        from .tags import BadTag, normalise_tag

        try:
            tag = normalise_tag(args.tag)
        except BadTag as exc:
            print(f"briefing export: --tag: {exc}", file=sys.stderr)
            return 2
    items = list(_load(args, problems, counts, sys.stderr))
    states = {}
    credited = {}
    state = _chosen_state(args.state, _user_settings() if args.state is None else None)
    try:
        with connect(state, read_only=True) as store:
            states = store.all_states()
            credited = credits(store.history())
    except StoreMissing as exc:  # nothing recorded yet: fine unless a state was named
        if state is not None:
            print(f"briefing: {exc}; exporting without review state", file=sys.stderr)
    except StoreError as exc:
        print(f"briefing: {exc}; exporting without review state", file=sys.stderr)
    entries = collect(items, states, credited, reviewer=reviewer)
    if args.format == "yaml":
        from .digest import select
        from .output import dump_yaml

        chosen = [e.item.to_dict() for e in select(entries, args.only, tag) if e.item is not None]
        text = dump_yaml(chosen) if chosen else "items: []\n"
    elif args.format == "json":
        text = dumps_json(build_json(entries, only=args.only, reviewer=reviewer, tag=tag))
    else:
        text = build_markdown(entries, only=args.only, reviewer=reviewer, tag=tag)
    if reviewer is not None and not entries:
        names = sorted({n for c in credited.values() for n in c.names()})
        known = f"; the trail names {', '.join(visible(n) for n in names)}" if names else ""
        print(f"briefing export: {visible(reviewer)} has no marks, notes or pins here{known}", file=sys.stderr)
    if args.output is None:
        sys.stdout.write(text)
    else:
        try:
            written = write_atomic(args.output, text)
        except OSError as exc:
            print(f"briefing: cannot write {visible(str(args.output))}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        through = f" (the file {visible(str(args.output))} links to)" if written != args.output else ""
        print(f"wrote {visible(str(written))}{through}", file=sys.stderr)
    return 1 if problems else 0


def _cmd_fetch(args: argparse.Namespace) -> int:
    """One pass over the subscriptions, for cron: no terminal, no Textual, one line per feed."""
    import time

    from .cache import open_default_cache
    from .feeds.fetch import Fetcher, due, seconds_until_due
    from .feeds.subscriptions import format_interval
    from .paths import feeds_dir, fetch_state_file, user_config_file
    from .sanitize import visible
    from .settings import load_settings

    config = args.config or user_config_file()
    settings = load_settings(config, explicit=args.config is not None)
    for p in settings.problems:
        print(p, file=sys.stderr, flush=True)
    failed = bool(settings.problems)
    subs = settings.feeds
    if not subs:
        print(f"briefing fetch: no feeds in {visible(str(config))}: add a `feeds:` list of URLs (see the README)",
              file=sys.stderr)
        return 2
    if args.feed:
        by_name = {sub.name: sub for sub in subs}
        unknown = [name for name in args.feed if name not in by_name]
        if unknown:
            names = ", ".join(visible(sub.name) for sub in subs)
            print(f"briefing fetch: no feed named {visible(unknown[0])!r}; the feeds are: {names}", file=sys.stderr)
            return 2
        subs = [by_name[name] for name in dict.fromkeys(args.feed)]
    cache = None if args.no_cache else open_default_cache()
    try:
        with Fetcher(feeds_dir(), fetch_state_file(), cache=cache) as fetcher:
            todo = subs
            if args.due:
                now = time.time()
                todo = due(subs, fetcher.state, now)
                for sub in subs:
                    if sub not in todo:
                        left = format_interval(max(60, round(seconds_until_due(sub, fetcher.state, now) / 60) * 60))
                        print(visible(f"{sub.name}: not due (next in {left})"), flush=True)
            for result in fetcher.fetch_all(todo):
                print(visible(result.line()), flush=True)
                for page in result.pages.failed if result.pages is not None else []:
                    print(visible(f"  {page.message}"), flush=True)  # its entry shows the feed's summary
                failed |= not result.ok
    finally:
        if cache is not None:
            cache.close()
    return 1 if failed else 0


def _cmd_state_copy(args: argparse.Namespace) -> int:
    """FROM is opened read-only, so a copy can never change the store it reads."""
    from .review_state import StoreError
    from .review_store import connect, describe
    from .sanitize import visible
    from .state_copy import CopyReport, copy_state

    reviewer = _reviewer(args.reviewer, _user_settings())
    source_name, target_name = visible(describe(args.source)), visible(describe(args.target))
    report = CopyReport()
    try:
        with connect(args.source, read_only=True, reviewer=reviewer) as source, \
                connect(args.target, reviewer=reviewer) as target:
            if target.read_only:
                print(f"briefing state copy: {target_name} is read-only; nothing was copied", file=sys.stderr)
                return 1
            print(f"copying {source_name} into {target_name} as {visible(reviewer)}", flush=True)
            copy_state(source, target, report)
    except StoreError as exc:
        print(f"briefing state copy: {visible(str(exc))}", file=sys.stderr)
        if report.items_copied or report.pins_copied:
            print(report.summary())
        return 1
    for clash in report.clashes:
        print(f"note conflict: {visible(clash.item_id)}: {source_name} has {clash.source_chars} chars, "
              f"{target_name} has {clash.target_chars} chars; left as {target_name} has it")
    print(report.summary())
    return 1 if report.clashes else 0


def _cmd_log(args: argparse.Namespace) -> int:
    """Read-only: printing the trail never creates or migrates a store."""
    from .audit_log import format_change
    from .review_state import StoreError, StoreMissing
    from .review_store import connect
    from .sanitize import visible

    state = _chosen_state(args.state, _user_settings() if args.state is None else None)
    try:
        with connect(state, read_only=True) as store:
            changes = store.history(item_id=args.item, reviewer=args.reviewer, since=args.since)
    except StoreMissing as exc:
        if state is not None:
            print(f"briefing log: {visible(str(exc))}", file=sys.stderr)
            return 1
        changes = []  # nothing recorded yet: an empty trail
    except StoreError as exc:
        print(f"briefing log: {visible(str(exc))}", file=sys.stderr)
        return 1
    for change in changes:
        print(format_change(change))
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    """Checks everything that would refuse a browser later (token, host, inputs) before listening."""
    import asyncio
    import logging

    from .sanitize import visible
    from .serving.access import Access, AccessError, check_token, is_loopback, new_token, read_token_file
    from .serving.server import BriefingServer, ServeConfig

    generated = args.token is None and args.token_file is None
    if generated and not is_loopback(args.host):
        print(f"briefing serve: {visible(args.host)} can be reached from the network: give --token-file (or "
              "--token) so only the people you gave a token can open the dashboard, or serve on 127.0.0.1 and "
              "reach it with `ssh -L`", file=sys.stderr)
        return 2
    if not 0 <= args.port <= 65535:
        print(f"briefing serve: no such port: {args.port}", file=sys.stderr)
        return 2
    settings = _settings(args) if args.config is not None else _user_settings()
    reviewer = _reviewer(args.reviewer, settings)
    state = _chosen_state(args.state, settings)  # resolved once, so every tab opens the same state
    token = None
    try:
        if args.token_file is not None:
            access = read_token_file(args.token_file)
        else:
            token = new_token() if generated else check_token(args.token, "--token")
            access = Access()
            access.add(token, reviewer)
    except AccessError as exc:
        print(f"briefing serve: {visible(str(exc))}", file=sys.stderr)
        return 2
    arguments: list[str] = []
    if args.config is not None:
        arguments += ["--config", str(args.config.absolute())]
    if state is not None:
        arguments += ["--state", state]
    if args.no_cache:
        arguments.append("--no-cache")
    arguments += ["--", *(str(p.absolute()) for p in args.paths)]
    config = ServeConfig(host=args.host, port=args.port, access=access, max_sessions=args.max_sessions,
                         app_arguments=arguments, public_url=args.public_url)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S", stream=sys.stderr)

    def started(url: str) -> None:
        shown = (args.public_url or url).rstrip("/") + "/"
        if token is not None:
            print(f"briefing serve: open {shown}?token={token}", flush=True)
        else:
            print(f"briefing serve: open {shown}?token=TOKEN with each reviewer's token from "
                  f"{visible(str(args.token_file))}", flush=True)
        print(f"briefing serve: at most {args.max_sessions} tabs at once; Ctrl+C stops the server", flush=True)

    try:
        asyncio.run(BriefingServer(config).run(started))
    except OSError as exc:
        print(f"briefing serve: cannot listen on {visible(args.host)}:{args.port}: {exc.strerror or exc}",
              file=sys.stderr)
        return 1
    return 0


def _mistyped_command(argv: list[str]) -> str | None:
    """The command a first argument that is no file was probably meant to be ("chek" -> "check"):
    taken as a path it would open an empty dashboard and say nothing of the typo."""
    if not argv or argv[0] in COMMANDS or argv[0].startswith("-") or os.sep in argv[0] or "." in argv[0]:
        return None
    if Path(argv[0]).exists():
        return None
    import difflib

    close = difflib.get_close_matches(argv[0], COMMANDS, n=1, cutoff=0.6)
    return close[0] if close else None


def _printable_streams() -> None:
    """A terminal or file whose encoding has no ✓ or · (a Latin-1 locale) gets ? for what it cannot
    show: the commands print marks and item text, and one such character must not stop a log or an
    export half-way with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            "✓·…".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _printable_streams()
    meant = _mistyped_command(argv)
    if meant is not None:
        from .sanitize import visible

        print(f"briefing: {visible(argv[0])!r} is not a command, nor a file or folder here; did you mean "
              f"`briefing {meant}`? (`briefing --help` lists the commands)", file=sys.stderr)
        return 2
    if argv and argv[0] in COMMANDS:
        args = _build_parser().parse_args(argv)
    elif not any(arg.startswith("-") for arg in argv):
        # `briefing` or `briefing PATH...`, the everyday launch: nothing for argparse to do.
        args = SimpleNamespace(paths=[Path(arg) for arg in argv], config=None, state=None, reviewer=None,
                               no_cache=False, command=None)
    else:
        args = _build_app_parser().parse_args(argv)
        args.command = None
    try:
        if args.command is None:
            return _run_app(args)
        if args.command == "parse":
            return _cmd_parse(args)
        if args.command == "export":
            return _cmd_export(args)
        if args.command == "fetch":
            return _cmd_fetch(args)
        if args.command == "state":
            return _cmd_state_copy(args)
        if args.command == "log":
            return _cmd_log(args)
        if args.command == "serve":
            return _cmd_serve(args)
        if args.command == "rules":
            return _cmd_rules(args)
        return _cmd_check(args)
    except _Refused as exc:
        from .sanitize import visible

        print(f"briefing: {visible(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `briefing parse ... | head` closing the pipe early is not an error.
        sys.stderr.close()
        return 0
    except Exception as exc:  # the last line of defence: a report to send, not a traceback on screen
        from .crash_report import save_traceback

        _report_crash(exc, save_traceback(exc, context=f"briefing {args.command or 'dashboard'}"),
                      "stopped on an internal error")
        return EXIT_CRASH
