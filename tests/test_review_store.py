"""Choosing a review store: --state as a path or URL, refusing what this version has no store for,
and who the reviewer is."""

from __future__ import annotations

import getpass
import re
from pathlib import Path

import pytest

from briefing_tui.review_state import StoreMissing, StoreReadOnly, StoreUnavailable
from briefing_tui.review_store import (
    STORE_MODULES,
    ReviewStore,
    connect,
    current_reviewer,
    describe,
    in_memory_store,
    open_store,
)

from . import toy_store


def test_a_plain_path_a_path_object_and_the_default_are_state_files(tmp_path: Path,
                                                                      isolated_xdg: Path) -> None:
    assert describe(str(tmp_path / "a.sqlite3")) == str(tmp_path / "a.sqlite3")
    assert describe(tmp_path / "b.sqlite3") == str(tmp_path / "b.sqlite3")
    assert describe(None) == str(isolated_xdg / "xdg_state_home" / "briefing" / "review.sqlite3")
    odd = tmp_path / "sqlite:" / "x"  # a folder named like a scheme is still a folder
    assert describe(odd) == str(odd)


def test_postgresql_urls_name_the_desk_without_the_password() -> None:
    assert describe("postgresql://desk:hunter2@db.example/briefing") == "postgresql://desk@db.example/briefing"
    assert describe("postgres://db/briefing?password=hunter2") == "postgresql://db/briefing"
    assert describe("PostgreSQL+psycopg://db/briefing") == "postgresql://db/briefing"
    assert STORE_MODULES["postgresql"] == STORE_MODULES["postgres"] == "briefing_tui.postgres_store"


def test_sqlite_urls_follow_sqlalchemy(tmp_path: Path) -> None:
    assert describe("sqlite:////abs/review.sqlite3") == "/abs/review.sqlite3"
    assert describe("sqlite:///rel/review.sqlite3") == "rel/review.sqlite3"
    assert describe("SQLite:///rel.sqlite3") == "rel.sqlite3"
    assert describe(f"sqlite:///{tmp_path}/s.sqlite3") == f"{tmp_path}/s.sqlite3"


@pytest.mark.parametrize("target, says", [
    ("mysql://desk@db.example/briefing", "mysql:// review state is not available in this version"),
    ("mysql+pymysql://db/briefing", "mysql:// review state is not available in this version"),
    ("ftp://host/state", "ftp:// review state is not available in this version"),
    ("postgresql://desk:p@ss@db/briefing", "percent-encode special characters"),
    ("sqlite://", "names a state file"),
    ("sqlite://host/state.sqlite3", "names a state file"),
    ("sqlite:///:memory:", "names a state file"),
    ("sqlite:///state.sqlite3?mode=ro", "no options"),
])
def test_what_this_version_cannot_open_is_refused_in_one_line(target: str, says: str) -> None:
    with pytest.raises(StoreUnavailable, match=re.escape(says)) as raised:
        describe(target)
    assert "\n" not in str(raised.value)
    with pytest.raises(StoreUnavailable):
        connect(target)


def test_open_store_falls_back_to_an_empty_read_only_store_with_the_reason() -> None:
    store, message = open_store("mysql://db/briefing")
    assert message is not None and "not available in this version" in message and "read-only" in message
    assert store.read_only and store.all_states() == {}
    with pytest.raises(StoreReadOnly):
        store.set_flagged("x", True)
    store.close()


def test_read_only_connect_to_nothing_says_so_without_creating_it(tmp_path: Path) -> None:
    missing = tmp_path / "none" / "review.sqlite3"
    with pytest.raises(StoreMissing, match="no such state file"):
        connect(missing, read_only=True)
    assert not missing.parent.exists()


def test_a_store_module_is_one_line_in_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(STORE_MODULES, "toy", f"{__package__}.toy_store")
    toy_store.OPENED.clear()
    store, message = open_store("toy://desk/7", reviewer="ana")
    assert message is None and toy_store.OPENED == [("toy://desk/7", False, "ana")]
    assert isinstance(store, ReviewStore) and store.reviewer == "ana"
    assert describe("toy://desk/7") == "the toy store at toy://desk/7"
    store.close()


def test_the_reviewer_is_the_login_name_unless_briefing_reviewer_says(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFING_REVIEWER", raising=False)
    monkeypatch.setattr(getpass, "getuser", lambda: "login-name")
    assert current_reviewer() == "login-name"
    monkeypatch.setenv("BRIEFING_REVIEWER", "Ana Duarte")
    assert current_reviewer() == "Ana Duarte"
    monkeypatch.setenv("BRIEFING_REVIEWER", "Ana\x1b]0;PWNED\x07\nDuarte")
    assert current_reviewer() == "Ana Duarte"  # cleaned like any text it will be shown as
    monkeypatch.setenv("BRIEFING_REVIEWER", "  ")
    assert current_reviewer() == "login-name"


def test_without_a_login_name_the_reviewer_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_user() -> str:
        raise OSError("No username set in the environment")

    monkeypatch.delenv("BRIEFING_REVIEWER", raising=False)
    monkeypatch.setattr(getpass, "getuser", no_user)
    assert current_reviewer() == "unknown"
    with in_memory_store() as store:
        assert store.reviewer == "unknown" and store.set_flagged("x", True).updated_by == "unknown"
