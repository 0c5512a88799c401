"""The dashboard's find and its search index (issue 17): items come without a row on a first launch
and are indexed after loading, off the screen's thread; the next launch has them indexed; find says
the same before, during and after."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from briefing_tui.ui.main_screen import MainScreen

from .helpers import desk_folder, loaded, make_app, status, wait_for

STORIES = {
    "port.txt": "Port talks\n\nSanctions on the port of Nampo were widened, officials said.\n",
    "sea.txt": "A quiet day\n\nA quiet day at sea off Pusan.\n",
    "board.txt": "Board meets\n\nThe sanitary board met in Pyongyang on Tuesday.\n",
    "desk.yaml": "items:\n"
                 "  - id: d1\n    title: Sandra Lee on sanctions\n    body: [\"Sandra Lee spoke for the port.\"]\n"
                 "  - id: d2\n    title: Nothing new\n    body: [\"Nothing to report from Nampo.\"]\n",
}
QUERIES = ["s", "sa", "San", "sanc", "nampo", "Nampo", "nAmpo", "py", "P", "ß", "on the"]


async def found(pilot: Pilot, screen: MainScreen, query: str) -> str:
    await pilot.press("slash", *query)
    await wait_for(pilot, lambda: f"find “{query}”" in status(screen), what=f"find {query!r}")
    text = status(screen)
    await pilot.press("escape")
    return text


async def test_find_is_the_same_before_and_after_the_items_are_indexed(tmp_path: Path) -> None:
    desk = desk_folder(tmp_path, STORIES)
    for launch in ("first", "second"):
        app = make_app([desk])
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await loaded(pilot, 5)
            if launch == "second":  # indexed by the first launch: nothing waits
                assert not screen.index.waiting_for_index()
            index = screen.index
            await wait_for(pilot, lambda: not index.waiting_for_index(), what="every item indexed")  # noqa: B023
            texts = list(screen.index.texts_of(range(5)).values())
            for query in QUERIES:
                exact = any(c.isupper() for c in query)  # smart case
                count = sum((query in t) if exact else (query.casefold() in t.casefold()) for t in texts)
                assert f"find “{query}” {count} item" in await found(pilot, screen, query), (launch, query)
