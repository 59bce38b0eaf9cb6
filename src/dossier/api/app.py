"""The application: one ``Store`` per app, the routes, and one error shape for everything.

Every error is JSON, ``{"error": "...", "detail": ...}``: 4xx for what the request got
wrong, 503 when the store fails, 500 (logged, no traceback sent) for anything else.
Before any route, ``guard.Guard`` refuses foreign Host headers (400) and writes a page
on another site could have sent (403); see guard.py.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from contextlib import asynccontextmanager
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..config import Settings, load_settings
from ..errors import (
    ConfigError,
    DocumentNotFound,
    DossierError,
    ExportError,
    InputError,
    ModelNotFound,
    StoreError,
)
from ..store import Store
from .auth import Access
from .bodies import BodyError
from .guard import Guard, allowed_hosts, secure
from .routes import router

LOGGER = logging.getLogger(__name__)

DESCRIPTION = """\
Dossier's knowledge graph of international relations over HTTP: ingest articles, read
documents, search, actors, dyads, events, contradictions, the network. The same
operations as the `dossier` command, with the same names. See docs/api.md.
"""


#: The ``error`` of each status; others take the HTTP reason phrase.
PHRASES = {
    400: "bad request",
    401: "unauthorized",
    403: "forbidden",
    404: "not found",
    413: "body too large",
    415: "unsupported media type",
    422: "invalid request",
    500: "internal error",
    503: "store unavailable",
}


def _error(status: int, detail, headers: dict[str, str] | None = None) -> JSONResponse:
    try:
        phrase = PHRASES.get(status) or HTTPStatus(status).phrase.lower()
    except ValueError:
        phrase = "error"
    return JSONResponse({"error": phrase, "detail": detail}, status_code=status, headers=headers)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    return _error(exc.status_code, exc.detail, getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    # Only where and what: the rejected input is not echoed back (it may not even be text).
    problems = [
        {
            "loc": [str(part) for part in error.get("loc", ())],
            "msg": error.get("msg", ""),
            "type": error.get("type", ""),
        }
        for error in exc.errors()
    ]
    return _error(422, problems)


#: Dossier's errors to HTTP statuses, most specific first.
_STATUSES: tuple[tuple[type[DossierError], int], ...] = (
    (DocumentNotFound, 404),
    (InputError, 400),
    (ExportError, 422),
    (StoreError, 503),
    (ConfigError, 500),
    (ModelNotFound, 500),
)


async def _dossier_error(request: Request, exc: DossierError) -> JSONResponse:
    if isinstance(exc, BodyError):
        return _error(exc.status, str(exc))
    status = next((code for kind, code in _STATUSES if isinstance(exc, kind)), 400)
    if status >= 500:
        LOGGER.error("%s %s: %s", request.method, request.url.path, exc)
    return _error(status, str(exc))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    """The 500: Starlette answers it outside every middleware, so it adds the security
    headers ``Guard`` adds to the others itself."""
    LOGGER.exception("%s %s failed", request.method, request.url.path)
    response = _error(500, "an unexpected error; the server's log has the details")
    secure(response.headers)
    return response


def _hosts(host: str, extra: Iterable[str] | None) -> frozenset[str]:
    """The Host names answered; a lone string is one name, not its letters."""
    return allowed_hosts(host, [extra] if isinstance(extra, str) else extra)


def create_app(
    db_url: str | None = None,
    *,
    token: str | None = None,
    settings: Settings | None = None,
    host: str = "127.0.0.1",
    allowed_hosts: Iterable[str] | None = None,
) -> FastAPI:
    """The HTTP API over the store at ``db_url`` (default: the ``db`` setting).

    ``token`` (default: the ``token`` setting, ``DOSSIER_TOKEN``) is asked of every write,
    and of every read when ``host``, the address served on, is not loopback; there a
    token is required (ConfigError without one). StoreError when the store cannot be opened.

    Only requests whose Host header names loopback, ``host`` or one of ``allowed_hosts``
    (and of ``DOSSIER_ALLOWED_HOSTS``, comma-separated) are answered: the names a proxy
    or other machines reach the server by must be listed.
    """
    settings = settings if settings is not None else load_settings()
    if db_url:
        settings = settings.model_copy(update={"db": db_url})
    access = Access.for_host(host, token if token is not None else settings.token)
    store = Store(settings.db)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        try:
            yield
        finally:
            store.close()

    app = FastAPI(title="Dossier", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.store = store
    app.state.settings = settings
    app.state.access = access
    app.state.ingest_lock = threading.Lock()
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(DossierError, _dossier_error)
    app.add_exception_handler(Exception, _unexpected)
    app.add_middleware(Guard, hosts=_hosts(host, allowed_hosts), refuse=_error)
    app.include_router(router)
    return app
