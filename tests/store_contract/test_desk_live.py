"""The dashboard on a desk's server: a colleague's change shows without waiting for a poll round."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.review_store import connect
from briefing_tui.ui.widgets.item_list import ItemList

from ..pg_server import PgServer
from ..ui.helpers import loaded, make_app, wait_for


async def test_a_colleagues_marks_show_on_the_dashboard(pg_server: PgServer, tmp_path: Path) -> None:
    url = pg_server.url(pg_server.fresh_database())
    app = make_app(state_path=url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await wait_for(pilot, lambda: screen.review.store is not None and screen.review._watcher is not None,
                       what="the desk opened and watched")
        first, second = (screen.index.summaries[screen.session.rows[i]].id for i in (0, 1))
        with connect(url, reviewer="ben") as colleague:
            colleague.set_flagged(first, True)
            colleague.set_reviewed(second, True)
            await wait_for(pilot, lambda: screen.query_one(ItemList).marks.get(first) == "flagged"
                           and screen.query_one(ItemList).marks.get(second) == "reviewed", what="their marks")
            assert screen.session.states[first].updated_by == "ben"
            colleague.set_flagged(first, False)
            colleague.forget(second)
            await wait_for(pilot, lambda: not screen.session.states, what="their removals")


async def test_a_viewers_marking_keys_say_why_nothing_is_saved(pg_server: PgServer) -> None:
    database = pg_server.fresh_database()
    url = pg_server.url(database)
    connect(url).close()
    _, viewer = pg_server.desk_roles(database)
    app = make_app(state_path=pg_server.url(database, user=viewer))
    notices: list[str] = []
    original = app.notify
    app.notify = lambda message, **kw: (notices.append(str(message)), original(message, **kw))[1]  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await wait_for(pilot, lambda: any("may read" in n for n in notices), what="the reason told at opening")
        assert screen.review.store is not None and screen.review.store.read_only
        notices.clear()
        await pilot.press("f")
        await wait_for(pilot, lambda: any("may read" in n for n in notices), what="the reason on screen")
    assert any(f"your database role ({viewer}) may read" in n for n in notices)


async def test_a_server_that_goes_away_is_said_once_and_its_return_too(pg_server: PgServer) -> None:
    database = pg_server.fresh_database()
    url = pg_server.url(database)
    app = make_app(state_path=url)
    notices: list[str] = []
    original = app.notify
    app.notify = lambda message, **kw: (notices.append(str(message)), original(message, **kw))[1]  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, 5)
        await wait_for(pilot, lambda: screen.review.store is not None and screen.review._watcher is not None,
                       what="the desk opened and watched")
        pg_server.stop()
        try:
            await wait_for(pilot, lambda: any("briefing keeps trying" in n for n in notices), timeout=60,
                           what="the outage on screen")
            # Several polls fail meanwhile (one a second at least); the analyst hears of it once.
            polls_before = len([n for n in notices if "briefing keeps trying" in n])
            await pilot.pause(3)  # not a wait for a result: time for polls that must stay silent
            assert len([n for n in notices if "briefing keeps trying" in n]) == polls_before == 1
        finally:
            pg_server.start()
        await wait_for(pilot, lambda: any("answers again" in n for n in notices), timeout=60, what="the return")
        first = screen.index.summaries[screen.session.rows[0]].id
        await pilot.press("f")
        await wait_for(pilot, lambda: first in screen.session.states and screen.session.states[first].flagged,
                       timeout=30, what="a mark saved after the return")
    with connect(url, read_only=True) as store:
        assert store.get(first).flagged
