"""The API's own shapes: pages, ingest results, errors. Everything else it sends is a
contract or store model (``Document``, ``SearchHit``, ``ActorProfile``, ``DyadReport``,
``ExportRow``, ``Network``...), so the OpenAPI schema and the JSON Schema agree."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ..contract import Document

Item = TypeVar("Item")

#: Rows a page holds unless ``limit`` says otherwise, and the most it may ask for.
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
#: Offsets past this are refused: no store is that large, and SQL integers have a limit.
MAX_OFFSET = 1_000_000_000


class Page(BaseModel, Generic[Item]):
    """One page of a listing."""

    data: list[Item]
    count: int | None = Field(None, description="Rows in the whole listing; null when counting would cost a full scan.")
    limit: int
    offset: int
    next_offset: int | None = Field(None, description="The offset of the next page; null on the last page.")


class ArticleIn(BaseModel):
    """One article to ingest (``POST /documents`` as ``application/json``): only ``text``
    is required; what is left out is read from the text's own header."""

    model_config = ConfigDict(extra="allow")

    text: str = Field(description="The article text.")
    id: str | int | None = Field(None, description="Document id; default sha256:<hex of text>.")
    title: str | None = None
    published: str | None = Field(None, description="Publication date or timestamp (ISO 8601).")
    outlet: str | None = None
    url: str | None = None
    language: str | None = None


class IngestItem(BaseModel):
    """What became of one article of a ``POST /documents`` body."""

    origin: str = Field(description="Where in the body: `body`, `body:3` (JSON line 3), `body[2]`, or a file name.")
    id: str | None = Field(None, description="The document id (null when the input could not be read).")
    status: Literal["stored", "updated", "unchanged", "failed"]
    error: str | None = Field(None, description="Why it failed.")
    warnings: list[str] = Field(
        default_factory=list, description="What was repaired on the way in, e.g. bytes that were not UTF-8."
    )
    document: Document | None = Field(None, description="The document as stored (null when it failed).")


class IngestResponse(BaseModel):
    """``POST /documents``: one item per article, in body order, and the counts."""

    items: list[IngestItem]
    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0


class StoreStats(BaseModel):
    """``GET /stats``: what the store holds (``Store.stats``)."""

    model_config = ConfigDict(extra="allow")

    documents: int
    actors: int
    mentions: int
    events: int
    attributions: int
    timexes: int
    outlets: int
    earliest_published: dt.date | None = None
    latest_published: dt.date | None = None
    backend: str


class ErrorResponse(BaseModel):
    """Every error: a short phrase, and what exactly was wrong."""

    error: str = Field(description="What kind of error: `not found`, `invalid request`, `unauthorized`...")
    detail: Any = Field(None, description="A message, or a list of problems (`loc`, `msg`) or failed items.")
