"""What only the PostgreSQL store has to get right, on a real server: its schema migrations, the
credentials libpq finds and a password never shown, a server that is down or goes away, and several
analysts writing at once."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from briefing_tui.postgres_store import SCHEMA_VERSION
from briefing_tui.review_state import (
    NoteConflict,
    Pin,
    StoreBusy,
    StoreError,
    StoreMissing,
    StoreProblem,
    StoreReadOnly,
    StoreUnavailable,
)
from briefing_tui.review_store import ReviewStore, connect, describe, open_store

from ..pg_server import PASSWORD, PASSWORD_ROLE, PORT, PgServer

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SECRET_SPELLINGS = (PASSWORD, "p%40ss%3Aw%2Frd%20s3cret-Kw9", "s3cret-Kw9")


@pytest.fixture
def database(pg_server: PgServer) -> str:
    return pg_server.fresh_database()


@pytest.fixture
def url(pg_server: PgServer, database: str) -> str:
    return pg_server.url(database)


@pytest.fixture
def no_pg_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No credentials from the person running the tests: each test gives its own."""
    for name in ("PGPASSWORD", "PGSERVICE", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    monkeypatch.setenv("PGSERVICEFILE", str(tmp_path / "no-service-file"))


def _no_secret(text: str) -> None:
    for secret in SECRET_SPELLINGS:
        assert secret not in text, text


def _everything_said(exc: BaseException) -> str:
    """The message and the whole traceback a crash report or log would print."""
    return str(exc) + "".join(traceback.format_exception(exc))


# -- the schema ------------------------------------------------------------------------------


def test_the_schema_is_versioned_and_every_change_records_who_and_when(pg_server: PgServer, database: str,
                                                                        url: str) -> None:
    with connect(url, reviewer="ana") as ana, connect(url, reviewer="ben") as ben:
        ana.set_flagged("x", True)
        ana.pin("x", Pin("quote", "We hold"))
        ben.set_note("x", "checked")
        ben.set_reviewed("y", True)
        ana.forget("y")
    assert pg_server.admin("SELECT version, applied_by FROM schema_version ORDER BY version", dbname=database) == [
        (version, "ana") for version in range(1, SCHEMA_VERSION + 1)]
    [(by, at, change_no)] = pg_server.admin("SELECT updated_by, updated_at, change_no FROM item_state", dbname=database)
    assert by == "ben" and at is not None and change_no == 3
    assert pg_server.admin("SELECT pinned_by FROM pin", dbname=database) == [("ana",)]
    assert pg_server.admin("SELECT item_id, forgotten_by FROM forgotten_item", dbname=database) == [("y", "ana")]


def test_concurrent_first_connects_apply_each_migration_once(pg_server: PgServer, database: str, url: str) -> None:
    code = ("import sys\nfrom briefing_tui.review_store import connect\nprint('ready', flush=True)\n"
            "sys.stdin.readline()\nconnect(sys.argv[1], reviewer='p').close()\nprint('opened', flush=True)\n")
    procs = [subprocess.Popen([sys.executable, "-c", code, url], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT) for _ in range(4)]
    try:
        for proc in procs:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        for proc in procs:  # as close together as the test can make them
            assert proc.stdin is not None
            proc.stdin.write("\n")
            proc.stdin.flush()
        results = [proc.communicate(timeout=120) for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0 and out.strip() == "opened", err
    assert pg_server.admin("SELECT count(*), max(version) FROM schema_version", dbname=database) == [
        (SCHEMA_VERSION, SCHEMA_VERSION)]


def test_a_migration_waits_for_the_advisory_lock_and_finds_the_work_done(pg_server: PgServer, database: str,
                                                                          url: str) -> None:
    import psycopg

    from briefing_tui.postgres_store import MIGRATION_LOCK

    opened: list[ReviewStore] = []
    with psycopg.connect(pg_server.url(database)) as holder:  # a transaction holds the lock
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        thread = threading.Thread(target=lambda: opened.append(connect(url)), daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not pg_server.admin("SELECT 1 FROM pg_stat_activity WHERE application_name = 'briefing' "
                                  "AND wait_event_type = 'Lock' AND datname = %s", database, dbname=database):
            assert time.monotonic() < deadline, "the first connect never waited for the migration lock"
            time.sleep(0.02)
        assert not opened
    thread.join(timeout=60)
    assert len(opened) == 1
    with opened[0] as store:
        assert store.set_flagged("x", True).flagged
    assert pg_server.admin("SELECT count(*) FROM schema_version", dbname=database) == [(SCHEMA_VERSION,)]


def test_a_newer_schema_is_refused_with_a_message_and_nothing_is_written(pg_server: PgServer, database: str,
                                                                          url: str) -> None:
    with connect(url) as store:
        store.set_flagged("x", True)
    pg_server.admin("INSERT INTO schema_version (version, applied_by) VALUES (%s, 'a newer briefing')",
                    SCHEMA_VERSION + 1, dbname=database)
    before = pg_server.admin("SELECT value FROM change_counter", dbname=database)
    for read_only in (False, True):
        with pytest.raises(StoreProblem, match=f"newer briefing \\(schema {SCHEMA_VERSION + 1}; this one knows "
                                               f"{SCHEMA_VERSION}\\): upgrade briefing") as raised:
            connect(url, read_only=read_only)
        assert "\n" not in str(raised.value)
    assert pg_server.admin("SELECT value FROM change_counter", dbname=database) == before
    store, message = open_store(url)
    assert store.read_only and message is not None and "newer briefing" in message
    store.close()


def test_read_only_finds_no_state_in_an_empty_database_and_creates_none(pg_server: PgServer, database: str,
                                                                         url: str) -> None:
    with pytest.raises(StoreMissing, match="no review state there yet"):
        connect(url, read_only=True)
    assert pg_server.admin("SELECT to_regclass('schema_version') IS NULL", dbname=database) == [(True,)]


def test_tables_of_another_program_are_left_untouched(pg_server: PgServer, database: str, url: str) -> None:
    pg_server.admin("CREATE TABLE item_state (id serial PRIMARY KEY, payload text)", dbname=database)
    with pytest.raises(StoreProblem, match=r"tables of another program \(item_state\)"):
        connect(url)
    assert pg_server.admin("SELECT to_regclass('schema_version') IS NULL", dbname=database) == [(True,)]


def test_a_read_only_connection_is_read_only_on_the_server_too(url: str) -> None:
    with connect(url) as store:
        store.set_flagged("x", True)
    with connect(url, read_only=True) as store:
        with pytest.raises(StoreReadOnly):
            store.set_flagged("x", False)
        assert store._conn.execute("SHOW default_transaction_read_only").fetchone() == ("on",)  # type: ignore[attr-defined]


# -- credentials and the password never shown -------------------------------------------------


def test_describe_and_location_never_show_a_password(pg_server: PgServer, database: str, no_pg_env: None) -> None:
    url = pg_server.url(database, user=PASSWORD_ROLE, password=PASSWORD)
    assert describe("postgresql://desk:hunter2@db.example:5433/briefing?sslmode=require&password=x") == (
        "postgresql://desk@db.example:5433/briefing?sslmode=require")
    assert describe("postgres://a:b@h1,h2:5433/d") == "postgresql://a@h1,h2:5433/d"
    assert describe("postgresql+psycopg://db/briefing") == "postgresql://db/briefing"
    assert describe("postgresql://ana%40corp:x@db/x?user=ana@corp") == "postgresql://ana%40corp@db/x?user=ana@corp"
    for raw in ("postgresql://u:p@Zq9@db/x", "postgresql://u:p/Zq9@db/x", "postgresql://u:p Zq9@db/x",
                "postgresql://db/x?password=p&Zq9"):  # a password written raw cannot be told from the rest
        with pytest.raises(StoreUnavailable, match="percent-encode") as raised:
            describe(raw)
        assert "Zq9" not in str(raised.value)
    _no_secret(describe(url))
    with connect(url, reviewer="ana") as store:
        _no_secret(store.location)
        assert store.set_flagged("x", True).flagged


@pytest.mark.parametrize("case", ["wrong password", "no password", "no such database", "server down"])
def test_connection_failures_are_one_clear_line_without_the_password(
        case: str, pg_server: PgServer, database: str, tmp_path: Path, no_pg_env: None) -> None:
    url, says = {
        "wrong password": (pg_server.url(database, user=PASSWORD_ROLE, password=PASSWORD + "-wrong"),
                           f'refused the login for user "{PASSWORD_ROLE}"'),
        "no password": (pg_server.url(database, user=PASSWORD_ROLE), "asks for a password"),
        "no such database": (pg_server.url("nope", user=PASSWORD_ROLE, password=PASSWORD),
                             'database "nope" does not exist'),
        "server down": (f"postgresql://{PASSWORD_ROLE}:{quote(PASSWORD, safe='')}@/{database}?host={tmp_path}"
                        f"&port={PORT}", "no PostgreSQL server answers there"),
    }[case]
    with pytest.raises(StoreProblem) as raised:
        connect(url)
    message = str(raised.value)
    assert says in message and describe(url) in message and "\n" not in message
    _no_secret(_everything_said(raised.value))
    store, shown = open_store(url)  # the dashboard: an empty read-only store and the reason
    assert store.read_only and shown is not None and says in shown
    _no_secret(shown)
    store.close()


def test_credentials_come_the_libpq_way(pg_server: PgServer, database: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch, no_pg_env: None) -> None:
    bare = pg_server.url(database, user=PASSWORD_ROLE)
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    with connect(bare) as store:
        store.set_flagged("by-env", True)
    monkeypatch.delenv("PGPASSWORD")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:{PASSWORD_ROLE}:{PASSWORD.replace(':', chr(92) + ':')}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with connect(bare) as store:
        store.set_flagged("by-pgpass", True)
    services = tmp_path / "pg_service.conf"
    services.write_text(f"[desk]\nhost={pg_server.socket_dir}\nport={PORT}\ndbname={database}\nuser={PASSWORD_ROLE}\n")
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    with connect("postgresql://?service=desk") as store:
        assert set(store.all_states()) == {"by-env", "by-pgpass"}


# -- the server goes away --------------------------------------------------------------------


def test_a_stopped_server_is_a_clear_error_and_the_store_reconnects_when_it_is_back(
        pg_server: PgServer, database: str, no_pg_env: None) -> None:
    url = pg_server.url(database, user=PASSWORD_ROLE, password=PASSWORD)
    with connect(url) as store:
        store.set_flagged("before", True)
        pg_server.stop()
        try:
            for _ in range(2):  # the connection that broke, then a server that is not there
                with pytest.raises(StoreError) as raised:
                    store.set_flagged("during", True)
                message = str(raised.value)
                assert describe(url) in message and "\n" not in message
                _no_secret(_everything_said(raised.value))
            with pytest.raises(StoreError, match="no PostgreSQL server answers there"):
                store.get("before")
        finally:
            pg_server.start()
        assert store.set_flagged("after", True).flagged  # the next action opens a new connection
        assert set(store.all_states()) == {"before", "after"}  # "during" was refused, never half-written


def test_export_reads_the_desk(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from briefing_tui.cli import main

    with connect(url, reviewer="ana") as store:
        store.set_note("desk-2005-ba-fuel", "From the desk database")
    main(["export", str(SEEDS), "--state", url, "--output", str(tmp_path / "digest.md")])
    assert "From the desk database" in (tmp_path / "digest.md").read_text()
    assert "exporting without review state" not in capsys.readouterr().err


def test_export_with_the_server_down_says_so_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         no_pg_env: None) -> None:
    from briefing_tui.cli import main

    url = f"postgresql://{PASSWORD_ROLE}:{quote(PASSWORD, safe='')}@/desk?host={tmp_path}&port={PORT}"
    main(["export", str(SEEDS), "--state", url, "--output", str(tmp_path / "digest.md")])
    err = capsys.readouterr().err
    assert "no PostgreSQL server answers there" in err and "exporting without review state" in err
    _no_secret(err)


# -- several analysts at once ------------------------------------------------------------------


def test_a_writer_held_up_past_the_timeout_is_told_the_desk_is_busy(pg_server: PgServer, database: str,
                                                                     url: str) -> None:
    import psycopg

    with connect(url, timeout=0.2) as store:
        store.set_flagged("x", True)
        with psycopg.connect(pg_server.url(database)) as other:  # another analyst's change, not yet committed
            other.execute("UPDATE change_counter SET value = value + 1")
            with pytest.raises(StoreBusy, match="busy with another analyst's change; the change was not saved"):
                store.set_reviewed("x", True)
        assert store.set_reviewed("x", True).reviewed


def test_analysts_writing_the_same_items_at_once_lose_nothing(url: str) -> None:
    items = [f"item-{n}" for n in range(40)]

    def work(reviewer: str, write: str) -> None:
        with connect(url, reviewer=reviewer) as store:
            for item_id in items:
                getattr(store, write)(item_id, True)
                store.pin(item_id, Pin("quote", reviewer))

    threads = [threading.Thread(target=work, args=("ana", "set_reviewed")),
               threading.Thread(target=work, args=("ben", "set_flagged"))]
    with connect(url) as poller:
        start = poller.version()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        states = poller.all_states()
        assert all(states[i].reviewed and states[i].flagged for i in items)
        assert all({p.text for p in states[i].pins} == {"ana", "ben"} for i in items)
        now, changed = poller.changes_since(start)
        assert now == start + 4 * len(items) and set(changed) == set(items)


def test_text_postgresql_cannot_hold_is_cleaned_not_an_error(url: str) -> None:
    with connect(url) as store:
        assert store.set_note("x", "before\x00after").note == "beforeafter"


def test_the_sqlite_default_never_loads_the_postgresql_driver(tmp_path: Path) -> None:
    code = ("import sys\nfrom briefing_tui.review_store import connect, describe\nimport briefing_tui.cli\n"
            f"connect({str(tmp_path / 'r.sqlite3')!r}).close()\n"
            "print(sorted(m for m in sys.modules if m.startswith('psycopg') or m.endswith('postgres_store')))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={**os.environ})
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stderr


@pytest.fixture(autouse=True)
def _server_left_running(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that stops the server must start it again, or every later test would fail for it."""
    yield
    if "pg_server" in request.fixturenames:
        server: PgServer = request.getfixturevalue("pg_server")
        assert server.running(), "the server was left stopped"


# -- live: LISTEN/NOTIFY ---------------------------------------------------------------------------


def _wait_true(store: ReviewStore, bound: float = 60.0) -> float:
    """Seconds until wait_for_change says True; the bound is only there to catch a hang."""
    start = time.monotonic()
    while time.monotonic() - start < bound:
        if store.wait_for_change(bound):
            return time.monotonic() - start
    raise AssertionError("wait_for_change never answered True")


def test_a_colleagues_change_wakes_the_waiting_window_and_nothing_else_does(url: str) -> None:
    with connect(url, reviewer="ana") as mine, connect(url, reviewer="ben") as theirs:
        assert mine.wait_for_change(5.0)  # listening starts: one poll for anything just before it
        seen = mine.version()
        assert not mine.wait_for_change(0.3)  # no change, no wake-up
        woke: list[float] = []
        waiter = threading.Thread(target=lambda: woke.append(_wait_true(mine)))
        waiter.start()
        time.sleep(0.2)  # the waiter is (most likely) inside its wait; if not, the notice waits for it
        theirs.set_flagged("x", True)
        waiter.join(90)
        assert woke, "the waiting window was never woken"
        now, changed = mine.changes_since(seen)
        assert set(changed) == {"x"} and changed["x"].updated_by == "ben"
        # A burst of changes is one wake-up, not one per change.
        for n in range(20):
            theirs.set_note("burst", f"v{n}")
        assert mine.wait_for_change(30.0)
        assert not mine.wait_for_change(0.3)
        assert mine.changes_since(now)[1]["burst"].note == "v19"


def test_a_rolled_back_change_wakes_nobody(url: str) -> None:
    with connect(url, reviewer="ana") as mine, connect(url, reviewer="ben") as theirs:
        assert mine.wait_for_change(5.0)
        theirs.set_note("x", "base")
        assert mine.wait_for_change(30.0)
        with pytest.raises(NoteConflict):
            theirs.set_note("x", "new", expected="stale")  # refused inside its transaction
        assert not mine.wait_for_change(0.3)


def test_waiting_survives_a_server_restart_and_close_ends_a_wait(pg_server: PgServer, database: str,
                                                                 no_pg_env: None) -> None:
    url = pg_server.url(database, user=PASSWORD_ROLE, password=PASSWORD)
    with connect(url, reviewer="ana") as mine:
        assert mine.wait_for_change(5.0)
        pg_server.stop()
        try:
            assert mine.wait_for_change(2.0)  # the listener broke: poll (and see the failure there)
        finally:
            pg_server.start()
        with connect(url, reviewer="ben") as theirs:
            _wait_true(mine)  # listening again (True at once: a change may have been missed)
            theirs.set_flagged("back", True)
            _wait_true(mine)
            assert theirs.get("back").flagged  # (mine's own connection reopens on its next action)
    ended: list[bool] = []
    store = connect(url)
    assert store.wait_for_change(5.0)
    waiter = threading.Thread(target=lambda: ended.append(store.wait_for_change(3.0)))
    waiter.start()
    time.sleep(0.2)
    store.close()
    waiter.join(30)
    assert ended == [False]


# -- roles -----------------------------------------------------------------------------------------


def test_a_viewer_role_reads_the_desk_and_is_told_why_it_cannot_mark(pg_server: PgServer, database: str,
                                                                      url: str) -> None:
    """The README's roles, set up as written there: reviewers change the desk, viewers only read it."""
    connect(url).close()  # the first start creates the tables (as the database owner)
    ana, max_ = pg_server.desk_roles(database)

    with connect(pg_server.url(database, user=ana), reviewer="ana") as reviewer:
        assert not reviewer.read_only
        reviewer.set_flagged("x", True)
        reviewer.pin("x", Pin("quote", "said"))
        reviewer.forget("x")
        reviewer.set_note("y", "kept")

    store, message = open_store(pg_server.url(database, user=max_), reviewer="max")
    with store:
        assert store.read_only and message is not None
        assert f"your database role ({max_}) may read" in message and "viewer" in message
        assert store.get("y").note == "kept"  # a viewer reads everything
        with pytest.raises(StoreReadOnly):
            store.set_flagged("y", True)
        assert store.wait_for_change(5.0)  # and is told of the reviewers' changes like anyone
    assert store.read_only_reason == message


def test_an_older_desk_is_brought_up_to_date_by_its_owner_and_a_reviewer_is_told_so(
        pg_server: PgServer, database: str, url: str) -> None:
    """Analysts' roles may change rows, not tables: a reviewer opening a desk of an older schema is
    told who can bring it up to date, and nothing is written; the owner's next start does it."""
    connect(url).close()
    ana, _ = pg_server.desk_roles(database)
    for statement in ("ALTER TABLE item_state DROP COLUMN tags",  # the latest migration's change
                      f"DELETE FROM schema_version WHERE version = {SCHEMA_VERSION}"):
        pg_server.admin(statement, dbname=database)  # the desk as the previous version left it
    with pytest.raises(StoreProblem, match=f"schema {SCHEMA_VERSION - 1}, and this briefing needs {SCHEMA_VERSION}; "
                                           "your role may not change its tables: the desk's owner must open it"):
        connect(pg_server.url(database, user=ana), reviewer="ana")
    assert pg_server.admin("SELECT max(version) FROM schema_version", dbname=database) == [(SCHEMA_VERSION - 1,)]
    connect(url).close()  # the owner
    with connect(pg_server.url(database, user=ana), reviewer="ana") as reviewer:
        assert reviewer.claim("x").claim_holder() == "ana"
