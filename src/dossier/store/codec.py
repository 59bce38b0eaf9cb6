"""From a contract document to table rows and back, exactly.

A document's JSON (``model_dump(mode="json")``) is split field by field into columns.
Whatever a row has no column for (a field a later contract adds, in the document, an
item or one of its spans) goes to the row's ``extra`` and is merged back on rebuild,
so ``Document.model_validate(rows_to_document(...)) == doc`` holds for any version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from typing import Any, Iterable, Mapping

from ..contract import Document

SPAN = ("start", "end", "text")

Rows = dict[str, list[dict[str, Any]]]


def text_sha256(text: str) -> str:
    """SHA-256 of the text as UTF-8, as ``Store.status`` and ``sha256:`` ids use it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_sha256(doc: Document) -> str:
    """SHA-256 of the document's JSON: equal for equal documents."""
    return hashlib.sha256(doc.model_dump_json().encode("utf-8")).hexdigest()


# -- to rows -------------------------------------------------------------------------


def _take(data: dict, *keys: str) -> dict:
    return {key: data.pop(key) for key in keys}


def _span_columns(data: dict, field: str, prefix: str, extra: dict) -> dict:
    """Pop span ``field`` from ``data`` into ``<prefix>_start/_end/_text`` columns."""
    span = data.pop(field)
    if span is None:
        return {f"{prefix}_{key}": None for key in SPAN}
    span = dict(span)
    columns = {f"{prefix}_{key}": span.pop(key) for key in SPAN}
    if span:
        extra[field] = span
    return columns


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def document_rows(doc: Document) -> tuple[dict[str, Any], Rows]:
    """The documents row (without store bookkeeping) and the rows of each child table."""
    data = doc.model_dump(mode="json", by_alias=True)
    actors = data.pop("actors")
    events = data.pop("events")
    attributions = data.pop("attributions")
    timexes = data.pop("timexes")
    document = _take(data, "id", "title", "outlet", "url", "language", "text")
    document["schema_version"] = data.pop("schema")
    document["published"] = _date(data.pop("published"))
    document["extra"] = data or None
    doc_id = document["id"]

    rows: Rows = {"actors": [], "mentions": [], "events": [], "attributions": [], "timexes": []}
    for seq, actor in enumerate(actors):
        mentions = actor.pop("mentions")
        row = {"document_id": doc_id, "seq": seq}
        row.update(_take(actor, "id", "name", "kind", "country", "sector", "code", "roles"))
        row["extra"] = actor or None
        rows["actors"].append(row)
        for mention_seq, span in enumerate(mentions):
            mention = {
                "document_id": doc_id,
                "actor_id": row["id"],
                "seq": mention_seq,
                "span_start": span.pop("start"),
                "span_end": span.pop("end"),
                "span_text": span.pop("text"),
                "extra": span or None,
            }
            rows["mentions"].append(mention)

    for seq, event in enumerate(events):
        extra: dict = {}
        row = {"document_id": doc_id, "seq": seq}
        row.update(_take(event, "id", "type", "mode", "contexts", "cameo", "root", "negated", "status"))
        row["source_actors"] = event.pop("source")
        row["target_actors"] = event.pop("target")
        row["attribution_id"] = event.pop("attribution")
        row["timex_id"] = event.pop("time")
        row.update(_span_columns(event, "trigger", "trigger", extra))
        row.update(_span_columns(event, "sentence", "sentence", extra))
        extra.update(event)
        row["extra"] = extra or None
        rows["events"].append(row)

    for seq, attribution in enumerate(attributions):
        extra = {}
        row = {"document_id": doc_id, "seq": seq}
        row.update(_take(attribution, "id", "content", "direct"))
        row["speaker_id"] = attribution.pop("speaker")
        row["parent_id"] = attribution.pop("parent")
        row.update(_span_columns(attribution, "source", "source", extra))
        row.update(_span_columns(attribution, "cue", "cue", extra))
        extra.update(attribution)
        row["extra"] = extra or None
        rows["attributions"].append(row)

    for seq, timex in enumerate(timexes):
        extra = {}
        row = {"document_id": doc_id, "seq": seq}
        row.update(_take(timex, "id", "type", "value", "granularity", "modifier"))
        row["start_date"] = _date(timex.pop("start"))
        row["end_date"] = _date(timex.pop("end"))
        row.update(_span_columns(timex, "span", "span", extra))
        extra.update(timex)
        row["extra"] = extra or None
        rows["timexes"].append(row)

    return document, rows


# -- from rows -----------------------------------------------------------------------


def _span(row: Mapping[str, Any], prefix: str, extra: dict, field: str) -> dict | None:
    if row[f"{prefix}_start"] is None:
        return None
    span = {key: row[f"{prefix}_{key}"] for key in SPAN}
    span.update(extra.pop(field, None) or {})
    return span


def _with_extra(data: dict, extra: Mapping[str, Any] | None) -> dict:
    if extra:
        data.update(extra)
    return data


def rows_to_document(
    document: Mapping[str, Any],
    actors: Iterable[Mapping[str, Any]],
    mentions: Iterable[Mapping[str, Any]],
    events: Iterable[Mapping[str, Any]],
    attributions: Iterable[Mapping[str, Any]],
    timexes: Iterable[Mapping[str, Any]],
) -> Document:
    """Rebuild the document from its rows; each child iterable in ``seq`` order."""
    spans_of: dict[str, list[dict]] = defaultdict(list)
    for row in mentions:  # in (actor_id, seq) order
        span = {key: row[f"span_{key}"] for key in SPAN}
        spans_of[row["actor_id"]].append(_with_extra(span, row["extra"]))

    data: dict[str, Any] = {
        "schema": document["schema_version"],
        "id": document["id"],
        "title": document["title"],
        "outlet": document["outlet"],
        "url": document["url"],
        "language": document["language"],
        "published": document["published"],
        "text": document["text"],
    }
    _with_extra(data, document["extra"])

    data["actors"] = [
        _with_extra(
            {
                "id": row["id"],
                "name": row["name"],
                "kind": row["kind"],
                "country": row["country"],
                "sector": row["sector"],
                "code": row["code"],
                "roles": row["roles"],
                "mentions": spans_of.get(row["id"], []),
            },
            row["extra"],
        )
        for row in actors
    ]

    data["events"] = []
    for row in events:
        extra = dict(row["extra"] or {})
        event = {
            "id": row["id"],
            "type": row["type"],
            "mode": row["mode"],
            "contexts": row["contexts"],
            "cameo": row["cameo"],
            "source": row["source_actors"],
            "target": row["target_actors"],
            "trigger": _span(row, "trigger", extra, "trigger"),
            "sentence": _span(row, "sentence", extra, "sentence"),
            "root": row["root"],
            "negated": row["negated"],
            "status": row["status"],
            "attribution": row["attribution_id"],
            "time": row["timex_id"],
        }
        data["events"].append(_with_extra(event, extra))

    data["attributions"] = []
    for row in attributions:
        extra = dict(row["extra"] or {})
        attribution = {
            "id": row["id"],
            "speaker": row["speaker_id"],
            "source": _span(row, "source", extra, "source"),
            "cue": _span(row, "cue", extra, "cue"),
            "content": row["content"],
            "direct": row["direct"],
            "parent": row["parent_id"],
        }
        data["attributions"].append(_with_extra(attribution, extra))

    data["timexes"] = []
    for row in timexes:
        extra = dict(row["extra"] or {})
        timex = {
            "id": row["id"],
            "span": _span(row, "span", extra, "span"),
            "type": row["type"],
            "value": row["value"],
            "start": row["start_date"],
            "end": row["end_date"],
            "granularity": row["granularity"],
            "modifier": row["modifier"],
        }
        data["timexes"].append(_with_extra(timex, extra))

    return Document.model_validate(data)
