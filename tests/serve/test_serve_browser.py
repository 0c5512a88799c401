"""`briefing serve` in a real headless browser: Debian's chromium, driven by Playwright.

The page draws the terminal on a canvas, so what a tab shows is read from the bytes its terminal
is sent (Playwright sees the WebSocket frames) and from screenshots; what keys do is read from the
review state the tabs share.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_tui.review_store import connect

from ..conftest import SEEDS
from .served import CHROMIUM, Served, Tab, chromium_args, start_served, tabs_of, wait_until

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
FIRST_TITLE = "Russia and North Korea"
FLAG = "\u2691"


@pytest.fixture
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=chromium_args())
        yield browser
        browser.close()


def _serve(tmp_path: Path, *args: str) -> Served:
    return start_served(tmp_path, *args, paths=(SEEDS,))


def _flagged(served: Served) -> list[str]:
    with connect(served.state, read_only=True) as store:
        return [s.updated_by or "" for s in store.all_states().values() if s.flagged]


def _distinct_colours(png: bytes) -> int:
    """Roughly how many colours a screenshot has, without an image library: the PNG's rows are
    inflated with zlib and their byte triples counted. Row filters blur the exact count, but a page
    of one flat colour still gives a handful and a drawn dashboard hundreds."""
    import struct
    import zlib

    depth, kind = struct.unpack(">BB", png[24:26])
    assert depth == 8 and kind in (2, 6)
    data, offset = b"", 8
    while offset < len(png):
        length, chunk = struct.unpack(">I4s", png[offset:offset + 8])
        if chunk == b"IDAT":
            data += png[offset + 8:offset + 8 + length]
        offset += 12 + length
    raw = zlib.decompress(data)
    return len({raw[i:i + 3] for i in range(0, len(raw) - 3, 21)})


def test_a_tab_shows_the_dashboard_and_its_keys_mark_items_another_tab_sees(tmp_path: Path,
                                                                             browser: object) -> None:
    served = _serve(tmp_path, "--reviewer", "Dee Kaye")
    try:
        first, second = tabs_of(browser, served.url, 2)
        first.wait_for_text(FIRST_TITLE)
        second.wait_for_text(FIRST_TITLE)
        assert "/?token=" not in first.page.url  # the token left the address bar
        wait_until(lambda: len(served.apps()) == 2, "an app process per tab")
        shot = first.page.screenshot(path=str(tmp_path / "served.png"))
        assert _distinct_colours(shot) > 8, "the page drew no dashboard"

        first.page.mouse.click(300, 300)
        first.page.keyboard.press("f")
        wait_until(lambda: _flagged(served) == ["Dee Kaye"], "the flag in the review state, as --reviewer")
        first.wait_for_text(FLAG)
        second.wait_for_text(FLAG)  # the other tab's list shows it, from the shared state
    finally:
        assert served.stop() == 0
    assert served.apps() == []


def test_ten_tabs_opened_and_closed_leave_no_process_behind(tmp_path: Path, browser: object) -> None:
    served = _serve(tmp_path, "--max-sessions", "10")
    try:
        tabs: list[Tab] = list(tabs_of(browser, served.url, 10))
        for tab in tabs:
            tab.wait_for_text(FIRST_TITLE, timeout=180)
        assert len(served.apps()) == 10
        for tab in tabs:
            tab.page.close()
        wait_until(lambda: served.apps() == [], "every app process to end", timeout=120)
        wait_until(lambda: "".join(served.log).count("ended (") == 10, "the server to log every session's end")
        assert "".join(served.log).count("opened for Ana Duarte") == 10
    finally:
        assert served.stop() == 0


def test_tabs_beyond_the_cap_are_told_why_and_start_nothing(tmp_path: Path, browser: object) -> None:
    served = _serve(tmp_path, "--max-sessions", "2")
    try:
        one, two, three = tabs_of(browser, served.url, 3)
        one.wait_for_text(FIRST_TITLE)
        two.wait_for_text(FIRST_TITLE)
        three.wait_for_text("all 2 sessions of this server are in use")
        assert len(served.apps()) == 2
        three.until(lambda: "-closed" in (three.page.get_attribute("body", "class") or ""), "the page to say it ended")
        # Closing a tab frees its place: a new tab is served again.
        one.page.close()
        wait_until(lambda: len(served.apps()) == 1, "the closed tab's process to end")
        (four,) = tabs_of(browser, served.url, 1)
        four.wait_for_text(FIRST_TITLE)
        assert len(served.apps()) == 2
    finally:
        assert served.stop() == 0
    assert served.apps() == []


def test_quitting_in_a_tab_ends_its_process_and_the_page_says_so(tmp_path: Path, browser: object) -> None:
    served = _serve(tmp_path)
    try:
        (tab,) = tabs_of(browser, served.url, 1)
        tab.wait_for_text(FIRST_TITLE)
        tab.page.mouse.click(300, 300)
        tab.page.keyboard.press("q")
        wait_until(lambda: served.apps() == [], "the app to quit")
        tab.until(lambda: "-closed" in (tab.page.get_attribute("body", "class") or ""), "the ended notice")
        assert tab.page.is_visible("text=This briefing session has ended")
    finally:
        assert served.stop() == 0


def _press_until(tab: Tab, key: str, done: object, what: str, attempts: int = 8) -> None:
    """Tab from pane to pane, pressing ``key`` in each, until ``done()``: which pane comes when is the
    dashboard's business, not this test's."""
    for _ in range(attempts):
        tab.page.keyboard.press("Tab")
        tab.page.keyboard.press(key)
        try:
            tab.until(done, what, timeout=3)  # type: ignore[arg-type]
            return
        except AssertionError:
            continue
    raise AssertionError(f"{what}: never happened; the terminal was sent:\n{tab.received()[-2000:]}")


ONE_ITEM = """\
items:
  - id: served-1
    title: Harbour reopens after the storm
    date: 2026-12-07
    source: desk
    body:
      - The harbour reopened on Monday, the port authority said.
    actors:
      - {name: Mara Lind, type: person}
    quotes:
      - {kind: direct, text: We are open for business again, speaker: Mara Lind}
    related:
      - {title: Storm damage in pictures, url: "http://127.0.0.1:9/storm-pictures"}
"""


def test_copy_export_and_links_reach_the_browser(tmp_path: Path, browser: object) -> None:
    briefing = tmp_path / "day.yaml"
    briefing.write_text(ONE_ITEM, encoding="utf-8")
    served = start_served(tmp_path, paths=(briefing,))
    context = browser.new_context(viewport={"width": 1200, "height": 700}, accept_downloads=True)  # type: ignore[attr-defined]
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    requested: list[str] = []
    # Only page loads count: the story must be navigated to (a new tab), not fetched by the page.
    context.on("request", lambda request: requested.append(request.url) if request.is_navigation_request() else None)
    try:
        tab = Tab(context.new_page())
        tab.page.goto(served.url)
        tab.wait_for_text("Harbour reopens")
        tab.page.mouse.click(300, 300)

        # y: the quote, its speaker and its source land on the browser's clipboard (OSC 52).
        def clipboard() -> str:
            return tab.page.evaluate("navigator.clipboard.readText()")

        _press_until(tab, "y", clipboard, "a quote on the clipboard")
        assert clipboard().startswith("“We are open for business again” — Mara Lind")

        # o: the related story's link opens in a new browser tab.
        story = "http://127.0.0.1:9/storm-pictures"  # nothing listens there: the request is what counts
        _press_until(tab, "o", lambda: story in requested, "the related story opened")
        assert tab.page.url.startswith(served.base)  # in a new tab: the dashboard's tab stays where it was

        # e, Enter: the digest is written on the server and the browser downloads a copy. Enter is
        # pressed again until the download starts, in case the first came before the dialog.
        tab.page.keyboard.press("e")
        download = None
        for _ in range(10):
            try:
                with tab.page.expect_download(timeout=3_000) as started:
                    tab.page.keyboard.press("Enter")
                download = started.value
                break
            except Exception:  # Playwright's TimeoutError: no download yet
                continue
        assert download is not None, "the digest was never downloaded"
        saved = Path(download.path())
        assert download.suggested_filename.startswith("digest-")
        text = saved.read_text(encoding="utf-8")
        assert text.startswith("# Briefing digest") and "Harbour reopens after the storm" in text
        assert (tmp_path / download.suggested_filename).read_text(encoding="utf-8") == text
    finally:
        context.close()
        assert served.stop() == 0
