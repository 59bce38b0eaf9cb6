"""Who may call the API: a bearer token, asked of writers always and of readers off loopback.

Bound to loopback (127.0.0.1, ::1, localhost) with no token, the API is the analyst's
own and asks nothing. With a token (``DOSSIER_TOKEN`` or the ``token`` setting), every
write needs ``Authorization: Bearer <token>``; bound to any other address, every read
needs it too, and there the server does not start without one.
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass

from fastapi import HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..errors import ConfigError

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

bearer = HTTPBearer(
    auto_error=False,
    description="`Authorization: Bearer <token>`: for writes when a token is set, and for every request when "
    "the server is bound to an address other than loopback.",
)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: only this machine can connect."""
    host = host.strip().strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Access:
    """The rules one app enforces."""

    token: str | None
    loopback: bool

    @classmethod
    def for_host(cls, host: str, token: str | None) -> Access:
        """ConfigError when ``host`` is not loopback and there is no token to ask for."""
        token = token or None
        loopback = is_loopback(host)
        if not loopback and token is None:
            raise ConfigError(
                f"refusing to serve on {host}, which other machines can reach, without a token: "
                "set DOSSIER_TOKEN (or `token` in dossier.toml), or bind to 127.0.0.1"
            )
        return cls(token=token, loopback=loopback)

    def needs_token(self, method: str) -> bool:
        if self.token is None:
            return False
        return method.upper() not in READ_METHODS or not self.loopback

    def accepts(self, given: str) -> bool:
        return self.token is not None and secrets.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))


def authorize(request: Request, credentials: HTTPAuthorizationCredentials | None = Security(bearer)) -> None:
    """The dependency every route has: 401 unless the request may go on."""
    access: Access = request.app.state.access
    if not access.needs_token(request.method):
        return
    if credentials is None or not access.accepts(credentials.credentials):
        reason = "a bearer token is required" if credentials is None else "the bearer token is not valid"
        raise HTTPException(
            status_code=401,
            detail=f"{reason}: send `Authorization: Bearer <token>`",
            headers={"WWW-Authenticate": "Bearer"},
        )
