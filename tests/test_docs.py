"""Docs that must stay true: every binding id is in docs/keys.md, README commands match .ci/run."""

import re

from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.main_screen import MainScreen
from briefing_tui.ui.screens.confirm import ConfirmScreen
from briefing_tui.ui.screens.export import ExportScreen
from briefing_tui.ui.screens.help import HelpScreen
from briefing_tui.ui.screens.note_conflict import NoteConflictScreen
from briefing_tui.ui.screens.note_editor import NoteEditor
from briefing_tui.ui.screens.orphans import OrphansScreen
from briefing_tui.ui.screens.problems import ProblemsScreen
from briefing_tui.ui.screens.tags import TagFilterScreen, TagScreen
from briefing_tui.ui.widgets.article_view import ArticleView
from briefing_tui.ui.widgets.find_input import FindInput
from briefing_tui.ui.widgets.item_list import ItemList
from briefing_tui.ui.widgets.panels import Panel

from .conftest import ROOT


def test_every_binding_id_is_documented() -> None:
    documented = set(re.findall(r"^\| `([a-z_.0-9]+)`", (ROOT / "docs" / "keys.md").read_text(), re.M))
    ids = set()
    for cls in (BriefingApp, MainScreen, ItemList, ArticleView, Panel, HelpScreen, ProblemsScreen, NoteEditor,
                ConfirmScreen, ExportScreen, OrphansScreen, FindInput, NoteConflictScreen, TagScreen, TagFilterScreen):
        ids.update(b.id for b in cls.BINDINGS if b.id)
    assert ids - documented == set()


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    assert blocks[1] in (ROOT / ".ci" / "run").read_text()
    assert blocks[0].endswith(".venv/bin/briefing")
