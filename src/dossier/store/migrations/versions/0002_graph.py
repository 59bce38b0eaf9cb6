"""The knowledge graph: identities across documents, events across reports, dyads.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

Written by hand, frozen. The tables start empty; ``Store`` fills them for documents that
were stored before this revision (``Store.rebuild_graph``) the first time it opens them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")


def upgrade() -> None:
    op.create_table(
        "graph_actors",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("initials", sa.String()),
        sa.Column("country", sa.String()),
        sa.Column("code", sa.String()),
        sa.Column("sector", sa.String()),
        sa.Column("merged_into", sa.String()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_graph_actors"),
    )
    op.create_index("ix_graph_actors_kind_name_key", "graph_actors", ["kind", "name_key"])
    op.create_index("ix_graph_actors_initials", "graph_actors", ["initials"])
    op.create_index("ix_graph_actors_country", "graph_actors", ["country"])
    op.create_index("ix_graph_actors_code", "graph_actors", ["code"])

    op.create_table(
        "graph_actor_members",
        sa.Column("document_id", sa.String(), nullable=False),
        sa.Column("actor_id", sa.String(), nullable=False),
        sa.Column("graph_actor_id", sa.String(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("rule", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("document_id", "actor_id", name="pk_graph_actor_members"),
        sa.ForeignKeyConstraint(
            ["graph_actor_id"], ["graph_actors.id"], name="fk_graph_actor_members_graph_actor_id_graph_actors"
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "actor_id"],
            ["actors.document_id", "actors.id"],
            name="fk_graph_actor_members_document_id_actors",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_graph_actor_members_graph_actor_id", "graph_actor_members", ["graph_actor_id"])

    op.create_table(
        "graph_actor_log",
        sa.Column("seq", sa.Integer(), nullable=False, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("graph_actor_id", sa.String(), nullable=False),
        sa.Column("other_id", sa.String(), nullable=False),
        sa.Column("members", JSON, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("undone", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_graph_actor_log"),
    )
    op.create_index("ix_graph_actor_log_graph_actor_id", "graph_actor_log", ["graph_actor_id"])

    op.create_table(
        "graph_events",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=True),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("cameo", sa.String(), nullable=False),
        sa.Column("goldstein", sa.Float()),
        sa.Column("quad_class", sa.Integer()),
        sa.Column("source_key", sa.Text(), nullable=False),
        sa.Column("target_key", sa.Text(), nullable=False),
        sa.Column("start_date", sa.Date()),
        sa.Column("end_date", sa.Date()),
        sa.Column("dated", sa.Boolean(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_graph_events"),
    )
    op.create_index("ix_graph_events_type_source_key_target_key", "graph_events", ["type", "source_key", "target_key"])
    op.create_index("ix_graph_events_start_date", "graph_events", ["start_date"])

    op.create_table(
        "graph_event_mentions",
        sa.Column("document_id", sa.String(), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("graph_event_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date()),
        sa.Column("end_date", sa.Date()),
        sa.Column("dated", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("document_id", "event_id", name="pk_graph_event_mentions"),
        sa.ForeignKeyConstraint(
            ["graph_event_id"],
            ["graph_events.id"],
            name="fk_graph_event_mentions_graph_event_id_graph_events",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "event_id"],
            ["events.document_id", "events.id"],
            name="fk_graph_event_mentions_document_id_events",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_graph_event_mentions_graph_event_id", "graph_event_mentions", ["graph_event_id"])

    op.create_table(
        "graph_dyads",
        sa.Column("side_a", sa.String(), nullable=False),
        sa.Column("side_b", sa.String(), nullable=False),
        sa.Column("graph_event_id", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(), nullable=False),
        sa.Column("start_date", sa.Date()),
        sa.PrimaryKeyConstraint("side_a", "side_b", "graph_event_id", name="pk_graph_dyads"),
        sa.ForeignKeyConstraint(
            ["graph_event_id"],
            ["graph_events.id"],
            name="fk_graph_dyads_graph_event_id_graph_events",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_graph_dyads_side_a_side_b_start_date", "graph_dyads", ["side_a", "side_b", "start_date"])
    op.create_index("ix_graph_dyads_graph_event_id", "graph_dyads", ["graph_event_id"])


def downgrade() -> None:
    for table in (
        "graph_dyads",
        "graph_event_mentions",
        "graph_events",
        "graph_actor_log",
        "graph_actor_members",
        "graph_actors",
    ):
        op.drop_table(table)
