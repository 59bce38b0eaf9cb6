"""The pipeline from records to contract documents, and from documents to the store.

``extract`` is the one-article Python API; ``extract_records`` streams many through
``nlp.pipe``; ``ingest_records`` stores them, skipping articles already stored by the
same pipeline before they cost a parse.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationError
from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .contract import Document
from .errors import DossierError, InputError
from .extract import DEFAULT_STAGES
from .ingest import record_from_text
from .ingest.records import Record
from .nlp import PARAGRAPHS, STAGE_FACTORY, load_model, results_of, set_published
from .resolve.gazetteer import warm

if TYPE_CHECKING:
    from .store import Store

Outcome = Literal["stored", "unchanged", "updated", "failed"]


@dataclass
class IngestOutcome:
    """What became of one input: its origin, the document id, and stored/unchanged/... ."""

    origin: str
    doc_id: str | None
    status: Outcome
    error: str | None = None


@lru_cache(maxsize=4)
def load_language(
    model: str | None = None, *, with_stages: bool = True, actors: tuple[str, ...] = ()
) -> Language:
    """The spaCy pipeline, with Dossier's stages after spaCy's own when ``with_stages``.

    ``actors`` names user actor dictionary files (a tuple: it is part of the cache key);
    they go into the actors component's config, so worker processes read them too.
    Raises ConfigError for a bad dictionary.
    """
    nlp = load_model(model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    if with_stages:
        for field in DEFAULT_STAGES:
            config: dict = {"field": field}
            if field == "actors" and actors:
                config["actors"] = list(actors)
            nlp.add_pipe(STAGE_FACTORY, name=f"dossier_{field}", config=config)
        warm()
    return nlp


def _actor_files(actors: Iterable[str | Path]) -> tuple[str, ...]:
    return tuple(str(path) for path in actors)


def pipeline_tag(model: str | None = None, actors: Iterable[str | Path] = ()) -> str:
    """Names the extractor that made a stored document, so a newer one re-extracts it.

    User actor dictionaries are part of it (by content), so a changed list re-extracts too.
    """
    actors = _actor_files(actors)
    meta = load_language(model, actors=actors).meta
    tag = f"dossier {__version__}; {meta['lang']}_{meta['name']} {meta['version']}"
    if actors:
        digest = hashlib.sha256()
        for path in actors:
            digest.update(Path(path).read_bytes())
        tag += f"; actors {digest.hexdigest()[:12]}"
    return tag


def build_document(doc: Doc, record: Record) -> Document:
    results = results_of(doc)
    return Document.model_validate(
        {
            "id": record.doc_id,
            "title": record.title,
            "outlet": record.outlet,
            "url": record.url,
            "language": record.language,
            "published": record.published,
            "text": record.text,
            "actors": results.get("actors", []),
            "events": results.get("events", []),
            "attributions": results.get("attributions", []),
            "timexes": results.get("timexes", []),
        }
    )


def _docs_with_records(nlp: Language, records: Iterable[Record]) -> Iterator[tuple[Doc, Record]]:
    for record in records:
        doc = nlp.make_doc(record.text)
        set_published(doc, record.published)
        yield doc, record


def _parsed(
    records: Iterable[Record],
    *,
    batch_size: int,
    n_process: int,
    model: str | None,
    actors: Iterable[str | Path] = (),
) -> Iterator[tuple[Doc, Record]]:
    nlp = load_language(model, actors=_actor_files(actors))
    return nlp.pipe(
        _docs_with_records(nlp, records), as_tuples=True, batch_size=batch_size, n_process=n_process
    )


def extract_records(
    records: Iterable[Record],
    *,
    batch_size: int = 32,
    n_process: int = 1,
    model: str | None = None,
    actors: Iterable[str | Path] = (),
) -> Iterator[Document]:
    """Contract documents for ``records``, in order; ``actors``: user actor dictionary files."""
    for doc, record in _parsed(
        records, batch_size=batch_size, n_process=n_process, model=model, actors=actors
    ):
        yield build_document(doc, record)


def extract(
    text: str,
    *,
    published: dt.date | str | None = None,
    id: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    model: str | None = None,
    actors: Iterable[str | Path] = (),
) -> Document:
    """Read one article. Metadata the caller leaves out is taken from the text's header.

    ``actors`` names user actor dictionary files (YAML, CSV or CAMEO ``.actors.txt``).
    """
    record = record_from_text(text, id=id, title=title, published=published, outlet=outlet, url=url)
    return next(extract_records([record], model=model, actors=actors))


def with_default_published(
    items: Iterable[Record | InputError], published: dt.date | None
) -> Iterator[Record | InputError]:
    """Give ``published`` to records that neither carry nor state a date of their own."""
    for item in items:
        if published and isinstance(item, Record) and item.published is None:
            item.published = published
        yield item


def ingest_records(
    items: Iterable[Record | InputError],
    store: Store,
    *,
    batch_size: int = 32,
    n_process: int = 1,
    model: str | None = None,
    actors: Iterable[str | Path] = (),
) -> Iterator[IngestOutcome]:
    """Extract and store each record, one transaction per document.

    Records whose text the store already holds from this same pipeline are reported
    "unchanged" without being parsed. Bad inputs and failed documents are reported
    "failed" with their reason, and the batch goes on.
    """
    actors = _actor_files(actors)
    tag = pipeline_tag(model, actors)
    settled: deque[IngestOutcome] = deque()

    def needs_parse() -> Iterator[Record]:
        for item in items:
            if isinstance(item, InputError):
                settled.append(IngestOutcome(item.origin, None, "failed", item.reason))
            elif store.status(item.doc_id, item.text_sha256, tag) == "current":
                settled.append(IngestOutcome(item.origin, item.doc_id, "unchanged"))
            else:
                yield item

    for doc, record in _parsed(
        needs_parse(), batch_size=batch_size, n_process=n_process, model=model, actors=actors
    ):
        while settled:
            yield settled.popleft()
        yield _store_one(store, doc, record, tag)
    while settled:
        yield settled.popleft()


def _store_one(store: Store, doc: Doc, record: Record, tag: str) -> IngestOutcome:
    try:
        document = build_document(doc, record)
        status = store.save(document, pipeline=tag, source=record.origin)
    except (DossierError, ValidationError) as exc:
        return IngestOutcome(record.origin, record.doc_id, "failed", str(exc))
    return IngestOutcome(record.origin, record.doc_id, status)
