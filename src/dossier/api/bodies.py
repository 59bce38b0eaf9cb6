"""``POST /documents`` bodies to records, with the readers ``dossier ingest`` uses.

A body is one JSON record (or an array of them), JSON lines, a plain-text or HTML
article, or a form: files uploaded as multipart (read by their extension) and ``text`` fields. A body that cannot be
read at all is a ``BodyError``; a bad record inside a readable body is an
``InputError`` in the stream, in its place, and the others go on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

from starlette.datastructures import UploadFile

from ..errors import DossierError, InputError
from ..ingest.readers import (
    READERS,
    decode_text,
    records_from_html,
    records_from_json,
    records_from_jsonl,
    records_from_txt,
)
from ..ingest.records import Record, complete_record

BODY = "body"
JSON_TYPES = ("application/json",)
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-lines")
TEXT_TYPES = ("text/plain",)
HTML_TYPES = ("text/html",)
MULTIPART_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
MEDIA_TYPES = (*JSON_TYPES, *JSONL_TYPES, *TEXT_TYPES, *HTML_TYPES, *MULTIPART_TYPES)


class BodyError(DossierError):
    """A request body that holds no readable article; ``status`` is the HTTP status."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def decode(data: bytes, max_bytes: int, origin: str = BODY) -> str:
    if len(data) > max_bytes:
        raise BodyError(f"{origin} is {len(data):,} bytes, over the {max_bytes:,} byte limit (max_file_bytes)", 413)
    try:
        return decode_text(data, empty=f"{origin} is empty")
    except ValueError as exc:
        raise BodyError(str(exc)) from None


def _text_records(text: str) -> Iterator[Record | InputError]:
    """text/plain: JSON lines (or one JSON object) when it starts with ``{``, else an article."""
    if not text.lstrip().startswith("{"):
        yield from records_from_txt(text, BODY)
        return
    try:
        json.loads(text)
    except json.JSONDecodeError:
        yield from records_from_jsonl(text, BODY)
        return
    yield from records_from_json(text, BODY)


def records_of_body(data: bytes, content_type: str | None, max_bytes: int) -> list[Record | InputError]:
    """The records of a non-multipart body, completed from their headers."""
    kind = media_type(content_type)
    if kind in MULTIPART_TYPES:
        raise BodyError("forms are read by records_of_files")
    if kind not in MEDIA_TYPES:
        shown = kind or "no Content-Type"
        raise BodyError(f"cannot read {shown}: send {', '.join(MEDIA_TYPES)}", 415)
    text = decode(data, max_bytes)
    if kind in JSON_TYPES:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BodyError(f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
        if not isinstance(data, (dict, list)) or data == []:
            raise BodyError("the body must be a JSON object (one article) or a non-empty array of them")
        items = list(records_from_json(text, BODY))
    elif kind in JSONL_TYPES:
        items = list(records_from_jsonl(text, BODY))
    elif kind in HTML_TYPES:
        items = list(records_from_html(text, BODY))
    else:
        items = list(_text_records(text))
    if not items:
        raise BodyError("the body holds no record")
    return [complete_record(item) if isinstance(item, Record) else item for item in items]


async def records_of_files(files: list[UploadFile | str], max_bytes: int) -> list[Record | InputError]:
    """The records of uploaded files (read by extension) and ``text`` form fields (articles)."""
    items: list[Record | InputError] = []
    for number, part in enumerate(files, start=1):
        if isinstance(part, str):
            origin = f"{BODY}[{number}]"
            items.extend(records_from_txt(part, origin) if part.strip() else [InputError(origin, "text is empty")])
            continue
        origin = os.path.basename(part.filename or "") or f"{BODY}[{number}]"
        reader = READERS.get(os.path.splitext(origin)[1].lower())
        if reader is None:
            items.append(InputError(origin, f"unsupported file type (expected {', '.join(READERS)})"))
            continue
        data = await part.read(max_bytes + 1)
        try:
            text = decode(data, max_bytes, origin)
        except BodyError as exc:
            items.append(InputError(origin, str(exc)))
            continue
        items.extend(reader(text, origin))
    if not items:
        raise BodyError("the form holds no file and no text")
    return [complete_record(item) if isinstance(item, Record) else item for item in items]
