"""Ingest on Ray Data: extraction on a pool of Ray actors, storage on the driver.

``ingest_records(..., engine="ray")`` comes here. The driver reads the inputs and asks the
store which records it already holds, as the plain ingest does; the records left are a
Ray dataset, and ``map_batches`` runs them through a pool of ``workers`` actors, each
loading the spaCy model once. Each worker gives back the contract document as JSON (or
why it could not); the driver saves them in input order, one transaction each, so the
store ends up exactly as the plain ingest leaves it: identities and graph events are
linked by one writer, in the same order.

Without ``address`` a local Ray of ``workers`` CPUs is started and stopped again; with
one (``ray://…`` or ``auto``) the ingest joins that cluster and leaves it running.
Ray is an optional extra (``pip install 'dossier[ray]'``): this module imports it only
when called.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .contract import Document
from .errors import ConfigError
from .ingest.records import Record

RECORD_FIELDS = ("text", "id", "title", "outlet", "url", "language", "origin")


def _row(index: int, record: Record) -> dict:
    row = {name: getattr(record, name) or "" for name in RECORD_FIELDS}
    row["published"] = record.published.isoformat() if record.published else ""
    row["index"] = index
    return row


def _record(row: dict) -> Record:
    fields = {name: (row[name] or None) for name in RECORD_FIELDS}
    fields["text"] = row["text"]
    fields["origin"] = row["origin"] or "<text>"
    published = row["published"]
    return Record(published=dt.date.fromisoformat(published) if published else None, **fields)


class Extractor:
    """A Ray actor: loads the model once, then turns batches of record rows into documents."""

    def __init__(self, model: str | None, actors: list[str]):
        from .pipeline import load_language

        self.nlp = load_language(model, actors=tuple(actors))

    def __call__(self, batch: dict) -> dict:
        from .errors import ExtractionError
        from .nlp import set_published
        from .pipeline import build_document

        rows = [dict(zip(batch, values)) for values in zip(*batch.values())]
        records = [_record(row) for row in rows]
        docs = []
        for record in records:
            doc = self.nlp.make_doc(record.text)
            set_published(doc, record.published)
            docs.append(doc)
        documents, errors = [], []
        for doc, record in zip(self.nlp.pipe(docs, batch_size=max(1, len(docs))), records):
            try:
                documents.append(build_document(doc, record).model_dump_json())
                errors.append("")
            except ExtractionError as exc:
                documents.append("")
                errors.append(exc.reason)
        return {"index": [row["index"] for row in rows], "document": documents, "error": errors}


def _started(address: str | None, workers: int) -> bool:
    """Join the cluster at ``address``, or start a local Ray; True when this call started it."""
    try:
        import ray
    except ImportError:
        raise ConfigError(
            "the ray engine needs Ray: pip install 'dossier[ray]' (or run without --engine ray)"
        ) from None
    if ray.is_initialized():
        return False
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")  # Ray's own log lines stay out of the CLI's
    with _quiet_stderr():  # Ray's C++ core says at start which log level it took
        if address:
            ray.init(address=address, logging_level="ERROR", log_to_driver=False)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
    return True


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Send file descriptor 2 to /dev/null meanwhile (Python's exceptions still propagate)."""
    sys.stderr.flush()
    saved, devnull = os.dup(2), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def extracted_documents(
    records: list[Record],
    *,
    workers: int,
    address: str | None,
    batch_size: int,
    model: str | None,
    actors: Iterable[Path],
) -> Iterator[tuple[Record, Document | None, str]]:
    """(record, document or None, error) for each record, in input order."""
    if not records:
        return
    import ray

    started = _started(address, workers)
    try:
        context = ray.data.DataContext.get_current()
        logging.getLogger("ray.data").setLevel(logging.ERROR)  # after ray.data has set up its logging
        context.execution_options.preserve_order = True  # the store links in input order
        context.enable_progress_bars = False  # the CLI draws one bar for every engine
        dataset = ray.data.from_items([_row(index, record) for index, record in enumerate(records)])
        results = dataset.map_batches(
            Extractor,
            fn_constructor_kwargs={"model": model, "actors": [str(path) for path in actors]},
            batch_size=batch_size,
            compute=ray.data.ActorPoolStrategy(size=workers),
            batch_format="default",
        )
        for row in results.iter_rows():
            record = records[row["index"]]
            document = Document.model_validate_json(row["document"]) if row["document"] else None
            yield record, document, row["error"]
    finally:
        if started:
            ray.shutdown()
