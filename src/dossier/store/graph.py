"""The knowledge graph kept beside the documents: identities, merged events, dyads.

``link_document`` runs in the transaction that saves a document: each of its actors
joins a graph identity (``resolve.identity`` decides which, and says why) and each of
its events joins the graph event it reports (``resolve.event_identity``: same type,
same sides, overlapping time) or starts one. ``unlink_document`` runs before a document
is replaced or deleted and returns the graph events to ``refresh``. Decisions a person
makes (``merge``, ``split``) are logged and survive re-ingesting and ``rebuild``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Iterable

from pydantic import BaseModel
from sqlalchemy import Connection, delete, exists, func, insert, or_, select, update

from ..errors import StoreError
from ..resolve.cameo import goldstein, quad_class
from ..resolve.event_identity import Placing, dyads, narrowest, overlaps, placing, side_key
from ..resolve.identity import Identity, initials, match, named_in_full, proposed_id
from .schema import (
    actors,
    documents,
    events,
    graph_actor_log,
    graph_actor_members,
    graph_actors,
    graph_dyads,
    graph_event_mentions,
    graph_events,
    mentions,
    timexes,
)

ORGANIZATION_KINDS = ("organization", "igo")


class GraphActor(BaseModel):
    """One identity across the store."""

    id: str
    kind: str
    name: str
    country: str | None = None
    code: str | None = None
    sector: str | None = None
    documents: int = 0
    mentions: int = 0


class Member(BaseModel):
    """One document's actor that is this identity, and why."""

    document_id: str
    actor_id: str
    name: str
    published: dt.date | None = None
    reason: str
    rule: str


class RoleStated(BaseModel):
    """A role a document gives the identity: roles over time, with their evidence."""

    title: str | None = None
    organization: str | None = None
    country: str | None = None
    document_id: str
    published: dt.date | None = None


class LogEntry(BaseModel):
    seq: int
    at: dt.datetime
    action: str
    graph_actor_id: str
    other_id: str
    members: list[list[str]]
    reason: str
    undone: bool


class ActorProfile(GraphActor):
    """``dossier actors show``: names, aliases, roles over time, members, decisions."""

    names: list[str]
    aliases: list[str]
    roles: list[RoleStated]
    members: list[Member]
    log: list[LogEntry]
    merged: list[str]  # identities merged into this one


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# -- identities --------------------------------------------------------------------------


def live_id(conn: Connection, graph_id: str) -> str | None:
    """The identity ``graph_id`` now is (following merges); None when there is none."""
    seen = set()
    current: str | None = graph_id
    while current is not None and current not in seen:
        seen.add(current)
        row = conn.execute(select(graph_actors.c.merged_into).where(graph_actors.c.id == current)).first()
        if row is None:
            return None
        if row.merged_into is None:
            return current
        current = row.merged_into
    return current


def _candidates(conn: Connection, actor: Identity) -> list[Identity]:
    """Live identities the rules may match ``actor`` with, found through the indexes."""
    g = graph_actors
    query = select(g).where(g.c.merged_into.is_(None))
    if actor.kind == "state" and actor.country:
        query = query.where(g.c.kind == "state", g.c.country == actor.country)
    elif actor.kind in ORGANIZATION_KINDS:
        conditions = [g.c.name_key == actor.key, g.c.initials == actor.key]
        if actor.code and actor.kind == "igo":
            conditions.append(g.c.code == actor.code)
        if " " in actor.key:
            conditions.append(g.c.name_key == initials(actor.key))
        query = query.where(g.c.kind.in_(ORGANIZATION_KINDS), or_(*conditions))
    elif actor.kind == "person" and len(actor.words) == 1:
        word = actor.words[0]
        query = query.where(
            g.c.kind == "person",
            g.c.country == actor.country,
            or_(g.c.name_key.like(f"{word} %"), g.c.name_key.like(f"% {word}")),
        )
    else:
        query = query.where(g.c.kind == actor.kind, g.c.name_key == actor.key)
    found = []
    for row in conn.execute(query.order_by(g.c.created_at, g.c.id)).mappings():
        roles = _graph_roles(conn, row["id"]) if actor.kind == "person" else ()
        found.append(
            Identity(
                kind=row["kind"],
                name=row["name"],
                country=row["country"],
                code=row["code"],
                sector=row["sector"],
                roles=roles,
                key=row["name_key"],
                id=row["id"],
            )
        )
    return found


def _graph_roles(conn: Connection, graph_id: str) -> tuple[str, ...]:
    rows = conn.execute(
        select(actors.c.roles)
        .join(
            graph_actor_members,
            (graph_actor_members.c.document_id == actors.c.document_id)
            & (graph_actor_members.c.actor_id == actors.c.id),
        )
        .where(graph_actor_members.c.graph_actor_id == graph_id)
    ).scalars()
    return tuple(dict.fromkeys(r["title"] for roles in rows for r in (roles or ()) if r.get("title")))


def _new_identity(conn: Connection, actor: Identity) -> str:
    base = proposed_id(actor)
    graph_id, n = base, 1
    while conn.execute(select(graph_actors.c.id).where(graph_actors.c.id == graph_id)).first() is not None:
        n += 1
        graph_id = f"{base}-{n}"
    conn.execute(
        insert(graph_actors).values(
            id=graph_id,
            kind=actor.kind,
            name=actor.name,
            name_key=actor.key,
            initials=initials(actor.key) if actor.kind in ORGANIZATION_KINDS and " " in actor.key else None,
            country=actor.country,
            code=actor.code,
            sector=actor.sector,
            merged_into=None,
            created_at=_now(),
        )
    )
    return graph_id


def _rename(conn: Connection, graph_id: str, actor: Identity) -> None:
    conn.execute(
        update(graph_actors)
        .where(graph_actors.c.id == graph_id)
        .values(name=actor.name, name_key=actor.key, initials=initials(actor.key))
    )


def _link_actors(conn: Connection, doc_id: str) -> dict[str, str]:
    """Give each of the document's actors a graph identity; returns actor id -> graph id."""
    linked: dict[str, str] = {}
    rows = conn.execute(select(actors).where(actors.c.document_id == doc_id).order_by(actors.c.seq)).mappings()
    for row in rows:
        actor = Identity(
            kind=row["kind"],
            name=row["name"],
            country=row["country"],
            code=row["code"],
            sector=row["sector"],
            roles=tuple(r["title"] for r in row["roles"] or () if r.get("title")),
        )
        candidates = _candidates(conn, actor)
        found = match(actor, candidates)
        if found is not None:
            graph_id, reason = found.id, found.reason
            known = next(c for c in candidates if c.id == found.id)
            if named_in_full(actor, known):  # "IAEA" seen first, now its full name
                _rename(conn, graph_id, actor)
        else:
            graph_id, reason = _new_identity(conn, actor), "first seen here"
        conn.execute(
            insert(graph_actor_members).values(
                document_id=doc_id, actor_id=row["id"], graph_actor_id=graph_id, reason=reason, rule="auto"
            )
        )
        linked[row["id"]] = graph_id
    return linked


# -- events ------------------------------------------------------------------------------


def _side_keys(conn: Connection, doc_id: str) -> dict[str, str]:
    """Actor id -> the key the graph compares sides by: country, else code, else graph id."""
    query = (
        select(actors.c.id, actors.c.country, actors.c.code, graph_actor_members.c.graph_actor_id)
        .join(
            graph_actor_members,
            (graph_actor_members.c.document_id == actors.c.document_id)
            & (graph_actor_members.c.actor_id == actors.c.id),
        )
        .where(actors.c.document_id == doc_id)
    )
    return {r.id: r.country or r.code or r.graph_actor_id for r in conn.execute(query)}


def _event_placings(conn: Connection, doc_id: str) -> dict[str, Placing]:
    published = conn.execute(select(documents.c.published).where(documents.c.id == doc_id)).scalar()
    times = {
        r.id: (r.start_date, r.end_date)
        for r in conn.execute(
            select(timexes.c.id, timexes.c.start_date, timexes.c.end_date).where(timexes.c.document_id == doc_id)
        )
    }
    rows = conn.execute(select(events.c.id, events.c.timex_id).where(events.c.document_id == doc_id))
    return {r.id: placing(*times.get(r.timex_id, (None, None)), published) for r in rows}


def _find_graph_event(
    conn: Connection,
    doc_id: str,
    type_: str,
    source: str,
    target: str,
    where: Placing,
    trigger: str,
    sentence: str,
) -> int | None:
    if not source and not target:
        return None  # nobody to tell one report from another
    ge, gm = graph_events, graph_event_mentions
    query = select(ge.c.id).where(ge.c.type == type_, ge.c.source_key == source, ge.c.target_key == target)
    if not source or not target or (source == target and "," not in source):
        # One side (or a country acting at home) is too little to tell "the U.S. imposed
        # tariffs" on Monday from "the U.S. imposed tariffs" on Wednesday: such reports are
        # one event only when they use the same words for it and either both texts date it
        # or they tell it in the same sentence (one wire story in two versions).
        same_words = [
            gm.c.graph_event_id == ge.c.id,
            events.c.document_id == gm.c.document_id,
            events.c.id == gm.c.event_id,
            func.lower(events.c.trigger_text) == trigger.lower(),
        ]
        same_sentence = func.lower(events.c.sentence_text) == sentence.lower()
        told_alike = same_sentence if not where.dated else or_(gm.c.dated.is_(True), same_sentence)
        query = query.where(exists().where(*same_words, told_alike))
    if where.precise_enough:
        found = conn.execute(
            query.where(ge.c.start_date <= where.end, ge.c.end_date >= where.start).order_by(ge.c.id)
        ).scalars()
        for graph_id in found:
            mentions_at = conn.execute(
                select(gm.c.start_date, gm.c.end_date, gm.c.dated).where(gm.c.graph_event_id == graph_id)
            )
            if any(overlaps(where, Placing(*row)) for row in mentions_at):
                return graph_id
        return None
    if where.start is None:
        # Undated in an undated article: the same event only within the article.
        same_article = exists().where(
            gm.c.graph_event_id == ge.c.id, gm.c.document_id == doc_id, gm.c.start_date.is_(None)
        )
        return conn.execute(query.where(same_article).order_by(ge.c.id)).scalars().first()
    return None


def _link_events(conn: Connection, doc_id: str) -> set[int]:
    keys = _side_keys(conn, doc_id)
    placings = _event_placings(conn, doc_id)
    touched: set[int] = set()
    rows = conn.execute(select(events).where(events.c.document_id == doc_id).order_by(events.c.seq)).mappings()
    for row in rows:
        source = side_key([keys[a] for a in row["source_actors"] if a in keys])
        target = side_key([keys[a] for a in row["target_actors"] if a in keys])
        where = placings[row["id"]]
        graph_id = _find_graph_event(conn, doc_id, row["type"], source, target, where, row["trigger_text"], row["sentence_text"])
        if graph_id is None:
            graph_id = conn.execute(
                insert(graph_events)
                .values(
                    type=row["type"],
                    cameo=row["cameo"],
                    goldstein=goldstein(row["cameo"]),
                    quad_class=quad_class(row["cameo"]),
                    source_key=source,
                    target_key=target,
                    start_date=where.start,
                    end_date=where.end,
                    dated=where.dated,
                    mentions=0,
                    documents=0,
                )
                .returning(graph_events.c.id)
            ).scalar_one()
        conn.execute(
            insert(graph_event_mentions).values(
                document_id=doc_id,
                event_id=row["id"],
                graph_event_id=graph_id,
                start_date=where.start,
                end_date=where.end,
                dated=where.dated,
            )
        )
        touched.add(graph_id)
    refresh_events(conn, touched)
    return touched


def refresh_events(conn: Connection, graph_ids: Iterable[int]) -> None:
    """Recompute graph events from their reports: counts, placing, code, dyads; an event
    no report is left for is removed."""
    ge, gm = graph_events, graph_event_mentions
    for graph_id in sorted(set(graph_ids)):
        reports = conn.execute(
            select(gm.c.document_id, gm.c.start_date, gm.c.end_date, gm.c.dated, events.c.cameo)
            .join(events, (events.c.document_id == gm.c.document_id) & (events.c.id == gm.c.event_id))
            .where(gm.c.graph_event_id == graph_id)
        ).all()
        conn.execute(delete(graph_dyads).where(graph_dyads.c.graph_event_id == graph_id))
        if not reports:
            conn.execute(delete(ge).where(ge.c.id == graph_id))
            continue
        when = narrowest([Placing(r.start_date, r.end_date, r.dated) for r in reports])
        cameo = Counter(r.cameo for r in reports).most_common(1)[0][0]
        conn.execute(
            update(ge)
            .where(ge.c.id == graph_id)
            .values(
                cameo=cameo,
                goldstein=goldstein(cameo),
                quad_class=quad_class(cameo),
                start_date=when.start,
                end_date=when.end,
                dated=when.dated,
                mentions=len(reports),
                documents=len({r.document_id for r in reports}),
            )
        )
        sides = conn.execute(select(ge.c.source_key, ge.c.target_key).where(ge.c.id == graph_id)).one()
        pairs = dyads(_split(sides.source_key), _split(sides.target_key))
        if pairs:
            conn.execute(
                insert(graph_dyads),
                [
                    {"side_a": a, "side_b": b, "graph_event_id": graph_id, "relation": how, "start_date": when.start}
                    for a, b, how in pairs
                ],
            )


def _split(key: str) -> list[str]:
    return [k for k in key.split(",") if k]


# -- documents ---------------------------------------------------------------------------


def link_document(conn: Connection, doc_id: str) -> None:
    """Join a just-saved document's actors and events to the graph."""
    _link_actors(conn, doc_id)
    _link_events(conn, doc_id)


def unlink_document(conn: Connection, doc_id: str) -> set[int]:
    """Detach a document from the graph before its rows go; returns the graph events to
    ``refresh_events`` once they have gone. Manual decisions about its actors are lost
    with the actors themselves; merges of whole identities stay."""
    gm = graph_event_mentions
    touched = set(conn.execute(select(gm.c.graph_event_id).where(gm.c.document_id == doc_id)).scalars())
    conn.execute(delete(gm).where(gm.c.document_id == doc_id))
    conn.execute(delete(graph_actor_members).where(graph_actor_members.c.document_id == doc_id))
    return touched


def prune_actors(conn: Connection) -> None:
    """Remove identities nothing refers to any more: no member, nothing merged into them,
    no logged decision."""
    g, m, log = graph_actors, graph_actor_members, graph_actor_log
    referenced = or_(
        exists().where(m.c.graph_actor_id == g.c.id),
        exists().where(log.c.graph_actor_id == g.c.id),
        exists().where(log.c.other_id == g.c.id),
    )
    merged_here = select(g.c.merged_into).where(g.c.merged_into.is_not(None)).scalar_subquery()
    conn.execute(delete(g).where(~referenced, g.c.id.not_in(merged_here)))


def rebuild(conn: Connection) -> dict[str, int]:
    """Recompute the graph from the documents, oldest first; identities merged by hand
    stay merged. Returns what was built."""
    conn.execute(delete(graph_dyads))
    conn.execute(delete(graph_event_mentions))
    conn.execute(delete(graph_events))
    conn.execute(delete(graph_actor_members))
    prune_actors(conn)
    ids = conn.execute(
        select(documents.c.id).order_by(documents.c.published.is_(None), documents.c.published, documents.c.id)
    ).scalars().all()
    for doc_id in ids:
        link_document(conn, doc_id)
    return counts(conn)


def counts(conn: Connection) -> dict[str, int]:
    live = graph_actors.c.merged_into.is_(None)
    return {
        "actors": conn.execute(select(func.count()).select_from(graph_actors).where(live)).scalar_one(),
        "events": conn.execute(select(func.count()).select_from(graph_events)).scalar_one(),
        "event_reports": conn.execute(select(func.count()).select_from(graph_event_mentions)).scalar_one(),
    }


def needs_rebuild(conn: Connection) -> bool:
    """Documents stored before the graph existed (or by a store migrated to it)."""
    has_documents = conn.execute(select(documents.c.pk).limit(1)).first() is not None
    has_graph = conn.execute(select(graph_actor_members.c.actor_id).limit(1)).first() is not None
    has_actors = conn.execute(select(actors.c.id).limit(1)).first() is not None
    return has_documents and has_actors and not has_graph


# -- decisions ---------------------------------------------------------------------------


def _require(conn: Connection, graph_id: str) -> str:
    found = live_id(conn, graph_id)
    if found is None:
        raise StoreError(f"no actor {graph_id!r} in the graph (see `dossier actors`)")
    return found


def _documents_of(conn: Connection, graph_ids: Iterable[str]) -> list[str]:
    m = graph_actor_members
    return list(
        dict.fromkeys(conn.execute(select(m.c.document_id).where(m.c.graph_actor_id.in_(list(graph_ids)))).scalars())
    )


def _relink_events(conn: Connection, doc_ids: Iterable[str]) -> None:
    """Sides may change when identities do: cluster these documents' events again."""
    touched: set[int] = set()
    for doc_id in doc_ids:
        gm = graph_event_mentions
        touched |= set(conn.execute(select(gm.c.graph_event_id).where(gm.c.document_id == doc_id)).scalars())
        conn.execute(delete(gm).where(gm.c.document_id == doc_id))
    refresh_events(conn, touched)
    for doc_id in doc_ids:
        _link_events(conn, doc_id)


def _log(conn: Connection, action: str, kept: str, other: str, members: list[list[str]], reason: str) -> int:
    return conn.execute(
        insert(graph_actor_log)
        .values(
            at=_now(), action=action, graph_actor_id=kept, other_id=other, members=members, reason=reason, undone=False
        )
        .returning(graph_actor_log.c.seq)
    ).scalar_one()


def merge(conn: Connection, keep: str, other: str, reason: str) -> LogEntry:
    """Make ``other`` the same identity as ``keep``: its members move, and what would
    have joined it joins ``keep`` from now on."""
    keep, other = _require(conn, keep), _require(conn, other)
    if keep == other:
        raise StoreError(f"{keep!r} and {other!r} are already one actor")
    m = graph_actor_members
    moved = [[r.document_id, r.actor_id] for r in conn.execute(select(m).where(m.c.graph_actor_id == other))]
    conn.execute(
        update(m)
        .where(m.c.graph_actor_id == other)
        .values(graph_actor_id=keep, rule="manual", reason=f"merged by hand from {other}: {reason}")
    )
    conn.execute(update(graph_actors).where(graph_actors.c.id == other).values(merged_into=keep))
    seq = _log(conn, "merge", keep, other, moved, reason)
    _relink_events(conn, _documents_of(conn, [keep]))
    return _entry(conn, seq)


def split(conn: Connection, graph_id: str, *, document_id: str | None = None, reason: str) -> LogEntry:
    """Undo the latest merge into ``graph_id``; or, with ``document_id``, make that
    document's actors a new identity of their own."""
    graph_id = _require(conn, graph_id)
    m, log = graph_actor_members, graph_actor_log
    if document_id is None:
        last = conn.execute(
            select(log)
            .where(log.c.graph_actor_id == graph_id, log.c.action == "merge", log.c.undone.is_(False))
            .order_by(log.c.seq.desc())
        ).first()
        if last is None:
            raise StoreError(f"nothing was merged into {graph_id!r}; to take a document's actors apart use --document")
        members = [tuple(pair) for pair in last.members]
        for doc_id, actor_id in members:
            conn.execute(
                update(m)
                .where(m.c.document_id == doc_id, m.c.actor_id == actor_id)
                .values(graph_actor_id=last.other_id, rule="manual", reason=f"split by hand from {graph_id}: {reason}")
            )
        conn.execute(update(graph_actors).where(graph_actors.c.id == last.other_id).values(merged_into=None))
        conn.execute(update(log).where(log.c.seq == last.seq).values(undone=True))
        seq = _log(conn, "split", graph_id, last.other_id, [list(p) for p in members], reason)
        _relink_events(conn, _documents_of(conn, [graph_id, last.other_id]))
        return _entry(conn, seq)
    rows = conn.execute(select(m).where(m.c.graph_actor_id == graph_id, m.c.document_id == document_id)).all()
    if not rows:
        raise StoreError(f"document {document_id!r} has no actor that is {graph_id!r}")
    source = conn.execute(select(graph_actors).where(graph_actors.c.id == graph_id)).mappings().one()
    first = conn.execute(
        select(actors).where(actors.c.document_id == document_id, actors.c.id == rows[0].actor_id)
    ).mappings().one()
    identity = Identity(kind=source["kind"], name=first["name"], country=first["country"], code=first["code"])
    new_id = _new_identity(conn, identity)
    conn.execute(
        update(m)
        .where(m.c.graph_actor_id == graph_id, m.c.document_id == document_id)
        .values(graph_actor_id=new_id, rule="manual", reason=f"split by hand from {graph_id}: {reason}")
    )
    # A split-off identity is nobody's match: later articles keep going to the original.
    conn.execute(update(graph_actors).where(graph_actors.c.id == new_id).values(name_key=f"~{new_id}", initials=None))
    seq = _log(conn, "split", graph_id, new_id, [[r.document_id, r.actor_id] for r in rows], reason)
    _relink_events(conn, [document_id])
    return _entry(conn, seq)


def _entry(conn: Connection, seq: int) -> LogEntry:
    row = conn.execute(select(graph_actor_log).where(graph_actor_log.c.seq == seq)).mappings().one()
    return LogEntry(**row)


# -- reading -----------------------------------------------------------------------------


def _member_counts():
    m = graph_actor_members
    n_mentions = (
        select(mentions.c.document_id, mentions.c.actor_id, func.count().label("n"))
        .group_by(mentions.c.document_id, mentions.c.actor_id)
        .subquery()
    )
    return (
        select(
            m.c.graph_actor_id,
            func.count(func.distinct(m.c.document_id)).label("documents"),
            func.coalesce(func.sum(n_mentions.c.n), 0).label("mentions"),
        )
        .select_from(
            m.outerjoin(
                n_mentions, (n_mentions.c.document_id == m.c.document_id) & (n_mentions.c.actor_id == m.c.actor_id)
            )
        )
        .group_by(m.c.graph_actor_id)
        .subquery()
    )


def list_actors(
    conn: Connection, *, country: str | None = None, kind: str | None = None, limit: int | None = None
) -> list[GraphActor]:
    """Identities with the documents and mentions behind them, most documents first."""
    g = graph_actors
    n = _member_counts()
    query = (
        select(g, n.c.documents, n.c.mentions)
        .join(n, n.c.graph_actor_id == g.c.id)
        .where(g.c.merged_into.is_(None))
        .order_by(n.c.documents.desc(), n.c.mentions.desc(), g.c.name, g.c.id)
    )
    if country is not None:
        query = query.where(g.c.country == country)
    if kind is not None:
        query = query.where(g.c.kind == kind)
    if limit is not None:
        query = query.limit(limit)
    return [GraphActor(**row) for row in conn.execute(query).mappings()]


def profile(conn: Connection, graph_id: str) -> ActorProfile:
    graph_id = _require(conn, graph_id)
    g, m = graph_actors, graph_actor_members
    row = conn.execute(select(g).where(g.c.id == graph_id)).mappings().one()
    members = conn.execute(
        select(m.c.document_id, m.c.actor_id, m.c.reason, m.c.rule, actors.c.name, actors.c.roles, documents.c.published)
        .join(actors, (actors.c.document_id == m.c.document_id) & (actors.c.id == m.c.actor_id))
        .join(documents, documents.c.id == m.c.document_id)
        .where(m.c.graph_actor_id == graph_id)
        .order_by(documents.c.published, m.c.document_id, m.c.actor_id)
    ).mappings().all()
    aliases: dict[str, None] = {}
    for member in members:
        spans = conn.execute(
            select(mentions.c.span_text).where(
                mentions.c.document_id == member["document_id"], mentions.c.actor_id == member["actor_id"]
            )
        ).scalars()
        for text in spans:
            aliases.setdefault(text, None)
    roles = [
        RoleStated(
            title=role.get("title"),
            organization=role.get("organization"),
            country=role.get("country"),
            document_id=member["document_id"],
            published=member["published"],
        )
        for member in members
        for role in member["roles"] or ()
    ]
    log = [
        LogEntry(**r)
        for r in conn.execute(
            select(graph_actor_log)
            .where(or_(graph_actor_log.c.graph_actor_id == graph_id, graph_actor_log.c.other_id == graph_id))
            .order_by(graph_actor_log.c.seq)
        ).mappings()
    ]
    merged = list(conn.execute(select(g.c.id).where(g.c.merged_into == graph_id).order_by(g.c.id)).scalars())
    mention_count = conn.execute(
        select(func.count())
        .select_from(mentions)
        .join(m, (m.c.document_id == mentions.c.document_id) & (m.c.actor_id == mentions.c.actor_id))
        .where(m.c.graph_actor_id == graph_id)
    ).scalar_one()
    return ActorProfile(
        **{k: row[k] for k in ("id", "kind", "name", "country", "code", "sector")},
        documents=len({mm["document_id"] for mm in members}),
        mentions=mention_count,
        names=list(dict.fromkeys(mm["name"] for mm in members)),
        aliases=list(aliases),
        roles=roles,
        members=[Member(**{k: mm[k] for k in ("document_id", "actor_id", "name", "published", "reason", "rule")}) for mm in members],
        log=log,
        merged=merged,
    )


def graph_id_of(conn: Connection, document_id: str, actor_id: str) -> str | None:
    m = graph_actor_members
    return conn.execute(
        select(m.c.graph_actor_id).where(m.c.document_id == document_id, m.c.actor_id == actor_id)
    ).scalar()


__all__: list[Any] = [
    "ActorProfile",
    "GraphActor",
    "LogEntry",
    "Member",
    "RoleStated",
    "link_document",
    "list_actors",
    "merge",
    "profile",
    "rebuild",
    "refresh_events",
    "split",
    "unlink_document",
]
