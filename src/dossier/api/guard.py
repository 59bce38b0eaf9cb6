"""What the API refuses before any route runs, and the headers every response carries.

The API serves the analyst's own store on the analyst's own machine, where every web
page the analyst opens can make the browser send requests to it. Two rules keep those
pages out:

- **Host** (DNS rebinding): a page on ``evil.example`` can point its name at 127.0.0.1
  and then read the API as its own origin. The browser still sends ``Host:
  evil.example``, so only the names this server is bound to are answered: 127.0.0.1,
  localhost, [::1], the address it serves on, and the names allowed by
  ``create_app(allowed_hosts=...)`` or ``DOSSIER_ALLOWED_HOSTS``. Others get 400.
- **Cross-site writes** (CSRF): any page can have the browser POST a form or a
  ``text/plain`` body to any address without asking first, and without the API's
  answer the write is still done. A write (any method but GET, HEAD, OPTIONS) is
  refused (403) when its ``Origin``, or failing that its ``Referer``, is another
  origin than the server's; and, since a browser may send neither, it must also be
  something no page can send across sites without the browser asking the server
  first (a CORS preflight, which the API never grants): a JSON body, an
  ``X-Dossier-Request`` header or a bearer token. (Only a POST needs this: the browser
  asks first before any other method.)

Every response, errors and the web app's files included, says ``nosniff``, sends no
referrer and may not be framed.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .auth import READ_METHODS
from .bodies import JSON_TYPES, JSONL_TYPES, media_type

ALLOWED_HOSTS_ENV = "DOSSIER_ALLOWED_HOSTS"
#: The names of this machine's loopback addresses, which a page elsewhere cannot take.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
#: The header that shows a write comes from a program, not from a page on another site.
REQUEST_HEADER = "X-Dossier-Request"
#: The one writing method a page on another site can use without the browser asking first.
SIMPLE_WRITE_METHODS = frozenset({"POST"})
#: Bodies a browser sends across sites only after asking the server (which never agrees).
PREFLIGHTED_TYPES = frozenset({*JSON_TYPES, *JSONL_TYPES})
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
}

Refuse = Callable[[int, str], Response]


def secure(headers: MutableHeaders) -> None:
    """Add the security headers a response does not set itself (the web page sets a
    stricter Content-Security-Policy of its own, which is kept)."""
    for name, value in SECURITY_HEADERS.items():
        headers.setdefault(name, value)


def allowed_hosts(host: str, extra: Iterable[str] | None = None) -> frozenset[str]:
    """The Host names answered: loopback, the address served on, ``extra``, and the
    comma-separated names of ``DOSSIER_ALLOWED_HOSTS``; ports are ignored."""
    names = [*LOOPBACK_HOSTS, host, *(extra or ()), *os.environ.get(ALLOWED_HOSTS_ENV, "").split(",")]
    return frozenset(filter(None, (host_name(name) for name in names)))


def host_name(value: str) -> str:
    """``value`` (a Host header or a bare name) without its port and brackets, lowercase."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else ""
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def host_problem(headers: Headers, allowed: frozenset[str]) -> str | None:
    """Why the request's Host is not answered, or None when it is."""
    given = headers.get("host", "")
    if host_name(given) in allowed:
        return None
    shown = f"Host {given!r}" if given else "a request without a Host header"
    return (
        f"{shown} is not a name of this server: a page on another site may have pointed its own name at "
        f"this address. Add the name to {ALLOWED_HOSTS_ENV} (comma-separated) to answer it"
    )


def _origin(url: str) -> tuple[str, str, int | None] | None:
    """``url``'s scheme, host and port (the default port filled in); None when unreadable."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    return parts.scheme.lower(), parts.hostname.lower(), port or DEFAULT_PORTS.get(parts.scheme.lower())


def own_origin(scope: Scope, headers: Headers) -> tuple[str, str, int | None] | None:
    """The origin the request came to: its scheme and its Host header."""
    return _origin(f"{scope.get('scheme', 'http')}://{headers.get('host', '')}")


def cross_site_problem(scope: Scope, headers: Headers) -> str | None:
    """Why a write may come from a page on another site, or None when it cannot."""
    if scope["method"].upper() in READ_METHODS:
        return None
    sender = headers.get("origin") or headers.get("referer")
    if sender is not None and _origin(sender) != own_origin(scope, headers):
        return (
            f"a write sent by {sender.strip()!r} is refused: this server takes writes only from its own "
            "pages and from programs that send no Origin"
        )
    if scope["method"].upper() not in SIMPLE_WRITE_METHODS:
        return None
    if media_type(headers.get("content-type")) in PREFLIGHTED_TYPES or headers.get(REQUEST_HEADER):
        return None
    if headers.get("authorization", "").lower().startswith("bearer "):
        return None
    shown = media_type(headers.get("content-type")) or "a body without a Content-Type"
    return (
        f"a write of {shown} must carry `{REQUEST_HEADER}: 1` (or `Authorization: Bearer <token>`): any web "
        "page can have a browser send such a body, but not that header. JSON bodies need no header"
    )


class Guard:
    """ASGI middleware: the Host and cross-site rules, and the security headers."""

    def __init__(self, app: ASGIApp, *, hosts: frozenset[str], refuse: Refuse) -> None:
        self.app = app
        self.hosts = hosts
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _secured(send)
        headers = Headers(scope=scope)
        problem = host_problem(headers, self.hosts)
        status = 400
        if problem is None:
            problem, status = cross_site_problem(scope, headers), 403
        if problem is not None:
            await self.refuse(status, problem)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _secured(send: Send) -> Callable[[Message], Awaitable[None]]:
    async def send_secured(message: Message) -> None:
        if message["type"] == "http.response.start":
            secure(MutableHeaders(scope=message))
        await send(message)

    return send_secured
