"""Exports: the events in the store as files that other tools read.

Two grains, one source of truth each:

- one row per event **report** (what one document says happened, with its evidence):
  ``ExportRow``, written as ``jsonl``, ``csv`` or ``parquet``. The CSV and parquet
  columns are the model's fields, in order;
- one record per **merged event** (one real event, however many reports it has):
  ``MergedEvent``, written as ``plover`` (``PloverRecord``, one JSON object a line) or
  ``gdelt`` (the GDELT 2.0 event table, tab-separated, ``GDELT_COLUMNS``).

Everything is read page by page (``PAGE_SIZE`` documents or merged events at a time),
so an export of a large store never holds it in memory. ``since``/``until`` keep the
events whose dates (the merged event's, so every report of an event is in or out
together) overlap the window; ``types`` keeps the PLOVER types named.

    >>> with Store(url) as store:
    ...     store.export("csv", "events.csv", since=dt.date(2024, 1, 1), types=["ASSAULT"])
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import types as _types
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Union, get_args, get_origin

from pydantic import BaseModel, Field
from sqlalchemy import Connection, and_, func, literal, or_, select, tuple_

from .. import __version__
from ..contract import ClaimStatus, EventType
from ..errors import ExportError
from ..resolve.cameo import goldstein as goldstein_of
from ..resolve.cameo import quad_class as quad_class_of
from ..resolve.event_identity import side_keys
from .schema import (
    actors,
    attributions,
    documents,
    events,
    graph_actor_members,
    graph_actors,
    graph_event_mentions,
    graph_events,
    timexes,
)

#: Documents (for report rows) or merged events (for plover and gdelt) read per query.
PAGE_SIZE = 500
FORMATS = ("jsonl", "csv", "parquet", "plover", "gdelt")
#: Formats of one record per merged event, read by event-data pipelines that count every
#: record as something that happened.
EVENT_DATA_FORMATS = ("plover", "gdelt")
#: What those formats hold unless told otherwise: events a report says happened (as
#: fact, as news, or as a charge), not denied, speculated, predicted or unconfirmed ones.
EVENT_DATA_STATUSES = ("asserted", "reported", "alleged")
CLAIM_STATUSES: tuple[str, ...] = get_args(ClaimStatus)
EVENT_TYPES: tuple[str, ...] = get_args(EventType)
#: Joins the items of a list column in a CSV cell.
LIST_SEPARATOR = ";"

Output = Union[str, Path, IO[str], IO[bytes]]


# -- the models ---------------------------------------------------------------------------


class ExportRow(BaseModel):
    """One report of an event. The columns of the CSV and parquet exports are these
    fields, in this order (``docs/export.md`` lists them, generated from here)."""

    graph_event_id: int | None = Field(
        None,
        description="The merged event this report belongs to (`graph_events.id`): every report of one real event has the same one.",
    )
    document_id: str = Field(description="The document that reports it.")
    event_id: str = Field(description="The event's id within that document.")
    type: str = Field(description="PLOVER event type (`ASSAULT`, `AID`, ...).")
    mode: str | None = Field(None, description="PLOVER mode (`visit`, `allege`, ...).")
    contexts: list[str] = Field(default_factory=list, description="PLOVER contexts (`military`, `diplomatic`, ...).")
    cameo: str = Field(description="CAMEO event code (`042`, `1121`).")
    cameo_root: str = Field(description="Its two-digit root (`04`, `11`).")
    goldstein: float | None = Field(None, description="Goldstein conflict-cooperation score of `cameo`, -10 to +10.")
    quad_class: int | None = Field(
        None, description="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."
    )
    status: str = Field(
        description="How the report holds it: asserted, reported, alleged, denied, speculated, predicted, unconfirmed."
    )
    negated: bool = Field(False, description="The text says it did not happen.")
    root: bool = Field(False, description="The main event of its sentence.")
    source_ids: list[str] = Field(
        default_factory=list, description="Graph actor ids of the source side (`dossier actors`)."
    )
    source_names: list[str] = Field(default_factory=list, description="Their names, in the same order.")
    source_countries: list[str] = Field(
        default_factory=list, description="The distinct countries of the source actors (ISO alpha-3)."
    )
    target_ids: list[str] = Field(default_factory=list, description="Graph actor ids of the target side.")
    target_names: list[str] = Field(default_factory=list, description="Their names, in the same order.")
    target_countries: list[str] = Field(
        default_factory=list, description="The distinct countries of the target actors."
    )
    source_key: str | None = Field(
        None,
        description="The source side as the graph compares it: countries, else actor codes, else graph ids, comma-joined.",
    )
    target_key: str | None = Field(None, description="The target side, the same way.")
    event_start: dt.date | None = Field(
        None, description="First day this report places the event on: the text's date, else the publication window."
    )
    event_end: dt.date | None = Field(None, description="Last day of that placing.")
    event_value: str | None = Field(
        None, description="The TIMEX3 value of the expression that dates it (`2024-03-12`, `2024-W11`)."
    )
    dated: bool = Field(False, description="True when the text dates the event; false when only publication does.")
    published: dt.date | None = Field(None, description="When the report was published.")
    said_by: str | None = Field(
        None,
        description="Who the report attributes it to: the speaker's name, else the words naming the source; empty: the article itself.",
    )
    said_by_id: str | None = Field(None, description="The speaker's graph actor id.")
    outlet: str | None = Field(None, description="The outlet that published the report.")
    url: str | None = Field(None, description="The report's URL.")
    title: str | None = Field(None, description="The report's title.")
    sentence: str = Field(description="The sentence that states the event.")
    sentence_start: int = Field(description="Its start offset in the document text.")
    sentence_end: int = Field(description="Its end offset.")
    trigger: str = Field(description="The words that express the event.")
    trigger_start: int = Field(description="Their start offset in the document text.")
    trigger_end: int = Field(description="Their end offset.")
    mentions: int | None = Field(None, description="Reports of the merged event in the store.")
    documents: int | None = Field(None, description="Documents that report the merged event.")


class SideActor(BaseModel):
    """A graph actor on one side of an event."""

    id: str
    name: str
    kind: str
    country: str | None = None
    code: str | None = None
    sector: str | None = None

    @property
    def key(self) -> str:
        """What the graph compares sides by: country, else code, else id."""
        return self.country or self.code or self.id


class MergedEvent(BaseModel):
    """One real event across its reports (a ``graph_events`` row), earliest report first."""

    id: int
    type: str
    cameo: str
    goldstein: float | None = None
    quad_class: int | None = None
    source_key: str
    target_key: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    dated: bool
    mentions: int
    documents: int
    source: list[SideActor]
    target: list[SideActor]
    reports: list[ExportRow]


class PloverActor(BaseModel):
    actorText: str = Field(description="The actor's name (the graph identity's; the report's own words are in `text`).")
    code: str | None = Field(None, description="ISO alpha-3 country, else the CAMEO actor code (`IGOUNO`).")
    sector: str | None = Field(None, description="CAMEO sector (`GOV`, `MIL`, ...).")
    id: str = Field(description="Dossier's graph actor id.")


class PloverReport(BaseModel):
    document_id: str = Field(description="The report's document.")
    event_id: str = Field(description="The event's id in it.")
    published: dt.date | None = Field(None, description="Publication date.")
    publication: str | None = Field(None, description="Outlet.")
    url: str | None = Field(None, description="URL.")
    status: str = Field(description="How this report holds the event.")
    negated: bool = Field(description="This report says it did not happen.")
    said_by: str | None = Field(None, description="Whom this report attributes it to.")
    eventText: str = Field(description="This report's trigger words.")
    text: str = Field(description="This report's sentence.")


class PloverRecord(BaseModel):
    """One merged event in the PLOVER event-data shape, with Dossier's additions."""

    id: str = Field(description="`dossier-` and the merged event id (`GLOBALEVENTID` in the gdelt export).")
    date: dt.date | None = Field(None, description="First day of the event (ISO date).")
    event: str = Field(description="PLOVER event type.")
    mode: str | None = Field(None, description="PLOVER mode, the one most reports give.")
    context: str | None = Field(None, description="PLOVER contexts of all reports, comma-separated.")
    source: list[PloverActor] = Field(description="Source actors of all reports.")
    target: list[PloverActor] = Field(description="Target actors of all reports.")
    eventText: str = Field(description="The trigger words of the earliest report.")
    text: str = Field(description="The sentence of the earliest report.")
    publication: str | None = Field(None, description="The earliest report's outlet.")
    url: str | None = Field(None, description="The earliest report's URL.")
    coder: str = Field("Dossier", description="Always `Dossier`.")
    version: str = Field(description="Dossier's version.")
    end_date: dt.date | None = Field(None, description="Dossier: last day of the event.")
    dated: bool = Field(description="Dossier: some report's text dates the event (else publication does).")
    cameo: str = Field(description="Dossier: the CAMEO code most reports give.")
    goldstein: float | None = Field(None, description="Dossier: its Goldstein score.")
    quad_class: int | None = Field(None, description="Dossier: its quad class (1-4).")
    status: str = Field(description="Dossier: the claim status most reports give (ties: the earliest report's).")
    source_key: str = Field(description="Dossier: the source side as the graph compares it.")
    target_key: str = Field(description="Dossier: the target side.")
    mentions: int = Field(description="Dossier: reports of the event.")
    documents: int = Field(description="Dossier: documents reporting it.")
    reports: list[PloverReport] = Field(description="Dossier: every report, earliest first.")


#: The GDELT 2.0 event table, in its order, with what Dossier puts in each column.
#: Columns with an empty description stay empty: Dossier has no data for them.
GDELT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("GLOBALEVENTID", "The merged event id (`graph_events.id`; renumbered by `Store.rebuild_graph`)."),
    ("SQLDATE", "First day of the event, YYYYMMDD; empty when undated."),
    ("MonthYear", "YYYYMM of that day."),
    ("Year", "YYYY of that day."),
    ("FractionDate", "The year plus the share of it gone before that day (YYYY.FFFF)."),
    *(
        (f"Actor{n}{column}", what)
        for n, side in ((1, "source"), (2, "target"))
        for column, what in (
            (
                "Code",
                f"CAMEO code of the first {side} actor (`IRNGOV`, `IGOUNO`), else country and sector, else its side key.",
            ),
            ("Name", "Its name."),
            ("CountryCode", "Its country (ISO alpha-3)."),
            ("KnownGroupCode", "For an IGO, the last three letters of its code (`UNO`)."),
            ("EthnicCode", ""),
            ("Religion1Code", ""),
            ("Religion2Code", ""),
            ("Type1Code", "Its CAMEO sector (`GOV`, `MIL`)."),
            ("Type2Code", ""),
            ("Type3Code", ""),
        )
    ),
    ("IsRootEvent", "1 when some report has it as the main event of its sentence, else 0."),
    ("EventCode", "CAMEO code."),
    ("EventBaseCode", "Its first three digits."),
    ("EventRootCode", "Its first two digits."),
    ("QuadClass", "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."),
    ("GoldsteinScale", "Goldstein score of the code."),
    ("NumMentions", "Reports of the event."),
    ("NumSources", "Distinct outlets among them."),
    ("NumArticles", "Documents reporting it."),
    ("AvgTone", ""),
    *(
        (f"{geo}Geo_{column}", "")
        for geo in ("Actor1", "Actor2", "Action")
        for column in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    ),
    ("DATEADDED", "Earliest publication date of a report, YYYYMMDD000000."),
    ("SOURCEURL", "URL of the earliest report."),
)


# -- reading ------------------------------------------------------------------------------


def _known(values: Iterable[str], known: Iterable[str], what: str, fold: Callable[[str], str]) -> list[str]:
    """``values`` folded, blanks dropped; ExportError naming any not ``known``."""
    known = tuple(known)
    found = [fold(v.strip()) for v in values if v.strip()]
    unknown = [v for v in found if v not in known]
    if unknown:
        raise ExportError(f"unknown {what} {', '.join(unknown)}: use {', '.join(known)}")
    return found


def check_types(types: Iterable[str] | None) -> list[str] | None:
    """PLOVER types, upper-cased; ExportError naming any that is not one."""
    if types is None:
        return None
    return _known(types, EVENT_TYPES, "event type", str.upper) or None


def date_window(since: dt.date | None, until: dt.date | None) -> list:
    """Merged events whose dates overlap [since, until]; undated ones fall out of any window."""
    conditions = []
    if since is not None:
        conditions.append(graph_events.c.end_date >= since)
    if until is not None:
        conditions.append(graph_events.c.start_date <= until)
    return conditions


def _document_pages(conn: Connection, size: int) -> Iterator[list[str]]:
    """Document ids, published ones by date then id, then undated ones by id; keyset pages."""
    d = documents
    last: tuple[dt.date, str] | None = None
    while True:
        query = select(d.c.id, d.c.published).where(d.c.published.is_not(None))
        if last is not None:
            query = query.where(or_(d.c.published > last[0], and_(d.c.published == last[0], d.c.id > last[1])))
        page = conn.execute(query.order_by(d.c.published, d.c.id).limit(size)).all()
        if page:
            yield [r.id for r in page]
        if len(page) < size:
            break
        last = (page[-1].published, page[-1].id)
    last_id: str | None = None
    while True:
        query = select(d.c.id).where(d.c.published.is_(None))
        if last_id is not None:
            query = query.where(d.c.id > last_id)
        page = conn.execute(query.order_by(d.c.id).limit(size)).scalars().all()
        if page:
            yield list(page)
        if len(page) < size:
            return
        last_id = page[-1]


def _report_query():
    e, d, gm, ge, t = events, documents, graph_event_mentions, graph_events, timexes
    return select(
        e.c.document_id,
        e.c.id,
        e.c.seq,
        e.c.type,
        e.c.mode,
        e.c.contexts,
        e.c.cameo,
        e.c.status,
        e.c.negated,
        e.c.root,
        e.c.source_actors,
        e.c.target_actors,
        e.c.trigger_start,
        e.c.trigger_end,
        e.c.trigger_text,
        e.c.sentence_start,
        e.c.sentence_end,
        e.c.sentence_text,
        e.c.attribution_id,
        e.c.extra,
        d.c.title,
        d.c.outlet,
        d.c.url,
        d.c.published,
        gm.c.graph_event_id,
        gm.c.start_date,
        gm.c.end_date,
        gm.c.dated,
        ge.c.source_key,
        ge.c.target_key,
        ge.c.mentions,
        ge.c.documents,
        t.c.value.label("timex_value"),
    ).select_from(
        _with_graph_events()
        .join(d, d.c.id == e.c.document_id)
        .outerjoin(t, (t.c.document_id == e.c.document_id) & (t.c.id == e.c.timex_id))
    )


def _with_graph_events():
    """Events with their merged event, if any: what every report filter reads."""
    e, gm, ge = events, graph_event_mentions, graph_events
    return e.outerjoin(gm, (gm.c.document_id == e.c.document_id) & (gm.c.event_id == e.c.id)).outerjoin(
        ge, ge.c.id == gm.c.graph_event_id
    )


def _members(conn: Connection, doc_ids: list[str]) -> dict[tuple[str, str], SideActor]:
    """(document id, actor id) -> the graph actor it is, for these documents."""
    m, g = graph_actor_members, graph_actors
    query = (
        select(m.c.document_id, m.c.actor_id, g.c.id, g.c.name, g.c.kind, g.c.country, g.c.code, g.c.sector)
        .join(g, g.c.id == m.c.graph_actor_id)
        .where(m.c.document_id.in_(doc_ids))
    )
    return {
        (r.document_id, r.actor_id): SideActor(
            id=r.id, name=r.name, kind=r.kind, country=r.country, code=r.code, sector=r.sector
        )
        for r in conn.execute(query)
    }


def _speakers(conn: Connection, doc_ids: list[str]) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    """(document id, attribution id) -> (speaker actor id, who says it as text)."""
    a = attributions
    query = (
        select(a.c.document_id, a.c.id, a.c.speaker_id, a.c.source_text, actors.c.name)
        .outerjoin(actors, (actors.c.document_id == a.c.document_id) & (actors.c.id == a.c.speaker_id))
        .where(a.c.document_id.in_(doc_ids))
    )
    return {(r.document_id, r.id): (r.speaker_id, r.name or r.source_text) for r in conn.execute(query)}


def _side(doc_id: str, local_ids: list[str], members: dict) -> list[SideActor]:
    found = [members[(doc_id, a)] for a in local_ids or () if (doc_id, a) in members]
    return list({actor.id: actor for actor in found}.values())


def _countries(side: list[SideActor]) -> list[str]:
    return list(dict.fromkeys(a.country for a in side if a.country))


def _reports(
    conn: Connection, condition, order, *, limit: int | None = None, offset: int = 0
) -> list[tuple[ExportRow, list[SideActor], list[SideActor]]]:
    """Report rows matching ``condition`` with their sides' graph actors; ``limit`` and
    ``offset`` page them in the database, so only the page's rows are built."""
    query = _report_query().where(*condition).order_by(*order)
    if limit is not None or offset:
        query = query.limit(limit).offset(offset)
    rows = conn.execute(query).mappings().all()
    doc_ids = list(dict.fromkeys(r["document_id"] for r in rows))
    if not doc_ids:
        return []
    members, speakers = _members(conn, doc_ids), _speakers(conn, doc_ids)
    found = []
    for r in rows:
        doc_id = r["document_id"]
        source, target = _side(doc_id, r["source_actors"], members), _side(doc_id, r["target_actors"], members)
        speaker_id, said_by = speakers.get((doc_id, r["attribution_id"]), (None, None))
        speaker = members.get((doc_id, speaker_id)) if speaker_id else None
        extra = r["extra"] or {}
        row = ExportRow(
            graph_event_id=r["graph_event_id"],
            document_id=doc_id,
            event_id=r["id"],
            type=r["type"],
            mode=r["mode"],
            contexts=r["contexts"] or [],
            cameo=r["cameo"],
            cameo_root=r["cameo"][:2],
            goldstein=extra.get("goldstein", goldstein_of(r["cameo"])),
            quad_class=extra.get("quad_class", quad_class_of(r["cameo"])),
            status=r["status"],
            negated=r["negated"],
            root=r["root"],
            source_ids=[a.id for a in source],
            source_names=[a.name for a in source],
            source_countries=_countries(source),
            target_ids=[a.id for a in target],
            target_names=[a.name for a in target],
            target_countries=_countries(target),
            source_key=r["source_key"] or None,
            target_key=r["target_key"] or None,
            event_start=r["start_date"],
            event_end=r["end_date"],
            event_value=r["timex_value"],
            dated=bool(r["dated"]),
            published=r["published"],
            said_by=said_by,
            said_by_id=speaker.id if speaker else None,
            outlet=r["outlet"],
            url=r["url"],
            title=r["title"],
            sentence=r["sentence_text"],
            sentence_start=r["sentence_start"],
            sentence_end=r["sentence_end"],
            trigger=r["trigger_text"],
            trigger_start=r["trigger_start"],
            trigger_end=r["trigger_end"],
            mentions=r["mentions"],
            documents=r["documents"],
        )
        found.append((row, source, target))
    return found


def iter_export(
    conn: Connection,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    types: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
    include_negated: bool = True,
    page_size: int = PAGE_SIZE,
) -> Iterator[ExportRow]:
    """Every event report, documents by publication date (undated last), events in text
    order; read ``page_size`` documents at a time. ``statuses``: only reports held so;
    ``include_negated=False``: not the reports saying it did not happen."""
    condition = report_filter(conn, since=since, until=until, types=types)
    condition += held_filter(statuses, include_negated)
    for doc_ids in _document_pages(conn, page_size):
        order = {doc_id: n for n, doc_id in enumerate(doc_ids)}
        found = _reports(conn, [events.c.document_id.in_(doc_ids), *condition], [events.c.document_id, events.c.seq])
        found.sort(key=lambda item: order[item[0].document_id])  # stable: text order kept
        for row, _, _ in found:
            yield row


def list_reports(
    conn: Connection,
    *,
    actor: str | None = None,
    types: Iterable[str] | None = None,
    status: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[ExportRow]]:
    """The count of the event reports the filter keeps and one page of them, in the
    order of ``iter_export`` (documents by publication date, undated last; events in
    text order). Filtering, counting and paging are SQL, so a filter matching nothing
    or an offset past the end reads no report at all (``report_filter`` says what
    each parameter keeps)."""
    condition = report_filter(conn, actor=actor, types=types, status=status, since=since, until=until)
    count = conn.execute(select(func.count()).select_from(_with_graph_events()).where(*condition)).scalar_one()
    if offset >= count:
        return count, []
    d, e = documents, events
    order = [d.c.published.is_(None), d.c.published, e.c.document_id, e.c.seq]
    return count, [row for row, _, _ in _reports(conn, condition, order, limit=limit, offset=offset)]


def report_filter(
    conn: Connection,
    *,
    actor: str | None = None,
    types: Iterable[str] | None = None,
    status: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list:
    """Conditions on events joined to their merged events (``_with_graph_events``):
    reports whose merged event overlaps [since, until] (``date_window``), of the PLOVER
    ``types``, held with ``status``, with ``actor`` on a side (``side_filter``)."""
    condition = date_window(since, until)
    types = check_types(types)
    if types:
        condition.append(events.c.type.in_(types))
    if status is not None:
        condition.append(events.c.status == status)
    if actor is not None and actor.strip():
        condition.append(side_filter(conn, actor))
    return condition


def check_statuses(statuses: Iterable[str] | None) -> list[str] | None:
    """The claim statuses asked for, checked; None keeps every status."""
    if statuses is None:
        return None
    return _known(statuses, CLAIM_STATUSES, "status", str.lower)


def held_filter(statuses: Iterable[str] | None, include_negated: bool) -> list:
    """Conditions on reports: held with one of ``statuses`` (None: any), and not negated
    unless ``include_negated``."""
    condition = []
    wanted = check_statuses(statuses)
    if wanted is not None:
        condition.append(events.c.status.in_(wanted))
    if not include_negated:
        condition.append(events.c.negated.is_(False))
    return condition


def side_filter(conn: Connection, actor: str):
    """Reports with ``actor`` on either side: a graph actor id of a side (as in
    ``source_ids``), a country of a side's actors (``source_countries``, upper-cased),
    or one of the side keys of the merged event (``source_key``: countries, else actor
    codes, else graph ids). The same reports as testing those fields of every row.

    Both tests start from what the actor names, read once: the documents where an
    identity of that id or country stands (by index), and the merged events whose keys
    hold it. Only events of those documents are looked at one by one, for the side
    the identity is on, so a rare actor, or one not in the store, costs next to nothing.
    """
    key = actor.strip()
    upper = key.upper()
    e, m, g, gm = events, graph_actor_members, graph_actors, graph_event_mentions
    members = (
        select(m.c.document_id, m.c.actor_id)
        .join(g, g.c.id == m.c.graph_actor_id)
        .where(or_(g.c.id == key, g.c.country == upper))
    )
    documents_naming = select(members.subquery().c.document_id)
    on_a_side = or_(*(_side_holds(conn, side, members) for side in (e.c.source_actors, e.c.target_actors)))
    member = and_(e.c.document_id.in_(documents_naming), on_a_side)
    if "," in upper:  # no single side key holds a comma
        return member
    keyed = graph_events.alias("keyed")
    holding = select(keyed.c.id).where(
        or_(_holds_key(conn, keyed.c.source_key, upper), _holds_key(conn, keyed.c.target_key, upper))
    )
    return or_(member, gm.c.graph_event_id.in_(holding))


def _side_holds(conn: Connection, side, members):
    """The event's ``side`` (a JSON array of its document's actor ids) holds one of
    ``members`` (document id, actor id): each id of the side looked up in that set,
    which the database reads once."""
    each = _elements(conn, side)
    return select(literal(1)).select_from(each).where(tuple_(events.c.document_id, each.c.value).in_(members)).exists()


def _elements(conn: Connection, array):
    """The strings of a JSON array as rows, one column ``value``."""
    if conn.dialect.name == "postgresql":
        return func.jsonb_array_elements_text(array).table_valued("value")
    return func.json_each(array).table_valued("value")


def _holds_key(conn: Connection, keys, key: str):
    """The comma-joined ``keys`` hold ``key`` exactly (case and all: LIKE would ignore
    case on SQLite and read ``_`` and ``%`` as wildcards)."""
    find = func.strpos if conn.dialect.name == "postgresql" else func.instr
    return find(literal(",") + keys + literal(","), f",{key},") > 0


def _report_order(row: ExportRow) -> tuple:
    return (row.published is None, row.published or dt.date.min, row.document_id)


def iter_merged(
    conn: Connection,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    types: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
    include_negated: bool = True,
    page_size: int = PAGE_SIZE,
) -> Iterator[MergedEvent]:
    """Every merged event in id order (the order they were first seen), with its
    reports, earliest first; ``page_size`` events at a time. With ``statuses`` or
    ``include_negated=False`` an event keeps only the reports that pass (its counts and
    sides are theirs), and an event none passes is left out."""
    types = check_types(types)
    held = held_filter(statuses, include_negated)
    ge = graph_events
    condition = date_window(since, until)
    if types:
        condition.append(ge.c.type.in_(types))
    last = 0
    while True:
        page = (
            conn.execute(select(ge).where(ge.c.id > last, *condition).order_by(ge.c.id).limit(page_size))
            .mappings()
            .all()
        )
        if not page:
            return
        by_event: dict[int, list] = {g["id"]: [] for g in page}
        reports = _reports(
            conn,
            [graph_event_mentions.c.graph_event_id.in_(list(by_event)), *held],
            [events.c.document_id, events.c.seq],
        )
        for item in reports:
            by_event[item[0].graph_event_id].append(item)
        for g in page:
            items = sorted(by_event[g["id"]], key=lambda item: _report_order(item[0]))
            if not items:
                continue  # no report holds it as the filter asks
            counts = {"mentions": len(items), "documents": len({item[0].document_id for item in items})}
            yield MergedEvent(
                **{k: g[k] for k in ("id", "type", "cameo", "goldstein", "quad_class", "source_key", "target_key")},
                **{k: g[k] for k in ("start_date", "end_date", "dated")},
                **counts,
                source=_union(item[1] for item in items),
                target=_union(item[2] for item in items),
                reports=[item[0] for item in items],
            )
        if len(page) < page_size:
            return
        last = page[-1]["id"]


def _union(sides: Iterable[list[SideActor]]) -> list[SideActor]:
    found: dict[str, SideActor] = {}
    for side in sides:
        for actor in side:
            found.setdefault(actor.id, actor)
    return list(found.values())


# -- columns ------------------------------------------------------------------------------


def _column_type(annotation: Any) -> tuple[Any, bool, bool]:
    """(item type, optional, is a list) of a field's annotation."""
    optional = False
    if get_origin(annotation) in (Union, _types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        optional = len(args) < len(get_args(annotation))
        annotation = args[0]
    if get_origin(annotation) is list:
        return get_args(annotation)[0], optional, True
    return annotation, optional, False


def columns(model: type[BaseModel] = ExportRow) -> list[str]:
    """The export columns: the model's fields, in order."""
    return list(model.model_fields)


_TYPE_NAMES = {str: "text", int: "integer", float: "number", bool: "boolean", dt.date: "date"}


def column_table(model: type[BaseModel] = ExportRow) -> str:
    """A Markdown table of the model's columns, their types and meanings (docs/export.md)."""
    lines = ["| column | type | meaning |", "|---|---|---|"]
    for name, field in model.model_fields.items():
        item, optional, is_list = _column_type(field.annotation)
        kind = "object" if get_origin(item) is dict else _TYPE_NAMES.get(item, getattr(item, "__name__", str(item)))
        kind = f"list of {kind}" if is_list else kind
        if optional:
            kind += ", or empty"
        lines.append(f"| `{name}` | {kind} | {field.description or ''} |")
    return "\n".join(lines)


def gdelt_table() -> str:
    """A Markdown table of the GDELT columns and what Dossier puts in them."""
    lines = ["| # | column | Dossier fills it with |", "|---|---|---|"]
    lines += [f"| {n} | `{name}` | {what or '(empty)'} |" for n, (name, what) in enumerate(GDELT_COLUMNS, 1)]
    return "\n".join(lines)


def csv_cells(row: ExportRow) -> list[str]:
    """A row as CSV cells: lists joined with ``;``, booleans ``true``/``false``, none empty."""
    cells = []
    for name in ExportRow.model_fields:
        value = getattr(row, name)
        if isinstance(value, list):
            cells.append(LIST_SEPARATOR.join(value))
        elif isinstance(value, bool):
            cells.append("true" if value else "false")
        elif value is None:
            cells.append("")
        elif isinstance(value, dt.date):
            cells.append(value.isoformat())
        else:
            cells.append(str(value))
    return cells


def from_csv(record: dict[str, str]) -> ExportRow:
    """The row a CSV record (``csv.DictReader``) was written from."""
    values: dict[str, Any] = {}
    for name, field in ExportRow.model_fields.items():
        cell = record[name]
        _, optional, is_list = _column_type(field.annotation)
        if is_list:
            values[name] = cell.split(LIST_SEPARATOR) if cell else []
        elif optional and cell == "":
            values[name] = None
        else:
            values[name] = cell
    return ExportRow.model_validate(values)


def _arrow_schema():
    pa = _pyarrow()
    kinds = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(), dt.date: pa.date32()}
    fields = []
    for name, field in ExportRow.model_fields.items():
        item, optional, is_list = _column_type(field.annotation)
        kind = pa.list_(kinds[item]) if is_list else kinds[item]
        fields.append(pa.field(name, kind, nullable=optional or is_list))
    return pa.schema(fields)


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise ExportError("parquet needs pyarrow: pip install 'dossier[parquet]'") from None
    return pyarrow


# -- merged events as PLOVER and GDELT ------------------------------------------------------


def _most_common(values: Iterable[Any]) -> Any:
    counted = Counter(v for v in values if v is not None)
    return counted.most_common(1)[0][0] if counted else None


def _plover_actor(actor: SideActor) -> PloverActor:
    return PloverActor(actorText=actor.name, code=actor.country or actor.code, sector=actor.sector, id=actor.id)


def plover_record(event: MergedEvent) -> PloverRecord:
    """A merged event in the PLOVER event-data shape."""
    first = event.reports[0]
    contexts = list(dict.fromkeys(c for r in event.reports for c in r.contexts))
    return PloverRecord(
        id=f"dossier-{event.id}",
        date=event.start_date,
        event=event.type,
        mode=_most_common(r.mode for r in event.reports),
        context=", ".join(contexts) or None,
        source=[_plover_actor(a) for a in event.source],
        target=[_plover_actor(a) for a in event.target],
        eventText=first.trigger,
        text=first.sentence,
        publication=first.outlet,
        url=first.url,
        version=__version__,
        end_date=event.end_date,
        dated=event.dated,
        cameo=event.cameo,
        goldstein=event.goldstein,
        quad_class=event.quad_class,
        status=_most_common(r.status for r in event.reports),
        source_key=event.source_key,
        target_key=event.target_key,
        mentions=event.mentions,
        documents=event.documents,
        reports=[
            PloverReport(
                document_id=r.document_id,
                event_id=r.event_id,
                published=r.published,
                publication=r.outlet,
                url=r.url,
                status=r.status,
                negated=r.negated,
                said_by=r.said_by,
                eventText=r.trigger,
                text=r.sentence,
            )
            for r in event.reports
        ],
    )


def _keyed_actor(key: str, side: list[SideActor]) -> SideActor | None:
    """The actor a side key stands for, a state before anything else of its country."""
    matching = [a for a in side if a.key == key]
    return next((a for a in matching if a.kind == "state"), matching[0] if matching else None)


def _gdelt_actor(n: int, key: str | None, side: list[SideActor]) -> dict[str, Any]:
    if not key:
        return {}
    actor = _keyed_actor(key, side)
    if actor is None:
        return {f"Actor{n}Code": key}
    code = actor.code or ((actor.country or "") + (actor.sector or "")) or key
    return {
        f"Actor{n}Code": code,
        f"Actor{n}Name": actor.name,
        f"Actor{n}CountryCode": actor.country,
        f"Actor{n}KnownGroupCode": actor.code[-3:]
        if actor.code and actor.code.startswith("IGO") and len(actor.code) >= 6
        else None,
        f"Actor{n}Type1Code": actor.sector,
    }


def gdelt_row(event: MergedEvent) -> dict[str, Any]:
    """A merged event as a GDELT 2.0 event-table row (column name -> value; missing: empty).

    GDELT has one actor a side: Actor1 is the first source side key, Actor2 the first
    target side key other than Actor1's ("Japan and South Korea held talks": JPN, KOR).
    """
    sources = side_keys(event.source_key)
    targets = side_keys(event.target_key)
    actor1 = sources[0] if sources else None
    actor2 = next((k for k in targets if k != actor1), targets[0] if targets else None)
    row: dict[str, Any] = {"GLOBALEVENTID": event.id}
    day = event.start_date
    if day is not None:
        days_in_year = 366 if dt.date(day.year, 12, 31).timetuple().tm_yday == 366 else 365
        row.update(
            SQLDATE=day.strftime("%Y%m%d"),
            MonthYear=day.strftime("%Y%m"),
            Year=day.year,
            FractionDate=f"{day.year + (day.timetuple().tm_yday - 1) / days_in_year:.4f}",
        )
    row.update(_gdelt_actor(1, actor1, event.source))
    row.update(_gdelt_actor(2, actor2, event.target))
    published = [r.published for r in event.reports if r.published is not None]
    row.update(
        IsRootEvent=int(any(r.root for r in event.reports)),
        EventCode=event.cameo,
        EventBaseCode=event.cameo[:3],
        EventRootCode=event.cameo[:2],
        QuadClass=event.quad_class,
        GoldsteinScale=event.goldstein,
        NumMentions=event.mentions,
        NumSources=len({r.outlet for r in event.reports if r.outlet}),
        NumArticles=event.documents,
        DATEADDED=min(published).strftime("%Y%m%d000000") if published else None,
        SOURCEURL=next((r.url for r in event.reports if r.url), None),
    )
    return row


def _gdelt_cell(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


# -- writers ------------------------------------------------------------------------------


def _write_jsonl(conn: Connection, out: IO[str], **query) -> int:
    n = 0
    for row in iter_export(conn, **query):
        out.write(row.model_dump_json() + "\n")
        n += 1
    return n


def _write_csv(conn: Connection, out: IO[str], **query) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns())
    n = 0
    for row in iter_export(conn, **query):
        writer.writerow(csv_cells(row))
        n += 1
    return n


def _write_plover(conn: Connection, out: IO[str], **query) -> int:
    n = 0
    for event in iter_merged(conn, **query):
        out.write(plover_record(event).model_dump_json() + "\n")
        n += 1
    return n


def _write_gdelt(conn: Connection, out: IO[str], **query) -> int:
    names = [name for name, _ in GDELT_COLUMNS]
    out.write("\t".join(names) + "\n")
    n = 0
    for event in iter_merged(conn, **query):
        row = gdelt_row(event)
        out.write("\t".join(_gdelt_cell(row.get(name)) for name in names) + "\n")
        n += 1
    return n


def _write_parquet(conn: Connection, output: Output, *, page_size: int = PAGE_SIZE, **query) -> int:
    if isinstance(output, io.TextIOBase):
        raise ExportError("parquet is binary: write it to a file (--output FILE)")
    pa = _pyarrow()
    schema = _arrow_schema()
    where = str(output) if isinstance(output, Path) else output
    n = 0
    with pa.parquet.ParquetWriter(where, schema) as writer:
        batch: list[dict] = []
        for row in iter_export(conn, page_size=page_size, **query):
            batch.append(row.model_dump())
            if len(batch) >= page_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n, batch = n + len(batch), []
        if batch or not n:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


_TEXT_WRITERS: dict[str, Callable[..., int]] = {
    "jsonl": _write_jsonl,
    "csv": _write_csv,
    "plover": _write_plover,
    "gdelt": _write_gdelt,
}


@contextmanager
def _text_output(output: Output) -> Iterator[IO[str]]:
    if isinstance(output, (str, Path)):
        with open(output, "w", encoding="utf-8", newline="") as out:
            yield out
    else:
        yield output  # type: ignore[misc]


def write_export(
    conn: Connection,
    format: str,
    output: Output,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    types: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
    include_negated: bool | None = None,
    page_size: int = PAGE_SIZE,
) -> int:
    """Write the events in ``format`` to ``output`` (a path, or an open text stream;
    parquet: a path or a binary stream). Returns the rows written: reports for jsonl,
    csv and parquet, merged events for plover and gdelt.

    ``statuses`` and ``include_negated`` choose the reports. By default the event-data
    formats (plover, gdelt) hold ``EVENT_DATA_STATUSES`` and no negated report, and the
    report formats, which carry both as columns, hold every report."""
    if format not in FORMATS:
        raise ExportError(f"unknown export format {format!r}: use {', '.join(FORMATS)}")
    event_data = format in EVENT_DATA_FORMATS
    if statuses is None and event_data:
        statuses = EVENT_DATA_STATUSES
    if include_negated is None:
        include_negated = not event_data
    query = {
        "since": since,
        "until": until,
        "types": check_types(types),
        "statuses": check_statuses(statuses),
        "include_negated": include_negated,
        "page_size": page_size,
    }
    if format == "parquet":
        return _write_parquet(conn, output, **query)
    with _text_output(output) as out:
        return _TEXT_WRITERS[format](conn, out, **query)


__all__ = [
    "CLAIM_STATUSES",
    "EVENT_DATA_FORMATS",
    "EVENT_DATA_STATUSES",
    "FORMATS",
    "GDELT_COLUMNS",
    "ExportRow",
    "check_statuses",
    "MergedEvent",
    "PloverRecord",
    "column_table",
    "columns",
    "csv_cells",
    "from_csv",
    "gdelt_row",
    "gdelt_table",
    "iter_export",
    "iter_merged",
    "list_reports",
    "plover_record",
    "write_export",
]
