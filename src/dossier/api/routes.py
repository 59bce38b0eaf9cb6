"""The routes: thin adapters over ``Store`` and ``pipeline.ingest_records``, one per
command of the same name (``dossier search`` is ``GET /search``)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import Annotated, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.exc import SQLAlchemyError

from ..config import Settings
from ..contract import ActorKind, ClaimStatus, Document
from ..errors import DossierError, InputError, StoreError
from ..ingest.records import Record, checked_records
from ..pipeline import ingest_records
from ..store import SearchHit, Store
from ..store.contradictions import Contradiction
from ..store.core import DocumentSummary
from ..store.dyad import DyadReport
from ..store.export import ExportRow
from ..store.graph import ActorProfile, GraphActor
from ..store.network import Network
from . import params
from .auth import authorize
from .bodies import records_of_request
from .models import (
    DEFAULT_LIMIT,
    MAX_OFFSET,
    ArticleIn,
    ErrorResponse,
    IngestItem,
    IngestResponse,
    Page,
    StoreStats,
)

LOGGER = logging.getLogger(__name__)
Row = TypeVar("Row")

ERRORS = {
    401: {"model": ErrorResponse, "description": "A bearer token is required, or the one given is not valid."},
    422: {"model": ErrorResponse, "description": "A parameter is not valid."},
}
NOT_FOUND = {404: {"model": ErrorResponse, "description": "No such item in the store."}}

router = APIRouter(dependencies=[Depends(authorize)], responses=ERRORS)


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def _page(rows: list[Row], *, limit: int, offset: int, count: int | None = None) -> Page[Row]:
    """A page from ``rows``, read with one row more than ``limit`` to tell whether more follow."""
    more = len(rows) > limit if count is None else offset + limit < count
    return Page[Row](
        data=rows[:limit], count=count, limit=limit, offset=offset, next_offset=offset + limit if more else None
    )


def _asked(exc: StoreError) -> bool:
    """True when the store refused the question (unknown actor, bad dyad), not failed."""
    return not isinstance(exc.__cause__, SQLAlchemyError)


# -- documents ----------------------------------------------------------------------------

_ARTICLE = ArticleIn.model_json_schema()
_ARTICLE.pop("title", None)
_TEXT = {"type": "string"}
POST_BODY = {
    "requestBody": {
        "required": True,
        "description": "One article as a JSON record (or an array of records), JSON lines, a plain-text or "
        "HTML article, or a form: files (.txt, .html, .json, .jsonl) uploaded as multipart/form-data, and "
        "`text` fields, each one article.",
        "content": {
            "application/json": {"schema": {"anyOf": [_ARTICLE, {"type": "array", "items": _ARTICLE}]}},
            "application/x-ndjson": {"schema": _TEXT},
            "text/plain": {"schema": _TEXT},
            "text/html": {"schema": _TEXT},
            "application/x-www-form-urlencoded": {
                "schema": {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        "text": {"type": "string"},
                    },
                }
            },
        },
    }
}


def _ingest(
    store: Store,
    settings: Settings,
    items: Iterable[Record | InputError],
    published,
    lock: threading.Lock,
) -> IngestResponse:
    """Extract and store each record on its own, so one failure is one failed item."""
    results: list[IngestItem] = []
    with lock:  # one extraction at a time: spaCy pipelines are not shared across threads
        for item in checked_records(items, settings.max_text_chars):
            if isinstance(item, InputError):
                results.append(IngestItem(origin=item.origin, status="failed", error=item.reason))
                continue
            if published is not None and item.published is None:
                item.published = published
            try:
                [outcome] = ingest_records(
                    [item],
                    store,
                    batch_size=1,
                    model=settings.model,
                    actors=settings.actors,
                    max_text_chars=settings.max_text_chars,
                )
            except DossierError:
                raise  # the store, a setting or the model: every item would fail the same way
            except Exception as exc:  # an extractor bug on one odd text must not end the batch
                LOGGER.exception("extracting %s failed", item.origin)
                results.append(
                    IngestItem(origin=item.origin, id=item.doc_id, status="failed", error=f"extraction failed: {exc!r}")
                )
                continue
            document = store.get(outcome.doc_id) if outcome.status != "failed" else None
            results.append(
                IngestItem(
                    origin=item.origin,
                    id=outcome.doc_id,
                    status=outcome.status,
                    error=outcome.error,
                    warnings=outcome.warnings,
                    document=document,
                )
            )
    response = IngestResponse(items=results)
    for result in results:
        setattr(response, result.status, getattr(response, result.status) + 1)
    return response


@router.post(
    "/documents",
    response_model=IngestResponse,
    openapi_extra=POST_BODY,
    summary="Ingest articles",
    responses={
        400: {"model": ErrorResponse, "description": "The body cannot be read at all."},
        403: {
            "model": ErrorResponse,
            "description": "Sent by a page of another site, or a text or form body without `X-Dossier-Request`.",
        },
        413: {"model": ErrorResponse, "description": "The body is over `max_file_bytes`."},
        415: {"model": ErrorResponse, "description": "The Content-Type is not one of those listed."},
        422: {"model": ErrorResponse, "description": "No article in the body could be read; `detail` lists why."},
    },
)
async def post_documents(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    published: Annotated[
        str | None,
        Query(
            pattern=params.PERIOD_PATTERN,
            description="Publication date (YYYY-MM-DD) for articles that carry or state none.",
        ),
    ] = None,
) -> IngestResponse:
    """Extract each article, keep it in the store, and say what became of it: `stored`,
    `updated`, `unchanged` or `failed` with the reason. A bad record never stops the others."""
    default_date = params.period(published, "published", end=False)
    items = await records_of_request(request, settings.max_file_bytes)
    response = await run_in_threadpool(_ingest, store, settings, items, default_date, request.app.state.ingest_lock)
    if not response.failed or response.failed < len(response.items):
        return response
    raise HTTPException(
        status_code=422,
        detail=[{"origin": item.origin, "error": item.error} for item in response.items],
    )


@router.get("/documents", response_model=Page[DocumentSummary], summary="List documents")
def list_documents(
    store: StoreDep, limit: params.Limit = DEFAULT_LIMIT, offset: params.Offset = 0
) -> Page[DocumentSummary]:
    """Stored documents, newest first (undated last), with the total count."""
    count, rows = store.list_documents(limit=limit, offset=offset)
    return _page(rows, limit=limit, offset=offset, count=count)


@router.get("/documents/{doc_id:path}", response_model=Document, responses=NOT_FOUND, summary="Get a document")
def get_document(store: StoreDep, doc_id: Annotated[str, Path(description="Document id.")]) -> Document:
    """The document exactly as `dossier extract` printed it (`dossier show`)."""
    return store.get(doc_id)


# -- search and actors --------------------------------------------------------------------


@router.get("/search", response_model=Page[SearchHit], summary="Full-text search")
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=1000, description='Words, "a phrase", `or`, `-word`.')],
    limit: params.Limit = DEFAULT_LIMIT,
    offset: params.Offset = 0,
) -> Page[SearchHit]:
    """Documents matching `q`, best first; in `snippet`, U+0002 and U+0003 enclose each match."""
    return _page(store.search(q, limit=limit + 1, offset=offset), limit=limit, offset=offset)


@router.get("/actors", response_model=Page[GraphActor], summary="List actors")
def list_actors(
    store: StoreDep,
    country: Annotated[str | None, Query(max_length=64, description="ISO 3166 alpha-3, e.g. PRK.")] = None,
    kind: Annotated[ActorKind | None, Query(description="Actor kind.")] = None,
    limit: params.Limit = DEFAULT_LIMIT,
    offset: params.Offset = 0,
) -> Page[GraphActor]:
    """Identities across documents (`dossier actors`), most documents first."""
    country = country.strip().upper() if country else None
    count, found = store.list_actors(country=country, kind=kind, limit=limit, offset=offset)
    return _page(found, limit=limit, offset=offset, count=count)


@router.get("/actors/{actor_id:path}", response_model=ActorProfile, responses=NOT_FOUND, summary="Get an actor")
def get_actor(
    store: StoreDep, actor_id: Annotated[str, Path(description="Graph actor id: PRK, kim-jong-un.")]
) -> ActorProfile:
    """One identity: names, aliases, roles over time, members, decisions (`dossier actors show`)."""
    try:
        return store.identity(actor_id)
    except StoreError as exc:
        if _asked(exc):
            raise HTTPException(status_code=404, detail=str(exc)) from None
        raise


# -- the graph ----------------------------------------------------------------------------


@router.get("/dyads/{a}/{b}", response_model=DyadReport, summary="A dyad's history")
def get_dyad(
    store: StoreDep,
    a: Annotated[str, Path(description="A side: country code (PRK), actor code (IGOUNO) or graph actor id.")],
    b: Annotated[str, Path(description="The other side.")],
    since: params.Since = None,
    until: params.Until = None,
    relation: Annotated[
        Literal["between", "together"] | None,
        Query(description="between: one acts on the other; together: both on one side."),
    ] = None,
    undated: Annotated[bool, Query(description="List events no report dates at all, last.")] = True,
    limit: params.Limit = DEFAULT_LIMIT,
    offset: Annotated[
        int,
        Query(
            ge=-MAX_OFFSET, le=MAX_OFFSET, description="Events to skip; negative: from the end (-50 is the last 50)."
        ),
    ] = 0,
) -> DyadReport:
    """Every event between `a` and `b` in date order, with who reports it and the evidence,
    then the events per quarter (`dossier dyad`). `count` and `quarters` cover all events."""
    start, stop = params.window(since, until)
    try:
        return store.dyad(a, b, since=start, until=stop, relation=relation, limit=limit, offset=offset, undated=undated)
    except StoreError as exc:
        if _asked(exc):
            raise HTTPException(status_code=422, detail=str(exc)) from None
        raise


@router.get("/events", response_model=Page[ExportRow], summary="Event reports")
def list_events(
    store: StoreDep,
    actor: Annotated[
        str | None, Query(max_length=200, description="A side key (PRK, IGOUNO) or graph actor id on either side.")
    ] = None,
    type: Annotated[str | None, Query(description="PLOVER event types, comma-separated: ASSAULT,AID.")] = None,
    status: Annotated[ClaimStatus | None, Query(description="Only reports holding the event so.")] = None,
    since: params.Since = None,
    until: params.Until = None,
    limit: params.Limit = DEFAULT_LIMIT,
    offset: params.Offset = 0,
) -> Page[ExportRow]:
    """One row per event report, as `dossier export --format jsonl` writes them: documents by
    publication date, events in text order. `count` is given on the last page only."""
    start, stop = params.window(since, until)
    types = params.event_types(type, "type")
    count, rows = store.list_events(
        actor=actor, types=types, status=status, since=start, until=stop, limit=limit, offset=offset
    )
    last = offset + limit >= count
    return Page[ExportRow](
        data=rows,
        count=count if last else None,
        limit=limit,
        offset=offset,
        next_offset=None if last else offset + limit,
    )


@router.get("/contradictions", response_model=Page[Contradiction], summary="Contradictions")
def list_contradictions(
    store: StoreDep,
    actor: Annotated[
        str | None, Query(max_length=64, description="A country or IGO code either claim involves: PRK.")
    ] = None,
    limit: params.Limit = DEFAULT_LIMIT,
    offset: params.Offset = 0,
) -> Page[Contradiction]:
    """Claims one source makes and another denies, with both sides' evidence (`dossier contradictions`)."""
    actor = actor.strip().upper() if actor and actor.strip() else None
    found = store.contradictions(actor=actor, limit=offset + limit + 1)
    return _page(found[offset:], limit=limit, offset=offset)


@router.get("/network", response_model=Network, summary="The actor network")
def get_network(
    store: StoreDep, since: params.Since = None, until: params.Until = None, types: params.Types = None
) -> Network:
    """Actors as nodes, directed edges summing the events between them (`dossier network --format json`)."""
    start, stop = params.window(since, until)
    return store.network(since=start, until=stop, types=params.event_types(types))


@router.get("/stats", response_model=StoreStats, summary="Store counts")
def get_stats(store: StoreDep) -> StoreStats:
    """What the store holds (`dossier stats`)."""
    return StoreStats(**store.stats())
