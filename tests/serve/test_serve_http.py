"""`briefing serve` as a client that is not a browser sees it: who is turned away, and that no app
process is ever started for them; a WebSocket from the page itself does start one, and ends it."""

from __future__ import annotations

import asyncio
import json
import subprocess
from pathlib import Path

import aiohttp
import httpx
import pytest

from briefing_tui.review_store import connect
from briefing_tui.serving.access import new_token
from briefing_tui.serving.server import cookie_name

from ..conftest import SEEDS
from ..e2e.terminal import briefing_command
from .served import Served, start_served, wait_until


@pytest.fixture
def served(tmp_path: Path):
    server = start_served(tmp_path)
    yield server
    assert server.stop() == 0, "".join(server.log)
    assert server.apps() == []


def _port(served: Served) -> int:
    return int(served.base.rstrip("/").rsplit(":", 1)[1])


def test_without_the_token_every_address_is_refused(served: Served) -> None:
    with httpx.Client(base_url=served.base, follow_redirects=False) as client:
        for path in ("/", "/?token=", "/?token=wrong-token-of-good-length", "/static/js/textual.js", "/ws",
                     "/download/abc", f"/?token={new_token()}"):
            response = client.get(path)
            assert response.status_code == 403, path
            assert "access token" in response.text
        # A cookie of the right name with a wrong value is no better.
    with httpx.Client(base_url=served.base, cookies={cookie_name(_port(served)): "x" * 43}) as client:
        assert client.get("/").status_code == 403
    assert served.apps() == []
    assert served.token is not None and "".join(served.log).count(served.token) == 1  # printed once, never logged


def test_the_token_becomes_a_cookie_and_leaves_the_address(served: Served) -> None:
    with httpx.Client(base_url=served.base, follow_redirects=False) as client:
        response = client.get(f"/?token={served.token}&fontsize=18")
        assert response.status_code == 303
        assert response.headers["location"] == "/?fontsize=18"
        cookie = response.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        page = client.get("/?fontsize=18")
        assert page.status_code == 200
        assert 'class="textual-terminal"' in page.text and 'data-font-size="18"' in page.text
        assert served.token not in page.text
        assert page.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
        assert page.headers["referrer-policy"] == "no-referrer"
        assert page.headers["cache-control"] == "no-store"
        assert client.get("/static/js/textual.js").status_code == 200
        # Nothing is loaded from outside the server: no font or script from another host.
        assert "googleapis" not in page.text and "https://" not in page.text
    assert served.apps() == []


async def _websocket_status(served: Served, origin: str | None, *, token: str | None) -> int:
    headers = {"Origin": origin} if origin else {}
    url = served.base.replace("http://", "ws://") + "ws?width=100&height=30"
    cookies = {cookie_name(_port(served)): token} if token else {}
    async with aiohttp.ClientSession(cookies=cookies) as session:
        try:
            async with session.ws_connect(url, headers=headers) as socket:
                await socket.close()
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


async def test_a_websocket_from_another_origin_or_none_is_refused(served: Served) -> None:
    for origin in ("http://evil.example", "null", f"http://localhost:{_port(served)}", None):
        assert await _websocket_status(served, origin, token=served.token) == 403, origin
    assert await _websocket_status(served, served.base.rstrip("/"), token=None) == 403
    assert served.apps() == []


async def test_a_tab_runs_one_dashboard_as_the_tokens_owner_and_ends_it(tmp_path: Path) -> None:
    token = new_token()
    tokens = tmp_path / "tokens"
    tokens.write_text(f"{token} Ben Ode\n")
    tokens.chmod(0o600)
    served = start_served(tmp_path, "--token-file", str(tokens), paths=(SEEDS,))
    try:
        assert served.token is None  # the printed address names no token: each reviewer has their own
        url = served.base.replace("http://", "ws://") + "ws?width=120&height=40"
        received: list[bytes] = []
        async with aiohttp.ClientSession(cookies={cookie_name(_port(served)): token}) as session, \
                session.ws_connect(url, headers={"Origin": served.base.rstrip("/")}) as socket:
            async def read_until(text: str) -> None:
                while text.encode() not in b"".join(received):
                    message = await socket.receive(timeout=120)
                    assert message.type == aiohttp.WSMsgType.BINARY, message
                    received.append(message.data)

            await read_until("Russia and North Korea")
            assert len(served.apps()) == 1
            await socket.send_str(json.dumps(["stdin", "f"]))
            await read_until("\u2691")  # the flag glyph in the list
            await socket.send_str("not json")  # junk from a page is ignored, not a crash
            await socket.send_str(json.dumps(["resize", {"width": -5, "height": "x"}]))
            await socket.send_str(json.dumps(["ping", "t1"]))
            while True:
                message = await socket.receive(timeout=60)
                if message.type == aiohttp.WSMsgType.TEXT and json.loads(message.data) == ["pong", "t1"]:
                    break
        await asyncio.to_thread(wait_until, lambda: served.apps() == [], "the app process to end")
        with connect(served.state, read_only=True) as store:
            flagged = [s for s in store.all_states().values() if s.flagged]
        assert len(flagged) == 1 and flagged[0].updated_by == "Ben Ode"
    finally:
        assert served.stop() == 0
    log = "".join(served.log)
    assert "session 1 opened for Ben Ode" in log and "session 1 ended" in log
    assert token not in log


def _serve(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*briefing_command(), "serve", "--port", "0", *args], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path)


def test_a_host_on_the_network_needs_tokens_given(tmp_path: Path) -> None:
    done = _serve(tmp_path, "--host", "0.0.0.0")
    assert done.returncode == 2
    assert "--token-file" in done.stderr and "ssh -L" in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(("args", "message"), [
    (("--token", "short"), "at least 16 characters"),
    (("--token-file", "missing-file"), "cannot read the token file"),
    (("--max-sessions", "0"), "at least 1"),
])
def test_unusable_settings_are_refused_before_listening(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    done = _serve(tmp_path, *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "short" not in done.stderr or args[1] != "short" or "--token:" in done.stderr


def test_a_port_in_use_is_one_line(tmp_path: Path, served: Served) -> None:
    done = _serve(tmp_path, "--port", str(_port(served)))
    assert done.returncode == 1
    assert "cannot listen on 127.0.0.1" in done.stderr and "Traceback" not in done.stderr


def test_a_network_host_with_a_token_file_serves_each_reviewer(tmp_path: Path) -> None:
    import socket

    ana, ben = new_token(), new_token()
    tokens = tmp_path / "tokens"
    tokens.write_text(f"{ana} Ana Duarte\n{ben} Ben Ode\n")
    tokens.chmod(0o600)
    served = start_served(tmp_path, "--host", "0.0.0.0", "--token-file", str(tokens))
    try:
        assert served.base.startswith(f"http://{socket.gethostname()}:")  # an address another machine can use
        local = f"http://127.0.0.1:{_port(served)}/"
        with httpx.Client(base_url=local, follow_redirects=False) as client:
            assert client.get("/").status_code == 403
            assert client.get(f"/?token={ana}").status_code == 303
            assert client.get(f"/?token={ben}").status_code == 303
            assert client.get(f"/?token={ana[:-2]}").status_code == 403
    finally:
        assert served.stop() == 0
