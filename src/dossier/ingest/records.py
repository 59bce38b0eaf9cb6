"""The record: one article as read from a file, a JSON line or stdin, before NLP."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..errors import InputError
from ..limits import DEFAULT_MAX_TEXT_CHARS, MAX_ID_BYTES, SPACY_MAX_CHARS
from .metadata import looks_english, parse_date, read_header

#: The string fields a record carries into the store.
TEXT_FIELDS = ("id", "text", "title", "outlet", "url", "language")


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
    #: What the reader repaired on the way in (e.g. bytes that were not UTF-8), for stderr.
    warnings: list[str] = field(default_factory=list)

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


# -- what a record must be before it costs a parse ---------------------------------------
# Each check returns the reason a record is refused, or None. They run in order and the
# first reason wins, so a record is refused once, for its most basic fault.

RecordCheck = Callable[[Record, int], "str | None"]


def _string_fields(record: Record) -> Iterator[tuple[str, str]]:
    for name in TEXT_FIELDS:
        value = getattr(record, name)
        if isinstance(value, str):
            yield name, value


def fields_are_unicode(record: Record, max_text_chars: int) -> str | None:
    """A lone surrogate (JSON's ``"\\ud800"``) is not a character: no store can encode it."""
    for name, value in _string_fields(record):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            code = ord(value[exc.start])
            return f"{name!r} holds a lone surrogate (U+{code:04X} at character {exc.start}), not valid Unicode"
    return None


def fields_hold_no_nul(record: Record, max_text_chars: int) -> str | None:
    """PostgreSQL text cannot hold U+0000, and no article needs it."""
    for name, value in _string_fields(record):
        at = value.find("\x00")
        if at >= 0:
            return f"{name!r} holds a NUL character (U+0000 at character {at})"
    return None


def id_fits_the_store(record: Record, max_text_chars: int) -> str | None:
    """An id is a key: short enough for every backend's index, and one line of printable text."""
    if record.id is None:
        return None
    size = len(record.id.encode("utf-8"))
    if size > MAX_ID_BYTES:
        return f"'id' is {size:,} bytes long, over the {MAX_ID_BYTES:,} byte limit"
    control = next((char for char in record.id if unicodedata.category(char) == "Cc"), None)
    if control is not None:
        return f"'id' holds a control character (U+{ord(control):04X})"
    return None


def text_fits_the_limit(record: Record, max_text_chars: int) -> str | None:
    if len(record.text) > max_text_chars:
        return (
            f"text is {len(record.text):,} characters long, over the {max_text_chars:,} character "
            "limit (max_text_chars)"
        )
    return None


RECORD_CHECKS: tuple[RecordCheck, ...] = (
    fields_are_unicode,
    fields_hold_no_nul,
    id_fits_the_store,
    text_fits_the_limit,
)


def check_record(record: Record, max_text_chars: int = DEFAULT_MAX_TEXT_CHARS) -> InputError | None:
    """Why ``record`` cannot be extracted and stored, as an ``InputError``, or None when it can."""
    limit = min(max_text_chars, SPACY_MAX_CHARS)
    for check in RECORD_CHECKS:
        reason = check(record, limit)
        if reason is not None:
            return InputError(record.origin, reason)
    return None


def checked_records(
    items: Iterable[Record | InputError], max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
) -> Iterator[Record | InputError]:
    """The items with every record that fails a check turned into its ``InputError``, and a
    second record with an id already read in this run refused unless its text is the same."""
    first_seen: dict[str, tuple[str, str]] = {}
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        error = check_record(item, max_text_chars)
        if error is None and item.id is not None:
            error = _duplicate(item, first_seen)
        yield item if error is None else error


def _duplicate(record: Record, first_seen: dict[str, tuple[str, str]]) -> InputError | None:
    digest = record.text_sha256
    seen = first_seen.setdefault(record.doc_id, (record.origin, digest))
    if seen[1] == digest:
        return None
    return InputError(
        record.origin,
        f"duplicate id {record.doc_id!r}: {seen[0]} has the same id with another text; the first is kept",
    )
