"""The pipeline from records to contract documents, and from documents to the store.

``extract`` is the one-article Python API; ``extract_records`` streams many through
``nlp.pipe``; ``ingest_records`` stores them, skipping articles already stored by the
same pipeline before they cost a parse.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationError
from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .contract import Document
from .errors import ConfigError, DossierError, ExtractionError, InputError
from .extract import DEFAULT_STAGES
from .ingest import record_from_text
from .ingest.records import Record, check_record, checked_records
from .limits import DEFAULT_MAX_TEXT_CHARS
from .nlp import PARAGRAPHS, STAGE_FACTORY, failure_of, load_model, results_of, set_published
from .resolve.gazetteer import warm

if TYPE_CHECKING:
    from .store import Store

LOGGER = logging.getLogger(__name__)

Outcome = Literal["stored", "unchanged", "updated", "failed"]
#: Told of each record that is refused or fails, instead of the stream ending.
OnError = Callable[[DossierError], None]


@dataclass
class IngestOutcome:
    """What became of one input: its origin, the document id, and stored/unchanged/... ."""

    origin: str
    doc_id: str | None
    status: Outcome
    error: str | None = None
    #: What the reader repaired in the input, e.g. bytes that were not UTF-8.
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=4)
def load_language(model: str | None = None, *, with_stages: bool = True, actors: tuple[str, ...] = ()) -> Language:
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
    """The contract document of a parsed record; ``ExtractionError`` when a stage failed
    on it or what the stages found does not fit the contract."""
    failure = failure_of(doc)
    if failure is not None:
        raise ExtractionError(record.origin, failure)
    results = results_of(doc)
    try:
        return _document(record, results)
    except ValidationError as exc:
        raise ExtractionError(record.origin, f"the extraction does not fit the contract: {exc}") from exc


def _document(record: Record, results: dict) -> Document:
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
    # Every record here has passed check_record (extract_records, ingest_records): past
    # spaCy's max_length the tokenizer would raise, and inside nlp.pipe end the stream.
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
    return nlp.pipe(_docs_with_records(nlp, records), as_tuples=True, batch_size=batch_size, n_process=n_process)


def extract_records(
    records: Iterable[Record],
    *,
    batch_size: int = 32,
    n_process: int = 1,
    model: str | None = None,
    actors: Iterable[str | Path] = (),
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
    on_error: OnError | None = None,
) -> Iterator[Document]:
    """Contract documents for ``records``, in order; ``actors``: user actor dictionary files.

    A record that is refused (``InputError``: see ``ingest.records.RECORD_CHECKS``) or
    that a stage fails on (``ExtractionError``) is given to ``on_error`` and the others
    go on; without ``on_error`` the error is raised.
    """

    def report(error: DossierError) -> None:
        if on_error is None:
            raise error
        on_error(error)

    def admitted() -> Iterator[Record]:
        for record in records:
            refused = check_record(record, max_text_chars)
            if refused is None:
                yield record
            else:
                report(refused)

    for doc, record in _parsed(admitted(), batch_size=batch_size, n_process=n_process, model=model, actors=actors):
        try:
            yield build_document(doc, record)
        except ExtractionError as error:
            report(error)


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
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
    engine: str = "plain",
    workers: int = 2,
    ray_address: str | None = None,
    on_total: Callable[[int], None] | None = None,
) -> Iterator[IngestOutcome]:
    """Extract and store each record, one transaction per document.

    Records whose text the store already holds from this same pipeline are reported
    "unchanged" without being parsed. Bad inputs (including a record that repeats an id
    of this run with another text) and failed documents are reported "failed" with their
    reason, and the batch goes on.

    ``engine="ray"`` extracts on a pool of ``workers`` Ray actors (a local Ray, or the
    cluster at ``ray_address``) and stores on this process, in input order, so the store
    ends up as the plain engine leaves it (``ray_engine``). It reads every input before it
    starts, and tells ``on_total`` how many outcomes there will be.
    """
    if engine == "ray":
        yield from _ingest_on_ray(
            items, store, batch_size, model, actors, max_text_chars, workers, ray_address, on_total
        )
        return
    if engine != "plain":
        raise ConfigError(f"unknown engine {engine!r}: plain or ray")
    actors = _actor_files(actors)
    tag = pipeline_tag(model, actors)
    settled: deque[IngestOutcome] = deque()

    def needs_parse() -> Iterator[Record]:
        for item in _to_extract(items, store, tag, max_text_chars):
            if isinstance(item, IngestOutcome):
                settled.append(item)
            else:
                yield item

    for doc, record in _parsed(needs_parse(), batch_size=batch_size, n_process=n_process, model=model, actors=actors):
        while settled:
            yield settled.popleft()
        yield _store_one(store, doc, record, tag)
    while settled:
        yield settled.popleft()


def _to_extract(items, store: Store, tag: str, max_text_chars: int) -> Iterator[Record | IngestOutcome]:
    """Each input as a record to extract, or as its outcome already: a bad input has
    failed, a text the store holds from this pipeline is unchanged."""
    for item in checked_records(items, max_text_chars):
        if isinstance(item, InputError):
            yield IngestOutcome(item.origin, None, "failed", item.reason)
        elif store.status(item.doc_id, item.text_sha256, tag) == "current":
            yield IngestOutcome(item.origin, item.doc_id, "unchanged", warnings=item.warnings)
        else:
            yield item


def _ingest_on_ray(items, store, batch_size, model, actors, max_text_chars, workers, address, on_total):
    from .ray_engine import extracted_documents

    actors = _actor_files(actors)
    tag = pipeline_tag(model, actors)
    records, settled = [], []
    for item in _to_extract(items, store, tag, max_text_chars):
        (settled if isinstance(item, IngestOutcome) else records).append(item)
    if on_total is not None:
        on_total(len(settled) + len(records))
    yield from settled
    extracted = extracted_documents(
        records, workers=workers, address=address, batch_size=batch_size, model=model, actors=actors
    )
    for record, document, error in extracted:
        if document is None:
            yield IngestOutcome(record.origin, record.doc_id, "failed", error, record.warnings)
        else:
            yield _save_one(store, document, record, tag)


def _store_one(store: Store, doc: Doc, record: Record, tag: str) -> IngestOutcome:
    try:
        document = build_document(doc, record)
    except ExtractionError as exc:
        return IngestOutcome(record.origin, record.doc_id, "failed", exc.reason, record.warnings)
    return _save_one(store, document, record, tag)


def _save_one(store: Store, document: Document, record: Record, tag: str) -> IngestOutcome:
    def failed(reason: str) -> IngestOutcome:
        return IngestOutcome(record.origin, record.doc_id, "failed", reason, record.warnings)

    try:
        status = store.save(document, pipeline=tag, source=record.origin)
    except DossierError as exc:
        return failed(str(exc))
    except Exception as exc:  # one document the store cannot take must not end the batch
        LOGGER.debug("storing %s failed", record.origin, exc_info=True)
        return failed(f"the store refused the document: {type(exc).__name__}: {exc}")
    return IngestOutcome(record.origin, record.doc_id, status, warnings=record.warnings)
