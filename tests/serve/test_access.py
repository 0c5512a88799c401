"""Tokens and who they stand for: the rules `briefing serve` lets people in by."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.serving.access import Access, AccessError, check_token, is_loopback, new_token, read_token_file


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.0.1", "localhost", "::1", "[::1]"])
def test_loopback_hosts_stay_on_this_machine(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.4", "10.0.0.1", "example.org", ""])
def test_every_other_host_is_the_network(host: str) -> None:
    assert not is_loopback(host)


def test_a_token_opens_for_its_owner_only() -> None:
    access = Access()
    ana, ben = new_token(), new_token()
    access.add(ana, "Ana Duarte")
    access.add(ben, "Ben Ode")
    assert access.owner_of(ana) == "Ana Duarte"
    assert access.owner_of(ben) == "Ben Ode"
    assert access.owner_of(ana[:-1]) is None
    assert access.owner_of(ana + "x") is None
    assert access.owner_of("") is None
    assert access.owner_of(None) is None
    assert access.owner_of("é" * 40) is None  # not ASCII: refused, not an exception


def test_generated_tokens_are_long_and_differ() -> None:
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(check_token(t, "generated") == t for t in tokens)


@pytest.mark.parametrize("token", ["short", "a" * 15, "has space in it ok", "quote\"token-long-enough", "a#b" * 8])
def test_weak_or_mangled_tokens_are_refused(token: str) -> None:
    with pytest.raises(AccessError) as error:
        check_token(token, "--token")
    assert token not in str(error.value)  # a message never repeats the token


def _token_file(tmp_path: Path, text: str, mode: int = 0o600) -> Path:
    path = tmp_path / "tokens"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_a_token_file_names_one_reviewer_per_token(tmp_path: Path) -> None:
    ana, ben = new_token(), new_token()
    path = _token_file(tmp_path, f"# the desk\n{ana} Ana Duarte\n\n{ben}   Ben Ode  # nights\n")
    access = read_token_file(path)
    assert len(access) == 2
    assert access.owner_of(ana) == "Ana Duarte"
    assert access.owner_of(ben) == "Ben Ode"


def test_a_token_file_others_can_read_is_refused(tmp_path: Path) -> None:
    path = _token_file(tmp_path, f"{new_token()} Ana\n", mode=0o644)
    with pytest.raises(AccessError, match="chmod 600"):
        read_token_file(path)


@pytest.mark.parametrize(("text", "message"), [
    ("", "no token"),
    ("# only a comment\n", "no token"),
    (f"{'x' * 43}\n", ":1: a line is a token"),
    ("tooshort Ana\n", ":1: a token must be"),
    (f"{'y' * 43} Ana\n{'z' * 10} Ben\n", ":2: a token must be"),
])
def test_a_bad_token_file_says_where(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(AccessError, match=message):
        read_token_file(_token_file(tmp_path, text))


def test_a_missing_token_file_is_a_message(tmp_path: Path) -> None:
    with pytest.raises(AccessError, match="cannot read"):
        read_token_file(tmp_path / "nope")


def test_owner_names_are_cleaned_of_escape_sequences(tmp_path: Path) -> None:
    token = new_token()
    access = read_token_file(_token_file(tmp_path, f"{token} Ana\x1b[31m Duarte\n"))
    owner = access.owner_of(token)
    assert owner is not None and "\x1b" not in owner and "Ana" in owner
