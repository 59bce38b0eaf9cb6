"""Contradictions across the store: a claim one source makes and another denies.

"Washington has charged the two with ... sending arms to Russia" and "Moscow and
Pyongyang have denied the arms transfers accusations" are one contradiction: the same
kind of event between the same countries, held as asserted, reported or alleged in one
place and as denied in another. Sides are compared by country (or IGO code), so two
articles years apart, naming "Pyongyang" and "North Korea", meet.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from pydantic import BaseModel
from sqlalchemy import Connection, select

from .schema import actors, attributions, documents, events

AFFIRMING = {"asserted", "reported", "alleged"}


class ClaimSide(BaseModel):
    """One side of a contradiction: the event as one source holds it, with its evidence."""

    document_id: str
    published: dt.date | None = None
    event_id: str
    status: str
    said_by: str | None = None  # the speaker of the attribution holding it; None: the article
    sentence: str
    source: list[str]
    target: list[str]


class Contradiction(BaseModel):
    type: str
    claim: ClaimSide
    denial: ClaimSide


def _side_keys(ids: list[str], by_id: dict[str, dict]) -> set[str]:
    keys = set()
    for actor_id in ids:
        actor = by_id.get(actor_id)
        if actor is None:
            continue
        if actor["country"]:
            keys.add(actor["country"])
        elif actor["code"] and actor["code"].startswith("IGO"):
            keys.add(actor["code"])
    return keys


def find_contradictions(conn: Connection, *, actor: str | None = None, limit: int | None = None) -> list[Contradiction]:
    """Pairs of (affirmed, denied) events of one type whose sides share countries.

    ``actor``: a country or IGO code one of the events must involve (``PRK``).
    """
    actor_rows = conn.execute(
        select(actors.c.document_id, actors.c.id, actors.c.name, actors.c.country, actors.c.code)
    ).mappings()
    by_document: dict[str, dict[str, dict]] = defaultdict(dict)
    for row in actor_rows:
        by_document[row["document_id"]][row["id"]] = dict(row)
    speakers = {
        (row["document_id"], row["id"]): row["speaker_id"]
        for row in conn.execute(
            select(attributions.c.document_id, attributions.c.id, attributions.c.speaker_id)
        ).mappings()
    }
    published = {
        row["id"]: row["published"] for row in conn.execute(select(documents.c.id, documents.c.published)).mappings()
    }
    query = select(
        events.c.document_id,
        events.c.id,
        events.c.type,
        events.c.status,
        events.c.source_actors,
        events.c.target_actors,
        events.c.sentence_text,
        events.c.attribution_id,
        events.c.negated,
    ).where(events.c.status.in_(AFFIRMING | {"denied"}))
    affirmed: dict[str, list[tuple[ClaimSide, set[str], set[str]]]] = defaultdict(list)
    denied: dict[str, list[tuple[ClaimSide, set[str], set[str]]]] = defaultdict(list)
    for row in conn.execute(query.order_by(events.c.document_id, events.c.seq)).mappings():
        if row["negated"]:
            continue  # "did not attack" is no claim that it happened
        by_id = by_document[row["document_id"]]
        source, target = _side_keys(row["source_actors"], by_id), _side_keys(row["target_actors"], by_id)
        if not source or not target:
            continue
        speaker_id = speakers.get((row["document_id"], row["attribution_id"]))
        side = ClaimSide(
            document_id=row["document_id"],
            published=published.get(row["document_id"]),
            event_id=row["id"],
            status=row["status"],
            said_by=by_id.get(speaker_id, {}).get("name") if speaker_id else None,
            sentence=row["sentence_text"],
            source=sorted(source),
            target=sorted(target),
        )
        (denied if row["status"] == "denied" else affirmed)[row["type"]].append((side, source, target))
    found: list[Contradiction] = []
    for type_, denials in denied.items():
        for denial, d_source, d_target in denials:
            for claim, c_source, c_target in affirmed.get(type_, ()):
                if not (c_source & d_source and c_target & d_target):
                    continue
                if actor and actor not in c_source | c_target | d_source | d_target:
                    continue
                found.append(Contradiction(type=type_, claim=claim, denial=denial))
    found.sort(key=lambda c: (c.denial.document_id, c.denial.event_id, c.claim.document_id, c.claim.event_id))
    return found[:limit] if limit else found
