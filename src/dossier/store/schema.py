"""The store's tables: one row per document and per actor, mention, event, attribution, timex.

Every contract field has a real column; spans are ``<name>_start``, ``<name>_end`` and
``<name>_text`` columns, lists (roles, contexts, source and target actor ids, attributed
content) are JSON. Rows of a document are keyed by ``(document_id, id)`` where ``id`` is
the local id the document gives them, and ``seq`` keeps the order of each list so that
``Store.get`` rebuilds the document exactly. ``extra`` (JSON, null when empty) holds
contract fields that a later version adds before a migration gives them a column.

These tables describe the database that ``migrations/versions`` build; the migrations
are written by hand and must stay in step with this module (a test compares them).
Full-text search lives beside these tables and only in the migrations: an FTS5 table
``documents_fts`` with triggers on SQLite, a generated ``search_vector`` column with a
GIN index on PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

#: JSON on SQLite, JSONB on PostgreSQL; Python ``None`` is SQL NULL.
Json = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")

FTS_TABLE = "documents_fts"  # SQLite only
SEARCH_VECTOR = "search_vector"  # PostgreSQL only
SEARCH_CONFIG = "english"  # PostgreSQL text search configuration


def _document_fk() -> ForeignKey:
    return ForeignKey("documents.id", ondelete="CASCADE")


documents = Table(
    "documents",
    metadata,
    # An integer key for SQLite's FTS5 external content (rowid); ``id`` is the real key.
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String, nullable=False, unique=True),
    Column("schema_version", String, nullable=False),
    Column("title", Text),
    Column("outlet", String),
    Column("url", Text),
    Column("language", String),
    Column("published", Date),
    Column("text", Text, nullable=False),
    Column("text_sha256", String(64), nullable=False),
    Column("content_sha256", String(64), nullable=False),  # of the document's JSON
    Column("pipeline", String, nullable=False),
    Column("source", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("extra", Json),
    Index(None, "published"),
    Index(None, "outlet"),
)

actors = Table(
    "actors",
    metadata,
    Column("document_id", String, _document_fk(), primary_key=True),
    Column("id", String, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String, nullable=False),
    Column("country", String),
    Column("sector", String),
    Column("code", String),
    Column("roles", Json, nullable=False),
    Column("extra", Json),
    Index(None, "name", "kind", "country"),
    Index(None, "country"),
    Index(None, "code"),
    Index(None, "kind"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("document_id", String, primary_key=True),
    Column("actor_id", String, primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("span_text", Text, nullable=False),
    Column("extra", Json),
    ForeignKeyConstraint(
        ["document_id", "actor_id"], ["actors.document_id", "actors.id"], ondelete="CASCADE"
    ),
)

events = Table(
    "events",
    metadata,
    Column("document_id", String, _document_fk(), primary_key=True),
    Column("id", String, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("type", String, nullable=False),
    Column("mode", String),
    Column("contexts", Json, nullable=False),
    Column("cameo", String, nullable=False),
    Column("source_actors", Json, nullable=False),
    Column("target_actors", Json, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("trigger_text", Text, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("sentence_text", Text, nullable=False),
    Column("root", Boolean, nullable=False),
    Column("negated", Boolean, nullable=False),
    Column("status", String, nullable=False),
    Column("attribution_id", String),
    Column("timex_id", String),
    Column("extra", Json),
    Index(None, "type"),
    Index(None, "cameo"),
    Index(None, "status"),
)

attributions = Table(
    "attributions",
    metadata,
    Column("document_id", String, _document_fk(), primary_key=True),
    Column("id", String, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("speaker_id", String),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("source_text", Text),
    Column("cue_start", Integer, nullable=False),
    Column("cue_end", Integer, nullable=False),
    Column("cue_text", Text, nullable=False),
    Column("content", Json, nullable=False),
    Column("direct", Boolean, nullable=False),
    Column("parent_id", String),
    Column("extra", Json),
    Index(None, "document_id", "speaker_id"),
)

timexes = Table(
    "timexes",
    metadata,
    Column("document_id", String, _document_fk(), primary_key=True),
    Column("id", String, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("span_text", Text, nullable=False),
    Column("type", String, nullable=False),
    Column("value", String),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("granularity", String),
    Column("modifier", String),
    Column("extra", Json),
    Index(None, "start_date", "end_date"),
)

#: Tables holding the rows of a document, in the order they are written.
CHILD_TABLES = (actors, mentions, events, attributions, timexes)


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """For Alembic's autogenerate: leave full-text search out (FTS5 tables, the
    tsvector column and its index), as this module does."""
    if type_ == "table":
        return not (name or "").startswith(FTS_TABLE)
    if type_ == "column":
        return name != SEARCH_VECTOR
    if type_ == "index":
        return name != f"ix_documents_{SEARCH_VECTOR}"
    return True
