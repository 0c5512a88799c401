"""Who may use a served dashboard: access tokens, their owners, and which hosts need one given.

textual-serve itself has no login and accepts a WebSocket from any page, so anyone who can reach
the port could drive an analyst's dashboard. Every request must carry a token; each token has an
owner, whose name is the reviewer the changes made through it are recorded as.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..sanitize import clean_line

# A shorter token can be guessed over the network far too quickly; a generated one is 43 characters.
MIN_TOKEN_LENGTH = 16
TOKEN_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


class AccessError(Exception):
    """A token or token file that cannot be used; the message says why, never the token itself."""


def is_loopback(host: str) -> bool:
    """Only this machine's own users can reach a loopback address; any other host is the network."""
    if host.strip().lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(32)


def _digest(token: str) -> bytes:
    # Tokens are compared as digests of equal length, so neither their length nor their characters
    # leak through the time a comparison takes.
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()


def check_token(token: str, where: str) -> str:
    """A token fit for the network: long enough and free of characters a URL would mangle."""
    if len(token) < MIN_TOKEN_LENGTH:
        raise AccessError(f"{where}: a token must be at least {MIN_TOKEN_LENGTH} characters long")
    if not set(token) <= TOKEN_CHARACTERS:
        raise AccessError(f"{where}: a token may only hold letters, digits and - _ . ~")
    return token


@dataclass
class Access:
    """The tokens that open the dashboard, each with the reviewer it stands for."""

    _owners: list[tuple[bytes, str]] = field(default_factory=list)

    def add(self, token: str, owner: str) -> None:
        self._owners.append((_digest(token), owner))

    def owner_of(self, token: str | None) -> str | None:
        """The owner of ``token``, or None: every token is compared, in constant time, whatever matches."""
        if not token:
            return None
        given = _digest(token)
        found = None
        for digest, owner in self._owners:
            if hmac.compare_digest(given, digest) and found is None:
                found = owner
        return found

    def __len__(self) -> int:
        return len(self._owners)


def read_token_file(path: Path) -> Access:
    """Tokens from a file of ``TOKEN NAME`` lines (``#`` starts a comment): one per reviewer.

    Like ssh with its keys, a file that others may read is refused: its tokens are as good as
    published.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise AccessError(f"{path}: not a regular file")
        if os.name == "posix" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise AccessError(f"{path}: others can read or change this token file; make it yours alone "
                              f"(chmod 600 {path})")
        text = path.read_text(encoding="utf-8")
    except AccessError:
        raise
    except UnicodeDecodeError:
        raise AccessError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise AccessError(f"{path}: cannot read the token file ({exc.strerror or exc})") from None
    access = Access()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        token, _, owner = line.partition(" ")
        owner = clean_line(owner.strip())[:200]
        if not owner:
            raise AccessError(f"{path}:{number}: a line is a token, a space and the reviewer's name")
        access.add(check_token(token, f"{path}:{number}"), owner)
    if not access:
        raise AccessError(f"{path}: no token in the file (a line is a token, a space and the reviewer's name)")
    return access
