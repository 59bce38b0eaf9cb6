"""The first tables: documents, actors, mentions, events, attributions, timexes, search.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Written by hand, frozen: later changes go in new revisions. Full-text search depends on
the dialect: an FTS5 table kept in sync by triggers on SQLite (so it changes in the
same transaction as its document), a generated ``tsvector`` column with a GIN index on
PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")


def _doc_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["document_id"], ["documents.id"], name=f"fk_{table}_document_id_documents", ondelete="CASCADE"
    )


def upgrade() -> None:
    dialect = op.get_context().dialect.name

    op.create_table(
        "documents",
        sa.Column("pk", sa.Integer(), nullable=False, autoincrement=True),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("schema_version", sa.String(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("outlet", sa.String()),
        sa.Column("url", sa.Text()),
        sa.Column("language", sa.String()),
        sa.Column("published", sa.Date()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("pipeline", sa.String(), nullable=False),
        sa.Column("source", sa.Text()),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("extra", JSON),
        sa.PrimaryKeyConstraint("pk", name="pk_documents"),
        sa.UniqueConstraint("id", name="uq_documents_id"),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_outlet", "documents", ["outlet"])

    op.create_table(
        "actors",
        sa.Column("document_id", sa.String(), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("country", sa.String()),
        sa.Column("sector", sa.String()),
        sa.Column("code", sa.String()),
        sa.Column("roles", JSON, nullable=False),
        sa.Column("extra", JSON),
        sa.PrimaryKeyConstraint("document_id", "id", name="pk_actors"),
        _doc_fk("actors"),
    )
    op.create_index("ix_actors_name_kind_country", "actors", ["name", "kind", "country"])
    op.create_index("ix_actors_country", "actors", ["country"])
    op.create_index("ix_actors_code", "actors", ["code"])
    op.create_index("ix_actors_kind", "actors", ["kind"])

    op.create_table(
        "mentions",
        sa.Column("document_id", sa.String(), nullable=False),
        sa.Column("actor_id", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("span_text", sa.Text(), nullable=False),
        sa.Column("extra", JSON),
        sa.PrimaryKeyConstraint("document_id", "actor_id", "seq", name="pk_mentions"),
        sa.ForeignKeyConstraint(
            ["document_id", "actor_id"],
            ["actors.document_id", "actors.id"],
            name="fk_mentions_document_id_actors",
            ondelete="CASCADE",
        ),
    )

    op.create_table(
        "events",
        sa.Column("document_id", sa.String(), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("mode", sa.String()),
        sa.Column("contexts", JSON, nullable=False),
        sa.Column("cameo", sa.String(), nullable=False),
        sa.Column("source_actors", JSON, nullable=False),
        sa.Column("target_actors", JSON, nullable=False),
        sa.Column("trigger_start", sa.Integer(), nullable=False),
        sa.Column("trigger_end", sa.Integer(), nullable=False),
        sa.Column("trigger_text", sa.Text(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.Column("sentence_text", sa.Text(), nullable=False),
        sa.Column("root", sa.Boolean(), nullable=False),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("attribution_id", sa.String()),
        sa.Column("timex_id", sa.String()),
        sa.Column("extra", JSON),
        sa.PrimaryKeyConstraint("document_id", "id", name="pk_events"),
        _doc_fk("events"),
    )
    op.create_index("ix_events_type", "events", ["type"])
    op.create_index("ix_events_cameo", "events", ["cameo"])
    op.create_index("ix_events_status", "events", ["status"])

    op.create_table(
        "attributions",
        sa.Column("document_id", sa.String(), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.String()),
        sa.Column("source_start", sa.Integer()),
        sa.Column("source_end", sa.Integer()),
        sa.Column("source_text", sa.Text()),
        sa.Column("cue_start", sa.Integer(), nullable=False),
        sa.Column("cue_end", sa.Integer(), nullable=False),
        sa.Column("cue_text", sa.Text(), nullable=False),
        sa.Column("content", JSON, nullable=False),
        sa.Column("direct", sa.Boolean(), nullable=False),
        sa.Column("parent_id", sa.String()),
        sa.Column("extra", JSON),
        sa.PrimaryKeyConstraint("document_id", "id", name="pk_attributions"),
        _doc_fk("attributions"),
    )
    op.create_index("ix_attributions_document_id_speaker_id", "attributions", ["document_id", "speaker_id"])

    op.create_table(
        "timexes",
        sa.Column("document_id", sa.String(), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("span_text", sa.Text(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("value", sa.String()),
        sa.Column("start_date", sa.Date()),
        sa.Column("end_date", sa.Date()),
        sa.Column("granularity", sa.String()),
        sa.Column("modifier", sa.String()),
        sa.Column("extra", JSON),
        sa.PrimaryKeyConstraint("document_id", "id", name="pk_timexes"),
        _doc_fk("timexes"),
    )
    op.create_index("ix_timexes_start_date_end_date", "timexes", ["start_date", "end_date"])

    if dialect == "sqlite":
        _sqlite_fts_up()
    elif dialect == "postgresql":
        _postgresql_fts_up()


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        for trigger in ("documents_fts_ai", "documents_fts_ad", "documents_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    for table in ("timexes", "attributions", "events", "mentions", "actors", "documents"):
        op.drop_table(table)


def _sqlite_fts_up() -> None:
    # External content: the FTS index reads title and text from documents (rowid = pk),
    # so the text is stored once. Porter stemming, diacritics folded ("Zurich" finds "Zürich").
    op.execute(
        "CREATE VIRTUAL TABLE documents_fts USING fts5("
        "title, text, content='documents', content_rowid='pk', "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN "
        "INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); "
        "END"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN "
        "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
        "VALUES ('delete', old.pk, old.title, old.text); "
        "END"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_au AFTER UPDATE OF title, text ON documents BEGIN "
        "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
        "VALUES ('delete', old.pk, old.title, old.text); "
        "INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); "
        "END"
    )


def _postgresql_fts_up() -> None:
    # Title weighs A, text B. Generated, so it changes in the same statement as the row.
    # The text is cut at a million characters: a tsvector holds at most 1 MB.
    op.execute(
        "ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
        "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
        "setweight(to_tsvector('english'::regconfig, left(text, 1000000)), 'B')"
        ") STORED"
    )
    op.create_index("ix_documents_search_vector", "documents", ["search_vector"], postgresql_using="gin")
