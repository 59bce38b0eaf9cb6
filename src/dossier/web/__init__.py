"""The analyst's web app: one HTML page under ``/app/`` and its bundle under ``/static/``.

``mount_web(app)`` adds them to the HTTP API's FastAPI app. The page is a single-page
app (``web/src``, bundled by ``scripts/build_web.sh`` into ``static/app.js`` and
``static/app.css``) that reads everything through the API, so it holds no data itself:
the page and its assets are public, while the API's own routes keep asking for the
token where the API asks for one (a browser cannot send a bearer token when it opens
a page).

Article text is untrusted. The app builds the DOM from text nodes only, and the page is
served with a Content-Security-Policy that runs no script but the bundle (no inline
script, no ``eval``, no inline style, nothing from another origin).
"""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
INDEX = HERE / "index.html"
BUNDLE = ("app.js", "app.css")

#: Scripts only from this origin (the bundle), no inline script or style, no eval, no
#: plugins, no framing; the app talks to this origin's API only.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def bundle_missing() -> list[str]:
    """The bundle files not built yet (``scripts/build_web.sh`` builds them)."""
    return [name for name in BUNDLE if not (STATIC_DIR / name).is_file()]


def _version() -> str:
    """A cache-busting token for the asset URLs: the bundle's modification time."""
    try:
        return str(int((STATIC_DIR / "app.js").stat().st_mtime))
    except OSError:
        return "0"


def page_html() -> str:
    return INDEX.read_text(encoding="utf-8").replace("__VERSION__", _version())


async def _page(request: Request) -> Response:
    return HTMLResponse(page_html(), headers={**SECURITY_HEADERS, "Cache-Control": "no-cache"})


async def _to_app(request: Request) -> Response:
    return RedirectResponse("/app/", status_code=307)


class _Static(StaticFiles):
    """The bundle, with the same security headers as the page."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers.update({"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"})
        return response


def mount_web(app: FastAPI) -> None:
    """Serve the web app from ``app``: ``/`` and ``/app`` redirect to ``/app/``, which
    (and every path under it) is the page; ``/static/`` holds its bundle.

    Plain Starlette routes, not API routes: they stay out of the OpenAPI schema and out
    of the API's dependencies (the token check), since the page holds no data.
    """
    missing = bundle_missing()
    if missing:
        log.warning("the web app's bundle is not built (%s missing): run scripts/build_web.sh", ", ".join(missing))
    app.router.routes.extend(
        [
            Route("/", _to_app, methods=["GET", "HEAD"], include_in_schema=False),
            Route("/app", _to_app, methods=["GET", "HEAD"], include_in_schema=False),
            Route("/app/", _page, methods=["GET", "HEAD"], include_in_schema=False),
            Route("/app/{path:path}", _page, methods=["GET", "HEAD"], include_in_schema=False),
        ]
    )
    app.mount("/static", _Static(directory=STATIC_DIR, check_dir=False), name="static")


__all__ = ["CONTENT_SECURITY_POLICY", "STATIC_DIR", "bundle_missing", "mount_web"]
