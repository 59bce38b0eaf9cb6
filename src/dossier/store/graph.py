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
from ..resolve.event_identity import (
    MAX_SPAN_DAYS,
    Placing,
    Report,
    dyads,
    narrowest,
    placing,
    same_event,
    side_key,
    side_keys,
    thin,
)
from ..resolve.identity import Identity, initials, match, named_in_full, proposed_id
from .schema import (
    actors,
    documents,
    events,
    graph_actor_log,
    graph_actor_members,
    graph_actor_titles,
    graph_actors,
    graph_dyads,
    graph_event_codes,
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


def _candidate_pool(conn: Connection, wanted: list[Identity]) -> list[Identity]:
    """Every live identity the rules may match any of ``wanted`` with, in one query (and
    one more for surnames): same name, same initials, same state, same IGO code."""
    g = graph_actors
    # A bare surname matches only full names (by the surname conditions below), never an
    # identity of the same one word: those pile up, one per article, so they are not read.
    keys = {a.key for a in wanted if not (a.kind == "person" and len(a.words) == 1)}
    conditions = [g.c.name_key.in_(keys), g.c.initials.in_(keys)]
    spelled = {initials(a.key) for a in wanted if a.kind in ORGANIZATION_KINDS and " " in a.key}
    if spelled:
        conditions.append(g.c.name_key.in_(spelled))
    countries = {a.country for a in wanted if a.kind == "state" and a.country}
    if countries:
        conditions.append((g.c.kind == "state") & g.c.country.in_(countries))
    codes = {a.code for a in wanted if a.kind == "igo" and a.code}
    if codes:
        conditions.append(g.c.code.in_(codes))
    for actor in wanted:
        if actor.kind == "person" and len(actor.words) == 1 and actor.country:
            word = actor.words[0]
            conditions.append(
                (g.c.kind == "person")
                & (g.c.country == actor.country)
                & or_(g.c.name_key.like(f"{word} %"), g.c.name_key.like(f"% {word}"))
            )
    query = select(g).where(g.c.merged_into.is_(None), or_(*conditions)).order_by(g.c.created_at, g.c.id)
    rows = conn.execute(query).mappings().all()
    people = [r["id"] for r in rows if r["kind"] == "person"]
    roles = _graph_roles(conn, people) if people and any(a.kind == "person" for a in wanted) else {}
    return [
        Identity(
            kind=row["kind"],
            name=row["name"],
            country=row["country"],
            code=row["code"],
            sector=row["sector"],
            roles=roles.get(row["id"], ()),
            key=row["name_key"],
            id=row["id"],
        )
        for row in rows
    ]


def _graph_roles(conn: Connection, graph_ids: list[str]) -> dict[str, tuple[str, ...]]:
    """The role titles the members of these identities were given (from their tally)."""
    t = graph_actor_titles
    found: dict[str, list[str]] = {}
    rows = conn.execute(
        select(t.c.graph_actor_id, t.c.title).where(t.c.graph_actor_id.in_(graph_ids)).order_by(t.c.title)
    )
    for graph_id, title in rows:
        found.setdefault(graph_id, []).append(title)
    return {graph_id: tuple(titles) for graph_id, titles in found.items()}


def _titles(roles: list[dict] | None) -> set[str]:
    return {role["title"] for role in roles or () if role.get("title")}


def _member_titles(conn: Connection, where) -> Counter[tuple[str, str]]:
    """(identity, title) -> how many of the members ``where`` selects were given it."""
    m = graph_actor_members
    rows = conn.execute(
        select(m.c.graph_actor_id, actors.c.roles)
        .join(actors, (m.c.document_id == actors.c.document_id) & (m.c.actor_id == actors.c.id))
        .where(where)
    )
    tally: Counter[tuple[str, str]] = Counter()
    for graph_id, roles in rows:
        for title in _titles(roles):
            tally[graph_id, title] += 1
    return tally


def _tally_titles(conn: Connection, change: Counter[tuple[str, str]] | dict[tuple[str, str], int]) -> None:
    """Add ``change`` (negative to take away) to the identities' title tallies."""
    change = {key: n for key, n in change.items() if n}
    if not change:
        return
    t = graph_actor_titles
    ids = {graph_id for graph_id, _ in change}
    have = {(r.graph_actor_id, r.title): r.members for r in conn.execute(select(t).where(t.c.graph_actor_id.in_(ids)))}
    added = []
    for (graph_id, title), n in sorted(change.items()):
        total = have.get((graph_id, title), 0) + n
        if (graph_id, title) not in have:
            if total > 0:
                added.append({"graph_actor_id": graph_id, "title": title, "members": total})
        elif total > 0:
            conn.execute(update(t).where(t.c.graph_actor_id == graph_id, t.c.title == title).values(members=total))
        else:
            conn.execute(delete(t).where(t.c.graph_actor_id == graph_id, t.c.title == title))
    if added:
        conn.execute(insert(t), added)


def _recount_titles(conn: Connection, graph_ids: Iterable[str]) -> None:
    """Count these identities' titles again from their members (after a merge or split)."""
    ids = list(set(graph_ids))
    conn.execute(delete(graph_actor_titles).where(graph_actor_titles.c.graph_actor_id.in_(ids)))
    _tally_titles(conn, _member_titles(conn, graph_actor_members.c.graph_actor_id.in_(ids)))


def _identity_row(graph_id: str, actor: Identity) -> dict[str, Any]:
    return {
        "id": graph_id,
        "kind": actor.kind,
        "name": actor.name,
        "name_key": actor.key,
        "initials": initials(actor.key) if actor.kind in ORGANIZATION_KINDS and " " in actor.key else None,
        "country": actor.country,
        "code": actor.code,
        "sector": actor.sector,
        "merged_into": None,
        "created_at": _now(),
    }


def _free_ids(conn: Connection, actors_: list[Identity]) -> list[str]:
    """An unused id for each new identity: its proposed id, else with "-2", "-3"..."""
    bases = [proposed_id(a) for a in actors_]
    taken = set(conn.execute(select(graph_actors.c.id).where(graph_actors.c.id.in_(set(bases)))).scalars())
    chosen: list[str] = []
    for base in bases:
        graph_id, n = base, 1
        if graph_id in taken:
            # every "base-N" in one range read of the id index, not a query per N
            g = graph_actors.c.id
            suffixed = conn.execute(select(g).where(g > f"{base}-", g < f"{base}-\uffff")).scalars()
            taken |= set(suffixed)
        while graph_id in taken:
            n += 1
            graph_id = f"{base}-{n}"
            if graph_id not in taken:  # a collation may order "-" its own way: ask for this one
                taken |= set(conn.execute(select(graph_actors.c.id).where(graph_actors.c.id == graph_id)).scalars())
        taken.add(graph_id)
        chosen.append(graph_id)
    return chosen


def _new_identity(conn: Connection, actor: Identity) -> str:
    graph_id = _free_ids(conn, [actor])[0]
    conn.execute(insert(graph_actors).values(**_identity_row(graph_id, actor)))
    return graph_id


def _rename(conn: Connection, graph_id: str, actor: Identity) -> None:
    conn.execute(
        update(graph_actors)
        .where(graph_actors.c.id == graph_id)
        .values(name=actor.name, name_key=actor.key, initials=initials(actor.key))
    )


def _link_actors(conn: Connection, doc_id: str) -> dict[str, str]:
    """Give each of the document's actors a graph identity; returns actor id -> side key
    (country, else code, else graph id: how events compare their sides)."""
    rows = conn.execute(select(actors).where(actors.c.document_id == doc_id).order_by(actors.c.seq)).mappings().all()
    wanted = [
        Identity(
            kind=row["kind"],
            name=row["name"],
            country=row["country"],
            code=row["code"],
            sector=row["sector"],
            roles=tuple(r["title"] for r in row["roles"] or () if r.get("title")),
        )
        for row in rows
    ]
    pool = _candidate_pool(conn, wanted) if wanted else []
    new: list[Identity] = []
    chosen: list[tuple[Identity | None, str, str]] = []  # (new identity or None, graph id, reason)
    for actor in wanted:
        found = match(actor, pool)
        if found is not None:
            known = next(c for c in pool if c.id == found.id)
            if named_in_full(actor, known):  # "IAEA" seen first, now its full name
                _rename(conn, known.id, actor)
                pool[pool.index(known)] = Identity(**{**vars(known), "name": actor.name, "key": actor.key})
            chosen.append((None, found.id, found.reason))
        else:
            placeholder = Identity(**{**vars(actor), "id": f"\0new{len(new)}"})
            pool.append(placeholder)  # a later actor of this article may be the same
            new.append(placeholder)
            chosen.append((placeholder, placeholder.id, "first seen here"))
    ids = dict(zip((n.id for n in new), _free_ids(conn, new))) if new else {}
    if new:
        conn.execute(insert(graph_actors), [_identity_row(ids[n.id], n) for n in new])
    members, sides = [], {}
    titles: Counter[tuple[str, str]] = Counter()
    for row, (_, graph_id, reason) in zip(rows, chosen):
        graph_id = ids.get(graph_id, graph_id)
        members.append(
            {"document_id": doc_id, "actor_id": row["id"], "graph_actor_id": graph_id, "reason": reason, "rule": "auto"}
        )
        sides[row["id"]] = row["country"] or row["code"] or graph_id
        titles.update((graph_id, title) for title in _titles(row["roles"]))
    if members:
        conn.execute(insert(graph_actor_members), members)
    _tally_titles(conn, titles)
    return sides


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


def _stored_reports(
    conn: Connection, type_: str, source: str, target: str, where: Placing, *, texts: bool
) -> dict[int, list[Report]]:
    """Reports already in the graph (other articles) that place an event with this type
    and these sides on a day of ``where``: read by the indexes of event, sides and date,
    so their number follows how much happened then, not how much is stored. ``texts``:
    read each report's words too (thin sides compare them; other sides compare only time)."""
    if not where.precise_enough:
        return {}  # undated, or vaguer than a year: nothing outside the article can match
    ge, gm = graph_events, graph_event_mentions
    # Only reports within a year can match (``overlaps``), and an event that more than one
    # report joined is placed by one of them: none that starts over a year earlier can share a
    # day with ``where``. So both reads are bounded ranges of start dates.
    earliest = dt.date.fromordinal(max(where.start.toordinal() - MAX_SPAN_DAYS, 1))
    candidates = (
        select(ge.c.id)
        .where(ge.c.type == type_, ge.c.source_key == source, ge.c.target_key == target)
        .where(ge.c.start_date.between(earliest, where.end), ge.c.end_date >= where.start)
    )
    query = select(gm.c.graph_event_id, gm.c.document_id, gm.c.start_date, gm.c.end_date, gm.c.dated).where(
        gm.c.graph_event_id.in_(candidates), gm.c.start_date.between(earliest, where.end), gm.c.end_date >= where.start
    )
    if texts:
        query = query.add_columns(events.c.trigger_text, events.c.sentence_text).join(
            events, (events.c.document_id == gm.c.document_id) & (events.c.id == gm.c.event_id)
        )
    found: dict[int, list[Report]] = {}
    for row in conn.execute(query):
        told = Placing(row.start_date, row.end_date, row.dated)
        words = (row.trigger_text, row.sentence_text) if texts else ("", "")
        found.setdefault(row.graph_event_id, []).append(Report(row.document_id, told, *words))
    return found


def code_of(tally: dict[str, int]) -> str:
    """A graph event's code: the one most of its reports give; among equals the lowest,
    so the choice does not depend on the order reports arrived in."""
    return min(tally, key=lambda code: (-tally[code], code))


def _link_events(conn: Connection, doc_id: str, keys: dict[str, str] | None = None) -> None:
    """Join each of the document's events to the graph event it reports (reported by an
    earlier article or earlier in this one), or start one. New graph events are written
    whole; those that gained reports have their tallies grown, not recomputed."""
    keys = _side_keys(conn, doc_id) if keys is None else keys
    placings = _event_placings(conn, doc_id)
    here: dict[tuple[str, str, str], dict[int, list[Report]]] = {}  # this article's events
    created: list[tuple[str, str, str]] = []  # (type, source, target) of each new graph event
    told: dict[int, list[tuple[Placing, str]]] = {}  # graph id -> this article's (placing, code)
    reports: list[dict] = []
    rows = conn.execute(select(events).where(events.c.document_id == doc_id).order_by(events.c.seq)).mappings()
    for row in rows:
        source_keys = sorted({keys[a] for a in row["source_actors"] if a in keys})
        target_keys = sorted({keys[a] for a in row["target_actors"] if a in keys})
        source, target = side_key(source_keys), side_key(target_keys)
        where = placings[row["id"]]
        report = Report(doc_id, where, row["trigger_text"], row["sentence_text"])
        sides = (row["type"], source, target)
        graph_id = None
        if source or target:  # with no side there is nothing to tell one report from another
            thin_sides = thin(source, target)
            known = {g: list(told_) for g, told_ in here.get(sides, {}).items()}
            for other_id, stored in _stored_reports(conn, *sides, where, texts=thin_sides).items():
                known.setdefault(other_id, []).extend(stored)
            matching = [
                g for g, told_ in known.items() if any(same_event(report, o, thin_sides=thin_sides) for o in told_)
            ]
            graph_id = min(matching, key=lambda g: (g < 0, abs(g))) if matching else None
        if graph_id is None:
            graph_id = -1 - len(created)  # a stand-in until the new events are written together
            created.append(sides)
        here.setdefault(sides, {}).setdefault(graph_id, []).append(report)
        told.setdefault(graph_id, []).append((where, row["cameo"]))
        reports.append(
            {
                "document_id": doc_id,
                "event_id": row["id"],
                "graph_event_id": graph_id,
                "start_date": where.start,
                "end_date": where.end,
                "dated": where.dated,
            }
        )
    ids: list[int] = []
    if created:
        rows_ = [_new_event(sides, told[-1 - n]) for n, sides in enumerate(created)]
        written = insert(graph_events).returning(graph_events.c.id, sort_by_parameter_order=True)
        ids = conn.execute(written, rows_).scalars().all()
        codes, pairs = [], []
        for n, (graph_id, row) in enumerate(zip(ids, rows_)):
            tally = Counter(cameo for _, cameo in told[-1 - n])
            codes += [{"graph_event_id": graph_id, "cameo": c, "reports": k} for c, k in sorted(tally.items())]
            pairs += _dyad_rows(graph_id, row["source_key"], row["target_key"], row["start_date"])
        conn.execute(insert(graph_event_codes), codes)
        if pairs:
            conn.execute(insert(graph_dyads), pairs)
    for row in reports:
        if row["graph_event_id"] < 0:
            row["graph_event_id"] = ids[-1 - row["graph_event_id"]]
    if reports:
        conn.execute(insert(graph_event_mentions), reports)
    for graph_id, stored in sorted(told.items()):
        if graph_id >= 0:
            _grow_event(conn, graph_id, stored)


def _event_values(cameo: str, when: Placing, mentions: int, documents: int) -> dict[str, Any]:
    """What a graph event takes from its reports."""
    return {
        "cameo": cameo,
        "goldstein": goldstein(cameo),
        "quad_class": quad_class(cameo),
        "start_date": when.start,
        "end_date": when.end,
        "dated": when.dated,
        "mentions": mentions,
        "documents": documents,
    }


def _new_event(sides: tuple[str, str, str], told: list[tuple[Placing, str]]) -> dict[str, Any]:
    """The row of a graph event first reported (once or more) by one article."""
    type_, source, target = sides
    when = narrowest([where for where, _ in told])
    cameo = code_of(Counter(cameo for _, cameo in told))
    return {"type": type_, "source_key": source, "target_key": target, **_event_values(cameo, when, len(told), 1)}


def _dyad_rows(graph_id: int, source: str, target: str, start: dt.date | None) -> list[dict[str, Any]]:
    return [
        {"side_a": a, "side_b": b, "graph_event_id": graph_id, "relation": how, "start_date": start}
        for a, b, how in dyads(side_keys(source), side_keys(target))
    ]


def _grow_event(conn: Connection, graph_id: int, told: list[tuple[Placing, str]]) -> None:
    """A stored graph event gains one more article's reports: its counts, code tally and
    placing grow by them alone (the narrowest placing of all reports is the narrower of
    the event's and the new ones'), so the cost does not follow how often it was reported."""
    ge, gc = graph_events, graph_event_codes
    row = conn.execute(select(ge).where(ge.c.id == graph_id).with_for_update()).mappings().one()
    before = Placing(row["start_date"], row["end_date"], row["dated"])
    when = narrowest([before, *(where for where, _ in told)])
    tally = {
        r.cameo: r.reports
        for r in conn.execute(select(gc.c.cameo, gc.c.reports).where(gc.c.graph_event_id == graph_id))
    }
    gained = Counter(cameo for _, cameo in told)
    for cameo, n in sorted(gained.items()):
        if cameo in tally:
            conn.execute(
                update(gc).where(gc.c.graph_event_id == graph_id, gc.c.cameo == cameo).values(reports=tally[cameo] + n)
            )
        else:
            conn.execute(insert(gc).values(graph_event_id=graph_id, cameo=cameo, reports=n))
        tally[cameo] = tally.get(cameo, 0) + n
    conn.execute(
        update(ge)
        .where(ge.c.id == graph_id)
        .values(**_event_values(code_of(tally), when, row["mentions"] + len(told), row["documents"] + 1))
    )
    if when.start != before.start:
        conn.execute(update(graph_dyads).where(graph_dyads.c.graph_event_id == graph_id).values(start_date=when.start))


def refresh_events(conn: Connection, graph_ids: Iterable[int]) -> None:
    """Recompute graph events from all their reports (after reports were taken away):
    counts, placing, code tally, dyads; an event no report is left for is removed."""
    ge, gm, gc = graph_events, graph_event_mentions, graph_event_codes
    for graph_id in sorted(set(graph_ids)):
        reports = conn.execute(
            select(gm.c.document_id, gm.c.start_date, gm.c.end_date, gm.c.dated, events.c.cameo)
            .join(events, (events.c.document_id == gm.c.document_id) & (events.c.id == gm.c.event_id))
            .where(gm.c.graph_event_id == graph_id)
        ).all()
        conn.execute(delete(graph_dyads).where(graph_dyads.c.graph_event_id == graph_id))
        conn.execute(delete(gc).where(gc.c.graph_event_id == graph_id))
        if not reports:
            conn.execute(delete(ge).where(ge.c.id == graph_id))
            continue
        when = narrowest([Placing(r.start_date, r.end_date, r.dated) for r in reports])
        tally = Counter(r.cameo for r in reports)
        conn.execute(
            insert(gc), [{"graph_event_id": graph_id, "cameo": c, "reports": n} for c, n in sorted(tally.items())]
        )
        conn.execute(
            update(ge)
            .where(ge.c.id == graph_id)
            .values(**_event_values(code_of(tally), when, len(reports), len({r.document_id for r in reports})))
        )
        sides = conn.execute(select(ge.c.source_key, ge.c.target_key).where(ge.c.id == graph_id)).one()
        pairs = _dyad_rows(graph_id, sides.source_key, sides.target_key, when.start)
        if pairs:
            conn.execute(insert(graph_dyads), pairs)


# -- documents ---------------------------------------------------------------------------


def link_document(conn: Connection, doc_id: str) -> None:
    """Join a just-saved document's actors and events to the graph."""
    _link_events(conn, doc_id, _link_actors(conn, doc_id))


def unlink_document(conn: Connection, doc_id: str) -> tuple[set[int], set[str]]:
    """Detach a document from the graph before its rows go; returns the graph events to
    ``refresh_events`` and the identities to ``prune_actors`` once they have gone. Manual
    decisions about its actors are lost with the actors themselves; merges of whole
    identities stay."""
    gm, m = graph_event_mentions, graph_actor_members
    touched = set(conn.execute(select(gm.c.graph_event_id).where(gm.c.document_id == doc_id)).scalars())
    identities = set(conn.execute(select(m.c.graph_actor_id).where(m.c.document_id == doc_id)).scalars())
    _tally_titles(conn, {key: -n for key, n in _member_titles(conn, m.c.document_id == doc_id).items()})
    conn.execute(delete(gm).where(gm.c.document_id == doc_id))
    conn.execute(delete(m).where(m.c.document_id == doc_id))
    return touched, identities


def prune_actors(conn: Connection, graph_ids: Iterable[str] | None = None) -> None:
    """Remove identities nothing refers to any more: no member, nothing merged into them,
    no logged decision. ``graph_ids``: only look at these (the ones a document left)."""
    g, m, log = graph_actors, graph_actor_members, graph_actor_log
    referenced = or_(
        exists().where(m.c.graph_actor_id == g.c.id),
        exists().where(log.c.graph_actor_id == g.c.id),
        exists().where(log.c.other_id == g.c.id),
    )
    merged_here = select(g.c.merged_into).where(g.c.merged_into.is_not(None)).scalar_subquery()
    query = delete(g).where(~referenced, g.c.id.not_in(merged_here))
    if graph_ids is not None:
        ids = list(graph_ids)
        if not ids:
            return
        query = query.where(g.c.id.in_(ids))
    conn.execute(query)


def rebuild(conn: Connection) -> dict[str, int]:
    """Recompute the graph from the documents, oldest first; identities merged by hand
    stay merged. Returns what was built."""
    conn.execute(delete(graph_dyads))
    conn.execute(delete(graph_event_mentions))
    conn.execute(delete(graph_event_codes))
    conn.execute(delete(graph_events))
    conn.execute(delete(graph_actor_titles))
    conn.execute(delete(graph_actor_members))
    prune_actors(conn)
    ids = (
        conn.execute(
            select(documents.c.id).order_by(documents.c.published.is_(None), documents.c.published, documents.c.id)
        )
        .scalars()
        .all()
    )
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
    _recount_titles(conn, [keep, other])
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
        _recount_titles(conn, [graph_id, last.other_id])
        seq = _log(conn, "split", graph_id, last.other_id, [list(p) for p in members], reason)
        _relink_events(conn, _documents_of(conn, [graph_id, last.other_id]))
        return _entry(conn, seq)
    rows = conn.execute(select(m).where(m.c.graph_actor_id == graph_id, m.c.document_id == document_id)).all()
    if not rows:
        raise StoreError(f"document {document_id!r} has no actor that is {graph_id!r}")
    source = conn.execute(select(graph_actors).where(graph_actors.c.id == graph_id)).mappings().one()
    first = (
        conn.execute(select(actors).where(actors.c.document_id == document_id, actors.c.id == rows[0].actor_id))
        .mappings()
        .one()
    )
    identity = Identity(kind=source["kind"], name=first["name"], country=first["country"], code=first["code"])
    new_id = _new_identity(conn, identity)
    conn.execute(
        update(m)
        .where(m.c.graph_actor_id == graph_id, m.c.document_id == document_id)
        .values(graph_actor_id=new_id, rule="manual", reason=f"split by hand from {graph_id}: {reason}")
    )
    # A split-off identity is nobody's match: later articles keep going to the original.
    conn.execute(update(graph_actors).where(graph_actors.c.id == new_id).values(name_key=f"~{new_id}", initials=None))
    _recount_titles(conn, [graph_id, new_id])
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
    conn: Connection,
    *,
    country: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[GraphActor]:
    """Identities with the documents and mentions behind them, most documents first."""
    g = graph_actors
    n = _member_counts()
    query = (
        select(g, n.c.documents, n.c.mentions)
        .join(n, n.c.graph_actor_id == g.c.id)
        .where(*_listed(country, kind))
        .order_by(n.c.documents.desc(), n.c.mentions.desc(), g.c.name, g.c.id)
    )
    if limit is not None or offset:
        query = query.limit(limit).offset(offset)
    return [GraphActor(**row) for row in conn.execute(query).mappings()]


def count_actors(conn: Connection, *, country: str | None = None, kind: str | None = None) -> int:
    """How many identities ``list_actors`` lists: a test of each one's members, not
    the count of documents and mentions that ordering them needs."""
    g, m = graph_actors, graph_actor_members
    has_members = select(m.c.graph_actor_id).where(m.c.graph_actor_id == g.c.id).exists()
    return conn.execute(select(func.count()).select_from(g).where(*_listed(country, kind), has_members)).scalar_one()


def _listed(country: str | None, kind: str | None) -> list:
    """Identities still standing (not merged into another), of ``country`` and ``kind``."""
    g = graph_actors
    conditions = [g.c.merged_into.is_(None)]
    if country is not None:
        conditions.append(g.c.country == country)
    if kind is not None:
        conditions.append(g.c.kind == kind)
    return conditions


def profile(conn: Connection, graph_id: str) -> ActorProfile:
    graph_id = _require(conn, graph_id)
    g, m = graph_actors, graph_actor_members
    row = conn.execute(select(g).where(g.c.id == graph_id)).mappings().one()
    members = (
        conn.execute(
            select(
                m.c.document_id,
                m.c.actor_id,
                m.c.reason,
                m.c.rule,
                actors.c.name,
                actors.c.roles,
                documents.c.published,
            )
            .join(actors, (actors.c.document_id == m.c.document_id) & (actors.c.id == m.c.actor_id))
            .join(documents, documents.c.id == m.c.document_id)
            .where(m.c.graph_actor_id == graph_id)
            .order_by(documents.c.published, m.c.document_id, m.c.actor_id)
        )
        .mappings()
        .all()
    )
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
        members=[
            Member(**{k: mm[k] for k in ("document_id", "actor_id", "name", "published", "reason", "rule")})
            for mm in members
        ],
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
    "count_actors",
    "link_document",
    "list_actors",
    "merge",
    "profile",
    "rebuild",
    "refresh_events",
    "split",
    "unlink_document",
]
