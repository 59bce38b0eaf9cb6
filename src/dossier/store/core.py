"""``Store``: documents in SQLite or PostgreSQL, one transaction per document."""

from __future__ import annotations

import datetime as dt
import threading
from contextlib import contextmanager, nullcontext
from typing import Any, Iterator, Literal

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from pydantic import BaseModel
from sqlalchemy import Connection, delete, distinct, func, select, text, update
from sqlalchemy.exc import SQLAlchemyError

from ..config import DEFAULT_DB_URL
from ..contract import Document
from ..errors import DocumentNotFound, StoreError
from . import codec, graph
from .contradictions import Contradiction, find_contradictions
from .dyad import DyadReport, dyad
from .engine import MIGRATIONS_DIR, WRITE, create_store_engine, is_memory, parse_url, safe_url
from .export import ExportRow, Output, iter_export, list_reports, write_export
from .network import Network, network
from .schema import CHILD_TABLES, actors, attributions, documents, events, mentions, timexes
from .search import SearchHit, search

Status = Literal["missing", "current", "stale"]
SaveResult = Literal["stored", "unchanged", "updated"]

#: Key of the PostgreSQL advisory lock taken while migrating ("dossier" in ASCII).
_MIGRATION_LOCK = 0x646F7373696572
#: Key of the lock held while a writer changes the graph ("graph" in ASCII): identities
#: and merged events are shared by every document, so one writer links at a time.
_GRAPH_LOCK = 0x6772617068
_ID_PAGE = 1000


class DocumentSummary(BaseModel):
    """A stored document as a listing shows it: id, title, outlet, date, URL."""

    id: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None


class ActorSummary(BaseModel):
    """An actor across the stored documents: one (name, kind, country)."""

    name: str
    kind: str
    country: str | None = None
    code: str | None = None
    sector: str | None = None
    documents: int
    mentions: int


def alembic_config() -> Config:
    """An Alembic configuration for the store's migrations, built in code (no .ini)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _reason(exc: BaseException) -> str:
    """The driver's message on one line, without SQLAlchemy's statement dump."""
    orig = getattr(exc, "orig", None)
    message = str(orig if orig is not None else exc)
    return " ".join(message.split()) or type(exc).__name__


def _insert(conn: Connection, table, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(table.insert(), rows)


def _delete_document(conn: Connection, doc_id: str) -> tuple[int, tuple[set[int], set[str]]]:
    """Delete the document's rows; returns the count of documents deleted, the graph
    events that lost a report and the identities that lost a member (to refresh and
    prune once the replacement, if any, is linked)."""
    touched = graph.unlink_document(conn, doc_id)
    for table in reversed(CHILD_TABLES):
        conn.execute(delete(table).where(table.c.document_id == doc_id))
    return conn.execute(delete(documents).where(documents.c.id == doc_id)).rowcount, touched


class Store:
    """Where documents are kept: SQLite (the default) or PostgreSQL.

    ``Store(url)`` connects and brings the schema up to date (``alembic upgrade head``);
    a bad URL or an unreachable server raises ``StoreError``. Use it as a context
    manager, or call ``close()``.
    """

    def __init__(self, url: str | None = None):
        self.url = url or DEFAULT_DB_URL
        parsed = parse_url(self.url)
        self.safe_url = safe_url(parsed)
        self.engine = create_store_engine(parsed)
        self.backend: str = self.engine.dialect.name
        # An in-memory SQLite database is one connection: one thread uses it at a time.
        self._lock = threading.RLock() if self.backend == "sqlite" and is_memory(parsed) else nullcontext()
        try:
            self._migrate()
        except CommandError as exc:
            self.engine.dispose()
            raise StoreError(
                f"cannot migrate the store at {self.safe_url}: {exc} (was it written by a newer version of Dossier?)"
            ) from exc
        except (SQLAlchemyError, OSError) as exc:
            self.engine.dispose()
            raise StoreError(f"cannot open the store at {self.safe_url}: {_reason(exc)}") from exc
        except BaseException:
            self.engine.dispose()
            raise

    def __repr__(self) -> str:
        return f"Store({self.safe_url!r})"

    # -- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _migrate(self) -> None:
        """Bring the schema to the latest revision, safe from any number of processes.

        A store already there opens with reads only, so opening one does not queue
        behind a long write. Otherwise the migration runs under the write lock (SQLite:
        ``BEGIN IMMEDIATE`` under the busy timeout; PostgreSQL: an advisory lock), and
        Alembic reads the revision again inside it: of processes opening a fresh store
        at once, one builds the schema and the others find it built.
        """
        config = alembic_config()
        head = ScriptDirectory.from_config(config).get_current_head()
        with self._lock, self.engine.connect() as conn:
            with conn.begin():
                if self._current(conn) == head and not graph.needs_rebuild(conn):
                    return
        with self._lock, self.engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                self._upgrade(conn, config)
                if graph.needs_rebuild(conn):  # documents stored before the graph existed
                    graph.rebuild(conn)

    @staticmethod
    def _current(conn: Connection) -> str | None:
        return MigrationContext.configure(conn).get_current_revision()

    def _upgrade(self, conn: Connection, config: Config) -> None:
        if self.backend == "postgresql":  # two processes opening a fresh database
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = conn
        command.upgrade(config, "head")

    def revision(self) -> str | None:
        """The schema's Alembic revision."""
        with self._read() as conn:
            return self._current(conn)

    # -- transactions ------------------------------------------------------------------

    @contextmanager
    def _read(self, *, snapshot: bool = False) -> Iterator[Connection]:
        """A read transaction; ``snapshot``: every query sees the same state (PostgreSQL
        needs REPEATABLE READ for that; a SQLite transaction always does)."""
        with self._lock, self._errors("cannot read the store"), self.engine.connect() as conn:
            if snapshot and self.backend == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            yield conn

    @contextmanager
    def _write(self, what: str = "cannot write to the store") -> Iterator[Connection]:
        with self._lock, self._errors(what), self.engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                yield conn

    def _lock_graph(self, conn: Connection) -> None:
        """PostgreSQL: wait for other writers' graph changes (SQLite has one writer)."""
        if self.backend == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _GRAPH_LOCK})

    @contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as exc:
            raise StoreError(f"{what} ({self.safe_url}): {_reason(exc)}") from exc

    # -- documents ---------------------------------------------------------------------

    def status(self, doc_id: str, text_sha256: str, pipeline: str) -> Status:
        """ "missing" (no such id), "current" (same text, same pipeline) or "stale"."""
        with self._read() as conn:
            row = conn.execute(
                select(documents.c.text_sha256, documents.c.pipeline).where(documents.c.id == doc_id)
            ).first()
        if row is None:
            return "missing"
        return "current" if (row.text_sha256, row.pipeline) == (text_sha256, pipeline) else "stale"

    def save(self, doc: Document, *, pipeline: str, source: str | None = None) -> SaveResult:
        """Keep ``doc``: all its rows or none, in one transaction.

        "stored" for a new id; "unchanged" when the same document is stored already
        (its rows are left alone; only a new ``pipeline`` tag or ``source`` is noted);
        "updated" when the id was stored with another text or extraction, whose rows
        are replaced.
        """
        content_hash = codec.content_sha256(doc)
        document, rows = codec.document_rows(doc)
        with self._write(f"cannot save document {doc.id!r}") as conn:
            if self.backend == "postgresql":  # one writer per id: no race on the insert
                conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:id, 0))"), {"id": doc.id})
            old = conn.execute(
                select(documents.c.content_sha256, documents.c.pipeline, documents.c.source).where(
                    documents.c.id == doc.id
                )
            ).first()
            if old is not None and old.content_sha256 == content_hash:
                changes: dict[str, Any] = {}
                if old.pipeline != pipeline:
                    changes["pipeline"] = pipeline
                if source is not None and old.source != source:
                    changes["source"] = source
                if changes:
                    conn.execute(update(documents).where(documents.c.id == doc.id).values(**changes))
                return "unchanged"
            touched: set[int] = set()
            left: set[str] = set()
            if old is not None:
                self._lock_graph(conn)
                _, (touched, left) = _delete_document(conn, doc.id)
            document.update(
                text_sha256=codec.text_sha256(doc.text),
                content_sha256=content_hash,
                pipeline=pipeline,
                source=source if source is not None else (old.source if old is not None else None),
                ingested_at=dt.datetime.now(dt.timezone.utc),
            )
            _insert(conn, documents, [document])
            for table in CHILD_TABLES:
                _insert(conn, table, rows[table.name])
            # A new document's own rows go in beside other writers; linking it waits its turn.
            self._lock_graph(conn)
            graph.refresh_events(conn, touched)
            graph.link_document(conn, doc.id)
            graph.prune_actors(conn, left)
        return "stored" if old is None else "updated"

    def get(self, doc_id: str) -> Document:
        """The document exactly as it was saved; DocumentNotFound when there is none."""
        with self._read(snapshot=True) as conn:
            document = conn.execute(select(documents).where(documents.c.id == doc_id)).mappings().first()
            if document is None:
                raise DocumentNotFound(doc_id)

            def rows(table, *order):
                query = select(table).where(table.c.document_id == doc_id).order_by(*order)
                return conn.execute(query).mappings().all()

            return codec.rows_to_document(
                document,
                rows(actors, actors.c.seq),
                rows(mentions, mentions.c.actor_id, mentions.c.seq),
                rows(events, events.c.seq),
                rows(attributions, attributions.c.seq),
                rows(timexes, timexes.c.seq),
            )

    def __contains__(self, doc_id: object) -> bool:
        if not isinstance(doc_id, str):
            return False
        with self._read() as conn:
            return conn.execute(select(documents.c.pk).where(documents.c.id == doc_id)).first() is not None

    def delete(self, doc_id: str) -> None:
        """Remove the document and all its rows; DocumentNotFound when there is none."""
        with self._write(f"cannot delete document {doc_id!r}") as conn:
            self._lock_graph(conn)
            deleted, (touched, left) = _delete_document(conn, doc_id)
            if not deleted:
                raise DocumentNotFound(doc_id)
            graph.refresh_events(conn, touched)
            graph.prune_actors(conn, left)

    def document_ids(self) -> Iterator[str]:
        """Every stored id, in order; read page by page, so no lock is held in between."""
        last: str | None = None
        while True:
            query = select(documents.c.id).order_by(documents.c.id).limit(_ID_PAGE)
            if last is not None:
                query = query.where(documents.c.id > last)
            with self._read() as conn:
                page = conn.execute(query).scalars().all()
            yield from page
            if len(page) < _ID_PAGE:
                return
            last = page[-1]

    def list_documents(self, *, limit: int = 50, offset: int = 0) -> tuple[int, list[DocumentSummary]]:
        """The count of stored documents and one page of them, newest first (undated last)."""
        d = documents
        query = (
            select(d.c.id, d.c.title, d.c.outlet, d.c.published, d.c.url)
            .order_by(d.c.published.is_(None), d.c.published.desc(), d.c.id)
            .limit(limit)
            .offset(offset)
        )
        with self._read(snapshot=True) as conn:
            count = conn.execute(select(func.count()).select_from(d)).scalar_one()
            return count, [DocumentSummary(**row) for row in conn.execute(query).mappings()]

    # -- queries -----------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Documents matching ``query`` (words, "a phrase", or, -word), best first."""
        with self._read() as conn:
            return search(conn, query, limit=limit, offset=offset)

    def actors(
        self, *, country: str | None = None, kind: str | None = None, limit: int | None = None
    ) -> list[ActorSummary]:
        """Actors grouped across documents by (name, kind, country), most documents first."""
        counts = (
            select(mentions.c.document_id, mentions.c.actor_id, func.count().label("n"))
            .group_by(mentions.c.document_id, mentions.c.actor_id)
            .subquery()
        )
        n_documents = func.count(distinct(actors.c.document_id)).label("documents")
        query = (
            select(
                actors.c.name,
                actors.c.kind,
                actors.c.country,
                func.max(actors.c.code).label("code"),
                func.max(actors.c.sector).label("sector"),
                n_documents,
                func.coalesce(func.sum(counts.c.n), 0).label("mentions"),
            )
            .select_from(
                actors.outerjoin(
                    counts,
                    (counts.c.document_id == actors.c.document_id) & (counts.c.actor_id == actors.c.id),
                )
            )
            .group_by(actors.c.name, actors.c.kind, actors.c.country)
            .order_by(n_documents.desc(), actors.c.name, actors.c.kind, actors.c.country)
        )
        if country is not None:
            query = query.where(actors.c.country == country)
        if kind is not None:
            query = query.where(actors.c.kind == kind)
        if limit is not None:
            query = query.limit(limit)
        with self._read() as conn:
            return [ActorSummary(**row) for row in conn.execute(query).mappings()]

    # -- the graph ---------------------------------------------------------------------

    def identities(
        self, *, country: str | None = None, kind: str | None = None, limit: int | None = None
    ) -> list[graph.GraphActor]:
        """Actors as the graph knows them: one identity per real actor across documents."""
        with self._read() as conn:
            return graph.list_actors(conn, country=country, kind=kind, limit=limit)

    def list_actors(
        self, *, country: str | None = None, kind: str | None = None, limit: int = 50, offset: int = 0
    ) -> tuple[int, list[graph.GraphActor]]:
        """The count of identities (``identities``) and one page of them, most documents
        first: paged in SQL, so a page costs the same at any offset."""
        with self._read(snapshot=True) as conn:
            count = graph.count_actors(conn, country=country, kind=kind)
            if offset >= count:
                return count, []
            return count, graph.list_actors(conn, country=country, kind=kind, limit=limit, offset=offset)

    def identity(self, graph_id: str) -> graph.ActorProfile:
        """One identity: its names, aliases, roles over time, members and the decisions
        made about it; StoreError when there is none."""
        with self._read(snapshot=True) as conn:
            return graph.profile(conn, graph_id)

    def merge_actors(self, keep: str, other: str, *, reason: str = "same actor") -> graph.LogEntry:
        """Make ``other`` the same identity as ``keep`` (logged; ``split_actors`` undoes it)."""
        with self._write(f"cannot merge {other!r} into {keep!r}") as conn:
            self._lock_graph(conn)
            return graph.merge(conn, keep, other, reason)

    def split_actors(
        self, graph_id: str, *, document_id: str | None = None, reason: str = "not the same actor"
    ) -> graph.LogEntry:
        """Undo the latest merge into ``graph_id``, or take one document's actors out of it."""
        with self._write(f"cannot split {graph_id!r}") as conn:
            self._lock_graph(conn)
            return graph.split(conn, graph_id, document_id=document_id, reason=reason)

    def rebuild_graph(self) -> dict[str, int]:
        """Recompute identities and merged events from the documents (after the rules
        change); merges made by hand are kept."""
        with self._write("cannot rebuild the graph") as conn:
            self._lock_graph(conn)
            return graph.rebuild(conn)

    def contradictions(self, *, actor: str | None = None, limit: int | None = None) -> list[Contradiction]:
        """Events one source asserts, reports or alleges and another denies (see
        ``contradictions.find_contradictions``)."""
        with self._read() as conn:
            return find_contradictions(conn, actor=actor, limit=limit)

    def dyad(
        self,
        a: str,
        b: str,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        relation: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        undated: bool = True,
    ) -> DyadReport:
        """Every event between sides ``a`` and ``b`` (``PRK``, ``RUS``) in date order, with
        its reports and the per-quarter counts (``dyad.dyad``); StoreError for bad input."""
        with self._read(snapshot=True) as conn:
            return dyad(
                conn, a, b, since=since, until=until, relation=relation, limit=limit, offset=offset, undated=undated
            )

    def export(
        self,
        format: str,
        output: Output,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        types: list[str] | None = None,
        statuses: list[str] | None = None,
        include_negated: bool | None = None,
    ) -> int:
        """Write the events as ``format`` (see ``export.FORMATS``) to a path or stream,
        read page by page in one snapshot; returns the rows written. ``statuses`` and
        ``include_negated`` choose the reports; by default plover and gdelt hold only
        events said to have happened (``export.write_export``)."""
        with self._read(snapshot=True) as conn:
            return write_export(
                conn,
                format,
                output,
                since=since,
                until=until,
                types=types,
                statuses=statuses,
                include_negated=include_negated,
            )

    def event_reports(
        self,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        types: list[str] | None = None,
    ) -> Iterator[ExportRow]:
        """Every event report as ``dossier export`` writes it (``export.iter_export``),
        read page by page in one snapshot; close the iterator to end the read early."""
        with self._read(snapshot=True) as conn:
            yield from iter_export(conn, since=since, until=until, types=types)

    def list_events(
        self,
        *,
        actor: str | None = None,
        types: list[str] | None = None,
        status: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[int, list[ExportRow]]:
        """The count of the event reports the filter keeps and one page of them, in
        ``event_reports`` order: ``actor`` a side key (PRK, IGOUNO) or graph actor id on
        either side, ``types`` PLOVER types, ``status`` how the report holds it,
        ``since``/``until`` the merged event's dates (``export.list_reports``)."""
        with self._read(snapshot=True) as conn:
            return list_reports(
                conn, actor=actor, types=types, status=status, since=since, until=until, limit=limit, offset=offset
            )

    def network(
        self, *, since: dt.date | None = None, until: dt.date | None = None, types: list[str] | None = None
    ) -> Network:
        """Who acts on whom: actors as nodes, directed edges summing their events
        (``network.network``)."""
        with self._read(snapshot=True) as conn:
            return network(conn, since=since, until=until, types=types)

    def stats(self) -> dict[str, Any]:
        """What the store holds: counts, outlets, the publication date range, the backend."""
        with self._read() as conn:
            figures: dict[str, Any] = {}
            figures["documents"] = conn.execute(select(func.count()).select_from(documents)).scalar_one()
            for table in CHILD_TABLES:
                figures[table.name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
            outlets, earliest, latest = conn.execute(
                select(
                    func.count(distinct(documents.c.outlet)),
                    func.min(documents.c.published),
                    func.max(documents.c.published),
                )
            ).one()
        figures.update(outlets=outlets, earliest_published=earliest, latest_published=latest, backend=self.backend)
        return figures
