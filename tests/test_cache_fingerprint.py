"""The parse cache's fingerprint covers what decides an item's content, and nothing else: a change
to launch code (discovery, batches, head starts) must not throw away every user's cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import briefing_tui
from briefing_tui.cache import PARSER_PARTS, fingerprint_of, parser_files, parser_fingerprint

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
