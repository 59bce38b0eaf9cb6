"""A dyad's history: every event between two sides, in date order, with its reports.

"Everything between North Korea and Russia since 2019" is one range scan of the index
``graph_dyads (side_a, side_b, start_date)``; the events and their reports are then read
in bulk, a chunk of ids at a time, never one query per event.

Each event is placed by the graph's date for it (``graph_events.start_date``): the day
the text gives it when ``dated``, else the window before the publication of its report
(shown as reported). Events no report dates at all come last. ``quarters`` counts the
events with a date per calendar quarter, by quad class, with the sum of their Goldstein
scores. ``limit``/``offset`` page the listing (the command shows the last 100): the
count and the quarters come from the indexes and cover every event, the reports are
read for the page only.

    >>> with Store(url) as store:
    ...     report = store.dyad("PRK", "RUS", since=dt.date(2019, 1, 1))
    ...     [(e.start_date, e.type, e.direction) for e in report.events]
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Iterable, Iterator, Sequence

from pydantic import BaseModel, Field
from sqlalchemy import Connection, and_, extract, func, literal_column, select

from ..errors import StoreError
from ..resolve.event_identity import side_keys
from .schema import actors, attributions, documents, events, graph_dyads, graph_event_mentions, graph_events

#: Ids per ``IN`` list: far under SQLite's and PostgreSQL's limits on bound parameters.
CHUNK = 500
RELATIONS = ("between", "together")
QUAD_FIELDS = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}


class DyadReportSource(BaseModel):
    """One report of the event: the document, how it holds the event, who says so, the evidence."""

    document_id: str
    event_id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    status: str = Field(description="asserted, reported, alleged, denied, speculated, predicted, unconfirmed, ...")
    negated: bool = False
    said_by: str = Field(
        description="The attribution's speaker, else its source text, else the outlet, else 'the article'."
    )
    attributed: bool = Field(False, description="True when an attribution in the text holds the event.")
    sentence: str
    sentence_start: int
    sentence_end: int
    trigger: str
    start_date: dt.date | None = Field(None, description="When this report places the event.")
    end_date: dt.date | None = None
    dated: bool = Field(False, description="True: by the text; False: by the report's publication window.")


class DyadEvent(BaseModel):
    """One merged event joining the two sides."""

    id: int = Field(description="Graph event id.")
    type: str
    cameo: str
    goldstein: float | None = None
    quad_class: int | None = None
    relation: str = Field(description="between: one side acts on the other; together: both on one side.")
    source: list[str]
    target: list[str]
    direction: str = Field(description="Who acts on whom: 'PRK → RUS', 'PRK ↔ RUS' (each on the other), 'PRK + RUS'.")
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    dated: bool = Field(False, description="True: the text dates the event; False: placed by publication date.")
    mentions: int = 0
    documents: int = 0
    reports: list[DyadReportSource] = Field(default_factory=list)


class QuarterCount(BaseModel):
    """Events with a date in one calendar quarter, by quad class."""

    quarter: str = Field(description="'2024-Q2'.")
    start: dt.date
    events: int = 0
    verbal_cooperation: int = 0
    material_cooperation: int = 0
    verbal_conflict: int = 0
    material_conflict: int = 0
    goldstein: float = Field(0.0, description="Sum of the events' Goldstein scores.")


class DyadReport(BaseModel):
    """``dossier dyad A B``: the sides, the window asked for, the events and the quarters."""

    a: str
    b: str
    since: dt.date | None = None
    until: dt.date | None = None
    relation: str | None = None
    count: int = Field(0, description="Events found (all of them, also when `events` is one page).")
    offset: int = 0
    events: list[DyadEvent] = Field(default_factory=list)
    quarters: list[QuarterCount] = Field(default_factory=list)
    undated: int = Field(0, description="Events found that no report dates at all (not in `quarters`).")


def _spellings(key: str) -> list[str]:
    """A side as the graph may spell it: codes are upper case, graph actor ids lower case."""
    key = key.strip()
    return list(dict.fromkeys((key.upper(), key.lower(), key)))


def direction(source: Sequence[str], target: Sequence[str]) -> str:
    """'PRK → RUS'; 'PRK ↔ RUS' when each side is both source and target; 'PRK + RUS'
    when nobody is acted on."""
    src, tgt = " + ".join(source), " + ".join(target)
    if source and list(source) == list(target):
        return " ↔ ".join(source)
    if not target:
        return src
    if not source:
        return f"→ {tgt}"
    return f"{src} → {tgt}"


def relation_of(a: str, b: str, source: Sequence[str], target: Sequence[str]) -> str:
    """How an event joins ``a`` and ``b`` (as ``event_identity.dyads`` decides): "between"
    when one is a source and the other a target, else "together"."""
    if (a in source and b in target) or (b in source and a in target):
        return "between"
    return "together"


def quarter_of(day: dt.date) -> tuple[str, dt.date]:
    q = (day.month - 1) // 3
    return f"{day.year}-Q{q + 1}", dt.date(day.year, 3 * q + 1, 1)


def _chunks(ids: Sequence[int], size: int = CHUNK) -> Iterator[list[int]]:
    for i in range(0, len(ids), size):
        yield list(ids[i : i + size])


def _said_by(speaker: str | None, source_text: str | None, outlet: str | None) -> str:
    if speaker:
        return speaker
    if source_text:
        return " ".join(source_text.split())
    return outlet or "the article"


def find_pair(conn: Connection, a: str, b: str) -> tuple[str, str] | None:
    """(side_a, side_b) as ``graph_dyads`` holds the pair (alphabetical, the graph's
    spelling); None when no event joins them. A probe of the index per spelling."""
    d = graph_dyads
    tried = set()
    for x in _spellings(a):
        for y in _spellings(b):
            pair = (x, y) if x < y else (y, x)
            if pair in tried or x == y:
                continue
            tried.add(pair)
            query = select(d.c.side_a).where(d.c.side_a == pair[0], d.c.side_b == pair[1]).limit(1)
            if conn.execute(query).first() is not None:
                return pair
    return None


class DyadQueries:
    """The statements ``dyad`` runs, each a scan of an index on ``graph_dyads`` for the
    pair (kept together so that the benchmark can print their plans)."""

    def __init__(
        self,
        conn: Connection,
        pair: tuple[str, str],
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        relation: str | None = None,
    ):
        d = graph_dyads
        self.window = since is not None or until is not None
        self.where = [d.c.side_a == pair[0], d.c.side_b == pair[1]]
        if since is not None:
            self.where.append(d.c.start_date >= since)
        if until is not None:
            self.where.append(d.c.start_date <= until)
        if relation is not None:
            self.where.append(d.c.relation == relation)
        # Same-day events in the order of the index: on SQLite that is the rowid, which
        # the index (side_a, side_b, start_date) holds, so no sort is needed.
        sqlite = conn.dialect.name == "sqlite"
        self.tiebreak = literal_column("graph_dyads.rowid") if sqlite else d.c.graph_event_id

    def count(self):
        """Events and dated events: the index alone."""
        d = graph_dyads
        return select(func.count(), func.count(d.c.start_date)).where(*self.where)

    def ids(self, *, dated: bool, offset: int, limit: int | None):
        """Graph event ids in date order (dated ones; or the undated ones), one page."""
        d = graph_dyads
        query = select(d.c.graph_event_id).where(
            *self.where, d.c.start_date.is_not(None) if dated else d.c.start_date.is_(None)
        )
        query = query.order_by(d.c.start_date, self.tiebreak) if dated else query.order_by(self.tiebreak)
        return query.limit(limit).offset(offset) if limit is not None else query.offset(offset)

    def quarters(self):
        """Events per month and quad class, with their Goldstein sum."""
        d, ge = graph_dyads, graph_events
        year, month = extract("year", ge.c.start_date), extract("month", ge.c.start_date)
        # Without a window, test the event's own date: the planner then reads the pair
        # from the primary key (covering) and the events in id order, the fastest way.
        dated = d.c.start_date.is_not(None) if self.window else ge.c.start_date.is_not(None)
        return (
            select(year, month, ge.c.quad_class, func.count(), func.sum(ge.c.goldstein))
            .select_from(d.join(ge, ge.c.id == d.c.graph_event_id))
            .where(*self.where, dated)
            .group_by(year, month, ge.c.quad_class)
        )

    @staticmethod
    def events(ids: Sequence[int]):
        return select(graph_events).where(graph_events.c.id.in_(list(ids)))

    @staticmethod
    def reports(ids: Sequence[int]):
        """The reports of these graph events, with their documents, sentences and speakers."""
        gm, e, doc, att, speaker = graph_event_mentions, events, documents, attributions, actors.alias("speaker")
        columns = (
            gm.c.graph_event_id,
            gm.c.document_id,
            gm.c.event_id,
            gm.c.start_date,
            gm.c.end_date,
            gm.c.dated,
            e.c.status,
            e.c.negated,
            e.c.trigger_text,
            e.c.sentence_text,
            e.c.sentence_start,
            e.c.sentence_end,
            e.c.attribution_id,
            e.c.seq,
            doc.c.title,
            doc.c.outlet,
            doc.c.url,
            doc.c.published,
            att.c.source_text,
            speaker.c.name.label("speaker"),
        )
        joined = (
            gm.join(e, and_(e.c.document_id == gm.c.document_id, e.c.id == gm.c.event_id))
            .join(doc, doc.c.id == gm.c.document_id)
            .outerjoin(att, and_(att.c.document_id == e.c.document_id, att.c.id == e.c.attribution_id))
            .outerjoin(speaker, and_(speaker.c.document_id == att.c.document_id, speaker.c.id == att.c.speaker_id))
        )
        return select(*columns).select_from(joined).where(gm.c.graph_event_id.in_(list(ids)))


def _reports(conn: Connection, ids: Sequence[int]) -> dict[int, list[DyadReportSource]]:
    found: dict[int, list[tuple]] = defaultdict(list)
    for chunk in _chunks(ids):
        for row in conn.execute(DyadQueries.reports(chunk)):
            report = DyadReportSource(
                document_id=row.document_id,
                event_id=row.event_id,
                title=row.title,
                outlet=row.outlet,
                url=row.url,
                published=row.published,
                status=row.status,
                negated=bool(row.negated),
                said_by=_said_by(row.speaker, row.source_text, row.outlet),
                attributed=row.attribution_id is not None,
                sentence=row.sentence_text,
                sentence_start=row.sentence_start,
                sentence_end=row.sentence_end,
                trigger=row.trigger_text,
                start_date=row.start_date,
                end_date=row.end_date,
                dated=bool(row.dated),
            )
            # Oldest report first; within a document, in the order of its text.
            key = (row.published is None, row.published or dt.date.min, row.document_id, row.seq)
            found[row.graph_event_id].append((key, report))
    return {graph_id: [r for _, r in sorted(items, key=lambda x: x[0])] for graph_id, items in found.items()}


def _quarters(rows: Iterable[tuple]) -> list[QuarterCount]:
    counts: dict[tuple[int, int], dict[str, float]] = {}
    for year, month, quad, n, total in rows:
        key = (int(year), (int(month) - 1) // 3)
        quarter = counts.setdefault(key, defaultdict(float))
        quarter["events"] += n
        if quad in QUAD_FIELDS:
            quarter[QUAD_FIELDS[quad]] += n
        quarter["goldstein"] += total or 0.0
    return [
        QuarterCount(
            quarter=f"{year}-Q{q + 1}",
            start=dt.date(year, 3 * q + 1, 1),
            **{field: int(value) for field, value in c.items() if field != "goldstein"},
            goldstein=round(c["goldstein"], 2),
        )
        for (year, q), c in sorted(counts.items())
    ]


def _page(
    conn: Connection, queries: DyadQueries, dated: int, start: int, limit: int | None, undated: bool
) -> list[int]:
    """The ids of events ``start`` to ``start + limit`` in the listing: dated ones by date,
    then (``undated``) those with no date."""
    ids: list[int] = []
    if start < dated:
        n = None if limit is None else min(limit, dated - start)
        ids += conn.execute(queries.ids(dated=True, offset=start, limit=n)).scalars()
    if undated and (limit is None or len(ids) < limit):
        n = None if limit is None else limit - len(ids)
        ids += conn.execute(queries.ids(dated=False, offset=max(start - dated, 0), limit=n)).scalars()
    return ids


def dyad(
    conn: Connection,
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
    """Every graph event joining sides ``a`` and ``b`` (country codes, actor codes or
    graph actor ids, in any case and order), in date order, with its reports, and the
    per-quarter counts.

    ``since``/``until`` bound the event's start day (events with no date are left out
    when either is given); ``relation``: only "between" or only "together" events.
    ``limit``/``offset`` page the events (their reports are read for that page only; a
    negative offset counts from the end: ``limit=100, offset=-100`` is the last 100);
    ``count`` and ``quarters`` always cover them all. ``undated=False`` leaves the events
    with no date at all out of the listing (``undated`` in the report still counts them).
    """
    if not a.strip() or not b.strip():
        raise StoreError("a dyad needs two sides, e.g. PRK RUS")
    if set(_spellings(a)) & set(_spellings(b)):
        raise StoreError(f"a dyad needs two different sides, not {a.strip()!r} twice")
    if relation is not None and relation not in RELATIONS:
        raise StoreError(f"unknown relation {relation!r} (use {' or '.join(RELATIONS)})")
    if since is not None and until is not None and since > until:
        raise StoreError(f"since ({since}) is after until ({until})")
    if limit is not None and limit < 0:
        raise StoreError(f"limit must be 0 or more, not {limit}")
    pair = find_pair(conn, a, b)
    if pair is None:
        side_a, side_b = sorted((a.strip().upper(), b.strip().upper()))
        return DyadReport(a=side_a, b=side_b, since=since, until=until, relation=relation)
    queries = DyadQueries(conn, pair, since=since, until=until, relation=relation)
    count, dated = conn.execute(queries.count()).one()
    listed = count if undated else dated
    start = offset if offset >= 0 else max(listed + offset, 0)
    ids = _page(conn, queries, dated, start, limit, undated)
    rows: dict[int, dict] = {}
    for chunk in _chunks(ids):
        rows.update((row["id"], row) for row in conn.execute(queries.events(chunk)).mappings())
    reports = _reports(conn, ids)
    found = []
    for graph_id in ids:
        row = rows[graph_id]
        source, target = side_keys(row["source_key"]), side_keys(row["target_key"])
        found.append(
            DyadEvent(
                id=graph_id,
                type=row["type"],
                cameo=row["cameo"],
                goldstein=row["goldstein"],
                quad_class=row["quad_class"],
                relation=relation_of(*pair, source, target),
                source=source,
                target=target,
                direction=direction(source, target),
                start_date=row["start_date"],
                end_date=row["end_date"],
                dated=bool(row["dated"]),
                mentions=row["mentions"],
                documents=row["documents"],
                reports=reports.get(graph_id, []),
            )
        )
    return DyadReport(
        a=pair[0],
        b=pair[1],
        since=since,
        until=until,
        relation=relation,
        count=count,
        offset=start,
        events=found,
        quarters=_quarters(conn.execute(queries.quarters())),
        undated=count - dated,
    )


__all__ = [
    "DyadEvent",
    "DyadQueries",
    "DyadReport",
    "DyadReportSource",
    "QuarterCount",
    "direction",
    "dyad",
    "find_pair",
    "relation_of",
]
