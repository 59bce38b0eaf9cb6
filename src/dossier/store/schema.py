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
    Float,
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
    ForeignKeyConstraint(["document_id", "actor_id"], ["actors.document_id", "actors.id"], ondelete="CASCADE"),
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

# -- the knowledge graph: one identity per real actor, one record per real event ---------
#
# Documents keep their own local ids; these tables link them across documents. They are
# derived from the document rows (``Store.rebuild_graph`` recomputes them) except for the
# decisions a person makes (``rule = 'manual'`` members and the log), which are kept.

graph_actors = Table(
    "graph_actors",
    metadata,
    Column("id", String, primary_key=True),  # "PRK", "kim-jong-un", "korean-central-news-agency"
    Column("kind", String, nullable=False),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False),  # the name folded for matching
    Column("initials", String),  # of an organization's name_key: "iaea"
    Column("country", String),
    Column("code", String),
    Column("sector", String),
    # Set when a person merged this identity into another: new mentions go there.
    Column("merged_into", String),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index(None, "kind", "name_key"),
    Index(None, "name_key"),  # candidates of any kind are looked up by name
    Index(None, "initials"),
    Index(None, "country"),
    Index(None, "code"),
)

graph_actor_members = Table(
    "graph_actor_members",
    metadata,
    Column("document_id", String, primary_key=True),
    Column("actor_id", String, primary_key=True),
    Column("graph_actor_id", String, ForeignKey("graph_actors.id"), nullable=False),
    Column("reason", Text, nullable=False),  # why this actor is that identity
    Column("rule", String, nullable=False),  # "auto" or "manual"
    ForeignKeyConstraint(["document_id", "actor_id"], ["actors.document_id", "actors.id"], ondelete="CASCADE"),
    Index(None, "graph_actor_id"),
)

# The role titles an identity's members were given, with how many members were given
# each: matching a person reads these few rows, not every member of "Kim Jong Un".
graph_actor_titles = Table(
    "graph_actor_titles",
    metadata,
    Column("graph_actor_id", String, ForeignKey("graph_actors.id", ondelete="CASCADE"), primary_key=True),
    Column("title", Text, primary_key=True),
    Column("members", Integer, nullable=False),
)

graph_actor_log = Table(
    "graph_actor_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("action", String, nullable=False),  # "merge" or "split"
    Column("graph_actor_id", String, nullable=False),  # the identity kept (merge) or split
    Column("other_id", String, nullable=False),  # the identity merged in, or split off
    Column("members", Json, nullable=False),  # [[document_id, actor_id], ...] that moved
    Column("reason", Text, nullable=False),
    Column("undone", Boolean, nullable=False),
    Index(None, "graph_actor_id"),
)

graph_events = Table(
    "graph_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String, nullable=False),
    Column("cameo", String, nullable=False),
    Column("goldstein", Float),
    Column("quad_class", Integer),
    # The sides as the graph knows them: country codes, else actor codes, else graph
    # actor ids, sorted and comma-joined, so "Pyongyang" and "North Korea" meet.
    Column("source_key", Text, nullable=False),
    Column("target_key", Text, nullable=False),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("dated", Boolean, nullable=False),  # False: dated by publication, not by the text
    Column("mentions", Integer, nullable=False),
    Column("documents", Integer, nullable=False),
    Index(None, "type", "source_key", "target_key", "start_date"),
    Index(None, "start_date"),
)

graph_event_mentions = Table(
    "graph_event_mentions",
    metadata,
    Column("document_id", String, primary_key=True),
    Column("event_id", String, primary_key=True),
    Column("graph_event_id", Integer, ForeignKey("graph_events.id", ondelete="CASCADE"), nullable=False),
    # When this report places the event: the text's date, else its publication window.
    Column("start_date", Date),
    Column("end_date", Date),
    Column("dated", Boolean, nullable=False),
    ForeignKeyConstraint(["document_id", "event_id"], ["events.document_id", "events.id"], ondelete="CASCADE"),
    Index(None, "graph_event_id"),
    Index(None, "graph_event_id", "start_date"),
)

# How many reports of a graph event give it each CAMEO code: the event's code is the
# most reported one, kept up to date as reports arrive without reading them all again.
graph_event_codes = Table(
    "graph_event_codes",
    metadata,
    Column("graph_event_id", Integer, ForeignKey("graph_events.id", ondelete="CASCADE"), primary_key=True),
    Column("cameo", String, primary_key=True),
    Column("reports", Integer, nullable=False),
)

# One row per pair of sides an event joins, the pair in alphabetical order: "every event
# between PRK and IRN since 2015" is one range scan of (side_a, side_b, start_date).
graph_dyads = Table(
    "graph_dyads",
    metadata,
    Column("side_a", String, primary_key=True),
    Column("side_b", String, primary_key=True),
    Column("graph_event_id", Integer, ForeignKey("graph_events.id", ondelete="CASCADE"), primary_key=True),
    Column("relation", String, nullable=False),  # "between" (one acts on the other) or "together"
    Column("start_date", Date),
    Index(None, "side_a", "side_b", "start_date"),
    Index(None, "graph_event_id"),
)

GRAPH_TABLES = (
    graph_actors,
    graph_actor_members,
    graph_actor_titles,
    graph_actor_log,
    graph_events,
    graph_event_mentions,
    graph_event_codes,
    graph_dyads,
)


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
