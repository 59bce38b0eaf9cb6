"""The record: one article as read from a file, a JSON line or stdin, before NLP."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass

from ..errors import InputError
from .metadata import looks_english, parse_date, read_header


@dataclass
class Record:
    text: str
    id: str | None = None
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    origin: str = "<text>"  # where it came from, for messages: path, path:line, <stdin>

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def doc_id(self) -> str:
        """The record's own id, else ``sha256:<hex of text>`` as the contract says."""
        return self.id if self.id else f"sha256:{self.text_sha256}"


def complete_record(record: Record) -> Record:
    """Fill what the record lacks from the article's own header; given values win.

    ``language`` stays as given, else "en" when the text reads as English, else None.
    """
    header = read_header(record.text)
    language = record.language or ("en" if looks_english(record.text) else None)
    return dataclasses.replace(
        record,
        title=record.title or header.title,
        published=record.published or header.published,
        outlet=record.outlet or header.outlet,
        language=language,
    )


def record_from_text(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    published: str | dt.date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    language: str | None = None,
    origin: str = "<text>",
) -> Record:
    """A completed record for one article given as a string (the Python API's way in).

    Raises ``InputError`` for an empty text or a ``published`` that is not a date.
    """
    if not isinstance(text, str) or not text.strip():
        raise InputError(origin, "text is empty")
    record = Record(
        text=text,
        id=str(id) if id is not None else None,
        title=title,
        published=coerce_published(published, origin),
        outlet=outlet,
        url=url,
        language=language,
        origin=origin,
    )
    return complete_record(record)


def coerce_published(value: object, origin: str) -> dt.date | None:
    """A publication date from a date, a datetime, an ISO timestamp or a written date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError:
            pass
    raise InputError(origin, f"'published' is not a date or timestamp: {value!r}")
