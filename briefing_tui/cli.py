"""The ``briefing`` command line: parse, check and export; the dashboard is imported only when run.

Each command imports what it uses when it runs: launching the dashboard is mostly start-up time,
and it needs neither the YAML writer nor argparse for the common ``briefing [PATH...]``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, TextIO

from . import __version__

if TYPE_CHECKING:
    import argparse

    from .loading.result import LoadResult
    from .model import Item
    from .problems import Problem


def _add_inputs(command: argparse.ArgumentParser) -> None:
    """The inputs every command reads the same way as the dashboard."""
    command.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    command.add_argument("--no-cache", action="store_true", help="parse every article again (no parse cache)")


STATE_HELP = ("review state (marks, notes, pins): a file path or a sqlite:/// URL (sqlite:////absolute/path, "
              "sqlite:///relative/path); default: review.sqlite3 in the user state folder")


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

    export = sub.add_parser(
        "export",
        help="write the digest: marks, notes and pinned quotes and figures of the items",
        description="Load the items as the dashboard would, join them with the review state and write a "
        "digest: Markdown (default) or JSON with the full review state. Written atomically.",
    )
    _add_inputs(export)
    export.add_argument("--format", "-f", choices=("md", "json"), default="md")
    export.add_argument("--only", choices=("flagged", "reviewed", "pinned"),
                        help="only flagged, reviewed, or pinned-from items")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here (default: standard output)")
    export.add_argument("--state", type=_state_target, metavar="FILE|URL", help=STATE_HELP)
    return parser


def _results(args: argparse.Namespace, problems: list[Problem], counts: dict[str, int], report: TextIO, *,
             lazy: bool = False) -> Iterator[LoadResult]:
    """What every file gave, in order; each problem is printed to ``report`` as soon as it is met.

    ``lazy``: entries instead of items (see catalog), read from the cache's summaries as the dashboard
    reads them, without decoding every item.
    """
    from .cache import open_default_cache
    from .loading.batch import load_many

    cache = None if args.no_cache else open_default_cache()
    for path, result, _done, _total in load_many(args.paths, cache=cache, lazy=lazy):
        counts["files"] += path is not None
        counts["failed"] += bool(result.problems)
        problems.extend(result.problems)
        for p in result.problems:
            print(p, file=report, flush=True)
        yield result


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
    problems: list[Problem] = []
    counts = {"files": 0, "failed": 0}
    n_items = sum(len(r.entries or ()) for r in _results(args, problems, counts, sys.stdout, lazy=True))
    if not args.quiet:
        verdict = "no problems" if not problems else f"{len(problems)} problem{'s' * (len(problems) != 1)}"
        print(f"{counts['files']} file{'s' * (counts['files'] != 1)}, {n_items} item{'s' * (n_items != 1)}, "
              f"{verdict}")
    return 1 if problems else 0


COMMANDS = ("parse", "check", "export")


def _build_app_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="briefing",
        usage="briefing [--config FILE] [--state FILE|URL] [PATH ...]\n       briefing {parse,check,export} ...",
        description="Review news briefings in the terminal. PATHs are articles (.txt, .md, .html), "
        "YAML briefing files, or folders of them (read recursively); with none, the bundled samples open.",
        epilog="commands:\n  parse    parse files and print one object per item (briefing parse --help)\n"
        "  check    load files as the dashboard would and list every problem (briefing check --help)\n"
        "  export   write the digest of marks, notes and pins (briefing export --help)\n\n"
        "In the dashboard press ? for every key.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="settings file (keyword hotkeys, key remaps); default: config.yaml in the "
                        "user config folder")
    parser.add_argument("--state", type=_state_target, metavar="FILE|URL", help=STATE_HELP)
    parser.add_argument("--no-cache", action="store_true", help="parse every article again; do not read or "
                        "write the parse cache")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    return parser


def _run_app(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print("briefing: the dashboard needs a terminal; for scripts use `briefing parse` or `briefing check`",
              file=sys.stderr)
        return 2
    from .loading.launch import begin_head_start
    from .resources import seeds_dir

    paths = args.paths or [seeds_dir()]
    # Loading begins before the UI is even imported: the first rows are ready when the screen mounts.
    head_start = begin_head_start(paths, use_cache=not args.no_cache)

    from .paths import cache_dir, user_config_file
    from .settings import load_settings
    from .ui.app import BriefingApp

    try:
        settings = load_settings(args.config or user_config_file(), explicit=args.config is not None,
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
    app = BriefingApp(paths, settings, use_cache=not args.no_cache, state_path=args.state, head_start=head_start)
    result = app.run()
    for note in app.exit_notes:
        print(f"briefing: {note}", file=sys.stderr)
    if app.crash is not None:
        _report_crash(app.crash, app.crash_report, "the dashboard stopped on an internal error")
        return EXIT_CRASH
    return app.return_code or result or 0


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
    from .review_state import StoreError, StoreMissing
    from .review_store import connect
    from .sanitize import visible
    from .writing import write_atomic

    problems: list[Problem] = []
    counts = {"files": 0, "failed": 0}
    items = list(_load(args, problems, counts, sys.stderr))
    states = {}
    try:
        with connect(args.state, read_only=True) as store:
            states = store.all_states()
    except StoreMissing as exc:  # nothing recorded yet: fine unless a state was named
        if args.state is not None:
            print(f"briefing: {exc}; exporting without review state", file=sys.stderr)
    except StoreError as exc:
        print(f"briefing: {exc}; exporting without review state", file=sys.stderr)
    entries = collect(items, states)
    if args.format == "json":
        text = dumps_json(build_json(entries, only=args.only))
    else:
        text = build_markdown(entries, only=args.only)
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


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in COMMANDS:
        args = _build_parser().parse_args(argv)
    elif not any(arg.startswith("-") for arg in argv):
        # `briefing` or `briefing PATH...`, the everyday launch: nothing for argparse to do.
        args = SimpleNamespace(paths=[Path(arg) for arg in argv], config=None, state=None, no_cache=False,
                               command=None)
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
        return _cmd_check(args)
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
