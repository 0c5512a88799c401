"""The parse cache's fingerprint covers what decides an item's content, and nothing else: a change
to launch code (discovery, batches, head starts) must not throw away every user's cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import briefing_tui
from briefing_tui.cache import PARSER_PARTS, fingerprint_of, library_versions, parser_files, parser_fingerprint

PACKAGE = Path(briefing_tui.__file__).resolve().parent

PARSER_MODULES = [*(f"loading/readers/{name}.py" for name in ("__init__", "base", "article", "text", "markdown", "html",
                                                                  "yaml_briefing")),
                  "loading/articles.py", "loading/html.py", "loading/structure.py", "loading/related_headings.py",
                  "loading/yaml_items.py", "loading/decode.py", "extract/pipeline.py", "extract/quotes.py",
                  "data/countries.txt", "article_text.py", "model.py", "item_decode.py", "sanitize.py",
                  "summary.py"]
LAUNCH_MODULES = ["loading/head_start.py", "loading/forked_head_start.py", "loading/launch.py",
                  "loading/batch.py", "loading/discover.py", "loading/load.py", "loading/result.py",
                  "cache.py", "catalog.py", "cli.py", "filtering.py"]


def _names(package: Path) -> set[str]:
    return {path.relative_to(package).as_posix() for path in parser_files(package)}


def test_the_parser_and_extraction_are_in_and_launch_code_is_out() -> None:
    names = _names(PACKAGE)
    assert set(PARSER_MODULES) <= names
    assert not names & set(LAUNCH_MODULES)
    assert not any(name.startswith("ui/") for name in names)


def test_every_part_named_exists() -> None:
    """A renamed module would silently leave the fingerprint: each part must still be there."""
    assert [part for part in PARSER_PARTS if not (PACKAGE / part).exists()] == []


def test_editing_launch_code_keeps_the_fingerprint_and_editing_a_reader_changes_it(tmp_path: Path) -> None:
    copy = Path(shutil.copytree(PACKAGE, tmp_path / "briefing_tui", ignore=shutil.ignore_patterns("__pycache__")))
    before = fingerprint_of(copy)
    assert before == parser_fingerprint()  # the copy is this installation
    for launch in ("loading/head_start.py", "loading/batch.py", "loading/discover.py"):
        with open(copy / launch, "a", encoding="utf-8") as fh:
            fh.write("\n# a change to launch code\n")
        assert fingerprint_of(copy) == before, launch
    for parser in ("loading/readers/text.py", "loading/structure.py", "extract/figures.py"):
        with open(copy / parser, "a", encoding="utf-8") as fh:
            fh.write("\n# a change to the parser\n")
        changed = fingerprint_of(copy)
        assert changed != before, parser
        before = changed


def _site(folder: Path, *dists: str) -> str:
    folder.mkdir()
    for dist in dists:
        (folder / f"{dist}.dist-info").mkdir()
    return str(folder)


def test_upgrading_a_library_the_parser_uses_changes_the_fingerprint_and_others_do_not(tmp_path: Path) -> None:
    # Upgrading trafilatura changes what a page's item holds: entries it made must miss.
    old = _site(tmp_path / "old", "trafilatura-2.3.1", "lxml-6.2.1", "textual-8.2.0")
    new = _site(tmp_path / "new", "trafilatura-2.4.0", "lxml-6.2.1", "textual-8.2.0")
    other = _site(tmp_path / "other", "trafilatura-2.3.1", "lxml-6.2.1", "textual-8.2.9", "pytest-9.0")
    assert library_versions([old]) == ["lxml-6.2.1", "trafilatura-2.3.1"]
    assert fingerprint_of(PACKAGE, [old]) != fingerprint_of(PACKAGE, [new])
    assert fingerprint_of(PACKAGE, [old]) == fingerprint_of(PACKAGE, [other])  # the dashboard's libraries
    # As for imports, the first installation on the path is the one used.
    assert fingerprint_of(PACKAGE, [new, old]) == fingerprint_of(PACKAGE, [new])
    assert fingerprint_of(PACKAGE, [str(tmp_path / "missing"), "/dev/null", old]) == fingerprint_of(PACKAGE, [old])


def test_this_installation_s_parser_libraries_are_found() -> None:
    import sys

    names = {entry.split("-", 1)[0] for entry in library_versions(sys.path)}
    assert {"trafilatura", "htmldate", "lxml", "feedparser", "pyyaml"} <= names
