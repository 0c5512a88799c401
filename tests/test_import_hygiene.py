"""The domain core never imports Textual or Rich: it must stay usable and testable without a UI."""

import subprocess
import sys

DOMAIN = [
    "briefing_tui.model",
    "briefing_tui.cli",
    "briefing_tui.loading.load",
    "briefing_tui.loading.yaml_items",
    "briefing_tui.loading.articles",
    "briefing_tui.loading.structure",
    "briefing_tui.extract.pipeline",
    "briefing_tui.output",
    "briefing_tui.review_state",
    "briefing_tui.review_store",
    "briefing_tui.sqlite_store",
    "briefing_tui.digest",
    "briefing_tui.cache",
    "briefing_tui.loading.batch",
    "briefing_tui.filtering",
    "briefing_tui.settings",
    "briefing_tui.watching",
    "briefing_tui.feeds.subscriptions",
    "briefing_tui.feeds.fetch",
    "briefing_tui.tuning",
    "briefing_tui.background",
    "briefing_tui.crash_report",
    "briefing_tui.item_decode",
    "briefing_tui.note_merge",
    "briefing_tui.reading",
    "briefing_tui.writing",
    "briefing_tui.yaml_values",
]


def test_domain_modules_import_no_ui_library() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {DOMAIN!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
