"""``briefing serve``: the dashboard in a browser tab, one app process per tab, behind a token.

Built on textual-serve's pieces (its AppService runs an app process and relays the terminal
protocol; its static files draw the terminal in the page) with the server around them written
here, because textual-serve's own has no login, accepts a WebSocket from any page, logs request
lines and starts processes without limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import logging
import shlex
import signal
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

import textual_serve
from aiohttp import WSMsgType, web

from .access import Access
from .sessions import Session, Sessions

log = logging.getLogger("briefing.serve")

TOKEN_PARAM = "token"
STATIC = Path(textual_serve.__file__).parent / "static"
# The browser's own protections for a page that types into an analyst's review state: it may not be
# framed (keys could be stolen by a page around it), loads nothing from elsewhere, and a link it
# opens gets neither the address nor a handle back to this tab.
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                                "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                                "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
CAP_MESSAGE = ("\r\n  briefing serve: {taken} of this server {are} in use.\r\n"
               "  Close a browser tab that has briefing open, then reload this page.\r\n")
WebSocketWriter = Callable[[bytes], Awaitable[None]]


@dataclass
class ServeConfig:
    """What the server was asked for; ``app_arguments`` go to every tab's ``briefing``."""

    host: str
    port: int
    access: Access
    max_sessions: int
    app_arguments: list[str] = field(default_factory=list)
    public_url: str | None = None
    title: str = "briefing"


def app_command(arguments: list[str], reviewer: str) -> str:
    """The shell command of one tab's dashboard: this Python, this briefing, as ``reviewer``.

    textual-serve runs its command through the shell, so every part is quoted; ``exec`` makes the
    app the process the server counts and ends, not a shell around it.
    """
    env = f"BRIEFING_REVIEWER={shlex.quote(reviewer)}"
    return f"{env} exec {shlex.join([sys.executable, '-m', 'briefing_tui', *arguments])}"


def cookie_name(port: int) -> str:
    # Browsers keep cookies per host, not per port: two servers on one machine need two names.
    return f"briefing_token_{port}"


class BriefingServer:
    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.sessions = Sessions(config.max_sessions)
        self.port = config.port
        self.page = Template(files("briefing_tui.serving").joinpath("page.html").read_text(encoding="utf-8"))

    # -- the application ---------------------------------------------------------------------

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        app.add_routes([
            web.get("/", self.handle_index),
            web.get("/ws", self.handle_websocket),
            web.get("/download/{key}", self.handle_download),
            web.get("/favicon.ico", self.handle_favicon),
            web.static("/static", STATIC, show_index=False),
        ])
        app.on_response_prepare.append(self._add_headers)
        app.on_shutdown.append(self._on_shutdown)
        return app

    async def _on_shutdown(self, _app: web.Application) -> None:
        await self.sessions.end_all()

    @staticmethod
    async def _add_headers(request: web.Request, response: web.StreamResponse) -> None:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.path == "/":
            response.headers["Cache-Control"] = "no-store"

    @web.middleware
    async def _guard(self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
                     ) -> web.StreamResponse:
        """Every request needs the token, in the URL once or in the cookie set from it then.

        The page is opened once with ``?token=…``; the answer stores it in a cookie only this
        server's pages send (HttpOnly, SameSite=Strict) and sends the browser on to the address
        without it, so it is not left in the address bar, the history or a bookmark.
        """
        given = request.query.get(TOKEN_PARAM)
        token = given if given is not None else request.cookies.get(cookie_name(self.port))
        owner = self.config.access.owner_of(token)
        if owner is None:
            return web.Response(status=403, text="briefing serve: this address needs its access token: open the "
                                "URL the server printed when it started (…/?token=…).\n")
        request["reviewer"] = owner
        if given is not None and request.path == "/":
            rest = request.rel_url.without_query_params(TOKEN_PARAM)
            response = web.HTTPSeeOther(str(rest))
            response.set_cookie(cookie_name(self.port), token, httponly=True, samesite="Strict", path="/",
                                secure=request.secure)
            return response
        return await handler(request)

    # -- handlers ----------------------------------------------------------------------------

    async def handle_index(self, request: web.Request) -> web.Response:
        try:
            font_size = min(max(int(request.query.get("fontsize", "16")), 8), 40)
        except ValueError:
            font_size = 16
        scheme = "wss" if request.secure or (self.config.public_url or "").startswith("https:") else "ws"
        body = self.page.substitute(title=html.escape(self.config.title),
                                    websocket_url=html.escape(f"{scheme}://{request.host}/ws"),
                                    font_size=font_size)
        return web.Response(text=body, content_type="text/html")

    def origin_allowed(self, request: web.Request) -> bool:
        """A WebSocket may only come from this server's own page: a page elsewhere that the browser
        holds the cookie for must not drive the dashboard (cross-site WebSocket hijacking)."""
        origin = request.headers.get("Origin")
        if not origin:
            return False
        allowed = {f"http://{request.host}", f"https://{request.host}"}
        if self.config.public_url:
            parts = urlsplit(self.config.public_url)
            allowed.add(f"{parts.scheme}://{parts.netloc}")
        return origin.rstrip("/") in allowed

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if not self.origin_allowed(request):
            return web.Response(status=403, text="briefing serve: this page may only be opened from the server's "
                                "own address\n")
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=1 << 20)
        await websocket.prepare(request)
        reviewer: str = request["reviewer"]
        session = self.sessions.open(app_command(self.config.app_arguments, reviewer), reviewer,
                                     write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                     close=websocket.close)
        if session is None:
            log.warning("a tab was turned away: all %d sessions are in use", self.sessions.limit)
            with contextlib.suppress(ConnectionError, RuntimeError):
                limit = self.sessions.limit
                taken = f"all {limit} sessions" if limit > 1 else "the one session"
                await websocket.send_bytes(CAP_MESSAGE.format(taken=taken, are="are" if limit > 1 else "is").encode())
            await websocket.close()
            return websocket
        log.info("session %d opened for %s (%d of %d in use)", session.number, reviewer, len(self.sessions),
                 self.sessions.limit)
        try:
            await session.service.start(_size(request, "width", 80), _size(request, "height", 24))
            await self._relay(websocket, session)
        except (ConnectionError, asyncio.CancelledError):
            pass
        except Exception as exc:  # one tab's failure is logged and ends that tab only
            log.error("session %d failed: %s: %s", session.number, type(exc).__name__, exc)
        finally:
            await self.sessions.end(session)
            with contextlib.suppress(Exception):
                await websocket.close()
            log.info("session %d ended (%d of %d in use)", session.number, len(self.sessions), self.sessions.limit)
        return websocket

    @staticmethod
    async def _relay(websocket: web.WebSocketResponse, session: Session) -> None:
        """Keys, sizes and focus from the page to the app, until the tab goes away."""
        service = session.service
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
                kind, data = envelope[0], envelope[1]
            except (ValueError, TypeError, IndexError, KeyError):
                continue  # not the page's protocol: ignored, never a crash
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                width, height = data.get("width"), data.get("height")
                if isinstance(width, int) and isinstance(height, int) and 0 < width <= 1000 and 0 < height <= 1000:
                    await service.set_terminal_size(width, height)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    @staticmethod
    async def handle_favicon(_request: web.Request) -> web.Response:
        return web.Response(status=204)  # browsers ask for one; an error in the console would mislead

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """A file the app delivers to the browser (the digest exported from a tab)."""
        key = request.match_info["key"]
        try:
            meta = await self.sessions.downloads.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text="briefing serve: no such download (it may have been fetched already)\n"
                                   ) from None
        response = web.StreamResponse()
        response.content_type = meta.mime_type
        if meta.encoding:
            response.charset = meta.encoding
        disposition = "inline" if meta.open_method == "browser" else "attachment"
        name = Path(meta.file_name).name.replace('"', "")
        response.headers["Content-Disposition"] = f'{disposition}; filename="{name}"'
        await response.prepare(request)
        async for chunk in self.sessions.downloads.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    # -- running -----------------------------------------------------------------------------

    async def run(self, started: Callable[[str], None], stop: asyncio.Event | None = None) -> None:
        """Serve until SIGINT/SIGTERM (or ``stop``); ``started`` gets the address actually bound."""
        runner = web.AppRunner(self.make_app(), access_log=None, handle_signals=False)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.config.host, self.config.port)
            await site.start()
            self.port = runner.addresses[0][1]
            stop = stop or asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError, RuntimeError):
                    loop.add_signal_handler(sig, stop.set)
            started(f"http://{shown_host(self.config.host)}:{self.port}/")
            await stop.wait()
        finally:
            await runner.cleanup()


def shown_host(host: str) -> str:
    """The host in the address to open: listening on every address (0.0.0.0) is reached by the
    machine's name, which a browser elsewhere can use; an IPv6 address goes in brackets."""
    if host in ("0.0.0.0", "::", ""):
        import socket

        return socket.gethostname()
    return f"[{host}]" if ":" in host else host


def _size(request: web.Request, name: str, default: int) -> int:
    try:
        value = int(request.query.get(name, default))
    except ValueError:
        return default
    return value if 0 < value <= 1000 else default
