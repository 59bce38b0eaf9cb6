"""Tallies that keep graph linking flat as the store grows: titles per identity, codes
per graph event; graph events indexed by sides and date, reports by event and date.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-08

Written by hand, frozen. Both tables are filled here from what is stored, so a store
linked before this revision goes on exactly where it was.
"""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "graph_actor_titles",
        sa.Column("graph_actor_id", sa.String(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("graph_actor_id", "title", name="pk_graph_actor_titles"),
        sa.ForeignKeyConstraint(
            ["graph_actor_id"],
            ["graph_actors.id"],
            name="fk_graph_actor_titles_graph_actor_id_graph_actors",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "graph_event_codes",
        sa.Column("graph_event_id", sa.Integer(), nullable=False),
        sa.Column("cameo", sa.String(), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("graph_event_id", "cameo", name="pk_graph_event_codes"),
        sa.ForeignKeyConstraint(
            ["graph_event_id"],
            ["graph_events.id"],
            name="fk_graph_event_codes_graph_event_id_graph_events",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_graph_event_mentions_graph_event_id_start_date", "graph_event_mentions", ["graph_event_id", "start_date"]
    )
    op.create_index("ix_graph_actors_name_key", "graph_actors", ["name_key"])
    # Candidates are read by sides and a bounded range of start dates, not every event of the sides.
    op.drop_index("ix_graph_events_type_source_key_target_key", table_name="graph_events")
    op.create_index(
        "ix_graph_events_type_source_key_target_key_start_date",
        "graph_events",
        ["type", "source_key", "target_key", "start_date"],
    )
    _fill_tallies(op.get_bind())


def _fill_tallies(conn: sa.Connection) -> None:
    meta = sa.MetaData()
    members = sa.Table("graph_actor_members", meta, autoload_with=conn)
    actors = sa.Table("actors", meta, autoload_with=conn)
    reports = sa.Table("graph_event_mentions", meta, autoload_with=conn)
    events = sa.Table("events", meta, autoload_with=conn)
    titles: Counter[tuple[str, str]] = Counter()
    rows = conn.execute(
        sa.select(members.c.graph_actor_id, actors.c.roles).join(
            actors, (members.c.document_id == actors.c.document_id) & (members.c.actor_id == actors.c.id)
        )
    )
    for graph_id, roles in rows:
        for title in {role.get("title") for role in roles or () if role.get("title")}:
            titles[graph_id, title] += 1
    if titles:
        table = sa.table("graph_actor_titles", sa.column("graph_actor_id"), sa.column("title"), sa.column("members"))
        conn.execute(
            sa.insert(table), [{"graph_actor_id": g, "title": t, "members": n} for (g, t), n in titles.items()]
        )
    codes = (
        sa.select(reports.c.graph_event_id, events.c.cameo, sa.func.count())
        .join(events, (events.c.document_id == reports.c.document_id) & (events.c.id == reports.c.event_id))
        .group_by(reports.c.graph_event_id, events.c.cameo)
    )
    table = sa.table("graph_event_codes", sa.column("graph_event_id"), sa.column("cameo"), sa.column("reports"))
    conn.execute(sa.insert(table).from_select(["graph_event_id", "cameo", "reports"], codes))


def downgrade() -> None:
    op.drop_index("ix_graph_actors_name_key", table_name="graph_actors")
    op.drop_index("ix_graph_events_type_source_key_target_key_start_date", table_name="graph_events")
    op.create_index("ix_graph_events_type_source_key_target_key", "graph_events", ["type", "source_key", "target_key"])
    op.drop_index("ix_graph_event_mentions_graph_event_id_start_date", table_name="graph_event_mentions")
    op.drop_table("graph_event_codes")
    op.drop_table("graph_actor_titles")
